"""Arms-export chart: market shares and growth between periods, with ranks."""

from __future__ import annotations

import pandas as pd
from matplotlib.figure import Figure

from .common import STYLE, finish, qualifier_mark, short_source
from .common import rows as rows_of

COLOURS = {"RUS": "#d62728", "CHN": "#ff7f0e", "USA": "#1f77b4"}


def arms_exporters(arms: pd.DataFrame, sources: pd.DataFrame) -> Figure:
    """Left: exporters' share of the world arms market. Right: growth of their exports
    against the earlier period. Ranks are written beside the exporter's name."""
    import matplotlib as mpl

    with mpl.rc_context(STYLE):
        share = arms[arms["indicator"] == "market_share"].sort_values("claim_id")
        growth = arms[arms["indicator"] == "export_growth"].sort_values("claim_id")
        ranks = arms[(arms["indicator"] == "exporter_rank") & arms["value"].notna()]
        fig = Figure(figsize=(8, 4.2))
        panels = [
            (fig.add_axes((0.08, 0.2, 0.38, 0.62)), share, "share of world arms exports (%)"),
            (fig.add_axes((0.58, 0.2, 0.38, 0.62)), growth, "export growth vs earlier period (%)"),
        ]
        for ax, rows, label in panels:
            names = []
            for i, row in enumerate(rows_of(rows)):
                rank = ranks[ranks["exporter"] == row.exporter].sort_values("claim_id")
                rank_text = ", ".join(
                    f"rank {r.value:g}"
                    + (f" (was {r.compared_to})" if isinstance(r.compared_to, str) else "")
                    for r in rows_of(rank)
                )
                names.append(f"{row.exporter}\n{rank_text}" if rank_text else row.exporter)
                colour = COLOURS.get(row.exporter, "#777777")
                hatch = "//" if row.status == "estimate" else None
                ax.bar(
                    i, row.value, color=colour, alpha=0.85, hatch=hatch, edgecolor="black", lw=0.5
                )
                period = f"{row.period_start.year}–{row.period_end.year}"
                versus = f"\nvs {row.compared_to}" if isinstance(row.compared_to, str) else ""
                ax.annotate(
                    f"{qualifier_mark(row.qualifier)}{row.value:g}% ({period}){versus}\n"
                    f"{short_source(row.source_id, sources)}",
                    (i, row.value),
                    xytext=(0, 3),
                    textcoords="offset points",
                    ha="center",
                    va="bottom",
                    fontsize=6.5,
                )
            ax.set_xticks(range(len(names)), names, fontsize=7)
            ax.set_title(label)
            top = float(rows["value"].max()) if len(rows) else 1.0
            ax.set_ylim(0, top * 1.45)
            ax.set_xlim(-0.8, max(len(names), 1) - 0.2)
        return finish(
            fig,
            [share, growth, ranks],
            sources,
            "Arms exporters: market share and growth (hatched = estimate)",
        )

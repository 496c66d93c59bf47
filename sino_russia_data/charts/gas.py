"""Gas and pipeline projects side by side: volumes, deal values, lengths, costs."""

from __future__ import annotations

from typing import Any

import pandas as pd
from matplotlib.figure import Figure

from .common import STYLE, finish, short_source
from .common import rows as rows_of

PANELS = [
    ("annual_volume", ("bcm_per_year", "bcm"), "annual volume (bcm)"),
    ("deal_value", ("usd_billion",), "deal value (USD bn)"),
    ("pipeline_length", ("km",), "pipeline length (km)"),
    ("pipeline_cost", ("usd_billion", "usd_million"), "pipeline cost (USD bn)"),
]
# Shown in the panel's unit; the only conversion is USD million -> billion (÷ 1000).
TO_PANEL_UNIT = {"usd_million": 0.001}


def gas_projects(gas: pd.DataFrame, sources: pd.DataFrame) -> Figure:
    """One panel per quantity, one bar per claim, grouped by project; planned figures
    hatched, agreed/reported solid; ranges drawn as low–high bars; sources labelled."""
    import matplotlib as mpl

    with mpl.rc_context(STYLE):
        fig = Figure(figsize=(9, 6.4))
        plotted = []
        projects = sorted(
            gas.loc[gas["indicator"].isin([p[0] for p in PANELS]), "project"].unique()
        )
        colours = dict(
            zip(projects, ["#1f77b4", "#ff7f0e", "#2ca02c", "#9467bd", "#8c564b"], strict=False)
        )
        for k, (indicator, units, title) in enumerate(PANELS):
            ax = fig.add_axes((0.07 + (k % 2) * 0.49, 0.56 - (k // 2) * 0.42, 0.4, 0.3))
            rows = gas[(gas["indicator"] == indicator) & gas["unit"].isin(units)].sort_values(
                ["project", "claim_id"]
            )
            plotted.append(rows)
            labels = _gas_bars(ax, rows, colours, sources)
            ax.set_xticks(range(len(labels)), labels, rotation=30, ha="right", fontsize=6)
            ax.set_title(title)
            ax.set_xlim(-0.8, max(len(labels), 1) - 0.2)
            if len(rows):
                ax.set_ylim(0, float(ax.get_ylim()[1]) * 1.15)
        _project_legend(fig, colours)
        return finish(
            fig, plotted, sources, "Gas and pipeline projects side by side (* year inferred)"
        )


def _gas_bars(
    ax: Any, rows: pd.DataFrame, colours: dict[str, str], sources: pd.DataFrame
) -> list[str]:
    """One bar per claim (ranges from low to high), labelled; the bars' source labels."""
    labels = []
    for i, row in enumerate(rows_of(rows)):
        factor = TO_PANEL_UNIT.get(row.unit, 1.0)
        colour = colours.get(row.project, "#777777")
        hatch = "//" if row.status in ("plan", "projection", "target") else None
        if row.qualifier == "range":
            low, high = row.value_low * factor, row.value_high * factor
            ax.bar(
                i,
                high - low,
                bottom=low,
                color=colour,
                alpha=0.6,
                hatch=hatch,
                edgecolor="black",
                lw=0.5,
            )
            text = f"{low:g}–{high:g}"
            top = high
        else:
            top = row.value * factor
            ax.bar(i, top, color=colour, alpha=0.85, hatch=hatch, edgecolor="black", lw=0.5)
            text = ("≥" if row.qualifier == "lower_bound" else "") + f"{top:g}"
        ax.annotate(
            text,
            (i, top),
            xytext=(0, 2),
            textcoords="offset points",
            ha="center",
            va="bottom",
            fontsize=6.5,
        )
        labels.append(short_source(row.source_id, sources).replace(" (year inferred)", "*"))
    return labels


def _project_legend(fig: Figure, colours: dict[str, str]) -> None:
    import matplotlib as mpl

    handles = [mpl.patches.Patch(color=c, label=p.replace("_", " ")) for p, c in colours.items()]
    handles.append(
        mpl.patches.Patch(
            facecolor="white", edgecolor="black", hatch="//", label="planned / proposed"
        )
    )
    fig.legend(
        handles=handles,
        loc="lower center",
        ncol=3,
        frameon=False,
        fontsize=7,
        bbox_to_anchor=(0.5, 0.03),
    )

"""Arms-export chart: where Russia and China rank as arms exporters, and how that changed
(ranks; growth of exports between periods; share of world exports)."""

from __future__ import annotations

from typing import Any

import pandas as pd
from matplotlib.figure import Figure

from .common import (
    MUTED,
    STYLE,
    TITLE_IN,
    ChartSources,
    brief_source,
    figure,
    footer,
    header,
    place_axes,
    sources_or_loaded,
)
from .common import rows as rows_of
from .labels import PARTIES, human
from .marks import Marks, colour_key, key_handles
from .placement import Label, place

COLOURS = {"RUS": "#c0504d", "CHN": "#d9901a", "USA": "#3b6ea8"}
ORDINALS = {1: "1st", 2: "2nd", 3: "3rd"}
UNDATED = "earlier\n(undated)"


def _ordinal(rank: float) -> str:
    return ORDINALS.get(int(rank), f"{int(rank)}th")


def _colour(exporter: object) -> str:
    return COLOURS.get(str(exporter), "#777777")


def arms_exporters(arms: pd.DataFrame, sources: pd.DataFrame | None = None) -> Figure:
    """Where do Russia and China rank as arms exporters, and how did that change?

    ``arms``: rows of ``srd.arms()`` (filter freely). Left: each exporter rank claim at its
    year (an undated rank at 'earlier'), a stated move between ranks as an arrow. Right:
    growth of exports against an earlier period and share of world exports, one row per
    claim. ``sources``: ``srd.sources()``, looked up when not given."""
    import matplotlib as mpl

    chart_sources = sources_or_loaded(sources)
    with mpl.rc_context(STYLE):
        ranks = arms[(arms["indicator"] == "exporter_rank") & arms["value"].notna()]
        ranks = ranks.sort_values(["exporter", "claim_id"])
        levels = arms[arms["indicator"].isin(["export_growth", "market_share"])]
        # sorted by the text of the values (a vocabulary column is a category)
        levels = levels.sort_values(
            ["indicator", "exporter", "claim_id"], key=lambda c: c.astype(str)
        )
        fig = figure(9, 4.9)
        header(fig, "Where Russia and China rank as arms exporters",
               "Ranks as each text states them, and the percentages that go with them; "
               "colour is the exporter.")  # fmt: skip
        left, right = fig.add_axes((0, 0, 1, 1)), fig.add_axes((0, 0, 1, 1))
        rank_labels, rank_marks = _rank_panel(left, ranks, chart_sources)
        level_labels, level_marks = _percent_panel(right, levels, chart_sources)
        rank_marks.used |= level_marks.used
        handles, handler_map = key_handles(rank_marks)
        exporters = sorted(set(ranks["exporter"]) | set(levels["exporter"]))
        handles = [colour_key(_colour(e), human(e, PARTIES)) for e in exporters] + handles
        bottom = footer(fig, [ranks, levels], chart_sources, handles, handler_map) + 0.45
        place_axes(fig, left, 0.75, 5.75, TITLE_IN + 0.3, bottom)
        place_axes(fig, right, 5.2, 0.3, TITLE_IN + 0.3, bottom)
        place(left, rank_labels, rank_marks)
        place(right, level_labels, level_marks)
        return fig


def _rank_panel(ax: Any, ranks: pd.DataFrame, sources: ChartSources) -> tuple[list[Label], Marks]:
    years = sorted({r.period_start.year for r in rows_of(ranks) if pd.notna(r.period_start)})
    columns = ([UNDATED] if ranks["period_start"].isna().any() else []) + [str(y) for y in years]
    marks, labels, where = Marks(ax), [], {}
    for row in rows_of(ranks):
        column = UNDATED if pd.isna(row.period_start) else str(row.period_start.year)
        x = columns.index(column)
        marks.value(x, row, _colour(row.exporter))
        where[row.claim_id] = (x, row.value)
        text = f"{human(row.exporter, PARTIES)}: {_ordinal(row.value)}\n"
        text += brief_source(row.source_id, sources)
        labels.append(Label(x, row.value, text, _colour(row.exporter)))
    for row in rows_of(ranks[ranks["compared_to"].notna()]):
        earlier = ranks[(ranks["exporter"] == row.exporter) & ranks["period_start"].isna()
                        & (ranks["source_id"] == row.source_id)]  # fmt: skip
        for before in rows_of(earlier):
            ax.annotate("", xy=where[row.claim_id], xytext=where[before.claim_id],
                        arrowprops={"arrowstyle": "-|>", "color": _colour(row.exporter),
                                    "lw": 1, "shrinkA": 6, "shrinkB": 6})  # fmt: skip
    worst = max([10.0, *ranks["value"].tolist()])
    ax.set_ylim(worst + 0.8, 0.2)
    ax.set_yticks(range(1, int(worst) + 1), [_ordinal(r) for r in range(1, int(worst) + 1)])
    ax.set_xlim(-0.6, max(len(columns), 1) - 0.4 + 0.6)
    ax.set_xticks(range(len(columns)), columns)
    ax.set_title("Rank among the world's arms exporters", color=MUTED)
    ax.grid(axis="y", color="#eeeeee")
    ax.set_axisbelow(True)
    return labels, marks


def _percent_panel(
    ax: Any, levels: pd.DataFrame, sources: ChartSources
) -> tuple[list[Label], Marks]:
    marks, labels, names = Marks(ax, along="x"), [], []
    for y, row in enumerate(rows_of(levels)):
        top = marks.value(y, row, _colour(row.exporter))
        sign = "+" if row.indicator == "export_growth" else ""
        status = "" if row.status == "reported" else f" ({row.status})"
        labels.append(Label(top, y, f"{sign}{top:g}%{status}\n"
                            f"{brief_source(row.source_id, sources)}", _colour(row.exporter)))  # fmt: skip
        names.append(_row_name(row))
    ax.set_yticks(range(len(names)), names)
    ax.set_ylim(len(names) - 0.4, -0.6)
    top = float(levels["value"].max()) if len(levels) else 1.0
    ax.set_xlim(0, top * 1.35)
    ax.set_xlabel("percent")
    ax.set_title("Growth of arms exports, and share of world exports", color=MUTED)
    ax.grid(axis="x", color="#eeeeee")
    ax.set_axisbelow(True)
    return labels, marks


def _row_name(row: Any) -> str:
    who = human(row.exporter, PARTIES)
    period = f"{row.period_start.year}–{row.period_end.year}"
    if row.indicator == "export_growth":
        versus = f"\nvs {row.compared_to}" if isinstance(row.compared_to, str) else ""
        return f"{who}: growth of exports,\n{period}{versus}"
    return f"{who}: share of world\narms exports, {period}"

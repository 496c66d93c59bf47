"""Trade charts: Russia–China trade over time; China's share of Russia's turnover."""

from __future__ import annotations

from typing import Any

import pandas as pd
from matplotlib.figure import Figure
from matplotlib.lines import Line2D

from .common import STATUS_MARKERS, STYLE, finish, midpoint, qualifier_mark, short_source
from .common import rows as rows_of

FLOW_COLOURS = {"turnover": "#1f77b4", "exports": "#2ca02c", "imports": "#d62728"}


def trade_over_time(trade: pd.DataFrame, sources: pd.DataFrame) -> Figure:
    """Russia–China trade (USD bn): turnover, exports, imports; reported, estimated and
    target figures distinguished by marker; hedged figures marked; each point labelled with
    its source."""
    import matplotlib as mpl

    with mpl.rc_context(STYLE):
        rows = trade[
            (trade["unit"] == "usd_billion")
            & trade["flow"].isin(list(FLOW_COLOURS))
            & trade["reporter"].isin(["RUS", "CHN"])
            & trade["partner"].isin(["RUS", "CHN"])
        ].copy()
        rows["x"] = midpoint(rows["period_start"], rows["period_end"])
        rows = rows.sort_values(["x", "claim_id"])
        fig = Figure(figsize=(8.5, 4.8))
        ax = fig.add_axes((0.08, 0.16, 0.6, 0.72))
        seen: dict[tuple[object, float], int] = {}
        for row in rows_of(rows):
            _plot_level(ax, row, sources, seen)
        ax.set_ylabel("USD billion")
        ax.set_ylim(bottom=0, top=float(rows["value"].max()) * 1.12 if len(rows) else 1.0)
        ax.margins(x=0.12)
        ax.grid(axis="y", color="#dddddd")
        _flow_and_status_legend(fig, set(rows["status"]))
        return finish(
            fig, [rows], sources, "Russia–China trade as the texts state it (USD billion)"
        )


def _plot_level(
    ax: Any, row: Any, sources: pd.DataFrame, seen: dict[tuple[object, float], int]
) -> None:
    """One stated level: its marker, its range, and its label (equal points stack labels)."""
    marker, fill = STATUS_MARKERS[row.status]
    colour = FLOW_COLOURS[row.flow]
    value = row.value if pd.notna(row.value) else (row.value_low + row.value_high) / 2
    ax.plot([row.x], [value], marker=marker, fillstyle=fill, color=colour, ms=8, ls="")
    if row.qualifier == "range":
        ax.vlines(row.x, row.value_low, row.value_high, color=colour)
    label = f"{qualifier_mark(row.qualifier)}{value:g} {short_source(row.source_id, sources)}"
    stack = seen.get((row.x, value), 0)
    seen[(row.x, value)] = stack + 1
    ax.annotate(
        label,
        (row.x, value),
        xytext=(7, -3 - 9 * stack),
        textcoords="offset points",
        fontsize=6.5,
        color=colour,
    )


def _flow_and_status_legend(fig: Figure, statuses: set[str]) -> None:
    handles = [Line2D([], [], color=c, marker="o", ls="", label=f) for f, c in FLOW_COLOURS.items()]
    handles += [
        Line2D([], [], color="black", marker=m, fillstyle=f, ls="", label=s)
        for s, (m, f) in STATUS_MARKERS.items()
        if s in statuses
    ]
    fig.legend(
        handles=handles,
        loc="upper left",
        bbox_to_anchor=(0.8, 0.88),
        frameon=False,
        title="flow / status\n(≤ at most: 'almost')",
        title_fontsize=7,
        fontsize=7,
    )


def china_share(trade: pd.DataFrame, sources: pd.DataFrame) -> Figure:
    """China's share of Russia's trade turnover (percent), hedges visible."""
    import matplotlib as mpl

    with mpl.rc_context(STYLE):
        rows = trade[
            (trade["measure"] == "share")
            & (trade["unit"] == "percent")
            & (trade["reporter"] == "RUS")
            & (trade["partner"] == "CHN")
        ].copy()
        rows["x"] = midpoint(rows["period_start"], rows["period_end"])
        rows = rows.sort_values(["x", "claim_id"])
        fig = Figure(figsize=(6.5, 4.2))
        ax = fig.add_axes((0.1, 0.18, 0.85, 0.68))
        ax.plot(rows["x"], rows["value"], color="#999999", lw=1, zorder=1)
        for row in rows_of(rows):
            marker, fill = STATUS_MARKERS[row.status]
            ax.plot([row.x], [row.value], marker=marker, fillstyle=fill, color="#1f77b4", ms=8)
            if row.qualifier == "upper_bound":
                ax.annotate(
                    "",
                    xy=(row.x, row.value - 2.5),
                    xytext=(row.x, row.value),
                    arrowprops={"arrowstyle": "->", "color": "#1f77b4"},
                )
            ax.annotate(
                f"{qualifier_mark(row.qualifier)}{row.value:g}% ({row.hedge if isinstance(row.hedge, str) else 'stated'})\n"
                f"{short_source(row.source_id, sources)}",
                (row.x, row.value),
                xytext=(7, 2),
                textcoords="offset points",
                fontsize=7,
            )
        ax.set_ylabel("percent of Russia's trade turnover")
        ax.margins(x=0.2)
        ax.set_ylim(0, 25)
        ax.grid(axis="y", color="#dddddd")
        return finish(fig, [rows], sources, "China's share of Russia's trade turnover")

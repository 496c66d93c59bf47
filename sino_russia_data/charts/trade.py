"""Trade charts: what each text says Russia–China trade was, year by year; China's share
of Russia's trade turnover."""

from __future__ import annotations

from typing import Any

import pandas as pd
from matplotlib.figure import Figure

from ..texts.display import display_quote
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
from .labels import FLOWS, human
from .marks import FORWARD, Marks, colour_key, hedged, key_handles
from .placement import Label, place

FLOW_COLOURS = {"turnover": "#3b6ea8", "exports": "#2e8b57", "imports": "#c0504d"}


def trade_levels(trade: pd.DataFrame) -> pd.DataFrame:
    """Russia–China turnover, exports and imports in USD billion for a single year."""
    rows = trade[
        (trade["unit"] == "usd_billion")
        & (trade["measure"] == "level")
        & trade["flow"].isin(list(FLOW_COLOURS))
        & trade["reporter"].isin(["RUS", "CHN"])
        & trade["partner"].isin(["RUS", "CHN"])
        & (trade["period_start"].dt.year == trade["period_end"].dt.year)
    ].copy()
    rows["year"] = rows["period_start"].dt.year
    return pd.DataFrame(rows.sort_values(["year", "flow", "claim_id"]))


def trade_over_time(trade: pd.DataFrame, sources: pd.DataFrame | None = None) -> Figure:
    """What did each text say bilateral trade was, year by year?

    ``trade``: rows of ``srd.trade()`` (filter freely); the Russia–China turnover, exports
    and imports in USD billion for one year are plotted, one mark per claim. Targets and
    projections sit apart, on their own scale. ``sources``: ``srd.sources()``, looked up
    when not given."""
    import matplotlib as mpl

    chart_sources = sources_or_loaded(sources)
    with mpl.rc_context(STYLE):
        rows = trade_levels(trade)
        stated, ahead = rows[~rows["status"].isin(FORWARD)], rows[rows["status"].isin(FORWARD)]
        fig = figure(9, 5.4)
        header(fig, "What each text says Russia–China trade was",
               "USD billion, one mark per claim, at the year it is for. "
               "The target is set apart, on its own scale.")  # fmt: skip
        ax, goal = fig.add_axes((0, 0, 1, 1)), fig.add_axes((0, 0, 1, 1))
        labels, marks = _draw_levels(ax, stated, chart_sources)
        labels_ahead, marks_ahead = _draw_levels(goal, ahead, chart_sources)
        for axes, part in ((ax, stated), (goal, ahead)):
            _style_year_axis(axes, part)
        goal.set_title("Target (own scale)", color=MUTED)
        handles, handler_map = key_handles(_merge(marks, marks_ahead))
        flows = [f for f in FLOW_COLOURS if f in set(rows["flow"])]
        handles = [colour_key(FLOW_COLOURS[f], human(f, FLOWS)) for f in flows] + handles
        bottom = footer(fig, [rows], chart_sources, handles, handler_map) + 0.35
        place_axes(fig, ax, 0.7, 2.6, TITLE_IN + 0.25, bottom)
        place_axes(fig, goal, 7.0, 0.45, TITLE_IN + 0.25, bottom)
        ax.set_ylabel("USD billion")
        place(ax, labels, marks)
        place(goal, labels_ahead, marks_ahead)
        return fig


def _draw_levels(ax: Any, rows: pd.DataFrame, sources: ChartSources) -> tuple[list[Label], Marks]:
    """One mark per claim, claims of the same flow and year side by side; lines only
    between consecutive years of one flow in one text."""
    marks = Marks(ax)
    labels = []
    for (_, _), group in rows.groupby(["year", "flow"], sort=True):
        for k, row in enumerate(rows_of(group)):
            x = row.year + (k - (len(group) - 1) / 2) * 0.22
            colour = FLOW_COLOURS[row.flow]
            top = marks.value(x, row, colour)
            hedge = hedged(row)
            status = "" if row.status == "reported" else f" ({row.status})"
            text = f"{hedge}{top:g}{status}\n{brief_source(row.source_id, sources)}"
            labels.append(Label(x, top, text, colour, first=1 if k < len(group) / 2 - 0.5 else 0))
    for (_, _), group in rows.groupby(["flow", "source_id"], sort=True):
        years = group.drop_duplicates("year").sort_values("year")
        for a, b in zip(rows_of(years), list(rows_of(years))[1:], strict=False):
            if b.year - a.year == 1 and pd.notna(a.value) and pd.notna(b.value):
                ax.plot([a.year, b.year], [a.value, b.value], color=FLOW_COLOURS[a.flow], lw=1)
    return labels, marks


def _style_year_axis(ax: Any, rows: pd.DataFrame) -> None:
    years = sorted(set(rows["year"])) or [2020]
    ax.set_xlim(years[0] - 0.8, years[-1] + 0.8)
    ax.set_xticks(range(years[0], years[-1] + 1))
    ax.xaxis.set_major_formatter("{x:.0f}")
    top = float(pd.concat([rows["value"], rows["value_high"]]).max()) if len(rows) else 1.0
    ax.set_ylim(0, (top if top == top else 1.0) * 1.25)
    ax.grid(axis="y", color="#e6e6e6")
    ax.set_axisbelow(True)


def _merge(a: Marks, b: Marks) -> Marks:
    merged = Marks(a.ax, a.along)
    merged.used = a.used | b.used
    return merged


def share_rows(trade: pd.DataFrame) -> pd.DataFrame:
    """China's share of Russia's trade turnover: the percent levels and the multiples."""
    rows = trade[
        (trade["measure"].isin(["share", "duration"]))
        & (trade["reporter"] == "RUS")
        & (trade["partner"] == "CHN")
        & (trade["flow"] == "turnover")
    ].copy()
    rows["year"] = rows["period_start"].dt.year
    return pd.DataFrame(rows.sort_values(["year", "claim_id"]))


def china_share(trade: pd.DataFrame, sources: pd.DataFrame | None = None) -> Figure:
    """How large is China's share of Russia's trade?

    ``trade``: rows of ``srd.trade()`` (filter freely); China's share of Russia's trade
    turnover in percent is plotted per year, bounds as arrows, and a stated change of the
    share ('nearly doubled') as a bracket over the years it spans. No line joins years
    the texts give no figure for. ``sources``: ``srd.sources()``, looked up when not given."""
    import matplotlib as mpl

    chart_sources = sources_or_loaded(sources)
    with mpl.rc_context(STYLE):
        rows = share_rows(trade)
        levels = rows[(rows["measure"] == "share") & (rows["unit"] == "percent")]
        changes = rows[(rows["measure"] == "share") & (rows["unit"] == "times")]
        fig = figure(7.5, 4.8)
        header(fig, "How large is China's share of Russia's trade?",
               "China's share of Russia's trade turnover, percent, as each text states it; "
               "years without a figure are left empty.")  # fmt: skip
        ax = fig.add_axes((0, 0, 1, 1))
        marks, labels = Marks(ax), []
        colour = FLOW_COLOURS["turnover"]
        for row in rows_of(levels):
            top = marks.value(row.year, row, colour)
            hedge = hedged(row)
            labels.append(Label(row.year, top, f"{hedge}{top:g}%\n"
                                f"{brief_source(row.source_id, chart_sources)}", colour))  # fmt: skip
        years = sorted(set(levels["year"]) | set(changes["year"])) or [2020]
        top_pct = float(levels["value"].max()) if len(levels) else 10.0
        bracket_y = top_pct * 1.25
        used = [levels]
        for row in rows_of(changes):
            labels.append(_change_bracket(ax, marks, row, rows, bracket_y, chart_sources))
            used.append(rows[rows["claim_id"] == row.claim_id])
            used.append(_durations_of(row, rows))
        ax.set_xlim(
            years[0] - 0.9, max(years[-1], max(rows["period_end"].dt.year, default=0)) + 0.9
        )
        ax.xaxis.set_major_formatter("{x:.0f}")
        ax.set_ylim(0, bracket_y * 1.3)
        ax.set_ylabel("percent of Russia's trade turnover")
        ax.grid(axis="y", color="#e6e6e6")
        ax.set_axisbelow(True)
        handles, handler_map = key_handles(marks)
        bottom = footer(fig, used, chart_sources, handles, handler_map) + 0.35
        place_axes(fig, ax, 0.7, 0.3, TITLE_IN + 0.1, bottom)
        place(ax, labels, marks)
        return fig


def _durations_of(change: Any, rows: pd.DataFrame) -> pd.DataFrame:
    """The 'in less than a decade' claims that time a stated change of the share."""
    same = (
        (rows["measure"] == "duration")
        & (rows["source_id"] == change.source_id)
        & (rows["period_start"] == change.period_start)
        & (rows["period_end"] == change.period_end)
    )
    return pd.DataFrame(rows[same])


def _change_bracket(
    ax: Any, marks: Marks, row: Any, rows: pd.DataFrame, y: float, sources: ChartSources
) -> Label:
    """A stated change of the share, as a bracket over the years it spans."""
    start, end = row.period_start.year, row.period_end.year
    ax.plot([start, end], [y, y], color=MUTED, lw=1.2)
    for x in (start, end):
        ax.plot([x, x], [y - 0.6, y], color=MUTED, lw=1.2)
    marks.points += [(start, y), (end, y)]
    source = sources.by_id.loc[row.source_id]
    printed = [display_quote(str(row.figure), source)]
    printed += [
        f"in {display_quote(str(d.figure), source)}" for d in rows_of(_durations_of(row, rows))
    ]
    text = (f"Share '{', '.join(printed)}' from {start} to {end} "
            f"({brief_source(row.source_id, sources)})")  # fmt: skip
    return Label((start + end) / 2, y, text, MUTED, first=2)

"""Timeline of military exercises: which Russia and China held together, and when, at the
precision the texts give."""

from __future__ import annotations

from typing import Any

import pandas as pd
from matplotlib.figure import Figure

from ..texts.display import display_quote
from .common import (
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
from .labels import EXERCISES, human
from .marks import Marks, colour_key, key_handles
from .placement import Label, place

JOINT, OTHER = "#c0504d", "#7f7f7f"


def _is_joint(participants: object) -> bool:
    return isinstance(participants, str) and {"RUS", "CHN"} <= set(participants.split(";"))


def exercise_timeline(exercises: pd.DataFrame, sources: pd.DataFrame | None = None) -> Figure:
    """Which exercises did Russia and China hold together, and when?

    ``exercises``: rows of ``srd.exercises()`` (filter freely). One row per exercise
    (joint Russia–China ones first), one mark per dated claim at the precision its text
    gives, labelled with the date as printed and the source; a date the text gives only as
    a bound ('largest ... to date') is a mark with an arrow toward where it may lie, labelled
    with the bound. ``sources``: ``srd.sources()``, looked up when not given."""
    import matplotlib as mpl

    chart_sources = sources_or_loaded(sources)
    with mpl.rc_context(STYLE):
        drawn, bounded = _drawn(exercises)
        order = list(dict.fromkeys(drawn["exercise"]))
        lines = len(drawn) + 0.4 * max(len(order) - 1, 0)
        fig = figure(9.5, 2.4 + 0.2 * max(lines, 4))
        header(fig, "Which exercises Russia and China held together, and when",
               "One row per exercise, one line per dated claim, at the precision its text "
               "gives; labels give the date as printed, or its bound.")  # fmt: skip
        ax = fig.add_axes((0, 0, 1, 1))
        marks, labels, extra, centres = Marks(ax, along="x"), [], [], []
        y = 0.0
        for _, group in drawn.groupby("exercise", sort=False):
            centres.append(y + (len(group) - 1) / 2)
            for row in rows_of(group):
                colour = JOINT if row.joint else OTHER
                extent: tuple[float, float] | None
                if pd.notna(row.period_start):
                    notes = _recurrence(exercises, row)
                    extra.append(notes)
                    extent = marks.when(y, row, colour)
                    text = _when_text(row, notes, chart_sources)
                else:  # only bounds (every claim sharing them is in `bounded`)
                    extent = marks.bounds(y, row, colour)
                    text = _bound_text(row, chart_sources)
                assert extent is not None  # _drawn keeps only rows with a date or a bound
                labels.append(Label(extent[1], y, text, colour, fontsize=6.5))
                y += 1
            y += 0.4
        _style(ax, drawn, order, centres)
        handles, handler_map = key_handles(marks)
        handles = [colour_key(JOINT, "Russia and China together"),
                   colour_key(OTHER, "others, for context"), *handles]  # fmt: skip
        bottom = footer(fig, [drawn, bounded, *extra], chart_sources, handles, handler_map)
        bottom += 0.35
        place_axes(fig, ax, 2.9, 0.3, TITLE_IN + 0.1, bottom)
        place(ax, labels, marks)
        return fig


def _drawn(exercises: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(the rows drawn, sorted; every claim dated only by bounds). Drawn: each claim of an
    exercise's date, and each date given only as bounds once per exercise, source, quote
    and bounds (the troops, tanks and rank of 'Russia's largest military exercises to
    date' share one)."""
    bounds = ["earliest_date", "latest_date"]
    has_bound = exercises[bounds].notna().any(axis=1) & exercises["period_start"].isna()
    once = has_bound & ~exercises.duplicated(["exercise", "source_id", "quote", *bounds])
    dated = exercises["period_start"].notna() & (exercises["indicator"] == "date")
    drawn = exercises[dated | once]
    when = drawn["period_start"].fillna(drawn["earliest_date"]).fillna(drawn["latest_date"])
    drawn = drawn.assign(joint=[_is_joint(p) for p in drawn["participants"]], when=when)
    first = drawn.groupby("exercise")["when"].transform("min")
    drawn = drawn.assign(first=first).sort_values(["joint", "first", "exercise", "claim_id"],
                                                  ascending=[False, True, True, True])  # fmt: skip
    return drawn, pd.DataFrame(exercises[has_bound])


def _day(stamp: Any) -> str:
    return f"{stamp.day} {stamp:%B %Y}"


def _bound_text(row: Any, sources: ChartSources) -> str:
    """'On or before 17 December 2014 (the article's date) · Cohen 2014'."""
    earliest, latest = row.earliest_date, row.latest_date
    if pd.notna(earliest) and pd.notna(latest):
        text = f"Between {_day(earliest)} and {_day(latest)}"
    elif pd.notna(latest):
        published = sources.by_id.loc[row.source_id, "published"]
        own = row.date_basis == "resolved" and pd.notna(published) and published == latest
        text = f"On or before {_day(latest)}" + (" (the article's date)" if own else "")
    else:
        text = f"From {_day(earliest)}, no end stated"
    return f"{text} · {brief_source(row.source_id, sources)}"


def _recurrence(exercises: pd.DataFrame, row: Any) -> pd.DataFrame:
    """The same text's 'once or twice a year' claims for the same exercise and period."""
    return pd.DataFrame(
        exercises[
            (exercises["exercise"] == row.exercise)
            & (exercises["indicator"] == "frequency")
            & (exercises["source_id"] == row.source_id)
            & (exercises["period_start"] == row.period_start)
        ]
    )


def _when_text(row: Any, recurrence: pd.DataFrame, sources: ChartSources) -> str:
    source = sources.by_id.loc[row.source_id]
    printed = display_quote(str(row.figure), source)
    printed = printed[0].upper() + printed[1:]
    for again in rows_of(recurrence):
        printed += ", " + display_quote(str(again.figure), source)
    planned = " (planned)" if row.exercise_status == "planned" else ""
    return f"{printed}{planned} · {brief_source(row.source_id, sources)}"


def _style(ax: Any, dated: pd.DataFrame, order: list[str], centres: list[float]) -> None:
    from matplotlib.ticker import MultipleLocator

    days = ["period_start", "period_end", "earliest_date", "latest_date"]
    years = [int(d.year) for column in days for d in dated[column].dropna()] or [2010]
    ax.set_xlim(min(years) - 0.5, max(years) + 4.5)
    ax.xaxis.set_major_locator(MultipleLocator(2 if max(years) - min(years) > 8 else 1))
    ax.xaxis.set_major_formatter("{x:.0f}")
    ax.set_yticks(centres, [human(name, EXERCISES) for name in order])
    joint = set(dated.loc[dated["joint"], "exercise"])
    for tick, name in zip(ax.get_yticklabels(), order, strict=True):
        tick.set_color(JOINT if name in joint else OTHER)
    ax.set_ylim(max(centres, default=0) + len(dated) / max(len(order), 1) + 0.2, -0.8)
    ax.grid(axis="x", color="#eeeeee")
    ax.set_axisbelow(True)

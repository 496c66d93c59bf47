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
    gives, labelled with the date as printed and the source. ``sources``:
    ``srd.sources()``, looked up when not given."""
    import matplotlib as mpl

    chart_sources = sources_or_loaded(sources)
    with mpl.rc_context(STYLE):
        dated = exercises[exercises["period_start"].notna() & (exercises["indicator"] == "date")]
        dated = dated.assign(joint=[_is_joint(p) for p in dated["participants"]])
        first = dated.groupby("exercise")["period_start"].transform("min")
        dated = dated.assign(first=first).sort_values(["joint", "first", "exercise", "claim_id"],
                                                      ascending=[False, True, True, True])  # fmt: skip
        order = list(dict.fromkeys(dated["exercise"]))
        lines = len(dated) + 0.4 * max(len(order) - 1, 0)
        fig = figure(9.5, 2.4 + 0.2 * max(lines, 4))
        header(fig, "Which exercises Russia and China held together, and when",
               "One row per exercise, one line per dated claim, at the precision its text "
               "gives; labels give the date as printed.")  # fmt: skip
        ax = fig.add_axes((0, 0, 1, 1))
        marks, labels, extra, centres = Marks(ax, along="x"), [], [], []
        y = 0.0
        for _, group in dated.groupby("exercise", sort=False):
            centres.append(y + (len(group) - 1) / 2)
            for row in rows_of(group):
                colour = JOINT if row.joint else OTHER
                _, end = marks.when(y, row, colour)
                notes = _recurrence(exercises, row)
                extra.append(notes)
                labels.append(
                    Label(end, y, _when_text(row, notes, chart_sources), colour, fontsize=6.5)
                )
                y += 1
            y += 0.4
        _style(ax, dated, order, centres)
        handles, handler_map = key_handles(marks)
        handles = [colour_key(JOINT, "Russia and China together"),
                   colour_key(OTHER, "others, for context"), *handles]  # fmt: skip
        bottom = footer(fig, [dated, *extra], chart_sources, handles, handler_map) + 0.35
        place_axes(fig, ax, 2.9, 0.3, TITLE_IN + 0.1, bottom)
        place(ax, labels, marks)
        return fig


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

    years = [*dated["period_start"].dt.year, *dated["period_end"].dt.year] or [2010]
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

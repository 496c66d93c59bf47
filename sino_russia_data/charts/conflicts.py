"""Who said what: for every conflict ``srd.consistency()`` finds, the disagreeing claims
side by side with their sources and quotes (small multiples, one panel per conflict)."""

from __future__ import annotations

import re
import textwrap
from typing import Any

import pandas as pd
from matplotlib.figure import Figure
from matplotlib.ticker import MultipleLocator

from ..texts.display import display_quote
from .common import (
    INK,
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
from .labels import PARTIES, RULES, human
from .marks import Marks, key_handles
from .placement import Label, place

COLOUR = "#8064a2"
PANEL_IN, LINE_IN = 0.75, 0.42


def claim_ids_in(cell: object) -> list[str]:
    """The claim_ids of a ``consistency()`` row: a ';'-joined string or a list."""
    if isinstance(cell, str):
        return [c for c in cell.split(";") if c]
    return [str(c) for c in cell] if isinstance(cell, (list, tuple)) else list(map(str, cell))  # type: ignore[call-overload]


def readable(expected: str) -> str:
    """A check's ``expected`` cell in words: country codes named, slugs and paths spelt out
    ('arms sale_event/RUS/CHN/s-400/sold' -> 'arms sale event, Russia, China, S-400, sold')."""
    words = re.sub(r"\b[A-Z]{3}(?:;[A-Z]{3})+\b",
                   lambda m: " and ".join(human(c, PARTIES) for c in m.group(0).split(";")), expected)  # fmt: skip
    words = re.sub(r"\b(RUS|CHN|USA|IND|IRN|VNM)\b", lambda m: human(m.group(0), PARTIES), words)
    words = re.sub(r"\bs-(\d+)", r"S-\1", words.replace("/", ", ").replace("_", " "))
    return words


def who_said_what(
    checks: pd.DataFrame | None = None,
    claims: pd.DataFrame | None = None,
    sources: pd.DataFrame | None = None,
) -> Figure:
    """Who said what, where the texts disagree?

    ``checks``: rows of ``srd.consistency()`` (filter freely; only kind == "conflict" are
    drawn). ``claims``: ``srd.claims()``. One panel per conflict, one line per claim with
    its source and quote (display form), its date at the precision the text gives.
    Each argument is looked up when not given."""
    import matplotlib as mpl

    from .. import cross_checks, loaders

    checks = cross_checks.consistency() if checks is None else checks
    claims = loaders.claims() if claims is None else claims
    chart_sources = sources_or_loaded(sources)
    with mpl.rc_context(STYLE):
        conflicts = checks[checks["kind"] == "conflict"].sort_values("check_id")
        by_id = claims.set_index("claim_id")
        groups = [by_id.loc[claim_ids_in(c)].reset_index() for c in conflicts["claim_ids"]]
        height = sum(PANEL_IN + LINE_IN * len(g) for g in groups)
        fig = figure(10, TITLE_IN + 0.2 + height + 1.1)
        header(fig, "Who said what: where the texts disagree",
               "Each conflict consistency() finds, with the claims side by side: source, "
               "quote and the date each text gives.")  # fmt: skip
        drawn, used, top = [], Marks(None, along="x"), TITLE_IN + 0.05
        for check, group in zip(rows_of(conflicts), groups, strict=True):
            ax = fig.add_axes((0, 0, 1, 1))
            labels, marks = _panel(ax, check, group, chart_sources)
            used.used |= marks.used
            drawn.append((ax, labels, marks, top, PANEL_IN + LINE_IN * len(group)))
            top += PANEL_IN + LINE_IN * len(group)
        handles, handler_map = key_handles(used)
        footer(fig, groups or [claims.head(0)], chart_sources, handles, handler_map)
        for ax, labels, marks, at, size in drawn:
            place_axes(fig, ax, 5.2, 0.3, at + 0.35, fig.get_figheight() - at - size + 0.3)
            fig.text(0.12 / fig.get_figwidth(), 1 - (at + 0.1) / fig.get_figheight(),
                     ax.get_title(loc="left"), fontsize=8, fontweight="bold", color=INK, va="top")  # fmt: skip
            ax.set_title("", loc="left")
            place(ax, labels, marks)
        return fig


def _panel(
    ax: Any, check: Any, group: pd.DataFrame, sources: ChartSources
) -> tuple[list[Label], Marks]:
    marks, labels, extents = Marks(ax, along="x"), [], []
    by_source = sources.by_id
    readings = "modality" in group and bool((group["modality"].astype(str) == "disputed").all())
    for y, row in enumerate(rows_of(group)):
        extent = (
            marks.when(y, row, COLOUR)
            if pd.notna(row.period_start)
            else marks.bounds(y, row, COLOUR)
        )
        if extent is not None:
            extents.append(extent)
            figure_shown = display_quote(str(row.figure), by_source.loc[row.source_id])
            labels.append(Label(extent[1], y, figure_shown, COLOUR))
    names = [_claim_name(row, sources, by_source, readings) for row in rows_of(group)]
    ax.set_yticks(range(len(names)), names, fontsize=6.5, color=INK)
    ax.set_ylim(len(names) - 0.5, -0.5)
    if extents:
        first, last = min(e[0] for e in extents), max(e[1] for e in extents)
        ax.set_xlim(int(first) - 0.5, int(last) + 2.5)
        ax.xaxis.set_major_locator(MultipleLocator(1 if last - first < 6 else 2))
        ax.xaxis.set_major_formatter("{x:.0f}")
    else:
        ax.set_xticks([])
        ax.text(0.5, 0.5, "no date stated: the texts differ in what they say it is",
                transform=ax.transAxes, ha="center", va="center", fontsize=7, color=INK)  # fmt: skip
    ax.set_title(f"{human(check.rule, RULES)}: {readable(str(check.expected))}")
    ax.grid(axis="x", color="#eeeeee")
    ax.set_axisbelow(True)
    return labels, marks


def _claim_name(row: Any, sources: ChartSources, by_source: pd.DataFrame, readings: bool) -> str:
    """'Cohen 2014, citing the Russians: prepayment: “quote …”', a claim's row label."""
    who = brief_source(row.source_id, sources)
    attributed = getattr(row, "attributed_to", None)
    if isinstance(attributed, str) and attributed:
        who += f", citing {attributed}"
    if readings:
        who += f" ({str(row.indicator).replace('_', ' ')})"
    quote = display_quote(str(row.quote), by_source.loc[row.source_id])
    excerpt = textwrap.shorten(quote, width=100, placeholder=" …")
    lines = textwrap.wrap(f"{who}: “{excerpt}”", 68)
    return "\n".join(lines[:2]) + ("…”" if len(lines) > 2 else "")

"""What every chart shares: a fixed style, the header (title, subtitle), the footer (the
key of the visual language and the source line) and the claim_ids record.

The visual language (drawn by :mod:`.marks`, explained in every chart's key):
colour is the thing plotted (a flow, a country, a project); a filled mark (solid where it spans) is
reported, a hollow circle (dotted) an estimate, a hollow diamond (dashed) a target,
projection or plan; an arrow from a mark points to where a bound leaves the value
('at most' / 'almost' / 'less than': down or left; 'more than' / 'minimum': up or right);
a line with end caps is a range or a period the text gives (its year, season or month),
a dot a day-exact date; an arrowhead ends a span the text runs up to its own date.
"""

from __future__ import annotations

import textwrap
from collections.abc import Iterable, Iterator
from typing import Any

import pandas as pd
from matplotlib.figure import Figure

# A fixed style so output does not depend on the user's matplotlibrc.
STYLE: Any = {
    "font.family": "DejaVu Sans",
    "font.size": 8,
    "axes.titlesize": 9,
    "axes.titlelocation": "left",
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.edgecolor": "#888888",
    "xtick.color": "#444444",
    "ytick.color": "#444444",
    "svg.hashsalt": "sino-russia-data",
    "svg.fonttype": "path",
    "figure.dpi": 100,
    "savefig.dpi": 100,
}

INK = "#333333"
MUTED = "#666666"
TITLE_IN = 0.62  # inches the title and subtitle take at the top
_CLAIMS_ATTR = "_sino_russia_claim_ids"
_LINE_IN = 0.14  # one line of the source line


def figure(width: float, height: float) -> Figure:
    """A blank figure of the given size in inches."""
    return Figure(figsize=(width, height))


def header(fig: Figure, title: str, subtitle: str) -> None:
    """The title (what the chart answers) and the subtitle (what is plotted)."""
    height = fig.get_figheight()
    fig.text(0.12 / fig.get_figwidth(), 1 - 0.1 / height, title, fontsize=11,
             fontweight="bold", va="top", color=INK)  # fmt: skip
    fig.text(0.12 / fig.get_figwidth(), 1 - 0.36 / height, subtitle, fontsize=8,
             va="top", color=MUTED)  # fmt: skip


class ChartSources:
    """The sources table as a chart reads it, indexed once: each source's row (``by_id``)
    and its short name ('Kim & Blank 2013', 'Unattributed 2015 (year inferred)')."""

    def __init__(self, sources: pd.DataFrame) -> None:
        from ..publishing.csl import people  # the one reader of the 'Surname, Given' cells

        self.by_id = sources.set_index("source_id")
        self.short: dict[str, str] = {}
        for row in sources.to_dict("records"):
            who = " & ".join(surname for surname, _ in people(row)) or "Unattributed"
            year = pd.Timestamp(row["published"]).year if pd.notna(row["published"]) else "n.d."
            inferred = " (year inferred)" if row["date_basis"] == "inferred" else ""
            self.short[str(row["source_id"])] = f"{who} {year}{inferred}"


def source_names(source_ids: Iterable[str], sources: ChartSources) -> list[str]:
    """'Kim & Blank 2013, “Rethinking …”' for each source: author(s), year and title."""
    names = []
    for source_id in sorted(set(source_ids)):
        title = sources.by_id.loc[source_id, "title"]
        named = f", “{title}”" if isinstance(title, str) else ", an untitled research paper"
        names.append(short_source(source_id, sources) + named)
    return sorted(names)


def footer(
    fig: Figure,
    frames: Iterable[pd.DataFrame],
    sources: ChartSources,
    handles: list[Any],
    handler_map: dict[Any, Any] | None = None,
) -> float:
    """The key and the source line at the bottom; record the claim_ids. Returns the inches
    they take, so the chart can sit its axes above them."""
    plotted = pd.concat([f[["claim_id", "source_id"]] for f in frames], ignore_index=True)
    ids = sorted(set(plotted["claim_id"]))
    setattr(fig, _CLAIMS_ATTR, ids)
    if not ids and len(fig.texts) > 1:  # say so where the subtitle says what is plotted
        fig.texts[1].set_text("No claims of this kind in the rows given.")
    width, height = fig.get_figwidth(), fig.get_figheight()
    line = "Sources: " + ("; ".join(source_names(plotted["source_id"], sources)) or "none")
    line += f". {len(ids)} claims; their claim ids are in the file's metadata."
    lines = textwrap.wrap(line, width=int(width * 100 / 5.4))
    fig.text(0.12 / width, 0.08 / height, "\n".join(lines), fontsize=7, color=MUTED,
             va="bottom", linespacing=1.25)  # fmt: skip
    used = 0.1 + len(lines) * _LINE_IN
    if handles:
        ncol = min(len(handles), max(1, int(width // 3.0)))
        rows = -(-len(handles) // ncol)
        fig.legend(handles=handles, loc="lower left", ncol=ncol, frameon=False, fontsize=7,
                   bbox_to_anchor=(0.04 / width, used / height), borderaxespad=0,
                   handlelength=2.6, columnspacing=1.2, title="Key", title_fontsize=7,
                   alignment="left", handler_map=handler_map or {})  # fmt: skip
        used += 0.2 + rows * 0.17
    return used


def place_axes(fig: Figure, ax: Any, left: float, right: float, top: float, bottom: float) -> None:
    """Put ``ax`` at the given margins, in inches from the figure's edges."""
    width, height = fig.get_figwidth(), fig.get_figheight()
    ax.set_position(
        (left / width, bottom / height, 1 - (left + right) / width, 1 - (top + bottom) / height)
    )


def short_source(source_id: str, sources: ChartSources) -> str:
    """'Kim & Blank 2013', 'Unattributed 2015 (year inferred)' — author(s) and year."""
    return sources.short[source_id]


def brief_source(source_id: str, sources: ChartSources) -> str:
    """'Kim & Blank 2013', 'Unattributed 2015*' — for labels beside a mark."""
    return short_source(source_id, sources).replace(" (year inferred)", "*")


def sources_or_loaded(sources: pd.DataFrame | None) -> ChartSources:
    """The sources table given, or the shipped one, indexed once for the chart."""
    if sources is not None:
        return ChartSources(sources)
    from .. import loaders

    return ChartSources(loaders.load("sources"))


def rows(frame: pd.DataFrame) -> Iterator[Any]:
    """The frame's rows as named tuples (typed loosely: columns differ per table)."""
    return iter(frame.itertuples())


def claim_ids_of(fig: Figure) -> list[str]:
    """The claim_ids a chart function plotted."""
    return list(getattr(fig, _CLAIMS_ATTR, []))


def year_of(stamp: Any) -> float:
    """A timestamp as a fractional year (2014-07-02 -> 2014.5)."""
    start = pd.Timestamp(year=stamp.year, month=1, day=1)
    days = 366 if start.is_leap_year else 365
    return float(stamp.year + (stamp - start).days / days)

"""The marks of the shared visual language (see :mod:`.common`) and the key that explains
the ones a chart used.

A value is a point (filled: reported; hollow circle: estimate; hollow diamond: target,
projection or plan), an interval with end caps (a range: solid when reported, dotted when
an estimate, dashed when a target, projection or plan), or a point with an arrow (a
bound). A date is a dot when the text gives the day, an interval with end caps spanning
the month, season or year when that is all it gives, and an interval ending in an
arrowhead when it runs up to the text's own date ('since 2009').
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pandas as pd
from matplotlib.legend_handler import HandlerLine2D
from matplotlib.lines import Line2D

from .common import INK, year_of

FORWARD = {"target", "projection", "plan"}
MARKER_SIZE = 6.5
BOUND_ARROW_PT = 13.0


def kind_of(status: object) -> str:
    """'reported', 'estimate' or 'forward' (target, projection, plan)."""
    return "forward" if status in FORWARD else "estimate" if status == "estimate" else "reported"


def _marker(kind: str, colour: str) -> dict[str, Any]:
    shape = "D" if kind == "forward" else "o"
    face = colour if kind == "reported" else "white"
    size = MARKER_SIZE - 1 if shape == "D" else MARKER_SIZE
    return {"marker": shape, "markerfacecolor": face, "markeredgecolor": colour, "ms": size,
            "markeredgewidth": 1.3, "ls": "", "zorder": 3}  # fmt: skip


def _line_style(kind: str) -> str:
    return {"forward": "--", "estimate": ":"}.get(kind, "-")


@dataclass
class Marks:
    """Draws marks on ``ax`` and remembers which parts of the language it used; ``along``
    is the axis the values run along ("x" or "y")."""

    ax: Any
    along: str = "y"
    used: set[str] = field(default_factory=set)
    points: list[tuple[float, float]] = field(default_factory=list)
    arrows: list[tuple[float, float, float, float]] = field(default_factory=list)

    def _xy(self, position: float, value: float) -> tuple[float, float]:
        return (value, position) if self.along == "x" else (position, value)

    def value(self, position: float, row: Any, colour: str, factor: float = 1.0) -> float:
        """Draw one claimed value at ``position`` on the other axis; return where its label
        should anchor (the value, or a range's upper end)."""
        kind = kind_of(row.status)
        self.used.add(kind)
        if row.qualifier == "range":
            low, high = row.value_low * factor, row.value_high * factor
            self._interval(position, low, high, kind, colour, cap_end=True)
            self.used.add("range")
            return float(high)
        value = float(row.value) * factor
        x, y = self._xy(position, value)
        self.ax.plot([x], [y], **_marker(kind, colour))
        self.points.append((x, y))
        if row.qualifier in ("upper_bound", "lower_bound"):
            self._bound_arrow(x, y, row.qualifier, colour)
        if row.qualifier == "approx":
            self.used.add("approx")
        return value

    def _bound_arrow(self, x: float, y: float, qualifier: str, colour: str) -> None:
        sign = -1.0 if qualifier == "upper_bound" else 1.0
        offset = (sign * BOUND_ARROW_PT, 0.0) if self.along == "x" else (0.0, sign * BOUND_ARROW_PT)
        self.ax.annotate("", xy=(x, y), xytext=offset, textcoords="offset points",
                         arrowprops={"arrowstyle": "<|-", "color": colour, "lw": 1.1,
                                     "shrinkA": 0, "shrinkB": 4})  # fmt: skip
        self.arrows.append((x, y, *offset))
        self.used.add(qualifier)

    def _interval(
        self, position: float, low: float, high: float, kind: str, colour: str, cap_end: bool
    ) -> None:
        cap = "|" if self.along == "x" else "_"
        (x0, y0), (x1, y1) = self._xy(position, low), self._xy(position, high)
        self.ax.plot([x0, x1], [y0, y1], color=colour, lw=1.6, ls=_line_style(kind), zorder=2)
        ends = [(x0, y0), (x1, y1)] if cap_end else [(x0, y0)]
        for x, y in ends:
            self.ax.plot([x], [y], marker=cap, color=colour, ms=8, mew=1.6, ls="", zorder=3)
        self.points += ends
        if not cap_end:
            self.ax.plot([x1], [y1], marker=">", color=colour, ms=5, ls="", zorder=3)
            self.points.append((x1, y1))

    def when(self, position: float, row: Any, colour: str) -> tuple[float, float]:
        """Draw a claim's date on a time axis of fractional years (values along x);
        return the extent it covers."""
        kind = kind_of(row.status)
        self.used.add(kind)
        start = year_of(row.period_start)
        end = year_of(row.period_end + pd.Timedelta(days=1))
        if row.period_precision == "day":
            middle = (start + end) / 2
            self.ax.plot([middle], [position], **_marker(kind, colour))
            self.points.append((middle, position))
            self.used.add("day")
            return middle, middle
        long_span = end - start > 1.01
        open_end = long_span and row.date_basis == "resolved"
        self._interval(position, start, end, kind, colour, cap_end=not open_end)
        self.used.add("span" if open_end else "period")
        return start, end

    def bounds(self, position: float, row: Any, colour: str) -> tuple[float, float] | None:
        """Draw a date the text gives only as bounds (``earliest_date``/``latest_date``):
        'on or before' as a mark with an arrow toward earlier, 'from' with an arrow toward
        later, 'within' as a capped interval; None when the row states neither."""
        earliest = getattr(row, "earliest_date", pd.NaT)
        latest = getattr(row, "latest_date", pd.NaT)
        kind = kind_of(row.status)
        if pd.notna(earliest) and pd.notna(latest):
            start, end = year_of(earliest), year_of(latest + pd.Timedelta(days=1))
            self._interval(position, start, end, kind, colour, cap_end=True)
            self.used |= {kind, "within"}
            return start, end
        if pd.isna(earliest) and pd.isna(latest):
            return None
        before = pd.notna(latest)
        x = year_of(latest + pd.Timedelta(days=1)) if before else year_of(earliest)
        self.ax.plot([x], [position], **_marker(kind, colour))
        self.points.append((x, position))
        self._bound_arrow(x, position, "upper_bound" if before else "lower_bound", colour)
        self.used -= {"upper_bound", "lower_bound"}
        self.used |= {kind, "on_or_before" if before else "on_or_after"}
        return x, x


KEY_TEXT = {
    "reported": "reported",
    "estimate": "estimate",
    "forward": "target / projection / plan",
    "upper_bound": "at most ('almost', 'nearly', 'less than')",
    "lower_bound": "at least ('more than', 'minimum')",
    "approx": "~ about",
    "range": "a range the text gives (its two ends)",
    "day": "date known to the day",
    "period": "date known only to its month, season or year",
    "span": "runs up to the text's date ('since 2009')",
    "within": "date known only to lie within ('the mid-2030s')",
    "on_or_before": "date known only as on or before ('by 2014', a cited piece's date)",
    "on_or_after": "date known only as from ('from the mid-2000s')",
}


def colour_key(colour: str, label: str) -> Line2D:
    """A key entry for what a colour stands for (a flow, an exporter, a project)."""
    return Line2D([], [], marker="s", color=colour, ls="", ms=7, label=label)


def hedged(row: Any) -> str:
    """The hedge word the text prints before a figure ('almost ', 'nearly '), or ''."""
    return f"{row.hedge} " if isinstance(row.hedge, str) else ""


def key_handles(marks: Marks) -> tuple[list[Any], dict[Any, Any]]:
    """Legend handles (and their handler map) for the parts of the language ``marks`` used,
    always in the same order."""
    vertical = marks.along == "y"
    handles, handler_map = [], {}
    for part, text in KEY_TEXT.items():
        if part not in marks.used:
            continue
        handle = _handle(part, vertical)
        handle.set_label(text)
        if part in ("range", "period", "within"):
            handler_map[handle] = HandlerLine2D(numpoints=2)
        handles.append(handle)
    return handles, handler_map


def _handle(part: str, vertical: bool) -> Line2D:
    if part == "day":
        return Line2D([], [], **_marker("reported", INK))
    if part in ("reported", "estimate", "forward"):  # the mark, on the line a span of it takes
        style = _marker(part, INK) | {"ls": _line_style(part), "color": INK, "lw": 1.4}
        return Line2D([], [], **style)
    if part in ("on_or_before", "on_or_after"):
        part = "upper_bound" if part == "on_or_before" else "lower_bound"
    if part in ("upper_bound", "lower_bound"):
        arrows = {("upper_bound", True): "$\\downarrow$", ("lower_bound", True): "$\\uparrow$",
                  ("upper_bound", False): "$\\leftarrow$", ("lower_bound", False): "$\\rightarrow$"}  # fmt: skip
        return Line2D([], [], marker=arrows[(part, vertical)], color=INK, ms=9, ls="")
    if part == "approx":
        return Line2D([], [], marker="$\\sim$", color=INK, ms=8, ls="")
    if part == "span":
        return Line2D([], [], marker=">", color=INK, lw=1.6, ms=5)
    return Line2D([], [], marker="|", color=INK, lw=1.6, ms=8, mew=1.6)

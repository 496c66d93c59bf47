"""Direct labels placed so that no two overlap and none leaves its axes.

Each label tries a fixed list of positions around its anchor (right, left, above, below,
then the diagonals, then further out) and takes the first whose box, measured by
matplotlib's renderer, stays inside the axes and clears every label placed before it and
every mark. Deterministic: the same labels in the same order land in the same place.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.transforms import Bbox

# (dx, dy) in points, horizontal and vertical alignment
CANDIDATES: list[tuple[float, float, str, str]] = [
    (7, 0, "left", "center"),
    (-7, 0, "right", "center"),
    (0, 7, "center", "bottom"),
    (0, -7, "center", "top"),
    (6, 6, "left", "bottom"),
    (6, -6, "left", "top"),
    (-6, 6, "right", "bottom"),
    (-6, -6, "right", "top"),
    (7, 14, "left", "bottom"),
    (7, -14, "left", "top"),
    (-7, 14, "right", "bottom"),
    (-7, -14, "right", "top"),
    (0, 20, "center", "bottom"),
    (0, -20, "center", "top"),
]
MARK_RADIUS_PX = 5.0


@dataclass
class Label:
    """A label for the mark at (x, y) in data coordinates; ``first`` picks which candidate
    position to try first (0: right of the mark)."""

    x: float
    y: float
    text: str
    colour: str
    first: int = 0
    fontsize: float = 7.0


def place(ax: Any, labels: list[Label], marks: Any) -> None:
    """Annotate ``ax`` with ``labels``, each at its first free candidate position (or, if
    none is free, at its first choice, which the overlap test then reports). ``marks``
    (a :class:`~.marks.Marks`) gives the points and bound arrows labels must not cover."""
    fig = ax.get_figure()
    canvas = fig.canvas if isinstance(fig.canvas, FigureCanvasAgg) else FigureCanvasAgg(fig)
    renderer = canvas.get_renderer()  # type: ignore[no-untyped-call]
    room = ax.get_window_extent(renderer).padded(-1)
    taken = [_mark_box(ax, x, y) for x, y in marks.points]
    taken += [_arrow_box(ax, fig, arrow) for arrow in marks.arrows]
    for label in labels:
        order = CANDIDATES[label.first :] + CANDIDATES[: label.first]
        chosen = None
        for dx, dy, ha, va in order:
            text = ax.annotate(label.text, (label.x, label.y), xytext=(dx, dy),
                               textcoords="offset points", ha=ha, va=va, color=label.colour,
                               fontsize=label.fontsize, linespacing=1.15)  # fmt: skip
            box = text.get_window_extent(renderer).padded(1)
            if _inside(box, room) and not any(box.overlaps(other) for other in taken):
                chosen = box
                break
            text.remove()
        if chosen is None:
            dx, dy, ha, va = order[0]
            text = ax.annotate(label.text, (label.x, label.y), xytext=(dx, dy),
                               textcoords="offset points", ha=ha, va=va, color=label.colour,
                               fontsize=label.fontsize, linespacing=1.15)  # fmt: skip
            chosen = text.get_window_extent(renderer).padded(1)
        taken.append(chosen)


def _mark_box(ax: Any, x: float, y: float) -> Bbox:
    px, py = ax.transData.transform((x, y))
    r = MARK_RADIUS_PX
    return Bbox.from_extents(px - r, py - r, px + r, py + r)


def _arrow_box(ax: Any, fig: Any, arrow: tuple[float, float, float, float]) -> Bbox:
    x, y, dx, dy = arrow
    px, py = ax.transData.transform((x, y))
    qx, qy = px + dx * fig.dpi / 72, py + dy * fig.dpi / 72
    r = MARK_RADIUS_PX
    return Bbox.from_extents(min(px, qx) - r, min(py, qy) - r, max(px, qx) + r, max(py, qy) + r)


def _inside(box: Bbox, room: Bbox) -> bool:
    return bool(box.x0 >= room.x0 and box.x1 <= room.x1 and box.y0 >= room.y0 and box.y1 <= room.y1)

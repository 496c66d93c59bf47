"""The charts there are, and saving them reproducibly (PNG and SVG, byte-identical run to
run, with the plotted claim_ids in the files' metadata)."""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd
from matplotlib.figure import Figure

from ..files import write_atomically
from .arms import arms_exporters
from .common import STYLE, claim_ids_of
from .conflicts import who_said_what
from .exercises import exercise_timeline
from .gas import gas_projects
from .trade import china_share, trade_over_time


@dataclass(frozen=True)
class Chart:
    """A chart: its function, the question it answers, and the frames it is drawn from
    (table names, or "consistency" for ``srd.consistency()``)."""

    name: str
    function: Callable[..., Figure]
    question: str
    inputs: tuple[str, ...]


CHARTS: dict[str, Chart] = {
    c.name: c
    for c in [
        Chart("trade_over_time", trade_over_time,
              "What did each text say bilateral trade was, year by year?", ("trade",)),
        Chart("china_share_of_russia_trade", china_share,
              "How large is China's share of Russia's trade?", ("trade",)),
        Chart("arms_exporters", arms_exporters,
              "Where do Russia and China rank as arms exporters, and how did that change?",
              ("arms",)),
        Chart("gas_projects", gas_projects,
              "How do the gas projects compare: volume, deal value, length and cost?", ("gas",)),
        Chart("exercise_timeline", exercise_timeline,
              "Which exercises did Russia and China hold together, and when?", ("exercises",)),
        Chart("who_said_what", who_said_what,
              "Who said what, where the texts disagree?", ("consistency", "claims")),
    ]
}  # fmt: skip


def chart_list() -> pd.DataFrame:
    """The charts there are: name, the question each answers, its function and inputs."""
    return pd.DataFrame(
        [
            {
                "name": c.name,
                "question": c.question,
                "function": c.function.__name__,
                "inputs": ", ".join(c.inputs),
            }
            for c in CHARTS.values()
        ]
    )


def inputs_of(chart: Chart, data_dir: Any = None) -> list[pd.DataFrame]:
    """The frames ``chart`` is drawn from, loaded from the shipped (or given) data."""
    from .. import cross_checks, loaders

    frames = []
    for name in chart.inputs:
        if name == "consistency":
            frames.append(cross_checks.consistency(data_dir))
        elif name == "claims":
            frames.append(loaders.claims(data_dir))
        else:
            frames.append(loaders.load(name, data_dir))
    return frames


def draw(name: str, data_dir: Any = None) -> Figure:
    """Chart ``name`` drawn from the shipped (or given) data."""
    from .. import loaders

    if name not in CHARTS:
        raise KeyError(f"no chart {name!r}; charts are {', '.join(CHARTS)}")
    chart = CHARTS[name]
    return chart.function(*inputs_of(chart, data_dir), loaders.load("sources", data_dir))


def _metadata(fig: Figure, fmt: str, name: str) -> dict[str, Any]:
    ids = " ".join(claim_ids_of(fig))
    if fmt == "png":
        return {"Software": None, "Title": name, "claim_ids": ids}
    return {"Date": None, "Creator": None, "Title": name, "Description": f"claim_ids: {ids}"}


def to_bytes(fig: Figure, fmt: str, name: str = "") -> bytes:
    import matplotlib as mpl

    buffer = io.BytesIO()
    with mpl.rc_context(STYLE):
        fig.savefig(buffer, format=fmt, metadata=_metadata(fig, fmt, name))
    return buffer.getvalue()


def save(
    fig: Figure, out_dir: Path, name: str, formats: tuple[str, ...] = ("png", "svg")
) -> list[Path]:
    """Write ``fig`` as ``out_dir/name.png`` and ``.svg`` with its claim_ids embedded."""
    out_dir.mkdir(parents=True, exist_ok=True)
    paths = []
    for fmt in formats:
        path = out_dir / f"{name}.{fmt}"
        write_atomically(path, to_bytes(fig, fmt, name))
        paths.append(path)
    return paths


def write_charts(
    out_dir: Path, data_dir: Any = None, formats: tuple[str, ...] = ("png", "svg")
) -> list[Path]:
    """Regenerate every chart of :data:`CHARTS` from the shipped (or given) data."""
    written = []
    for name in CHARTS:
        written += save(draw(name, data_dir), out_dir, name, formats)
    return written

"""Compose the charts from the shipped (or given) data and save them reproducibly."""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pandas as pd
from matplotlib.figure import Figure

from ..files import write_atomically
from .arms import arms_exporters
from .common import STYLE, claim_ids_of
from .exercises import exercise_timeline
from .gas import gas_projects
from .trade import china_share, trade_over_time

# chart name -> (function, the table it plots)
CHARTS: dict[str, tuple[Callable[[pd.DataFrame, pd.DataFrame], Figure], str]] = {
    "trade_over_time": (trade_over_time, "trade"),
    "china_share_of_russia_trade": (china_share, "trade"),
    "arms_exporters": (arms_exporters, "arms"),
    "gas_projects": (gas_projects, "gas"),
    "exercise_timeline": (exercise_timeline, "exercises"),
}


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
    from .. import loaders

    sources = loaders.load("sources", data_dir)
    written = []
    for name, (chart, table) in CHARTS.items():
        frame = loaders.load(table, data_dir)
        written += save(chart(frame, sources), out_dir, name, formats)
    return written

"""What every chart shares: a fixed style, the source line, and the claim_ids record."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

import pandas as pd
from matplotlib.figure import Figure

# A fixed style so output does not depend on the user's matplotlibrc.
STYLE: Any = {
    "font.family": "DejaVu Sans",
    "font.size": 9,
    "axes.titlesize": 10,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "svg.hashsalt": "sino-russia-data",
    "svg.fonttype": "path",
    "figure.dpi": 100,
    "savefig.dpi": 100,
}

STATUS_MARKERS: dict[str, tuple[str, Any]] = {
    "reported": ("o", "full"),
    "estimate": ("o", "none"),
    "target": ("*", "full"),
    "projection": ("D", "none"),
    "plan": ("s", "none"),
}

_CLAIMS_ATTR = "_sino_russia_claim_ids"


def short_source(source_id: str, sources: pd.DataFrame) -> str:
    """'Kim & Blank 2013', 'Unattributed 2015 (year inferred)' — author(s) and year."""
    row: Any = sources.set_index("source_id").loc[source_id]
    surnames = (
        [p.split(",")[0].strip() for p in str(row["authors"]).split(";")]
        if isinstance(row["authors"], str)
        else ["Unattributed"]
    )
    who = " & ".join(surnames)
    year = pd.Timestamp(row["published"]).year if pd.notna(row["published"]) else "n.d."
    inferred = " (year inferred)" if row["date_basis"] == "inferred" else ""
    return f"{who} {year}{inferred}"


def finish(
    fig: Figure, frames: Iterable[pd.DataFrame], sources: pd.DataFrame, title: str
) -> Figure:
    """Add the title and source line; record the plotted claim_ids on the figure."""
    plotted = pd.concat([f[["claim_id", "source_id"]] for f in frames], ignore_index=True)
    ids = sorted(set(plotted["claim_id"]))
    names = sorted({short_source(s, sources) for s in plotted["source_id"].unique()})
    fig.suptitle(title, x=0.01, ha="left", fontweight="bold")
    fig.text(
        0.01,
        0.01,
        "Sources: " + "; ".join(names) + f".  {len(ids)} claims (ids in the file metadata).",
        fontsize=7,
        color="#555555",
        ha="left",
        va="bottom",
        wrap=True,
    )
    setattr(fig, _CLAIMS_ATTR, ids)
    return fig


def rows(frame: pd.DataFrame) -> Iterator[Any]:
    """The frame's rows as named tuples (typed loosely: columns differ per table)."""
    return iter(frame.itertuples())


def claim_ids_of(fig: Figure) -> list[str]:
    """The claim_ids a chart function plotted."""
    return list(getattr(fig, _CLAIMS_ATTR, []))


def midpoint(start: pd.Series, end: pd.Series) -> pd.Series:
    return start + (end - start) / 2


def qualifier_mark(qualifier: str) -> str:
    """A text mark for how exact a figure is."""
    return {"upper_bound": "≤", "lower_bound": "≥", "approx": "~", "range": "–"}.get(qualifier, "")

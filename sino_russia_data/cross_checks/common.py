"""What every cross-check shares: the check row, a claim's admitted interval, and keys."""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, cast

import pandas as pd

from ..texts.display import display_quote

COLUMNS = [
    "check_id",
    "kind",
    "rule",
    "claim_ids",
    "sources",
    "expected",
    "found",
    "derived",
    "verdict",
]

# Hedge words that put the true figure just below the printed one ("almost 80").
_NEAR_BELOW = ("almost", "nearly", "just under", "just below")
TOLERANCE = 0.1  # how far "about", "almost" reach (10 %)

Claim = dict[str, Any]  # one claim row, as a record


def records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    return cast("list[dict[str, Any]]", frame.to_dict("records"))


@dataclass(frozen=True)
class Check:
    kind: str
    rule: str
    claim_ids: tuple[str, ...]
    sources: tuple[str, ...]
    expected: str
    found: str
    derived: str
    verdict: str

    def row(self) -> dict[str, Any]:
        """The check as a record: ``claim_ids`` and ``sources`` are lists (``check_id``
        joins the ids with ';')."""
        return {
            "check_id": f"{self.rule}:{';'.join(self.claim_ids)}",
            "kind": self.kind,
            "rule": self.rule,
            "claim_ids": list(self.claim_ids),
            "sources": list(self.sources),
            "expected": self.expected,
            "found": self.found,
            "derived": self.derived,
            "verdict": self.verdict,
        }


Rule = Callable[[pd.DataFrame], list[Check]]  # one named rule over one table


def check(
    kind: str,
    rule: str,
    claims: Sequence[Mapping[Any, Any]],
    *,
    expected: str,
    found: str,
    verdict: str,
    derived: str = "",
) -> Check:
    """A check over ``claims``: their ids in the order given, their sources sorted."""
    return Check(
        kind,
        rule,
        tuple(str(c["claim_id"]) for c in claims),
        tuple(sorted({str(c["source_id"]) for c in claims})),
        expected,
        found,
        derived,
        verdict,
    )


def interval(row: Mapping[Any, Any]) -> tuple[float, float] | None:
    """The values a claim admits, from its value, range, qualifier and hedge."""
    if row.get("qualifier") == "range" and pd.notna(row.get("value_low")):
        return float(row["value_low"]), float(row["value_high"])
    value = row.get("value")
    if value is None or pd.isna(value):
        return None
    v = float(value)
    hedge = str(row.get("hedge") or "").lower()
    qualifier = row.get("qualifier")
    if qualifier == "approx":
        return v * (1 - TOLERANCE), v * (1 + TOLERANCE)
    if qualifier == "upper_bound":
        return (v * (1 - TOLERANCE), v) if hedge in _NEAR_BELOW else (-math.inf, v)
    if qualifier == "lower_bound":
        return v, math.inf
    return v, v


def overlap(a: tuple[Any, Any], b: tuple[Any, Any]) -> bool:
    return bool(a[0] <= b[1] and b[0] <= a[1])


def all_overlap(spans: Sequence[tuple[Any, Any] | None]) -> bool:
    """Do all given spans (None: not stated) overlap pairwise?"""
    known = [s for s in spans if s is not None]
    return all(overlap(a, b) for a in known for b in known)


def period(row: Mapping[Any, Any]) -> tuple[Any, Any] | None:
    start, end = row.get("period_start"), row.get("period_end")
    return None if start is None or pd.isna(start) else (start, end)


def with_display_figures(frame: pd.DataFrame, sources: pd.DataFrame) -> pd.DataFrame:
    """``frame`` with each ``figure`` in its display form (capture markup such as ``\\$``
    cleaned by its source's ``display_rules``): what the checks print is what readers see."""
    if "figure" not in frame.columns or frame.empty:
        return frame
    rules = dict(zip(sources["source_id"], sources["display_rules"], strict=True))
    out = frame.copy()
    out["figure"] = [
        f if not isinstance(f, str) else display_quote(f, rules.get(s))
        for f, s in zip(frame["figure"], frame["source_id"], strict=True)
    ]
    return out


def show(row: Mapping[Any, Any]) -> str:
    """'source: figure 2014-01-01..2014-12-31', how a check prints a claim (the figure in
    its display form, see :func:`with_display_figures`)."""
    parts = [f"{row['source_id']}: {row['figure']}"]
    if pd.notna(row.get("period_start")):
        start, end = row["period_start"], row["period_end"]
        parts.append(f"{start:%Y-%m-%d}" + ("" if start == end else f"..{end:%Y-%m-%d}"))
    return " ".join(parts)


def _key_part(column: str, value: Any) -> str:
    if column in ("parties", "participants", "buyer") and isinstance(value, str):
        value = ";".join(sorted(value.split(";")))
    if column == "system" and isinstance(value, str):
        value = value.strip("’'").replace(" ", "").casefold()
    if isinstance(value, pd.Timestamp):
        value = f"{value:%Y-%m-%d}"
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return ""
    return str(value)


def key(row: Mapping[Any, Any], columns: Iterable[str]) -> tuple[str, ...]:
    """What a claim is about, as a comparable tuple (lists sorted, names folded)."""
    return tuple(_key_part(c, row.get(c)) for c in columns)


def agreement(sources: Sequence[str], agree: bool) -> tuple[str, str]:
    """(kind, verdict) of claims about one thing that agree or not, from one source or more."""
    one_text = len(set(sources)) == 1
    if agree:
        return ("restatement" if one_text else "corroboration"), "agree"
    return "conflict", "disagree" + (" (within one text)" if one_text else "")

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

USD = {"usd_billion": 1e9, "usd_million": 1e6}  # money units, in US dollars


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


def _given(row: Mapping[Any, Any], column: str) -> Any:
    value = row.get(column)
    return None if value is None or pd.isna(value) else value


def period(row: Mapping[Any, Any]) -> tuple[Any, Any] | None:
    """The span of days a claim's period may lie in: its exact period, or its date bounds
    (an open side reaching to the earliest or latest representable day); None if undated."""
    start = _given(row, "period_start")
    if start is not None:
        return start, row.get("period_end")
    earliest, latest = _given(row, "earliest_date"), _given(row, "latest_date")
    if earliest is None and latest is None:
        return None
    return (
        pd.Timestamp.min if earliest is None else earliest,
        pd.Timestamp.max if latest is None else latest,
    )


def _shown_period(row: Mapping[Any, Any]) -> str | None:
    start, end = _given(row, "period_start"), _given(row, "period_end")
    if start is not None:
        return f"{start:%Y-%m-%d}" + ("" if start == end else f"..{end:%Y-%m-%d}")
    earliest, latest = _given(row, "earliest_date"), _given(row, "latest_date")
    if earliest is not None and latest is not None:
        return f"within {earliest:%Y-%m-%d}..{latest:%Y-%m-%d}"
    if latest is not None:
        return f"on or before {latest:%Y-%m-%d}"
    return None if earliest is None else f"from {earliest:%Y-%m-%d}, no end stated"


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
    its display form, see :func:`with_display_figures`; bounds as 'on or before ...',
    'within ...', 'from ...')."""
    shown = _shown_period(row)
    return f"{row['source_id']}: {row['figure']}" + ("" if shown is None else f" {shown}")


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


def scaled(row: Mapping[Any, Any], factors: Mapping[str, float]) -> tuple[float, float] | None:
    """A claim's interval (:func:`interval`) in the base unit of ``factors`` (None: no value
    or a unit ``factors`` does not know)."""
    iv = interval(row)
    f = factors.get(str(row.get("unit")))
    return None if iv is None or f is None else (iv[0] * f, iv[1] * f)


def is_fact(row: Mapping[Any, Any]) -> bool:
    """Stated as so (a fact, or one party's reading of one): never a plan, forecast,
    condition, possibility or rhetorical figure."""
    return str(row.get("modality") or "fact") in ("fact", "disputed")


def is_asserted(row: Mapping[Any, Any]) -> bool:
    """A figure the text asserts, as a fact or as a plan's or forecast's own figure (a
    proposed pipeline's estimated cost): never a conditional, possible or rhetorical one."""
    return str(row.get("modality") or "fact") not in ("conditional", "possibility", "rhetorical")


def shown_span(span: tuple[float, float], digits: int = 1) -> str:
    """An interval as '12.5', '50.5..56.1', 'at least 12.5' or 'at most 20.0'."""
    if not math.isfinite(span[1]):
        return f"at least {span[0]:.{digits}f}"
    if not math.isfinite(span[0]):
        return f"at most {span[1]:.{digits}f}"
    low, high = f"{span[0]:.{digits}f}", f"{span[1]:.{digits}f}"
    return low if low == high else f"{low}..{high}"


def ratio_span(num: tuple[float, float], den: tuple[float, float]) -> tuple[float, float]:
    """The values num / den can take over two non-negative intervals (an open or zero end
    of ``den`` leaves the quotient open)."""
    low = num[0] / den[1] if math.isfinite(den[1]) and den[1] > 0 else 0.0
    high = num[1] / den[0] if den[0] > 0 else math.inf
    return max(low, 0.0), high


def as_rounded(span: tuple[float, float], value: Any) -> tuple[float, float]:
    """An exact printed figure stands for what rounds to it: '10 percent' for 9.5..10.5,
    '41.6' for 41.55..41.65 (half a unit of its last digit); a hedged span stays as it is."""
    if span[0] != span[1] or value is None or pd.isna(value):
        return span
    digits = len(f"{float(value):g}".partition(".")[2])
    half = 0.5 * 10.0**-digits
    return span[0] - half, span[1] + half


def part_of_total(
    rule: str,
    part: Mapping[Any, Any],
    total: Mapping[Any, Any],
    spans: tuple[tuple[float, float], tuple[float, float]],
    *,
    expected: str,
    within: str,
) -> Check:
    """A part against its total (``spans``: their intervals in one unit): the share it
    implies, shown as derived; verdict ``within`` unless the part must exceed the total."""
    share = ratio_span(*spans)
    return check(
        "arithmetic",
        rule,
        (part, total),
        expected=expected,
        found=f"{part['figure']} ({part['source_id']}) of {total['figure']} ({total['source_id']})",
        derived=f"part / total = {shown_span((share[0] * 100, share[1] * 100), 2)}%",
        verdict=within if share[0] <= 1 else "inconsistent",
    )

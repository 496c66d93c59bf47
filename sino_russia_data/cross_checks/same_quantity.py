"""The rules every family shares: the same quantity stated twice, and 'Restates' links.

Each family module (``trade.py``, ``gas.py`` ...) says what makes two of its claims
statements of the same quantity or event (``SAME_QUANTITY``) and, optionally, which of its
claims are comparable at all (``comparable``).
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable, Mapping

import pandas as pd

from .common import (
    Check,
    Claim,
    agreement,
    all_overlap,
    check,
    interval,
    key,
    period,
    records,
    show,
)

_RESTATES = re.compile(r"Restates ([a-z_]+-[a-z0-9]+-\d{3})")


def _agree(rows: list[Claim]) -> bool:
    return all_overlap([interval(r) for r in rows]) and all_overlap([period(r) for r in rows])


def _stance(row: Claim) -> str:
    """'fact' for what is stated as so (facts, disputed readings), else the modality."""
    modality = str(row.get("modality") or "fact")
    return "fact" if modality in ("fact", "disputed") else modality


def _inferred(row: Claim) -> bool:
    return row.get("inferred") == "assignment"


def _shown(row: Claim) -> str:
    return show(row) + (" (inferred assignment, not counted)" if _inferred(row) else "")


def _compare(table: str, what: tuple[str, ...], rows: list[Claim]) -> Check:
    """One check of a group; a row whose assignment is inferred is shown and compared but
    never counted as an independent source (it cannot make a corroboration)."""
    rows = sorted(rows, key=lambda r: str(r["claim_id"]))
    independent = [r for r in rows if not _inferred(r)]
    agree = _agree(rows)
    kind, verdict = agreement([str(r["source_id"]) for r in independent], agree)
    if len(independent) < 2 and agree:
        kind, verdict = "inferred", "agree (inferred assignment, not counted as corroboration)"
    found = check(
        kind,
        f"same_{table}_quantity",
        rows,
        expected=f"one value and date for {table} {'/'.join(k for k in what if k)}",
        found="; ".join(_shown(r) for r in rows),
        verdict=verdict,
    )
    sources = tuple(sorted({str(r["source_id"]) for r in independent or rows}))
    return dataclasses.replace(found, sources=sources)


def same_quantity(
    table: str,
    frame: pd.DataFrame,
    columns: tuple[str, ...],
    comparable: Callable[[list[Claim]], list[Claim]] | None = None,
) -> list[Check]:
    """Group a table's claims by what they are about; compare each group's values and dates."""
    rows: list[Claim] = records(frame)
    if comparable is not None:
        rows = comparable(rows)
    groups: dict[tuple[str, ...], list[Claim]] = {}
    for r in rows:  # a forecast or plan is never the same quantity as a stated fact
        groups.setdefault((*key(r, columns), _stance(r)), []).append(r)
    return [_compare(table, what[:-1], g) for what, g in groups.items() if len(g) >= 2]


def restatement_links(
    tables: Mapping[str, pd.DataFrame], grouped: set[frozenset[str]]
) -> list[Check]:
    """A row whose note says 'Restates <claim_id>' against the claim it restates (pairs
    already compared as the same quantity are skipped)."""
    every = {r["claim_id"]: r for frame in tables.values() for r in records(frame)}
    checks = []
    for row in every.values():
        for target_id in _RESTATES.findall(str(row.get("note") or "")):
            target = every.get(target_id)
            pair = frozenset((row["claim_id"], target_id))
            if target is None or any(pair <= g for g in grouped):
                continue
            pair_rows = sorted((target, row), key=lambda r: str(r["claim_id"]))
            kind, verdict = agreement([r["source_id"] for r in pair_rows], _agree(pair_rows))
            checks.append(
                check(
                    kind,
                    "restated_claim",
                    pair_rows,
                    expected="a restatement states the same value and date",
                    found="; ".join(show(r) for r in pair_rows),
                    verdict=verdict,
                )
            )
    return checks

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

NOT_COMPARED = "not compared"  # kind of a group of claims about one thing with nothing compared


def _agree(rows: list[Claim]) -> bool:
    return all_overlap([interval(r) for r in rows]) and all_overlap([period(r) for r in rows])


def _stance(row: Claim) -> str:
    """'fact' for what is stated as so (facts, disputed readings), else the modality."""
    modality = str(row.get("modality") or "fact")
    return "fact" if modality in ("fact", "disputed") else modality


def _inferred(row: Claim) -> bool:
    return row.get("inferred") == "assignment"


def _compared(rows: list[Claim]) -> list[Claim]:
    """The rows whose value or date was actually held against another row's.

    When any row of the group states a value, the group is about that figure: a row counts
    only if it states a value and another row does too (a date alone does not corroborate a
    figure). Otherwise (an event) a row counts if it is dated and another row is too. A
    figureless, undated row never counts: nothing of it was compared."""
    valued = [r for r in rows if interval(r) is not None]
    if valued:
        return valued if len(valued) >= 2 else []
    dated = [r for r in rows if period(r) is not None]
    return dated if len(dated) >= 2 else []


def _what_was_compared(rows: list[Claim], compared: list[Claim]) -> str:
    """What a check could compare, said when some of its rows had nothing compared."""
    valued = sum(interval(r) is not None for r in rows)
    dated = sum(period(r) is not None for r in rows)
    if compared and valued:
        return f"compared: the figures of {len(compared)} claims" + (
            f" and the dates of {dated}" if dated >= 2 else ""
        )
    if compared:
        return f"compared: the dates of {len(compared)} claims (no figure stated)"
    return (
        f"nothing compared: of {len(rows)} claims {valued} states a figure and {dated} a "
        "date, so no two could be held against each other"
    )


def _shown(row: Claim, compared: list[Claim]) -> str:
    if _inferred(row):
        return show(row) + " (inferred assignment, not counted)"
    counted = any(row is r for r in compared)
    return show(row) + ("" if counted else " (nothing to compare, not counted)")


def judged(rows: list[Claim]) -> tuple[str, str, str, tuple[str, ...]]:
    """(kind, verdict, what was compared, counted sources) of claims about one thing.

    A disagreement of any stated value or date is a conflict. An agreement counts only the
    rows actually compared (:func:`_compared`) and not inferred: two or more of them make a
    corroboration (several sources) or restatement (one); an agreement resting on an
    inferred assignment is ``inferred``; otherwise the check is ``not compared`` with
    verdict ``nothing to compare`` (never an agreement)."""
    compared = _compared(rows)
    counted = [r for r in compared if not _inferred(r)]
    independent = [r for r in rows if not _inferred(r)] or rows
    what = "" if len(compared) == len(rows) else _what_was_compared(rows, compared)
    if not _agree(rows):
        kind, verdict = agreement([str(r["source_id"]) for r in independent], False)
        return kind, verdict, what, tuple(sorted({str(r["source_id"]) for r in independent}))
    if len(counted) >= 2:
        kind, verdict = agreement([str(r["source_id"]) for r in counted], True)
        return kind, verdict, what, tuple(sorted({str(r["source_id"]) for r in counted}))
    sources = tuple(sorted({str(r["source_id"]) for r in independent}))
    if len(compared) >= 2:
        return (
            "inferred",
            "agree (inferred assignment, not counted as corroboration)",
            what,
            sources,
        )
    return NOT_COMPARED, "nothing to compare", what, sources


def _compare(table: str, what: tuple[str, ...], rows: list[Claim]) -> Check:
    """One check of a group; a row whose assignment is inferred is shown and compared but
    never counted as an independent source (it cannot make a corroboration), and a row with
    nothing compared is shown but not counted either."""
    rows = sorted(rows, key=lambda r: str(r["claim_id"]))
    kind, verdict, compared, sources = judged(rows)
    counted = _compared(rows)
    found = check(
        kind,
        f"same_{table}_quantity",
        rows,
        expected=f"one value and date for {table} {'/'.join(k for k in what if k)}",
        found="; ".join(_shown(r, counted) for r in rows),
        verdict=verdict,
        derived=compared,
    )
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
            kind, verdict, compared, sources = judged(pair_rows)
            found = check(
                kind,
                "restated_claim",
                pair_rows,
                expected="a restatement states the same value and date",
                found="; ".join(_shown(r, _compared(pair_rows)) for r in pair_rows),
                verdict=verdict,
                derived=compared,
            )
            checks.append(dataclasses.replace(found, sources=sources))
    return checks

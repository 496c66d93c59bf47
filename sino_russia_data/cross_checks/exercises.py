"""Cross-checks of the exercises table: the same exercise figure stated twice, and an
exercise called the first of its kind while an earlier one of that kind is dated."""

from __future__ import annotations

import pandas as pd

from .common import Check, Claim, check, key, records, show

SAME_QUANTITY = ("exercise", "indicator", "unit")


def _kinds(row: Claim) -> set[str]:
    return set(str(row["kind"]).split(";")) if isinstance(row["kind"], str) else set()


def _earlier_of_its_kind(first: Claim, other: Claim) -> bool:
    return (
        other["exercise"] != first["exercise"]
        and other["indicator"] == "date"
        and key(other, ("participants",)) == key(first, ("participants",))
        and bool(_kinds(first) & _kinds(other))
        and pd.notna(other["period_start"])
        and other["period_start"] < first["period_start"]
    )


def first_exercise_has_earlier_one(exercises: pd.DataFrame) -> list[Check]:
    """An exercise called the first of its kind while another of that kind between the
    same parties is dated earlier."""
    rows = records(exercises)
    firsts = [r for r in rows if r["indicator"] == "ordinal" and r["value"] == 1]
    return [
        check(
            "conflict",
            "first_exercise_has_earlier_one",
            (first, other),
            expected=(
                f"no {'/'.join(sorted(_kinds(first)))} exercise of "
                f"{key(first, ('participants',))[0]} before the 'first' one"
            ),
            found=f"{show(first)} ({first['exercise']}); {show(other)} ({other['exercise']})",
            verdict="disagree",
        )
        for first in firsts
        for other in rows
        if _earlier_of_its_kind(first, other)
    ]


RULES = (first_exercise_has_earlier_one,)

"""Cross-checks of the exercises table: the same exercise figure stated twice, an
exercise called the first of its kind while an earlier one of that kind is dated, and a
stated number or frequency of exercises against the exercises the tables date."""

from __future__ import annotations

import pandas as pd

from .common import Check, Claim, check, interval, is_fact, key, period, records, show

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


def _within(row: Claim, start: pd.Timestamp, end: pd.Timestamp) -> bool:
    span = period(row)
    return span is not None and span[0] >= start and span[1] <= end


def _dated_parts(count: Claim, rows: list[Claim]) -> list[Claim]:
    """The date rows of other exercises of the count's kind and participants, stated with
    the same stance (held facts for a fact, plans for a plan), within the count's period."""
    return [
        r
        for r in rows
        if r["indicator"] == "date"
        and r["exercise"] != count["exercise"]
        and key(r, ("participants",)) == key(count, ("participants",))
        and bool(_kinds(r) & _kinds(count))
        and is_fact(r) == is_fact(count)
        and _within(r, count["period_start"], count["period_end"])
    ]


def _per_year(count: Claim, dated: list[Claim]) -> dict[int, set[str]]:
    years = range(count["period_start"].year, count["period_end"].year + 1)
    return {
        y: {
            str(r["exercise"])
            for r in dated
            if _within(r, pd.Timestamp(f"{y}-01-01"), pd.Timestamp(f"{y}-12-31"))
        }
        for y in years
    }


def exercise_count_vs_dated_exercises(exercises: pd.DataFrame) -> list[Check]:
    """A stated number of exercises ('two more joint-naval drills next year') or their
    frequency ('once or twice a year' since 2009) against the distinct exercises of that
    kind and participants the tables date in the period: more dated than stated is a
    disagreement; fewer is not (the texts need not name each one)."""
    rows = records(exercises)
    stated = [
        r
        for r in rows
        if r["indicator"] in ("exercise_count", "frequency")
        and pd.notna(r["period_start"])
        and interval(r) is not None
    ]
    checks = []
    for count in stated:
        dated = _dated_parts(count, rows)
        high = (interval(count) or (0.0, 0.0))[1]
        if count["indicator"] == "frequency":
            found = {f"in {y}": names for y, names in _per_year(count, dated).items()}
        else:
            found = {"in the period": {str(r["exercise"]) for r in dated}}
        over = [when for when, names in found.items() if len(names) > high]
        checks.append(
            check(
                "arithmetic",
                "exercise_count_vs_dated_exercises",
                (count, *sorted(dated, key=lambda r: str(r["claim_id"]))),
                expected=f"at most {high:g} {count['exercise']} ({count['figure']}, "
                f"{count['source_id']})",
                found="; ".join(
                    f"{when}: {', '.join(sorted(names)) or 'none dated'}"
                    for when, names in found.items()
                ),
                derived="distinct exercises dated: "
                + ", ".join(f"{len(names)} {when}" for when, names in found.items())
                + (f"; more than {high:g} {', '.join(over)}" if over else ""),
                verdict="inconsistent" if over else "consistent",
            )
        )
    return checks


RULES = (first_exercise_has_earlier_one, exercise_count_vs_dated_exercises)

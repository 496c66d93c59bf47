"""Cross-checks of the economy and diplomacy table: the same figure stated twice, and a
party's part of its own total (Chinese direct investment in Russia out of China's direct
investment worldwide): the part may not exceed the total, and the share it implies."""

from __future__ import annotations

import itertools

import pandas as pd

from .common import USD, Check, Claim, is_fact, part_of_total, records, scaled

SAME_QUANTITY = ("indicator", "parties", "unit", "period_start", "period_end")


def comparable(rows: list[Claim]) -> list[Claim]:
    """Events here are too varied to compare: only rows with a figure are."""
    return [r for r in rows if pd.notna(r.get("value")) or pd.notna(r.get("value_low"))]


def _parties(row: Claim) -> list[str]:
    return str(row.get("parties") or "").split(";")


def _part_of(part: Claim, total: Claim) -> bool:
    """``total`` is one party's whole (parties 'CHN') and ``part`` that party's share with
    others (parties 'CHN;RUS', the same party first), of one indicator and period."""
    whole, piece = _parties(total), _parties(part)
    return (
        len(whole) == 1
        and len(piece) > 1
        and piece[0] == whole[0]
        and part["indicator"] == total["indicator"]
        and part["period_start"] == total["period_start"]
        and part["period_end"] == total["period_end"]
    )


def part_within_total(econ: pd.DataFrame) -> list[Check]:
    """A money figure of a party with a partner against the same party's total of that
    indicator and period: the share it implies, and the part no larger than the total."""
    money = [
        r
        for r in records(econ[econ["unit"].isin(list(USD))])
        if is_fact(r) and scaled(r, USD) is not None
    ]
    checks = []
    for part, total in itertools.product(money, money):
        if not _part_of(part, total):
            continue
        p, t = scaled(part, USD), scaled(total, USD)
        assert p is not None and t is not None
        checks.append(
            part_of_total(
                "part_within_total",
                part,
                total,
                (p, t),
                expected=f"{part['indicator']} {part['parties']} no more than "
                f"{total['parties']}'s total",
                within="consistent",
            )
        )
    return checks


RULES = (part_within_total,)

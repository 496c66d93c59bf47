"""Cross-checks of the economy and diplomacy table: the same figure stated twice."""

from __future__ import annotations

import pandas as pd

from .common import Claim, Rule

SAME_QUANTITY = ("indicator", "parties", "unit", "period_start", "period_end")


def comparable(rows: list[Claim]) -> list[Claim]:
    """Events here are too varied to compare: only rows with a figure are."""
    return [r for r in rows if pd.notna(r.get("value")) or pd.notna(r.get("value_low"))]


RULES: tuple[Rule, ...] = ()

"""Cross-checks of the gas table: the same project figure stated twice, per-unit pipeline
costs (per km of length, per bcm/year of capacity) compared across projects, and the gas
price a deal's terms imply."""

from __future__ import annotations

import itertools
import math
from typing import Any

import pandas as pd

from .common import USD, Check, check, is_asserted, part_of_total, ratio_span, records, scaled

SAME_QUANTITY = ("project", "indicator", "event", "unit")

# Per-unit costs of different projects "differ" when even the closest values their hedged
# intervals allow are more than this factor apart. Pipelines differ in terrain, diameter
# and pressure, so up to a factor of two is ordinary spread; beyond it the two figures
# cannot both be costs of comparable pipe (one may cover more than the pipe, or a hedge
# or unit is wrong), which is what a reader should look at.
PER_UNIT_TOLERANCE = 2.0

# (what per unit, the capacity indicator, its accepted units -> factor, how it prints)
_PER_UNIT = {
    "km": ("pipeline_length", {"km": 1.0}, "USD m per km"),
    "bcm_per_year": ("annual_volume", {"bcm_per_year": 1.0}, "USD m per bcm/year"),
}


def _fmt_iv(iv: tuple[float, float]) -> str:
    if iv[0] == iv[1]:
        return f"{iv[0]:.2f}"
    return f"{iv[0]:.2f}-{iv[1]:.2f}" if math.isfinite(iv[1]) else f">={iv[0]:.2f}"


Group = list[dict[str, Any]]  # the claims of one project, as records


def _projects(gas: pd.DataFrame) -> dict[str, Group]:
    """The asserted figures (facts, and plans' or forecasts' own figures such as a proposed
    pipeline's estimated cost) of each project; figureless rows have nothing to divide and
    conditional, possible or rhetorical figures are not the project's."""
    stated = gas[gas["value"].notna() | gas["value_low"].notna()]
    projects: dict[str, Group] = {}
    for r in records(stated):
        if is_asserted(r):
            projects.setdefault(str(r["project"]), []).append(r)
    return projects


def _rows(group: Group, indicator: str, unit: str | None = None) -> Group:
    return [r for r in group if r["indicator"] == indicator and unit in (None, r["unit"])]


PerUnit = tuple[str, dict[str, Any], dict[str, Any], tuple[float, float]]


def _per_unit(gas: pd.DataFrame, per: str, odd: bool = False) -> list[PerUnit]:
    """(project, cost claim, capacity claim, USD million per unit as an interval) for each
    project that states a pipeline cost and the capacity ``per`` measures. With ``odd``,
    the capacities stated in a unit ``per`` cannot use instead (16 to 20 bcm 'carried', no
    'per year' printed): cost per that unit."""
    indicator, units, _ = _PER_UNIT[per]
    found = []
    for project, group in _projects(gas).items():
        capacities = [r for r in _rows(group, indicator) if (str(r["unit"]) in units) != odd]
        for c, cap in itertools.product(_rows(group, "pipeline_cost"), capacities):
            cost = scaled(c, USD)
            size = scaled(cap, {str(cap["unit"]): 1.0} if odd else units)
            if cost is not None and size is not None:
                usd_m = ratio_span(cost, size)
                found.append((str(project), c, cap, (usd_m[0] / 1e6, usd_m[1] / 1e6)))
    return found


def _apart(a: tuple[float, float], b: tuple[float, float]) -> float:
    """The least factor by which values of the two intervals differ (1 if they overlap)."""
    up = a[0] / b[1] if b[1] > 0 else math.inf
    down = b[0] / a[1] if a[1] > 0 else math.inf
    return max(up, down, 1.0)


def _per_unit_check(per: str, a: PerUnit, b: PerUnit) -> Check:
    label = _PER_UNIT[per][2]
    factor = _apart(a[3], b[3])
    dearer = a[0] if a[3][0] >= b[3][1] else b[0]
    derived = (
        f"cost / {_PER_UNIT[per][0]}; {dearer} costs at least {factor:.0f}x more "
        f"per {per.replace('_per_', ' per ')}"
        if factor > 1
        else "cost / " + _PER_UNIT[per][0] + "; the hedged intervals overlap"
    )
    return check(
        "arithmetic",
        f"pipeline_cost_per_{per}_across_projects",
        (a[1], a[2], b[1], b[2]),
        expected=(
            f"cost per {per.replace('_per_', ' per ')} of different projects within a factor "
            f"of {PER_UNIT_TOLERANCE:g} beyond the hedges"
        ),
        found=f"{a[0]}: {_fmt_iv(a[3])} {label}; {b[0]}: {_fmt_iv(b[3])} {label}",
        derived=derived,
        verdict="differ" if factor > PER_UNIT_TOLERANCE else "comparable",
    )


def _units_differ(per: str, usable: PerUnit, odd: PerUnit) -> Check:
    """A usable per-unit cost beside one whose capacity is in another unit: both shown,
    not compared (nothing says the other unit is per year)."""
    unit = str(odd[2]["unit"])
    return check(
        "arithmetic",
        f"pipeline_cost_per_{per}_across_projects",
        (usable[1], usable[2], odd[1], odd[2]),
        expected=f"capacities in {per} to compare cost per unit across projects",
        found=(
            f"{usable[0]}: {_fmt_iv(usable[3])} {_PER_UNIT[per][2]}; "
            f"{odd[0]}: {_fmt_iv(odd[3])} USD m per {unit} ({odd[2]['figure']})"
        ),
        derived=f"cost / {_PER_UNIT[per][0]}; {odd[0]}'s capacity is in {unit}, not {per}",
        verdict="units differ",
    )


def pipeline_cost_per_km_across_projects(gas: pd.DataFrame) -> list[Check]:
    """Cost / length of each pipeline project, compared pairwise across projects."""
    rows = _per_unit(gas, "km")
    return [_per_unit_check("km", a, b) for a, b in itertools.combinations(rows, 2) if a[0] != b[0]]


def pipeline_cost_per_capacity_across_projects(gas: pd.DataFrame) -> list[Check]:
    """Cost / annual capacity (bcm per year) of each pipeline project, compared pairwise
    across projects; a capacity stated in another unit is shown, not compared."""
    rows = _per_unit(gas, "bcm_per_year")
    pairs = [
        _per_unit_check("bcm_per_year", a, b)
        for a, b in itertools.combinations(rows, 2)
        if a[0] != b[0]
    ]
    odd = [
        _units_differ("bcm_per_year", a, b)
        for a, b in itertools.product(rows, _per_unit(gas, "bcm_per_year", odd=True))
        if a[0] != b[0]
    ]
    return pairs + odd


def implied_gas_price(gas: pd.DataFrame) -> list[Check]:
    """The price per 1000 m3 implied by a deal's value, duration and annual volume."""
    checks = []
    for project, group in _projects(gas).items():
        terms = (
            _rows(group, "deal_value"),
            _rows(group, "duration", "years"),
            _rows(group, "annual_volume", "bcm_per_year"),
        )
        if not all(terms):
            continue
        deal, years, volume = (rows[0] for rows in terms)  # the first stated of each term
        if not (years["value"] and volume["value"]):  # no price over zero years or volume
            continue
        price = deal["value"] * 1e9 / (years["value"] * volume["value"] * 1e9) * 1000
        checks.append(
            check(
                "arithmetic",
                "implied_gas_price",
                (deal, years, volume),
                expected=f"price per 1000 m3 implied by {project}'s deal terms",
                found=f"{deal['figure']} over {years['figure']} at {volume['figure']}",
                derived=(
                    f"{deal['value']:g}e9 USD / ({years['value']:g} years x "
                    f"{volume['value']:g}e9 m3) x 1000 = {price:.0f} USD per 1000 m3"
                ),
                verdict="derived",
            )
        )
    return checks


def prepayment_within_deal_value(gas: pd.DataFrame) -> list[Check]:
    """An advance paid on a deal (the Russians' reading of the USD25 billion) against the
    deal's value, one check per source and value of the deal: no larger than the deal, and
    the share of it shown. A reading of the advance as a loan is not part of the deal."""
    checks = []
    for group in _projects(gas).values():
        deals: dict[tuple[Any, Any], dict[str, Any]] = {}
        for row in _rows(group, "deal_value"):  # a restated deal value is the same statement
            deals.setdefault((row["source_id"], row["value"]), row)
        for advance, deal in itertools.product(_rows(group, "prepayment"), deals.values()):
            a, d = scaled(advance, USD), scaled(deal, USD)
            if a is None or d is None:
                continue
            checks.append(
                part_of_total(
                    "prepayment_within_deal_value",
                    advance,
                    deal,
                    (a, d),
                    expected="a prepayment no larger than the deal's value"
                    + (
                        f" ({advance['attributed_to']}' reading)"
                        if advance["attributed_to"]
                        else ""
                    ),
                    within="consistent",
                )
            )
    return checks


RULES = (
    prepayment_within_deal_value,
    pipeline_cost_per_km_across_projects,
    pipeline_cost_per_capacity_across_projects,
    implied_gas_price,
)

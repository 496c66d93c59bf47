"""Cross-checks of the gas table: the same project figure stated twice, pipeline cost per
km compared across projects, and the gas price a deal's terms imply."""

from __future__ import annotations

import itertools
import math
from collections.abc import Mapping
from typing import Any

import pandas as pd

from .common import Check, check, interval, records

SAME_QUANTITY = ("project", "indicator", "event", "unit")

_USD = {"usd_billion": 1e9, "usd_million": 1e6}


def _scaled(row: Mapping[Any, Any], factors: Mapping[str, float]) -> tuple[float, float] | None:
    iv = interval(row)
    f = factors.get(str(row.get("unit")))
    return None if iv is None or f is None else (iv[0] * f, iv[1] * f)


def _fmt_iv(iv: tuple[float, float]) -> str:
    if iv[0] == iv[1]:
        return f"{iv[0]:.2f}"
    return f"{iv[0]:.2f}-{iv[1]:.2f}" if math.isfinite(iv[1]) else f">={iv[0]:.2f}"


def _rows(group: pd.DataFrame, indicator: str, unit: str | None = None) -> list[dict[str, Any]]:
    same = group["indicator"] == indicator
    if unit is not None:
        same &= group["unit"] == unit
    return records(group[same])


def _cost_per_km(gas: pd.DataFrame) -> list[tuple[str, dict[str, Any], dict[str, Any], Any]]:
    """(project, cost claim, length claim, USD million per km as an interval)."""
    found = []
    for project, group in gas.groupby("project"):
        for c, ln in itertools.product(
            _rows(group, "pipeline_cost"), _rows(group, "pipeline_length", "km")
        ):
            cost, length = _scaled(c, _USD), interval(ln)
            if cost is None or length is None:
                continue
            low = cost[0] / length[1] / 1e6
            high = cost[1] / length[0] / 1e6 if length[0] > 0 else math.inf
            found.append((str(project), c, ln, (low, high)))
    return found


def pipeline_cost_per_km_across_projects(gas: pd.DataFrame) -> list[Check]:
    """Cost / length of each pipeline project, compared pairwise across projects."""
    checks = []
    for a, b in itertools.combinations(_cost_per_km(gas), 2):
        if a[0] == b[0]:
            continue
        ratio = a[3][0] / b[3][1] if b[3][1] else math.inf
        more = (
            f"cost / length; {a[0]} costs at least {ratio:.0f}x more per km"
            if ratio >= 1
            else f"cost / length; {b[0]} costs more per km"
        )
        checks.append(
            check(
                "arithmetic",
                "pipeline_cost_per_km_across_projects",
                (a[1], a[2], b[1], b[2]),
                expected="comparable cost per km across pipeline projects",
                found=f"{a[0]}: {_fmt_iv(a[3])} USD m/km; {b[0]}: {_fmt_iv(b[3])} USD m/km",
                derived=more,
                verdict="differ" if ratio > 2 or ratio < 0.5 else "comparable",
            )
        )
    return checks


def implied_gas_price(gas: pd.DataFrame) -> list[Check]:
    """The price per 1000 m3 implied by a deal's value, duration and annual volume."""
    checks = []
    for project, group in gas.groupby("project"):
        terms = (
            _rows(group, "deal_value"),
            _rows(group, "duration", "years"),
            _rows(group, "annual_volume", "bcm_per_year"),
        )
        if not all(terms):
            continue
        deal, years, volume = (rows[0] for rows in terms)  # the first stated of each term
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


RULES = (pipeline_cost_per_km_across_projects, implied_gas_price)

"""Cross-checks of the trade table: the same figure stated twice, and its arithmetic
(exports plus imports against turnover, growth against levels, a change of share against
the shares, partner ranks against levels, the previous level a level and its growth imply,
the turnover growth that the exports' and imports' growth imply, a partner's share against
the levels of that part and of the reporter's total, and the share a part and a total
imply)."""

from __future__ import annotations

import itertools
from typing import Any

import pandas as pd

from .common import (
    Check,
    as_rounded,
    check,
    interval,
    is_fact,
    overlap,
    part_of_total,
    ratio_span,
    records,
    shown_span,
)

SAME_QUANTITY = (
    "reporter",
    "partner",
    "flow",
    "measure",
    "unit",
    "period_start",
    "period_end",
    "status",
)


def _levels(trade: pd.DataFrame) -> pd.DataFrame:
    """Levels in USD billion that state a figure (a value or a range)."""
    stated = trade["value"].notna() | trade["value_low"].notna()
    return trade[(trade["measure"] == "level") & (trade["unit"] == "usd_billion") & stated]


def _points(rows: pd.DataFrame) -> pd.DataFrame:
    """The rows with a single value (the rules that add or divide printed values)."""
    return rows[rows["value"].notna()]


def _at(rows: list[dict[str, Any]], flow: str, start: Any, end: Any) -> list[dict[str, Any]]:
    return [
        r
        for r in rows
        if r["flow"] == flow and r["period_start"] == start and r["period_end"] == end
    ]


def exports_plus_imports_vs_turnover(trade: pd.DataFrame) -> list[Check]:
    """Turnover against the exports and imports of the same parties and period."""
    checks = []
    groups: dict[tuple[Any, ...], list[dict[str, Any]]] = {}
    for r in records(_points(_levels(trade))):
        groups.setdefault((r["reporter"], r["partner"], r["period_start"], r["period_end"]), [])
        groups[(r["reporter"], r["partner"], r["period_start"], r["period_end"])].append(r)
    for (rep, par, start, end), group in sorted(groups.items(), key=lambda g: str(g[0])):
        for x, m, t in itertools.product(
            *(_at(group, flow, start, end) for flow in ("exports", "imports", "turnover"))
        ):
            if not t["value"]:  # no gap relative to a zero turnover: not compared
                continue
            total = x["value"] + m["value"]
            gap = abs(total - t["value"]) / t["value"]
            year = pd.Timestamp(start).year
            checks.append(
                check(
                    "arithmetic",
                    "exports_plus_imports_vs_turnover",
                    (x, m, t),
                    expected=f"turnover {rep}-{par} {year} = exports + imports = {total:g}",
                    found=f"turnover {t['value']:g} ({t['status']})",
                    derived=f"{x['value']:g} + {m['value']:g} = {total:g}; gap {gap:.1%}",
                    verdict="consistent" if gap <= 0.02 else "inconsistent",
                )
            )
    return checks


def growth_vs_levels(trade: pd.DataFrame) -> list[Check]:
    """A growth rate against the levels of its year and the year before."""
    levels = records(_points(_levels(trade)))
    checks = []
    for g in records(_growths(trade)):
        series = [
            r for r in levels if (r["reporter"], r["partner"]) == (g["reporter"], g["partner"])
        ]
        now = _at(series, g["flow"], g["period_start"], g["period_end"])
        before = [
            r
            for r in series
            if r["flow"] == g["flow"] and r["period_end"].year == g["period_start"].year - 1
        ]
        for n, b in itertools.product(now, before):
            implied = (n["value"] / b["value"] - 1) * 100
            checks.append(
                check(
                    "arithmetic",
                    "growth_vs_levels",
                    (g, b, n),
                    expected=f"growth {g['value']:g}%",
                    found=f"levels {b['value']:g} -> {n['value']:g}",
                    derived=f"({n['value']:g} / {b['value']:g} - 1) x 100 = {implied:.1f}%",
                    verdict="consistent" if abs(implied - g["value"]) <= 1.0 else "inconsistent",
                )
            )
    return checks


def share_change_vs_shares(trade: pd.DataFrame) -> list[Check]:
    """'The share nearly doubled' against the shares at the start and end of its period."""
    shares = _points(trade[(trade["measure"] == "share") & (trade["unit"] == "percent")])
    changes = _points(trade[(trade["measure"] == "share") & (trade["unit"] == "times")])
    checks = []
    for c in records(changes):
        parties = (shares["reporter"] == c["reporter"]) & (shares["partner"] == c["partner"])
        first = shares[parties & (shares["period_start"].dt.year == c["period_start"].year)]
        last = shares[parties & (shares["period_end"].dt.year == c["period_end"].year)]
        for a, b in itertools.product(records(first), records(last)):
            ratio_iv, claimed = interval(b), interval(c)
            if ratio_iv is None or claimed is None or not a["value"]:
                continue
            implied = (ratio_iv[0] / a["value"], ratio_iv[1] / a["value"])
            checks.append(
                check(
                    "arithmetic",
                    "share_change_vs_shares",
                    (c, a, b),
                    expected=f"share multiplied by {c['figure']}",
                    found=f"shares {a['figure']} -> {b['figure']}",
                    derived=f"{b['value']:g} / {a['value']:g} = {b['value'] / a['value']:.2f}",
                    verdict="consistent" if overlap(implied, claimed) else "inconsistent",
                )
            )
    return checks


def _rank_level_pairs(
    levels: pd.DataFrame, group: pd.DataFrame, rep: str, start: Any, flow: str
) -> list[tuple[dict[str, Any], dict[str, Any]]]:
    """(rank claim, level claim) for each ranked partner with a level in either direction."""
    pairs = []
    same = (levels["flow"] == flow) & (levels["period_start"] == start)
    for r in records(group):
        forward = same & (levels["reporter"] == rep) & (levels["partner"] == r["partner"])
        backward = same & (levels["partner"] == rep) & (levels["reporter"] == r["partner"])
        pairs += [(r, lvl) for lvl in records(pd.concat([levels[forward], levels[backward]]))]
    return sorted(pairs, key=lambda p: p[0]["value"])


def rank_vs_levels(trade: pd.DataFrame) -> list[Check]:
    """A reporter's partner ranks against the partners' levels: a better rank, a larger value."""
    levels = _points(_levels(trade))
    ranks = _points(trade[trade["measure"] == "rank"])
    checks = []
    for (rep, start, _end, flow), group in ranks.groupby(
        ["reporter", "period_start", "period_end", "flow"]
    ):
        pairs = _rank_level_pairs(levels, group, str(rep), start, str(flow))
        if len(pairs) < 2:
            continue
        ordered = all(a[1]["value"] >= b[1]["value"] for a, b in itertools.pairwise(pairs))
        checks.append(
            check(
                "arithmetic",
                "rank_vs_levels",
                [claim for pair in pairs for claim in pair],
                expected=f"{rep}'s partners ranked by {flow}: a better rank has the larger value",
                found="; ".join(
                    f"rank {r['value']:g} {r['partner']}: {lvl['value']:g}" for r, lvl in pairs
                ),
                verdict="consistent" if ordered else "inconsistent",
            )
        )
    return checks


def _growths(trade: pd.DataFrame) -> pd.DataFrame:
    return _points(trade[(trade["measure"] == "growth") & (trade["unit"] == "percent_change")])


def _level_growth_pairs(trade: pd.DataFrame) -> list[tuple[dict[str, Any], dict[str, Any]]]:
    """(level, growth) claims of one series (parties, flow, period), one level per source
    and value (a restated level is the same statement)."""
    keys = ("reporter", "partner", "flow", "period_start", "period_end")
    levels: dict[tuple[Any, ...], dict[str, Any]] = {}
    for r in records(_points(_levels(trade))):
        if pd.notna(r["period_start"]):
            levels.setdefault((r["source_id"], r["value"], *(r[k] for k in keys)), r)
    growths = [g for g in records(_growths(trade)) if pd.notna(g["period_start"])]
    return [
        (level, g)
        for level in levels.values()
        for g in growths
        if all(level[k] == g[k] for k in keys)
    ]


def _previous(level: dict[str, Any], growth: dict[str, Any]) -> tuple[float, float] | None:
    """The previous period's level a level and its growth imply (hedges widen it)."""
    span, rate = interval(level), interval(growth)
    if span is None or rate is None or rate[0] <= -100:  # a fall of 100% implies no level
        return None
    return span[0] / (1 + rate[1] / 100), span[1] / (1 + rate[0] / 100)


def growth_implies_previous_level(trade: pd.DataFrame) -> list[Check]:
    """A level and its growth imply the year before's level; checked against any source's
    level of that year (within the hedges), else shown as derived."""
    levels, checks = _points(_levels(trade)), []
    for level, growth in _level_growth_pairs(trade):
        implied = _previous(level, growth)
        if implied is None:
            continue
        year = pd.Timestamp(level["period_start"]).year - 1
        same = (
            (levels["reporter"] == level["reporter"])
            & (levels["partner"] == level["partner"])
            & (levels["flow"] == level["flow"])
            & (levels["period_start"].dt.year == year)
            & (levels["period_end"].dt.year == year)
        )
        stated = records(levels[same])
        found = "; ".join(f"{b['source_id']}: {b['figure']} in {year}" for b in stated)
        agree = all(overlap(implied, interval(b) or (b["value"], b["value"])) for b in stated)
        checks.append(
            check(
                "arithmetic",
                "growth_implies_previous_level",
                (level, growth, *stated),
                expected=f"{level['flow']} {level['reporter']}-{level['partner']} {year}",
                found=found or f"no level stated for {year}",
                derived=(
                    f"{level['value']:g} / (1 + {growth['value']:g}%) = {shown_span(implied)} USD "
                    "billion" + (" (the hedges widen it)" if ".." in shown_span(implied) else "")
                ),
                verdict=("consistent" if agree else "inconsistent") if stated else "derived",
            )
        )
    return checks


def _component_growth(
    x: dict[str, Any], gx: dict[str, Any], m: dict[str, Any], gm: dict[str, Any]
) -> float:
    before = x["value"] / (1 + gx["value"] / 100) + m["value"] / (1 + gm["value"] / 100)
    return float((x["value"] + m["value"]) / before - 1) * 100


def components_growth_vs_total_growth(trade: pd.DataFrame) -> list[Check]:
    """Exports and imports with their growth rates imply the turnover's growth; checked
    against a stated turnover growth of the same parties and period (0.5 points)."""
    pairs = _level_growth_pairs(trade)
    growths, checks = records(_growths(trade)), []
    for (x, gx), (m, gm) in itertools.product(pairs, pairs):
        same = all(x[k] == m[k] for k in ("reporter", "partner", "period_start", "period_end"))
        if not (same and x["flow"] == "exports" and m["flow"] == "imports"):
            continue
        if gx["value"] <= -100 or gm["value"] <= -100 or not (x["value"] or m["value"]):
            continue  # a fall of 100% (or nothing traded) implies no earlier level
        implied = _component_growth(x, gx, m, gm)
        for t in growths:
            if t["flow"] != "turnover" or any(
                t[k] != x[k] for k in ("reporter", "partner", "period_start", "period_end")
            ):
                continue
            checks.append(
                check(
                    "arithmetic",
                    "components_growth_vs_total_growth",
                    (x, gx, m, gm, t),
                    expected=f"turnover growth {t['figure']} ({t['source_id']})",
                    found=f"exports {x['figure']} (+{gx['value']:g}%), imports {m['figure']} (+{gm['value']:g}%)",
                    derived=(
                        f"({x['value']:g} + {m['value']:g}) / ({x['value']:g}/{1 + gx['value'] / 100:g}"
                        f" + {m['value']:g}/{1 + gm['value'] / 100:g}) - 1 = {implied:.2f}%"
                    ),
                    verdict="consistent" if abs(implied - t["value"]) <= 0.5 else "inconsistent",
                )
            )
    return checks


def _shares(trade: pd.DataFrame) -> list[dict[str, Any]]:
    """Stated shares (percent) of a partner in the reporter's total flow, one year each."""
    shares = trade[(trade["measure"] == "share") & (trade["unit"] == "percent")]
    one_year = shares["period_start"].dt.year == shares["period_end"].dt.year
    return [r for r in records(shares[one_year]) if is_fact(r) and interval(r) is not None]


def _year(row: dict[str, Any], column: str = "period_start") -> int:
    return int(pd.Timestamp(row[column]).year)


Part = tuple[tuple[float, float], tuple[dict[str, Any], ...], str]  # level, claims, how shown


Pairs = list[tuple[dict[str, Any], dict[str, Any]]]


def _parts_of(levels: list[dict[str, Any]], pairs: Pairs, share: dict[str, Any]) -> list[Part]:
    """The share's part (the reporter's flow with the partner) in its year: each stated
    level (``levels``, stated facts) of any source, else the level a stated level and
    growth (``pairs``) of the next year imply."""
    parties = {(share["reporter"], share["partner"])}
    if share["flow"] == "turnover":  # two-way trade is one quantity whichever side reports it
        parties.add((share["partner"], share["reporter"]))

    def about(row: dict[str, Any], year: int) -> bool:
        same = (row["reporter"], row["partner"]) in parties and row["flow"] == share["flow"]
        return same and _year(row) == year == _year(row, "period_end")

    year = _year(share)
    parts: list[Part] = []
    for r in levels:
        span = interval(r)
        if span is not None and about(r, year):
            parts.append((span, (r,), f"{r['figure']} ({r['source_id']})"))
    if parts:
        return parts
    for level, growth in pairs:
        implied = _previous(level, growth)
        if implied is not None and about(level, year + 1) and is_fact(level):
            shown = f"{level['value']:g} / (1 + {growth['value']:g}%) = {shown_span(implied)}"
            parts.append((implied, (level, growth), f"{shown} ({level['source_id']}, implied)"))
    return parts


def _totals_of(levels: list[dict[str, Any]], share: dict[str, Any]) -> list[dict[str, Any]]:
    """The reporter's stated total flow (partner WORLD) in the share's year."""
    return [
        r
        for r in levels
        if r["reporter"] == share["reporter"]
        and r["partner"] == "WORLD"
        and r["flow"] == share["flow"]
        and _year(r) == _year(share) == _year(r, "period_end")
        and interval(r) is not None
    ]


def share_vs_levels(trade: pd.DataFrame) -> list[Check]:
    """A partner's share of the reporter's total, the level of that part and the total, of
    one year (across sources): part / share gives the total, checked against a stated total
    within the hedges, else shown as derived. A part not stated for the share's year is
    the level the next year's level and growth imply; plans and forecasts never enter."""
    levels = [r for r in records(_levels(trade)) if is_fact(r)]
    pairs, checks = _level_growth_pairs(trade), []
    for share in _shares(trade):
        pct = interval(share)
        assert pct is not None  # _shares keeps only shares with a value
        pct = as_rounded(pct, share["value"])
        stated = _totals_of(levels, share)
        for part, claims, shown in _parts_of(levels, pairs, share):
            part_span = as_rounded(part, claims[0]["value"]) if len(claims) == 1 else part
            total = ratio_span(part_span, (max(pct[0], 0.0) / 100, pct[1] / 100))
            agree = all(
                overlap(total, as_rounded(interval(t) or (0.0, 0.0), t["value"])) for t in stated
            )
            what = f"{share['reporter']}'s total {share['flow']} {_year(share)}"
            checks.append(
                check(
                    "arithmetic",
                    "share_vs_levels",
                    (share, *claims, *stated),
                    expected=what,
                    found=f"{share['partner']}'s share {share['figure']} ({share['source_id']}); "
                    f"its {share['flow']} {shown}"
                    + "".join(f"; total {t['figure']} ({t['source_id']})" for t in stated),
                    derived=f"part / share = {shown_span(part)} / {share['value']:g}% = "
                    f"{shown_span(total)} USD billion (each printed figure as the range it "
                    "rounds, hedges as stated)",
                    verdict=("consistent" if agree else "inconsistent") if stated else "derived",
                )
            )
    return checks


def part_of_total_implies_share(trade: pd.DataFrame) -> list[Check]:
    """A reporter's stated total (partner WORLD) and its level with one partner in the same
    year, where no source states that partner's share: the share they imply (and the part
    may not exceed the total)."""
    levels = [r for r in records(_levels(trade)) if is_fact(r) and interval(r) is not None]
    stated = {(s["reporter"], s["partner"], s["flow"], _year(s)) for s in _shares(trade)}
    checks = []
    for total, part in itertools.product(levels, levels):
        same = all(total[k] == part[k] for k in ("reporter", "flow", "period_start", "period_end"))
        key = (part["reporter"], part["partner"], part["flow"], _year(part))
        if not same or total["partner"] != "WORLD" or part["partner"] == "WORLD" or key in stated:
            continue
        checks.append(
            part_of_total(
                "part_of_total_implies_share",
                part,
                total,
                (interval(part) or (0.0, 0.0), interval(total) or (0.0, 0.0)),
                expected=f"{part['partner']}'s share of {part['reporter']}'s {part['flow']} "
                f"{_year(part)} at most 100%",
                within="derived",
            )
        )
    return checks


RULES = (
    exports_plus_imports_vs_turnover,
    growth_vs_levels,
    share_change_vs_shares,
    rank_vs_levels,
    growth_implies_previous_level,
    components_growth_vs_total_growth,
    share_vs_levels,
    part_of_total_implies_share,
)

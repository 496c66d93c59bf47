"""Where the sources agree and disagree: cross-claim checks found by rules over the tables.

No pair of claims is listed by hand. Each rule groups or joins claims by what they are
about (same indicator, parties and period; same event; components of a total) and says
what it expected and what it found:

- *corroboration*: the same quantity or event stated by two or more sources, and they agree;
- *restatement*: one source states the same quantity or event twice, consistently (found
  as the same quantity, or by a curator's "Restates <claim_id>" note);
- *conflict*: the same quantity, event or date stated differently (across or within texts);
- *arithmetic*: components against totals, growth against levels, ranks against levels,
  implied per-unit figures across projects.

Derived values (sums, ratios, per-unit figures) appear only here, each with its formula and
the claim_ids it uses; they never enter the claim tables.
"""

from __future__ import annotations

import itertools
import math
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any, cast

import pandas as pd

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
_TOLERANCE = 0.1  # how far "about", "almost" reach (10 %)


def _records(frame: pd.DataFrame) -> list[dict[str, Any]]:
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

    def row(self) -> dict[str, str]:
        ids = ";".join(self.claim_ids)
        return {
            "check_id": f"{self.rule}:{ids}",
            "kind": self.kind,
            "rule": self.rule,
            "claim_ids": ids,
            "sources": ";".join(self.sources),
            "expected": self.expected,
            "found": self.found,
            "derived": self.derived,
            "verdict": self.verdict,
        }


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
        return v * (1 - _TOLERANCE), v * (1 + _TOLERANCE)
    if qualifier == "upper_bound":
        return (v * (1 - _TOLERANCE), v) if hedge in _NEAR_BELOW else (-math.inf, v)
    if qualifier == "lower_bound":
        return v, math.inf
    return v, v


def _overlap(a: tuple[Any, Any], b: tuple[Any, Any]) -> bool:
    return bool(a[0] <= b[1] and b[0] <= a[1])


def _period(row: Mapping[Any, Any]) -> tuple[Any, Any] | None:
    start, end = row.get("period_start"), row.get("period_end")
    return None if start is None or pd.isna(start) else (start, end)


def _show(row: Mapping[Any, Any]) -> str:
    parts = [f"{row['source_id']}: {row['figure']}"]
    if pd.notna(row.get("period_start")):
        start, end = row["period_start"], row["period_end"]
        parts.append(f"{start:%Y-%m-%d}" + ("" if start == end else f"..{end:%Y-%m-%d}"))
    return " ".join(parts)


def _key(row: Mapping[Any, Any], columns: Iterable[str]) -> tuple[str, ...]:
    out = []
    for c in columns:
        value = row.get(c)
        if c in ("parties", "participants", "buyer") and isinstance(value, str):
            value = ";".join(sorted(value.split(";")))
        if c == "system" and isinstance(value, str):
            value = value.strip("’'").replace(" ", "").casefold()
        if isinstance(value, pd.Timestamp):
            value = f"{value:%Y-%m-%d}"
        out.append(
            "" if value is None or (not isinstance(value, str) and pd.isna(value)) else str(value)
        )
    return tuple(out)


# What makes two claims of a table statements of the same quantity or event.
SAME_QUANTITY: dict[str, tuple[str, ...]] = {
    "trade": (
        "reporter",
        "partner",
        "flow",
        "measure",
        "unit",
        "period_start",
        "period_end",
        "status",
    ),
    "arms": ("indicator", "exporter", "buyer", "system", "event", "unit", "compared_to"),
    "gas": ("project", "indicator", "event", "unit"),
    "exercises": ("exercise", "indicator", "unit"),
    "economy_and_diplomacy": ("indicator", "parties", "unit", "period_start", "period_end"),
}


def same_quantity(tables: Mapping[str, pd.DataFrame]) -> list[Check]:
    """Group claims stating the same quantity or event; compare values and dates."""
    checks = []
    for name, columns in SAME_QUANTITY.items():
        frame = tables.get(name)
        if frame is None or frame.empty:
            continue
        records = _records(frame)
        if name == "economy_and_diplomacy":  # events there are too varied: compare figures only
            records = [
                r for r in records if pd.notna(r.get("value")) or pd.notna(r.get("value_low"))
            ]
        if name == "arms":  # a sale event is the same event whatever its date
            records = [r for r in records if r["indicator"] != "sale_event" or pd.notna(r["event"])]
        groups: dict[tuple[str, ...], list[dict[str, Any]]] = {}
        for r in records:
            groups.setdefault(_key(r, columns), []).append(r)
        for key, rows in groups.items():
            if len(rows) < 2:
                continue
            rows = sorted(rows, key=lambda r: r["claim_id"])
            intervals = [interval(r) for r in rows]
            periods = [_period(r) for r in rows]
            values = [i for i in intervals if i is not None]
            dates = [p for p in periods if p is not None]
            agree_values = all(_overlap(a, b) for a in values for b in values)
            agree_dates = all(_overlap(a, b) for a in dates for b in dates)
            sources = tuple(sorted({r["source_id"] for r in rows}))
            what = "/".join(k for k in key if k)
            found = "; ".join(_show(r) for r in rows)
            if agree_values and agree_dates:
                kind = "corroboration" if len(sources) > 1 else "restatement"
                verdict = "agree"
            else:
                kind, verdict = (
                    "conflict",
                    "disagree" + (" (within one text)" if len(sources) == 1 else ""),
                )
            checks.append(
                Check(
                    kind,
                    f"same_{name}_quantity",
                    tuple(r["claim_id"] for r in rows),
                    sources,
                    f"one value and date for {name} {what}",
                    found,
                    "",
                    verdict,
                )
            )
    return checks


_RESTATES = re.compile(r"Restates ([a-z_]+-[a-z0-9]+-\d{3})")


def restatement_links(
    tables: Mapping[str, pd.DataFrame], grouped: set[frozenset[str]]
) -> list[Check]:
    """A row whose note says 'Restates <claim_id>' against the claim it restates (pairs
    already compared as the same quantity are skipped)."""
    every = {r["claim_id"]: r for frame in tables.values() for r in _records(frame)}
    checks = []
    for row in every.values():
        for target_id in _RESTATES.findall(str(row.get("note") or "")):
            target = every.get(target_id)
            pair = frozenset((row["claim_id"], target_id))
            if target is None or any(pair <= g for g in grouped):
                continue
            a, b = sorted((target, row), key=lambda r: r["claim_id"])
            iv = [i for i in (interval(a), interval(b)) if i is not None]
            pd_ = [p for p in (_period(a), _period(b)) if p is not None]
            agree = (len(iv) < 2 or _overlap(iv[0], iv[1])) and (
                len(pd_) < 2 or _overlap(pd_[0], pd_[1])
            )
            same_source = a["source_id"] == b["source_id"]
            kind = ("restatement" if same_source else "corroboration") if agree else "conflict"
            verdict = (
                "agree" if agree else "disagree" + (" (within one text)" if same_source else "")
            )
            checks.append(
                Check(
                    kind,
                    "restated_claim",
                    (a["claim_id"], b["claim_id"]),
                    tuple(sorted({a["source_id"], b["source_id"]})),
                    "a restatement states the same value and date",
                    f"{_show(a)}; {_show(b)}",
                    "",
                    verdict,
                )
            )
    return checks


def _level(rows: pd.DataFrame, flow: str, start: Any, end: Any) -> pd.DataFrame:
    return rows[  # type: ignore[no-any-return]
        (rows["flow"] == flow) & (rows["period_start"] == start) & (rows["period_end"] == end)
    ]


def trade_arithmetic(trade: pd.DataFrame | None) -> list[Check]:
    """Exports + imports against turnover; growth against adjacent levels; ranks against
    levels; a change of share against the shares it joins."""
    if trade is None or trade.empty:
        return []
    checks: list[Check] = []
    levels = trade[(trade["measure"] == "level") & (trade["unit"] == "usd_billion")]
    for (rep, par, start, end), group in levels.groupby(
        ["reporter", "partner", "period_start", "period_end"]
    ):
        exports, imports, turnover = (
            _level(group, f, start, end) for f in ("exports", "imports", "turnover")
        )
        for x in _records(exports):
            for m in _records(imports):
                for t in _records(turnover):
                    total = x["value"] + m["value"]
                    gap = abs(total - t["value"]) / t["value"]
                    verdict = "consistent" if gap <= 0.02 else "inconsistent"
                    checks.append(
                        Check(
                            "arithmetic",
                            "exports_plus_imports_vs_turnover",
                            (x["claim_id"], m["claim_id"], t["claim_id"]),
                            tuple(sorted({x["source_id"], m["source_id"], t["source_id"]})),
                            f"turnover {rep}-{par} {pd.Timestamp(cast(Any, start)).year} = exports + imports = {total:g}",
                            f"turnover {t['value']:g} ({t['status']})",
                            f"{x['value']:g} + {m['value']:g} = {total:g}; gap {gap:.1%}",
                            verdict,
                        )
                    )
    growth = trade[(trade["measure"] == "growth") & (trade["unit"] == "percent_change")]
    for g in _records(growth):
        now = _level(
            levels[(levels["reporter"] == g["reporter"]) & (levels["partner"] == g["partner"])],
            g["flow"],
            g["period_start"],
            g["period_end"],
        )
        before = levels[
            (levels["reporter"] == g["reporter"])
            & (levels["partner"] == g["partner"])
            & (levels["flow"] == g["flow"])
            & (levels["period_end"].dt.year == g["period_start"].year - 1)
        ]
        for n in _records(now):
            for b in _records(before):
                implied = (n["value"] / b["value"] - 1) * 100
                ok = abs(implied - g["value"]) <= 1.0
                checks.append(
                    Check(
                        "arithmetic",
                        "growth_vs_levels",
                        (g["claim_id"], b["claim_id"], n["claim_id"]),
                        tuple(sorted({g["source_id"], b["source_id"], n["source_id"]})),
                        f"growth {g['value']:g}%",
                        f"levels {b['value']:g} -> {n['value']:g}",
                        f"({n['value']:g} / {b['value']:g} - 1) x 100 = {implied:.1f}%",
                        "consistent" if ok else "inconsistent",
                    )
                )
    shares = trade[(trade["measure"] == "share") & (trade["unit"] == "percent")]
    for c in trade[(trade["measure"] == "share") & (trade["unit"] == "times")].to_dict("records"):
        first = shares[
            (shares["period_start"].dt.year == c["period_start"].year)
            & (shares["reporter"] == c["reporter"])
            & (shares["partner"] == c["partner"])
        ]
        last = shares[
            (shares["period_end"].dt.year == c["period_end"].year)
            & (shares["reporter"] == c["reporter"])
            & (shares["partner"] == c["partner"])
        ]
        for a in _records(first):
            for b in _records(last):
                ratio_iv = interval(b)
                claimed = interval(c)
                if ratio_iv is None or claimed is None:
                    continue
                implied = (ratio_iv[0] / a["value"], ratio_iv[1] / a["value"])
                checks.append(
                    Check(
                        "arithmetic",
                        "share_change_vs_shares",
                        (c["claim_id"], a["claim_id"], b["claim_id"]),
                        tuple(sorted({c["source_id"], a["source_id"], b["source_id"]})),
                        f"share multiplied by {c['figure']}",
                        f"shares {a['figure']} -> {b['figure']}",
                        f"{b['value']:g} / {a['value']:g} = {b['value'] / a['value']:.2f}",
                        "consistent" if _overlap(implied, claimed) else "inconsistent",
                    )
                )
    ranks = trade[trade["measure"] == "rank"]
    for (rep, start, _end, flow), group in ranks.groupby(
        ["reporter", "period_start", "period_end", "flow"]
    ):
        pairs = []
        for r in _records(group):
            lv = levels[
                (levels["reporter"] == rep)
                & (levels["partner"] == r["partner"])
                & (levels["flow"] == flow)
                & (levels["period_start"] == start)
            ]
            lv_any = levels[
                (levels["partner"] == rep)
                & (levels["reporter"] == r["partner"])
                & (levels["flow"] == flow)
                & (levels["period_start"] == start)
            ]
            for lvl in pd.concat([lv, lv_any]).to_dict("records"):
                pairs.append((r, lvl))
        if len(pairs) < 2:
            continue
        pairs.sort(key=lambda p: p[0]["value"])
        ordered = all(a[1]["value"] >= b[1]["value"] for a, b in itertools.pairwise(pairs))
        ids = tuple(i for p in pairs for i in (p[0]["claim_id"], p[1]["claim_id"]))
        checks.append(
            Check(
                "arithmetic",
                "rank_vs_levels",
                ids,
                tuple(sorted({p[i]["source_id"] for p in pairs for i in (0, 1)})),
                f"{rep}'s partners ranked by {flow}: a better rank has the larger value",
                "; ".join(
                    f"rank {p[0]['value']:g} {p[0]['partner']}: {p[1]['value']:g}" for p in pairs
                ),
                "",
                "consistent" if ordered else "inconsistent",
            )
        )
    return checks


def _scaled(row: Mapping[Any, Any], factors: Mapping[str, float]) -> tuple[float, float] | None:
    iv = interval(row)
    f = factors.get(str(row.get("unit")))
    return None if iv is None or f is None else (iv[0] * f, iv[1] * f)


def gas_per_unit(gas: pd.DataFrame | None) -> list[Check]:
    """Implied pipeline cost per km, and price per 1000 m3, compared across projects."""
    if gas is None or gas.empty:
        return []
    usd = {"usd_billion": 1e9, "usd_million": 1e6}
    per_km: list[Any] = []
    for project, group in gas.groupby("project"):
        costs = group[group["indicator"] == "pipeline_cost"].to_dict("records")
        lengths = group[
            (group["indicator"] == "pipeline_length") & (group["unit"] == "km")
        ].to_dict("records")
        for c in costs:
            for ln in lengths:
                cost, length = _scaled(c, usd), interval(ln)
                if cost is None or length is None:
                    continue
                low = cost[0] / length[1] / 1e6
                high = cost[1] / length[0] / 1e6 if length[0] > 0 else math.inf
                per_km.append((project, c, ln, (low, high)))
        deals = group[group["indicator"] == "deal_value"].to_dict("records")
        years = group[(group["indicator"] == "duration") & (group["unit"] == "years")].to_dict(
            "records"
        )
        volumes = group[
            (group["indicator"] == "annual_volume") & (group["unit"] == "bcm_per_year")
        ].to_dict("records")
        for d in deals[:1]:
            for y in years[:1]:
                for v in volumes[:1]:
                    price = d["value"] * 1e9 / (y["value"] * v["value"] * 1e9) * 1000
                    per_km.append((project, d, (y, v), (price, price)))
    checks = []
    costs_km = [p for p in per_km if isinstance(p[2], dict)]
    for a_i, a in enumerate(costs_km):
        for b in costs_km[a_i + 1 :]:
            if a[0] == b[0]:
                continue
            ratio = a[3][0] / b[3][1] if b[3][1] else math.inf
            checks.append(
                Check(
                    "arithmetic",
                    "pipeline_cost_per_km_across_projects",
                    (a[1]["claim_id"], a[2]["claim_id"], b[1]["claim_id"], b[2]["claim_id"]),
                    tuple(sorted({a[1]["source_id"], b[1]["source_id"]})),
                    "comparable cost per km across pipeline projects",
                    f"{a[0]}: {_fmt_iv(a[3])} USD m/km; {b[0]}: {_fmt_iv(b[3])} USD m/km",
                    f"cost / length; {a[0]} costs at least {ratio:.0f}x more per km"
                    if ratio >= 1
                    else f"cost / length; {b[0]} costs more per km",
                    "differ" if ratio > 2 or ratio < 0.5 else "comparable",
                )
            )
    for project, deal, (years, volume), (price, _) in [
        p for p in per_km if isinstance(p[2], tuple)
    ]:
        checks.append(
            Check(
                "arithmetic",
                "implied_gas_price",
                (deal["claim_id"], years["claim_id"], volume["claim_id"]),
                tuple(sorted({deal["source_id"], years["source_id"], volume["source_id"]})),
                f"price per 1000 m3 implied by {project}'s deal terms",
                f"{deal['figure']} over {years['figure']} at {volume['figure']}",
                f"{deal['value']:g}e9 USD / ({years['value']:g} years x {volume['value']:g}e9 m3) x 1000 = "
                f"{price:.0f} USD per 1000 m3",
                "derived",
            )
        )
    return checks


def _fmt_iv(iv: tuple[float, float]) -> str:
    return (
        f"{iv[0]:.2f}"
        if iv[0] == iv[1]
        else f"{iv[0]:.2f}-{iv[1]:.2f}"
        if math.isfinite(iv[1])
        else f">={iv[0]:.2f}"
    )


_DONE = ("sold", "announced", "agreed", "delivered")
_OPEN = ("discussed", "negotiated", "proposed")


def sale_sequence(arms: pd.DataFrame | None) -> list[Check]:
    """A sale still 'in discussion' at a date after another claim says it was sold."""
    if arms is None or arms.empty:
        return []
    events = arms[(arms["indicator"] == "sale_event") & arms["system"].notna()].to_dict("records")
    checks = []
    for done in (e for e in events if e["event"] in _DONE):
        for open_ in (e for e in events if e["event"] in _OPEN):
            same = _key(done, ("system", "buyer")) == _key(open_, ("system", "buyer"))
            if (
                same
                and pd.notna(done["period_start"])
                and pd.notna(open_["period_start"])
                and done["period_start"] <= open_["period_end"]
                and done["period_end"] < open_["period_start"]
            ):
                checks.append(
                    Check(
                        "conflict",
                        "sale_discussed_after_sold",
                        (done["claim_id"], open_["claim_id"]),
                        tuple(sorted({done["source_id"], open_["source_id"]})),
                        f"{open_['system']} to {open_['buyer']}: not 'in discussion' after it was {done['event']}",
                        f"{_show(done)} ({done['event']}); {_show(open_)} ({open_['event']})",
                        "",
                        "disagree",
                    )
                )
    return checks


def first_exercise(exercises: pd.DataFrame | None) -> list[Check]:
    """An exercise called the first of its kind while another of that kind between the
    same parties is dated earlier."""
    if exercises is None or exercises.empty:
        return []
    rows = _records(exercises)
    checks = []
    for first in (r for r in rows if r["indicator"] == "ordinal" and r["value"] == 1):
        kinds = set(str(first["kind"]).split(";")) if isinstance(first["kind"], str) else set()
        parties = _key(first, ("participants",))
        for other in rows:
            if other["exercise"] == first["exercise"] or other["indicator"] != "date":
                continue
            other_kinds = (
                set(str(other["kind"]).split(";")) if isinstance(other["kind"], str) else set()
            )
            if (
                _key(other, ("participants",)) == parties
                and kinds & other_kinds
                and pd.notna(other["period_start"])
                and other["period_start"] < first["period_start"]
            ):
                checks.append(
                    Check(
                        "conflict",
                        "first_exercise_has_earlier_one",
                        (first["claim_id"], other["claim_id"]),
                        tuple(sorted({first["source_id"], other["source_id"]})),
                        f"no {'/'.join(sorted(kinds))} exercise of {parties[0]} before the 'first' one",
                        f"{_show(first)} ({first['exercise']}); {_show(other)} ({other['exercise']})",
                        "",
                        "disagree",
                    )
                )
    return checks


def consistency_of(tables: Mapping[str, pd.DataFrame]) -> pd.DataFrame:
    """Every check over the given claim tables (name -> frame), one row per check."""
    same = same_quantity(tables)
    grouped = {frozenset(c.claim_ids) for c in same}
    checks = (
        same
        + restatement_links(tables, grouped)
        + trade_arithmetic(tables.get("trade"))
        + gas_per_unit(tables.get("gas"))
        + sale_sequence(tables.get("arms"))
        + first_exercise(tables.get("exercises"))
    )
    frame = pd.DataFrame([c.row() for c in checks], columns=COLUMNS)
    order = {"conflict": 0, "arithmetic": 1, "corroboration": 2, "restatement": 3}
    frame = frame.sort_values(
        ["kind", "check_id"], key=lambda s: s.map(order) if s.name == "kind" else s
    )
    return frame.reset_index(drop=True).astype("str")


def consistency(data_dir: Any = None) -> pd.DataFrame:
    """Cross-claim checks over the shipped (or given) data: corroborations, conflicts,
    restatements and arithmetic, each with its claim_ids, expectation, finding and verdict."""
    from . import loaders
    from .tables import CLAIM_TABLES

    return consistency_of({t.name: getattr(loaders, t.name)(data_dir) for t in CLAIM_TABLES})

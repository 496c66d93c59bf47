"""Cross-checks of the arms table: the same figure or sale event stated twice, a sale
still 'in discussion' after another claim says it was sold, the exporter ranks of one
period in order, and an exporter's buyer shares as parts of its sales (within their total,
summing to at most 100%, against its customer count)."""

from __future__ import annotations

import itertools

import pandas as pd

from .common import Check, Claim, check, interval, is_fact, key, period, records, show

SAME_QUANTITY = ("indicator", "exporter", "buyer", "system", "event", "unit", "compared_to")

_DONE = ("sold", "announced", "agreed", "delivered")
_OPEN = ("discussed", "negotiated", "proposed")


def comparable(rows: list[Claim]) -> list[Claim]:
    """A sale event is the same event whatever its date, so one without a stage is skipped."""
    return [r for r in rows if r["indicator"] != "sale_event" or pd.notna(r["event"])]


def _discussed_after_sold(done: Claim, open_: Claim) -> bool:
    """Same system and buyer, and the sale lies wholly before the discussion (a sale known
    only 'on or before' a day counts by that latest day)."""
    done_span, open_span = period(done), period(open_)
    return (
        key(done, ("system", "buyer")) == key(open_, ("system", "buyer"))
        and done_span is not None
        and open_span is not None
        and done_span[1] < open_span[0]
    )


def sale_discussed_after_sold(arms: pd.DataFrame) -> list[Check]:
    """A sale still 'in discussion' at a date after another claim says it was sold."""
    events = records(arms[(arms["indicator"] == "sale_event") & arms["system"].notna()])
    done = [e for e in events if e["event"] in _DONE]
    still_open = [e for e in events if e["event"] in _OPEN]
    return [
        check(
            "conflict",
            "sale_discussed_after_sold",
            (d, o),
            expected=(
                f"{o['system']} to {o['buyer']}: not 'in discussion' after it was {d['event']}"
            ),
            found=f"{show(d)} ({d['event']}); {show(o)} ({o['event']})",
            verdict="disagree",
        )
        for d, o in itertools.product(done, still_open)
        if _discussed_after_sold(d, o)
    ]


def exporter_ranks_in_order(arms: pd.DataFrame) -> list[Check]:
    """The exporter ranks stated for one period: one rank per exporter, one exporter per
    rank ('second-greatest after the United States', 'China ... takes third place')."""
    ranks = arms[
        (arms["indicator"] == "exporter_rank")
        & arms["period_start"].notna()
        & arms["value"].notna()
    ]
    checks = []
    for _period, group in ranks.groupby(["period_start", "period_end"]):
        rows = sorted(records(group), key=lambda r: (r["value"], str(r["claim_id"])))
        if len({r["exporter"] for r in rows}) < 2:
            continue
        by_rank = {
            r["value"]: {x["exporter"] for x in rows if x["value"] == r["value"]} for r in rows
        }
        by_exporter = {
            r["exporter"]: {x["value"] for x in rows if x["exporter"] == r["exporter"]}
            for r in rows
        }
        ordered = all(len(v) == 1 for v in (*by_rank.values(), *by_exporter.values()))
        checks.append(
            check(
                "arithmetic",
                "exporter_ranks_in_order",
                rows,
                expected="one rank per exporter and one exporter per rank in a period",
                found="; ".join(
                    f"rank {r['value']:g} {r['exporter']} ({r['figure']})" for r in rows
                ),
                verdict="consistent" if ordered else "inconsistent",
            )
        )
    return checks


def _buyers(row: Claim) -> frozenset[str]:
    buyer = row.get("buyer")
    return frozenset(buyer.split(";")) - {""} if isinstance(buyer, str) else frozenset()


def _stated(arms: pd.DataFrame, indicator: str, unit: str) -> list[Claim]:
    rows = arms[(arms["indicator"] == indicator) & (arms["unit"] == unit)]
    return [r for r in records(rows) if is_fact(r) and interval(r) is not None]


def _share_problems(shares: list[Claim]) -> list[str]:
    """Parts above their total ('60% to India, China and Algeria' against each buyer's
    share), and shares of separate buyers summing above 100%."""
    problems = []
    for whole in shares:
        parts = [s for s in shares if _buyers(s) < _buyers(whole)]
        low = sum((interval(s) or (0.0, 0.0))[0] for s in parts)
        if parts and low > (interval(whole) or (0.0, 0.0))[1]:
            problems.append(f"the parts of {whole['figure']} sum to at least {low:g}%")
    tops = [s for s in shares if not any(_buyers(s) < _buyers(o) for o in shares)]
    separate = all(not (_buyers(a) & _buyers(b)) for a, b in itertools.combinations(tops, 2))
    low = sum((interval(s) or (0.0, 0.0))[0] for s in tops)
    if separate and low > 100:
        problems.append(f"separate buyers' shares sum to at least {low:g}%")
    return problems


def _rest(shares: list[Claim], counts: list[Claim]) -> str:
    """What the shares leave to the exporter's other customers."""
    tops = [s for s in shares if not any(_buyers(s) < _buyers(o) for o in shares)]
    named = frozenset().union(*(_buyers(s) for s in tops))
    share = sum((interval(s) or (0.0, 0.0))[0] for s in tops)
    shown = f"{', '.join(sorted(named))} take {share:g}%; the other buyers {100 - share:g}%"
    for c in counts:
        others = c["value"] - len(named)
        if others > 0:
            shown += (
                f"; of {c['value']:g} customers the other {others:g} take "
                f"{(100 - share) / others:.3g}% each on average, the {len(named)} named "
                f"{share / len(named):.3g}% each"
            )
    return shown


def buyer_shares_within_total(arms: pd.DataFrame) -> list[Check]:
    """An exporter's buyer shares of one period (and its customer count): a part no larger
    than the total it is part of, separate buyers' shares summing to at most 100%, no more
    buyers named than it has customers; the rest left to the other customers is shown."""
    shares, counts = (
        _stated(arms, "buyer_share", "percent"),
        _stated(arms, "customer_count", "count"),
    )
    when = ("exporter", "period_start", "period_end")
    checks = []
    for group in sorted({key(r, when) for r in shares}):
        same = [r for r in shares if key(r, when) == group]
        count = [r for r in counts if key(r, when) == group]
        if len(same) + len(count) < 2:
            continue
        problems = _share_problems(same)
        named = len(frozenset().union(*(_buyers(s) for s in same)))
        problems += [f"{named} buyers named, {c['figure']}" for c in count if named > c["value"]]
        checks.append(
            check(
                "arithmetic",
                "buyer_shares_within_total",
                (*same, *count),
                expected=f"{group[0]}'s buyer shares within 100% and each part within its total",
                found="; ".join(
                    f"{show(r)} ({';'.join(sorted(_buyers(r))) or 'customers'})"
                    for r in (*same, *count)
                ),
                derived=_rest(same, count) + "".join(f"; {p}" for p in problems),
                verdict="inconsistent" if problems else "consistent",
            )
        )
    return checks


RULES = (sale_discussed_after_sold, exporter_ranks_in_order, buyer_shares_within_total)

"""Cross-checks of the arms table: the same figure or sale event stated twice, a sale
still 'in discussion' after another claim says it was sold, and the exporter ranks of one
period in order."""

from __future__ import annotations

import itertools

import pandas as pd

from .common import Check, Claim, check, key, period, records, show

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
    ranks = arms[(arms["indicator"] == "exporter_rank") & arms["period_start"].notna()]
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


RULES = (sale_discussed_after_sold, exporter_ranks_in_order)

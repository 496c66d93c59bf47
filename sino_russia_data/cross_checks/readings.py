"""Disputed readings: one thing the text says two parties read differently.

A row with modality ``disputed`` is one party's reading; the rows of one source that
share its quote and figure are the readings of the same thing. Each such group is one
check of kind ``conflict`` with verdict ``disputed``, naming who holds which reading.
"""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from .common import Check, Claim, check, records


def _reading(row: Claim) -> str:
    what = row.get("indicator") or row.get("measure") or "reading"
    value = row.get("value")
    shown = "" if value is None or pd.isna(value) else f" {value:g}"
    who = row.get("attributed_to")
    speaker = who if isinstance(who, str) and who else "the text"  # empty cells may be NaN
    return f"{speaker}: {what}{shown}"


def disputed_readings(tables: Mapping[str, pd.DataFrame]) -> list[Check]:
    """One check per disputed thing, listing each party's reading."""
    groups: dict[tuple[str, str, str], list[Claim]] = {}
    for frame in tables.values():
        if "modality" not in frame:
            continue
        for row in records(frame[frame["modality"] == "disputed"]):
            groups.setdefault((row["source_id"], row["quote"], row["figure"]), []).append(row)
    return [
        check(
            "conflict",
            "disputed_readings",
            sorted(rows, key=lambda r: str(r["claim_id"])),
            expected=f"one reading of {rows[0]['figure']} ({rows[0]['source_id']})",
            found="; ".join(_reading(r) for r in sorted(rows, key=lambda r: str(r["claim_id"]))),
            verdict="disputed",
        )
        for rows in groups.values()
    ]

"""The data dictionary, rendered from the pandera models and the vocabularies.

``docs/data-dictionary.md`` is this module's output; a test fails when the checked-in file
differs from a fresh render, so the documentation cannot drift from the models.
"""

from __future__ import annotations

from typing import Any

from . import vocabulary
from .tables import ALL_TABLES, Table

# Vocabularies whose meanings are listed under the table columns that use them.
_VOCABULARIES: dict[str, dict[str, str]] = {
    "qualifier": vocabulary.QUALIFIER,
    "status": vocabulary.STATUS,
    "unit / unit_normalised": vocabulary.UNIT,
    "period_precision / date_precision": vocabulary.DATE_PRECISION,
    "date_basis": vocabulary.DATE_BASIS,
    "trade.flow": vocabulary.TRADE_FLOW,
    "trade.measure": vocabulary.TRADE_MEASURE,
    "named groupings (reporter, partner, exporter)": vocabulary.PARTY_GROUPS,
    "arms.indicator": vocabulary.ARMS_INDICATOR,
    "event": vocabulary.EVENT,
    "gas.indicator": vocabulary.GAS_INDICATOR,
    "exercises.kind": vocabulary.EXERCISE_KIND,
    "exercises.indicator": vocabulary.EXERCISE_INDICATOR,
    "exercises.exercise_status": vocabulary.EXERCISE_STATUS,
    "economy_and_diplomacy.topic": vocabulary.TOPIC,
    "excluded.reason": vocabulary.EXCLUSION_REASON,
    "sources.document_kind": vocabulary.DOCUMENT_KIND,
}


def column_facts(table: Table) -> list[dict[str, Any]]:
    """Per column of ``table``: name, title, type, required, constraint, description."""
    schema = table.model.to_schema()
    facts = []
    for name in table.columns:
        col = schema.columns[name]
        constraints = []
        for check in col.checks:
            stats = check.statistics or {}
            if "allowed_values" in stats:
                constraints.append("one of " + ", ".join(f"`{v}`" for v in stats["allowed_values"]))
            elif "pattern" in stats:
                constraints.append(f"matches `{stats['pattern']}`")
            else:
                constraints.append(str(check.name))
        if col.unique:
            constraints.append("unique")
        dtype = str(col.dtype)
        kind = (
            "number"
            if dtype.startswith("float")
            else "date"
            if dtype.startswith("datetime")
            else "string"
        )
        facts.append(
            {
                "name": name,
                "title": col.title or name,
                "type": kind,
                "required": not col.nullable,
                "constraints": constraints,
                "description": col.description or "",
            }
        )
    return facts


def render() -> str:
    out = [
        "# Data dictionary",
        "",
        "Generated from the pandera models by `sino-russia-data dictionary`; do not edit by hand",
        "(a test fails when this file differs from a fresh render).",
        "",
        "Every CSV is UTF-8 with a header row. Empty cells are missing values. Dates are ISO 8601",
        "(`YYYY-MM-DD`). Each claim row also passes the row checks listed under its table.",
        "",
    ]
    for table in ALL_TABLES:
        out += [f"## `{table.file}` ({table.name})", "", table.description, ""]
        out += ["| column | type | required | allowed values | meaning |", "|---|---|---|---|---|"]
        for f in column_facts(table):
            allowed = "; ".join(f["constraints"]).replace("|", "\\|")
            meaning = f"**{f['title']}.** {f['description']}".replace("|", "\\|")
            required = "yes" if f["required"] else "no"
            out.append(f"| `{f['name']}` | {f['type']} | {required} | {allowed} | {meaning} |")
        checks = table.model.to_schema().checks
        if checks:
            out += ["", "Row checks:", ""]
            out += [f"- {c.error}" for c in checks]
        out.append("")
    out += ["## Vocabularies", ""]
    for name, vocab in _VOCABULARIES.items():
        out += [f"### {name}", "", "| value | meaning |", "|---|---|"]
        out += [f"| `{k}` | {v} |" for k, v in vocab.items()]
        out.append("")
    return "\n".join(out)

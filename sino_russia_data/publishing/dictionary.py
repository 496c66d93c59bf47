"""The data dictionary, rendered from the pandera models and the vocabularies.

``docs/data-dictionary.md`` is this module's output; a test fails when the checked-in file
differs from a fresh render, so the documentation cannot drift from the models.
"""

from __future__ import annotations

from .. import vocabulary
from ..registry import Field, tables

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


def _allowed(field: Field) -> str:
    """The constraints of a column, for people."""
    constraints = []
    if field.enum is not None:
        constraints.append("one of " + ", ".join(f"`{v}`" for v in field.enum))
    elif field.pattern is not None:
        constraints.append(f"matches `{field.pattern}`")
    if field.unique:
        constraints.append("unique")
    return "; ".join(constraints).replace("|", "\\|")


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
    for table in tables():
        out += [f"## `{table.file}` ({table.name}): {table.title}", "", table.description, ""]
        out += ["| column | type | required | allowed values | meaning |", "|---|---|---|---|---|"]
        for f in table.fields:
            meaning = f"**{f.title}.** {f.description}".replace("|", "\\|")
            required = "yes" if f.required else "no"
            out.append(f"| `{f.name}` | {f.type} | {required} | {_allowed(f)} | {meaning} |")
        if table.row_checks:
            out += ["", "Row checks:", ""]
            out += [f"- {c}" for c in table.row_checks]
        out.append("")
    out += ["## Vocabularies", ""]
    for name, vocab in _VOCABULARIES.items():
        out += [f"### {name}", "", "| value | meaning |", "|---|---|"]
        out += [f"| `{k}` | {v} |" for k, v in vocab.items()]
        out.append("")
    return "\n".join(out)

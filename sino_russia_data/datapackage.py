"""The Frictionless Data Package descriptor (``data/datapackage.json``), generated from the
pandera models: one Table Schema per CSV with types, titles, descriptions, required fields,
enums, patterns, uniqueness, units, primary keys and foreign keys to the sources table.

pandera cannot export Table Schema itself; this module reads the same models the validator
uses, so the descriptor cannot drift (a test compares the checked-in file with a fresh one).
"""

from __future__ import annotations

import json
from typing import Any

from ._version import __version__
from .schemas._checks import NON_BLANK, NON_BLANK_FULL
from .tables import ALL_TABLES, SOURCES, Table

# Columns whose unit is stated per row in another column (custom property "unit").
_UNIT_FROM = {
    "value": "per row, in column `unit`",
    "value_low": "per row, in column `unit`",
    "value_high": "per row, in column `unit`",
    "value_normalised": "per row, in column `unit_normalised`",
}


def _field(table: Table, name: str) -> dict[str, Any]:
    column = table.model.to_schema().columns[name]
    kind = table.kinds[name]
    field: dict[str, Any] = {"name": name, "type": kind}
    if kind == "date":
        field["format"] = "%Y-%m-%d"
    field["title"] = column.title or name
    field["description"] = column.description or ""
    constraints: dict[str, Any] = {}
    if not column.nullable:
        constraints["required"] = True
    if column.unique:
        constraints["unique"] = True
    for check in column.checks:
        stats = check.statistics or {}
        if "allowed_values" in stats:
            constraints["enum"] = list(stats["allowed_values"])
        elif "pattern" in stats:
            pattern = str(stats["pattern"])
            full = NON_BLANK_FULL if pattern == NON_BLANK else pattern
            constraints["pattern"] = full.removeprefix("^").removesuffix("$")
    if constraints:
        field["constraints"] = constraints
    if name in _UNIT_FROM:
        field["unit"] = _UNIT_FROM[name]
    return field


def _resource(table: Table) -> dict[str, Any]:
    schema: dict[str, Any] = {
        "fields": [_field(table, name) for name in table.columns],
        "missingValues": [""],
        "primaryKey": [table.id_column],
    }
    if table is not SOURCES:
        schema["foreignKeys"] = [
            {"fields": ["source_id"], "reference": {"resource": "sources", "fields": ["source_id"]}}
        ]
    return {
        "name": table.name,
        "path": table.file,
        "profile": "tabular-data-resource",
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": "utf-8",
        "title": table.name.replace("_", " ").capitalize(),
        "description": table.description,
        "schema": schema,
    }


def descriptor() -> dict[str, Any]:
    return {
        "profile": "tabular-data-package",
        "name": "sino-russia-data",
        "title": "Quantitative claims of five articles on Russia-China relations (2013-2020)",
        "description": (
            "Every figure and dated event the five articles state, one claim per row, each "
            "citing its source and a verbatim quote of the source's raw text (data/raw/). "
            "Quotes remain the copyright of their authors and publishers and are kept short; "
            "see the rights and raw_text_terms columns of sources.csv."
        ),
        "version": __version__,
        "licenses": [
            {
                "name": "MIT",
                "title": "MIT License (the curation; quoted text remains its authors')",
                "path": "https://opensource.org/licenses/MIT",
            }
        ],
        "contributors": [{"title": "sino-russia-data contributors", "role": "author"}],
        "keywords": [
            "Russia",
            "China",
            "trade",
            "arms exports",
            "natural gas",
            "military exercises",
        ],
        "resources": [_resource(t) for t in ALL_TABLES],
    }


def render() -> str:
    return json.dumps(descriptor(), indent=2, ensure_ascii=False) + "\n"

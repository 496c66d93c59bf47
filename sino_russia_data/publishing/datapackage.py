"""The Frictionless Data Package descriptor (``data/datapackage.json``), generated from the
pandera models: one Table Schema per CSV with types, titles, descriptions, required fields,
enums, patterns, uniqueness, units, primary keys and foreign keys to the sources table.

pandera cannot export Table Schema itself; this module reads the same models the validator
uses, so the descriptor cannot drift (a test compares the checked-in file with a fresh one).
"""

from __future__ import annotations

import json
from typing import Any

from .._version import __version__
from ..registry import Field, Table, tables


def field_descriptor(field: Field) -> dict[str, Any]:
    """The Table Schema field of one column."""
    out: dict[str, Any] = {"name": field.name, "type": field.type}
    if field.type == "date":
        out["format"] = "%Y-%m-%d"
    out["title"] = field.title
    out["description"] = field.description
    constraints: dict[str, Any] = {}
    if field.required:
        constraints["required"] = True
    if field.unique:
        constraints["unique"] = True
    if field.enum is not None:
        constraints["enum"] = list(field.enum)
    elif field.full_pattern is not None:
        constraints["pattern"] = field.full_pattern
    if constraints:
        out["constraints"] = constraints
    if field.unit_column is not None:
        out["unit"] = f"per row, in column `{field.unit_column}`"
    return out


def _resource(table: Table) -> dict[str, Any]:
    schema: dict[str, Any] = {
        "fields": [field_descriptor(f) for f in table.fields],
        "missingValues": [""],
        "primaryKey": [table.id_column],
    }
    if table.name != "sources":
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
        "title": table.title,
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
        "resources": [_resource(t) for t in tables()],
    }


def render() -> str:
    return json.dumps(descriptor(), indent=2, ensure_ascii=False) + "\n"

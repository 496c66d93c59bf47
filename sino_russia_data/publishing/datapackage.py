"""The Frictionless Data Package descriptor (``data/datapackage.json``), generated from the
pandera models: one Table Schema per CSV with types, titles, descriptions, required fields,
enums, patterns, uniqueness, units, primary keys and foreign keys to the sources table.

pandera cannot export Table Schema itself; this module reads the same models the validator
uses, so the descriptor cannot drift (a test compares the checked-in file with a fresh one).
The package-level facts (title, licence, sources, version, ``created``: the newest source's
publication date) come from :mod:`.package_facts`, which every export shares.
"""

from __future__ import annotations

import json
from typing import Any

from ..registry import Field, Table, tables
from . import package_facts as facts


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
    unit = facts.unit_text(field)
    if unit is not None:
        out["unit"] = unit
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


def descriptor(data_dir: Any = None) -> dict[str, Any]:
    return {
        "profile": "tabular-data-package",
        "name": "sino-russia-data",
        "title": facts.TITLE,
        "description": facts.DESCRIPTION,
        "version": facts.VERSION,
        "created": facts.created(data_dir),
        "licenses": [facts.LICENSE],
        "sources": [
            {k: v for k, v in s.items() if k in ("title", "path")} for s in facts.sources(data_dir)
        ],
        "contributors": [{"title": "sino-russia-data contributors", "role": "author"}],
        "keywords": facts.KEYWORDS,
        "resources": [_resource(t) for t in tables()],
    }


def render() -> str:
    return json.dumps(descriptor(), indent=2, ensure_ascii=False) + "\n"

"""The Parquet export: one file per table plus ``claims.parquet``, carrying their metadata.

Each file's Arrow schema has, per field, ``description`` (title and description), ``unit``
where a column's unit is stated elsewhere, and for a column with a vocabulary its
``vocabulary`` name and ``values`` (JSON: value -> meaning); and, for the schema, ``title``,
``description``, ``version``, ``licence``, ``sources`` (JSON), ``created`` and
``fingerprint`` (of the exact data exported, :func:`.checking.verdicts.fingerprint`).
Dates are ``date32`` and vocabulary columns dictionary-encoded, as
``srd.load(name, engine="pyarrow")`` gives them (the same conversion).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from ..checking.verdicts import fingerprint
from ..files import replacing
from ..loaders import to_arrow
from ..paths import resolve_data_dir
from ..registry import Field, claim_tables, tables
from . import package_facts as facts

TABLE_COLUMN = Field(
    name="table",
    type="string",
    title="Table",
    description="The claim table the row comes from.",
    required=True,
)


def field_metadata(field: Field) -> dict[bytes, bytes]:
    meta = {"description": facts.column_text(field), "title": field.title}
    unit = facts.unit_text(field)
    if unit is not None:
        meta["unit"] = unit
    vocab = facts.vocabulary_of(field)
    if vocab is not None:
        meta["vocabulary"] = vocab[0]
        meta["values"] = json.dumps(vocab[1], ensure_ascii=False)
    return {k.encode(): v.encode() for k, v in meta.items()}


def _claims_fields() -> dict[str, Field]:
    """The field of each claims() column: as the first claim table declaring it."""
    out = {"table": TABLE_COLUMN}
    for table in claim_tables():
        for f in table.fields:
            out.setdefault(f.name, f)
    return out


def _with_metadata(
    arrow: pa.Table, fields: dict[str, Field], about: dict[str, str], package: dict[str, str]
) -> pa.Table:
    schema = pa.schema(
        [f.with_metadata(field_metadata(fields[f.name])) for f in arrow.schema],
        metadata={
            **(arrow.schema.metadata or {}),
            **{k.encode(): v.encode() for k, v in {**package, **about}.items()},
        },
    )
    return arrow.cast(schema)


def _package(data_dir: Any) -> dict[str, str]:
    return {
        "package": facts.TITLE,
        "version": facts.VERSION,
        "created": facts.created(data_dir),
        "licence": json.dumps(facts.LICENSE, ensure_ascii=False),
        "sources": json.dumps(facts.sources(data_dir), ensure_ascii=False),
        "fingerprint": fingerprint(resolve_data_dir(data_dir)),
    }


def write(frames: dict[str, pd.DataFrame], out: Path, data_dir: Any = None) -> list[Path]:
    out.mkdir(exist_ok=True)  # the folder itself, never its parents
    package = _package(data_dir)
    described = {t.name: ({f.name: f for f in t.fields}, t.title, t.description) for t in tables()}
    described["claims"] = (_claims_fields(), "All claims", "Every claim of every claim table.")
    paths = []
    for name, frame in frames.items():
        fields, title, description = described[name]
        about = {"title": title, "description": description, "table": name}
        arrow = _with_metadata(to_arrow(frame), fields, about, package)
        path = out / f"{name}.parquet"
        with replacing(path) as tmp:
            pq.write_table(arrow, tmp)
        paths.append(path)
    return paths

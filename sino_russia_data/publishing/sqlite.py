"""The SQLite export: a Datasette-ready database whose constraints mirror the models.

- one table per CSV, with the model's NOT NULL and CHECK constraints
  (:mod:`.sqlite_checks`), its primary key and the foreign key to ``sources``; ``sources``
  also has ``reference``, the source's text reference, which Datasette shows as the label
  of every ``source_id``;
- ``citations``: one row per claim with its ready-to-paste citation (which holds the quote),
  the quote's display form (capture artefacts cleaned, :mod:`.texts.display`) and the
  article's URL; each claim table's ``claim_id`` is a foreign key to it, so
  Datasette links every row to its citation; searching it searches every claim at once;
- the ``claims`` view: every claim table in one, with the columns of ``srd.claims()``;
- full-text search on each table's text columns (``<table>_fts``, an FTS5 index kept in
  step by triggers, in the form Datasette detects), so ``?_search=`` works on every table;
- next to the database, ``<name>.metadata.json``: the Datasette metadata (:mod:`.datasette`).

The file is built under a temporary name in the target's folder and renamed into place.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

import pandas as pd

from ..files import replacing, write_atomically
from ..loaders import subject_columns
from ..registry import Table, claim_columns, claim_tables, tables
from . import package_facts as facts
from .sqlite_checks import column_sql, quoted, text_columns


def _create_sql(table: Table) -> str:
    lines = [column_sql(f) for f in table.fields]
    lines.append(f"PRIMARY KEY ({quoted(table.id_column)})")
    if table.name != "sources":
        lines.append('FOREIGN KEY ("source_id") REFERENCES "sources" ("source_id")')
    if table.is_claim_table:
        lines.append('FOREIGN KEY ("claim_id") REFERENCES "citations" ("claim_id")')
    return f"CREATE TABLE {quoted(table.name)} (\n  " + ",\n  ".join(lines) + "\n)"


_CITATIONS_SQL = """CREATE TABLE "citations" (
  "claim_id" TEXT NOT NULL PRIMARY KEY,
  "table" TEXT NOT NULL,
  "source_id" TEXT NOT NULL REFERENCES "sources" ("source_id"),
  "citation" TEXT NOT NULL,
  "quote_display" TEXT NOT NULL,
  "url" TEXT
)"""


def _records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    """Rows as plain values: dates as ISO text, missing cells as None."""
    out = frame.astype(object).copy()
    for column in frame.columns:
        if str(frame[column].dtype).startswith("datetime"):
            out[column] = frame[column].dt.strftime("%Y-%m-%d").astype(object)
    return [
        {str(k): (None if not isinstance(v, str) and pd.isna(v) else v) for k, v in row.items()}
        for row in out.to_dict("records")
    ]


def _citations(frames: dict[str, pd.DataFrame], data_dir: Any) -> list[dict[str, Any]]:
    from ..texts.display import display_quote
    from .citation import cite

    sources = {row["source_id"]: row for row in frames["sources"].to_dict("records")}
    rows = []
    for table in claim_tables():
        frame = frames[table.name]
        texts = cite(frame, data_dir=data_dir)
        for claim, text in zip(frame.to_dict("records"), texts, strict=True):
            source = sources[claim["source_id"]]
            rows.append(
                {
                    "claim_id": claim["claim_id"],
                    "table": table.name,
                    "source_id": claim["source_id"],
                    "citation": text,
                    "quote_display": display_quote(claim["quote"], source),
                    "url": source["url"] if isinstance(source["url"], str) else None,
                }
            )
    return rows


def _claims_view() -> str:
    columns = claim_columns() + subject_columns()
    selects = []
    for t in claim_tables():
        picked = [
            f'{_literal(t.name)} AS "table"'
            if c == "table"
            else (quoted(c) if c in t.columns else f"NULL AS {quoted(c)}")
            for c in columns
        ]
        selects.append(f"SELECT {', '.join(picked)} FROM {quoted(t.name)}")
    return "CREATE VIEW claims AS\n" + "\nUNION ALL\n".join(selects)


def _literal(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


def build(path: Path, frames: dict[str, pd.DataFrame], data_dir: Any = None) -> None:
    """Create the database at ``path`` (which must not exist)."""
    import sqlite_utils

    con = sqlite3.connect(path)
    try:
        # a private temporary file until it is renamed into place: no journal, no syncs
        con.execute("PRAGMA journal_mode = OFF")
        con.execute("PRAGMA synchronous = OFF")
        db = sqlite_utils.Database(con)
        db.execute(_CITATIONS_SQL)
        for table in tables():
            db.execute(_create_sql(table))
        db.execute('ALTER TABLE "sources" ADD COLUMN "reference" TEXT')
        references = {s["source_id"]: s["title"] for s in facts.sources(data_dir)}
        db.table("sources").insert_all(
            {**row, "reference": references[row["source_id"]]}
            for row in _records(frames["sources"])
        )
        db.table("citations").insert_all(_citations(frames, data_dir))
        db.table("citations").enable_fts(["citation"], create_triggers=True)
        for table in tables():
            if table.name != "sources":
                db.table(table.name).insert_all(_records(frames[table.name][table.columns]))
            db.table(table.name).enable_fts(text_columns(table), create_triggers=True)
        db.execute(_claims_view())
        con.commit()
        problems = con.execute("PRAGMA foreign_key_check").fetchall()
        if problems:
            raise ValueError(f"sqlite export: foreign keys do not hold: {problems[:5]}")
    finally:
        con.close()


def metadata_path(out: Path) -> Path:
    return out.with_name(f"{out.stem}.metadata.json")


def write(frames: dict[str, pd.DataFrame], out: Path, data_dir: Any = None) -> list[Path]:
    """Write the database to ``out`` and its Datasette metadata beside it."""
    from . import datasette

    with replacing(out) as tmp:
        build(tmp, frames, data_dir)
    meta = metadata_path(out)
    write_atomically(meta, datasette.render(out.stem, data_dir))
    return [out, meta]

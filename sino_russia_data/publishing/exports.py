"""Export the validated tables to Parquet, SQLite or Excel (xlsx).

- ``parquet``: a directory with one ``<table>.parquet`` per table plus ``claims.parquet``;
- ``sqlite``: one database with a table per CSV (primary keys, foreign keys to ``sources``),
  the ``claims`` view over every claim table, and ``quotes_fts``, an FTS5 full-text index of
  the quotes (``SELECT claim_id FROM quotes_fts WHERE quotes_fts MATCH 'pipeline'``);
- ``xlsx``: one workbook with a sheet per table plus ``claims``. Every text cell is written
  as a string with Excel's quote-prefix, so a cell that begins with ``=``, ``+``, ``-`` or
  ``@`` is shown as text and never evaluated as a formula (CSV/formula injection).
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

import pandas as pd

from ..registry import Table, claim_columns, claim_tables, tables

FORMATS = ("parquet", "sqlite", "xlsx")
FORMULA_START = ("=", "+", "-", "@")


def _frames(data_dir: Any) -> dict[str, pd.DataFrame]:
    from .. import loaders
    from ..checking.report import DataValidationError

    report = loaders.validate(data_dir)
    if not report.ok:
        raise DataValidationError(report.grouped)
    frames = {t.name: report.frames[t.name][t.columns] for t in tables()}
    frames["claims"] = loaders.claims(data_dir)
    return frames


def export(fmt: str, out: Path, data_dir: Any = None) -> list[Path]:
    """Write every table in ``fmt`` to ``out``; returns the paths written."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown export format {fmt!r}; formats are {', '.join(FORMATS)}")
    frames = _frames(data_dir)
    if fmt == "parquet":
        return _parquet(frames, out)
    if fmt == "sqlite":
        return [_sqlite(frames, out)]
    return [_xlsx(frames, out)]


def _parquet(frames: dict[str, pd.DataFrame], out: Path) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    paths = []
    for name, frame in frames.items():
        path = out / f"{name}.parquet"
        frame.to_parquet(path, index=False)
        paths.append(path)
    return paths


def _sql_type(table: Table, column: str) -> str:
    return "REAL" if table.field(column).type == "number" else "TEXT"


def _sqlite(frames: dict[str, pd.DataFrame], out: Path) -> Path:
    out.parent.mkdir(parents=True, exist_ok=True)
    out.unlink(missing_ok=True)
    con = sqlite3.connect(out)
    try:
        con.execute("PRAGMA foreign_keys = ON")
        for table in tables():
            cols = [f'"{c}" {_sql_type(table, c)}' for c in table.columns]
            cols.append(f'PRIMARY KEY ("{table.id_column}")')
            if table.name != "sources":
                cols.append('FOREIGN KEY ("source_id") REFERENCES sources ("source_id")')
            con.execute(f'CREATE TABLE "{table.name}" ({", ".join(cols)})')
            frame = frames[table.name].copy()
            for c in frame.columns:
                if str(frame[c].dtype).startswith("datetime"):
                    frame[c] = frame[c].dt.strftime("%Y-%m-%d")
            rows = [
                tuple(None if pd.isna(v) else v for v in row)
                for row in frame.itertuples(index=False, name=None)
            ]
            marks = ", ".join("?" for _ in table.columns)
            con.executemany(f'INSERT INTO "{table.name}" VALUES ({marks})', rows)
        selects = [
            "SELECT "
            + ", ".join(
                f"'{t.name}' AS \"table\"" if c == "table" else f'"{c}"' for c in claim_columns()
            )
            + f' FROM "{t.name}"'
            for t in claim_tables()
        ]
        con.execute("CREATE VIEW claims AS " + " UNION ALL ".join(selects))
        con.execute(
            'CREATE VIRTUAL TABLE quotes_fts USING fts5(claim_id UNINDEXED, "table" UNINDEXED, quote)'
        )
        con.execute('INSERT INTO quotes_fts SELECT claim_id, "table", quote FROM claims')
        con.commit()
    finally:
        con.close()
    return out


def _xlsx(frames: dict[str, pd.DataFrame], out: Path) -> Path:
    from openpyxl import Workbook

    out.parent.mkdir(parents=True, exist_ok=True)
    book = Workbook()
    book.remove(book.active)
    for name, frame in frames.items():
        sheet = book.create_sheet(title=name[:31])
        sheet.append(list(frame.columns))
        for r, row in enumerate(frame.itertuples(index=False, name=None), start=2):
            for c, value in enumerate(row, start=1):
                cell = sheet.cell(row=r, column=c)
                if value is None or (not isinstance(value, str) and pd.isna(value)):
                    continue
                if isinstance(value, pd.Timestamp):
                    cell.value = value.to_pydatetime()
                    cell.number_format = "yyyy-mm-dd"
                elif isinstance(value, str):
                    cell.value = value
                    cell.data_type = "s"  # text, never a formula
                    if value.startswith(FORMULA_START):
                        cell.quotePrefix = True  # Excel's own escape for formula-like text
                else:
                    cell.value = value
    book.save(out)
    return out

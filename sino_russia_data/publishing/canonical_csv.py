"""Write a table back to CSV in the package's one canonical form.

Columns in the table's order, ``\\n`` line endings, minimal quoting, empty cells for missing
values, ISO dates, and floats in their shortest round-tripping form (``42.7``, ``24.5``;
``80`` for a whole number). Reading a file written here gives back the same frame, and the
shipped CSVs are byte-identical to their canonical rewrite.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pandas as pd

from ..checking.coercion import canonical_number
from ..files import write_atomically
from ..registry import Table

format_float = canonical_number  # the one spelling validation accepts


def _cell(value: object) -> str:
    if value is None or value is pd.NaT:
        return ""
    if isinstance(value, float):
        return format_float(value)
    if isinstance(value, pd.Timestamp):
        return value.strftime("%Y-%m-%d")
    if isinstance(value, str):
        return value
    if pd.isna(value):  # type: ignore[call-overload]
        return ""
    return str(value)


def to_csv_text(frame: pd.DataFrame, table: Table) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(table.columns)
    for row in frame[table.columns].itertuples(index=False, name=None):
        writer.writerow([_cell(v) for v in row])
    return buffer.getvalue()


def write_table(frame: pd.DataFrame, table: Table, path: Path) -> bool:
    """Write ``frame`` to ``path`` in canonical form, atomically; True when it changed."""
    return write_atomically(path, to_csv_text(frame, table))

"""The Excel export: a README sheet, then one sheet per table plus ``claims``.

The README sheet gives the title, version, created date, licence and sources, then a
column-by-column dictionary (sheet, column, type, required, unit, allowed values with their
meanings, description). Data sheets have a frozen header row, an autofilter and column
widths fitted to their content (capped). The workbook's properties carry the title,
description, keywords and creator. Every text cell is written as a string with Excel's
quote-prefix when it begins with ``=``, ``+``, ``-`` or ``@``, so it is shown as text and
never evaluated as a formula (CSV/formula injection).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pandas as pd

from ..checking.report import printable
from ..files import replacing
from ..registry import tables
from . import package_facts as facts

FORMULA_START = ("=", "+", "-", "@")
MAX_WIDTH = 60
CELL_LIMIT = 32_767  # Excel's most UTF-16 units a cell (openpyxl cuts a longer one silently)
NAMED_AT_MOST = 20  # cells too long named in the message, the rest counted


class TooLongForExcel(ValueError):
    """Cells longer than an Excel cell holds: a workbook would cut them, so none is written."""


def _utf16_length(value: object) -> int:
    return len(value.encode("utf-16-le", "surrogatepass")) // 2 if isinstance(value, str) else 0


def _lengths(column: pd.Series) -> pd.Series:
    """Each cell's length as Excel counts it, in UTF-16 code units (a character beyond the
    Basic Multilingual Plane, an emoji, counts two): worked out exactly for the cells whose
    characters could reach :data:`CELL_LIMIT` that way, the others counted in characters."""
    if pd.api.types.is_string_dtype(column.dtype) and column.dtype != object:
        chars = column.str.len().fillna(0).astype("int64")
    else:
        chars = column.map(lambda v: len(v) if isinstance(v, str) else 0).astype("int64")
    near = chars > CELL_LIMIT // 2
    if near.any():
        chars[near] = column[near].map(_utf16_length).astype("int64")
    return chars


def _too_long(frames: dict[str, pd.DataFrame]) -> list[str]:
    """Each text cell of ``frames`` longer than :data:`CELL_LIMIT`, as ``table id [column]:
    N characters`` (the id of its row: the claim, exclusion or source; else the row)."""
    found = []
    for name, frame in frames.items():
        ids = next((c for c in ("claim_id", "exclusion_id", "source_id") if c in frame), None)
        for column in frame.columns:
            lengths = _lengths(frame[column]).to_numpy()
            for i in (lengths > CELL_LIMIT).nonzero()[0].tolist():
                who = printable(str(frame[ids].iloc[i]))[:60] if ids else f"row {i + 1}"
                found.append(f"{name} {who} [{column}]: {int(lengths[i]):,} characters")
    return found


def _put(cell: Any, value: object) -> None:
    if value is None or (not isinstance(value, str) and pd.isna(value)):  # type: ignore[call-overload]
        return
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


def _shown(value: object) -> str:
    if value is None or (not isinstance(value, str) and pd.isna(value)):  # type: ignore[call-overload]
        return ""
    return value.strftime("%Y-%m-%d") if isinstance(value, pd.Timestamp) else str(value)


def _fit(sheet: Any, rows: list[list[object]]) -> None:
    from openpyxl.utils import get_column_letter

    for c in range(len(rows[0]) if rows else 0):
        longest = max(len(_shown(r[c])) for r in rows[:500])
        sheet.column_dimensions[get_column_letter(c + 1)].width = min(longest + 2, MAX_WIDTH)


def _sheet(book: Any, title: str, rows: list[list[object]]) -> Any:
    from openpyxl.styles import Font

    sheet = book.create_sheet(title=title[:31])
    for r, row in enumerate(rows, start=1):
        for c, value in enumerate(row, start=1):
            _put(sheet.cell(row=r, column=c), value)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    sheet.freeze_panes = "A2"
    _fit(sheet, rows)
    return sheet


def _dictionary() -> list[list[object]]:
    rows: list[list[object]] = [
        ["sheet", "column", "type", "required", "unit", "allowed values", "description"]
    ]
    for table in tables():
        for f in table.fields:
            vocab = facts.vocabulary_of(f)
            allowed = "; ".join(f"{k}: {v}" for k, v in vocab[1].items()) if vocab else ""
            if not allowed and f.pattern is not None:
                allowed = f"matches {f.full_pattern}"
            unit = facts.unit_text(f) or ""
            desc = f"{f.title}. {f.description}"
            rows.append(
                [table.name, f.name, f.type, "yes" if f.required else "no", unit, allowed, desc]
            )
    return rows


def _readme(book: Any, data_dir: Any) -> None:
    """The README sheet: the package's facts, a blank row, then the column dictionary."""
    from openpyxl.styles import Font

    lines: list[list[object]] = [
        ["title", facts.TITLE],
        ["description", facts.DESCRIPTION],
        ["version", facts.VERSION],
        ["created", facts.created(data_dir)[:10]],
        ["licence", f"{facts.LICENSE['title']} {facts.LICENSE['path']}"],
    ]
    lines += [
        [f"source {s['source_id']}", f"{s['title']} {s.get('path', '')}".strip()]
        for s in facts.sources(data_dir)
    ]
    lines += [["sheets", "one per table (listed below), then claims: every claim table in one"]]
    sheet = book.create_sheet(title="README")
    header = len(lines) + 2  # the dictionary's header row, after a blank row
    for r, row in enumerate([*lines, [], *_dictionary()], start=1):
        for c, value in enumerate(row, start=1):
            _put(sheet.cell(row=r, column=c), value)
    for cell in [*(sheet.cell(row=r, column=1) for r in range(1, len(lines) + 1)), *sheet[header]]:
        cell.font = Font(bold=True)
    for column, width in zip("ABCDEFG", (24, 60, 10, 10, 28, 60, MAX_WIDTH), strict=True):
        sheet.column_dimensions[column].width = width


def write(frames: dict[str, pd.DataFrame], out: Path, data_dir: Any = None) -> list[Path]:
    """The workbook of ``frames`` at ``out``; :class:`TooLongForExcel` (nothing written) when
    a cell is longer than Excel holds."""
    from openpyxl import Workbook

    too_long = _too_long(frames)
    if too_long:
        more = len(too_long) - NAMED_AT_MOST
        raise TooLongForExcel(
            f"an Excel cell holds at most {CELL_LIMIT:,} characters (UTF-16 units: an emoji "
            f"counts two), and {len(too_long)} "
            f"cell(s) are longer: {'; '.join(too_long[:NAMED_AT_MOST])}"
            + (f"; and {more} more" if more > 0 else "")
            + " (parquet and sqlite keep them whole)"
        )

    book = Workbook()
    book.remove(book.active)
    _readme(book, data_dir)
    for name, frame in frames.items():
        rows = [
            list(frame.columns),
            *(list(r) for r in frame.astype(object).itertuples(index=False, name=None)),
        ]
        sheet = _sheet(book, name, rows)
        sheet.auto_filter.ref = sheet.dimensions
    book.properties.title = facts.TITLE
    book.properties.description = facts.DESCRIPTION
    book.properties.keywords = ", ".join(facts.KEYWORDS)
    book.properties.creator = "sino-russia-data contributors"
    book.properties.version = facts.VERSION
    with replacing(out) as tmp:
        book.save(tmp)
    return [out]

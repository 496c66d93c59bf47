"""The exact reader of a curated CSV: the csv module, strict.

It reads what the fast reader (:mod:`.csv_reading`, pyarrow) is not sure to read as it
does, and says what is wrong where: invalid UTF-8, an empty file, a malformed quote,
missing, unexpected or repeated columns, ragged rows (each with the line it starts on and
its first cell, built as a problem only when shown).
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass

import numpy as np
import pandas as pd

from .report import Details, Problem, ProblemGroup

NOT_READ = "rows not checked until the header is fixed"

# A cell may be as long as it likes (the csv module refuses fields over 128 KiB by default).
csv.field_size_limit(2**31 - 1)


def _line_of_offset(data: bytes | bytearray, offset: int) -> int:
    return data.count(b"\n", 0, offset) + 1


def _decode(data: bytes | bytearray, label: str) -> tuple[str | None, Problem | None]:
    """The text of a UTF-8 file (a UTF-8 BOM allowed), or what is wrong with its encoding."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return None, Problem(
            label, 1, None, None, "is UTF-16 (it starts with a UTF-16 BOM); save it as UTF-8"
        )
    try:
        return data.decode("utf-8-sig"), None
    except UnicodeDecodeError as err:
        line = _line_of_offset(data, err.start)
        return None, Problem(label, line, None, None, f"not valid UTF-8 ({err.reason})")


@dataclass
class ExactReading:
    """What the exact reader read of a CSV's bytes."""

    frame: pd.DataFrame | None  # its well-formed rows, every cell text (None: not read)
    lines: list[int]  # the line each of them starts on
    problems: list[Problem]  # of its bytes, its header or a malformed row
    ragged: Ragged | None = None  # its ragged rows (not read)


def exact_read(label: str, columns: list[str], data: bytes | bytearray) -> ExactReading:
    """The exact reader: the csv module, strict."""
    text, problem = _decode(data, label)
    if text is None:
        return ExactReading(None, [], [problem] if problem else [])
    if text.strip() == "":
        empty = Problem(label, None, None, None, "file is empty (no header, no rows)")
        return ExactReading(None, [], [empty])
    header, records, problems = structure(text, label, keep_rows=True)
    if header is None:
        return ExactReading(None, [], problems)
    problems = _header_problems(label, header, columns)
    if any(p.message == NOT_READ for p in problems):
        return ExactReading(None, [], problems, records.ragged)
    if records.ragged is not None:  # ragged rows: the well-formed rows, as read by csv
        frame = pd.DataFrame(records.rows, columns=header, dtype="str")
        frame = frame.mask(frame == "")
    else:
        frame = pd.read_csv(
            io.BytesIO(data),
            encoding="utf-8-sig",
            dtype="str",
            keep_default_na=False,
            na_values=[""],
            skip_blank_lines=True,
            engine="c",
        )
        frame.columns = header
    return ExactReading(frame[columns], records.lines, problems, records.ragged)


def _header_problems(label: str, header: list[str], columns: list[str]) -> list[Problem]:
    """What is wrong with a header: missing, unexpected or repeated columns (the rows of
    a header with missing or repeated ones are not read: the last problem says so)."""
    missing = [c for c in columns if c not in header]
    extra = [c for c in header if c not in columns]
    duplicated = sorted({c for c in header if header.count(c) > 1})
    problems = []
    if missing:
        problems.append(Problem(label, 1, None, None, f"missing column(s): {', '.join(missing)}"))
    if extra:
        problems.append(Problem(label, 1, None, None, f"unexpected column(s): {', '.join(extra)}"))
    if duplicated:
        problems.append(
            Problem(label, 1, None, None, f"repeated column(s): {', '.join(duplicated)}")
        )
    if missing or duplicated:
        problems.append(Problem(label, None, None, None, NOT_READ))
    return problems


@dataclass
class Ragged:
    """The rows of a CSV text whose number of cells is not the header's (not read)."""

    width: int  # the header's cells
    lines: np.ndarray  # the line each starts on (in the text)
    cells: np.ndarray  # its number of cells
    first: list[str]  # its first cell

    def groups(self, label: str, line_offset: int) -> list[ProblemGroup]:
        """One group per number of cells; each instance built only when shown."""
        out = []
        for cells in np.unique(self.cells).tolist():
            at = np.flatnonzero(self.cells == cells)
            lines = (self.lines[at] + line_offset).tolist()
            claims = [self.first[i] or None for i in at.tolist()]
            message = f"ragged row: {cells} cells where the header has {self.width}"
            out.append(
                ProblemGroup(
                    label, None, message, lines, _ragged_rows(label, lines, claims, message)
                )
            )
        return out


def _ragged_rows(label: str, lines: list[int], claims: list[str | None], message: str) -> Details:
    def details(start: int, stop: int) -> list[Problem]:
        return [Problem(label, lines[i], claims[i], None, message) for i in range(start, stop)]

    return details


@dataclass
class Records:
    """The rows of a CSV text as the exact reader reads them."""

    lines: list[int]  # the line each well-formed row starts on
    rows: list[list[str]] | None = None  # those rows, when asked for and some are ragged
    ragged: Ragged | None = None


def structure(
    text: str, label: str, keep_rows: bool = False
) -> tuple[list[str] | None, Records, list[Problem]]:
    """The header, the rows (the line each starts on; the rows themselves when some are
    ragged and ``keep_rows``) and a malformed row's problem.

    Fast path: count the cells of every record with the C csv reader; when no record is
    ragged or blank and no quoted cell spans lines, row i starts on line i + 2. Otherwise
    the records are read again, each with the line it starts on."""
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    try:
        header = next(reader)
        lengths = np.fromiter(map(len, reader), dtype=np.int64)
    except csv.Error as err:  # line_num: the line the reader stopped on
        problem = Problem(label, reader.line_num, None, None, f"malformed CSV: {err}")
        return None, Records([]), [problem]
    newlines = text.count("\n") + (0 if text.endswith("\n") else 1)
    if (lengths == len(header)).all() and newlines == len(lengths) + 1:
        return header, Records(list(range(2, len(lengths) + 2))), []
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    next(reader)
    starts, rows, start = [], [], reader.line_num + 1
    for row in reader:
        starts.append(start)
        rows.append(row)
        start = reader.line_num + 1
    at = np.asarray(starts, dtype=np.int64)
    well_formed = lengths == len(header)
    ragged = ~well_formed & (lengths > 0)  # a blank line is not a row
    records = Records(at[well_formed].tolist())
    if ragged.any():
        bad = np.flatnonzero(ragged)
        first = [rows[i][0] for i in bad.tolist()]
        records.ragged = Ragged(len(header), at[bad], lengths[bad], first)
        if keep_rows:
            records.rows = [row for row, ok in zip(rows, well_formed.tolist(), strict=True) if ok]
    return header, records, []

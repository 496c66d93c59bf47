"""Read a curated CSV strictly: every cell as text, nothing dropped or guessed.

Structural faults (missing file, invalid UTF-8, empty file, missing or extra columns,
ragged rows) become problems with their line numbers. A UTF-8 BOM and CRLF line endings
are accepted. Empty cells are missing values; every other cell is kept as printed.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from .report import Problem


@dataclass
class RawTable:
    frame: pd.DataFrame  # all cells str, missing cells NaN
    path: Path
    lines: Sequence[int] | None = (
        None  # CSV line on which each row starts; None: worked out on demand
    )

    def line(self, pos: int) -> int:
        """The CSV line on which row ``pos`` starts."""
        return self.lines_at([pos])[0]

    def lines_at(self, positions: list[int]) -> list[int]:
        """The CSV line on which each of these rows starts (the file is read once)."""
        if self.lines is None:
            data = self.path.read_bytes()
            if data.count(b"\n") + (0 if data.endswith(b"\n") else 1) == len(self.frame) + 1:
                self.lines = range(2, len(self.frame) + 2)
            else:
                self.lines = _structure(data.decode("utf-8-sig"), "")[1]
        lines = self.lines
        return [lines[pos] for pos in positions]


def _fast_read(path: Path, columns: list[str]) -> RawTable | None:
    """Read a well-formed CSV with pyarrow's multi-threaded reader; None if anything is off
    (ragged rows, invalid UTF-8, an empty file, unexpected columns), so that the exact
    reader can say what."""
    import pyarrow as pa
    import pyarrow.csv as pacsv

    try:
        header = pacsv.open_csv(path).schema.names
        if sorted(header) != sorted(columns) or len(set(header)) != len(header):
            return None
        table = pacsv.read_csv(
            path,
            parse_options=pacsv.ParseOptions(newlines_in_values=True),
            convert_options=pacsv.ConvertOptions(
                column_types={c: pa.large_string() for c in header},
                strings_can_be_null=True,
                quoted_strings_can_be_null=True,
                null_values=[""],
            ),
        )
    except (pa.ArrowInvalid, pa.ArrowTypeError, OSError):
        return None
    text_type = pd.StringDtype(na_value=np.nan)
    frame = table.to_pandas(types_mapper={pa.large_string(): text_type}.get)
    return RawTable(frame=frame[columns], path=path)


def _line_of_offset(data: bytes, offset: int) -> int:
    return data.count(b"\n", 0, offset) + 1


def read_strict(
    path: Path, label: str, columns: list[str]
) -> tuple[RawTable | None, list[Problem]]:
    """Read ``path``; return its table (None if unusable) and the problems found."""
    if not path.is_file():
        return None, [Problem(label, None, None, None, "file is missing")]
    fast = _fast_read(path, columns)
    if fast is not None:
        return fast, []
    data = path.read_bytes()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        line = _line_of_offset(data, err.start)
        return None, [Problem(label, line, None, None, f"not valid UTF-8 ({err.reason})")]
    if text.strip() == "":
        return None, [Problem(label, None, None, None, "file is empty (no header, no rows)")]

    header, lines, problems = _structure(text, label)
    if header is None:
        return None, problems
    missing = [c for c in columns if c not in header]
    extra = [c for c in header if c not in columns]
    duplicated = sorted({c for c in header if header.count(c) > 1})
    if missing:
        problems.append(Problem(label, 1, None, None, f"missing column(s): {', '.join(missing)}"))
    if extra:
        problems.append(Problem(label, 1, None, None, f"unexpected column(s): {', '.join(extra)}"))
    if duplicated:
        problems.append(
            Problem(label, 1, None, None, f"repeated column(s): {', '.join(duplicated)}")
        )
    if missing or duplicated:
        problems.append(
            Problem(label, None, None, None, "rows not checked until the header is fixed")
        )
        return None, problems

    if problems:  # ragged rows: read the well-formed rows the slow, exact way
        rows = [r for r in csv.reader(io.StringIO(text, newline=""), strict=True)][1:]
        rows = [r for r in rows if r and len(r) == len(header)]
        frame = pd.DataFrame(rows, columns=header, dtype="str")
        frame = frame.mask(frame == "")
    else:
        frame = pd.read_csv(
            path,
            encoding="utf-8-sig",
            dtype="str",
            keep_default_na=False,
            na_values=[""],
            skip_blank_lines=True,
            engine="c",
        )
        frame.columns = header
    return RawTable(frame=frame[columns], path=path, lines=lines), problems


def _structure(text: str, label: str) -> tuple[list[str] | None, list[int], list[Problem]]:
    """The header, the CSV line each row starts on, and any ragged or malformed rows.

    Fast path: count the fields of every record with the C csv reader; when no record is
    ragged or blank and no quoted field spans lines, row i starts on line i + 2.
    """
    try:
        reader = csv.reader(io.StringIO(text, newline=""), strict=True)
        header = next(reader)
        lengths = np.fromiter(map(len, reader), dtype=np.int64)
    except csv.Error as err:
        return None, [], [Problem(label, None, None, None, f"malformed CSV: {err}")]
    newlines = text.count("\n") + (0 if text.endswith("\n") else 1)
    if (lengths == len(header)).all() and newlines == len(lengths) + 1:
        return header, list(range(2, len(lengths) + 2)), []
    problems: list[Problem] = []
    lines: list[int] = []
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    next(reader)
    start = reader.line_num + 1
    for row in reader:
        if row:  # a blank line is not a row
            if len(row) != len(header):
                problems.append(
                    Problem(
                        label,
                        start,
                        row[0] or None,
                        None,
                        f"ragged row: {len(row)} cells where the header has {len(header)}",
                    )
                )
            else:
                lines.append(start)
        start = reader.line_num + 1
    return header, lines, problems

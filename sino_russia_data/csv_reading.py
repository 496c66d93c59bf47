"""Read a curated CSV strictly: every cell as text, nothing dropped or guessed.

Structural faults (missing file, invalid UTF-8, empty file, missing or extra columns,
ragged rows) become problems with their line numbers. A UTF-8 BOM and CRLF line endings
are accepted. Empty cells are missing values; every other cell is kept as printed.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from .problems import Problem


@dataclass
class RawTable:
    frame: pd.DataFrame  # all cells str, missing cells NaN
    lines: list[int]  # CSV line on which each row starts


def _line_of_offset(data: bytes, offset: int) -> int:
    return data.count(b"\n", 0, offset) + 1


def read_strict(
    path: Path, label: str, columns: list[str]
) -> tuple[RawTable | None, list[Problem]]:
    """Read ``path``; return its table (None if unusable) and the problems found."""
    if not path.is_file():
        return None, [Problem(label, None, None, None, "file is missing")]
    data = path.read_bytes()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        line = _line_of_offset(data, err.start)
        return None, [Problem(label, line, None, None, f"not valid UTF-8 ({err.reason})")]
    if text.strip() == "":
        return None, [Problem(label, None, None, None, "file is empty (no header, no rows)")]

    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    problems: list[Problem] = []
    rows: list[list[str]] = []
    lines: list[int] = []
    try:
        header = next(reader)
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
                    rows.append(row)
                    lines.append(start)
            start = reader.line_num + 1
    except csv.Error as err:
        problems.append(Problem(label, reader.line_num, None, None, f"malformed CSV: {err}"))

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

    frame = pd.DataFrame(rows, columns=header, dtype="str")[columns]
    frame = frame.mask(frame == "")
    return RawTable(frame=frame, lines=lines), problems

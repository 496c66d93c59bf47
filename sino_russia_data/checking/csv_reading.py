"""Read a curated CSV strictly: every cell as text, nothing dropped or guessed.

Structural faults (missing file, invalid UTF-8, empty file, missing or extra columns,
ragged rows) become problems with their line numbers. A UTF-8 BOM and CRLF line endings
are accepted. Empty cells are missing values; every other cell is kept as printed.

A big file is read in blocks (:mod:`.csv_blocks`), each read like a file of its own by
the same reader (:func:`read_data`).
"""

from __future__ import annotations

import csv
import hashlib
import io
import re
import threading
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from .report import Problem

# The bytes a table is read from: a file's (bytes), or a block's (its read buffer, cut).
Bytes = bytes | bytearray

# A cell may be as long as it likes (the csv module refuses fields over 128 KiB by default).
csv.field_size_limit(2**31 - 1)

# Where both readers read the same cells. A quote that starts a cell (after a delimiter or
# a line start) opens a quoted cell, which must close before a delimiter or a line end:
# pyarrow would otherwise read `"x"y` as `xy` where the exact reader (csv, strict) reports
# the row as malformed. A quote inside a cell that does not start with one (`5" gun`) is
# a character of that cell to both readers (but not just after a BOM that starts the file:
# the exact reader drops the BOM, and the quote then starts the cell). Possessive, so a
# 100 MB scan takes ~0.1 s; CLEAN_ROWS matches the whole rows (each ending with a line
# feed) that do, up to the first that does not.
_QUOTED_CELL = rb'(?<![^,\r\n])"(?:[^"]++|"")*+"(?![^,\r\n])'
_QUOTE_IN_CELL = rb'(?<=[^,\r\n])(?<!\A\xef\xbb\xbf)"'
CLEANLY_QUOTED = re.compile(rb"(?:[^\"]++|" + _QUOTED_CELL + rb"|" + _QUOTE_IN_CELL + rb")*+")
CLEAN_ROW = re.compile(rb"(?:[^\"\n]++|" + _QUOTED_CELL + rb"|" + _QUOTE_IN_CELL + rb")*+\n")
CLEAN_ROWS = re.compile(rb"(?:" + CLEAN_ROW.pattern + rb")*+")


class Digest:
    """The SHA-256 of a file's bytes, worked out on a second core from the moment they are
    read (hashlib releases the GIL on big buffers) while they are parsed and checked; the
    digest is of these very bytes either way."""

    def __init__(self, data: bytes) -> None:
        self._data: bytes | None = data
        self._value: list[str] = []
        self._thread: threading.Thread | None = None
        if len(data) > 1 << 20:
            self._thread = threading.Thread(target=self._hash, daemon=True)
            self._thread.start()

    def _hash(self) -> None:
        if self._data is not None:
            self._value.append(hashlib.sha256(self._data).hexdigest())
            self._data = None  # the bytes are not held for the digest's sake

    @property
    def value(self) -> str:
        if self._thread is not None:
            self._thread.join()
        self._hash()
        return self._value[0]


@dataclass
class RawTable:
    frame: pd.DataFrame  # all cells str, missing cells NaN
    path: Path
    data: Bytes  # exactly the bytes the frame was read from (verdicts hash these)
    lines: Sequence[int] | None = (
        None  # CSV line on which each row starts; None: worked out on demand
    )
    line_count: int | None = None  # the bytes' lines (line_count(data)), if already counted
    # of ``data``; None for a block of a file (its :class:`~.csv_blocks.BlockFile` hashes the file)
    digest: Digest | None = field(default=None, repr=False)
    line_offset: int = 0  # added to a line counted in ``data``: the line in the file

    @property
    def sha256(self) -> str:
        if self.digest is None:
            raise RuntimeError("a block has no digest of its own: its BlockFile has the file's")
        return self.digest.value

    def release_bytes(self) -> None:
        """Drop the file's bytes once what needs them is done (its digest and the line of
        each row), so a big table is not held twice while it is checked."""
        self.lines_at([])
        if self.digest is not None:
            self.sha256  # noqa: B018 (waits for the digest)
        self.data = b""

    def line(self, pos: int) -> int:
        """The CSV line on which row ``pos`` starts."""
        return self.lines_at([pos])[0]

    def lines_at(self, positions: list[int]) -> list[int]:
        """The CSV line on which each of these rows starts (the file is read once)."""
        if self.lines is None:
            data = self.data
            if not data and len(self.frame):
                raise RuntimeError("lines asked for after the bytes were released")
            count = line_count(data) if self.line_count is None else self.line_count
            if count == len(self.frame) + 1:
                self.lines = range(2, len(self.frame) + 2)
            else:
                self.lines = _structure(data.decode("utf-8-sig"), "")[1]
        lines, offset = self.lines, self.line_offset
        if offset:
            return [lines[pos] + offset for pos in positions]
        return [lines[pos] for pos in positions]


def line_count(data: Bytes, newlines: int | None = None) -> int:
    """The number of lines of ``data`` (line feeds, and a last line without one);
    ``newlines``: its line feeds, if already counted."""
    feeds = newline_count(data) if newlines is None else newlines
    return feeds + (0 if data.endswith(b"\n") else 1)


def newline_count(data: Bytes) -> int:
    """The line feeds in ``data``. A big buffer is counted in numpy passes over bounded
    slices, about three times faster than ``bytes.count``."""
    if len(data) < 1 << 20:
        return data.count(b"\n")
    array, step = np.frombuffer(data, dtype=np.uint8), 1 << 18
    return sum(int(np.count_nonzero(array[i : i + step] == 10)) for i in range(0, len(array), step))


def _arrow_read(data: Bytes, convert: Any, lines: int | None = None) -> Any:
    """pyarrow's reading of CSV bytes. A file with no line break inside a cell is read
    with line breaks as row ends (parallel, about twice as fast); that reading is kept only
    when it has one row per line after the header, which a cell spanning lines cannot give
    (its row would split into parts with too few cells: an error). Otherwise the bytes
    are read again allowing line breaks in quoted cells. Raises what pyarrow raises.
    ``lines``: :func:`line_count` of ``data``, if the caller has it."""
    import pyarrow as pa
    import pyarrow.csv as pacsv

    lines = line_count(data) if lines is None else lines
    for newlines_in_values in (False, True):
        try:
            table = pacsv.read_csv(
                pa.BufferReader(data),
                read_options=pacsv.ReadOptions(use_threads=len(data) > 1 << 20),
                parse_options=pacsv.ParseOptions(newlines_in_values=newlines_in_values),
                convert_options=convert,
                memory_pool=read_pool(),
            )
        except pa.ArrowInvalid:
            if newlines_in_values:
                raise
            continue
        if newlines_in_values or table.num_rows == lines - 1:
            return table
    raise AssertionError("unreachable: the second reading returns or raises")


def read_pool() -> Any:
    """The memory pool the CSV reader allocates from: jemalloc where pyarrow has it (in a
    fresh process it reads a 400 MB CSV about twice as fast as the default mimalloc pool,
    which pays for first-touching its pages), else pyarrow's default. Only this reader's
    buffers come from it; the process's default pool is left as it is."""
    import pyarrow as pa

    try:
        return pa.jemalloc_memory_pool()
    except (NotImplementedError, AttributeError):
        return pa.default_memory_pool()


def _fast_read(
    path: Path,
    data: Bytes,
    columns: list[str],
    clean: bool = False,
    digest: Digest | None = None,
    lines: int | None = None,
) -> RawTable | None:
    """Read a well-formed CSV with pyarrow's multi-threaded reader; None if anything is off
    (ragged rows, invalid UTF-8, an empty file, unexpected columns, a quote that does not
    open or close a cell), so that the exact reader can say what. ``clean``: the caller
    has matched ``data`` against :data:`CLEANLY_QUOTED` already; ``lines``: its
    :func:`line_count`, if the caller has it."""
    import pyarrow as pa
    import pyarrow.csv as pacsv

    if not clean and CLEANLY_QUOTED.fullmatch(data) is None:
        return None
    try:
        header = pacsv.open_csv(pa.BufferReader(data)).schema.names
        if sorted(header) != sorted(columns) or len(set(header)) != len(header):
            return None
        convert = pacsv.ConvertOptions(
            column_types={c: pa.large_string() for c in header},
            strings_can_be_null=True,
            quoted_strings_can_be_null=True,
            null_values=[""],
        )
        lines = line_count(data) if lines is None else lines
        table = _arrow_read(data, convert, lines)
    except (pa.ArrowInvalid, pa.ArrowTypeError, OSError):
        return None
    text_type = pd.StringDtype(na_value=np.nan)
    frame = table.to_pandas(types_mapper={pa.large_string(): text_type}.get)
    return RawTable(frame[columns], path, data, line_count=lines, digest=digest)


def read_typed(data: bytes, columns: list[str], kinds: dict[str, str]) -> pd.DataFrame | None:
    """The typed frame of CSV bytes that passed validation before (a verdict says so):
    pyarrow converts numbers and dates while reading, to the dtypes coercion gives
    (float64, datetime64[ns], text as read). None if anything is off: the caller then
    reads and coerces the usual way."""
    import pyarrow as pa
    import pyarrow.csv as pacsv

    arrow_type = {"number": pa.float64(), "date": pa.timestamp("ns")}
    try:
        convert = pacsv.ConvertOptions(
            column_types={c: arrow_type.get(kinds[c], pa.large_string()) for c in columns},
            strings_can_be_null=True,
            quoted_strings_can_be_null=True,
            null_values=[""],
            include_columns=columns,
        )
        table: Any = _arrow_read(data, convert)
    except (pa.ArrowInvalid, pa.ArrowTypeError, OSError, KeyError):
        return None
    if table.column_names != columns:
        return None
    text_type = pd.StringDtype(na_value=np.nan)
    frame: pd.DataFrame = table.to_pandas(types_mapper={pa.large_string(): text_type}.get)
    return frame


def _line_of_offset(data: Bytes, offset: int) -> int:
    return data.count(b"\n", 0, offset) + 1


def _decode(data: Bytes, label: str) -> tuple[str | None, Problem | None]:
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


def _read_bytes(path: Path, label: str) -> tuple[bytes | None, Problem | None]:
    """The file's bytes, read once (everything after works on them), or why not."""
    try:
        return path.read_bytes(), None
    except FileNotFoundError:
        return None, Problem(label, None, None, None, "file is missing")
    except IsADirectoryError:
        return None, Problem(label, None, None, None, "is a folder, not a file")
    except OSError as err:
        return None, Problem(label, None, None, None, f"cannot be read ({err.strerror})")


def read_strict(
    path: Path, label: str, columns: list[str], data: bytes | None = None
) -> tuple[RawTable | None, list[Problem]]:
    """Read ``path`` (or ``data``, its bytes already read); return its table (None if
    unusable) and the problems found."""
    if data is None:
        data, problem = _read_bytes(path, label)
        if data is None:
            return None, [problem] if problem else []
    return read_data(path, label, columns, data, digest=Digest(data))  # hashed on a second core


def read_data(
    path: Path,
    label: str,
    columns: list[str],
    data: Bytes,
    clean: bool = False,
    digest: Digest | None = None,
    line_total: int | None = None,
) -> tuple[RawTable | None, list[Problem]]:
    """:func:`read_strict` of bytes read; ``clean`` as in :func:`_fast_read`, and
    ``line_total`` as its ``lines``; ``digest`` None for a block of a file (its
    :class:`~.csv_blocks.BlockFile` hashes the whole file)."""
    fast = _fast_read(path, data, columns, clean, digest, line_total)
    if fast is not None:
        return fast, []
    text, problem = _decode(data, label)
    if text is None:
        return None, [problem] if problem else []
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
            io.BytesIO(data),
            encoding="utf-8-sig",
            dtype="str",
            keep_default_na=False,
            na_values=[""],
            skip_blank_lines=True,
            engine="c",
        )
        frame.columns = header
    return RawTable(frame[columns], path, data, lines=lines, digest=digest), problems


def _structure(text: str, label: str) -> tuple[list[str] | None, list[int], list[Problem]]:
    """The header, the CSV line each row starts on, and any ragged or malformed rows.

    Fast path: count the fields of every record with the C csv reader; when no record is
    ragged or blank and no quoted field spans lines, row i starts on line i + 2.
    """
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    try:
        header = next(reader)
        lengths = np.fromiter(map(len, reader), dtype=np.int64)
    except csv.Error as err:  # line_num: the line the reader stopped on
        return None, [], [Problem(label, reader.line_num, None, None, f"malformed CSV: {err}")]
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

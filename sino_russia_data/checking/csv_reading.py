"""Read a curated CSV strictly: every cell as text, nothing dropped or guessed.

Structural faults (missing file, invalid UTF-8, empty file, missing or extra columns,
ragged rows) become problems with their line numbers. A UTF-8 BOM and CRLF line endings
are accepted. Empty cells are missing values; every other cell is kept as printed.

Three readers, the first that can: pyarrow's, multi-threaded, for a file whose quotes
are clean (:data:`CLEANLY_QUOTED`: there pyarrow reads what the csv module reads); the
same, on one thread, for a clean file whose only fault is ragged rows (left out, each
reported with its line); else the exact reader (:mod:`.csv_exact`, the csv module).

A big file is read in blocks (:mod:`.csv_blocks`), each read like a file of its own by
the same readers (:func:`read_data`).
"""

from __future__ import annotations

import csv
import hashlib
import re
import threading
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from .csv_exact import (
    Ragged,
    cell_at,
    exact_read,
    id_position,
    is_utf8,
    plain_line_ends,
    structure,
)
from .report import Problem, ProblemReport

# The bytes a table is read from: a file's (bytes), or a block's (its read buffer, cut).
Bytes = bytes | bytearray

# Where both readers read the same cells. A quote that starts a cell (after a delimiter or
# a line start) opens a quoted cell, which must close before a delimiter or a line end:
# pyarrow would otherwise read `"x"y` as `xy` where the exact reader (csv, strict) reports
# the row as malformed. A quote inside a cell that does not start with one (`5" gun`) is
# a character of that cell to both readers (but not just after a BOM that starts the file:
# the exact reader drops the BOM, and the quote then starts the cell). Possessive, so a
# 100 MB scan takes ~0.1 s; CLEAN_ROWS matches the whole rows (each ending with a line
# feed) that do, up to the first that does not.
_QUOTED = rb'"(?:[^"]++|"")*+"'  # a quoted cell's text, its doubled quotes inside
_QUOTED_CELL = rb"(?<![^,\r\n])" + _QUOTED + rb"(?![^,\r\n])"
QUOTED = re.compile(_QUOTED)
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
    left_out: list[str | None] = field(default_factory=list)  # ragged rows' claims (not read)

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
            if count == len(self.frame) + 1 and plain_line_ends(data):
                self.lines = range(2, len(self.frame) + 2)
            else:
                self.lines = structure(data.decode("utf-8-sig"))[1].lines
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


def _text_options(header: list[str], columns: list[str]) -> Any:
    """pyarrow's options to read every cell as text (an empty cell missing), or None when
    ``header`` is not ``columns`` in some order, each once."""
    import pyarrow as pa
    import pyarrow.csv as pacsv

    if sorted(header) != sorted(columns) or len(set(header)) != len(header):
        return None
    return pacsv.ConvertOptions(
        column_types={c: pa.large_string() for c in header},
        strings_can_be_null=True,
        quoted_strings_can_be_null=True,
        null_values=[""],
    )


def _as_frame(table: Any, columns: list[str]) -> pd.DataFrame:
    import pyarrow as pa

    text_type = pd.StringDtype(na_value=np.nan)
    frame: pd.DataFrame = table.to_pandas(types_mapper={pa.large_string(): text_type}.get)
    return frame[columns]


_HEADER_BLOCK = 1 << 16  # bytes pyarrow reads to find a header (a longer one: exact reader)


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
        # the header as pyarrow reads it, from a first block of 64 KB: the default 1 MB
        # block's rows would be parsed and their types inferred (~20 ms a block)
        first = pacsv.ReadOptions(block_size=_HEADER_BLOCK)
        header = pacsv.open_csv(pa.BufferReader(data), read_options=first).schema.names
        convert = _text_options(header, columns)
        if convert is None:
            return None
        lines = line_count(data) if lines is None else lines
        table = _arrow_read(data, convert, lines)
    except (pa.ArrowInvalid, pa.ArrowTypeError, OSError, UnicodeDecodeError):
        return None  # (a header not UTF-8 raises UnicodeDecodeError)
    return RawTable(_as_frame(table, columns), path, data, line_count=lines, digest=digest)


def header_end(data: Bytes) -> int:
    """Just after the first line break outside any quoted cell of a file's start, or the
    end of ``data`` if its first row is not cleanly quoted."""
    match = CLEAN_ROW.match(data)
    return match.end() if match is not None else len(data)


def _header(data: Bytes) -> list[str]:
    """The header of a cleanly quoted CSV, as both readers read it."""
    row = bytes(data[: header_end(data)]).decode("utf-8-sig").rstrip("\r\n")
    return next(csv.reader([row], strict=True), [])


def _cell_of(row: str, position: int | None) -> str | None:
    """The cell at ``position`` of a cleanly quoted row's text, as the csv module reads it
    (None if it has none there, or it is empty)."""
    if position == 0 and not row.startswith('"'):
        return row.split(",", 1)[0] or None
    return cell_at(next(csv.reader([row], strict=True)), position)


def _read_skipping_ragged(
    path: Path,
    data: Bytes,
    columns: list[str],
    digest: Digest | None,
    lines: int | None,
    id_column: str | None = None,
) -> tuple[RawTable, Ragged] | None:
    """pyarrow's reading of a cleanly quoted CSV (the caller has matched it) whose only
    fault is ragged rows: its well-formed rows, and its ragged ones. Read on one thread
    (its callback for each ragged row is then given the row's number), and kept only when
    every line is one row, so that a row's number is its line; else None, and the exact
    reader reads it. A lone CR (a line end to pyarrow, not to a count of line feeds), or a
    ragged row the callback cannot read (its text not UTF-8), sends it there too."""
    import pyarrow as pa
    import pyarrow.csv as pacsv

    if not plain_line_ends(data) or not is_utf8(data):  # (pyarrow would print, not raise,
        return None  # the error decoding a ragged row's text for its callback)
    numbers: list[int] = []
    cells: list[int] = []
    named: list[str | None] = []
    failed: list[Exception] = []

    def skip(row: Any) -> str:
        try:  # (an exception raised here would be printed by pyarrow, not raised)
            numbers.append(-1 if row.number is None else row.number)
            cells.append(row.actual_columns)
            named.append(_cell_of(row.text, at))
        except Exception as err:
            failed.append(err)
        return "skip"

    try:
        header = _header(data)
        convert, at = _text_options(header, columns), id_position(header, id_column)
        if convert is None:
            return None
        table = pacsv.read_csv(
            pa.BufferReader(data),
            read_options=pacsv.ReadOptions(use_threads=False),
            parse_options=pacsv.ParseOptions(newlines_in_values=True, invalid_row_handler=skip),
            convert_options=convert,
            memory_pool=read_pool(),
        )
    except (pa.ArrowInvalid, pa.ArrowTypeError, OSError, csv.Error, UnicodeDecodeError):
        return None
    if failed:
        return None
    lines = line_count(data) if lines is None else lines
    ragged = np.asarray(numbers, dtype=np.int64)
    every_line_a_row = table.num_rows + len(ragged) == lines - 1
    if not every_line_a_row or (ragged < 2).any() or len(np.unique(ragged)) != len(ragged):
        return None
    well_formed = np.setdiff1d(np.arange(2, lines + 1, dtype=np.int64), ragged).tolist()
    raw = RawTable(_as_frame(table, columns), path, data, well_formed, lines, digest)
    return raw, Ragged(len(columns), ragged, np.asarray(cells, dtype=np.int64), named)


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
    path: Path,
    label: str,
    columns: list[str],
    data: bytes | None = None,
    id_column: str | None = None,
) -> tuple[RawTable | None, ProblemReport]:
    """Read ``path`` (or ``data``, its bytes already read); return its table (None if
    unusable) and the problems found, grouped; ``id_column`` as in :func:`read_data`."""
    if data is None:
        data, problem = _read_bytes(path, label)
        if data is None:
            return None, ProblemReport.of([problem] if problem else [])
    digest = Digest(data)  # hashed on a second core
    return read_data(path, label, columns, data, digest=digest, id_column=id_column)


def _starts_blank(data: Bytes) -> bool:
    """Whether ``data``'s first line (after a BOM) is blank. Sliced, not
    ``removeprefix``: a bytearray's ``removeprefix`` copies the whole block."""
    start = 3 if data[:3] == b"\xef\xbb\xbf" else 0
    return data[start : start + 1] in (b"\n", b"\r")


def read_data(
    path: Path,
    label: str,
    columns: list[str],
    data: Bytes,
    clean: bool = False,
    digest: Digest | None = None,
    line_total: int | None = None,
    line_offset: int = 0,
    header_problems: bool = True,
    id_column: str | None = None,
) -> tuple[RawTable | None, ProblemReport]:
    """:func:`read_strict` of bytes read; ``clean`` as in :func:`_fast_read`, and
    ``line_total`` as its ``lines``; ``digest`` None for a block of a file (its
    :class:`~.csv_blocks.BlockFile` hashes the whole file); ``line_offset`` added to each
    line counted in ``data`` (its rows' and its problems'): the line in the file;
    ``header_problems`` False: the problems of line 1 left out (a block after a file's
    first repeats the file's header, whose problems are the first block's); ``id_column``:
    the column naming a row's claim (a ragged row's claim is its cell there; None: its
    first cell). A file starting with a blank line is for the exact reader (pyarrow would
    skip the line, and read the next as the header)."""
    clean = clean or CLEANLY_QUOTED.fullmatch(data) is not None
    clean = clean and not _starts_blank(data)
    fast = _fast_read(path, data, columns, clean, digest, line_total) if clean else None
    if fast is not None:
        fast.line_offset = line_offset
        return fast, ProblemReport()
    skipped = (
        _read_skipping_ragged(path, data, columns, digest, line_total, id_column) if clean else None
    )
    if skipped is not None:
        well_formed, ragged_rows = skipped
        well_formed.line_offset, well_formed.left_out = line_offset, ragged_rows.named
        return well_formed, ProblemReport(
            [r.group(label, line_offset) for r in ragged_rows.on_lines()]
        )
    exact = exact_read(label, columns, data, id_column)
    raw = None
    if exact.frame is not None:
        raw = RawTable(
            exact.frame,
            path,
            data,
            exact.lines,
            digest=digest,
            line_offset=line_offset,
            left_out=exact.left_out,
        )
    problems = exact.problems
    shifted = [
        p if p.line is None else replace(p, line=p.line + line_offset)
        for p in problems
        if header_problems or p.line != 1
    ]
    found = ProblemReport.of(shifted)
    for on_lines in exact.on_lines:
        found.add(on_lines.group(label, line_offset))
    return raw, found

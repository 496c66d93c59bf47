"""Read a curated CSV strictly: every cell as text, nothing dropped or guessed.

Structural faults (missing file, invalid UTF-8, empty file, missing or extra columns,
ragged rows) become problems with their line numbers. A UTF-8 BOM and CRLF line endings
are accepted. Empty cells are missing values; every other cell is kept as printed.

A big file is read in blocks (:class:`BlockFile`): each is cut just after a line break
outside any quoted cell, carries the file's header, and is read like a file of its own
(:func:`read_block`), its lines counted from the block's first line in the file.
"""

from __future__ import annotations

import csv
import hashlib
import io
import re
import sys
import threading
from collections.abc import Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from .report import Problem

# The bytes a table is read from: a file's (bytes), or a block's (its read buffer, cut).
Bytes = bytes | bytearray

# A cell may be as long as it likes (the csv module refuses fields over 128 KiB by default).
csv.field_size_limit(2**31 - 1)

# Every quoted cell opens after a delimiter (or a line start) and closes before one, and
# no other cell holds a quote: pyarrow would otherwise read `"x"y` as `xy` where the exact
# reader (csv, strict) reports the row as malformed. Possessive, so 100 MB scan in ~0.1 s.
_CLEANLY_QUOTED = re.compile(rb'(?:[^"]*+(?<![^,\r\n])"(?:[^"]++|"")*+"(?![^,\r\n]))*+[^"]*+')


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
    # of ``data``; None for a block of a file (its :class:`BlockFile` hashes the file)
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


def line_count(data: Bytes) -> int:
    """The number of lines of ``data`` (line feeds, and a last line without one)."""
    return newline_count(data) + (0 if data.endswith(b"\n") else 1)


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
) -> RawTable | None:
    """Read a well-formed CSV with pyarrow's multi-threaded reader; None if anything is off
    (ragged rows, invalid UTF-8, an empty file, unexpected columns, a quote that does not
    open or close a cell), so that the exact reader can say what. ``clean``: the caller
    has matched ``data`` against :data:`_CLEANLY_QUOTED` already."""
    import pyarrow as pa
    import pyarrow.csv as pacsv

    if not clean and _CLEANLY_QUOTED.fullmatch(data) is None:
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
        lines = line_count(data)
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
    return _read(path, label, columns, data, digest=Digest(data))  # hashed on a second core


def _read(
    path: Path,
    label: str,
    columns: list[str],
    data: Bytes,
    clean: bool = False,
    digest: Digest | None = None,
) -> tuple[RawTable | None, list[Problem]]:
    """:func:`read_strict` of bytes read; ``clean`` as in :func:`_fast_read`; ``digest``
    None for a block of a file (its :class:`BlockFile` hashes the whole file)."""
    fast = _fast_read(path, data, columns, clean, digest)
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


@dataclass
class Block:
    """Some rows of a big CSV file, as bytes that read like a file of their own."""

    data: bytearray  # the file's header, then the block's rows (the first block: the file's start)
    first: bool  # the block the file starts with (its header is its own)
    line_offset: int  # added to a line counted in ``data``: the line in the file
    newlines: int  # b"\n" in ``data``
    clean: bool  # ``data`` is known to match _CLEANLY_QUOTED
    plain_line_ends: bool  # every CR in ``data`` ends a line with the LF after it


def _last_cut(window: bytes | bytearray, start: int, end: int) -> tuple[int, bool]:
    """(just after the last line break of ``window[start:]`` outside any quoted cell, such
    that every quote before it opens or closes a cell, so both readers agree that the next
    row starts there, or 0 if there is none; whether all of ``window[start:cut]`` is
    cleanly quoted). ``window[:start]`` is the header, ``window[end:]`` not read yet."""
    nl = window.rfind(b"\n", start, end)
    if nl < 0:
        return 0, False
    # the common case: the whole window up to its last line break is cleanly quoted (a
    # line break inside a quoted cell leaves that cell unclosed: no match)
    if _CLEANLY_QUOTED.fullmatch(window, start, nl + 1) is not None:
        return nl + 1, True
    match = _CLEANLY_QUOTED.match(window, start, end)
    clean = match.end() if match is not None else start
    # within the cleanly quoted part a line break is outside quotes iff the quotes before
    # it are even in number
    nl = window.rfind(b"\n", start, clean)
    quotes = window.count(b'"', start, nl) if nl >= 0 else 0
    while nl >= 0:
        if quotes % 2 == 0:
            return nl + 1, True
        before = window.rfind(b"\n", start, nl)
        quotes -= window.count(b'"', before + 1, nl)
        nl = before
    return 0, False


def _header_end(data: Bytes) -> int:
    """Just after the first line break outside any quoted cell of a file's first block
    (ends at a cut of :func:`_last_cut`, so there is one), within its cleanly quoted part."""
    nl = data.find(b"\n")
    if nl >= 0 and b'"' not in data[:nl]:
        return nl + 1
    match = _CLEANLY_QUOTED.match(data)
    clean = match.end() if match is not None else 0
    at = quotes = 0
    while (nl := data.find(b"\n", at, clean)) >= 0:
        quotes += data.count(b'"', at, nl)
        if quotes % 2 == 0:
            return nl + 1
        at = nl + 1
    return len(data)


def _hash_part(sha: Any, view: memoryview) -> None:
    """Hash ``view`` into ``sha`` and let it go: the buffer it views is then free to be
    filled again (see :meth:`BlockFile._next_buffer`)."""
    try:
        sha.update(view)
    finally:
        view.release()


class BlockFile:
    """A CSV file read once, in :class:`Block` s of about ``size`` bytes.

    Each block ends just after a line break outside any quoted cell of a cleanly quoted
    part (:func:`_last_cut`), so a cut never falls inside a cell; a block grows (doubling)
    until it holds such a break, and the last one ends with the file. Every block after the
    first starts with the file's header. The file's SHA-256 (:attr:`sha256`) is of the
    bytes read, hashed on a second thread while the blocks are checked.

    The file is read into a buffer, and the buffer cut after its last row *is* the block
    (what follows the cut is kept for the next one): no copy. Once that block is let go,
    when nothing refers to its buffer any more (no block, table, view or array; its bytes
    hashed), the same buffer, its pages already in memory, holds the next block; if
    anything still refers to it, the next block gets a new buffer and the old one keeps
    its bytes. Fresh pages cost a fault each: reusing them saves about 0.3 s on 400 MB."""

    def __init__(self, path: Path, size: int) -> None:
        self.path = path
        self.size = size
        self._hash = hashlib.sha256()
        self._hasher = ThreadPoolExecutor(max_workers=1)
        self._hashed: Future[None] | None = None  # the last block's hashing
        self._buffer = bytearray(size)
        self._filled = 0  # bytes of the buffer holding the file's bytes (after the header)
        self._last: bytearray | None = None  # the last block's buffer, filled again if free
        self.reused = 0  # blocks read into the buffer of the block before

    def _grow(self, size: int) -> None:
        grown = bytearray(size)  # calloc: its pages are touched only as they are filled
        grown[: self._filled] = memoryview(self._buffer)[: self._filled]
        self._buffer = grown

    def _next_buffer(self, start: bytes) -> None:
        """The buffer of the next block, holding ``start`` (the header and what followed
        the last cut): the last block's if nothing refers to it any more, else a new one."""
        last, self._last = self._last, None
        if self._hashed is not None:
            self._hashed.result()  # its bytes are hashed, and its view released
        # referred to by `last` and getrefcount's argument alone: nobody else can see it
        if last is not None and sys.getrefcount(last) == 2 and len(start) <= self.size:
            if len(last) < self.size:
                last.extend(bytes(self.size - len(last)))  # within its allocation: no copy
            last[: len(start)] = start
            self._buffer = last
            self.reused += 1
        else:
            self._buffer = bytearray(start)
        self._filled = len(start)

    def _fill(self, file: Any) -> bool:
        """Fill the buffer from the file; True at the end of the file."""
        if len(self._buffer) < self.size:
            self._grow(self.size)
        view = memoryview(self._buffer)
        try:
            while self._filled < len(view):
                read = file.readinto(view[self._filled :])
                if not read:
                    return True
                self._filled += read
            return False
        finally:
            view.release()

    def _next_cut(self, file: Any, start: int) -> tuple[int, bool, bool]:
        """(the end of the next block in the buffer, whether it is known to be cleanly
        quoted, whether it ends the file); the buffer doubles while no row ends in it."""
        while True:
            if self._fill(file):
                return self._filled, False, True
            cut, clean = _last_cut(self._buffer, start, self._filled)
            if cut > start:
                return cut, clean, False
            self._grow(2 * len(self._buffer))  # no row ends here: read on

    def _cut(self, cut: int) -> tuple[bytearray, bytes]:
        """(the buffer cut after the block's last row: the block's bytes, what followed)."""
        data = self._buffer
        rest = bytes(memoryview(data)[cut : self._filled])
        del data[cut:]  # a smaller size, the same allocation (a major cut reallocates)
        self._buffer, self._filled = bytearray(), 0
        return data, rest

    def __iter__(self) -> Iterator[Block]:
        header, lines_before, first = b"", 0, True
        with self.path.open("rb", buffering=0) as file:
            while True:
                cut, clean, eof = self._next_cut(file, len(header))
                if cut == len(header) and not first:
                    return
                data, rest = self._cut(cut)
                if first:
                    header = bytes(memoryview(data)[: _header_end(data)])
                part = memoryview(data)[0 if first else len(header) :]
                self._hashed = self._hasher.submit(_hash_part, self._hash, part)
                del part
                newlines = newline_count(data)
                in_header = 0 if first else header.count(b"\n")
                block = Block(
                    data,
                    first,
                    lines_before - in_header,
                    newlines,
                    clean,
                    plain_line_ends=b"\r" not in data or data.count(b"\r") == data.count(b"\r\n"),
                )
                self._last = data
                del data  # the block holds it, until its reader takes it (see read_block)
                lines_before += newlines - in_header
                first = False
                yield block
                del block
                if eof:
                    return
                self._next_buffer(header + rest)

    @property
    def sha256(self) -> str:
        """The SHA-256 of every byte the blocks were read from (once they all were)."""
        self._hasher.shutdown(wait=True)
        return self._hash.hexdigest()


def read_block(
    block: Block, path: Path, label: str, columns: list[str]
) -> tuple[RawTable | None, list[Problem]]:
    """:func:`read_strict` of one block, its rows' lines and its problems' lines those of
    the file. The header's problems are the first block's: a later block leaves them out."""
    data, block.data = block.data, bytearray()  # the table holds the bytes from now on
    raw, problems = _read(path, label, columns, data, block.clean)
    del data
    if raw is not None:
        raw.line_offset = block.line_offset
        if raw.line_count is None:
            raw.line_count = block.newlines + (0 if raw.data.endswith(b"\n") else 1)
    return raw, [
        p if p.line is None else replace(p, line=p.line + block.line_offset)
        for p in problems
        if block.first or p.line != 1
    ]

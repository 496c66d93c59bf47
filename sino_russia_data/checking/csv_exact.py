"""The exact reader of a curated CSV: the csv module, strict.

It reads what the fast reader (:mod:`.csv_reading`, pyarrow) is not sure to read as it
does, and says what is wrong where: every line that is not UTF-8, an empty file, every
malformed row, missing, unexpected or repeated columns, every ragged row (with the line
it starts on and the claim in its id column). Each problem on many lines is one group,
its instances built only when shown (:class:`OnLines`).
"""

from __future__ import annotations

import codecs
import csv
import re
import threading
from array import array
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from .report import Details, Problem, ProblemGroup

NOT_READ = "rows not checked until the header is fixed"

# A cell may be as long as it likes (the csv module refuses fields over 128 KiB by default).
csv.field_size_limit(2**31 - 1)


_INVALID = threading.local()  # the offsets and reasons noted by the decoding under way
_LINE_END = re.compile(rb"[\r\n]")


def _note_invalid(err: UnicodeError) -> tuple[str, int]:
    """The error handler of :func:`invalid_utf8`: note where and why, and go on from the
    line's end (the line is known to be invalid: one note a line, however many bytes)."""
    if not isinstance(err, UnicodeDecodeError):
        raise err
    _INVALID.offsets.append(err.start)
    _INVALID.reasons.append(str(err.reason))
    end = _LINE_END.search(err.object, err.end)
    return "", len(err.object) if end is None else end.start()


codecs.register_error("sino_russia_data.note_invalid", _note_invalid)


def plain_line_ends(data: str | bytes | bytearray) -> bool:
    """Every CR in ``data`` ends a line with the LF after it (a lone CR ends a line for the
    csv module, as for pyarrow, but not for a count of line feeds)."""
    if isinstance(data, str):
        return "\r" not in data or data.count("\r") == data.count("\r\n")
    return b"\r" not in data or data.count(b"\r") == data.count(b"\r\n")


def _slices(data: bytes | bytearray, step: int) -> Iterator[tuple[int, memoryview, bool]]:
    """(start, bytes, whether the last) of each slice of ``step`` bytes of ``data``."""
    view = memoryview(data)
    for start in range(0, len(data), step):
        yield start, view[start : start + step], start + step >= len(data)


def is_utf8(data: bytes | bytearray, step: int = 1 << 20) -> bool:
    """Whether ``data`` is UTF-8: decoded in slices of ``step`` bytes, stopping at the
    first invalid sequence."""
    decoder = codecs.getincrementaldecoder("utf-8")()
    try:
        for _, part, last in _slices(data, step):
            decoder.decode(part, final=last)
    except UnicodeDecodeError:
        return False
    return True


def invalid_utf8(data: bytes | bytearray, step: int = 1 << 20) -> dict[str, np.ndarray]:
    """Each reason the bytes are not UTF-8 -> the lines whose first invalid sequence it is
    the reason of (in order; a line ends at a CR LF, a CR or an LF, as for the csv
    module). One incremental decoding in slices of ``step`` bytes (so the text is never
    held whole), whose error handler notes the first invalid sequence of a line (one of
    the slice's, for a line across slices) and goes on from the line's end; about 17
    bytes a line noted."""
    decoder = codecs.getincrementaldecoder("utf-8")(errors="sino_russia_data.note_invalid")
    offsets, why = array("q"), array("B")
    reasons: dict[str, int] = {}  # each reason -> its code in ``why``
    try:
        for start, part, last in _slices(data, step):
            _INVALID.offsets, _INVALID.reasons = array("q"), []
            pending = len(decoder.getstate()[0])  # bytes of the last slice not decoded yet
            decoder.decode(part, final=last)
            offsets.extend(at + start - pending for at in _INVALID.offsets)
            why.extend(reasons.setdefault(r, len(reasons)) for r in _INVALID.reasons)
    finally:
        _INVALID.offsets, _INVALID.reasons = array("q"), []
    lines, first = _lines_of_offsets(data, offsets)
    codes = np.frombuffer(why, dtype=np.uint8)[first] if len(why) else np.zeros(0, np.uint8)
    found = {reason: lines[codes == code] for reason, code in reasons.items()}
    return {reason: at for reason, at in found.items() if len(at)}  # (a line's later notes go)


def _lines_of_offsets(
    data: bytes | bytearray, offsets: Sequence[int]
) -> tuple[np.ndarray, np.ndarray]:
    """(the lines of the offsets, each once, in order; the index of each line's first)."""
    lines, first = array("q"), array("q")
    line, last = 1, 0
    for i, offset in enumerate(offsets):
        # the line ends since the last offset (an invalid byte: no CR LF spans one)
        ends = data.count(b"\n", last, offset) + data.count(b"\r", last, offset)
        line, last = line + ends - data.count(b"\r\n", last, offset), offset
        if not lines or lines[-1] != line:  # a line's first invalid sequence says why
            lines.append(line)
            first.append(i)
    return np.frombuffer(lines, dtype=np.int64), np.frombuffer(first, dtype=np.int64)


def _decode(
    data: bytes | bytearray, label: str
) -> tuple[str | None, list[OnLines], Problem | None]:
    """The text of a UTF-8 file (a UTF-8 BOM allowed), or what is wrong with its encoding:
    every line holding bytes that are not UTF-8, one group per reason."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return (
            None,
            [],
            Problem(
                label, 1, None, None, "is UTF-16 (it starts with a UTF-16 BOM); save it as UTF-8"
            ),
        )
    try:
        return data.decode("utf-8-sig"), [], None
    except UnicodeDecodeError:
        pass
    invalid = invalid_utf8(data)
    return (
        None,
        [OnLines(f"not valid UTF-8 ({why})", lines) for why, lines in invalid.items()],
        None,
    )


@dataclass
class OnLines:
    """One problem on many lines of a text, each instance built only when shown."""

    message: str
    lines: np.ndarray  # the lines (in the text)
    claims: list[str | None] | None = None  # the claim each names, if known

    def group(self, label: str, line_offset: int) -> ProblemGroup:
        lines = (self.lines + line_offset).tolist()
        return ProblemGroup(label, None, self.message, lines, self._details(label, lines))

    def _details(self, label: str, lines: list[int]) -> Details:
        message, claims = self.message, self.claims

        def details(start: int, stop: int) -> list[Problem]:
            return [
                Problem(label, lines[i], claims[i] if claims else None, None, message)
                for i in range(start, stop)
            ]

        return details


@dataclass
class ExactReading:
    """What the exact reader read of a CSV's bytes."""

    frame: pd.DataFrame | None  # its well-formed rows, every cell text (None: not read)
    lines: list[int]  # the line each of them starts on
    problems: list[Problem]  # of its bytes, its header or a malformed row
    on_lines: list[OnLines] = field(default_factory=list)  # bytes not UTF-8, ragged rows
    left_out: list[str | None] = field(default_factory=list)  # the claims ragged rows name


def exact_read(
    label: str, columns: list[str], data: bytes | bytearray, id_column: str | None = None
) -> ExactReading:
    """The exact reader: the csv module, strict; ``id_column``: the column naming a row's
    claim (a ragged row's claim is its cell there; None: its first cell)."""
    text, invalid, problem = _decode(data, label)
    if text is None:
        return ExactReading(None, [], [problem] if problem else [], invalid)
    if text == "" or text.isspace():  # (strip would copy the text)
        empty = Problem(label, None, None, None, "file is empty (no header, no rows)")
        return ExactReading(None, [], [empty])
    header, records = structure(text, keep_rows=True, id_column=id_column)
    if header is None:
        return ExactReading(None, [], [], records.malformed)
    problems = _header_problems(label, header, columns)
    ragged = records.ragged
    on_lines, left_out = (ragged.on_lines(), ragged.named) if ragged else ([], [])
    if any(p.message == NOT_READ for p in problems):
        return ExactReading(None, [], problems, on_lines, left_out)
    frame = pd.DataFrame(records.rows, columns=header, dtype="str")  # as csv read them
    frame = frame.mask(frame == "")
    return ExactReading(frame[columns], records.lines, problems, on_lines, left_out)


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
    named: list[str | None]  # the cell of its id column (None: it has none, or it is empty)

    def on_lines(self) -> list[OnLines]:
        """One problem per number of cells."""
        out = []
        for cells in np.unique(self.cells).tolist():
            at = np.flatnonzero(self.cells == cells)
            message = f"ragged row: {cells} cells where the header has {self.width}"
            out.append(OnLines(message, self.lines[at], [self.named[i] for i in at]))
        return out


@dataclass
class Records:
    """The rows of a CSV text as the exact reader reads them."""

    lines: list[int]  # the line each well-formed row starts on
    rows: list[list[str]] | None = None  # those rows, when asked for
    ragged: Ragged | None = None
    malformed: list[OnLines] = field(default_factory=list)  # rows it cannot read, by why


def _cell_counts(reader: Any) -> tuple[list[str] | None, np.ndarray, list[OnLines]]:
    """(the header, the number of cells of each record after it, the malformed records:
    each reason -> the lines the reader stopped on). After a malformed record the reader
    reads on from the next line, as the csv module does, so every one is found; the
    counts are then of no use (the table is not read)."""
    counts: list[int] = []
    stopped: dict[str, list[int]] = {}
    header: list[str] | None = None
    while True:
        try:
            if header is None:
                header = next(reader)
            counts.extend(map(len, reader))
            break
        except StopIteration:
            break
        except csv.Error as err:  # line_num: the line the reader stopped on
            stopped.setdefault(f"malformed CSV: {err}", []).append(reader.line_num)
    malformed = [OnLines(why, np.asarray(lines)) for why, lines in stopped.items()]
    return header, np.asarray(counts, dtype=np.int64), malformed


# A line as io.StringIO(text, newline="") reads it: up to a CR LF, a CR or an LF, kept.
_LINE = re.compile(r"[^\r\n]*(?:\r\n?|\n)|[^\r\n]+\Z")


def lines_of(text: str) -> Iterator[str]:
    """The lines of ``text`` as ``io.StringIO(text, newline="")`` gives them to the csv
    module, one at a time (StringIO would copy the text, at four bytes a character once
    one is outside Latin-1)."""
    return (line.group() for line in _LINE.finditer(text))


def id_position(header: list[str], id_column: str | None) -> int | None:
    """Where a row's claim is: its id column in ``header`` (None if missing), or its first
    cell when the table has no id column named."""
    if id_column is None:
        return 0
    return header.index(id_column) if id_column in header else None


def cell_at(row: list[str], position: int | None) -> str | None:
    """The cell of ``row`` at ``position`` (None if it has none there, or it is empty)."""
    return (row[position] or None) if position is not None and position < len(row) else None


def structure(
    text: str, keep_rows: bool = False, id_column: str | None = None
) -> tuple[list[str] | None, Records]:
    """The header (None: a record is malformed) and the rows: the line each starts on, the
    well-formed rows themselves when ``keep_rows``, the ragged ones, the malformed ones.

    Fast path: count the cells of every record with the C csv reader; when no record is
    ragged or blank, no quoted cell spans lines and no CR ends a line alone, row i starts
    on line i + 2. Otherwise (or for ``keep_rows``) the records are read again, each with
    the line it starts on."""
    reader = csv.reader(lines_of(text), strict=True)
    header, lengths, malformed = _cell_counts(reader)
    if malformed or header is None:
        return None, Records([], malformed=malformed)
    newlines = text.count("\n") + (0 if text.endswith("\n") else 1)
    one_line_each = (
        (lengths == len(header)).all() and newlines == len(lengths) + 1 and plain_line_ends(text)
    )
    if one_line_each and not keep_rows:
        return header, Records(list(range(2, len(lengths) + 2)))
    reader = csv.reader(lines_of(text), strict=True)
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
        k = id_position(header, id_column)
        named = [cell_at(rows[i], k) for i in bad.tolist()]
        records.ragged = Ragged(len(header), at[bad], lengths[bad], named)
    if keep_rows:
        records.rows = [row for row, ok in zip(rows, well_formed.tolist(), strict=True) if ok]
    return header, records

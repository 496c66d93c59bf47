"""Turn a table of text cells into the dtypes its pandera model declares.

The converters are chosen from the model's own dtypes (via :attr:`Table.kinds`, or the
Table Schema generated from the models), so the model stays the single definition. A cell that does not convert becomes a problem naming its row and column and
is left missing in the typed frame; the other rows and columns are untouched, so the
model's checks still run on them (pandera would skip its dataframe checks after a
failed coercion). A number must be spelled the one canonical way :func:`canonical_number`
writes (``15``, not ``15.0``, ``015``, ``+15``, ``1.5e1``; ``42.7``), so ``format`` never
rewrites a value; a date must be ISO ``YYYY-MM-DD`` in ASCII digits, a real calendar date
within the years a datetime64[ns] column holds. No text cell may hold a control character.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from ..schemas._rowwise import arrow_strings, rows_of, values_at

_ISO_DATE = r"[0-9]{4}-[0-9]{2}-[0-9]{2}"  # ASCII digits only: \\d would admit "２０１２"
# The years a typed date column (datetime64[ns]) can hold; outside them a date is refused.
FIRST_YEAR, LAST_YEAR = 1678, 2261
_DATE_MESSAGE = (
    f"not a valid date (YYYY-MM-DD, a real calendar date, years {FIRST_YEAR}-{LAST_YEAR})"
)
# Control characters no text cell may hold: C0 and C1 controls except tab and line feed
# (a carriage return inside a cell would not survive a rewrite), and the Unicode line and
# paragraph separators (they would pass for whitespace in the quote check, and
# spreadsheets refuse them).
_CONTROL = "[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029]"


def canonical_number(value: float) -> str:
    """The one spelling of a number in a CSV: ``80`` for a whole number, else the shortest
    round-tripping form (``42.7``). ``format`` writes it; validation accepts only it."""
    if math.isnan(value):
        return ""
    if value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    return repr(value)


def _as_float(cell: object) -> float | None:
    """The finite number an ASCII cell spells in any form Python reads, else None."""
    if not isinstance(cell, str) or not cell.isascii():
        return None
    try:
        number = float(cell)
    except ValueError:
        return None
    return number if math.isfinite(number) else None


def _number_failures(cells: pd.Series) -> list[str | None]:
    """Per cell: None when it is a number spelled canonically, else the message."""
    out: list[str | None] = []
    for cell in cells.tolist():
        number = _as_float(cell)
        if number is None:
            out.append("not a number (write it in digits: 15, 42.7, -3)")
        elif canonical_number(number) != cell:
            out.append(f"not in canonical form: write it as {canonical_number(number)!r}")
        else:
            out.append(None)
    return out


def _numbers(cells: pd.Series) -> tuple[pd.Series, np.ndarray]:
    messages = _number_failures(cells)
    bad = np.array([m is not None for m in messages], dtype=bool) & cells.notna().to_numpy()
    converted = pd.to_numeric(cells.where(~bad), errors="coerce").astype("float64")
    return converted.mask(bad), bad


def _dates(cells: pd.Series) -> tuple[pd.Series, np.ndarray]:
    iso = cells.str.fullmatch(_ISO_DATE).fillna(False).to_numpy(dtype=bool)
    years = pd.to_numeric(cells.where(iso).str.slice(0, 4), errors="coerce").to_numpy()
    iso = iso & (years >= FIRST_YEAR) & (years <= LAST_YEAR)
    dates = pd.to_datetime(cells.where(iso), format="%Y-%m-%d", errors="coerce")
    bad = cells.notna().to_numpy() & dates.isna().to_numpy()
    return dates.astype("datetime64[ns]"), bad


def _per_distinct(
    cells: pd.Series, convert: Callable[[pd.Series], tuple[pd.Series, np.ndarray]]
) -> tuple[pd.Series, np.ndarray]:
    """Convert each distinct cell once (columns of figures and dates repeat a lot)."""
    codes, uniques = pd.factorize(cells, use_na_sentinel=True)
    if len(uniques) == 0:  # every cell missing
        return convert(cells.iloc[:0]) if len(cells) == 0 else _all_missing(cells, convert)
    converted, bad = convert(pd.Series(uniques, dtype=cells.dtype))
    taken = converted.to_numpy().take(codes)
    values = pd.Series(taken, index=cells.index, dtype=converted.dtype)
    missing = codes < 0
    values[missing] = converted.dtype.type("NaT") if converted.dtype.kind == "M" else np.nan
    return values, np.where(missing, False, bad.take(codes))


_MISSING_DTYPES: dict[Callable[..., Any], Any] = {}


def _missing_dtype(
    convert: Callable[[pd.Series], tuple[pd.Series, np.ndarray]], one: pd.Series
) -> Any:
    """The dtype ``convert`` gives a missing cell (``one``), worked out once per converter:
    a big table's empty columns (value_low, earliest_date) would ask it in every block."""
    if convert not in _MISSING_DTYPES:
        _MISSING_DTYPES[convert] = convert(one)[0].dtype
    return _MISSING_DTYPES[convert]


def _all_missing(
    cells: pd.Series, convert: Callable[[pd.Series], tuple[pd.Series, np.ndarray]]
) -> tuple[pd.Series, np.ndarray]:
    """A column with no cell at all: the converter's dtype, every value missing."""
    dtype = _missing_dtype(convert, cells.iloc[:1])
    return pd.Series(np.full(len(cells), np.nan), index=cells.index).astype(dtype), np.zeros(
        len(cells), dtype=bool
    )


_CONTROL_SEARCH = re.compile(_CONTROL)


def _control_characters(cells: pd.Series) -> np.ndarray:
    """Per cell: does it hold a control character? A column of pyarrow strings whose bytes
    hold none (:func:`may_hold_control_characters` over each chunk's data) is not searched
    cell by cell: a file's bytes hold one, a column's seldom do."""
    strings = arrow_strings(cells)
    if strings is not None and not any(_chunk_may_hold(chunk) for chunk in strings.chunks):
        return np.zeros(len(cells), dtype=bool)
    found = cells.str.contains(_CONTROL, regex=True)
    return found.fillna(False).to_numpy(dtype=bool)


def _chunk_may_hold(chunk: Any) -> bool:
    """Whether the bytes of a pyarrow string chunk's cells may hold a control character
    (its whole data buffer is scanned, a slice's neighbours too: only ever more)."""
    import pyarrow as pa

    if not (pa.types.is_string(chunk.type) or pa.types.is_large_string(chunk.type)):
        return True
    data = chunk.buffers()[2]
    return data is not None and may_hold_control_characters(memoryview(data))


def _control_message(cell: str) -> str:
    found = _CONTROL_SEARCH.search(cell)
    if found is None:
        raise ValueError(f"no control character in {cell!r}")
    code = ord(found.group())
    return f"text holding the control character U+{code:04X}, which no text cell may hold"


def _messages(kind: str, cells: list[str]) -> list[str]:
    """What is wrong with each failing cell of a column of ``kind`` (each distinct cell
    worked out once: a million failing cells often hold a few distinct values)."""
    if kind == "date":
        return [_DATE_MESSAGE] * len(cells)
    distinct = list(dict.fromkeys(cells))
    if kind == "number":
        found = _number_failures(pd.Series(distinct, dtype=object))
        known = {cell: m or "not a number" for cell, m in zip(distinct, found, strict=True)}
    else:
        known = {cell: _control_message(cell) for cell in distinct}
    return [known[cell] for cell in cells]


@dataclass(frozen=True, eq=False)
class CellFailures:
    """The cells of one column that did not convert, or hold a control character: their
    rows and what is wrong with each, each distinct message made once (a million failing
    cells are not each read into Python: :meth:`texts` reads those shown)."""

    column: str
    positions: np.ndarray  # the failing cells' row positions, increasing
    message_of: np.ndarray  # per position: the index of its message in ``messages``
    messages: list[str]

    def message(self, i: int) -> str:
        """What is wrong with the cell at ``positions[i]``."""
        return self.messages[int(self.message_of[i])]

    def texts(self, frame: pd.DataFrame, at: np.ndarray) -> list[str]:
        """The texts in ``frame`` (the frame coerced) of the cells at ``positions[at]``,
        taken block by block of the column."""
        return [str(cell) for cell in values_at(frame[self.column], self.positions[at])]


_CONTROL_GROUP = f"(?P<c>{_CONTROL})"  # for pyarrow's extract_regex (RE2 reads it alike)


def _messages_of_failing(
    kind: str, cells: pd.Series, positions: np.ndarray
) -> tuple[np.ndarray, list[str]]:
    """(per failing cell at ``positions``, the index of its message; the messages)."""
    failing = rows_of(cells, positions)
    strings = arrow_strings(failing) if kind == "string" else None
    if strings is not None:  # by the control character each holds first, found by pyarrow
        import pyarrow.compute as pc

        first = pc.struct_field(pc.extract_regex(strings, _CONTROL_GROUP), [0]).to_pandas()
        codes, found = pd.factorize(first)
        if len(codes) and codes.min() >= 0:  # every cell matched (factorize drops a null)
            return codes, [_control_message(c) for c in found]
    codes, distinct = pd.factorize(failing)  # each distinct failing cell once
    return codes, _messages(kind, [str(cell) for cell in distinct])


# The control characters of _CONTROL as UTF-8 bytes: C0 but tab and line feed, and DEL
# (one byte each); C1 (C2 80..C2 9F); U+2028/U+2029 (E2 80 A8/A9). In valid UTF-8 a C2 or
# E2 byte always starts a character, so these byte sequences occur exactly where a cell
# holds such a character.
_CONTROL_BYTES = re.compile(rb"[\x00-\x08\x0b-\x1f\x7f]|\xc2[\x80-\x9f]|\xe2\x80[\xa8\xa9]")


_REGEX_BELOW = 4096  # bytes: fewer are searched by the regex, more by numpy's slices


def may_hold_control_characters(data: bytes | bytearray | memoryview, step: int = 1 << 18) -> bool:
    """False only when no cell read from ``data`` (UTF-8) can hold a control character, so
    the per-cell search may be skipped; True when one might (the cells are then searched).
    Exactly: does ``data`` hold a byte sequence of ``_CONTROL_BYTES``? Decided with numpy
    over slices of ``step`` bytes (a few vectorised comparisons each); a few KB by the
    regex (which reads ~120 MB/s: slower than numpy beyond that)."""
    if len(data) < min(step, _REGEX_BELOW):
        return _CONTROL_BYTES.search(data) is not None
    array = np.frombuffer(data, dtype=np.uint8)
    return any(_controls_from(array, start, step) for start in range(0, len(array), step))


def _controls_from(array: np.ndarray, start: int, step: int) -> bool:
    """Does a sequence of ``_CONTROL_BYTES`` have its distinguishing byte (the control,
    the C2 or the A8/A9) in ``array[start : start + step]``?"""
    part = array[start : start + step]
    low = np.count_nonzero(part < 0x20)
    if low and low != np.count_nonzero(part == 0x0A) + np.count_nonzero(part == 0x09):
        return True  # a C0 control other than tab and line feed
    if np.count_nonzero(part == 0x7F):
        return True
    lead = np.flatnonzero(part == 0xC2) + start  # C1: C2 80..9F
    after = array[lead[lead + 1 < len(array)] + 1]
    if np.count_nonzero((after >= 0x80) & (after <= 0x9F)):
        return True
    last = np.flatnonzero((part & 0xFE) == 0xA8) + start  # E2 80 A8 / E2 80 A9, by their end
    last = last[last >= 2]
    return bool(np.count_nonzero((array[last - 1] == 0x80) & (array[last - 2] == 0xE2)))


def coerce(
    frame: pd.DataFrame, kinds: Mapping[str, str], *, controls_possible: bool = True
) -> tuple[pd.DataFrame, list[CellFailures]]:
    """Typed copy of ``frame`` and its failing cells, column by column.

    ``kinds`` maps each column to ``string``, ``number`` or ``date`` (Table Schema types),
    as :attr:`Table.kinds` derives them from the pandera model. A text cell holding a
    control character is a failure too (the cell is kept, so the model still checks it);
    ``controls_possible=False`` (from :func:`may_hold_control_characters` on the file's
    bytes) skips that search, which then cannot find anything.
    """
    typed = frame.copy(deep=False)
    failures: list[CellFailures] = []
    for name, kind in kinds.items():
        if kind == "number":
            typed[name], bad = _per_distinct(frame[name], _numbers)
        elif kind == "date":
            typed[name], bad = _per_distinct(frame[name], _dates)
        elif controls_possible:
            bad = _control_characters(frame[name])
        else:
            continue
        positions = np.flatnonzero(bad)
        if len(positions):
            message_of, messages = _messages_of_failing(kind, frame[name], positions)
            failures.append(CellFailures(name, positions, message_of, messages))
    return typed, failures

"""Row rules evaluated once per distinct row, for tables that repeat their values."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import numpy as np
import pandas as pd
from pandas.arrays import ArrowExtensionArray

from ..texts.quotes import normal_forms_of, normalise

# Factorised columns of the frame being checked: several rules read the same long columns
# (quote, figure, qualifier), which are then encoded once per table, not once per rule.
# Keyed by the identity of the column's values (the arrow array, or the numpy buffer a
# column views), each entry holding those values, so no other column can take that key
# while the entry lives; :func:`forget` drops them all.
_CODES: dict[tuple[Any, ...], tuple[Any, np.ndarray, int]] = {}
_NORMAL: dict[str, str] = {}
# (rule, its column arrays) -> its verdicts, for rules whose one search gives two verdicts
_PAIRS: dict[tuple[Any, ...], tuple[list[Any], tuple[pd.Series, pd.Series]]] = {}


def _arrow(array: ArrowExtensionArray) -> Any:
    """The pyarrow chunked array an arrow-backed pandas array holds (no copy)."""
    return array._pa_array  # type: ignore[attr-defined]


def _identity(column: pd.Series) -> tuple[tuple[Any, ...], Any] | None:
    """(key, values) naming what a column holds, or None when it has no stable identity.
    An arrow-backed column keeps its array object; a numpy-backed one (numbers, dates) is
    a fresh view of its block each time it is taken, so its buffer, length, strides and
    dtype name it."""
    array = column.array
    if isinstance(array, ArrowExtensionArray):  # setitem would replace its arrow array
        arrow = _arrow(array)
        return ("arrow", id(array), id(arrow)), (array, arrow)
    values = getattr(array, "_ndarray", None)  # NumpyExtensionArray, DatetimeArray
    if not isinstance(values, np.ndarray) or values.ndim != 1:
        return None
    address = values.__array_interface__["data"][0]
    return ("numpy", address, len(values), values.strides, values.dtype.str), values


def _codes(column: pd.Series) -> tuple[np.ndarray, int]:
    """(code of each cell, number of codes): pd.factorize with missing cells as one more
    value, remembered for the table."""
    found = _identity(column)
    cached = _CODES.get(found[0]) if found is not None else None
    if cached is None or len(cached[1]) != len(column):
        codes, uniques = pd.factorize(column, use_na_sentinel=False)
        return _remember(found, codes, len(uniques))
    return cached[1], cached[2]


def _remember(
    found: tuple[tuple[Any, ...], Any] | None, codes: np.ndarray, size: int
) -> tuple[np.ndarray, int]:
    codes = codes.astype(np.int32 if size < 2**31 else np.int64)
    if found is not None:
        _CODES[found[0]] = (found[1], codes, size)
    return codes, size


def values_at(column: pd.Series, positions: np.ndarray) -> list[object]:
    """``column.iloc[positions].tolist()``. An arrow column read in
    many blocks is read block by block: pyarrow's take of a chunked array would first
    copy the whole column into one block, for every rule asking for a few rows."""
    array = column.array
    if not isinstance(array, ArrowExtensionArray) or _arrow(array).num_chunks < 2:
        return list(column.iloc[positions].tolist())
    chunks = _arrow(array).chunks
    ends = np.cumsum([len(chunk) for chunk in chunks])
    which = np.searchsorted(ends, positions, side="right")
    bounds = np.flatnonzero(np.diff(which, prepend=-1, append=len(chunks) + 1))
    out: list[object] = []
    for start, stop in zip(bounds[:-1].tolist(), bounds[1:].tolist(), strict=True):
        chunk = int(which[start])
        local = positions[start:stop] - (ends[chunk] - len(chunks[chunk]))
        out += chunks[chunk].take(local).to_pylist()
    missing = getattr(column.dtype, "na_value", None)
    return [missing if value is None else value for value in out]


def normal(text: object) -> str:
    """:func:`~..texts.quotes.normalise` of a cell ('' if missing), remembered for the run:
    the quote, figure and hedge rules all read the normal form of the same quotes."""
    if not isinstance(text, str):
        return ""
    found = _NORMAL.get(text)
    if found is None:
        form = normalise(text)
        found = _NORMAL[text] = text if form == text else form  # keep one copy when equal
    return found


def normal_forms(values: list[object]) -> list[str]:
    """:func:`normal` of each value, for a batch. A big batch is not remembered: a corpus's
    quotes are mostly distinct, and remembering a million of them costs more memory than
    normalising them again costs time."""
    if len(values) < 100_000:
        return [normal(v) for v in values]
    out = [normalise(v) if isinstance(v, str) else "" for v in values]
    return [v if n == v else n for n, v in zip(out, values, strict=True)]  # one copy each


def arrow_strings(column: pd.Series) -> Any:
    """The column's pyarrow strings when pandas keeps it as such (its ``str`` dtype backed
    by pyarrow, as every text column that validation reads), else None."""
    array = column.array
    return _arrow(array) if isinstance(array, pd.arrays.ArrowStringArray) else None


def normal_column(column: pd.Series) -> list[str]:
    """:func:`normal` of each cell of a column: for pyarrow strings, only the cells that
    pyarrow finds not in normal form are normalised (:func:`..texts.quotes.normal_forms_of`)."""
    strings = arrow_strings(column)
    return normal_forms(column.tolist()) if strings is None else normal_forms_of(strings)


def nonempty_strings(column: pd.Series) -> np.ndarray:
    """Per cell: a string other than '' (vectorised for pyarrow strings)."""
    strings = arrow_strings(column)
    if strings is None:
        return np.array([isinstance(v, str) and v != "" for v in column.tolist()], dtype=bool)
    import pyarrow.compute as pc

    given = pc.fill_null(pc.greater(pc.binary_length(strings), 0), False)
    return np.asarray(given.to_numpy(zero_copy_only=False), dtype=bool)


def _combined(series: Sequence[pd.Series]) -> tuple[np.ndarray, int]:
    """(a code per row naming its combination of ``series``, a bound on the codes): the
    columns' codes in mixed radix, renumbered only when the next product would overflow."""
    combined, size = _codes(series[0])
    combined = combined.astype(np.int64)
    for column in series[1:]:
        codes, column_size = _codes(column)
        if size * max(column_size, 1) >= 2**62:
            combined, uniques = pd.factorize(combined)
            size = len(uniques)
        combined = combined * column_size + codes
        size *= max(column_size, 1)
    return combined, size


def _first_appearances(combined: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(position of the first row of each distinct code, the codes renumbered 0..n-1 in
    order of first appearance)."""
    codes, _ = pd.factorize(combined)
    # numbered by first appearance: a new code is the running maximum growing
    seen = np.maximum.accumulate(codes)
    first = np.flatnonzero(np.concatenate(([True], seen[1:] != seen[:-1])))
    return first, codes


def distinct_rows(series: Sequence[pd.Series]) -> tuple[np.ndarray, np.ndarray]:
    """(position of the first row of each distinct combination of ``series``, the
    combination of each row): each column factorised (cached per column), codes combined."""
    if len(series[0]) == 0:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    return _first_appearances(_combined(series)[0])  # combined[first] is 0..n-1, increasing


def distinct_or_every_row(series: Sequence[pd.Series]) -> tuple[np.ndarray, np.ndarray]:
    """:func:`distinct_rows`, or every row its own combination when one of the columns
    holds (nearly) only distinct values (a corpus's quotes): the combinations are then at
    least as many, so a rule evaluated on every row runs at most a ninth more often than on
    the distinct ones, and the columns' codes are neither combined nor picked from (a
    rule's verdict depends on the row's values only: the verdicts are the same)."""
    rows = len(series[0])
    for column in series:  # each column factorised once either way (the codes are kept)
        if rows and _codes(column)[1] * 10 >= rows * 9:
            every = np.arange(rows, dtype=np.int64)
            return every, every
    return distinct_rows(series)


def per_unique_batch(
    df: pd.DataFrame,
    columns: Sequence[str | pd.Series],
    batch: Callable[..., Sequence[bool] | np.ndarray],
    as_series: bool = False,
) -> pd.Series[bool]:
    """Like :func:`per_unique`, with ``batch`` given the values of every distinct
    combination at once (one list per column, or one series with ``as_series``) and
    returning one verdict per combination, so that a rule can work text by text or
    vectorised."""
    if df.empty:
        return pd.Series([], index=df.index, dtype=bool)
    series = [df[c] if isinstance(c, str) else c for c in columns]
    first, combined = distinct_or_every_row(series)
    results = batch(*(_values(s, first, as_series) for s in series))
    return _broadcast(df, first, combined, results)


def _values(column: pd.Series, rows: np.ndarray, as_series: bool) -> pd.Series | list[Any]:
    """The cells at ``rows`` (increasing positions of distinct rows): a list, or a series;
    when every row is distinct, ``rows`` are all rows and the series is the column."""
    if len(rows) == len(column):
        return column if as_series else column.tolist()
    return rows_of(column, rows) if as_series else values_at(column, rows)


def rows_of(column: pd.Series, positions: np.ndarray) -> pd.Series:
    """``column.iloc[positions]`` (``positions`` increasing). An arrow column read in many
    blocks is taken from block by block, as in :func:`values_at`: pandas' take would join
    the whole column into one block first, for a few dozen rows."""
    array = column.array
    positions = np.asarray(positions, dtype=np.int64)
    if (
        not isinstance(array, ArrowExtensionArray)
        or _arrow(array).num_chunks < 2
        or np.any(np.diff(positions) < 0)  # (taken chunk by chunk, they would be reordered)
    ):
        return column.iloc[positions]
    import pyarrow as pa

    chunks = _arrow(array).chunks
    ends = np.cumsum([len(chunk) for chunk in chunks])
    which = np.searchsorted(ends, positions, side="right")
    pieces = [
        chunks[chunk].take(pa.array(positions[which == chunk] - (ends[chunk] - len(chunks[chunk]))))
        for chunk in np.unique(which).tolist()
    ]
    taken = pa.chunked_array(pieces, type=_arrow(array).type)
    same = array._from_pyarrow_array(taken)  # type: ignore[attr-defined]  # its dtype kept
    return pd.Series(same, index=column.index[positions], name=column.name)


def _broadcast(
    df: pd.DataFrame, first: np.ndarray, combined: np.ndarray, results: Sequence[bool] | np.ndarray
) -> pd.Series[bool]:
    lookup = np.empty(len(first), dtype=bool)
    lookup[combined[first]] = np.asarray(results, dtype=bool)
    return pd.Series(lookup[combined], index=df.index, dtype=bool)


def per_unique_pair(
    df: pd.DataFrame,
    columns: Sequence[str],
    batch: Callable[..., tuple[Sequence[bool], Sequence[bool]]],
    as_series: bool = False,
) -> tuple[pd.Series[bool], pd.Series[bool]]:
    """Two verdicts per row from one ``batch`` over the distinct combinations (as in
    :func:`per_unique_batch`), remembered for the run: two rules that read the same search
    (the quote and its anchor) ask for it twice and it runs once."""
    arrays = [df[c].array for c in columns]
    key = (batch.__qualname__, *columns, *map(id, arrays))
    cached = _PAIRS.get(key)
    if cached is not None and all(a is b for a, b in zip(cached[0], arrays, strict=True)):
        return cached[1]
    if df.empty:
        empty = pd.Series([], index=df.index, dtype=bool)
        return empty, empty
    series = [df[c] for c in columns]
    first, combined = distinct_or_every_row(series)
    one, two = batch(*(_values(s, first, as_series) for s in series))
    verdicts = (_broadcast(df, first, combined, one), _broadcast(df, first, combined, two))
    _PAIRS.clear()  # one table at a time; the arrays are held, so their ids stay theirs
    _PAIRS[key] = (arrays, verdicts)
    return verdicts


def _each(verdict: Callable[..., bool]) -> Callable[..., np.ndarray]:
    """A batch rule calling ``verdict`` on each combination."""

    def each(*values: list[object]) -> np.ndarray:
        rows = zip(*values, strict=True)
        return np.fromiter((bool(verdict(*row)) for row in rows), dtype=bool, count=len(values[0]))

    return each


def per_unique(
    df: pd.DataFrame, columns: Sequence[str | pd.Series], verdict: Callable[..., bool]
) -> pd.Series[bool]:
    """Apply a row rule once per distinct combination of ``columns`` and broadcast it.

    A column is named, or given as a series aligned with ``df``. Each column is factorised (vectorised, cached per column) and the
    codes combined, so a table of a million rows that repeats a few thousand distinct
    quotes, figures and dates costs a few thousand calls of ``verdict``, not a million.
    """
    return per_unique_batch(df, columns, _each(verdict))


def per_unique_where(
    df: pd.DataFrame, mask: np.ndarray, columns: Sequence[str], verdict: Callable[..., bool]
) -> pd.Series[bool]:
    """:func:`per_unique` on the rows where ``mask`` holds; True on the others (rows the
    caller has shown ``verdict`` to pass without a call, e.g. an empty cell that is
    printed anywhere). The whole columns' codes (shared with the other rules) are read at
    those rows: no column is copied."""
    ok = np.ones(len(df), dtype=bool)
    rows = np.flatnonzero(mask)
    if len(rows):
        series = [df[c] for c in columns]
        at, codes = distinct_among(rows, series)
        ok[rows] = _each(verdict)(*(values_at(s, at) for s in series))[codes]
    return pd.Series(ok, index=df.index, dtype=bool)


def distinct_among(rows: np.ndarray, series: Sequence[pd.Series]) -> tuple[np.ndarray, np.ndarray]:
    """(the first of ``rows`` (increasing positions) holding each distinct combination of
    ``series``, increasing; for each of ``rows``, its combination's index in that), or
    ``rows`` themselves, each its own combination, when one of the columns holds (nearly)
    only distinct values, as in :func:`distinct_or_every_row`."""
    if any(_codes(column)[1] * 10 >= len(column) * 9 for column in series):
        return rows, np.arange(len(rows))
    first, codes = _first_appearances(_combined(series)[0][rows])
    return rows[first], codes


def forget() -> None:
    """Drop the cached column codes and normal forms (the validator calls this after each
    frame it checks, a table or one block of it, and around each run, so a frame edited in
    place between runs is never judged by stale codes)."""
    _CODES.clear()
    _NORMAL.clear()
    _PAIRS.clear()

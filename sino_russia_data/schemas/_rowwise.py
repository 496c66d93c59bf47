"""Row rules evaluated once per distinct row, for tables that repeat their values."""

from __future__ import annotations

import contextlib
import weakref
from collections.abc import Callable, Sequence
from typing import Any

import numpy as np
import pandas as pd

from ..texts.quotes import normal_forms_of, normalise

# Factorised columns, keyed weakly by the column's array: several rules read the same long
# columns (quote, figure), which are then encoded once per validation, not once per rule.
_CODES: weakref.WeakKeyDictionary[Any, tuple[np.ndarray, int]] = weakref.WeakKeyDictionary()
_NORMAL: dict[str, str] = {}
# (rule, its column arrays) -> its verdicts, for rules whose one search gives two verdicts
_PAIRS: dict[tuple[Any, ...], tuple[list[Any], tuple[pd.Series, pd.Series]]] = {}


def _codes(column: pd.Series) -> tuple[np.ndarray, int]:
    array = column.array
    try:
        cached = _CODES.get(array)
    except TypeError:  # not weak-referenceable
        cached = None
    if cached is None or len(cached[0]) != len(column):
        codes, uniques = pd.factorize(column, use_na_sentinel=False)
        cached = (codes.astype(np.int64), len(uniques))
        with contextlib.suppress(TypeError):
            _CODES[array] = cached
    return cached


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
    return array.__arrow_array__() if isinstance(array, pd.arrays.ArrowStringArray) else None


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


def distinct_rows(
    series: Sequence[pd.Series], known: Sequence[tuple[np.ndarray, int]] = ()
) -> tuple[np.ndarray, np.ndarray]:
    """(position of the first row of each distinct combination of ``series``, the
    combination of each row): each column factorised (cached per column; ``known``: the
    codes of the first columns, already worked out), codes combined."""
    combined = np.zeros(len(series[0]), dtype=np.int64)
    size = 1
    for at, column in enumerate(series):
        codes, column_size = known[at] if at < len(known) else _codes(column)
        combined = combined * (column_size + 1) + codes
        combined, uniques = pd.factorize(combined)  # small codes, in order of first appearance
        size = len(uniques)
    # the first row of each code (no sort: codes number the rows' first appearances)
    first = np.full(size, len(combined), dtype=np.int64)
    np.minimum.at(first, combined, np.arange(len(combined), dtype=np.int64))
    return first, combined  # combined[first] is 0..n-1, first increasing


def distinct_or_every_row(series: Sequence[pd.Series]) -> tuple[np.ndarray, np.ndarray]:
    """:func:`distinct_rows`, or every row its own combination when one of the columns
    holds (nearly) only distinct values (a corpus's quotes): the combinations are then at
    least as many, so a rule evaluated on every row runs at most a ninth more often than on
    the distinct ones, and the columns' codes are neither combined nor picked from (a
    rule's verdict depends on the row's values only: the verdicts are the same)."""
    rows, known = len(series[0]), []
    for column in series:
        known.append(_codes(column))  # (each column factorised once either way)
        if rows and known[-1][1] * 10 >= rows * 9:
            every = np.arange(rows, dtype=np.int64)
            return every, every
    return distinct_rows(series, known)


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
    picked = column if len(rows) == len(column) else column.iloc[rows]
    return picked if as_series else picked.tolist()


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


def per_unique(
    df: pd.DataFrame, columns: Sequence[str | pd.Series], verdict: Callable[..., bool]
) -> pd.Series[bool]:
    """Apply a row rule once per distinct combination of ``columns`` and broadcast it.

    A column is named, or given as a series aligned with ``df``. Each column is factorised (vectorised, cached per column) and the
    codes combined, so a table of a million rows that repeats a few thousand distinct
    quotes, figures and dates costs a few thousand calls of ``verdict``, not a million.
    """

    def each(*values: list[object]) -> np.ndarray:
        rows = zip(*values, strict=True)
        return np.fromiter((bool(verdict(*row)) for row in rows), dtype=bool, count=len(values[0]))

    return per_unique_batch(df, columns, each)


def per_unique_where(
    df: pd.DataFrame, mask: np.ndarray, columns: Sequence[str], verdict: Callable[..., bool]
) -> pd.Series[bool]:
    """:func:`per_unique` on the rows where ``mask`` holds; True on the others (rows the
    caller has shown ``verdict`` to pass without a call, e.g. an empty cell that is
    printed anywhere)."""
    ok = np.ones(len(df), dtype=bool)
    rows = np.flatnonzero(mask)
    if len(rows):
        ok[rows] = per_unique(df[list(columns)].iloc[rows], columns, verdict).to_numpy()
    return pd.Series(ok, index=df.index, dtype=bool)


def forget() -> None:
    """Drop the cached column codes (the validator calls this around each run, so a frame
    edited in place between runs is never judged by stale codes)."""
    _CODES.clear()
    _NORMAL.clear()
    _PAIRS.clear()

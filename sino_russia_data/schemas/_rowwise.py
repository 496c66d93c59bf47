"""Row rules evaluated once per distinct row, for tables that repeat their values."""

from __future__ import annotations

import contextlib
import weakref
from collections.abc import Callable, Sequence
from typing import Any

import numpy as np
import pandas as pd

from ..texts.quotes import normalise

# Factorised columns, keyed weakly by the column's array: several rules read the same long
# columns (quote, figure), which are then encoded once per validation, not once per rule.
_CODES: weakref.WeakKeyDictionary[Any, tuple[np.ndarray, int]] = weakref.WeakKeyDictionary()
_NORMAL: dict[str, str] = {}


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


def per_unique(
    df: pd.DataFrame, columns: Sequence[str | pd.Series], verdict: Callable[..., bool]
) -> pd.Series[bool]:
    """Apply a row rule once per distinct combination of ``columns`` and broadcast it.

    A column is named, or given as a series aligned with ``df``. Each column is factorised (vectorised, cached per column) and the
    codes combined, so a table of a million rows that repeats a few thousand distinct
    quotes, figures and dates costs a few thousand calls of ``verdict``, not a million.
    """
    if df.empty:
        return pd.Series([], index=df.index, dtype=bool)
    series = [df[c] if isinstance(c, str) else c for c in columns]
    combined = np.zeros(len(df), dtype=np.int64)
    for column in series:
        codes, size = _codes(column)
        combined = combined * (size + 1) + codes
        combined, _ = pd.factorize(combined)  # keep the combined codes small
    _, first = np.unique(combined, return_index=True)
    results = np.fromiter(
        (
            bool(verdict(*values))
            for values in zip(*(s.iloc[first].tolist() for s in series), strict=True)
        ),
        dtype=bool,
        count=len(first),
    )
    codes_of_first = combined[first]
    lookup = np.empty(int(combined.max()) + 1, dtype=bool)
    lookup[codes_of_first] = results
    return pd.Series(lookup[combined], index=df.index, dtype=bool)


def forget() -> None:
    """Drop the cached column codes (the validator calls this around each run, so a frame
    edited in place between runs is never judged by stale codes)."""
    _CODES.clear()
    _NORMAL.clear()

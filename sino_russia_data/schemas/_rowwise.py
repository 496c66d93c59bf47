"""Row rules evaluated once per distinct row, for tables that repeat their values."""

from __future__ import annotations

import contextlib
import weakref
from collections.abc import Callable
from typing import Any

import numpy as np
import pandas as pd

# Factorised columns, keyed weakly by the column's array: several rules read the same long
# columns (quote, figure), which are then encoded once per validation, not once per rule.
_CODES: weakref.WeakKeyDictionary[Any, tuple[np.ndarray, int]] = weakref.WeakKeyDictionary()


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


def per_unique(
    df: pd.DataFrame, columns: list[str], verdict: Callable[..., bool]
) -> pd.Series[bool]:
    """Apply a row rule once per distinct combination of ``columns`` and broadcast it.

    Each column is factorised (vectorised, cached per column) and the codes combined, so a
    table of a million rows that repeats a few thousand distinct quotes, figures and dates
    costs a few thousand calls of ``verdict``, not a million.
    """
    if df.empty:
        return pd.Series([], index=df.index, dtype=bool)
    combined = np.zeros(len(df), dtype=np.int64)
    for column in columns:
        codes, size = _codes(df[column])
        combined = combined * (size + 1) + codes
        combined, _ = pd.factorize(combined)  # keep the combined codes small
    _, first = np.unique(combined, return_index=True)
    sample = df[columns].iloc[first]
    results = np.fromiter(
        (
            bool(verdict(*values))
            for values in zip(*(sample[c].tolist() for c in columns), strict=True)
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

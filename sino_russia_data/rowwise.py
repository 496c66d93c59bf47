"""Row rules evaluated once per distinct row, for tables that repeat their values."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pandas as pd


def per_unique(
    df: pd.DataFrame, columns: list[str], verdict: Callable[..., bool]
) -> pd.Series[bool]:
    """Apply a row rule once per distinct combination of ``columns`` and broadcast it.

    Rows are hashed column-wise (vectorised), so a table of a million rows that repeats a
    few thousand distinct quotes, figures and dates costs a few thousand calls, not a
    million.
    """
    if df.empty:
        return pd.Series([], index=df.index, dtype=bool)
    hashes = pd.util.hash_pandas_object(df[columns], index=False).to_numpy()
    codes, _uniques = pd.factorize(hashes)
    _, first = np.unique(codes, return_index=True)
    sample = df[columns].iloc[first]
    results = np.fromiter(
        (
            bool(verdict(*values))
            for values in zip(*(sample[c].tolist() for c in columns), strict=True)
        ),
        dtype=bool,
        count=len(first),
    )
    return pd.Series(results[codes], index=df.index)

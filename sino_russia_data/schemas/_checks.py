"""Small column checks shared by several claim models."""

from __future__ import annotations

import pandas as pd


def each(values: pd.Series, allowed: set[str] | dict[str, str], sep: str = ";") -> pd.Series:
    """True where every ';'-separated item of a cell is allowed (missing cells pass)."""
    ok = [pd.isna(v) or all(item in allowed for item in str(v).split(sep)) for v in values]
    return pd.Series(ok, index=values.index)

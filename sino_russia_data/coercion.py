"""Turn a table of text cells into the dtypes its pandera model declares.

The converters are chosen from the model's own dtypes, so the model stays the single
definition. A cell that does not convert becomes a problem naming its row and column and
is left missing in the typed frame; the other rows and columns are untouched, so the
model's checks still run on them (pandera would skip its dataframe checks after a
failed coercion). Numbers must be plain finite decimals with no surrounding spaces; dates
must be ISO ``YYYY-MM-DD`` and real calendar dates.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pandera.pandas as pa

_ISO_DATE = r"\d{4}-\d{2}-\d{2}"


def _numbers(cells: pd.Series) -> tuple[pd.Series, np.ndarray]:
    converted = pd.to_numeric(cells, errors="coerce").astype("float64")
    present = cells.notna().to_numpy()
    padded = (cells.str.strip() != cells).fillna(False).to_numpy(dtype=bool)
    bad = present & (~np.isfinite(converted.to_numpy()) | padded)
    return converted.mask(bad), bad


def _dates(cells: pd.Series) -> tuple[pd.Series, np.ndarray]:
    iso = cells.str.fullmatch(_ISO_DATE).fillna(False).to_numpy(dtype=bool)
    dates = pd.to_datetime(cells.where(iso), format="%Y-%m-%d", errors="coerce")
    bad = cells.notna().to_numpy() & dates.isna().to_numpy()
    return dates.astype("datetime64[ns]"), bad


def coerce(
    frame: pd.DataFrame, model: type[pa.DataFrameModel]
) -> tuple[pd.DataFrame, list[tuple[int, str, str, str]]]:
    """Typed copy of ``frame`` and the failures as (row position, column, cell, message)."""
    typed = frame.copy()
    failures: list[tuple[int, str, str, str]] = []
    for name, column in model.to_schema().columns.items():
        kind = str(column.dtype)
        if kind.startswith("float"):
            typed[name], bad = _numbers(frame[name])
            message = "not a number"
        elif kind.startswith("datetime"):
            typed[name], bad = _dates(frame[name])
            message = "not a valid date (YYYY-MM-DD)"
        else:
            continue
        for pos in np.flatnonzero(bad):
            failures.append((int(pos), name, str(frame[name].iloc[pos]), message))
    return typed, failures

"""Turn a table of text cells into the dtypes its pandera model declares.

The converters are chosen from the model's own dtypes (via :attr:`Table.kinds`, or the
Table Schema generated from the models), so the model stays the single definition. A cell that does not convert becomes a problem naming its row and column and
is left missing in the typed frame; the other rows and columns are untouched, so the
model's checks still run on them (pandera would skip its dataframe checks after a
failed coercion). Numbers must be plain finite decimals with no surrounding spaces; dates
must be ISO ``YYYY-MM-DD`` and real calendar dates.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

import numpy as np
import pandas as pd

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


def _per_distinct(
    cells: pd.Series, convert: Callable[[pd.Series], tuple[pd.Series, np.ndarray]]
) -> tuple[pd.Series, np.ndarray]:
    """Convert each distinct cell once (columns of figures and dates repeat a lot)."""
    codes, uniques = pd.factorize(cells, use_na_sentinel=True)
    converted, bad = convert(pd.Series(uniques, dtype=cells.dtype))
    if len(uniques) == 0:  # every cell missing
        return convert(cells)
    taken = converted.to_numpy().take(codes)
    values = pd.Series(taken, index=cells.index, dtype=converted.dtype)
    missing = codes < 0
    values[missing] = converted.dtype.type("NaT") if converted.dtype.kind == "M" else np.nan
    return values, np.where(missing, False, bad.take(codes))


def coerce(
    frame: pd.DataFrame, kinds: Mapping[str, str]
) -> tuple[pd.DataFrame, list[tuple[int, str, str, str]]]:
    """Typed copy of ``frame`` and the failures as (row position, column, cell, message).

    ``kinds`` maps each column to ``string``, ``number`` or ``date`` (Table Schema types),
    as :attr:`Table.kinds` derives them from the pandera model.
    """
    typed = frame.copy()
    failures: list[tuple[int, str, str, str]] = []
    for name, kind in kinds.items():
        if kind == "number":
            typed[name], bad = _per_distinct(frame[name], _numbers)
            message = "not a number"
        elif kind == "date":
            typed[name], bad = _per_distinct(frame[name], _dates)
            message = "not a valid date (YYYY-MM-DD)"
        else:
            continue
        positions = np.flatnonzero(bad)
        cells = frame[name].to_numpy()[positions].tolist()  # one take, not one lookup per row
        failures += [
            (pos, name, str(cell), message)
            for pos, cell in zip(positions.tolist(), cells, strict=True)
        ]
    return typed, failures

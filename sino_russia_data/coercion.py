"""Turn a table of text cells into the dtypes its pandera model declares.

The converters are chosen from the model's own dtypes, so the model stays the single
definition. A cell that does not convert becomes a problem naming its row and column and
is left missing in the typed frame; the other rows and columns are untouched, so the
model's checks still run on them (pandera would skip its dataframe checks after a
failed coercion).
"""

from __future__ import annotations

import math
import re

import pandas as pd
import pandera.pandas as pa

_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _to_float(cell: str) -> float | None:
    try:
        number = float(cell)
    except ValueError:
        return None
    return number if math.isfinite(number) and cell.strip() == cell else None


def coerce(
    frame: pd.DataFrame, model: type[pa.DataFrameModel]
) -> tuple[pd.DataFrame, list[tuple[int, str, str, str]]]:
    """Typed copy of ``frame`` and the failures as (row position, column, cell, message)."""
    typed = frame.copy()
    failures: list[tuple[int, str, str, str]] = []
    for name, column in model.to_schema().columns.items():
        kind = str(column.dtype)
        cells = frame[name]
        present = cells.notna().to_numpy()
        if kind.startswith("float"):
            converted = [_to_float(c) if p else None for c, p in zip(cells, present, strict=True)]
            message = "not a number"
            typed[name] = pd.Series(
                [math.nan if v is None else v for v in converted],
                index=frame.index,
                dtype="float64",
            )
        elif kind.startswith("datetime"):
            ok = [bool(p and _ISO_DATE.match(c)) for c, p in zip(cells, present, strict=True)]
            dates = pd.to_datetime(cells.where(ok), format="%Y-%m-%d", errors="coerce")
            converted = [
                d if p and o and pd.notna(d) else None
                for d, p, o in zip(dates, present, ok, strict=True)
            ]
            message = "not a valid date (YYYY-MM-DD)"
            typed[name] = dates.astype("datetime64[ns]")
        else:
            continue
        for pos, (cell, was_present, value) in enumerate(
            zip(cells, present, converted, strict=True)
        ):
            if was_present and value is None:
                failures.append((pos, name, str(cell), message))
    return typed, failures

"""The schemas validation runs: pandera's dtype check is left out only where it would pass.

On every shipped table the columns have exactly their declared dtypes, so the shortcut
applies and pandera gives the same verdict without the dtype checks as with them. A
column of any other dtype (object text, float32, datetime64[us]) or a missing column keeps
every dtype check, so that pandera decides: it names the float32 column and the missing
one, and accepts object text and datetime64[us].
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pandera.pandas as pa
import pytest

from sino_russia_data.checking.model_schemas import model_schemas
from sino_russia_data.checking.validation import validate
from sino_russia_data.paths import default_data_dir
from sino_russia_data.registry import model, tables

_FRAMES = validate(default_data_dir()).frames


def _failures(schema: pa.DataFrameSchema, frame: pd.DataFrame) -> list[tuple[str, str]]:
    try:
        schema.validate(frame.copy(), lazy=True)
    except pa.errors.SchemaErrors as errors:
        cases = errors.failure_cases
        return sorted(
            set(zip(cases["column"].astype(str), cases["check"].astype(str), strict=True))
        )
    return []


@pytest.mark.parametrize("name", [t.name for t in tables()])
def test_shipped_tables_skip_dtype_checks_with_the_same_verdict(name: str) -> None:
    schemas = model_schemas(model(name))
    frame = _FRAMES[name]
    assert schemas.columns_for(frame) is schemas.columns_without_dtypes
    declared = [n for n, c in schemas.columns.columns.items() if c.dtype is not None]
    assert declared and all(
        schemas.columns_without_dtypes.columns[n].dtype is None for n in declared
    )
    for n, column in schemas.columns.columns.items():  # every other rule kept
        other = schemas.columns_without_dtypes.columns[n]
        kept = ("checks", "nullable", "unique", "required", "regex", "coerce")
        assert [getattr(other, a) for a in kept] == [getattr(column, a) for a in kept], n
    assert _failures(schemas.columns_without_dtypes, frame) == _failures(schemas.columns, frame)


def _retyped(frame: pd.DataFrame, column: str, change: str) -> pd.DataFrame:
    out = frame.copy()
    if change == "object":
        out[column] = out[column].astype(object)
    elif change == "float32":
        out[column] = out[column].astype(np.float32)
    elif change == "datetime64[us]":
        out[column] = out[column].astype("datetime64[us]")
    else:
        out = out.drop(columns=[column])
    return out


@pytest.mark.parametrize(
    ("column", "change"),
    [
        ("quote", "object"),
        ("value", "float32"),
        ("period_start", "datetime64[us]"),
        ("unit", "dropped"),
    ],
)
def test_a_column_of_another_dtype_keeps_every_dtype_check(column: str, change: str) -> None:
    schemas = model_schemas(model("trade"))
    frame = _retyped(_FRAMES["trade"], column, change)
    chosen = schemas.columns_for(frame)
    assert chosen is schemas.columns
    failures = _failures(chosen, frame)
    if change == "dropped":
        assert [check for _, check in failures] == ["column_in_dataframe"]
    elif change in ("object", "datetime64[us]"):  # pandera's answer, left to it
        assert failures == []
    else:
        assert failures == [(column, f"dtype('{schemas.columns.columns[column].dtype}')")]


def test_without_dtypes_a_faulty_column_fails_alike() -> None:
    schemas = model_schemas(model("trade"))
    frame = _FRAMES["trade"].copy()
    frame.loc[3, "unit"], frame.loc[5, "claim_id"] = "bogus", "Not-An-Id"
    assert schemas.columns_for(frame) is schemas.columns_without_dtypes
    failures = _failures(schemas.columns_without_dtypes, frame)
    assert failures == _failures(schemas.columns, frame)
    assert {c for c, _ in failures} == {"unit", "claim_id"}

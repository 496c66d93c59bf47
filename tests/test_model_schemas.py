"""The schemas validation runs: pandera's dtype check is left out only where it would pass.

On every shipped table the columns have exactly their declared dtypes, so the shortcut
applies and pandera gives the same verdict without the dtype checks as with them. A
column of any other dtype (text of another storage or missing-value marker, object,
category, float32, nullable Float64, datetime64[us], a time zone), a missing column or a
repeated one keeps every dtype check, so that pandera decides, whatever it decides.
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


@pytest.fixture(scope="module")
def frames() -> dict[str, pd.DataFrame]:
    return validate(default_data_dir()).frames


def _failures(schema: pa.DataFrameSchema, frame: pd.DataFrame) -> list[tuple[str, ...]]:
    """Every failure case pandera gives: column, check, row and value."""
    try:
        schema.validate(frame.copy(), lazy=True)
    except pa.errors.SchemaErrors as errors:
        columns = ["column", "check", "index", "failure_case"]
        cases = errors.failure_cases[columns].astype(str)
        return sorted(set(cases.itertuples(index=False, name=None)))
    return []


def _checks(failures: list[tuple[str, ...]]) -> list[tuple[str, str]]:
    return sorted({(column, check) for column, check, *_ in failures})


@pytest.mark.parametrize("unique_later", [False, True])
@pytest.mark.parametrize("name", [t.name for t in tables()])
def test_shipped_tables_skip_dtype_checks_with_the_same_verdict(
    name: str, unique_later: bool, frames: dict[str, pd.DataFrame]
) -> None:
    schemas = model_schemas(model(name), unique_later)
    frame = frames[name]
    assert schemas.columns_for(frame) is schemas.columns_without_dtypes
    declared = [n for n, c in schemas.columns.columns.items() if c.dtype is not None]
    assert declared and all(
        schemas.columns_without_dtypes.columns[n].dtype is None for n in declared
    )
    for n, column in schemas.columns.columns.items():  # every other rule kept
        other = schemas.columns_without_dtypes.columns[n]
        kept = ("nullable", "unique", "required", "regex", "coerce")
        assert [getattr(other, a) for a in kept] == [getattr(column, a) for a in kept], n
        assert [(repr(c), c.statistics) for c in other.checks] == [
            (repr(c), c.statistics) for c in column.checks
        ], n
    assert _failures(schemas.columns_without_dtypes, frame) == _failures(schemas.columns, frame)


@pytest.mark.parametrize(
    ("column", "dtype", "pandera_says"),
    [
        ("quote", object, "passes"),
        ("quote", pd.StringDtype("python", na_value=np.nan), "fails"),
        ("quote", pd.StringDtype("pyarrow"), "passes"),  # pd.NA for missing cells
        ("quote", "category", "fails"),
        ("value", np.float32, "fails"),
        ("value", "Float64", "passes"),
        ("period_start", "datetime64[us]", "passes"),
        ("period_start", "datetime64[ns, UTC]", "fails"),
        ("unit", None, "fails"),  # the column dropped
    ],
)
def test_a_column_of_another_dtype_keeps_every_dtype_check(
    column: str, dtype: object, pandera_says: str, frames: dict[str, pd.DataFrame]
) -> None:
    """Whatever pandera says of the other dtype, it is pandera that says it."""
    schemas = model_schemas(model("trade"))
    frame = frames["trade"]
    if dtype is None:
        frame = frame.drop(columns=[column])
    elif dtype == "datetime64[ns, UTC]":
        frame = frame.assign(**{column: frame[column].dt.tz_localize("UTC")})
    else:
        frame = frame.astype({column: dtype})
    chosen = schemas.columns_for(frame)
    assert chosen is schemas.columns
    checks = _checks(_failures(chosen, frame))
    if pandera_says == "passes":
        assert checks == []
    elif dtype is None:
        assert [check for _, check in checks] == ["column_in_dataframe"]
    else:
        assert checks == [(column, f"dtype('{schemas.columns.columns[column].dtype}')")]


def test_a_frame_with_a_repeated_column_keeps_every_dtype_check(
    frames: dict[str, pd.DataFrame],
) -> None:
    schemas = model_schemas(model("trade"))
    frame = frames["trade"]
    doubled = pd.concat([frame, frame[["unit"]]], axis=1)
    assert schemas.columns_for(doubled) is schemas.columns


def test_without_dtypes_a_faulty_column_fails_alike(frames: dict[str, pd.DataFrame]) -> None:
    schemas = model_schemas(model("trade"))
    frame = frames["trade"].copy()
    frame.loc[3, "unit"], frame.loc[5, "claim_id"] = "bogus", "Not-An-Id"
    assert schemas.columns_for(frame) is schemas.columns_without_dtypes
    failures = _failures(schemas.columns_without_dtypes, frame)
    assert failures == _failures(schemas.columns, frame)
    assert {c for c, _ in _checks(failures)} == {"unit", "claim_id"}
    assert len(failures) == 2  # one row each, with its value

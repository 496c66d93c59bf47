"""Loading by engine: pandas categories in vocabulary order, the same values in polars and
pyarrow, the subject columns of claims(), and clear messages for a missing engine."""

from __future__ import annotations

import datetime as dt
import sys

import pandas as pd
import polars as pl
import pyarrow as pa
import pytest

import sino_russia_data as srd
from sino_russia_data import registry
from sino_russia_data.loaders import subject_columns

TABLES = [t.name for t in registry.tables()]


@pytest.mark.parametrize("name", TABLES)
def test_enum_columns_are_categories_in_vocabulary_order(name):
    frame = srd.load(name)
    table = registry.table(name)
    enums = [f for f in table.fields if f.enum is not None]
    assert enums, name
    for field in enums:
        dtype = frame[field.name].dtype
        assert isinstance(dtype, pd.CategoricalDtype), field.name
        assert list(dtype.categories) == list(field.enum), field.name
    for field in table.fields:
        if field.enum is None and field.type == "string":
            assert not isinstance(frame[field.name].dtype, pd.CategoricalDtype), field.name


def _plain(frame: pd.DataFrame) -> list[dict[str, object]]:
    """Rows as Python values: missing as None, dates as datetime.date."""
    rows = []
    for row in frame.astype(object).to_dict("records"):
        clean = {}
        for key, value in row.items():
            if value is None or (not isinstance(value, str) and pd.isna(value)):
                clean[key] = None
            elif isinstance(value, pd.Timestamp):
                clean[key] = value.date()
            else:
                clean[key] = value
        rows.append(clean)
    return rows


@pytest.mark.parametrize("name", ["trade", "gas", "sources"])
def test_polars_and_pyarrow_hold_the_same_values_with_their_types(name):
    frame = srd.load(name)
    arrow = srd.load(name, engine="pyarrow")
    polars = getattr(srd, name)(engine="polars")
    assert isinstance(arrow, pa.Table) and isinstance(polars, pl.DataFrame)
    expected = _plain(frame)
    assert arrow.to_pylist() == expected
    assert polars.to_dicts() == expected
    for field in registry.table(name).fields:
        a_type, p_type = arrow.schema.field(field.name).type, polars.schema[field.name]
        if field.type == "date":
            assert a_type == pa.date32() and p_type == pl.Date, field.name
        elif field.enum is not None:
            assert pa.types.is_dictionary(a_type), field.name
            assert p_type == pl.Enum(list(field.enum)), field.name
        elif field.type == "number":
            assert a_type == pa.float64() and p_type == pl.Float64, field.name
        else:
            assert pa.types.is_large_string(a_type) or pa.types.is_string(a_type), field.name
            assert p_type == pl.String, field.name
    assert isinstance(polars["period_start" if name != "sources" else "published"][0], dt.date)


def test_claims_in_every_engine():
    frame = srd.claims()
    assert srd.claims(engine="polars").to_dicts() == _plain(frame)
    assert srd.claims(engine="pyarrow").num_rows == len(frame)


def test_claims_carry_the_subject_columns_of_each_table():
    subjects = subject_columns()
    assert {"indicator", "measure", "flow", "project"} <= set(subjects)
    claims = srd.claims()
    for table in registry.claim_tables():
        rows = claims[claims["table"] == table.name].reset_index(drop=True)
        own = srd.load(table.name)
        for column in subjects:
            if column in table.columns:
                assert rows[column].astype(object).tolist() == own[column].astype(object).tolist()
            else:
                assert rows[column].isna().all(), (table.name, column)
    gas = claims[claims["project"] == "power_of_siberia_eastern_route"]
    assert set(gas["table"]) == {"gas"} and len(gas) > 1


def test_unknown_engine_is_refused():
    with pytest.raises(ValueError, match="unknown engine 'spark'; engines are pandas"):
        srd.load("trade", engine="spark")


def test_missing_polars_names_the_extra(monkeypatch):
    monkeypatch.setitem(sys.modules, "polars", None)
    with pytest.raises(ImportError, match=r"pip install 'sino-russia-data\[polars\]'"):
        srd.load("trade", engine="polars")

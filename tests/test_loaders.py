"""The public loaders: one per table of the registry, by name, typed, complete, copied."""

from __future__ import annotations

import inspect

import pandas as pd
import pytest

import sino_russia_data as srd
from sino_russia_data import registry


@pytest.mark.parametrize("loader", [t.name for t in registry.claim_tables()])
def test_each_loader_returns_typed_frame(loader):
    frame = getattr(srd, loader)()
    assert frame["claim_id"].is_unique
    assert str(frame["value"].dtype) == "float64"
    assert str(frame["period_start"].dtype) == "datetime64[ns]"
    assert all(cid.startswith(f"{loader}-") for cid in frame["claim_id"])


def test_claims_is_one_long_frame_of_every_table():
    claims = srd.claims()
    expected = sum(len(getattr(srd, t.name)()) for t in registry.claim_tables())
    assert len(claims) == expected
    for column in (
        "claim_id",
        "table",
        "source_id",
        "quote",
        "value",
        "value_low",
        "value_high",
        "unit",
        "period_start",
        "period_end",
        "qualifier",
        "status",
    ):
        assert column in claims.columns
    assert str(claims["period_end"].dtype) == "datetime64[ns]"
    assert claims["claim_id"].is_unique
    assert set(claims["table"]) <= {t.name for t in registry.claim_tables()}


def test_loaders_return_copies():
    first = srd.trade()
    first.loc[0, "value"] = -1.0
    assert srd.trade().loc[0, "value"] != -1.0


def test_version_is_exposed():
    assert srd.__version__.count(".") == 2


@pytest.mark.parametrize("name", [t.name for t in registry.tables()])
def test_load_by_name_equals_the_named_loader(name):
    pd.testing.assert_frame_equal(srd.load(name), getattr(srd, name)())


def test_unknown_table_name_lists_the_tables():
    with pytest.raises(KeyError, match="no table 'nope'; tables are sources, arms"):
        srd.load("nope")


def test_tables_lists_every_table_with_a_description():
    listed = srd.tables()
    assert list(listed["name"]) == [t.name for t in registry.tables()]
    assert listed["description"].str.len().min() > 20
    assert set(listed.loc[listed["claims"], "name"]) == {t.name for t in registry.claim_tables()}


@pytest.mark.parametrize("name", [t.name for t in registry.tables()])
def test_loader_docstring_documents_every_column(name):
    table = registry.table(name)
    doc = inspect.getdoc(getattr(srd, name))
    assert doc is not None
    assert doc.startswith(table.description)
    for field in table.fields:
        assert f"\n{field.name} " in doc, field.name
    assert getattr(srd, name).__name__ == name


def test_public_names_are_derived_from_the_registry():
    public = set(srd.__all__)
    assert {t.name for t in registry.tables()} <= public
    assert {"claims", "load", "tables", "cite", "consistency", "__version__"} <= public
    assert sorted(public) == dir(srd)
    namespace: dict[str, object] = {}
    exec("from sino_russia_data import *", namespace)
    assert {t.name for t in registry.tables()} <= set(namespace)


def test_claims_columns_are_the_shared_claim_columns_then_the_subjects():
    from sino_russia_data.loaders import subject_columns

    columns = list(srd.claims().columns)
    subjects = subject_columns()
    assert columns[:3] == ["claim_id", "table", "source_id"]
    assert columns == registry.claim_columns() + subjects
    for table in registry.claim_tables():
        assert set(columns) - {"table", *subjects} <= set(table.columns)


def test_a_file_edited_in_the_same_session_is_validated_again(data_copy):
    from tests.conftest import edit_cell

    assert srd.trade(data_copy)["unit"].notna().all()
    edit_cell(data_copy, "trade", "trade-kimblank2013-001", "unit", "bananas")
    with pytest.raises(srd.DataValidationError, match="bananas"):
        srd.trade(data_copy)

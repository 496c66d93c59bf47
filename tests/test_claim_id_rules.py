"""The claim-id rule evaluated in pyarrow, and a long table's unique columns counted by
pyarrow on a second core, give exactly the verdicts and reports of the plain path."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pyarrow as pa
import pytest
from pandas.arrays import ArrowExtensionArray

from sino_russia_data.checking import validation
from sino_russia_data.schemas._checks import _text, claim_ids_name
from tests.conftest import read_rows, write_rows

IDS = [
    "trade-kimblank2013-001",  # right
    "trade-kimblank2013-001",  # right, repeated
    "gas-kimblank2013-002",  # another table
    "trade-gabuev2020-003",  # another source
    "trade-kimblank2013-004-9",  # a dash too many
    "tradeX",  # no dash
    "trade-kimblank2013-",  # empty tail
    "trade-kimblank2013",  # no tail
    "trade-trade-kimblank2013-005",  # prefix twice
    "TRADE-KIMBLANK2013-006",
    "trade-kimblank2013-007 ",
    "trade-kimblank2013-008\n",
    "trade--009",  # matches a missing source
    "-",
    "",
    None,
    "trade-a-b-010",  # a source id holding a dash
    "trade-a-b-0-1",
    "trade-kïmblank2013-011",
    "trade-kimblank2013-012",
]
SOURCES = ["kimblank2013"] * 12 + [None, "kimblank2013", "kimblank2013", "kimblank2013"]
SOURCES += ["a-b", "a-b", "kïmblank2013", None]


def _pandas_rule(ids: pd.Series, sources: pd.Series, table: str) -> pd.Series:
    """The rule as it was written in pandas (the reference)."""
    before_last_dash = _text(ids).str.replace(r"-[^-]*$", "", regex=True)
    return before_last_dash == (f"{table}-" + _text(sources))


def _arrow_series(values: list[str | None], chunks: int) -> pd.Series:
    size = -(-len(values) // chunks)
    parts = [pa.array(values[i : i + size], pa.large_string()) for i in range(0, len(values), size)]
    array = pd.arrays.ArrowStringArray(pa.chunked_array(parts, pa.large_string()))
    return pd.Series(array).astype(pd.StringDtype(na_value=np.nan))


@pytest.mark.parametrize("id_chunks, source_chunks", [(1, 1), (3, 1), (4, 7)])
def test_the_claim_id_rule_in_pyarrow_gives_the_pandas_verdicts(id_chunks, source_chunks):
    ids, sources = _arrow_series(IDS, id_chunks), _arrow_series(SOURCES, source_chunks)
    assert isinstance(ids.array, ArrowExtensionArray)
    for table in ("trade", "gas"):
        expected = _pandas_rule(
            pd.Series(IDS, dtype=object), pd.Series(SOURCES, dtype=object), table
        )
        got = claim_ids_name(ids, sources, table)
        assert got.dtype == bool and got.tolist() == expected.tolist()
        assert got.tolist() == _pandas_rule(ids, sources, table).tolist()
        assert expected.any() and not expected.all()  # the cases cut both ways
    # any other column is judged the pandas way
    plain = claim_ids_name(pd.Series(IDS, dtype=object), pd.Series(SOURCES, dtype=object), "trade")
    assert plain.tolist() == _pandas_rule(ids, sources, "trade").tolist()


@pytest.mark.parametrize(
    "values",
    [
        ["a", "b", "c"],
        ["a", "b", "a"],
        ["a", None, "c"],
        ["a", None, None],
        [None],
        [],
        ["a", "A", "a "],
    ],
)
def test_counting_distinct_values_in_pyarrow_is_pandas_is_unique(values):
    for chunks in (1, 2):
        series = _arrow_series(values, chunks) if values else _arrow_series([None], 1).iloc[:0]
        arrow = series.array._pa_array
        assert validation._all_distinct(arrow) == series.is_unique


def test_work_in_the_background_returns_or_raises_in_the_caller():
    assert validation._Background(lambda: 42).result() == 42
    with pytest.raises(ZeroDivisionError):
        validation._Background(lambda: 1 / 0).result()


def _faulty_trade(data_dir) -> None:
    path = data_dir / "curated" / "trade.csv"
    rows = read_rows(path)
    rows[3]["claim_id"] = rows[1]["claim_id"]  # duplicates, three times
    rows[7]["claim_id"] = rows[1]["claim_id"]
    rows[4]["claim_id"] = ""  # missing ids, twice (missing twice is not unique either)
    rows[9]["claim_id"] = ""
    rows[5]["claim_id"] = rows[5]["claim_id"].replace("trade-", "gas-", 1)  # another table
    rows[6]["claim_id"] = rows[6]["claim_id"].replace(rows[6]["source_id"], "nosuch", 1)
    rows[8]["claim_id"] += "-1"  # a dash too many
    rows[10]["source_id"] = ""  # a missing source
    rows[11]["value"] = "12.5x"  # a cell that does not convert
    rows[12]["reporter"] = "Russia"
    write_rows(path, rows)


def test_counting_unique_columns_on_a_second_core_reports_what_the_plain_path_reports(
    data_copy, monkeypatch
):
    """trade repeats claim ids (pandera then says which rows); the other claim tables' ids
    are all distinct (pandera's uniqueness check is then skipped)."""
    _faulty_trade(data_copy)
    plain = validation.validate(data_copy)
    monkeypatch.setattr(validation, "BACKGROUND_ROWS", 0)  # every table counted as a long one is
    background = validation.validate(data_copy)
    assert background.grouped.as_dict() == plain.grouped.as_dict()
    assert background.grouped.render(None) == plain.grouped.render(None)
    rules = {(g["column"], g["rule"]) for g in plain.grouped.as_dict()["groups"]}
    assert ("claim_id", "field_uniqueness") in rules
    assert ("claim_id", "claim_id: must read '<table>-<source_id>-<nnn>' for this table") in rules
    assert ("claim_id", "not_nullable") in rules
    assert any(column == "reporter" for column, _ in rules)  # a column check of another column

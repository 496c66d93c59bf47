"""The claim-id rule evaluated in pyarrow kernels gives exactly the verdicts of the rule
written in pandas, on arrow columns (read in one block or many) and on any other column."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pyarrow as pa
import pytest
from pandas.arrays import ArrowExtensionArray

from sino_russia_data.checking.validation import validate
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


def test_a_validation_reports_the_claim_id_rule_where_the_pandas_rule_fails(data_copy):
    path = data_copy / "curated" / "trade.csv"
    rows = read_rows(path)
    rows[3]["claim_id"] = rows[3]["claim_id"].replace("trade-", "gas-", 1)  # another table
    rows[4]["claim_id"] = rows[4]["claim_id"].replace(rows[4]["source_id"], "nosuch", 1)
    rows[5]["claim_id"] += "-1"  # a dash too many
    rows[6]["source_id"] = ""  # a missing source
    rows[7]["claim_id"] = ""  # a missing id
    write_rows(path, rows)
    ids = pd.Series([r["claim_id"] or None for r in rows], dtype=object)
    sources = pd.Series([r["source_id"] or None for r in rows], dtype=object)
    expected = [i + 2 for i in np.flatnonzero(~_pandas_rule(ids, sources, "trade").to_numpy())]
    assert len(expected) >= 5
    report = validate(data_copy)
    rule = "claim_id: must read '<table>-<source_id>-<nnn>' for this table"
    (group,) = [
        g for g in report.grouped.groups if g.file == "curated/trade.csv" and g.rule == rule
    ]
    assert list(group.lines) == expected

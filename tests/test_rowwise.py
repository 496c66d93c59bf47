"""Rules run once per distinct row (schemas/_rowwise.py): the shortcuts give the answer of
applying the rule to every row, on columns as the reader makes them (arrow text read in
many blocks, numbers and dates in numpy blocks, missing cells)."""

from __future__ import annotations

import itertools

import numpy as np
import pandas as pd
import pyarrow as pa
from hypothesis import given, settings
from hypothesis import strategies as st

from sino_russia_data.schemas import _rowwise

TEXT = pd.StringDtype(na_value=np.nan)
cells = st.lists(st.sampled_from(["a", "b", "c", None]), min_size=0, max_size=30)


def blocks(values: list[str | None], cuts: list[int]) -> pd.Series:
    """A text column as pyarrow's reader gives it: one arrow array per block of rows."""
    bounds = sorted({0, len(values), *(c % (len(values) + 1) for c in cuts)})
    parts = [pa.array(values[a:b], pa.large_string()) for a, b in itertools.pairwise(bounds)]
    chunked = pa.chunked_array(parts or [pa.array([], pa.large_string())])
    return chunked.to_pandas(types_mapper={pa.large_string(): TEXT}.get)


@settings(max_examples=60, deadline=None)
@given(cells, st.lists(st.integers(0, 30), max_size=5), st.data())
def test_values_at_reads_the_blocks_as_iloc_does(values, cuts, data):
    column = blocks(values, cuts)
    positions = data.draw(st.lists(st.integers(0, max(len(values) - 1, 0)), max_size=10))
    at = np.array(positions if values else [], dtype=np.int64)
    assert repr(_rowwise.values_at(column, at)) == repr(column.iloc[at].tolist())


@settings(max_examples=60, deadline=None)
@given(cells, st.lists(st.integers(0, 30), max_size=5), st.data())
def test_rows_of_takes_from_the_blocks_as_iloc_does(values, cuts, data):
    column = blocks(values, cuts).rename("quote")
    positions = data.draw(st.lists(st.integers(0, max(len(values) - 1, 0)), max_size=10))
    at = np.array(positions if values else [], dtype=np.int64)  # any order, repeats
    pd.testing.assert_series_equal(_rowwise.rows_of(column, at), column.iloc[at])
    pd.testing.assert_series_equal(_rowwise.rows_of(column, list(at)), column.iloc[at])


@settings(max_examples=60, deadline=None)
@given(cells, st.lists(st.integers(0, 30), max_size=5), st.data())
def test_a_rule_per_distinct_row_is_the_rule_on_every_row(values, cuts, data):
    n = len(values)
    numbers = data.draw(st.lists(st.sampled_from([1.0, 2.5, np.nan]), min_size=n, max_size=n))
    days = data.draw(st.lists(st.sampled_from(["2020-01-01", None]), min_size=n, max_size=n))
    mask = np.array(data.draw(st.lists(st.booleans(), min_size=n, max_size=n)), dtype=bool)
    df = pd.DataFrame(
        {
            "text": blocks(values, cuts),
            "number": numbers,
            "other": [x * 2 for x in numbers],  # same block, another column
            "day": pd.to_datetime(pd.Series(days, dtype=object)),
        }
    )

    def rule(*row: object) -> bool:
        return repr(row) in {"('a', 1.0)", "(nan, nan)", "('b', 5.0)"} or "NaT" in repr(row)

    _rowwise.forget()
    for columns in (["text", "number"], ["text", "other"], ["number", "day"]):
        every = [rule(*row) for row in zip(*(df[c].tolist() for c in columns), strict=True)]
        assert _rowwise.per_unique(df, columns, rule).tolist() == every
        where = _rowwise.per_unique_where(df, mask, columns, rule).tolist()
        assert where == [e if m else True for e, m in zip(every, mask, strict=True)]
    _rowwise.forget()


def test_remembered_codes_never_serve_another_column():
    # columns made on the fly (and dropped) must not be judged by codes of earlier ones
    _rowwise.forget()
    df = pd.DataFrame({"x": np.arange(50) % 7, "t": blocks([str(i % 5) for i in range(50)], [20])})
    for shift in range(6):
        derived = (df["x"] + shift) % 3
        expected = [v == 0 for v in derived.tolist()]
        assert _rowwise.per_unique(df, [derived], lambda v: v == 0).tolist() == expected
        text, wanted = df["t"] + str(shift), f"0{shift}"
        found = _rowwise.per_unique(df, [text], lambda v, w=wanted: v == w).tolist()
        assert found == [v == wanted for v in text.tolist()]
    _rowwise.forget()

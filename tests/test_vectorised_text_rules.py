"""The text rules worked out with pyarrow (normal forms, figure and stated year in the
quote) give the verdicts of the same rules cell by cell, on the edge cases that matter."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pyarrow as pa
import pytest

from sino_russia_data.schemas import _rowwise
from sino_russia_data.schemas.claim import (
    _figure_in_quote,
    _figures_in_quotes,
    _stated_year_printed,
    _str,
    _years_in_quotes,
)
from sino_russia_data.texts.quotes import WHITESPACE, normal_forms_of, normalise

# every character str.split() treats as whitespace, runs of them, at the ends, a missing cell
CELLS = [
    *(f"a{chr(c)}b" for c in WHITESPACE),
    *(f"{chr(c)}x" for c in WHITESPACE),
    *(f"x{chr(c)}" for c in WHITESPACE),
    "USD5  billion",
    "USD5 billion",
    " ",
    "",
    "no\u200bbreak\ufeff",  # not whitespace for str.split()
    "In 12003, 5.",
    "In 2003\n, USD5\u00a0billion.",
    "\u201c2003\u201d \u7ba1\u9053",
    None,
]


def _arrow_column(cells: list[str | None], chunk: int = 3) -> pd.Series:
    """A pandas str column held by pyarrow in several blocks, as the CSV reader gives."""
    blocks = [
        pa.array(cells[i : i + chunk], pa.large_string()) for i in range(0, len(cells), chunk)
    ]
    array = pa.chunked_array(blocks, type=pa.large_string())
    dtype = pd.StringDtype("pyarrow", na_value=np.nan)
    return pd.Series(pd.arrays.ArrowStringArray(array, dtype=dtype))


def test_normal_forms_from_pyarrow_are_normalise_of_each_cell():
    column = _arrow_column(CELLS)
    expected = [normalise(c) if isinstance(c, str) else "" for c in CELLS]
    assert normal_forms_of(column.array.__arrow_array__()) == expected
    assert _rowwise.normal_column(column) == expected
    assert _rowwise.normal_column(column.astype(object)) == expected  # the path without pyarrow


def test_nonempty_strings_from_pyarrow_and_from_python_agree():
    column = _arrow_column(CELLS)
    expected = [isinstance(c, str) and c != "" for c in CELLS]
    assert _rowwise.nonempty_strings(column).tolist() == expected
    assert _rowwise.nonempty_strings(column.astype(object)).tolist() == expected


def test_the_figure_rule_over_pyarrow_columns_is_the_rule_per_pair():
    figures = [*CELLS, "USD5 billion", "USD5\tbillion", "  "]
    quotes = [*reversed(CELLS), "In 2003, USD5\nbillion.", "USD5 billion", "anything"]
    expected = [_figure_in_quote(f, q) for f, q in zip(figures, quotes, strict=True)]
    assert any(expected) and not all(expected)
    arrow = _figures_in_quotes(_arrow_column(figures), _arrow_column(quotes))
    plain = _figures_in_quotes(pd.Series(figures, dtype=object), pd.Series(quotes, dtype=object))
    assert arrow == plain == expected


@pytest.mark.parametrize("chunk", [1, 4, 100])
def test_the_year_rule_over_pyarrow_blocks_is_the_rule_per_row(chunk):
    quotes = CELLS * 3
    years = np.array([2003, 2003, 12003, 1999, 2] * len(quotes))[: len(quotes)]
    rows = np.flatnonzero(np.arange(len(quotes)) % 3 != 1)  # some rows only, in order
    # the rule for a stated year: its digits are in the quote ('' when missing)
    cells = np.array(quotes, dtype=object)[rows]
    expected = [str(y) in _str(q) for y, q in zip(years[rows].tolist(), cells, strict=True)]
    at = pd.Timestamp("2003-01-01")
    assert _stated_year_printed(at, None, None, "year", "stated", "In 12003, 5.")
    assert any(expected) and not all(expected)
    arrow = _years_in_quotes(years[rows], _arrow_column(quotes, chunk), rows)
    plain = _years_in_quotes(years[rows], pd.Series(quotes, dtype=object), rows)
    assert arrow.tolist() == plain.tolist() == expected

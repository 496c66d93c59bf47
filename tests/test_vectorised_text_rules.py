"""The text rules worked out with pyarrow (normal forms, figure and stated year in the
quote) give the verdicts of the same rules cell by cell, on the edge cases that matter."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pyarrow as pa
import pytest

from sino_russia_data.schemas import _rowwise
from sino_russia_data.schemas._checks import anchors_in_raw_text, quotes_in_raw_text
from sino_russia_data.schemas.claim import (
    _figure_in_quote,
    _figures_in_quotes,
    _stated_year_printed,
    _stated_years_printed,
    _str,
    _years_in_quotes,
)
from sino_russia_data.texts.anchors import AnchoredText
from sino_russia_data.texts.corpus import Corpus, active
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


@pytest.mark.parametrize("repeats", [1, 40])  # quotes distinct (each row searched) or not
def test_the_stated_year_rule_on_a_table_is_the_rule_per_row(repeats):
    quotes = [*CELLS, "In 2003 and 1999.", "From 12003.", "1990s"] * repeats
    n = len(quotes)
    starts = [None, "2003-01-01", "1999-06-01", "2003-07-01", "1990-01-01"] * n
    precisions = ["year", "month", "decade", "on_or_before", "year", "within"] * n
    bases = ["stated", "stated", "inferred", "stated"] * n
    df = pd.DataFrame(
        {
            "period_start": pd.to_datetime(pd.Series(starts[:n], dtype=object)),
            "earliest_date": pd.to_datetime(pd.Series(starts[3 : n + 3], dtype=object)),
            "latest_date": pd.to_datetime(pd.Series(starts[1 : n + 1], dtype=object)),
            "period_precision": pd.Series(precisions[:n], dtype="str"),
            "date_basis": pd.Series(bases[:n], dtype="str"),
            "quote": _arrow_column(quotes, 7),
        }
    )
    columns = ["period_start", "earliest_date", "latest_date", "period_precision", "date_basis"]
    rows = zip(*(df[c].tolist() for c in [*columns, "quote"]), strict=True)
    expected = [_stated_year_printed(*row) for row in rows]
    assert any(expected) and not all(expected)
    _rowwise.forget()
    assert _stated_years_printed(df).tolist() == expected
    _rowwise.forget()


def _corpus(tmp_path):
    """Three readable texts (one not ASCII, one repeating a sentence) and one not UTF-8."""
    texts = {
        "a": "\u201cRussia\u201d\u00a0and China:\n\u0433\u0430\u0437  deal worth USD5 billion.",
        "b": "x. The deal was signed.  The deal\nwas signed. y.\r\n\r\nEnd of text.",
        "c": "Only  one\tline.",
    }
    (tmp_path / "raw").mkdir()
    sources = {}
    for sid, text in texts.items():
        (tmp_path / "raw" / f"{sid}.txt").write_text(text, encoding="utf-8")
        sources[sid] = {"source_id": sid, "raw_file": f"{sid}.txt"}
    (tmp_path / "raw" / "d.txt").write_bytes(b"\xff\xfe not UTF-8")
    sources["d"] = {"source_id": "d", "raw_file": "d.txt"}
    return Corpus(data_dir=tmp_path, sources=sources)


PASSAGES = [
    ("a", "\u201cRussia\u201d and China:"),
    ("a", "\u0433\u0430\u0437 deal worth\nUSD5 billion."),  # whitespace differs
    ("a", "USD6 billion"),  # not in its text
    ("b", "The deal was signed."),  # twice in the text
    ("b", "The  deal\twas signed. y."),  # once, whitespace differs
    ("b", "End of text."),
    ("b", "Only one line."),  # in another source's text
    ("c", "Only one line."),
    ("c", " one "),
    ("d", "not UTF-8"),  # an unreadable text: reported once, on sources.csv
    ("e", "Only one line."),  # not in sources.csv
    (None, "Only one line."),
    ("c", None),
]


@pytest.mark.parametrize("distinct", [True, False])  # (nearly) every quote distinct, or not
@pytest.mark.parametrize("shift", [0, 1])  # 1: an offset map gone wrong
def test_the_passage_checks_are_has_quote_and_anchor_holds_row_by_row(
    tmp_path, monkeypatch, distinct, shift
):
    real = AnchoredText._raw_at
    monkeypatch.setattr(
        AnchoredText, "_raw_at", property(lambda t: [o + shift for o in real.fget(t)])
    )
    grouped, real_rows = [], _rowwise.distinct_rows
    monkeypatch.setattr(_rowwise, "distinct_rows", lambda *a: grouped.append(1) or real_rows(*a))
    corpus = _corpus(tmp_path)
    # distinct: every row is then searched, not the distinct pairs
    more = [("c", f"not there {i}") for i in range(150)]
    pairs = PASSAGES + more if distinct else PASSAGES * 3
    frame = pd.DataFrame(
        {
            "source_id": _arrow_column([s for s, _ in pairs]),
            "quote": _arrow_column([q for _, q in pairs]),
        }
    )
    with active(corpus):
        found = quotes_in_raw_text(frame, "quote").tolist()
        proven = anchors_in_raw_text(frame, "quote").tolist()
    assert bool(grouped) != distinct
    has = [corpus.has_quote(s, q) or corpus.unreadable(s) for s, q in pairs]
    holds = [corpus.anchor_holds(s, q) for s, q in pairs]
    assert found == has and proven == holds
    assert any(has) and not all(has) and all(holds) == (shift == 0)


@pytest.mark.parametrize("distinct", [True, False])
def test_the_figure_check_on_every_row_or_on_distinct_rows_is_the_rule_per_row(distinct):
    from sino_russia_data.schemas.claim import ClaimModel

    figures = [*CELLS, "USD5 billion", "  "] * (1 if distinct else 4)
    quotes = [*reversed(CELLS), "USD5\nbillion", "x"] * (1 if distinct else 4)
    if distinct:  # quotes (nearly) all distinct: the rule runs on every row
        figures += ["5"] * 200
        quotes += [f"quote {i}: 5" for i in range(200)]
    frame = pd.DataFrame({"figure": _arrow_column(figures), "quote": _arrow_column(quotes)})
    first, _ = _rowwise.distinct_or_every_row([frame["figure"], frame["quote"]])
    assert (len(first) == len(frame)) == distinct
    expected = [_figure_in_quote(f, q) for f, q in zip(figures, quotes, strict=True)]
    assert ClaimModel.figure_in_quote(frame).tolist() == expected

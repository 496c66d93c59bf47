"""Nothing silently changed: a valid frame round-trips write -> load unchanged."""

from __future__ import annotations

import datetime as dt
import math
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import sino_russia_data as srd
from sino_russia_data import registry
from sino_russia_data.checking.coercion import coerce
from sino_russia_data.checking.csv_reading import read_strict
from sino_russia_data.paths import default_data_dir
from sino_russia_data.publishing.canonical_csv import format_float, to_csv_text
from sino_russia_data.registry import Table

TEXT = st.text(
    alphabet=st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=40
).filter(lambda s: s.strip() == s and s != "")
FLOATS = st.floats(allow_nan=False, allow_infinity=False, width=64)
DATES = st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2100, 12, 31))


def frames_for(table: Table) -> st.SearchStrategy[pd.DataFrame]:
    """Frames with the table's columns and dtypes; any cell may be missing."""
    schema = registry.model(table.name).to_schema()
    cells = {}
    for name in table.columns:
        kind = str(schema.columns[name].dtype)
        if kind.startswith("float"):
            cells[name] = st.one_of(st.none(), FLOATS)
        elif kind.startswith("datetime"):
            cells[name] = st.one_of(st.none(), DATES)
        else:
            cells[name] = st.one_of(st.none(), TEXT)
    rows = st.lists(st.fixed_dictionaries(cells), min_size=1, max_size=8)

    def build(records: list[dict[str, object]]) -> pd.DataFrame:
        frame = pd.DataFrame(records, columns=table.columns)
        for name in table.columns:
            kind = str(schema.columns[name].dtype)
            if kind.startswith("float"):
                frame[name] = frame[name].astype("float64")
            elif kind.startswith("datetime"):
                frame[name] = pd.to_datetime(frame[name]).astype("datetime64[ns]")
            else:
                frame[name] = frame[name].astype("str")
        return frame

    return rows.map(build)


def load_text(tmp: Path, table: Table, text: str) -> pd.DataFrame:
    path = tmp / "t.csv"
    path.write_text(text, encoding="utf-8", newline="")
    raw, problems = read_strict(path, table.file, table.columns)
    assert raw is not None and not problems, problems.problems
    typed, failures = coerce(raw.frame, table.kinds)
    assert not failures
    return typed


@pytest.mark.parametrize("table", registry.tables(), ids=lambda t: t.name)
def test_any_frame_round_trips_through_csv(table, tmp_path_factory):
    tmp = tmp_path_factory.mktemp("rt")

    @settings(max_examples=25, deadline=None, derandomize=True)
    @given(frames_for(table))
    def check(frame: pd.DataFrame) -> None:
        back = load_text(tmp, table, to_csv_text(frame, table))
        pd.testing.assert_frame_equal(back, frame, check_dtype=True)

    check()


@given(FLOATS)
@settings(deadline=None, derandomize=True)
def test_float_formatting_round_trips(value):
    assert float(format_float(value)) == value


def test_printed_float_forms():
    assert [format_float(v) for v in (42.7, 24.5, 80.0, 13.5, 0.5, 1e-7)] == [
        "42.7",
        "24.5",
        "80",
        "13.5",
        "0.5",
        "1e-07",
    ]
    assert math.isnan(float("nan")) and format_float(float("nan")) == ""


@pytest.mark.parametrize("table", registry.tables(), ids=lambda t: t.name)
def test_shipped_csvs_are_in_canonical_form(table, shipped_report):
    """Loading then writing a shipped table gives back its bytes: nothing was dropped,
    reordered or coerced on the way in."""
    report = shipped_report
    shipped = (default_data_dir() / table.file).read_text(encoding="utf-8")
    assert to_csv_text(report.frames[table.name], table) == shipped


def test_loaded_rows_keep_file_order_and_count():
    for table in registry.claim_tables():
        path = default_data_dir() / table.file
        lines = path.read_text(encoding="utf-8").splitlines()
        frame = getattr(srd, table.name)()
        assert len(frame) == len(lines) - 1
        assert [line.split(",")[0] for line in lines[1:]] == list(frame["claim_id"])

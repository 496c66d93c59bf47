"""Every export round-trips to the loaders' frames; the dispatch; spreadsheet exports never
turn a cell into a formula. Each format's metadata is tested in test_<format>.py."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pandas as pd
import pytest
from openpyxl import load_workbook

import sino_russia_data as srd
from sino_russia_data import registry
from sino_russia_data.publishing.exports import export
from tests.conftest import edit_cell

ROOT = Path(__file__).resolve().parents[1]


def typed_like(frame: pd.DataFrame, like: pd.DataFrame) -> pd.DataFrame:
    out = frame[list(like.columns)].copy()
    for c in like.columns:
        dtype = str(like[c].dtype)
        if dtype == "category":
            out[c] = pd.Categorical(out[c].astype(object), categories=like[c].cat.categories)
        elif dtype.startswith("datetime"):
            out[c] = pd.to_datetime(out[c]).astype("datetime64[ns]")
        elif dtype.startswith("float"):
            out[c] = out[c].astype("float64")
        else:
            out[c] = out[c].astype("str")
    return out


@pytest.fixture(scope="module")
def frames():
    out = {t.name: srd.load(t.name) for t in registry.tables()}
    out["claims"] = srd.claims()
    return out


@pytest.fixture(scope="module")
def exported(tmp_path_factory):
    """Each format written once for this module: format -> its paths."""
    folder = tmp_path_factory.mktemp("exports")
    return {
        "parquet": export("parquet", folder / "pq"),
        "sqlite": export("sqlite", folder / "srd.sqlite"),
        "xlsx": export("xlsx", folder / "srd.xlsx"),
    }


def test_parquet_round_trips(exported, frames):
    folder = exported["parquet"][0].parent
    for name, frame in frames.items():
        back = pd.read_parquet(folder / f"{name}.parquet")
        pd.testing.assert_frame_equal(typed_like(back, frame), frame.reset_index(drop=True))


def test_sqlite_round_trips_with_keys_and_view(exported, frames):
    path = exported["sqlite"][0]
    con = sqlite3.connect(path)
    try:
        for table in registry.tables():
            back = pd.read_sql(f'SELECT * FROM "{table.name}"', con)
            pd.testing.assert_frame_equal(typed_like(back, frames[table.name]), frames[table.name])
        claims = pd.read_sql("SELECT * FROM claims", con)
        pd.testing.assert_frame_equal(typed_like(claims, frames["claims"]), frames["claims"])
        fks = con.execute('PRAGMA foreign_key_list("trade")').fetchall()
        assert sorted((fk[2], fk[3], fk[4]) for fk in fks) == [
            ("citations", "claim_id", "claim_id"),
            ("sources", "source_id", "source_id"),
        ]
        assert con.execute("PRAGMA foreign_key_check").fetchall() == []
    finally:
        con.close()


def test_xlsx_round_trips(exported, frames):
    path = exported["xlsx"][0]
    for name, frame in frames.items():
        back = pd.read_excel(path, sheet_name=name, engine="openpyxl")
        pd.testing.assert_frame_equal(typed_like(back, frame), frame.reset_index(drop=True))


def test_xlsx_escapes_formula_like_cells(tmp_path, data_copy):
    """A quote that starts with '=' stays text: string cell, quote prefix, never a formula."""
    raw = data_copy / "raw" / "000_04caeaef838a5cac.txt"
    text = raw.read_bytes() + b'\n=HYPERLINK("http://evil.example","click") +1 -2 @SUM(A1)\n'
    raw.write_bytes(text)
    import hashlib

    edit_cell(data_copy, "sources", "cohen2014", "sha256", hashlib.sha256(text).hexdigest())
    edit_cell(
        data_copy,
        "excluded",
        "excluded-cohen2014-001",
        "context",
        '=HYPERLINK("http://evil.example","click") +1 -2 @SUM(A1)',
    )
    edit_cell(data_copy, "excluded", "excluded-cohen2014-001", "mention", "1")
    edit_cell(data_copy, "excluded", "excluded-cohen2014-002", "note", "+cmd|' /C calc'!A0")
    edit_cell(data_copy, "excluded", "excluded-cohen2014-003", "note", "-2+3")
    edit_cell(data_copy, "excluded", "excluded-cohen2014-004", "note", "@SUM(1,2)")
    report = srd.validate(data_copy)
    assert report.ok, report.problems
    path = export("xlsx", tmp_path / "x.xlsx", data_dir=data_copy)[0]
    sheet = load_workbook(path)["excluded"]
    seen = 0
    for row in sheet.iter_rows(min_row=2):
        for cell in row:
            if isinstance(cell.value, str) and cell.value.startswith(("=", "+", "-", "@")):
                assert cell.data_type == "s" and cell.quotePrefix, cell.coordinate
                seen += 1
    assert seen >= 4


def test_export_command_names_what_it_wrote(cli, tmp_path):
    run = cli("export", "--format", "xlsx", "--out", str(tmp_path / "a.xlsx"))
    assert run.code == 0 and (tmp_path / "a.xlsx").is_file()
    assert str(tmp_path / "a.xlsx") in run.out
    assert [p.name for p in tmp_path.iterdir()] == ["a.xlsx"]  # no temporary file left


def test_export_dispatch_refuses_an_unknown_format(tmp_path):
    with pytest.raises(ValueError, match="unknown export format 'csv'; formats are parquet"):
        export("csv", tmp_path / "x")


def test_export_of_invalid_data_writes_nothing(cli, data_copy, tmp_path):
    edit_cell(data_copy, "trade", "trade-kimblank2013-004", "unit", "bananas")
    out = tmp_path / "bad.sqlite"
    run = cli("export", "--format", "sqlite", "--out", str(out), "--data-dir", str(data_copy))
    assert run.code == 1 and "not written: the data does not validate" in run.err
    assert "bananas" in run.err and not out.exists()


def test_export_without_the_extra_names_it(cli, tmp_path, monkeypatch):
    import sys

    monkeypatch.setitem(sys.modules, "openpyxl", None)
    run = cli("export", "--format", "xlsx", "--out", str(tmp_path / "a.xlsx"))
    assert run.code == 1
    assert "openpyxl is not installed: pip install 'sino-russia-data[export]'" in run.err


def test_claim_tables_are_all_exported(frames):
    assert {t.name for t in registry.claim_tables()} <= set(frames)


def test_xlsx_refuses_a_cell_longer_than_excel_holds_and_writes_nothing(tmp_path, data_copy, cli):
    """Excel holds 32,767 characters a cell and openpyxl cuts a longer one without a word:
    the export names every such cell (its table, claim and column) and writes no file."""
    edit_cell(data_copy, "excluded", "excluded-cohen2014-002", "note", "n" * 40_000)
    assert srd.validate(data_copy).ok
    out = tmp_path / "all.xlsx"
    run = cli("export", "--format", "xlsx", "--out", str(out), "--data-dir", str(data_copy))
    assert run.code == 1 and not out.exists() and list(tmp_path.iterdir()) == [data_copy]
    assert run.err.startswith("export: nothing written: an Excel cell holds at most 32,767")
    assert "excluded excluded-cohen2014-002 [note]: 40,000 characters" in run.err
    assert (
        cli(
            "export",
            "--format",
            "parquet",
            "--out",
            str(tmp_path / "p"),
            "--data-dir",
            str(data_copy),
        ).code
        == 0
    )


def test_the_xlsx_limit_counts_as_excel_does_and_names_cells_safely():
    import pandas as pd

    from sino_russia_data.publishing import xlsx

    frame = pd.DataFrame(
        {"claim_id": ["a\x1b[2J", "b", "c"], "note": ["\U0001f600" * 20_000, "x" * 32_767, None]},
        dtype="str",
    )  # 20,000 emoji are 40,000 UTF-16 units; 32,767 letters fit exactly
    assert xlsx._too_long({"t": frame}) == ["t a\\x1b[2J [note]: 40,000 characters"]
    assert xlsx._too_long({"t": frame.astype(object)}) == xlsx._too_long({"t": frame})

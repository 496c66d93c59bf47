"""The fault corpus: each fault an adversary tried on a copy of ``data/``, and its outcome.

Faults are applied in batches to copies of one pristine copy (each fault to its own rows,
so none masks another); each batch is validated once. A fault is *refused* (a problem names
its file, claim, column, reason and, for a claim, the source it cites) or *accepted
unchanged* (validation passes and the loader returns the cell exactly as written). A batch
must report nothing beyond its faults' problems. A property test (hypothesis) writes
arbitrary cells of each column kind through the real CSV reader and coercion: a cell is
either refused, or returned exactly as written (numbers and dates in their one spelling).
"""

from __future__ import annotations

import csv
import shutil
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import sino_russia_data as srd
from sino_russia_data.checking import verdicts
from sino_russia_data.checking.coercion import canonical_number, coerce
from sino_russia_data.checking.csv_reading import read_strict
from sino_russia_data.checking.report import Problem
from sino_russia_data.checking.validation import Report, published_claim_ids
from sino_russia_data.paths import default_data_dir
from tests.conftest import read_rows, write_rows


def _published_in(table: str) -> int:
    """How many published claim ids belong to a table (derived, so new claims keep it true)."""
    return sum(1 for cid in published_claim_ids() if cid.startswith(f"{table}-"))


LONG = "x" * (130 * 1024)  # over the csv module's default 128 KiB field limit


@dataclass(frozen=True)
class Expect:
    file: str
    claim: str | None
    column: str | None
    says: str
    source: str | None = None  # the source_id the problem must cite
    line: int | None = None  # the CSV line the problem must name

    def matches(self, p: Problem) -> bool:
        cites = self.source is None or (p.source or "").startswith(self.source + " ")
        cites = cites and (self.line is None or p.line == self.line)
        return (
            (p.file, p.claim_id, p.column)
            == (
                self.file,
                self.claim,
                self.column,
            )
            and self.says in p.message
            and cites
        )


@dataclass(frozen=True)
class Fault:
    name: str
    batch: str
    apply: Callable[[Path], None]
    refused: tuple[Expect, ...] = ()  # empty: accepted unchanged
    kept: dict[tuple[str, str, str], str] = field(default_factory=dict)  # (table, id, col): cell


def _set(table: str, row_id: str, column: str, value: str) -> Callable[[Path], None]:
    def apply(data_dir: Path) -> None:
        path = data_dir / "curated" / f"{table}.csv"
        rows = read_rows(path)
        key = next(iter(rows[0]))
        (row,) = [r for r in rows if r[key] == row_id]
        row[column] = value
        write_rows(path, rows)

    return apply


def _replace(table: str, row_id: str, column: str, old: str, new: str) -> Callable[[Path], None]:
    def apply(data_dir: Path) -> None:
        path = data_dir / "curated" / f"{table}.csv"
        rows = read_rows(path)
        key = next(iter(rows[0]))
        (row,) = [r for r in rows if r[key] == row_id]
        assert old in row[column]
        row[column] = row[column].replace(old, new, 1)
        write_rows(path, rows)

    return apply


def _duplicate_with_id(table: str, row_id: str, new_id: str) -> Callable[[Path], None]:
    def apply(data_dir: Path) -> None:
        path = data_dir / "curated" / f"{table}.csv"
        rows = read_rows(path)
        (row,) = [r for r in rows if r["claim_id"] == row_id]
        write_rows(path, [*rows, {**row, "claim_id": new_id}])

    return apply


def _header_only(table: str) -> Callable[[Path], None]:
    def apply(data_dir: Path) -> None:
        path = data_dir / "curated" / f"{table}.csv"
        path.write_text(path.read_text(encoding="utf-8").splitlines()[0] + "\n", encoding="utf-8")

    return apply


def _utf16(table: str) -> Callable[[Path], None]:
    def apply(data_dir: Path) -> None:
        path = data_dir / "curated" / f"{table}.csv"
        path.write_bytes(path.read_text(encoding="utf-8").encode("utf-16"))

    return apply


def _ragged(table: str, row_id: str) -> Callable[[Path], None]:
    def apply(data_dir: Path) -> None:
        path = data_dir / "curated" / f"{table}.csv"
        lines = path.read_text(encoding="utf-8").split("\n")
        (at,) = [i for i, line in enumerate(lines) if line.startswith(row_id + ",")]
        lines[at] += ",extra"
        path.write_text("\n".join(lines), encoding="utf-8")

    return apply


TRADE, ARMS, GAS, ECON = (
    "curated/trade.csv",
    "curated/arms.csv",
    "curated/gas.csv",
    "curated/economy_and_diplomacy.csv",
)
EXERCISES, EXCLUDED, SOURCES = (
    "curated/exercises.csv",
    "curated/excluded.csv",
    "curated/sources.csv",
)
K4, K1 = "trade-kimblank2013-004", "trade-kimblank2013-001"


def _number(name: str, table: str, file: str, row: str, cell: str, canonical: str) -> Fault:
    says = f"not in canonical form: write it as '{canonical}'"
    source = row.split("-")[1]
    return Fault(
        name, "cells", _set(table, row, "value", cell), (Expect(file, row, "value", says, source),)
    )


def _cell(name: str, table: str, file: str, row: str, column: str, cell: str, says: str) -> Fault:
    source = row.split("-")[1]
    return Fault(
        name, "cells", _set(table, row, column, cell), (Expect(file, row, column, says, source),)
    )


BAD_DATE = "not a valid date"
PATTERN = "does not match the required pattern"
CONTROL = "control character"

FAULTS = [
    # silent coercion: one spelling per number
    _number("scientific 1.5e1", "trade", TRADE, K4, "1.5e1", "15"),
    _number("exponent 15e0", "trade", TRADE, "trade-kimblank2013-003", "27e0", "27"),
    _number("plus sign +15", "trade", TRADE, "trade-kimblank2013-006", "+80", "80"),
    _number("leading zero 015", "gas", GAS, "gas-cohen2014-002", "030", "30"),
    _number("trailing point 15.", "gas", GAS, "gas-cohen2014-003", "400.", "400"),
    _number("trailing zero 15.0", "gas", GAS, "gas-cohen2014-004", "38.0", "38"),
    _cell(
        "fullwidth digits in a value",
        "gas",
        GAS,
        "gas-cohen2014-005",
        "value",
        "４０００",
        "not a number",
    ),
    # unicode digits and whole-string matching
    _cell(
        "fullwidth date",
        "trade",
        TRADE,
        "trade-kimblank2013-002",
        "period_start",
        "２０１２-01-01",
        BAD_DATE,
    ),
    Fault(
        "fullwidth date in sources.csv",
        "cells",
        _set("sources", "cohen2014", "published", "２０１４-12-17"),
        (Expect(SOURCES, "cohen2014", "published", BAD_DATE),),
    ),
    Fault(
        "Arabic-Indic digit in an exclusion id",
        "cells",
        _set("excluded", "excluded-cohen2014-002", "exclusion_id", "excluded-cohen2014-00١"),
        (Expect(EXCLUDED, "excluded-cohen2014-00١", "exclusion_id", PATTERN, "cohen2014"),),
    ),
    Fault(
        "claim id with a final newline duplicates a row",
        "cells",
        _duplicate_with_id("trade", "trade-kimblank2013-005", "trade-kimblank2013-005\n"),
        (Expect(TRADE, "trade-kimblank2013-005\n", "claim_id", PATTERN, "kimblank2013"),),
    ),
    _cell(
        "reporter with a final newline",
        "trade",
        TRADE,
        "trade-kimblank2013-007",
        "reporter",
        "RUS\n",
        PATTERN,
    ),
    _cell(
        "participants with a final newline",
        "exercises",
        EXERCISES,
        "exercises-cohen2014-002",
        "participants",
        "CHN;RUS\n",
        PATTERN,
    ),
    # dates a datetime64[ns] column cannot hold
    _cell("year 1012", "arms", ARMS, "arms-cohen2014-002", "period_start", "1012-12-17", BAD_DATE),
    _cell("year 1677", "arms", ARMS, "arms-cohen2014-003", "period_start", "1677-01-01", BAD_DATE),
    _cell("year 9999", "arms", ARMS, "arms-cohen2014-004", "period_end", "9999-12-31", BAD_DATE),
    # control characters
    _cell(
        "NUL in a note",
        "economy_and_diplomacy",
        ECON,
        "economy_and_diplomacy-cohen2014-001",
        "note",
        "a\0b",
        CONTROL,
    ),
    _cell(
        "vertical tab in a note",
        "economy_and_diplomacy",
        ECON,
        "economy_and_diplomacy-cohen2014-002",
        "note",
        "a\x0bb",
        CONTROL,
    ),
    Fault(
        "unit separator for a space in a quote",
        "cells",
        _replace(
            "economy_and_diplomacy", "economy_and_diplomacy-cohen2014-003", "quote", " ", "\x1f"
        ),
        (Expect(ECON, "economy_and_diplomacy-cohen2014-003", "quote", CONTROL, "cohen2014"),),
    ),
    Fault(
        "line separator for a space in a quote",
        "cells",
        _replace(
            "economy_and_diplomacy", "economy_and_diplomacy-cohen2014-004", "quote", " ", "\u2028"
        ),
        (Expect(ECON, "economy_and_diplomacy-cohen2014-004", "quote", CONTROL, "cohen2014"),),
    ),
    # earlier faults, kept in the corpus
    Fault(
        "figure not in the quote",
        "cells",
        _set("trade", K1, "figure", "USD81 billion"),
        (
            Expect(TRADE, K1, "figure", "not printed in the quote", "kimblank2013"),
            Expect(TRADE, K1, "value", "not printed in the figure", "kimblank2013"),
        ),
    ),
    Fault(
        "unknown source",
        "cells",
        _set("gas", "gas-cohen2014-006", "source_id", "nobody2020"),
        tuple(
            Expect(GAS, "gas-cohen2014-006", column, says, "nobody2020")
            for column, says in [
                ("source_id", "not in sources.csv"),
                ("claim_id", "must read '<table>-<source_id>-<nnn>'"),
                ("quote", "not found in the source's raw text"),
            ]
        ),
    ),
    Fault(
        "a long cell and a multi-line cell above a bad one",
        "cells",
        lambda d: (
            _set("exercises", "exercises-cohen2014-001", "note", "two\nlines")(d),
            _set("exercises", "exercises-cohen2014-003", "note", LONG)(d),
            _set("exercises", "exercises-cohen2014-005", "value", "160000.0")(d),
        ),
        (
            Expect(EXERCISES, "exercises-cohen2014-005", "value", "write it as '160000'", line=8),
        ),  # 2 cells above span 2 lines
    ),
    # tables that lost their rows, or cannot be read
    Fault(
        "header-only trade.csv",
        "tables",
        _header_only("trade"),
        (
            Expect(
                TRADE,
                None,
                "claim_id",
                f"{_published_in('trade')} published claim(s) missing: trade-gabuev2020-001",
            ),
        ),
    ),
    Fault(
        "UTF-16 file",
        "tables",
        _utf16("gas"),
        (Expect(GAS, None, None, "is UTF-16"),),
    ),
    Fault(
        "a long cell hides no ragged row",
        "tables",
        lambda d: (
            _set("arms", "arms-cohen2014-001", "note", LONG)(d),
            _ragged("arms", "arms-gabuev2020-001")(d),
        ),
        # its row is in the file, though not read: its published claim is not called missing
        (Expect(ARMS, "arms-gabuev2020-001", None, "ragged row"),),
    ),
    # accepted unchanged
    Fault(
        "a cell over 128 KiB and a multi-line cell",
        "accepted",
        lambda d: (
            _set("arms", "arms-cohen2014-001", "note", LONG)(d),
            _set("arms", "arms-cohen2014-002", "note", "first line\nsecond line")(d),
        ),
        kept={
            ("arms", "arms-cohen2014-001", "note"): LONG,
            ("arms", "arms-cohen2014-002", "note"): "first line\nsecond line",
        },
    ),
]


@pytest.fixture(scope="session")
def pristine(tmp_path_factory: pytest.TempPathFactory) -> Path:
    target = tmp_path_factory.mktemp("pristine") / "data"
    shutil.copytree(default_data_dir(), target)
    return target


@cache
def _validated(batch: str, pristine: Path, root: Path) -> tuple[Path, Report]:
    data_dir = root / batch
    shutil.rmtree(data_dir, ignore_errors=True)
    shutil.copytree(pristine, data_dir)
    for fault in FAULTS:
        if fault.batch == batch:
            fault.apply(data_dir)
    return data_dir, srd.validate(data_dir)


@pytest.fixture(scope="session")
def validated(pristine: Path, tmp_path_factory: pytest.TempPathFactory):
    root = tmp_path_factory.mktemp("faults")
    return lambda batch: _validated(batch, pristine, root)


@pytest.mark.parametrize("fault", FAULTS, ids=[f.name for f in FAULTS])
def test_fault_has_its_exact_outcome(fault: Fault, validated) -> None:
    data_dir, report = validated(fault.batch)
    for expect in fault.refused:
        assert any(expect.matches(p) for p in report.problems), (expect, report.problems)
    if not fault.refused:
        assert report.ok, report.problems
        verdicts.record_valid(report)  # the loader then reads these bytes without pandera
        for (table, row_id, column), cell in fault.kept.items():
            frame = srd.load(table, data_dir).set_index(srd.load(table, data_dir).columns[0])
            assert frame.loc[row_id, column] == cell


@pytest.mark.parametrize("batch", sorted({f.batch for f in FAULTS}))
def test_a_batch_reports_nothing_but_its_faults(batch: str, validated) -> None:
    _, report = validated(batch)
    expected = [e for f in FAULTS if f.batch == batch for e in f.refused]
    unexplained = [p for p in report.problems if not any(e.matches(p) for e in expected)]
    assert unexplained == []


def test_published_claim_ids_are_all_shipped() -> None:
    ids = published_claim_ids()
    assert len(ids) == len(set(ids)) > 200
    assert set(ids) <= set(srd.claims()["claim_id"])


# --- property: what is accepted comes back exactly as written -------------------------

CELLS = st.one_of(
    st.text(max_size=12),
    st.from_regex(r"[-+]?[0-9]{0,4}(\.[0-9]{0,3})?([eE][-+]?[0-9])?", fullmatch=True),
    st.from_regex(r"[0-9０-９]{4}-[0-9]{2}-[0-9]{2}\n?", fullmatch=True),
    st.sampled_from(["RUS", "RUS\n", " 15", "15 ", "nan", "inf", "\u2028", "\x1f", "a\r\nb"]),
)


def _written_and_read(tmp: Path, kind: str, cell: str) -> tuple[pd.Series, list]:
    path = tmp / "t.csv"
    with path.open("w", newline="", encoding="utf-8") as fh:
        csv.writer(fh, lineterminator="\n", quoting=csv.QUOTE_ALL).writerows(
            [["id", "cell"], ["r1", cell]]
        )
    raw, problems = read_strict(path, "t.csv", ["id", "cell"])
    assert raw is not None and problems.problems == []
    typed, failures = coerce(raw.frame, {"id": "string", "cell": kind})
    return typed["cell"], failures


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(kind=st.sampled_from(["string", "number", "date"]), cell=CELLS)
def test_an_accepted_cell_is_returned_exactly_as_written(kind, cell, tmp_path) -> None:
    typed, failures = _written_and_read(tmp_path, kind, cell)
    if failures:
        return  # refused, with a message naming the row and column
    value = typed.iloc[0]
    if cell == "":
        assert pd.isna(value)  # an empty cell is a missing value, in every kind
    elif kind == "number":
        assert canonical_number(float(value)) == cell
    elif kind == "date":
        assert value.strftime("%Y-%m-%d") == cell
    else:
        assert value == cell


def test_every_pattern_matches_whole_cells_in_ascii() -> None:
    """Declared patterns end in \\Z (pandera's str_matches anchors only the start), use
    ASCII classes, and their Table Schema form accepts exactly what the model accepts."""
    import re

    from sino_russia_data import registry
    from sino_russia_data.schemas._checks import NON_BLANK

    fields = [f for t in registry.tables() for f in t.fields if f.pattern is not None]
    assert len(fields) > 10
    for f in fields:
        if f.pattern == NON_BLANK:
            continue
        assert f.pattern.startswith("^") and f.pattern.endswith("\\Z"), f.name
        assert not re.search(r"\\[dDwWsS]", f.pattern), f.name
        full = f.full_pattern
        assert full is not None
        for cell in ("RUS", "RUS\n", "trade-kimblank2013-004", "excluded-cohen2014-00١", "a b"):
            assert bool(re.match(f.pattern, cell)) == bool(re.fullmatch(full, cell)), (f.name, cell)

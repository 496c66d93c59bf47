"""Corrupt a copy of the data in each way the validator guards against.

Each test asserts a non-zero exit and a report naming the file and CSV line, the claim,
the column, the source it cites (id, author, title) and its quote.
"""

from __future__ import annotations

import csv
import re

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.conftest import edit_cell, read_rows, write_rows

CLAIM = "trade-kimblank2013-004"  # CSV line 5: 27 contracts worth USD15 billion
QUOTE = "In 2012, the two countries signed 27 trade contracts worth USD15 billion."
CITES = 'kimblank2013 (Kim, Younkyoo; Blank, Stephen, "Rethinking Russo-Chinese relations'


def assert_cites(err: str, claim: str = CLAIM, quote: str = QUOTE, line: int = 5) -> None:
    assert f"curated/trade.csv:{line} claim {claim}" in err
    assert f"cites: {CITES}" in err
    assert f'quote: "{quote}"' in err


@pytest.mark.parametrize(
    ("column", "value", "expected"),
    [
        ("source_id", "kimblank2031", "[source_id]: not in sources.csv"),
        ("value", "16", "[value]: not printed in the figure"),
        ("value", "fifteen", "[value]: 'fifteen' is not a number"),
        ("unit", "usd_bilion", "[unit]: 'usd_bilion' is not an allowed value"),
        ("qualifier", "aprox", "[qualifier]: 'aprox' is not an allowed value"),
        ("status", "reportd", "[status]: 'reportd' is not an allowed value"),
        ("flow", "export", "[flow]: 'export' is not an allowed value"),
        ("reporter", "Russia", "[reporter]: 'Russia' does not match the required pattern"),
        ("figure", "USD16 billion", "[figure]: not printed in the quote"),
        ("hedge", "about", "[hedge]:"),
        ("period_start", "2012-02-30", "[period_start]: '2012-02-30' is not a valid date"),
        ("period_end", "2011-12-31", "[period_end]: before period_start"),
        ("period_end", "2012-12-30", "[period_start]: does not fit period_precision"),
        ("value", "", "[value]: missing"),
        ("claim_id", "trade-kimblank2013-4", "does not match the required pattern"),
        ("claim_id", "arms-kimblank2013-004", "[claim_id]: must read '<table>-<source_id>-<nnn>'"),
    ],
)
def test_each_bad_cell_is_reported_with_its_claim_and_quote(
    data_copy, cli, column, value, expected
):
    edit_cell(data_copy, "trade", CLAIM, column, value)
    run = cli("validate", "--data-dir", str(data_copy))
    assert run.code == 1
    assert expected in run.err
    claim = value if column == "claim_id" else CLAIM
    cites = CITES if column != "source_id" else "kimblank2031 (not in sources.csv)"
    assert f"curated/trade.csv:5 claim {claim}" in run.err
    assert f"cites: {cites}" in run.err
    assert f'quote: "{QUOTE}"' in run.err


def test_quote_not_in_raw_text_says_where_it_stops_matching(data_copy, cli):
    bad = QUOTE.replace("27 trade", "twenty-seven trade")
    edit_cell(data_copy, "trade", CLAIM, "quote", bad)
    run = cli("validate", "--data-dir", str(data_copy))
    assert run.code == 1
    assert "[quote]: not found in the source's raw text" in run.err
    assert (
        "then the quote has 'twenty-seven trade c' where the text has '27 trade contracts w'"
        in run.err
    )
    assert_cites(run.err, quote=bad)


def test_empty_quote_is_reported(data_copy, cli):
    edit_cell(data_copy, "trade", CLAIM, "quote", "")
    run = cli("validate", "--data-dir", str(data_copy))
    assert run.code == 1
    assert f"curated/trade.csv:5 claim {CLAIM} [quote]: missing (required)" in run.err


def test_duplicate_claim_id_is_reported(data_copy, cli):
    edit_cell(data_copy, "trade", "trade-kimblank2013-003", "claim_id", CLAIM)
    run = cli("validate", "--data-dir", str(data_copy))
    assert run.code == 1
    assert f"curated/trade.csv:4 claim {CLAIM} [claim_id]: duplicate value '{CLAIM}'" in run.err
    assert f"curated/trade.csv:5 claim {CLAIM} [claim_id]: duplicate value" in run.err


def test_range_low_above_high_is_reported(data_copy, cli):
    row = edit_cell(data_copy, "trade", CLAIM, "value", "")
    assert row["figure"] == "USD15 billion"
    edit_cell(data_copy, "trade", CLAIM, "figure", "27 trade contracts worth USD15")
    edit_cell(data_copy, "trade", CLAIM, "value_low", "27")
    edit_cell(data_copy, "trade", CLAIM, "value_high", "15")
    edit_cell(data_copy, "trade", CLAIM, "qualifier", "range")
    run = cli("validate", "--data-dir", str(data_copy))
    assert run.code == 1
    assert f"claim {CLAIM} [value_low]: greater than value_high" in run.err
    assert_cites(run.err)


def test_modified_raw_text_fails_its_sha256(data_copy, cli):
    raw = data_copy / "raw" / "003_9ab1d5695c077706.txt"
    raw.write_bytes(raw.read_bytes().replace(b"USD15 billion", b"USD16 billion"))
    run = cli("validate", "--data-dir", str(data_copy))
    assert run.code == 1
    assert (
        "curated/sources.csv:5 claim kimblank2013 [sha256]: does not match the raw file" in run.err
    )
    # and the claim quoting the changed sentence no longer matches the text
    assert f"claim {CLAIM} [quote]: not found" in run.err


def test_raw_file_outside_raw_dir_is_refused_and_never_read(data_copy, cli):
    # the file outside raw/ holds the very text the quotes come from: were it read, the
    # quotes would match; they must not
    secret = data_copy / "secret.txt"
    secret.write_bytes((data_copy / "raw" / "003_9ab1d5695c077706.txt").read_bytes())
    edit_cell(data_copy, "sources", "kimblank2013", "raw_file", "../secret.txt")
    run = cli("validate", "--data-dir", str(data_copy))
    assert run.code == 1
    assert "[raw_file]: not a plain file name inside raw/ (refused, never read)" in run.err
    assert f"claim {CLAIM} [quote]: not found" in run.err


def test_a_bad_cell_does_not_hide_other_rows_failures(data_copy, cli):
    # row 5 has a value that is not a number (pandera would stop at the coercion) ...
    edit_cell(data_copy, "trade", CLAIM, "value", "lots")
    # ... and other rows have dataframe-level failures that must still be found
    edit_cell(data_copy, "trade", "trade-gabuev2020-002", "quote", "from 11 percent in 2013")
    edit_cell(data_copy, "trade", "trade-unattributed2015-012", "value", "556")
    edit_cell(data_copy, "sources", "cohen2014", "sha256", "0" * 64)
    run = cli("validate", "--data-dir", str(data_copy))
    assert run.code == 1
    assert f"claim {CLAIM} [value]: 'lots' is not a number" in run.err
    assert "claim trade-gabuev2020-002 [quote]: not found" in run.err
    assert "claim trade-unattributed2015-012 [value]: not printed in the figure" in run.err
    assert "claim cohen2014 [sha256]: does not match" in run.err
    assert "5 problems in 2 files." in run.err  # the bad quote also loses its figure


def test_structural_faults_are_reported_with_lines(data_copy, cli):
    path = data_copy / "curated" / "trade.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    lines[3] = lines[3] + ",surplus"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    width = len(lines[0].split(","))
    run = cli("validate", "--data-dir", str(data_copy))
    assert run.code == 1
    assert (
        f"curated/trade.csv:4 claim trade-kimblank2013-003: ragged row: {width + 1} cells "
        f"where the header has {width}" in run.err
    )


def test_missing_and_extra_columns_are_named(data_copy, cli):
    path = data_copy / "curated" / "trade.csv"
    rows = read_rows(path)
    for r in rows:
        r.pop("hedge")
        r["comment"] = ""
    write_rows(path, rows)
    run = cli("validate", "--data-dir", str(data_copy))
    assert run.code == 1
    assert "curated/trade.csv:1: missing column(s): hedge" in run.err
    assert "curated/trade.csv:1: unexpected column(s): comment" in run.err


def test_bom_and_crlf_are_accepted(data_copy, cli):
    path = data_copy / "curated" / "trade.csv"
    rows = read_rows(path)
    with path.open("w", newline="", encoding="utf-8-sig") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(rows[0]), lineterminator="\r\n")
        writer.writeheader()
        writer.writerows(rows)
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")
    run = cli("validate", "--data-dir", str(data_copy))
    assert run.code == 0, run.err


def test_no_traceback_from_the_command(data_copy):
    import subprocess
    import sys

    edit_cell(data_copy, "trade", CLAIM, "value", "lots")
    (data_copy / "curated" / "gas.csv").write_bytes(b"claim_id\n\xff\xfe\n")
    proc = subprocess.run(
        [sys.executable, "-m", "sino_russia_data.cli", "validate", "--data-dir", str(data_copy)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 1
    assert "Traceback" not in proc.stderr
    assert "curated/gas.csv:2: not valid UTF-8" in proc.stderr
    assert f"claim {CLAIM} [value]: 'lots' is not a number" in proc.stderr


def test_every_kind_of_problem_is_reported_in_one_run(data_copy, cli):
    """Many corruptions across files at once: each is reported, none hides another."""
    edit_cell(data_copy, "trade", "trade-kimblank2013-001", "source_id", "nobody2099")
    edit_cell(
        data_copy,
        "trade",
        "trade-kimblank2013-002",
        "quote",
        "Sino-Russian trade hit USD90 billion.",
    )
    edit_cell(data_copy, "trade", "trade-kimblank2013-003", "figure", "28 trade contracts")
    edit_cell(data_copy, "trade", "trade-kimblank2013-004", "value", "fifteen")
    edit_cell(data_copy, "trade", "trade-kimblank2013-005", "unit", "usd_bn")
    edit_cell(data_copy, "trade", "trade-kimblank2013-007", "period_end", "2020-12-30")
    edit_cell(data_copy, "trade", "trade-kimblank2013-006", "unit", "percent")  # USD80 billion
    edit_cell(data_copy, "trade", "trade-gabuev2020-003", "qualifier", "lower_bound")  # nearly
    edit_cell(data_copy, "arms", "arms-cohen2014-002", "event", "chatted")
    edit_cell(data_copy, "gas", "gas-kimblank2013-003", "value_low", "800")
    edit_cell(
        data_copy, "exercises", "exercises-cohen2014-005", "claim_id", "exercises-cohen2014-006"
    )
    edit_cell(
        data_copy,
        "economy_and_diplomacy",
        "economy_and_diplomacy-cohen2014-002",
        "status",
        "rumour",
    )
    edit_cell(data_copy, "excluded", "excluded-cohen2014-001", "reason", "boring")
    edit_cell(data_copy, "sources", "blank2016", "raw_file", "/etc/passwd")
    run = cli("validate", "--data-dir", str(data_copy))
    assert run.code == 1
    expected = [
        "claim trade-kimblank2013-001 [source_id]: not in sources.csv",
        "claim trade-kimblank2013-002 [quote]: not found in the source's raw text",
        "claim trade-kimblank2013-003 [figure]: not printed in the quote",
        "claim trade-kimblank2013-004 [value]: 'fifteen' is not a number",
        "claim trade-kimblank2013-005 [unit]: 'usd_bn' is not an allowed value",
        "claim trade-kimblank2013-007 [period_start]: does not fit period_precision",
        "claim trade-kimblank2013-006 [unit]: the figure does not print this unit",
        "claim trade-gabuev2020-003 [hedge]: says another direction than qualifier",
        "claim arms-cohen2014-002 [event]: 'chatted' is not an allowed value",
        "claim gas-kimblank2013-003 [value_low]: greater than value_high",
        "claim exercises-cohen2014-006 [claim_id]: duplicate value",
        "claim economy_and_diplomacy-cohen2014-002 [status]: 'rumour' is not an allowed value",
        "claim excluded-cohen2014-001 [reason]: 'boring' is not an allowed value",
        "claim blank2016 [raw_file]: not a plain file name inside raw/ (refused, never read)",
    ]
    for message in expected:
        assert message in run.err, message
    # the claims citing the refused source can no longer be checked against its text
    assert "claim trade-gabuev2020-001" not in run.err
    assert "claim arms-blank2016-001 [quote]: not found" in run.err
    assert "Traceback" not in run.err


def test_empty_file_is_reported(data_copy, cli):
    (data_copy / "curated" / "gas.csv").write_text("", encoding="utf-8")
    run = cli("validate", "--data-dir", str(data_copy))
    assert run.code == 1
    assert "curated/gas.csv: file is empty (no header, no rows)" in run.err


def test_missing_file_is_reported(data_copy, cli):
    (data_copy / "curated" / "arms.csv").unlink()
    run = cli("validate", "--data-dir", str(data_copy))
    assert run.code == 1
    assert "curated/arms.csv: file is missing" in run.err


def test_loader_raises_the_citing_report(data_copy):
    import sino_russia_data as srd

    edit_cell(data_copy, "trade", CLAIM, "value", "16")
    with pytest.raises(srd.DataValidationError) as info:
        srd.trade(data_copy)
    assert f"claim {CLAIM} [value]: not printed in the figure" in str(info.value)
    assert f'quote: "{QUOTE}"' in str(info.value)


def test_a_claim_id_used_by_two_tables_is_reported(data_copy, cli):
    edit_cell(data_copy, "arms", "arms-cohen2014-001", "claim_id", "trade-kimblank2013-001")
    run = cli("validate", "--data-dir", str(data_copy))
    assert run.code == 1
    assert "curated/trade.csv claim trade-kimblank2013-001 [claim_id]: also used in arms" in run.err


def test_stated_year_and_hedge_rules_row_by_row():
    from sino_russia_data.schemas.claim import ClaimModel, DatedClaimModel

    frame = pd.DataFrame(
        {
            "period_start": pd.to_datetime(["2012-01-01", "1990-01-01", "2011-01-01", None]),
            "earliest_date": pd.to_datetime([None, None, None, None]),
            "latest_date": pd.to_datetime([None, None, None, None]),
            "period_precision": ["year", "decade", "year", None],
            "date_basis": ["stated", "stated", "stated", None],
            "quote": ["In 2012, about 5.", "In the 90s, about 7.", "In 2012, 8.", "Nine."],
            "hedge": [None, "about", "", "almost"],
            "qualifier": ["approx", "approx", "exact", "exact"],
        }
    )
    assert DatedClaimModel.stated_year_in_quote(frame).tolist() == [True, True, False, True]
    assert ClaimModel.hedge_matches_qualifier(frame).tolist() == [False, True, True, False]


@pytest.mark.parametrize(
    ("hedge", "qualifier", "agrees"),
    [
        ("almost", "lower_bound", False),
        ("nearly", "lower_bound", False),
        ("less than", "approx", False),
        ("more than", "upper_bound", False),
        ("at least", "approx", False),
        ("about", "upper_bound", False),
        ("no more than", "upper_bound", True),  # the longer phrase, not the 'more than' in it
        ("an estimated minimum", "lower_bound", True),  # two directions: either qualifier
        ("an estimated minimum", "upper_bound", False),
        ("some", "approx", True),
        ("almost", "range", True),  # range and exact are the hedge rule's, not this one's
    ],
)
def test_hedge_direction_agrees_with_qualifier(hedge, qualifier, agrees):
    from sino_russia_data.schemas.claim import ClaimModel

    frame = pd.DataFrame({"hedge": [hedge], "qualifier": [qualifier]})
    assert ClaimModel.hedge_agrees_with_qualifier(frame).tolist() == [agrees]


def test_each_hedge_word_says_one_direction():
    from sino_russia_data.vocabulary import HEDGE_WORDS

    words = [w for ws in HEDGE_WORDS.values() for w in ws]
    assert len(words) == len(set(words))


def test_a_missing_raw_folder_is_one_problem_not_one_per_row(data_copy, cli):
    import shutil

    shutil.rmtree(data_copy / "raw")
    run = cli("validate", "--data-dir", str(data_copy))
    assert run.code == 1
    assert "raw/: the folder of source texts is missing: no text can be checked" in run.err
    assert "\n1 problem in 1 file." in run.err


def test_a_missing_raw_file_is_one_problem_per_source_not_per_row(data_copy, cli):
    (data_copy / "raw" / "000_04caeaef838a5cac.txt").unlink()  # cohen2014
    (data_copy / "raw" / "003_9ab1d5695c077706.txt").unlink()  # kimblank2013
    run = cli("validate", "--data-dir", str(data_copy))
    assert run.code == 1
    assert "curated/sources.csv:2 claim cohen2014 [raw_file]: no such file in raw/" in run.err
    assert "claim kimblank2013 [raw_file]: no such file in raw/" in run.err
    assert "\n2 problems in 1 file." in run.err


def test_the_byte_search_for_control_characters_finds_exactly_the_cells_that_hold_them():
    # the per-cell search is skipped when the file's bytes rule control characters out,
    # so the byte test must flag every control character and nothing else
    from sino_russia_data.checking.coercion import _CONTROL, may_hold_control_characters

    every = "".join(chr(c) for c in range(0x110000) if not 0xD800 <= c < 0xE000)
    controls = re.findall(_CONTROL, every)
    assert len(controls) == 65
    assert all(may_hold_control_characters(f"a{c}b".encode()) for c in controls)
    assert not may_hold_control_characters(re.sub(_CONTROL, "", every).encode())
    # across the boundary of the chunks it reads a big file in
    assert may_hold_control_characters(b"x" * ((1 << 24) - 1) + "\u2028".encode())


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.sampled_from(b"\x00\x09\x0a\x0d\x1f a\x7e\x7f\x80\x9f\xa0\xa8\xa9\xc2\xe2"), max_size=40
    ),
    st.integers(1, 8),
)
def test_the_byte_search_reads_a_file_in_slices_as_one_search(data, step):
    # a big file is searched slice by slice with numpy; a sequence across two slices counts
    from sino_russia_data.checking.coercion import _CONTROL_BYTES, may_hold_control_characters

    raw = bytes(data)
    assert may_hold_control_characters(raw, step) == (_CONTROL_BYTES.search(raw) is not None)


def test_the_lines_of_a_big_file_are_counted_as_bytes_count_them():
    from sino_russia_data.checking.csv_reading import line_count

    for data in (b"a\n" * (1 << 20), b"a\n" * (1 << 20) + b"b", b"", b"x", b"\n"):
        assert line_count(data) == data.count(b"\n") + (0 if data.endswith(b"\n") else 1)


def test_a_cell_spanning_lines_is_read_whole_and_later_rows_keep_their_lines(tmp_path):
    # the reader first tries line breaks as row ends; a cell holding one must not split
    from sino_russia_data.checking.csv_reading import read_strict

    data = b'id,cell\na,"one\ntwo"\nb,three\nc,"x\r\ny"\nd,four\n'
    raw, problems = read_strict(tmp_path / "t.csv", "t.csv", ["id", "cell"], data)
    assert raw is not None and problems.problems == []
    assert raw.frame["cell"].tolist() == ["one\ntwo", "three", "x\r\ny", "four"]
    assert raw.lines_at([0, 1, 2, 3]) == [2, 4, 5, 7]


@pytest.mark.parametrize(
    "cell",
    [b'"one"two', b'"one" ', b'"one,"two', b'"one"""two'],
    ids=["text", "space", "comma", "quotes"],
)
def test_text_after_a_closing_quote_is_malformed_not_glued_on(cell, tmp_path):
    # pyarrow's reader would read '"one"two' as 'onetwo'; the exact reader refuses it
    from sino_russia_data.checking.csv_reading import read_strict

    data = b"id,cell\na,fine\nb," + cell + b"\nc,fine\n"
    raw, problems = read_strict(tmp_path / "t.csv", "t.csv", ["id", "cell"], data)
    assert raw is None
    assert [(p.line, p.message.split(":")[0]) for p in problems.problems] == [(3, "malformed CSV")]


def test_doubled_quotes_and_a_quote_inside_a_plain_cell_read_as_the_csv_module_reads(tmp_path):
    from sino_russia_data.checking.csv_reading import read_strict

    data = b'id,cell\na,"say ""yes"", then go"\nb,5" gun\nc,""\n'
    raw, problems = read_strict(tmp_path / "t.csv", "t.csv", ["id", "cell"], data)
    assert raw is not None and problems.problems == []
    assert raw.frame["cell"].tolist()[:2] == ['say "yes", then go', '5" gun']
    assert raw.frame["cell"].isna().tolist() == [False, False, True]


def test_a_ragged_row_excuses_the_published_claim_it_names_and_no_other(data_copy, cli):
    # trade: a published claim withdrawn, another's row made ragged (its claim is in the
    # file); arms: claim_id moved to the second column, a published row made ragged
    trade = data_copy / "curated" / "trade.csv"
    lines = trade.read_text(encoding="utf-8").splitlines(keepends=True)
    assert lines[1].startswith("trade-kimblank2013-001,")
    assert lines[2].startswith("trade-kimblank2013-002,")
    lines[2] = lines[2].rstrip("\n") + ",extra\n"
    del lines[1]
    trade.write_text("".join(lines), encoding="utf-8")
    arms = data_copy / "curated" / "arms.csv"
    with arms.open(newline="", encoding="utf-8") as fh:
        rows = list(csv.reader(fh))
    order = [1, 0, *range(2, len(rows[0]))]
    rows = [[row[i] for i in order] for row in rows]
    assert rows[0][1] == "claim_id" and rows[1][1] == "arms-cohen2014-001"
    rows[1].append("extra")
    with arms.open("w", newline="", encoding="utf-8") as fh:
        csv.writer(fh, lineterminator="\n").writerows(rows)
    run = cli("validate", "--data-dir", str(data_copy))
    assert run.code == 1
    assert (
        "curated/trade.csv:2 claim trade-kimblank2013-002: ragged row: 28 cells where the "
        "header has 27" in run.err
    )
    assert "curated/arms.csv:2 claim arms-cohen2014-001: ragged row" in run.err
    assert "1 published claim(s) missing: trade-kimblank2013-001 " in run.err
    assert "\n3 problems in 2 files." in run.err


def test_the_byte_search_finds_a_control_character_across_any_slice_end():
    # from min(step, 4 KB) bytes on the slices decide (below it, the regex): every
    # sequence, at every offset across a slice end (a small step: slices of a few bytes)
    from sino_russia_data.checking.coercion import may_hold_control_characters

    for seq in (b"\x01", b"\x7f", b"\xc2\x80", b"\xc2\x9f", b"\xe2\x80\xa8", b"\xe2\x80\xa9"):
        for step in (1, 2, 3, 7, 4096):
            first = 4090 if step == 4096 else 0  # around the first slice end
            for pad in range(first, first + (16 if step == 4096 else 2 * step + 8)):
                assert may_hold_control_characters(b"a" * pad + seq + b"a" * 9, step)
    assert not may_hold_control_characters(b"a" * 5000 + b"\xc2\xa0\xe2\x80\xaa", 7)


def test_a_control_character_in_a_claim_id_is_shown_escaped_never_sent_to_the_terminal(
    data_copy, cli
):
    path = data_copy / "curated" / "trade.csv"
    with path.open("a", encoding="utf-8", newline="") as fh:
        fh.write("evil\x1b]0;PWNED\x07\x1b[2J,x\n")  # a ragged row: its claim is named raw
    run = cli("validate", "--data-dir", str(data_copy))
    assert run.code == 1
    assert "claim evil\\x1b]0;PWNED\\x07\\x1b[2J: ragged row" in run.err
    assert not any(c in run.err for c in "\x1b\x07\x00")


def test_a_raw_text_that_cannot_be_read_is_one_problem_on_its_sources_row(
    data_copy, cli, monkeypatch
):
    """(Root reads a file of mode 000, so the refusal is made by hand.) The other problems
    are still reported, and the rows citing the text do not repeat it."""
    import pathlib

    read_bytes = pathlib.Path.read_bytes

    def refused(self):  # type: ignore[no-untyped-def]
        if self.name == "000_04caeaef838a5cac.txt":
            raise PermissionError(13, "Permission denied", str(self))
        return read_bytes(self)

    monkeypatch.setattr(pathlib.Path, "read_bytes", refused)
    edit_cell(data_copy, "arms", "arms-kimblank2013-001", "source_id", "nosuch2020")
    run = cli("validate", "--data-dir", str(data_copy))
    assert run.code == 1 and "Traceback" not in run.err
    assert (
        "curated/sources.csv:2 claim cohen2014 [raw_file]: cannot be read (no permission to "
        "read it or raw/, or a disk error)"
    ) in run.err
    assert "[source_id]: not in sources.csv" in run.err  # the other problem, still there
    assert run.err.count("cannot be read") == 1 and "cites: cohen2014" not in run.err

"""The validation report: grouped by file, column and rule, bounded, complete on request."""

from __future__ import annotations

import json

import pytest

import sino_russia_data as srd
from sino_russia_data.checking.report import (
    EXAMPLES,
    DataValidationError,
    Problem,
    ProblemReport,
)
from tests.conftest import read_rows, write_rows

BAD_ROWS = 100_000


def _problems() -> list[Problem]:
    """100,000 rows with a wrong value, two with a bad unit, one structural fault."""
    wrong = [
        Problem(
            "curated/trade.csv",
            line,
            f"trade-src-{line:06d}",
            "value",
            "not printed in the figure",
            "src (Author, 'Title')",
            f"quote {line}",
        )
        for line in range(BAD_ROWS + 1, 1, -1)  # out of order: the report sorts them
    ]
    units = [
        Problem("curated/gas.csv", line, f"gas-src-{line:03d}", "unit", f"'u{line}' not allowed")
        for line in (7, 3)
    ]
    return [*wrong, *units, Problem("curated/arms.csv", 4, None, None, "ragged row")]


@pytest.fixture(scope="module")
def report() -> ProblemReport:
    return ProblemReport.of(_problems())


def test_problems_are_grouped_by_file_column_and_rule(report):
    groups = {(g.file, g.column, g.rule): len(g) for g in report.groups}
    assert groups == {
        ("curated/trade.csv", "value", "not printed in the figure"): BAD_ROWS,
        ("curated/gas.csv", "unit", "'u7' not allowed"): 1,
        ("curated/gas.csv", "unit", "'u3' not allowed"): 1,
        ("curated/arms.csv", None, "ragged row"): 1,
    }
    assert len(report) == BAD_ROWS + 3


def test_the_report_of_100000_bad_rows_is_bounded(report):
    text = report.render()
    lines = text.splitlines()
    # 20 shown problems of 3 lines each, one "and N more" line, 3 other problems, summary
    assert len(lines) < 100
    shown = [line for line in lines if line.startswith("curated/trade.csv:")]
    assert shown[0].startswith("curated/trade.csv:2 claim trade-src-000002 [value]")
    assert len(shown) == EXAMPLES
    more = BAD_ROWS - EXAMPLES
    first = ", ".join(str(line) for line in range(EXAMPLES + 2, EXAMPLES + 12))
    assert f"  … and {more:,} more rows with the same problem (first lines: {first}, …)" in lines
    assert lines[-1] == (
        f"{BAD_ROWS + 3:,} problems in 3 files ({EXAMPLES + 3} shown; "
        "`validate --all` lists every one)."
    )


def test_all_lists_every_problem(report):
    lines = report.render(limit=None).splitlines()
    heads = [line for line in lines if line.startswith("curated/trade.csv:")]
    assert len(heads) == BAD_ROWS
    assert sum(line.startswith("    quote: ") for line in lines) == BAD_ROWS
    assert not any("more rows with the same problem" in line for line in lines)
    assert lines[-1] == f"{BAD_ROWS + 3:,} problems in 3 files."


def test_the_json_report_is_complete(report):
    data = json.loads(report.to_json())
    assert data["ok"] is False
    assert data["problem_count"] == BAD_ROWS + 3
    assert data["file_count"] == 3
    (trade,) = [g for g in data["groups"] if g["file"] == "curated/trade.csv"]
    assert trade["count"] == len(trade["problems"]) == BAD_ROWS
    assert [p["line"] for p in trade["problems"]] == list(range(2, BAD_ROWS + 2))
    assert trade["problems"][-1] == {
        "file": "curated/trade.csv",
        "line": BAD_ROWS + 1,
        "claim_id": f"trade-src-{BAD_ROWS + 1:06d}",
        "column": "value",
        "message": "not printed in the figure",
        "source": "src (Author, 'Title')",
        "quote": f"quote {BAD_ROWS + 1}",
        "rule": "not printed in the figure",
    }


def test_the_error_carries_the_structured_report(report):
    err = DataValidationError(report)
    assert err.report is report
    assert str(err) == report.render()
    assert len(err.problems) == BAD_ROWS + 3


def test_no_problems_give_an_ok_json_report():
    empty = ProblemReport.of([])
    assert json.loads(empty.to_json()) == {
        "ok": True,
        "problem_count": 0,
        "file_count": 0,
        "groups": [],
    }


@pytest.mark.parametrize("at_once", [1, 3])
def test_the_report_written_a_group_and_a_chunk_at_a_time_is_the_whole_one(
    report, monkeypatch, at_once
):
    import io

    from sino_russia_data.checking import report as report_module

    small = ProblemReport.of([*report.groups[0].instances(7), *report.groups[-1].instances(2)])
    limits = (None, 0, 2, EXAMPLES)
    wholes = (small, ProblemReport.of([]))
    # as written in one chunk (10,000 instances), and each instance as rendered alone
    expected = [(w.to_json(), [w.render(limit) for limit in limits]) for w in wholes]
    monkeypatch.setattr(report_module, "AT_ONCE", at_once)
    for whole, (json_text, texts) in zip(wholes, expected, strict=True):
        out = io.StringIO()
        whole.write_json(out)
        assert out.getvalue() == json_text == json.dumps(whole.as_dict(), ensure_ascii=False) + "\n"
        for limit, text in zip(limits, texts, strict=True):
            written = io.StringIO()
            whole.write(written, limit)
            assert written.getvalue() == text
            for group in whole.ordered():
                assert "\n".join(p.render() for p in group.instances(limit)) in text


WRONG = EXAMPLES + 7  # rows of the trade table given a wrong value


@pytest.fixture
def wrong_values(data_copy):
    path = data_copy / "curated" / "trade.csv"
    rows = read_rows(path)
    # rows whose value is checked against the figure (an inferred value is not)
    base = [
        r for r in rows if r["value"] and r["qualifier"] != "range" and r.get("inferred") != "value"
    ]
    extra = []
    for i in range(WRONG):
        row = dict(base[i % len(base)])
        row["claim_id"] = f"trade-{row['source_id']}-{900 + i}"
        row["value"] = "123456.5"
        extra.append(row)
    write_rows(path, rows + extra)
    return data_copy


def test_validate_lists_all_or_writes_json(wrong_values, cli):
    every = cli("validate", "--all", "--data-dir", str(wrong_values))
    assert every.code == 1
    assert every.err.count("[value]: not printed in the figure") == WRONG
    assert "more rows with the same problem" not in every.err

    machine = cli("validate", "--format", "json", "--data-dir", str(wrong_values))
    assert machine.code == 1
    data = json.loads(machine.out)
    (group,) = [g for g in data["groups"] if g["column"] == "value"]
    assert group["count"] == len(group["problems"]) == WRONG
    assert {p["claim_id"] for p in group["problems"]} == {
        r["claim_id"] for r in read_rows(wrong_values / "curated" / "trade.csv")[-WRONG:]
    }
    assert all(p["source"] and p["quote"] for p in group["problems"])


def test_loader_error_carries_the_grouped_bounded_report(wrong_values):
    with pytest.raises(srd.DataValidationError) as info:
        srd.trade(data_dir=wrong_values)
    (group,) = [g for g in info.value.report.groups if g.column == "value"]
    assert len(group) == WRONG
    message = str(info.value)
    assert message.count("[value]: not printed in the figure") == EXAMPLES
    assert f"… and {WRONG - EXAMPLES} more rows with the same problem (first lines:" in message


def test_a_problem_escapes_control_characters_in_every_part_but_the_messages_line_breaks():
    from sino_russia_data.checking.report import Problem

    shown = Problem(
        "curated/trade.csv", 27, "id\x1b[2J", "qu\x00te", "why\nhow\x9b", "src\x07", "q\r\nx\tz"
    ).render()
    assert shown.splitlines() == [
        "curated/trade.csv:27 claim id\\x1b[2J [qu\\x00te]: why",
        "how\\x9b",
        "    cites: src\\x07",
        '    quote: "q\\x0d\\x0ax\tz"',
    ]


def test_a_problem_shows_invisible_marks_and_keeps_letters_and_tabs():
    from sino_russia_data.checking.report import printable

    assert printable("a\u202eb\u200bc\ufeffd\u2028e") == "a\\u202eb\\u200bc\\ufeffd\\u2028e"
    assert printable("\tétude 中文 😀") == "\tétude 中文 😀"

"""checking/passages.py: figureless claims proven against the second reading."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import edit_cell, read_rows, write_rows

from sino_russia_data.checking.passages import (
    audit_passages,
    read_passages,
    render_passages,
    uncovered_count,
)
from sino_russia_data.checking.validation import validate

READING = """# cohen2014 — a test reading

## 1. Claims without a figure
- "today the Chinese economy is five times Russia's" — covered by its row.
- "While the economies of the two nations" — inside the rows' quote only.
- "do not necessarily reflect the position of The Moscow Times" — excluded below.
- "a sentence the text does not have" — misquoted.

## 2. Attributions
- "according to Russia's TASS news agency" — not a section-1 bullet, not read.
"""


def _write_reading(data_dir: Path) -> None:
    (data_dir / "second-reading" / "cohen2014.md").write_text(READING, encoding="utf-8")


def _add_passage_exclusion(data_dir: Path, context: str, reason: str = "not_a_claim") -> None:
    path = data_dir / "curated" / "excluded.csv"
    rows = read_rows(path)
    rows.append(
        {
            "exclusion_id": "excluded-cohen2014-900",
            "source_id": "cohen2014",
            "mention": "",
            "context": context,
            "reason": reason,
            "note": "test",
        }
    )
    write_rows(path, rows)


def test_only_section_one_bullets_are_read(tmp_path):
    path = tmp_path / "cohen2014.md"
    path.write_text(READING, encoding="utf-8")
    found = read_passages(path, "cohen2014", "second-reading/cohen2014.md")
    assert [p.line for p in found] == [4, 5, 6, 7]
    assert found[0].text == "today the Chinese economy is five times Russia's"


def test_each_passage_is_covered_excluded_uncovered_or_not_in_the_text(data_copy):
    _write_reading(data_copy)
    _add_passage_exclusion(
        data_copy,
        "The views expressed in opinion pieces do not necessarily reflect the position of The Moscow Times.",
    )
    report = validate(data_copy)
    assert report.ok, report.problems[:3]
    (result,) = [r for r in audit_passages(report) if r.source_id == "cohen2014"]
    covered = {p.text: ids for p, ids in result.covered.items()}
    assert covered == {
        "today the Chinese economy is five times Russia's": ["economy_and_diplomacy-cohen2014-002"]
    }
    assert [p.text for p in result.excluded] == [
        "do not necessarily reflect the position of The Moscow Times"
    ]
    assert result.excluded[next(iter(result.excluded))] == ["excluded-cohen2014-900"]
    # inside a row's quote is not enough: the row's figure must lie in the passage
    assert [p.text for p in result.uncovered] == ["While the economies of the two nations"]
    assert [p.text for p in result.not_in_text] == ["a sentence the text does not have"]
    assert uncovered_count([result]) == 2
    text = render_passages([result])
    assert "second-reading/cohen2014.md:5: uncovered cohen2014 passage" in text
    assert "second-reading/cohen2014.md:7: passage not in the text of cohen2014" in text


def test_the_audit_fails_naming_file_and_line_of_an_uncovered_passage(data_copy, cli):
    _write_reading(data_copy)
    run = cli("audit", "--data-dir", str(data_copy))
    assert run.code == 1
    assert "second-reading/cohen2014.md:6: uncovered cohen2014 passage" in run.out
    assert "and 3 passage(s) of the second reading neither a claim nor excluded" in run.err


def test_a_passage_exclusion_hides_no_number(data_copy, cli):
    edit_cell(data_copy, "excluded", "excluded-cohen2014-002", "reason", "not_a_claim")
    edit_cell(data_copy, "excluded", "excluded-cohen2014-002", "mention", "")
    run = cli("audit", "--data-dir", str(data_copy))
    assert run.code == 1
    assert "uncovered cohen2014 word 'two'" in run.out


def test_a_passage_exclusion_names_no_mention(data_copy):
    edit_cell(data_copy, "excluded", "excluded-cohen2014-002", "reason", "not_a_claim")
    report = validate(data_copy)
    assert any(
        "must be empty when the reason excludes a figureless passage" in str(p)
        for p in report.problems
    )


def test_a_missing_or_unreadable_reading_file_fails_the_audit_without_a_traceback(data_copy, cli):
    (data_copy / "second-reading" / "gabuev2020.md").unlink()
    (data_copy / "second-reading" / "cohen2014.md").write_bytes(b'## 1. x\n- "\xff bad" - y\n')
    run = cli("audit", "--data-dir", str(data_copy))
    assert run.code == 1
    assert "second-reading/gabuev2020.md: missing: the claims without a figure" in run.out
    assert "second-reading/cohen2014.md: cannot be read as UTF-8 text" in run.out
    assert "Traceback" not in run.out + run.err


def test_a_malformed_bullet_is_reported_not_skipped(data_copy, cli):
    path = data_copy / "second-reading" / "blank2016.md"
    lines = path.read_text(encoding="utf-8").splitlines()
    first = next(i for i, line in enumerate(lines) if line.startswith('- "'))
    lines[first] = lines[first].replace('- "', "- ", 1)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    run = cli("audit", "--data-dir", str(data_copy))
    assert run.code == 1
    assert f"second-reading/blank2016.md:{first + 1}: a bullet of section 1 must start" in run.out


def test_a_reading_file_without_its_section_one_heading_is_refused(tmp_path):
    # (the audit turns this ValueError into one failing line: see the malformed-bullet test)
    path = tmp_path / "cohen2014.md"
    path.write_text(READING.replace("\n## 1. ", "\n## One. ", 1), encoding="utf-8")
    with pytest.raises(ValueError, match=r'^second-reading/cohen2014.md: no "## 1." heading'):
        read_passages(path, "cohen2014", "second-reading/cohen2014.md")


def test_a_bullet_with_another_marker_or_indent_is_reported_not_skipped(tmp_path):
    path = tmp_path / "cohen2014.md"
    for item in ['* "a passage" — note', '  - "a passage" — note', '1. "a passage" — note']:
        path.write_text(f"## 1. Claims\n{item}\n", encoding="utf-8")
        with pytest.raises(ValueError, match=r"^second-reading/cohen2014.md:2: a bullet of"):
            read_passages(path, "cohen2014", "second-reading/cohen2014.md")

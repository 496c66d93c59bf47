"""The completeness audit: every number and date mention of the raw texts is a claim or
deliberately excluded; an uncovered mention fails the command."""

from __future__ import annotations

from sino_russia_data.checking.audit import find_mentions
from tests.conftest import read_rows, write_rows


def test_audit_passes_on_the_shipped_data(cli):
    run = cli("audit")
    assert run.code == 0, run.out + run.err
    assert "audit: OK" in run.out
    total = next(line for line in run.out.splitlines() if line.startswith("all ")).split()
    mentions, covered, excluded, uncovered = map(int, total[1:])
    assert mentions == covered + excluded and uncovered == 0 and mentions > 700


def test_mentions_found_include_words_months_decades_and_relative_years():
    text = (
        "today the Chinese economy is five times Russia's; a dozen provinces; in May; "
        "in the 1990s; next year; 4,000-kilometer; 42.7 per cent; nearly doubled"
    )
    found = [(m.kind, m.text) for m in find_mentions("x", text)]
    assert ("word", "five") in found and ("word", "dozen") in found
    assert ("month", "May") in found and ("number", "1990") in found
    assert ("relative", "next year") in found and ("number", "4,000") in found
    assert ("number", "42.7") in found and ("word", "doubled") in found


def test_a_removed_exclusion_leaves_its_mentions_uncovered(data_copy, cli):
    path = data_copy / "curated" / "excluded.csv"
    rows = read_rows(path)
    kept = [r for r in rows if "Cooley" not in r["context"]]
    assert len(kept) == len(rows) - 1
    write_rows(path, kept)
    run = cli("audit", "--data-dir", str(data_copy))
    assert run.code == 1
    assert "uncovered kimblank2013 number '2012'" in run.out  # Cooley, Great Games (2012)
    assert "audit: FAILED" in run.err


def test_a_figure_hidden_in_another_rows_quote_is_reported(data_copy, cli):
    """Coverage is per mention: 'USD15 billion' stays inside the quote of
    trade-kimblank2013-003 (27 trade contracts), but with its own row removed it is
    nobody's figure, so the audit reports it; 27, still a row's figure, stays covered."""
    path = data_copy / "curated" / "trade.csv"
    rows = read_rows(path)
    quote = next(r["quote"] for r in rows if r["claim_id"] == "trade-kimblank2013-003")
    assert "USD15 billion" in quote
    write_rows(path, [r for r in rows if r["claim_id"] != "trade-kimblank2013-004"])
    run = cli("audit", "--data-dir", str(data_copy))
    assert run.code == 1
    assert "uncovered kimblank2013 number '15'" in run.out
    assert "uncovered kimblank2013 number '27'" not in run.out
    assert "uncovered kimblank2013 number '2012'" not in run.out  # the contracts' stated year


def test_an_invalid_data_dir_fails_the_audit(data_copy, cli):
    from tests.conftest import edit_cell

    edit_cell(data_copy, "trade", "trade-kimblank2013-004", "value", "16")
    run = cli("audit", "--data-dir", str(data_copy))
    assert run.code == 1 and "validation problem" in run.err


def test_the_audit_reads_every_shared_claim_column_the_registry_declares():
    from sino_russia_data.checking import audit
    from sino_russia_data.registry import claim_columns

    shared = [c for c in claim_columns() if c != "table"]
    assert audit._CLAIM_COLUMNS[: len(shared)] == shared

"""srd.show(): a claim highlighted in its paragraph, as HTML and as plain text
(publishing/show.py)."""

from __future__ import annotations

import pytest

import sino_russia_data as srd
from sino_russia_data.texts.display import display_quote


def test_show_highlights_the_display_quote_in_its_paragraph():
    view = srd.show("gas-cohen2014-003")
    (row,) = view.rows
    quote = srd.gas().set_index("claim_id").loc["gas-cohen2014-003", "quote"]
    src = srd.sources().set_index("source_id").loc["cohen2014"]
    shown = display_quote(quote, src)
    assert row.quote == shown and "\\$" not in row.quote  # artefacts cleaned for display
    assert row.before.endswith(" ") or row.before == ""
    html = view._repr_html_()
    assert f">{shown}</mark>" in html
    assert "href='site/cohen2014.html#gas-cohen2014-003'" in html
    assert ("figure", "$400 billion") in row.fields and ("unit", "usd_billion") in row.fields
    text = repr(view)
    assert text.startswith("gas-cohen2014-003 (gas)")
    assert "[[After" in text and "pipeline.]]" in text
    assert "see: site/cohen2014.html#gas-cohen2014-003" in text


def test_show_takes_a_filtered_frame_and_exclusions():
    trade = srd.trade()
    share = trade[trade.measure == "share"]
    view = srd.show(share, site="https://example.org/reader")
    assert [r.row_id for r in view.rows] == list(share.claim_id)
    assert all(r.link.startswith("https://example.org/reader/") for r in view.rows)
    excluded = srd.show("excluded-cohen2014-002").rows[0]
    assert excluded.table == "excluded" and "two" in excluded.quote


def test_show_names_what_it_cannot_find():
    with pytest.raises(KeyError, match="no claim or exclusion 'trade-nobody-001'"):
        srd.show("trade-nobody-001")
    with pytest.raises(ValueError, match="claim_id"):
        srd.show(srd.sources())

"""Display quotes: capture markup cleaned by the documented rules alone, quotes untouched."""

from __future__ import annotations

import re

import pytest

import sino_russia_data as srd
from sino_russia_data.texts.display import RULES, display, display_quote, rules_of
from sino_russia_data.texts.quotes import normalise
from sino_russia_data.vocabulary import DISPLAY_RULE

MARKUP = re.compile(r"\\[$_]|</?u>|[®¢™]")


def test_every_rule_is_documented():
    assert set(RULES) == set(DISPLAY_RULE)


@pytest.mark.parametrize(
    ("rule", "raw", "shown"),
    [
        (
            "markdown_escapes",
            r"a 30-year, \$400 billion deal by @jkc\_in\_dc",
            "a 30-year, $400 billion deal by @jkc_in_dc",
        ),
        ("underline_tags", "trade <u>nearly doubled</u> since", "trade nearly doubled since"),
        ("line_end_hyphens", "Secondly, well- known Russian", "Secondly, well-known Russian"),
        ("double_hyphen_dashes", "the deal--signed in May--was", "the deal–signed in May–was"),
        (
            "ocr_footnote_marks",
            'either side®; has it ... Pakistan."® Today ... mid-2000s, ¢ whereas ... frictions.™',
            'either side; has it ... Pakistan." Today ... mid-2000s, whereas ... frictions.',
        ),
        (
            "ocr_footnote_marks",
            "interests,? others ... alliance.? Since ... in 2008.% The ... crisis? In ... 8.2%.",
            "interests, others ... alliance. Since ... in 2008. The ... crisis? In ... 8.2%.",
        ),
    ],
)
def test_each_rule(rule, raw, shown):
    assert display(raw, [rule]) == shown
    assert display(raw, []) == normalise(raw)


def test_rules_of_a_cell():
    assert rules_of("markdown_escapes;underline_tags") == ("markdown_escapes", "underline_tags")
    assert rules_of(None) == () == rules_of("")


def _unapply(shown: str, quote: str) -> bool:
    """Can ``shown`` be turned back into ``quote`` by undoing the documented rules alone?
    Each side with every character a rule may add or drop removed must be equal."""

    def core(text: str) -> str:
        return re.sub(r"\\|</?u>|[-–\s]|[®¢™]|(?<=[.,;])[?!%]", "", normalise(text))

    return core(shown) == core(quote)


def test_every_display_quote_maps_back_to_its_verbatim_quote():
    sources = srd.sources().set_index("source_id")
    claims = srd.claims()
    changed = 0
    for row in claims.itertuples():
        shown = display_quote(row.quote, sources.loc[row.source_id])
        assert _unapply(shown, row.quote), row.claim_id
        assert not MARKUP.search(shown), (row.claim_id, shown)
        changed += shown != normalise(row.quote)
    assert changed >= 10  # the Cohen dollar signs, Gabuev's underlines, OCR hyphens


def test_the_quote_column_itself_stays_verbatim():
    gas = srd.gas().set_index("claim_id")
    assert r"\$400 billion" in gas.loc["gas-cohen2014-003", "quote"]

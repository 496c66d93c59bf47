"""The claim columns that say how a text states a claim: attribution, date bounds, modality.

Each attribution kind, date-bound kind and modality is tested on a real shipped row; one
validation run of a broken copy proves the new checks report the row, column and quote.
"""

from __future__ import annotations

import pandas as pd
import pytest

import sino_russia_data as srd
from sino_russia_data.cross_checks import consistency_of
from sino_russia_data.texts import printed_numbers
from sino_russia_data.vocabulary import ATTRIBUTION_KIND, BOUNDED_PRECISION
from tests.conftest import edit_cell


@pytest.fixture(scope="module")
def claims() -> pd.DataFrame:
    return srd.claims().set_index("claim_id")


@pytest.fixture(scope="module")
def checks() -> pd.DataFrame:
    return srd.consistency()


ATTRIBUTED = {
    "agency": ("exercises-cohen2014-002", "Russia's TASS news agency"),
    "official": (
        "exercises-unattributed2015-012",
        "the Russian Minister for Defence, Sergey Shoygu",
    ),
    "government": ("economy_and_diplomacy-cohen2014-004", "Moscow"),
    "party": ("gas-cohen2014-009", "the Russians"),
    "company": ("gas-kimblank2013-006", "Gazprom"),
    "experts": ("gas-unattributed2015-003", "well- known Russian experts"),
    "institute": ("arms-unattributed2015-011", "SIPRI"),
    "cited_work": ("trade-unattributed2015-007", "RuNews24"),
    "author": ("economy_and_diplomacy-unattributed2015-036", "we"),
}


def test_every_attribution_kind_is_tested():
    assert set(ATTRIBUTED) == set(ATTRIBUTION_KIND)


@pytest.mark.parametrize("kind", sorted(ATTRIBUTED))
def test_attribution_kind_on_a_real_row(claims, kind):
    claim_id, who = ATTRIBUTED[kind]
    row = claims.loc[claim_id]
    assert (row["attributed_to"], row["attribution_kind"]) == (who, kind)


def test_own_voice_rows_are_not_attributed(claims):
    # "In 2014 Foreign Minister Sergei Lavrov said:" records the speech: the text's own report.
    assert pd.isna(claims.loc["economy_and_diplomacy-blank2016-004", "attributed_to"])
    # "Earlier this year, Russia and China conducted a joint naval drill": the author's.
    assert pd.isna(claims.loc["exercises-cohen2014-001", "attribution_kind"])


BOUNDED = {  # precision -> (claim, earliest, latest) on a real row
    "on_or_before": ("arms-blank2016-001", None, "2014-12-31"),  # "By 2014"
    "open_ended": ("arms-unattributed2015-016", "2003-01-01", None),  # "from the mid-2000s"
    "within": ("economy_and_diplomacy-gabuev2020-006", "2033-01-01", "2037-12-31"),  # mid-2030s
}


def test_every_bounded_precision_is_tested():
    assert set(BOUNDED) == set(BOUNDED_PRECISION)


@pytest.mark.parametrize("precision", sorted(BOUNDED))
def test_date_bound_on_a_real_row(claims, precision):
    claim_id, earliest, latest = BOUNDED[precision]
    row = claims.loc[claim_id]
    assert row["period_precision"] == precision
    assert pd.isna(row["period_start"]) and pd.isna(row["period_end"])  # no invented period
    for column, want in (("earliest_date", earliest), ("latest_date", latest)):
        got = row[column]
        assert (pd.isna(got) and want is None) or got == pd.Timestamp(want)


def test_a_cited_pieces_publication_date_is_only_a_latest_date(claims):
    row = claims.loc["arms-unattributed2015-007"]  # CSIS headline, 30 June 2014
    assert (row["period_precision"], row["latest_date"]) == (
        "on_or_before",
        pd.Timestamp("2014-06-30"),
    )
    assert "on or before 30 June 2014" in row["note"]


def test_new_column_faults_are_reported_in_one_run(data_copy, cli):
    edit_cell(data_copy, "arms", "arms-unattributed2015-011", "attributed_to", "Reuters")
    edit_cell(data_copy, "exercises", "exercises-cohen2014-002", "attribution_kind", "")
    edit_cell(data_copy, "arms", "arms-blank2016-002", "period_start", "2014-01-01")
    edit_cell(
        data_copy,
        "economy_and_diplomacy",
        "economy_and_diplomacy-gabuev2020-006",
        "latest_date",
        "",
    )
    edit_cell(data_copy, "trade", "trade-kimblank2013-001", "modality", "conditional")
    run = cli("validate", "--data-dir", str(data_copy))
    assert run.code == 1
    for claim, column, words in (
        ("arms-unattributed2015-011", "attributed_to", "not printed in the quote"),
        ("exercises-cohen2014-002", "attribution_kind", "given together"),
        ("arms-blank2016-002", "period_precision", "on_or_before needs latest_date only"),
        ("economy_and_diplomacy-gabuev2020-006", "period_precision", "within both"),
        ("trade-kimblank2013-001", "condition", "a conditional claim needs its condition"),
    ):
        assert f"claim {claim} [{column}]: " in run.err and words in run.err, claim


MODAL = {  # modality -> a real row stated that way
    "fact": "trade-kimblank2013-001",  # "Sino-Russian trade hit almost USD80 billion in 2012"
    "plan": "trade-kimblank2013-007",  # "both sides have pledged to increase trade ... 2020"
    "conditional": "economy_and_diplomacy-gabuev2020-004",  # "But if relations ... then"
    "possibility": "arms-blank2016-004",  # "Russia may now sell China the ... Kalibr'"
    "rhetorical": "economy_and_diplomacy-gabuev2020-010",  # "what's to stop it ... in 2036?"
    "forecast": "economy_and_diplomacy-cohen2014-009",  # "... highly improbable"
    "disputed": "gas-cohen2014-014",  # "the Chinese now say ... actually just a loan"
}


@pytest.mark.parametrize("modality", sorted(MODAL))
def test_modality_on_a_real_row(claims, modality):
    row = claims.loc[MODAL[modality]]
    assert row["modality"] == modality
    assert pd.notna(row["condition"]) == (modality == "conditional")


def test_a_condition_is_the_conditions_own_words(claims):
    for claim_id in (
        "economy_and_diplomacy-gabuev2020-004",
        "economy_and_diplomacy-gabuev2020-006",
    ):
        row = claims.loc[claim_id]
        assert row["condition"].startswith("if relations with the EU and United States")
        assert row["condition"] in row["quote"]


def test_a_disputed_advance_keeps_both_readings_and_consistency_shows_them(checks):
    gas = srd.gas().set_index("claim_id")
    russian, chinese = gas.loc["gas-cohen2014-009"], gas.loc["gas-cohen2014-014"]
    assert (russian["indicator"], russian["attributed_to"]) == ("prepayment", "the Russians")
    assert (chinese["indicator"], chinese["attributed_to"]) == ("loan", "the Chinese")
    assert russian["quote"] == chinese["quote"] and russian["value"] == chinese["value"]
    found = checks.set_index("check_id").loc[
        "disputed_readings:gas-cohen2014-009;gas-cohen2014-014", "found"
    ]
    assert found == "the Russians: prepayment 25; the Chinese: loan 25"


def test_the_texts_own_reading_of_a_dispute_is_named_the_text(checks):
    found = checks.set_index("check_id").loc[
        "disputed_readings:economy_and_diplomacy-kimblank2013-135;"
        "economy_and_diplomacy-kimblank2013-136",
        "found",
    ]
    assert found == "Moscow: japan_energy_demand_strong; the text: japan_energy_demand_partly_true"


def test_a_forecast_on_a_real_row(claims):
    row = claims.loc["economy_and_diplomacy-cohen2014-009"]  # "... highly improbable"
    assert (row["modality"], row["status"]) == ("forecast", "projection")


FIGURELESS = {  # claim -> (table, what the text states without a figure)
    "arms-blank2016-005": ("arms", "declined"),  # "backed out of selling ... rocket engines"
    "arms-kimblank2013-002": ("arms", "decreased"),  # "the sharp decrease of Russian arms sales"
    "economy_and_diplomacy-gabuev2020-015": ("economy_and_diplomacy", "declined"),
    "economy_and_diplomacy-blank2016-009": ("economy_and_diplomacy", "decreased"),
}


@pytest.mark.parametrize("claim_id", sorted(FIGURELESS))
def test_claims_without_a_figure_are_rows(claim_id):
    table, event = FIGURELESS[claim_id]
    row = srd.load(table).set_index("claim_id").loc[claim_id]
    assert row["event"] == event
    assert row[["value", "value_low", "value_high", "unit"]].isna().all()
    assert row["figure"] in row["quote"]


def test_rankings_without_digits_have_their_rank():
    arms = srd.arms().set_index("claim_id")
    vietnam = arms.loc["arms-kimblank2013-001"]  # "Vietnam was Moscow's largest customer"
    assert (vietnam["buyer"], vietnam["value"], vietnam["unit"]) == ("VNM", 1.0, "rank")
    usa = arms.loc["arms-unattributed2015-017"]  # "second-greatest ... after the United States"
    assert (usa["exporter"], usa["value"], usa["inferred"]) == ("USA", 1.0, "value")


def test_a_superlative_prints_rank_one_unless_an_ordinal_is_joined():
    assert printed_numbers.printed("largest customer", 1)
    assert not printed_numbers.printed("second-greatest", 1)
    assert printed_numbers.printed("second-greatest", 2)


def test_an_inferred_assignment_is_never_counted_as_corroboration(checks):
    gas = srd.gas()
    group = gas[gas["claim_id"].isin(["gas-blank2016-001", "gas-cohen2014-001"])]
    assert group.set_index("claim_id").loc["gas-blank2016-001", "inferred"] == "assignment"
    (only,) = consistency_of({"gas": group}).to_dict("records")
    assert only["kind"] == "inferred" and only["sources"] == ["cohen2014"]
    shipped = checks.set_index("check_id")
    with_caption = [i for i in shipped.index if "gas-blank2016-001" in i]
    assert with_caption and all("blank2016" not in shipped.loc[i, "sources"] for i in with_caption)


def test_a_forecast_is_not_compared_with_stated_facts(checks):
    same = checks[checks["rule"] == "same_arms_quantity"]
    decreased = same[same["claim_ids"].map(lambda ids: "arms-kimblank2013-002" in ids)]
    assert list(decreased["claim_ids"]) == [["arms-kimblank2013-002", "arms-unattributed2015-016"]]

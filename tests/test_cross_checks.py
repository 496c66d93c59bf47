"""Cross-claim checks: the corroborations, conflicts and arithmetic present in the texts,
found by rules (a new conflicting row is flagged without any list being edited)."""

from __future__ import annotations

import csv
import io
import json
import re

import pandas as pd
import pytest

import sino_russia_data as srd
from sino_russia_data import registry
from sino_russia_data.cross_checks import COLUMNS, consistency_of
from sino_russia_data.cross_checks.common import interval

# The checks found in the five texts (check_id -> verdict), pinned.
EXPECTED = {
    "first_exercise_has_earlier_one:exercises-kimblank2013-009;exercises-unattributed2015-008": "disagree",
    "restated_claim:economy_and_diplomacy-gabuev2020-008;economy_and_diplomacy-gabuev2020-009": "disagree (within one text)",
    "sale_discussed_after_sold:arms-unattributed2015-007;arms-cohen2014-003": "disagree",
    "same_arms_quantity:arms-blank2016-001;arms-gabuev2020-002;arms-unattributed2015-006": "agree",  # bounds: by 2014, on or before 14 April 2015
    "same_arms_quantity:arms-unattributed2015-002;arms-unattributed2015-007": "disagree (within one text)",
    "disputed_readings:gas-cohen2014-009;gas-cohen2014-014": "disputed",
    "components_growth_vs_total_growth:trade-unattributed2015-004;trade-unattributed2015-003;trade-unattributed2015-006;trade-unattributed2015-005;trade-unattributed2015-007": "consistent",
    "exporter_ranks_in_order:arms-unattributed2015-017;arms-unattributed2015-008;arms-unattributed2015-014": "consistent",
    "growth_implies_previous_level:trade-kimblank2013-001;trade-kimblank2013-002": "derived",
    "growth_implies_previous_level:trade-unattributed2015-001;trade-unattributed2015-007": "derived",
    "growth_implies_previous_level:trade-unattributed2015-004;trade-unattributed2015-003": "derived",
    "growth_implies_previous_level:trade-unattributed2015-006;trade-unattributed2015-005": "derived",
    "exports_plus_imports_vs_turnover:trade-unattributed2015-004;trade-unattributed2015-006;trade-unattributed2015-001": "consistent",
    "implied_gas_price:gas-cohen2014-003;gas-cohen2014-002;gas-cohen2014-004": "derived",
    "pipeline_cost_per_km_across_projects:gas-unattributed2015-003;gas-cohen2014-005;gas-kimblank2013-003;gas-kimblank2013-004": "differ",
    "rank_vs_levels:trade-unattributed2015-009;trade-unattributed2015-011;trade-unattributed2015-010;trade-unattributed2015-012;trade-unattributed2015-008;trade-unattributed2015-001": "consistent",
    "share_change_vs_shares:trade-gabuev2020-001;trade-gabuev2020-002;trade-gabuev2020-003": "consistent",
    "same_arms_quantity:arms-blank2016-002;arms-gabuev2020-001": "agree",
    "same_arms_quantity:arms-cohen2014-001;arms-cohen2014-005;arms-kimblank2013-008;arms-unattributed2015-001": "agree",
    "same_arms_quantity:arms-kimblank2013-002;arms-unattributed2015-016": "nothing to compare",  # undated trend vs dated
    "buyer_shares_within_total:arms-unattributed2015-010;arms-unattributed2015-009": "consistent",
    "part_within_total:economy_and_diplomacy-unattributed2015-043;economy_and_diplomacy-unattributed2015-044": "consistent",
    "pipeline_cost_per_bcm_per_year_across_projects:gas-unattributed2015-003;gas-cohen2014-004;gas-kimblank2013-003;gas-kimblank2013-005": "units differ",
    "share_vs_levels:trade-gabuev2020-002;trade-unattributed2015-001;trade-unattributed2015-007": "derived",
    "exercise_count_vs_dated_exercises:exercises-cohen2014-002;exercises-cohen2014-003;exercises-cohen2014-004;exercises-unattributed2015-012;exercises-unattributed2015-013": "consistent",
    "exercise_count_vs_dated_exercises:exercises-unattributed2015-009;exercises-cohen2014-001;exercises-kimblank2013-004;exercises-kimblank2013-005;exercises-unattributed2015-010;exercises-unattributed2015-011": "consistent",
    "prepayment_within_deal_value:gas-cohen2014-009;gas-cohen2014-003": "consistent",
    "prepayment_within_deal_value:gas-cohen2014-009;gas-unattributed2015-002": "consistent",
    "same_exercises_quantity:exercises-cohen2014-001;exercises-unattributed2015-011": "agree",
    "same_exercises_quantity:exercises-cohen2014-003;exercises-unattributed2015-013": "agree",
    "same_exercises_quantity:exercises-cohen2014-004;exercises-unattributed2015-012": "agree",
    "same_gas_quantity:gas-blank2016-001;gas-cohen2014-001;gas-cohen2014-008;gas-unattributed2015-001": "agree",
    "same_gas_quantity:gas-cohen2014-003;gas-cohen2014-007;gas-unattributed2015-002": "agree",
    "restated_claim:economy_and_diplomacy-blank2016-006;economy_and_diplomacy-blank2016-008": "agree",
    "restated_claim:economy_and_diplomacy-gabuev2020-001;economy_and_diplomacy-gabuev2020-012": "agree",
    "restated_claim:economy_and_diplomacy-gabuev2020-013;economy_and_diplomacy-gabuev2020-024": "agree",
    "restated_claim:economy_and_diplomacy-gabuev2020-019;economy_and_diplomacy-gabuev2020-038": "agree",
    "restated_claim:economy_and_diplomacy-unattributed2015-004;economy_and_diplomacy-unattributed2015-038": "agree",
    "restated_claim:arms-kimblank2013-002;arms-kimblank2013-005": "nothing to compare",
    "restated_claim:economy_and_diplomacy-kimblank2013-071;economy_and_diplomacy-kimblank2013-078": "nothing to compare",
    "same_exercises_quantity:exercises-blank2016-001;exercises-blank2016-002": "agree",
    "same_exercises_quantity:exercises-kimblank2013-002;exercises-kimblank2013-003": "agree",
    "same_exercises_quantity:exercises-kimblank2013-004;exercises-kimblank2013-005": "agree",
    "same_gas_quantity:gas-kimblank2013-007;gas-kimblank2013-008": "agree",
    "same_trade_quantity:trade-kimblank2013-001;trade-kimblank2013-006": "agree",
    "disputed_readings:economy_and_diplomacy-kimblank2013-135;economy_and_diplomacy-kimblank2013-136": "disputed",
    "disputed_readings:economy_and_diplomacy-kimblank2013-186;economy_and_diplomacy-kimblank2013-187": "disputed",
    "disputed_readings:economy_and_diplomacy-kimblank2013-215;economy_and_diplomacy-kimblank2013-216": "disputed",
    "same_arms_quantity:arms-kimblank2013-009;arms-kimblank2013-010": "nothing to compare",
    "same_gas_quantity:gas-kimblank2013-012;gas-kimblank2013-017": "nothing to compare",
}  # fmt: skip


@pytest.fixture(scope="module")
def checks():
    return srd.consistency()


def tables():
    return {t.name: getattr(srd, t.name)() for t in registry.claim_tables()}


def test_the_checks_present_in_the_texts_are_found(checks):
    frame = checks
    assert list(frame.columns) == COLUMNS
    assert dict(zip(frame["check_id"], frame["verdict"], strict=True)) == EXPECTED


def test_every_check_names_real_claims_and_derivations_stay_out_of_the_tables(checks):
    frame = checks
    claims = srd.claims().set_index("claim_id")
    ids = set(claims.index)
    inferred = set(claims.index[claims["inferred"].astype(str) == "assignment"])
    for row in frame.to_dict("records"):
        assert isinstance(row["claim_ids"], list) and set(row["claim_ids"]) <= ids
        counted = [i for i in row["claim_ids"] if i not in inferred] or row["claim_ids"]
        if "(nothing to compare, not counted)" not in row["found"]:
            assert row["sources"] == sorted({i.split("-")[-2] for i in counted})
        assert set(row["sources"]) <= {i.split("-")[-2] for i in counted}
        assert row["check_id"] == f"{row['rule']}:{';'.join(row['claim_ids'])}"
        assert row["expected"] and row["found"]
    arithmetic = frame[frame["kind"] == "arithmetic"]
    assert (arithmetic["derived"] != "").sum() >= 4
    assert "derived" not in srd.claims()["status"].unique()


def test_the_2014_gas_deal_value_is_corroborated_by_two_sources(checks):
    frame = checks
    row = frame[frame["check_id"].str.startswith("same_gas_quantity:gas-cohen2014-003")].iloc[0]
    assert row["kind"] == "corroboration" and row["sources"] == ["cohen2014", "unattributed2015"]


def test_a_new_conflicting_row_is_flagged():
    data = tables()
    trade = data["trade"]
    extra = trade[trade["claim_id"] == "trade-unattributed2015-001"].copy()
    extra["claim_id"] = "trade-cohen2014-001"
    extra["source_id"] = "cohen2014"
    extra["value"] = 88.0
    data["trade"] = pd.concat([trade, extra], ignore_index=True)
    frame = consistency_of(data)
    row = frame[frame["check_id"].str.endswith(":trade-cohen2014-001;trade-unattributed2015-001")]
    assert list(row["kind"]) == ["conflict"] and list(row["verdict"]) == ["disagree"]


def test_a_wrong_component_breaks_the_sum():
    data = tables()
    trade = data["trade"].copy()
    trade.loc[trade["claim_id"] == "trade-unattributed2015-004", "value"] = 30.0
    data["trade"] = trade
    frame = consistency_of(data)
    row = frame[frame["rule"] == "exports_plus_imports_vs_turnover"].iloc[0]
    assert row["verdict"] == "inconsistent"


@pytest.mark.parametrize(
    ("qualifier", "hedge", "expected"),
    [
        ("exact", None, (80.0, 80.0)),
        ("upper_bound", "almost", (72.0, 80.0)),
        ("upper_bound", "less than", (float("-inf"), 80.0)),
        ("lower_bound", "more than", (80.0, float("inf"))),
        ("approx", "about", (72.0, 88.0)),
    ],
)
def test_hedges_become_intervals(qualifier, hedge, expected):
    got = interval({"value": 80.0, "qualifier": qualifier, "hedge": hedge})
    assert got == pytest.approx(expected)


def test_cli_formats(cli, checks):
    frame = checks
    text = cli("consistency")
    assert text.code == 0 and "conflict" in text.out and "corroboration" in text.out
    raw_json = cli("consistency", "--format", "json").out
    as_json = json.loads(raw_json)
    assert {r["check_id"] for r in as_json} == set(EXPECTED)
    assert [r["claim_ids"] for r in as_json] == list(frame["claim_ids"])  # arrays, not strings
    assert [r["sources"] for r in as_json] == list(frame["sources"])
    assert "\\/" not in raw_json and "sale_event/RUS/CHN" in raw_json
    as_csv = list(csv.DictReader(io.StringIO(cli("consistency", "--format", "csv").out)))
    assert list(as_csv[0]) == COLUMNS and len(as_csv) == len(EXPECTED)
    assert [r["claim_ids"] for r in as_csv] == [";".join(v) for v in frame["claim_ids"]]
    assert [r["sources"] for r in as_csv] == [";".join(v) for v in frame["sources"]]


def test_found_cells_show_display_figures(checks):
    frame = checks
    found = " ".join(frame["found"])
    assert "cohen2014: $400 billion" in found
    assert not re.search(r"\\[$_]|</?u>", found)


def test_a_restatement_note_links_rows_across_any_table():
    data = tables()
    econ = data["economy_and_diplomacy"].copy()
    econ.loc[econ["claim_id"] == "economy_and_diplomacy-gabuev2020-009", "period_start"] = (
        pd.Timestamp("2011-01-01")
    )
    econ.loc[econ["claim_id"] == "economy_and_diplomacy-gabuev2020-009", "period_end"] = (
        pd.Timestamp("2011-12-31")
    )
    data["economy_and_diplomacy"] = econ
    frame = consistency_of(data)
    ids = ["economy_and_diplomacy-gabuev2020-008", "economy_and_diplomacy-gabuev2020-009"]
    row = frame[frame["claim_ids"].map(lambda v: v == ids)]
    assert list(row["kind"]) == ["restatement"] and list(row["verdict"]) == ["agree"]


def test_a_checks_claim_ids_cite_directly(checks):
    first = checks.iloc[0]
    notes = srd.cite(first["claim_ids"], style="apa")
    assert [n.rsplit("[claim ", 1)[1].rstrip("]") for n in notes] == first["claim_ids"]


def _rule(tables, rule):
    """The checks of one named rule of the tables' families, run directly."""
    from sino_russia_data.cross_checks import family

    ((name, frame),) = tables.items()
    return [c.row() for c in getattr(family(name), rule)(frame)]


def _edited(table, claim_id, **cells):
    frame = getattr(srd, table)()
    for column, value in cells.items():
        frame.loc[frame["claim_id"] == claim_id, column] = value
    return frame


def test_component_growths_imply_the_turnover_growth():
    (found,) = _rule({"trade": srd.trade()}, "components_growth_vs_total_growth")
    assert found["verdict"] == "consistent" and found["derived"].endswith("= 6.73%")
    off = _edited("trade", "trade-unattributed2015-007", value=9.0)  # a headline of +9%
    (flagged,) = _rule({"trade": off}, "components_growth_vs_total_growth")
    assert flagged["verdict"] == "inconsistent"


def test_a_level_and_its_growth_imply_the_year_befores_level():
    trade = srd.trade()
    derived = _rule({"trade": trade}, "growth_implies_previous_level")
    kimblank = next(c for c in derived if c["claim_ids"][0] == "trade-kimblank2013-001")
    assert kimblank["verdict"] == "derived" and "50.5..56.1" in kimblank["derived"]
    before = trade[trade["claim_id"] == "trade-unattributed2015-002"].copy()  # 55 in 2010
    for value, verdict in ((55.0, "consistent"), (70.0, "inconsistent")):  # 2011's level
        row = before.assign(
            claim_id="trade-unattributed2015-999",
            period_start=pd.Timestamp("2011-01-01"),
            period_end=pd.Timestamp("2011-12-31"),
            value=value,
        )
        checks = _rule({"trade": pd.concat([trade, row])}, "growth_implies_previous_level")
        (stated,) = [c for c in checks if "trade-unattributed2015-999" in c["claim_ids"]]
        assert stated["verdict"] == verdict


def test_exporter_ranks_of_one_period_are_in_order():
    (found,) = _rule({"arms": srd.arms()}, "exporter_ranks_in_order")
    assert found["verdict"] == "consistent"
    assert found["found"].startswith("rank 1 USA")
    clash = _edited("arms", "arms-unattributed2015-014", value=2.0)  # China also second
    (flagged,) = _rule({"arms": clash}, "exporter_ranks_in_order")
    assert flagged["verdict"] == "inconsistent"

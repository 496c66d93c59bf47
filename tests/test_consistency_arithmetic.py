"""consistency()'s deeper arithmetic: shares against levels, parts against totals (trade,
investment, arms buyers) and per-unit pipeline costs across projects. Each rule on the
real rows, then with a row edited or added so that it must disagree."""

from __future__ import annotations

import pandas as pd
import pytest

import sino_russia_data as srd
from sino_russia_data.cross_checks import arms, economy_and_diplomacy, exercises, gas, trade


def _with(frame: pd.DataFrame, like: str, **cells: object) -> pd.DataFrame:
    """``frame`` plus a copy of row ``like`` with ``cells`` changed."""
    row = frame[frame["claim_id"] == like].copy()
    for column, value in cells.items():
        row[column] = value
    return pd.concat([frame, row], ignore_index=True)


def _edited(frame: pd.DataFrame, claim_id: str, **cells: object) -> pd.DataFrame:
    out = frame.copy()
    for column, value in cells.items():
        out.loc[out["claim_id"] == claim_id, column] = value
    return out


def _rows(checks):
    return [c.row() for c in checks]


# shares x levels (trade) ------------------------------------------------------------------


def test_chinas_share_and_the_implied_2013_turnover_give_russias_total_trade():
    (found,) = _rows(trade.share_vs_levels(srd.trade()))
    # gabuev2020's 10% of 2013, unattributed2015's 95 (2014) and +6.8%: 89.0 in 2013
    assert found["claim_ids"] == [
        "trade-gabuev2020-002",
        "trade-unattributed2015-001",
        "trade-unattributed2015-007",
    ]
    assert found["sources"] == ["gabuev2020", "unattributed2015"]
    # 10 percent is read as 9.5..10.5 (what rounds to it)
    assert found["derived"].startswith("part / share = 89.0 / 10% = 847.2..936.3 USD billion")
    assert found["verdict"] == "derived"


@pytest.mark.parametrize(("total", "verdict"), [(880.0, "consistent"), (600.0, "inconsistent")])
def test_a_stated_total_is_checked_against_part_over_share(total, verdict):
    frame = _with(
        srd.trade(),
        "trade-unattributed2015-001",
        claim_id="trade-unattributed2015-901",
        partner="WORLD",
        value=total,
        period_start=pd.Timestamp("2013-01-01"),
        period_end=pd.Timestamp("2013-12-31"),
    )
    (found,) = _rows(trade.share_vs_levels(frame))
    assert found["claim_ids"][-1] == "trade-unattributed2015-901"
    assert found["verdict"] == verdict


def test_a_stated_level_of_the_shares_year_is_used_before_an_implied_one():
    frame = _with(
        srd.trade(),
        "trade-unattributed2015-001",
        claim_id="trade-unattributed2015-902",
        value=90.0,
        period_start=pd.Timestamp("2013-01-01"),
        period_end=pd.Timestamp("2013-12-31"),
    )
    (found,) = _rows(trade.share_vs_levels(frame))
    assert found["claim_ids"] == ["trade-gabuev2020-002", "trade-unattributed2015-902"]
    assert "= 90.0 / 10% = 852.4..952.6 USD billion" in found["derived"]


def test_a_plan_never_meets_a_share():
    """gabuev2020's 'less than 20 percent' of 2020 and kimblank2013's pledged USD200
    billion for 2020 are of one year, but a target is not a level."""
    assert srd.trade().set_index("claim_id").loc["trade-kimblank2013-007", "modality"] == "plan"
    frame = _edited(srd.trade(), "trade-kimblank2013-007", modality="fact")
    ids = {i for c in _rows(trade.share_vs_levels(frame)) for i in c["claim_ids"]}
    assert "trade-kimblank2013-007" in ids  # as a fact it would be combined


def test_a_part_and_a_total_imply_the_share_and_the_part_may_not_exceed_it():
    assert trade.part_of_total_implies_share(srd.trade()) == []  # no total is stated
    base = srd.trade()
    for total, verdict, shown in ((950.0, "derived", "10.00%"), (50.0, "inconsistent", "190.00%")):
        frame = _with(base, "trade-unattributed2015-001", claim_id="trade-x-903", value=total)
        frame.loc[frame["claim_id"] == "trade-x-903", "partner"] = "WORLD"
        (found,) = _rows(trade.part_of_total_implies_share(frame))
        assert found["claim_ids"] == ["trade-unattributed2015-001", "trade-x-903"]
        assert found["derived"] == f"part / total = {shown}" and found["verdict"] == verdict


# parts of totals (investment, arms buyers) ------------------------------------------------


def test_direct_investment_in_russia_is_a_part_of_chinas_worldwide_total():
    (found,) = _rows(economy_and_diplomacy.part_within_total(srd.economy_and_diplomacy()))
    assert found["claim_ids"] == [
        "economy_and_diplomacy-unattributed2015-043",
        "economy_and_diplomacy-unattributed2015-044",
    ]
    assert found["derived"] == "part / total = 0.86%" and found["verdict"] == "consistent"
    over = _edited(
        srd.economy_and_diplomacy(), "economy_and_diplomacy-unattributed2015-043", value=90000.0
    )  # USD 90 billion out of 68.8
    (flagged,) = _rows(economy_and_diplomacy.part_within_total(over))
    assert flagged["verdict"] == "inconsistent"


def test_sixty_percent_to_three_buyers_leaves_forty_to_the_other_53_customers():
    (found,) = _rows(arms.buyer_shares_within_total(srd.arms()))
    assert found["claim_ids"] == ["arms-unattributed2015-010", "arms-unattributed2015-009"]
    assert "CHN, DZA, IND take 60%" in found["derived"]
    assert "the other 53 take 0.755% each on average" in found["derived"]
    assert found["verdict"] == "consistent"


@pytest.mark.parametrize(
    ("rows", "problem"),
    [
        ([("IND", 45.0), ("CHN", 30.0)], "the parts of 60% sum to at least 75%"),
        ([("IND", 30.0), ("CHN", 20.0)], None),
    ],
)
def test_per_buyer_shares_may_not_exceed_the_share_of_the_buyers_together(rows, problem):
    frame = srd.arms()
    for n, (buyer, share) in enumerate(rows):
        frame = _with(
            frame,
            "arms-unattributed2015-010",
            claim_id=f"arms-x-{n:03d}",
            buyer=buyer,
            value=share,
            figure=f"{share:g}%",
        )
    (found,) = _rows(arms.buyer_shares_within_total(frame))
    assert len(found["claim_ids"]) == 4
    if problem is None:
        assert found["verdict"] == "consistent"
    else:
        assert found["verdict"] == "inconsistent" and problem in found["derived"]


def test_shares_of_separate_buyers_may_not_sum_above_100_percent():
    frame = _with(
        srd.arms(), "arms-unattributed2015-010", claim_id="arms-x-010", buyer="VNM;IRN", value=45.0
    )
    (found,) = _rows(arms.buyer_shares_within_total(frame))
    assert found["verdict"] == "inconsistent"
    assert "separate buyers' shares sum to at least 105%" in found["derived"]
    few = _edited(srd.arms(), "arms-unattributed2015-009", value=2.0)  # '2 countries'
    (flagged,) = _rows(arms.buyer_shares_within_total(few))
    assert flagged["verdict"] == "inconsistent" and "3 buyers named" in flagged["derived"]


def test_the_prepayment_is_a_part_of_the_deal_in_either_texts_figure():
    found = _rows(gas.prepayment_within_deal_value(srd.gas()))
    assert [c["claim_ids"] for c in found] == [
        ["gas-cohen2014-009", "gas-cohen2014-003"],  # the restated -007 is the same figure
        ["gas-cohen2014-009", "gas-unattributed2015-002"],
    ]
    assert {c["derived"] for c in found} == {"part / total = 6.25%"}
    assert "(the Russians' reading)" in found[0]["expected"]
    over = _edited(srd.gas(), "gas-cohen2014-009", value=500.0)
    assert {c["verdict"] for c in _rows(gas.prepayment_within_deal_value(over))} == {"inconsistent"}


def test_two_planned_drills_against_the_drills_dated_in_2015():
    found = {
        c["claim_ids"][0]: c
        for c in _rows(exercises.exercise_count_vs_dated_exercises(srd.exercises()))
    }
    two = found["exercises-cohen2014-002"]  # TASS: 'two more joint-naval drills next year'
    assert two["found"] == (
        "in the period: joint_naval_drill_2015_mediterranean, joint_naval_drill_2015_pacific"
    )
    assert "exercises-unattributed2015-012" in two["claim_ids"] and two["verdict"] == "consistent"
    yearly = found["exercises-unattributed2015-009"]  # 'once or twice a year' since 2009
    assert "1 in 2012, 1 in 2013, 1 in 2014" in yearly["derived"]
    assert yearly["verdict"] == "consistent"
    one = _edited(srd.exercises(), "exercises-cohen2014-002", value=1.0)
    (flagged,) = [
        c
        for c in _rows(exercises.exercise_count_vs_dated_exercises(one))
        if c["claim_ids"][0] == "exercises-cohen2014-002"
    ]
    assert (
        flagged["verdict"] == "inconsistent" and "more than 1 in the period" in flagged["derived"]
    )
    third = _with(
        srd.exercises(),
        "exercises-unattributed2015-010",
        claim_id="exercises-x-001",
        exercise="another_2013_drill",
    )
    third = _with(
        third, "exercises-unattributed2015-010", claim_id="exercises-x-002", exercise="a_third"
    )
    (yearly,) = [
        c
        for c in _rows(exercises.exercise_count_vs_dated_exercises(third))
        if c["claim_ids"][0] == "exercises-unattributed2015-009"
    ]
    assert yearly["verdict"] == "inconsistent" and "3 in 2013" in yearly["derived"]


# per-unit costs across projects (gas) -----------------------------------------------------


def test_pipeline_costs_per_km_differ_beyond_the_tolerance():
    (found,) = _rows(gas.pipeline_cost_per_km_across_projects(srd.gas()))
    assert "power_of_siberia_eastern_route: >=12.50 USD m per km" in found["found"]
    assert "sakhalin_japan_pipeline: 0.37-0.54 USD m per km" in found["found"]
    assert "at least 23x more per km" in found["derived"] and found["verdict"] == "differ"
    # Within a factor of 2 of the Sakhalin range (USD 0.9 billion over 1,300-1,500 km)
    near = _edited(srd.gas(), "gas-unattributed2015-003", value=2.0, qualifier="exact")
    near = _edited(near, "gas-cohen2014-005", value=2000.0)
    (close,) = _rows(gas.pipeline_cost_per_km_across_projects(near))
    assert close["found"].startswith("power_of_siberia_eastern_route: 1.00 USD m per km")
    assert close["verdict"] == "comparable"


def test_cost_per_capacity_is_not_compared_when_no_per_year_is_printed():
    (found,) = _rows(gas.pipeline_cost_per_capacity_across_projects(srd.gas()))
    assert found["verdict"] == "units differ"
    assert "power_of_siberia_eastern_route: >=1315.79 USD m per bcm/year" in found["found"]
    assert "sakhalin_japan_pipeline: 27.50-43.75 USD m per bcm" in found["found"]
    per_year = _edited(srd.gas(), "gas-kimblank2013-005", unit="bcm_per_year")
    (compared,) = _rows(gas.pipeline_cost_per_capacity_across_projects(per_year))
    assert compared["verdict"] == "differ" and "at least 30x more" in compared["derived"]


@pytest.mark.parametrize("value", [0.0, -100.0])
def test_a_zero_divisor_or_a_fall_of_100_percent_is_not_compared_never_a_crash(value):
    """Every value 0 (a zero turnover, share, duration or volume) or -100 (a growth that
    leaves nothing before it): no rule divides by zero and none prints inf or nan."""
    from sino_russia_data import registry
    from sino_russia_data.cross_checks import consistency_of

    tables = {t.name: srd.load(t.name) for t in registry.claim_tables()}
    for frame in tables.values():
        for column in ("value", "value_low", "value_high"):
            if column in frame:
                frame.loc[frame[column].notna(), column] = value
    checks = consistency_of(tables)
    assert len(checks) > 30
    assert not checks["derived"].astype(str).str.contains("inf|nan").any()

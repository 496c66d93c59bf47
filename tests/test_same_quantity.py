"""Same quantity, same event: an agreement counts only what was compared. Claims about one
thing of which no two state a figure or a date are 'not compared', never 'agree'; a
figureless row beside compared ones is shown but not counted; figureless rows (empty
value, ``figure`` = the words) never crash a rule nor print 'nan'."""

from __future__ import annotations

import re

import pandas as pd

import sino_russia_data as srd
from sino_russia_data import registry
from sino_russia_data.cross_checks import consistency_of
from sino_russia_data.cross_checks.same_quantity import NOT_COMPARED, same_quantity

AGREEMENT = ("corroboration", "restatement", "inferred")


def _tables() -> dict[str, pd.DataFrame]:
    return {t.name: getattr(srd, t.name)() for t in registry.claim_tables()}


def _group(checks: pd.DataFrame, *ids: str) -> dict:
    (row,) = checks[checks["claim_ids"].map(lambda v: v == list(ids))].to_dict("records")
    return row


def test_an_undated_trend_and_a_dated_one_are_not_an_agreement():
    """Kim & Blank's undated 'sharp decrease' and the 'mid-2000s' decline: nothing of
    either could be held against the other."""
    checks = consistency_of({"arms": srd.arms()})
    row = _group(checks, "arms-kimblank2013-002", "arms-unattributed2015-016")
    assert row["kind"] == NOT_COMPARED and row["verdict"] == "nothing to compare"
    assert row["derived"].startswith("nothing compared: of 2 claims 0 states a figure and 1")


def test_a_row_with_nothing_to_compare_is_shown_but_not_counted():
    checks = consistency_of({"arms": srd.arms()})
    ids = ("arms-cohen2014-001", "arms-cohen2014-005", "arms-unattributed2015-001")
    # '1990s and early 2000s', 'has long sold', '1990s'; Kim & Blank's undated 'systems
    # Russia sold to China' joins the group and, like 'has long sold', is not counted
    row = _group(checks, *ids[:2], "arms-kimblank2013-008", ids[2])
    assert row["kind"] == "corroboration" and row["sources"] == ["cohen2014", "unattributed2015"]
    assert "cohen2014: has long sold (nothing to compare, not counted)" in row["found"]
    assert "kimblank2013: systems Russia sold to China (nothing to compare" in row["found"]
    assert row["derived"] == "compared: the dates of 2 claims (no figure stated)"
    alone = srd.arms()[srd.arms()["claim_id"].isin(ids[1:])]  # the undated row and one dated
    (only,) = [c.row() for c in same_quantity("arms", alone, ("indicator", "event"))]
    assert only["kind"] == NOT_COMPARED and only["sources"] == ["cohen2014", "unattributed2015"]


def test_a_date_alone_does_not_corroborate_a_figure():
    """The USD400 billion deal value beside a dated row of another source with no value."""
    gas = srd.gas()
    deal = gas[gas["claim_id"] == "gas-cohen2014-003"]
    bare = deal.assign(claim_id="gas-unattributed2015-901", source_id="unattributed2015")
    bare["value"] = float("nan")
    checks = consistency_of({"gas": pd.concat([deal, bare], ignore_index=True)})
    (row,) = checks.to_dict("records")
    assert row["kind"] == NOT_COMPARED and "1 states a figure and 2 a date" in row["derived"]
    stated = consistency_of({"gas": pd.concat([deal, bare.assign(value=400.0)])})
    assert list(stated["kind"]) == ["corroboration"]  # with the figure it corroborates


def test_a_restatement_link_with_nothing_to_compare_is_not_an_agreement():
    econ = srd.economy_and_diplomacy()
    target = "economy_and_diplomacy-blank2016-006"  # restated by -008, 'By 2014'
    for column in ("period_start", "period_end", "earliest_date", "latest_date"):
        econ.loc[econ["claim_id"].isin([target, "economy_and_diplomacy-blank2016-008"]), column] = (
            pd.NaT
        )
    checks = consistency_of({"economy_and_diplomacy": econ})
    row = _group(checks, target, "economy_and_diplomacy-blank2016-008")
    assert row["rule"] == "restated_claim" and row["kind"] == NOT_COMPARED


def _figureless(frame: pd.DataFrame, dated: bool) -> pd.DataFrame:
    """A figureless copy of every row, by another source: value and unit empty, ``figure``
    words, undated; or, if ``dated``, of every row with a figure, keeping unit and date but
    without value (its date may be compared, never its figure)."""
    out = frame.copy()
    if dated:
        out = out[out["value"].notna() | out["value_low"].notna()]
    out["claim_id"] = out["claim_id"].str.replace(r"-(\w+)-(\d+)$", r"-figureless-9\2", regex=True)
    out["source_id"] = "figureless"
    out["figure"] = "the words that state it"
    for column in ("value", "value_low", "value_high"):
        out[column] = float("nan")
    if not dated:
        out["unit"] = pd.NA
        for column in ("period_start", "period_end", "earliest_date", "latest_date"):
            out[column] = pd.NaT
    return pd.concat([frame, out], ignore_index=True)


def test_figureless_rows_never_crash_print_nan_or_make_an_agreement():
    base = _tables()
    for dated in (False, True):
        tables = {n: _figureless(f, dated) for n, f in base.items()}
        checks = consistency_of(tables)
        text = " ".join(checks["found"]) + " " + " ".join(checks["derived"])
        assert not re.search(r"\bnan\b|\binf\b", text, re.IGNORECASE), dated
        for row in checks.to_dict("records"):
            fake = [i for i in row["claim_ids"] if "-figureless-" in i]
            if row["kind"] in AGREEMENT:
                assert "figureless" not in row["sources"] or not fake, row["check_id"]
            if fake and len(fake) == len(row["claim_ids"]):
                assert row["kind"] in (NOT_COMPARED, "conflict", "arithmetic"), row["check_id"]
            if row["kind"] == "arithmetic" and not dated:
                assert not fake, row["check_id"]  # nothing to add or divide

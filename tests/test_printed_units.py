"""The unit check: a row's unit is what its figure prints, where a figure prints a unit."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from sino_russia_data.schemas.claim import MeasuredClaimModel
from sino_russia_data.texts.printed_units import EXEMPT, PRINTED, unit_printed
from sino_russia_data.vocabulary import UNIT

CURATION = Path(__file__).resolve().parents[1] / "docs" / "curation.md"


def test_every_unit_is_either_read_off_the_figure_or_exempt_and_documented():
    assert set(PRINTED) | set(EXEMPT) == set(UNIT)
    assert not set(PRINTED) & set(EXEMPT)
    guide = CURATION.read_text(encoding="utf-8")
    assert all(f"`{unit}`" in guide for unit in EXEMPT)


@pytest.mark.parametrize(
    ("unit", "fits", "misfits"),
    [
        ("percent", ["27%", "49 per cent", "less than 20 percent"], ["USD80 billion", "27"]),
        ("percent_change", ["+143%", "42.7 per cent"], ["five times", "USD15 billion"]),
        ("usd_billion", ["USD80 billion", r"\$25 billion", "53.6 billion"], ["80 billion yuan"]),
        ("usd_billion", ["over 150 billion dollars"], ["594 million dollars", "80%"]),
        ("usd_million", ["between USD550 million and USD700 million"], ["USD15 billion"]),
        ("times", ["five times", "nearly doubled"], ["five percent"]),
        ("years", ["30-year", "nearly a decade"], ["30 km"]),
        ("km", ["4,000-kilometer", "1,300 to 1,500 kilometres", "40 km"], ["4,000 miles"]),
        ("bcm", ["16 to 20 billion cubic metres", "20 bcm"], ["38 bcm a year", "20 tcf"]),
        ("bcm_per_year", ["38 billion cubic meters of gas per year"], ["38 bcm"]),
        ("tcf", ["1.9 trillion cubic feet"], ["1.9 billion cubic metres"]),
        ("million_tonnes", ["more than 25 million tons"], ["25 million dollars"]),
        ("billion_people", ["1.3 billion people"], ["1.3 million people"]),
        ("per_year", ["once or twice a year"], ["once or twice"]),
    ],
)
def test_figure_prints_its_unit(unit, fits, misfits):
    assert all(unit_printed(unit, figure) for figure in fits)
    assert not any(unit_printed(unit, figure) for figure in misfits)


def test_exempt_missing_and_unknown_units_are_left_to_other_checks():
    assert unit_printed("count", "27 trade contracts")
    assert unit_printed("rank", "largest customer")
    assert unit_printed(None, "USD80 billion")
    assert unit_printed("usd_bilion", "80%")  # the vocabulary check reports it


def test_the_model_checks_each_distinct_unit_and_figure():
    frame = pd.DataFrame(
        {
            "unit": ["percent", "percent", "usd_billion", None, "percent"],
            "figure": ["USD80 billion", "USD80 billion", "USD80 billion", "in 2014", "27%"],
            "inferred": [None] * 5,
        }
    )
    assert MeasuredClaimModel.unit_printed(frame).tolist() == [False, False, True, True, True]


def test_an_inferred_value_carries_an_inferred_unit():
    """'were about the same' read as 1 times (economy_and_diplomacy-cohen2014-025)."""
    frame = pd.DataFrame(
        {
            "unit": ["times", "times"],
            "figure": ["were about the same"] * 2,
            "inferred": ["value", None],
        }
    )
    assert MeasuredClaimModel.unit_printed(frame).tolist() == [True, False]

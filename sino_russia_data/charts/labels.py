"""Human labels for the slugs and codes a chart shows: exercises, projects, parties, flows
and the consistency rules (the key's words are in :mod:`.marks`). The one place a chart
gets these words from; ``tests/test_charts.py`` fails when a shipped slug has no label."""

from __future__ import annotations

EXERCISES: dict[str, str] = {
    "aerospace_security_2016": "Aerospace Security 2016",
    "great_stride_2009": "Great Stride 2009 (China)",
    "joint_bomber_patrol_2019": "Joint bomber patrol 2019",
    "joint_naval_drill_2013_sea_of_japan": "Joint naval drill 2013, Sea of Japan",
    "joint_naval_drill_2014_east_china_sea": "Joint naval drill 2014, East China Sea",
    "joint_naval_drill_2015_mediterranean": "Joint naval drill 2015, Mediterranean",
    "joint_naval_drill_2015_pacific": "Joint naval drill 2015, Pacific",
    "joint_naval_drills_2015": "Joint naval drills 2015",
    "joint_sea_land_exercises_since_2009": "Joint sea and land exercises since 2009",
    "maritime_cooperation_2012": "Maritime Cooperation 2012",
    "peace_mission_2005": "Peace Mission 2005",
    "peace_mission_exercises_2007_2014": "Peace Mission exercises, 2007–2014",
    "peace_mission_2007": "Peace Mission 2007",
    "peace_mission_2009": "Peace Mission 2009",
    "peace_mission_2010": "Peace Mission 2010",
    "peace_mission_2012": "Peace Mission 2012",
    "peace_mission_2013": "Peace Mission 2013",
    "peace_mission_2014": "Peace Mission 2014",
    "rimpac_2012": "RIMPAC 2012 (US-led)",
    "russia_largest_far_east_exercise": "Russia's largest Far East exercise",
    "senkaku_diaoyu_joint_sailing_2016": "Senkaku/Diaoyu joint sailing 2016",
    "us_philippines_amphibious_exercise_2012": "US–Philippines amphibious exercise 2012",
}

PROJECTS: dict[str, str] = {
    "altai_western_route": "Altai (western route) pipeline",
    "india_nuclear_power_plants": "Nuclear power plants for India",
    "power_of_siberia_eastern_route": "Power of Siberia (eastern route)",
    "russia_china_gas_supply": "Russian gas supply to China",
    "sakhalin_japan_pipeline": "Sakhalin–Japan pipeline",
    "vietnam_offshore_blocks": "Vietnam offshore blocks",
    "vladivostok_lng": "Vladivostok LNG plant",
}

PARTIES: dict[str, str] = {
    "RUS": "Russia",
    "CHN": "China",
    "USA": "United States",
    "IND": "India",
    "IRN": "Iran",
    "VNM": "Vietnam",
    "EUROPE": "Europe",
    "EU": "the EU",
    "WORLD": "the world",
}

FLOWS: dict[str, str] = {
    "turnover": "Turnover (exports + imports)",
    "exports": "Russia's exports to China",
    "imports": "Russia's imports from China",
}

RULES: dict[str, str] = {
    "disputed_readings": "One thing read two ways",
    "first_exercise_has_earlier_one": "A 'first' exercise with an earlier one",
    "restated_claim": "One text states one thing with two dates",
    "sale_discussed_after_sold": "A sale 'in discussion' after it was announced",
    "same_arms_quantity": "One arms sale, different dates",
    "same_exercises_quantity": "One exercise, different figures",
    "same_gas_quantity": "One gas figure, different values",
    "same_trade_quantity": "One trade figure, different values",
}


def human(slug: object, labels: dict[str, str]) -> str:
    """The reader's label of ``slug``; a slug no table has labelled yet is shown with its
    underscores as spaces and a capital (never as a raw slug)."""
    text = str(slug)
    return labels.get(text) or text.replace("_", " ").capitalize()

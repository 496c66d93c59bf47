"""The shipped data validates, its raw texts are the curated ones, its figures are there."""

from __future__ import annotations

import hashlib

import pandas as pd

import sino_russia_data as srd
from sino_russia_data.paths import default_data_dir


def test_shipped_data_validates(cli):
    run = cli("validate")
    assert run.code == 0, run.err
    assert "validate: OK" in run.out


def test_report_has_no_problems(shipped_report):
    assert shipped_report.ok, shipped_report.problems


def test_raw_texts_match_their_recorded_sha256():
    raw = default_data_dir() / "raw"
    srcs = srd.sources()
    assert len(srcs) == 5
    for raw_file, digest in zip(srcs["raw_file"], srcs["sha256"], strict=True):
        assert hashlib.sha256((raw / raw_file).read_bytes()).hexdigest() == digest
    assert sorted(p.name for p in raw.iterdir()) == sorted(srcs["raw_file"])


def test_sources_say_what_they_do_not_know():
    srcs = srd.sources().set_index("source_id")
    anon = srcs.loc["unattributed2015"]
    assert pd.isna(anon["title"]) and pd.isna(anon["authors"])
    assert anon["date_basis"] == "inferred" and "April 2015" in anon["metadata_note"]
    fall = srcs.loc["blank2016"]
    assert fall["date_as_printed"] == "Fall 2016" and fall["date_precision"] == "season"
    broken = srcs.loc["gabuev2020"]
    assert " " in broken["url_as_printed"] and " " not in broken["url"]
    assert "reproduced" in srcs.loc["kimblank2013", "rights"]


def test_trade_has_every_trade_figure():
    trade = srd.trade()
    assert len(trade) >= 23
    row = trade.set_index("claim_id").loc["trade-kimblank2013-001"]
    assert (row["value"], row["unit"], row["qualifier"], row["hedge"]) == (
        80.0,
        "usd_billion",
        "upper_bound",
        "almost",
    )
    assert row["period_start"] == pd.Timestamp("2012-01-01")
    target = trade.set_index("claim_id").loc["trade-kimblank2013-007"]
    assert (target["value"], target["status"]) == (200.0, "target")

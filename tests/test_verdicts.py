"""Remembered verdicts: unchanged data loads without re-validating (and without pandera);
any changed byte, or a changed model export, means validating again."""

from __future__ import annotations

import os
import subprocess
import sys

import pandas as pd
import pytest

import sino_russia_data as srd
from sino_russia_data import registry
from sino_russia_data.checking import verdicts
from tests.conftest import edit_cell

LOAD = (
    "import sys, sino_russia_data as srd; n = len(srd.claims({d!r})); "
    "print(n, 'pandera' in sys.modules)"
)


def fresh_process(data_dir, cache):
    env = {**os.environ, "SINO_RUSSIA_DATA_CACHE": str(cache)}
    out = subprocess.run(
        [sys.executable, "-c", LOAD.format(d=str(data_dir))],
        capture_output=True,
        text=True,
        env=env,
        check=True,
    )
    count, imported = out.stdout.split()
    return int(count), imported == "True"


def test_second_fresh_load_skips_pandera(data_copy, tmp_path):
    cache = tmp_path / "cache"
    first = fresh_process(data_copy, cache)
    second = fresh_process(data_copy, cache)
    assert first[0] == second[0] > 100
    assert first[1] is True  # validated
    assert second[1] is False  # remembered verdict: pandas only


def test_remembered_frames_equal_validated_frames(data_copy, tmp_path, monkeypatch):
    monkeypatch.setenv("SINO_RUSSIA_DATA_CACHE", str(tmp_path / "cache"))
    report = srd.validate(data_copy)
    assert report.ok
    assert verdicts.load_valid(data_copy) is None
    verdicts.record_valid(report)
    remembered = verdicts.load_valid(data_copy)
    assert remembered is not None
    for table in registry.tables():
        pd.testing.assert_frame_equal(
            remembered[table.name][table.columns], report.frames[table.name][table.columns]
        )


def test_a_changed_byte_invalidates_the_verdict(data_copy, tmp_path, monkeypatch):
    monkeypatch.setenv("SINO_RUSSIA_DATA_CACHE", str(tmp_path / "cache"))
    verdicts.record_valid(srd.validate(data_copy))
    assert verdicts.load_valid(data_copy) is not None
    edit_cell(data_copy, "trade", "trade-kimblank2013-004", "value", "16")
    assert verdicts.load_valid(data_copy) is None
    with pytest.raises(srd.DataValidationError, match="not printed in the figure"):
        srd.trade(data_copy)
    raw = data_copy / "raw" / "000_04caeaef838a5cac.txt"
    raw.write_bytes(raw.read_bytes() + b" ")
    assert verdicts.load_valid(data_copy) is None


def test_unwritable_cache_means_validating_every_time(data_copy, tmp_path, monkeypatch):
    blocker = tmp_path / "file"
    blocker.write_text("not a directory")
    monkeypatch.setenv("SINO_RUSSIA_DATA_CACHE", str(blocker / "cache"))
    verdicts.record_valid(srd.validate(data_copy))  # no error
    assert verdicts.load_valid(data_copy) is None

"""Remembered verdicts: unchanged data loads without re-validating (and without pandera);
any changed byte, a changed validator, or a verdict whose content does not match means
validating again. The shipped data's seal is trusted for the shipped data only."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

import sino_russia_data as srd
from sino_russia_data import registry
from sino_russia_data.checking import verdicts
from sino_russia_data.paths import default_data_dir
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


def _bad_copy(data_copy):
    edit_cell(data_copy, "trade", "trade-kimblank2013-004", "value", "16")
    return data_copy


def _key_of(data_dir):
    digests = {
        t.file: hashlib.sha256((data_dir / t.file).read_bytes()).hexdigest()
        for t in registry.tables()
    }
    return verdicts._key(verdicts.validator_hash(), digests)


def test_an_empty_verdict_named_after_bad_data_does_not_make_it_load(
    data_copy, tmp_path, monkeypatch
):
    cache = tmp_path / "cache"
    monkeypatch.setenv("SINO_RUSSIA_DATA_CACHE", str(cache))
    bad = _bad_copy(data_copy)
    (cache / "verdicts").mkdir(parents=True)
    (cache / "verdicts" / f"{_key_of(bad)}.json").write_text("")
    assert verdicts.load_valid(bad) is None
    with pytest.raises(srd.DataValidationError, match="not printed in the figure"):
        srd.trade(bad)


def test_a_verdict_for_other_bytes_under_bad_datas_name_is_ignored(
    data_copy, tmp_path, monkeypatch
):
    cache = tmp_path / "cache"
    monkeypatch.setenv("SINO_RUSSIA_DATA_CACHE", str(cache))
    verdicts.record_valid(srd.validate(data_copy))
    (good,) = (cache / "verdicts").iterdir()
    bad = _bad_copy(data_copy)
    good.rename(cache / "verdicts" / f"{_key_of(bad)}.json")  # a well-formed, foreign verdict
    assert verdicts.load_valid(bad) is None


def test_a_csv_swapped_after_validating_leaves_no_verdict_for_it(data_copy, tmp_path, monkeypatch):
    monkeypatch.setenv("SINO_RUSSIA_DATA_CACHE", str(tmp_path / "cache"))
    report = srd.validate(data_copy)  # validates the good bytes
    assert report.ok
    _bad_copy(data_copy)  # swapped before the verdict is recorded
    verdicts.record_valid(report)
    assert verdicts.load_valid(data_copy) is None
    with pytest.raises(srd.DataValidationError):
        srd.trade(data_copy)


def test_a_failing_report_records_nothing(data_copy, tmp_path, monkeypatch):
    cache = tmp_path / "cache"
    monkeypatch.setenv("SINO_RUSSIA_DATA_CACHE", str(cache))
    report = srd.validate(_bad_copy(data_copy))
    verdicts.record_valid(report)
    assert not (cache / "verdicts").exists()
    with pytest.raises(ValueError):
        verdicts.sealed_text(report)


def test_a_changed_validator_ignores_old_verdicts(data_copy, tmp_path, monkeypatch):
    monkeypatch.setenv("SINO_RUSSIA_DATA_CACHE", str(tmp_path / "cache"))
    verdicts.record_valid(srd.validate(data_copy))
    assert verdicts.load_valid(data_copy) is not None
    monkeypatch.setattr(verdicts, "validating_code_hash", lambda: "a stricter validator")
    assert verdicts.load_valid(data_copy) is None
    monkeypatch.undo()
    monkeypatch.setenv("SINO_RUSSIA_DATA_CACHE", str(tmp_path / "cache"))
    monkeypatch.setattr(verdicts, "version", lambda name: "0.0-other")  # another pandera
    assert verdicts.load_valid(data_copy) is None


def test_only_the_files_validation_reads_are_read(data_copy, tmp_path, monkeypatch):
    monkeypatch.setenv("SINO_RUSSIA_DATA_CACHE", str(tmp_path / "cache"))
    outside = tmp_path / "outside.bin"
    outside.write_bytes(b"\0" * 1024)
    (data_copy / "raw" / "stray.bin").write_bytes(b"\0" * 1024)
    (data_copy / "raw" / "link.txt").symlink_to(outside)
    read = []
    original = Path.read_bytes

    def spy(self):
        read.append(self.name)
        return original(self)

    monkeypatch.setattr(Path, "read_bytes", spy)
    report = srd.validate(data_copy)
    verdicts.record_valid(report)
    assert verdicts.load_valid(data_copy) is not None
    assert report.ok
    assert not {"stray.bin", "link.txt", "outside.bin"} & set(read)


def test_the_seal_is_trusted_only_for_the_shipped_data(data_copy, tmp_path, monkeypatch):
    monkeypatch.setenv("SINO_RUSSIA_DATA_CACHE", str(tmp_path / "cache"))
    assert (data_copy / verdicts.SEAL).is_file()  # copied with the data, never consulted
    assert verdicts.load_valid(data_copy) is None
    shipped = default_data_dir()
    assert verdicts.load_valid(shipped) is not None  # the seal, with an empty cache
    assert (shipped / verdicts.SEAL).read_text() == verdicts.seal_text(shipped)


def test_a_first_load_of_the_shipped_data_does_not_validate(tmp_path):
    env = {**os.environ, "SINO_RUSSIA_DATA_CACHE": str(tmp_path / "empty-cache")}
    code = (
        "import sys, sino_russia_data as srd; n = len(srd.claims()); "
        "print(n, 'sino_russia_data.checking.validation' in sys.modules)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True
    )
    assert out.stdout.split() == [str(len(srd.claims())), "False"]


def test_the_validating_code_is_every_layer_up_to_checking():
    """What the verdict's code hash covers is exactly what validation can import."""
    from tests.test_architecture import LAYERS

    up_to_checking = [m for layer in LAYERS[: LAYERS.index(("checking",)) + 1] for m in layer]
    assert sorted(verdicts.VALIDATING) == sorted(up_to_checking)

"""Shared fixtures: a private copy of the shipped data, CSV editing, and the CLI runner."""

from __future__ import annotations

import csv
import os
import shutil
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

import sino_russia_data as srd
from sino_russia_data.cli import main
from sino_russia_data.paths import default_data_dir

# Remembered validation verdicts go to a private folder for the test run, never ~/.cache.
os.environ.setdefault("SINO_RUSSIA_DATA_CACHE", tempfile.mkdtemp(prefix="srd-verdicts-"))
# A bug raises in the tests (the command line would print one line and exit 70): a test
# expecting a non-zero exit for bad data must not pass on an internal error.
os.environ["SINO_RUSSIA_DATA_TRACEBACK"] = "1"


@dataclass
class Run:
    code: int
    out: str
    err: str


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    """A writable copy of the shipped data directory (raw/ and curated/)."""
    target = tmp_path / "data"
    shutil.copytree(default_data_dir(), target)
    return target


def read_rows(path: Path) -> list[dict[str, str]]:
    with path.open(newline="", encoding="utf-8-sig") as fh:
        return list(csv.DictReader(fh))


def write_rows(path: Path, rows: list[dict[str, str]], fieldnames: list[str] | None = None) -> None:
    names = fieldnames or list(rows[0])
    with path.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, fieldnames=names, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def edit_cell(data_dir: Path, table: str, row_id: str, column: str, value: str) -> dict[str, str]:
    """Set one cell of the row whose first column is ``row_id``; return the edited row."""
    path = data_dir / "curated" / f"{table}.csv"
    rows = read_rows(path)
    key = next(iter(rows[0]))
    (row,) = [r for r in rows if r[key] == row_id]
    row[column] = value
    write_rows(path, rows)
    return row


@pytest.fixture
def cli(capsys: pytest.CaptureFixture[str]) -> Callable[..., Run]:
    """Run the command line in-process; returns exit code, stdout and stderr."""

    def run(*args: str) -> Run:
        code = main(list(args))
        captured = capsys.readouterr()
        return Run(code, captured.out, captured.err)

    return run


@pytest.fixture(scope="session")
def shipped_report():  # type: ignore[no-untyped-def]
    """One full validation of the shipped data (no remembered verdict), per test worker:
    the tests that read its report or frames share it."""
    report = srd.validate()
    assert report.ok, report.problems
    return report


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The reader site of the shipped data, written once per test run by the CLI.

    The pytest-xdist workers share one build (the first takes a lock and builds, the others
    wait and reuse it). The committed charts are copied, not re-rendered: test_charts.py
    covers the rendering."""
    import fcntl

    base = tmp_path_factory.getbasetemp()
    shared = base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base  # one per run
    out = shared / "reader-site"
    with (shared / "reader-site.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not (out / "index.html").is_file():
            charts = Path(__file__).resolve().parents[1] / "charts"
            assert main(["site", "--out", str(out), "--charts-from", str(charts)]) == 0
    return out


CHROMIUM = os.environ.get("SRD_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="session")
def browser():  # type: ignore[no-untyped-def]
    """Headless Chromium from the system packages, driven by Playwright, once per session.

    Without Chromium (or the playwright package) the browser tests skip, saying how to
    install it; with SRD_REQUIRE_BROWSER=1 (set by .ci/run) they fail instead."""
    required = os.environ.get("SRD_REQUIRE_BROWSER") == "1"
    how = (
        "the browser tests need Chromium: apt-get install -y chromium chromium-driver "
        "(and pip install -e '.[test]' for playwright)"
    )
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        (pytest.fail if required else pytest.skip)(how)
    if not Path(CHROMIUM).is_file():
        (pytest.fail if required else pytest.skip)(f"{CHROMIUM} is missing; {how}")
    with sync_playwright() as driver:
        chromium = driver.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        try:
            yield chromium
        finally:
            chromium.close()

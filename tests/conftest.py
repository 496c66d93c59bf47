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

from sino_russia_data.cli import main
from sino_russia_data.paths import default_data_dir

# Remembered validation verdicts go to a private folder for the test run, never ~/.cache.
os.environ.setdefault("SINO_RUSSIA_DATA_CACHE", tempfile.mkdtemp(prefix="srd-verdicts-"))


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

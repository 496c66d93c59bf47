"""Remembered validation verdicts: loading data proven valid before skips re-validating.

What a verdict trusts, and why it cannot change an answer:

- A verdict is a small JSON document naming the *validator* (:func:`validator_hash`: the
  SHA-256 of the validating code (:data:`VALIDATING`: texts, schemas, registry,
  checking and what they import), the list of published claim ids and the
  versions of pandas, pandera and pyarrow) and the SHA-256 of *exactly the bytes a passing
  validation read*: each table's CSV and each raw text ``sources.csv`` names (nothing else
  under ``raw/`` is ever read). It is written only from a passing
  :class:`~sino_russia_data.checking.validation.Report`, from the digests of the bytes
  that run validated (never recomputed afterwards), atomically.
- A load reads each file's bytes once, hashes them, and uses a verdict only when its
  content states this very validator and these very digests; then it parses the tables
  from those same bytes. An empty, truncated, foreign or stale verdict is ignored: the
  data is validated in full. So a verdict only ever skips work, never changes an answer:
  the frames returned are the ones a full validation of those bytes by this code returns.
- Two places hold verdicts. The cache folder (:func:`~sino_russia_data.paths.cache_dir`,
  ``verdicts/<key>.json``) holds the verdicts of any data directory; where it cannot be
  written, nothing is remembered. The shipped data carries its own verdict, ``seal.json``,
  written by ``sino-russia-data generate`` only after a full passing validation and
  checked fresh by the test suite (which also validates the shipped data in full); it is
  consulted only for the shipped data directory, so a first load of the shipped data
  needs no pandera.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd

from ..files import write_atomically
from ..paths import (
    PUBLISHED_CLAIM_IDS,
    cache_dir,
    default_data_dir,
    source_hash,
)
from ..paths import library_version as version  # looked up once per process
from ..registry import tables
from .csv_reading import read_typed

if TYPE_CHECKING:
    from .validation import Report

SEAL = "seal.json"  # the shipped data's own verdict, beside curated/ and raw/


# The modules that decide a verdict: the layers up to and including checking/
# (tests/test_architecture.py proves that they import nothing above them).
VALIDATING = (
    "_version",
    "paths",
    "files",
    "vocabulary",
    "texts",
    "schemas",
    "registry",
    "checking",
)


def validating_code_hash() -> str:
    """SHA-256 of the source of the :data:`VALIDATING` modules (``*.py``)."""
    return source_hash(frozenset(VALIDATING))


def validator_hash() -> str:
    """SHA-256 of everything that decides a verdict besides the data: the validating code,
    the published claim ids and the versions of the libraries that read and check."""
    digest = hashlib.sha256(validating_code_hash().encode())
    digest.update(hashlib.sha256(PUBLISHED_CLAIM_IDS.read_bytes()).digest())
    for name in ("pandas", "pandera", "pyarrow"):
        digest.update(f"\0{name}={version(name)}".encode())
    return digest.hexdigest()


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _render(validator: str, digests: dict[str, str]) -> str:
    body = {"validator": validator, "files": dict(sorted(digests.items()))}
    return json.dumps(body, indent=1) + "\n"


def _key(validator: str, table_digests: dict[str, str]) -> str:
    text = validator + "".join(f"\0{f}\0{d}" for f, d in sorted(table_digests.items()))
    return _sha256(text.encode())


def sealed_text(report: Report) -> str:
    """The verdict of a passing validation: its validator and the digests of the bytes it
    read (never recomputed from the files afterwards)."""
    if not report.ok:
        raise ValueError("only a passing validation has a verdict")
    return _render(validator_hash(), report.digests)


def record_valid(report: Report) -> None:
    """Remember a passing validation (a ``Report``), by the digests of the bytes it read.

    Silently skipped where the cache cannot be written; refused for a failing report."""
    if not report.ok:
        return
    validator = validator_hash()
    digests = report.digests
    table_digests = {t.file: digests[t.file] for t in tables() if t.file in digests}
    if len(table_digests) != len(tables()):
        return
    path = cache_dir() / "verdicts" / f"{_key(validator, table_digests)}.json"
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomically(path, sealed_text(report))
    except OSError:
        pass


def fingerprint(data_dir: Path) -> str:
    """SHA-256 naming this validator and the exact bytes of the tables of ``data_dir`` (the
    key a verdict for them is stored under); exports carry it to say which data they hold."""
    data = _read_tables(data_dir) or {}
    return _key(validator_hash(), {f: _sha256(b) for f, b in data.items()})


def _read_tables(data_dir: Path) -> dict[str, bytes] | None:
    out = {}
    for table in tables():
        try:
            out[table.file] = (data_dir / table.file).read_bytes()
        except OSError:
            return None
    return out


def _confirms(text: str | None, expected: str, data_dir: Path) -> bool:
    """Does a verdict's text state exactly ``expected`` (validator and table digests), and do
    the raw texts it names still hash as it says?"""
    if text is None:
        return False
    try:
        body = json.loads(text)
        files = body["files"]
        raw = {f: d for f, d in files.items() if f.startswith("raw/")}
        if _render(body["validator"], {f: d for f, d in files.items() if f not in raw}) != expected:
            return False
        return all(
            (data_dir / f).parent == data_dir / "raw" and _sha256((data_dir / f).read_bytes()) == d
            for f, d in raw.items()
        )
    except (ValueError, KeyError, TypeError, AttributeError, OSError):
        return False


def _text(path: Path) -> str | None:
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None


def load_valid(data_dir: Path) -> dict[str, pd.DataFrame] | None:
    """The typed tables of ``data_dir`` if these exact bytes passed this validator before."""
    data = _read_tables(data_dir)
    if data is None:
        return None
    validator = validator_hash()
    table_digests = {f: _sha256(b) for f, b in data.items()}
    expected = _render(validator, table_digests)
    sealed = data_dir == default_data_dir() and _confirms(
        _text(data_dir / SEAL), expected, data_dir
    )
    if not sealed:
        key = _key(validator, table_digests)
        if not _confirms(_text(cache_dir() / "verdicts" / f"{key}.json"), expected, data_dir):
            return None
    frames = {}
    for table in tables():
        typed = read_typed(data[table.file], table.columns, table.kinds)
        if typed is None:
            return None  # cannot happen for bytes that passed; validate again to say why
        frames[table.name] = typed
    return frames


def seal_text(data_dir: Path) -> str:
    """The seal ``data_dir`` would carry: the validator and the digests of its tables and of
    the raw texts its ``sources.csv`` names. Write it only after a passing validation."""
    import csv
    import io

    data = _read_tables(data_dir) or {}
    digests = {f: _sha256(b) for f, b in data.items()}
    sources = next((t.file for t in tables() if t.name == "sources"), None)
    if sources in data:
        for row in csv.DictReader(io.StringIO(data[sources].decode("utf-8-sig"))):
            path = data_dir / "raw" / (row.get("raw_file") or "")
            if path.is_file() and path.parent == data_dir / "raw":
                digests[f"raw/{path.name}"] = _sha256(path.read_bytes())
    return _render(validator_hash(), digests)

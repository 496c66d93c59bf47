"""Remembered validation verdicts, so that loading unchanged data skips re-validation.

A verdict is recorded only after a full validation passes. It is keyed by a fingerprint:
the SHA-256 of the package version, the Table Schema the models export
(``datapackage.json``) and the bytes of every file under ``curated/`` and ``raw/``. Change
one byte of the data, or the models, and the fingerprint changes, so the data is validated
again. With a recorded verdict, :func:`load_valid` reads the tables with pandas only
(column types from the Table Schema), without importing pandera.

The verdicts live in ``$SINO_RUSSIA_DATA_CACHE``, else ``$XDG_CACHE_HOME/sino-russia-data``,
else ``~/.cache/sino-russia-data``; where that cannot be written, nothing is remembered and
every load validates.
"""

from __future__ import annotations

import hashlib
import json
import os
from functools import cache
from pathlib import Path
from typing import Any

import pandas as pd

from ._version import __version__
from .coercion import coerce
from .csv_reading import read_strict
from .paths import default_data_dir


def cache_dir() -> Path:
    explicit = os.environ.get("SINO_RUSSIA_DATA_CACHE")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "sino-russia-data"


@cache
def table_schema() -> dict[str, Any]:
    """The package's own Table Schema (generated from the models, tested to be fresh)."""
    text = (default_data_dir() / "datapackage.json").read_text(encoding="utf-8")
    return dict(json.loads(text))


def fingerprint(data_dir: Path) -> str:
    digest = hashlib.sha256()
    digest.update(__version__.encode())
    digest.update(json.dumps(table_schema(), sort_keys=True).encode())
    for folder in ("curated", "raw"):
        for path in sorted((data_dir / folder).iterdir()):
            if path.is_file():
                digest.update(f"{folder}/{path.name}\0".encode())
                digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def _verdict_path(data_dir: Path) -> Path:
    return cache_dir() / "verdicts" / fingerprint(data_dir)


def record_valid(data_dir: Path) -> None:
    """Remember that this exact data passed validation (silently skipped if unwritable)."""
    try:
        path = _verdict_path(data_dir)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(str(data_dir) + "\n", encoding="utf-8")
    except OSError:
        pass


def load_valid(data_dir: Path) -> dict[str, pd.DataFrame] | None:
    """The typed tables of ``data_dir`` if this exact data passed validation before."""
    try:
        if not _verdict_path(data_dir).is_file():
            return None
    except OSError:
        return None
    frames = {}
    for resource in table_schema()["resources"]:
        fields = resource["schema"]["fields"]
        raw, problems = read_strict(
            data_dir / resource["path"], resource["path"], [f["name"] for f in fields]
        )
        if raw is None or problems:
            return None  # cannot happen for data that passed; validate again to say why
        typed, failures = coerce(raw.frame, {f["name"]: f["type"] for f in fields})
        if failures:
            return None
        frames[resource["name"]] = typed.reset_index(drop=True)
    return frames


def claim_table_names() -> list[str]:
    """The claim tables, in order: the resources keyed by claim_id."""
    return [
        r["name"] for r in table_schema()["resources"] if r["schema"]["primaryKey"] == ["claim_id"]
    ]

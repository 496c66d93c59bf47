"""Remembered validation verdicts, so that loading unchanged data skips re-validation.

A verdict is recorded only after a full validation passes. It is keyed by a fingerprint:
the SHA-256 of the package version, the package's own source code
(:func:`~sino_russia_data.paths.package_code_hash`: the models, the checks and the
validator) and the bytes of every file under ``curated/`` and ``raw/``. Change one byte of
the data or of the code, and the fingerprint changes, so the data is validated again.
With a recorded verdict, :func:`load_valid` reads the tables with pandas only (column
types from the registry's cached facts), without importing pandera.

The verdicts live in the cache folder (:func:`~sino_russia_data.paths.cache_dir`); where
that cannot be written, nothing is remembered and every load validates.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import pandas as pd

from .._version import __version__
from ..paths import cache_dir, package_code_hash
from ..registry import tables
from .coercion import coerce
from .csv_reading import read_strict


def fingerprint(data_dir: Path) -> str:
    digest = hashlib.sha256()
    digest.update(__version__.encode() + b"\0" + package_code_hash().encode())
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
    for table in tables():
        raw, problems = read_strict(data_dir / table.file, table.file, table.columns)
        if raw is None or problems:
            return None  # cannot happen for data that passed; validate again to say why
        typed, failures = coerce(raw.frame, table.kinds)
        if failures:
            return None
        frames[table.name] = typed.reset_index(drop=True)
    return frames

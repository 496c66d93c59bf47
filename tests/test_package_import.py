"""Importing the package is cheap; its version is the changelog's."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_import_loads_no_pandas_pandera_or_matplotlib():
    code = (
        "import sys, sino_russia_data as srd; "
        "print(srd.__version__); "
        "print(sorted(m for m in ('pandas', 'pandera', 'matplotlib') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.splitlines()[1] == "[]"


def test_version_is_in_changelog():
    import sino_russia_data as srd

    changelog = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    assert f"## {srd.__version__}" in changelog

"""Where the data lives: inside the installed package, or at the top of a source checkout."""

from __future__ import annotations

from pathlib import Path

_PACKAGE_DIR = Path(__file__).resolve().parent


def default_data_dir() -> Path:
    """The shipped data: ``sino_russia_data/data`` in a wheel, ``data/`` in a checkout."""
    for candidate in (_PACKAGE_DIR / "data", _PACKAGE_DIR.parent / "data"):
        if (candidate / "curated").is_dir() and (candidate / "raw").is_dir():
            return candidate
    raise FileNotFoundError(
        "sino_russia_data cannot find its data: expected data/raw and data/curated next to "
        f"the package ({_PACKAGE_DIR})"
    )


def resolve_data_dir(data_dir: str | Path | None) -> Path:
    return default_data_dir() if data_dir is None else Path(data_dir).resolve()

"""Where the data lives: inside the installed package, or at the top of a source checkout."""

from __future__ import annotations

from functools import cache
from pathlib import Path

_PACKAGE_DIR = Path(__file__).resolve().parent
# Every claim id ever published; validation refuses data from which one has disappeared.
PUBLISHED_CLAIM_IDS = _PACKAGE_DIR / "published_claim_ids.txt"


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


def cache_dir() -> Path:
    """Where caches live: ``$SINO_RUSSIA_DATA_CACHE``, else ``$XDG_CACHE_HOME/sino-russia-data``,
    else ``~/.cache/sino-russia-data``. A cache only ever skips work."""
    import os

    explicit = os.environ.get("SINO_RUSSIA_DATA_CACHE")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "sino-russia-data"


@cache
def library_version(name: str) -> str:
    """The installed version of distribution ``name`` ("?" if not installed), looked up
    once per process: the imported module's ``__version__`` when it is imported already,
    else the installed metadata (a lookup scans it: milliseconds)."""
    import sys

    imported = getattr(sys.modules.get(name), "__version__", None)
    if isinstance(imported, str):
        return imported
    found = _dist_info_version(name)
    if found is not None:
        return found
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(name)
    except PackageNotFoundError:
        return "?"


def _dist_info_version(name: str) -> str | None:
    """The ``Version:`` of the first ``<name>-*.dist-info/METADATA`` on ``sys.path`` (what
    importlib.metadata reads, without importing it and the email parser: milliseconds
    at start-up); None when there is none (then importlib.metadata decides)."""
    import sys

    for entry in sys.path:
        for info in sorted(Path(entry or ".").glob(f"{name}-[0-9]*.dist-info")):
            try:
                with (info / "METADATA").open(encoding="utf-8") as fh:
                    for line in fh:
                        if line.startswith("Version:"):
                            return line.split(":", 1)[1].strip()
                        if not line.strip():
                            break  # the headers end at the first blank line
            except OSError:
                continue
    return None


def package_code_hash() -> str:
    """SHA-256 over the package's own Python source (every ``*.py`` under the package).

    Caches key on it, so that changing one byte of a model, a check or the validator
    invalidates everything derived from the old code."""
    return source_hash(None)


def source_hash(top_level: frozenset[str] | None) -> str:
    """SHA-256 over the package's ``*.py`` files whose first path part (a module or
    subpackage name, without ``.py``) is in ``top_level`` (None: every file)."""
    import hashlib

    digest = hashlib.sha256()
    for relative, file_digest in _source_digests():
        if top_level is None or relative.split("/")[0].removesuffix(".py") in top_level:
            digest.update(relative.encode() + b"\0")
            digest.update(file_digest)
    return digest.hexdigest()


@cache
def _source_digests() -> tuple[tuple[str, bytes], ...]:
    """(path relative to the package, SHA-256 of its bytes) per ``*.py`` file, sorted; read
    once per process (code edited in a running process is not reloaded either)."""
    import hashlib

    return tuple(
        (path.relative_to(_PACKAGE_DIR).as_posix(), hashlib.sha256(path.read_bytes()).digest())
        for path in sorted(_PACKAGE_DIR.rglob("*.py"))
    )

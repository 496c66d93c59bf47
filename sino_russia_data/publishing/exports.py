"""Export the validated tables: the dispatch from a format's name to its writer.

Each format is a module of this package with ``write(frames, out, data_dir) -> paths``:

- ``parquet`` (:mod:`.parquet`): a directory with one ``<table>.parquet`` per table plus
  ``claims.parquet``, each carrying its field and schema metadata;
- ``sqlite`` (:mod:`.sqlite`): a Datasette-ready database with the models' constraints,
  full-text search on every table and ``<name>.metadata.json`` beside it;
- ``xlsx`` (:mod:`.xlsx`): a workbook with a README sheet, then a sheet per table;
- ``annotations`` (:mod:`.annotations`): every claim and exclusion as a W3C Web Annotation
  anchored in its raw text, one JSON-LD ``AnnotationCollection``.

A new format is one module and one entry of :data:`WRITERS`. ``frames`` are the loaders'
typed frames (the same as ``srd.load(name)``) plus ``claims``; every file is written
atomically.
"""

from __future__ import annotations

from importlib import import_module
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..registry import tables

if TYPE_CHECKING:
    import pandas as pd

# format name -> module of this package that writes it
WRITERS: dict[str, str] = {"parquet": "parquet", "sqlite": "sqlite", "xlsx": "xlsx"}
FORMATS = (*WRITERS, "annotations")


def frames(data_dir: Any = None) -> dict[str, pd.DataFrame]:
    """Every table as its loader gives it, then ``claims``; raises DataValidationError."""
    from .. import loaders

    out = {t.name: loaders.load(t.name, data_dir) for t in tables()}
    out["claims"] = loaders.claims(data_dir)
    return out


def export(fmt: str, out: Path, data_dir: Any = None) -> list[Path]:
    """Write every table in ``fmt`` to ``out``; returns the paths written."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown export format {fmt!r}; formats are {', '.join(FORMATS)}")
    if fmt == "annotations":  # anchored in the raw texts, not in the frames
        from .annotations import write

        return [write(out, data_dir)]
    writer = import_module(f"{__package__}.{WRITERS[fmt]}")
    paths: list[Path] = writer.write(frames(data_dir), out, data_dir)
    return paths

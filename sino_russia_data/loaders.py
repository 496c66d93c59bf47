"""The public loaders: validated, typed DataFrames of each table, and all claims in one.

There is one loader per table of the registry (``srd.trade()``, ``srd.gas()`` ...), made
from the table's model with its columns documented in the docstring, plus
:func:`load` (any table by name), :func:`tables` (what there is) and :func:`claims`.

Each loader returns only data that passed the full validation (every table, every check)
and raises :class:`DataValidationError` with the citing report when the data is wrong.
A passing verdict is remembered by the data's fingerprint (:mod:`.checking.verdicts`), so
a fresh process loading unchanged data reads it with pandas alone and does not import
pandera. Results are cached per process and data directory; callers get copies, so
editing a returned frame never changes a later load.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache, lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pandas as pd

from . import registry
from .checking import verdicts
from .checking.report import DataValidationError
from .paths import resolve_data_dir

if TYPE_CHECKING:
    from .checking.validation import Report


@lru_cache(maxsize=8)
def _valid_frames(data_dir: Path) -> dict[str, pd.DataFrame]:
    remembered = verdicts.load_valid(data_dir)
    if remembered is not None:
        return remembered
    from .checking.validation import validate as validate_dir

    report = validate_dir(data_dir)
    if not report.ok:
        raise DataValidationError(report.grouped)
    verdicts.record_valid(data_dir)
    return report.frames


def validate(data_dir: str | Path | None = None) -> Report:
    """Validate every table of ``data_dir`` (default: the shipped data); never raises for
    bad data: the returned report lists the problems (``report.ok`` is True when none)."""
    from .checking.validation import validate as validate_dir

    return validate_dir(resolve_data_dir(data_dir))


def load(name: str, data_dir: str | Path | None = None) -> pd.DataFrame:
    """The validated table called ``name`` (see :func:`tables`); same as ``srd.<name>()``."""
    registry.table(name)  # a KeyError naming the tables there are
    return _valid_frames(resolve_data_dir(data_dir))[name].copy()


def tables() -> pd.DataFrame:
    """The tables there are: name, title, file, whether it holds claims, description."""
    rows = [
        {
            "name": t.name,
            "title": t.title,
            "file": t.file,
            "claims": t.is_claim_table,
            "description": t.description,
        }
        for t in registry.tables()
    ]
    return pd.DataFrame(rows)


def claims(data_dir: str | Path | None = None) -> pd.DataFrame:
    """Every claim of every table in one long frame, with the table it comes from."""
    columns = registry.claim_columns()
    parts = []
    for table in registry.claim_tables():
        frame = load(table.name, data_dir)
        frame.insert(1, "table", table.name)
        parts.append(frame[columns])
    out = pd.concat(parts, ignore_index=True)
    out["table"] = out["table"].astype("str")
    return out


def _docstring(table: registry.Table) -> str:
    """The loader's docstring: the table's description and a table of its columns."""
    width = max(len(f.name) for f in table.fields) + 2
    lines = [
        f"{table.description}",
        "",
        f"Reads ``{table.file}``, validated; raises DataValidationError when it is wrong.",
        "",
        "Columns",
        "-------",
    ]
    for f in table.fields:
        required = "" if f.required else ", may be empty"
        lines.append(f"{f.name:<{width}}{f.type}{required}: {f.title}. {f.description}")
    return "\n".join(lines)


@cache
def loader(name: str) -> Callable[..., pd.DataFrame]:
    """The loader function of table ``name`` (``srd.<name>``), with its generated docstring."""
    table = registry.table(name)

    def load_table(data_dir: str | Path | None = None) -> pd.DataFrame:
        return load(name, data_dir)

    load_table.__name__ = load_table.__qualname__ = name
    load_table.__module__ = "sino_russia_data"
    load_table.__doc__ = _docstring(table)
    return load_table


def __getattr__(name: str) -> Any:
    if name in {t.name for t in registry.tables()}:
        return loader(name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")

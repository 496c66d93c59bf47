"""The public loaders: validated, typed DataFrames of each table, and all claims in one.

There is one loader per table of the registry (``srd.trade()``, ``srd.gas()`` ...), made
from the table's model with its columns documented in the docstring, plus
:func:`load` (any table by name), :func:`tables` (what there is) and :func:`claims`.

Types follow the registry: numbers are ``float64``, dates ``datetime64[ns]`` and every
column with a vocabulary (``unit``, ``qualifier``, ``status``, ``flow`` ...) is a pandas
``category`` whose categories are the vocabulary's values in its declared order. Every
loader takes ``engine="pandas" | "polars" | "pyarrow"``: the same validated frame converted
from the same facts (polars: ``Date`` and ``Enum``; pyarrow: ``date32`` and dictionary
arrays); polars is an optional extra (``pip install 'sino-russia-data[polars]'``).

Each loader returns only data that passed the full validation (every table, every check)
and raises :class:`DataValidationError` with the citing report when the data is wrong.
A passing verdict is remembered by the bytes it validated (:mod:`.checking.verdicts`), so
a fresh process loading unchanged data reads it with pandas alone and does not import
pandera. Results are cached per process and data directory; callers get copies, so
editing a returned frame never changes a later load.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable
from functools import cache, lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, overload

import pandas as pd

from . import registry
from .checking import verdicts
from .checking.report import DataValidationError
from .paths import resolve_data_dir

if TYPE_CHECKING:
    import pyarrow as pa

    from .checking.validation import Report

ENGINES = ("pandas", "polars", "pyarrow")


def _signature(data_dir: Path) -> tuple[tuple[str, int, int, int], ...]:
    """What the files of ``data_dir`` look like on disk (name, size, mtime, inode): the
    per-process cache is keyed on it, so a file edited in this session is loaded afresh."""
    out = []
    for folder in ("curated", "raw"):
        try:
            entries = sorted(os.scandir(data_dir / folder), key=lambda e: e.name)
        except OSError:
            continue
        for entry in entries:
            with contextlib.suppress(OSError):
                stat = entry.stat()
                out.append((f"{folder}/{entry.name}", stat.st_size, stat.st_mtime_ns, stat.st_ino))
    return tuple(out)


@lru_cache(maxsize=8)
def _valid_frames(data_dir: Path, signature: tuple[Any, ...]) -> dict[str, pd.DataFrame]:
    remembered = verdicts.load_valid(data_dir)
    if remembered is not None:
        return remembered
    from .checking.validation import validate as validate_dir

    report = validate_dir(data_dir)
    if not report.ok:
        raise DataValidationError(report.grouped)
    verdicts.record_valid(report)
    return report.frames


def validate(data_dir: str | Path | None = None) -> Report:
    """Validate every table of ``data_dir`` (default: the shipped data); never raises for
    bad data: the returned report lists the problems (``report.ok`` is True when none)."""
    from .checking.validation import validate as validate_dir

    return validate_dir(resolve_data_dir(data_dir))


@cache
def _category_type(enum: tuple[str, ...]) -> tuple[pd.CategoricalDtype, dict[str, int]]:
    return pd.CategoricalDtype(list(enum)), {v: i for i, v in enumerate(enum)}


def _as_category(values: pd.Series, enum: tuple[str, ...]) -> pd.Categorical:
    """``pd.Categorical(values, categories=enum)``, with the codes looked up directly
    (a value outside the vocabulary, or missing, is missing, as there)."""
    dtype, code_of = _category_type(enum)
    if isinstance(values.dtype, pd.CategoricalDtype) or len(values) > 10_000:
        return pd.Categorical(values, dtype=dtype)
    codes = [code_of.get(v, -1) if isinstance(v, str) else -1 for v in values.tolist()]
    return pd.Categorical.from_codes(codes, dtype=dtype, validate=False)


def categorised(frame: pd.DataFrame, fields: tuple[registry.Field, ...]) -> pd.DataFrame:
    """``frame`` with each column that has a vocabulary as ``category`` in its fixed order."""
    out = frame.copy(deep=False)
    for field in fields:
        if field.enum is not None and field.name in out.columns:
            out[field.name] = _as_category(out[field.name], field.enum)
    return out


@lru_cache(maxsize=8)
def _typed_frames(data_dir: Path, signature: tuple[Any, ...]) -> dict[str, pd.DataFrame]:
    return {
        t.name: categorised(frame, t.fields)
        for t in registry.tables()
        if (frame := _valid_frames(data_dir, signature).get(t.name)) is not None
    }


@overload
def load(
    name: str, data_dir: str | Path | None = None, engine: Literal["pandas"] = "pandas"
) -> pd.DataFrame: ...
@overload
def load(name: str, data_dir: str | Path | None, engine: Literal["pyarrow"]) -> pa.Table: ...
@overload
def load(name: str, data_dir: str | Path | None = None, *, engine: str) -> Any: ...


def load(name: str, data_dir: str | Path | None = None, engine: str = "pandas") -> Any:
    """The validated table called ``name`` (see :func:`tables`); same as ``srd.<name>()``.

    ``engine`` is ``"pandas"`` (a DataFrame), ``"polars"`` or ``"pyarrow"`` (a Table)."""
    _check_engine(engine)
    registry.table(name)  # a KeyError naming the tables there are
    root = resolve_data_dir(data_dir)
    frame = _typed_frames(root, _signature(root))[name].copy()
    return in_engine(frame, engine)


def _check_engine(engine: str) -> None:
    if engine not in ENGINES:
        raise ValueError(f"unknown engine {engine!r}; engines are {', '.join(ENGINES)}")
    if engine == "polars":
        try:
            import polars  # noqa: F401
        except ImportError:
            raise ImportError(
                "engine='polars' needs polars: pip install 'sino-russia-data[polars]'",
                name="polars",
            ) from None


def to_arrow(frame: pd.DataFrame) -> pa.Table:
    """A pyarrow Table of a loaded frame: dates as ``date32``, categories as dictionaries."""
    import pyarrow as pa

    table = pa.Table.from_pandas(frame, preserve_index=False)
    for i, column in enumerate(table.schema):
        if pa.types.is_timestamp(column.type):
            table = table.set_column(i, column.name, table.column(i).cast(pa.date32()))
    return table


def in_engine(frame: pd.DataFrame, engine: str) -> Any:
    """``frame`` (as :func:`load` returns it) in ``engine``; no second model: the types come
    from the pandas frame, itself typed by the registry."""
    if engine == "pandas":
        return frame
    arrow = to_arrow(frame)
    if engine == "pyarrow":
        return arrow
    import polars as pl

    out = pl.from_arrow(arrow)
    assert isinstance(out, pl.DataFrame)
    enums = {
        c: pl.Enum(list(frame[c].cat.categories))
        for c in frame.columns
        if isinstance(frame[c].dtype, pd.CategoricalDtype)
    }
    return out.with_columns(*(pl.col(c).cast(dtype) for c, dtype in enums.items()))


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


def subject_columns() -> list[str]:
    """The columns ``claims()`` adds to the shared ones: what a claim is about, so subject
    filters need no join. A claim table's own column is one when it is required and drawn
    from a vocabulary or a code pattern (``indicator``, ``measure``, ``flow``, ``project``,
    ``reporter`` ...); derived from the registry, in the tables' reading order."""
    shared = set(registry.claim_columns())
    out: list[str] = []
    for table in registry.claim_tables():
        for f in table.fields:
            keyed = f.enum is not None or f.pattern is not None
            if f.name not in shared and f.name not in out and f.required and keyed:
                out.append(f.name)
    return out


def _claims_fields() -> tuple[registry.Field, ...]:
    """The fields of ``claims()`` that keep a vocabulary: those every table declaring the
    column declares with the same vocabulary."""
    out = []
    for name in registry.claim_columns() + subject_columns():
        declared = [t.field(name) for t in registry.claim_tables() if name in t.columns]
        if declared and all(f.enum == declared[0].enum for f in declared):
            out.append(declared[0])
    return tuple(out)


@overload
def claims(
    data_dir: str | Path | None = None, engine: Literal["pandas"] = "pandas"
) -> pd.DataFrame: ...
@overload
def claims(data_dir: str | Path | None = None, *, engine: str) -> Any: ...


def claims(data_dir: str | Path | None = None, engine: str = "pandas") -> Any:
    """Every claim of every table in one long frame, with the table it comes from and the
    columns it is about (:func:`subject_columns`; empty where a table has no such column)."""
    _check_engine(engine)
    columns = registry.claim_columns()
    subjects = subject_columns()
    parts = []
    for table in registry.claim_tables():
        frame = load(table.name, data_dir).astype(
            {c: "str" for c in subjects if c in table.columns}
        )
        frame.insert(1, "table", table.name)
        parts.append(frame.reindex(columns=columns + subjects))
    out = pd.concat(parts, ignore_index=True)
    out["table"] = pd.Categorical(out["table"], [t.name for t in registry.claim_tables()])
    for c in subjects:
        out[c] = out[c].astype("str").where(out[c].notna(), None)
    return in_engine(categorised(out, _claims_fields()), engine)


def _docstring(table: registry.Table) -> str:
    """The loader's docstring: the table's description and a table of its columns."""
    width = max(len(f.name) for f in table.fields) + 2
    lines = [
        f"{table.description}",
        "",
        f"Reads ``{table.file}``, validated; raises DataValidationError when it is wrong.",
        'engine="pandas" (default) gives a DataFrame, "polars" a polars DataFrame, "pyarrow" a',
        "pyarrow Table. Columns with a vocabulary are categorical, in the vocabulary's order.",
        "",
        "Columns",
        "-------",
    ]
    for f in table.fields:
        required = "" if f.required else ", may be empty"
        lines.append(f"{f.name:<{width}}{f.type}{required}: {f.title}. {f.description}")
    return "\n".join(lines)


@cache
def loader(name: str) -> Callable[..., Any]:
    """The loader function of table ``name`` (``srd.<name>``), with its generated docstring."""
    table = registry.table(name)

    def load_table(data_dir: str | Path | None = None, engine: str = "pandas") -> Any:
        return load(name, data_dir, engine=engine)

    load_table.__name__ = load_table.__qualname__ = name
    load_table.__module__ = "sino_russia_data"
    load_table.__doc__ = _docstring(table)
    return load_table


def __getattr__(name: str) -> Any:
    if name in {t.name for t in registry.tables()}:
        return loader(name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")

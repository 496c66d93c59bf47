"""The registry of tables, derived from the pandera models in ``schemas/``.

A table is declared once, by its model: ``Config.name``, ``Config.title``,
``Config.description`` and ``Config.metadata["file"]`` beside the fields. This module finds
every such model in ``schemas/`` and turns it into plain facts (:class:`Table`,
:class:`Field`): columns in reading order, Table Schema types, titles, descriptions and
constraints, and the row checks. Everything downstream (loaders and their docstrings,
``claims()``' columns, the data dictionary, ``datapackage.json``, the exports, the README
table) reads these facts; nothing else lists a table.

Importing pandera and building the schemas costs about half a second, so the facts are
cached as JSON in the cache folder under a hash of the package's own source
(:func:`~sino_russia_data.paths.package_code_hash`). A warm process knows its tables
without importing pandera; change one byte of the package and the facts are rebuilt from
the models. The package also ships the facts (``registry.json``, a derived file that
``sino-russia-data generate`` renders from the models and the test suite checks fresh),
keyed on the hash of the modules they derive from (:data:`FACTS_FROM`) and the pandera
version, so a first process with an empty cache needs no pandera either. Either copy
only skips work: it is used only when its key is this code's, and its content is checked
on read.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from dataclasses import dataclass
from dataclasses import fields as dataclass_fields
from functools import cache
from importlib import import_module
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ._version import __version__
from .paths import cache_dir, library_version, package_code_hash, source_hash

if TYPE_CHECKING:
    import pandera.pandas as pa

# Reading order of the columns every claim table shares (the table's own columns go
# between the leading and the value columns).
_LEADING = ("claim_id", "source_id")
_SHARED = ("value", "value_low", "value_high", "unit")
_PERIOD = (
    "period_start",
    "period_end",
    "earliest_date",
    "latest_date",
    "period_precision",
    "date_basis",
)
_TRAILING = (
    "qualifier",
    "hedge",
    "status",
    "modality",
    "condition",
    "attributed_to",
    "attribution_kind",
    "inferred",
    "figure",
    "quote",
    "note",
)


@dataclass(frozen=True)
class Field:
    """One column as its model declares it."""

    name: str
    type: str  # Table Schema type: string, number or date
    title: str
    description: str
    required: bool
    unique: bool = False
    enum: tuple[str, ...] | None = None
    pattern: str | None = None  # as declared: "^...\\Z", a whole-cell match (or NON_BLANK)
    unit_column: str | None = None  # the column stating this column's unit per row
    verbatim: bool = False  # holds raw text that must occur in the source (quote, context)

    @property
    def full_pattern(self) -> str | None:
        """The pattern for tools that match a whole cell (Table Schema, SQLite GLOB-free)."""
        if self.pattern is None:
            return None
        from .schemas._checks import NON_BLANK, NON_BLANK_FULL

        full = NON_BLANK_FULL if self.pattern == NON_BLANK else self.pattern
        return full.removeprefix("^").removesuffix("\\Z")


@dataclass(frozen=True)
class Table:
    """One table: its CSV file and what its model declares."""

    name: str
    file: str  # relative to the data directory
    title: str
    description: str
    fields: tuple[Field, ...]
    row_checks: tuple[str, ...]  # the error text of each dataframe-level check
    is_claim_table: bool

    @property
    def columns(self) -> list[str]:
        return [f.name for f in self.fields]

    @property
    def kinds(self) -> dict[str, str]:
        """Column -> Table Schema type (string, number, date)."""
        return {f.name: f.type for f in self.fields}

    @property
    def id_column(self) -> str:
        """The table's key: its first unique column."""
        return next(f.name for f in self.fields if f.unique)

    @property
    def quote_column(self) -> str | None:
        """The column of verbatim raw text the rows cite (None for the sources table)."""
        return next((f.name for f in self.fields if f.verbatim), None)

    def field(self, name: str) -> Field:
        return next(f for f in self.fields if f.name == name)


def type_of(dtype: str) -> str:
    """The one dtype -> Table Schema type mapping (string, number, date)."""
    if dtype.startswith("float"):
        return "number"
    return "date" if dtype.startswith("datetime") else "string"


def _constraints(column: Any) -> tuple[tuple[str, ...] | None, str | None]:
    """(allowed values, pattern) of a pandera column: the one constraint extractor."""
    enum: tuple[str, ...] | None = None
    pattern: str | None = None
    for check in column.checks:
        stats = check.statistics or {}
        if "allowed_values" in stats:
            enum = tuple(str(v) for v in stats["allowed_values"])
        elif "pattern" in stats:
            pattern = str(stats["pattern"])
    return enum, pattern


def _field(name: str, column: Any) -> Field:
    enum, pattern = _constraints(column)
    metadata = column.metadata or {}
    return Field(
        name=name,
        type=type_of(str(column.dtype)),
        title=column.title or name,
        description=column.description or "",
        required=not column.nullable,
        unique=bool(column.unique),
        enum=enum,
        pattern=pattern,
        unit_column=metadata.get("unit_column"),
        verbatim=bool(metadata.get("verbatim")),
    )


def _reading_order(names: list[str], is_claim_table: bool) -> list[str]:
    """Id and source, the table's own columns, value, period, then qualifier, status and
    the provenance (figure, quote, note). Other tables keep their declared order."""
    if not is_claim_table:
        return names
    shared = [c for c in _SHARED + _PERIOD if c in names]
    own = [c for c in names if c not in (*_LEADING, *shared, *_TRAILING)]
    return [*_LEADING, *own, *shared, *_TRAILING]


def declares_table(model: type) -> bool:
    """A model declares a table when its own Config names a file (base models do not)."""
    config = vars(model).get("Config")
    return config is not None and "file" in (vars(config).get("metadata") or {})


def table_of(model: type[pa.DataFrameModel]) -> Table:
    """The facts of one table model."""
    from .schemas.claim import ClaimModel

    schema = model.to_schema()
    config = model.__config__
    assert config is not None, f"{model.__name__} has no Config"
    is_claim = issubclass(model, ClaimModel)
    names = _reading_order(list(schema.columns), is_claim)
    return Table(
        name=str(config.name),
        file=str((config.metadata or {})["file"]),
        title=str(config.title),
        description=str(config.description),
        fields=tuple(_field(n, schema.columns[n]) for n in names),
        row_checks=tuple(str(c.error) for c in schema.checks),
        is_claim_table=is_claim,
    )


def models() -> dict[str, type[pa.DataFrameModel]]:
    """Table name -> model, for every model in ``schemas/`` that declares a table, in
    registry order: sources, the claim tables by name, then the other tables by name."""
    import pkgutil

    from . import schemas
    from .schemas.claim import ClaimModel

    found: dict[str, type[pa.DataFrameModel]] = {}
    for info in pkgutil.iter_modules(schemas.__path__):
        module = import_module(f"{schemas.__name__}.{info.name}")
        for value in vars(module).values():
            own = isinstance(value, type) and value.__module__ == module.__name__
            if own and declares_table(value):
                found[str(value.__config__.name)] = value

    def rank(name: str) -> tuple[int, str]:
        claim = issubclass(found[name], ClaimModel)
        return (0 if name == "sources" else 1 if claim else 2), name

    return {name: found[name] for name in sorted(found, key=rank)}


def model(name: str) -> type[pa.DataFrameModel]:
    """The pandera model of table ``name``."""
    return models()[name]


def _from_models() -> tuple[Table, ...]:
    return tuple(table_of(m) for m in models().values())


def _as_dict(table: Table) -> dict[str, object]:
    """``dataclasses.asdict(table)``, built directly: a Table's only nested dataclasses are
    its Fields (asdict's deep copy of every value costs a warm load ~8 ms)."""
    out: dict[str, object] = {f.name: getattr(table, f.name) for f in dataclass_fields(table)}
    out["fields"] = tuple(
        {f.name: getattr(field, f.name) for f in dataclass_fields(field)} for field in table.fields
    )
    return out


def _encode(tables: tuple[Table, ...]) -> str:
    """The facts as JSON, after a line holding the SHA-256 of that JSON."""
    body = json.dumps({"version": __version__, "tables": [_as_dict(t) for t in tables]})
    return f"{hashlib.sha256(body.encode()).hexdigest()}\n{body}"


def _decode(text: str) -> tuple[Table, ...]:
    digest, _, body = text.partition("\n")
    if hashlib.sha256(body.encode()).hexdigest() != digest:
        raise ValueError("registry cache: content does not match its digest")
    data = json.loads(body)
    out = []
    for t in data["tables"]:
        fields = []
        for f in t.pop("fields"):
            enum = f.pop("enum")
            fields.append(Field(**f, enum=None if enum is None else tuple(enum)))
        out.append(Table(**{**t, "fields": tuple(fields), "row_checks": tuple(t["row_checks"])}))
    return tuple(out)


def _cached(path: Path) -> tuple[Table, ...] | None:
    try:
        text = path.read_text(encoding="utf-8")
        tables = _decode(text)
    except (OSError, ValueError, KeyError, TypeError):
        return None
    return tables if _encode(tables) == text else None  # content checked, not trusted


def _remember(path: Path, tables: tuple[Table, ...]) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".registry-", suffix=".tmp")
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(_encode(tables))
        os.replace(tmp, path)
    except OSError:
        pass  # an unwritable cache means building the facts every time


# The modules the facts derive from: the models and all they may import (the layers up
# to this one; tests/test_architecture.py proves the schemas import nothing above them).
FACTS_FROM = frozenset({"_version", "paths", "files", "vocabulary", "texts", "schemas", "registry"})
SHIPPED = Path(__file__).resolve().parent / "registry.json"


def _pandera_version() -> str:
    return library_version("pandera")


def shipped_key() -> str:
    """What the shipped facts must be keyed on to be used: the SHA-256 of the source of
    :data:`FACTS_FROM` and the pandera version."""
    return f"{source_hash(FACTS_FROM)}-pandera{_pandera_version()}"


def shipped_text() -> str:
    """``registry.json`` rendered afresh from the models (a derived file)."""
    return f"{shipped_key()}\n{_encode(_from_models())}"


def _shipped() -> tuple[Table, ...] | None:
    try:
        key, _, text = SHIPPED.read_text(encoding="utf-8").partition("\n")
        if key != shipped_key():
            return None
        found = _decode(text)
    except (OSError, ValueError, KeyError, TypeError):
        return None
    return found if _encode(found) == text else None  # content checked, not trusted


@cache
def tables() -> tuple[Table, ...]:
    """Every table, in registry order (sources, claim tables, others)."""
    key = f"{package_code_hash()}-pandera{_pandera_version()}"
    path = cache_dir() / "registry" / f"{key}.json"
    found = _cached(path)
    if found is None:
        found = _shipped() or _from_models()
        _remember(path, found)
    return found


def table(name: str) -> Table:
    """The table called ``name``; a KeyError lists the tables there are."""
    for t in tables():
        if t.name == name:
            return t
    raise KeyError(f"no table {name!r}; tables are {', '.join(t.name for t in tables())}")


def claim_tables() -> tuple[Table, ...]:
    return tuple(t for t in tables() if t.is_claim_table)


def claim_columns() -> list[str]:
    """Columns of the long ``claims()`` frame: every column the claim tables share, in
    reading order, with ``table`` after the claim id."""
    claims = claim_tables()
    shared = [c for c in claims[0].columns if all(c in t.columns for t in claims[1:])]
    return [shared[0], "table", *shared[1:]]

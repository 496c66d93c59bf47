"""The registry of tables: name, CSV file and pandera model. Add a table here once."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import pandera.pandas as pa

from .schemas import (
    ArmsModel,
    ClaimModel,
    EconomyAndDiplomacyModel,
    ExcludedModel,
    ExercisesModel,
    GasModel,
    SourcesModel,
    TradeModel,
)

_LEADING = ["claim_id", "source_id"]
_VALUE = ["value", "value_low", "value_high", "unit"]
_PERIOD = ["period_start", "period_end", "period_precision", "date_basis"]
_TRAILING = ["qualifier", "hedge", "status", "figure", "quote", "note"]


def kind_of(dtype: str) -> str:
    """The Table Schema type of a pandera dtype."""
    return (
        "number"
        if dtype.startswith("float")
        else "date"
        if dtype.startswith("datetime")
        else "string"
    )


@cache
def column_order(model: type[pa.DataFrameModel]) -> list[str]:
    """Readable column order: id and source, the table's own columns, value, period,
    then qualifier, status and the provenance (figure, quote, note)."""
    names = list(model.to_schema().columns)
    if not issubclass(model, ClaimModel):
        return names
    shared = [c for c in _VALUE + _PERIOD if c in names]
    own = [c for c in names if c not in _LEADING + shared + _TRAILING]
    return _LEADING + own + shared + _TRAILING


@dataclass(frozen=True)
class Table:
    name: str
    file: str  # relative to the data directory
    model: type[pa.DataFrameModel]
    description: str
    id_column: str = "claim_id"
    quote_column: str | None = "quote"  # the column holding verbatim raw text

    @property
    def columns(self) -> list[str]:
        return list(column_order(self.model))

    @property
    def kinds(self) -> dict[str, str]:
        """Column -> Table Schema type (string, number, date), from the model's dtypes."""
        columns = self.model.to_schema().columns
        return {name: kind_of(str(columns[name].dtype)) for name in self.columns}


SOURCES = Table(
    "sources",
    "curated/sources.csv",
    SourcesModel,
    "One row per source text: bibliographic metadata, raw file and its SHA-256, rights.",
    id_column="source_id",
    quote_column=None,
)

EXCLUDED = Table(
    "excluded",
    "curated/excluded.csv",
    ExcludedModel,
    "Number and date mentions of the raw texts that are deliberately not claims, with reasons.",
    id_column="exclusion_id",
    quote_column="context",
)

CLAIM_TABLES: tuple[Table, ...] = (
    Table(
        "trade",
        "curated/trade.csv",
        TradeModel,
        "Trade figures: turnover, exports, imports, deficits, growth, shares, ranks, contracts.",
    ),
    Table(
        "arms",
        "curated/arms.csv",
        ArmsModel,
        "Arms exports: market shares, growth, exporter ranks, customers, arms-sale events.",
    ),
    Table(
        "gas",
        "curated/gas.csv",
        GasModel,
        "Energy projects and deals: values, durations, volumes, lengths, costs, stakes, dates.",
    ),
    Table(
        "exercises",
        "curated/exercises.csv",
        ExercisesModel,
        "Military exercises and joint operations: names, participants, kinds, dates, sizes.",
    ),
    Table(
        "economy_and_diplomacy",
        "curated/economy_and_diplomacy.csv",
        EconomyAndDiplomacyModel,
        "Economy, finance, investment, demography, geography, treaties, doctrines, diplomacy.",
    ),
)

ALL_TABLES: tuple[Table, ...] = (SOURCES, *CLAIM_TABLES, EXCLUDED)


def table(name: str) -> Table:
    for t in ALL_TABLES:
        if t.name == name:
            return t
    raise KeyError(f"no table {name!r}; tables are {', '.join(t.name for t in ALL_TABLES)}")

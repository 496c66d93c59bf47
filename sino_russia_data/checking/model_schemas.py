"""The pandera schemas a table's validation runs, made from its model once.

The model is the declaration; validation runs it in two parts: its column checks through
pandera (:attr:`ModelSchemas.columns`) and its dataframe checks one by one, each to a
boolean mask (:attr:`ModelSchemas.frame_checks`, see :mod:`.validation`).

One shortcut, which never changes an answer: a column whose dtype is exactly the dtype its
model declares passes pandera's dtype check, so that check is not run through pandera for
it. pandera's check of a text column builds a one-row-per-row mask, indexes the column
with it and formats an (empty) failure report even when the column passes: 0.5 to 1 ms
a column on the shipped tables, ~25 ms a block of a big one. :meth:`ModelSchemas.columns_for` keeps
pandera's dtype check for every column whose dtype differs in any way (pandera then says
what is wrong) and leaves it out only for the columns that match exactly.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass
from functools import cache
from typing import Any

import pandas as pd
import pandera.pandas as pa


@dataclass(frozen=True)
class ModelSchemas:
    """A model's schema of column checks, with and without its dtypes, and its dataframe
    checks."""

    columns: pa.DataFrameSchema  # the column checks, dtypes included
    frame_checks: list[pa.Check]
    # the column checks without the dtype of the columns declaring one (never coerced)
    columns_without_dtypes: pa.DataFrameSchema

    def columns_for(self, typed: pd.DataFrame) -> pa.DataFrameSchema:
        """The column checks to run on ``typed``: without their dtype checks when every
        column of the schema is in ``typed`` with exactly its declared dtype (pandera's
        checks would pass), else with them."""
        if not typed.columns.is_unique:  # (a reader never gives one) pandera says what
            return self.columns
        dtypes = typed.dtypes
        for name, column in self.columns.columns.items():
            if column.dtype is None:
                continue
            if name not in dtypes.index or dtypes[name] != column.dtype.type:
                return self.columns
        return self.columns_without_dtypes


@cache
def model_schemas(table_model: type[pa.DataFrameModel], unique_later: bool = False) -> ModelSchemas:
    """The schemas of ``table_model``; ``unique_later``: without the uniqueness of columns
    (a table checked block by block checks it once, over every block:
    :func:`.streaming.unique_schema`)."""
    schema = table_model.to_schema()
    columns_only = copy.copy(schema)
    columns_only.checks = []
    if unique_later:
        columns_only = with_columns(columns_only, unique_columns(schema), unique=False)
    typed = [
        n
        for n, c in columns_only.columns.items()
        if c.dtype is not None and not (c.coerce or columns_only.coerce)
    ]
    without = with_columns(columns_only, typed, dtype=None)
    return ModelSchemas(columns_only, list(schema.checks), without)


def unique_columns(schema: pa.DataFrameSchema) -> list[str]:
    """The columns of ``schema`` declared ``unique=True``."""
    return [name for name, column in schema.columns.items() if column.unique]


def with_columns(schema: pa.DataFrameSchema, names: list[str], **set_to: Any) -> pa.DataFrameSchema:
    """``schema.update_columns`` setting ``set_to`` on the columns ``names``, made of
    shallow copies: pandera's deep-copies every column (~6 ms a model, in every process).
    The columns changed are copied, each with its own copy of each value; the others are
    shared (validation changes no column)."""
    out = copy.copy(schema)
    columns = dict(schema.columns)
    for name in names:
        column = copy.copy(columns[name])
        for attribute, value in set_to.items():
            setattr(column, attribute, copy.copy(value))
        columns[name] = column
    out.columns = columns
    return out

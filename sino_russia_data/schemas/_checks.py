"""Small column checks shared by several claim models."""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache
from typing import Any, TypeVar, cast

import numpy as np
import pandas as pd
import pandera.pandas as pa

from ..texts.corpus import current
from ._rowwise import arrow_strings, normal_column, per_unique_pair


def each(values: pd.Series, allowed: set[str] | dict[str, str], sep: str = ";") -> pd.Series:
    """True where every ';'-separated item of a cell is allowed (missing cells pass)."""
    ok = [pd.isna(v) or all(item in allowed for item in str(v).split(sep)) for v in values]
    return pd.Series(ok, index=values.index)


# Error text of a dataframe check -> the typed (float or date) columns it reads. A row
# whose cell in one of those columns failed to convert is reported for that cell only:
# the check's verdict on the missing value would be a consequence, not a second problem.
READS_TYPED: dict[str, frozenset[str]] = {}


F = TypeVar("F", bound=Callable[..., Any])


def row_check(error: str, reads: tuple[str, ...]) -> Callable[[F], F]:
    """``pa.dataframe_check(error=...)`` that records which typed columns it reads."""
    READS_TYPED[error] = frozenset(reads)
    return cast("Callable[[F], F]", pa.dataframe_check(error=error))


# A cell with at least one non-space character. pandera's str_matches anchors at the start
# only, so this stops at the first non-space; the Table Schema export, whose patterns must
# match the whole cell, writes it as NON_BLANK_FULL.
NON_BLANK = r"^[ \t\n\r\f\v]*[^ \t\n\r\f\v]"  # ASCII classes keep pyarrow's regex engine
NON_BLANK_FULL = r"[\s\S]*\S[\s\S]*"


@lru_cache(maxsize=4)
def _value_set(values: frozenset[str], arrow_type: Any) -> Any:
    import pyarrow as pa

    return pa.array(sorted(values), type=arrow_type)


def source_exists(df: pd.DataFrame) -> pd.Series:
    """Per row: is the row's source_id a source of the validation's corpus?

    ``Series.isin``, as pandas runs it on pyarrow strings (``pyarrow.compute.is_in``,
    missing cells False), with the ids of the corpus made a pyarrow array once rather than
    on every call: a big table checked block by block asks once a block."""
    column, known = df["source_id"], current().source_ids
    arrow = arrow_strings(column)
    if arrow is None or not all(isinstance(v, str) for v in known):
        return column.isin(known)
    import pyarrow.compute as pc

    found = pc.is_in(arrow, value_set=_value_set(known, arrow.type))
    return pd.Series(np.array(found, dtype=np.bool_), index=df.index)


def _passage_verdicts(df: pd.DataFrame, column: str) -> tuple[pd.Series, pd.Series]:
    """(found, proven) per row: each distinct (source, passage) pair searched once in its
    source's text, text by text (:meth:`~..texts.corpus.Corpus.check_passages`); the
    quote check and the anchor check share that one search (remembered for the run)."""
    corpus = current()

    def search(source_ids: pd.Series, texts: pd.Series) -> tuple[list[bool], list[bool]]:
        return corpus.check_passages(source_ids.tolist(), normal_column(texts))

    found, proven = per_unique_pair(df, ["source_id", column], search, as_series=True)
    return found, proven


def quotes_in_raw_text(df: pd.DataFrame, column: str) -> pd.Series:
    """Per row: does ``column`` occur in its source's raw text (only whitespace may differ)?

    Each distinct (source, passage) pair is searched once. A source whose text cannot be
    read passes: that is reported once, not per row (:meth:`Corpus.unreadable`)."""
    corpus = current()
    unreadable = [s for s in df["source_id"].dropna().unique() if corpus.unreadable(s)]
    return _passage_verdicts(df, column)[0] | df["source_id"].isin(unreadable)


def anchors_in_raw_text(df: pd.DataFrame, column: str) -> pd.Series:
    """Per row: is the anchor of ``column`` in the RAW text proven (offsets hold the passage,
    prefix + exact + suffix pick that one place)? Rows whose passage is not found pass here:
    :func:`quotes_in_raw_text` reports them."""
    return _passage_verdicts(df, column)[1]


def _text(series: pd.Series) -> pd.Series:
    """Strings with missing cells as ''."""
    return series.where(series.notna(), "").astype(str)


def _arrow_text(series: pd.Series) -> Any:
    """The pyarrow strings a text column holds (:func:`._rowwise.arrow_strings`, missing
    cells as ''), or None for any other column."""
    import pyarrow as pa
    import pyarrow.compute as pc

    values = arrow_strings(series)
    return None if values is None else pc.fill_null(values, pa.scalar("", values.type))


def claim_ids_name(ids: pd.Series, sources: pd.Series, table: str) -> pd.Series:
    """Per row: does the claim id read '<table>-<source_id>-<rest>' with no '-' in rest,
    i.e. is all before its last '-' exactly '<table>-<source_id>' (a missing cell reads
    as '')? Arrow text columns in pyarrow kernels (one pass each, no Python strings);
    any other column the pandas way, which gives the same verdicts."""
    import pyarrow as pa
    import pyarrow.compute as pc

    arrow_ids, arrow_sources = _arrow_text(ids), _arrow_text(sources)
    if arrow_ids is None or arrow_sources is None:
        before_last_dash = _text(ids).str.replace(r"-[^-]*$", "", regex=True)
        return before_last_dash == (f"{table}-" + _text(sources))
    split = pc.split_pattern(arrow_ids, "-", max_splits=1, reverse=True)
    kind = arrow_sources.type
    wanted = pc.binary_join_element_wise(
        pa.scalar(table, kind), arrow_sources, pa.scalar("-", kind)
    )
    same = pc.equal(pc.list_element(split, 0), wanted)
    return pd.Series(same.to_numpy(zero_copy_only=False), index=ids.index, dtype=bool)

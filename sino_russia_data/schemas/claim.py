"""The claim base shared by every claim table, and its provenance checks.

A row is a claim: "source S states Y". :class:`ClaimModel` holds what every claim has
(id, source, verbatim quote, the figure as printed, qualifier, status, note) and proves
that the source exists, the quote is in that source's raw text and the figure is in the
quote. :class:`DatedClaimModel` adds the period the claim is about;
:class:`MeasuredClaimModel` adds the value and unit and proves the value is printed.

Every check is NaN-safe and row-wise, so a bad cell in one row fails that row only.
The error text of each dataframe check starts with the column it is about
("quote: ..."), which the report uses to name the column.
"""

from __future__ import annotations

import calendar
import re
from itertools import pairwise
from typing import Any

import numpy as np
import pandas as pd
import pandera.pandas as pa
from pandera.typing import Series

from ..texts import printed_numbers, printed_units
from ..texts.corpus import current
from ..texts.quotes import normalise
from ..vocabulary import (
    ATTRIBUTION_KIND,
    BOUNDED_PRECISION,
    DATE_BASIS,
    DATE_PRECISION,
    HEDGE_WORDS,
    INFERRED,
    MODALITY,
    QUALIFIER,
    STATUS,
    UNIT,
)
from ._checks import (
    NON_BLANK,
    anchors_in_raw_text,
    claim_ids_name,
    quotes_in_raw_text,
    row_check,
    source_exists,
)
from ._rowwise import (
    arrow_strings,
    distinct_among,
    nonempty_strings,
    normal,
    normal_column,
    per_unique,
    per_unique_batch,
    per_unique_where,
)

CLAIM_ID_PATTERN = r"^[a-z_]+-[a-z0-9]+-[0-9]{3,}\Z"
HEDGED = ("approx", "lower_bound", "upper_bound")


def _str(value: object) -> str:
    return value if isinstance(value, str) else ""


def _figure_in_quote(figure: object, quote: object) -> bool:
    f, q = _str(figure), normal(quote)
    return f != "" and normalise(f) in q


def _figures_in_quotes(figures: pd.Series, quotes: pd.Series) -> list[bool]:
    """:func:`_figure_in_quote` of each pair, for a batch (the normal forms worked out
    column by column, see :func:`._rowwise.normal_column`)."""
    given = nonempty_strings(figures).tolist()
    pairs = zip(given, normal_column(figures), normal_column(quotes), strict=True)
    return [g and f in q for g, f, q in pairs]


def _given(series: pd.Series) -> np.ndarray:
    """Per row: a non-empty cell (an empty or missing one is printed in any quote)."""
    return (series.notna() & (series != "")).to_numpy(dtype=bool, na_value=False)


def _stated_years_printed(df: pd.DataFrame) -> pd.Series[bool]:
    """:func:`_stated_year_printed` per row: the common case (a stated exact period) as
    "its year's digits are in the quote" over the distinct (year, quote) pairs; bounded and
    decade precisions through the rule itself; everything else passes as the rule says."""
    stated = (df["date_basis"] == "stated").to_numpy(dtype=bool, na_value=False)
    precision = df["period_precision"]
    vague = precision.isin([*BOUNDED_PRECISION, "decade"]).to_numpy(dtype=bool)
    columns = ["period_start", "earliest_date", "latest_date", "period_precision", "date_basis"]
    ok = per_unique_where(df, stated & vague, [*columns, "quote"], _stated_year_printed)
    plain = np.flatnonzero(stated & ~vague & df["period_start"].notna().to_numpy())
    if len(plain):  # each distinct (start, quote) searched once (a corpus: each row)
        at, combination = distinct_among(plain, [df["period_start"], df["quote"]])
        years = df["period_start"].dt.year.to_numpy(dtype=np.int64, na_value=0)[at]
        values = ok.to_numpy(copy=True)
        values[plain] = _years_in_quotes(years, df["quote"], at)[combination]
        ok = pd.Series(values, index=df.index, dtype=bool)
    return ok


def _years_in_quotes(years: np.ndarray, quotes: pd.Series, rows: np.ndarray) -> np.ndarray:
    """Per row of ``rows`` (increasing, with ``years`` their years): are the year's digits
    in the row's quote ('' when missing), as :func:`_stated_year_printed` asks? pyarrow
    searches the quotes of one year at a time, block by block of the column; quotes not held
    as pyarrow strings are read row by row."""
    strings = arrow_strings(quotes)
    if strings is None:
        pairs = zip(years.tolist(), quotes.iloc[rows].tolist(), strict=True)
        return np.array([str(y) in _str(q) for y, q in pairs], dtype=bool)
    found = np.zeros(len(rows), dtype=bool)
    start = 0
    for chunk in strings.chunks:  # (a take from the whole column would copy all of it)
        stop = start + len(chunk)
        low, high = np.searchsorted(rows, [start, stop]).tolist()
        if high > low:
            found[low:high] = _years_in_block(years[low:high], chunk, rows[low:high] - start)
        start = stop
    return found


def _years_in_block(years: np.ndarray, block: Any, rows: np.ndarray) -> np.ndarray:
    """:func:`_years_in_quotes` for ``rows`` of one pyarrow block of quotes: the rows
    sorted by year, then one vectorised substring search per year."""
    import pyarrow as pa
    import pyarrow.compute as pc

    order = np.argsort(years, kind="stable")
    by_year, quotes = years[order], block.take(pa.array(rows[order]))
    cuts = [0, *(np.flatnonzero(np.diff(by_year)) + 1).tolist(), len(order)]
    hits = np.empty(len(order), dtype=bool)
    for low, high in pairwise(cuts):
        part = pc.match_substring(quotes.slice(low, high - low), str(by_year[low]))
        hits[low:high] = part.fill_null(False).to_numpy(zero_copy_only=False)
    found = np.empty(len(order), dtype=bool)
    found[order] = hits
    return found


def _hedge_fits(hedge: object, quote: object, qualifier: object) -> bool:
    h, q = _str(hedge), normal(quote)
    if qualifier in HEDGED:
        return h != "" and normalise(h) in q
    if qualifier == "exact":
        return h == ""
    return h == "" or normalise(h) in q


_HEDGE_QUALIFIER = {word: q for q, words in HEDGE_WORDS.items() for word in words}
_HEDGE_WORD = re.compile(
    r"(?<!\w)(?:"
    + "|".join(
        re.escape(w).replace(r"\ ", r"\s+") for w in sorted(_HEDGE_QUALIFIER, key=len, reverse=True)
    )
    + r")(?!\w)",
    re.IGNORECASE,
)


def _hedge_agrees(hedge: object, qualifier: object) -> bool:
    """A hedge's words say the qualifier's direction (or say none the vocabulary reads)."""
    if qualifier not in HEDGED:
        return True
    found = (" ".join(m.group().lower().split()) for m in _HEDGE_WORD.finditer(_str(hedge)))
    says = {_HEDGE_QUALIFIER[word] for word in found}
    return not says or qualifier in says


def _fits_precision(start: Any, end: Any, precision: object) -> bool:
    if pd.isna(start) or pd.isna(end):
        return True
    if precision == "year":
        return bool((start.month, start.day, end.month, end.day) == (1, 1, 12, 31))
    if precision == "month":
        return bool(start.day == 1 and end.day == calendar.monthrange(end.year, end.month)[1])
    return True


def _decade_printed(day: Any, quote: str) -> bool:
    return f"{day.year // 10 * 10}s" in quote or f"{day.year // 10 % 10}0s" in quote


def _stated_year_printed(
    start: Any, earliest: Any, latest: Any, precision: object, basis: object, quote: object
) -> bool:
    if basis != "stated":
        return True
    q = _str(quote)
    if precision in BOUNDED_PRECISION:  # a bound's year, or its decade for a vague one
        bounds = [d for d in (earliest, latest) if pd.notna(d)]
        return any(str(d.year) in q or _decade_printed(d, q) for d in bounds)
    if pd.isna(start):
        return True
    if precision == "decade":
        return _decade_printed(start, q)
    return str(start.year) in q


_BOUNDS_OF = {"on_or_before": (False, True), "open_ended": (True, False), "within": (True, True)}


def _bounds_fit(start: Any, earliest: Any, latest: Any, precision: object) -> bool:
    """A bounded precision has exactly its bounds and no exact period; others no bounds."""
    has = (pd.notna(earliest), pd.notna(latest))
    if precision not in _BOUNDS_OF:
        return has == (False, False)
    ordered = not all(has) or earliest <= latest
    return pd.isna(start) and has == _BOUNDS_OF[str(precision)] and bool(ordered)


def _printed_in(part: object, quote: object) -> bool:
    p = _str(part)
    return p == "" or normalise(p) in normalise(_str(quote))


def _attribution_printed(who: object, kind: object, quote: object, source: object) -> bool:
    if _printed_in(who, quote):
        return True
    corpus = current()
    return kind == "cited_work" and (corpus.unreadable(source) or corpus.has_quote(source, who))


def _value_printed(figure: object, *numbers: Any) -> bool:
    return all(printed_numbers.printed(_str(figure), float(n)) for n in numbers if pd.notna(n))


class ClaimModel(pa.DataFrameModel):
    claim_id: Series[str] = pa.Field(
        unique=True,
        str_matches=CLAIM_ID_PATTERN,
        title="Claim id",
        description=(
            "Stable id of the claim, unique across the package: '<table>-<source_id>-<nnn>'. "
            "Never reused or renumbered."
        ),
    )
    source_id: Series[str] = pa.Field(
        title="Source",
        description="The source that states the claim; a source_id of sources.csv.",
    )
    quote: Series[str] = pa.Field(
        str_matches=NON_BLANK,
        metadata={"verbatim": True},
        title="Quote",
        description=(
            "Verbatim passage of the source's raw text that states the claim "
            "(whitespace may differ). Contains the figure."
        ),
    )
    figure: Series[str] = pa.Field(
        str_matches=NON_BLANK,
        title="Figure as printed",
        description=(
            "The figure or date exactly as the quote prints it ('USD80 billion', "
            "'42.7 per cent', 'five times', '22 to 27 April 2012'); for a claim without a "
            "figure (an event, trend or refusal), the words that state it ('backed out of "
            "selling')."
        ),
    )
    qualifier: Series[str] = pa.Field(
        isin=list(QUALIFIER),
        title="Qualifier",
        description="How exact the text is about the figure.",
    )
    hedge: Series[str] = pa.Field(
        nullable=True,
        title="Hedge as printed",
        description=(
            "The word(s) that make the figure inexact, as printed ('almost', 'more than'); "
            "required when qualifier is approx, lower_bound or upper_bound, empty when exact."
        ),
    )
    status: Series[str] = pa.Field(
        isin=list(STATUS),
        title="Status",
        description="Whether the text reports the figure or states a target, plan or forecast.",
    )
    modality: Series[str] = pa.Field(
        isin=list(MODALITY),
        title="Modality",
        description=(
            "How the text states the claim: as fact, forecast, plan, under a condition, as a "
            "possibility, rhetorically, or as one of two disputed readings."
        ),
    )
    condition: Series[str] = pa.Field(
        nullable=True,
        title="Condition as printed",
        description=(
            "For a conditional claim, the condition's own words as the quote prints them "
            "('if relations with the EU and United States continue to deteriorate ...'); "
            "empty otherwise."
        ),
    )
    attributed_to: Series[str] = pa.Field(
        nullable=True,
        title="Attributed to",
        description=(
            "Who the text says makes the claim, as the quote prints it ('Russia's TASS news "
            "agency', 'well-known Russian experts', 'SIPRI'); a cited work's title or outlet "
            "may be printed elsewhere in the source. Empty when the text states the claim in "
            "its own voice."
        ),
    )
    attribution_kind: Series[str] = pa.Field(
        nullable=True,
        isin=list(ATTRIBUTION_KIND),
        title="Attribution kind",
        description="What kind of speaker attributed_to is; empty when attributed_to is.",
    )
    inferred: Series[str] = pa.Field(
        nullable=True,
        isin=list(INFERRED),
        title="Inferred",
        description=(
            "What in the row the curator inferred rather than read (the assignment of the "
            "claim to a project or event, or a value the words imply); the note gives the "
            "evidence. Empty when everything is printed."
        ),
    )
    note: Series[str] = pa.Field(
        nullable=True,
        title="Curator's note",
        description="How the row was read: resolutions, inferences, restatements, artefacts.",
    )

    class Config:
        name = "claim"
        strict = True
        coerce = False

    @pa.dataframe_check(error="claim_id: must read '<table>-<source_id>-<nnn>' for this table")
    def claim_id_names_table_and_source(cls, df: pd.DataFrame) -> pd.Series[bool]:
        # '<table>-<source>-<rest>' with no '-' in rest: all before the last '-' is
        # '<table>-<source>' (vectorised: one pass for a million rows and many sources)
        return claim_ids_name(df["claim_id"], df["source_id"], cls.Config.name)

    @pa.dataframe_check(error="source_id: not in sources.csv")
    def source_exists(cls, df: pd.DataFrame) -> pd.Series[bool]:
        return source_exists(df)

    @pa.dataframe_check(
        error="quote: not found in the source's raw text (only whitespace may differ)"
    )
    def quote_in_raw_text(cls, df: pd.DataFrame) -> pd.Series[bool]:
        return quotes_in_raw_text(df, "quote")

    @pa.dataframe_check(
        error=(
            "quote: its anchor (offsets and prefix/suffix in the raw text) does not reproduce "
            "the quote"
        )
    )
    def quote_anchored(cls, df: pd.DataFrame) -> pd.Series[bool]:
        return anchors_in_raw_text(df, "quote")

    @pa.dataframe_check(error="figure: not printed in the quote")
    def figure_in_quote(cls, df: pd.DataFrame) -> pd.Series[bool]:
        # the quotes first: when they are (nearly) all distinct, the figures are not
        # factorised at all (see _rowwise.distinct_or_every_row)
        def batch(quotes: pd.Series, figures: pd.Series) -> list[bool]:
            return _figures_in_quotes(figures, quotes)

        return per_unique_batch(df, ["quote", "figure"], batch, as_series=True)

    @pa.dataframe_check(
        error=(
            "hedge: approx, lower_bound and upper_bound need the hedge word as printed in the "
            "quote; exact takes none"
        )
    )
    def hedge_matches_qualifier(cls, df: pd.DataFrame) -> pd.Series[bool]:
        # without a hedge only the qualifier matters; with one, it must be in the quote
        bare = df["hedge"].isna().to_numpy() | (df["hedge"] == "").to_numpy(
            dtype=bool, na_value=False
        )
        unhedged = ~df["qualifier"].isin(HEDGED).to_numpy()
        columns = ["hedge", "quote", "qualifier"]
        fits = per_unique_where(df, ~bare, columns, _hedge_fits).to_numpy()
        return pd.Series(np.where(bare, unhedged, fits), index=df.index, dtype=bool)

    @pa.dataframe_check(
        error=(
            "hedge: says another direction than qualifier (upper_bound: almost, nearly, under, "
            "less than; lower_bound: more than, over, at least; approx: about, around, some; "
            "the full lists: vocabulary.HEDGE_WORDS)"
        )
    )
    def hedge_agrees_with_qualifier(cls, df: pd.DataFrame) -> pd.Series[bool]:
        return per_unique(df, ["hedge", "qualifier"], _hedge_agrees)

    @pa.dataframe_check(
        error="attribution_kind: attributed_to and attribution_kind are given together or not at all"
    )
    def attribution_complete(cls, df: pd.DataFrame) -> pd.Series[bool]:
        return df["attributed_to"].isna() == df["attribution_kind"].isna()

    @pa.dataframe_check(
        error=(
            "attributed_to: not printed in the quote (a cited_work's title or outlet: not in "
            "the source's raw text)"
        )
    )
    def attribution_printed(cls, df: pd.DataFrame) -> pd.Series[bool]:
        columns = ["attributed_to", "attribution_kind", "quote", "source_id"]
        return per_unique_where(df, _given(df["attributed_to"]), columns, _attribution_printed)

    @pa.dataframe_check(
        error=(
            "condition: a conditional claim needs its condition as printed in the quote; "
            "other modalities take none"
        )
    )
    def condition_with_conditional(cls, df: pd.DataFrame) -> pd.Series[bool]:
        conditional = df["modality"] == "conditional"
        printed = per_unique_where(df, _given(df["condition"]), ["condition", "quote"], _printed_in)
        return printed & (conditional == df["condition"].notna())


class DatedClaimModel(ClaimModel):
    period_start: Series[pa.DateTime] = pa.Field(
        nullable=True,
        title="Period start",
        description="First day of the period or date the claim is about (ISO 8601 date).",
    )
    period_end: Series[pa.DateTime] = pa.Field(
        nullable=True,
        title="Period end",
        description=(
            "Last day of that period (ISO 8601 date); equals period_start for a single day. "
            "A year is stored as its 1 January to 31 December."
        ),
    )
    earliest_date: Series[pa.DateTime] = pa.Field(
        nullable=True,
        title="Earliest date",
        description=(
            "When the text gives only bounds: the claim's period lies on or after this day "
            "(Wikidata P1319). Empty when period_start/period_end hold the period."
        ),
    )
    latest_date: Series[pa.DateTime] = pa.Field(
        nullable=True,
        title="Latest date",
        description=(
            "When the text gives only bounds: the claim's period lies on or before this day "
            "(Wikidata P1326; 'By 2014' = 2014-12-31). Empty when period_start/period_end hold "
            "the period."
        ),
    )
    period_precision: Series[str] = pa.Field(
        nullable=True,
        isin=list(DATE_PRECISION),
        title="Date precision",
        description="How precisely the text dates the period.",
    )
    date_basis: Series[str] = pa.Field(
        nullable=True,
        isin=list(DATE_BASIS),
        title="Date basis",
        description="Whether the date is printed, resolved from a relative phrase, or inferred.",
    )

    class Config:
        name = "dated_claim"

    @row_check(
        "period_end: before period_start, or only one of them given",
        reads=("period_start", "period_end"),
    )
    def period_ordered(cls, df: pd.DataFrame) -> pd.Series[bool]:
        start, end = df["period_start"], df["period_end"]
        both = start.notna() & end.notna()
        neither = start.isna() & end.isna()
        return neither | (both & (start <= end))

    @row_check(
        "period_precision: a dated row needs period_precision and date_basis, an undated none",
        reads=("period_start", "earliest_date", "latest_date"),
    )
    def period_described(cls, df: pd.DataFrame) -> pd.Series[bool]:
        dated = df[["period_start", "earliest_date", "latest_date"]].notna().any(axis=1)
        described = df["period_precision"].notna() & df["date_basis"].notna()
        bare = df["period_precision"].isna() & df["date_basis"].isna()
        return (dated & described) | (~dated & bare)

    @row_check(
        (
            "period_start: does not fit period_precision (a year runs 1 January to "
            "31 December, a month from its first to its last day)"
        ),
        reads=("period_start", "period_end"),
    )
    def period_fits_precision(cls, df: pd.DataFrame) -> pd.Series[bool]:
        return per_unique(df, ["period_start", "period_end", "period_precision"], _fits_precision)

    @row_check(
        "period_start: a stated date's year (or decade) is not in the quote",
        reads=("period_start", "earliest_date", "latest_date"),
    )
    def stated_year_in_quote(cls, df: pd.DataFrame) -> pd.Series[bool]:
        return _stated_years_printed(df)

    @row_check(
        (
            "period_precision: on_or_before needs latest_date only, open_ended earliest_date "
            "only, within both (earliest <= latest), each with period_start/period_end empty; "
            "other precisions take no bounds"
        ),
        reads=("period_start", "earliest_date", "latest_date"),
    )
    def bounds_fit_precision(cls, df: pd.DataFrame) -> pd.Series[bool]:
        columns = ["period_start", "earliest_date", "latest_date", "period_precision"]
        return per_unique(df, columns, _bounds_fit)


class MeasuredClaimModel(DatedClaimModel):
    value: Series[float] = pa.Field(
        nullable=True,
        metadata={"unit_column": "unit"},
        title="Value",
        description=(
            "The figure as a number in `unit`; empty for a range (see value_low/high) and for a "
            "row that states only a date."
        ),
    )
    value_low: Series[float] = pa.Field(
        nullable=True,
        metadata={"unit_column": "unit"},
        title="Range low",
        description="Low end of a range, in `unit`.",
    )
    value_high: Series[float] = pa.Field(
        nullable=True,
        metadata={"unit_column": "unit"},
        title="Range high",
        description="High end of a range, in `unit`.",
    )
    unit: Series[str] = pa.Field(
        nullable=True,
        isin=list(UNIT),
        title="Unit",
        description="Unit of value, value_low and value_high; empty when the row has no value.",
    )

    class Config:
        name = "measured_claim"

    @row_check(
        (
            "value: missing; a row needs a value, or value_low and value_high with qualifier "
            "range, or (for an event) a dated period or an event"
        ),
        reads=("value", "value_low", "value_high", "period_start", "earliest_date", "latest_date"),
    )
    def value_or_date_present(cls, df: pd.DataFrame) -> pd.Series[bool]:
        is_range = df["qualifier"] == "range"
        ranged = df["value_low"].notna() & df["value_high"].notna()
        valued = (is_range & ranged) | (~is_range & df["value"].notna())
        dated = df[["period_start", "earliest_date", "latest_date"]].notna().any(axis=1)
        if "event" in df:  # an event, trend or refusal stated without a figure or a date
            dated = dated | df["event"].notna()
        dated_event = df[["value", "value_low", "value_high"]].isna().all(axis=1) & dated
        return valued | dated_event

    @row_check(
        "qualifier: range needs value_low and value_high; they need range",
        reads=("value_low", "value_high"),
    )
    def range_matches_qualifier(cls, df: pd.DataFrame) -> pd.Series[bool]:
        is_range = df["qualifier"] == "range"
        ranged = df["value_low"].notna() & df["value_high"].notna()
        partial = df["value_low"].notna() | df["value_high"].notna()
        return (is_range & ranged) | (~is_range & ~partial)

    @row_check(
        "value_low: greater than value_high",
        reads=("value_low", "value_high"),
    )
    def range_ordered(cls, df: pd.DataFrame) -> pd.Series[bool]:
        low, high = df["value_low"], df["value_high"]
        return low.isna() | high.isna() | (low <= high)

    @row_check(
        "unit: a row with a value needs a unit, a row without one none",
        reads=("value", "value_low", "value_high"),
    )
    def unit_with_value(cls, df: pd.DataFrame) -> pd.Series[bool]:
        has_value = df[["value", "value_low", "value_high"]].notna().any(axis=1)
        return has_value == df["unit"].notna()

    @row_check(
        "value: not printed in the figure (value, value_low, value_high)",
        reads=("value", "value_low", "value_high"),
    )
    def value_printed(cls, df: pd.DataFrame) -> pd.Series[bool]:
        columns = ["figure", "value", "value_low", "value_high"]
        return per_unique(df, columns, _value_printed) | (df["inferred"] == "value")

    @pa.dataframe_check(
        error=(
            "unit: the figure does not print this unit (percent needs '%' or 'per cent', "
            "usd_billion 'billion' and no other currency, km 'kilometres' or 'km', ...: "
            "docs/curation.md rule 5)"
        )
    )
    def unit_printed(cls, df: pd.DataFrame) -> pd.Series[bool]:
        # an inferred value ('about the same' read as 1 times) has an inferred unit too
        printed = per_unique(df, ["unit", "figure"], printed_units.unit_printed)
        return printed | (df["inferred"] == "value")

    @pa.dataframe_check(error="note: an inferred value or assignment needs the evidence in note")
    def inference_explained(cls, df: pd.DataFrame) -> pd.Series[bool]:
        return df["inferred"].isna() | df["note"].notna()

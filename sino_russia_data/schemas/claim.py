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

import pandas as pd
import pandera.pandas as pa
from pandera.typing import Series

from .. import figures
from ..corpus import current, normalise
from ..vocabulary import DATE_BASIS, DATE_PRECISION, QUALIFIER, STATUS, UNIT
from ._checks import NON_BLANK, row_check

CLAIM_ID_PATTERN = r"^[a-z_]+-[a-z0-9]+-\d{3,}$"
HEDGED = ("approx", "lower_bound", "upper_bound")


def _text(series: pd.Series) -> pd.Series:
    """Strings with missing cells as ''."""
    return series.where(series.notna(), "").astype(str)


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
            "'42.7 per cent', 'five times', '22 to 27 April 2012')."
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
        expected_start = cls.Config.name + "-" + _text(df["source_id"]) + "-"
        ids = _text(df["claim_id"])
        ok = [i.startswith(e) for i, e in zip(ids, expected_start, strict=True)]
        return pd.Series(ok, index=df.index)

    @pa.dataframe_check(error="source_id: not in sources.csv")
    def source_exists(cls, df: pd.DataFrame) -> pd.Series[bool]:
        return df["source_id"].isin(current().source_ids)

    @pa.dataframe_check(
        error="quote: not found in the source's raw text (only whitespace may differ)"
    )
    def quote_in_raw_text(cls, df: pd.DataFrame) -> pd.Series[bool]:
        return current().quotes_found(df["source_id"], df["quote"])

    @pa.dataframe_check(error="figure: not printed in the quote")
    def figure_in_quote(cls, df: pd.DataFrame) -> pd.Series[bool]:
        pairs = zip(_text(df["figure"]), _text(df["quote"]), strict=True)
        ok = [f != "" and normalise(f) in normalise(q) for f, q in pairs]
        return pd.Series(ok, index=df.index)

    @pa.dataframe_check(
        error=(
            "hedge: approx, lower_bound and upper_bound need the hedge word as printed in the "
            "quote; exact takes none"
        )
    )
    def hedge_matches_qualifier(cls, df: pd.DataFrame) -> pd.Series[bool]:
        hedge, quote, qual = _text(df["hedge"]), _text(df["quote"]), _text(df["qualifier"])
        ok = []
        for h, q, k in zip(hedge, quote, qual, strict=True):
            if k in HEDGED:
                ok.append(h != "" and normalise(h) in normalise(q))
            elif k == "exact":
                ok.append(h == "")
            else:
                ok.append(h == "" or normalise(h) in normalise(q))
        return pd.Series(ok, index=df.index)


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
        reads=("period_start",),
    )
    def period_described(cls, df: pd.DataFrame) -> pd.Series[bool]:
        dated = df["period_start"].notna()
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
        ok = []
        for s, e, p in zip(
            df["period_start"], df["period_end"], df["period_precision"], strict=True
        ):
            if pd.isna(s) or pd.isna(e):
                ok.append(True)
            elif p == "year":
                ok.append((s.month, s.day, e.month, e.day) == (1, 1, 12, 31))
            elif p == "month":
                last = calendar.monthrange(e.year, e.month)[1]
                ok.append(s.day == 1 and e.day == last)
            else:
                ok.append(True)
        return pd.Series(ok, index=df.index)

    @row_check(
        "period_start: a stated date's year (or decade) is not in the quote",
        reads=("period_start",),
    )
    def stated_year_in_quote(cls, df: pd.DataFrame) -> pd.Series[bool]:
        ok = []
        cols = (df["period_start"], df["period_precision"], df["date_basis"], _text(df["quote"]))
        for s, p, basis, quote in zip(*cols, strict=True):
            if pd.isna(s) or basis != "stated":
                ok.append(True)
            elif p == "decade":
                ok.append(f"{s.year // 10 * 10}s" in quote or f"{s.year // 10 % 10}0s" in quote)
            else:
                ok.append(str(s.year) in quote)
        return pd.Series(ok, index=df.index)


class MeasuredClaimModel(DatedClaimModel):
    value: Series[float] = pa.Field(
        nullable=True,
        title="Value",
        description=(
            "The figure as a number in `unit`; empty for a range (see value_low/high) and for a "
            "row that states only a date."
        ),
    )
    value_low: Series[float] = pa.Field(
        nullable=True, title="Range low", description="Low end of a range, in `unit`."
    )
    value_high: Series[float] = pa.Field(
        nullable=True, title="Range high", description="High end of a range, in `unit`."
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
            "range, or (for an event) a dated period"
        ),
        reads=("value", "value_low", "value_high", "period_start"),
    )
    def value_or_date_present(cls, df: pd.DataFrame) -> pd.Series[bool]:
        is_range = df["qualifier"] == "range"
        ranged = df["value_low"].notna() & df["value_high"].notna()
        valued = (is_range & ranged) | (~is_range & df["value"].notna())
        dated_event = (
            df[["value", "value_low", "value_high"]].isna().all(axis=1) & df["period_start"].notna()
        )
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
        ok = []
        cols = (_text(df["figure"]), df["value"], df["value_low"], df["value_high"])
        for fig, *numbers in zip(*cols, strict=True):
            given = [n for n in numbers if pd.notna(n)]
            ok.append(all(figures.printed(fig, float(n)) for n in given))
        return pd.Series(ok, index=df.index)

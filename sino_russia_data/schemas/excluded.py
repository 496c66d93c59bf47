"""Mentions of numbers and dates in the raw texts that are deliberately not claims."""

from __future__ import annotations

import pandas as pd
import pandera.pandas as pa
from pandera.typing import Series

from ..texts.quotes import normalise
from ..vocabulary import EXCLUSION_REASON, PASSAGE_REASONS
from ._checks import NON_BLANK, anchors_in_raw_text, quotes_in_raw_text, source_exists


class ExcludedModel(pa.DataFrameModel):
    exclusion_id: Series[str] = pa.Field(
        unique=True,
        str_matches=r"^excluded-[a-z0-9]+-[0-9]{3}\Z",
        title="Exclusion id",
        description="Stable id: 'excluded-<source_id>-<nnn>'.",
    )
    source_id: Series[str] = pa.Field(
        title="Source", description="The source whose raw text holds the mentions."
    )
    mention: Series[str] = pa.Field(
        nullable=True,
        title="Mention",
        description=(
            "The number or date excluded, as printed; empty to exclude every mention inside "
            "`context` (e.g. a whole bibliographic note) for the same reason, and empty for a "
            "figureless passage of the second reading (reasons detail, not_about_subject, "
            "not_a_claim), which excludes no number."
        ),
    )
    context: Series[str] = pa.Field(
        str_matches=NON_BLANK,
        metadata={"verbatim": True},
        title="Context",
        description=(
            "Verbatim passage of the raw text around the mention (whitespace may differ); every "
            "occurrence of it is covered."
        ),
    )
    reason: Series[str] = pa.Field(
        isin=list(EXCLUSION_REASON), title="Reason", description="Why it is not a claim."
    )
    note: Series[str] = pa.Field(nullable=True, title="Note", description="Anything more to say.")

    class Config:
        name = "excluded"
        title = "Excluded mentions"
        description = "Number and date mentions of the raw texts, and figureless passages of the second reading, that are deliberately not claims, each with its reason."
        metadata = {"file": "curated/excluded.csv"}
        strict = True
        coerce = False

    @pa.dataframe_check(error="source_id: not in sources.csv")
    def source_exists(cls, df: pd.DataFrame) -> pd.Series[bool]:
        return source_exists(df)

    @pa.dataframe_check(
        error="context: not found in the source's raw text (only whitespace may differ)"
    )
    def context_in_raw_text(cls, df: pd.DataFrame) -> pd.Series[bool]:
        return quotes_in_raw_text(df, "context")

    @pa.dataframe_check(
        error=(
            "context: its anchor (offsets and prefix/suffix in the raw text) does not "
            "reproduce the context"
        )
    )
    def context_anchored(cls, df: pd.DataFrame) -> pd.Series[bool]:
        return anchors_in_raw_text(df, "context")

    @pa.dataframe_check(error="mention: not in the context")
    def mention_in_context(cls, df: pd.DataFrame) -> pd.Series[bool]:
        ok = [
            not isinstance(m, str) or (isinstance(c, str) and normalise(m) in normalise(c))
            for m, c in zip(df["mention"], df["context"], strict=True)
        ]
        return pd.Series(ok, index=df.index)

    @pa.dataframe_check(
        error=(
            "mention: must be empty when the reason excludes a figureless passage "
            "(detail, not_about_subject, not_a_claim)"
        )
    )
    def passage_has_no_mention(cls, df: pd.DataFrame) -> pd.Series[bool]:
        return ~(df["reason"].isin(list(PASSAGE_REASONS)) & df["mention"].notna())

"""Arms exports: market shares, growth, rankings, customers, and arms-sale events."""

from __future__ import annotations

import pandas as pd
import pandera.pandas as pa
from pandera.typing import Series

from ..vocabulary import ARMS_INDICATOR, EVENT, PARTY_PATTERN
from .claim import MeasuredClaimModel


class ArmsModel(MeasuredClaimModel):
    indicator: Series[str] = pa.Field(
        isin=list(ARMS_INDICATOR), title="Indicator", description="What the row measures."
    )
    exporter: Series[str] = pa.Field(
        nullable=True,
        str_matches=PARTY_PATTERN,
        title="Exporter / seller",
        description="ISO 3166 alpha-3 of the exporting or selling country.",
    )
    buyer: Series[str] = pa.Field(
        nullable=True,
        title="Buyer(s)",
        description="ISO 3166 alpha-3 codes of the buying countries, ';'-separated.",
    )
    system: Series[str] = pa.Field(
        nullable=True, title="System", description="Weapon system as printed ('S-400', 'Su-35')."
    )
    event: Series[str] = pa.Field(
        nullable=True,
        isin=list(EVENT),
        title="Event",
        description="For sale_event rows: what happened to the sale.",
    )
    compared_to: Series[str] = pa.Field(
        nullable=True,
        title="Compared to",
        description="The earlier period or rank a growth or rank figure is compared to, as printed.",
    )

    class Config:
        name = "arms"
        title = "Arms exports"
        description = "Arms-export claims: market shares, growth, exporter ranks, customers and arms-sale events."
        metadata = {"file": "curated/arms.csv"}

    @pa.dataframe_check(error="event: sale_event rows need an event; other rows take none")
    def event_only_for_sales(cls, df: pd.DataFrame) -> pd.Series[bool]:
        is_event = df["indicator"] == "sale_event"
        return (is_event & df["event"].notna()) | (~is_event & df["event"].isna())

    @pa.dataframe_check(error="buyer: each ';'-separated item must be an ISO 3166 alpha-3 code")
    def buyers_are_codes(cls, df: pd.DataFrame) -> pd.Series[bool]:
        return df["buyer"].isna() | df["buyer"].str.fullmatch(r"[A-Z]{3}(?:;[A-Z]{3})*")

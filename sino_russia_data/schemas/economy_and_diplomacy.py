"""The remaining claims: economy, finance, investment, demography, geography, treaties,
doctrines and diplomatic milestones."""

from __future__ import annotations

import pandas as pd
import pandera.pandas as pa
from pandera.typing import Series

from ..vocabulary import EVENT, TOPIC
from .claim import MeasuredClaimModel


class EconomyAndDiplomacyModel(MeasuredClaimModel):
    topic: Series[str] = pa.Field(
        isin=list(TOPIC), title="Topic", description="What the claim is about."
    )
    indicator: Series[str] = pa.Field(
        str_matches=r"^[a-z0-9_]+\Z",
        title="Indicator",
        description="Slug of the quantity or event (e.g. gdp_ratio, border_length, treaty_signed).",
    )
    subject: Series[str] = pa.Field(
        title="Subject", description="Plain-words summary of what the figure or date is about."
    )
    parties: Series[str] = pa.Field(
        nullable=True,
        title="Parties",
        description="ISO 3166 alpha-3 codes or organisation names involved, ';'-separated.",
    )
    event: Series[str] = pa.Field(
        nullable=True,
        isin=list(EVENT),
        title="Event",
        description="For dated events: what happened.",
    )

    class Config:
        name = "economy_and_diplomacy"
        title = "Economy and diplomacy"
        description = "Economy, finance, investment, demography, geography, treaty, doctrine and diplomacy claims."
        metadata = {"file": "curated/economy_and_diplomacy.csv"}

    @pa.dataframe_check(error="subject: must not be blank")
    def subject_not_blank(cls, df: pd.DataFrame) -> pd.Series[bool]:
        return df["subject"].fillna("").str.strip() != ""

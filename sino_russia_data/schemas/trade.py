"""Trade: turnover, exports, imports, deficits, growth, shares, rankings, contracts."""

from __future__ import annotations

import pandas as pd
import pandera.pandas as pa
from pandera.typing import Series

from ..vocabulary import PARTY_PATTERN, TRADE_FLOW, TRADE_MEASURE, UNIT
from ._checks import row_check
from .claim import MeasuredClaimModel


class TradeModel(MeasuredClaimModel):
    reporter: Series[str] = pa.Field(
        str_matches=PARTY_PATTERN,
        title="Reporter",
        description="Whose trade: ISO 3166 alpha-3 code or a named grouping (EU, EUROPE, WORLD).",
    )
    partner: Series[str] = pa.Field(
        str_matches=PARTY_PATTERN,
        title="Partner",
        description="Trade partner: ISO 3166 alpha-3 code or a named grouping.",
    )
    flow: Series[str] = pa.Field(isin=list(TRADE_FLOW), title="Flow", description="Which flow.")
    measure: Series[str] = pa.Field(
        isin=list(TRADE_MEASURE), title="Measure", description="What is measured of the flow."
    )
    value: Series[float] = pa.Field(
        nullable=True,
        metadata={"unit_column": "unit"},
        title="Value",
        description="The figure as a number in `unit`; empty only for a range.",
    )
    unit: Series[str] = pa.Field(
        isin=list(UNIT), title="Unit", description="Unit of value, value_low and value_high."
    )
    period_start: Series[pa.DateTime] = pa.Field(
        title="Period start", description="First day of the period the figure is for (ISO 8601)."
    )
    period_end: Series[pa.DateTime] = pa.Field(
        title="Period end", description="Last day of the period the figure is for (ISO 8601)."
    )

    class Config:
        name = "trade"
        title = "Trade"
        description = "Trade claims: turnover, exports, imports, deficits, growth, shares, partner ranks, contracts and targets."
        metadata = {"file": "curated/trade.csv"}

    @row_check(
        "value: missing; a trade row needs a value or a range",
        reads=("value", "value_low", "value_high"),
    )
    def value_present(cls, df: pd.DataFrame) -> pd.Series[bool]:
        return df[["value", "value_low", "value_high"]].notna().any(axis=1)

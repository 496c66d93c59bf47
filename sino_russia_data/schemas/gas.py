"""Energy projects and deals: value, duration, volume, length, cost, stakes, reserves."""

from __future__ import annotations

import pandas as pd
import pandera.pandas as pa
from pandera.typing import Series

from ..vocabulary import EVENT, GAS_INDICATOR, UNIT
from ._checks import row_check
from .claim import MeasuredClaimModel

# Standard conversions to a common unit: unit -> (normalised unit, factor). The factor's
# basis is stated per row in the `normalisation` column (1 cubic foot = 0.028316846592 m3,
# exact, international foot).
CONVERSIONS: dict[str, tuple[str, float]] = {"tcf": ("bcm", 28.316846592)}


class GasModel(MeasuredClaimModel):
    project: Series[str] = pa.Field(
        str_matches=r"^[a-z0-9_]+\Z",
        title="Project",
        description=(
            "Slug of the project or deal the row is about (e.g. power_of_siberia_eastern_route, "
            "altai_western_route, sakhalin_japan_pipeline, vietnam_offshore_blocks, "
            "vladivostok_lng)."
        ),
    )
    parties: Series[str] = pa.Field(
        nullable=True,
        title="Parties",
        description="Countries or companies party to the project, as printed, ';'-separated.",
    )
    indicator: Series[str] = pa.Field(
        isin=list(GAS_INDICATOR), title="Indicator", description="What the row measures."
    )
    event: Series[str] = pa.Field(
        nullable=True,
        isin=list(EVENT),
        title="Event",
        description="The project's stage the row reports (agreed, proposed, discussed, ...).",
    )
    value_normalised: Series[float] = pa.Field(
        nullable=True,
        metadata={"unit_column": "unit_normalised"},
        title="Value, normalised",
        description="`value` converted with a standard factor (see `normalisation`).",
    )
    unit_normalised: Series[str] = pa.Field(
        nullable=True,
        isin=list(UNIT),
        title="Normalised unit",
        description="Unit of value_normalised.",
    )
    normalisation: Series[str] = pa.Field(
        nullable=True,
        title="Normalisation",
        description="The conversion factor used, and its basis.",
    )

    class Config:
        name = "gas"
        title = "Gas and energy projects"
        description = "Energy project and deal claims: values, durations, volumes, lengths, costs, stakes, reserves and dates."
        metadata = {"file": "curated/gas.csv"}

    @row_check(
        (
            "value_normalised: must be value x the standard factor of its unit, with "
            "unit_normalised and normalisation filled in (or all three empty)"
        ),
        reads=("value", "value_normalised"),
    )
    def normalised_by_standard_factor(cls, df: pd.DataFrame) -> pd.Series[bool]:
        ok = []
        cols = (df["unit"], df["value"], df["value_normalised"], df["unit_normalised"])
        for unit, value, normalised, unit_n in zip(*cols, strict=True):
            conv = CONVERSIONS.get(unit) if isinstance(unit, str) else None
            if conv is None or pd.isna(value):
                ok.append(pd.isna(normalised) and pd.isna(unit_n))
            else:
                target, factor = conv
                ok.append(
                    pd.notna(normalised)
                    and unit_n == target
                    and abs(normalised - value * factor) <= 1e-6 * abs(value * factor)
                )
        return pd.Series(ok, index=df.index) & (
            df["value_normalised"].isna() == df["normalisation"].isna()
        )


__all__ = ["CONVERSIONS", "GasModel"]

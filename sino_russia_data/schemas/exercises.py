"""Military exercises and joint operations: names, parties, kinds, places, dates, sizes."""

from __future__ import annotations

import pandas as pd
import pandera.pandas as pa
from pandera.typing import Series

from ..vocabulary import EXERCISE_INDICATOR, EXERCISE_KIND, EXERCISE_STATUS, PARTICIPANTS_PATTERN
from ._checks import each
from .claim import MeasuredClaimModel


class ExercisesModel(MeasuredClaimModel):
    exercise: Series[str] = pa.Field(
        str_matches=r"^[a-z0-9_]+\Z",
        title="Exercise",
        description="Slug naming the exercise, shared by all rows about the same exercise.",
    )
    name_as_printed: Series[str] = pa.Field(
        nullable=True,
        title="Name as printed",
        description="The exercise's name as the text prints it; empty when it gives none.",
    )
    participants: Series[str] = pa.Field(
        nullable=True,
        str_matches=PARTICIPANTS_PATTERN,
        title="Participants",
        description="ISO 3166 alpha-3 codes of the participating countries, ';'-separated.",
    )
    kind: Series[str] = pa.Field(
        nullable=True,
        title="Kind",
        description=f"Kinds, ';'-separated, from: {', '.join(EXERCISE_KIND)}.",
    )
    location: Series[str] = pa.Field(
        nullable=True, title="Location", description="Where, as printed."
    )
    indicator: Series[str] = pa.Field(
        isin=list(EXERCISE_INDICATOR), title="Indicator", description="What the row states."
    )
    exercise_status: Series[str] = pa.Field(
        isin=list(EXERCISE_STATUS),
        title="Held or planned",
        description="Whether the exercise had been held by the article's date or was planned.",
    )

    class Config:
        name = "exercises"
        title = "Military exercises"
        description = "Military exercise claims: names, participants, kinds, places, dates and sizes of exercises and joint operations."
        metadata = {"file": "curated/exercises.csv"}

    @pa.dataframe_check(
        error=f"kind: each ';'-separated kind must be one of {', '.join(EXERCISE_KIND)}"
    )
    def kinds_known(cls, df: pd.DataFrame) -> pd.Series[bool]:
        return each(df["kind"], EXERCISE_KIND)

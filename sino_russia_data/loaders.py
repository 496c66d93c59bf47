"""The public loaders: validated, typed DataFrames of each table, and all claims in one.

Each loader returns only data that passed the full validation (every table, every check)
and raises :class:`DataValidationError` with the citing report when the data is wrong.
A passing verdict is remembered by the data's fingerprint (:mod:`.verdicts`), so a fresh
process loading unchanged data reads it with pandas alone and does not import pandera.
Results are cached per process and data directory; callers get copies, so editing a
returned frame never changes a later load.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, cast

import pandas as pd

from . import verdicts
from .paths import resolve_data_dir
from .problems import DataValidationError

if TYPE_CHECKING:
    from pandera.typing import DataFrame

    from .schemas import (
        ArmsModel,
        EconomyAndDiplomacyModel,
        ExercisesModel,
        GasModel,
        SourcesModel,
        TradeModel,
    )
    from .validation import Report

# Columns of the long claims frame, in order (each claim table has all but `table`).
CLAIM_COLUMNS = [
    "claim_id", "table", "source_id", "value", "value_low", "value_high", "unit",
    "period_start", "period_end", "period_precision", "date_basis", "qualifier", "hedge",
    "status", "figure", "quote", "note",
]  # fmt: skip


@lru_cache(maxsize=8)
def _valid_frames(data_dir: Path) -> dict[str, pd.DataFrame]:
    remembered = verdicts.load_valid(data_dir)
    if remembered is not None:
        return remembered
    from .validation import validate as validate_dir

    report = validate_dir(data_dir)
    if not report.ok:
        raise DataValidationError(report.problems)
    verdicts.record_valid(data_dir)
    return report.frames


def validate(data_dir: str | Path | None = None) -> Report:
    """Validate every table of ``data_dir`` (default: the shipped data); never raises for
    bad data: the returned report lists the problems (``report.ok`` is True when none)."""
    from .validation import validate as validate_dir

    return validate_dir(resolve_data_dir(data_dir))


def _frame(name: str, data_dir: str | Path | None) -> pd.DataFrame:
    return _valid_frames(resolve_data_dir(data_dir))[name].copy()


def sources(data_dir: str | Path | None = None) -> DataFrame[SourcesModel]:
    """One row per source text: bibliographic metadata, raw file, SHA-256, rights."""
    return cast("DataFrame[SourcesModel]", _frame("sources", data_dir))


def trade(data_dir: str | Path | None = None) -> DataFrame[TradeModel]:
    """Trade claims: turnover, exports, imports, deficits, growth, shares, ranks, contracts."""
    return cast("DataFrame[TradeModel]", _frame("trade", data_dir))


def arms(data_dir: str | Path | None = None) -> DataFrame[ArmsModel]:
    """Arms-export claims: market shares, growth, ranks, customers, sale events."""
    return cast("DataFrame[ArmsModel]", _frame("arms", data_dir))


def gas(data_dir: str | Path | None = None) -> DataFrame[GasModel]:
    """Energy project and deal claims: values, durations, volumes, lengths, costs, dates."""
    return cast("DataFrame[GasModel]", _frame("gas", data_dir))


def exercises(data_dir: str | Path | None = None) -> DataFrame[ExercisesModel]:
    """Military exercise claims: names, participants, kinds, dates, troop figures."""
    return cast("DataFrame[ExercisesModel]", _frame("exercises", data_dir))


def economy_and_diplomacy(
    data_dir: str | Path | None = None,
) -> DataFrame[EconomyAndDiplomacyModel]:
    """Economy, finance, demography, geography, treaty, doctrine and diplomacy claims."""
    return cast("DataFrame[EconomyAndDiplomacyModel]", _frame("economy_and_diplomacy", data_dir))


def claims(data_dir: str | Path | None = None) -> pd.DataFrame:
    """Every claim of every table in one long frame, with the table it comes from."""
    parts = []
    for name in verdicts.claim_table_names():
        frame = _frame(name, data_dir)
        frame.insert(1, "table", name)
        parts.append(frame[CLAIM_COLUMNS])
    out = pd.concat(parts, ignore_index=True)
    out["table"] = out["table"].astype("str")
    return out

"""pandera models: the single definition of every table."""

from .arms import ArmsModel
from .claim import ClaimModel, DatedClaimModel, MeasuredClaimModel
from .economy_and_diplomacy import EconomyAndDiplomacyModel
from .excluded import ExcludedModel
from .exercises import ExercisesModel
from .gas import GasModel
from .sources import SourcesModel
from .trade import TradeModel

__all__ = [
    "ArmsModel",
    "ClaimModel",
    "DatedClaimModel",
    "EconomyAndDiplomacyModel",
    "ExcludedModel",
    "ExercisesModel",
    "GasModel",
    "MeasuredClaimModel",
    "SourcesModel",
    "TradeModel",
]

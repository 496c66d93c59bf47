"""pandera models: the single definition of every table."""

from .claim import ClaimModel, DatedClaimModel, MeasuredClaimModel
from .sources import SourcesModel
from .trade import TradeModel

__all__ = ["ClaimModel", "DatedClaimModel", "MeasuredClaimModel", "SourcesModel", "TradeModel"]

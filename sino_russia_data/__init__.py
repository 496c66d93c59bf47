"""sino-russia-data: the quantitative claims of five articles on Russia-China relations
(2013-2020) as curated, typed, citable tables.

>>> import sino_russia_data as srd
>>> srd.trade()            # a validated, typed pandas DataFrame
>>> srd.claims()           # every claim of every table, long format

Importing the package is cheap: pandas, pandera and the data load on first use.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

from ._version import __version__

_LAZY = {
    "sources": "loaders",
    "trade": "loaders",
    "arms": "loaders",
    "gas": "loaders",
    "exercises": "loaders",
    "economy_and_diplomacy": "loaders",
    "claims": "loaders",
    "validate": "loaders",
    "DataValidationError": "problems",
    "cite": "citation",
    "consistency": "cross_checks",
    "bibtex": "citation",
}

__all__ = [
    "DataValidationError",
    "__version__",
    "arms",
    "bibtex",
    "cite",
    "claims",
    "consistency",
    "economy_and_diplomacy",
    "exercises",
    "gas",
    "sources",
    "trade",
    "validate",
]

if TYPE_CHECKING:
    from .citation import bibtex, cite
    from .cross_checks import consistency
    from .loaders import (
        arms,
        claims,
        economy_and_diplomacy,
        exercises,
        gas,
        sources,
        trade,
        validate,
    )
    from .problems import DataValidationError


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        value = getattr(import_module(f".{_LAZY[name]}", __name__), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(__all__)

"""sino-russia-data: the quantitative claims of five articles on Russia-China relations
(2013-2020) as curated, typed, citable tables.

>>> import sino_russia_data as srd
>>> srd.tables()           # the tables there are, with a one-line description each
>>> srd.trade()            # a validated, typed pandas DataFrame (one loader per table)
>>> srd.load("trade")      # the same, by name
>>> srd.claims()           # every claim of every table, long format

Importing the package is cheap: pandas, pandera and the data load on first use. The
table loaders are made from the registry of tables (:mod:`.registry`), which is derived
from the pandera models in ``schemas/``.
"""

# No `from __future__ import annotations` here: it would bind the name `annotations` in
# this module and hide the public function `srd.annotations` (resolved by __getattr__).
from importlib import import_module
from importlib.util import find_spec
from typing import TYPE_CHECKING, Any

from ._version import __version__ as __version__

# The public functions that are not table loaders: name -> module that defines it.
_LAZY = {
    "tables": "loaders",
    "load": "loaders",
    "claims": "loaders",
    "validate": "loaders",
    "DataValidationError": "checking.report",
    "cite": "publishing.citation",
    "bibtex": "publishing.citation",
    "csl_json": "publishing.csl",
    "consistency": "cross_checks",
    "charts": "charts",  # the subpackage itself (imports matplotlib on first use)
    "annotations": "publishing.annotations",
    "show": "publishing.show",
}

if TYPE_CHECKING:
    from . import charts as charts
    from .checking.report import DataValidationError as DataValidationError
    from .cross_checks import consistency as consistency
    from .loaders import claims as claims
    from .loaders import load as load
    from .loaders import tables as tables
    from .loaders import validate as validate
    from .publishing.annotations import annotations as annotations
    from .publishing.citation import bibtex as bibtex
    from .publishing.citation import cite as cite
    from .publishing.csl import csl_json as csl_json
    from .publishing.show import show as show


def _table_names() -> list[str]:
    from .registry import tables as registered

    return [t.name for t in registered()]


def _public() -> list[str]:
    return sorted(["__version__", *_LAZY, *_table_names()])


def __getattr__(name: str) -> Any:
    if name == "__all__":
        return _public()
    if name.startswith("_"):  # probes such as __wrapped__ never load the registry
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    if name in _LAZY:
        module = import_module(f".{_LAZY[name]}", __name__)
        value = module if _LAZY[name] == name else getattr(module, name)
    elif find_spec(f"{__name__}.{name}") is not None:  # a submodule: `from . import schemas`
        value = import_module(f".{name}", __name__)
    elif name in _table_names():
        value = import_module(".loaders", __name__).loader(name)
    else:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return _public()

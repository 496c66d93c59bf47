"""Where the sources agree and disagree: cross-claim checks found by rules over the tables.

No pair of claims is listed by hand. Each rule groups or joins claims by what they are
about (same indicator, parties and period; same event; components of a total) and says
what it expected and what it found:

- *corroboration*: the same quantity or event stated by two or more sources, and they agree;
- *restatement*: one source states the same quantity or event twice, consistently (found
  as the same quantity, or by a curator's "Restates <claim_id>" note);
- *conflict*: the same quantity, event or date stated differently (across or within texts),
  or one thing the text says two parties read differently (*disputed* readings);
- *inferred*: a claim agrees only with rows whose assignment the curator inferred (a photo
  caption assigned to a deal): shown, never counted as independent corroboration;
- *not compared*: claims about the same thing of which no two state a figure or a date
  that could be held against each other (a figureless, undated trend beside a dated one):
  shown with verdict ``nothing to compare``, never counted as agreement. In any check, a
  row with nothing compared is marked so in ``found`` and its source is not counted;
- *arithmetic*: components against totals, growth against levels, ranks against levels,
  shares against the levels of the part and the total, parts within their totals (an
  investment, a prepayment, buyer shares, a count of exercises), per-unit costs across
  projects (per km, per bcm/year). Each shows the derived number and judges it within the
  hedges stated (``derived`` when nothing stated is there to check it against).

The rules of a table live in the module named after it (``cross_checks/gas.py`` for
``gas``): its ``SAME_QUANTITY`` key, an optional ``comparable`` filter and its ``RULES``.
The rules every family shares are in :mod:`.same_quantity`; the check row and the
intervals a claim admits in :mod:`.common`.

Derived values (sums, ratios, per-unit figures) appear only here, each with its formula and
the claim_ids it uses; they never enter the claim tables.
"""

from __future__ import annotations

import importlib.util
from collections.abc import Mapping
from types import ModuleType
from typing import Any

import pandas as pd

from .common import COLUMNS, Check, with_display_figures
from .readings import disputed_readings
from .same_quantity import NOT_COMPARED, restatement_links, same_quantity

_ORDER = {
    "conflict": 0,
    "arithmetic": 1,
    "corroboration": 2,
    "restatement": 3,
    "inferred": 4,
    NOT_COMPARED: 5,
}


def family(table: str) -> ModuleType | None:
    """The cross-check module of a table (``cross_checks/<table>.py``), if it has one."""
    name = f"{__name__}.{table}"
    return importlib.import_module(name) if importlib.util.find_spec(name) else None


def _family_checks(table: str, frame: pd.DataFrame) -> list[Check]:
    module = family(table)
    if module is None or frame.empty:
        return []
    return same_quantity(table, frame, module.SAME_QUANTITY, getattr(module, "comparable", None))


LIST_COLUMNS = ("claim_ids", "sources")  # lists in Python, arrays in JSON, ';'-joined in CSV


def consistency_of(
    tables: Mapping[str, pd.DataFrame], sources: pd.DataFrame | None = None
) -> pd.DataFrame:
    """Every check over the given claim tables (name -> frame), one row per check.

    ``claim_ids`` and ``sources`` hold lists; the other columns text. Figures are shown in
    their display form, by the ``display_rules`` of ``sources`` (default: the shipped
    ``sources.csv``)."""
    if sources is None:
        from .. import loaders

        sources = loaders.load("sources")
    tables = {name: with_display_figures(frame, sources) for name, frame in tables.items()}
    same = [c for name, frame in tables.items() for c in _family_checks(name, frame)]
    grouped = {frozenset(c.claim_ids) for c in same}
    rules = []
    for name, frame in tables.items():
        module = family(name)
        if module is not None and not frame.empty:
            rules += [c for rule in module.RULES for c in rule(frame)]
    checks = same + restatement_links(tables, grouped) + disputed_readings(tables) + rules
    frame = pd.DataFrame([c.row() for c in checks], columns=COLUMNS)
    frame = frame.sort_values(
        ["kind", "check_id"], key=lambda s: s.map(_ORDER) if s.name == "kind" else s
    )
    frame = frame.reset_index(drop=True)
    text = [c for c in COLUMNS if c not in LIST_COLUMNS]
    frame[text] = frame[text].astype("str")
    return frame


def to_csv(frame: pd.DataFrame) -> str:
    """The checks as CSV: each list cell joined with ';'."""
    flat = frame.copy()
    for column in LIST_COLUMNS:
        flat[column] = [";".join(v) for v in flat[column]]
    return str(flat.to_csv(index=False))


def to_json(frame: pd.DataFrame) -> str:
    """The checks as a JSON array of objects, lists as arrays, ``/`` not escaped."""
    import json

    return json.dumps(frame.to_dict("records"), indent=2, ensure_ascii=False) + "\n"


def consistency(data_dir: Any = None) -> pd.DataFrame:
    """Cross-claim checks over the shipped (or given) data: corroborations, conflicts,
    restatements and arithmetic, each with its claim_ids, expectation, finding and verdict.

    ``claim_ids`` and ``sources`` are lists (``srd.cite(row.claim_ids)`` cites a check's
    claims); ``sino-russia-data consistency --format csv`` joins them with ';'."""
    from .. import loaders, registry

    tables = {t.name: loaders.load(t.name, data_dir) for t in registry.claim_tables()}
    return consistency_of(tables, loaders.load("sources", data_dir))


__all__ = ["COLUMNS", "Check", "consistency", "consistency_of", "family", "to_csv", "to_json"]

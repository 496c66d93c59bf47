"""Read the unit off a figure as printed ("42.7 per cent" is a percentage, "USD80 billion"
is billions of money, "4,000-kilometer" a length).

The claim tables keep each figure as printed and its ``unit`` from the vocabulary; the
unit check proves they agree wherever the figure prints its unit. This module is the one
place that knows how a figure spells each unit: per unit, the words the figure must
print (every pattern of ``needs``) and the words it must not (``refuses``: a money figure
printing another currency, a volume printing a rate). Units a figure does not spell
(a count of things, a rank, a fraction word) are :data:`EXEMPT`, with the reason.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache


@dataclass(frozen=True)
class PrintedUnit:
    needs: tuple[str, ...]  # each must match (case-insensitive)
    refuses: tuple[str, ...] = ()  # none may match


_PERCENT = r"%|\bper[ -]?cent\b"
_PER_YEAR = r"\b(?:a|per|each|every) year\b|\bannual|\byearly\b|\bper annum\b"
_BCM = r"\bbcm\b|\b(?:billion|bn) cubic met"
# The data's money units are US dollars: a figure may print the currency ('$', 'USD',
# 'dollars') or leave it to the quote ('615 billion and 555 billion dollars'), never another.
_OTHER_CURRENCY = r"yuan|renminbi|\brmb\b|roubles?|rubles?|euros?|€|£|¥|\bpounds?\b"

PRINTED: dict[str, PrintedUnit] = {
    "usd_billion": PrintedUnit((r"\bbillions?\b|\bbn\b",), (_OTHER_CURRENCY,)),
    "usd_million": PrintedUnit(
        (r"\bmillions?\b|\bmn\b|\bmln\b",),
        (_OTHER_CURRENCY,),
    ),
    "percent": PrintedUnit((_PERCENT,)),
    "percent_change": PrintedUnit((_PERCENT,)),
    "times": PrintedUnit(
        (r"\btimes\b|fold\b|\b(?:doubl|tripl|quadrupl)|\btwice\b|\bthrice\b",),
    ),
    "years": PrintedUnit((r"\byears?\b|\bdecades?\b",)),
    "km": PrintedUnit((r"\bkilomet|\bkm\b",)),
    "bcm": PrintedUnit((_BCM,), (_PER_YEAR,)),
    "bcm_per_year": PrintedUnit((_BCM, _PER_YEAR)),
    "tcf": PrintedUnit((r"\btcf\b|\btrillion cubic f(?:ee|oo)t",)),
    "million_tonnes": PrintedUnit(
        (r"\bmillion (?:metric )?(?:tons?|tonnes?)\b|\bmt\b",),
    ),
    "billion_people": PrintedUnit((r"\bbillions?\b|\bbn\b",)),
    "per_year": PrintedUnit((_PER_YEAR,)),
}

EXEMPT: dict[str, str] = {
    "count": "the figure names the things counted ('27 trade contracts', '160,000 troops')",
    "rank": "the figure is a ranking word ('ninth place', 'largest customer', 'topped')",
    "fraction": "the figure is a fraction word ('almost half')",
}


@lru_cache(maxsize=65536)
def _compiled(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.IGNORECASE)


def unit_printed(unit: object, figure: object) -> bool:
    """True when ``figure`` prints what ``unit`` says, or the unit cannot be read off a
    figure (exempt, missing, or not in the vocabulary: other checks report those)."""
    rule = PRINTED.get(unit) if isinstance(unit, str) else None
    if rule is None:
        return True
    text = figure if isinstance(figure, str) else ""
    needs = all(_compiled(p).search(text) for p in rule.needs)
    return needs and not any(_compiled(p).search(text) for p in rule.refuses)

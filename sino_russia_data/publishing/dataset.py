"""The data package's own bibliographic facts: what CITATION.cff, BibTeX and CSL-JSON say
about the dataset itself (the sources' facts come from ``sources.csv``).

The project has no public home yet, so no repository or URL is given rather than one
invented: when it has one, set ``REPOSITORY`` (and ``URL``, if different) here; every
citation format picks it up.
"""

from __future__ import annotations

from .._version import __released__, __version__

KEY = "sino-russia-data"
TITLE = (
    "sino-russia-data: curated, typed, citable claims from five articles on "
    "Russia-China relations (2013-2020)"
)
AUTHOR = "sino-russia-data contributors"
VERSION = __version__
RELEASED = __released__  # ISO date of this data version
LICENSE = "MIT"
ABSTRACT = (
    "The quantitative claims in five articles on Russia-China relations (2013-2020): trade, "
    "arms sales, gas projects, military exercises, economy and diplomacy, as typed tables. "
    "A row is a claim, not a fact: each row names the article that states it and carries a "
    "verbatim quote that contains its figure, and the package proves both on every load."
)
KEYWORDS = [
    "Russia",
    "China",
    "Russia-China relations",
    "trade",
    "arms exports",
    "natural gas",
    "military exercises",
    "claims",
    "curated data",
]
REPOSITORY: str | None = None  # e.g. "https://example.org/sino-russia-data" once public
URL: str | None = None

"""The data version: bumped with every data change recorded in CHANGELOG.md."""

__version__ = "0.1.0"
__released__ = "2026-12-01"  # the date of this data version (CITATION.cff date-released)

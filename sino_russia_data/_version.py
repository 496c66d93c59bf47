"""The data version: bumped with every data change recorded in CHANGELOG.md."""

__version__ = "0.1.0"

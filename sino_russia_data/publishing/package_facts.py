"""What every export says about the package, its sources and its columns: one mapping.

The Frictionless descriptor, the SQLite/Datasette metadata, the Parquet schema metadata
and the xlsx README sheet all read these facts (and the registry's :class:`Field` s), so
they cannot say different things: the title, description, licence and keywords of the
package; its sources (from the validated ``sources.csv``); its version and its ``created``
date; and, per column, the text a reader sees (description and unit) and the vocabulary
with the meaning of each value.

``created`` is the newest publication date among the sources: the package holds nothing
older than its newest source and the date is a fact of the data, so the descriptor is the
same on every machine and every run (the CHANGELOG has no release date yet).
"""

from __future__ import annotations

from functools import cache
from typing import Any

from .. import vocabulary
from .._version import __version__
from ..registry import Field

TITLE = "Quantitative claims of five articles on Russia-China relations (2013-2020)"
DESCRIPTION = (
    "Every figure and dated event the five articles state, one claim per row, each "
    "citing its source and a verbatim quote of the source's raw text (data/raw/). "
    "Quotes remain the copyright of their authors and publishers and are kept short; "
    "see the rights and raw_text_terms columns of sources.csv."
)
LICENSE = {
    "name": "MIT",
    "title": "MIT License (the curation; quoted text remains its authors')",
    "path": "https://opensource.org/licenses/MIT",
}
KEYWORDS = ["Russia", "China", "trade", "arms exports", "natural gas", "military exercises"]
VERSION = __version__


def sources(data_dir: Any = None) -> list[dict[str, str]]:
    """The sources, in sources.csv order: id, title (the text reference of
    :func:`.citation.reference`, without its URL) and the URL where the source has one."""
    from ..loaders import load
    from .citation import reference

    out = []
    for row in load("sources", data_dir).to_dict("records"):
        url = row.get("url") if isinstance(row.get("url"), str) else None
        label = reference(row, "text")
        if url is not None:
            label = label.removesuffix(url).rstrip()
        entry = {"source_id": str(row["source_id"]), "title": label}
        if url is not None:
            entry["path"] = url
        out.append(entry)
    return out


def created(data_dir: Any = None) -> str:
    """The newest publication date of the sources, as an RFC 3339 date-time."""
    from ..loaders import load

    newest = load("sources", data_dir)["published"].max()
    return f"{newest.strftime('%Y-%m-%d')}T00:00:00Z"


@cache
def _vocabularies() -> dict[tuple[str, ...], tuple[str, dict[str, str]]]:
    found: dict[tuple[str, ...], tuple[str, dict[str, str]]] = {}
    for name, value in vars(vocabulary).items():
        if name.isupper() and isinstance(value, dict):
            found.setdefault(tuple(value), (name.lower(), value))
    return found


def vocabulary_of(field: Field) -> tuple[str, dict[str, str]] | None:
    """(name, value -> meaning) of the vocabulary a column's allowed values come from."""
    if field.enum is None:
        return None
    return _vocabularies().get(tuple(field.enum))


def unit_text(field: Field) -> str | None:
    """Where a numeric column's unit is stated."""
    if field.unit_column is None:
        return None
    return f"per row, in column `{field.unit_column}`"


def column_text(field: Field) -> str:
    """The column's title, description and unit, in one line for readers."""
    text = f"{field.title}. {field.description}"
    unit = unit_text(field)
    return text if unit is None else f"{text} Unit: {unit}."

"""The Datasette metadata of the SQLite export, generated from the models.

Datasette reads it with ``datasette serve DB -m DB.metadata.json``: the package's title,
description, licence and sources (:mod:`.package_facts`); per table its title and
description, a description of every column (with its unit and its vocabulary's values), default facets (the source, what the claim is about, its status) and
the sort order (newest period first where a table has periods, else by id). The
``sources`` table is labelled by its reference, so each row's ``source_id`` reads as its article;
each claim's ``claim_id`` links to its row of ``citations``.
"""

from __future__ import annotations

import html
import json
from typing import Any

from ..loaders import subject_columns
from ..registry import Field, Table, tables
from . import package_facts as facts
from .sqlite_checks import text_columns


def column_description(field: Field) -> str:
    """What Datasette shows for a column: title, description, unit and the vocabulary's
    values (their meanings are in the data dictionary and the Parquet/xlsx metadata)."""
    text = facts.column_text(field)
    vocab = facts.vocabulary_of(field)
    if vocab is not None:
        text += f" Values ({vocab[0]} vocabulary): {', '.join(vocab[1])}."
    return text


def facets(table: Table) -> list[str]:
    """Default facets: the source, what the claims are about, and their status."""
    if table.is_claim_table:
        about = [c for c in subject_columns() if c in table.columns]
    else:
        about = [f.name for f in table.fields if f.enum is not None and f.required]
    picked = ["source_id", *about, "status"]
    return [c for c in picked if c in table.columns and c != table.id_column]


def _table(table: Table) -> dict[str, Any]:
    out: dict[str, Any] = {
        "title": table.title,
        "description": table.description,
        "columns": {f.name: column_description(f) for f in table.fields},
        "facets": facets(table),
        "fts_table": f"{table.name}_fts",
        "fts_pk": "rowid",
    }
    if "period_start" in table.columns:
        out["sort_desc"] = "period_start"
    else:
        out["sort"] = table.id_column
    if table.name == "sources":
        out["label_column"] = "reference"
        out["columns"]["reference"] = "Reference. The source as a text reference (derived)."
    if not text_columns(table):
        del out["fts_table"], out["fts_pk"]
    return out


def _sources_html(sources: list[dict[str, str]]) -> str:
    items = []
    for s in sources:
        title = html.escape(s["title"])
        if "path" in s:
            title = f'<a href="{html.escape(s["path"], quote=True)}">{title}</a>'
        items.append(f"<li><code>{html.escape(s['source_id'])}</code>: {title}</li>")
    return "<ul>" + "".join(items) + "</ul>"


def metadata(database: str, data_dir: Any = None) -> dict[str, Any]:
    """The metadata for the export opened as database ``database`` (the file's stem)."""
    sources = facts.sources(data_dir)
    description = f"{facts.DESCRIPTION} Data version {facts.VERSION}."
    table_meta = {t.name: _table(t) for t in tables()}
    table_meta["citations"] = {
        "title": "Citations",
        "description": (
            "One row per claim: its ready-to-paste citation (with the quote), the quote as "
            "displayed (capture artefacts such as Markdown escapes cleaned; the claim tables "
            "keep it verbatim) and the article's URL. Search here to search every claim of "
            "every table at once."
        ),
        "sort": "claim_id",
        "facets": ["table", "source_id"],
        "fts_table": "citations_fts",
        "fts_pk": "rowid",
    }
    table_meta["claims"] = {
        "title": "All claims",
        "description": "Every claim of every claim table in one view.",
        "facets": ["table", "source_id", "status"],
    }
    return {
        "title": facts.TITLE,
        "description_html": (
            f"<p>{html.escape(description)}</p><p>Sources:</p>{_sources_html(sources)}"
        ),
        "license": facts.LICENSE["title"],
        "license_url": facts.LICENSE["path"],
        "source": f"{len(sources)} articles (the sources table)",
        "source_url": f"/{database}/sources",
        "databases": {
            database: {
                "title": facts.TITLE,
                "description": description,
                "source": f"{len(sources)} articles (the sources table)",
                "source_url": f"/{database}/sources",
                "license": facts.LICENSE["title"],
                "license_url": facts.LICENSE["path"],
                "tables": table_meta,
            }
        },
    }


def render(database: str, data_dir: Any = None) -> str:
    return json.dumps(metadata(database, data_dir), indent=2, ensure_ascii=False) + "\n"

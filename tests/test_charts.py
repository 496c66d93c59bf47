"""Charts: each runs on the shipped data and on a filtered subset, matches its baseline
image, is byte-identical run to run, and carries its claim_ids and a source line.

Refresh the baselines after a deliberate change:
    .venv/bin/sino-russia-data charts --out tests/baseline
"""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from matplotlib.testing.compare import compare_images
from PIL import Image

import sino_russia_data as srd
from sino_russia_data.charts import CHARTS, claim_ids_of
from sino_russia_data.charts.rendering import to_bytes

BASELINE = Path(__file__).parent / "baseline"


def figure(name, **filters):
    chart, table = CHARTS[name]
    frame = getattr(srd, table)()
    for column, value in filters.items():
        frame = frame[frame[column] == value]
    return chart(frame, srd.sources()), frame


@pytest.mark.parametrize("name", list(CHARTS))
def test_chart_matches_baseline(name, tmp_path):
    fig, _ = figure(name)
    actual = tmp_path / f"{name}.png"
    actual.write_bytes(to_bytes(fig, "png", name))
    result = compare_images(str(BASELINE / f"{name}.png"), str(actual), tol=0.5)
    assert result is None, f"{result}\nrefresh with: sino-russia-data charts --out tests/baseline"


@pytest.mark.parametrize("name", list(CHARTS))
def test_chart_carries_claim_ids_and_source_line(name):
    fig, frame = figure(name)
    ids = claim_ids_of(fig)
    assert ids and set(ids) <= set(frame["claim_id"])
    texts = [t.get_text() for t in fig.texts]
    assert any(t.startswith("Sources: ") for t in texts)
    png = Image.open(io.BytesIO(to_bytes(fig, "png", name)))
    assert png.text["claim_ids"].split() == ids
    svg = to_bytes(fig, "svg", name).decode()
    described = re.search(r"<dc:description>claim_ids: ([^<]*)</dc:description>", svg)
    assert described and described.group(1).split() == ids


@pytest.mark.parametrize("name", list(CHARTS))
def test_chart_output_is_byte_identical_run_to_run(name):
    first = figure(name)[0]
    second = figure(name)[0]
    for fmt in ("png", "svg"):
        assert to_bytes(first, fmt, name) == to_bytes(second, fmt, name)


@pytest.mark.parametrize(
    ("name", "filters"),
    [
        ("trade_over_time", {"source_id": "unattributed2015"}),
        ("china_share_of_russia_trade", {"qualifier": "upper_bound"}),
        ("arms_exporters", {"exporter": "RUS"}),
        ("gas_projects", {"project": "power_of_siberia_eastern_route"}),
        ("exercise_timeline", {"exercise_status": "planned"}),
    ],
)
def test_chart_runs_on_a_filtered_subset(name, filters):
    full = set(claim_ids_of(figure(name)[0]))
    fig, frame = figure(name, **filters)
    subset = set(claim_ids_of(fig))
    assert subset and subset < full
    assert subset <= set(frame["claim_id"])


def test_charts_command_writes_png_and_svg(cli, tmp_path):
    run = cli("charts", "--out", str(tmp_path))
    assert run.code == 0
    names = sorted(p.name for p in tmp_path.iterdir())
    assert names == sorted(f"{n}.{ext}" for n in CHARTS for ext in ("png", "svg"))
    assert len(names) >= 10

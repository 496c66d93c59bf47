"""Charts: each is drawn once per test session (the ``rendered`` fixture) and checked
against its baseline image, for its claim_ids and source line, for overlapping text and
text off the canvas, and byte for byte against a second, independent run (the CLI's).
Each also runs on a filtered frame with the sources looked up itself.

Refresh the baselines after a deliberate change:
    .venv/bin/sino-russia-data charts --out tests/baseline
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass
from pathlib import Path
from unittest import mock

import pytest
from matplotlib.figure import Figure
from matplotlib.patches import Rectangle
from matplotlib.testing.compare import compare_images
from matplotlib.text import Text
from matplotlib.transforms import Bbox
from PIL import Image

import sino_russia_data as srd
from sino_russia_data.charts import CHARTS, claim_ids_of
from sino_russia_data.charts import labels as chart_labels
from sino_russia_data.charts.conflicts import claim_ids_in
from sino_russia_data.charts.rendering import draw, to_bytes

BASELINE = Path(__file__).parent / "baseline"
_CACHE: dict[str, Rendered] = {}


@dataclass
class Rendered:
    name: str
    fig: Figure
    png: bytes
    svg: bytes
    texts: list[tuple[str, Bbox]]  # every text drawn into the PNG, with its extent


def render(name: str) -> Rendered:
    """Draw chart ``name`` once per session: PNG (recording each drawn text's extent)
    and SVG."""
    if name not in _CACHE:
        fig = draw(name)
        drawn: list[tuple[str, Bbox]] = []
        original = Text.draw

        def spy(self, renderer):
            original(self, renderer)
            if self.get_visible() and self.get_text().strip():
                drawn.append((self.get_text(), self.get_window_extent(renderer)))

        with mock.patch.object(Text, "draw", spy):
            png = to_bytes(fig, "png", name)
        _CACHE[name] = Rendered(name, fig, png, to_bytes(fig, "svg", name), drawn)
    return _CACHE[name]


@pytest.fixture(params=list(CHARTS))
def rendered(request) -> Rendered:
    return render(request.param)


def test_chart_matches_baseline(rendered, tmp_path):
    actual = tmp_path / f"{rendered.name}.png"
    actual.write_bytes(rendered.png)
    result = compare_images(str(BASELINE / f"{rendered.name}.png"), str(actual), tol=0.5)
    assert result is None, f"{result}\nrefresh with: sino-russia-data charts --out tests/baseline"


def test_chart_carries_claim_ids_subtitle_and_source_line(rendered):
    ids = claim_ids_of(rendered.fig)
    assert ids and set(ids) <= set(srd.claims()["claim_id"])
    texts = [t.get_text() for t in rendered.fig.texts]
    assert len(texts[1]) > 20, "a subtitle says what is plotted"
    assert [legend.get_title().get_text() for legend in rendered.fig.legends] == ["Key"]
    assert any(t.startswith("Sources: ") and re.search(r"\b20\d\d\b", t) for t in texts)
    png = Image.open(io.BytesIO(rendered.png))
    assert png.text["claim_ids"].split() == ids
    described = re.search(r"<dc:description>claim_ids: ([^<]*)</dc:description>",
                          rendered.svg.decode())  # fmt: skip
    assert described and described.group(1).split() == ids


def test_no_two_texts_overlap_and_none_leaves_the_canvas(rendered):
    width, height = rendered.fig.bbox.width, rendered.fig.bbox.height
    boxes = rendered.texts
    assert len(boxes) > 10
    for text, box in boxes:
        assert box.x0 >= 0 and box.y0 >= 0 and box.x1 <= width and box.y1 <= height, (
            f"{rendered.name}: {text!r} leaves the canvas: {box}"
        )
    for i, (text, box) in enumerate(boxes):
        for other, other_box in boxes[i + 1 :]:
            overlap = Bbox.intersection(box, other_box)
            assert overlap is None or min(overlap.width, overlap.height) < 0.5, (
                f"{rendered.name}: {text!r} overlaps {other!r}"
            )


def test_no_bars_and_no_sloped_line_across_a_year_without_data(rendered):
    """Dates and values are marks and capped intervals, never bars; the only sloped lines
    are joins between consecutive years of one series."""
    for ax in rendered.fig.axes:
        assert not [p for p in ax.patches if isinstance(p, Rectangle)], rendered.name
        for line in ax.get_lines():
            x, y = (list(map(float, v)) for v in line.get_data())
            if len(set(x)) > 1 and len(set(y)) > 1:
                assert max(x) - min(x) <= 1.0, f"{rendered.name}: a line joins {x}"


def test_no_slug_and_no_capture_markup_in_any_text(rendered):
    for text, _ in rendered.texts:
        assert not re.search(r"\b[a-z]+_[a-z_]+\b", text), f"{rendered.name}: slug in {text!r}"
        assert "\\$" not in text and "<u>" not in text, f"{rendered.name}: markup in {text!r}"


def test_every_shipped_slug_has_a_human_label():
    assert set(srd.exercises()["exercise"]) <= set(chart_labels.EXERCISES)
    assert set(srd.gas()["project"]) <= set(chart_labels.PROJECTS)
    conflicts = srd.consistency().query("kind == 'conflict'")
    assert set(conflicts["rule"]) <= set(chart_labels.RULES)


def test_charts_command_is_byte_identical_to_another_run(cli, tmp_path):
    run = cli("charts", "--out", str(tmp_path))
    assert run.code == 0
    names = sorted(p.name for p in tmp_path.iterdir())
    assert names == sorted(f"{n}.{ext}" for n in CHARTS for ext in ("png", "svg"))
    for name in CHARTS:
        assert (tmp_path / f"{name}.png").read_bytes() == render(name).png, name
        assert (tmp_path / f"{name}.svg").read_bytes() == render(name).svg, name


@pytest.mark.parametrize(
    ("function", "frame", "keep"),
    [
        (srd_name, table, keep)
        for srd_name, table, keep in [
            ("trade_over_time", "trade", {"source_id": "unattributed2015"}),
            ("china_share", "trade", {"qualifier": "upper_bound"}),
            ("arms_exporters", "arms", {"exporter": "CHN"}),
            ("gas_projects", "gas", {"project": "sakhalin_japan_pipeline"}),
            ("exercise_timeline", "exercises", {"exercise_status": "planned"}),
        ]
    ],
)
def test_chart_draws_a_filtered_frame_and_looks_up_the_sources(function, frame, keep):
    import pandas as pd

    from sino_russia_data import charts

    table = getattr(srd, frame)()
    ((column, value),) = keep.items()
    subset = table[table[column] == value]
    indexed, original = [], pd.DataFrame.set_index

    def counted(self, *args, **kwargs):
        indexed.append("raw_file" in self.columns)  # the sources table
        return original(self, *args, **kwargs)

    with mock.patch.object(pd.DataFrame, "set_index", counted):
        fig = getattr(charts, function)(subset)
    ids = set(claim_ids_of(fig))
    assert ids and ids <= set(subset["claim_id"])
    assert indexed.count(True) == 1  # the sources are indexed once, not once per label


def test_who_said_what_takes_claim_ids_as_a_string_or_a_list():
    from sino_russia_data.charts import who_said_what

    checks = srd.consistency()
    conflicts = checks[checks["kind"] == "conflict"]
    as_lists = conflicts.assign(claim_ids=[claim_ids_in(c) for c in conflicts["claim_ids"]])
    as_strings = conflicts.assign(
        claim_ids=[";".join(claim_ids_in(c)) for c in conflicts["claim_ids"]]
    )
    expected = sorted({i for c in as_lists["claim_ids"] for i in c})
    assert claim_ids_of(who_said_what(as_lists, srd.claims())) == expected
    assert claim_ids_of(who_said_what(as_strings, srd.claims())) == expected
    assert claim_ids_of(who_said_what(as_strings.head(1), srd.claims())) == sorted(
        as_lists["claim_ids"].iloc[0]
    )


def test_charts_list_names_every_chart_and_srd_charts_is_lazy():
    assert list(srd.charts.list()["name"]) == list(CHARTS)
    assert all(srd.charts.list()["question"].str.endswith("?"))


@pytest.mark.parametrize(
    ("function", "frame"),
    [
        ("trade_over_time", "trade"),
        ("china_share", "trade"),
        ("arms_exporters", "arms"),
        ("gas_projects", "gas"),
        ("exercise_timeline", "exercises"),
        ("who_said_what", "consistency"),
    ],
)
def test_chart_of_no_rows_says_so(function, frame):
    from sino_russia_data import charts

    fig = getattr(charts, function)(getattr(srd, frame)().head(0))
    assert claim_ids_of(fig) == []
    assert fig.texts[1].get_text() == "No claims of this kind in the rows given."


def test_exercise_timeline_draws_dates_known_only_as_bounds():
    from sino_russia_data.charts import exercise_timeline

    bounded = {"exercises-cohen2014-005", "exercises-cohen2014-006", "exercises-cohen2014-007"}
    shipped = render("exercise_timeline")
    assert bounded <= set(claim_ids_of(shipped.fig))
    texts = [text for text, _ in shipped.texts]
    assert "On or before 17 December 2014 (the article's date) · Cohen 2014" in texts
    assert any(text.startswith("date known only as on or before") for text in texts)  # key
    exercises = srd.exercises()
    alone = exercise_timeline(exercises[exercises["claim_id"].isin(bounded)])
    assert set(claim_ids_of(alone)) == bounded
    assert len(alone.axes[0].lines) == 1  # one mark for the one statement they share

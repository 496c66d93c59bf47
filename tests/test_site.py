"""The static reader site (publishing/site/): marks, links, determinism, and a real browser.

The site is built once per session (``built_site``) and Chromium is started once per
session (``browser``); see conftest.py.
"""

from __future__ import annotations

import io
import json
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

import sino_russia_data as srd
from sino_russia_data.publishing.site import build
from sino_russia_data.publishing.site.articles import Span, article_html
from sino_russia_data.texts.display import display_quote

_NOSPACE = re.compile(r"\s+")


class _Page(HTMLParser):
    """Ids, local links, and the text under each row's (non-repeat) marks; checks nesting."""

    VOID = frozenset({"meta", "link", "img", "input", "br", "hr"})

    def __init__(self) -> None:
        super().__init__()
        self.ids: set[str] = set()
        self.links: list[str] = []
        self.mark_ids: set[str] = set()
        self.text: dict[str, str] = {}
        self.open: list[tuple[str, str | None]] = []

    def handle_starttag(self, tag, attrs):  # type: ignore[no-untyped-def]
        a = dict(attrs)
        if "id" in a:
            assert a["id"] not in self.ids, f"duplicate id {a['id']}"
            self.ids.add(a["id"])
        for key in ("href", "src"):
            if a.get(key):
                self.links.append(a[key])
        row = a.get("data-row") if tag == "mark" and "repeat" not in a.get("class", "") else None
        if tag == "mark" and "id" in a:
            self.mark_ids.add(a["id"])
        if tag not in self.VOID:
            self.open.append((tag, row))

    def handle_endtag(self, tag):  # type: ignore[no-untyped-def]
        assert self.open and self.open[-1][0] == tag, f"</{tag}> closes {self.open[-1:]}"
        self.open.pop()

    def handle_data(self, data):  # type: ignore[no-untyped-def]
        for row in {row for _, row in self.open if row}:
            self.text[row] = self.text.get(row, "") + data


def _parse(path: Path) -> _Page:
    page = _Page()
    page.feed(path.read_text(encoding="utf-8"))
    page.close()
    assert page.open == [], f"{path.name}: unclosed {page.open}"
    return page


def test_every_claim_and_exclusion_is_marked_in_its_article_with_its_display_quote(built_site):
    sources = srd.sources().set_index("source_id")
    claims, excluded = srd.claims(), srd.excluded()
    for sid, src in sources.iterrows():
        page = _parse(built_site / f"{sid}.html")
        mine = claims[claims.source_id == sid]
        skipped = excluded[excluded.source_id == sid]
        assert page.mark_ids == set(mine.claim_id) | set(skipped.exclusion_id)
        passages = [
            *zip(mine.claim_id, mine.quote, strict=True),
            *zip(skipped.exclusion_id, skipped.context, strict=True),
        ]
        for row_id, passage in passages:
            shown = _NOSPACE.sub("", page.text[row_id])
            assert shown == _NOSPACE.sub("", display_quote(passage, src)), row_id


def test_the_side_panel_data_quotes_the_display_form(built_site):
    html = (built_site / "cohen2014.html").read_text(encoding="utf-8")
    data = json.loads(
        re.search(r'<script type="application/json" id="rows">(.*?)</script>', html)[1]
    )
    row = data["gas-cohen2014-003"]
    assert "$400 billion deal" in row["citation"] and "\\$" not in row["citation"]
    assert ["figure", "$400 billion"] in row["fields"]
    assert row["table_page"] == "gas.html#gas-cohen2014-003"


def test_nested_crossing_and_paragraph_spanning_marks_stay_well_formed():
    raw = "One two three.\n\nFour five \\$6 six.\nSeven."
    a = raw.index("two")
    spans = [
        Span(a, raw.index("five") + 4, "a", "t-trade", "A", True),  # crosses a paragraph break
        Span(a, a + 3, "b", "t-gas", "B", True),  # nested in a
        Span(raw.index("three"), raw.index("Four") + 4, "c", "excluded", "C", True),  # crosses a
        Span(raw.index("Seven"), len(raw) - 1, "d", "t-arms", "D", False),  # a repeat
    ]
    html = article_html(raw, spans, ("markdown_escapes",))
    page = _Page()
    page.feed(f"<div>{html}</div>")
    assert page.open == [] and html.count("<p>") == 2
    assert page.mark_ids == {"a", "b", "c"}  # a repeat carries no id
    assert _NOSPACE.sub("", page.text["a"]) == "twothree.Fourfive"
    assert page.text["b"] == "two" and _NOSPACE.sub("", page.text["c"]) == "three.Four"
    assert "$6" in html and "\\$" not in html  # display rules applied
    assert html.count('id="a"') == 1 and 'class="t-trade cont"' in html


def test_every_table_page_links_each_row_to_its_article(built_site):
    for name in [t for t in srd.tables().name if t != "sources"]:
        frame = srd.load(name)
        id_col = "exclusion_id" if name == "excluded" else "claim_id"
        page = _parse(built_site / f"{name}.html")
        assert set(frame[id_col]) <= page.ids
        expected = {f"{s}.html#{i}" for s, i in zip(frame.source_id, frame[id_col], strict=True)}
        assert expected <= set(page.links)


def test_the_site_is_byte_identical_run_to_run(built_site, tmp_path):
    again = tmp_path / "again"
    build(again, charts_from=Path(__file__).resolve().parents[1] / "charts")
    first = {
        p.relative_to(built_site): p.read_bytes() for p in built_site.rglob("*") if p.is_file()
    }
    second = {p.relative_to(again): p.read_bytes() for p in again.rglob("*") if p.is_file()}
    assert first.keys() == second.keys()
    assert [k for k in first if first[k] != second[k]] == []


def test_site_command_reports_bad_data_without_a_traceback(cli, tmp_path):
    empty = tmp_path / "data"
    (empty / "curated").mkdir(parents=True)
    (empty / "raw").mkdir()
    run = cli("site", "--out", str(tmp_path / "site"), "--data-dir", str(empty))
    assert run.code == 1
    assert "curated/trade.csv" in run.err and "Traceback" not in run.err
    assert "site: not written" in run.err and not (tmp_path / "site").exists()


# ---- in a real browser -------------------------------------------------------------------


def _visible_text(page, row_id):  # type: ignore[no-untyped-def]
    return page.evaluate(
        """id => Array.from(document.querySelectorAll(`mark[data-row="${id}"]:not(.repeat)`))
              .filter(m => !m.parentElement.closest(`mark[data-row="${id}"]`))
              .map(m => m.textContent).join(" ")""",
        row_id,
    )


def test_a_link_from_the_index_lands_on_the_claims_visible_mark(built_site, browser):
    claim_id = "economy_and_diplomacy-gabuev2020-008"
    page = browser.new_page(viewport={"width": 1200, "height": 800})
    page.goto((built_site / "index.html").as_uri())
    page.click(f'a[href="gabuev2020.html#{claim_id}"]')
    page.wait_for_load_state()
    mark = page.locator(f"mark#{claim_id}")
    assert mark.count() == 1 and mark.is_visible()
    in_view = mark.evaluate(
        "m => { const r = m.getBoundingClientRect(); "
        "return r.top >= 0 && r.bottom <= window.innerHeight && r.height > 0; }"
    )
    assert in_view
    quote = srd.claims().set_index("claim_id").loc[claim_id, "quote"]
    src = srd.sources().set_index("source_id").loc["gabuev2020"]
    assert _NOSPACE.sub(" ", _visible_text(page, claim_id)).strip() == display_quote(quote, src)
    assert claim_id in page.locator("#panel").inner_text()  # the panel shows the row
    page.close()


def test_keyboard_alone_reaches_a_mark_and_shows_its_row(built_site, browser):
    page = browser.new_page()
    page.goto((built_site / "cohen2014.html").as_uri())
    for _ in range(60):
        page.keyboard.press("Tab")
        focused = page.evaluate("document.activeElement.tagName + ' ' + document.activeElement.id")
        if focused.startswith("MARK "):
            break
    else:
        pytest.fail("Tab never reached a mark")
    row_id = focused.split(" ", 1)[1]
    assert row_id in page.locator("#panel").inner_text()
    page.close()


def test_every_local_link_on_every_page_resolves(built_site, browser):
    page = browser.new_page()
    ids: dict[Path, set[str]] = {}
    links: list[tuple[Path, str]] = []
    for path in sorted(built_site.glob("*.html")):
        page.goto(path.as_uri())
        ids[path] = set(page.evaluate("Array.from(document.querySelectorAll('[id]'), e => e.id)"))
        found = page.evaluate(
            "Array.from(document.querySelectorAll('a[href], img[src], link[href], script[src]'),"
            " e => e.href || e.src)"
        )
        links += [(path, url) for url in found]
    page.close()
    assert links
    broken = []
    for page_path, url in links:
        parts = urlsplit(url)
        assert parts.scheme == "file" or parts.scheme in ("http", "https"), url
        if parts.scheme != "file":
            continue  # the articles' original URLs, never fetched
        target = Path(unquote(parts.path))
        if not target.is_file():
            broken.append(f"{page_path.name}: {url}")
        elif parts.fragment and unquote(parts.fragment) not in ids.get(target, set()):
            broken.append(f"{page_path.name}: {url} (no such id)")
    assert broken == []


def test_a_table_page_filters_and_sorts_without_a_server(built_site, browser):
    trade = srd.trade()
    page = browser.new_page()
    page.goto((built_site / "trade.html").as_uri())
    page.select_option("label:has-text('source_id') select", "kimblank2013")
    page.fill("label:has-text('period_start') input", "2012")
    shown = page.evaluate(
        "Array.from(document.querySelectorAll('table.rows tbody tr:not([hidden])'), r => r.id)"
    )
    expected = trade[
        (trade.source_id == "kimblank2013") & (trade.period_start.dt.year == 2012)
    ].claim_id
    assert shown == list(expected) and shown
    page.select_option("label:has-text('source_id') select", "")
    page.fill("label:has-text('period_start') input", "")
    page.click("th:has(button:text-is('value')) button")
    page.click("th:has(button:text-is('value')) button")  # twice: descending
    first = page.evaluate("document.querySelector('table.rows tbody tr').id")
    assert first == trade.loc[trade.value.idxmax(), "claim_id"]
    page.close()


def test_an_article_page_screenshot_is_not_blank(built_site, browser):
    import matplotlib.image as mpimg

    page = browser.new_page(viewport={"width": 1200, "height": 800})
    page.goto((built_site / "cohen2014.html").as_uri())
    image = mpimg.imread(io.BytesIO(page.screenshot()), format="png")
    page.close()
    colours = {tuple(px) for px in image[::8, ::8, :3].reshape(-1, 3).round(2).tolist()}
    assert image.shape[:2] == (800, 1200)
    assert len(colours) > 20 and image[..., :3].std() > 0.05

"""Write docs/img/article.png: a screenshot of one article page of the reader site.

Run: .venv/bin/python tools/screenshot_site.py
It builds the site into a temporary folder, opens cohen2014.html in headless Chromium
(the system package, /usr/bin/chromium), selects one claim's mark so the side panel shows
its row and citation, and saves the screenshot the README shows.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from playwright.sync_api import sync_playwright

from sino_russia_data.files import write_atomically
from sino_russia_data.publishing.site import build

ROOT = Path(__file__).resolve().parents[1]
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run"]


def main(claim_id: str = "gas-cohen2014-003") -> int:
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as driver:
        site = Path(tmp) / "site"
        build(site, charts_from=ROOT / "charts")
        browser = driver.chromium.launch(executable_path="/usr/bin/chromium", args=FLAGS)
        page = browser.new_page(viewport={"width": 1280, "height": 860})
        page.goto((site / "cohen2014.html").as_uri())
        page.focus(f"mark#{claim_id}")
        page.evaluate("window.scrollTo(0, 0)")
        out = ROOT / "docs" / "img" / "article.png"
        write_atomically(out, page.screenshot())
        browser.close()
    print(f"wrote {out.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:]))

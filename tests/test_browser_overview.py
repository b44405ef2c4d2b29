"""The overview as a dashboard, and compare, in real Chromium at 390 x 844 and 1280 x 800 (issue 11): what to do next,
the empty state, one compact toolbar, the export reminder, not assessed apart from a gap, tables that fit the screen
and the printed A4 page, controls of 24 x 24 px at least, re-imports that ask, refusals in plain words, axe."""

from __future__ import annotations

import json

import pytest

from conftest import PHONE, ROOT, framework_site, serve, watched_page

EXAMPLE = ROOT / "framework" / "samples" / "worked-example.json"
LEVELS = ROOT / "tests" / "fixtures" / "levels"
LADDER = ROOT / "examples" / "support-engineering-ladder" / "framework"
DESKTOP = {"viewport": {"width": 1280, "height": 800}}
SIZES = {"phone": PHONE, "desktop": DESKTOP}
AKAM_KEY = "kam:akam-kam-diploma"


@pytest.fixture(scope="module")
def levels_url(tmp_path_factory):
    with serve(framework_site(tmp_path_factory.mktemp("ov-levels"), LEVELS)) as url:
        yield url


def seed(page, url, key, assessments: dict) -> None:
    """Store assessments {name: assessment} (the last current) before the page's script runs."""
    page.goto(url)
    entries = {f"a{k}": {"name": n, "created": f"2026-01-0{k + 1}", "assessment": a} for k, (n, a) in enumerate(assessments.items())}
    raw = {"format": "kam-store", "version": 1, "current": list(entries)[-1], "assessments": entries}
    page.evaluate(f"localStorage.setItem({json.dumps(key)}, {json.dumps(json.dumps(raw))})")


def akam(ratings: dict, evidence=None) -> dict:
    return {"format": "kam-assessment", "format_version": 2, "framework": {"id": "akam-kam-diploma", "version": "2020"},
            "updated": "2026-01-01T00:00:00Z", "ratings": ratings, "evidence": evidence or {}, "will": {}, "profile": None,
            "completed_modules": [], "notes": {}}


def ladder(ratings: dict) -> dict:
    return {"format": "kam-assessment", "format_version": 2, "framework": {"id": "ladder", "version": "1"},
            "updated": "2026-01-01T00:00:00Z", "ratings": ratings, "evidence": {}, "will": {}, "profile": None,
            "completed_modules": [], "notes": {}}


def overview(page, url):
    page.goto(url + "assess/")
    page.wait_for_selector(".kam-readiness")
    return page


def open_menu(page):
    if not page.locator("details.kam-manage").evaluate("d => d.open"):
        page.locator("details.kam-manage > summary").click()


def fits(page, width: int) -> None:
    """No sideways scroll, and no table wider than the screen or its box."""
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    wide = page.evaluate("""() => [...document.querySelectorAll('#kam-app table')].filter(t => t.getClientRects().length)
        .filter(t => t.getBoundingClientRect().right > document.documentElement.clientWidth + 0.5
                     || t.scrollWidth > t.parentElement.clientWidth + 1).map(t => t.className)""")
    assert wide == []


def small_controls(page) -> list:
    """Controls of the app under 24 x 24 px (visible ones; inline links in sentences are exempt)."""
    return page.evaluate("""() => [...document.querySelectorAll(
        '#kam-app button, #kam-app select, #kam-app input:not([type=hidden]), #kam-app summary, #kam-app .md-button, #kam-app .kam-todo a')]
        .filter(e => e.getClientRects().length && getComputedStyle(e).visibility !== 'hidden')
        .map(e => [e.outerHTML.slice(0, 80), e.getBoundingClientRect()])
        .filter(([, r]) => r.width < 24 || r.height < 24).map(([html, r]) => `${html} ${r.width}x${r.height}`)""")


# ---------------------------------------------------------------- what to do next, the empty state

@pytest.mark.parametrize("size", ["phone", "desktop"])
def test_what_to_do_next_for_a_partly_rated_assessment(browser, base_url, size):
    with watched_page(browser, base_url, **SIZES[size]) as w:
        page = w.page
        ratings = {i: 2 for i in ("1.1-org-1", "1.1-org-2")}  # 1.1 begun
        full = json.loads(EXAMPLE.read_text())
        seed(page, base_url, AKAM_KEY, {"partly": akam({**{k: v for k, v in full["ratings"].items() if not k.startswith("4.3")}, **ratings},
                                                       {k: v for k, v in full["evidence"].items()})})
        overview(page, base_url)
        steps = page.locator(".kam-todo li")
        kinds = steps.evaluate_all("xs => xs.map(x => x.dataset.next)")
        assert kinds[0] == "rate" and "nearest" in kinds and "module" in kinds
        first = page.locator('.kam-todo li[data-next="rate"] a')
        assert first.inner_text() == "Rate next: 4.3 Collaborating"
        assert first.get_attribute("href").endswith("rate/#c-4.3")
        assert "1 competency not assessed yet" in page.locator('.kam-todo li[data-next="rate"]').inner_text()
        near = page.locator('.kam-todo li[data-next="nearest"] a')
        assert near.inner_text().startswith("Closest to met: ") and "#c-" in near.get_attribute("href")
        assert "#" in page.locator('.kam-todo li[data-next="module"] a').get_attribute("href")
        ask = page.locator('.kam-todo li[data-next="feedback"] a')  # something rated, nobody else's ratings yet
        assert ask.inner_text() == "Ask your manager, peers or coach to rate you too" and ask.get_attribute("href").endswith("feedback/")
        # the headline comes first, then what to do next, then the assessments, then the results
        order = page.evaluate("""() => ['#kam-award', '#kam-todo-title', '.kam-manager', '#kam-results-title']
            .map(s => document.querySelector(s).getBoundingClientRect().top)""")
        assert order == sorted(order)
        first.click()
        page.wait_for_url("**/assess/rate/#c-4.3")
        assert w.errors == []


def test_the_next_to_evidence_is_a_met_competency_that_is_not_ready(watched, base_url, framework):
    page = watched.page
    ids = [i["id"] for g in framework["competencies"][0]["groups"] for i in g["indicators"]]
    seed(page, base_url, AKAM_KEY, {"met": akam({i: 3 for i in ids})})  # 1.1 met, no evidence: not ready
    overview(page, base_url)
    link = page.locator('.kam-todo li[data-next="evidence"] a')
    assert link.inner_text() == "Record evidence for 1.1 Knowledge of own company"
    assert link.get_attribute("href").endswith("#c-1.1")


@pytest.mark.parametrize("size", ["phone", "desktop"])
def test_nothing_rated_shows_where_to_start_not_rows_of_zero(browser, base_url, size):
    with watched_page(browser, base_url, **SIZES[size]) as w:
        page = overview(w.page, base_url)
        empty = page.locator(".kam-empty")
        assert empty.is_visible() and "Nothing is rated yet" in empty.inner_text()
        start = empty.locator('a[data-next="start"]')
        assert start.inner_text() == "Start with 1.1 Knowledge of own company" and start.get_attribute("href").endswith("#c-1.1")
        assert page.locator("tr[data-competency], .kam-radar, input[data-module], .kam-submit").count() == 0
        assert "0%" not in page.locator("#kam-app").inner_text()
        assert page.locator("#kam-profile").is_visible()  # a target profile can be chosen before rating
        if size == "phone":  # the way to start is on the first screen
            box = start.bounding_box()
            assert box["y"] + box["height"] <= PHONE["viewport"]["height"], box
        assert w.axe() == [] and w.errors == []
        page.click("[data-action=load-example]")  # or the example, in one click: an assessment of its own
        page.wait_for_selector("tr[data-competency]")
        assert page.locator("#kam-current option:checked").inner_text() == "worked-example"
        assert page.locator("#kam-current option").count() == 2 and page.locator(".kam-empty").count() == 0
        assert w.errors == [] and w.foreign == []


# ---------------------------------------------------------------- the toolbar, the export reminder

def test_the_toolbar_holds_every_action_and_they_work(watched, base_url, tmp_path):
    page = overview(watched.page, base_url)
    bar = page.locator(".kam-manager")
    assert bar.locator("#kam-current").is_visible() and bar.locator("[data-action=export-json]").is_visible()
    assert bar.locator("[data-action=share]").is_visible()
    assert not bar.locator("[data-action=new]").is_visible()  # in the menu, closed at first
    open_menu(page)
    for action in ("new", "rename", "delete", "export-csv", "print"):
        assert bar.locator(f"[data-action={action}]").is_visible(), action
    assert bar.locator("#kam-import").count() == 1 and bar.locator(".kam-file").is_visible()
    page.click("[data-action=new]")
    assert page.locator("#kam-current option").count() == 2
    assert page.locator("details.kam-manage").evaluate("d => d.open")  # the menu stays open after a redraw
    page.fill("#kam-name", "Second")
    page.click("[data-action=rename]")
    assert page.locator("#kam-current option:checked").inner_text() == "Second"
    with page.expect_download() as info:
        page.click("[data-action=export-csv]")
    assert info.value.suggested_filename == "second.csv"
    page.once("dialog", lambda d: d.accept())
    page.click("[data-action=delete]")
    assert page.locator("#kam-current option").count() == 1
    page.click("[data-action=share]")
    page.wait_for_selector(".kam-share[data-share]", state="attached")  # made (compressed) a moment later
    assert "#share=" in page.input_value("#kam-share-link") and page.locator("#kam-share-link").is_visible()
    assert watched.errors == []


def test_the_export_reminder_says_when_this_assessment_was_last_exported(watched, base_url):
    page = overview(watched.page, base_url)
    note = page.locator("#kam-export-note")
    assert note.inner_text().startswith("Not exported yet")
    with page.expect_download():
        page.click("[data-action=export-json]")
    assert note.inner_text().startswith("Last exported ") and "changed since" not in note.inner_text()
    data = json.loads(page.evaluate(f"localStorage.getItem('{AKAM_KEY}')"))
    assert data["assessments"][data["current"]]["exported"]
    page.goto(base_url + "assess/rate/")
    page.locator('[id="rate-1.1-org-1"] input[value="2"]').check(force=True)
    overview(page, base_url)
    assert "changed since" in page.locator("#kam-export-note").inner_text()
    open_menu(page)
    page.click("[data-action=new]")  # another assessment: its own reminder
    assert page.locator("#kam-export-note").inner_text().startswith("Not exported yet")


# ---------------------------------------------------------------- not assessed is not a gap

def test_not_assessed_is_its_own_state_in_table_radar_and_compare(watched, levels_url):
    page = watched.page
    seed(page, levels_url, "kam:ladder", {"Q1": ladder({"craft": 2}), "Q2": ladder({"craft": 3, "mentoring": 1})})
    overview(page, levels_url)
    row = page.locator('tr[data-competency="delivery"]')
    assert "kam-unrated" in row.get_attribute("class")
    assert row.locator("td.kam-unassessed").inner_text() == "Not assessed"
    icon = row.locator("td.kam-unassessed").evaluate("e => getComputedStyle(e, '::before').content")
    assert "○" in icon  # a sign, not colour alone
    assert page.locator(".kam-radar-spoke--none").count() == 2  # delivery and communication: a dashed spoke, no point
    page.goto(levels_url + "assess/compare/")
    page.wait_for_selector(".kam-compare table")
    cells = page.locator('.kam-compare tr[data-competency="delivery"] td').all_inner_texts()
    assert cells == ["Not assessed", "Not assessed", "Not assessed"]  # no "+0"
    cells = page.locator('.kam-compare tr[data-competency="mentoring"] td').all_inner_texts()
    assert cells[0] == "Not assessed" and cells[2] == "newly rated"
    cells = page.locator('.kam-compare tr[data-competency="craft"] td').all_inner_texts()
    assert cells[2].startswith("+")
    assert watched.errors == []


# ---------------------------------------------------------------- tables that fit, controls, print

@pytest.mark.parametrize("size", ["phone", "desktop"])
def test_overview_and_compare_fit_the_screen_with_data(browser, base_url, size):
    width = SIZES[size]["viewport"]["width"]
    with watched_page(browser, base_url, **SIZES[size]) as w:
        page = w.page
        full = json.loads(EXAMPLE.read_text())
        seed(page, base_url, AKAM_KEY, {"Q1": akam(dict(list(full["ratings"].items())[:90])), "worked-example": full})
        overview(page, base_url)
        open_menu(page)
        fits(page, width)
        assert small_controls(page) == []
        if size == "phone":  # cards: each cell says what it is, names are not broken inside a word
            assert page.locator("table.kam-results thead").evaluate("e => e.getBoundingClientRect().height") <= 1
            assert page.locator('tr[data-competency="1.1"] td').first.evaluate("e => getComputedStyle(e, '::before').content") == '"Status"'
        page.locator("input[data-module]").first.check()
        fits(page, width)
        page.goto(base_url + "assess/compare/")
        page.wait_for_selector(".kam-compare table")
        fits(page, width)
        assert small_controls(page) == []
        assert w.axe() == [] and w.errors == []


def test_ticking_a_module_keeps_it_in_place(watched, base_url):
    page = watched.page
    seed(page, base_url, AKAM_KEY, {"worked-example": json.loads(EXAMPLE.read_text())})
    overview(page, base_url)
    before = page.locator("input[data-module]").evaluate_all("xs => xs.map(x => x.dataset.module)")
    second = page.locator("input[data-module]").nth(1)
    second.scroll_into_view_if_needed()
    y = second.bounding_box()["y"]
    second.check()
    after = page.locator("input[data-module]").evaluate_all("xs => xs.map(x => x.dataset.module)")
    assert after == before and abs(page.locator("input[data-module]").nth(1).bounding_box()["y"] - y) < 2
    assert "Completed" in page.locator(".kam-modules li").nth(1).inner_text()
    texts = page.locator(".kam-modules li:not(.kam-module--done)").all_inner_texts()
    assert texts and not any(x.lower().startswith("completed") for x in texts)


@pytest.mark.parametrize("framework_dir", ["akam", "ladder"])
def test_the_printed_overview_fits_every_column_on_a4(browser, base_url, tmp_path_factory, framework_dir):
    def check(url, setup):
        with watched_page(browser, url, viewport={"width": 794, "height": 1123}) as w:
            page = w.page
            setup(page, url)
            overview(page, url)
            page.emulate_media(media="print")
            cut = page.evaluate("""() => [...document.querySelectorAll('#kam-app table')].filter(t => t.getClientRects().length)
                .flatMap(t => [...t.querySelectorAll('th, td')]).filter(c => c.getClientRects().length)
                .filter(c => c.getBoundingClientRect().right > 794 || c.scrollWidth > c.clientWidth + 1).map(c => c.textContent)""")
            assert cut == []
            heads = page.locator("table.kam-results thead th").all()
            assert heads and all(h.is_visible() for h in heads)
    if framework_dir == "akam":
        check(base_url, lambda page, url: seed(page, url, AKAM_KEY, {"we": json.loads(EXAMPLE.read_text())}))
    else:
        with serve(framework_site(tmp_path_factory.mktemp("ov-ladder"), LADDER)) as url:
            from macros import loader
            fw = loader.load(LADDER)
            first = fw["competencies"][0]
            value = fw["scale"]["levels"][2]["value"]
            key = next(i["id"] for g in first["groups"] for i in g["indicators"]) if first["groups"] else first["id"]
            a = {**ladder({key: value}), "framework": {"id": fw["id"], "version": fw["version"]}}
            check(url, lambda page, u: seed(page, u, f"kam:{fw['id']}", {"one": a}))


# ---------------------------------------------------------------- import: asked, refused plainly

def test_importing_a_file_again_asks_what_to_do(watched, base_url, tmp_path):
    page = overview(watched.page, base_url)
    page.set_input_files("#kam-import", str(EXAMPLE))
    page.wait_for_selector("text=Imported as")
    count = lambda: page.locator("#kam-current option").count()  # noqa: E731
    assert count() == 2
    page.set_input_files("#kam-import", str(EXAMPLE))
    offer = page.locator(".kam-reimport")
    assert "same answers" in offer.inner_text() and count() == 2
    page.click("[data-action=import-cancel]")
    assert offer.count() == 0 and count() == 2 and "Nothing was imported" in page.locator(".kam-notices").inner_text()
    page.set_input_files("#kam-import", str(EXAMPLE))
    page.click("[data-action=import-keep]")
    assert count() == 3
    changed = json.loads(EXAMPLE.read_text())
    changed["ratings"]["1.1-org-1"] = 0
    path = tmp_path / "worked-example.json"
    path.write_text(json.dumps(changed))
    page.set_input_files("#kam-import", str(path))  # same name, other answers
    assert "already have an assessment named" in page.locator(".kam-reimport").inner_text()
    page.click("[data-action=import-replace]")
    assert count() == 3
    data = json.loads(page.evaluate(f"localStorage.getItem('{AKAM_KEY}')"))
    replaced = [e for e in data["assessments"].values() if e["name"] == "worked-example"]
    assert len(replaced) == 1 and replaced[0]["assessment"]["ratings"]["1.1-org-1"] == 0
    assert watched.axe() == [] and watched.errors == []


def test_a_file_that_is_not_an_assessment_is_refused_in_plain_words(watched, base_url, tmp_path):
    page = overview(watched.page, base_url)
    other = tmp_path / "notes.json"
    other.write_text(json.dumps({"title": "My notes"}))
    page.set_input_files("#kam-import", str(other))
    page.wait_for_selector(".kam-notice--error p")  # the file is read, then refused: wait for the refusal
    error = page.locator(".kam-notice--error").last
    lines = error.locator("p").all_inner_texts()
    assert lines[0] == "The file was not imported: it is not an assessment exported from this site. Nothing stored has changed."
    assert lines[1].startswith("Details: format: expected")
    foreign = tmp_path / "foreign.json"
    foreign.write_text(json.dumps({**akam({}), "framework": {"id": "another", "version": "1"}}))
    page.set_input_files("#kam-import", str(foreign))
    page.wait_for_selector(".kam-notice--error >> text=an assessment for another framework (“another”)")


# ---------------------------------------------------------------- axe

@pytest.mark.parametrize("setting", ["light-phone", "dark-phone", "light-desktop", "dark-desktop"])
def test_no_axe_findings_on_overview_and_compare(browser, levels_url, setting):
    scheme, size = setting.split("-")
    with watched_page(browser, levels_url, color_scheme=scheme, **SIZES[size]) as w:
        page = w.page
        seed(page, levels_url, "kam:ladder", {"Q1": ladder({"craft": 2}), "Q2": ladder({"craft": 3, "mentoring": 1, "communication-writing-1": 2})})
        for path, drawn in (("assess/", ".kam-readiness"), ("assess/compare/", ".kam-compare table")):
            page.goto(levels_url + path, wait_until="networkidle")
            page.wait_for_selector(drawn)
            if path == "assess/":
                open_menu(page)
            fits(page, SIZES[size]["viewport"]["width"])
            assert w.axe() == [], (setting, path)
        assert w.errors == [] and w.foreign == []

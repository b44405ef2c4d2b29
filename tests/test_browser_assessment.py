"""The self-assessment in real Chromium: rating, persistence, instant navigation, export, import, share, failures."""

from __future__ import annotations

import json
import re

import pytest

from conftest import PHONE, ROOT, SHOWN_LIVE, Watched, show_step, wait_until
from macros import report, scoring

EXAMPLE = ROOT / "framework" / "samples" / "worked-example.json"
STORE_KEY = "kam:akam-kam-diploma"


def stored(page) -> dict:
    return json.loads(page.evaluate(f"localStorage.getItem('{STORE_KEY}')"))


def current(page) -> dict:
    data = stored(page)
    return data["assessments"][data["current"]]["assessment"]


def live(page, cid: str) -> str:
    return page.locator(f'[id="live-{cid}"]').text_content()


@pytest.fixture
def rate(watched, base_url):
    watched.page.goto(base_url + "assess/rate/")
    watched.page.wait_for_selector(SHOWN_LIVE)
    watched.page.wait_for_selector('#kam-app[data-ready="true"]')  # every competency's form in (the shown one comes first)
    return watched


def test_rating_by_mouse_updates_the_live_result_and_storage(rate):
    page = rate.page
    show_step(page, "2.3")
    assert re.fullmatch(r"Not assessed · \d+ statements to rate", live(page, "2.3"))
    page.locator('[id="rate-2.3-situation-1"] label', has_text="Advanced").click()
    assert re.match(r"Score \d+% · Not met yet · rated 1 of \d+ ·", live(page, "2.3"))
    page.locator('[id="rate-2.3-situation-1"] .kam-evidence').click()
    a = current(page)
    assert a["ratings"] == {"2.3-situation-1": 3} and a["evidence"] == {"2.3-situation-1": True}
    assert rate.errors == [] and rate.foreign == []


def test_rating_by_keyboard(rate):
    page = rate.page
    page.locator('[id="rate-1.1-org-1"] input[value="0"]').focus()
    page.keyboard.press("ArrowRight")  # arrow keys move within the radio group and select
    page.keyboard.press("ArrowRight")
    assert current(page)["ratings"]["1.1-org-1"] == 2
    page.keyboard.press("Tab")  # on to the evidence box
    page.keyboard.press("Space")
    assert current(page)["evidence"]["1.1-org-1"] is True
    assert "rated 1 of " in live(page, "1.1")
    focused = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert focused != "none"  # focus is visible


def test_every_statement_is_a_fieldset_with_a_legend(rate, framework):
    page = rate.page
    n = sum(len(g["indicators"]) for c in framework["competencies"] for g in c["groups"])
    assert page.locator("fieldset.kam-statement").count() == n
    assert page.locator("fieldset.kam-statement > legend").count() == n
    levels = len(framework["scale"]["levels"]) + (1 if framework["scale"]["not_applicable"] else 0)
    assert page.locator('[id="rate-4.3-political-6"] input[type=radio]').count() == levels


def test_answers_survive_a_reload(rate):
    page = rate.page
    show_step(page, "3.1")
    page.locator('[id="rate-3.1-overall-2"] label', has_text="Developing").click()
    page.fill('[id="notes-3.1"]', "Ask for feedback on the QBR deck")
    page.locator('[data-competency="3.1"] .kam-will label').filter(has_text="4 – high").click()
    page.reload()
    page.wait_for_selector(SHOWN_LIVE)
    assert page.locator('[id="rate-3.1-overall-2"] input[value="1"]').is_checked()
    assert page.input_value('[id="notes-3.1"]') == "Ask for feedback on the QBR deck"
    assert current(page)["will"]["3.1"] == 4


def test_instant_navigation_away_and_back_keeps_one_working_form(rate, base_url):
    page = rate.page
    page.locator(".md-tabs__link", has_text="Theory library").click()
    page.wait_for_url("**/theory/")
    page.go_back()
    page.wait_for_url("**/assess/rate/")
    page.wait_for_selector(SHOWN_LIVE)
    assert page.evaluate("document.querySelectorAll('#kam-app').length") == 1
    page.evaluate("""() => { window.__writes = 0; const set = Storage.prototype.setItem;
        Storage.prototype.setItem = function (...a) { if (a[0] === 'kam:akam-kam-diploma') window.__writes++; return set.apply(this, a); }; }""")
    show_step(page, "1.2")
    page.locator('[id="rate-1.2-org-1"] label', has_text="Competent").click()
    assert page.evaluate("window.__writes") == 1  # one listener, one save
    assert current(page)["ratings"]["1.2-org-1"] == 2
    assert "rated 1 of " in live(page, "1.2")
    assert rate.errors == []


def open_overview(watched, base_url):
    watched.page.goto(base_url + "assess/")
    watched.page.wait_for_selector(".kam-readiness")
    return watched.page


def manage(page):
    """Open the "Manage assessments" menu of the overview (New, Rename, Delete, Import, Export CSV, Print)."""
    if not page.locator("details.kam-manage").evaluate("d => d.open"):
        page.locator("details.kam-manage > summary").click()


def test_not_assessed_is_shown_as_such_not_as_a_gap(watched, base_url):
    """Nothing rated yet: a start, not rows of 0% or "Gap 2"; then every other competency is "Not assessed", no point on
    the chart, no module for it."""
    page = open_overview(watched, base_url)
    assert page.locator(".kam-empty").is_visible() and page.locator("tr[data-competency]").count() == 0
    assert page.locator("input[data-module]").count() == 0
    page.goto(base_url + "assess/rate/")
    page.locator('[id="rate-1.1-org-1"] label', has_text="Not yet").click()  # a rating of 0 is assessed: a real gap
    page.goto(base_url + "assess/")
    page.wait_for_selector(".kam-readiness")
    gaps = page.locator("tr[data-competency] td.kam-unassessed").all_inner_texts()
    assert len(gaps) == 13 and set(gaps) == {"Not assessed"}
    assert "· 1 of 14 assessed ·" in page.locator(".kam-headline").inner_text()  # the overall score counts the rest as 0: said
    cells = page.locator('tr[data-competency="1.2"] td').all_inner_texts()
    assert cells[:5] == ["Not assessed", "–", "0%", "–", "–"]  # rated 0%, and no score, evidence or "no" to show
    assert page.locator(".kam-submit li.kam-submit--in").all_inner_texts() == ["1.1 Knowledge of own company — 0%"]  # none unassessed
    assert "not plotted" in page.locator(".kam-radar-note").inner_text()
    assert page.locator('tr[data-competency="1.1"] td.kam-unassessed').count() == 0
    assert page.locator('tr[data-competency="1.1"] td').nth(6).inner_text() == "2"
    assert page.locator(".kam-radar-dot").count() == 1


def test_import_of_the_worked_example_shows_the_python_figures(watched, base_url, framework):
    page = open_overview(watched, base_url)
    page.set_input_files("#kam-import", str(EXAMPLE))
    page.wait_for_selector("text=Imported as")
    assessment = json.loads(EXAMPLE.read_text())
    result = scoring.score(framework, assessment)
    assert page.locator(".kam-readiness").inner_text() == report.readiness(framework, result["summary"]) + "."
    for row in report.rows(framework, result):  # every figure as the worked-example page and `kam.py score` show it
        cells = page.locator(f'tr[data-competency="{row["id"]}"] td').all_inner_texts()
        assert [cells[k] for k in (0, 1, 2, 3, 4, 6, 7)] == [row[k] for k in ("status", "percent", "coverage", "evidence", "ready",
                                                                            "gap", "style")], row["id"]
    modules = [a.get_attribute("href").split("#")[1] for a in page.locator(".kam-modules a").all()]
    assert modules[: len(result["recommendations"])] == result["recommendations"]
    order = [a.inner_text().split(" ")[0] for a in page.locator(".kam-submit a").all()]
    assert order == scoring.submission_order(framework, result)
    assert watched.errors == [] and watched.foreign == []


def test_export_json_equals_what_is_stored(watched, base_url, framework, tmp_path):
    page = open_overview(watched, base_url)
    page.set_input_files("#kam-import", str(EXAMPLE))
    page.wait_for_selector("text=Imported as")
    with page.expect_download() as info:
        page.click("[data-action=export-json]")
    exported = json.loads(open(info.value.path(), encoding="utf-8").read())
    assert exported["name"] == "worked-example"  # the assessment's name travels in the file (DESIGN.md §4)
    assert {k: v for k, v in exported.items() if k != "name"} == current(page)
    assert scoring.check(framework, exported)["errors"] == []
    assert exported["ratings"] == json.loads(EXAMPLE.read_text())["ratings"]


def test_export_csv_has_a_row_per_statement(watched, base_url, framework):
    page = open_overview(watched, base_url)
    page.set_input_files("#kam-import", str(EXAMPLE))
    page.wait_for_selector("text=Imported as")
    manage(page)
    with page.expect_download() as info:
        page.click("[data-action=export-csv]")
    import csv
    rows = list(csv.reader(open(info.value.path(), encoding="utf-8-sig", newline="")))
    n = sum(len(g["indicators"]) for c in framework["competencies"] for g in c["groups"])
    assert rows[0] == ["competency", "group", "statement id", "statement", "rating", "evidence"]
    assert len(rows) == n + 1
    first = framework["competencies"][0]
    assert rows[1][:4] == [f'{first["id"]} {first["title"]}', first["groups"][0]["title"],
                           first["groups"][0]["indicators"][0]["id"], first["groups"][0]["indicators"][0]["text"]]
    labels = {lv["label"] for lv in framework["scale"]["levels"]} | {"N/A", ""}
    assert all(r[4] in labels and r[5] in ("yes", "no") for r in rows[1:])


def test_a_bad_file_is_refused_and_nothing_changes(watched, base_url, tmp_path):
    page = open_overview(watched, base_url)
    before = page.evaluate(f"localStorage.getItem('{STORE_KEY}')")
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"format": "kam-assessment", "format_version": 1,
                               "framework": {"id": "akam-kam-diploma", "version": "2020"}, "ratings": {"1.1-org-1": 7}}))
    page.set_input_files("#kam-import", str(bad))
    page.wait_for_selector(".kam-notice--error")
    assert 'ratings["1.1-org-1"]: 7 is not a rating on this scale' in page.locator(".kam-notice--error").inner_text()
    assert page.evaluate(f"localStorage.getItem('{STORE_KEY}')") == before
    broken = tmp_path / "broken.json"
    broken.write_text("{not json")
    page.set_input_files("#kam-import", str(broken))
    page.wait_for_selector("text=it is not valid JSON")
    assert page.evaluate(f"localStorage.getItem('{STORE_KEY}')") == before


def test_another_framework_version_imports_with_a_warning_and_keeps_orphans(watched, base_url, tmp_path):
    page = open_overview(watched, base_url)
    old = json.loads(EXAMPLE.read_text())
    old["framework"]["version"] = "2016"
    old["ratings"]["1.1-retired-1"] = 2
    old["notes"]["9.9"] = "a competency since retired"
    old["evidence"]["1.1-retired-2"] = True
    path = tmp_path / "old.json"
    path.write_text(json.dumps(old))
    page.set_input_files("#kam-import", str(path))
    page.wait_for_selector("text=Imported as")
    notices = page.locator(".kam-notices").inner_text()
    assert "made with version \"2016\"" in notices
    # the rating is counted as a rating, the note and the evidence as other entries, never as ratings
    assert "1 rating refers to a statement this version of the framework does not have" in notices
    assert "2 other entries (evidence, notes or workspace entries) refer to" in notices
    assert current(page)["ratings"]["1.1-retired-1"] == 2 and current(page)["notes"]["9.9"] == "a competency since retired"


def test_a_malformed_address_fragment_is_no_error(watched, base_url):
    """'#%' (a malformed escape) on the rating page and the workspace: taken as text, no "URI malformed"; `watched`
    fails on any page error."""
    for path in ("assess/rate/#%", "assess/workspace/#%E0%A4%A"):
        watched.page.goto(base_url + path)
        watched.page.wait_for_selector("#kam-app[data-ready]")
        watched.page.wait_for_timeout(300)


def test_share_link_round_trip(watched, base_url, browser):
    page = open_overview(watched, base_url)
    page.set_input_files("#kam-import", str(EXAMPLE))
    page.wait_for_selector("text=Imported as")
    from playwright.sync_api import expect
    page.click("[data-action=share]")
    expect(page.locator("#kam-share-link")).not_to_have_value("")  # made at once, or compressed a moment later
    link = page.input_value("#kam-share-link")
    assert "#share=" in link and len(link) < 2000  # short enough for any app (tests/test_share.py: compressed, about 600)
    mine = current(page)
    count = len(stored(page)["assessments"])
    page.goto(link)
    page.reload()  # the hash alone does not reload; a visitor opens the link fresh
    page.wait_for_selector("[data-action=load-share]")
    assert "share=" not in page.url  # the ratings leave the address bar once read
    page.click("[data-action=load-share]")
    page.wait_for_selector("text=Loaded the shared assessment")
    data = stored(page)
    assert len(data["assessments"]) == count + 1
    loaded = data["assessments"][data["current"]]
    assert loaded["name"] == "worked-example (shared)"
    for key in mine:  # everything an export carries: notes, modules and the workspace too
        assert loaded["assessment"][key] == mine[key], key


def test_storage_blocked_warns_and_still_works(browser, base_url):
    context = browser.new_context()
    context.add_init_script("""Object.defineProperty(window, 'localStorage', {get() { throw new DOMException('blocked', 'SecurityError'); }});""")
    page = context.new_page()
    errors = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(base_url + "assess/rate/")
    page.wait_for_selector(SHOWN_LIVE)
    assert "does not let this site store data" in page.locator(".kam-notices").inner_text()
    page.locator('[id="rate-1.1-org-1"] label', has_text="Advanced").click()
    assert "rated 1 of " in page.locator('[id="live-1.1"]').inner_text()
    page.goto(base_url)  # every page still works without storage
    page.goto(base_url + "assess/")
    page.wait_for_selector(".kam-readiness")
    assert errors == []
    context.close()


def test_storage_full_warns_and_keeps_working(rate):
    page = rate.page
    page.evaluate("() => { Storage.prototype.setItem = function () { throw new DOMException('full', 'QuotaExceededError'); }; }")
    page.locator('[id="rate-1.1-org-2"] label', has_text="Competent").click()
    assert "storage for this site is full" in page.locator(".kam-notices").inner_text()
    page.locator('[id="rate-1.1-org-3"] label', has_text="Competent").click()
    assert "rated 2 of " in live(page, "1.1")
    assert rate.errors == []


def test_corrupted_storage_is_recovered_and_backed_up(watched, base_url):
    page = watched.page
    page.goto(base_url)
    good = {"format": "kam-assessment", "format_version": 1, "framework": {"id": "akam-kam-diploma", "version": "2020"},
            "updated": "2026-01-01T00:00:00Z", "ratings": {"1.1-org-1": 3, "1.1-org-2": 9}, "evidence": {}, "will": {},
            "profile": None, "completed_modules": [], "notes": {}}
    raw = json.dumps({"format": "kam-store", "version": 1, "current": "x",
                      "assessments": {"x": {"name": "Q1", "created": "2026-01-01", "assessment": good}, "y": "garbage"}})
    page.evaluate(f"localStorage.setItem('{STORE_KEY}', {json.dumps(raw)})")
    page.goto(base_url + "assess/")
    page.wait_for_selector(".kam-readiness")
    text = page.locator(".kam-notices").inner_text()
    assert "could not be read" in text and "1 assessment was recovered" in text and "not recoverable: y" in text
    backups = page.evaluate(f"Object.keys(localStorage).filter(k => k.startsWith('{STORE_KEY}:backup:'))")
    assert len(backups) == 1 and page.evaluate(f"localStorage.getItem({json.dumps(backups[0])})") == raw
    assert current(page)["ratings"] == {"1.1-org-1": 3}  # the valid rating kept, the invalid one dropped
    page.evaluate(f"localStorage.setItem('{STORE_KEY}', '{{not json')")
    page.reload()
    page.wait_for_selector(".kam-readiness")
    assert "could not be read" in page.locator(".kam-notices").inner_text()
    assert watched.errors == []


def test_named_assessments_new_rename_delete_and_compare(watched, base_url):
    page = open_overview(watched, base_url)
    manage(page)
    page.fill("#kam-name", "Q1 2026")
    page.click("[data-action=rename]")
    page.goto(base_url + "assess/rate/")
    page.locator('[id="rate-1.1-org-1"] label', has_text="Developing").click()
    page.goto(base_url + "assess/")
    manage(page)
    page.click("[data-action=new]")
    page.fill("#kam-name", "Q2 2026")
    page.click("[data-action=rename]")
    page.goto(base_url + "assess/rate/")
    for sid in ("1.1-org-1", "1.1-org-2"):
        page.locator(f'[id="rate-{sid}"] label', has_text="Advanced").click()
    names = sorted(e["name"] for e in stored(page)["assessments"].values())
    assert names == ["Q1 2026", "Q2 2026"]
    page.goto(base_url + "assess/compare/")
    page.wait_for_selector(".kam-compare table thead th")  # drawn once its module and the framework are in
    table = page.locator(".kam-compare table")
    assert table.locator("thead th").all_inner_texts() == ["Competency", "Q1 2026", "Q2 2026", "Change"]
    row = table.locator("tbody tr").first.locator("td").all_inner_texts()
    assert row == ["1% not met yet", "9% not met yet", "+8"]
    page.goto(base_url + "assess/")
    manage(page)
    page.once("dialog", lambda d: d.accept())
    page.click("[data-action=delete]")
    assert [e["name"] for e in stored(page)["assessments"].values()] == ["Q1 2026"]


def test_profile_and_completed_modules(watched, base_url, framework):
    page = open_overview(watched, base_url)
    page.set_input_files("#kam-import", str(EXAMPLE))
    page.wait_for_selector("text=Imported as")
    page.select_option("#kam-profile", "global-account-manager")
    assert current(page)["profile"] == "global-account-manager"
    first = page.locator(".kam-modules input[data-module]").first
    module = first.get_attribute("data-module")
    first.check()
    assert module in current(page)["completed_modules"]
    result = scoring.score(framework, current(page))
    assert module not in result["recommendations"]
    assert page.locator(f'.kam-modules input[data-module="{module}"]').is_checked()


@pytest.mark.parametrize("path", ["assess/", "assess/rate/", "assess/compare/", "assess/example/"])
def test_assessment_pages_have_no_axe_violations(watched, base_url, path):
    page = watched.page
    page.goto(base_url + "assess/")
    page.wait_for_selector(".kam-readiness")
    page.set_input_files("#kam-import", str(EXAMPLE))
    page.wait_for_selector("text=Imported as")
    page.goto(base_url + path, wait_until="networkidle")
    assert watched.axe() == []
    assert watched.errors == [] and watched.foreign == []


def test_competency_page_links_to_its_assessment(watched, base_url):
    page = watched.page
    page.goto(base_url + "competencies/2.3-negotiations-with-customers/")
    page.get_by_role("link", name="Assess yourself on 2.3").click()
    page.wait_for_url("**/assess/rate/#c-2.3")
    page.wait_for_selector('[id="live-2.3"]:not(:empty)')
    assert page.locator('h2[id="c-2.3"]').is_visible()


def test_overview_prints_as_a_clean_report(watched, base_url):
    page = open_overview(watched, base_url)
    page.set_input_files("#kam-import", str(EXAMPLE))
    page.wait_for_selector("text=Imported as")
    page.emulate_media(media="print")
    assert not page.locator(".kam-manager").is_visible()
    assert not page.locator(".md-header").is_visible() and not page.locator(".md-sidebar--primary").is_visible()
    assert page.locator(".kam-readiness").is_visible() and page.locator(".kam-table").is_visible()
    page.goto(base_url + "assess/rate/")
    page.wait_for_selector(SHOWN_LIVE)
    page.emulate_media(media="print")
    answered = page.locator('[id="rate-1.1-org-1"] .kam-option')
    assert [o.is_visible() for o in answered.all()].count(True) == 1  # only the chosen level is printed


def test_instant_navigation_into_every_assessment_page(watched, base_url):
    page = watched.page
    page.goto(base_url)
    page.locator(".md-tabs__link", has_text="Self-assessment").click()
    page.wait_for_selector(".kam-readiness")
    for name, ready in (("Rate yourself", SHOWN_LIVE), ("Compare", ".kam-compare table"),
                        ("Submission plan", ".kam-plan .kam-readiness"), ("Submission workspace", "#ws-summary")):
        page.locator(".md-sidebar--primary .md-nav__link", has_text=name).first.click()
        page.wait_for_selector(ready)
        assert page.evaluate("document.querySelectorAll('#kam-app .kam-notices').length") == 1
    assert watched.errors == [] and watched.foreign == []


def test_coach_review_compares_a_candidate_file_with_the_reviewers_ratings(watched, base_url, framework, tmp_path):
    page = open_overview(watched, base_url)
    manage(page)
    page.fill("#kam-name", "My view of Alex")
    page.click("[data-action=rename]")
    candidate = json.loads(EXAMPLE.read_text())
    mine = {sid: (v if v == "na" else (v + 2) % 4 if sid.startswith("2.4") else v) for sid, v in candidate["ratings"].items()}
    raw = {"format": "kam-store", "version": 1, "current": "me", "assessments": {"me": {
        "name": "My view of Alex", "created": "2026-01-01", "assessment": {**candidate, "ratings": mine}}}}
    page.evaluate(f"localStorage.setItem('{STORE_KEY}', {json.dumps(json.dumps(raw))})")
    page.goto(base_url + "assess/review/")
    page.wait_for_selector(".kam-review")
    page.set_input_files("#kam-review-file", str(EXAMPLE))
    page.wait_for_selector(".kam-review table")
    far = [sid for sid, v in candidate["ratings"].items() if v != "na" and abs(v - mine[sid]) >= 2]
    assert far and all(sid.startswith("2.4") for sid in far)
    assert len(far) > 1 and page.locator(".kam-review .kam-readiness").inner_text() == f"{len(far)} statements rated 2 or more levels apart."
    row = page.locator('tr[data-competency="2.4"] td').all_inner_texts()
    assert row[3] == str(len(far))
    assert page.locator('tr[data-competency="1.1"] td').all_inner_texts()[1:] == ["100%", "100%", "0"]
    items = page.locator(".kam-differences li").all_inner_texts()
    assert len(items) == len(far) and items[0].startswith(far[0])
    with page.expect_download() as info:
        page.click("[data-action=review-json]")
    review = json.loads(open(info.value.path(), encoding="utf-8").read())
    assert review["format"] == "kam-review" and review["candidate"]["name"] == "worked-example"
    assert [d["statement"] for d in review["comparison"]["differences"]] == far
    assert page.locator(".kam-review .kam-notice--warning").count() == 0  # two different assessments: no warning
    assert watched.axe() == []
    page.select_option("#kam-review-candidate", "me")  # the reviewer's own assessment picked as the candidate's too
    warning = page.locator(".kam-review .kam-notice--warning")
    assert warning.inner_text().startswith("The self-assessment and the reviewer's ratings are the same ratings (“My view of Alex”)")
    assert page.locator(".kam-review .kam-readiness").inner_text() == "No statement is rated 2 or more levels apart."
    assert watched.axe() == []
    assert watched.errors == []


TOOL_PAGES = [("assess/", ".kam-readiness"), ("assess/rate/", SHOWN_LIVE),
              ("assess/plan/", ".kam-plan .kam-readiness"), ("assess/workspace/#1.4", "#ws-summary"),
              ("assess/compare/", ".kam-compare table"), ("assess/review/", ".kam-review")]


@pytest.mark.parametrize("setting", ["phone", "dark"])
def test_every_tool_page_with_data_on_a_phone_and_in_dark_mode(browser, base_url, setting):
    """The worked example on a phone (each page fits the screen; wide tables scroll inside themselves) and in the
    dark colour scheme: axe-core finds nothing on any tool page."""
    context = browser.new_context(**PHONE) if setting == "phone" else browser.new_context(color_scheme="dark")
    w = Watched(context.new_page(), base_url)
    page = w.page
    page.goto(base_url + "assess/")
    page.wait_for_selector(".kam-readiness")
    page.set_input_files("#kam-import", str(EXAMPLE))
    page.wait_for_selector("text=Imported as")
    for path, drawn in TOOL_PAGES:
        page.goto(base_url + path, wait_until="networkidle")
        page.wait_for_selector(drawn)
        if setting == "phone":
            assert page.evaluate("document.documentElement.scrollWidth") <= 390, path
            if path == "assess/rate/":  # rating controls: touch targets of 44 x 44 px at least
                boxes = page.locator(".kam-step:not([hidden]) .kam-options .kam-option").evaluate_all(
                    "xs => xs.map(x => [x.getBoundingClientRect().width, x.getBoundingClientRect().height])")
                assert min(min(b) for b in boxes) >= 44
        else:
            assert page.evaluate("document.body.dataset.mdColorScheme") == "slate"
        assert w.axe() == [], path
    assert w.errors == [] and w.foreign == []
    context.close()


def focused(page) -> str:
    """The focused control, by id or its first data attribute."""
    return page.evaluate("(() => { const e = document.activeElement; const d = Object.entries(e.dataset)[0];"
                         " return e.id ? '#' + e.id : d ? `${d[0]}=${d[1]}` : e.tagName; })()")


def test_focus_stays_on_the_control_after_the_page_redraws(watched, base_url):
    """Keyboard use of the overview: New, Rename, Delete, the profile and a module tick redraw the page, and the focus
    stays on the control that was used instead of falling back to the top of the page."""
    page = open_overview(watched, base_url)
    page.on("dialog", lambda d: d.accept())
    page.set_input_files("#kam-import", str(EXAMPLE))
    page.wait_for_selector("text=Imported as")
    manage(page)
    for action in ("new", "rename", "delete"):
        page.focus(f"[data-action={action}]")
        page.keyboard.press("Enter")
        assert focused(page) == f"action={action}", action
    page.select_option("#kam-current", label="worked-example")  # rated: modules to recommend (none before anything is rated)
    page.focus("#kam-profile")
    page.keyboard.press("ArrowDown")  # another target profile: the results are redrawn
    assert focused(page) == "#kam-profile"
    module = page.locator("input[data-module]").first.get_attribute("data-module")
    page.focus(f'input[data-module="{module}"]')
    page.keyboard.press("Space")
    assert focused(page) == f"module={module}"
    assert module in current(page)["completed_modules"]
    page.goto(base_url + "assess/plan/")
    page.wait_for_selector(".kam-plan .kam-readiness")
    choice = page.locator("input[data-choose]").first.get_attribute("data-choose")
    page.focus(f'input[data-choose="{choice}"]')
    page.keyboard.press("Space")  # the plan is redrawn around the list of choices
    assert focused(page) == f"choose={choice}"
    assert watched.errors == []


def test_two_tabs_do_not_overwrite_each_other(browser, base_url):
    """Rating in one window while the workspace is open in another: both changes are kept, and the other window offers
    to show the new figures (it is in view, so it is not reloaded under the user's hands)."""
    context = browser.new_context()
    rate_tab, work_tab = context.new_page(), context.new_page()
    errors = [Watched(rate_tab, base_url).errors, Watched(work_tab, base_url).errors]
    work_tab.goto(base_url + "assess/workspace/#1.4")
    work_tab.wait_for_selector("#ws-summary")
    rate_tab.goto(base_url + "assess/rate/")
    rate_tab.wait_for_selector(SHOWN_LIVE)
    rate_tab.locator('[id="rate-1.1-org-1"] label', has_text="Advanced").click()  # saved by the rating window
    work_tab.wait_for_selector("[data-action=other-tab]")  # the workspace window has taken the new data
    assert work_tab.locator("[data-action=other-tab]").count() == 1
    work_tab.fill("#ws-words", "900")  # an edit there, in the page loaded before the rating
    data = current(work_tab)
    assert data["ratings"]["1.1-org-1"] == 3, "the workspace window overwrote the rating made in the other window"
    assert data["submission"]["competencies"]["1.4"]["words"] == 900
    rate_tab.wait_for_selector("[data-action=other-tab]")  # and the rating window has taken the word count
    rate_tab.locator('[id="rate-1.1-org-2"] label', has_text="Competent").click()
    assert current(rate_tab)["submission"]["competencies"]["1.4"]["words"] == 900
    work_tab.click("[data-action=other-tab]")  # show the latest: the page is reloaded from the store
    work_tab.wait_for_selector("#ws-summary")
    assert work_tab.input_value("#ws-words") == "900" and work_tab.locator("[data-action=other-tab]").count() == 0
    assert current(work_tab)["ratings"] == {"1.1-org-1": 3, "1.1-org-2": 2}
    assert errors == [[], []]
    context.close()


def test_a_tab_behind_another_reloads_when_it_comes_back(browser, base_url):
    """A tab that was not in view when another tab saved shows the new figures as soon as it is looked at again."""
    context = browser.new_context()
    overview, rate_tab = context.new_page(), context.new_page()
    overview.goto(base_url + "assess/")
    overview.wait_for_selector(".kam-readiness")
    overview.evaluate("Object.defineProperty(document, 'hidden', {configurable: true, get: () => true}); window.kamBeforeReload = true;"
                      "addEventListener('storage', () => { window.kamSawSave = true; })")  # runs after the page's own listener
    rate_tab.goto(base_url + "assess/rate/")
    rate_tab.wait_for_selector(SHOWN_LIVE)
    rate_tab.locator('[id="rate-1.1-org-1"] label', has_text="Advanced").click()
    wait_until(overview, "window.kamSawSave === true")
    assert overview.evaluate("window.kamBeforeReload") is True  # not reloaded while out of view, no button either
    assert overview.locator("[data-action=other-tab]").count() == 0
    overview.evaluate("Object.defineProperty(document, 'hidden', {configurable: true, get: () => false});"
                      "document.dispatchEvent(new Event('visibilitychange'))")
    wait_until(overview, "window.kamBeforeReload === undefined")  # reloaded on coming back
    overview.wait_for_selector(".kam-readiness")
    assert overview.locator('tr[data-competency="1.1"] td').first.inner_text() == "Not met yet"
    context.close()

"""The self-assessment of a level-rated framework in real Chromium (tests/fixtures/levels): one pick per competency,
points and bands on the overview, not assessed is not a gap, profile scope, the parts it leaves out, export/import
by name, share links, and phone and accessibility checks."""

from __future__ import annotations

import csv
import json

import pytest

from conftest import PHONE, ROOT, SHOWN_LIVE, Watched, framework_site, serve, show_step, watched_page
from macros import loader, scoring

LEVELS = ROOT / "tests" / "fixtures" / "levels"
STORE_KEY = "kam:ladder"
LIVE = SHOWN_LIVE


@pytest.fixture(scope="module")
def fw() -> dict:
    return loader.load(LEVELS)


@pytest.fixture(scope="module")
def levels_url(tmp_path_factory):
    with serve(framework_site(tmp_path_factory.mktemp("levels-site"), LEVELS)) as url:
        yield url


@pytest.fixture
def w(browser, levels_url):
    with watched_page(browser, levels_url) as watched:
        yield watched


def assessment(ratings: dict, profile=None, evidence=None) -> dict:
    return {"format": "kam-assessment", "format_version": 2, "framework": {"id": "ladder", "version": "1"},
            "updated": "2026-01-01T00:00:00Z", "ratings": ratings, "evidence": evidence or {}, "will": {}, "profile": profile,
            "completed_modules": [], "notes": {}}


def seed(page, url, ratings: dict, profile=None, name="Sam") -> None:
    """Store one assessment before the page's script runs."""
    page.goto(url)
    raw = {"format": "kam-store", "version": 1, "current": "x",
           "assessments": {"x": {"name": name, "created": "2026-01-01", "assessment": assessment(ratings, profile)}}}
    page.evaluate(f"localStorage.setItem('{STORE_KEY}', {json.dumps(json.dumps(raw))})")


def current(page) -> dict:
    data = json.loads(page.evaluate(f"localStorage.getItem('{STORE_KEY}')"))
    return data["assessments"][data["current"]]


def open_rate(w, url):
    w.page.goto(url + "assess/rate/")
    w.page.wait_for_selector(LIVE)
    w.page.wait_for_selector("#kam-app[data-ready]", state="attached")  # every competency's form is in (filled one by one)
    return w.page


def open_overview(w, url):
    w.page.goto(url + "assess/")
    w.page.wait_for_selector(".kam-readiness")
    return w.page


def pick(page, cid: str, value) -> None:
    show_step(page, cid)
    page.locator(f'fieldset.kam-pick[data-competency="{cid}"] input[value="{value}"]').locator("xpath=..").click()


def test_one_pick_per_level_rated_competency_with_summaries_and_details(w, levels_url, fw):
    page = open_rate(w, levels_url)
    rated = [c for c in fw["competencies"] if c["rated"] == "levels"]
    assert [c["id"] for c in rated] == ["craft", "delivery", "mentoring"]
    assert page.locator("fieldset.kam-pick").count() == len(rated)
    for c in rated:
        box = page.locator(f'fieldset.kam-pick[data-competency="{c["id"]}"]')
        assert box.locator("legend").inner_text().endswith(c["name"])
        values = box.locator(f'input[type=radio][data-rating="{c["id"]}"]').evaluate_all("xs => xs.map(x => x.value)")
        assert values == [str(lv["value"]) for lv in fw["scale"]["levels"]]  # no "na": the scale has none
        text = box.inner_text()
        for d in c["levels"]:
            assert d["summary"] in text
        assert box.locator('input[data-evidence]').count() == 1
    show_step(page, "craft")
    craft = page.locator('fieldset.kam-pick[data-competency="craft"]')
    card = craft.locator(".kam-level").nth(1)  # value 1: a title, signals and examples
    assert card.locator(".kam-level-name").inner_text() == "Starter — Follows the practice"
    assert card.locator(".kam-level-points").inner_text() == "Points: 1"
    more = card.locator("details.kam-level-more")
    assert not more.locator("li").first.is_visible()  # on demand
    more.locator("summary").click()
    assert more.locator("li").all_inner_texts() == ["Asks before changing shared parts.", "Finishes small tasks on time.",
                                                   "Fixes a reported fault."]
    assert craft.locator(".kam-level").nth(4).locator("details").count() == 0  # a level without signals or examples
    assert craft.locator(".kam-level").nth(0).locator(".kam-level-summary").inner_text() == "Not shown yet."  # the scale's own
    # the statement-rated competency: its statements, with the level descriptors as guidance beside them
    assert page.locator('.kam-form[data-competency="communication"] fieldset.kam-statement').count() == 2
    show_step(page, "communication")
    guide = page.locator('.kam-form[data-competency="communication"] details.kam-guide')
    assert guide.locator("summary").inner_text() == "What each level looks like here"
    guide.locator("summary").click()
    assert "Others act on what they write without asking back." in guide.inner_text()
    assert w.errors == [] and w.foreign == []


def test_picking_a_level_saves_it_and_shows_the_live_result(w, levels_url):
    page = open_rate(w, levels_url)
    assert page.locator('[id="live-craft"]').inner_text() == "Not assessed yet: pick the level that describes you."
    pick(page, "craft", 3)
    assert current(page)["assessment"]["ratings"] == {"craft": 3}
    assert page.locator('[id="live-craft"]').inner_text() == "Level: Expert — Raises the bar · points: 6 · Met"
    page.locator('fieldset.kam-pick[data-competency="craft"] .kam-evidence').click()
    assert current(page)["assessment"]["evidence"] == {"craft": True}
    # by keyboard: the radios of a pick are one group, arrow keys move and choose
    show_step(page, "delivery")
    page.focus('input[data-rating="delivery"][value="0"]')
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")
    assert current(page)["assessment"]["ratings"]["delivery"] == 2
    assert page.locator('[id="live-delivery"]').inner_text() == "Level: Practitioner · points: 3 · Met"
    page.reload()
    page.wait_for_selector(LIVE)
    assert page.locator('input[data-rating="craft"][value="3"]').is_checked()
    assert page.locator('input[data-evidence="craft"]').is_checked()
    assert w.errors == []


def test_without_coaching_there_is_no_will_question_and_without_an_award_no_award_sentence(w, levels_url, fw):
    assert fw["rules"]["will_high"] is None and fw["rules"]["award_min"] is None and fw["modules"] == []
    page = open_rate(w, levels_url)
    assert page.locator(".kam-will, [data-will]").count() == 0
    assert "ready" not in page.locator('[id="live-communication"]').inner_text()
    seed(page, levels_url, {"craft": 3, "delivery": 2, "mentoring": 1})
    page = open_overview(w, levels_url)
    assert page.locator(".kam-readiness").inner_text() == "2 of 4 competencies met."
    headers = page.locator(".kam-table").first.locator("thead th").all_inner_texts()
    assert "Coaching style" not in headers and "Ready" not in headers
    assert page.locator("#kam-coaching-title, #kam-submit-title, #kam-modules-title").count() == 0
    text = page.locator("#kam-app").inner_text().lower()
    assert "award" not in text and "required" not in text and "submission plan" not in text
    assert w.errors == []


def test_overview_shows_points_band_and_points_to_the_next_band(w, levels_url, fw):
    ratings = {"craft": 3, "delivery": 2, "mentoring": 1}
    result = scoring.score(fw, assessment(ratings, "everyone"))
    assert result["summary"]["points"] == 10 and result["summary"]["band"] == "b2"  # 6 + 3 + 1
    seed(w.page, levels_url, ratings, "everyone")
    page = open_overview(w, levels_url)
    assert page.locator(".kam-points").inner_text() == "Total points: 10"
    assert page.locator(".kam-band").inner_text() == "Band reached: Band two"
    assert page.locator(".kam-to-next").inner_text() == "Points still needed for Band three: 5"
    meter = page.locator("meter#kam-meter")
    assert meter.get_attribute("value") == "10" and meter.get_attribute("min") == "0"
    assert page.get_by_label("Your points against the bands").count() == 1
    assert page.locator(".kam-bands li").all_inner_texts() == ["Band one: from 1", "Band two: from 5 (you are here)",
                                                              "Band three: from 15", "Band four: from 30"]
    assert page.locator('.kam-bands li[aria-current="true"]').count() == 1
    area = {row.locator("th").inner_text(): row.locator("td").inner_text() for row in page.locator(".kam-area-points tbody tr").all()}
    assert area == {"Building things": "9", "Working with people": "1", "All areas": "10"}
    cells = page.locator('tr[data-competency="craft"] td').all_inner_texts()
    headers = page.locator(".kam-table").last.locator("thead th").all_inner_texts()[1:]
    row = dict(zip(headers, cells))
    assert row["Level"] == "Expert" and row["Points"] == "6" and row["Status"] == "Met"


def test_no_band_yet_and_the_highest_band(w, levels_url):
    page = open_overview(w, levels_url)  # nothing rated: 0 points, below the first band (from 1 point)
    assert page.locator(".kam-points").inner_text() == "Total points: 0"
    assert page.locator(".kam-band").inner_text() == "No band reached yet"
    assert page.locator(".kam-to-next").inner_text() == "Points still needed for Band one: 1"
    assert page.locator('.kam-bands li[aria-current="true"]').count() == 0
    assert page.locator(".kam-radar-dot").count() == 0
    seed(w.page, levels_url, {"craft": 4, "delivery": 4, "mentoring": 4})
    page = open_overview(w, levels_url)
    assert page.locator(".kam-points").inner_text() == "Total points: 36"
    assert page.locator(".kam-band").inner_text() == "Band reached: Band four"
    assert page.locator(".kam-to-next").inner_text() == "The highest band is reached."


def test_not_assessed_is_not_a_gap_and_is_not_plotted(w, levels_url):
    seed(w.page, levels_url, {"craft": 3, "mentoring": 0})
    page = open_overview(w, levels_url)
    headers = page.locator(".kam-table").last.locator("thead th").all_inner_texts()[1:]
    gap = headers.index("Gap")

    def cell(cid):
        return page.locator(f'tr[data-competency="{cid}"] td').nth(gap)

    assert cell("delivery").inner_text() == "Not assessed" and "kam-unassessed" in cell("delivery").get_attribute("class")
    assert cell("communication").inner_text() == "Not assessed"
    assert cell("mentoring").inner_text() == "1.5"  # rated 0 ("None"): a real gap, not "not assessed"
    assert page.locator('tr[data-competency="mentoring"] td').nth(headers.index("Level")).inner_text() == "None"
    assert page.locator(".kam-radar-dot").count() == 2  # craft and mentoring; delivery and communication have no point
    assert page.locator(".kam-radar-note").inner_text() == "Not assessed yet, so not plotted: delivery, communication."
    page.locator(".kam-radar-data summary").click()
    assert "Not assessed" in page.locator(".kam-radar-data tbody tr", has_text="Delivery").inner_text()
    assert w.errors == []


def test_a_profile_scope_greys_out_the_rest_and_counts_only_its_competencies(w, levels_url, fw):
    ratings = {"craft": 3, "delivery": 2, "mentoring": 1}
    seed(w.page, levels_url, ratings, "everyone")
    page = open_overview(w, levels_url)
    page.select_option("#kam-profile", "builder")
    assert current(page)["assessment"]["profile"] == "builder"
    result = scoring.score(fw, assessment(ratings, "builder"))
    assert result["summary"]["points"] == 9 and result["competencies"]["mentoring"]["in_scope"] is False
    assert page.locator(".kam-points").inner_text() == "Total points: 9"
    assert page.locator(".kam-to-next").inner_text() == "Points still needed for Band three: 6"
    for cid in ("mentoring", "communication"):
        row = page.locator(f'tr[data-competency="{cid}"]')
        assert "kam-out" in row.get_attribute("class")
        assert "Not in this profile" in row.inner_text()
    assert "Not in this profile" not in page.locator('tr[data-competency="craft"]').inner_text()
    area = page.locator(".kam-area-points tbody tr th").all_inner_texts()
    assert area == ["Building things", "All areas"]


def test_export_carries_the_name_and_import_names_by_it(w, levels_url, fw, tmp_path):
    seed(w.page, levels_url, {"craft": 3, "mentoring": 1}, name="Sam, Q1 2027")
    page = open_overview(w, levels_url)
    with page.expect_download() as info:
        page.click("[data-action=export-json]")
    exported = json.loads(open(info.value.path(), encoding="utf-8").read())
    assert exported["name"] == "Sam, Q1 2027"
    assert list(exported)[:3] == ["format", "format_version", "name"]
    assert exported["ratings"] == {"craft": 3, "mentoring": 1} and exported["framework"] == {"id": "ladder", "version": "1"}
    assert scoring.check(fw, exported)["errors"] == []
    named = tmp_path / "export-file.json"
    named.write_text(json.dumps({**assessment({"delivery": 4}), "name": "Alex Example"}))
    page.set_input_files("#kam-import", str(named))
    page.wait_for_selector("text=Imported as “Alex Example”")
    entry = current(page)
    assert entry["name"] == "Alex Example" and entry["assessment"]["ratings"] == {"delivery": 4}
    assert "name" not in entry["assessment"]  # the store entry's name is the one kept
    unnamed = tmp_path / "from-a-file.json"
    unnamed.write_text(json.dumps(assessment({"delivery": 1})))
    page.set_input_files("#kam-import", str(unnamed))
    page.wait_for_selector("text=Imported as “from-a-file”")
    assert w.errors == []


def test_csv_has_a_row_per_level_rated_competency(w, levels_url, fw):
    seed(w.page, levels_url, {"craft": 3, "communication-writing-1": 2})
    page = open_overview(w, levels_url)
    page.locator("details.kam-manage > summary").click()  # Export CSV is in the "Manage assessments" menu
    with page.expect_download() as info:
        page.click("[data-action=export-csv]")
    rows = list(csv.reader(open(info.value.path(), encoding="utf-8-sig", newline="")))
    by_id = {r[2]: r for r in rows[1:]}
    assert len(rows) == 1 + 3 + 2  # three picks, two statements
    assert by_id["craft"] == ["Craft", "", "craft", "Raises the bar", "Expert", "no"]
    assert by_id["delivery"] == ["Delivery", "", "delivery", "", "", "no"]
    assert by_id["communication-writing-1"][4] == "Practitioner"


def test_share_link_keeps_level_ratings_and_evidence(w, levels_url):
    page = open_rate(w, levels_url)
    pick(page, "mentoring", 0)
    pick(page, "craft", 3)
    page.locator('fieldset.kam-pick[data-competency="craft"] .kam-evidence').click()
    show_step(page, "communication")
    page.locator('[id="rate-communication-writing-2"] label', has_text="Leader").click()
    mine = current(page)["assessment"]
    page = open_overview(w, levels_url)
    from playwright.sync_api import expect
    page.click("[data-action=share]")
    expect(page.locator("#kam-share-link")).not_to_have_value("")  # made at once, or compressed a moment later
    link = page.input_value("#kam-share-link")
    page = page.context.new_page()  # the link opened fresh, as a visitor would
    page.goto(link)
    page.wait_for_selector("[data-action=load-share]")
    page.click("[data-action=load-share]")
    page.wait_for_selector("text=Loaded the shared assessment")
    loaded = current(page)["assessment"]
    assert loaded["ratings"] == mine["ratings"] == {"craft": 3, "mentoring": 0, "communication-writing-2": 4}
    assert loaded["evidence"] == {"craft": True}
    assert w.errors == []


def test_instant_navigation_away_and_back_keeps_one_working_pick(w, levels_url):
    page = open_rate(w, levels_url)
    page.locator(".kam-rate-head a").click()  # to the overview, by instant navigation
    page.wait_for_selector(".kam-readiness")
    page.go_back()
    page.wait_for_selector(LIVE)
    assert page.evaluate("document.querySelectorAll('#kam-app').length") == 1
    assert page.locator("fieldset.kam-pick").count() == 3
    page.evaluate("""() => { window.__writes = 0; const set = Storage.prototype.setItem;
        Storage.prototype.setItem = function (...a) { if (a[0] === 'kam:ladder') window.__writes++; return set.apply(this, a); }; }""")
    pick(page, "delivery", 1)
    assert page.evaluate("window.__writes") == 1
    assert page.locator('[id="live-delivery"]').inner_text().startswith("Level: Starter")
    assert w.errors == []


@pytest.mark.parametrize("setting", ["light", "phone", "dark"])
def test_the_new_controls_pass_axe_fit_a_phone_and_are_large_enough(browser, levels_url, setting):
    options = {"light": {"color_scheme": "light"}, "phone": PHONE, "dark": {"color_scheme": "dark"}}[setting]
    context = browser.new_context(**options)
    w = Watched(context.new_page(), levels_url)
    page = w.page
    seed(page, levels_url, {"craft": 3, "delivery": 2, "communication-writing-1": 1}, "builder")
    for path, drawn in (("assess/rate/", LIVE), ("assess/", ".kam-readiness"), ("assess/compare/", ".kam-compare table")):
        page.goto(levels_url + path, wait_until="networkidle")
        page.wait_for_selector(drawn)
        if path == "assess/rate/":  # a level-rated and a statement-rated competency, their details open
            for cid, details in (("communication", "details.kam-guide"), ("craft", "details.kam-level-more")):
                show_step(page, cid)
                shown = f'section.kam-step[data-competency="{cid}"] '
                page.locator(shown + details + " summary").first.click()
                heights = page.locator(", ".join(shown + x for x in (".kam-level-pick", ".kam-options .kam-option", ".kam-evidence"))).evaluate_all(
                    "xs => xs.map(x => x.getBoundingClientRect().height)")
                assert heights and min(heights) >= 44, (path, cid)
                widths = page.locator(", ".join(shown + x for x in (".kam-level-pick", ".kam-options .kam-option"))).evaluate_all(
                    "xs => xs.map(x => x.getBoundingClientRect().width)")
                assert min(widths) >= 44, cid
        if setting == "phone":
            assert page.evaluate("document.documentElement.scrollWidth") <= 390, path
            if path == "assess/rate/":  # the level cards stack: one column
                lefts = page.locator('fieldset.kam-pick[data-competency="craft"] .kam-level').evaluate_all(
                    "xs => new Set(xs.map(x => Math.round(x.getBoundingClientRect().left))).size")
                assert lefts == 1
        assert w.axe() == [], (setting, path)
    assert w.errors == [] and w.foreign == []
    context.close()

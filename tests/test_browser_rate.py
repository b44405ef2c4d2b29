"""The rating page in real Chromium, on a phone (390 x 844) and a desktop (1280 x 800): one competency at a time
(Previous / Next, next unrated, a jump list naming each competency's state, #c-<id> opens one, "Show all"), overall
progress, large segmented level controls, digit keys, a live bar that names its competency and is never covered,
target sizes, no sideways scroll, axe, and the level-rated fixture in the step view."""

from __future__ import annotations

import json
import time

import pytest

from conftest import PHONE, ROOT, framework_site, serve, wait_until, watched_page

EXAMPLE = ROOT / "framework" / "samples" / "worked-example.json"
STORE_KEY = "kam:akam-kam-diploma"
DESKTOP = {"viewport": {"width": 1280, "height": 800}}
SIZES = {"phone": PHONE, "desktop": DESKTOP}
LEVELS = ROOT / "tests" / "fixtures" / "levels"
SHOWN = ".kam-step:not([hidden])"
READY = f"{SHOWN} .kam-live:not(:empty)"  # the rating page drawn: the competency shown has its live result


def statements(c: dict) -> list[str]:
    return [i["id"] for g in c["groups"] for i in g["indicators"]]


def stored(page) -> dict:
    data = json.loads(page.evaluate(f"localStorage.getItem('{STORE_KEY}')"))
    return data["assessments"][data["current"]]["assessment"]


def seed(page, base_url: str, ratings: dict) -> None:
    """One stored assessment with these ratings, before the rating page's script runs."""
    page.goto(base_url)
    a = {"format": "kam-assessment", "format_version": 2, "framework": {"id": "akam-kam-diploma", "version": "2020"},
         "updated": "2026-01-01T00:00:00Z", "ratings": ratings, "evidence": {}, "will": {}, "profile": None,
         "completed_modules": [], "notes": {}}
    raw = {"format": "kam-store", "version": 1, "current": "x", "assessments": {"x": {"name": "Sam", "created": "2026-01-01", "assessment": a}}}
    page.evaluate(f"localStorage.setItem('{STORE_KEY}', {json.dumps(json.dumps(raw))})")


def open_rate(page, base_url: str, fragment: str = "", ready: str = READY):
    page.goto(base_url + "assess/rate/" + fragment)
    page.wait_for_selector(ready)
    return page


def rate_the_example(page, base_url: str, fragment: str):
    """The worked example imported on the overview, then the rating page at ``fragment``."""
    page.goto(base_url + "assess/")
    page.wait_for_selector(".kam-readiness")
    page.set_input_files("#kam-import", str(EXAMPLE))
    page.wait_for_selector("text=Imported as")
    return open_rate(page, base_url, fragment)


def shown(page) -> list[str]:
    return page.locator(SHOWN).evaluate_all("xs => xs.map(x => x.dataset.competency)")


def focused(page) -> str:
    return page.evaluate("document.activeElement.id || document.activeElement.tagName")


@pytest.fixture
def smallest(framework) -> dict:
    """The statement-rated competency with the fewest statements (a full competency, rated in a test)."""
    return min(framework["competencies"], key=lambda c: len(statements(c)))


# ---------------------------------------------------------------- one competency at a time

@pytest.mark.parametrize("size", ["phone", "desktop"])
def test_one_competency_at_a_time_with_previous_next_next_unrated_and_a_jump_list(browser, base_url, framework, size):
    comps = framework["competencies"]
    first, second = comps[0], comps[1]
    with watched_page(browser, base_url, **SIZES[size]) as w:
        page = w.page
        # the first competency completely rated, the second partly: the page opens at the first not complete one
        seed(page, base_url, {**{sid: 2 for sid in statements(first)}, statements(second)[0]: 0})
        open_rate(page, base_url)
        assert shown(page) == [second["id"]]
        assert page.locator(".kam-form:visible").count() == 1
        jump = page.locator("#kam-jump")
        options = jump.locator("option").all_inner_texts()
        assert options[0] == f"{first['name']} — Complete"
        assert options[1] == f"{second['name']} — In progress: 1 of {len(statements(second))} rated"
        assert options[2] == f"{comps[2]['name']} — Not assessed"  # nothing rated: not assessed, apart from a rating of 0
        assert jump.input_value() == second["id"]
        assert page.locator(f'[id="state-{second["id"]}"]').inner_text() == \
            f"Competency 2 of {len(comps)} · In progress: 1 of {len(statements(second))} rated"
        bar = page.locator(f"{SHOWN} .kam-bar")
        assert bar.locator(".kam-bar-name").inner_text() == second["name"]  # the live bar names its competency
        assert bar.locator(".kam-live").inner_text().startswith("Score 0% · Not met yet · rated 1 of")  # rated 0: a real score

        bar.locator("button.kam-next").click()
        assert shown(page) == [comps[2]["id"]] and page.url.endswith(f"#c-{comps[2]['id']}")
        assert focused(page) == f"c-{comps[2]['id']}"  # the focus on the new competency's heading
        heading = page.locator(f'h2[id="c-{comps[2]["id"]}"]').bounding_box()
        assert 0 <= heading["y"] < SIZES[size]["viewport"]["height"] / 2
        assert page.locator(f'[id="live-{comps[2]["id"]}"]').inner_text().startswith("Not assessed")
        page.locator(f"{SHOWN} .kam-bar button.kam-prev").click()
        assert shown(page) == [second["id"]] and focused(page) == f"c-{second['id']}"

        jump.select_option(comps[9]["id"])
        assert shown(page) == [comps[9]["id"]] and page.url.endswith(f"#c-{comps[9]['id']}")
        page.click("[data-action=next-unrated]")
        assert shown(page) == [comps[10]["id"]]
        page.goto(base_url + "assess/")  # away by an ordinary load, then back: the address keeps the competency
        page.go_back()
        page.wait_for_selector(READY)
        assert shown(page) == [comps[10]["id"]]
        jump.select_option(comps[-1]["id"])  # the last one: Next becomes the way to the results
        last = page.locator(f"{SHOWN} .kam-bar a.kam-next")
        assert last.inner_text() == "See your results" and last.get_attribute("href").endswith("../")
        assert page.locator(f"{SHOWN} .kam-bar button.kam-next").count() == 0
        page.click("[data-action=next-unrated]")  # round to the first not complete: the second
        assert shown(page) == [second["id"]]
        assert w.errors == [] and w.foreign == []


def test_the_address_opens_its_competency_on_arrival_and_when_it_changes(watched, base_url):
    page = open_rate(watched.page, base_url, "#c-2.3")
    assert shown(page) == ["2.3"]
    box = page.locator('h2[id="c-2.3"]').bounding_box()
    assert 0 <= box["y"] < 400  # brought into view
    page.evaluate("location.hash = '#c-3.1'")  # typed, or back and forward (the theme may swap the page in again)
    wait_until(page, "document.querySelector('.kam-rate-head') && document.querySelectorAll('.kam-step:not([hidden])').length === 1"
                           " && !document.querySelector('.kam-step[data-competency=\"3.1\"]').hidden")
    page.wait_for_timeout(1000)  # the swap, when the theme makes one, comes after the first redraw
    wait_until(page, "document.querySelector('.kam-rate-head') && document.querySelectorAll('.kam-step:not([hidden])').length === 1")
    assert shown(page) == ["3.1"] and page.locator("#kam-jump").input_value() == "3.1"
    assert watched.errors == []


def test_when_everything_is_rated_next_unrated_says_so(browser, base_url, framework):
    everything = {sid: 1 for c in framework["competencies"] for sid in statements(c)}
    with watched_page(browser, base_url) as w:
        seed(w.page, base_url, everything)
        page = open_rate(w.page, base_url)
        assert shown(page) == [framework["competencies"][0]["id"]]
        n = len(everything)
        assert page.locator(".kam-progress-text").inner_text() == \
            f"{n} of {n} statements rated · {len(framework['competencies'])} of {len(framework['competencies'])} competencies complete"
        page.click("[data-action=next-unrated]")
        assert "Every competency is rated" in page.locator(".kam-all-rated").inner_text()
        assert w.errors == []


# ---------------------------------------------------------------- a full competency, by keyboard and by taps

@pytest.mark.parametrize("size", ["phone", "desktop"])
def test_a_full_competency_rated_by_keyboard(browser, base_url, framework, smallest, size):
    comps = framework["competencies"]
    k = comps.index(smallest)
    before = comps[k - 1]
    ids = statements(smallest)
    total = sum(len(statements(c)) for c in comps)
    with watched_page(browser, base_url, **SIZES[size]) as w:
        page = open_rate(w.page, base_url, f"#c-{before['id']}")
        assert page.locator(".kam-progress-text").inner_text() == f"0 of {total} statements rated · 0 of {len(comps)} competencies complete"
        page.locator(f"{SHOWN} .kam-bar button.kam-next").focus()
        page.keyboard.press("Enter")  # Next, by keyboard: the focus on the next competency's heading
        assert shown(page) == [smallest["id"]] and focused(page) == f"c-{smallest['id']}"
        expected = {}
        for n, sid in enumerate(ids):
            page.keyboard.press("Tab")  # into the statement's radio group
            assert page.evaluate("document.activeElement.dataset.rating") == sid
            if n % 3 == 0:
                page.keyboard.press("3")  # a digit key picks that level
                expected[sid] = 3
            elif n % 3 == 1:
                page.keyboard.press("ArrowRight")  # the radios' own arrow keys: 1, then 2
                page.keyboard.press("ArrowRight")
                page.keyboard.press("0")  # and a digit on top of them
                expected[sid] = 0
            else:
                page.keyboard.press("n")  # N/A
                expected[sid] = "na"
            page.keyboard.press("Tab")  # the evidence box
            if n % 2 == 0:
                page.keyboard.press("Space")
        page.keyboard.press("Tab")  # the will rating
        page.keyboard.press("4")
        page.keyboard.press("Tab")
        page.keyboard.type("By keyboard")
        a = stored(page)
        assert {sid: a["ratings"][sid] for sid in ids} == expected
        assert sorted(a["evidence"]) == sorted(ids[::2]) and a["will"][smallest["id"]] == 4 and a["notes"][smallest["id"]] == "By keyboard"
        live = page.locator(f'[id="live-{smallest["id"]}"]').inner_text()
        assert f"rated {len(ids)} of {len(ids)}" in live
        assert page.locator(f'[id="state-{smallest["id"]}"]').inner_text().endswith("· Complete")
        assert page.locator("#kam-jump option").nth(k).inner_text() == f"{smallest['name']} — Complete"
        assert page.locator(".kam-progress-text").inner_text() == \
            f"{len(ids)} of {total} statements rated · 1 of {len(comps)} competencies complete"
        assert page.locator("#kam-progress").evaluate("x => [x.value, x.max]") == [len(ids), total]
        page.keyboard.press("Tab")  # on through the bar: the levels, Previous, Next
        page.keyboard.press("Tab")
        page.keyboard.press("Tab")
        page.keyboard.press("Enter")
        assert shown(page) == [comps[k + 1]["id"]] and focused(page) == f"c-{comps[k + 1]['id']}"
        assert w.errors == []


def test_a_full_competency_rated_by_taps_on_a_phone(browser, base_url, framework, smallest):
    ids = statements(smallest)
    labels = [lv["label"] for lv in framework["scale"]["levels"]]
    with watched_page(browser, base_url, **PHONE) as w:
        page = open_rate(w.page, base_url, f"#c-{smallest['id']}")
        for n, sid in enumerate(ids):
            page.locator(f'[id="rate-{sid}"] label.kam-option', has_text=labels[n % len(labels)]).tap()
            if n % 2:
                page.locator(f'[id="rate-{sid}"] .kam-evidence').tap()
        page.locator(f'{SHOWN} .kam-will label', has_text="2").first.tap()
        a = stored(page)
        assert {sid: a["ratings"][sid] for sid in ids} == {sid: n % len(labels) for n, sid in enumerate(ids)}
        assert sorted(a["evidence"]) == sorted(ids[1::2]) and a["will"][smallest["id"]] == 2
        assert page.locator(f'[id="state-{smallest["id"]}"]').inner_text().endswith("· Complete")
        page.locator(f"{SHOWN} .kam-bar button.kam-next").tap()
        assert len(shown(page)) == 1 and shown(page) != [smallest["id"]]
        assert w.errors == []


# ---------------------------------------------------------------- layout: targets, reading order, no overflow, the bar

@pytest.mark.parametrize("size", ["phone", "desktop"])
def test_targets_reading_order_and_no_sideways_scroll(browser, base_url, size):
    with watched_page(browser, base_url, **SIZES[size]) as w:
        page = rate_the_example(w.page, base_url, "#c-2.3")
        page.locator(f"{SHOWN} .kam-bar-levels summary").click()
        width = SIZES[size]["viewport"]["width"]
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        rating = page.locator(f"{SHOWN} :is(.kam-option, .kam-level-pick, .kam-evidence)").evaluate_all(
            "xs => xs.map(x => { const r = x.getBoundingClientRect(); return [r.width, r.height]; })")
        assert rating and min(min(b) for b in rating) >= 44
        others = page.locator("#kam-app :is(button, select, summary, a:not(.headerlink), textarea, .kam-toggle)").evaluate_all(
            "xs => xs.filter(x => x.getClientRects().length).map(x => { const r = x.getBoundingClientRect(); return [x.outerHTML.slice(0, 60), r.width, r.height]; })")
        assert others and [o for o in others if min(o[1:]) < 24] == []
        # each statement's levels in reading order: one row on a desktop, stacked full width on a phone (no 3 + 2)
        boxes = page.locator(f"{SHOWN} fieldset.kam-statement").first.locator(".kam-option").evaluate_all(
            "xs => xs.map(x => { const r = x.getBoundingClientRect(); return [r.left, r.top, r.width]; })")
        tops = [round(b[1]) for b in boxes]
        if size == "phone":
            assert tops == sorted(tops) and len(set(tops)) == len(boxes)
            assert len({round(b[0]) for b in boxes}) == 1 and min(b[2] for b in boxes) > 300
        else:
            assert len(set(tops)) == 1 and [b[0] for b in boxes] == sorted(b[0] for b in boxes)
        assert w.errors == []


@pytest.mark.parametrize("size", ["phone", "desktop"])
def test_the_live_bar_is_never_covered(browser, base_url, size):
    height = SIZES[size]["viewport"]["height"]
    with watched_page(browser, base_url, **SIZES[size]) as w:
        page = open_rate(w.page, base_url, "#c-2.3")
        page.mouse.wheel(0, 2500)
        time.sleep(0.4)
        page.mouse.wheel(0, -500)  # scrolling up would bring the theme's "Back to top" button, over the options
        page.wait_for_timeout(700)
        assert page.locator(".md-top").is_hidden()  # not on the rating page: each step is short, the bar moves on
        bar = page.locator(f"{SHOWN} .kam-bar").bounding_box()
        assert bar["y"] >= 0 and bar["y"] + bar["height"] <= height + 1  # on the screen
        for cover in (".md-header",):
            other = page.locator(cover).bounding_box()
            apart = other["y"] + other["height"] <= bar["y"] or bar["y"] + bar["height"] <= other["y"]
            assert apart, (cover, other, bar)
        at = page.evaluate("([x, y]) => document.elementFromPoint(x, y).closest('.kam-bar') !== null",
                           [bar["x"] + 8, bar["y"] + bar["height"] / 2])
        assert at  # nothing else on top of it
        assert page.locator(f"{SHOWN} .kam-bar .kam-bar-name").inner_text() == "2.3 Negotiations with customers"
        assert w.errors == []


# ---------------------------------------------------------------- show all, print, page height

def test_show_all_shows_every_form_and_print_shows_them_all(browser, base_url, framework):
    n = sum(len(statements(c)) for c in framework["competencies"])
    with watched_page(browser, base_url, **PHONE) as w:
        page = open_rate(w.page, base_url)
        step_height = page.evaluate("document.documentElement.scrollHeight")
        page.locator("label.kam-toggle").click()
        assert len(shown(page)) == len(framework["competencies"])
        assert page.locator(".kam-form:visible").count() == len(framework["competencies"])
        assert page.locator("fieldset.kam-statement:visible").count() == n
        assert page.locator(".kam-bar-nav:visible").count() == 0  # no Previous / Next when everything is shown
        all_height = page.evaluate("document.documentElement.scrollHeight")
        print(f"\nAKAM rating page on a 390 x 844 phone: {step_height} px for one competency (1.1), {all_height} px with all shown")
        assert step_height * 3 < all_height
        page.reload()  # the choice is kept in this tab
        page.wait_for_selector(READY)
        assert len(shown(page)) == len(framework["competencies"]) and page.locator("#kam-show-all").is_checked()
        page.locator("label.kam-toggle").click()
        assert shown(page) == ["1.1"]
        page.emulate_media(media="print")
        assert page.locator("fieldset.kam-statement:visible").count() == n
        assert not page.locator(".kam-rate-tools").is_visible()
        assert w.errors == []


def test_every_competency_page_height_on_a_phone(browser, base_url, framework):
    """The tallest step is far shorter than the whole list."""
    with watched_page(browser, base_url, **PHONE) as w:
        page = open_rate(w.page, base_url)
        heights = {}
        for c in framework["competencies"]:
            page.select_option("#kam-jump", c["id"])
            heights[c["id"]] = page.evaluate("document.documentElement.scrollHeight")
        print(f"\nstep heights on a phone: max {max(heights.values())} px ({max(heights, key=heights.get)}), min {min(heights.values())} px")
        assert max(heights.values()) < 20000


# ---------------------------------------------------------------- axe

@pytest.mark.parametrize("size", ["phone", "desktop"])
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_no_axe_findings(browser, base_url, size, scheme):
    with watched_page(browser, base_url, color_scheme=scheme, **SIZES[size]) as w:
        page = rate_the_example(w.page, base_url, "#c-1.2")
        page.locator(f"{SHOWN} .kam-bar-levels summary").click()
        page.locator(f"{SHOWN} .kam-bar button.kam-next").focus()
        assert w.axe() == []
        page.locator("label.kam-toggle").click()
        assert w.axe() == []
        assert w.errors == [] and w.foreign == []


# ---------------------------------------------------------------- the level-rated fixture in the step view

@pytest.fixture(scope="module")
def levels_url(tmp_path_factory):
    with serve(framework_site(tmp_path_factory.mktemp("rate-levels-site"), LEVELS)) as url:
        yield url


@pytest.mark.parametrize("size", ["phone", "desktop"])
def test_level_rated_competencies_in_the_step_view(browser, levels_url, size):
    with watched_page(browser, levels_url, **SIZES[size]) as w:
        page = open_rate(w.page, levels_url, ready=READY)
        assert shown(page) == ["craft"]
        assert page.locator(f"{SHOWN} fieldset.kam-pick").count() == 1
        assert page.locator(f"{SHOWN} .kam-bar-levels").count() == 0  # the level cards carry their own descriptions
        assert "of 4 competencies complete" in page.locator(".kam-progress-text").inner_text()
        assert "statements rated" in page.locator(".kam-progress-text").inner_text()  # one competency has statements
        page.locator('input[data-rating="craft"][value="0"]').focus()
        page.keyboard.press("3")  # a digit key picks a level card
        assert page.locator('input[data-rating="craft"][value="3"]').is_checked()
        a = json.loads(page.evaluate("localStorage.getItem('kam:ladder')"))
        assert a["assessments"][a["current"]]["assessment"]["ratings"] == {"craft": 3}
        assert page.locator("#kam-jump option").first.inner_text() == "Craft — Complete"
        assert page.locator(f"{SHOWN} .kam-bar-name").inner_text() == "Craft"
        page.locator(f"{SHOWN} .kam-bar button.kam-next").click()
        assert shown(page) == ["delivery"] and focused(page) == "c-delivery"
        cards = page.locator(f"{SHOWN} .kam-level-pick").evaluate_all("xs => xs.map(x => x.getBoundingClientRect().height)")
        assert min(cards) >= 44
        page.click("[data-action=next-unrated]")
        assert shown(page) == ["communication"]  # the fixture's order: craft, delivery, communication, mentoring
        page.select_option("#kam-jump", "communication")
        page.locator('[id="rate-communication-writing-1"] label', has_text="Expert").click()
        assert "rated 1 of 2" in page.locator('[id="live-communication"]').inner_text()
        assert page.evaluate("document.documentElement.scrollWidth") <= SIZES[size]["viewport"]["width"]
        assert w.axe() == []
        assert w.errors == [] and w.foreign == []

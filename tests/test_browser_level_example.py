"""The level-rated example's self-assessment in real Chromium: one pick per competency, points and band on the
overview, by the framework's own arithmetic; nothing of statements, will ratings or AKAM's wording; no axe findings."""

from __future__ import annotations

import json
import re

import pytest

from conftest import PHONE, Watched, serve, show_step, wait_until, watched_page
from macros import loader, scoring
from test_level_example import (ALL, CASES, COMPETENCIES, EXAMPLE, FORBIDDEN, FRAMEWORK_ID, SCALE, assessment,
                                built_site, own_points)

STORE_KEY = f"kam:{FRAMEWORK_ID}"
BAND_TITLES = {b["id"]: b["title"] for b in SCALE["bands"]}
MIN_POINTS = {b["id"]: b["min_points"] for b in SCALE["bands"]}
MIX = CASES["a mix, some unrated"][0]  # 12 + 6 + 1 | 6 + 3 + 3 | 3 + 0 = 34 points, band 2.2, 8 to 3.1


@pytest.fixture(scope="module")
def fw() -> dict:
    return loader.load(EXAMPLE)


@pytest.fixture(scope="module")
def url():
    with serve(built_site()) as address:
        yield address


@pytest.fixture
def w(browser, url):
    with watched_page(browser, url) as watched:
        yield watched


def current(page) -> dict:
    data = json.loads(page.evaluate(f"localStorage.getItem('{STORE_KEY}')") or "null")
    return data["assessments"][data["current"]]["assessment"] if data else {}


def open_rate(w: Watched, url: str):
    w.page.goto(url + "assess/rate/")
    w.page.wait_for_selector(".kam-step:not([hidden]) fieldset.kam-pick")
    w.page.wait_for_selector("#kam-app[data-ready]", state="attached")  # every competency's form is in (filled one by one)
    return w.page


def open_overview(w: Watched, url: str, profile: str | None = None):
    """The overview, measured against the given profile (none: every competency counts).

    The profile is chosen explicitly: which one a new assessment starts with is the interface's choice."""
    w.page.goto(url + "assess/")
    w.page.wait_for_selector(".kam-points")
    if w.page.input_value("#kam-profile") != (profile or ""):
        w.page.select_option("#kam-profile", profile or "")
        assert current(w.page).get("profile") == profile
        w.page.wait_for_selector(".kam-points")
    return w.page


def option(page, cid: str, value: int):
    """The label of one level's radio: around it, or pointing at it."""
    radio = page.locator(f'fieldset.kam-pick input[type=radio][data-rating="{cid}"][value="{value}"]')
    label = page.locator(f'fieldset.kam-pick label:has(input[data-rating="{cid}"][value="{value}"])')
    return (label if label.count() else page.locator(f'label[for="{radio.get_attribute("id")}"]')).first


def pick(page, cid: str, value: int) -> None:
    """Pick a level as a person would: by opening its competency and clicking its option."""
    show_step(page, cid)
    option(page, cid, value).click()
    assert page.locator(f'fieldset.kam-pick input[data-rating="{cid}"][value="{value}"]').is_checked()


def number(text: str) -> list[int]:
    return [int(n) for n in re.findall(r"\d+", text)]


def forbidden_in(text: str) -> list[str]:
    return [m.group(0) for rx in FORBIDDEN for m in rx.finditer(text)]


def test_one_pick_one_control_per_competency(w, url, fw):
    page = open_rate(w, url)
    picks = page.locator("fieldset.kam-pick")
    assert picks.count() == len(COMPETENCIES)
    assert [p.get_attribute("data-competency") for p in picks.all()] == [c["id"] for c in fw["competencies"]]
    for c in fw["competencies"]:
        box = page.locator(f'fieldset.kam-pick[data-competency="{c["id"]}"]')
        radios = box.locator(f'input[type=radio][data-rating="{c["id"]}"]')
        assert [r.get_attribute("value") for r in radios.all()] == [str(lv["value"]) for lv in fw["scale"]["levels"]]
        assert len({r.get_attribute("name") for r in radios.all()}) == 1  # one group: picking one clears the others
        assert box.locator("legend").count() == 1
        shown = re.sub(r"\s+", " ", box.inner_text())
        hidden = re.sub(r"\s+", " ", box.text_content())
        for lv in c["levels"]:  # every level's title and summary on the option; signals and examples on demand
            assert lv["title"] in shown and re.sub(r"\s+", " ", lv["summary"]) in shown, (c["id"], lv["value"])
            assert all(s in hidden for s in lv["signals"] + lv["examples"]), (c["id"], lv["value"])
        assert box.locator("details").count() >= len(c["levels"])
    assert page.locator('input[type=radio][value="na"]').count() == 0  # not_applicable: false
    assert page.locator("fieldset.kam-statement").count() == 0 and page.locator("input[type=checkbox][data-indicator]").count() == 0
    assert page.locator("fieldset.kam-will").count() == 0 and page.locator("input[data-will]").count() == 0
    assert forbidden_in(page.locator("body").inner_text()) == []
    assert w.errors == [] and w.foreign == []


def test_picking_levels_is_stored_and_one_level_per_competency(w, url):
    page = open_rate(w, url)
    pick(page, "diagnosis", 2)
    pick(page, "diagnosis", 4)  # a new pick replaces the old one
    pick(page, "mentoring", 0)
    assert current(page)["ratings"] == {"diagnosis": 4, "mentoring": 0}
    page.reload()
    page.wait_for_selector(".kam-step:not([hidden]) fieldset.kam-pick")
    assert page.locator('input[data-rating="diagnosis"][value="4"]').is_checked()
    assert page.locator('input[data-rating="diagnosis"]:checked').count() == 1
    assert w.errors == []


def test_the_overview_shows_points_band_and_the_way_to_the_next(w, url, fw):
    page = open_overview(w, url)
    assert number(page.locator(".kam-points").inner_text())[:1] == [0]
    assert not any(t in page.locator(".kam-band").inner_text() for t in BAND_TITLES.values())  # no band yet
    page = open_rate(w, url)
    for cid, value in MIX.items():
        pick(page, cid, value)
    per, total, band = own_points(MIX)
    assert (total, band) == (34, "2.2")
    assert current(page)["ratings"] == MIX
    page = open_overview(w, url)
    assert total in number(page.locator(".kam-points").inner_text())
    assert BAND_TITLES[band] in page.locator(".kam-band").inner_text()
    assert MIN_POINTS["3.1"] - total in number(page.locator(".kam-to-next").inner_text())
    for area in fw["areas"]:  # points per area
        row = page.locator("tr", has_text=area["title"]).first
        assert sum(per[cid] for cid in area["competencies"]) in number(row.inner_text()), area["id"]
    result = scoring.score(fw, current(page))
    assert result["summary"]["points"] == total and result["summary"]["band"] == band
    assert forbidden_in(page.locator("body").inner_text()) == []
    assert w.errors == [] and w.foreign == []


def test_top_of_the_ladder(w, url):
    page = open_rate(w, url)
    for cid in ALL:
        pick(page, cid, 5)
    page = open_overview(w, url)
    assert 160 in number(page.locator(".kam-points").inner_text())
    assert BAND_TITLES["5.1"] in page.locator(".kam-band").inner_text()


def test_a_profile_with_a_scope_counts_only_its_competencies(w, url, fw, tmp_path):
    picks, profile = CASES["associate: out-of-scope picks do not count"]
    path = tmp_path / "associate.json"
    path.write_text(json.dumps(assessment(picks, None, "Sam Associate")), encoding="utf-8")
    page = open_overview(w, url)
    page.set_input_files("#kam-import", str(path))
    page.wait_for_selector("text=Imported as")
    _, everything, _ = own_points(picks)
    assert everything in number(page.locator(".kam-points").inner_text())
    page.select_option("#kam-profile", profile)
    assert current(page)["profile"] == profile
    _, total, band = own_points(picks, profile)
    assert (everything, total, band) == (62, 22, "2.1")
    wait_until(page, f"document.querySelector('.kam-points').innerText.includes('{total}')")
    assert BAND_TITLES[band] in page.locator(".kam-band").inner_text()
    assert w.errors == [] and w.foreign == []


@pytest.mark.parametrize("setting", ["desktop", "phone"])
def test_no_axe_findings_on_the_rate_and_overview_pages(browser, url, setting):
    context = browser.new_context(**PHONE) if setting == "phone" else browser.new_context()
    w = Watched(context.new_page(), url)
    page = open_rate(w, url)
    assert w.axe() == []
    for cid, value in MIX.items():
        pick(page, cid, value)
    page.locator(".kam-step:not([hidden]) fieldset.kam-pick details summary").first.click()  # one level's signals open
    assert w.axe() == []
    if setting == "phone":
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
        show_step(page, ALL[0])
        box = option(page, ALL[0], 1).bounding_box()
        assert box["height"] >= 44 and box["width"] >= 44  # a touch target for the rating controls
    page = open_overview(w, url)
    assert w.axe() == []
    if setting == "phone":
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
    assert w.errors == [] and w.foreign == []
    context.close()

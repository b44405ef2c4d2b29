"""History over time and the dated compare page (issue 12, part 4), in real Chromium: snapshots taken on demand and on
export (never a duplicate of the last), carried by the exported file and back in by its import; the timeline's table
against the scoring; two snapshots compared with dates, direction cues in words and signs, "not assessed" and "new";
the ratings that changed; the overlaid radar; axe, a phone of 390 px, the printed A4 page, the keyboard."""

from __future__ import annotations

import json

import pytest

from conftest import PHONE, ROOT, framework_site, serve, watched_page
from macros import loader, scoring

KEY = "kam:akam-kam-diploma"
LEVELS = ROOT / "tests" / "fixtures" / "levels"  # level-rated competencies, points and bands
DESKTOP = {"viewport": {"width": 1280, "height": 800}}


def akam(ratings: dict, evidence=None, **more) -> dict:
    return {"format": "kam-assessment", "format_version": 2, "framework": {"id": "akam-kam-diploma", "version": "2020"},
            "updated": "2026-03-01T09:00:00.000Z", "ratings": ratings, "evidence": evidence or {}, "will": {}, "profile": None,
            "completed_modules": [], "notes": {}, **more}


@pytest.fixture(scope="module")
def levels_url(tmp_path_factory):
    with serve(framework_site(tmp_path_factory.mktemp("history-levels"), LEVELS)) as url:
        yield url


def seed(page, url, assessments: dict, key: str = KEY) -> None:
    """Store assessments {name: assessment} (the last current) before the page's script runs."""
    page.goto(url)
    entries = {f"a{k}": {"name": n, "created": f"2026-01-0{k + 1}", "assessment": a} for k, (n, a) in enumerate(assessments.items())}
    raw = {"format": "kam-store", "version": 1, "current": list(entries)[-1], "assessments": entries}
    page.evaluate(f"localStorage.setItem({json.dumps(key)}, {json.dumps(json.dumps(raw))})")


def stored(page) -> dict:
    data = json.loads(page.evaluate(f"localStorage.getItem('{KEY}')"))
    return data["assessments"][data["current"]]["assessment"]


def compare(page, url):
    page.goto(url + "assess/compare/")
    page.wait_for_selector(".kam-history h2")
    return page


def rate(page, url, ratings: dict) -> None:
    """Rate statements of 1.1 (the first competency the rating page shows) by clicking their level."""
    page.goto(url + "assess/rate/")
    for sid, label in ratings.items():
        page.locator(f'[id="rate-{sid}"] label', has_text=label).click()


def day(page, iso: str, time: bool = False) -> str:
    style = "{dateStyle: 'medium', timeStyle: 'short'}" if time else "{dateStyle: 'medium'}"
    return page.evaluate(f"iso => new Date(iso).toLocaleString('en', {style})", iso)


def timeline(page) -> list[tuple[str, str, str]]:
    """The timeline table: (value as data, snapshot label, figure in words) per row."""
    rows = page.locator(".kam-timeline-table tbody tr")
    return [(r.get_attribute("data-value"), *r.locator("td").all_inner_texts()) for r in rows.all()]


def ids_of(framework, cid: str) -> list[str]:
    c = next(c for c in framework["competencies"] if c["id"] == cid)
    return [i["id"] for g in c["groups"] for i in g["indicators"]]


# ---------------------------------------------------------------- snapshots on demand, the timeline

def test_snapshots_on_demand_and_the_timeline_table_gives_their_scores(watched, base_url, framework):
    page = watched.page
    rate(page, base_url, {"1.1-org-1": "Competent"})
    compare(page, base_url)
    assert page.locator(".kam-snapshots").count() == 0 and "No snapshots yet" in page.locator(".kam-history").inner_text()
    page.fill("#kam-snapshot-label", "Start")
    page.click("#kam-snapshot-take")
    assert "Snapshot of My assessment taken" in page.locator(".kam-notices").inner_text()
    rate(page, base_url, {"1.1-org-2": "Advanced", "1.1-org-3": "Advanced"})
    compare(page, base_url)
    rows = timeline(page)
    assert len(rows) == 2 and rows[1][1] == "now"  # the snapshot, and now (changed since)
    page.click("#kam-snapshot-take")
    page.click("#kam-snapshot-take")  # nothing changed since: no duplicate
    assert "Nothing has changed since the last snapshot" in page.locator(".kam-notices").inner_text()
    snaps = stored(page)["snapshots"]
    assert [s.get("label") for s in snaps] == ["Start", None] and snaps[1]["ratings"] == {"1.1-org-1": 2, "1.1-org-2": 3, "1.1-org-3": 3}
    assert page.locator(".kam-snapshots li").count() == 2
    # the overall figure: the share of competencies met; then competency 1.1's score, as scoring.py gives them
    a = stored(page)
    results = [scoring.score(framework, {**a, "ratings": s["ratings"], "evidence": s["evidence"]}) for s in snaps]
    rows = timeline(page)
    assert [r[1] for r in rows] == ["Start", "–"]  # now has the last snapshot's answers: no point of its own
    assert [r[0] for r in rows] == [str(round(100 * x["summary"]["met"] / x["summary"]["total"])) for x in results]
    assert rows[0][2] == f"0 of {results[0]['summary']['total']} met (0%)"
    page.select_option("#kam-timeline-pick", "1.1")
    rows = timeline(page)
    assert [r[0] for r in rows] == [str(x["competencies"]["1.1"]["percent"]) for x in results]
    assert rows[1][2] == f"{results[1]['competencies']['1.1']['percent']}% not met yet"
    assert page.locator(".kam-timeline circle.kam-timeline-dot").count() == 2 and page.locator(".kam-timeline polyline").count() == 1
    # a competency never rated: no point, no line, "Not assessed" in the table (never 0)
    page.select_option("#kam-timeline-pick", "1.2")
    assert [r[0] for r in timeline(page)] == ["", ""] and [r[2] for r in timeline(page)] == ["Not assessed", "Not assessed"]
    assert page.locator(".kam-timeline circle").count() == 0 and page.locator(".kam-timeline polyline").count() == 0
    assert watched.errors == [] and watched.foreign == []


def test_not_assessed_is_a_gap_in_the_line(watched, base_url, framework):
    page = watched.page
    ids = ids_of(framework, "1.2")
    snaps = [{"taken": f"2026-0{k}-01T10:00:00.000Z", "ratings": r, "evidence": {}}
             for k, r in ((1, {ids[0]: 1}), (2, {"1.1-org-1": 2}), (3, {ids[0]: 3, ids[1]: 3}))]
    seed(page, base_url, {"Me": akam({ids[0]: 3, ids[1]: 3}, snapshots=snaps)})
    compare(page, base_url)
    page.select_option("#kam-timeline-pick", "1.2")
    assert [r[0] for r in timeline(page)][1] == ""  # 1.2 not assessed in the second snapshot
    assert page.locator(".kam-timeline circle").count() == 2 and page.locator(".kam-timeline polyline").count() == 0  # two lone points
    assert watched.errors == []


def test_with_points_the_overall_line_is_the_points_and_a_level_shows_as_its_label(watched, levels_url):
    page = watched.page
    fw = loader.load(LEVELS)
    snaps = [{"taken": "2026-01-10T10:00:00.000Z", "ratings": {"craft": 1}, "evidence": {}},
             {"taken": "2026-02-10T10:00:00.000Z", "ratings": {"craft": 3, "delivery": 2}, "evidence": {}}]
    a = {**akam({"craft": 3, "delivery": 2, "mentoring": 4}, snapshots=snaps), "framework": {"id": "ladder", "version": "1"}}
    seed(page, levels_url, {"Me": a}, "kam:ladder")
    compare(page, levels_url)
    assert page.locator("#kam-timeline-pick option:checked").inner_text() == "Overall: points"
    points = [scoring.score(fw, {**a, "ratings": r})["summary"]["points"] for r in (*(s["ratings"] for s in snaps), a["ratings"])]
    rows = timeline(page)
    assert [r[0] for r in rows] == [str(p) for p in points] and [r[2] for r in rows] == [f"{p} points" for p in points]
    assert rows[2][1] == "now"  # changed since the last snapshot: a point of its own
    page.select_option("#kam-timeline-pick", "craft")
    assert [r[2] for r in timeline(page)] == ["Starter, not met yet", "Expert, met", "Expert, met"]
    page.locator(f'[data-compare="a0@{snaps[0]["taken"]}"]').check()
    craft = page.locator('.kam-compare tr[data-competency="craft"] td').all_inner_texts()
    assert craft[0] == "Starter, not met yet" and craft[1] == "Expert, met" and craft[2].startswith("+")
    points_row = page.locator(".kam-compare tr.kam-total", has_text="Points").locator("td").all_inner_texts()
    assert points_row == [str(points[0]), str(points[2]), f"+{points[2] - points[0]}"]
    row = page.locator('.kam-changes tr[data-statement="craft"]')
    assert "Craft" in row.locator("th").inner_text()  # a level-rated competency: itself, its level before and after
    assert row.locator("td").all_inner_texts() == ["Starter", "Expert"]
    assert page.locator('.kam-changes tr[data-statement="mentoring"] td').all_inner_texts() == ["not rated", "Leader"]
    assert watched.errors == []


# ---------------------------------------------------------------- export: a snapshot, carried by the file

def test_export_takes_a_snapshot_once_and_the_file_brings_the_history_elsewhere(browser, base_url, tmp_path):
    with watched_page(browser, base_url) as w:
        page = w.page
        rate(page, base_url, {"1.1-org-1": "Competent"})
        page.goto(base_url + "assess/")
        page.wait_for_selector(".kam-readiness")
        files = []
        for k in range(2):  # the second export: nothing changed, no second snapshot
            with page.expect_download() as info:
                page.click("[data-action=export-json]")
            path = tmp_path / f"export-{k}.json"
            info.value.save_as(path)
            files.append(json.loads(path.read_text()))
        assert [len(f["snapshots"]) for f in files] == [1, 1]
        assert files[0]["snapshots"][0]["ratings"] == {"1.1-org-1": 2} and files[0]["snapshots"] == files[1]["snapshots"]
        note = page.locator("#kam-export-note").inner_text()
        assert note.startswith("Last exported") and "changed since" not in note  # the snapshot is in the file: nothing is left to export
        rate(page, base_url, {"1.1-org-2": "Developing"})
        page.goto(base_url + "assess/")
        with page.expect_download() as info:
            page.click("[data-action=export-json]")
        info.value.save_as(tmp_path / "export-2.json")
        third = json.loads((tmp_path / "export-2.json").read_text())
        assert len(third["snapshots"]) == 2 and third["snapshots"][1]["ratings"] == {"1.1-org-1": 2, "1.1-org-2": 1}
        assert w.errors == []
    with watched_page(browser, base_url) as w:  # another browser: import the file, the history comes with it
        page = w.page
        page.goto(base_url + "assess/")
        page.wait_for_selector(".kam-readiness")
        page.set_input_files("#kam-import", str(tmp_path / "export-2.json"))
        page.click("[data-action=import-replace]")  # the same name as the empty first assessment here: it is replaced
        compare(page, base_url)
        assert page.locator("#kam-history-of option").all_inner_texts() == ["My assessment"]
        assert page.locator(".kam-snapshots li").count() == 2
        assert len(timeline(page)) == 2
        assert page.locator("[data-compare*='@']").count() == 2  # both snapshots can be compared
        assert w.errors == []


def test_the_store_keeps_snapshots_responses_and_name_and_drops_what_is_not_valid(watched, base_url):
    page = watched.page
    response = {"id": "r-1", "request": None, "rater": {"name": "Sam Lee", "role": "manager"}, "created": "2026-02-01T10:00:00.000Z",
                "ratings": {"1.1-org-1": 3}, "comments": {}}
    good = {"taken": "2026-02-01T10:00:00.000Z", "label": "Q1", "ratings": {"1.1-org-1": 1}, "evidence": {}}
    seed(page, base_url, {"Me": akam({"1.1-org-1": 2}, snapshots=[good, "not a snapshot", 7], responses=[response, None], name="Me")})
    compare(page, base_url)
    assert page.locator(".kam-snapshots li").count() == 1
    page.click("#kam-snapshot-take")  # saves what was read
    a = stored(page)
    assert a["snapshots"][0] == good and len(a["snapshots"]) == 2 and a["responses"] == [response] and a["name"] == "Me"
    assert watched.errors == []


# ---------------------------------------------------------------- two snapshots compared

def two_snapshots(framework) -> dict:
    """One assessment, "Me", with two snapshots: 1.1 up, 1.2 down, 1.3 the same, 2.1 newly rated, the rest never rated."""
    one, two, new = ids_of(framework, "1.1")[:2], ids_of(framework, "1.2")[0], ids_of(framework, "2.1")[0]
    first = {one[0]: 1, one[1]: 1, two: 3, "1.3-expectations-1": 2}
    last = {one[0]: 3, one[1]: "na", two: 1, "1.3-expectations-1": 2, new: 2}
    return {"Me": akam(last, snapshots=[{"taken": "2026-01-15T10:00:00.000Z", "label": "January", "ratings": first, "evidence": {}},
                                        {"taken": "2026-04-20T10:00:00.000Z", "ratings": last, "evidence": {}}])}


@pytest.mark.parametrize("size", ["phone", "desktop"])
def test_two_snapshots_side_by_side_with_dates_cues_and_what_changed(browser, base_url, framework, size):
    with watched_page(browser, base_url, **(PHONE if size == "phone" else DESKTOP)) as w:
        page = w.page
        seeded = two_snapshots(framework)
        snaps = seeded["Me"]["snapshots"]
        seed(page, base_url, seeded)
        compare(page, base_url)
        page.locator('[data-compare="a0"]').uncheck()  # the assessment as it is now out, its two snapshots in
        page.locator(f'[data-compare="a0@{snaps[1]["taken"]}"]').check()
        page.locator(f'[data-compare="a0@{snaps[0]["taken"]}"]').check()  # checked last, still shown first: oldest first
        heads = page.locator(".kam-compare thead th")
        assert heads.all_inner_texts() == ["Competency", "Me: January", "Me: snapshot", "Change"]
        # a snapshot's date with its time: two of one day told apart
        assert [heads.nth(k).get_attribute("data-date") for k in (1, 2)] == [day(page, s["taken"], time=True) for s in snaps]
        assert "Jan 15, 2026" in heads.nth(1).evaluate("e => getComputedStyle(e, '::after').content")  # shown under the name
        r0, r1 = (scoring.score(framework, {**seeded["Me"], "ratings": s["ratings"]})["competencies"] for s in snaps)

        def change(cid):
            cell = page.locator(f'.kam-compare tr[data-competency="{cid}"] td').last
            return cell.inner_text(), cell.get_attribute("aria-label"), cell.locator(".kam-delta").evaluate(
                "e => getComputedStyle(e, '::before').content") if cell.locator(".kam-delta").count() else None
        up = r1["1.1"]["percent"] - r0["1.1"]["percent"]
        down = r0["1.2"]["percent"] - r1["1.2"]["percent"]
        assert up > 0 and down > 0
        assert change("1.1") == (f"+{up}", f"up {up}", '"▲ " / ""')
        assert change("1.2") == (f"−{down}", f"down {down}", '"▼ " / ""')
        assert change("1.3") == ("0", "no change", '"= " / ""')
        assert change("1.4")[:2] == ("Not assessed", None)  # in neither: not a change of 0
        assert change("2.1")[:2] == ("newly rated", None)
        first_cells = page.locator('.kam-compare tr[data-competency="1.4"] td').all_inner_texts()
        assert first_cells == ["Not assessed"] * 3
        # the ratings that changed, by competency: id, text, before and after, "not rated" as such
        one = ids_of(framework, "1.1")
        row = page.locator(f'.kam-changes tr[data-statement="{one[1]}"]')
        assert row.locator("td").all_inner_texts() == ["Developing", "N/A"]
        row = page.locator(f'.kam-changes tr[data-statement="{one[0]}"]')
        assert row.locator("th").inner_text().startswith(one[0]) and row.locator("td").all_inner_texts() == ["Developing", "Advanced"]
        c21 = next(c for c in framework["competencies"] if c["id"] == "2.1")
        new = c21["groups"][0]["indicators"][0]
        row = page.locator(f'.kam-changes tr[data-statement="{new["id"]}"]')
        assert new["text"] in row.locator("th").inner_text() and row.locator("td").all_inner_texts() == ["not rated", "Competent"]
        assert page.locator('.kam-changes [data-changes]').evaluate_all("xs => xs.map(x => x.dataset.changes)") == ["1.1", "1.2", "2.1"]
        assert page.locator('.kam-changes tr[data-statement="1.3-expectations-1"]').count() == 0  # the same in both
        # the overlaid radar: two outlines, a legend naming both, a title and a table
        radar = page.locator(".kam-overlay")
        assert radar.locator("polygon.kam-radar-first").count() == 1 and radar.locator("polygon.kam-radar-last").count() == 1
        assert radar.locator("svg title").text_content() == "Score by competency: Me: January and Me: snapshot"
        legend = radar.locator(".kam-overlay-legend li").all_inner_texts()
        assert "Me: January" in legend[0] and "first" in legend[0] and "Me: snapshot" in legend[1] and "last" in legend[1]
        radar.locator("details.kam-radar-data summary").click()
        cells = radar.locator("tbody tr").first.locator("td").all_inner_texts()
        assert cells == [f'{r0["1.1"]["percent"]}%', f'{r1["1.1"]["percent"]}%']
        width = (PHONE if size == "phone" else DESKTOP)["viewport"]["width"]
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        wide = page.evaluate("""() => [...document.querySelectorAll('#kam-app table, #kam-app svg')].filter(t => t.getClientRects().length)
            .filter(t => t.getBoundingClientRect().right > document.documentElement.clientWidth + 0.5).map(t => t.className.baseVal ?? t.className)""")
        assert wide == []
        assert w.axe() == [] and w.errors == [] and w.foreign == []


def test_one_column_has_no_change_radar_or_list(watched, base_url, framework):
    page = watched.page
    seed(page, base_url, two_snapshots(framework))
    compare(page, base_url)
    assert page.locator(".kam-compare thead th").all_inner_texts() == ["Competency", "Me"]
    assert page.locator(".kam-overlay, .kam-changes").count() == 0
    page.locator('[data-compare="a0"]').uncheck()
    assert page.locator(".kam-compare").inner_text() == "Choose at least one assessment."


# ---------------------------------------------------------------- deleting, the keyboard

def test_a_snapshot_is_deleted_only_when_confirmed(watched, base_url, framework):
    page = watched.page
    seed(page, base_url, two_snapshots(framework))
    compare(page, base_url)
    first = page.locator(".kam-snapshots li button").first
    assert first.get_attribute("aria-label") == f"Delete the snapshot of {page.evaluate('''iso => new Date(iso).toLocaleString('en', {dateStyle: 'medium', timeStyle: 'short'})''', '2026-01-15T10:00:00.000Z')}"
    page.once("dialog", lambda d: d.dismiss())
    first.click()
    assert page.locator(".kam-snapshots li").count() == 2
    page.once("dialog", lambda d: d.accept())
    first.click()
    assert page.locator(".kam-snapshots li").count() == 1 and len(stored(page)["snapshots"]) == 1
    assert page.evaluate("document.activeElement.id") == "kam-snapshot-take"
    assert page.locator("[data-compare*='@']").count() == 1  # gone from the columns too
    assert watched.errors == []


def test_the_history_controls_work_from_the_keyboard(watched, base_url):
    page = watched.page
    rate(page, base_url, {"1.1-org-1": "Competent"})
    compare(page, base_url)
    page.focus("#kam-history-of")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "kam-snapshot-label"
    page.keyboard.type("By keyboard")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "kam-snapshot-take"
    page.keyboard.press("Enter")
    assert page.locator(".kam-snapshots li").count() == 1 and stored(page)["snapshots"][0]["label"] == "By keyboard"
    assert page.evaluate("document.activeElement.id") == "kam-snapshot-take"  # the redraw keeps the focus
    page.focus("#kam-timeline-pick")
    page.keyboard.press("ArrowDown")
    assert page.input_value("#kam-timeline-pick") == "1.1" and page.evaluate("document.activeElement.id") == "kam-timeline-pick"
    assert "Knowledge of own company" in page.locator(".kam-timeline-table caption").inner_text()
    page.focus("[data-compare='a0']" if page.locator("[data-compare='a0']").count() else "[data-compare]")
    page.keyboard.press("Space")
    assert page.locator(".kam-compare").inner_text() == "Choose at least one assessment."
    assert watched.errors == []


# ---------------------------------------------------------------- axe, the phone, print

@pytest.mark.parametrize("setting", ["light-phone", "dark-desktop"])
def test_no_axe_findings_and_it_fits_a_phone(browser, base_url, framework, setting):
    scheme, size = setting.split("-")
    options = PHONE if size == "phone" else DESKTOP
    with watched_page(browser, base_url, color_scheme=scheme, **options) as w:
        page = w.page
        seed(page, base_url, two_snapshots(framework))
        compare(page, base_url)
        for key in page.locator("[data-compare]").evaluate_all("xs => xs.map(x => x.dataset.compare)"):
            page.locator(f'[data-compare="{key}"]').check()
        page.locator("details.kam-radar-data").evaluate("d => { d.open = true; }")
        page.select_option("#kam-timeline-pick", "1.1")
        width = options["viewport"]["width"]
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        small = page.evaluate("""() => [...document.querySelectorAll('#kam-app button, #kam-app select, #kam-app input, #kam-app summary')]
            .filter(e => e.getClientRects().length).map(e => [e.outerHTML.slice(0, 60), e.getBoundingClientRect()])
            .filter(([, r]) => r.width < 24 || r.height < 24).map(([h]) => h)""")
        assert small == []
        if size == "phone":  # cards: each cell says which column it is
            label = page.locator('.kam-compare tr[data-competency="1.1"] td').first.evaluate("e => getComputedStyle(e, '::before').content")
            assert "Me: January" in label and "2026" in label
            box = page.locator(".kam-timeline").bounding_box()
            assert box["width"] <= width and box["x"] >= 0
        assert w.axe() == [] and w.errors == [] and w.foreign == []


def test_the_printed_page_fits_a4(browser, base_url, framework):
    with watched_page(browser, base_url, viewport={"width": 794, "height": 1123}) as w:
        page = w.page
        seed(page, base_url, two_snapshots(framework))
        compare(page, base_url)
        page.locator('[data-compare="a0@2026-01-15T10:00:00.000Z"]').check()
        page.emulate_media(media="print")
        cut = page.evaluate("""() => [...document.querySelectorAll('#kam-app table')].filter(t => t.getClientRects().length)
            .flatMap(t => [...t.querySelectorAll('th, td')]).filter(c => c.getClientRects().length)
            .filter(c => c.getBoundingClientRect().right > 794 || c.scrollWidth > c.clientWidth + 1).map(c => c.textContent)""")
        assert cut == []
        assert page.locator("#kam-snapshot-take").is_hidden() and page.locator(".kam-timeline").is_visible()

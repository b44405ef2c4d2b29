"""The diploma submission workspace in Chromium: log evidence, count words, sign off, reload, export, re-import, templates."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from conftest import ROOT, show_step
from macros import plan as planning
from macros import scoring
from test_browser_assessment import EXAMPLE, current, stored

docx = pytest.importorskip("docx")


@pytest.fixture
def workspace(watched, base_url):
    page = watched.page
    page.goto(base_url + "assess/")  # start from the worked example, imported
    page.wait_for_selector(".kam-readiness")
    page.set_input_files("#kam-import", str(EXAMPLE))
    page.wait_for_selector("text=Imported as")
    page.goto(base_url + "assess/workspace/#1.4")
    page.wait_for_selector("#ws-summary")
    return watched


def complete_1_4(page, framework):
    c = next(x for x in framework["competencies"] if x["id"] == "1.4")
    page.select_option("#ws-status", "final")
    page.fill("#ws-paste", "word " * 950)
    page.click("[data-action=add-evidence]")
    page.fill("#ws-ev-0-title", "Account plan for Northwind, 2026–2028")
    page.select_option("#ws-ev-0-type", "account-plan")
    page.fill("#ws-ev-0-date", "2026-03-14")
    page.fill("#ws-ev-0-share", "100")
    for g in c["groups"]:
        page.locator(f'[data-item="0"] input[data-ev-group="{g["id"]}"]').check()
    for check in framework["diploma"]["workspace"]["evidence_checks"]:
        page.locator(f'[data-item="0"] input[data-ev-check="{check["id"]}"]').check()
    page.locator('input[data-theory="key-account-plan"]').check()
    page.fill("#ws-sign-name", "Dana Whitfield")
    page.fill("#ws-sign-role", "Sales director")
    page.fill("#ws-sign-date", "2026-04-02")
    page.locator("input[data-first]").check()


def test_a_competency_can_be_completed_and_survives_reload_export_and_reimport(workspace, base_url, framework, tmp_path):
    page = workspace.page
    assert page.locator("#ws-summary").inner_text().startswith("Still to do")
    complete_1_4(page, framework)
    assert page.locator("#ws-summary").inner_text() == "Complete: ready to go in the pack."
    assert page.input_value("#ws-words") == "950"
    assert "950 words — within the guide of 800–1200" in page.locator("#ws-word-state").inner_text()
    page.reload()
    page.wait_for_selector("#ws-summary")
    assert page.locator("#ws-summary").inner_text() == "Complete: ready to go in the pack."
    assert page.input_value("#ws-ev-0-title") == "Account plan for Northwind, 2026–2028"
    a = current(page)
    assert a["format_version"] == 2 and a["submission"]["feedback_first"] == "1.4"
    with page.expect_download() as info:
        page.goto(base_url + "assess/")
        page.wait_for_selector(".kam-readiness")
        page.click("[data-action=export-json]")
    exported = json.loads(open(info.value.path(), encoding="utf-8").read())
    data = stored(page)
    assert exported == {**current(page), "name": data["assessments"][data["current"]]["name"]}  # the file carries its name
    assert scoring.check(framework, exported)["errors"] == []
    # the Python mirror sees the same plan
    path = tmp_path / "exported.json"
    path.write_text(json.dumps(exported))
    out = subprocess.run([sys.executable, str(ROOT / "scripts" / "kam.py"), "plan", str(path), "--format", "json"], capture_output=True, text=True)
    p = json.loads(out.stdout)
    assert p["competencies"]["1.4"]["complete"] is True and p["summary"]["complete"] == 1
    # re-import as a new assessment: nothing lost
    count = len(stored(page)["assessments"])
    page.set_input_files("#kam-import", str(path))
    page.click("[data-action=import-keep]")  # the same answers as a stored assessment: asked, and kept as a second one
    page.wait_for_selector(f"text=Imported as “{exported['name']}")  # by the file's name, not the file name
    assert len(stored(page)["assessments"]) == count + 1
    assert current(page)["submission"] == exported["submission"]
    page.goto(base_url + "assess/plan/")
    page.wait_for_selector(".kam-plan .kam-readiness")
    expected = planning.plan(framework, exported)
    assert page.locator(".kam-plan .kam-readiness").inner_text() == (
        f"{expected['summary']['complete']} of the 12 required competencies complete — {expected['summary']['to_go']} to go.")
    rows = page.locator(".kam-plan tbody tr")
    assert [r.get_attribute("data-competency") for r in rows.all()] == expected["chosen"]
    assert rows.filter(has_text="1.4").locator("td").last.inner_text() == "complete"
    assert workspace.errors == [] and workspace.foreign == []


def test_an_older_format_file_imports_without_loss(workspace):
    page = workspace.page
    old = json.loads(EXAMPLE.read_text())
    assert old["format_version"] == 1
    a = current(page)  # the worked example, imported by the fixture
    assert a["format_version"] == 2
    for key in ("framework", "updated", "ratings", "evidence", "will", "profile", "completed_modules", "notes"):
        assert a[key] == old[key], key
    assert a["submission"] == {"chosen": None, "feedback_first": None, "competencies": {}}


def test_word_count_and_linking_document_mode(workspace):
    page = workspace.page
    page.fill("#ws-paste", "Our plan – agreed with the customer’s board – runs to 2028.")
    assert page.input_value("#ws-words") == "10"
    assert "below the guide" in page.locator("#ws-word-state").inner_text()
    page.locator('input[name=ws-mode][value=linking]').check()
    assert "shorter than the guidance is allowed, with your own raw materials" in page.locator("#ws-word-state").inner_text()
    page.fill("#ws-words", "1500")
    page.locator('input[name=ws-mode][value=full]').check()
    assert "1500 words — above the guide" in page.locator("#ws-word-state").inner_text()
    assert current(page)["submission"]["competencies"]["1.4"]["words"] == 1500


def test_coverage_shows_groups_without_evidence(workspace, framework):
    page = workspace.page
    page.click("[data-action=add-evidence]")
    page.locator('[data-item="0"] input[data-ev-group="1.4-production"]').check()
    items = page.locator(".kam-coverage li").all_inner_texts()
    assert items == ["Preparing to plan: no evidence yet", "Production of plan: 1 piece of evidence",
                     "Resource acquisition: no evidence yet", "Alignment of action to plan: no evidence yet"]
    assert "requirement groups without evidence: 1.4-preparing, 1.4-resources, 1.4-alignment" in page.locator("#ws-summary").inner_text()
    page.click("[data-action=remove-evidence]")
    assert current(page)["submission"]["competencies"]["1.4"]["evidence"] == []


def test_docx_template_opens_and_follows_the_requirement_groups(workspace, framework):
    page = workspace.page
    complete_1_4(page, framework)
    with page.expect_download() as info:
        page.click("[data-action=template-docx]")
    document = docx.Document(info.value.path())
    headings = [(p.style.name, p.text) for p in document.paragraphs if p.style.name.startswith("Heading")]
    c = next(x for x in framework["competencies"] if x["id"] == "1.4")
    assert headings[0] == ("Heading 1", "1.4 Strategic planning for key accounts")
    h2 = [t for s, t in headings if s == "Heading 2"]
    assert h2 == [g["title"] for g in c["groups"]] + ["Theory applied", "Evidence list", "Reflection", "Sign-off"]
    text = "\n".join([p.text for p in document.paragraphs] + [c.text for t in document.tables for r in t.rows for c in r.cells])
    assert "Dana Whitfield" in text and "Account plan for Northwind" in text and "1.4-production-2" in text
    assert "not being asked" not in text and "Judge whether the submission will pass" not in text  # the signer's wording, rephrased from data
    assert framework["diploma"]["sign_off"]["confirms"] in text


def test_markdown_template_and_submission_pack(workspace, base_url, framework):
    page = workspace.page
    complete_1_4(page, framework)
    with page.expect_download() as info:
        page.click("[data-action=template-md]")
    md = open(info.value.path(), encoding="utf-8").read()
    c = next(x for x in framework["competencies"] if x["id"] == "1.4")
    assert md.startswith("# 1.4 Strategic planning for key accounts")
    assert [line[3:] for line in md.splitlines() if line.startswith("## ")][: len(c["groups"])] == [g["title"] for g in c["groups"]]
    page.goto(base_url + "assess/plan/")
    page.wait_for_selector(".kam-plan .kam-readiness")
    with page.expect_download() as info:
        page.click("[data-action=pack-docx]")
    pack = docx.Document(info.value.path())
    h1 = [p.text for p in pack.paragraphs if p.style.name == "Heading 1"]
    chosen = planning.plan(framework, current(page))["chosen"]
    titles = {x["id"]: x["title"] for x in framework["competencies"]}
    assert h1[1:] == [f"{cid} {titles[cid]}" for cid in chosen]
    assert len(chosen) == framework["rules"]["award_min"]


def test_choosing_competencies_on_the_plan(workspace, base_url):
    page = workspace.page
    page.goto(base_url + "assess/plan/")
    page.wait_for_selector(".kam-plan .kam-readiness")
    before = [r.get_attribute("data-competency") for r in page.locator(".kam-plan tbody tr").all()]
    dropped = before[0]
    page.locator(f'input[data-choose="{dropped}"]').uncheck()
    assert dropped not in current(page)["submission"]["chosen"]
    assert "choose 1 more" in page.locator(".kam-plan").inner_text()
    page.click("[data-action=suggest]")
    assert current(page)["submission"]["chosen"] is None
    assert [r.get_attribute("data-competency") for r in page.locator(".kam-plan tbody tr").all()] == before


@pytest.mark.parametrize("path", ["assess/plan/", "assess/workspace/#1.4"])
def test_workspace_pages_have_no_axe_violations(workspace, base_url, framework, path):
    page = workspace.page
    complete_1_4(page, framework)
    page.goto(base_url + path, wait_until="networkidle")
    page.wait_for_selector("#ws-summary" if "workspace" in path else ".kam-plan .kam-readiness")  # the view is drawn
    assert workspace.axe() == []
    assert workspace.errors == []


def test_evidence_is_logged_and_removed_by_keyboard_alone(workspace):
    """Tab, type, arrow keys, Space and Enter: focus goes where the work continues, never back to the top."""
    page = workspace.page

    def focused() -> dict:
        return page.evaluate("({id: document.activeElement.id, action: document.activeElement.dataset.action || ''})")

    def tab_to(action: str = "", id: str = "") -> None:
        for _ in range(40):
            page.keyboard.press("Tab")
            if (focused()["action"] == action) if action else (focused()["id"] == id):
                return
        raise AssertionError(f"Tab never reached {action or id}")

    page.focus("#ws-status")
    tab_to("add-evidence")
    page.keyboard.press("Enter")
    assert focused()["id"] == "ws-ev-0-title"  # straight into the new item
    page.keyboard.type("Account review deck")
    page.keyboard.press("Tab")  # type of evidence
    assert focused()["id"] == "ws-ev-0-type"
    page.keyboard.press("ArrowDown")
    tab_to(id="ws-ev-0-share")  # past the date (its day, month and year are stops of their own)
    page.keyboard.type("80")
    page.keyboard.press("Tab")  # the first requirement group
    page.keyboard.press("Space")
    item = current(page)["submission"]["competencies"]["1.4"]["evidence"][0]
    assert item["title"] == "Account review deck" and item["own_share"] == 80 and len(item["groups"]) == 1
    assert item["type"] == page.locator("#ws-ev-0-type option").nth(1).get_attribute("value")

    tab_to("add-evidence")
    page.keyboard.press("Enter")
    assert focused()["id"] == "ws-ev-1-title"
    page.focus("#ws-ev-0-title")
    tab_to("remove-evidence")  # the first item's remove button
    page.keyboard.press("Enter")
    assert focused()["id"] == "ws-ev-0-title"  # the item that moved up into its place
    assert len(current(page)["submission"]["competencies"]["1.4"]["evidence"]) == 1
    tab_to("remove-evidence")
    page.keyboard.press("Enter")
    assert focused()["id"] == "ws-add-evidence"  # nothing left: on to adding one
    assert current(page)["submission"]["competencies"]["1.4"].get("evidence") == []
    assert workspace.errors == []


# ---------------------------------------------------------------- a framework of level-rated competencies, without theory

@pytest.fixture(scope="module")
def levels_site(tmp_path_factory):
    """A scaffolded framework with the award and its workspace: A1 level-rated, A2 rated by statements; no theories."""
    from conftest import build_site, serve
    from macros import loader, scaffold
    root = tmp_path_factory.mktemp("levels")
    fw = root / "framework"
    scaffold.new_framework(fw, full=True, levels=True)
    a1 = fw / "competencies" / "A1-first-competency.yml"
    a1.write_text(a1.read_text().replace("theory:\n  - text: How the first model applies here.\n    theories: [first-model]\n", ""))
    (fw / "theories.yml").unlink()
    scaffold.new_competency(fw, "A", "Second competency")
    compiled = loader.load(fw)
    assert [c["rated"] for c in compiled["competencies"]] == ["levels", "statements"] and not compiled["parts"]["theories"]
    built = build_site(root / "site", {"KAM_FRAMEWORK": str(fw), "SITE_URL": "http://127.0.0.1/kam-handbook/"})
    assert built.returncode == 0, built.stderr
    with serve(root / "site") as url:
        yield {"url": url, "framework": compiled, "dir": root}


@pytest.fixture
def levels_page(browser, levels_site):
    from conftest import Watched
    context = browser.new_context()
    watched = Watched(context.new_page(), levels_site["url"])
    fw = levels_site["framework"]
    a = {"format": "kam-assessment", "format_version": 2, "name": "Sam Lee", "framework": {"id": fw["id"], "version": fw["version"]},
         "ratings": {"A1": 2, "A2-main-1": 3}, "evidence": {"A1": True, "A2-main-1": True},
         "submission": {"chosen": ["A1", "A2"], "feedback_first": None, "competencies": {}}}
    path = levels_site["dir"] / "sam.json"
    path.write_text(json.dumps(a))
    watched.page.goto(levels_site["url"] + "assess/")
    watched.page.wait_for_selector(".kam-readiness")
    watched.page.set_input_files("#kam-import", str(path))
    watched.page.wait_for_selector("text=Imported as")
    yield watched
    context.close()


def level_current(page) -> dict:
    data = json.loads(page.evaluate("localStorage.getItem('kam:my-framework')"))
    return data["assessments"][data["current"]]["assessment"]


def test_workspace_of_a_level_rated_competency_has_no_groups_and_no_theory(levels_page, levels_site):
    page = levels_page.page
    page.goto(levels_site["url"] + "assess/workspace/#A1")
    page.wait_for_selector("#ws-summary")
    text = page.locator(".kam-workspace").inner_text()
    assert page.locator(".kam-coverage").count() == 0 and "requirement group" not in text.lower()
    assert "Theory" not in text and page.locator("input[data-theory]").count() == 0
    assert "Structured by the competency's levels" in text
    page.click("[data-action=add-evidence]")
    page.fill("#ws-ev-0-title", "Runbook for the on-call rota")
    assert page.locator('[data-item="0"] input[data-ev-group]').count() == 0  # no groups to tick
    page.locator('[data-item="0"] input[data-ev-check="valid"]').check()
    page.select_option("#ws-status", "final")
    page.fill("#ws-words", "700")
    page.fill("#ws-sign-name", "Kim Park")
    page.fill("#ws-sign-role", "Team lead")
    page.fill("#ws-sign-date", "2026-04-02")
    assert page.locator("#ws-summary").inner_text() == "Complete: ready to go in the pack."
    exported = level_current(page)
    assert planning.plan(levels_site["framework"], exported)["competencies"]["A1"]["complete"] is True  # the Python mirror agrees
    with page.expect_download() as info:
        page.click("[data-action=template-md]")
    md = open(info.value.path(), encoding="utf-8").read()
    h2 = [line[3:] for line in md.splitlines() if line.startswith("## ")]
    assert md.startswith("# A1 First competency") and h2 == ["The levels of this competency", "Evidence list", "Reflection", "Sign-off"]
    for lv in levels_site["framework"]["competencies"][0]["levels"]:
        assert lv["summary"] in md
    assert "Theory" not in md and "requirement group" not in md
    assert levels_page.errors == [] and levels_page.foreign == []


def test_plan_of_a_framework_without_theories(levels_page, levels_site):
    page = levels_page.page
    page.goto(levels_site["url"] + "assess/plan/")
    page.wait_for_selector(".kam-plan .kam-readiness")
    headers = page.locator(".kam-plan thead th").all_inner_texts()
    assert "Theories" not in headers and "Groups covered" in headers  # A2 has requirement groups, A1 none
    col = headers.index("Groups covered")
    cells = {r.get_attribute("data-competency"): r.locator("th, td").all_inner_texts() for r in page.locator(".kam-plan tbody tr").all()}
    assert cells["A1"][col] == "–"
    page.goto(levels_site["url"] + "assess/workspace/#A1", wait_until="networkidle")
    page.wait_for_selector("#ws-summary")
    assert levels_page.axe() == []
    assert levels_page.errors == []


def test_coach_review_of_a_level_rated_competency_by_the_files_name(levels_page, levels_site, tmp_path):
    page = levels_page.page
    fw = levels_site["framework"]
    other = {"format": "kam-assessment", "format_version": 2, "name": "Alex Moreno", "framework": {"id": fw["id"], "version": fw["version"]},
             "ratings": {"A1": 0, "A2-main-1": 3}}
    path = tmp_path / "export (3).json"
    path.write_text(json.dumps(other))
    page.goto(levels_site["url"] + "assess/review/")
    page.wait_for_selector(".kam-review")
    page.set_input_files("#kam-review-file", str(path))
    page.wait_for_selector(".kam-review table")
    assert page.locator(".kam-review .kam-readiness").inner_text() == "1 rating 2 or more levels apart."
    items = page.locator(".kam-differences li").all_inner_texts()
    assert len(items) == 1 and items[0].startswith("A1 First competency") and "Alex Moreno: Not yet" in items[0]
    assert page.locator('tr[data-competency="A2"] td').all_inner_texts() == ["1", "100%", "100%", "0"]
    with page.expect_download() as info:
        page.click("[data-action=review-json]")
    review = json.loads(open(info.value.path(), encoding="utf-8").read())
    assert review["candidate"]["name"] == "Alex Moreno"  # the file's name field, not "export (3)"
    assert review["comparison"]["differences"][0]["statement"] == "A1" and review["comparison"]["differences"][0]["group"] is None
    assert levels_page.errors == []


def test_a_pasted_text_never_overwrites_a_typed_count(workspace):
    """A count typed by hand stays; the pasted text's own count is offered beside it, and used only when asked."""
    page = workspace.page
    page.fill("#ws-words", "950")
    page.fill("#ws-paste", "Eleven words of a draft, pasted here to count them, and more.")
    assert page.input_value("#ws-words") == "950"
    assert current(page)["submission"]["competencies"]["1.4"]["words"] == 950
    assert "The count above, 950, is the one you entered" in page.locator("#ws-count-state").inner_text()
    offer = page.locator("#ws-use-count")
    assert offer.is_visible() and offer.inner_text() == "Use this text's count (12)"
    offer.click()
    assert page.input_value("#ws-words") == "12" and current(page)["submission"]["competencies"]["1.4"]["words"] == 12
    assert not offer.is_visible() and "the count above" in page.locator("#ws-count-state").inner_text()
    page.fill("#ws-paste", "A new text counts again.")  # the count came from a text here: a new text's count follows
    assert page.input_value("#ws-words") == "5"


def test_an_evidence_heading_follows_its_title_as_typed(workspace):
    page = workspace.page
    page.click("[data-action=add-evidence]")
    legend = page.locator('[data-item="0"] legend').first
    assert legend.inner_text() == "Evidence 1"
    page.locator("#ws-ev-0-title").press_sequentially("QBR deck")
    assert legend.inner_text() == "Evidence 1: QBR deck"
    assert page.evaluate("document.activeElement.id") == "ws-ev-0-title"  # typing is not interrupted by a redraw
    page.fill("#ws-ev-0-title", "")
    assert legend.inner_text() == "Evidence 1"


def test_the_plan_chooses_only_rated_competencies_and_says_briefly_what_remains(watched, base_url, framework):
    """Two competencies rated, none of the rest: only the two are pre-chosen (never one not assessed), the plan asks
    for the others to be chosen, and each row says in a few words what it lacks, the words explained once below."""
    page = watched.page
    page.goto(base_url + "assess/rate/")
    for cid, sid in (("1.1", "1.1-org-1"), ("2.3", "2.3-situation-1")):
        show_step(page, cid)
        page.locator(f'[id="rate-{sid}"] label', has_text="Advanced").click()
    page.goto(base_url + "assess/plan/")
    page.wait_for_selector(".kam-plan .kam-readiness")
    rows = [r.get_attribute("data-competency") for r in page.locator(".kam-plan tbody tr").all()]
    assert sorted(rows) == ["1.1", "2.3"]
    required = framework["rules"]["award_min"]
    assert f"choose {required - 2} more" in page.locator(".kam-plan").inner_text()
    remains = page.locator('.kam-plan tbody tr[data-competency="1.1"]').inner_text()
    assert "status, words, evidence" in remains and len(remains) < 160
    key = page.locator(".kam-remains-key").inner_text()
    assert key.count("requirement groups without evidence") <= 1 and "What remains, in full:" in key
    assert page.locator("input[data-choose]:checked").count() == 2

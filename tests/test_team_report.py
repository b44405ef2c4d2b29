"""`kam.py team-report`: a team's assessments aggregated by the Python scorer, as self-contained HTML and CSV."""

from __future__ import annotations

import base64
import csv
import hashlib
import io
import json
import random
import re

from conftest import ROOT
from macros import loader, scoring, team as team_report
from test_validation import run_kam

LADDER = ROOT / "examples" / "support-engineering-ladder" / "framework"


def team(framework, n: int, seed: int = 7) -> list[dict]:
    rnd = random.Random(seed)
    ids = [i["id"] for c in framework["competencies"] for g in c["groups"] for i in g["indicators"]]
    out = []
    for _ in range(n):
        level = rnd.choice([0.8, 1.5, 2.2, 2.7])
        out.append({"format": "kam-assessment", "format_version": 2,
                    "framework": {"id": framework["id"], "version": framework["version"]},
                    "ratings": {sid: max(0, min(3, round(rnd.gauss(level, 0.8)))) for sid in ids if rnd.random() > 0.05},
                    "evidence": {sid: True for sid in ids if rnd.random() < 0.6},
                    "will": {c["id"]: rnd.randint(1, 4) for c in framework["competencies"]},
                    "completed_modules": rnd.sample([m["id"] for m in framework["modules"]], 2)})
    return out


def write_team(tmp_path, framework, n):
    folder = tmp_path / "team"
    folder.mkdir()
    members = team(framework, n)
    for k, a in enumerate(members):
        (folder / f"person-{k:03d}.json").write_text(json.dumps(a))
    (folder / "broken.json").write_text("{not json")
    (folder / "other.json").write_text(json.dumps({**members[0], "framework": {"id": "elsewhere", "version": "1"}}))
    return folder, members


def test_a_team_of_500(tmp_path, framework):
    folder, members = write_team(tmp_path, framework, 500)
    out = run_kam("team-report", str(folder), "--profile", "diploma", "-o", str(tmp_path / "r.html"), "--csv", str(tmp_path / "r.csv"))
    assert out.returncode == 0, out.stderr
    assert "500 people, 2 file(s) skipped" in out.stdout
    assert re.search(r"broken\.json: skipped: not valid JSON", out.stderr)
    assert 'other.json: skipped: framework.id: this assessment is for "elsewhere"' in out.stderr
    page = (tmp_path / "r.html").read_text()
    assert page.count("<tr><th scope=\"row\">person-") == 500
    assert "Files not included" in page and "broken.json" in page and "elsewhere" in page
    assert not re.search(r"""(src|href)=["']?(https?:)?//""", page)  # one self-contained file
    assert "<script src" not in page and "@import" not in page
    # the one inline script (the sorting) is allowed by its hash, nothing else
    script = re.search(r"<script>(.*?)</script>", page, re.S).group(1)
    digest = base64.b64encode(hashlib.sha256(script.encode()).digest()).decode()
    assert ('<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; style-src \'unsafe-inline\'; '
            f"script-src 'sha256-{digest}'\">") in page
    # the figures are the Python scorer's
    results = [scoring.score(framework, {**a, "profile": "diploma"}) for a in members]
    ids = [c["id"] for c in framework["competencies"]]
    lacking = {cid: sum(1 for r in results if (r["competencies"][cid]["gap"] or 0) > 0) for cid in ids}
    counted = {cid: sum(1 for r in results if r["competencies"][cid]["gap"] is not None) for cid in ids}
    top_cid = min(ids, key=lambda cid: (-lacking[cid], -lacking[cid] / counted[cid], ids.index(cid)))
    first_item = re.search(r"<h2>Competencies most[^<]*</h2>\s*<ol><li>([^<]*)</li>", page).group(1)
    assert first_item.startswith(f"{top_cid} ") and first_item.endswith(
        f": {lacking[top_cid]} of the {counted[top_cid]} people assessed in it below target")
    helped = {}
    for r in results:
        for m in r["recommendations"]:
            helped[m] = helped.get(m, 0) + 1
    covers = {m["id"]: m["competencies"] for m in framework["modules"]}
    gaps = {m: sum(sum(1 for cid in covers[m] if (r["competencies"][cid]["gap"] or 0) > 0) for r in results if m in r["recommendations"])
            for m in helped}
    order = [m["id"] for m in framework["modules"]]
    first = min(helped, key=lambda m: (-helped[m], -gaps[m], order.index(m)))  # most people, then most gaps, then curriculum order
    listed = re.search(r"<h2>Training modules[^<]*</h2>\s*<ol><li>([^<]*)</li>", page).group(1)
    assert listed.endswith(f"({first}): would help {helped[first]} of 500 people, on {gaps[first]} competency gaps in all")
    rows = list(csv.DictReader(open(tmp_path / "r.csv", encoding="utf-8", newline="")))
    assert len(rows) == 500 * len(framework["competencies"])
    first = results[0]["competencies"][framework["competencies"][0]["id"]]
    assert rows[0]["person"] == "person-000" and rows[0]["percent"] == str(first["percent"])


def test_invalid_inputs_only(tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text("[]")
    out = run_kam("team-report", str(bad), "-o", str(tmp_path / "r.html"))
    assert out.returncode == 1
    assert "bad.json: skipped: the file is not an assessment" in out.stderr and "no valid assessment" in out.stderr


def test_hostile_files_beside_valid_ones_are_each_skipped_with_their_reason(tmp_path, framework):
    """A folder with a 100,000-deep file, a 5,000-digit number, wrong types, a BOM, a symlink to /dev/zero and a FIFO
    beside valid assessments: the report is written, every bad file is listed with its reason, never a traceback."""
    from test_score_cli import hostile_files

    expected = hostile_files(tmp_path / "in", framework)
    example = json.loads((ROOT / "framework" / "samples" / "worked-example.json").read_text(encoding="utf-8"))
    (tmp_path / "in" / "valid.json").write_text(json.dumps({**example, "name": "Val Id"}), encoding="utf-8")
    out = run_kam("team-report", str(tmp_path / "in"), "-o", str(tmp_path / "r.html"))
    assert out.returncode == 0 and "Traceback" not in out.stderr, out.stderr
    for name, reason in expected.items():
        reason = reason.removeprefix("cannot read the assessment: ")
        assert f"{tmp_path / 'in' / name}: skipped: {reason}" in out.stderr.splitlines(), (name, out.stderr)
    page = (tmp_path / "r.html").read_text(encoding="utf-8")
    assert "Val Id" in page and "Bo Mark" in page  # the BOM file is read, as the browser reads it
    assert "2 people" in out.stdout or "2 people" in page


def test_unknown_profile(tmp_path):
    out = run_kam("team-report", str(tmp_path), "--profile", "astronaut")
    assert out.returncode == 1 and "unknown profile 'astronaut'" in out.stderr


def test_the_report_speaks_the_framework_language(framework):
    """A translated strings.yml translates the team report too; its lang attribute is the framework's."""
    german = {**framework, "language": "de", "strings": {**framework["strings"], "team_title": "Teambericht",
                                                          "team_band_0": "im Ziel", "team_lacking_none": "Keine."}}
    members = team(framework, 3)
    agg = team_report.aggregate(german, [(f"p{k}", a) for k, a in enumerate(members)])
    page = team_report.to_html(german, agg, [], None)
    assert '<html lang="de">' in page and "<h1>Teambericht</h1>" in page and '<span class="g0">im Ziel</span>' in page
    assert "target profile: each person&#x27;s own" in page  # a text the translation leaves out stays English


def akam_person(framework, name: str | None, skip: tuple[str, ...] = (), level: int = 1) -> dict:
    """Everything rated ``level`` except the competencies in ``skip`` (left unrated)."""
    ratings = {i["id"]: level for c in framework["competencies"] if c["id"] not in skip for g in c["groups"] for i in g["indicators"]}
    a = {"format": "kam-assessment", "format_version": 2, "framework": {"id": framework["id"], "version": framework["version"]},
         "ratings": ratings}
    return {**a, "name": name} if name is not None else a


def heat_map(page: str) -> str:
    return re.search(r'<table class="hm">.*?</table>', page, re.S).group(0)


def rows_of(page: str) -> dict[str, str]:
    """The heat map's rows of people: {label: the row's cells}."""
    body = re.search(r"<tbody>(.*?)</tbody>", heat_map(page), re.S).group(1)
    return {m.group(1): m.group(2) for m in re.finditer(r'<tr><th scope="row">([^<]*)</th>(.*?)</tr>', body)}


def test_people_are_shown_by_the_assessment_name(tmp_path, framework):
    folder = tmp_path / "team"
    folder.mkdir()
    for file, name in (("a.json", "Jane Doe"), ("b.json", "Jane Doe"), ("c.json", "  Ravi   Patel "), ("d.json", None)):
        (folder / file).write_text(json.dumps(akam_person(framework, name)))
    out = run_kam("team-report", str(folder), "-o", str(tmp_path / "r.html"), "--csv", str(tmp_path / "r.csv"))
    assert out.returncode == 0, out.stderr
    page = (tmp_path / "r.html").read_text()
    assert list(rows_of(page)) == ["Jane Doe (a.json)", "Jane Doe (b.json)", "Ravi Patel", "d"]  # the file name only as a fallback
    people = {row["person"] for row in csv.DictReader(open(tmp_path / "r.csv", encoding="utf-8", newline=""))}
    assert people == {"Jane Doe (a.json)", "Jane Doe (b.json)", "Ravi Patel", "d"}


def cells_of(row: str) -> list[tuple[str, str]]:
    """(class, text) of each cell of a heat-map row."""
    return re.findall(r'<td(?: class="(\w+)")?(?: data-v="[^"]*")?>([^<]*)</td>', row)


def test_a_competency_not_assessed_is_no_gap(framework):
    """Not assessed: its own hatched class with the words, never a gap colour or a number, and never counted among
    the competencies the team lacks, in a mean, or in the CSV."""
    skipped = framework["competencies"][0]
    half = framework["competencies"][1]
    people = [("Ann", akam_person(framework, "Ann", (skipped["id"], half["id"]))),
              ("Bo", akam_person(framework, "Bo", (skipped["id"],)))]
    agg = team_report.aggregate(framework, people)
    page = team_report.to_html(framework, agg, [], None)
    ann, bo = cells_of(rows_of(page)["Ann"]), cells_of(rows_of(page)["Bo"])
    assert ann[0] == ann[1] == bo[0] == ("nr", "Not assessed")
    assert bo[1] == ("g2", "1.0")  # Bo rated it 1 everywhere: 1 below the pass level 2
    heat = re.search(r'<table class="hm">.*?</table>', page, re.S).group(0)
    # three cells, and the mean of the competency nobody assessed; no per-cell title text
    assert heat.count('class="nr"') == 4 and 'title="' not in heat.split("</thead>")[1]
    assert ".nr{background:repeating-linear-gradient(" in page  # hatched, not a gap colour
    assert f"{skipped['id']} {skipped['title']}:" not in re.search(r"<h2>Competencies most.*?</ol>", page, re.S).group(0)
    assert {cid: (k, m) for cid, k, m in agg["lacking"]}[skipped["id"]] == (0, 0)
    assert agg["assessed"][skipped["id"]] == 0 and agg["assessed"][half["id"]] == 1
    assert f"Not assessed by anyone yet: {skipped['id']} {skipped['title']}." in page
    assert f"{half['id']} {half['title']}: 1 of the 1 people assessed in it below target" in page  # Bo rated it; Ann did not
    assert '<span class="nr">Not assessed</span>' in page
    # the mean gap over the people assessed (Ann's not assessed is no 0 gap), and how many they are
    foot = re.search(r"<tfoot>(.*?)</tfoot>", page).group(1)
    mean, n = re.findall(r"<tr>(.*?)</tr>", foot)
    assert cells_of(mean)[:2] == [("nr", "Not assessed"), ("", "1.0")] and cells_of(n)[:2] == [("", "0"), ("", "1")]
    csv_rows = [r for r in csv.DictReader(io.StringIO(team_report.to_csv(framework, agg))) if r["competency"] == skipped["id"]]
    assert {(r["gap"], r["percent"], r["points"], r["status"]) for r in csv_rows} == {("", "", "", "not-started")}


def test_modules_are_ranked_on_assessed_gaps_only(framework):
    """Someone who rated one competency (below target) and nothing else: only the modules working on that one."""
    others = tuple(c["id"] for c in framework["competencies"] if c["id"] != "1.1")
    agg = team_report.aggregate(framework, [("Ann", akam_person(framework, "Ann", others, level=0))])
    covering = [m["id"] for m in framework["modules"] if "1.1" in m["competencies"]]
    assert covering and [(mid, k, gaps) for mid, k, gaps in agg["modules"]] == [(mid, 1, 1) for mid in covering]
    assert [(cid, k, m) for cid, k, m in agg["lacking"] if k or m] == [("1.1", 1, 1)]


def test_a_level_rated_framework_with_bands_and_no_award_or_curriculum(tmp_path):
    fw = loader.load(LADDER)
    folder = tmp_path / "team"
    folder.mkdir()
    for file, name, ratings in (("robin.json", "Robin", {"diagnosis": 4, "communication": 3, "escalations": 2}),
                                ("kai.json", "Kai", {"diagnosis": 1})):
        (folder / file).write_text(json.dumps({"format": "kam-assessment", "format_version": 2, "name": name,
                                               "framework": {"id": fw["id"], "version": fw["version"]}, "ratings": ratings}))
    out = run_kam("--framework", str(LADDER), "team-report", str(folder), "--profile", "associate", "-o", str(tmp_path / "r.html"))
    assert out.returncode == 0, out.stderr
    page = (tmp_path / "r.html").read_text()
    head = re.search(r"<thead>(.*?)</thead>", heat_map(page)).group(1)
    assert ">Points</th>" in head and ">Band</th>" in head and ">Ready</th>" not in head  # no award column
    robin = rows_of(page)["Robin"]
    assert robin.endswith('<td>21</td><td data-v="2">Engineer 1</td>')  # 12 + 6 + 3 points; the band sorts by its rank
    assert rows_of(page)["Kai"].endswith('<td>1</td><td data-v="-1">No band reached yet</td>')
    assert "award" not in page.lower() and "Training modules" not in page  # no award, no curriculum: neither appears
    assert "target profile: Support associate" in page
    # tooling is outside the associate profile's scope: no target, no gap, said so
    tooling = [c["id"] for c in fw["competencies"]].index("tooling")
    assert cells_of(robin)[tooling] == ("o", "–")
    assert "– Not in this profile</span>" in page
    assert "product-depth Product and systems knowledge" in page.split("Not assessed by anyone yet:")[1]


def test_unknown_profile_in_a_framework_without_profiles(tmp_path):
    from macros import scaffold
    target = tmp_path / "fw"
    scaffold.new_framework(target)
    out = run_kam("--framework", str(target), "team-report", str(tmp_path), "--profile", "lead")
    assert out.returncode == 1 and "this framework has no profiles" in out.stderr


# ---------------------------------------------------------------- the summary per area, 360, and the page itself

def table_rows(page: str, cls: str) -> dict[str, list[str]]:
    """{row head: its cells' texts} of the table of class ``cls``."""
    table = re.search(rf'<table class="{cls}">.*?</table>', page, re.S).group(0)
    return {m.group(1): re.findall(r"<td[^>]*>([^<]*)</td>", m.group(2))
            for m in re.finditer(r'<tr><th scope="row">([^<]*)</th>(.*?)</tr>', table)}


def small_team(framework) -> list[tuple[str, dict]]:
    """Ann rates 2 and leaves 1.1 and area 3 unrated, Bo rates 0 everywhere, Cy rates 3 and leaves 1.2 unrated (no
    profile: the target is the pass level, 2, everywhere)."""
    area3 = tuple(c["id"] for c in framework["competencies"] if c["area"] == "3")
    return [("Ann", akam_person(framework, "Ann", ("1.1", *area3), level=2)), ("Bo", akam_person(framework, "Bo", level=0)),
            ("Cy", akam_person(framework, "Cy", ("1.2",), level=3))]


def test_the_summary_per_area_worked_out_by_hand(framework):
    agg = team_report.aggregate(framework, small_team(framework))
    page = team_report.to_html(framework, agg, [], None)
    areas = {head.split(" ")[0]: cells for head, cells in table_rows(page, "areas").items()}
    # people assessed, mean score (each person's mean over what they assessed), meeting the target, people not
    # assessed, results not assessed
    # area 1 (4 competencies): Ann 3 assessed at 2/3, Bo 0 %, Cy 3 assessed at 100 %: (66.7 + 0 + 100) / 3 = 55.6;
    # nobody meets the target in all four (Ann and Cy each left one unassessed, Bo is below): 2 results not assessed
    assert areas["1"] == ["3", "56% (n=3)", "0", "0", "2"]
    # area 2: everyone assessed everything; Ann (2) and Cy (3) on target
    assert areas["2"] == ["3", "56% (n=3)", "2", "0", "0"]
    # area 3 (3 competencies): Ann none of it; Bo 0 %, Cy 100 %
    assert areas["3"] == ["2", "50% (n=2)", "1", "1", "3"]
    # the mean gap of 1.1 is over Bo (2) and Cy (0) only: Ann's not assessed is neither a 0 nor a gap
    foot = re.findall(r"<tr>(.*?)</tr>", re.search(r"<tfoot>(.*?)</tfoot>", page).group(1))
    assert cells_of(foot[0])[0] == ("", "1.0") and cells_of(foot[1])[0] == ("", "2")
    assert "1.1 Knowledge of own company: 1 of the 2 people assessed in it below target" in page


def test_an_area_nobody_assessed_has_no_mean(framework):
    area3 = tuple(c["id"] for c in framework["competencies"] if c["area"] == "3")
    agg = team_report.aggregate(framework, [("Ann", akam_person(framework, "Ann", area3, level=2))])
    areas = {head.split(" ")[0]: cells for head, cells in table_rows(team_report.to_html(framework, agg, [], None), "areas").items()}
    assert areas["3"] == ["0", "Not assessed", "0", "1", "3"]


def response(framework, role: str, competencies: dict[str, int]) -> dict:
    return {"id": f"r-{role}", "request": None, "rater": {"name": f"A {role}", "role": role}, "created": "2026-12-02T10:00:00.000Z",
            "ratings": {i["id"]: level for c in framework["competencies"] if c["id"] in competencies
                        for g in c["groups"] for i in g["indicators"] for level in [competencies[c["id"]]]}, "comments": {}}


def test_self_ratings_against_ratings_from_others(tmp_path, framework):
    """Per competency: the self mean against others' (each rater once; by role), blind spots and hidden strengths."""
    ann = {**akam_person(framework, "Ann", level=3), "responses": [response(framework, "manager", {"1.1": 0, "1.2": 3}),
                                                                    response(framework, "peer", {"1.1": 1})]}
    bo = {**akam_person(framework, "Bo", level=0), "responses": [response(framework, "manager", {"1.1": 3})]}
    cy = akam_person(framework, "Cy", level=1)  # no responses: not in the 360 figures
    folder = tmp_path / "team"
    folder.mkdir()
    for name, a in (("ann", ann), ("bo", bo), ("cy", cy)):
        (folder / f"{name}.json").write_text(json.dumps(a))
    out = run_kam("team-report", str(folder), "-o", str(tmp_path / "r.html"))
    assert out.returncode == 0, out.stderr
    page = (tmp_path / "r.html").read_text()
    assert "<h2>Self-ratings and ratings from others</h2>" in page and "2 of the 3 people have ratings from others" in page
    rows = {head.split(" ")[0]: cells for head, cells in table_rows(page, "v360").items()}
    assert list(rows) == ["1.1", "1.2"]  # only what others rated
    heads = re.findall(r'<th scope="col">([^<]*)</th>', re.search(r'<table class="v360">.*?</thead>', page, re.S).group(0))
    assert len(heads) == 8 and heads[:4] == ["Competency", "People", "Self", "Others"]  # and a column per role present
    assert heads[-2:] == ["Blind spots", "Hidden strengths"]
    # 1.1: Ann 3 against (0 + 1) / 2 = 0.5: a blind spot; Bo 0 against 3: a hidden strength. Self (3 + 0) / 2,
    # others (0.5 + 3) / 2 = 1.75; the manager (0 + 3) / 2 over 2 people, the peer 1 over 1
    assert rows["1.1"] == ["2", "1.5", "1.8", "1.5 (n=2)", "1.0 (n=1)", "1", "1"]
    assert rows["1.2"] == ["1", "3.0", "3.0", "3.0 (n=1)", "Not assessed", "0", "0"]  # no peer rated 1.2
    # without responses anywhere, no such section
    plain = team_report.to_html(framework, team_report.aggregate(framework, [("Cy", cy)]), [], None)
    assert "Self-ratings and ratings from others" not in plain and 'class="v360"' not in plain


def test_the_kept_assessment_scores_as_the_file(framework):
    """A team of thousands is kept small (ratings as bytes); it scores exactly as the file it came from."""
    members = team(framework, 20, seed=3)
    members[0]["ratings"]["1.1-x"] = 2  # an orphaned id: kept in the file, ignored by scoring
    members[1]["ratings"] = {k: "na" for k in list(members[1]["ratings"])[:30]}
    index = team_report.Index(framework)
    for a in members:
        lean = team_report.Lean(index, a)
        assert scoring.score(framework, lean.full()) == scoring.score(framework, a)
    by_dict = team_report.aggregate(framework, [(str(k), a) for k, a in enumerate(members)], "diploma")
    by_lean = team_report.aggregate(framework, [(str(k), team_report.Lean(index, a)) for k, a in enumerate(members)], "diploma")
    assert by_dict == by_lean


# ---------------------------------------------------------------- in a browser: sorting, a phone, axe, print

import pytest  # noqa: E402

from conftest import PHONE, watched_page  # noqa: E402


@pytest.fixture(scope="module")
def report_file(tmp_path_factory, framework) -> str:
    """A report of seven people, one with ratings from others, as a file:// address."""
    tmp = tmp_path_factory.mktemp("report")
    people = small_team(framework) + [(f"Member {k}", a) for k, a in enumerate(team(framework, 4, seed=11))]
    people[0] = ("Ann", {**people[0][1], "responses": [response(framework, "coach", {"1.3": 0})]})
    people.append(("Zoë Longname-Withoutspaces-Forthestickycolumn", akam_person(framework, None, ("4.1",), level=1)))
    page = tmp / "report.html"
    page.write_text(team_report.to_html(framework, team_report.aggregate(framework, people, "diploma"),
                                        [("/a/very/long/path/to/a/file/that/was/refused/because/it/is/broken.json", "not valid JSON")],
                                        "diploma"), encoding="utf-8")
    return page.as_uri()


ORDER = "() => [...document.querySelectorAll('table.hm tbody tr')].map(r => r.cells[0].textContent)"
COLUMN = "(k) => [...document.querySelectorAll('table.hm tbody tr')].map(r => r.cells[k].textContent)"


def test_a_head_button_sorts_the_rows(browser, report_file):
    with watched_page(browser, report_file) as w:  # under the report's own Content-Security-Policy: the hash lets it run
        page = w.page
        page.goto(report_file)
        heads = page.locator("table.hm thead th")
        assert heads.count() == page.locator("table.hm thead th > button").count() == 16  # person, 14 competencies, ready
        assert page.locator(".sort-hint").is_visible()
        before = page.evaluate(ORDER)
        assert before[:3] == ["Ann", "Bo", "Cy"] and page.locator("table.hm thead th[aria-sort]").count() == 0
        # a competency column: the largest gap first, not assessed last whatever the direction
        page.locator("table.hm thead th").nth(1).locator("button").click()
        assert heads.nth(1).get_attribute("aria-sort") == "descending"
        gaps = page.evaluate(COLUMN, 1)
        numbers = [float(g) for g in gaps if g != "Not assessed"]
        assert numbers == sorted(numbers, reverse=True) and gaps[len(numbers):] == ["Not assessed"] and gaps[-1] == "Not assessed"
        # again, from the keyboard: the smallest first, not assessed still last
        page.locator("table.hm thead th").nth(1).locator("button").focus()
        page.keyboard.press("Enter")
        assert heads.nth(1).get_attribute("aria-sort") == "ascending"
        gaps = page.evaluate(COLUMN, 1)
        assert [float(g) for g in gaps[:-1]] == sorted(numbers) and gaps[-1] == "Not assessed"
        # by name; the footer (means) stays where it is
        page.locator("table.hm thead th").nth(0).locator("button").press("Space")
        assert heads.nth(0).get_attribute("aria-sort") == "ascending" and heads.nth(1).get_attribute("aria-sort") is None
        names = page.evaluate(ORDER)
        assert names == sorted(before, key=str.lower) and len(names) == 8
        assert page.locator("table.hm tfoot tr").first.locator("th").text_content() == "Mean gap"
        assert w.errors == [] and w.foreign == []


FONT_SIZES = """() => [...document.querySelectorAll('body *')]
  .filter(e => [...e.childNodes].some(n => n.nodeType === 3 && n.textContent.trim()))
  .map(e => [e.tagName, parseFloat(getComputedStyle(e).fontSize)]).filter(([, s]) => s < 12)"""


@pytest.mark.parametrize("size", ["phone", "desktop"])
def test_the_report_on_a_phone_and_a_desktop(browser, report_file, size):
    """No sideways scroll of the page (the heat map scrolls in its own box, its first column sticky), no text below
    12 px, and axe finds nothing."""
    options = PHONE if size == "phone" else {"viewport": {"width": 1280, "height": 800}}
    with watched_page(browser, report_file, **options) as w:
        page = w.page
        page.goto(report_file)
        assert page.evaluate("document.documentElement.scrollWidth <= document.documentElement.clientWidth")
        assert page.evaluate(FONT_SIZES) == []
        if size == "phone":
            box = page.locator(".hm-wrap")
            assert box.evaluate("b => b.scrollWidth > b.clientWidth")  # the table scrolls in its box
            box.evaluate("b => { b.scrollLeft = 300; }")
            first = page.locator("table.hm tbody th").first.bounding_box()
            assert abs(first["x"] - box.bounding_box()["x"]) < 2  # the names stay in view
        assert w.axe() == []
        assert w.errors == [] and w.foreign == []


def test_the_report_printed_on_a4(browser, report_file):
    """Printed: the heat map fits a landscape A4 page (its own named page), the other tables a portrait one."""
    with watched_page(browser, report_file, viewport={"width": 1047, "height": 700}) as w:  # 297 - 2 x 10 mm
        page = w.page
        page.goto(report_file)
        page.emulate_media(media="print")
        assert page.evaluate("getComputedStyle(document.querySelector('.heat')).page") == "heat"
        assert page.evaluate("document.querySelector('table.hm').getBoundingClientRect().width") <= 1047
        assert page.locator(".sort-hint").is_hidden()
        page.set_viewport_size({"width": 703, "height": 1000})  # 210 - 2 x 12 mm
        for table in ("table.areas", "table.v360"):
            assert page.evaluate(f"document.querySelector('{table}').getBoundingClientRect().width") <= 703, table
        assert page.evaluate(FONT_SIZES) == []
        assert len(page.pdf(format="A4")) > 1000


def test_the_report_as_a_workbook_one_sheet_per_view_and_as_csv_by_format(tmp_path, framework):
    """-o team.xlsx: a workbook (the type from the file's ending) with the heat map, the areas, the competencies most
    lack, self against others, the modules, every result as the CSV has it, and the files left out; --format csv
    writes the CSV whatever the file is called."""
    import openpyxl

    ann = {**akam_person(framework, "Ann", level=3), "responses": [response(framework, "manager", {"1.1": 0, "1.2": 3}),
                                                                    response(framework, "peer", {"1.1": 1})]}
    bo = {**akam_person(framework, "=Bo", level=0), "responses": [response(framework, "manager", {"1.1": 3})]}
    folder = tmp_path / "team"
    folder.mkdir()
    for name, a in (("ann", ann), ("bo", bo)):
        (folder / f"{name}.json").write_text(json.dumps(a))
    (folder / "broken.json").write_text("{not json")
    out = run_kam("team-report", str(folder), "-o", str(tmp_path / "team.xlsx"))
    assert out.returncode == 0, out.stderr
    book = openpyxl.load_workbook(tmp_path / "team.xlsx")
    assert book.sheetnames == ["Gaps", "By area", "Most lacking", "Self and others", "Modules", "All results", "Not included"]
    values = lambda name: [[c.value for c in row] for row in book[name].iter_rows()]  # noqa: E731
    heat = values("Gaps")
    comps = [c["id"] for c in framework["competencies"]]
    assert heat[0][:1 + len(comps)] == ["Person", *comps] and [r[0] for r in heat[1:3]] == ["Ann", "=Bo"]
    assert book["Gaps"]["A3"].data_type == "s"  # a name beginning with = is text, not a formula
    agg = team_report.aggregate(framework, [("Ann", ann), ("=Bo", bo)])
    for row, (_, cells, *_) in zip(heat[1:3], agg["people"]):
        assert row[1:1 + len(comps)] == [round(g, 2) if s == "gap" else ("Not assessed" if s == "not-assessed" else row[k + 1])
                                         for k, (s, g, *_) in enumerate(cells)]
    assert [r[0] for r in values("By area")[1:]] == [f"{a['id']} {a['title']}" for a in framework["areas"]]
    v360 = {r[0].split(" ")[0]: r[1:] for r in values("Self and others")[1:]}
    assert v360["1.1"][:3] == [2, 1.5, 1.8] and v360["1.1"][-2:] == [1, 1]  # as the HTML's 360 table
    results = values("All results")
    assert results[0] == team_report.CSV_HEADER
    def same(cell):  # a number as a number (2.0 is 2), text as text, an empty cell as ""
        text = "" if cell is None else str(cell).removeprefix("'")
        try:
            return float(text)
        except ValueError:
            return text

    assert [[same(c) for c in r] for r in results[1:]] == \
        [[same(c) for c in r] for r in list(csv.reader(io.StringIO(team_report.to_csv(framework, agg))))[1:]]
    assert [r[0] for r in values("Not included")[1:]] == [str(folder / "broken.json")]
    out = run_kam("team-report", str(folder), "--format", "csv", "-o", str(tmp_path / "team.txt"))
    assert out.returncode == 0, out.stderr
    assert (tmp_path / "team.txt").read_text(encoding="utf-8").startswith("person,competency,title,percent")

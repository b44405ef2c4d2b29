"""`kam.py team-report`: a team's assessments aggregated by the Python scorer, as self-contained HTML and CSV."""

from __future__ import annotations

import csv
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
    assert "<script" not in page and "@import" not in page
    assert """<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">""" in page
    # the figures are the Python scorer's
    results = [scoring.score(framework, {**a, "profile": "diploma"}) for a in members]
    lacking = {c["id"]: sum(1 for r in results if (r["competencies"][c["id"]]["gap"] or 0) > 0) for c in framework["competencies"]}
    top_cid, top_n = max(lacking.items(), key=lambda x: (x[1], -list(lacking).index(x[0])))
    assert f"<li>{top_cid} " in page and f"{top_n} of 500 people below target" in page
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


def rows_of(page: str) -> dict[str, str]:
    return {m.group(1): m.group(2) for m in re.finditer(r'<tr><th scope="row">([^<]*)</th>(.*?)</tr>', page)}


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


def test_a_competency_not_assessed_is_no_gap(framework):
    """Not assessed: a grey "–" with its reason, never a red gap, and never among the competencies the team lacks."""
    skipped = framework["competencies"][0]
    half = framework["competencies"][1]
    people = [("Ann", akam_person(framework, "Ann", (skipped["id"], half["id"]))),
              ("Bo", akam_person(framework, "Bo", (skipped["id"],)))]
    agg = team_report.aggregate(framework, people)
    page = team_report.to_html(framework, agg, [], None)
    ann = rows_of(page)["Ann"]
    first = re.search(r'<td class="n (\w+)" title="([^"]*)">([^<]*)</td>', ann)
    assert first.groups() == ("nr", f"Ann, {skipped['id']} {skipped['title']}: Not assessed", "–")
    assert f"{skipped['id']} {skipped['title']}:" not in re.search(r"<h2>Competencies most.*?</ol>", page, re.S).group(0)
    assert dict(agg["lacking"])[skipped["id"]] == 0 and agg["assessed"][skipped["id"]] == 0 and agg["assessed"][half["id"]] == 1
    assert f"Not assessed by anyone yet: {skipped['id']} {skipped['title']}." in page
    assert f"{half['id']} {half['title']}: 1 of 2 people below target" in page  # Bo rated it (1 &lt; 2); Ann did not
    assert '<span class="nr">Not assessed</span>' in page
    csv_rows = [r for r in csv.DictReader(io.StringIO(team_report.to_csv(framework, agg))) if r["competency"] == skipped["id"]]
    assert {r["gap"] for r in csv_rows} == {""} and {r["status"] for r in csv_rows} == {"not-started"}


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
    head = re.search(r"<thead>(.*?)</thead>", page).group(1)
    assert ">Points</th>" in head and ">Band</th>" in head and ">Ready</th>" not in head  # no award column
    robin = rows_of(page)["Robin"]
    assert robin.endswith('<td class="n">21</td><td>Engineer 1</td>')  # 12 + 6 + 3 points
    assert rows_of(page)["Kai"].endswith('<td class="n">1</td><td>No band reached yet</td>')
    assert "award" not in page.lower() and "Training modules" not in page  # no award, no curriculum: neither appears
    assert "target profile: Support associate" in page
    # tooling is outside the associate profile's scope: no target, no gap, said so
    assert 'title="Robin, Tooling and automation: Not in this profile">–</td>' in page
    assert "– Not in this profile</span>" in page
    assert "product-depth Product and systems knowledge" in page.split("Not assessed by anyone yet:")[1]


def test_unknown_profile_in_a_framework_without_profiles(tmp_path):
    from macros import scaffold
    target = tmp_path / "fw"
    scaffold.new_framework(target)
    out = run_kam("--framework", str(target), "team-report", str(tmp_path), "--profile", "lead")
    assert out.returncode == 1 and "this framework has no profiles" in out.stderr

"""`kam.py team-report`: a team's assessments aggregated by the Python scorer, as self-contained HTML and CSV."""

from __future__ import annotations

import csv
import json
import random
import re

from macros import scoring, team as team_report
from test_validation import run_kam


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
    lacking = {c["id"]: sum(1 for r in results if r["competencies"][c["id"]]["gap"] > 0) for c in framework["competencies"]}
    top_cid, top_n = max(lacking.items(), key=lambda x: (x[1], -list(lacking).index(x[0])))
    assert f"<li>{top_cid} " in page and f"{top_n} of 500 people below target" in page
    helped = {}
    for r in results:
        for m in r["recommendations"]:
            helped[m] = helped.get(m, 0) + 1
    covers = {m["id"]: m["competencies"] for m in framework["modules"]}
    gaps = {m: sum(sum(1 for cid in covers[m] if r["competencies"][cid]["gap"] > 0) for r in results if m in r["recommendations"])
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

"""`kam.py score` and the worked example page: the Python scorer in use."""

from __future__ import annotations

import json

from conftest import ROOT
from macros import loader, report, scoring
from test_site import page_text
from test_validation import run_kam

EXAMPLE = ROOT / "framework" / "samples" / "worked-example.json"
RESULT_KEYS = {"score", "percent", "coverage", "evidence", "points", "status", "ready", "in_scope", "target", "gap", "quadrant", "groups"}
LADDER = ROOT / "examples" / "support-engineering-ladder" / "framework"


def test_score_prints_exactly_the_design_result(framework):
    out = run_kam("score", str(EXAMPLE))
    assert out.returncode == 0, out.stderr
    result = json.loads(out.stdout)
    assert set(result) == {"competencies", "summary", "recommendations"}
    assert set(result["summary"]) == {"total", "met", "ready", "required", "to_go", "award_ready", "score", "percent", "points", "band"}
    assert all(set(c) == RESULT_KEYS for c in result["competencies"].values())
    assert result == scoring.score(framework, json.loads(EXAMPLE.read_text()))


def test_score_text_report(framework):
    out = run_kam("score", str(EXAMPLE), "--format", "text")
    assert out.returncode == 0
    result = scoring.score(framework, json.loads(EXAMPLE.read_text()))
    assert report.readiness(framework, result["summary"]) in out.stdout
    assert "2.4  Financial understanding" in out.stdout and "Recommended modules:" in out.stdout


def ladder_assessment(tmp_path, ratings: dict, **extra) -> str:
    fw = loader.load(LADDER)
    path = tmp_path / "ladder.json"
    path.write_text(json.dumps({"format": "kam-assessment", "format_version": 2, "name": "Robin Ash",
                                "framework": {"id": fw["id"], "version": fw["version"]}, "ratings": ratings, **extra}))
    return str(path)


def test_score_follows_scoring_v2_for_a_level_rated_framework(tmp_path):
    """Points and the band; no award (null required, to_go, award_ready); not assessed is no gap."""
    path = ladder_assessment(tmp_path, {"diagnosis": 4, "communication": 3, "escalations": 2})
    out = run_kam("--framework", str(LADDER), "score", path)
    assert out.returncode == 0, out.stderr
    result = json.loads(out.stdout)
    s = result["summary"]
    assert (s["points"], s["band"]) == (12 + 6 + 3, "2.1")
    assert (s["required"], s["to_go"], s["award_ready"]) == (None, None, None)
    assert result["competencies"]["tooling"]["gap"] is None and result["competencies"]["tooling"]["status"] == "not-started"
    assert result["competencies"]["diagnosis"]["groups"] == {} and result["competencies"]["diagnosis"]["points"] == 12


def test_score_text_report_of_a_level_rated_framework(tmp_path):
    """The text report shows points and the band, no award line without an award, "not assessed" for not-started."""
    fw = loader.load(LADDER)
    path = ladder_assessment(tmp_path, {"diagnosis": 4, "communication": 3, "escalations": 2})
    out = run_kam("--framework", str(LADDER), "score", path, "--format", "text")
    assert out.returncode == 0, out.stderr
    assert "21" in out.stdout and "Engineer 1" in out.stdout  # the points and the band's title
    assert "Award" not in out.stdout and "required" not in out.stdout
    tooling = next(line for line in out.stdout.splitlines() if line.startswith("tooling "))
    assert fw["strings"]["not_assessed"] in tooling or fw["strings"]["not_assessed"].lower() in tooling


def test_score_with_another_profile(framework):
    out = run_kam("score", str(EXAMPLE), "--profile", "global-account-manager")
    result = json.loads(out.stdout)
    assert result["competencies"]["1.4"]["target"] == 3
    bad = run_kam("score", str(EXAMPLE), "--profile", "astronaut")
    assert bad.returncode == 1 and 'profile: unknown profile "astronaut"' in bad.stderr


def test_score_refuses_a_bad_file(tmp_path):
    path = tmp_path / "a.json"
    path.write_text(json.dumps({"format": "kam-assessment", "format_version": 1, "framework": {"id": "other", "version": "1"}}))
    out = run_kam("score", str(path))
    assert out.returncode == 1 and out.stdout == ""
    assert 'framework.id: this assessment is for "other", not "akam-kam-diploma"' in out.stderr
    path.write_text("{")
    assert run_kam("score", str(path)).returncode == 1


def test_score_reports_orphans_and_version_warnings(tmp_path):
    a = json.loads(EXAMPLE.read_text())
    a["framework"]["version"] = "2016"
    a["ratings"]["9.9-gone-1"] = 1
    path = tmp_path / "old.json"
    path.write_text(json.dumps(a))
    out = run_kam("score", str(path))
    assert out.returncode == 0
    assert "warning: framework.version" in out.stderr and "kept but not scored: 9.9-gone-1" in out.stderr


def test_worked_example_page_shows_the_python_figures(site, framework):
    result = scoring.score(framework, json.loads(EXAMPLE.read_text()))
    text = page_text(site / "assess" / "example" / "index.html")
    assert report.readiness(framework, result["summary"]) in text
    for row in report.rows(framework, result):
        assert f"{row['id']} {row['title']} {row['status']} {row['percent']}" in text
    assert (site / "assess" / "worked-example.json").exists()


def test_plan_command(tmp_path, framework):
    from macros import plan as planning
    a = json.loads(EXAMPLE.read_text())
    a["format_version"] = 2
    a["submission"] = {"chosen": ["1.4", "1.2"], "feedback_first": "1.4", "competencies": {"1.4": {
        "status": "final", "words": 1000, "theories": ["key-account-plan"],
        "sign_off": {"name": "Dana", "role": "Director", "date": "2026-04-02"},
        "evidence": [{"title": "Plan", "groups": ["1.4-preparing", "1.4-production", "1.4-resources", "1.4-alignment"],
                      "checks": {"valid": True, "authentic": True, "current": True, "sufficient": True}}]}}}
    path = tmp_path / "a.json"
    path.write_text(json.dumps(a))
    out = run_kam("plan", str(path))
    assert out.returncode == 0, out.stderr
    assert out.stdout.startswith("Submission plan: 1 of the 12 required competencies complete — 11 to go.")
    assert "Choose 10 more competencies to reach 12." in out.stdout
    assert "1.4 Strategic planning for key accounts: COMPLETE" in out.stdout
    assert "1.2 Customer understanding: incomplete" in out.stdout and "missing: no evidence logged" in out.stdout
    assert "Sent first for feedback: 1.4" in out.stdout
    as_json = json.loads(run_kam("plan", str(path), "--format", "json").stdout)
    assert as_json == planning.plan(framework, a)


def test_shares_and_gaps_round_half_up_as_the_browser_does():
    """0.625 is 63% and 0.625 of a level 0.63 in the browser (Math.round, toFixed); Python's own formatting would say 62."""
    assert report.pct(0.625) == "63%" and report.pct(15 / 24) == "63%" and report.pct(0.285) == "28%"  # 28.499999999999996
    assert report.number(0.625) == "0.63" and report.number(0.125) == "0.13" and report.number(2.0) == "2" and report.number(0.0) == "0"
    assert report.number(1.005) == "1" and report.number(0.5) == "0.5"  # 1.005 is 1.00499999999999989... in binary


def test_plan_refuses_a_framework_without_a_workspace(tmp_path):
    path = ladder_assessment(tmp_path, {"diagnosis": 2})
    out = run_kam("--framework", str(LADDER), "plan", path)
    assert out.returncode == 2 and out.stdout == ""
    assert "has no submission workspace" in out.stderr and "Traceback" not in out.stderr
    from macros import plan as planning
    fw = loader.load(LADDER)
    assert planning.has_plan(fw) is False and planning.plan(fw, json.loads(open(path).read())) is None


def test_plan_of_a_level_rated_competency(tmp_path):
    """A framework with a workspace and a level-rated competency: no requirement groups to cover, no theory needed
    where the competency names none."""
    from macros import plan as planning
    from macros import scaffold
    target = tmp_path / "fw"
    scaffold.new_framework(target, full=True, levels=True)
    comp = target / "competencies" / "A1-first-competency.yml"
    comp.write_text(comp.read_text().replace("theory:\n  - text: How the first model applies here.\n    theories: [first-model]\n", ""))
    (target / "theories.yml").unlink()
    fw = loader.load(target)
    assert fw["competencies"][0]["rated"] == "levels" and fw["parts"]["workspace"]
    a = {"format": "kam-assessment", "format_version": 2, "name": "Sam", "framework": {"id": fw["id"], "version": fw["version"]},
         "ratings": {"A1": 2}, "evidence": {"A1": True},
         "submission": {"chosen": ["A1"], "feedback_first": "A1", "competencies": {"A1": {
             "status": "final", "words": 700, "sign_off": {"name": "Kim", "role": "Lead", "date": "2026-04-02"},
             "evidence": [{"title": "Runbook", "groups": [], "checks": {"valid": True}}]}}}}
    path = tmp_path / "a.json"
    path.write_text(json.dumps(a))
    out = run_kam("--framework", str(target), "plan", str(path))
    assert out.returncode == 0, out.stderr
    assert out.stdout.startswith("Submission plan: 1 of the 1 required competencies complete — the rule can be met.")
    assert "A1 First competency: COMPLETE" in out.stdout and "theor" not in out.stdout.split("A1 First competency")[1]
    p = planning.plan(fw, a)
    assert p["competencies"]["A1"]["groups_covered"] == [] and p["competencies"]["A1"]["groups_missing"] == []
    a["submission"]["competencies"]["A1"]["evidence"] = []
    path.write_text(json.dumps(a))
    out = run_kam("--framework", str(target), "plan", str(path))
    assert "missing: no evidence logged" in out.stdout and "requirement groups" not in out.stdout


def hostile_files(folder, framework) -> dict[str, str]:
    """A folder of hostile files beside a valid one: {file name: what `score` must say}."""
    import os

    folder.mkdir(exist_ok=True)
    head = {"format": "kam-assessment", "format_version": 2, "framework": {"id": framework["id"], "version": framework["version"]}}
    write = lambda name, text: (folder / name).write_text(text, encoding="utf-8")  # noqa: E731
    write("deep.json", "[" * 100_000 + "]" * 100_000)
    write("huge-number.json", '{"ratings": {"x": ' + "9" * 5000 + "}}")
    write("profile-list.json", json.dumps({**head, "profile": []}))
    write("module-list.json", json.dumps({**head, "completed_modules": [[1]]}))
    write("bom.json", "\ufeff" + json.dumps({**head, "name": "Bo Mark", "ratings": {}}))
    os.symlink("/dev/zero", folder / "zero.json")
    os.mkfifo(folder / "fifo.json")
    return {
        "deep.json": "cannot read the assessment: nested too deeply to be an assessment",
        "huge-number.json": "cannot read the assessment: a number in it is too long to be read (more than 4,300 digits)",
        "profile-list.json": "profile: unknown profile a list",
        "module-list.json": "completed_modules: unknown module a list",
        "zero.json": "cannot read the assessment: not a regular file (a device, a pipe or a folder), so it is not read",
        "fifo.json": "cannot read the assessment: not a regular file (a device, a pipe or a folder), so it is not read",
    }


def test_score_and_plan_refuse_hostile_files_with_a_reason_never_a_traceback(tmp_path, framework):
    expected = hostile_files(tmp_path / "in", framework)
    for command in ("score", "plan"):
        for name, reason in expected.items():
            out = run_kam(command, str(tmp_path / "in" / name))
            assert out.returncode == 1 and "Traceback" not in out.stderr, (command, name, out.stderr)
            assert out.stderr.splitlines()[0] == f"{tmp_path / 'in' / name}: {reason}", (command, name)
        bom = run_kam(command, str(tmp_path / "in" / "bom.json"))  # a byte-order mark is read as the browser reads it
        assert bom.returncode == 0 and "Traceback" not in bom.stderr, bom.stderr


def test_many_unknown_ids_are_kept_listed_briefly_and_do_not_slow_the_check(tmp_path, framework):
    """130,000 ids the framework does not have: kept and reported once each (in linear time: the check used to
    search a list per id, 56 s for 100,000), and the command line names the first 20 and counts the rest."""
    ratings = {f"x{i}": 1 for i in range(100_000)}
    a = {"format": "kam-assessment", "format_version": 2, "framework": {"id": framework["id"], "version": framework["version"]},
         "ratings": ratings, "evidence": {f"x{i}": True for i in range(50_000)}, "notes": {f"n{i}": "." for i in range(30_000)}}
    checked = scoring.check(framework, a)
    assert checked["errors"] == [] and len(checked["orphaned"]) == 130_000 and checked["orphaned"][:2] == ["x0", "x1"]
    path = tmp_path / "unknown.json"
    path.write_text(json.dumps(a))
    out = run_kam("score", str(path))
    assert out.returncode == 0
    line = out.stderr.strip()
    assert line.endswith(" and 129,980 more") and line.count(", ") == 19, line[:300]

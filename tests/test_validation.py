"""The validator on a corpus of broken frameworks: every problem, its file, line, field and message."""

from __future__ import annotations

import subprocess
import sys

import pytest

from conftest import BROKEN, FRAMEWORK, MINI, ROOT, overlay
from macros import loader
from macros.problems import FrameworkError

CASES = sorted(p.name for p in BROKEN.iterdir() if p.is_dir())


def test_corpus_is_large_enough():
    assert len(CASES) >= 15


def test_the_base_of_the_corpus_is_valid():
    assert loader.validate(MINI) == []


@pytest.mark.parametrize("case", CASES)
def test_broken_framework_reports_exactly_its_problems(case, tmp_path, monkeypatch):
    overlay(BROKEN / case, MINI, tmp_path / "framework")
    monkeypatch.chdir(tmp_path)
    expected = (BROKEN / case / "expected.txt").read_text(encoding="utf-8").splitlines()
    assert expected, f"{case}: expected.txt lists no problem"
    errors, warnings = loader.check("framework")
    assert [str(p) for p in errors] + [f"warning: {p}" for p in warnings] == expected
    if errors:  # the build fails on errors only, and names them all
        with pytest.raises(FrameworkError) as raised:
            loader.load("framework")
        assert raised.value.problems == errors
    else:
        loader.load("framework")


def test_every_problem_names_file_line_and_field(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    for case in CASES:
        overlay(BROKEN / case, MINI, tmp_path / case)
        for problem in sum(loader.check(case), []):
            assert problem.file.startswith(f"{case}/") and problem.file.endswith(".yml"), problem
            assert problem.line >= 1 and problem.field and problem.message, problem


def test_all_problems_of_several_files_come_in_one_run(tmp_path, monkeypatch):
    overlay(BROKEN / "all-at-once", MINI, tmp_path / "framework")
    monkeypatch.chdir(tmp_path)
    files = {p.file for p in loader.validate("framework")}
    assert files == {"framework/theories.yml", "framework/competencies/A2.yml", "framework/diploma.yml"}


def test_duplicate_keys_are_caught_not_silently_overwritten(tmp_path, monkeypatch):
    overlay(BROKEN / "duplicate-key", MINI, tmp_path / "framework")
    monkeypatch.chdir(tmp_path)
    [problem] = loader.validate("framework")
    assert "duplicate key" in problem.message and problem.line == 13


def run_kam(*args: str, cwd=ROOT) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(ROOT / "scripts" / "kam.py"), *args], cwd=cwd, capture_output=True, text=True)


def test_cli_validate_passes_on_the_framework():
    out = run_kam("validate")
    assert out.returncode == 0, out.stderr
    assert "14 competencies" in out.stdout and out.stderr == ""


def test_cli_validate_fails_with_file_line_errors_on_stderr(tmp_path):
    overlay(BROKEN / "bad-references", MINI, tmp_path / "framework")
    out = run_kam("--framework", "framework", "validate", cwd=tmp_path)
    assert out.returncode == 1
    assert out.stdout == ""
    lines = out.stderr.splitlines()
    assert lines[:-1] == (BROKEN / "bad-references" / "expected.txt").read_text().splitlines()
    assert lines[-1] == "4 problems in framework"


def test_cli_reads_the_framework_folder_from_the_environment(tmp_path):
    env_dir = overlay(BROKEN / "missing-file", MINI, tmp_path / "fw")
    out = subprocess.run([sys.executable, str(ROOT / "scripts" / "kam.py"), "validate"], cwd=tmp_path,
                         capture_output=True, text=True, env={"KAM_FRAMEWORK": str(env_dir), "PATH": ""})
    assert out.returncode == 1 and "scale.yml:1: (file): required file is missing" in out.stderr


def test_a_missing_framework_folder_is_an_error(tmp_path):
    out = run_kam("--framework", str(tmp_path / "nowhere"), "validate")
    assert out.returncode == 1 and "framework folder not found" in out.stderr


def test_the_real_framework_is_valid():
    assert loader.validate(FRAMEWORK) == []


MINIMAL = {
    "framework.yml": 'id: tiny\nversion: "1"\ntitle: Tiny framework\nareas:\n  - {id: "A", title: Area A}\n',
    "scale.yml": ("scale:\n  not_applicable: false\n  levels:\n"
                  "    - {value: 0, label: None, description: Not yet., points: 0}\n"
                  "    - {value: 1, label: Some, description: Partly., points: 1}\n"
                  "    - {value: 2, label: Full, description: Fully., points: 5}\n"
                  "rules:\n  pass_level: 1.5\n"
                  "bands:\n  - {id: b1, title: First, min_points: 0}\n  - {id: b2, title: Second, min_points: 5}\n"),
    "competencies/A1.yml": ('id: "A1"\narea: "A"\ntitle: Picks a level\nlevels:\n'
                            "  - {value: 1, summary: Does it with help., signals: [Asks for help]}\n"
                            "  - {value: 2, title: Leads, summary: Does it alone., examples: [Ran the review]}\n"),
    "competencies/A2.yml": ('id: "A2"\narea: "A"\ntitle: Rated by statements\ngroups:\n'
                            "  - id: A2-g\n    title: Group\n    indicators:\n      - {id: A2-g-1, text: Does one thing.}\n"),
}


def test_a_minimal_framework_needs_only_identity_areas_scale_and_competencies(tmp_path):
    for name, text in MINIMAL.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text, encoding="utf-8")
    assert loader.check(tmp_path) == ([], [])
    fw = loader.load(tmp_path)
    assert fw["format_version"] == 2 and fw["source"] is None and fw["language"] == "en"
    assert fw["rules"] == {"pass_level": 1.5, "group_floor": 0, "evidence_share": 0, "award_min": None, "will_high": None,
                           "review_difference": 2}
    assert [lv["points"] for lv in fw["scale"]["levels"]] == [0, 1, 5]
    assert fw["bands"] == [{"id": "b1", "title": "First", "min_points": 0, "description": ""},
                           {"id": "b2", "title": "Second", "min_points": 5, "description": ""}]
    a1, a2 = fw["competencies"]
    assert (a1["rated"], a1["groups"], a1["type"]) == ("levels", [], None)
    assert a1["levels"] == [{"value": 1, "title": "", "summary": "Does it with help.", "signals": ["Asks for help"], "examples": []},
                            {"value": 2, "title": "Leads", "summary": "Does it alone.", "signals": [], "examples": ["Ran the review"]}]
    assert (a2["rated"], a2["levels"], a2["rationale"], a2["theory"], a2["evidence"]) == ("statements", [], [], [], [])
    for empty in ("coaching", "types", "theories", "tracks", "modules", "profiles", "glossary"):
        assert fw[empty] == [], empty
    assert fw["diploma"] is None
    assert fw["parts"] == {"award": False, "award_page": False, "workspace": False, "coaching": False, "theories": False,
                           "curriculum": False, "glossary": False, "profiles": False, "types": False, "bands": True,
                           "levels": True, "statements": True, "example": False, "source": False}
    assert set(fw["files"]) == {"framework", "scale"}


def test_the_akam_framework_has_every_part(framework):
    assert all(framework["parts"][k] for k in ("award", "award_page", "workspace", "coaching", "theories", "curriculum",
                                                "glossary", "profiles", "types", "statements", "example", "source"))
    assert framework["format_version"] == 2 and framework["bands"] == []
    assert all(lv["points"] == lv["value"] for lv in framework["scale"]["levels"])


def test_a_message_repeated_many_times_is_folded():
    from macros.problems import Problem

    many = [Problem(f"f{i}.yml", 3, "theory[0]", "unknown theory 'porter'") for i in range(125)]
    folded = [str(p) for p in loader.fold(many + [Problem("a.yml", 1, "x", "other")])]
    assert folded == ["a.yml:1: x: other", "f0.yml:3: theory[0]: unknown theory 'porter'",
                      "f1.yml:3: theory[0]: unknown theory 'porter'",
                      "f10.yml:3: theory[0]: unknown theory 'porter' (… and 122 more like this)"]


def test_a_file_nested_too_deep_or_too_large_is_refused_at_once_with_its_line(tmp_path, monkeypatch):
    """Hostile framework files: 100,000 levels of nesting, and a file of megabytes, are refused, never expanded."""
    overlay(MINI, MINI, tmp_path / "framework")
    monkeypatch.chdir(tmp_path)
    glossary = tmp_path / "framework" / "glossary.yml"
    glossary.write_text("terms: " + "[" * 100_000 + "]" * 100_000 + "\n", encoding="utf-8")
    assert [str(p) for p in loader.validate("framework")] == [
        "framework/glossary.yml:1: (yaml): nested too deeply: a framework file may nest at most 60 levels"]
    glossary.write_text("terms: " + "[" * 70 + "]" * 70 + "\n", encoding="utf-8")  # deep for the reader, not for the composer
    assert [str(p) for p in loader.validate("framework")] == [
        "framework/glossary.yml:1: (yaml): nested too deeply: a framework file may nest at most 60 levels"]
    glossary.write_text("# " + "x" * 2_100_000 + "\nterms: []\n", encoding="utf-8")
    assert [str(p) for p in loader.validate("framework")] == [
        "framework/glossary.yml:1: (file): the file is 2,100,013 bytes; a framework file may be at most 2,000,000"]

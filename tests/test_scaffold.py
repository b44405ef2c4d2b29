"""Scaffolding: `kam.py new-framework` and `kam.py new-competency` (generic text, valid ids for any area, beside problems)."""

from __future__ import annotations

import re
import shutil

import pytest
import yaml

from conftest import BROKEN, MINI, ROOT, build_site, overlay
from macros import loader, scaffold
from test_validation import run_kam

FOREIGN = re.compile(r"\b(A?KAM|key[ -]accounts?|diplomas?|candidates?)\b", re.I)  # nothing of AKAM in a new framework
ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*$")


def generic(text: str) -> bool:
    """No AKAM wording (the command's name kam.py, the optional file diploma.yml and a framework's own type ids aside)."""
    return not FOREIGN.search(re.sub(r"kam\.py|diploma\.yml|^type: .*$", "", text, flags=re.M))


def texts(folder) -> str:
    return "\n".join(p.read_text(encoding="utf-8") for p in sorted(folder.rglob("*.yml")))


def all_ids(fw: dict) -> list[str]:
    return [x for c in fw["competencies"] for x in [c["id"], *(g["id"] for g in c["groups"]),
                                                    *(i["id"] for g in c["groups"] for i in g["indicators"])]]


def test_new_framework_is_minimal_valid_generic_and_builds_a_site(tmp_path):
    target = tmp_path / "fw"
    out = run_kam("new-framework", str(target))
    assert out.returncode == 0, out.stderr
    assert sorted(p.relative_to(target).as_posix() for p in target.rglob("*.yml")) == [
        "competencies/A1-first-competency.yml", "framework.yml", "scale.yml"]
    for path in target.rglob("*.yml"):
        assert path.read_text().startswith("# yaml-language-server: $schema=")
    assert generic(texts(target))
    data = [yaml.safe_load(p.read_text()) for p in target.rglob("*.yml")]
    assert not re.search(r"award|diploma", str(data), re.I)  # an award only in comments, as an option
    checked = run_kam("--framework", str(target), "validate")
    assert checked.returncode == 0 and checked.stderr == "", checked.stderr  # no warning either
    assert loader.check(target) == ([], [])
    fw = loader.load(target)
    assert fw["competencies"][0]["rated"] == "statements" and fw["diploma"] is None
    assert not any(fw["parts"][k] for k in ("award", "workspace", "coaching", "theories", "curriculum", "glossary",
                                            "profiles", "types", "source"))
    site = tmp_path / "site"
    built = build_site(site, {"KAM_FRAMEWORK": str(target)})
    assert built.returncode == 0, built.stderr
    assert (site / "competencies" / "A1-first-competency" / "index.html").exists()
    assert not (site / "assess" / "workspace" / "index.html").exists()  # no workspace without one in the framework


@pytest.mark.parametrize("options", [["--levels"], ["--full"], ["--full", "--levels"]])
def test_new_framework_options_validate(tmp_path, options):
    target = tmp_path / "fw"
    out = run_kam("new-framework", str(target), *options)
    assert out.returncode == 0, out.stderr
    assert loader.check(target) == ([], [])  # neither errors nor warnings (the theory is used, the module too)
    fw = loader.load(target)
    (c,) = fw["competencies"]
    assert c["rated"] == ("levels" if "--levels" in options else "statements")
    if "--levels" in options:
        assert [lv["value"] for lv in c["levels"]] == [1, 2, 3] and c["groups"] == []
    if "--full" in options:
        assert all(fw["parts"][k] for k in ("award", "award_page", "workspace", "coaching", "theories", "curriculum",
                                            "glossary", "profiles", "bands"))
        assert {p.name for p in target.glob("*.yml")} == {"framework.yml", "scale.yml", "theories.yml", "curriculum.yml",
                                                          "profiles.yml", "glossary.yml", "diploma.yml"}
    assert not re.search(r"\b(A?KAM|key[ -]accounts?|candidates?)\b", texts(target).replace("kam.py", ""), re.I)


def test_a_full_level_rated_framework_builds_with_its_workspace(tmp_path):
    target = tmp_path / "fw"
    assert run_kam("new-framework", str(target), "--full", "--levels").returncode == 0
    site = tmp_path / "site"
    built = build_site(site, {"KAM_FRAMEWORK": str(target)})
    assert built.returncode == 0, built.stderr
    assert (site / "assess" / "workspace" / "index.html").exists() and (site / "assess" / "plan" / "index.html").exists()


def test_new_framework_refuses_a_folder_in_use(tmp_path):
    (tmp_path / "fw").mkdir()
    (tmp_path / "fw" / "notes.txt").write_text("mine")
    out = run_kam("new-framework", str(tmp_path / "fw"))
    assert out.returncode == 1 and "is not empty" in out.stderr


def test_new_competency_gets_the_next_id(tmp_path):
    fw = tmp_path / "framework"
    shutil.copytree(ROOT / "framework", fw)
    out = run_kam("--framework", str(fw), "new-competency", "--area", "1", "--title", "Digital account insight")
    assert out.returncode == 0, out.stderr
    path = fw / "competencies" / "1.5-digital-account-insight.yml"
    assert path.exists()
    assert generic(path.read_text(encoding="utf-8"))  # generic text, whatever the framework
    compiled = loader.load(fw)
    new = next(c for c in compiled["competencies"] if c["id"] == "1.5")
    assert new["title"] == "Digital account insight" and new["groups"][0]["indicators"][0]["id"] == "1.5-main-1"
    assert new["type"] == compiled["types"][0]["id"]  # the framework has types: the new one names the first
    assert compiled["areas"][0]["competencies"][-1] == "1.5"
    again = run_kam("--framework", str(fw), "new-competency", "--area", "1", "--title", "Another")
    assert "1.6-another.yml" in again.stdout
    bad = run_kam("--framework", str(fw), "new-competency", "--area", "9", "--title", "Nowhere")
    assert bad.returncode == 1 and "unknown area '9'" in bad.stderr
    clash = run_kam("--framework", str(fw), "new-competency", "--area", "1", "--title", "Twice", "--id", "1.1")
    assert clash.returncode == 1 and "id 1.1 is used already" in clash.stderr
    invalid = run_kam("--framework", str(fw), "new-competency", "--area", "1", "--title", "Odd", "--id=-x")
    assert invalid.returncode == 1 and "not a valid id" in invalid.stderr
    assert loader.check(fw)[0] == []


def test_new_competency_in_a_framework_with_letter_ids(tmp_path):
    fw = tmp_path / "framework"
    shutil.copytree(ROOT / "examples" / "six-critical-competencies" / "framework", fw)
    out = run_kam("--framework", str(fw), "new-competency", "--area", "R", "--title", "Customer advocacy")
    assert out.returncode == 0 and (fw / "competencies" / "R4-customer-advocacy.yml").exists()
    assert loader.check(fw)[0] == []


@pytest.mark.parametrize("area, first, second", [("senior", "senior.1", "senior.2"), ("senior-1", "senior-1.1", "senior-1.2"),
                                                 ("ops_2", "ops_2.1", "ops_2.2"), ("1", "1.1", "1.2")])
def test_new_competency_ids_are_valid_for_any_area_id(tmp_path, area, first, second):
    target = tmp_path / "fw"
    scaffold.new_framework(target)
    fwyml = target / "framework.yml"
    fwyml.write_text(fwyml.read_text().replace('  - id: "A"\n', f'  - id: "{area}"\n    title: Another area\n  - id: "A"\n'))
    for expected in (first, second):
        out = run_kam("--framework", str(target), "new-competency", "--area", area, "--title", f"Competency {expected}")
        assert out.returncode == 0, out.stderr
        assert f"{expected}-competency-" in out.stdout
    errors, warnings = loader.check(target)
    assert errors == [] and warnings == []
    fw = loader.load(target)
    assert [c["id"] for c in fw["competencies"] if c["area"] == area] == [first, second]
    assert all(ID.match(x) for x in all_ids(fw))


def test_next_id():
    comps = [{"id": x} for x in ("1.1", "1.4", "11", "R1", "R3", "senior.2", "x.1")]
    assert scaffold.next_id(comps, "1") == "1.5"  # "11" is not area 1's
    assert scaffold.next_id(comps, "R") == "R4"
    assert scaffold.next_id(comps, "senior") == "senior.3"
    assert scaffold.next_id(comps, "new") == "new.1"
    assert scaffold.next_id(comps, "x", {"x.2"}) == "x.3"  # an id taken elsewhere is skipped


def test_new_competency_level_rated_follows_the_scale(tmp_path):
    fw = tmp_path / "framework"
    shutil.copytree(ROOT / "examples" / "support-engineering-ladder" / "framework", fw)
    out = run_kam("--framework", str(fw), "new-competency", "--area", "team", "--title", "Hiring", "--levels")
    assert out.returncode == 0, out.stderr
    path = fw / "competencies" / "team.1-hiring.yml"
    assert path.exists()
    assert loader.check(fw)[0] == []
    new = next(c for c in loader.load(fw)["competencies"] if c["id"] == "team.1")
    assert new["rated"] == "levels" and [lv["value"] for lv in new["levels"]] == [1, 2, 3, 4, 5]
    assert "Multiplier" in new["levels"][3]["summary"]  # named after the framework's own scale
    assert new["type"] is None  # the framework has no types


def test_new_competency_works_beside_problems_elsewhere(tmp_path):
    """An unrelated error (a syntax error in another competency, an unknown theory) does not stop it."""
    fw = overlay(BROKEN / "syntax-error", MINI, tmp_path / "framework")  # competencies/B1.yml does not parse
    a1 = fw / "competencies" / "A1.yml"
    a1.write_text(re.sub(r"theories: \[[^\]]*\]", "theories: [no-such-theory]", a1.read_text(), count=1))
    assert "no-such-theory" in a1.read_text() and loader.check(fw)[0]
    area = yaml.safe_load((fw / "framework.yml").read_text())["areas"][0]["id"]
    out = run_kam("--framework", str(fw), "new-competency", "--area", str(area), "--title", "Beside the errors")
    assert out.returncode == 0, out.stderr
    assert "problems elsewhere" in out.stderr  # said, not hidden
    (path,) = (fw / "competencies").glob("*-beside-the-errors.yml")
    data = yaml.safe_load(path.read_text())
    assert all(ID.match(x) for x in (data["id"], data["groups"][0]["id"], data["groups"][0]["indicators"][0]["id"]))
    assert data["id"] not in {yaml.safe_load((MINI / "competencies" / f).read_text())["id"] for f in ("A1.yml", "A2.yml", "B1.yml")}
    errors, _ = loader.check(fw)
    assert errors and not any(path.name in p.file for p in errors)  # the new file is not among the problems
    for name in ("A1.yml", "B1.yml"):  # repaired, the framework compiles with the new competency in it
        shutil.copy(MINI / "competencies" / name, fw / "competencies" / name)
    assert loader.check(fw)[0] == []
    assert data["id"] in [c["id"] for c in loader.load(fw)["competencies"]]


def test_new_competency_needs_readable_areas(tmp_path):
    (tmp_path / "framework.yml").write_text("id: [unclosed\n")
    out = run_kam("--framework", str(tmp_path), "new-competency", "--area", "A", "--title", "X")
    assert out.returncode == 1 and "cannot read" in out.stderr and "framework.yml" in out.stderr

"""Scaffolding: `kam.py new-framework` and `kam.py new-competency`."""

from __future__ import annotations

import shutil

from conftest import ROOT, build_site
from macros import loader
from test_validation import run_kam


def test_new_framework_is_valid_and_builds_a_site(tmp_path):
    target = tmp_path / "fw"
    out = run_kam("new-framework", str(target))
    assert out.returncode == 0, out.stderr
    assert run_kam("--framework", str(target), "validate").returncode == 0
    for path in target.rglob("*.yml"):
        assert path.read_text().startswith("# yaml-language-server: $schema=")
    site = tmp_path / "site"
    built = build_site(site, {"KAM_FRAMEWORK": str(target)})
    assert built.returncode == 0, built.stderr
    assert (site / "competencies" / "A1-first-competency" / "index.html").exists()
    assert (site / "assess" / "workspace" / "index.html").exists()


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
    compiled = loader.load(fw)
    new = next(c for c in compiled["competencies"] if c["id"] == "1.5")
    assert new["title"] == "Digital account insight" and new["groups"][0]["indicators"][0]["id"] == "1.5-main-1"
    assert compiled["areas"][0]["competencies"][-1] == "1.5"
    again = run_kam("--framework", str(fw), "new-competency", "--area", "1", "--title", "Another")
    assert "1.6-another.yml" in again.stdout
    bad = run_kam("--framework", str(fw), "new-competency", "--area", "9", "--title", "Nowhere")
    assert bad.returncode == 1 and "unknown area '9'" in bad.stderr


def test_new_competency_in_a_framework_with_letter_ids(tmp_path):
    fw = tmp_path / "framework"
    shutil.copytree(ROOT / "examples" / "six-critical-competencies" / "framework", fw)
    out = run_kam("--framework", str(fw), "new-competency", "--area", "R", "--title", "Customer advocacy")
    assert out.returncode == 0 and (fw / "competencies" / "R4-customer-advocacy.yml").exists()

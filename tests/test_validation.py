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
    with pytest.raises(FrameworkError) as raised:
        loader.load("framework")
    assert [str(p) for p in raised.value.problems] == expected


def test_every_problem_names_file_line_and_field(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    for case in CASES:
        overlay(BROKEN / case, MINI, tmp_path / case)
        for problem in loader.validate(case):
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

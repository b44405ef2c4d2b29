"""Shared fixtures: the compiled AKAM framework, and a way to build broken copies of a framework."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from macros import loader  # noqa: E402

FRAMEWORK = ROOT / "framework"
MINI = ROOT / "tests" / "fixtures" / "mini"
BROKEN = ROOT / "tests" / "broken"


@pytest.fixture(scope="session")
def framework() -> dict:
    return loader.load(FRAMEWORK)


def overlay(case: Path, base: Path, target: Path) -> Path:
    """Copy ``base`` to ``target``, then the case's files over it; DELETE lists files to remove."""
    shutil.copytree(base, target)
    for f in case.rglob("*"):
        if f.is_file() and f.name not in ("expected.txt", "DELETE"):
            dest = target / f.relative_to(case)
            dest.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy(f, dest)
    if (case / "DELETE").exists():
        for name in (case / "DELETE").read_text().split():
            (target / name).unlink()
    return target

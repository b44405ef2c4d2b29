"""Problems found in framework files, reported as ``file:line: field: message``."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True, order=True)
class Problem:
    file: str
    line: int
    field: str
    message: str
    kind: str = "reference"  # "syntax" (reading the file), "schema" (its JSON Schema) or "reference" (across files)

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.field}: {self.message}"


class FrameworkError(Exception):
    """Raised with every problem found in one run, never just the first."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(set(problems), key=_natural_key)
        super().__init__("\n".join(str(p) for p in self.problems))


def _natural_key(p: Problem) -> tuple:
    return (p.file, p.line, p.field, p.message)


def display_path(path: Path) -> str:
    """A path as a person would type it: relative to the working directory when inside it."""
    try:
        return os.path.relpath(path)
    except ValueError:  # another drive on Windows
        return str(path)

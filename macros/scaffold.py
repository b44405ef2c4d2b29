"""Scaffolding: a new framework to start from, and new competencies with fresh ids."""

from __future__ import annotations

import os
import re
from pathlib import Path

import yaml

from . import loader

TEMPLATE = Path(__file__).parent / "scaffold"
SCHEMAS = Path(__file__).parent / "schemas"


def schema_line(path: Path, kind: str) -> str:
    """The first line that lets editors complete and check ``path`` against its schema."""
    rel = Path(os.path.relpath(SCHEMAS / f"{kind}.schema.json", path.parent)).as_posix()
    return f"# yaml-language-server: $schema={rel}\n"


def _kind(path: Path) -> str:
    return "competency" if path.parent.name == "competencies" else loader.FILES[path.name]


def new_framework(target: Path) -> list[Path]:
    """Copy the minimal framework into ``target`` (which must be new or empty); returns the files written."""
    if target.exists() and any(target.iterdir()):
        raise FileExistsError(f"{target} is not empty: choose a new folder")
    written = []
    for src in sorted(TEMPLATE.rglob("*.yml")):
        dest = target / src.relative_to(TEMPLATE)
        dest.parent.mkdir(parents=True, exist_ok=True)
        dest.write_text(schema_line(dest, _kind(dest)) + src.read_text(encoding="utf-8"), encoding="utf-8")
        written.append(dest)
    return written


def slug(title: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-") or "competency"


def next_id(framework: dict, area: str) -> str:
    """The next free competency id in ``area``: 1.4 -> 1.5, R3 -> R4; the first is '<area>.1'."""
    found = []
    for c in framework["competencies"]:
        m = re.fullmatch(re.escape(area) + r"(\.?)(\d+)", c["id"])
        if m:
            found.append((int(m.group(2)), m.group(1)))
    if not found:
        return f"{area}.1"
    number, sep = max(found)
    return f"{area}{sep}{number + 1}"


def new_competency(directory: Path, area: str, title: str, ctype: str | None = None, cid: str | None = None) -> Path:
    """Write competencies/<id>-<title>.yml: a valid competency to fill in, with fresh, stable ids."""
    framework = loader.load(directory)
    areas = [a["id"] for a in framework["areas"]]
    if area not in areas:
        raise ValueError(f"unknown area '{area}': the areas are {', '.join(areas)}")
    cid = cid or next_id(framework, area)
    if any(c["id"] == cid for c in framework["competencies"]):
        raise ValueError(f"competency {cid} exists already")
    ctype = ctype or framework["types"][0]["id"]
    theory = framework["theories"][0]
    data = {
        "id": cid, "area": area, "type": ctype, "title": title,
        "rationale": ["Why key account managers need this competency."],
        "groups": [{"id": f"{cid}-main", "title": "Requirement",
                    "indicators": [{"id": f"{cid}-main-1", "text": "Describe an observable behaviour here."}]}],
        "theory": [{"text": theory["title"], "theories": [theory["id"]]}],
        "evidence": ["An example of evidence a candidate might submit."],
    }
    path = directory / "competencies" / f"{cid}-{slug(title)}.yml"
    body = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100)
    body = re.sub(r"^(id|area): (.*)$", lambda m: f'{m.group(1)}: "{m.group(2).strip(chr(39))}"', body, flags=re.M, count=2)
    path.write_text(schema_line(path, "competency") +
                    "# A new competency: fill in the texts. Ids are stable: never change an id when the wording changes;\n"
                    "# give a new statement the next free number.\n" + body, encoding="utf-8")
    try:
        loader.load(directory)
    except Exception:
        path.unlink()
        raise
    return path


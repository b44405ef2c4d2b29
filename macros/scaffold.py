"""Scaffolding: a new framework to start from, and new competencies with fresh ids.

Nothing here needs a valid framework: ``new_competency`` reads the areas, types, scale values and
existing ids tolerantly (files that do not parse are skipped), so a competency can be added while
other files still have problems. What it writes is checked against the competency schema.
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path
from string import Template
from typing import Any

import jsonschema
import yaml

TEMPLATE = Path(__file__).parent / "scaffold"
SCHEMAS = Path(__file__).parent / "schemas"
ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*")  # competency, group and statement ids (and area ids)
KINDS = {"framework.yml": "framework", "scale.yml": "scale", "theories.yml": "theories", "curriculum.yml": "curriculum",
         "profiles.yml": "profiles", "diploma.yml": "diploma", "glossary.yml": "glossary", "strings.yml": "strings"}
MINIMAL = ("framework.yml", "scale.yml")
FULL = ("scale.yml", "theories.yml", "curriculum.yml", "profiles.yml", "glossary.yml", "diploma.yml")  # from scaffold/full/
FIRST = {"id": "A1", "area": "A", "title": "First competency", "theory": "first-model"}


def schema_line(path: Path, kind: str) -> str:
    """The first line that lets editors complete and check ``path`` against its schema."""
    rel = Path(os.path.relpath(SCHEMAS / f"{kind}.schema.json", path.parent)).as_posix()
    return f"# yaml-language-server: $schema={rel}\n"


def _quote(text: str) -> str:
    """A YAML double-quoted scalar (JSON's string syntax is valid YAML)."""
    return json.dumps(text, ensure_ascii=False)


def _write(path: Path, kind: str, body: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(schema_line(path, kind) + body, encoding="utf-8")
    return path


# ---------------------------------------------------------------- reading a framework folder tolerantly

def _load(path: Path) -> Any:
    """The YAML data of ``path``, or None when it is missing or does not parse."""
    try:
        return yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return None


def _ids(items: Any, key: str = "id") -> list[str]:
    return [str(x[key]) for x in items if isinstance(x, dict) and x.get(key) is not None] if isinstance(items, list) else []


def survey(directory: Path) -> dict:
    """What new_competency needs from a framework folder, read without validating it: the areas and types of
    framework.yml, the scale values of scale.yml, and every competency file's id, area, group and statement ids."""
    fw = _load(directory / "framework.yml")
    scale = _load(directory / "scale.yml")
    levels = (scale.get("scale") or {}).get("levels") if isinstance(scale, dict) and isinstance(scale.get("scale"), dict) else None
    values = sorted({x["value"] for x in levels if isinstance(x, dict) and isinstance(x.get("value"), int)
                     and not isinstance(x.get("value"), bool)}) if isinstance(levels, list) else []
    labels = {x["value"]: str(x.get("label") or x["value"]) for x in levels or [] if isinstance(x, dict) and x.get("value") in values}
    competencies, taken = [], set()
    for path in sorted((directory / "competencies").glob("*.yml")):
        data = _load(path)
        if not isinstance(data, dict):
            continue
        cid = data.get("id")
        if cid is not None:
            competencies.append({"id": str(cid), "area": str(data.get("area")), "file": path.name})
            taken.add(str(cid))
        for g in data.get("groups") or [] if isinstance(data.get("groups"), list) else []:
            if isinstance(g, dict):
                taken.update(_ids([g]))
                taken.update(_ids(g.get("indicators")))
    return {
        "readable": isinstance(fw, dict),
        "areas": _ids(fw.get("areas")) if isinstance(fw, dict) else [],
        "types": _ids(fw.get("types")) if isinstance(fw, dict) else [],
        "values": values, "labels": labels, "competencies": competencies, "taken": taken,
    }


def next_id(competencies: list[dict], area: str, taken: set[str] | frozenset[str] = frozenset()) -> str:
    """The next free competency id in ``area``: 1.4 -> 1.5, R3 -> R4, senior.2 -> senior.3; the first is '<area>.1'.
    ``competencies``: [{id, ...}] (as survey() gives them, or a compiled framework's); ids in ``taken`` are skipped."""
    found = []
    for c in competencies:
        m = re.fullmatch(re.escape(area) + r"([._-]?)(\d+)", c["id"])
        if m and (m.group(1) or not area[-1:].isdigit()):  # "11" is not the first of area "1"
            found.append((int(m.group(2)), m.group(1)))
    number, sep = max(found) if found else (0, ".")
    taken = set(taken) | {c["id"] for c in competencies}
    number += 1
    while f"{area}{sep}{number}" in taken:
        number += 1
    return f"{area}{sep}{number}"


def slug(title: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-") or "competency"


# ---------------------------------------------------------------- writing a competency

def _levels_block(values: list[int], labels: dict[int, str]) -> str:
    out = []
    for v in values:
        label = " ".join(str(labels.get(v, v)).split())
        out.append(f"  - value: {v}\n"
                   f"    # title: a name for this level here (optional; the scale calls it {label})\n"
                   f"    summary: {_quote(f'What someone at level {v} ({label}) does in this competency.')}\n"
                   f"    signals:              # optional: observable signs of this level\n"
                   f"      - An observable sign of this level.\n"
                   f"    examples:             # optional: typical tasks or evidence at this level\n"
                   f"      - A typical task at this level.\n")
    return "".join(out)


def competency_text(cid: str, area: str, title: str, ctype: str | None = None, levels: list[int] | None = None,
                    labels: dict[int, str] | None = None, theory: str | None = None) -> str:
    """The YAML of a new competency (without the schema line): statement-rated, or level-rated when
    ``levels`` lists the scale values (above 0) to describe."""
    theory_block = (f"theory:\n  - text: How the first model applies here.\n    theories: [{theory}]\n" if theory else "")
    fields = {"q_id": _quote(cid), "q_area": _quote(area), "q_title": _quote(title), "id": cid,
              "type_line": f"type: {_quote(ctype)}" if ctype else "# type: core        # needed when framework.yml has types",
              "q_group": _quote(f"{cid}-main"), "q_statement": _quote(f"{cid}-main-1"), "theory": theory_block,
              "levels": _levels_block(levels or [], labels or {})}
    name = "competency-levels.yml" if levels else "competency.yml"
    return Template((TEMPLATE / name).read_text(encoding="utf-8")).substitute(fields)


def check_competency(text: str) -> None:
    """Raise ValueError unless ``text`` is a competency file the schema accepts."""
    data = yaml.safe_load(text)
    schema = json.loads((SCHEMAS / "competency.schema.json").read_text(encoding="utf-8"))
    errors = sorted(jsonschema.Draft202012Validator(schema).iter_errors(data), key=lambda e: list(e.path))
    if errors:
        raise ValueError("; ".join(f"{'.'.join(map(str, e.path)) or '(file)'}: {e.message}" for e in errors))


def new_competency(directory: Path, area: str, title: str, ctype: str | None = None, cid: str | None = None,
                   levels: bool = False) -> Path:
    """Write competencies/<id>-<title>.yml: a valid competency to fill in, with fresh, stable ids. Works when
    other files of the framework have problems; needs only framework.yml's areas to be readable."""
    directory = Path(directory)
    s = survey(directory)
    if not s["readable"]:
        raise ValueError(f"cannot read {directory / 'framework.yml'}: the areas are listed there")
    if area not in s["areas"]:
        listed = ", ".join(s["areas"]) or "none"
        raise ValueError(f"unknown area '{area}': the areas in framework.yml are {listed}")
    if not title.strip():
        raise ValueError("the title must not be empty")
    if ctype is not None and ctype not in s["types"]:
        raise ValueError(f"unknown type '{ctype}': " + (f"the types are {', '.join(s['types'])}" if s["types"]
                                                         else "framework.yml has no types"))
    ctype = ctype or (s["types"][0] if s["types"] else None)
    cid = cid or next_id(s["competencies"], area, s["taken"])
    if not ID.fullmatch(cid):
        raise ValueError(f"'{cid}' is not a valid id: letters, digits, dots, hyphens and underscores, "
                         "starting with a letter or digit")
    new_ids = [cid] if levels else [cid, f"{cid}-main", f"{cid}-main-1"]
    clash = [x for x in new_ids if x in s["taken"]]
    if clash:
        raise ValueError(f"id {clash[0]} is used already: choose another with --id")
    values = [v for v in s["values"] if v > 0] or [1, 2, 3]
    text = competency_text(cid, area, title.strip(), ctype, values if levels else None, s["labels"])
    check_competency(text)
    path = directory / "competencies" / f"{cid}-{slug(title)}.yml"
    if path.exists():
        raise ValueError(f"{path} exists already")
    return _write(path, "competency", text)


# ---------------------------------------------------------------- writing a framework

def new_framework(target: Path, full: bool = False, levels: bool = False) -> list[Path]:
    """Write a minimal valid framework into ``target`` (which must be new or empty): framework.yml, scale.yml and
    one competency; ``full`` adds every optional file as a starting point, ``levels`` makes the competency
    level-rated. Returns the files written."""
    target = Path(target)
    if target.exists() and (not target.is_dir() or any(target.iterdir())):
        raise FileExistsError(f"{target} is not empty: choose a new folder")
    written = []
    for name in MINIMAL:
        source = TEMPLATE / "full" / name if full and name in FULL else TEMPLATE / name
        written.append(_write(target / name, KINDS[name], source.read_text(encoding="utf-8")))
    if full:
        for name in FULL:
            if name not in MINIMAL:
                written.append(_write(target / name, KINDS[name], (TEMPLATE / "full" / name).read_text(encoding="utf-8")))
    labels = {1: "Developing", 2: "Competent", 3: "Advanced"}
    text = competency_text(FIRST["id"], FIRST["area"], FIRST["title"], None, [1, 2, 3] if levels else None, labels,
                           FIRST["theory"] if full else None)
    written.append(_write(target / "competencies" / f"{FIRST['id']}-{slug(FIRST['title'])}.yml", "competency", text))
    return written

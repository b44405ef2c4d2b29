"""The JSON Schemas: declared by every framework file for editors, and in lock-step with the validator."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import jsonschema
import pytest
import yaml

from conftest import BROKEN, MINI, ROOT, overlay
from macros import loader

SCHEMAS = ROOT / "macros" / "schemas"
FRAMEWORKS = [ROOT / "framework", ROOT / "examples" / "six-critical-competencies" / "framework"]


def kind_of(path: Path, framework_dir: Path) -> str:
    if path.parent.name == "competencies":
        return "competency"
    return loader.FILES[path.name]


def test_schemas_are_valid_json_schema():
    names = sorted(p.name for p in SCHEMAS.glob("*.schema.json"))
    assert names == sorted(f"{k}.schema.json" for k in [*loader.FILES.values(), "competency"])
    for p in SCHEMAS.glob("*.schema.json"):
        jsonschema.Draft202012Validator.check_schema(json.loads(p.read_text()))


@pytest.mark.parametrize("framework_dir", FRAMEWORKS, ids=lambda p: p.parent.name)
def test_every_framework_file_declares_its_schema_for_editors(framework_dir):
    files = [p for p in framework_dir.rglob("*.yml")]
    assert files
    for path in files:
        first = path.read_text(encoding="utf-8").splitlines()[0]
        m = re.fullmatch(r"# yaml-language-server: \$schema=(\S+)", first)
        assert m, f"{path}: no yaml-language-server schema line"
        target = (path.parent / m.group(1)).resolve()
        assert target == (SCHEMAS / f"{kind_of(path, framework_dir)}.schema.json").resolve(), path
        errors = list(jsonschema.Draft202012Validator(json.loads(target.read_text())).iter_errors(yaml.safe_load(path.read_text())))
        assert errors == [], path


CASES = sorted(p.name for p in BROKEN.iterdir() if p.is_dir())


@pytest.mark.parametrize("case", CASES)
def test_schema_and_validator_agree_on_the_broken_corpus(case, tmp_path, monkeypatch):
    """A file that parses fails its JSON Schema exactly when the validator reports schema problems for it."""
    target = overlay(BROKEN / case, MINI, tmp_path / "framework")
    monkeypatch.chdir(tmp_path)
    problems = loader.validate("framework")
    for path in sorted(target.rglob("*.yml")):
        name = path.relative_to(tmp_path).as_posix()
        if path.parent == target and path.name not in loader.FILES:
            continue
        try:
            data = yaml.safe_load(path.read_bytes().decode("utf-8"))
        except (yaml.YAMLError, UnicodeDecodeError):
            assert any(p.file == name and p.kind == "syntax" for p in problems), name
            continue
        if any(p.file == name and p.kind == "syntax" for p in problems):
            continue  # duplicate keys, tabs, non-string keys: caught before any schema
        schema = json.loads((SCHEMAS / f"{kind_of(path, target)}.schema.json").read_text())
        by_schema = {"/".join(map(str, e.absolute_path)) for e in jsonschema.Draft202012Validator(schema).iter_errors(data)}
        by_validator = [p for p in problems if p.file == name and p.kind == "schema"]
        assert bool(by_schema) == bool(by_validator), (name, by_schema, by_validator)


def test_the_strings_schema_lists_every_text_for_editors():
    """Editors complete the keys of strings.yml and show the English text; the list is the defaults' own.
    After adding a text to macros/strings.yml, run this test once with KAM_UPDATE=1 to write the list."""
    path = SCHEMAS / "strings.schema.json"
    schema = json.loads(path.read_text(encoding="utf-8"))
    wanted = {k: {"type": "string", "minLength": 1, "description": "English: " + v} for k, v in loader.default_strings().items()}
    if os.environ.get("KAM_UPDATE") == "1":
        schema["properties"]["strings"]["properties"] = wanted
        path.write_text(json.dumps(schema, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    assert schema["properties"]["strings"]["properties"] == wanted, "run: KAM_UPDATE=1 python3 -m pytest tests/test_schema.py"

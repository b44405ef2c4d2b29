"""`kam.py export` prints the compiled framework exactly as DESIGN.md §3 specifies it."""

from __future__ import annotations

import json

from test_validation import run_kam


def check_contract(fw: dict) -> None:
    assert fw["format"] == "kam-framework" and fw["format_version"] == 2
    assert isinstance(fw["id"], str) and isinstance(fw["version"], str) and isinstance(fw["title"], str)
    levels = fw["scale"]["levels"]
    assert [lv["value"] for lv in levels] == list(range(len(levels)))
    assert all(isinstance(lv["label"], str) and isinstance(lv["description"], str) for lv in levels)
    assert isinstance(fw["scale"]["not_applicable"], bool)
    assert {"pass_level", "group_floor", "evidence_share", "award_min", "will_high"} <= set(fw["rules"])
    area_ids = {a["id"] for a in fw["areas"]}
    assert all(isinstance(a["title"], str) for a in fw["areas"])
    for c in fw["competencies"]:
        assert c["area"] in area_ids and isinstance(c["title"], str)
        for g in c["groups"]:
            assert isinstance(g["id"], str) and isinstance(g["title"], str) and g["indicators"]
            for i in g["indicators"]:
                assert set(i) == {"id", "text"}
    comp_ids = {c["id"] for c in fw["competencies"]}
    for m in fw["modules"]:
        assert isinstance(m["id"], str) and isinstance(m["title"], str) and set(m["competencies"]) <= comp_ids
    for p in fw["profiles"]:
        assert isinstance(p["id"], str) and isinstance(p["title"], str)
        assert set(p["targets"]) <= comp_ids and all(isinstance(t, int) for t in p["targets"].values())


def test_export_prints_the_contract(framework):
    out = run_kam("export")
    assert out.returncode == 0, out.stderr
    exported = json.loads(out.stdout)
    check_contract(exported)
    assert exported == json.loads(json.dumps(framework))
    assert exported["competencies"][0]["groups"][0]["indicators"][0] == {
        "id": "1.1-org-1", "text": "Demonstrates understanding of the full extent of their own business, its divisions and locations."}


def test_export_to_a_file(tmp_path, framework):
    target = tmp_path / "fw.json"
    out = run_kam("export", "-o", str(target))
    assert out.returncode == 0 and out.stdout == ""
    check_contract(json.loads(target.read_text(encoding="utf-8")))


def test_export_of_another_framework(tmp_path):
    from conftest import MINI
    out = run_kam("--framework", str(MINI), "export")
    fw = json.loads(out.stdout)
    check_contract(fw)
    assert fw["id"] == "mini" and [c["id"] for c in fw["competencies"]] == ["A1", "A2", "B1"]
    assert fw["profiles"][1]["targets"] == {"A1": 2}  # no default: the scorer falls back to pass_level


def test_export_refuses_a_broken_framework(tmp_path):
    from conftest import BROKEN, MINI, overlay
    overlay(BROKEN / "duplicate-key", MINI, tmp_path / "framework")
    out = run_kam("--framework", "framework", "export", cwd=tmp_path)
    assert out.returncode == 1 and out.stdout == "" and "duplicate key" in out.stderr

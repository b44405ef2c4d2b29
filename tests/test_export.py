"""`kam.py export` prints the compiled framework exactly as DESIGN.md §3 specifies it."""

from __future__ import annotations

import json

from conftest import ROOT
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


def test_no_csv_cell_would_run_as_a_formula_in_a_spreadsheet(framework, tmp_path):
    """downloads/statements.csv and the team CSV: text beginning with =, +, -, @, TAB or CR is written with a leading
    ' (a statement '=HYPERLINK(…)' or a person named so would otherwise run when the file is opened)."""
    import copy
    import csv
    import io

    from macros import render, team

    fw = copy.deepcopy(framework)
    first = fw["competencies"][0]["groups"][0]["indicators"]
    first[0]["text"] = '=HYPERLINK("https://example.org","x")'
    first[1]["text"] = "\t=1+1"
    first[2]["text"] = "@SUM(A1)"
    rows = list(csv.reader(io.StringIO(render.statements_csv(fw).lstrip("\ufeff"))))
    assert [r[-1] for r in rows[1:4]] == ["'=HYPERLINK(\"https://example.org\",\"x\")", "'\t=1+1", "'@SUM(A1)"]
    assert all(not cell[:1] in "=+-@\t\r" for row in rows for cell in row)
    example = json.loads((ROOT / "framework" / "samples" / "worked-example.json").read_text(encoding="utf-8"))
    for k, name in enumerate(["=cmd|' /C calc'!A0", "+1", "-2", "@x"]):
        (tmp_path / f"p{k}.json").write_text(json.dumps({**example, "name": name}), encoding="utf-8")
    people, _ = team.collect(framework, [tmp_path])
    out = team.to_csv(framework, team.aggregate(framework, people, None))
    cells = [cell for row in csv.reader(io.StringIO(out)) for cell in row]
    assert all(not cell[:1] in "=+-@\t\r" for cell in cells) and "'=cmd|' /C calc'!A0" in cells

"""Interchange: the CASE 1.1 package validates against 1EdTech's JSON Schema and forms one tree up to the document;
Moodle's and Totara's CSVs parse back with every statement and every parent; import-sheet builds a framework that
validates and round-trips (the statements CSV and the workbook); its problems name the sheet, row and column."""

from __future__ import annotations

import csv
import html
import io
import json
import os
import re
import shutil
import uuid
from datetime import datetime
from pathlib import Path

import jsonschema
import pytest

from conftest import FRAMEWORK, MINI, ROOT
from macros import interchange, loader, sheets

SCHEMA = json.loads((ROOT / "tests" / "schemas" / "case-v1p1-cfpackage-schema.json").read_text(encoding="utf-8"))
LADDER = ROOT / "examples" / "support-engineering-ladder" / "framework"
SIX = ROOT / "examples" / "six-critical-competencies" / "framework"
FRAMEWORKS = {"akam": FRAMEWORK, "ladder": LADDER, "six": SIX, "mini": MINI}
EPOCH = {"SOURCE_DATE_EPOCH": "1767225600"}  # 2026-01-01T00:00:00Z


def kam(*args: str, env: dict | None = None, cwd=ROOT):
    import subprocess
    import sys

    return subprocess.run([sys.executable, str(ROOT / "scripts" / "kam.py"), *args], cwd=cwd, capture_output=True,
                          text=True, env={**os.environ, **(env or {})})


def rows_of(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text.lstrip("\ufeff"), newline="")))


def statements(fw: dict) -> list[tuple[dict, dict, dict]]:
    return [(c, g, s) for c in fw["competencies"] for g in c["groups"] for s in g["indicators"]]


# ---------------------------------------------------------------- CASE 1.1

@pytest.mark.parametrize("name", FRAMEWORKS)
def test_the_case_package_validates_against_the_case_1_1_schema_and_is_one_tree(name):
    folder = FRAMEWORKS[name]
    out = kam("--framework", str(folder), "export", "--format", "case", env=EPOCH)
    assert out.returncode == 0, out.stderr
    package = json.loads(out.stdout)
    jsonschema.Draft202012Validator(SCHEMA, format_checker=jsonschema.FormatChecker()).validate(package)
    fw = loader.load(folder)

    doc, items, assocs = package["CFDocument"], package["CFItems"], package["CFAssociations"]
    assert doc["caseVersion"] == "1.1" and doc["title"] == fw["title"] and doc["version"] == fw["version"]
    every = [doc["identifier"]] + [i["identifier"] for i in items] + [a["identifier"] for a in assocs]
    for ident in every:  # lowercase RFC 4122 UUIDs, derived by name (version 5)
        u = uuid.UUID(ident)
        assert str(u) == ident and u.version == 5 and u.variant == uuid.RFC_4122
    assert len(set(every)) == len(every)
    for obj in [doc, *items, *assocs]:
        assert obj["uri"] == f"urn:uuid:{obj['identifier']}"
        assert datetime.fromisoformat(obj["lastChangeDateTime"]) == datetime.fromisoformat("2026-01-01T00:00:00+00:00")

    # what is in it: every area, competency, group, statement and level descriptor, coded by our id
    by_code = {(i["CFItemType"], i["humanCodingScheme"]): i for i in items}
    assert len(by_code) == len(items)
    expected = ([("Area", a["id"]) for a in fw["areas"]] + [("Competency", c["id"]) for c in fw["competencies"]]
                + [("Requirement group", g["id"]) for c in fw["competencies"] for g in c["groups"]]
                + [("Statement", s["id"]) for _, _, s in statements(fw)]
                + [("Level descriptor", f"{c['id']}:{d['value']}") for c in fw["competencies"] for d in c["levels"]])
    assert sorted(by_code) == sorted(expected)
    for c, g, s in statements(fw):
        assert by_code[("Statement", s["id"])]["fullStatement"] == s["text"]
    for c in fw["competencies"]:
        assert by_code[("Competency", c["id"])]["fullStatement"] == c["title"]
        for d in c["levels"]:
            level = by_code[("Level descriptor", f"{c['id']}:{d['value']}")]
            assert level["fullStatement"] == d["summary"] and level["listEnumeration"] == str(d["value"])

    # one isChildOf per item, the item the origin; following them reaches the document from everywhere
    assert {a["associationType"] for a in assocs} == {"isChildOf"}
    parent = {}
    for a in assocs:
        origin = a["originNodeURI"]["identifier"]
        assert origin not in parent
        parent[origin] = a["destinationNodeURI"]["identifier"]
    assert set(parent) == {i["identifier"] for i in items}
    code_of = {i["identifier"]: (i["CFItemType"], i["humanCodingScheme"]) for i in items}
    for ident in parent:
        seen, node = set(), ident
        while node != doc["identifier"]:
            assert node not in seen and node in parent
            seen.add(node)
            node = parent[node]
    for c, g, s in statements(fw):
        sid = by_code[("Statement", s["id"])]["identifier"]
        assert code_of[parent[sid]] == ("Requirement group", g["id"])
        assert code_of[parent[parent[sid]]] == ("Competency", c["id"])
        assert code_of[parent[parent[parent[sid]]]] == ("Area", c["area"])


def test_a_re_export_is_byte_identical_and_identifiers_survive_a_rewording(tmp_path):
    first = kam("export", "--format", "case", env=EPOCH).stdout
    assert first and first == kam("export", "--format", "case", env=EPOCH).stdout
    assert kam("export", "--format", "case").stdout == kam("export", "--format", "case").stdout  # no clock in it
    copy = tmp_path / "framework"
    shutil.copytree(LADDER, copy)
    path = copy / "competencies" / "diagnosis.yml"
    path.write_text(path.read_text(encoding="utf-8").replace("Follows the runbook", "Works from the runbook"), encoding="utf-8")
    before = json.loads(kam("--framework", str(LADDER), "export", "--format", "case", env=EPOCH).stdout)
    after = json.loads(kam("--framework", str(copy), "export", "--format", "case", env=EPOCH).stdout)
    ids = lambda p: [(i["humanCodingScheme"], i["identifier"]) for i in p["CFItems"]]  # noqa: E731
    assert ids(before) == ids(after) and before["CFDocument"]["identifier"] == after["CFDocument"]["identifier"]
    assert before["CFItems"] != after["CFItems"]


# ---------------------------------------------------------------- Moodle and Totara

@pytest.mark.parametrize("name", FRAMEWORKS)
def test_the_moodle_csv_parses_back_with_every_statement_and_parent(name):
    fw = loader.load(FRAMEWORKS[name])
    out = kam("--framework", str(FRAMEWORKS[name]), "export", "--format", "moodle")
    assert out.returncode == 0, out.stderr
    rows = rows_of(out.stdout)
    assert rows[0] == ["Parent ID number", "ID number", "Short name", "Description", "Description format", "Scale values",
                       "Scale configuration", "Rule type (optional)", "Rule outcome (optional)", "Rule config (optional)",
                       "Cross-referenced competency ID numbers", "Exported ID (optional)", "Is framework", "Taxonomy"]
    assert all(len(r) == 14 for r in rows)
    records = [dict(zip(rows[0], r)) for r in rows[1:]]
    frameworks = [r for r in records if r["Is framework"] == "1"]
    assert len(frameworks) == 1 and records[0] is frameworks[0] and frameworks[0]["ID number"] == fw["id"]
    top = frameworks[0]
    assert top["Scale values"].split(",") == [lv["label"] for lv in fw["scale"]["levels"]]
    config = json.loads(top["Scale configuration"])
    assert set(config[0]) == {"scaleid"}
    assert [c["id"] for c in config[1:]] == list(range(1, len(fw["scale"]["levels"]) + 1))
    assert sum(c["scaledefault"] for c in config[1:]) == 1
    proficient = [lv["value"] >= fw["rules"]["pass_level"] for lv in fw["scale"]["levels"]]
    assert [bool(c["proficient"]) for c in config[1:]] == proficient
    default = next(c for c in config[1:] if c["scaledefault"])
    assert default["proficient"] == 1
    assert len(top["Taxonomy"].split(",")) == (4 if fw["parts"]["statements"] else 2)

    comps = records[1:]
    assert all(r["Is framework"] == "" and r["Scale values"] == "" for r in comps)
    assert all(0 < len(r["Short name"]) <= 100 for r in records)
    seen: dict[str, dict] = {}
    for r in comps:  # every parent comes before its children
        assert r["ID number"] not in seen
        assert r["Parent ID number"] == "" or r["Parent ID number"] in seen
        seen[r["ID number"]] = r
    area_ids = {a["id"]: r["ID number"] for a in fw["areas"] for r in comps if r["Parent ID number"] == "" and
                r["Short name"] == a["title"]}
    assert len(area_ids) == len(fw["areas"])
    for c in fw["competencies"]:
        assert seen[c["id"]]["Parent ID number"] == area_ids[c["area"]]
        description = html.unescape(seen[c["id"]]["Description"])
        for d in c["levels"]:  # a competency's level descriptors are in its description
            assert " ".join(d["summary"].split()) in description
    for c, g, s in statements(fw):
        assert seen[g["id"]]["Parent ID number"] == c["id"]
        assert seen[s["id"]]["Parent ID number"] == g["id"]
        assert " ".join(s["text"].split()) in html.unescape(seen[s["id"]]["Description"])
        name = seen[s["id"]]["Short name"]
        assert name == " ".join(s["text"].split()) or (name.endswith("…") and " ".join(s["text"].split()).startswith(name[:-1]))


@pytest.mark.parametrize("name", FRAMEWORKS)
def test_the_totara_csv_parses_back_with_every_statement_and_parent(name):
    fw = loader.load(FRAMEWORKS[name])
    out = kam("--framework", str(FRAMEWORKS[name]), "export", "--format", "totara", env=EPOCH)
    assert out.returncode == 0, out.stderr
    rows = rows_of(out.stdout)
    assert rows[0] == ["idnumber", "timemodified", "frameworkidnumber", "shortname", "fullname", "parentidnumber",
                       "description", "typeidnumber", "deleted"]
    records = [dict(zip(rows[0], r)) for r in rows[1:]]
    assert all(r["frameworkidnumber"] == fw["id"] and r["timemodified"] == EPOCH["SOURCE_DATE_EPOCH"] and r["deleted"] == "0"
               and 0 < len(r["shortname"]) <= 100 and r["fullname"] for r in records)
    seen: dict[str, dict] = {}
    for r in records:
        assert r["idnumber"] not in seen and (r["parentidnumber"] == "" or r["parentidnumber"] in seen)
        seen[r["idnumber"]] = r
    assert len([r for r in records if r["parentidnumber"] == ""]) == len(fw["areas"])
    for c in fw["competencies"]:
        assert seen[c["id"]]["fullname"] == c["title"]
        for d in c["levels"]:
            assert " ".join(d["summary"].split()) in seen[c["id"]]["description"]
    for c, g, s in statements(fw):
        assert seen[s["id"]]["parentidnumber"] == g["id"] and seen[g["id"]]["parentidnumber"] == c["id"]
        assert seen[s["id"]]["fullname"] == " ".join(s["text"].split())


def test_an_area_whose_id_a_competency_also_has_gets_its_own_id_number():
    fw = loader.load(MINI)
    fw = {**fw, "areas": [{**fw["areas"][0], "id": "A1", "competencies": ["A1", "A2"]}, *fw["areas"][1:]],
          "competencies": [{**c, "area": "A1"} if c["area"] == "A" else c for c in fw["competencies"]]}
    records = rows_of(interchange.moodle_csv(fw))[2:]
    assert ["", "area-A1"] == records[0][:2] and ["area-A1", "A1"] == records[1][:2]


def test_short_names_are_cut_at_a_word():
    text = "word " * 40
    cut = interchange.short_name(text)
    assert len(cut) <= 100 and cut.endswith("word…")
    assert interchange.short_name("short  text\n") == "short text"


def test_no_exported_cell_would_run_as_a_formula(framework):
    import copy

    fw = copy.deepcopy(framework)
    fw["competencies"][0]["groups"][0]["indicators"][0]["text"] = '=HYPERLINK("https://example.org","x")'
    for text in (interchange.moodle_csv(fw), interchange.totara_csv(fw, datetime.now())):
        cells = [cell for row in rows_of(text) for cell in row]
        assert not [cell for cell in cells if cell and cell[0] in "=+-@\t\r"]
        assert any(cell.startswith("'=HYPERLINK") for cell in cells)


# ---------------------------------------------------------------- import-sheet

def content(fw: dict, group_ids: bool = True, area_ids: bool = True, descriptions: bool = True) -> dict:
    """The framework's content that a sheet carries."""
    areas = {a["id"]: a for a in fw["areas"]}
    return {
        "areas": [(a["id"] if area_ids else None, a["title"], a.get("description", "") if descriptions else None)
                  for a in fw["areas"]],
        "competencies": [(c["id"], areas[c["area"]]["title"], c["title"], c["description"] if descriptions else None,
                          c["rated"], [{k: d[k] for k in ("value", "title", "summary", "signals", "examples")}
                                       for d in c["levels"]] if (c["rated"] == "levels" or descriptions) else None,
                          [(g["id"] if group_ids else None, g["title"], g["indicators"]) for g in c["groups"]])
                         for c in fw["competencies"]],
    }


def test_the_statements_csv_round_trips_through_import_sheet(tmp_path):
    """export --format csv (the downloads' statements.csv) -> import-sheet -> the same areas, competencies,
    statements and level descriptors. That CSV has no group ids (they are made from the group's title), no
    descriptions, and names areas with word ids by their title only (their ids are then made from it)."""
    for name, folder, area_ids in (("akam", FRAMEWORK, True), ("ladder", LADDER, False), ("mini", MINI, False)):
        sheet = tmp_path / f"{name}.csv"
        assert kam("--framework", str(folder), "export", "--format", "csv", "-o", str(sheet)).returncode == 0
        out = kam("import-sheet", str(sheet), str(tmp_path / name), "--scale", str(folder / "scale.yml"))
        assert out.returncode == 0, out.stderr
        assert kam("--framework", str(tmp_path / name), "validate").returncode == 0
        before, after = loader.load(folder), loader.load(tmp_path / name)
        assert content(after, group_ids=False, area_ids=area_ids, descriptions=False) == \
            content(before, group_ids=False, area_ids=area_ids, descriptions=False), name
        assert after["scale"] == before["scale"]
        assert sorted(rows_of(sheet.read_text(encoding="utf-8"))) == \
            sorted(rows_of(kam("--framework", str(tmp_path / name), "export", "--format", "csv").stdout))


@pytest.mark.parametrize("name", FRAMEWORKS)
def test_the_workbook_round_trips_to_the_same_framework(tmp_path, name):
    folder = FRAMEWORKS[name]
    book = tmp_path / "framework.xlsx"
    assert kam("--framework", str(folder), "export", "--format", "xlsx", "-o", str(book)).returncode == 0
    out = kam("import-sheet", str(book), str(tmp_path / "copy"))
    assert out.returncode == 0, out.stderr
    before, after = loader.load(folder), loader.load(tmp_path / "copy")
    assert content(after) == content(before)
    for key in ("id", "version", "title", "short_title", "language", "scale"):
        assert after[key] == before[key], key
    assert after["rules"]["pass_level"] == before["rules"]["pass_level"]


def test_the_template_imports_into_a_valid_framework(tmp_path):
    book = tmp_path / "template.xlsx"
    book.write_bytes(sheets.template())
    out = kam("import-sheet", str(book), str(tmp_path / "mine"), "--id", "our-skills", "--title", "Our skills")
    assert out.returncode == 0, out.stderr
    fw = loader.load(tmp_path / "mine")
    assert fw["id"] == "our-skills" and fw["title"] == "Our skills"
    assert [c["rated"] for c in fw["competencies"]] == ["statements", "levels"]


def write_csv(path: Path, rows: list[list[str]]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as f:
        csv.writer(f).writerows(rows)
    return path


def test_problems_name_the_file_row_and_column_and_nothing_is_written(tmp_path):
    sheet = write_csv(tmp_path / "skills.csv", [
        ["area", "competency", "group", "statement id", "statement", "colour"],
        ["1 Customers", "1.1 Listening", "Basics", "1.1-b-1", "Lets others finish."],
        ["1 Customers", "1.1 Listening", "Basics", "", "Sums up."],
        ["1 Customers", "1.1 Listening", "Basics", "1.1-b-1", "Asks."],
        ["", "1.2 Planning", "Basics", "1.2-b 1", "Plans."],
        ["2 Other", "1.1 Listening", "Basics", "1.1-b-9", "Moves."],
    ])
    out = kam("import-sheet", str(sheet), str(tmp_path / "out"))
    assert out.returncode == 1 and not (tmp_path / "out").exists()
    err = out.stderr
    assert "skills.csv: row 1, column F (colour): unknown column for a sheet of statements" in err
    assert "skills.csv: row 3, column D (statement id): the statement id is empty" in err
    assert "skills.csv: row 4, column D (statement id): id '1.1-b-1' is used already, at skills.csv: row 2, column D" in err
    assert "skills.csv: row 5, column A (area): which area is competency '1.2' in? the area is empty" in err
    assert "skills.csv: row 6, column A (area): competency '1.1' is in area '1' at skills.csv: row 2, here in '2'" in err


def test_problems_in_a_workbook_name_the_sheet(tmp_path):
    book = tmp_path / "team.xlsx"
    book.write_bytes(sheets.write_xlsx([
        ("statements", [["area", "competency", "group", "statement id", "statement"]]),
        ("levels", [["area", "competency", "level", "summary"],
                    ["A Craft", "A1 Planning", "1", "Plans their week."],
                    ["A Craft", "A1 Planning", "7", "Plans the year."],
                    ["A Craft", "A1 Planning", "2 Sometimes", "Plans the team's work."]]),
    ]))
    out = kam("import-sheet", str(book), str(tmp_path / "out"))
    assert out.returncode == 1, out.stdout
    assert "team.xlsx: sheet levels, row 3, column C (level): level 7 is not on the scale: its values are 0, 1, 2, 3" in out.stderr
    assert "team.xlsx: sheet levels, row 4, column C (level): level 2 is called 'Competent' on the scale, here 'Sometimes'" in out.stderr
    assert "team.xlsx: sheet levels, row 2: competency 'A1' is rated by levels (it has no statements) and needs a level " \
           "for every scale value above 0: missing 2, 3" in out.stderr


def test_formulas_stay_text_through_csv_and_workbook(tmp_path):
    """A statement '=HYPERLINK(…)': the CSV export guards it with a leading ', import-sheet takes the guard off;
    the workbook stores it as text, never as a formula."""
    import openpyxl

    folder = tmp_path / "fw"
    shutil.copytree(MINI, folder)
    path = next((folder / "competencies").glob("A1*.yml"))
    text = path.read_text(encoding="utf-8")
    first = re.search(r"text: (.+)", text).group(1)
    path.write_text(text.replace(first, "'=HYPERLINK(\"https://example.org\",\"x\")'", 1), encoding="utf-8")
    fw = loader.load(folder)
    formula = '=HYPERLINK("https://example.org","x")'
    assert statements(fw)[0][2]["text"] == formula
    sheet = tmp_path / "s.csv"
    kam("--framework", str(folder), "export", "--format", "csv", "-o", str(sheet))
    assert "'=HYPERLINK" in sheet.read_text(encoding="utf-8")
    assert kam("import-sheet", str(sheet), str(tmp_path / "a"), "--scale", str(folder / "scale.yml")).returncode == 0
    assert statements(loader.load(tmp_path / "a"))[0][2]["text"] == formula
    book = tmp_path / "s.xlsx"
    kam("--framework", str(folder), "export", "--format", "xlsx", "-o", str(book))
    cells = [c for row in openpyxl.load_workbook(book)["statements"].iter_rows() for c in row if c.value == formula]
    assert cells and all(c.data_type == "s" for c in cells)
    assert kam("import-sheet", str(book), str(tmp_path / "b")).returncode == 0
    assert statements(loader.load(tmp_path / "b"))[0][2]["text"] == formula


def test_import_sheet_refuses_a_folder_that_is_not_empty_and_a_file_of_another_kind(tmp_path):
    (tmp_path / "full").mkdir()
    (tmp_path / "full" / "x").write_text("x")
    sheet = write_csv(tmp_path / "s.csv", [["area", "competency", "group", "statement id", "statement"]])
    out = kam("import-sheet", str(sheet), str(tmp_path / "full"))
    assert out.returncode == 1 and "is not empty" in out.stderr
    (tmp_path / "s.txt").write_text("x")
    out = kam("import-sheet", str(tmp_path / "s.txt"), str(tmp_path / "new"))
    assert out.returncode == 1 and "expected a .csv or .xlsx file" in out.stderr
    out = kam("import-sheet", str(sheet), str(tmp_path / "new"))
    assert out.returncode == 1 and "no competencies" in out.stderr

"""The Word documents (and the Markdown alike) a person writes their submission in: templates.js run under Node
(tests/js/docx_run.mjs), its .docx files opened with python-docx and read part by part. One competency of the AKAM
framework with the worked example and with a filled-in workspace entry, the pack of three competencies, and a
level-rated framework (the support engineering ladder, given a neutral workspace): cover block, header, footer with
PAGE and NUMPAGES fields, writing space, checklist, evidence table, reflection, sign-off lines, page breaks, core
properties, a well-formed package."""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
import subprocess
import zipfile
from dataclasses import dataclass
from pathlib import Path
from posixpath import dirname, join, normpath

import pytest

from conftest import ROOT
from macros import loader, render

docx = pytest.importorskip("docx")
etree = pytest.importorskip("lxml.etree")
from docx.table import Table  # noqa: E402
from docx.text.paragraph import Paragraph  # noqa: E402

RUNNER = ROOT / "tests" / "js" / "docx_run.mjs"
EXAMPLE = ROOT / "framework" / "samples" / "worked-example.json"
LADDER = ROOT / "examples" / "support-engineering-ladder" / "framework"

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PR = "http://schemas.openxmlformats.org/package/2006/relationships"
CT = "http://schemas.openxmlformats.org/package/2006/content-types"
NS = {"w": W, "r": R}
HEADER_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/header"
FOOTER_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer"

NAME = "Alex Example"
DATE = "2026-03-01"
ODD_NAME = 'Sam O\'Neil & <Jo> "Q"'  # every character XML must escape, in the core properties and the cover
PACK = ["1.1", "1.4", "2.4"]
BOX = "☐☒"  # the checklist glyphs: empty and ticked ballot boxes

# Words that would show the template filled in from nothing, a translation key left as it is, or a plural made by hand.
LEAKS = [re.compile(r"\bundefined\b"), re.compile(r"\bnull\b"), re.compile(r"\bNaN\b"), re.compile(r"\[object Object\]"),
         re.compile(r"They do not:"), re.compile(r"no words", re.I), re.compile(r"\b1 words\b"),
         re.compile(r"\{[A-Za-z_][A-Za-z0-9_]*\}"), re.compile(r"\b(?:tpl|ws)_[a-z_]+\b")]
HAND_PLURAL = re.compile(r"\w\(s\)")  # "statement(s)": in the template's own words (a source's statements may have them)
AWARD_WORDS = re.compile(r"akam|diploma|key[\s-]*accounts?|\baward", re.I)

NEUTRAL_WORKSPACE = """\
diploma:
  short_title: Promotion case
  title: Lanternfish promotion case
  awarded_by: The Lanternfish support leadership team
  word_guidance: {min: 300, max: 600, per: competency, binding: false}
  rules:
    - id: minimum
      title: At least {award_min} of {competency_count}
      text: Between {words_min} and {words_max} words each.
  sign_off:
    who: Your team lead
    confirms: The examples are real and your own.
    does_not: Decide the level.
    decided_by: the promotion panel
  workspace:
    statuses:
      - {id: todo, label: To do}
      - {id: done, label: Done, final: true}
    evidence_types:
      - {id: case, label: Support case}
    evidence_checks:
      - {id: real, label: Real, question: "Did it happen?"}
    linking_document: Case notes instead of a write-up.
"""


# ---------------------------------------------------------------- running templates.js


def run_templates(fw: dict, assessment: dict, jobs: list[dict], out: Path) -> dict:
    """Node writes each job's .docx, .md and .json (the document's blocks) to ``out``; the answer per job."""
    exe = shutil.which("node")
    if not exe:
        pytest.fail("these tests need Node.js (node) on the PATH to run templates.js")
    request = {"framework": render.browser_framework(fw), "strings": fw["strings"], "assessment": assessment,
               "out": str(out), "jobs": jobs}
    done = subprocess.run([exe, str(RUNNER)], input=json.dumps(request, ensure_ascii=False), capture_output=True,
                          text=True, encoding="utf-8", timeout=60)
    assert done.returncode == 0, done.stderr
    answer = json.loads(done.stdout)
    for file, got in answer.items():
        assert got["ok"], f"{file}: {got.get('stack')}"
    return answer


@dataclass
class Item:
    """One element of the document's body, in order: a paragraph (its style's name, its text) or a table (its
    style's id, its cells' texts)."""
    kind: str
    style: str
    text: str
    cells: list
    el: object


@dataclass
class Made:
    path: Path
    doc: object  # docx.Document
    parts: dict  # part name -> bytes
    md: str
    blocks: dict  # the document as templates.js made it (title, author, header, date, blocks)

    @property
    def body(self) -> list[Item]:
        out = []
        for el in self.doc.element.body.iterchildren():
            tag = etree.QName(el).localname
            if tag == "p":
                p = Paragraph(el, self.doc)
                out.append(Item("p", p.style.name, p.text, [], el))
            elif tag == "tbl":
                style = el.find("w:tblPr/w:tblStyle", NS)
                cells = [[c.text for c in row.cells] for row in Table(el, self.doc).rows]
                out.append(Item("tbl", style.get(f"{{{W}}}val") if style is not None else "", "", cells, el))
        return out

    def xml(self, name: str):
        return etree.fromstring(self.parts[name])

    def texts(self) -> str:
        """Every text the reader sees: the body, header and footer, the core properties, and the Markdown."""
        parts = [" ".join(self.xml(n).itertext()) for n in self.parts if n.endswith(".xml") and n != "[Content_Types].xml"
                 and not n.startswith("word/styles")]
        return "\n".join(parts + [self.md])


def opened(out: Path, file: str) -> Made:
    path = out / f"{file}.docx"
    with zipfile.ZipFile(path) as z:
        parts = {n: z.read(n) for n in z.namelist()}
    return Made(path, docx.Document(str(path)), parts, (out / f"{file}.md").read_text(encoding="utf-8"),
                json.loads((out / f"{file}.json").read_text(encoding="utf-8")))


def worked_example() -> dict:
    a = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    a.pop("name", None)
    return a


def filled(fw: dict) -> dict:
    """The worked example with a workspace entry for 1.4: status, word count, evidence (one piece with characters XML
    must escape), theory applied and a sign-off; and 2.4 as a linking document."""
    c = next(x for x in render.browser_framework(fw)["competencies"] if x["id"] == "1.4")
    g = [x["id"] for x in c["groups"]]
    return {**worked_example(), "submission": {"chosen": PACK, "feedback_first": None, "competencies": {
        "1.4": {"status": "drafting", "mode": "full", "words": 950,
                "evidence": [{"title": "Plan for Q3 & <review> \"draft\"", "type": "account-plan", "date": "2026-02-10",
                              "own_share": 80, "groups": [g[0], g[1]], "checks": {"valid": True, "authentic": False}},
                             {"title": "Board deck", "type": "presentation", "date": "2026-02-20", "groups": [g[2]],
                              "checks": {"valid": True, "authentic": True, "current": True, "sufficient": True}},
                             {"title": "", "groups": [g[3]]}],
                "theories": [c["theory"][0]["theories"][0], c["theory"][1]["theories"][0]],
                "sign_off": {"name": "Pat Reviewer", "role": "Sales director", "date": "2026-03-02"}},
        "2.4": {"status": "final", "mode": "linking"}}}}


@pytest.fixture(scope="module")
def akam(framework, tmp_path_factory) -> dict:
    out = tmp_path_factory.mktemp("docx-akam")
    who = {"name": NAME, "date": DATE}
    run_templates(framework, worked_example(), [
        {"file": "one", "kind": "competency", "cid": "1.4", "who": who},
        {"file": "undated", "kind": "competency", "cid": "2.4", "who": {}},
        {"file": "pack", "kind": "pack", "chosen": PACK, "who": who},
    ], out)
    run_templates(framework, filled(framework), [
        {"file": "filled", "kind": "competency", "cid": "1.4", "who": {"name": ODD_NAME, "date": DATE}},
        {"file": "linking", "kind": "competency", "cid": "2.4", "who": who},
    ], out)
    return {f: opened(out, f) for f in ("one", "undated", "pack", "filled", "linking")}


@pytest.fixture(scope="module")
def ladder_fw(tmp_path_factory) -> dict:
    """The level-rated example framework with a neutral workspace (templates.js is the workspace's: a framework
    without one has no workspace page and no templates), and the award minimum that asks for."""
    target = tmp_path_factory.mktemp("ladder") / "framework"
    shutil.copytree(LADDER, target)
    (target / "diploma.yml").write_text(NEUTRAL_WORKSPACE, encoding="utf-8")
    scale = target / "scale.yml"
    text = scale.read_text(encoding="utf-8")
    assert "  pass_level: 2.5\n" in text
    scale.write_text(text.replace("  pass_level: 2.5\n", "  pass_level: 2.5\n  award_min: 4\n"), encoding="utf-8")
    return loader.load(target)


@pytest.fixture(scope="module")
def ladder(ladder_fw, tmp_path_factory) -> dict:
    out = tmp_path_factory.mktemp("docx-ladder")
    ids = [c["id"] for c in ladder_fw["competencies"]]
    run_templates(ladder_fw, {}, [
        {"file": "one", "kind": "competency", "cid": ids[0], "who": {"name": NAME, "date": DATE}},
        {"file": "pack", "kind": "pack", "chosen": ids, "who": {}},
    ], out)
    return {f: opened(out, f) for f in ("one", "pack")}


def bfw(fw: dict) -> dict:
    return render.browser_framework(fw)


def comp(fw: dict, cid: str) -> dict:
    return next(c for c in bfw(fw)["competencies"] if c["id"] == cid)


def md_esc(text: str) -> str:
    return re.sub(r"([\\`*_\[\]<>#|])", r"\\\1", str(text))


def section(body: list[Item], heading: str, style: str = "Heading 2") -> list[Item]:
    """The items after the (only) heading ``heading`` up to the next heading of that level or above."""
    at = [k for k, x in enumerate(body) if x.kind == "p" and x.style == style and x.text == heading]
    assert len(at) == 1, f"{heading!r}: {len(at)} headings"
    out = []
    for x in body[at[0] + 1:]:
        if x.kind == "p" and x.style in ("Heading 1", style):
            break
        out.append(x)
    return out


def is_writing_box(x: Item) -> bool:
    """The writing space: a table of one bordered cell with a minimum height of at least four lines."""
    if x.kind != "tbl" or x.style != "WritingSpace" or len(x.cells) != 1 or len(x.cells[0]) != 1:
        return False
    borders = x.el.find("w:tblPr/w:tblBorders", NS)
    sides = {etree.QName(b).localname for b in borders if b.get(f"{{{W}}}val") == "single"} if borders is not None else set()
    height = x.el.find("w:tr/w:trPr/w:trHeight", NS)
    return {"top", "left", "bottom", "right"} <= sides and height is not None \
        and height.get(f"{{{W}}}hRule") == "atLeast" and int(height.get(f"{{{W}}}val")) >= 4 * 360


def fields(x: Item) -> dict:
    return {row[0]: row[1] for row in x.cells}


def checklist(items: list[Item]) -> list[str]:
    """The checklist lines' texts, without their glyph; each line must open with a ballot box and a tab."""
    out = []
    for x in items:
        if x.kind == "p" and x.style == "Checklist":
            assert x.text[0] in BOX and x.text[1] == "\t", x.text
            out.append(x.text[2:])
    return out


def content(fw: dict) -> list[str]:
    """The framework's own texts that templates.js copies in: names, statements, level descriptors."""
    out = []
    for c in bfw(fw)["competencies"]:
        out += [c["name"], c.get("description") or ""]
        out += [x for g in c["groups"] for x in [g["title"], *(i["text"] for i in g["indicators"])]]
        out += [x for lv in c["levels"] or [] for x in (lv.get("title") or "", lv["summary"])]
        out += [i["text"] for i in c.get("theory") or []]
    return sorted({x for x in out if x}, key=len, reverse=True)


def no_leaks(made: Made, fw: dict) -> None:
    text = made.texts()
    for pattern in LEAKS:
        found = pattern.search(text)
        assert not found, f"{pattern.pattern!r} in …{text[max(0, found.start() - 80):found.end() + 80]}…"
    own = text
    for x in content(fw):
        own = own.replace(x, " ").replace(md_esc(x), " ")
    found = HAND_PLURAL.search(own)
    assert not found, f"a plural made by hand in the template's words: …{own[max(0, found.start() - 80):found.end() + 80]}…"


# ---------------------------------------------------------------- the package


@pytest.mark.parametrize("file", ["one", "pack", "filled"])
def test_package_is_a_well_formed_docx(akam, file):
    made = akam[file]
    with zipfile.ZipFile(made.path) as z:
        assert z.testzip() is None  # every member's CRC is right
        names = z.namelist()
    assert len(names) == len(set(names))
    for required in ("[Content_Types].xml", "_rels/.rels", "word/document.xml", "word/_rels/document.xml.rels",
                     "word/styles.xml", "docProps/core.xml"):
        assert required in names
    for name, data in made.parts.items():
        assert data.startswith(b"<?xml"), name
        etree.fromstring(data)  # every part parses
    # every part has a content type: an override, or the default for its extension
    types = made.xml("[Content_Types].xml")
    overrides = {o.get("PartName"): o.get("ContentType") for o in types.findall(f"{{{CT}}}Override")}
    defaults = {d.get("Extension"): d.get("ContentType") for d in types.findall(f"{{{CT}}}Default")}
    for name in names:
        assert f"/{name}" in overrides or name.rsplit(".", 1)[-1] in defaults, name
    for part in overrides:
        assert part.lstrip("/") in names, f"content type for a missing part {part}"
    assert overrides["/word/document.xml"].endswith("wordprocessingml.document.main+xml")
    # every relationship points at a part that is there
    for rels in (n for n in names if n.endswith(".rels")):
        base = dirname(dirname(rels))
        for rel in made.xml(rels).findall(f"{{{PR}}}Relationship"):
            assert normpath(join(base, rel.get("Target"))) in names, (rels, rel.get("Target"))
    root = {r.get("Type").rsplit("/", 1)[-1]: r.get("Target") for r in made.xml("_rels/.rels")}
    assert root["officeDocument"] == "word/document.xml" and root["core-properties"] == "docProps/core.xml"
    # the section's header and footer references resolve to header and footer parts
    doc_rels = {r.get("Id"): r for r in made.xml("word/_rels/document.xml.rels")}
    sect = made.xml("word/document.xml").findall("w:body/w:sectPr", NS)
    assert len(sect) == 1
    for kind, rel_type, content in (("header", HEADER_REL, "header+xml"), ("footer", FOOTER_REL, "footer+xml")):
        refs = sect[0].findall(f"w:{kind}Reference", NS)
        assert [r.get(f"{{{W}}}type") for r in refs] == ["default"], kind
        rel = doc_rels[refs[0].get(f"{{{R}}}id")]
        assert rel.get("Type") == rel_type
        part = normpath(join("word", rel.get("Target")))
        assert part in names and overrides[f"/{part}"].endswith(content)
        assert etree.QName(made.xml(part)).localname == {"header": "hdr", "footer": "ftr"}[kind]
    # every paragraph style and table style used is defined
    styles = {s.get(f"{{{W}}}styleId") for s in made.xml("word/styles.xml").findall("w:style", NS)}
    used = {s.get(f"{{{W}}}val") for s in made.xml("word/document.xml").iter(f"{{{W}}}pStyle", f"{{{W}}}tblStyle")}
    assert used and used <= styles, used - styles
    # A4, and the body ends in a paragraph before the section properties (as Word writes it)
    size = sect[0].find("w:pgSz", NS)
    assert (size.get(f"{{{W}}}w"), size.get(f"{{{W}}}h")) == ("11906", "16838")
    assert etree.QName(list(made.xml("word/document.xml").find("w:body", NS))[-2]).localname == "p"


# ---------------------------------------------------------------- one competency (AKAM, the worked example)


def test_core_properties_name_the_competency_and_the_candidate(akam, framework):
    c = comp(framework, "1.4")
    core = akam["one"].doc.core_properties
    assert core.title == f"{c['name']} — {NAME}" and core.title != "Word Document"
    assert core.author == NAME and core.last_modified_by == NAME
    assert core.created == dt.datetime(2026, 3, 1, tzinfo=dt.timezone.utc) == core.modified
    # without a name: the competency alone, and no author
    undated = akam["undated"].doc.core_properties
    assert undated.title == comp(framework, "2.4")["name"] and undated.author == ""
    # characters XML escapes come back as they were
    assert akam["filled"].doc.core_properties.author == ODD_NAME
    assert akam["filled"].doc.core_properties.title == f"{c['name']} — {ODD_NAME}"


def test_cover_block(akam, framework):
    s = framework["strings"]
    c = comp(framework, "1.4")
    body = akam["one"].body
    assert body[0].kind == "p" and body[0].style == "Heading 1" and body[0].text == c["name"]
    assert body[1].kind == "tbl" and body[1].style == "Fields"
    assert body[2].text == "" and body[3].style == "Quote" and body[3].text == s["tpl_structure"]
    cover = fields(body[1])
    assert cover[s["name"]] == NAME
    assert cover[s["competency"]] == c["name"]
    assert cover[s["tpl_cover_framework"]] == f"{framework['title']}, version {framework['version']}"
    assert cover[s["date"]] == DATE
    assert cover[s["status"]] == framework["diploma"]["workspace"]["statuses"][0]["label"]
    guide = framework["diploma"]["word_guidance"]
    assert str(guide["min"]) in cover[s["tpl_cover_write_up"]] and str(guide["max"]) in cover[s["tpl_cover_write_up"]]
    # the labels in bold, the cover without borders
    label_run = body[1].el.find("w:tr/w:tc/w:p/w:r/w:rPr/w:b", NS)
    assert label_run is not None
    assert not len(body[1].el.find("w:tblPr/w:tblBorders", NS))


def test_cover_block_without_a_date_has_today(akam, framework):
    cover = fields(akam["undated"].body[1])
    s = framework["strings"]
    assert cover[s["name"]] == ""
    given = dt.date.fromisoformat(cover[s["date"]])
    assert abs((given - dt.datetime.now(dt.timezone.utc).date()).days) <= 1
    assert akam["undated"].doc.core_properties.created.date() == given


def test_header_and_footer_with_page_numbers(akam, framework):
    for file in ("one", "pack"):
        made = akam[file]
        section_ = made.doc.sections[0]
        assert [p.text for p in section_.header.paragraphs] == [f"{NAME} · {framework['title']}, version {framework['version']}"]
        footer = section_.footer._element
        instr = [f.get(f"{{{W}}}instr").strip() for f in footer.iter(f"{{{W}}}fldSimple")]
        instr += ["".join(x.text.split()) for x in footer.iter(f"{{{W}}}instrText")]
        assert instr.count("PAGE") == 1 and instr.count("NUMPAGES") == 1, instr
        # "Page {page} of {pages}": the words around the two fields, the fields in place of the parameters
        words = framework["strings"]["tpl_page"]
        assert len(section_.footer.paragraphs) == 1
        around = "".join(t.text for t in section_.footer.paragraphs[0]._p.findall("w:r/w:t", NS))
        assert around == words.replace("{page}", "").replace("{pages}", "")
        order = [("PAGE" if f.get(f"{{{W}}}instr").strip() == "PAGE" else "NUMPAGES") for f in footer.iter(f"{{{W}}}fldSimple")]
        assert order == (["PAGE", "NUMPAGES"] if words.index("{page}") < words.index("{pages}") else ["NUMPAGES", "PAGE"])
    # without a name, the header names only the framework
    header = akam["undated"].doc.sections[0].header.paragraphs[0].text
    assert header == f"{framework['title']}, version {framework['version']}"


def test_each_requirement_group_has_its_statements_as_a_checklist_and_room_to_write(akam, framework):
    c = comp(framework, "1.4")
    s = framework["strings"]
    body = akam["one"].body
    assert [x.text for x in body if x.kind == "p" and x.style == "Heading 2"][:len(c["groups"])] == [g["title"] for g in c["groups"]]
    for g in c["groups"]:
        items = section(body, g["title"])
        assert items[0].style == "Quote" and items[0].text == s["tpl_group_prompt"]
        assert checklist(items) == [f"{i['id']}: {i['text']}" for i in g["indicators"]]
        # all unticked: the template is filled in by hand (the Markdown alike: "- [ ]")
        assert all(x.text[0] == "☐" for x in items if x.style == "Checklist")
        # the checklist, then the box to write in, then the evidence logged for the group
        last_check = max(k for k, x in enumerate(items) if x.style == "Checklist")
        assert is_writing_box(items[last_check + 1]), items[last_check + 1]
        assert items[last_check + 1].cells == [[s["tpl_write_here"]]]
        assert [x.text for x in items[last_check + 2:] if x.kind == "p" and x.text] == [s["tpl_group_no_evidence"]]
    # the glyph is in a font that has it
    fonts = akam["one"].xml("word/document.xml").findall(".//w:pPr/w:pStyle[@w:val='Checklist']/../../w:r[1]/w:rPr/w:rFonts", NS)
    assert fonts and all(f.get(f"{{{W}}}ascii") == "Segoe UI Symbol" for f in fonts)
    # Checklist is a real paragraph style with a hanging indent
    style = akam["one"].doc.styles["Checklist"]
    assert style.paragraph_format.first_line_indent is not None and style.paragraph_format.first_line_indent < 0


def test_theory_evidence_table_reflection_and_sign_off(akam, framework):
    c = comp(framework, "1.4")
    s = framework["strings"]
    so = framework["diploma"]["sign_off"]
    ws = framework["diploma"]["workspace"]
    body = akam["one"].body
    h2 = [x.text for x in body if x.kind == "p" and x.style == "Heading 2"]
    assert h2 == [g["title"] for g in c["groups"]] + [s["tpl_theory"], s["tpl_evidence_list"], s["tpl_reflection"], s["sign_off"]]
    theory = section(body, s["tpl_theory"])
    assert all(i["text"] in theory[0].text for i in c["theory"]) and is_writing_box(theory[-2])
    # the evidence table: a header row repeated on each page, the four checks as boxes in each row to fill in
    table = [x for x in section(body, s["tpl_evidence_list"]) if x.kind == "tbl"]
    assert len(table) == 1 and table[0].style == "EvidenceTable"
    head, *rows = table[0].cells
    assert head == [s["ws_title"], s["ws_type"], s["date"], s["tpl_col_groups"], s["ws_checks"]]
    assert table[0].el.find("w:tr/w:trPr/w:tblHeader", NS) is not None
    assert len(rows) == 3
    boxes = "  ".join(f"☐ {k['label']}" for k in ws["evidence_checks"])
    assert all(r == ["", "", "", "", boxes] for r in rows)
    widths = [int(g.get(f"{{{W}}}w")) for g in table[0].el.findall("w:tblGrid/w:gridCol", NS)]
    assert len(widths) == 5 and sum(widths) == 9638
    # the reflection: the prompt, the person's own notes, room to write
    reflection = section(body, s["tpl_reflection"])
    assert reflection[0].style == "Quote" and reflection[0].text == s["tpl_reflection_prompt"]
    notes = worked_example()["notes"]["1.4"]
    assert reflection[1].text == s["tpl_notes"].replace("{notes}", notes)
    assert is_writing_box(reflection[2])
    # the sign-off: who signs to confirm what, and lines to sign on
    sign = section(body, s["sign_off"])
    text = sign[0].text
    assert so["who"] in text and so["confirms"] in text and so["decided_by"] in text
    assert f"They do not {so['does_not'][0].lower()}{so['does_not'][1:]}" in text
    lines = next(x for x in sign if x.kind == "tbl")
    assert lines.style == "SignOff"
    assert lines.cells == [[s["name"], ""], [s["role"], ""], [s["date"], ""], [s["tpl_signature"], ""]]
    for row in lines.el.findall("w:tr", NS):
        value = row.findall("w:tc", NS)[1]
        assert value.find("w:tcPr/w:tcBorders/w:bottom", NS).get(f"{{{W}}}val") == "single"  # the line
        assert int(row.find("w:trPr/w:trHeight", NS).get(f"{{{W}}}val")) >= 567
    assert body[-1].kind == "p"  # nothing after the sign-off but the closing paragraph


def test_a_filled_workspace_entry_fills_the_template(akam, framework):
    c = comp(framework, "1.4")
    s = framework["strings"]
    ws = framework["diploma"]["workspace"]
    made = akam["filled"]
    body = made.body
    cover = fields(body[1])
    assert cover[s["name"]] == ODD_NAME
    assert cover[s["status"]] == next(x["label"] for x in ws["statuses"] if x["id"] == "drafting")
    assert cover[s["tpl_cover_write_up"]].startswith("950 words")
    g = c["groups"]
    first = section(body, g[0]["title"])
    line = next(x.text for x in first if x.kind == "p" and x.text.startswith(s["tpl_group_evidence"].split("{")[0]))
    assert 'Plan for Q3 & <review> "draft" (Account plan)' in line
    last = section(body, g[3]["title"])
    assert any(s["tpl_untitled"] in x.text for x in last if x.kind == "p")
    # theory applied: the titles of the theories ticked
    theory = section(body, s["tpl_theory"])
    titles = {t["id"]: t["title"] for t in bfw(framework)["theories"]}
    assert [x.text for x in theory if x.style == "List Bullet"] == [f"• \t{titles[c['theory'][k]['theories'][0]]}" for k in (0, 1)]
    # the evidence table: one row per piece, the checks ticked as entered; no blank rows to fill once there are three
    table = next(x for x in section(body, s["tpl_evidence_list"]) if x.kind == "tbl")
    head, *rows = table.cells
    assert len(rows) == 3
    assert rows[0][:4] == ['Plan for Q3 & <review> "draft" (80% own work)', "Account plan", "2026-02-10",
                           f"{g[0]['title']}; {g[1]['title']}"]
    assert rows[0][4] == "☒ Valid  ☐ Authentic  ☐ Current  ☐ Sufficient"
    assert rows[1][4] == "☒ Valid  ☒ Authentic  ☒ Current  ☒ Sufficient"
    assert rows[2][0] == s["tpl_untitled"] and rows[2][1:3] == ["", ""]
    # the sign-off as entered; the signature left to sign
    lines = next(x for x in section(body, s["sign_off"]) if x.kind == "tbl")
    assert [r[1] for r in lines.cells] == ["Pat Reviewer", "Sales director", "2026-03-02", ""]
    no_leaks(made, framework)
    # a linking document instead of a write-up
    cover = fields(akam["linking"].body[1])
    assert cover[s["tpl_cover_write_up"]] == s["tpl_cover_linking"]
    assert cover[s["status"]] == next(x["label"] for x in ws["statuses"] if x["id"] == "final")


@pytest.mark.parametrize("file", ["one", "undated", "pack", "filled", "linking"])
def test_no_placeholder_or_broken_wording(akam, framework, file):
    no_leaks(akam[file], framework)


# ---------------------------------------------------------------- the pack


def test_pack_has_a_page_break_before_each_competency(akam, framework):
    made = akam["pack"]
    s = framework["strings"]
    body = made.body
    title = s["tpl_pack_title"].replace("{title}", framework["diploma"]["title"])
    assert made.doc.core_properties.title == f"{title} — {NAME}" and made.doc.core_properties.author == NAME
    h1 = [x.text for x in body if x.kind == "p" and x.style == "Heading 1"]
    assert h1 == [title] + [comp(framework, cid)["name"] for cid in PACK]
    cover = fields(body[1])
    assert cover[s["name"]] == NAME and cover[s["date"]] == DATE and cover[s["tpl_pack_count"]] == str(len(PACK))
    assert cover[s["tpl_cover_framework"]] == f"{framework['title']}, version {framework['version']}"
    assert [x.text for x in section(body, s["tpl_pack_contents"]) if x.style == "List Bullet"] == \
        [f"• \t{comp(framework, cid)['name']}" for cid in PACK]
    # one page break per competency, each alone in its paragraph right before the competency's heading (so the
    # pack's cover and contents are a page of their own); none after the last
    doc = made.xml("word/document.xml")
    breaks = doc.findall(".//w:br[@w:type='page']", NS)
    assert len(breaks) == len(PACK)
    assert not doc.findall(".//w:pageBreakBefore", NS)
    at = [k for k, x in enumerate(body) if x.kind == "p" and x.el.find(".//w:br[@w:type='page']", NS) is not None]
    for k, cid in zip(at, PACK):
        assert body[k].text.strip() == ""
        assert body[k + 1].style == "Heading 1" and body[k + 1].text == comp(framework, cid)["name"]
    # each competency in full: its cover block, its groups' checklists, its sign-off
    for cid in PACK:
        items = section(body, comp(framework, cid)["name"], "Heading 1")
        assert items[0].style == "Fields" and fields(items[0])[s["competency"]] == comp(framework, cid)["name"]
        assert fields(items[0])[s["name"]] == NAME
        assert sum(1 for x in items if x.style == "SignOff") == 1
        assert sum(1 for x in items if is_writing_box(x)) == len(comp(framework, cid)["groups"]) + 2  # + theory, reflection
    assert made.md.count("\n---\n") == len(PACK)


# ---------------------------------------------------------------- the Markdown


def test_markdown_carries_the_same_parts(akam, framework):
    s = framework["strings"]
    c = comp(framework, "1.4")
    md = akam["one"].md
    lines = md.split("\n")
    assert lines[0] == f"# {md_esc(c['name'])}"
    for label, value in ((s["name"], NAME), (s["competency"], c["name"]), (s["date"], DATE),
                         (s["tpl_cover_framework"], f"{framework['title']}, version {framework['version']}")):
        assert f"- **{md_esc(label)}:** {md_esc(value)}" in lines
    for g in c["groups"]:
        assert f"## {md_esc(g['title'])}" in lines
        for i in g["indicators"]:
            assert f"- [ ] {md_esc(i['id'])}: {md_esc(i['text'])}" in lines
    # the same writing space as the Word file: one marked line per box
    boxes = sum(1 for x in akam["one"].body if is_writing_box(x))
    assert boxes == len(c["groups"]) + 2
    assert lines.count(f"*{md_esc(s['tpl_write_here'])}*") == boxes == \
        sum(1 for b in akam["one"].blocks["blocks"] if b["type"] == "space")
    # the evidence table and the sign-off lines
    assert f"| {' | '.join(md_esc(x) for x in (s['ws_title'], s['ws_type'], s['date'], s['tpl_col_groups'], s['ws_checks']))} |" in lines
    assert "| --- | --- | --- | --- | --- |" in lines
    assert f"## {md_esc(s['tpl_reflection'])}" in lines and f"## {md_esc(s['sign_off'])}" in lines
    for label in (s["name"], s["role"], s["date"], s["tpl_signature"]):
        assert f"- **{md_esc(label)}:** ______________________" in lines
    # checklist lines as many as the Word file's, and the same texts
    docx_checks = checklist(akam["one"].body)
    md_checks = [x[6:] for x in lines if x.startswith("- [ ] ") or x.startswith("- [x] ")]
    assert len(md_checks) == len(docx_checks) and md_checks == [md_esc(x) for x in docx_checks]
    # filled in: the sign-off as entered, evidence with escaped characters
    filled_md = akam["filled"].md
    assert "- **Name:** Pat Reviewer" in filled_md.split("\n")
    assert md_esc('Plan for Q3 & <review> "draft" (80% own work)') in filled_md


# ---------------------------------------------------------------- a level-rated framework


def test_level_rated_competency(ladder, ladder_fw):
    s = ladder_fw["strings"]
    fw = bfw(ladder_fw)
    c = fw["competencies"][0]
    assert not c["groups"] and c["levels"]
    made = ladder["one"]
    body = made.body
    assert made.doc.core_properties.title == f"{c['name']} — {NAME}" and made.doc.core_properties.author == NAME
    cover = fields(body[1])
    assert cover[s["name"]] == NAME and cover[s["competency"]] == c["name"] and cover[s["date"]] == DATE
    assert cover[s["tpl_cover_framework"]] == f"{fw['title']}, version {fw['version']}"
    assert body[2].text == "" and body[3].style == "Quote" and body[3].text == s["tpl_structure_levels"]
    h2 = [x.text for x in body if x.kind == "p" and x.style == "Heading 2"]
    assert h2 == [s["tpl_levels"], s["tpl_evidence_list"], s["tpl_reflection"], s["sign_off"]]  # no groups, no theory
    levels = section(body, s["tpl_levels"])
    assert levels[0].text == c["description"]
    labels = {lv["value"]: lv["label"] for lv in fw["scale"]["levels"]}
    assert checklist(levels) == [f"{labels[lv['value']]} — {lv['title']}: {lv['summary']}" if lv.get("title")
                                 else f"{labels[lv['value']]}: {lv['summary']}" for lv in c["levels"]]
    last_check = max(k for k, x in enumerate(levels) if x.style == "Checklist")
    assert is_writing_box(levels[last_check + 1])
    table = next(x for x in section(body, s["tpl_evidence_list"]) if x.kind == "tbl")
    assert table.cells[0] == [s["ws_title"], s["ws_type"], s["date"], s["ws_checks"]]  # no requirement-groups column
    assert sum(int(g.get(f"{{{W}}}w")) for g in table.el.findall("w:tblGrid/w:gridCol", NS)) == 9638
    assert section(body, s["tpl_evidence_list"])[0].text == s["tpl_evidence_prompt_levels"]
    assert is_writing_box(section(body, s["tpl_reflection"])[-2])
    assert next(x for x in section(body, s["sign_off"]) if x.kind == "tbl").style == "SignOff"
    footer = made.doc.sections[0].footer._element
    assert [f.get(f"{{{W}}}instr").strip() for f in footer.iter(f"{{{W}}}fldSimple")] == ["PAGE", "NUMPAGES"]
    assert made.md.count("- [ ] ") == len(c["levels"])


@pytest.mark.parametrize("file", ["one", "pack"])
def test_level_rated_documents_have_no_award_wording(ladder, ladder_fw, file):
    made = ladder[file]
    no_leaks(made, ladder_fw)
    found = AWARD_WORDS.search(made.texts())
    assert not found, found.group(0)


def test_level_rated_pack_of_every_competency(ladder, ladder_fw):
    fw = bfw(ladder_fw)
    made = ladder["pack"]
    assert made.doc.core_properties.title == ladder_fw["strings"]["tpl_pack_title"].replace("{title}", fw["diploma"]["title"])
    assert made.doc.core_properties.author == ""
    assert len(made.xml("word/document.xml").findall(".//w:br[@w:type='page']", NS)) == len(fw["competencies"])
    h1 = [x.text for x in made.body if x.kind == "p" and x.style == "Heading 1"]
    assert h1[1:] == [c["name"] for c in fw["competencies"]]
    assert made.doc.sections[0].header.paragraphs[0].text == f"{fw['title']}, version {fw['version']}"


# ---------------------------------------------------------------- feedback from others (issue 12: assessment.responses)

SAM = {"id": "r-1", "request": None, "rater": {"name": "Sam Lee", "role": "manager"}, "created": "2026-12-02T10:00:00.000Z",
       "ratings": {"1.4-analyse-1": 2}, "comments": {"1.4": "A clear plan & <well> argued.", "2.4": "Line one\nline two"}}
KIM = {"id": "r-2", "request": "q-1", "rater": {"name": "Kim Coach", "role": "coach"}, "created": "2026-12-05T09:00:00.000Z",
       "ratings": {}, "comments": {}, "message": "Well done."}


def with_feedback(fw: dict) -> dict:
    """The worked example with two responses: Sam (a manager) commented on 1.4, a statement of 1.4 and 2.4, Kim (a
    coach) on a statement of 1.4 only; a third response has ratings and no comment at all."""
    c = comp(fw, "1.4")
    first, last = c["groups"][0]["indicators"][0]["id"], c["groups"][-1]["indicators"][-1]["id"]
    sam = {**SAM, "comments": {**SAM["comments"], last: "Show the review with the director.", first: "  "}}  # blank: no comment
    kim = {**KIM, "comments": {first: "Name the sources.", "9.9": "an id this framework does not have"}}
    quiet = {**KIM, "id": "r-3", "rater": {"name": "Pat Peer", "role": "peer"}, "ratings": {first: 1}}
    return {**worked_example(), "responses": [sam, kim, quiet]}


@pytest.fixture(scope="module")
def feedback(framework, tmp_path_factory) -> dict:
    out = tmp_path_factory.mktemp("docx-feedback")
    who = {"name": NAME, "date": DATE}
    run_templates(framework, with_feedback(framework), [
        {"file": "one", "kind": "competency", "cid": "1.4", "who": who},
        {"file": "quiet", "kind": "competency", "cid": "1.1", "who": who},
        {"file": "pack", "kind": "pack", "chosen": PACK, "who": who},
    ], out)
    return {f: opened(out, f) for f in ("one", "quiet", "pack")}


def test_feedback_section_names_who_and_when_and_gives_the_comments(feedback, framework):
    s = framework["strings"]
    c = comp(framework, "1.4")
    first, last = c["groups"][0]["indicators"][0]["id"], c["groups"][-1]["indicators"][-1]["id"]
    body = feedback["one"].body
    h2 = [x.text for x in body if x.kind == "p" and x.style == "Heading 2"]
    assert h2[-3:] == [s["tpl_reflection"], s["tpl_feedback"], s["sign_off"]]  # after the reflection, before the sign-off
    items = section(body, s["tpl_feedback"])
    assert [(x.style, x.text) for x in items if x.kind == "p" and x.text] == [
        ("Heading 3", f"Sam Lee ({s['role_manager']}), 2026-12-02"),
        ("List Bullet", "• \t1.4: A clear plan & <well> argued."),  # the competency's comment first, then the statements'
        ("List Bullet", f"• \t{last}: Show the review with the director."),
        ("Heading 3", f"Kim Coach ({s['role_coach']}), 2026-12-05"),
        ("List Bullet", f"• \t{first}: Name the sources."),
    ]  # no Pat Peer: ratings only, no comment; no 2.4 comment in 1.4
    md = feedback["one"].md
    assert f"## {s['tpl_feedback']}" in md.split("\n")
    assert "### Sam Lee (Manager), 2026-12-02" in md.split("\n") and "- 1.4: A clear plan & \\<well\\> argued." in md.split("\n")
    no_leaks(feedback["one"], framework)


def test_no_feedback_section_without_comments(feedback, akam, framework):
    s = framework["strings"]
    for made in (feedback["quiet"], akam["one"], akam["pack"]):
        assert s["tpl_feedback"] not in [x.text for x in made.body if x.style == "Heading 2"]
        assert f"## {s['tpl_feedback']}" not in made.md


def test_the_pack_gives_each_competency_its_own_feedback(feedback, framework):
    s = framework["strings"]
    body = feedback["pack"].body
    per = {cid: section(body, comp(framework, cid)["name"], "Heading 1") for cid in PACK}
    heads = {cid: [x.text for x in items if x.style == "Heading 3"] for cid, items in per.items()}
    assert heads == {"1.1": [], "1.4": [f"Sam Lee ({s['role_manager']}), 2026-12-02", f"Kim Coach ({s['role_coach']}), 2026-12-05"],
                     "2.4": [f"Sam Lee ({s['role_manager']}), 2026-12-02"]}
    assert "• \t2.4: Line one line two" in [x.text for x in per["2.4"]]  # a comment's lines run on in one item
    no_leaks(feedback["pack"], framework)


def test_feedback_on_a_level_rated_competency(ladder_fw, tmp_path):
    s = ladder_fw["strings"]
    cid = bfw(ladder_fw)["competencies"][0]["id"]
    other = {"id": "r-9", "rater": {"name": "Jo", "role": "customer"}, "comments": {cid: "Quick to answer."}}  # no date given
    run_templates(ladder_fw, {"responses": [other]}, [{"file": "one", "kind": "competency", "cid": cid, "who": {}}], tmp_path)
    items = section(opened(tmp_path, "one").body, s["tpl_feedback"])
    assert [x.text for x in items if x.text] == [f"Jo ({s['role_customer']})", f"• \t{cid}: Quick to answer."]

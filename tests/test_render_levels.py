"""The handbook's renderers on compiled frameworks built here (format 2): level-rated competencies as cards, and
every optional part that is absent leaving no section, heading, column, link or sentence behind."""

from __future__ import annotations

import copy
import csv
import io
import json
import re

import markdown
import pytest

from conftest import FRAMEWORK
from macros import loader, render, report, scoring, strings

# Words of AKAM's world that a framework without them must never show (KAM as a word of its own, not kam-…).
FORBIDDEN = re.compile(r"(?<![\w.:/-])kam(?![\w.:/-])|akam|key[\s-]*accounts?|diploma|award|candidate", re.I)


# ---------------------------------------------------------------- compiled frameworks, by hand

def parts(fw: dict) -> dict:
    """The `parts` map exactly as CONTRACT.md defines it."""
    return {"award": fw["rules"]["award_min"] is not None, "award_page": fw["diploma"] is not None,
            "workspace": fw["diploma"] is not None and fw["diploma"]["workspace"] is not None,
            "coaching": fw["rules"]["will_high"] is not None, "theories": bool(fw["theories"]),
            "curriculum": bool(fw["modules"]), "glossary": bool(fw["glossary"]), "profiles": bool(fw["profiles"]),
            "types": bool(fw["types"]), "bands": bool(fw["bands"]),
            "levels": any(c["rated"] == "levels" for c in fw["competencies"]),
            "statements": any(c["rated"] == "statements" for c in fw["competencies"]),
            "example": fw["sample_assessment"] is not None, "source": fw["source"] is not None}


def descriptor(value: int, title: str = "", signals=(), examples=()) -> dict:
    return {"value": value, "title": title, "summary": f"Summary of level {value}.", "signals": list(signals),
            "examples": list(examples)}


def competency(cid: str, area: str, *, levels=(), groups=(), **extra) -> dict:
    return {"id": cid, "area": area, "title": f"Title of {cid}", "name": f"Title of {cid}", "type": None, "description": "", "rated":
            "statements" if groups else "levels", "levels": list(levels), "groups": list(groups), "rationale": [],
            "notes": [], "theory": [], "evidence": [], "modules": [], "file": f"competencies/{cid}.yml", **extra}


def minimal(points=(0, 1, 3, 6), bands=True) -> dict:
    """A level-rated framework with none of the optional parts: framework.yml, scale.yml and competencies only."""
    comps = [competency("craft", "a", levels=[descriptor(1, "Follows", ["Asks first."], ["Fixed a typo."]),
                                              descriptor(2, "Leads"), descriptor(3)],
                        description="Making things well."),
             competency("care", "a", levels=[descriptor(v) for v in (1, 2, 3)]),
             competency("team", "b", levels=[descriptor(v) for v in (1, 2, 3)])]
    fw = {
        "format": "kam-framework", "format_version": 2, "id": "mini-levels", "version": "1", "title": "Mini ladder",
        "short_title": "Mini", "site_name": "Mini", "site_description": "Mini", "language": "en", "source": None,
        "notes": [], "guides": [], "sample_assessment": None,
        "scale": {"levels": [{"value": v, "label": label, "description": f"{label}.", "points": p}
                             for v, (label, p) in enumerate(zip(("Starting", "Growing", "Solid", "Leading"), points))],
                  "not_applicable": False},
        "rules": {"pass_level": 1.5, "group_floor": 0, "evidence_share": 0, "award_min": None, "will_high": None,
                  "review_difference": 2},
        "bands": [{"id": "b1", "title": "Band one", "min_points": 2, "description": ""},
                  {"id": "b2", "title": "Band two", "min_points": 9, "description": ""}] if bands else [],
        "coaching": [],
        "areas": [{"id": "a", "title": "Area A", "name": "Area A", "competencies": ["craft", "care"]},
                  {"id": "b", "title": "Area B", "name": "Area B", "competencies": ["team"]}],
        "types": [], "competencies": comps, "theories": [], "tracks": [], "modules": [], "profiles": [], "diploma": None,
        "glossary": [], "files": {"framework": "framework.yml", "scale": "scale.yml"},
        "strings": loader.default_strings(),
    }
    fw["parts"] = parts(fw)
    return fw


def mixed() -> dict:
    """Statement-rated and level-rated competencies side by side; the statement-rated one carries guidance levels."""
    fw = minimal()
    fw["competencies"][1] = competency(
        "care", "a", levels=[descriptor(2, "What solid looks like")],
        groups=[{"id": "care-g", "title": "Listening", "indicators": [{"id": "care-g-1", "text": "Listens."},
                                                                      {"id": "care-g-2", "text": "Follows up."}]}])
    fw["parts"] = parts(fw)
    return fw


@pytest.fixture(scope="module")
def akam() -> dict:
    return loader.load(FRAMEWORK)


def html_of(md_text: str) -> str:
    """Markdown as the site renders it (the extensions of mkdocs.yml that the renderers rely on)."""
    return markdown.markdown(md_text, extensions=["attr_list", "md_in_html", "admonition", "tables", "toc", "def_list"])


def ids(md_text: str) -> list[str]:
    return re.findall(r'\sid="([^"]+)"', html_of(md_text))


def every_renderer(fw: dict, here: str = "index.md") -> dict[str, str]:
    """The Markdown of every page renderer for this framework."""
    cid = fw["competencies"][0]["id"]
    out = {name: getattr(render, name)(fw, here) for name in (
        "at_a_glance", "competency_list", "theory_library", "theory_index", "competency_types", "curriculum",
        "diploma_rules", "sign_off", "word_guidance", "coaching_styles", "glossary", "source_block", "downloads",
        "all_competencies")}
    out["submission_outline"] = render.submission_outline(fw, here, cid)
    for a in fw["areas"]:
        out[f"area {a['id']}"] = render.area_page(fw, render.area_src(a["id"]), a["id"])
    for c in fw["competencies"]:
        out[c["id"]] = render.competency_page(fw, render.competency_src(c), c["id"])
    for view in ("overview", "rate", "compare", "review"):
        out[f"app {view}"] = render.assessment_app(fw, f"assess/{'index' if view == 'overview' else view}.md", view)
    return out


# ---------------------------------------------------------------- level descriptors on the competency page

def test_a_level_rated_competency_shows_every_level_as_a_card():
    fw = minimal()
    c = fw["competencies"][0]
    md_text = render.competency_body(fw, render.competency_src(c), c)
    doc = html_of(md_text)
    assert "rated by level: 3 levels" in md_text and "statements" not in md_text.lower()
    assert '<h2 id="levels">Levels</h2>' in doc
    for d in c["levels"]:
        assert f'id="level-{d["value"]}"' in doc and d["summary"] in doc
    name = fw["strings"]["level_name"].format(level="Growing", title="Follows")  # the rating page's words for a level
    assert f'<h3 id="level-1">{name}</h3>' in doc and '<h3 id="level-3">Leading</h3>' in doc  # no title: the label
    assert "<li>Asks first.</li>" in doc and "<li>Fixed a typo.</li>" in doc
    assert "<strong>Signals</strong>" in doc and "<strong>Examples</strong>" in doc
    assert doc.count("<strong>Signals</strong>") == 1  # only where there are signals
    assert "<table" not in doc  # cards, not columns: nothing to fall off a phone's screen
    assert '<div class="kam-descriptors">' in doc and doc.count('<div class="kam-descriptor">') == 3
    assert "<p>Making things well.</p>" in doc  # the competency's description
    # points only when they mean something (bands, or points other than the values)
    points = fw["strings"]["level_points"]
    assert doc.count(points.split("{")[0]) == 3 and f"<p>{points.format(points=6)}</p>" in doc
    plain = minimal(points=(0, 1, 2, 3), bands=False)
    assert points.split("{")[0] not in render.competency_body(plain, "competencies/craft.md", plain["competencies"][0])


def test_level_anchors_are_prefixed_on_the_one_page_specification():
    fw = minimal()
    found = ids(render.all_competencies(fw, render.ALL_SRC))
    assert len(found) == len(set(found))
    for c in fw["competencies"]:
        assert f"c-{c['id']}" in found and f"{c['id']}-levels" in found
        assert all(f"{c['id']}-level-{d['value']}" in found for d in c["levels"])


def test_a_statement_rated_competency_shows_its_levels_as_guidance_after_the_statements():
    fw = mixed()
    c = fw["competencies"][1]
    md_text = render.competency_body(fw, render.competency_src(c), c)
    assert "2 statements in 1 requirement groups" in md_text
    assert md_text.index("## Competency requirement") < md_text.index("## What each level looks like here { #levels }")
    name = fw["strings"]["level_name"].format(level="Solid", title="What solid looks like")
    assert f"### {name} {{ #level-2 }}" in md_text
    assert fw["strings"]["level_points"].split("{")[0] not in md_text  # guidance: picking it scores nothing
    plain = copy.deepcopy(fw)
    plain["competencies"][1]["levels"] = []
    assert "What each level looks like" not in render.competency_body(plain, "competencies/care.md", plain["competencies"][1])


def test_a_level_rated_competency_has_no_statement_sections_and_lists_say_levels():
    fw = minimal()
    c = fw["competencies"][0]
    md_text = render.competency_body(fw, render.competency_src(c), c)
    for heading in ("Competency requirement", "Rationale", "Relevant theory", "Examples of evidence", "Training modules", "Type"):
        assert heading not in md_text
    listing = render.competency_list(fw, "competencies/index.md")
    assert "[**Title of craft**](craft.md) — rated by level: 3 levels\n" in listing
    assert " · " not in listing  # no competency type without types


# ---------------------------------------------------------------- optional parts leave nothing behind

def test_renderers_of_absent_parts_return_nothing():
    fw = minimal()
    for name in ("theory_library", "theory_index", "competency_types", "curriculum", "diploma_rules", "sign_off",
                 "word_guidance", "coaching_styles", "glossary", "source_block"):
        assert getattr(render, name)(fw, "index.md") == "", name
    assert render.submission_outline(fw, "index.md", "craft") == ""
    assert render.attribution(fw) == "" and render.abbreviations(fw) == ""


def test_absent_parts_leave_no_link_heading_or_word_behind():
    fw = minimal()
    pages = every_renderer(fw)
    for name, md_text in pages.items():
        md_text = re.sub(r'data-json="[^"]*"', "", md_text)  # data for the script (tested below), not text
        for target in ("theory.md", "training.md", "glossary.md", "diploma", "award", "plan.md", "workspace.md"):
            assert target not in md_text, (name, target)
        assert not FORBIDDEN.search(md_text), (name, FORBIDDEN.search(md_text))
        assert "kam-attribution" not in md_text, name
        assert "Source:" not in md_text


def test_an_optional_competency_part_shows_when_present():
    fw = minimal()
    c = fw["competencies"][0]
    c["rationale"] = ["Why it matters."]
    c["evidence"] = ["A case write-up."]
    c["theory"] = [{"text": "Root-cause analysis", "theories": []}]
    md_text = render.competency_body(fw, render.competency_src(c), c)
    assert "## Rationale { #rationale }" in md_text and "Why it matters." in md_text
    assert "## Examples of evidence { #examples-of-evidence }\n\n- A case write-up.\n" in md_text
    assert "- Root-cause analysis\n" in md_text and "→" not in md_text  # no theory library: no links
    assert "strongest when" not in md_text and "guide" not in md_text  # no award workspace: no evidence guidance


def test_akam_competency_page_keeps_every_part(akam):
    c = akam["competencies"][0]
    md_text = render.competency_body(akam, render.competency_src(c), c)
    assert f"**{akam['strings']['page_type']}:** [" in md_text and "../training.md#type-" in md_text
    assert "→ [" in md_text and "../theory.md#" in md_text
    assert f"]({akam['diploma']['page']}.md)".replace("](", "](../") in md_text  # the award page, wherever it is
    assert "evidence is strongest when it is valid, authentic, current and sufficient" in md_text
    assert "## Training modules that develop it" in md_text and "## Levels" not in md_text


def test_braces_in_a_title_stay_text_and_never_become_an_id_or_class(akam):
    """attr_list reads a trailing {…} in a heading as its id and classes: a title "… {#evil .x}" took the page's anchor."""
    fw = copy.deepcopy(akam)
    c = fw["competencies"][1]
    c["name"] = c["name"] + " {#evil .x}"
    for level in (1, 2):  # its own page, and the one-page specification where it has its id c-<id>
        page = html_of(render.competency_body(fw, render.competency_src(c), c, level=level))
        heading = re.search(r"<h%d([^>]*)>(.*?)</h%d>" % (level, level), page).groups()
        assert 'id="evil"' not in heading[0] and 'class="x"' not in heading[0]
        assert heading[1].endswith("&#123;#evil .x&#125;")  # shown as typed
        assert level == 1 or 'id="c-%s"' % c["id"] in heading[0]


def test_at_a_glance_has_columns_only_for_what_the_framework_has(akam):
    assert render.at_a_glance(minimal(), "index.md").splitlines()[:2] == ["| Area | Competency | Levels |", "|---|---|--:|"]
    assert render.at_a_glance(minimal(), "index.md").splitlines()[-1] == "| **2 areas** | **3 competencies** | **9** |"
    lines = render.at_a_glance(mixed(), "index.md").splitlines()
    assert lines[0] == "| Area | Competency | Requirement groups | Statements | Levels |"
    assert lines[2].endswith("| – | – | 3 |") and lines[3].endswith("| 1 | 2 | 1 |")
    assert render.at_a_glance(akam, "index.md").splitlines()[0] == (
        "| Area | Competency | Requirement groups | Statements | Theory items | Evidence examples |")


# ---------------------------------------------------------------- downloads

def rows_of(text: str) -> list[list[str]]:
    assert text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text[1:], newline="")))


def test_the_spreadsheet_has_a_row_per_level_of_a_level_rated_competency():
    fw = mixed()
    rows = rows_of(render.statements_csv(fw))
    assert rows[0] == ["area", "competency", "group or level", "id", "text", "signals", "examples"]
    assert rows[1] == ["Area A", "Title of craft", "1 Growing: Follows", "craft", "Summary of level 1.", "Asks first.",
                       "Fixed a typo."]
    assert rows[3][2:4] == ["3 Leading", "craft"]
    assert rows[4] == ["Area A", "Title of care", "Listening", "care-g-1", "Listens.", "", ""]  # guidance levels: no rows
    assert len(rows) == 1 + 3 + 2 + 3
    assert "All 2 statements, and the levels of the 2 competencies rated by level" in render.downloads(fw, "competencies/index.md")
    assert render.downloads(minimal(), "competencies/index.md").startswith("The levels of all 3 competencies for a spreadsheet")


def test_the_spreadsheet_of_a_statement_framework_is_unchanged(akam):
    rows = rows_of(render.statements_csv(akam))
    assert rows[0] == ["area", "competency", "group", "statement id", "statement"]
    n = sum(map(render.statement_count, akam["competencies"]))
    assert render.downloads(akam, "competencies/index.md").startswith(f"All {n} statements for a spreadsheet")


# ---------------------------------------------------------------- what the assessment pages get

def app_data(fw: dict, here: str, view: str) -> dict:
    """What the page's script works with: the page's own data, and the shared file it names (render.app_data)."""
    import html as h
    import posixpath
    md_text = render.assessment_app(fw, here, view)
    page = json.loads(h.unescape(re.search(r'data-json="([^"]*)"', md_text).group(1)))
    path, content = render.app_data(fw)
    assert posixpath.normpath(posixpath.join(posixpath.dirname(render.page_url(here).rstrip("/") + "/x"), page["src"])) == path
    assert f'<link rel="preload" href="{page["src"]}" as="fetch"' in md_text
    shared = json.loads(content)
    return {**page, "framework": shared["framework"], "strings": {**shared["strings"], **page["strings"]}}


def test_the_browser_gets_everything_of_format_2():
    fw = minimal()
    fw["profiles"] = [{"id": "junior", "title": "Junior", "description": "", "example": False, "targets": {"craft": 1.5},
                       "scope": ["craft"]}]
    fw["parts"] = parts(fw)
    data = app_data(fw, "assess/index.md", "overview")
    b = data["framework"]
    assert b["parts"] == fw["parts"] and b["bands"] == fw["bands"] and b["rules"] == fw["rules"]
    assert [lv["points"] for lv in b["scale"]["levels"]] == [0, 1, 3, 6]
    assert b["profiles"][0]["scope"] == ["craft"]
    assert b["diploma"] is None and b["source"] is None
    c = b["competencies"][0]
    assert set(c) == {"id", "area", "title", "name", "type", "description", "rated", "levels", "groups", "theory"}
    assert c["rated"] == "levels" and c["levels"] == fw["competencies"][0]["levels"] and c["type"] is None
    assert c["description"] == "Making things well."
    links = data["links"]
    assert links["plan"] is None and links["workspace"] is None and links["training"] is None
    assert links["award"] is None and links["example"] is None
    assert links["rate"] == "rate/" and links["review"] == "review/" and links["competencies"]["craft"] == "../competencies/craft/"


def test_the_browser_gets_the_award_and_its_workspace_when_there(akam):
    data = app_data(akam, "assess/workspace.md", "workspace")
    d = data["framework"]["diploma"]
    assert d["workspace"] == akam["diploma"]["workspace"] and d["page"] == akam["diploma"]["page"]
    assert data["links"]["plan"] == "../plan/" and data["links"]["training"] == "../../training/"
    assert data["links"]["award"] == f"../../{akam['diploma']['page']}/"
    no_workspace = copy.deepcopy(akam)
    no_workspace["diploma"]["workspace"] = None
    no_workspace["parts"]["workspace"] = False
    data = app_data(no_workspace, "assess/index.md", "overview")
    assert data["framework"]["diploma"]["workspace"] is None and data["links"]["plan"] is None


def test_the_rating_page_keeps_a_section_per_competency():
    fw = mixed()
    md_text = render.assessment_app(fw, "assess/rate.md", "rate")
    for c in fw["competencies"]:
        assert f'<h2 id="c-{c["id"]}">{c["name"]}</h2>' in md_text  # HTML: not in the table of contents
        assert f'<div class="kam-form" data-competency="{c["id"]}"></div>' in md_text


# ---------------------------------------------------------------- the worked example and the text report

def sample(fw: dict, tmp_path, ratings: dict, profile=None) -> dict:
    a = {"format": "kam-assessment", "format_version": 2, "name": "Sam", "framework": {"id": fw["id"], "version": fw["version"]},
         "ratings": ratings, "profile": profile}
    (tmp_path / "samples").mkdir(exist_ok=True)
    (tmp_path / "samples" / "a.json").write_text(json.dumps(a))
    fw["sample_assessment"] = "samples/a.json"
    fw["parts"] = parts(fw)
    return a


def cell(doc: str, cid: str, column: str) -> str:
    """The text of a competency's cell in the worked example's table."""
    row = re.search(rf'<tr>\s*<td data-label="[^"]+"><a href="[^"]*/{re.escape(cid)}.md">.*?</tr>', doc, re.S).group(0)
    return re.search(rf'<td[^>]* data-label="{re.escape(column)}"[^>]*>(.*?)</td>', row, re.S).group(1)


def test_worked_example_of_a_level_framework(tmp_path):
    fw = minimal()
    sample(fw, tmp_path, {"craft": 3, "care": 1})
    md_text = render.worked_example(fw, "assess/example.md", tmp_path)
    doc = html_of(md_text)
    assert f"<strong>{fw['strings']['standing_met'].format(met=1, total=3)}.</strong>" in doc  # no award: no readiness
    t = strings.translator(fw["strings"])  # in the overview's words
    line = [t("points_total", points=7), t("band_reached", band="Band one"), t("to_next", points=2, band="Band two")]
    assert " · ".join(line) in doc
    head = re.findall(r"<th[^>]*>([^<]*)</th>", doc)
    # the level picked, points; no share rated (no statements), no readiness (no award), no coaching
    assert head == ["Competency", "Status", "Level", "Score", "Points", "Evidence", "Target", "Gap"]
    assert cell(doc, "craft", "Points") == "6" and cell(doc, "craft", "Level") == "Leading"
    assert cell(doc, "care", "Points") == "1" and cell(doc, "care", "Target") == "1.5"
    assert cell(doc, "team", "Status") == "Not assessed" and cell(doc, "team", "Gap") == fw["strings"]["not_assessed"]  # not a gap
    assert cell(doc, "team", "Level") == "–" and cell(doc, "team", "Points") == "0"
    assert "to submit" not in md_text and "training" not in md_text.lower()
    assert not FORBIDDEN.search(md_text)


def test_worked_example_table_stacks_on_a_phone(akam, tmp_path):
    md_text = render.worked_example(akam, "assess/example.md", FRAMEWORK)
    doc = html_of(md_text)
    table = re.search(r'<table class="kam-table kam-stack">.*?</table>', doc, re.S).group(0)
    head = re.findall(r"<th[^>]*>([^<]*)</th>", table)
    assert head == ["Competency", "Status", "Score", "Rated", "Evidence", "Ready", "Target", "Gap", "Coaching style"]
    cells = re.findall(r'<td[^>]* data-label="([^"]+)"', table)
    assert len(cells) == len(head) * len(akam["competencies"]) and set(cells) == set(head)  # every cell names its column
    assert "Competencies to submit" in md_text and "Recommended training modules" in md_text


def test_out_of_scope_and_not_assessed_in_the_rows():
    fw = minimal()
    fw["profiles"] = [{"id": "p", "title": "P", "description": "", "example": False, "targets": {"craft": 1.5},
                       "scope": ["craft", "care"]}]
    fw["parts"] = parts(fw)
    a = {"ratings": {"craft": 1, "team": 2}, "profile": "p"}
    result = scoring.score(fw, a)
    rows = {r["id"]: r for r in report.rows(fw, result, a)}
    assert rows["craft"]["target"] == "1.5" and rows["craft"]["gap"] == "0.5" and rows["craft"]["points"] == "1"
    assert rows["craft"]["level"] == "Growing"
    assert rows["care"]["gap"] == fw["strings"]["not_assessed"] and rows["care"]["status"] == "Not assessed"
    assert rows["care"]["level"] == "–"
    assert rows["team"]["target"] == "–" and rows["team"]["gap"] == fw["strings"]["out_of_scope"]  # as the overview
    assert rows["team"]["level"] == "Solid" and rows["team"]["points"] == "3"
    assert report.headline(fw, result["summary"]) == fw["strings"]["standing_met"].format(met=0, total=2)


def test_text_report_of_a_level_framework():
    fw = minimal()
    a = {"ratings": {"craft": 3, "care": 2, "team": 3}}
    text = report.text(fw, a, scoring.score(fw, a), {"warnings": [], "orphaned": []})
    assert "Award" not in text and "modules" not in text.lower() and "submit" not in text.lower()
    t = strings.translator(fw["strings"])
    assert " · ".join([t("points_total", points=15), t("band_reached", band="Band two"), t("to_next_top")]) + "\n" in text
    header = next(line for line in text.splitlines() if line.startswith("id "))
    assert header.split() == ["id", "Competency", "Status", "Level", "Score", "Points", "Evidence", "Target", "Gap"]
    assert re.search(r"^craft +Title of craft +Met +Leading +100% +6 +0% +1.5 +0$", text, re.M)


def test_text_report_of_akam_keeps_its_columns(akam):
    a = json.loads((FRAMEWORK / akam["sample_assessment"]).read_text())
    text = report.text(akam, a, scoring.score(akam, a), {"warnings": [], "orphaned": []})
    assert text.splitlines()[2].startswith("Award: ")
    assert "Points" not in text and "Coaching style" in text and "Recommended modules:" in text


def test_the_level_example_renders_without_akam_words_or_absent_parts():
    """The level-rated example of examples/, as the loader compiles it: every renderer, none of AKAM's words."""
    fw = loader.load(FRAMEWORK.parent / "examples" / "support-engineering-ladder" / "framework")
    assert not fw["parts"]["statements"] and fw["parts"]["levels"] and fw["parts"]["bands"]
    for name, md_text in every_renderer(fw).items():
        md_text = re.sub(r'data-json="[^"]*"', "", md_text)
        assert not FORBIDDEN.search(md_text), (name, FORBIDDEN.search(md_text))
        assert "training.md" not in md_text and "theory.md" not in md_text, name
    for c in fw["competencies"]:
        found = ids(render.competency_page(fw, render.competency_src(c), c["id"]))
        assert ["levels"] + [f"level-{d['value']}" for d in c["levels"]] == [i for i in found if i.startswith("level")]

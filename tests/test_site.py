"""The built handbook: every statement, theory link and evidence example on its page; strict build errors."""

from __future__ import annotations

import csv
import html
import io
import json
import re
import shutil
from pathlib import Path

import pytest

from conftest import ROOT
from macros import loader, render


def page_text(path: Path) -> str:
    """The visible text of a page's article, whitespace collapsed."""
    doc = path.read_text(encoding="utf-8")
    article = re.search(r"<article[^>]*>(.*)</article>", doc, re.S).group(1)
    article = re.sub(r"<script\b.*?</script>", " ", article, flags=re.S)  # data, not text
    text = re.sub(r"</?(p|li|h\d|td|th|tr|div|ol|ul|br|table|nav|details|summary|dd|dt|a)\b[^>]*>", " ", article)
    text = re.sub(r"<[^>]+>", "", text)
    return re.sub(r"\s+", " ", html.unescape(text))


def flat(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def html_of(site: Path, src: str) -> Path:
    return site / (src[:-len("index.md")] if src.endswith("index.md") else src[:-3] + "/") / "index.html"


def test_every_competency_page_carries_its_content(site, framework):
    theories = render.index(framework["theories"])
    for c in framework["competencies"]:
        page = html_of(site, render.competency_src(c))
        text, doc = page_text(page), page.read_text(encoding="utf-8")
        assert f"{c['id']} {c['title']}" in text
        for g in c["groups"]:
            assert f'id="{g["id"]}"' in doc
            assert flat(g["title"]) in text
            for s in g["indicators"]:
                assert flat(s["text"]) in text, s["id"]
                assert f'id="{s["id"]}"' in doc, s["id"]
        for item in c["theory"]:
            assert flat(item["text"]) in text
            for t in item["theories"]:
                assert f'href="../../theory/#{t}"' in doc, (c["id"], t)
                assert theories[t]["title"] in text or render._same_words(theories[t]["title"], item["text"])
        for e in c["evidence"]:
            assert flat(e) in text, (c["id"], e)
        for para in c["rationale"]:
            assert flat(para) in text
        for mid in c["modules"]:
            assert f'href="../../training/#{mid}"' in doc


def test_notes_link_to_the_competency_they_name(site, framework):
    doc = html_of(site, "competencies/1.1-knowledge-of-own-company.md").read_text(encoding="utf-8")
    assert 'href="../2.1-product-service-and-application-knowledge/"' in doc
    assert "refers to a KEY customer/account" in doc


def test_no_page_has_unrendered_template_syntax(site):
    pages = list(site.rglob("*.html"))
    assert len(pages) > 20
    for page in pages:
        doc = page.read_text(encoding="utf-8")
        if "<article" in doc:  # the visible text of the page, without its code blocks (the customise guide shows a template)
            text = re.sub(r"<[^>]+>", "", re.sub(r"<pre\b.*?</pre>", "", doc[doc.index("<article"):], flags=re.S))
        else:
            text = doc
        for token in ("{{", "{%", "}}", "%}"):
            assert token not in text, f"{page}: {token}"


def test_theory_library_lists_every_theory_with_back_links(site, framework):
    doc = (site / "theory" / "index.html").read_text(encoding="utf-8")
    for t in framework["theories"]:
        assert f'id="{t["id"]}"' in doc
        for cid in t["competencies"]:
            c = render.index(framework["competencies"])[cid]
            assert f'href="../{render.competency_src(c)[:-3]}/#relevant-theory"' in doc


def test_training_diploma_glossary_pages(site, framework):
    training = page_text(site / "training" / "index.html")
    for m in framework["modules"]:
        assert m["title"] in training
    diploma = page_text(site / "diploma" / "index.html")
    for r in framework["diploma"]["rules"]:
        assert flat(r["title"]) in diploma
    assert "at least 12 of the 14" in diploma and "800–1200 words" in diploma
    glossary = page_text(site / "glossary" / "index.html")
    for t in framework["glossary"]:
        assert t["term"] in glossary


def test_abbreviations_are_explained_on_hover(site):
    doc = (site / "competencies" / "2.3-negotiations-with-customers" / "index.html").read_text(encoding="utf-8")
    assert re.search(r'<abbr title="Best Alternative To a Negotiated Agreement">BATNA</abbr>', doc)


def test_edit_button_opens_the_framework_file(site):
    doc = (site / "competencies" / "2.3-negotiations-with-customers" / "index.html").read_text(encoding="utf-8")
    assert "edit/main/framework/competencies/2.3-negotiations-with-customers.yml" in doc
    assert "edit/main/framework/theories.yml" in (site / "theory" / "index.html").read_text(encoding="utf-8")


def test_every_competency_on_one_page_to_print(site, framework):
    """competencies/all/: each competency one level down with its own anchors, every statement, ids unique, out of search."""
    doc = (site / "competencies" / "all" / "index.html").read_text(encoding="utf-8")
    ids = re.findall(r'\sid="([^"]+)"', doc)
    assert len(ids) == len(set(ids)), sorted({i for i in ids if ids.count(i) > 1})
    first = framework["competencies"][0]["id"]  # follows the intro on page 1: no nearly blank first printed page
    assert re.search(rf'<h2 id="c-{re.escape(first)}">', doc)
    for c in framework["competencies"][1:]:
        assert re.search(rf'<h2 class="kam-break" id="c-{re.escape(c["id"])}">', doc), c["id"]
        assert f'id="{c["id"]}-rationale"' in doc and f'id="{c["id"]}-relevant-theory"' in doc
        for g in c["groups"]:
            for i in g["indicators"]:
                assert f'id="{i["id"]}"' in doc
    text = page_text(site / "competencies" / "all" / "index.html")
    assert all(c["rationale"][0] in text for c in framework["competencies"])
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert not [d for d in index["docs"] if d["location"].startswith("competencies/all/")]  # no duplicate search results


def test_the_framework_is_published_as_data_and_as_a_spreadsheet(site, framework):
    """downloads/: the compiled framework (what `kam.py export` prints) and every statement as CSV, linked from the index."""
    assert json.loads((site / render.DOWNLOADS["json"]).read_text(encoding="utf-8")) == json.loads(render.framework_json(framework))
    raw = (site / render.DOWNLOADS["csv"]).read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # a spreadsheet reads it as UTF-8
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline="")))
    assert rows[0] == ["area", "competency", "group", "statement id", "statement"]
    statements = [(c, g, i) for c in framework["competencies"] for g in c["groups"] for i in g["indicators"]]
    assert [r[3] for r in rows[1:]] == [i["id"] for _, _, i in statements]
    assert rows[1] == ["1 Business and customer understanding", "1.1 Knowledge of own company", statements[0][1]["title"],
                       statements[0][2]["id"], statements[0][2]["text"]]
    index = (site / "competencies" / "index.html").read_text(encoding="utf-8")
    assert f"All {len(statements)} statements for a spreadsheet" in page_text(site / "competencies" / "index.html")
    assert 'href="../downloads/statements.csv"' in index and 'href="../downloads/framework.json"' in index


def test_the_framework_is_published_for_learning_platforms_and_as_a_workbook(site, framework, tmp_path):
    """downloads/: the CASE 1.1 package, Moodle's and Totara's CSVs (as `kam.py export` writes them), the framework as a
    workbook and the template spreadsheet (both of which import-sheet reads), linked from the index (but the template)."""
    from datetime import datetime

    from macros import interchange, sheets

    case = json.loads((site / render.DOWNLOADS["case"]).read_text(encoding="utf-8"))
    changed = datetime.fromisoformat(case["CFDocument"]["lastChangeDateTime"])
    assert case == interchange.case_package(framework, changed)
    assert (site / render.DOWNLOADS["moodle"]).read_bytes().decode("utf-8") == interchange.moodle_csv(framework)
    assert (site / render.DOWNLOADS["totara"]).read_bytes().decode("utf-8") == interchange.totara_csv(framework, changed)
    for key in ("xlsx", "template"):
        target = tmp_path / key
        sheets.import_sheet(site / render.DOWNLOADS[key], target)
        assert loader.load(target)["competencies"]
    index = (site / "competencies" / "index.html").read_text(encoding="utf-8")
    for key in ("case", "moodle", "totara", "xlsx"):
        assert f'href="../{render.DOWNLOADS[key]}"' in index
    assert "For learning platforms:" in page_text(site / "competencies" / "index.html")


def test_every_page_carries_the_content_security_policy(site):
    for page in site.rglob("*.html"):
        doc = page.read_text(encoding="utf-8")
        assert re.search(r'<meta http-equiv="Content-Security-Policy" content="default-src \'self\';[^"]*connect-src \'self\'', doc), page


def test_no_page_loads_anything_from_another_host(site):
    for page in site.rglob("*.html"):
        doc = page.read_text(encoding="utf-8")
        for tag in re.findall(r"<(?:script|link|img|iframe|source|video|audio)\b[^>]*>", doc):
            if 'rel="canonical"' in tag:  # names the page's address; nothing is fetched
                continue
            url = re.search(r'(?:src|href)="(https?:)?//', tag)
            assert not url, f"{page}: loads {tag}"
        assert "fonts.googleapis" not in doc and "fonts.gstatic" not in doc


# ---------------------------------------------------------------- the build fails loudly


@pytest.fixture
def project(tmp_path) -> Path:
    """A scratch copy of the project to break."""
    for name in ("docs", "framework", "macros", "overrides", "mkdocs.yml"):
        src = ROOT / name
        (shutil.copytree if src.is_dir() else shutil.copy)(src, tmp_path / name)
    return tmp_path


def build(project: Path):
    import os
    import subprocess
    import sys
    return subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(project / "site")], cwd=project,
                          capture_output=True, text=True, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})


def test_build_fails_naming_the_file_that_hides_a_generated_page(project):
    (project / "docs/competencies").mkdir(exist_ok=True)  # (none in the repository: every page there is generated)
    (project / "docs/competencies/2.3-negotiations-with-customers.md").write_text("# My own 2.3\n")
    out = build(project)
    assert out.returncode != 0
    assert "docs/competencies/2.3-negotiations-with-customers.md:1: this page is generated from" in out.stderr
    assert "framework/competencies/2.3-negotiations-with-customers.yml" in out.stderr


def test_build_fails_on_a_page_for_no_competency(project):
    (project / "docs/competencies").mkdir(exist_ok=True)
    (project / "docs/competencies/5.1-old.md").write_text("# 5.1 Old\n")
    out = build(project)
    assert out.returncode != 0 and "docs/competencies/5.1-old.md:1: no area or competency" in out.stderr


def test_build_fails_on_a_broken_link(project):
    page = project / "docs/about.md"
    page.write_text(page.read_text() + "\nSee [the missing page](missing.md).\n")
    out = build(project)
    assert out.returncode != 0 and "missing.md" in out.stderr


def test_build_fails_on_a_broken_anchor(project):
    page = project / "docs/about.md"
    page.write_text(page.read_text() + "\nSee [a statement](competencies/1.1-knowledge-of-own-company.md#1.1-org-99).\n")
    out = build(project)
    assert out.returncode != 0 and "1.1-org-99" in out.stderr


def test_build_fails_with_file_line_on_a_framework_error(project):
    f = project / "framework/competencies/1.1-knowledge-of-own-company.yml"
    f.write_text(f.read_text().replace("title: Knowledge of own company", "titel: Knowledge of own company"))
    out = build(project)
    assert out.returncode != 0
    assert "framework/competencies/1.1-knowledge-of-own-company.yml:8: titel: unknown key (did you mean 'title'?)" in out.stderr


def test_adding_a_competency_is_a_data_edit(project):
    src = project / "framework/competencies/4.3-collaborating.yml"
    text = src.read_text().replace('id: "4.3"', 'id: "4.4"').replace("title: Collaborating", "title: Partnering")
    text = re.sub(r"\b4\.3-", "4.4-", text)
    (project / "framework/competencies/4.4-partnering.yml").write_text(text)
    built = build(project)
    assert built.returncode == 0, built.stderr
    page = project / "site/competencies/4.4-partnering/index.html"
    assert "4.4 Partnering" in page.read_text() and "4.4 Partnering" in (project / "site/index.html").read_text()
    assert 'href="../4.4-partnering/"' in (project / "site/competencies/area-4/index.html").read_text()


def test_guide_pages_come_from_the_framework(site, framework):
    for g in framework["guides"]:
        assert (site / g["page"][:-3] / "index.html").exists(), g
    assert not (ROOT / "docs" / "development.md").exists()


# ---------------------------------------------------------------- the expert review's corrections (issue 13)


GUIDES = ["diploma", "development", "training-path", "customise", "training", "theory", "glossary", "about", ""]


def list_items(site: Path, page: str) -> list[str]:
    """The visible text of every list item of a built page's article."""
    doc = (site / page / "index.html").read_text(encoding="utf-8")
    article = re.search(r"<article[^>]*>(.*)</article>", doc, re.S).group(1)
    items = re.findall(r"<li\b[^>]*>(.*?)(?=</li>|<li\b|<ol|<ul)", article, re.S)
    return [flat(html.unescape(re.sub(r"<[^>]+>", "", i))) for i in items]


def test_no_sentence_is_split_across_list_items(site):
    """A number that starts a line in the Markdown starts a new list item: "You need 12 of the" / "14."."""
    dangling = re.compile(r"\b(the|of|a|an|and|or|to|in|for|with|by|at|from)$", re.I)
    for page in GUIDES:
        for item in list_items(site, page):
            assert not dangling.search(item), (page, item)
    steps = list_items(site, "diploma")
    assert any(i.startswith("Choose your competencies. You need evidence for at least 12 of the 14. Start with") for i in steps)
    assert not re.search(r"^\s*\{\{[^}]*\}\}\.", (ROOT / "framework/pages/diploma.md").read_text(encoding="utf-8"), re.M)


def test_ready_is_the_handbooks_estimate_and_the_board_judges(site, framework):
    from macros import report

    example = page_text(site / "assess" / "example" / "index.html")
    assert "\"Ready\" is this handbook's own estimate" in example and "the award rule is met" not in example
    diploma = page_text(site / "diploma" / "index.html")
    assert "word guidance does not apply" not in diploma.lower()
    assert "shorter than the word guidance when you also provide your own raw materials" in diploma
    # more ready than required: never "13 of the 12 required"
    line = report.readiness(framework, {"ready": 13, "required": 12, "to_go": 0, "award_ready": True})
    assert line.startswith("All 12 required competencies ready by this handbook's estimate (13 in all)"), line
    assert "Academic Board" in line


def test_the_handbooks_own_words_are_told_apart_from_the_specifications(site):
    c23 = page_text(site / "competencies" / "2.3-negotiations-with-customers" / "index.html")
    assert "Training-path type (this handbook's): Supporting business acumen and complex sales" in c23
    assert "Editor's note: The spec's 'Managing Internal relationships' is competency 4.2" in c23
    assert "Note Note" not in c23 and "Note: Note:" not in c23 and "Note Part of the key account managers role" in c23
    c12 = page_text(site / "competencies" / "1.2-customer-understanding" / "index.html")
    assert "Editor's note: The spec's pointer is wrong" in c12
    c42 = page_text(site / "competencies" / "4.2-internal-relationships-and-key-account-teams" / "index.html")
    assert "Training-path type (this handbook's): Supporting soft skills and change management" in c42
    dev = page_text(site / "development" / "index.html")
    assert "Direct, Guide, Excite and Delegate" in dev and "These are Bradford's names for the four styles" in dev
    assert "coaching is a key mechanism" in dev and "main way" not in dev
    assert dev.count("After Edmund Bradford") == 0 and dev.count("Edmund Bradford") == 2  # named once above, once in Sources
    for phrase in ("makes some attempts at a clear course of action",  # the Strategic Thinking levels of seed 002
                   "find the resources for it through their own organisation", "\"book read\"",
                   "forming relationships based on sound internal consultancy skills",
                   "does not easily spot a mutually beneficial proposal",
                   "fully clarifies their own company's strategic direction and can articulate it internally",
                   "over the long, medium and short term", "stays alert to the customer's business pressures",
                   "looks for integrative opportunities across people, systems and processes"):
        assert phrase in dev, phrase


def test_the_guides_name_their_sources_and_their_types(site, framework):
    path = page_text(site / "training-path" / "index.html")
    opening = path.split("Three types of competency")[0]
    assert "the blog post \"How to define a strong KAM Training Path\"" in opening
    types = path.split("Three types of competency")[1].split("The example curriculum")[0]
    for ty in framework["types"]:
        assert ty["title"] in types, ty["id"]
    assert "The blog post this page draws on" not in path
    training = page_text(site / "training" / "index.html")
    assert "Source: the competency types and the example curriculum of the blog post \"How to define a strong KAM Training Path\"" in training
    for n in range(1, 6):
        assert f"Module {n}: " in training
    assert "The module is the" not in training


def test_copy_slips_are_gone(site, framework):
    home = page_text(site / "index.html")
    assert "AKAM KAM" not in home and home.lstrip().startswith("KAM Competency Handbook")
    theory = page_text(site / "theory" / "index.html")
    assert "2nd ed." in theory and not re.search(r"\w\.\.(?!\.)", theory)
    for c in framework["competencies"]:
        doc = html_of(site, render.competency_src(c)).read_text(encoding="utf-8")
        pairs = re.findall(r"<li>([^<]*?) → <a [^>]*>([^<]*)</a></li>", doc)
        assert pairs or c["id"] != "1.1"
        for item, entry in pairs:  # "Interpersonal communications → Interpersonal communications"
            assert not render._same_words(item, entry), (c["id"], item)
    source_words = {w for c in framework["competencies"] for s in [*(i["text"] for g in c["groups"] for i in g["indicators"]),
                                                                   *c["evidence"]] for w in re.findall(r"\w+\(s\)", s)}
    for page in site.rglob("*.html"):
        if "<article" not in page.read_text(encoding="utf-8"):
            continue
        hand = [w for w in re.findall(r"\w+\(s\)", page_text(page)) if w not in source_words]  # "piece(s)", "statement(s)"
        assert hand == [], (page, hand)
    for a in framework["areas"]:
        area = page_text(site / "competencies" / f"area-{a['id']}" / "index.html")
        assert a["description"] and flat(a["description"]) in area, a["id"]


def test_a_theory_a_statement_names_is_cross_linked_as_the_handbooks(site):
    doc = (site / "competencies" / "2.3-negotiations-with-customers" / "index.html").read_text(encoding="utf-8")
    theory = doc.split('id="relevant-theory"')[1].split('id="examples-of-evidence"')[0]
    assert 'href="../../theory/#kraljic-matrix"' in theory and 'href="#2.3-situation-5"' in theory
    assert "This cross-reference is the handbook's; the list above is the specification's." in page_text(
        site / "competencies" / "2.3-negotiations-with-customers" / "index.html")


def test_what_the_seeds_add_is_carried(site):
    dev = page_text(site / "development" / "index.html")
    for phrase in ("Team management skills", "Knowledge of KAM principles", "Selling and negotiation skills",  # Fig. 3
                   "\"total customer process owners\"", "so that they would not be seen as an elite unit",  # Goodyear
                   "do not put excellent key account managers into poor processes",  # conclusions
                   "well organised, detail-oriented and inquisitive",  # the coaching article's traits
                   "\"solution provider\" rather than merely a product vendor"):  # Richardson
        assert phrase in dev, phrase
    doc = (site / "development" / "index.html").read_text(encoding="utf-8")
    assert 'href="../theory/#experiential-learning-cycle"' in doc and 'href="../theory/#skill-will-matrix"' in doc
    theory = page_text(site / "theory" / "index.html")
    assert "Kolb, D. A. (1984). Experiential Learning: Experience as the Source of Learning and Development." in theory
    assert "Landsberg, M. (1996). The Tao of Coaching. (2002 edition: Profile Books)" in theory
    assert theory.count("Not among the specification's examples of relevant theory") == 2

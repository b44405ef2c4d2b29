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
from macros import render


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
                assert theories[t]["title"] in text
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
        text = page_text(page) if "<article" in page.read_text(encoding="utf-8") else page.read_text(encoding="utf-8")
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
    for c in framework["competencies"]:
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
    (project / "docs/competencies/2.3-negotiations-with-customers.md").write_text("# My own 2.3\n")
    out = build(project)
    assert out.returncode != 0
    assert "docs/competencies/2.3-negotiations-with-customers.md:1: this page is generated from" in out.stderr
    assert "framework/competencies/2.3-negotiations-with-customers.yml" in out.stderr


def test_build_fails_on_a_page_for_no_competency(project):
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

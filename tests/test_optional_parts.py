"""Optional parts: a framework without them gets no page, navigation entry or link for them, and no AKAM wording.

The minimal framework is the one the Customise guide (framework/pages/customise.md) promises: framework.yml (identity and areas), scale.yml (the scale
and the pass level) and competency files, nothing else. Its site must build with --strict and must not show a
submission plan or workspace, an award page, a worked example, a theory library, a training path or a glossary, nor
any word of AKAM's framework.
"""

from __future__ import annotations

import html
import json
import re
import textwrap
from pathlib import Path

import pytest

from conftest import ROOT, build_site
from macros import loader, main, pages

# The words of AKAM's framework that must not show in the site of a framework that does not use them
# (word-ish: "award" also finds "awarded", "candidate" finds "candidates").
WORDS = re.compile(r"(?<![\w-])(akam|kam|key[ -]accounts?|diplomas?|award\w*|candidates?)(?![\w-])", re.I)

# docs/ pages and generated pages of optional parts, by their address in the built site.
ABSENT = {"assess/plan/": "plan", "assess/workspace/": "workspace", "award/": "award", "diploma/": "award",
          "assess/example/": "example", "theory/": "theory library", "training/": "training path",
          "glossary/": "glossary"}
PRESENT = ["", "assess/", "assess/rate/", "assess/compare/", "assess/review/", "competencies/", "about/"]

MINIMAL = {
    "framework.yml": """\
        id: team-skills
        version: "1"
        title: Team skills framework
        areas:
          - id: A
            title: Working together
        """,
    "scale.yml": """\
        scale:
          not_applicable: false
          levels:
            - {value: 0, label: Not yet, description: Not shown yet.}
            - {value: 1, label: Sometimes, description: Shown now and then.}
            - {value: 2, label: Usually, description: Shown as a habit.}
        rules:
          pass_level: 1.5
        """,
    "competencies/A1-listening.yml": """\
        id: A1
        area: A
        title: Listening
        groups:
          - id: A1-basics
            title: The basics
            indicators:
              - {id: A1-basics-1, text: Lets others finish before answering.}
              - {id: A1-basics-2, text: Sums up what was said before moving on.}
        """,
    "competencies/A2-planning.yml": """\
        id: A2
        area: A
        title: Planning
        levels:
          - {value: 1, summary: Plans their own week.}
          - {value: 2, summary: Plans the team's work with the team.}
        """,
}


def write_minimal(target: Path) -> Path:
    for name, text in MINIMAL.items():
        path = target / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text), encoding="utf-8")
    return target


@pytest.fixture(scope="module")
def minimal_dir(tmp_path_factory) -> Path:
    return write_minimal(tmp_path_factory.mktemp("minimal") / "framework")


@pytest.fixture(scope="module")
def minimal_site(minimal_dir, tmp_path_factory) -> Path:
    site = tmp_path_factory.mktemp("minimal-site")
    out = build_site(site, {"KAM_FRAMEWORK": str(minimal_dir)})
    assert out.returncode == 0, out.stderr
    return site


def html_pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def address(site: Path, page: Path) -> str:
    rel = page.relative_to(site).as_posix()
    return rel[: -len("index.html")] if rel.endswith("index.html") else rel


def links(site: Path, page: Path) -> set[str]:
    """Every page address the page links to (relative links resolved against the page's own address)."""
    here = "/" + address(site, page)
    out = set()
    for href in re.findall(r'\shref="([^"#?]*)', page.read_text(encoding="utf-8")):
        if not href or re.match(r"[a-z]+:", href) or href.startswith("//"):
            continue
        target = Path(here.rsplit("/", 1)[0] + "/" + href) if not href.startswith("/") else Path(href)
        parts: list[str] = []
        for p in target.as_posix().split("/"):
            if p == "..":
                parts = parts[:-1]
            elif p not in ("", "."):
                parts.append(p)
        out.add("/".join(parts) + ("/" if href.endswith("/") or not parts else ""))
    return out


def readable(doc: str) -> str:
    """What a reader of a page sees, or hears from a screen reader: the text outside scripts, code and tags, and the
    attributes that carry words (title, alt, aria-label, placeholder, content). Code (file names such as a YAML file's,
    keys such as rules.award_min) is not wording."""
    doc = re.sub(r"<script\b.*?</script>", " ", doc, flags=re.S)
    doc = re.sub(r"<code\b.*?</code>", " ", doc, flags=re.S)
    attrs = " ".join(m.group(2) for m in re.finditer(r'\s(title|alt|aria-label|placeholder|content)="([^"]*)"', doc))
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", doc) + " " + attrs))


def words_in(text: str) -> list[str]:
    return sorted({m.group(0) for m in WORDS.finditer(text)})


# ---------------------------------------------------------------- the framework


def test_the_minimal_framework_has_none_of_the_optional_parts(minimal_dir):
    fw = loader.load(minimal_dir)
    assert sorted(k for k, v in fw["parts"].items() if v) == ["levels", "statements"]
    assert fw["diploma"] is None and fw["sample_assessment"] is None and fw["source"] is None
    assert not any(pages.wanted(fw, src) for src in pages.OPTIONAL)
    assert pages.award_src(fw) is None


# ---------------------------------------------------------------- the built site


def test_no_page_of_an_absent_part(minimal_site):
    built = {address(minimal_site, p) for p in html_pages(minimal_site)}
    assert sorted(a for a in ABSENT if a in built) == []
    assert sorted(a for a in PRESENT if a not in built) == []
    index = json.loads((minimal_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert sorted({d["location"].split("#")[0] for d in index["docs"]} & set(ABSENT)) == []
    sitemap = (minimal_site / "sitemap.xml").read_text(encoding="utf-8")
    assert [a for a in ABSENT if f"/{a}</loc>" in sitemap] == []


def test_no_navigation_entry_or_link_to_an_absent_part(minimal_site):
    found = []
    for page in html_pages(minimal_site):
        found += [f"{address(minimal_site, page)} -> {a}" for a in links(minimal_site, page) & set(ABSENT)]
    assert found == []
    home = (minimal_site / "index.html").read_text(encoding="utf-8")
    nav = " ".join(re.findall(r'class="md-nav__link[^"]*"[^>]*>(.*?)</', home, flags=re.S))
    for title in ("Submission plan", "Submission workspace", "Worked example", "Theory library", "Training path",
                  "Glossary", "Guides", "Customise for your company"):
        assert title not in nav
    for title in ("Rate yourself", "Compare", "Coach review", "About"):
        assert title in nav


def test_no_akam_wording_in_any_page(minimal_site):
    found = []
    for page in html_pages(minimal_site):
        found += [f"{address(minimal_site, page) or '/'}: {w}" for w in words_in(readable(page.read_text(encoding="utf-8")))]
    assert found == []


def test_no_akam_wording_in_the_search_index(minimal_site):
    index = json.loads((minimal_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    found = []
    for doc in index["docs"]:
        found += [f"{doc['location'] or '/'}: {w}" for w in words_in(readable(doc["title"] + " " + doc["text"]))]
    assert found == []


def test_no_akam_wording_in_the_interface_texts_the_pages_carry(minimal_site):
    """The assessment pages carry the interface's texts for their script: none of them may speak of AKAM's framework."""
    found = []
    for page in html_pages(minimal_site):
        m = re.search(r'id="kam-data" hidden data-json="([^"]*)"', page.read_text(encoding="utf-8"))
        if m:
            data = json.loads(html.unescape(m.group(1)))
            shared = json.loads((page.parent / data["src"]).read_text(encoding="utf-8"))  # the file its script fetches
            strings = {**shared["strings"], **data["strings"]}
            found += [f"{key}: {w}" for key, text in strings.items() for w in words_in(re.sub(r"\{\w+\}", "", text))]
    assert sorted(set(found)) == []


def test_the_rate_page_introduces_both_kinds_of_rating(minimal_site):
    text = readable((minimal_site / "assess" / "rate" / "index.html").read_text(encoding="utf-8"))
    strings = loader.default_strings()
    for key in ("rate_intro_statements", "rate_intro_levels"):
        assert strings[key].replace("*", "") in text
    assert "will rating" not in text  # no coaching: no will question


# ---------------------------------------------------------------- an award page without a workspace

CERTIFICATE = """\
diploma:
  short_title: Certificate
  title: Team skills certificate
  awarded_by: the learning team
  word_guidance: {min: 300, max: 600, per: competency, binding: false}
  rules:
    - {id: both-ready, title: "{award_min} of the {competency_count} competencies ready", text: Both must be ready.}
  sign_off: {who: Your team lead, confirms: The facts are true., does_not: Judge the result.}
"""


@pytest.fixture(scope="module")
def certificate_site(tmp_path_factory) -> Path:
    folder = write_minimal(tmp_path_factory.mktemp("certificate") / "framework")
    (folder / "diploma.yml").write_text(CERTIFICATE, encoding="utf-8")
    scale = folder / "scale.yml"
    scale.write_text(scale.read_text(encoding="utf-8") + "  award_min: 2\n", encoding="utf-8")
    (folder / "pages").mkdir()
    (folder / "pages" / "award.md").write_text("## Preparing\n\nAsk your team lead; you need {{ framework.rules.award_min }}.\n",
                                               encoding="utf-8")
    site = tmp_path_factory.mktemp("certificate-site")
    out = build_site(site, {"KAM_FRAMEWORK": str(folder)})
    assert out.returncode == 0, out.stderr
    return site


def test_the_award_page_is_generated_at_its_address_with_the_frameworks_own_text(certificate_site):
    page = readable((certificate_site / "award" / "index.html").read_text(encoding="utf-8"))
    assert "Certificate guide" in page and "The Team skills certificate is granted by the learning team." in page
    assert "2 of the 2 competencies ready" in page and "Your team lead" in page  # the rules and the sign-off
    assert "Preparing Ask your team lead; you need 2." in re.sub(r"\s*¶\s*", " ", page)  # pages/award.md, after them
    home = (certificate_site / "index.html").read_text(encoding="utf-8")
    assert 'href="award/"' in home and "Certificate guide" in home  # the home page's card and the navigation
    built = {address(certificate_site, p) for p in html_pages(certificate_site)}
    assert {"assess/plan/", "assess/workspace/", "diploma/"} & built == set()  # no workspace: no plan, no workspace


# ---------------------------------------------------------------- AKAM's site keeps its parts and wording


def test_akam_site_has_every_optional_page(site):
    for a in ("assess/plan/", "assess/workspace/", "assess/example/", "theory/", "training/", "glossary/", "diploma/"):
        assert (site / a / "index.html").exists(), a
    assert not (site / "award").exists()
    home = (site / "index.html").read_text(encoding="utf-8")
    for title in ("Submission plan", "Submission workspace", "Worked example", "Theory library", "Training path",
                  "Diploma guide", "Glossary"):
        assert f"{title}\n" in home or f"{title}<" in home, title
    award = readable((site / "diploma" / "index.html").read_text(encoding="utf-8"))
    assert "The AKAM Diploma in Key Account Management is awarded by The Association for Key Account Management" in award
    assert "Structuring a submission" in award and "Working through it" in award  # framework/pages/diploma.md
    rate = readable((site / "assess" / "rate" / "index.html").read_text(encoding="utf-8"))
    assert "in your own key-account work today" in rate  # framework/strings.yml


# ---------------------------------------------------------------- the pieces


def fake(**parts) -> dict:
    keys = ("award", "award_page", "workspace", "coaching", "theories", "curriculum", "glossary", "profiles", "types",
            "bands", "levels", "statements", "example", "source")
    fw = loader.load(ROOT / "framework")
    return {**fw, "parts": {k: parts.get(k, False) for k in keys}}


def test_each_optional_page_follows_its_part():
    fw = fake()
    assert [src for src in pages.OPTIONAL if pages.wanted(fw, src)] == []
    assert pages.wanted(fake(types=True), "training.md") and pages.wanted(fake(curriculum=True), "training.md")
    assert pages.wanted(fake(workspace=True), "assess/plan.md") and pages.wanted(fake(workspace=True), "assess/workspace.md")
    assert pages.wanted(fw, "assess/review.md") and pages.wanted(fw, "assess/compare.md") and pages.wanted(fw, "index.md")


def test_the_navigation_loses_absent_parts_and_empty_sections_and_is_titled_from_the_strings():
    nav = [{"Home": "index.md"}, {"Self-assessment": ["assess/index.md", {"Submission plan": "assess/plan.md"}]},
           {"Extra": [{"Theory library": "theory.md"}]}, {"Theory library": "theory.md"}, "glossary.md"]
    fw = fake()
    fw["strings"] = {**fw["strings"], "nav_home": "Start", "nav_assessment": "Selbsteinschätzung"}
    assert main._shape_nav(nav, fw) == [{"Start": "index.md"}, {"Selbsteinschätzung": ["assess/index.md"]}]
    assert main._shape_nav(nav, fake(theories=True))[2:] == [{"Extra": [{"Theory library": "theory.md"}]},
                                                             {"Theory library": "theory.md"}]


def test_the_framework_folder_in_use_is_watched(tmp_path):
    conf = {"watch": [str(ROOT / "framework"), str(ROOT / "macros")]}
    main._watch(conf, (ROOT / "framework").resolve())
    assert conf["watch"] == [str(ROOT / "framework"), str(ROOT / "macros")]
    main._watch(conf, tmp_path / "framework")
    main._watch(conf, tmp_path / "framework")
    assert conf["watch"][2:] == [str(tmp_path / "framework")]


DOC_CALL = re.compile(r"""(?<![\w$])text\(\s*(["'])(\w+)\1""")


def test_every_text_a_page_asks_for_exists():
    """{{ text("key") }} in docs/ and in the generated award page names a key of macros/strings.yml."""
    strings = loader.default_strings()
    used = {}
    for path in [*sorted((ROOT / "docs").rglob("*.md")), ROOT / "macros" / "pages.py"]:
        for m in DOC_CALL.finditer(path.read_text(encoding="utf-8")):
            used.setdefault(m.group(2), path.name)
    assert len(used) > 10
    assert sorted(k for k in used if k not in strings) == []

"""Page layouts as templates (issue 17): every generated page kind renders from its template in macros/templates/, a
framework's templates/<kind>.md replaces it, and a template that is unknown, does not parse or fails while rendering
is refused with file:line, by `kam.py validate` and by the build."""

from __future__ import annotations

import re
import shutil

import pytest

from conftest import FRAMEWORK, ROOT, build_site
from macros import loader, pages, render, templating
from test_validation import run_kam

EXAMPLE = ROOT / "examples" / "six-critical-competencies" / "framework"

# How each page kind is rendered (as main.py's macros render it), on the AKAM framework.
KINDS = {
    "area": lambda fw, lay: render.area_page(fw, render.area_src("1"), "1", layouts=lay),
    "competency": lambda fw, lay: render.competency_page(fw, render.competency_src(fw["competencies"][0]), "1.1", layouts=lay),
    "all": lambda fw, lay: render.all_competencies(fw, render.ALL_SRC, layouts=lay),
    "theory": lambda fw, lay: render.theory_page(fw, render.THEORY_SRC, layouts=lay),
    "training": lambda fw, lay: render.training_page(fw, render.TRAINING_SRC, layouts=lay),
    "glossary": lambda fw, lay: render.glossary_page(fw, render.GLOSSARY_SRC, layouts=lay),
    "award": lambda fw, lay: render.award_page(fw, render.award_src(fw), layouts=lay),
    "competencies": lambda fw, lay: render.competencies_page(fw, "competencies/index.md", layouts=lay),
}

# A line each page kind's default template writes (what the page shows, from the framework and the interface texts).
DEFAULT = {"area": "# 1 Business and customer understanding", "competency": "# 1.1 Knowledge of own company", "all": "# All on one page",
           "theory": "# Theory library", "training": "## The curriculum", "glossary": "# Glossary", "award": "## The rules",
           "competencies": "# Competencies"}


@pytest.fixture(scope="module")
def akam() -> dict:
    return loader.load(FRAMEWORK)


def own_templates(tmp_path, **templates: str):
    """A framework folder with only templates/<kind>.md (what Layouts reads)."""
    (tmp_path / "templates").mkdir(exist_ok=True)
    for kind, text in templates.items():
        (tmp_path / "templates" / f"{kind}.md").write_text(text, encoding="utf-8")
    return templating.Layouts(tmp_path)


def test_every_generated_page_kind_has_its_template():
    assert set(KINDS) == set(templating.KINDS) == {p.stem for p in templating.TEMPLATE_DIR.glob("*.md")}


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_every_page_kind_renders_from_its_template(akam, tmp_path, kind):
    default = KINDS[kind](akam, templating.Layouts(None))
    assert DEFAULT[kind] in default.splitlines()
    mine = own_templates(tmp_path, **{kind: "Our own layout: {{ framework.short_title | md }}.\n"})
    assert KINDS[kind](akam, mine) == "Our own layout: AKAM diploma competencies.\n"


def test_a_template_reorders_drops_and_adds(akam, tmp_path):
    """The competency page with the evidence first, no theory, and a box of the company's own."""
    lay = own_templates(tmp_path, competency="{{ section.title }}\n\n{{ section.evidence }}\n\n!!! tip \"At ACME\"\n"
                                             "    Ask your coach about *{{ c.name | md }}*.\n\n{{ section.rationale }}\n")
    page = KINDS["competency"](akam, lay)
    assert page.index("## Examples of evidence") < page.index("!!! tip \"At ACME\"") < page.index("## Rationale")
    assert "Ask your coach about *1.1 Knowledge of own company*." in page and "## Relevant theory" not in page
    # the page with every competency lays each one out with the same template, a heading level down
    whole = KINDS["all"](akam, lay)
    assert whole.count('!!! tip "At ACME"') == len(akam["competencies"]) and "### Examples of evidence" in whole


def test_front_matter_of_a_template_goes_to_its_pages(tmp_path):
    copy = shutil.copytree(EXAMPLE, tmp_path / "framework")
    (copy / "templates" / "glossary.md").write_text("---\nsearch:\n  exclude: true\n---\n# {{ text(\"nav_glossary\") }}\n\n{{ glossary }}\n",
                                                    encoding="utf-8")
    fw = loader.load(copy)
    made = pages.generated(fw, copy)
    assert made[render.GLOSSARY_SRC][0] == "---\nsearch:\n  exclude: true\n---\n{{ glossary_page() }}\n"
    assert made[render.THEORY_SRC][0].startswith("---\nsearch:\n  boost: 1.2")  # the default's own front matter


def test_unknown_and_broken_templates_are_refused_with_file_and_line(tmp_path):
    copy = shutil.copytree(EXAMPLE, tmp_path / "framework")
    (copy / "templates" / "competence.md").write_text("# Mine\n", encoding="utf-8")
    (copy / "templates" / "area.md").write_text("# {{ area.name }}\n\n{% if area.description %}\nno end\n", encoding="utf-8")
    out = run_kam("--framework", str(copy), "validate")
    assert out.returncode == 1
    assert re.search(r"templates/competence\.md:1: \(template\): unknown template: the templates are all\.md, area\.md, award\.md, "
                     r"competencies\.md, competency\.md, glossary\.md, theory\.md, training\.md", out.stderr), out.stderr
    assert re.search(r"templates/area\.md:4: \(template\): Unexpected end of template\. Jinja was looking for the following tags: "
                     r"'elif' or 'else' or 'endif'", out.stderr), out.stderr
    built = build_site(tmp_path / "site", {"KAM_FRAMEWORK": str(copy)})
    assert built.returncode != 0 and "templates/area.md:4: (template): Unexpected end of template" in built.stderr


def test_a_template_that_fails_while_rendering_names_its_line(tmp_path):
    copy = shutil.copytree(EXAMPLE, tmp_path / "framework")
    (copy / "templates" / "competency.md").write_text("{{ section.title }}\n\n{{ c.no_such_field }}\n", encoding="utf-8")
    out = run_kam("--framework", str(copy), "validate")
    assert out.returncode == 1 and "templates/competency.md:3: (template): UndefinedError: 'dict object' has no attribute 'no_such_field'" in out.stderr
    built = build_site(tmp_path / "site", {"KAM_FRAMEWORK": str(copy)})
    assert built.returncode != 0
    assert "problem(s) in the framework's page templates" in built.stderr
    assert "templates/competency.md:3: (template): UndefinedError" in built.stderr


def test_validate_says_which_templates_a_framework_replaces():
    out = run_kam("--framework", str(EXAMPLE), "validate")
    assert out.returncode == 0 and out.stdout.strip().endswith("its own page templates: competency.md")
    assert "templates" not in run_kam("validate").stdout  # the AKAM framework uses the defaults


def test_a_template_added_or_changed_later_is_used_at_the_next_rebuild(akam, tmp_path):
    """mkdocs serve keeps one set of layouts per framework folder: a template added or edited is read again."""
    lay = templating.Layouts(tmp_path)
    assert KINDS["glossary"](akam, lay).startswith("# Glossary")
    own_templates(tmp_path, glossary="First.\n")
    assert KINDS["glossary"](akam, lay) == "First.\n"
    path = tmp_path / "templates" / "glossary.md"
    path.write_text("Second.\n", encoding="utf-8")
    import os
    os.utime(path, ns=(path.stat().st_atime_ns, path.stat().st_mtime_ns + 1_000_000))
    assert KINDS["glossary"](akam, lay) == "Second.\n"

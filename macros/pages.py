"""The pages that come from the framework itself, generated at build time, and the pages of its optional parts.

One page per area and per competency, one page with every competency (to
print), the theory library, the training page and the glossary when the
framework has them, the award page (from diploma.yml, at
``<diploma.page>.md``): a single macro call each, rendered by ``render.py``
through the page kind's template (``templating.py``). And the framework's own
guide pages (``framework/pages/*.md``, listed under ``guides`` in
framework.yml).
``hooks.py`` adds them to the site; nothing about them is kept in docs/, so
adding a competency is a data edit. A file in docs/ at one of their addresses
is an error: it would hide the generated page.

The pages of docs/ that belong to an optional part (``OPTIONAL``) are left
out of the site, and out of its navigation (``main.py``), when the framework
does not have that part.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from . import templating
from .render import ALL_SRC, ASSESS, COMPETENCY_DIR, GLOSSARY_SRC, THEORY_SRC, TRAINING_SRC, area_src, award_src, competency_src


# The pages of docs/ that exist only when the framework has one of these parts (the compiled framework's `parts`).
OPTIONAL: dict[str, tuple[str, ...]] = {
    ASSESS["plan"]: ("workspace",),
    ASSESS["workspace"]: ("workspace",),
    "assess/example.md": ("example",),
    THEORY_SRC: ("theories",),
    TRAINING_SRC: ("curriculum", "types"),
    GLOSSARY_SRC: ("glossary",),
}
AWARD_NAV = "award-page"  # mkdocs.yml's nav entry where the award page goes (it goes when there is none)


def wanted(fw: dict[str, Any], src: str) -> bool:
    """Whether page ``src`` of docs/ belongs in the site of this framework."""
    return src not in OPTIONAL or any(fw["parts"][part] for part in OPTIONAL[src])


def config_dir(conf: Any) -> Path:
    """The folder of mkdocs.yml. MkDocs and ProperDocs give its path as config_file_path; Zensical (0.0.73) has no
    such key but gives the folder as root_dir; failing both, the working directory."""
    path = conf.get("config_file_path")
    if path:
        return Path(path).parent
    return Path(conf.get("root_dir") or Path.cwd())


def framework_dir(conf: Any) -> Path:
    """The framework folder: $KAM_FRAMEWORK, else extra.kam.framework, else framework/ (relative to mkdocs.yml)."""
    extra = conf.get("extra") or {}
    configured = os.environ.get("KAM_FRAMEWORK") or (extra.get("kam") or {}).get("framework", "framework")
    return (config_dir(conf) / configured).resolve()


# The pages made from a template (macros/templates/<kind>.md, or the framework's templates/<kind>.md), each one macro
# call: {page in docs/: (template kind, the macro that renders it)}; those of optional parts only when there.
SINGLE_PAGES = {f"{COMPETENCY_DIR}/index.md": ("competencies", "competencies_page"), ALL_SRC: ("all", "all_competencies"), THEORY_SRC: ("theory", "theory_page"),
                TRAINING_SRC: ("training", "training_page"), GLOSSARY_SRC: ("glossary", "glossary_page")}


def generated(fw: dict[str, Any], directory: Path) -> dict[str, tuple[str, Path]]:
    """{docs-relative path: (Markdown, the framework file it comes from)}: a macro call each, after the front matter of
    its template."""
    layouts = templating.layouts(directory)
    origin = directory / "framework.yml"
    pages = {area_src(a["id"]): (layouts.front_matter("area") + f'{{{{ area_page("{a["id"]}") }}}}\n', origin) for a in fw["areas"]}
    for c in fw["competencies"]:
        pages[competency_src(c)] = (layouts.front_matter("competency") + f'{{{{ competency_page("{c["id"]}") }}}}\n',
                                    directory / c["file"])
    for src, (kind, macro) in SINGLE_PAGES.items():
        if wanted(fw, src):
            pages[src] = (layouts.front_matter(kind) + f"{{{{ {macro}() }}}}\n", origin)
    award = award_src(fw)
    if award:
        own = directory / "pages" / award  # the framework's own text for its award page, when it has one
        text = layouts.front_matter("award") + "{{ award_page() }}\n" + ("\n" + own.read_text(encoding="utf-8") if own.is_file() else "")
        pages[award] = (text, directory / fw["files"]["diploma"])
    for g in fw["guides"]:
        path = directory / g["file"]
        pages[g["page"]] = (path.read_text(encoding="utf-8"), path)
    return pages


def template_problems(fw: dict[str, Any], directory: Path) -> list[Any]:
    """Every page made from a template the framework replaces, rendered as the build renders it: the problems
    (file:line) of the templates that fail (an unknown variable, a filter on the wrong type, …). ``kam.py validate``
    runs it, so that a template's error shows before a build."""
    from . import render
    from .problems import FrameworkError

    own = set(templating.overridden(directory))
    if not own:
        return []
    lay = templating.layouts(directory)
    jobs = [("area", area_src(a["id"]), lambda a=a: render.area_page(fw, area_src(a["id"]), a["id"], layouts=lay)) for a in fw["areas"]]
    jobs += [("competency", competency_src(c), lambda c=c: render.competency_page(fw, competency_src(c), c["id"], layouts=lay))
             for c in fw["competencies"]]
    jobs += [(kind, src, lambda src=src, macro=macro: getattr(render, macro)(fw, src, layouts=lay))
             for src, (kind, macro) in SINGLE_PAGES.items() if wanted(fw, src)]
    if award_src(fw):
        jobs.append(("award", award_src(fw), lambda: render.award_page(fw, award_src(fw), layouts=lay)))
    problems = []
    for kind, _src, job in jobs:
        if kind in own or (kind == "all" and "competency" in own):
            try:
                job()
            except FrameworkError as exc:
                problems += exc.problems
    return sorted(set(problems))


def collisions(pages: dict[str, Any], docs_dir: Path, directory: Path) -> list[str]:
    """Files in docs/ that would hide a generated page, or stand where only generated pages belong."""
    out = []
    for src, (_, origin) in pages.items():
        if (docs_dir / src).exists():
            out.append(f"{docs_dir / src}:1: this page is generated from {origin}: delete the file in docs/")
    folder = docs_dir / COMPETENCY_DIR
    for path in sorted(folder.rglob("*.md")) if folder.is_dir() else []:
        src = path.relative_to(docs_dir).as_posix()
        if src not in pages:
            out.append(f"{path}:1: no area or competency in {directory} has this page: "
                       f"competency pages are generated from {directory / COMPETENCY_DIR}/*.yml; delete it")
    return out

"""The pages that come from the framework itself, generated at build time, and the pages of its optional parts.

One page per area and per competency (a single macro call each, rendered by
``render.py``), one page with every competency (to print), the award page
(from diploma.yml, at ``<diploma.page>.md``) and the framework's own guide
pages (``framework/pages/*.md``, listed under ``guides`` in framework.yml).
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


def generated(fw: dict[str, Any], directory: Path) -> dict[str, tuple[str, Path]]:
    """{docs-relative path: (Markdown, the framework file it comes from)}."""
    pages = {area_src(a["id"]): (f'{{{{ area_page("{a["id"]}") }}}}\n', directory / "framework.yml") for a in fw["areas"]}
    for c in fw["competencies"]:
        pages[competency_src(c)] = (f'{{{{ competency_page("{c["id"]}") }}}}\n', directory / c["file"])
    title = fw["strings"]["page_all_title"]
    pages[ALL_SRC] = (f"---\nsearch:\n  exclude: true\n---\n\n# {title}\n\n{{{{ all_competencies() }}}}\n", directory / "framework.yml")
    award = award_src(fw)
    if award:
        own = directory / "pages" / award  # the framework's own text for its award page, when it has one
        text = AWARD_PAGE + ("\n" + own.read_text(encoding="utf-8") if own.is_file() else "")
        pages[award] = (text, directory / fw["files"]["diploma"])
    for g in fw["guides"]:
        path = directory / g["file"]
        pages[g["page"]] = (path.read_text(encoding="utf-8"), path)
    return pages


# The award page: the generic part; the framework's pages/<diploma.page>.md, when there is one, follows it.
AWARD_PAGE = """\
# {{ text("page_guide", title=award.short_title) }}

{{ text("award_intro", award=award.title, awarded_by=award.awarded_by) }}
{% if award.audience %}{{ text("award_audience", audience=award.audience[0] | lower ~ award.audience[1:]) }}{% endif %}

## {{ text("award_rules") }}

{{ diploma_rules() }}

## {{ text("award_sign_off") }}

{{ sign_off() }}
"""


def collisions(pages: dict[str, Any], docs_dir: Path, directory: Path) -> list[str]:
    """Files in docs/ that would hide a generated page, or stand where only generated pages belong."""
    out = []
    for src, (_, origin) in pages.items():
        if (docs_dir / src).exists():
            out.append(f"{docs_dir / src}:1: this page is generated from {origin}: delete the file in docs/")
    folder = docs_dir / COMPETENCY_DIR
    for path in sorted(folder.rglob("*.md")) if folder.is_dir() else []:
        src = path.relative_to(docs_dir).as_posix()
        if src != f"{COMPETENCY_DIR}/index.md" and src not in pages:
            out.append(f"{path}:1: no area or competency in {directory} has this page: "
                       f"competency pages are generated from {directory / COMPETENCY_DIR}/*.yml; delete it")
    return out

"""mkdocs-macros entry point: the framework as variables and macros for the handbook.

Loads ``framework/`` (or ``$KAM_FRAMEWORK``, or ``extra.kam.framework`` in
mkdocs.yml), fails the build with file:line problems when it is invalid or when
the page stubs disagree with it, adds the competency, award and guide pages to
the navigation, leaves out the entries of optional parts the framework does not
have, titles the entries from the interface's texts (nav_*), and registers one
macro per renderer in ``render.py`` and ``text()``, the interface's texts for
the pages of docs/.
"""

from __future__ import annotations

import html
import json
import logging
import os
from pathlib import Path
from typing import Any, Callable

from mkdocs.exceptions import PluginError

from macros import loader, render, templating
from macros import pages
from macros.pages import framework_dir
from macros.problems import FrameworkError

log = logging.getLogger("mkdocs.plugins.kam")
NAV_ANCHOR = f"{render.COMPETENCY_DIR}/index.md"
GUIDES_ANCHOR = "framework-guides"

# Macros a page calls, and which framework file its "edit this page" button should open.
MACROS: dict[str, str | None] = {
    "at_a_glance": None, "competency_list": None, "area_page": "framework", "competency_page": None,
    "theory_library": "theories", "theory_index": None, "competency_types": None, "curriculum": "curriculum",
    "diploma_rules": "diploma", "sign_off": None, "word_guidance": None, "submission_outline": None,
    "coaching_styles": None, "glossary": "glossary", "source_block": None, "assessment_app": None, "downloads": None,
    "all_competencies": None, "theory_page": "theories", "training_page": "curriculum", "glossary_page": "glossary",
    "award_page": "diploma", "competencies_page": "framework",
}
# The macros of the generated pages (pages.py): each lays its page out with its template (templating.py).
PAGE_MACROS = frozenset({"area_page", "competency_page", "all_competencies", "theory_page", "training_page", "glossary_page",
                         "award_page", "competencies_page"})


def define_env(env: Any) -> None:
    directory = framework_dir(env.conf)
    if builds_nav_later(env.conf):  # (MkDocs and ProperDocs; Zensical has no watch list here)
        _watch(env.conf, directory)  # first: `mkdocs serve` keeps watching the folder it starts with, valid or not
    try:
        fw = loader.load_cached(directory)
    except FrameworkError as exc:
        raise PluginError(f"{len(exc.problems)} problem(s) in the framework:\n{exc}") from None

    t = render.texts(fw)
    env.variables["framework"] = fw
    env.variables["award"] = fw["diploma"]  # the award page's data (diploma.yml), None without one
    env.variables["kam_framework_dir"] = str(directory)
    if builds_nav_later(env.conf):
        _add_competencies_to_nav(env.conf, fw)
        _add_guides_to_nav(env.conf, fw)
        _add_award_to_nav(env.conf, fw)
        env.conf["nav"] = _shape_nav(env.conf.get("nav") or [], fw)
    env.conf["site_name"] = fw["site_name"]
    env.conf["site_description"] = fw["site_description"]
    env.conf["theme"]["language"] = fw["language"]  # Material's own labels follow the framework
    src = fw["source"]
    env.conf["copyright"] = (t("page_copyright", title=src["title"], year=src["year"], publisher=src["publisher"]) if src
                             else t("page_copyright_own"))
    env.conf["extra"]["kam_theme"] = _theme_texts(fw)  # for overrides/ (the 404 page, labels a11y.js gives the theme)
    edit_base = _edit_url(env.conf, directory)
    env.variables["kam_docs_edit_url"] = _edit_url(env.conf, Path(env.conf["docs_dir"]))
    layouts = templating.layouts(directory)
    own = templating.overridden(directory)
    if own:
        log.info("kam: the framework's own templates: %s", ", ".join(f"{k}.md" for k in own))
    for name, file_key in MACROS.items():
        env.macro(_page_macro(env, fw, name, file_key, edit_base, layouts if name in PAGE_MACROS else None), name)

    @env.macro
    def worked_example() -> str:
        """The framework's sample assessment, scored at build time by the Python scorer."""
        return render.worked_example(fw, page_src(env.page), directory)

    @env.macro
    def text(key: str, **params: Any) -> str:
        """An interface text (macros/strings.yml, the framework's strings.yml over it) for a page of docs/, as Markdown:
        {title} and {short_title} are the framework's, other parameters come from the call; every value is escaped."""
        values = {"title": fw["title"], "short_title": fw["short_title"], **params}
        lookup = render.texts(fw)  # the key is named in the page (tests/test_strings.py finds it there)
        return lookup(key, **{k: render.esc(v) if isinstance(v, str) else v for k, v in values.items()})

    @env.filter
    def and_list(items: list[str]) -> str:
        """The non-empty items as a list in words: "a, b and c" (page_list_and)."""
        return render.and_list(fw, items)


def page_src(page: Any) -> str:
    """The docs-relative path of the page being rendered (MkDocs: page.file.src_uri; Zensical: page.path)."""
    file = getattr(page, "file", None)
    return file.src_uri if file is not None else page.path


def builds_nav_later(conf: Any) -> bool:
    """Whether the builder makes the navigation from mkdocs.yml's nav after define_env, as MkDocs and ProperDocs do
    (they give config_file_path). Zensical (0.0.73) runs define_env for each page after it has made the navigation
    (and has no config_file_path): changing the nav there changes nothing, so it is left alone."""
    return bool(conf.get("config_file_path"))


def _theme_texts(fw: dict) -> dict[str, str]:
    """The theme templates' texts, as safe HTML: the 404 page, and the name a11y.js gives the theme's progress bar."""
    t = render.texts(fw)
    example = render.page_url(render.competency_src(fw["competencies"][0]))
    text = html.escape(t("page_not_found_text", example="\0")).replace("\0", f"<em>{html.escape(example)}</em>")
    return {"not_found": html.escape(t("page_not_found")), "not_found_text": text, "home": html.escape(t("page_not_found_home")),
            "search_above": html.escape(t("page_not_found_search")), "loading": html.escape(t("page_loading"))}


def _page_macro(env: Any, fw: dict, name: str, file_key: str | None, edit_base: str | None,
                layouts: templating.Layouts | None) -> Callable[..., str]:
    renderer = getattr(render, name)
    options = {"layouts": layouts} if layouts else {}

    def macro(*args: Any) -> str:
        here = page_src(env.page)
        if edit_base:
            if name == "competency_page":
                comp = render.index(fw["competencies"])[args[0]]
                env.page.edit_url = edit_base + comp["file"]
            elif file_key and file_key in fw["files"]:
                env.page.edit_url = edit_base + fw["files"][file_key]
        if name == "competency_page":  # a little ahead of other pages, not so far that "offering" beats "sign-off"
            env.page.meta.setdefault("search", {"boost": 1.5})
        try:
            return renderer(fw, here, *args, **options)
        except FrameworkError as exc:  # a template's error, with its file and line
            raise PluginError(f"{len(exc.problems)} problem(s) in a page template:\n{exc}") from None

    macro.__doc__ = renderer.__doc__
    return macro


def _edit_url(conf: Any, folder: Path) -> str | None:
    """The URL prefix that opens files of ``folder`` for editing on GitHub (extra.kam.repo_url, branch)."""
    kam = conf["extra"].get("kam") or {}
    if not kam.get("repo_url"):
        return None
    root = pages.config_dir(conf).resolve()
    try:
        path = folder.resolve().relative_to(root).as_posix()
    except ValueError:
        return None  # a folder outside the repository cannot be edited through it
    return f"{kam['repo_url'].rstrip('/')}/edit/{kam.get('branch', 'main')}/{path}/"


def _watch(conf: Any, directory: Path) -> None:
    """`mkdocs serve` (scripts/serve.py) rebuilds when the framework folder in use changes, wherever it is."""
    watched = [Path(p).resolve() for p in conf["watch"]]
    if not any(w == directory or w in directory.parents for w in watched):
        conf["watch"].append(str(directory))


def _add_competencies_to_nav(conf: Any, fw: dict) -> None:
    """Replace the nav entry for competencies/index.md with the areas and competency pages."""
    nav = conf.get("nav") or []
    for i, item in enumerate(nav):
        if isinstance(item, dict) and list(item.values()) == [NAV_ANCHOR]:
            t = render.texts(fw)
            title = t("nav_competencies")
            comps = render.index(fw["competencies"])
            sections = [{a["name"]: [render.area_src(a["id"])] +
                         [render.competency_src(comps[cid]) for cid in a["competencies"]]} for a in fw["areas"]]
            nav[i] = {title: [NAV_ANCHOR, *sections, {fw["strings"]["page_all_title"]: render.ALL_SRC}]}
            return
    raise PluginError(f"mkdocs.yml: nav: needs an entry '- Competencies: {NAV_ANCHOR}' where the competency pages go")


def _add_guides_to_nav(conf: Any, fw: dict) -> None:
    """Replace the nav entry 'framework-guides' with the framework's guide pages (none: the entry goes)."""
    nav = conf.get("nav") or []
    for i, item in enumerate(nav):
        if isinstance(item, dict) and list(item.values()) == [GUIDES_ANCHOR]:
            guides = [{g["title"]: g["page"]} for g in fw["guides"]]
            t = render.texts(fw)
            nav[i:i + 1] = guides if len(guides) < 2 else [{t("nav_guides"): guides}]
            return


def _add_award_to_nav(conf: Any, fw: dict) -> None:
    """Replace the nav entry 'award-page' with the award page, titled after the award (none: the entry goes)."""
    nav = conf.get("nav") or []
    if pages.AWARD_NAV in nav:
        i = nav.index(pages.AWARD_NAV)
        src = pages.award_src(fw)
        t = render.texts(fw)
        nav[i:i + 1] = [{t("page_guide", title=fw["diploma"]["short_title"]): src}] if src else []


def _nav_titles(t: Callable[..., str]) -> dict[str, str]:
    """The navigation's titles, from the interface's texts: {page: title of its entry, or of the section it opens}."""
    return {"index.md": t("nav_home"), "assess/index.md": t("nav_assessment"), "assess/rate.md": t("nav_rate"),
            "assess/compare.md": t("nav_compare"), "assess/plan.md": t("nav_plan"), "assess/workspace.md": t("nav_workspace"),
            "assess/review.md": t("nav_review"), "assess/feedback.md": t("nav_feedback"), "assess/example.md": t("nav_example"), "theory.md": t("nav_theory"),
            "training.md": t("nav_training"), "glossary.md": t("nav_glossary"), "about.md": t("nav_about")}


def _shape_nav(items: list, fw: dict) -> list:
    """The navigation without the pages of parts the framework does not have (and without sections left empty),
    its entries titled from the interface's texts."""
    titles = _nav_titles(render.texts(fw))
    out = []
    for item in items:
        if isinstance(item, str):
            if pages.wanted(fw, item):
                out.append(item)
        elif isinstance(item, dict) and len(item) == 1:
            (title, value), = item.items()
            if isinstance(value, list):
                value = _shape_nav(value, fw)
                if value:
                    out.append({titles.get(value[0], title) if isinstance(value[0], str) else title: value})
            elif not isinstance(value, str) or pages.wanted(fw, value):
                out.append({titles.get(value, title) if isinstance(value, str) else title: value})
        else:
            out.append(item)
    return out


def on_pre_page_macros(env: Any) -> None:
    """Every page's edit button opens its Markdown source, unless a macro points it at the framework."""
    docs = env.variables.get("kam_docs_edit_url")
    env.page.edit_url = docs + page_src(env.page) if docs else None


def on_post_page_macros(env: Any) -> None:
    """Explain the glossary's abbreviations on hover on every page.

    With KAM_DUMP_MARKDOWN=DIR set, also write each page's rendered Markdown
    there (scripts/bench.py builds it as plain Markdown for comparison).
    """
    abbr = render.abbreviations(env.variables["framework"])
    if abbr:
        env.markdown += "\n\n" + abbr + "\n"
    dump = os.environ.get("KAM_DUMP_MARKDOWN")
    if dump:
        target = Path(dump) / page_src(env.page)
        target.parent.mkdir(parents=True, exist_ok=True)
        meta = "---\n" + json.dumps(env.page.meta) + "\n---\n\n" if env.page.meta else ""
        target.write_text(meta + env.markdown, encoding="utf-8")

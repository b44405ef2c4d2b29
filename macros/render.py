"""Markdown for the handbook's pages, rendered from the compiled framework.

Pure functions: (framework, the page's own path) -> Markdown. ``main.py``
registers them as mkdocs-macros. Links are relative ``.md`` links so that
MkDocs checks every one of them under ``--strict``.

A framework may leave parts out (``framework["parts"]``, DESIGN.md §3): every
renderer of an absent part returns "" and no other page links to it or shows a
heading, column or sentence about it.
"""

from __future__ import annotations

import html
import posixpath
from pathlib import PurePosixPath
from typing import Any, Callable

from markupsafe import Markup

from . import templating
from .report import has_points
from .strings import translator
from .templating import Layouts

COMPETENCY_DIR = "competencies"
THEORY_SRC = "theory.md"  # the theory library: only when the framework has theories
TRAINING_SRC = "training.md"  # competency types and the curriculum: only when the framework has either
GLOSSARY_SRC = "glossary.md"  # only when the framework has a glossary

Framework = dict[str, Any]


# ---------------------------------------------------------------- where things live

def competency_src(c: dict) -> str:
    """The page of a competency: docs/competencies/<its YAML file's name>.md."""
    return f"{COMPETENCY_DIR}/{PurePosixPath(c['file']).stem}.md"


def area_src(area_id: str) -> str:
    """An area's page: the index of its navigation section."""
    return f"{COMPETENCY_DIR}/area-{area_id}/index.md"


def has_training(fw: Framework) -> bool:
    """Whether the site has the training page (training.md): the framework has a curriculum or competency types."""
    return fw["parts"]["curriculum"] or fw["parts"]["types"]


def award_src(fw: Framework) -> str | None:
    """The award's generated page (diploma.yml `page`, default "award"), or None when the framework has no award page."""
    return fw["diploma"]["page"] + ".md" if fw["diploma"] is not None else None


def link(here: str, target: str, anchor: str = "") -> str:
    """A relative link from page ``here`` to page ``target`` (both docs-relative .md paths)."""
    if target == here and anchor:
        return f"#{anchor}"
    return posixpath.relpath(target, posixpath.dirname(here) or ".") + (f"#{anchor}" if anchor else "")


def esc(text: str) -> str:
    """Text from YAML made safe for Markdown + HTML (no tags, no accidental emphasis, and no braces that attr_list would
    read as a heading's id or class)."""
    return (text.replace("<", "&lt;").replace(">", "&gt;").replace("*", "\\*").replace("_", "\\_").replace("[", "\\[")
            .replace("{", "&#123;").replace("}", "&#125;"))


def index(items: list[dict]) -> dict[str, dict]:
    return {x["id"]: x for x in items}


def competency_name(c: dict) -> str:
    return c["name"]


def statement_count(c: dict) -> int:
    return sum(len(g["indicators"]) for g in c["groups"])


def level_rated(c: dict) -> bool:
    """A competency rated by picking one level (DESIGN.md §3), not statement by statement."""
    return c["rated"] == "levels"


def texts(fw: Framework) -> Callable[..., str]:
    """The framework's interface texts (macros/strings.yml, the framework's strings.yml over it): a function of (key, **params)."""
    return translator(fw["strings"])


def attribution(fw: Framework) -> str:
    """The source line under a page; "" for a framework without a `source`."""
    src = fw["source"]
    if src is None:
        return ""
    t = texts(fw)
    return f'<p class="kam-attribution">{t("page_attribution", title=esc(src["title"]), year=src["year"], publisher=esc(src["publisher"]))}</p>'


def counts(fw: Framework, c: dict) -> str:
    """What a competency is rated on: '27 statements in 4 requirement groups', or its levels."""
    t = texts(fw)
    if level_rated(c):
        return t("page_counts_levels", n=len(c["levels"]))
    return t("page_counts", statements=statement_count(c), groups=len(c["groups"]))


# ---------------------------------------------------------------- pages

def at_a_glance(fw: Framework, here: str) -> str:
    """A table of every competency: what it is rated on, and how many theory items and evidence examples it has.

    Columns only for what the framework has: groups and statements when any competency is rated by statements,
    level descriptors when any is rated by level, theory items when it has theories, evidence examples when any
    competency lists them."""
    t = texts(fw)
    comps = index(fw["competencies"])
    parts = fw["parts"]
    dash = "–"
    cols: list[tuple[str, Callable[[dict], int | None]]] = []
    if parts["statements"]:
        cols += [(t("page_requirement_groups"), lambda c: None if level_rated(c) else len(c["groups"])),
                 (t("page_statements"), lambda c: None if level_rated(c) else statement_count(c))]
    if parts["levels"]:
        cols.append((t("page_levels"), lambda c: len(c["levels"]) or None))
    if parts["theories"]:
        cols.append((t("page_theory_items"), lambda c: len(c["theory"])))
    if any(c["evidence"] for c in comps.values()):
        cols.append((t("page_evidence_examples"), lambda c: len(c["evidence"])))
    rows = ["| " + " | ".join([t("page_area"), t("competency")] + [name for name, _ in cols]) + " |",
            "|---|---|" + "--:|" * len(cols)]
    for a in fw["areas"]:
        for n, cid in enumerate(a["competencies"]):
            c = comps[cid]
            area = f"[{esc(a['name'])}]({link(here, area_src(a['id']))})" if n == 0 else ""
            cells = [dash if (v := f(c)) is None else str(v) for _, f in cols]
            rows.append("| " + " | ".join([area, f"[{esc(competency_name(c))}]({link(here, competency_src(c))})"] + cells) + " |")
    totals = [f"**{sum(f(c) or 0 for c in comps.values())}**" for _, f in cols]
    rows.append("| " + " | ".join([f"**{t('page_total_areas', n=len(fw['areas']))}**",
                                   f"**{t('page_total_competencies', n=len(comps))}**"] + totals) + " |")
    return "\n".join(rows)


def competency_list(fw: Framework, here: str, area_id: str | None = None) -> str:
    t = texts(fw)
    comps = index(fw["competencies"])
    types = index(fw["types"])
    out = []
    for a in fw["areas"]:
        if area_id is not None and a["id"] != area_id:
            continue
        if area_id is None:
            out.append(f"## [{esc(a['name'])}]({link(here, area_src(a['id']))})\n")
        for cid in a["competencies"]:
            c = comps[cid]
            what = (t("page_counts_levels", n=len(c["levels"])) if level_rated(c)
                    else t("page_list_item", statements=statement_count(c), groups=len(c["groups"])))
            kind = f" · {t('page_type')}: {esc(types[c['type']]['title'])}" if types else ""
            out.append(f"- [**{esc(competency_name(c))}**]({link(here, competency_src(c))}) — {what}{kind}")
        out.append("")
    return "\n".join(out)


def and_list(fw: Framework, items: list[str]) -> str:
    """The non-empty items as a list in words: "a, b and c" (page_list_and)."""
    t = texts(fw)
    items = [i for i in items if i]
    return t("page_list_and", items=", ".join(items[:-1]), last=items[-1]) if len(items) > 1 else "".join(items)


def page_context(fw: Framework, here: str, **variables: Any) -> dict[str, Any]:
    """What every template has: the compiled framework, the page's own address, text() (an interface text, its string
    parameters escaped unless they are Markdown already, as text() and link_to() give them; {title} and
    {short_title} the framework's unless given), link_to() (a Markdown link), and_list() (items in words), link() (a page's address from here), the source line, and its own variables."""
    lookup = texts(fw)  # the key is named in the template (tests/test_strings.py finds it there)

    def text(key: str, **params: Any) -> Markup:
        values = {"title": fw["title"], "short_title": fw["short_title"], **params}
        return Markup(lookup(key, **{k: v if isinstance(v, Markup) else esc(v) if isinstance(v, str) else v for k, v in values.items()}))

    def link_to(label: str, target: str, anchor: str = "") -> Markup:
        """A Markdown link to a page (docs-relative, e.g. "theory.md") from this one; label is Markdown (e.g. a text())."""
        return Markup(f"[{label}]({link(here, target, anchor)})")

    return {"framework": fw, "here": here, "text": text, "link": lambda target, anchor="": link(here, target, anchor),
            "link_to": link_to, "and_list": lambda items: and_list(fw, items), "attribution": attribution(fw), **variables}


def _layouts(layouts: Layouts | None) -> Layouts:
    return layouts or templating.layouts(None)


def area_page(fw: Framework, here: str, area_id: str, layouts: Layouts | None = None) -> str:
    """An area's page (templates/area.md): its description, then its competencies."""
    area = {"description": "", **index(fw["areas"])[area_id]}
    return _layouts(layouts).render("area", **page_context(fw, here, area=area, competency_list=competency_list(fw, here, area_id)))


def pager(fw: Framework, here: str, cid: str) -> str:
    """Links to the previous and the next competency."""
    comps = fw["competencies"]
    pos = next(i for i, c in enumerate(comps) if c["id"] == cid)
    prev_c = comps[pos - 1] if pos > 0 else None
    next_c = comps[pos + 1] if pos + 1 < len(comps) else None
    nav = []
    if prev_c:
        nav.append(f"[← {esc(competency_name(prev_c))}]({link(here, competency_src(prev_c))}){{ .kam-prev }}")
    if next_c:
        nav.append(f"[{esc(competency_name(next_c))} →]({link(here, competency_src(next_c))}){{ .kam-next }}")
    t = texts(fw)
    return "\n".join([f'<nav class="kam-pager" aria-label="{html.escape(t("page_pager"))}" markdown>', " ".join(nav), "</nav>"])


def competency_page(fw: Framework, here: str, cid: str, layouts: Layouts | None = None) -> str:
    """A competency's own page (templates/competency.md): its content, then previous/next competency."""
    c = index(fw["competencies"])[cid]
    return _layouts(layouts).render("competency", **competency_context(fw, here, c, own_page=True))


def competency_context(fw: Framework, here: str, c: dict, level: int = 1, new_page: bool = True, own_page: bool = False) -> dict:
    """The variables of templates/competency.md: c, its area, level (1 on its own page, 2 on the page with every
    competency), own_page, section (competency_sections), pager (on its own page)."""
    return page_context(fw, here, c=c, area=index(fw["areas"])[c["area"]], level=level, own_page=own_page,
                        section=competency_sections(fw, here, c, level, new_page), pager=pager(fw, here, c["id"]) if own_page else "")


def competency_body(fw: Framework, here: str, c: dict, level: int = 1, new_page: bool = True, layouts: Layouts | None = None) -> str:
    """A competency's content as its template lays it out, without the page's pager: level 1 as on its own page,
    level 2 as on the page with every competency."""
    return _layouts(layouts).render("competency", **competency_context(fw, here, c, level, new_page))


ALL_SRC = f"{COMPETENCY_DIR}/all.md"  # every competency on one page, to print


def _note_title(fw: Framework) -> str:
    t = texts(fw)
    return t("page_note").replace('"', "'")


def framework_notes(fw: Framework) -> list[str]:
    """The framework's own notes (framework.yml), as info boxes."""
    return [line for note in fw["notes"] for line in (f'!!! info "{_note_title(fw)}"', f"    {esc(note)}", "")]


def all_competencies(fw: Framework, here: str, layouts: Layouts | None = None) -> str:
    """The whole specification on one page (templates/all.md): every competency one heading level down
    (competency(c, new_page)), the framework's notes once."""
    lay = _layouts(layouts)

    def competency(c: dict, new_page: bool = True) -> str:
        return competency_body(fw, here, c, level=2, new_page=new_page, layouts=lay)

    return lay.render("all", **page_context(fw, here, framework_notes="\n".join(framework_notes(fw)), competency=competency))


def level_descriptors(fw: Framework, c: dict, heading: str, anchor: Callable[[str], str]) -> list[str]:
    """A competency's level descriptors as cards: one heading per level (anchor ``level-<value>``), its summary, and
    its signals and examples as lists, and (a level-rated competency, points that mean something) its points.
    Stacked, so they read the same on a phone as on a wide screen."""
    t = texts(fw)
    labels = {lv["value"]: lv for lv in fw["scale"]["levels"]}
    points = has_points(fw) and level_rated(c)  # what picking the level is worth; guidance beside statements scores nothing
    out = ['<div class="kam-descriptors" markdown>', ""]
    for d in c["levels"]:
        scale_level = labels[d["value"]]
        name = esc(scale_level["label"])
        if d["title"]:
            name = t("level_name", level=name, title=esc(d["title"]))
        out += ['<div class="kam-descriptor" markdown>', "", f"{heading} {name} {{ #{anchor('level-' + str(d['value']))} }}", ""]
        if points:
            out += [t("level_points", points=scale_level["points"]), ""]
        if d["summary"]:
            out += [esc(d["summary"]), ""]
        for name, items in ((t("level_signals"), d["signals"]), (t("level_examples"), d["examples"])):
            if items:
                out += [f"**{name}**", ""] + [f"- {esc(x)}" for x in items] + [""]
        out += ["</div>", ""]
    out += ["</div>", ""]
    return out


def competency_sections(fw: Framework, here: str, c: dict, level: int = 1, new_page: bool = True) -> dict[str, str]:
    """A competency's content as Markdown sections, for its template (templates/competency.md) to place. level 1: its
    own page (title as the page's h1); level 2: one of many on a page, with its section anchors prefixed by its id so
    that they stay unique, and from a new printed page unless ``new_page`` is false.

    Every section is there, "" when the competency or the framework does not have it: title, meta, description,
    notes (the framework's own notes too on level 1), rationale, requirement (a statement-rated competency), levels
    (the levels of a level-rated one; guidance beside the statements of the other kind), theory, evidence, training
    (a framework with a curriculum)."""
    cid = c["id"]
    area = index(fw["areas"])[c["area"]]
    by_id = index(fw["competencies"])
    parts = fw["parts"]
    t = texts(fw)
    h1, h2, h3 = "#" * level, "#" * (level + 1), "#" * (level + 2)
    anchor = (lambda name: name) if level == 1 else (lambda name: f"{cid}-{name}")
    title = f"{h1} {esc(competency_name(c))}" + ("" if level == 1 else f" {{ #c-{cid}{' .kam-break' if new_page else ''} }}")
    sections: dict[str, str] = {"title": title}
    meta = [f"**{t('page_area')}:** [{esc(area['name'])}]({link(here, area_src(area['id']))})"]
    if fw["types"]:  # then the training page exists and lists the types
        ctype = index(fw["types"])[c["type"]]
        meta.append(f"**{t('page_type')}:** [{esc(ctype['title'])}]({link(here, TRAINING_SRC, 'type-' + ctype['id'])})")
    meta += [counts(fw, c), f"[{t('page_assess_link', id=cid)}]({link(here, ASSESS['rate'], 'c-' + cid)})"]
    sections["meta"] = " · ".join(meta)
    sections["description"] = esc(c["description"]) if c["description"] else ""
    out: list[str] = []
    note_title = _note_title(fw)
    if level == 1:  # on the one-page specification they stand once, at the top
        out += framework_notes(fw)
    for note in c["notes"]:
        out += [f'!!! note "{note_title}"', f"    {esc(note['text'])}", ""]
        if note.get("editorial"):  # the project's clarification, not the source's: labelled as such
            out += [f"    *{t('page_editorial')}* {esc(note['editorial'])}", ""]
        if note["see"]:
            refs = ", ".join(f"[{esc(competency_name(by_id[r]))}]({link(here, competency_src(by_id[r]))})" for r in note["see"])
            out += [f"    {t('page_see', links=refs)}", ""]
    sections["notes"], out = "\n".join(out), []
    if c["rationale"]:
        out += [f"{h2} {t('page_rationale')} {{ #{anchor('rationale')} }}", ""]
        for para in c["rationale"]:
            out += [esc(para), ""]
    sections["rationale"], out = "\n".join(out), []
    if c["groups"]:
        out += [f"{h2} {t('page_requirement')} {{ #{anchor('competency-requirement')} }}", "", t("page_requirement_intro"), ""]
        for g in c["groups"]:
            out += [f"{h3} {esc(g['title'])} {{ #{g['id']} }}", ""]
            for n, s in enumerate(g["indicators"], start=1):
                out += [f"{n}. {esc(s['text'])} [{s['id']}](#{s['id']}){{ .kam-id title=\"{t('page_statement_link', id=s['id'])}\" }}",
                        f"    {{ #{s['id']} .kam-statement }}"]
            out.append("")
    sections["requirement"], out = "\n".join(out), []
    if c["levels"]:
        if level_rated(c):
            out += [f"{h2} {t('page_levels')} {{ #{anchor('levels')} }}", "", t("page_levels_intro"), ""]
        else:
            out += [f"{h2} {t('level_guide')} {{ #{anchor('levels')} }}", "", t("page_levels_guidance_intro"), ""]
        out += level_descriptors(fw, c, h3, anchor)
    sections["levels"], out = "\n".join(out), []
    if c["theory"]:
        theories = index(fw["theories"])
        out += [f"{h2} {t('page_theory')} {{ #{anchor('relevant-theory')} }}", ""]
        for item in c["theory"]:
            same = [th for th in item["theories"] if parts["theories"] and _same_words(theories[th]["title"], item["text"])]
            if same and same == item["theories"][:1]:  # the item is its entry, word for word: the item is the link
                text = f"[{esc(item['text'])}]({link(here, THEORY_SRC, same[0])})"
                rest = item["theories"][1:]
            else:
                text, rest = esc(item["text"]), item["theories"] if parts["theories"] else []
            refs = ", ".join(f"[{esc(theories[th]['title'])}]({link(here, THEORY_SRC, th)})" for th in rest)
            out.append(f"- {text}" + (f" → {refs}" if refs else ""))
        out.append("")
        named = named_theories(fw, c) if parts["theories"] else {}
        if named:
            refs = ", ".join(f"[{esc(theories[th]['title'])}]({link(here, THEORY_SRC, th)}) ({', '.join(f'[{sid}](#{sid})' for sid in sids)})"
                             for th, sids in named.items())
            out += [t("page_theory_named", links=refs), ""]
    sections["theory"], out = "\n".join(out), []
    if c["evidence"]:
        out += [f"{h2} {t('page_evidence')} {{ #{anchor('examples-of-evidence')} }}", ""]
        out += [f"- {esc(e)}" for e in c["evidence"]]
        out.append("")
        if parts["workspace"]:  # the award page says how evidence is presented
            checks = [esc(k["label"].lower()) for k in fw["diploma"]["workspace"]["evidence_checks"]]
            other = t("page_evidence_strongest", checks=and_list(fw, checks)) if len(checks) > 1 else t("page_evidence_other")
            guide = f"[{t('page_guide', title=esc(fw['diploma']['short_title']))}]({link(here, award_src(fw))})"
            out += [f"{other} {t('page_evidence_see', guide=guide)}", ""]
    sections["evidence"], out = "\n".join(out), []
    if parts["curriculum"]:
        modules = index(fw["modules"])
        out += [f"{h2} {t('page_training')} {{ #{anchor('training-modules-that-develop-it')} }}", ""]
        if c["modules"]:
            for mid in c["modules"]:
                m = modules[mid]
                out.append(f"- [{esc(m['title'])}]({link(here, TRAINING_SRC, mid)}) — {esc(m['reasons'][cid])}")
        else:
            out.append(t("page_training_none"))
        out.append("")
    sections["training"] = "\n".join(out)
    return sections


def _same_words(a: str, b: str) -> bool:
    """Whether two names are the same words (case, spacing and punctuation aside)."""
    def words(s: str) -> str:
        return "".join(ch for ch in s.lower() if ch.isalnum())
    return words(a) == words(b)


def _names(th: dict) -> list[str]:
    """The proper names a theory is known by: its aliases that begin with a capital ("Kraljic", "BATNA"); common words
    ("scope", "influence") would link statements to theories they do not mean."""
    return [n for n in th["aliases"] if n[:1].isupper()]


def named_theories(fw: Framework, c: dict) -> dict[str, list[str]]:
    """Theories of the library that a statement of ``c`` names (by a proper-name alias, whole words) but its list of relevant
    theory does not point at: {theory id: [statement id, ...]}. The handbook's own cross-references."""
    import re

    listed = {th for item in c["theory"] for th in item["theories"]}
    out: dict[str, list[str]] = {}
    for th in fw["theories"]:
        if th["id"] in listed:
            continue
        names = _names(th)
        if not names:
            continue
        pattern = re.compile(r"\b(" + "|".join(re.escape(n) for n in names) + r")\b")
        sids = [s["id"] for g in c["groups"] for s in g["indicators"] if pattern.search(s["text"])]
        if sids:
            out[th["id"]] = sids
    return out


def _end(text: str) -> str:
    """``text`` closed by one full stop: "2nd ed." stays "2nd ed.", not "2nd ed.."."""
    return text if text.endswith((".", "?", "!")) else text + "."


def _reference(r: dict) -> str:
    parts = [f"{esc(r['authors'])} ({r['year']})."]
    if r["kind"] in ("article", "chapter"):
        parts.append(_end(esc(r["title"])))
        if r.get("container"):
            parts.append(f"*{esc(r['container'])}*" + (f", {_end(esc(r['details']))}" if r.get("details") else "."))
    else:
        parts.append(f"*{esc(r['title'])}*" + ("" if r["title"].endswith((".", "?", "!")) else "."))
        if r.get("edition"):
            parts.append(_end(esc(r["edition"])))
    if r.get("publisher"):
        parts.append(_end(esc(r["publisher"])))
    if r.get("doi"):
        parts.append(f"[doi:{esc(r['doi'])}](https://doi.org/{html.escape(r['doi'])})")
    if r.get("note"):
        parts.append(f"({esc(r['note'])})")
    return " ".join(parts)


def theory_library(fw: Framework, here: str) -> str:
    """Every theory, A–Z, with the competencies that use it; "" for a framework without theories."""
    if not fw["theories"]:
        return ""
    t = texts(fw)
    comps = index(fw["competencies"])
    out = []
    for th in sorted(fw["theories"], key=lambda th: th["title"].lower()):
        out += [f"## {esc(th['title'])} {{ #{th['id']} }}", "", esc(th["summary"]), "",
                f"**{t('page_theory_use')}** {esc(th['use'])}", ""]
        if th["aliases"]:
            out += [f"**{t('page_theory_aliases')}** {esc(', '.join(th['aliases']))}", ""]
        if th["competencies"]:  # an unused theory is a warning, not an error
            used = ", ".join(f"[{esc(competency_name(comps[cid]))}]({link(here, competency_src(comps[cid]), 'relevant-theory')})"
                             for cid in th["competencies"])
            out += [f"**{t('page_theory_used_in')}** {used}", ""]
        else:
            out += [t("page_theory_guides"), ""]
        if th["references"]:
            out += [f"**{t('page_theory_references')}**", ""] + [f"- {_reference(r)}" for r in th["references"]] + [""]
    out.append(attribution(fw))
    return "\n".join(out)


def theory_index(fw: Framework, here: str) -> str:
    """A compact A–Z list of theories linking to their sections."""
    items = sorted(fw["theories"], key=lambda th: th["title"].lower())
    return " · ".join(f"[{esc(th['title'])}](#{th['id']})" for th in items)


def competencies_page(fw: Framework, here: str, layouts: Layouts | None = None) -> str:
    """The page listing the competencies area by area (templates/competencies.md), with the downloads."""
    return _layouts(layouts).render("competencies", **page_context(fw, here, competency_list=competency_list(fw, here),
                                                                   downloads=downloads(fw, here)))


def theory_page(fw: Framework, here: str, layouts: Layouts | None = None) -> str:
    """The theory library's page (templates/theory.md)."""
    return _layouts(layouts).render("theory", **page_context(fw, here, theory_index=theory_index(fw, here),
                                                             theory_library=theory_library(fw, here)))


def training_page(fw: Framework, here: str, layouts: Layouts | None = None) -> str:
    """The page of the competency types and the curriculum (templates/training.md)."""
    return _layouts(layouts).render("training", **page_context(fw, here, competency_types=competency_types(fw, here),
                                                               curriculum=curriculum(fw, here)))


def glossary_page(fw: Framework, here: str, layouts: Layouts | None = None) -> str:
    """The glossary's page (templates/glossary.md)."""
    return _layouts(layouts).render("glossary", **page_context(fw, here, glossary=glossary(fw, here)))


def award_page(fw: Framework, here: str, layouts: Layouts | None = None) -> str:
    """The award's page (templates/award.md): the award (diploma.yml), its rules and its sign-off."""
    return _layouts(layouts).render("award", **page_context(fw, here, award=fw["diploma"], diploma_rules=diploma_rules(fw, here),
                                                            sign_off=sign_off(fw, here)))


def competency_types(fw: Framework, here: str) -> str:
    """The competency types with their competencies ("" when the framework has no types)."""
    comps = index(fw["competencies"])
    out = []
    for ty in fw["types"]:
        out += [f"### {esc(ty['title'])} {{ #type-{ty['id']} }}", ""]
        if ty.get("description"):
            out += [esc(ty["description"]), ""]
        out += [f"- [{esc(competency_name(comps[cid]))}]({link(here, competency_src(comps[cid]))})" for cid in ty["competencies"]]
        out.append("")
    return "\n".join(out)


def curriculum(fw: Framework, here: str) -> str:
    """The curriculum's tracks and modules ("" when the framework has none)."""
    t = texts(fw)
    comps = index(fw["competencies"])
    modules = index(fw["modules"])
    out = []
    for track in fw["tracks"]:
        out += [f"### {esc(track['title'])} {{ #track-{track['id']} }}", ""]
        if track["description"]:
            out += [esc(track["description"]), ""]
        for mid in track["modules"]:
            m = modules[mid]
            tags = [x for x in (m["level"], m["qualifier"]) if x]
            tag = f" ({esc(', '.join(tags))})" if tags else ""
            out += [f"#### {esc(m['title'])}{tag} {{ #{mid} }}", ""]
            if m["summary"]:
                out += [esc(m["summary"]), ""]
            out += [t("page_develops"), ""]
            out += [f"- [{esc(competency_name(comps[cid]))}]({link(here, competency_src(comps[cid]))}) — {esc(m['reasons'][cid])}"
                    for cid in m["competencies"]]
            out.append("")
    return "\n".join(out)


def diploma_rules(fw: Framework, here: str) -> str:
    """The award's rules ("" for a framework without diploma.yml)."""
    d = fw["diploma"]
    if d is None:
        return ""
    out = []
    for r in d["rules"]:
        out += [f"### {esc(r['title'])} {{ #{r['id']} }}", "", esc(r["text"]), ""]
    return "\n".join(out)


def sign_off(fw: Framework, here: str) -> str:
    """Who signs a submission off and what that means ("" without diploma.yml)."""
    if fw["diploma"] is None:
        return ""
    t = texts(fw)
    s = fw["diploma"]["sign_off"]
    rows = [f"| {t('page_sign_off')} | {t('page_sign_off_meaning')} |", "|---|---|",
            f"| **{t('page_sign_off_who')}** | {esc(s['who'])} |", f"| **{t('page_sign_off_confirms')}** | {esc(s['confirms'])} |",
            f"| **{t('page_sign_off_does_not')}** | {esc(s['does_not'])} |"]
    if s.get("decided_by"):
        rows.append(f"| **{t('page_sign_off_decided_by')}** | {esc(s['decided_by'])} |")
    return "\n".join(rows)


def word_guidance(fw: Framework, here: str) -> str:
    """'800–1200 words per competency (a guide, not a limit)' ("" without diploma.yml)."""
    if fw["diploma"] is None:
        return ""
    t = texts(fw)
    w = fw["diploma"]["word_guidance"]
    kind = t("page_words_limit") if w["binding"] else t("page_words_guide")
    return t("page_words", min=w["min"], max=w["max"], per=esc(w["per"]), kind=kind)


def submission_outline(fw: Framework, here: str, cid: str) -> str:
    """The skeleton of a submission for one competency: one section per requirement group (one for the level
    claimed, for a level-rated competency), theory when the framework has theories, reflection, evidence.
    "" without diploma.yml."""
    if fw["diploma"] is None:
        return ""
    t = texts(fw)
    c = index(fw["competencies"])[cid]
    out = [t("page_outline", competency=f"**{esc(competency_name(c))}**"), ""]
    items = []
    for g in c["groups"]:
        ids = ", ".join(f"[{s['id']}]({link(here, competency_src(c), s['id'])})" for s in g["indicators"])
        items.append(f"**{esc(g['title'])}** — {t('page_outline_group', statements=ids)}")
    if level_rated(c):
        levels = f"[{t('page_levels').lower()}]({link(here, competency_src(c), 'levels')})"
        items.append(f"**{esc(c['title'])}** — {t('page_outline_level', levels=levels)}")
    if fw["parts"]["theories"] and c["theory"]:
        items.append(f"**{t('tpl_theory')}** — {t('page_outline_theory')}")
    items += [f"**{t('tpl_reflection')}** — {t('page_outline_reflection')}", f"**{t('page_outline_evidence')}**"]
    out += [f"{n}. {item}" for n, item in enumerate(items, start=1)] + [""]
    return "\n".join(out)


def coaching_styles(fw: Framework, here: str) -> str:
    """The Skill/Will coaching styles ("" for a framework without coaching)."""
    if not fw["parts"]["coaching"]:
        return ""
    t = texts(fw)
    rows = [f"| {t('page_coaching_style')} | {t('page_coaching_skill')} | {t('page_coaching_will')} | {t('page_coaching_does')} |",
            "|---|---|---|---|"]
    for st in fw["coaching"]:
        rows.append(f"| **{esc(st['title'])}** {{ #coaching-{st['id']} }} | {st['skill']} | {st['will']} | {esc(st['description'])} |")
    return "\n".join(rows)


def glossary(fw: Framework, here: str) -> str:
    """The glossary's terms ("" when the framework has none)."""
    t = texts(fw)
    out = []
    for term in fw["glossary"]:
        anchor = term_anchor(term["term"])
        title = esc(term["term"]) + (f" — {esc(term['expansion'])}" if term.get("expansion") else "")
        out += [f"## {title} {{ #{anchor} }}", "", esc(term["definition"]), ""]
        if term["see"]:
            out += [t("page_see_also", terms=", ".join(f"[{esc(s)}](#{term_anchor(s)})" for s in term["see"])), ""]
    return "\n".join(out)


def term_anchor(term: str) -> str:
    slug = "".join(ch if ch.isalnum() else "-" for ch in term.lower())
    return "term-" + "-".join(filter(None, slug.split("-")))


def abbreviations(fw: Framework) -> str:
    """Markdown abbreviation definitions (``*[KAM]: …``) for every glossary entry that has an expansion."""
    return "\n".join(f"*[{term['term']}]: {term['expansion']}" for term in fw["glossary"] if term.get("expansion"))


# ---------------------------------------------------------------- downloads

DOWNLOADS = {"json": "downloads/framework.json", "csv": "downloads/statements.csv",  # published with the site
             "case": "downloads/case.json", "moodle": "downloads/moodle-competencies.csv",
             "totara": "downloads/totara-competencies.csv", "xlsx": "downloads/framework.xlsx",
             "template": "downloads/framework-template.xlsx"}


def framework_json(fw: Framework) -> str:
    """The compiled framework (DESIGN.md §3), as `kam.py export` prints it."""
    import json

    return json.dumps(fw, indent=2, ensure_ascii=False) + "\n"


class _SafeWriter:
    """A csv writer whose every cell goes through spreadsheet_cell."""

    def __init__(self, writer):
        self.writer = writer

    def writerow(self, row) -> None:
        self.writer.writerow([spreadsheet_cell(v) for v in row])

    def writerows(self, rows) -> None:
        for row in rows:
            self.writerow(row)


def safe_writer(out):
    import csv

    return _SafeWriter(csv.writer(out, lineterminator="\r\n"))


def spreadsheet_cell(value: object) -> object:
    """A CSV cell that a spreadsheet will not run as a formula: text beginning with =, +, -, @, TAB or CR gets a
    leading ' (as the browser's toCsv in ui.js does); anything else unchanged."""
    return "'" + value if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r") else value


def statements_csv(fw: Framework) -> str:
    """What a person rates, one row each, for a spreadsheet.

    A framework rated by statements only: area, competency, group, statement id, statement (one row per statement).
    A framework with level-rated competencies: area, competency, group or level, id, text, signals, examples; a
    statement's row as before (signals and examples empty), and one row per level descriptor of a level-rated
    competency: its scale value and label (with the descriptor's title), the competency's id (what a rating of it is
    stored under), the summary, and the signals and examples one per line. Level descriptors that are only guidance
    beside statements are not rows.
    """
    import csv
    import io

    t = texts(fw)
    areas = index(fw["areas"])
    labels = {lv["value"]: lv["label"] for lv in fw["scale"]["levels"]}
    levels = fw["parts"]["levels"]
    out = io.StringIO()
    writer = _SafeWriter(csv.writer(out, lineterminator="\r\n"))
    if levels:
        writer.writerow([t("csv_area"), t("csv_competency"), t("csv_group_or_level"), t("csv_id"), t("csv_text"),
                         t("csv_signals"), t("csv_examples")])
    else:
        writer.writerow([t("csv_area"), t("csv_competency"), t("csv_group"), t("csv_statement_id"), t("csv_statement")])
    for c in fw["competencies"]:
        area = areas[c['area']]['name']
        if level_rated(c):
            for d in c["levels"]:
                name = f"{d['value']} {labels[d['value']]}" + (f": {d['title']}" if d["title"] else "")
                writer.writerow([area, competency_name(c), name, c["id"], d["summary"], "\n".join(d["signals"]),
                                 "\n".join(d["examples"])])
            continue
        for g in c["groups"]:
            for s in g["indicators"]:
                writer.writerow([area, competency_name(c), g["title"], s["id"], s["text"]] + (["", ""] if levels else []))
    return "\ufeff" + out.getvalue()  # the byte-order mark: spreadsheets then read it as UTF-8


def downloads(fw: Framework, here: str) -> str:
    """Links to the framework's downloads, saying what the spreadsheet holds."""
    t = texts(fw)
    csv_link = f"[{t('page_download_csv')}]({link(here, DOWNLOADS['csv'])})"
    json_link = f"[{t('page_download_json')}]({link(here, DOWNLOADS['json'])})"
    n = sum(map(statement_count, fw["competencies"]))
    k = sum(1 for c in fw["competencies"] if level_rated(c))
    platforms = t("page_downloads_platforms", case=f"[{t('page_download_case')}]({link(here, DOWNLOADS['case'])})",
                  moodle=f"[{t('page_download_moodle')}]({link(here, DOWNLOADS['moodle'])})",
                  totara=f"[{t('page_download_totara')}]({link(here, DOWNLOADS['totara'])})",
                  xlsx=f"[{t('page_download_xlsx')}]({link(here, DOWNLOADS['xlsx'])})")
    if not fw["parts"]["levels"]:
        return t("page_downloads", csv=csv_link, json=json_link, n=n) + "\n\n" + platforms
    if not fw["parts"]["statements"]:
        return t("page_downloads_levels", csv=csv_link, json=json_link, k=k) + "\n\n" + platforms
    return t("page_downloads_mixed", csv=csv_link, json=json_link, n=n, k=k) + "\n\n" + platforms


def source_block(fw: Framework, here: str) -> str:
    """Where the framework comes from ("" for a framework without a `source`)."""
    src = fw["source"]
    if src is None:
        return ""
    t = texts(fw)
    rows = [f"- **{t('page_source_title')}:** {esc(src['title'])}", f"- **{t('page_source_publisher')}:** {esc(src['publisher'])}",
            f"- **{t('page_source_edition')}:** {src['year']}", f"- **{t('page_source_id')}:** `{fw['id']}` {esc(fw['version'])}"]
    if src.get("url"):
        rows.append(f"- **{t('page_source_url')}:** <{src['url']}>")
    if src.get("licence"):
        rows.append(f"- **{t('page_source_licence')}:** {esc(src['licence'])}")
    return "\n".join(rows + ["", esc(src["attribution"])])


# ---------------------------------------------------------------- assessment pages

def page_url(src: str) -> str:
    """The address of a page relative to the site root, with directory URLs."""
    if src == "index.md":
        return ""
    return src[: -len("index.md")] if src.endswith("/index.md") else src[:-3] + "/"


def url(here: str, target: str, anchor: str = "") -> str:
    """A relative URL for HTML (not Markdown) from page ``here`` to page ``target``."""
    rel = posixpath.relpath(page_url(target) or ".", page_url(here) or ".")
    rel = "./" if rel == "." else rel + "/"
    return rel + (f"#{anchor}" if anchor else "")


ASSESS = {"overview": "assess/index.md", "rate": "assess/rate.md", "compare": "assess/compare.md",
          "plan": "assess/plan.md", "workspace": "assess/workspace.md", "review": "assess/review.md",
          "feedback": "assess/feedback.md"}
WORKSPACE_PAGES = ("plan", "workspace")  # only for a framework with an award workspace (parts.workspace)


# The modules an assessment page imports (assessment.js and what it imports; then its own view's, which
# assessment.js fetches only on that page: VIEWS), preloaded so that there is no import waterfall. The workspace's
# documents (templates.js) are fetched when one is asked for. tests/test_browser_weight.py checks these lists.
MODULES = ("assessment", "ui", "scoring", "strings", "store")
VIEW_MODULES = {"overview": ("overview",), "rate": ("rate",), "compare": ("history",), "plan": ("workspace", "plan"),
                "workspace": ("workspace", "plan"), "review": ("review", "plan"), "feedback": ("feedback", "share")}
# A page's own styles (assets/stylesheets/kam-NAME.css), on top of kam.css, which every page has.
VIEW_CSS = {"rate": ("rate",), "compare": ("history",), "review": ("review",), "feedback": ("rate", "feedback")}


def browser_framework(fw: Framework) -> dict:
    """What the assessment pages need of the compiled framework (the DESIGN.md §3 contract, without the prose).

    ``diploma`` is null for a framework without an award page, and its ``workspace`` null when it has none."""
    keep = ("format", "format_version", "id", "version", "title", "short_title", "language", "scale", "rules", "coaching",
            "bands", "parts")
    d = fw["diploma"]
    return {
        **{k: fw[k] for k in keep},
        "areas": [{"id": a["id"], "title": a["title"], "name": a["name"], "competencies": a["competencies"]} for a in fw["areas"]],
        "competencies": [{k: c[k] for k in ("id", "area", "title", "name", "type", "description", "rated", "levels",
                                                      "groups", "theory")}
                         for c in fw["competencies"]],
        "theories": [{"id": t["id"], "title": t["title"]} for t in fw["theories"]],
        "modules": [{k: m[k] for k in ("id", "title", "competencies", "track", "level", "qualifier")} for m in fw["modules"]],
        "profiles": fw["profiles"],
        "diploma": None if d is None else {k: d[k] for k in ("title", "short_title", "page", "word_guidance", "workspace",
                                                            "sign_off", "rules")},
        "source": fw["source"],
    }


APP_DATA = "assets/kam-data.{hash}.json"  # what every assessment page's script needs, one file (see app_data)
_APP_DATA: dict[int, tuple[Framework, str, str]] = {}


def app_data(fw: Framework) -> tuple[str, str]:
    """(site path, content) of the one file every assessment page's script fetches: the framework (browser_framework)
    and the interface's texts (macros/strings.yml with the framework's strings.yml over it), compact JSON. Its name
    carries a hash of its content, so that a browser may keep it as long as it likes: one download for all the pages,
    and a new name when the framework or a text changes."""
    import hashlib
    import json

    cached = _APP_DATA.get(id(fw))
    if cached and cached[0] is fw:
        return cached[1], cached[2]
    content = json.dumps({"framework": browser_framework(fw), "strings": fw["strings"]}, ensure_ascii=False,
                         separators=(",", ":"))
    path = APP_DATA.format(hash=hashlib.sha256(content.encode("utf-8")).hexdigest()[:12])
    _APP_DATA.clear()  # one framework per build; a new load (mkdocs serve) replaces it
    _APP_DATA[id(fw)] = (fw, path, content)
    return path, content


def assessment_app(fw: Framework, here: str, view: str) -> str:
    """The container of an assessment page and what its script reads: in the page, the view, the address of the
    shared data file (app_data: the framework and the interface's texts) and the links it needs (null for a page the
    site does not have: plan and workspace without an award workspace, training without curriculum or types,
    the award page without diploma.yml, the sample file without a sample assessment), with the one text needed
    before that file is read (framed, app_data_failed)."""
    import json

    award = award_src(fw)
    folder = posixpath.dirname(page_url(here).rstrip("/") + "/x") or "."
    data_src = posixpath.relpath(app_data(fw)[0], folder)
    data = {
        "view": view,
        "src": data_src,
        # before that file is read: shown instead of the app in another site's frame (kam.js), or when it cannot be read
        "strings": {"framed": fw["strings"]["framed"], "app_data_failed": fw["strings"]["app_data_failed"]},
        "links": {
            **{name: None if name in WORKSPACE_PAGES and not fw["parts"]["workspace"] else url(here, src)
               for name, src in ASSESS.items()},
            "training": url(here, TRAINING_SRC) if has_training(fw) else None,
            "award": url(here, award) if award else None,
            "competencies": {c["id"]: url(here, competency_src(c)) for c in fw["competencies"]},
            "example": posixpath.relpath(SAMPLE, posixpath.dirname(page_url(here)) or ".") if fw["sample_assessment"] else None,
        },
    }
    # Not a <script type="application/json">: Material's instant navigation re-creates the scripts of a new
    # page without their type, and would run the JSON as JavaScript. An attribute is inert everywhere.
    payload = html.escape(json.dumps(data, ensure_ascii=False, separators=(",", ":")), quote=True)
    base = posixpath.relpath("assets/javascripts", folder)
    styles = posixpath.relpath("assets/stylesheets", folder)
    preload = "".join(f'<link rel="stylesheet" href="{styles}/kam-{name}.css">' for name in VIEW_CSS.get(view, ()))
    preload += "".join(f'<link rel="modulepreload" href="{base}/{m}.js">' for m in MODULES + VIEW_MODULES.get(view, ()))
    # fetched by assessment.js (same request: mode cors, same-origin credentials), started here with the modules
    preload += f'<link rel="preload" href="{html.escape(data_src)}" as="fetch" type="application/json" crossorigin>'
    out = [preload, f'<div id="kam-data" hidden data-json="{payload}"></div>',
           # raw HTML, not Markdown: the rating page's headings stay out of the table of contents (see below)
           f'<div id="kam-app" class="kam-app" data-view="{view}">',
           f'<noscript><p class="kam-noscript">{html.escape(fw["strings"]["noscript"])}</p></noscript>',
           '</div>']
    if view == "rate":  # one section per competency: real anchors and headings; the script fills in the form and
        out = out[:-1]  # shows one section at a time (all of them when asked, and in print)
        for c in fw["competencies"]:
            out += ["", f'<section class="kam-step" data-competency="{c["id"]}">', "",
                    # an HTML heading in raw HTML: not in the page's table of contents, whose scroll tracking would
                    # rewrite the address to the last (hidden) competency's anchor
                    f'<h2 id="c-{esc(c["id"])}">{esc(competency_name(c))}</h2>', "",
                    f'<div class="kam-form" data-competency="{c["id"]}"></div>', "", "</section>"]
        out += ["", "</div>"]
    return "\n".join(out)


SAMPLE = "assess/worked-example.json"  # where the framework's sample assessment is published


def stacked_table(columns: list[tuple[str, bool]], rows: list[list[str]], caption: str = "") -> str:
    """A table that a narrow screen shows as stacked rows: an HTML table (class ``kam-stack``) whose cells carry their
    column's name (``data-label``) for the stylesheet to show beside the value; cells hold inline Markdown (links
    stay checked). ``columns``: (name, numeric)."""
    num_class = ' class="kam-num"'
    head = "".join(f'<th scope="col"{num_class if num else ""}>{html.escape(name)}</th>' for name, num in columns)
    out = ['<div class="kam-scroll" markdown="1">', '<table class="kam-table kam-stack" markdown="1">']
    if caption:
        out.append(f"<caption>{html.escape(caption)}</caption>")
    out += [f"<thead><tr>{head}</tr></thead>", '<tbody markdown="1">']
    for row in rows:
        cells = "".join(f'<td data-label="{html.escape(name)}"{num_class if num else ""} markdown="span">{cell}</td>'
                        for (name, num), cell in zip(columns, row))
        out.append(f'<tr markdown="1">{cells}</tr>')
    out += ["</tbody>", "</table>", "</div>", ""]
    return "\n".join(out)


def worked_example(fw: Framework, here: str, directory) -> str:
    """The framework's sample assessment (validated by the loader), scored at build time by the Python scorer.

    The columns follow the framework (report.columns): points when they mean something, readiness with an award,
    the coaching style with coaching; the submission order only with an award, training only with a curriculum."""
    import json

    from . import report, scoring

    t = texts(fw)
    if not fw["sample_assessment"]:
        return t("page_example_none")
    assessment = json.loads((directory / fw["sample_assessment"]).read_text(encoding="utf-8"))
    result = scoring.score(fw, assessment)
    comps = index(fw["competencies"])
    modules = index(fw["modules"])
    s = result["summary"]
    profile = index(fw["profiles"]).get(assessment.get("profile") or "")
    profile_title = profile["title"] if profile else t("profile_none", level=report.level_label(fw, fw["rules"]["pass_level"]))
    out = [t("page_example_intro", file=f"[{posixpath.basename(SAMPLE)}]({link(here, SAMPLE)})",
             overview=f"[{t('page_example_overview')}]({link(here, ASSESS['overview'])})"), "",
           f"**{esc(report.headline(fw, s))}.** " + t("page_example_summary", percent=s["percent"], met=s["met"], total=s["total"],
                                                      profile=esc(profile_title)), ""]
    points = report.points_line(fw, s)
    if points:
        out += [f"**{esc(points)}**", ""]
    columns = report.columns(fw)
    table = []
    for row in report.rows(fw, result, assessment):
        c = comps[row["id"]]
        name = f"[{esc(competency_name(c))}]({link(here, competency_src(c))})"
        table.append([name] + [esc(row[key]) for key, _, _ in columns[1:]])
    out.append(stacked_table([(name, num) for _, name, num in columns], table))
    if fw["parts"]["award"]:
        order = scoring.submission_order(fw, result)
        links = ", ".join(f"[{cid}]({link(here, competency_src(comps[cid]))})" for cid in order)
        out += [t("page_example_submit", competencies=links), ""]
    if fw["parts"]["curriculum"]:
        out += [t("page_example_modules"), ""]
        out += [f"{n}. [{esc(modules[m]['title'])}]({link(here, TRAINING_SRC, m)})"
                for n, m in enumerate(result["recommendations"], 1)]
        if not result["recommendations"]:
            out.append(t("modules_none"))
    return "\n".join(out)

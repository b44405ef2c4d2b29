"""Markdown for the handbook's pages, rendered from the compiled framework.

Pure functions: (framework, the page's own path) -> Markdown. ``main.py``
registers them as mkdocs-macros. Links are relative ``.md`` links so that
MkDocs checks every one of them under ``--strict``.
"""

from __future__ import annotations

import html
import posixpath
from pathlib import PurePosixPath
from typing import Any, Callable

from .scoring import translator

COMPETENCY_DIR = "competencies"

Framework = dict[str, Any]


# ---------------------------------------------------------------- where things live

def competency_src(c: dict) -> str:
    """The page of a competency: docs/competencies/<its YAML file's name>.md."""
    return f"{COMPETENCY_DIR}/{PurePosixPath(c['file']).stem}.md"


def area_src(area_id: str) -> str:
    """An area's page: the index of its navigation section."""
    return f"{COMPETENCY_DIR}/area-{area_id}/index.md"


def link(here: str, target: str, anchor: str = "") -> str:
    """A relative link from page ``here`` to page ``target`` (both docs-relative .md paths)."""
    if target == here and anchor:
        return f"#{anchor}"
    return posixpath.relpath(target, posixpath.dirname(here) or ".") + (f"#{anchor}" if anchor else "")


def esc(text: str) -> str:
    """Text from YAML made safe for Markdown + HTML (no tags, no accidental emphasis)."""
    return text.replace("<", "&lt;").replace(">", "&gt;").replace("*", "\\*").replace("_", "\\_").replace("[", "\\[")


def index(items: list[dict]) -> dict[str, dict]:
    return {x["id"]: x for x in items}


def competency_name(c: dict) -> str:
    return f"{c['id']} {c['title']}"


def statement_count(c: dict) -> int:
    return sum(len(g["indicators"]) for g in c["groups"])


def texts(fw: Framework) -> Callable[..., str]:
    """The framework's interface texts (macros/strings.yml, the framework's strings.yml over it): a function of (key, **params)."""
    return translator(fw["strings"])


def attribution(fw: Framework) -> str:
    src = fw["source"]
    t = texts(fw)
    return f'<p class="kam-attribution">{t("page_attribution", title=esc(src["title"]), year=src["year"], publisher=esc(src["publisher"]))}</p>'


# ---------------------------------------------------------------- pages

def at_a_glance(fw: Framework, here: str) -> str:
    t = texts(fw)
    comps = index(fw["competencies"])
    rows = [f"| {t('page_area')} | {t('competency')} | {t('page_requirement_groups')} | {t('page_statements')} "
            f"| {t('page_theory_items')} | {t('page_evidence_examples')} |",
            "|---|---|--:|--:|--:|--:|"]
    for a in fw["areas"]:
        for n, cid in enumerate(a["competencies"]):
            c = comps[cid]
            area = f"[{esc(a['id'])} {esc(a['title'])}]({link(here, area_src(a['id']))})" if n == 0 else ""
            rows.append(f"| {area} | [{esc(competency_name(c))}]({link(here, competency_src(c))}) | {len(c['groups'])} "
                        f"| {statement_count(c)} | {len(c['theory'])} | {len(c['evidence'])} |")
    total = sum(statement_count(c) for c in comps.values())
    rows.append(f"| **{t('page_total_areas', n=len(fw['areas']))}** | **{t('page_total_competencies', n=len(comps))}** | "
                f"**{sum(len(c['groups']) for c in comps.values())}** | **{total}** | "
                f"**{sum(len(c['theory']) for c in comps.values())}** | **{sum(len(c['evidence']) for c in comps.values())}** |")
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
            out.append(f"## [{esc(a['id'])} {esc(a['title'])}]({link(here, area_src(a['id']))})\n")
        for cid in a["competencies"]:
            c = comps[cid]
            out.append(f"- [**{esc(competency_name(c))}**]({link(here, competency_src(c))}) — "
                       f"{t('page_list_item', statements=statement_count(c), groups=len(c['groups']))} · {esc(types[c['type']]['title'])}")
        out.append("")
    return "\n".join(out)


def area_page(fw: Framework, here: str, area_id: str) -> str:
    area = index(fw["areas"])[area_id]
    out = [f"# {esc(area['id'])} {esc(area['title'])}", ""]
    if area.get("description"):
        out += [esc(area["description"]), ""]
    t = texts(fw)
    out += [t("page_area_intro", id=esc(area["id"]), title=esc(fw["title"]), n=len(area["competencies"])), "",
            competency_list(fw, here, area_id), attribution(fw)]
    return "\n".join(out)


def competency_page(fw: Framework, here: str, cid: str) -> str:
    """A competency's own page: its content, then previous/next competency."""
    comps = fw["competencies"]
    pos = next(i for i, c in enumerate(comps) if c["id"] == cid)
    t = texts(fw)
    out = [competency_body(fw, here, comps[pos])]
    prev_c = comps[pos - 1] if pos > 0 else None
    next_c = comps[pos + 1] if pos + 1 < len(comps) else None
    nav = []
    if prev_c:
        nav.append(f"[← {esc(competency_name(prev_c))}]({link(here, competency_src(prev_c))}){{ .kam-prev }}")
    if next_c:
        nav.append(f"[{esc(competency_name(next_c))} →]({link(here, competency_src(next_c))}){{ .kam-next }}")
    out += [f'<nav class="kam-pager" aria-label="{html.escape(t("page_pager"))}" markdown>', " ".join(nav), "</nav>", "",
            attribution(fw)]
    return "\n".join(out)


ALL_SRC = f"{COMPETENCY_DIR}/all.md"  # every competency on one page, to print


def _note_title(fw: Framework) -> str:
    t = texts(fw)
    return t("page_note").replace('"', "'")


def framework_notes(fw: Framework) -> list[str]:
    """The framework's own notes (framework.yml), as info boxes."""
    return [line for note in fw["notes"] for line in (f'!!! info "{_note_title(fw)}"', f"    {esc(note)}", "")]


def all_competencies(fw: Framework, here: str) -> str:
    """The whole specification on one page: every competency one heading level down, each from a new printed page."""
    t = texts(fw)
    out = [t("page_all_intro", n=len(fw["competencies"])), ""]
    out += framework_notes(fw)  # once, before the competencies
    for c in fw["competencies"]:
        out += [competency_body(fw, here, c, level=2), ""]
    out.append(attribution(fw))
    return "\n".join(out)


def competency_body(fw: Framework, here: str, c: dict, level: int = 1) -> str:
    """A competency's content. level 1: its own page (title as the page's h1); level 2: one of many on a page, with
    its section anchors prefixed by its id so that they stay unique."""
    cid = c["id"]
    area = index(fw["areas"])[c["area"]]
    ctype = index(fw["types"])[c["type"]]
    theories = index(fw["theories"])
    modules = index(fw["modules"])
    by_id = index(fw["competencies"])
    t = texts(fw)
    h1, h2, h3 = "#" * level, "#" * (level + 1), "#" * (level + 2)
    anchor = (lambda name: name) if level == 1 else (lambda name: f"{cid}-{name}")
    title = f"{h1} {esc(competency_name(c))}" + ("" if level == 1 else f" {{ #c-{cid} .kam-break }}")
    out = [title, ""]
    out += [f"**{t('page_area')}:** [{esc(area['id'])} {esc(area['title'])}]({link(here, area_src(area['id']))}) · "
            f"**{t('page_type')}:** [{esc(ctype['title'])}]({link(here, 'training.md', 'type-' + ctype['id'])}) · "
            f"{t('page_counts', statements=statement_count(c), groups=len(c['groups']))} · "
            f"[{t('page_assess_link', id=cid)}]({link(here, ASSESS['rate'], 'c-' + cid)})", ""]
    note_title = _note_title(fw)
    if level == 1:  # on the one-page specification they stand once, at the top
        out += framework_notes(fw)
    for note in c["notes"]:
        out += [f'!!! note "{note_title}"', f"    {esc(note['text'])}", ""]
        if note.get("editorial"):
            out += [f"    *{esc(note['editorial'])}*", ""]
        if note["see"]:
            refs = ", ".join(f"[{esc(competency_name(by_id[r]))}]({link(here, competency_src(by_id[r]))})" for r in note["see"])
            out += [f"    {t('page_see', links=refs)}", ""]
    out += [f"{h2} {t('page_rationale')} {{ #{anchor('rationale')} }}", ""]
    for para in c["rationale"]:
        out += [esc(para), ""]
    out += [f"{h2} {t('page_requirement')} {{ #{anchor('competency-requirement')} }}", "", t("page_requirement_intro"), ""]
    for g in c["groups"]:
        out += [f"{h3} {esc(g['title'])} {{ #{g['id']} }}", ""]
        for n, s in enumerate(g["indicators"], start=1):
            out += [f"{n}. {esc(s['text'])} [{s['id']}](#{s['id']}){{ .kam-id title=\"{t('page_statement_link', id=s['id'])}\" }}",
                    f"    {{ #{s['id']} .kam-statement }}"]
        out.append("")
    out += [f"{h2} {t('page_theory')} {{ #{anchor('relevant-theory')} }}", ""]
    for item in c["theory"]:
        refs = ", ".join(f"[{esc(theories[th]['title'])}]({link(here, 'theory.md', th)})" for th in item["theories"])
        out.append(f"- {esc(item['text'])} → {refs}")
    out += ["", f"{h2} {t('page_evidence')} {{ #{anchor('examples-of-evidence')} }}", ""]
    out += [f"- {esc(e)}" for e in c["evidence"]]
    checks = [esc(k["label"].lower()) for k in fw["diploma"]["workspace"]["evidence_checks"]]
    other = (t("page_evidence_strongest", checks=t("page_list_and", items=", ".join(checks[:-1]), last=checks[-1]))
             if len(checks) > 1 else t("page_evidence_other"))
    guide = f"[{t('page_guide', title=esc(fw['diploma']['short_title']))}]({link(here, 'diploma.md')})"
    out += ["", f"{other} {t('page_evidence_see', guide=guide)}", ""]
    out += [f"{h2} {t('page_training')} {{ #{anchor('training-modules-that-develop-it')} }}", ""]
    if c["modules"]:
        for mid in c["modules"]:
            m = modules[mid]
            out.append(f"- [{esc(m['title'])}]({link(here, 'training.md', mid)}) — {esc(m['reasons'][cid])}")
    else:
        out.append(t("page_training_none"))
    out.append("")
    return "\n".join(out)


def _reference(r: dict) -> str:
    parts = [f"{esc(r['authors'])} ({r['year']})."]
    if r["kind"] in ("article", "chapter"):
        parts.append(f"{esc(r['title'])}.")
        if r.get("container"):
            parts.append(f"*{esc(r['container'])}*" + (f", {esc(r['details'])}." if r.get("details") else "."))
    else:
        parts.append(f"*{esc(r['title'])}*.")
        if r.get("edition"):
            parts.append(f"{esc(r['edition'])}.")
    if r.get("publisher"):
        parts.append(f"{esc(r['publisher'])}.")
    if r.get("doi"):
        parts.append(f"[doi:{esc(r['doi'])}](https://doi.org/{html.escape(r['doi'])})")
    if r.get("note"):
        parts.append(f"({esc(r['note'])})")
    return " ".join(parts)


def theory_library(fw: Framework, here: str) -> str:
    t = texts(fw)
    comps = index(fw["competencies"])
    out = []
    for th in sorted(fw["theories"], key=lambda th: th["title"].lower()):
        out += [f"## {esc(th['title'])} {{ #{th['id']} }}", "", esc(th["summary"]), "",
                f"**{t('page_theory_use')}** {esc(th['use'])}", ""]
        if th["aliases"]:
            out += [f"**{t('page_theory_aliases')}** {esc(', '.join(th['aliases']))}", ""]
        used = ", ".join(f"[{esc(competency_name(comps[cid]))}]({link(here, competency_src(comps[cid]), 'relevant-theory')})"
                         for cid in th["competencies"])
        out += [f"**{t('page_theory_used_in')}** {used}", ""]
        if th["references"]:
            out += [f"**{t('page_theory_references')}**", ""] + [f"- {_reference(r)}" for r in th["references"]] + [""]
    out.append(attribution(fw))
    return "\n".join(out)


def theory_index(fw: Framework, here: str) -> str:
    """A compact A–Z list of theories linking to their sections."""
    items = sorted(fw["theories"], key=lambda th: th["title"].lower())
    return " · ".join(f"[{esc(th['title'])}](#{th['id']})" for th in items)


def competency_types(fw: Framework, here: str) -> str:
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
    d = fw["diploma"]
    out = []
    for r in d["rules"]:
        out += [f"### {esc(r['title'])} {{ #{r['id']} }}", "", esc(r["text"]), ""]
    return "\n".join(out)


def sign_off(fw: Framework, here: str) -> str:
    t = texts(fw)
    s = fw["diploma"]["sign_off"]
    rows = [f"| {t('page_sign_off')} | {t('page_sign_off_meaning')} |", "|---|---|",
            f"| **{t('page_sign_off_who')}** | {esc(s['who'])} |", f"| **{t('page_sign_off_confirms')}** | {esc(s['confirms'])} |",
            f"| **{t('page_sign_off_does_not')}** | {esc(s['does_not'])} |"]
    if s.get("decided_by"):
        rows.append(f"| **{t('page_sign_off_decided_by')}** | {esc(s['decided_by'])} |")
    return "\n".join(rows)


def word_guidance(fw: Framework, here: str) -> str:
    t = texts(fw)
    w = fw["diploma"]["word_guidance"]
    kind = t("page_words_limit") if w["binding"] else t("page_words_guide")
    return t("page_words", min=w["min"], max=w["max"], per=esc(w["per"]), kind=kind)


def submission_outline(fw: Framework, here: str, cid: str) -> str:
    """The skeleton of a submission for one competency: one section per requirement group."""
    t = texts(fw)
    c = index(fw["competencies"])[cid]
    out = [t("page_outline", competency=f"**{esc(competency_name(c))}**"), ""]
    for n, g in enumerate(c["groups"], start=1):
        ids = ", ".join(f"[{s['id']}]({link(here, competency_src(c), s['id'])})" for s in g["indicators"])
        out.append(f"{n}. **{esc(g['title'])}** — {t('page_outline_group', statements=ids)}")
    out += [f"{len(c['groups']) + 1}. **{t('tpl_theory')}** — {t('page_outline_theory')}",
            f"{len(c['groups']) + 2}. **{t('tpl_reflection')}** — {t('page_outline_reflection')}",
            f"{len(c['groups']) + 3}. **{t('page_outline_evidence')}**", ""]
    return "\n".join(out)


def coaching_styles(fw: Framework, here: str) -> str:
    t = texts(fw)
    rows = [f"| {t('page_coaching_style')} | {t('page_coaching_skill')} | {t('page_coaching_will')} | {t('page_coaching_does')} |",
            "|---|---|---|---|"]
    for st in fw["coaching"]:
        rows.append(f"| **{esc(st['title'])}** {{ #coaching-{st['id']} }} | {st['skill']} | {st['will']} | {esc(st['description'])} |")
    return "\n".join(rows)


def glossary(fw: Framework, here: str) -> str:
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

DOWNLOADS = {"json": "downloads/framework.json", "csv": "downloads/statements.csv"}  # published with the site


def framework_json(fw: Framework) -> str:
    """The compiled framework (DESIGN.md §3), as `kam.py export` prints it."""
    import json

    return json.dumps(fw, indent=2, ensure_ascii=False) + "\n"


def statements_csv(fw: Framework) -> str:
    """Every statement, one row each, for a spreadsheet: area, competency, group, statement id, statement."""
    import csv
    import io

    t = texts(fw)
    areas = index(fw["areas"])
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([t("csv_area"), t("csv_competency"), t("csv_group"), t("csv_statement_id"), t("csv_statement")])
    for c in fw["competencies"]:
        area = areas[c["area"]]
        for g in c["groups"]:
            for s in g["indicators"]:
                writer.writerow([f"{area['id']} {area['title']}", competency_name(c), g["title"], s["id"], s["text"]])
    return "\ufeff" + out.getvalue()  # the byte-order mark: spreadsheets then read it as UTF-8


def downloads(fw: Framework, here: str) -> str:
    """Links to the framework's downloads."""
    t = texts(fw)
    return t("page_downloads", csv=f"[{t('page_download_csv')}]({link(here, DOWNLOADS['csv'])})",
             json=f"[{t('page_download_json')}]({link(here, DOWNLOADS['json'])})", n=sum(map(statement_count, fw["competencies"])))


def source_block(fw: Framework, here: str) -> str:
    t = texts(fw)
    src = fw["source"]
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
          "plan": "assess/plan.md", "workspace": "assess/workspace.md", "review": "assess/review.md"}


MODULES = ("assessment", "scoring", "store", "share", "plan", "workspace", "templates", "review")  # what kam.js imports


def browser_framework(fw: Framework) -> dict:
    """What the assessment pages need of the compiled framework (the DESIGN.md §3 contract, without the prose)."""
    keep = ("format", "format_version", "id", "version", "title", "short_title", "language", "scale", "rules", "coaching")
    return {
        **{k: fw[k] for k in keep},
        "areas": [{"id": a["id"], "title": a["title"], "competencies": a["competencies"]} for a in fw["areas"]],
        "competencies": [{"id": c["id"], "area": c["area"], "title": c["title"], "groups": c["groups"], "theory": c["theory"]}
                         for c in fw["competencies"]],
        "theories": [{"id": t["id"], "title": t["title"]} for t in fw["theories"]],
        "modules": [{k: m[k] for k in ("id", "title", "competencies", "track", "level", "qualifier")} for m in fw["modules"]],
        "profiles": fw["profiles"],
        "diploma": {k: fw["diploma"][k] for k in ("title", "word_guidance", "workspace", "sign_off", "rules")},
        "source": fw["source"],
    }


def assessment_app(fw: Framework, here: str, view: str) -> str:
    """The container of an assessment page and the data its script reads: the framework, the interface's texts
    (macros/strings.yml with the framework's strings.yml over it) and the links it needs."""
    import json

    data = {
        "view": view,
        "framework": browser_framework(fw),
        "strings": fw["strings"],
        "links": {
            **{name: url(here, src) for name, src in ASSESS.items()},
            "training": url(here, "training.md"),
            "competencies": {c["id"]: url(here, competency_src(c)) for c in fw["competencies"]},
            "example": posixpath.relpath(SAMPLE, posixpath.dirname(page_url(here)) or ".") if fw["sample_assessment"] else None,
        },
    }
    # Not a <script type="application/json">: Material's instant navigation re-creates the scripts of a new
    # page without their type, and would run the JSON as JavaScript. An attribute is inert everywhere.
    payload = html.escape(json.dumps(data, ensure_ascii=False, separators=(",", ":")), quote=True)
    base = posixpath.relpath("assets/javascripts", posixpath.dirname(page_url(here).rstrip("/") + "/x") or ".")
    preload = "".join(f'<link rel="modulepreload" href="{base}/{m}.js">' for m in MODULES)  # no import waterfall
    out = [preload, f'<div id="kam-data" hidden data-json="{payload}"></div>',
           f'<div id="kam-app" class="kam-app" data-view="{view}" markdown>',
           f'<noscript><p class="kam-noscript">{html.escape(fw["strings"]["noscript"])}</p></noscript>',
           '</div>']
    if view == "rate":  # one section per competency: real anchors and headings; the script fills in the form
        out = out[:-1]
        for c in fw["competencies"]:
            out += ["", f"## {esc(competency_name(c))} {{ #c-{c['id']} }}", "",
                    f'<div class="kam-form" data-competency="{c["id"]}"></div>']
        out += ["", "</div>"]
    return "\n".join(out)


SAMPLE = "assess/worked-example.json"  # where the framework's sample assessment is published


def worked_example(fw: Framework, here: str, directory) -> str:
    """The framework's sample assessment (validated by the loader), scored at build time by the Python scorer."""
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
    profile_title = profile["title"] if profile else t("profile_none", level=fw["rules"]["pass_level"])
    out = [t("page_example_intro", file=f"[{posixpath.basename(SAMPLE)}]({link(here, SAMPLE)})",
             overview=f"[{t('page_example_overview')}]({link(here, ASSESS['overview'])})"), "",
           f"**{esc(report.readiness(fw, s))}.** " + t("page_example_summary", percent=s["percent"], met=s["met"], total=s["total"],
                                                       profile=esc(profile_title)), "",
           f"| {t('competency')} | {t('status')} | {t('score')} | {t('rated')} | {t('evidence')} | {t('ready')} | {t('target')} "
           f"| {t('gap')} | {t('coaching_style')} |",
           "|---|---|--:|--:|--:|:-:|--:|--:|---|"]
    for row in report.rows(fw, result):
        c = comps[row["id"]]
        out.append(f"| [{esc(competency_name(c))}]({link(here, competency_src(c))}) | {row['status']} | {row['percent']} | "
                   f"{row['coverage']} | {row['evidence']} | {row['ready']} | {row['target']} | {row['gap']} | {row['style']} |")
    order = scoring.submission_order(fw, result)
    out += ["", t("page_example_submit", competencies=", ".join(f"[{cid}]({link(here, competency_src(comps[cid]))})" for cid in order)),
            "", t("page_example_modules"), ""]
    out += [f"{n}. [{esc(modules[m]['title'])}]({link(here, 'training.md', m)})" for n, m in enumerate(result["recommendations"], 1)]
    if not result["recommendations"]:
        out.append(t("modules_none"))
    return "\n".join(out)

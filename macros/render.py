"""Markdown for the handbook's pages, rendered from the compiled framework.

Pure functions: (framework, the page's own path) -> Markdown. ``main.py``
registers them as mkdocs-macros. Links are relative ``.md`` links so that
MkDocs checks every one of them under ``--strict``.
"""

from __future__ import annotations

import html
import posixpath
from pathlib import PurePosixPath
from typing import Any

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


def attribution(fw: Framework) -> str:
    src = fw["source"]
    return (f'<p class="kam-attribution">Source: {esc(src["title"])} ({src["year"]}), '
            f'{esc(src["publisher"])}. Summaries and guidance: this project.</p>')


# ---------------------------------------------------------------- pages

def at_a_glance(fw: Framework, here: str) -> str:
    comps = index(fw["competencies"])
    rows = ["| Area | Competency | Requirement groups | Statements | Theory items | Evidence examples |",
            "|---|---|--:|--:|--:|--:|"]
    for a in fw["areas"]:
        for n, cid in enumerate(a["competencies"]):
            c = comps[cid]
            area = f"[{esc(a['id'])} {esc(a['title'])}]({link(here, area_src(a['id']))})" if n == 0 else ""
            rows.append(f"| {area} | [{esc(competency_name(c))}]({link(here, competency_src(c))}) | {len(c['groups'])} "
                        f"| {statement_count(c)} | {len(c['theory'])} | {len(c['evidence'])} |")
    total = sum(statement_count(c) for c in comps.values())
    rows.append(f"| **{len(fw['areas'])} areas** | **{len(comps)} competencies** | "
                f"**{sum(len(c['groups']) for c in comps.values())}** | **{total}** | "
                f"**{sum(len(c['theory']) for c in comps.values())}** | **{sum(len(c['evidence']) for c in comps.values())}** |")
    return "\n".join(rows)


def competency_list(fw: Framework, here: str, area_id: str | None = None) -> str:
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
                       f"{statement_count(c)} statements in {len(c['groups'])} groups · {esc(types[c['type']]['title'])}")
        out.append("")
    return "\n".join(out)


def area_page(fw: Framework, here: str, area_id: str) -> str:
    area = index(fw["areas"])[area_id]
    out = [f"# {esc(area['id'])} {esc(area['title'])}", ""]
    if area.get("description"):
        out += [esc(area["description"]), ""]
    out += [f"Area {esc(area['id'])} of the {esc(fw['title'])} has {len(area['competencies'])} competencies.", "",
            competency_list(fw, here, area_id), attribution(fw)]
    return "\n".join(out)


def competency_page(fw: Framework, here: str, cid: str) -> str:
    comps = fw["competencies"]
    pos = next(i for i, c in enumerate(comps) if c["id"] == cid)
    c = comps[pos]
    area = index(fw["areas"])[c["area"]]
    ctype = index(fw["types"])[c["type"]]
    theories = index(fw["theories"])
    modules = index(fw["modules"])
    by_id = index(comps)
    out = [f"# {esc(competency_name(c))}", ""]
    out += [f"**Area:** [{esc(area['id'])} {esc(area['title'])}]({link(here, area_src(area['id']))}) · "
            f"**Type:** [{esc(ctype['title'])}]({link(here, 'training.md', 'type-' + ctype['id'])}) · "
            f"{statement_count(c)} statements in {len(c['groups'])} requirement groups · "
            f"[Assess yourself on {c['id']}]({link(here, ASSESS['rate'], 'c-' + c['id'])})", ""]
    for note in fw["notes"]:
        out += ['!!! info "Note"', f"    {esc(note)}", ""]
    for note in c["notes"]:
        out += ['!!! note "Note"', f"    {esc(note['text'])}", ""]
        if note.get("editorial"):
            out += [f"    *{esc(note['editorial'])}*", ""]
        if note["see"]:
            refs = ", ".join(f"[{esc(competency_name(by_id[r]))}]({link(here, competency_src(by_id[r]))})" for r in note["see"])
            out += [f"    See {refs}.", ""]
    out += ["## Rationale", ""]
    for para in c["rationale"]:
        out += [esc(para), ""]
    out += ["## Competency requirement", "",
            "What the candidate should demonstrate, statement by statement. Each statement has a stable id "
            "(the link after it) that assessments and submissions refer to.", ""]
    for g in c["groups"]:
        out += [f"### {esc(g['title'])} {{ #{g['id']} }}", ""]
        for n, s in enumerate(g["indicators"], start=1):
            out += [f"{n}. {esc(s['text'])} [{s['id']}](#{s['id']}){{ .kam-id title=\"Link to statement {s['id']}\" }}",
                    f"    {{ #{s['id']} .kam-statement }}"]
        out.append("")
    out += ["## Relevant theory", ""]
    for item in c["theory"]:
        refs = ", ".join(f"[{esc(theories[t]['title'])}]({link(here, 'theory.md', t)})" for t in item["theories"])
        out.append(f"- {esc(item['text'])} → {refs}")
    out += ["", "## Examples of evidence", ""]
    out += [f"- {esc(e)}" for e in c["evidence"]]
    checks = [k["label"].lower() for k in fw["diploma"]["workspace"]["evidence_checks"]]
    strongest = f"; evidence is strongest when it is {', '.join(checks[:-1])} and {checks[-1]}" if len(checks) > 1 else ""
    out += ["", f"Other materials may also be acceptable{strongest}. See the "
            f"[{esc(fw['diploma']['short_title'].lower())} guide]({link(here, 'diploma.md')}) for how evidence is presented.", ""]
    out += ["## Training modules that develop it", ""]
    if c["modules"]:
        for mid in c["modules"]:
            m = modules[mid]
            out.append(f"- [{esc(m['title'])}]({link(here, 'training.md', mid)}) — {esc(m['reasons'][cid])}")
    else:
        out.append("No module of the curriculum names this competency.")
    out.append("")
    prev_c = comps[pos - 1] if pos > 0 else None
    next_c = comps[pos + 1] if pos + 1 < len(comps) else None
    nav = []
    if prev_c:
        nav.append(f"[← {esc(competency_name(prev_c))}]({link(here, competency_src(prev_c))}){{ .kam-prev }}")
    if next_c:
        nav.append(f"[{esc(competency_name(next_c))} →]({link(here, competency_src(next_c))}){{ .kam-next }}")
    out += ['<nav class="kam-pager" aria-label="Previous and next competency" markdown>', " ".join(nav), "</nav>", "",
            attribution(fw)]
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
    comps = index(fw["competencies"])
    out = []
    for t in sorted(fw["theories"], key=lambda t: t["title"].lower()):
        out += [f"## {esc(t['title'])} {{ #{t['id']} }}", "", esc(t["summary"]), "",
                f"**In key account work:** {esc(t['use'])}", ""]
        if t["aliases"]:
            out += [f"**Also known as:** {esc(', '.join(t['aliases']))}", ""]
        used = ", ".join(f"[{esc(competency_name(comps[cid]))}]({link(here, competency_src(comps[cid]), 'relevant-theory')})"
                         for cid in t["competencies"])
        out += [f"**Used in:** {used}", ""]
        if t["references"]:
            out += ["**References**", ""] + [f"- {_reference(r)}" for r in t["references"]] + [""]
    out.append(attribution(fw))
    return "\n".join(out)


def theory_index(fw: Framework, here: str) -> str:
    """A compact A–Z list of theories linking to their sections."""
    items = sorted(fw["theories"], key=lambda t: t["title"].lower())
    return " · ".join(f"[{esc(t['title'])}](#{t['id']})" for t in items)


def competency_types(fw: Framework, here: str) -> str:
    comps = index(fw["competencies"])
    out = []
    for t in fw["types"]:
        out += [f"### {esc(t['title'])} {{ #type-{t['id']} }}", ""]
        if t.get("description"):
            out += [esc(t["description"]), ""]
        out += [f"- [{esc(competency_name(comps[cid]))}]({link(here, competency_src(comps[cid]))})" for cid in t["competencies"]]
        out.append("")
    return "\n".join(out)


def curriculum(fw: Framework, here: str) -> str:
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
            out += ["Develops:", ""]
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
    s = fw["diploma"]["sign_off"]
    rows = ["| Sign-off | What it means |", "|---|---|", f"| **Who signs** | {esc(s['who'])} |", f"| **They confirm** | {esc(s['confirms'])} |",
            f"| **They do not** | {esc(s['does_not'])} |"]
    if s.get("decided_by"):
        rows.append(f"| **Who decides** | {esc(s['decided_by'])} |")
    return "\n".join(rows)


def word_guidance(fw: Framework, here: str) -> str:
    w = fw["diploma"]["word_guidance"]
    kind = "a guide, not a limit" if not w["binding"] else "a limit"
    return f"{w['min']}–{w['max']} words per {w['per']} ({kind})"


def submission_outline(fw: Framework, here: str, cid: str) -> str:
    """The skeleton of a submission for one competency: one section per requirement group."""
    c = index(fw["competencies"])[cid]
    out = [f"**{esc(competency_name(c))}** — a submission structured by its competency requirement:", ""]
    for n, g in enumerate(c["groups"], start=1):
        ids = ", ".join(f"[{s['id']}]({link(here, competency_src(c), s['id'])})" for s in g["indicators"])
        out.append(f"{n}. **{esc(g['title'])}** — what you did, with your evidence, for statements {ids}")
    out += [f"{len(c['groups']) + 1}. **Theory applied** — which of the relevant theories you used, and how",
            f"{len(c['groups']) + 2}. **Reflection** — what you learnt and would do differently",
            f"{len(c['groups']) + 3}. **Evidence list and sign-off**", ""]
    return "\n".join(out)


def coaching_styles(fw: Framework, here: str) -> str:
    rows = ["| Style | Skill | Will | What the coach does |", "|---|---|---|---|"]
    for st in fw["coaching"]:
        rows.append(f"| **{esc(st['title'])}** {{ #coaching-{st['id']} }} | {st['skill']} | {st['will']} | {esc(st['description'])} |")
    return "\n".join(rows)


def glossary(fw: Framework, here: str) -> str:
    out = []
    for t in fw["glossary"]:
        anchor = term_anchor(t["term"])
        title = esc(t["term"]) + (f" — {esc(t['expansion'])}" if t.get("expansion") else "")
        out += [f"## {title} {{ #{anchor} }}", "", esc(t["definition"]), ""]
        if t["see"]:
            out += ["See also: " + ", ".join(f"[{esc(s)}](#{term_anchor(s)})" for s in t["see"]), ""]
    return "\n".join(out)


def term_anchor(term: str) -> str:
    slug = "".join(ch if ch.isalnum() else "-" for ch in term.lower())
    return "term-" + "-".join(filter(None, slug.split("-")))


def abbreviations(fw: Framework) -> str:
    """Markdown abbreviation definitions (``*[KAM]: …``) for every glossary entry that has an expansion."""
    return "\n".join(f"*[{t['term']}]: {t['expansion']}" for t in fw["glossary"] if t.get("expansion"))


def source_block(fw: Framework, here: str) -> str:
    src = fw["source"]
    rows = [f"- **Title:** {esc(src['title'])}", f"- **Published by:** {esc(src['publisher'])}", f"- **Edition:** {src['year']}",
            f"- **Framework id and version:** `{fw['id']}` {esc(fw['version'])}"]
    if src.get("url"):
        rows.append(f"- **Where to find it:** <{src['url']}>")
    if src.get("licence"):
        rows.append(f"- **Licence:** {esc(src['licence'])}")
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

    if not fw["sample_assessment"]:
        return "This framework ships no sample assessment (`sample_assessment` in framework.yml)."
    assessment = json.loads((directory / fw["sample_assessment"]).read_text(encoding="utf-8"))
    result = scoring.score(fw, assessment)
    comps = index(fw["competencies"])
    modules = index(fw["modules"])
    s = result["summary"]
    profile = index(fw["profiles"]).get(assessment.get("profile") or "", {"title": "none"})["title"]
    out = [f"A sample assessment of a fictional candidate, [{posixpath.basename(SAMPLE)}]({link(here, SAMPLE)}), scored when this "
           "site was built by the same rules as the self-assessment (the Python scorer, tested to give exactly the browser's "
           f"figures). Import the file on the [overview]({link(here, ASSESS['overview'])}) to see the same figures there.", "",
           f"**{esc(report.readiness(fw, s))}.** Overall score {s['percent']}% · {s['met']} of {s['total']} competencies met · "
           f"target profile: {esc(profile)}.", "",
           "| Competency | Status | Score | Coverage | Evidence | Ready | Target | Gap | Coaching style |",
           "|---|---|--:|--:|--:|:-:|--:|--:|---|"]
    for row in report.rows(fw, result):
        c = comps[row["id"]]
        out.append(f"| [{esc(competency_name(c))}]({link(here, competency_src(c))}) | {row['status']} | {row['percent']} | "
                   f"{row['coverage']} | {row['evidence']} | {row['ready']} | {row['target']} | {row['gap']} | {row['style']} |")
    order = scoring.submission_order(fw, result)
    out += ["", "**Competencies to submit**, ready ones first, then by score: " +
            ", ".join(f"[{cid}]({link(here, competency_src(comps[cid]))})" for cid in order) + ".", "",
            "**Recommended training modules**, those that close the most gaps first:", ""]
    out += [f"{n}. [{esc(modules[m]['title'])}]({link(here, 'training.md', m)})" for n, m in enumerate(result["recommendations"], 1)]
    if not result["recommendations"]:
        out.append("None: no competency is below its target.")
    return "\n".join(out)

"""Interchange with the tools L&D teams use: a 1EdTech CASE 1.1 package, Moodle's and Totara's competency CSVs, and
the framework as a workbook (``workbook``), which ``sheets.py`` reads back into a framework folder.

Pure functions of the compiled framework (DESIGN.md §3). Identifiers are derived from the framework's stable ids
(uuid5), and the one date a file carries is passed in (``last_change``), so an export of the same framework is the
same file, byte for byte.
"""

from __future__ import annotations

import html
import io
import json
import os
import uuid
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Callable, Iterator

from .render import index, safe_writer, texts

Framework = dict[str, Any]

CASE_VERSION = "1.1"
NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "https://github.com/kam-handbook/kam-handbook#case")  # fixed for good
SHORT_NAME_MAX = 100  # Moodle's and Totara's short names


# ---------------------------------------------------------------- the framework as a tree

@dataclass(frozen=True)
class Node:
    """One thing of the framework below the document: an area, a competency, a requirement group, a statement or
    a level descriptor. ``code`` is our id (a level descriptor's is '<competency id>:<value>': a colon is in no id)."""

    kind: str  # "area", "competency", "group", "statement" or "level"
    code: str
    text: str  # what it says in full
    parent: "Node | None"  # None: the framework itself
    position: int  # 1-based among its parent's children
    title: str = ""  # a short form, where there is one
    notes: str = ""
    extra: dict = field(default_factory=dict, compare=False, hash=False)

    @property
    def key(self) -> str:
        return f"{self.kind}:{self.code}"


def tree(fw: Framework) -> list[Node]:
    """Every node, each after its parent, in the framework's order."""
    labels = {lv["value"]: lv["label"] for lv in fw["scale"]["levels"]}
    comps = index(fw["competencies"])
    out: list[Node] = []
    for a_pos, a in enumerate(fw["areas"], 1):
        area = Node("area", a["id"], a["title"], None, a_pos, a["title"], a.get("description", ""))
        out.append(area)
        for c_pos, cid in enumerate(a["competencies"], 1):
            c = comps[cid]
            comp = Node("competency", c["id"], c["title"], area, c_pos, c["title"], c["description"], {"rated": c["rated"]})
            out.append(comp)
            pos = 0
            for g in c["groups"]:
                pos += 1
                group = Node("group", g["id"], g["title"], comp, pos, g["title"])
                out.append(group)
                out += [Node("statement", s["id"], s["text"], group, k) for k, s in enumerate(g["indicators"], 1)]
            for d in c["levels"]:
                pos += 1
                name = d["title"] or labels[d["value"]]
                lines = [*d["signals"], *d["examples"]]
                out.append(Node("level", f"{c['id']}:{d['value']}", d["summary"], comp, pos, name, "\n".join(lines),
                                {"value": d["value"], "label": labels[d["value"]], "descriptor": d}))
    return out


def last_change(directory: str | Path) -> datetime:
    """When the framework last changed: $SOURCE_DATE_EPOCH (the reproducible-builds convention) when set, else the
    newest modification time of the folder's files, to the second, in UTC."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        try:
            return datetime.fromtimestamp(int(epoch), timezone.utc)
        except ValueError:
            raise ValueError(f"SOURCE_DATE_EPOCH must be a whole number of seconds, got {epoch!r}") from None
    times = [p.stat().st_mtime for p in Path(directory).rglob("*") if p.is_file()]
    return datetime.fromtimestamp(int(max(times, default=0)), timezone.utc)


def stamp(when: datetime) -> str:
    """A CASE DateTime: 2026-01-31T09:30:00+00:00."""
    return when.astimezone(timezone.utc).replace(microsecond=0).isoformat()


def short_name(text: str, limit: int = SHORT_NAME_MAX) -> str:
    """``text`` on one line, at most ``limit`` characters: cut at a word and ended with '…' when longer."""
    flat = " ".join(text.split())
    if len(flat) <= limit:
        return flat
    cut = flat[: limit - 1]
    space = cut.rfind(" ")
    return (cut[:space] if space > limit // 2 else cut).rstrip(" ,;:.") + "…"


# ---------------------------------------------------------------- CASE 1.1

def case_ids(fw: Framework) -> tuple[uuid.UUID, str]:
    """The namespace of a framework's CASE identifiers, and its document's identifier."""
    ns = uuid.uuid5(NAMESPACE, fw["id"])
    return ns, str(uuid.uuid5(ns, "document"))


def _uri(identifier: str) -> str:
    return f"urn:uuid:{identifier}"


def case_package(fw: Framework, changed: datetime) -> dict:
    """The framework as a CASE 1.1 CFPackage: the framework is the CFDocument; areas, competencies, requirement
    groups, level descriptors and statements are CFItems (humanCodingScheme: our id; CFItemType: the kind); each is
    associated to its parent by isChildOf (the child the origin), up to the document."""
    t = texts(fw)
    ns, doc_id = case_ids(fw)
    when = stamp(changed)
    kinds = {"area": t("case_type_area"), "competency": t("case_type_competency"), "group": t("case_type_group"),
             "statement": t("case_type_statement"), "level": t("case_type_level")}
    src = fw["source"]
    document: dict[str, Any] = {
        "identifier": doc_id, "uri": _uri(doc_id),
        "creator": src["publisher"] if src else fw["title"],
        "title": fw["title"], "lastChangeDateTime": when, "caseVersion": CASE_VERSION,
        "description": fw["site_description"], "language": fw["language"], "version": fw["version"],
    }
    if src:
        document["publisher"] = src["publisher"]
        if str(src.get("url", "")).startswith(("https://", "http://")):
            document["officialSourceURL"] = src["url"]
    if fw["notes"]:
        document["notes"] = "\n\n".join(fw["notes"])
    doc_link = {"title": fw["title"], "identifier": doc_id, "uri": _uri(doc_id)}

    nodes = tree(fw)
    ident = {n.key: str(uuid.uuid5(ns, n.key)) for n in nodes}
    items, associations = [], []
    for n in nodes:
        item: dict[str, Any] = {"identifier": ident[n.key], "uri": _uri(ident[n.key]), "CFItemType": kinds[n.kind],
                                "humanCodingScheme": n.code, "fullStatement": n.text}
        if n.kind == "level":
            item["listEnumeration"] = str(n.extra["value"])
            item["abbreviatedStatement"] = n.title
        elif n.kind in ("area", "competency"):
            item["abbreviatedStatement"] = short_name(n.title)
        if n.notes:
            item["notes"] = n.notes
        item["language"] = fw["language"]
        item["lastChangeDateTime"] = when
        items.append(item)
        parent = doc_link if n.parent is None else {"title": _title(n.parent), "identifier": ident[n.parent.key],
                                                     "uri": _uri(ident[n.parent.key])}
        assoc_id = str(uuid.uuid5(ns, f"isChildOf:{n.key}"))
        associations.append({"identifier": assoc_id, "associationType": "isChildOf", "sequenceNumber": n.position,
                             "uri": _uri(assoc_id),
                             "originNodeURI": {"title": _title(n), "identifier": ident[n.key], "uri": _uri(ident[n.key])},
                             "destinationNodeURI": parent, "lastChangeDateTime": when})
    return {"CFDocument": document, "CFItems": items, "CFAssociations": associations}


def _title(n: Node) -> str:
    return short_name(n.title or n.text)


def case_json(fw: Framework, changed: datetime) -> str:
    return json.dumps(case_package(fw, changed), indent=2, ensure_ascii=False) + "\n"


# ---------------------------------------------------------------- Moodle and Totara

MOODLE_HEADER = ["Parent ID number", "ID number", "Short name", "Description", "Description format", "Scale values",
                 "Scale configuration", "Rule type (optional)", "Rule outcome (optional)", "Rule config (optional)",
                 "Cross-referenced competency ID numbers", "Exported ID (optional)", "Is framework", "Taxonomy"]
TOTARA_HEADER = ["idnumber", "timemodified", "frameworkidnumber", "shortname", "fullname", "parentidnumber",
                 "description", "typeidnumber", "deleted"]
MOODLE_HTML = 1  # Moodle's FORMAT_HTML
TAXONOMY = {"area": "domain", "competency": "competency", "group": "practice", "statement": "behaviour"}


def id_numbers(nodes: list[Node]) -> dict[str, str]:
    """Each node's ID number in a learning platform: our id; an area whose id a competency, group or statement also
    has gets 'area-' before it (a platform has one namespace). Level descriptors have none: they describe the
    competency."""
    taken = {n.code for n in nodes if n.kind in ("competency", "group", "statement")}
    return {n.key: (f"area-{n.code}" if n.kind == "area" and n.code in taken else n.code)
            for n in nodes if n.kind != "level"}


def proficient_values(fw: Framework) -> list[int]:
    """The scale values that meet the pass level."""
    return [lv["value"] for lv in fw["scale"]["levels"] if lv["value"] >= fw["rules"]["pass_level"]]


def moodle_scale(fw: Framework) -> tuple[str, str]:
    """Moodle's 'Scale values' (the labels, comma-separated: a comma in a label becomes ';') and 'Scale
    configuration' (1-based items; proficient from the pass level; the default is the first proficient one)."""
    levels = fw["scale"]["levels"]
    proficient = proficient_values(fw)
    default = proficient[0] if proficient else levels[-1]["value"]
    values = ",".join(" ".join(lv["label"].replace(",", ";").split()) for lv in levels)
    config = [{"scaleid": "1"}] + [{"id": k, "scaledefault": int(lv["value"] == default),
                                     "proficient": int(lv["value"] in proficient or lv["value"] == default)}
                                    for k, lv in enumerate(levels, 1)]
    return values, json.dumps(config, separators=(",", ":"))


def _html_description(n: Node, levels: list[Node]) -> str:
    """A Moodle description (HTML, on one line as Moodle's own export writes it): the text, and for a competency
    its level descriptors as a list."""
    parts = [f"<p>{_h(n.notes)}</p>"] if n.kind in ("area", "competency") and n.notes else []
    if n.kind == "statement":
        parts.append(f"<p>{_h(n.text)}</p>")
    if levels:
        parts.append("<ul>" + "".join(f"<li><strong>{d.extra['value']} {_h(d.extra['label'])}"
                                      + (f": {_h(d.title)}" if d.title != d.extra["label"] else "")
                                      + f"</strong> {_h(d.text)}</li>" for d in levels) + "</ul>")
    return "".join(parts)


def _h(text: str) -> str:
    """Text on one line, safe in HTML."""
    return html.escape(" ".join(text.split()), quote=False)


def _plain_description(n: Node, levels: list[Node]) -> str:
    lines = [n.notes] if n.kind in ("area", "competency") and n.notes else []
    if n.kind == "statement" and len(" ".join(n.text.split())) > SHORT_NAME_MAX:
        lines.append(n.text)
    lines += [f"{d.extra['value']} {d.extra['label']}" + (f": {d.title}" if d.title != d.extra["label"] else "")
              + f" — {' '.join(d.text.split())}" for d in levels]
    return "\n".join(lines)


def _with_levels(nodes: list[Node]) -> Iterator[tuple[Node, list[Node]]]:
    """The nodes that become competencies in a platform, each with its level descriptors."""
    levels: dict[str, list[Node]] = {}
    for n in nodes:
        if n.kind == "level":
            levels.setdefault(n.parent.key, []).append(n)
    for n in nodes:
        if n.kind != "level":
            yield n, levels.get(n.key, [])


def moodle_csv(fw: Framework) -> str:
    """Moodle's competency framework CSV (admin/tool/lpimportcsv): the framework row (Is framework 1, with the scale
    and the taxonomy per depth), then areas, competencies, groups and statements, each with its parent's ID number.
    A level-rated competency is one competency rated on the scale, its level descriptors in its description."""
    nodes = tree(fw)
    ids = id_numbers(nodes)
    depth = ["area", "competency"] + (["group", "statement"] if fw["parts"]["statements"] else [])
    values, config = moodle_scale(fw)
    out = io.StringIO()
    w = safe_writer(out)
    w.writerow(MOODLE_HEADER)
    w.writerow(["", fw["id"], short_name(fw["short_title"]), f"<p>{_h(fw['title'])}</p>", MOODLE_HTML, values,
                config, "", "", "", "", "", 1, ",".join(TAXONOMY[k] for k in depth)])
    for n, levels in _with_levels(nodes):
        name = short_name(n.text if n.kind == "statement" else n.title)
        w.writerow([ids[n.parent.key] if n.parent else "", ids[n.key], name, _html_description(n, levels), MOODLE_HTML,
                    "", "", "", "", "", "", "", "", ""])
    return out.getvalue()


def totara_csv(fw: Framework, changed: datetime) -> str:
    """Totara's HR Import CSV of competencies (the framework, with ID number = the framework's id, must exist in
    Totara first): areas, competencies, groups and statements, each after its parent."""
    nodes = tree(fw)
    ids = id_numbers(nodes)
    when = int(changed.timestamp())
    out = io.StringIO()
    w = safe_writer(out)
    w.writerow(TOTARA_HEADER)
    for n, levels in _with_levels(nodes):
        w.writerow([ids[n.key], when, fw["id"], short_name(n.text if n.kind == "statement" else n.title),
                    " ".join(n.text.split()),
                    ids[n.parent.key] if n.parent else "", _plain_description(n, levels), "", 0])
    return out.getvalue()


FORMATS = ("json", "csv", "case", "moodle", "totara", "xlsx")  # of exports(), in its order


def exports(fw: Framework, directory: str | Path) -> dict[str, Callable[[], str | bytes]]:
    """Each export format (``kam.py export --format``, and the site's downloads: render.DOWNLOADS) with the function
    that makes its file: text, or bytes for the workbook."""
    from . import render, sheets

    return {"json": lambda: render.framework_json(fw), "csv": lambda: render.statements_csv(fw),
            "case": lambda: case_json(fw, last_change(directory)), "moodle": lambda: moodle_csv(fw),
            "totara": lambda: totara_csv(fw, last_change(directory)), "xlsx": lambda: sheets.workbook(fw)}

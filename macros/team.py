"""Team report: many exported assessments, scored by the Python scorer, as one self-contained HTML file or CSV.

A people x competencies heat map of the gaps to a target profile (sortable by
any column, with a small inline script; readable without it), a summary per
area, the competencies most of the team lacks, ratings from others against
self-ratings (360, when files carry responses) and (with a curriculum) the
training modules ranked by how many people they would help. People are shown by
their assessment's name (the file's name when it has none). A competency
nobody rated is "not assessed", never a gap (scoring v2): it has its own style,
and it is left out of every count and mean (each mean says over how many
people it is). Points and the band per person appear when the framework has
bands; the award column only with an award. Files that are not valid
assessments are listed with their reasons and left out; never silently.

Linear in the number of people: each file is read, checked and kept small
(ratings as bytes, see ``Lean``); each person is scored once and reduced to
one row of figures; the HTML of a cell is made once per distinct state.
"""

from __future__ import annotations

import base64
import hashlib
import html
import io
from pathlib import Path

from . import jsonfile, render, scoring, strings
from .loader import natural_key
from .report import half_up

ROLES = ("manager", "peer", "customer", "coach", "other")  # rater roles (the issue 12 contract); "self" is none
NA, UNRATED = 255, 0  # the byte of an item rated "na", and of one not rated (a rated item: its level's index + 1)


def person_name(assessment: dict, path: Path) -> str:
    """Who an assessment is of: its ``name`` (DESIGN.md §4), or the file's name when it has none."""
    name = assessment.get("name") if isinstance(assessment, dict) else None
    return " ".join(name.split()) if isinstance(name, str) and name.strip() else path.stem


class Index:
    """What the report looks up in a framework, made once: the items in order, each item's competency, the levels."""

    def __init__(self, framework: dict):
        self.competencies = [c["id"] for c in framework["competencies"]]
        self.items = [(c["id"], item) for c in framework["competencies"] for item in scoring._items(c)]
        self.item_of = {item: k for k, (_, item) in enumerate(self.items)}
        self.values = [lv["value"] for lv in framework["scale"]["levels"]]
        self.code = {v: k + 1 for k, v in enumerate(self.values)}


class Lean:
    """An assessment kept small, for a team of thousands: ratings and evidence as bytes in the framework's item order
    (orphaned ids dropped: scoring ignores them), will likewise, and its 360 figures (``opinions``) worked out once.
    ``full()`` gives back the dict the scorer reads."""

    __slots__ = ("index", "ratings", "evidence", "will", "profile", "completed", "opinions")

    def __init__(self, index: Index, a: dict):
        self.index = index
        ratings, evidence, will = a.get("ratings") or {}, a.get("evidence") or {}, a.get("will") or {}
        self.ratings = bytes(NA if ratings.get(i) == "na" else index.code.get(ratings.get(i), UNRATED) for _, i in index.items)
        self.evidence = bytes(evidence.get(i) is True for _, i in index.items)
        self.will = bytes(int(will.get(cid) or 0) for cid in index.competencies)
        self.profile = a.get("profile")
        self.completed = a.get("completed_modules")
        self.opinions = opinions(index, a)

    def full(self) -> dict:
        ix = self.index
        return {"ratings": {i: ("na" if b == NA else ix.values[b - 1]) for (_, i), b in zip(ix.items, self.ratings) if b},
                "evidence": {i: True for (_, i), b in zip(ix.items, self.evidence) if b},
                "will": {cid: w for cid, w in zip(ix.competencies, self.will) if w},
                "profile": self.profile, "completed_modules": self.completed}


def collect(framework: dict, inputs: list[str | Path]) -> tuple[list[tuple[str, Lean]], list[tuple[str, str]]]:
    """(people, rejected): people as (label, assessment kept small), labelled by the assessment's name (the file's
    name without one; two people of the same name get their file's name added); rejected as (file, reason)."""
    files: list[Path] = []
    for item in map(Path, inputs):
        files += sorted(item.glob("*.json"), key=lambda p: natural_key(p.name)) if item.is_dir() else [item]
    t = strings.translator(framework["strings"])
    index = Index(framework)
    found, rejected = [], []
    for path in files:
        try:  # only regular files, bounded; a BOM as the browser reads it; never a traceback
            assessment = jsonfile.read(path, t)
        except jsonfile.Unreadable as exc:
            rejected.append((str(path), str(exc)))
            continue
        errors = scoring.check(framework, assessment)["errors"]
        if errors:
            more = " " + t("team_more", n=len(errors) - 3) if len(errors) > 3 else ""
            rejected.append((str(path), "; ".join(errors[:3]) + more))
            continue
        found.append((person_name(assessment, path), path, Lean(index, assessment)))
    return _distinct(found), rejected


def _distinct(found: list[tuple[str, Path, object]]) -> list[tuple[str, object]]:
    """Labels that tell people apart: a name given more than once gets the file's name, then its path, added
    (two counting passes: linear)."""
    count: dict[str, int] = {}
    for name, _, _ in found:
        count[name] = count.get(name, 0) + 1
    labels = [f"{name} ({path.name})" if count[name] > 1 and name != path.stem else name for name, path, _ in found]
    again: dict[str, int] = {}
    for label in labels:
        again[label] = again.get(label, 0) + 1
    return [((f"{name} ({path})" if again[label] > 1 else label), a) for label, (name, path, a) in zip(labels, found)]


def _means(index: Index, ratings: dict) -> dict[str, float]:
    """{competency id: the mean of its numeric ratings} over the competencies with any ("na" and unrated left out)."""
    sums: dict[str, list[int]] = {}
    for item, value in ratings.items():
        k = index.item_of.get(item)
        if k is None or value == "na" or value not in index.code or isinstance(value, bool):
            continue
        cell = sums.setdefault(index.items[k][0], [0, 0])
        cell[0] += value
        cell[1] += 1
    return {cid: s / n for cid, (s, n) in sums.items()}


def opinions(index: Index, a: dict) -> dict[str, tuple[float, float, dict[str, float]]] | None:
    """A person's 360 figures: {competency: (self mean, others' mean, {role: mean})} for the competencies both they
    and someone else rated (each rater counts once: the mean of the raters' means), or None without responses."""
    responses = a.get("responses")
    if not isinstance(responses, list) or not responses:
        return None
    own = _means(index, a.get("ratings") or {})
    by: dict[str, dict[str, list[float]]] = {}  # competency -> role -> the raters' means
    for response in responses:
        if not isinstance(response, dict) or not isinstance(response.get("ratings"), dict):
            continue
        rater = response.get("rater")
        role = rater.get("role") if isinstance(rater, dict) else None
        for cid, mean in _means(index, response["ratings"]).items():
            by.setdefault(cid, {}).setdefault(role if role in ROLES else "other", []).append(mean)
    out = {}
    for cid, roles in by.items():
        if cid in own:
            every = [m for ms in roles.values() for m in ms]
            out[cid] = (own[cid], sum(every) / len(every), {role: sum(ms) / len(ms) for role, ms in roles.items()})
    return out


def assessed(r: dict) -> bool:
    """Whether a competency's result counts as assessed: something rated (not-started and N/A are not)."""
    return r["status"] not in ("not-started", "not-applicable")


# The state of a person's competency in the heat map: a gap, or why there is none.
OUT, NOT_APPLICABLE, NOT_ASSESSED = "o", "na", "nr"


def _state(r: dict) -> str:
    if not r["in_scope"]:
        return OUT
    if r["status"] == "not-applicable":
        return NOT_APPLICABLE
    return NOT_ASSESSED if r["gap"] is None else "gap"


def aggregate(framework: dict, people: list[tuple[str, dict | Lean]], profile: str | None = None) -> dict:
    """Everything the report shows, in one pass over the people (each scored once and reduced to a row of figures).

    people: (label, assessment) with the assessment a dict or a ``Lean``; profile: the one to measure everyone
    against (None: each person's own)."""
    index = Index(framework)
    comps = framework["competencies"]
    lacking = {cid: 0 for cid in index.competencies}  # people below target (a gap > 0; not assessed is no gap)
    rated = {cid: 0 for cid in index.competencies}  # people who assessed it
    gapped = {cid: [0, 0.0] for cid in index.competencies}  # people with a gap figure (assessed, in the profile), their gaps' sum
    helped = {m["id"]: 0 for m in framework["modules"]}  # people a module would help
    closes = {m["id"]: 0 for m in framework["modules"]}  # the gaps it would work on, over all those people
    covers = {m["id"]: m["competencies"] for m in framework["modules"]}
    area_of = {c["id"]: c["area"] for c in comps}
    areas = {a["id"]: {"assessed": 0, "score_sum": 0.0, "met": 0, "nobody": 0, "open": 0} for a in framework["areas"]}
    views = {cid: {"n": 0, "self": 0.0, "others": 0.0, "roles": {}, "blind": 0, "hidden": 0} for cid in index.competencies}
    difference = framework["rules"].get("review_difference", 2)
    with_360 = 0
    rows = []
    for name, assessment in people:
        lean = assessment if isinstance(assessment, Lean) else None
        a = lean.full() if lean else assessment
        if profile is not None:
            a = {**a, "profile": profile}
        result = scoring.score(framework, a)
        cells = []
        per_area: dict[str, list] = {}  # area -> [relevant, assessed, on target, score sum, not assessed]
        for cid in index.competencies:
            r = result["competencies"][cid]
            state = _state(r)
            cells.append((state, r["gap"], None if r["status"] == "not-started" else r["percent"],
                          None if r["status"] == "not-started" else r["points"], r["status"], r["ready"], r["target"]))
            if assessed(r):
                rated[cid] += 1
            if state in (OUT, NOT_APPLICABLE):
                continue
            s = per_area.setdefault(area_of[cid], [0, 0, 0, 0.0, 0])
            s[0] += 1
            if state == NOT_ASSESSED:
                s[4] += 1
                continue
            s[1] += 1
            s[3] += r["score"]
            gapped[cid][0] += 1
            gapped[cid][1] += r["gap"]
            if r["gap"] > 0:
                lacking[cid] += 1
            else:
                s[2] += 1
        for aid, (relevant, done, on_target, score_sum, open_) in per_area.items():
            x = areas[aid]
            x["open"] += open_
            if done:
                x["assessed"] += 1
                x["score_sum"] += score_sum / done
                x["met"] += on_target == relevant
            else:
                x["nobody"] += 1
        for mid in result["recommendations"]:
            helped[mid] += 1
            closes[mid] += sum(1 for cid in covers[mid] if (result["competencies"][cid]["gap"] or 0) > 0)
        seen = lean.opinions if lean else opinions(index, assessment)
        if seen is not None:
            with_360 += 1
            for cid, (own, others, roles) in seen.items():
                v = views[cid]
                v["n"] += 1
                v["self"] += own
                v["others"] += others
                v["blind"] += own >= others + difference
                v["hidden"] += others >= own + difference
                for role, mean in roles.items():
                    v["roles"].setdefault(role, [0, 0.0])
                    v["roles"][role][0] += 1
                    v["roles"][role][1] += mean
        s = result["summary"]
        rows.append((name, cells, s["points"], s["band"], s["ready"], s["required"], s["award_ready"]))
    order = {cid: i for i, cid in enumerate(index.competencies)}
    morder = {m["id"]: i for i, m in enumerate(framework["modules"])}
    award = framework["rules"].get("award_min") is not None
    return {
        "people": rows,
        # (competency, people below target, people assessed in it): most people first, then the larger share
        "lacking": sorted(((cid, n, gapped[cid][0]) for cid, n in lacking.items()),
                          key=lambda x: (-x[1], -(x[1] / x[2] if x[2] else 0), order[x[0]])),
        "assessed": rated,
        "mean_gap": {cid: (k, total / k if k else None) for cid, (k, total) in gapped.items()},
        "unassessed": [cid for cid in index.competencies if people and not rated[cid]],
        "areas": areas,
        "views": views if with_360 else None,
        "with_360": with_360,
        "modules": sorted(((mid, n, closes[mid]) for mid, n in helped.items() if n), key=lambda x: (-x[1], -x[2], morder[x[0]])),
        "award_ready": sum(1 for row in rows if row[6]) if award else None,
    }


def shows_points(framework: dict) -> bool:
    """Points are worth showing when the framework has bands or its levels are worth other than their values."""
    return bool(framework.get("bands")) or any(lv.get("points", lv["value"]) != lv["value"] for lv in framework["scale"]["levels"])


def _blank(value) -> object:
    return "" if value is None else value


CSV_HEADER = ["person", "competency", "title", "percent", "points", "status", "ready", "target", "gap"]


def csv_rows(framework: dict, agg: dict) -> list[list]:
    """One row per person and competency; a competency not assessed has no percent, points or gap (blank)."""
    comps = [(c["id"], c["title"]) for c in framework["competencies"]]
    return [[name, cid, title, _blank(percent), _blank(points), status, "yes" if ready else "no", _blank(target),
             "" if gap is None else round(gap, 2)]
            for name, cells, *_ in agg["people"]
            for (cid, title), (_, gap, percent, points, status, ready, target) in zip(comps, cells)]


def to_csv(framework: dict, agg: dict) -> str:
    """csv_rows with CSV_HEADER, as CSV."""
    out = io.StringIO()
    writer = render.safe_writer(out)  # no cell a spreadsheet would run as a formula
    writer.writerow(CSV_HEADER)
    writer.writerows(csv_rows(framework, agg))
    return out.getvalue()


def to_sheets(framework: dict, agg: dict, rejected: list[tuple[str, str]]) -> list[tuple[str, list[list]]]:
    """The report as sheets of a workbook, one per view: the gaps (person by competency), by area, the competencies
    most lack, self against others (360, with responses), the modules (with a curriculum), every person and
    competency as a row (the CSV's), and the files left out."""
    t = strings.translator(framework["strings"])
    comps = framework["competencies"]
    titles = {c["id"]: c["title"] for c in comps}
    award = framework["rules"].get("award_min") is not None
    bands = {b["id"]: b["title"] for b in framework.get("bands") or []}
    points = shows_points(framework)
    word = {OUT: "–", NOT_APPLICABLE: t("na"), NOT_ASSESSED: t("not_assessed")}
    heat = [[t("team_person"), *(c["id"] for c in comps)] + ([t("points")] if points else []) + ([t("band")] if bands else [])
            + ([t("ready")] if award else [])]
    for name, cells, pts, band, ready, required, _ in agg["people"]:
        heat.append([name, *(round(gap, 2) if state == "gap" else word[state] for state, gap, *_ in cells)]
                    + ([pts] if points else []) + ([bands.get(band, t("band_none"))] if bands else [])
                    + ([f"{ready}/{required}"] if award else []))
    means = agg["mean_gap"]
    heat.append([t("team_mean_gap"), *(round(means[c["id"]][1], 2) if means[c["id"]][0] else t("not_assessed") for c in comps)])
    heat.append([t("team_mean_n"), *(means[c["id"]][0] for c in comps)])
    areas = [[t("area"), t("team_area_assessed"), t("team_area_mean"), t("team_area_met"), t("team_area_nobody"),
              t("team_area_open")]]
    for a in framework["areas"]:
        x = agg["areas"][a["id"]]
        k = x["assessed"]
        areas.append([f"{a['id']} {a['title']}", k, float(_mean(100 * x["score_sum"], k, "1")) if k else t("not_assessed"),
                      x["met"], x["nobody"], x["open"]])
    lacking = [[t("competency"), t("team_lacking"), t("team_mean_n")]] + [
        [f"{cid} {titles[cid]}", k, m] for cid, k, m in agg["lacking"]]
    out = [(t("team_sheet_gaps"), heat), (t("team_sheet_areas"), areas), (t("team_sheet_lacking"), lacking)]
    views = agg.get("views")
    if views:
        present = [role for role in ROLES if any(role in v["roles"] for v in views.values())]
        names = {"manager": t("role_manager"), "peer": t("role_peer"), "customer": t("role_customer"),
                 "coach": t("role_coach"), "other": t("role_other")}
        rows = [[t("competency"), t("team_360_people"), t("team_360_self"), t("team_360_others"),
                 *(names[r] for r in present), t("team_360_blind"), t("team_360_hidden")]]
        for cid, v in views.items():
            if v["n"]:
                rows.append([f"{cid} {titles[cid]}", v["n"], float(_mean(v["self"], v["n"])), float(_mean(v["others"], v["n"])),
                             *(float(_mean(v["roles"][r][1], v["roles"][r][0], "0.1")) if r in v["roles"] else ""
                               for r in present), v["blind"], v["hidden"]])
        out.append((t("team_sheet_360"), rows))
    if framework["modules"]:
        modules = {m["id"]: m["title"] for m in framework["modules"]}
        out.append((t("team_sheet_modules"), [[t("team_sheet_module"), t("csv_id"), t("team_sheet_helped"),
                                                t("team_sheet_module_gaps")]]
                    + [[modules[mid], mid, k, gaps] for mid, k, gaps in agg["modules"]]))
    out.append((t("team_sheet_rows"), [CSV_HEADER, *csv_rows(framework, agg)]))
    out.append((t("team_sheet_rejected"), [[t("team_sheet_file"), t("team_sheet_reason")], *([f, r] for f, r in rejected)]))
    return out


def to_xlsx(framework: dict, agg: dict, rejected: list[tuple[str, str]]) -> bytes:
    from .sheets import write_xlsx

    return write_xlsx(to_sheets(framework, agg, rejected))


STYLE = """
*{box-sizing:border-box}
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1b1b1b;background:#fff;margin:1.5rem;max-width:80rem}
h1{font-size:1.6rem;font-weight:500}h2{font-size:1.2rem;margin-top:2rem}
code,li,p{overflow-wrap:anywhere}
table{border-collapse:collapse;font-size:12px}th,td{border:1px solid #bbb;padding:.25rem .4rem;text-align:left}
.hm td,td.n{text-align:right;font-variant-numeric:tabular-nums}
.wrap{overflow:auto;max-width:100%}.wrap:focus{outline:2px solid #1a56a8;outline-offset:2px}
.hm-wrap{max-height:75vh}
.hm thead th{position:sticky;top:0;background:#fff;z-index:2}
.wrap th[scope=row],.hm thead th:first-child{position:sticky;left:0;background:#fff;z-index:1;max-width:14rem;text-align:left}
.hm thead th:first-child{z-index:3}.wrap th[scope=row],.hm thead th:first-child{box-shadow:1px 0 0 #bbb}
.hm tfoot th,.hm tfoot td{background:#f4f4f4;font-weight:600}
caption{text-align:left;font-weight:600;padding:.3rem 0}
.g0{background:#e8f5e9}.g1{background:#fff8e1}.g2{background:#ffe0b2}.g3{background:#ffab91}.g4{background:#ef9a9a}
.na{background:#e6e6e6}.o{background:#fff;color:#444}
.nr{background:repeating-linear-gradient(135deg,#fff 0 4px,#e2e2e2 4px 6px);color:#444;font-style:italic;text-align:center!important}
.hm button{font:inherit;font-weight:600;color:inherit;background:none;border:0;padding:.2rem;margin:-.2rem;min-width:24px;min-height:24px;cursor:pointer;text-align:inherit}
.hm button:focus-visible{outline:2px solid #1a56a8}
.hm thead button::after{content:"\\2195" / "";margin-left:.15em;color:#666}
.hm th[aria-sort=ascending] button::after{content:"\\2191" / "";color:inherit}
.hm th[aria-sort=descending] button::after{content:"\\2193" / "";color:inherit}
.key span{display:inline-block;padding:.1rem .5rem;margin:0 .3rem .3rem 0;border:1px solid #bbb;font-size:12px}
@media (max-width:600px){body{margin:1rem .75rem}.wrap th[scope=row],.hm thead th:first-child{max-width:9rem}}
@page{size:A4;margin:12mm}
@page heat{size:A4 landscape;margin:10mm}
@media print{body{margin:0;max-width:none}.wrap{max-height:none;overflow:visible}.heat{page:heat}
.hm thead th,.hm th[scope=row]{position:static}.hm thead{display:table-header-group}tr{break-inside:avoid}
*{-webkit-print-color-adjust:exact;print-color-adjust:exact}.sort-hint{display:none}.hm thead button::after{content:none!important}}
"""

# Sorts the heat map by the column whose head button is pressed (numbers first, largest first; again to reverse;
# cells without a number, e.g. not assessed, always last); the table reads in file order without it.
SCRIPT = """(() => {
  const table = document.querySelector("table.hm"), body = table.tBodies[0], heads = [...table.tHead.rows[0].cells];
  const key = (cell) => {
    const x = Number.parseFloat(cell.dataset.v ?? cell.textContent);
    return Number.isFinite(x) ? x : null;
  };
  const sort = (k, dir) => {
    const text = k === 0, rows = [...body.rows].map((row) => [row, text ? row.cells[k].textContent : key(row.cells[k])]);
    rows.sort(([, a], [, b]) => a === null ? (b === null ? 0 : 1) : b === null ? -1
      : dir * (text ? a.localeCompare(b, document.documentElement.lang || undefined, {numeric: true}) : a - b));
    const next = body.nextSibling;
    body.remove();  // reordered out of the page: one layout, not one per row
    for (const [row] of rows) body.append(row);
    table.insertBefore(body, next);
    for (const h of heads) h.removeAttribute("aria-sort");
    heads[k].setAttribute("aria-sort", dir > 0 ? "ascending" : "descending");
  };
  heads.forEach((th, k) => {
    const button = document.createElement("button");
    button.type = "button";
    button.append(...th.childNodes);
    th.append(button);
    button.addEventListener("click", () => {
      const now = th.getAttribute("aria-sort");
      sort(k, now ? (now === "ascending" ? -1 : 1) : (k === 0 ? 1 : -1));
    });
  });
  document.querySelector(".sort-hint").hidden = false;
})();"""
SCRIPT_HASH = base64.b64encode(hashlib.sha256(SCRIPT.encode("utf-8")).digest()).decode("ascii")


def _shade(gap: float, top: int) -> str:
    if gap <= 0:
        return "g0"
    return f"g{min(4, 1 + int(4 * gap / (top or 1)))}"


def _mean(total: float, n: int, step: str = "0.1") -> str:
    return str(half_up(total / n, step))


def to_html(framework: dict, agg: dict, rejected: list[tuple[str, str]], profile: str | None) -> str:
    """The report as one HTML file, in the framework's language (its interface strings); profile: the one
    everyone was measured against, or None for each person's own. Columns and sections of parts the framework
    does not have (an award, a curriculum, bands) are left out."""
    e = html.escape
    t = strings.translator(framework["strings"])
    rules = framework["rules"]
    award = rules.get("award_min") is not None
    band_list = framework.get("bands") or []
    bands = {b["id"]: (k, b["title"]) for k, b in enumerate(band_list)}
    points = shows_points(framework)
    if profile:
        profile_title = {p["id"]: p["title"] for p in framework["profiles"]}[profile]
    else:
        profile_title = t("team_profile_own") if framework["profiles"] else t("profile_none", level=rules["pass_level"])
    comps = framework["competencies"]
    titles = {c["id"]: c["title"] for c in comps}
    modules = {m["id"]: m["title"] for m in framework["modules"]}
    top = max(lv["value"] for lv in framework["scale"]["levels"])
    n = len(agg["people"])

    # the heat map: each distinct cell's HTML made once
    states = {OUT: '<td class="o">–</td>', NOT_APPLICABLE: f'<td class="na">{e(t("na"))}</td>',
              NOT_ASSESSED: f'<td class="nr">{e(t("not_assessed"))}</td>'}
    gap_cells: dict[float, str] = {}
    no_band = e(t("band_none"))
    band_cells = {bid: f'<td data-v="{k}">{e(title)}</td>' for bid, (k, title) in bands.items()}
    head = "".join(f'<th scope="col" title="{e(c["title"])}">{e(c["id"])}</th>' for c in comps)
    tail_head = ((f'<th scope="col">{e(t("points"))}</th>' if points else "")
                 + (f'<th scope="col">{e(t("band"))}</th>' if bands else "")
                 + (f'<th scope="col">{e(t("ready"))}</th>' if award else ""))
    body, used = [], set()
    for name, cells, pts, band, ready, required, _ in agg["people"]:
        out = [f'<tr><th scope="row">{e(name)}</th>']
        for state, gap, *_ in cells:
            if state == "gap":
                cell = gap_cells.get(gap)
                if cell is None:
                    cell = gap_cells[gap] = f'<td class="{_shade(gap, top)}">{half_up(gap, "0.1")}</td>'
            else:
                cell = states[state]
                used.add(state)
            out.append(cell)
        if points:
            out.append(f'<td>{pts}</td>')
        if bands:
            out.append(band_cells.get(band) or f'<td data-v="-1">{no_band}</td>')
        if award:
            out.append(f"<td>{ready}/{required}</td>")
        out.append("</tr>")
        body.append("".join(out))
    means = agg["mean_gap"]
    foot_cols = (1 if points else 0) + (1 if bands else 0) + (1 if award else 0)
    filler = "<td></td>" * foot_cols
    foot = (f'<tr><th scope="row">{e(t("team_mean_gap"))}</th>'
            + "".join(states[NOT_ASSESSED] if not means[c["id"]][0] else f"<td>{half_up(means[c['id']][1], '0.1')}</td>" for c in comps)
            + f'{filler}</tr><tr><th scope="row">{e(t("team_mean_n"))}</th>'
            + "".join(f"<td>{means[c['id']][0]}</td>" for c in comps) + f"{filler}</tr>")
    shades = [("g0", t("team_band_0")), ("g1", t("team_band_1")), ("g2", t("team_band_2")), ("g3", t("team_band_3")),
              ("g4", t("team_band_4")), ("nr", t("not_assessed")), ("na", t("na"))]
    if OUT in used:
        shades.append(("o", f'– {t("out_of_scope")}'))
    key = "".join(f'<span class="{shade}">{e(label)}</span>' for shade, label in shades)

    lacking = "".join(f"<li>{e(t('team_lacking_item', competency=f'{cid} {titles[cid]}', k=k, n=m))}</li>"
                      for cid, k, m in agg["lacking"] if k)
    unassessed = ", ".join(f"{cid} {titles[cid]}" for cid in agg.get("unassessed", []))
    mods = "".join(f"<li>{e(t('team_modules_item', module=modules[mid], id=mid, k=k, n=n, gaps=gaps))}</li>"
                   for mid, k, gaps in agg["modules"])
    bad = "".join(f"<li><code>{e(f)}</code>: {e(reason)}</li>" for f, reason in rejected)
    if award:
        summary = t("team_summary", title=framework["title"], version=framework["version"], n=n, profile=profile_title,
                    ready=agg["award_ready"], required=rules["award_min"])
    else:
        summary = t("team_summary_no_award", title=framework["title"], version=framework["version"], n=n, profile=profile_title)
    large = f'<p>{e(t("team_large", n=n))}</p>\n' if n > LARGE else ""
    training = (f"""<h2>{e(t("team_modules"))}</h2>
<ol>{mods or f'<li>{e(t("team_modules_none"))}</li>'}</ol>
""" if framework["modules"] else "")
    nobody = f'<p>{e(t("team_unassessed", competencies=unassessed))}</p>\n' if unassessed else ""
    return f"""<!doctype html>
<html lang="{e(framework['language'])}"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'sha256-{SCRIPT_HASH}'">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{e(t("team_doc_title", title=framework["title"]))}</title><style>{STYLE}</style></head>
<body><main>
<h1>{e(t("team_title"))}</h1>
<p>{e(summary)}</p>
{_areas(framework, agg, t)}<section class="heat"><h2>{e(t("team_gaps"))}</h2>
<p>{e(t("team_key"))} {e(t("team_key_more"))}</p>
<p class="key">{key}</p>
{large}<p class="sort-hint" hidden>{e(t("team_sort_hint"))}</p>
<div class="wrap hm-wrap" tabindex="0" role="region" aria-labelledby="hm-caption"><table class="hm"><caption id="hm-caption">{e(t("team_caption"))}</caption>
<thead><tr><th scope="col">{e(t("team_person"))}</th>{head}{tail_head}</tr></thead>
<tbody>{''.join(body)}</tbody>
<tfoot>{foot}</tfoot></table></div></section>
<h2>{e(t("team_lacking"))}</h2>
<ol>{lacking or f'<li>{e(t("team_lacking_none"))}</li>'}</ol>
{nobody}{_views(framework, agg, t, n)}{training}<h2>{e(t("team_rejected"))}</h2>
{f'<ul>{bad}</ul>' if bad else f'<p>{e(t("team_rejected_none"))}</p>'}
</main><script>{SCRIPT}</script></body></html>
"""


LARGE = 500  # from this many people on, the report says how to find one's way in the long table


def _areas(framework: dict, agg: dict, t) -> str:
    """The summary per area: people assessed in it, their mean score, who meets the target, what is not assessed."""
    e = html.escape
    rows = []
    for a in framework["areas"]:
        x = agg["areas"][a["id"]]
        k = x["assessed"]
        mean = t("team_area_mean_value", percent=_mean(100 * x["score_sum"], k, "1"), n=k) if k else None
        rows.append(f'<tr><th scope="row">{e(a["id"])} {e(a["title"])}</th><td class="n">{x["assessed"]}</td>'
                    + (f'<td class="n">{e(mean)}</td>' if mean else f'<td class="nr">{e(t("not_assessed"))}</td>')
                    + f'<td class="n">{x["met"]}</td><td class="n">{x["nobody"]}</td><td class="n">{x["open"]}</td></tr>')
    heads = (f'<th scope="col">{e(t("area"))}</th><th scope="col">{e(t("team_area_assessed"))}</th>'
             f'<th scope="col">{e(t("team_area_mean"))}</th><th scope="col">{e(t("team_area_met"))}</th>'
             f'<th scope="col">{e(t("team_area_nobody"))}</th><th scope="col">{e(t("team_area_open"))}</th>')
    return (f'<h2>{e(t("team_areas"))}</h2>\n<p>{e(t("team_areas_intro"))}</p>\n'
            f'<div class="wrap" tabindex="0" role="region" aria-labelledby="areas-caption"><table class="areas">'
            f'<caption id="areas-caption">{e(t("team_areas_caption"))}</caption>'
            f'<thead><tr>{heads}</tr></thead><tbody>{"".join(rows)}</tbody></table></div>\n')


def _views(framework: dict, agg: dict, t, n: int) -> str:
    """Self-ratings against ratings from others (360), per competency; only when some file has responses."""
    views = agg.get("views")
    if not views:
        return ""
    e = html.escape
    role_names = {"manager": t("role_manager"), "peer": t("role_peer"), "customer": t("role_customer"),
                  "coach": t("role_coach"), "other": t("role_other")}
    present = [role for role in ROLES if any(role in v["roles"] for v in views.values())]
    titles = {c["id"]: c["title"] for c in framework["competencies"]}

    def value(total: float, k: int) -> str:
        return e(t("team_360_value", mean=_mean(total, k, "0.1"), n=k))

    rows = []
    for cid, v in views.items():
        if not v["n"]:
            continue
        roles = "".join(f'<td class="n">{value(v["roles"][r][1], v["roles"][r][0])}</td>' if r in v["roles"]
                        else f'<td class="nr">{e(t("not_assessed"))}</td>' for r in present)
        rows.append(f'<tr><th scope="row">{e(cid)} {e(titles[cid])}</th><td class="n">{v["n"]}</td>'
                    f'<td class="n">{e(_mean(v["self"], v["n"]))}</td><td class="n">{e(_mean(v["others"], v["n"]))}</td>'
                    f'{roles}<td class="n">{v["blind"]}</td><td class="n">{v["hidden"]}</td></tr>')
    intro = e(t("team_360_intro", k=agg["with_360"], n=n, d=framework["rules"].get("review_difference", 2)))
    if not rows:
        return f'<h2>{e(t("team_360"))}</h2>\n<p>{intro}</p>\n<p>{e(t("team_360_empty"))}</p>\n'
    heads = (f'<th scope="col">{e(t("competency"))}</th><th scope="col">{e(t("team_360_people"))}</th>'
             f'<th scope="col">{e(t("team_360_self"))}</th><th scope="col">{e(t("team_360_others"))}</th>'
             + "".join(f'<th scope="col">{e(role_names[r])}</th>' for r in present)
             + f'<th scope="col">{e(t("team_360_blind"))}</th><th scope="col">{e(t("team_360_hidden"))}</th>')
    return (f'<h2>{e(t("team_360"))}</h2>\n<p>{intro}</p>\n'
            f'<div class="wrap" tabindex="0" role="region" aria-labelledby="v360-caption"><table class="v360">'
            f'<caption id="v360-caption">{e(t("team_360_caption"))}</caption>'
            f'<thead><tr>{heads}</tr></thead><tbody>{"".join(rows)}</tbody></table></div>\n')

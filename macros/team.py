"""Team report: many exported assessments, scored by the Python scorer, as one self-contained HTML file or CSV.

A people x competencies heat map of the gaps to a target profile, the
competencies most of the team lacks, and (with a curriculum) the training
modules ranked by how many people they would help. People are shown by their
assessment's name (the file's name when it has none). A competency nobody
rated is "not assessed", never a gap (scoring v2). Points and the band per
person appear when the framework has bands; the award column only with an
award. Files that are not valid assessments are listed with their reasons and
left out; never silently.
"""

from __future__ import annotations

import csv
import html
import io
import json
from pathlib import Path

from . import scoring
from .loader import natural_key
from .report import half_up


def person_name(assessment: dict, path: Path) -> str:
    """Who an assessment is of: its ``name`` (DESIGN.md §4), or the file's name when it has none."""
    name = assessment.get("name") if isinstance(assessment, dict) else None
    return " ".join(name.split()) if isinstance(name, str) and name.strip() else path.stem


def collect(framework: dict, inputs: list[str | Path]) -> tuple[list[tuple[str, dict]], list[tuple[str, str]]]:
    """(people, rejected): people as (label, assessment), labelled by the assessment's name (the file's name
    without one; two people of the same name get their file's name added); rejected as (file, reason)."""
    files: list[Path] = []
    for item in map(Path, inputs):
        files += sorted(item.glob("*.json"), key=lambda p: natural_key(p.name)) if item.is_dir() else [item]
    t = scoring.translator(framework["strings"])
    found, rejected = [], []
    for path in files:
        try:
            assessment = json.loads(path.read_text(encoding="utf-8"))
        except OSError as exc:
            rejected.append((str(path), t("team_unreadable", error=exc.strerror or exc)))
            continue
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            rejected.append((str(path), t("team_not_json", error=exc)))
            continue
        errors = scoring.check(framework, assessment)["errors"]
        if errors:
            more = " " + t("team_more", n=len(errors) - 3) if len(errors) > 3 else ""
            rejected.append((str(path), "; ".join(errors[:3]) + more))
            continue
        found.append((person_name(assessment, path), path, assessment))
    return _distinct(found), rejected


def _distinct(found: list[tuple[str, Path, dict]]) -> list[tuple[str, dict]]:
    """Labels that tell people apart: a name given more than once gets the file's name, then its path, added."""
    count: dict[str, int] = {}
    for name, _, _ in found:
        count[name] = count.get(name, 0) + 1
    labels = [f"{name} ({path.name})" if count[name] > 1 and name != path.stem else name for name, path, _ in found]
    again: dict[str, int] = {}
    for label in labels:
        again[label] = again.get(label, 0) + 1
    return [((f"{name} ({path})" if again[label] > 1 else label), a) for label, (name, path, a) in zip(labels, found)]


def assessed(r: dict) -> bool:
    """Whether a competency's result counts as assessed: something rated (not-started and N/A are not)."""
    return r["status"] not in ("not-started", "not-applicable")


def aggregate(framework: dict, people: list[tuple[str, dict]], profile: str | None = None) -> dict:
    rows = []
    lacking = {c["id"]: 0 for c in framework["competencies"]}  # people below target (a gap > 0; not assessed is no gap)
    rated = {c["id"]: 0 for c in framework["competencies"]}  # people who assessed it
    helped = {m["id"]: 0 for m in framework["modules"]}  # people a module would help
    closes = {m["id"]: 0 for m in framework["modules"]}  # the gaps it would work on, over all those people
    covers = {m["id"]: m["competencies"] for m in framework["modules"]}
    for name, assessment in people:
        if profile is not None:
            assessment = {**assessment, "profile": profile}
        result = scoring.score(framework, assessment)
        rows.append({"name": name, "result": result})
        for cid, r in result["competencies"].items():
            if r["gap"] is not None and r["gap"] > 0:
                lacking[cid] += 1
            if assessed(r):
                rated[cid] += 1
        for mid in result["recommendations"]:
            helped[mid] += 1
            closes[mid] += sum(1 for cid in covers[mid] if (result["competencies"][cid]["gap"] or 0) > 0)
    order = {c["id"]: i for i, c in enumerate(framework["competencies"])}
    morder = {m["id"]: i for i, m in enumerate(framework["modules"])}
    award = framework["rules"].get("award_min") is not None
    return {
        "people": rows,
        "lacking": sorted(((cid, n) for cid, n in lacking.items()), key=lambda x: (-x[1], order[x[0]])),
        "assessed": rated,
        "unassessed": [c["id"] for c in framework["competencies"] if people and not rated[c["id"]]],
        "modules": sorted(((mid, n, closes[mid]) for mid, n in helped.items() if n), key=lambda x: (-x[1], -x[2], morder[x[0]])),
        "award_ready": sum(1 for row in rows if row["result"]["summary"]["award_ready"]) if award else None,
    }


def shows_points(framework: dict) -> bool:
    """Points are worth showing when the framework has bands or its levels are worth other than their values."""
    return bool(framework.get("bands")) or any(lv.get("points", lv["value"]) != lv["value"] for lv in framework["scale"]["levels"])


def to_csv(framework: dict, agg: dict) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(["person", "competency", "title", "percent", "points", "status", "ready", "target", "gap"])
    for row in agg["people"]:
        for c in framework["competencies"]:
            r = row["result"]["competencies"][c["id"]]
            name = "'" + row["name"] if row["name"][:1] in "=+-@\t\r" else row["name"]
            writer.writerow([name, c["id"], c["title"], "" if r["percent"] is None else r["percent"], r.get("points", ""),
                             r["status"], "yes" if r["ready"] else "no", "" if r["target"] is None else r["target"],
                             "" if r["gap"] is None else round(r["gap"], 2)])
    return out.getvalue()


STYLE = """
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1b1b1b;margin:1.5rem;max-width:80rem}
h1{font-size:1.6rem;font-weight:500}h2{font-size:1.2rem;margin-top:2rem}
table{border-collapse:collapse;font-size:12px}th,td{border:1px solid #ccc;padding:.25rem .4rem;text-align:left}
td.n{text-align:right;font-variant-numeric:tabular-nums}.wrap{overflow-x:auto;max-height:70vh}
thead th{position:sticky;top:0;background:#fff}caption{text-align:left;font-weight:600;padding:.3rem 0}
.g0{background:#e8f5e9}.g1{background:#fff8e1}.g2{background:#ffe0b2}.g3{background:#ffab91}.g4{background:#ef9a9a}.na{background:#eee;color:#555}
.nr{background:#fff;color:#555}
.key span{display:inline-block;padding:.1rem .5rem;margin-right:.3rem;border:1px solid #ccc}
@media print{.wrap{max-height:none;overflow:visible}}
"""


def _shade(gap: float | None, top: int) -> str:
    if gap is None:
        return "na"
    if gap <= 0:
        return "g0"
    return f"g{min(4, 1 + int(4 * gap / (top or 1)))}"


def _cell(t, name: str, c: dict, r: dict, top: int) -> tuple[str, str, str]:
    """(class, text, title) of a heat-map cell: the gap, or why there is none."""
    competency = c["name"]
    if not r.get("in_scope", True):
        return "na", "–", t("team_cell_other", name=name, competency=competency, state=t("out_of_scope"))
    if r["status"] == "not-applicable":
        return "na", t("na"), t("team_cell_other", name=name, competency=competency, state=t("status_not_applicable"))
    if r["gap"] is None:  # not assessed (nothing rated) is not a gap
        return "nr", "–", t("team_cell_other", name=name, competency=competency, state=t("not_assessed"))
    gap = str(half_up(r["gap"], "0.1"))
    return _shade(r["gap"], top), gap, t("team_cell", name=name, competency=competency, gap=gap,
                                         score="–" if r["percent"] is None else r["percent"])


def to_html(framework: dict, agg: dict, rejected: list[tuple[str, str]], profile: str | None) -> str:
    """The report as one HTML file, in the framework's language (its interface strings); profile: the one
    everyone was measured against, or None for each person's own. Columns and sections of parts the framework
    does not have (an award, a curriculum, bands) are left out."""
    e = html.escape
    t = scoring.translator(framework["strings"])
    rules = framework["rules"]
    award = rules.get("award_min") is not None
    bands = {b["id"]: b["title"] for b in framework.get("bands") or []}
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
    head = "".join(f'<th scope="col" title="{e(c["title"])}">{e(c["id"])}</th>' for c in comps)
    tail_head = ((f'<th scope="col">{e(t("points"))}</th>' if points else "") + (f'<th scope="col">{e(t("band"))}</th>' if bands else "")
                 + (f'<th scope="col">{e(t("ready"))}</th>' if award else ""))
    body, used = [], set()
    for row in agg["people"]:
        cells = []
        for c in comps:
            shade, text, label = _cell(t, row["name"], c, row["result"]["competencies"][c["id"]], top)
            used.add(shade if shade != "na" or text != "–" else "out")
            cells.append(f'<td class="n {shade}" title="{e(label)}">{e(text)}</td>')
        s = row["result"]["summary"]
        tail = ((f'<td class="n">{s.get("points", 0)}</td>' if points else "")
                + (f'<td>{e(bands.get(s.get("band"), t("band_none")))}</td>' if bands else "")
                + (f'<td class="n">{s["ready"]}/{s["required"]}</td>' if award else ""))
        body.append(f'<tr><th scope="row">{e(row["name"])}</th>{"".join(cells)}{tail}</tr>')
    lacking = "".join(f"<li>{e(t('team_lacking_item', competency=f'{cid} {titles[cid]}', k=k, n=n))}</li>"
                      for cid, k in agg["lacking"] if k)
    unassessed = ", ".join(f"{cid} {titles[cid]}" for cid in agg.get("unassessed", []))
    mods = "".join(f"<li>{e(t('team_modules_item', module=modules[mid], id=mid, k=k, n=n, gaps=gaps))}</li>"
                   for mid, k, gaps in agg["modules"])
    bad = "".join(f"<li><code>{e(f)}</code>: {e(reason)}</li>" for f, reason in rejected)
    shades = [("g0", t("team_band_0")), ("g1", t("team_band_1")), ("g2", t("team_band_2")), ("g3", t("team_band_3")),
              ("g4", t("team_band_4")), ("nr", t("not_assessed")), ("na", t("na"))]
    if "out" in used:
        shades.append(("na", f'– {t("out_of_scope")}'))
    key = "".join(f'<span class="{shade}">{e(label)}</span>' for shade, label in shades)
    if award:
        summary = t("team_summary", title=framework["title"], version=framework["version"], n=n, profile=profile_title,
                    ready=agg["award_ready"], required=rules["award_min"])
    else:
        summary = t("team_summary_no_award", title=framework["title"], version=framework["version"], n=n, profile=profile_title)
    training = (f"""<h2>{e(t("team_modules"))}</h2>
<ol>{mods or f'<li>{e(t("team_modules_none"))}</li>'}</ol>
""" if framework["modules"] else "")
    nobody = f'<p>{e(t("team_unassessed", competencies=unassessed))}</p>\n' if unassessed else ""
    return f"""<!doctype html>
<html lang="{e(framework['language'])}"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{e(t("team_doc_title", title=framework["title"]))}</title><style>{STYLE}</style></head>
<body><main>
<h1>{e(t("team_title"))}</h1>
<p>{e(summary)}</p>
<h2>{e(t("team_gaps"))}</h2>
<p class="key">{e(t("team_key"))} {key}</p>
<div class="wrap"><table><caption>{e(t("team_caption"))}</caption>
<thead><tr><th scope="col">{e(t("team_person"))}</th>{head}{tail_head}</tr></thead>
<tbody>{''.join(body)}</tbody></table></div>
<h2>{e(t("team_lacking"))}</h2>
<ol>{lacking or f'<li>{e(t("team_lacking_none"))}</li>'}</ol>
{nobody}{training}<h2>{e(t("team_rejected"))}</h2>
{f'<ul>{bad}</ul>' if bad else f'<p>{e(t("team_rejected_none"))}</p>'}
</main></body></html>
"""

"""Readable reports of a scored assessment: text for `kam.py score`, Markdown for the worked example.

The wording the browser shows too (readiness, statuses) comes from the
framework's interface strings (macros/strings.yml and the framework's own
strings.yml), so the site, the worked example and the CLI say the same thing;
scoring itself is in scoring.py.

What a report shows follows the framework's parts (DESIGN.md §3): points and the
band when points mean something (``has_points``), readiness for the award and the
submission order only with an award, the coaching style only with Skill/Will
coaching, recommended modules only with a curriculum.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from . import scoring, strings


def has_points(framework: dict) -> bool:
    """Whether points mean something here: the framework has bands, or a scale level worth other than its value."""
    return bool(framework["bands"]) or any(lv["points"] != lv["value"] for lv in framework["scale"]["levels"])


def status(framework: dict, key: str) -> str:
    """The label of a competency status ("in-progress" -> "In progress")."""
    return framework["strings"]["status_" + key.replace("-", "_")]


def readiness(framework: dict, summary: dict) -> str:
    """'9 of the 12 required competencies ready — 3 to go' (or: the rule is met). Only for a framework with an
    award (``summary["required"]`` not null): see ``headline``."""
    key = "readiness_to_go" if not summary["award_ready"] else "readiness_all" if summary["ready"] > summary["required"] else "readiness_met"
    return framework["strings"][key].format(ready=summary["ready"], required=summary["required"], to_go=summary["to_go"])


def headline(framework: dict, summary: dict) -> str:
    """The verdict first: readiness for the award when the framework has one, else '3 of 16 competencies met'."""
    if summary["required"] is not None:
        return readiness(framework, summary)
    return strings.translator(framework["strings"])("standing_met", met=summary["met"], total=summary["total"])


def points_line(framework: dict, summary: dict) -> str:
    """'Total points: 43 · Band reached: Level 3.3 · 5 more points to Level 4.1', in the overview's words ("" when
    points mean nothing here; no band parts without bands)."""
    if not has_points(framework):
        return ""
    t = strings.translator(framework["strings"])
    points = summary["points"]
    out = [t("points_total", points=points)]
    bands = framework["bands"]
    if bands:
        band = next((b["title"] for b in bands if b["id"] == summary["band"]), None)
        out.append(t("band_reached", band=band) if band is not None else t("band_none"))
        upcoming = next((b for b in bands if b["min_points"] > points), None)
        out.append(t("to_next", points=upcoming["min_points"] - points, band=upcoming["title"]) if upcoming else t("to_next_top"))
    return " · ".join(out)


def half_up(value: float, places: str) -> Decimal:
    """Round the exact value of a double half up, as JavaScript's Math.round and toFixed do for values >= 0
    (Python's own formatting rounds half to even: 62.5% would show as 62% here and 63% in the browser)."""
    return Decimal(value).quantize(Decimal(places), rounding=ROUND_HALF_UP)


def pct(value: float | None) -> str:
    """As the browser shows a share: Math.round(x * 100) + "%"."""
    return "–" if value is None else f"{half_up(value * 100, '1')}%"


def number(value: float | None) -> str:
    """As the browser shows a gap: x.toFixed(2) without trailing zeros."""
    return "–" if value is None else f"{half_up(value, '0.01')}".rstrip("0").rstrip(".")


def value_text(framework: dict, value: float) -> str:
    """A target as the overview shows it: '2 Competent' for a value of the scale, else the number ('1.5')."""
    label = next((lv["label"] for lv in framework["scale"]["levels"] if lv["value"] == value), None)
    return number(value) if label is None else f"{number(value)} {label}"


def level_label(framework: dict, value: float) -> str:
    """A level by its label ('Competent'); a value between levels (a fractional pass level) as the number."""
    return next((lv["label"] for lv in framework["scale"]["levels"] if lv["value"] == value), None) or number(value)


def columns(framework: dict) -> list[tuple[str, str, bool]]:
    """The columns of a result table for this framework, as the overview shows them: (key of ``rows``, heading,
    numeric). The level picked when some competency is rated by level, points when they mean something, the share
    rated when some competency is rated by statements, readiness with an award, the coaching style with coaching."""
    t = strings.translator(framework["strings"])
    parts = framework["parts"]
    cols = [("title", t("competency"), False), ("status", t("status"), False)]
    if parts["levels"]:
        cols.append(("level", t("level"), False))
    cols.append(("percent", t("score"), True))
    if has_points(framework):
        cols.append(("points", t("points"), True))
    if parts["statements"]:
        cols.append(("coverage", t("rated"), True))
    cols.append(("evidence", t("evidence"), True))
    if parts["award"]:
        cols.append(("ready", t("ready"), False))
    cols += [("target", t("target"), True), ("gap", t("gap"), True)]
    if parts["coaching"]:
        cols.append(("style", t("coaching_style"), False))
    return cols


def rows(framework: dict, result: dict, assessment: dict | None = None) -> list[dict[str, Any]]:
    """Each competency's figures as the site shows them (every key, whichever columns the framework shows).

    ``gap`` says why there is none for a competency outside the selected profile's scope ("Not in this profile",
    and no target) and for one in scope with nothing rated yet ("Not assessed": not a gap). ``level`` is the
    level picked for a level-rated competency (from ``assessment``), else "–"."""
    t = strings.translator(framework["strings"])
    styles = {s["id"]: s["title"] for s in framework["coaching"]}
    ratings = (assessment or {}).get("ratings") or {}
    out = []
    for c in framework["competencies"]:
        r = result["competencies"][c["id"]]
        if not r["in_scope"]:
            gap = t("out_of_scope")
        elif r["gap"] is None and r["status"] == "not-started":
            gap = t("not_assessed")
        else:
            gap = number(r["gap"])
        picked = ratings.get(c["id"]) if c["rated"] == "levels" else None
        unrated = r["status"] == "not-started"  # not assessed: no score, evidence or readiness to show, not 0
        out.append({
            "id": c["id"], "title": c["title"], "status": status(framework, r["status"]),
            "level": "–" if picked is None else t("na") if picked == "na" else level_label(framework, picked),
            "percent": "–" if r["percent"] is None or unrated else f"{r['percent']}%", "points": str(r["points"]),
            "coverage": pct(r["coverage"]), "evidence": "–" if unrated else pct(r["evidence"]),
            "ready": "–" if unrated else framework["strings"]["answer_yes" if r["ready"] else "answer_no"],
            "target": "–" if r["target"] is None else value_text(framework, r["target"]),
            "gap": gap, "style": styles.get(r["quadrant"], r["quadrant"] or "–"),
        })
    return out


def text(framework: dict, assessment: dict, result: dict, checked: dict) -> str:
    """The plain-text report of `kam.py score --format text`, in the framework's language."""
    t = strings.translator(framework["strings"])
    parts = framework["parts"]
    modules = {m["id"]: m for m in framework["modules"]}
    profile = next((p["title"] for p in framework["profiles"] if p["id"] == assessment.get("profile")),
                   t("profile_none", level=level_label(framework, framework["rules"]["pass_level"])))
    s = result["summary"]
    lines = [f"{framework['title']} ({framework['version']})", ""]
    if parts["award"]:
        lines.append(t("report_award", readiness=readiness(framework, s)))
    lines.append(t("report_overall", percent="–" if s["percent"] is None else f"{s['percent']}%", met=s["met"], total=s["total"],
                   profile=profile))
    if has_points(framework):
        lines.append(points_line(framework, s))
    lines.append("")
    cols = columns(framework)
    header = ("id", *(name for _, name, _ in cols))
    table = [header] + [(r["id"], r["title"][:38], *(r[key] for key, _, _ in cols[1:])) for r in rows(framework, result, assessment)]
    widths = [max(len(row[i]) for row in table) for i in range(len(header))]
    for row in table:
        lines.append("  ".join(cell.ljust(w) for cell, w in zip(row, widths)).rstrip())
    if parts["award"]:
        order = scoring.submission_order(framework, result)
        lines += ["", t("report_submit", competencies=", ".join(order)) if order else t("report_submit_none")]
    if parts["curriculum"]:
        if not parts["award"]:
            lines.append("")
        lines.append(t("report_modules") if result["recommendations"] else t("modules_none"))
        lines += [f"  - {modules[m]['title']} ({m})" for m in result["recommendations"]]
    if checked["warnings"]:
        lines += ["", *(t("report_warning", warning=w) for w in checked["warnings"])]
    if checked["orphaned"]:
        lines += ["", t("report_orphaned", n=len(checked["orphaned"]), ids=", ".join(checked["orphaned"]))]
    return "\n".join(lines) + "\n"

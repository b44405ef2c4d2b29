"""Readable reports of a scored assessment: text for `kam.py score`, Markdown for the worked example.

The wording the browser shows too (readiness, statuses) comes from the
framework's interface strings (macros/strings.yml and the framework's own
strings.yml), so the site, the worked example and the CLI say the same thing;
scoring itself is in scoring.py.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from . import scoring

def status(framework: dict, key: str) -> str:
    """The label of a competency status ("in-progress" -> "In progress")."""
    return framework["strings"]["status_" + key.replace("-", "_")]


def readiness(framework: dict, summary: dict) -> str:
    """'9 of the 12 required competencies ready — 3 to go' (or: the rule is met)."""
    key = "readiness_met" if summary["award_ready"] else "readiness_to_go"
    return framework["strings"][key].format(ready=summary["ready"], required=summary["required"], to_go=summary["to_go"])


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


def rows(framework: dict, result: dict) -> list[dict[str, Any]]:
    styles = {s["id"]: s["title"] for s in framework["coaching"]} if "coaching" in framework else {}
    out = []
    for c in framework["competencies"]:
        r = result["competencies"][c["id"]]
        out.append({
            "id": c["id"], "title": c["title"], "status": status(framework, r["status"]),
            "percent": "–" if r["percent"] is None else f"{r['percent']}%", "coverage": pct(r["coverage"]),
            "evidence": pct(r["evidence"]), "ready": framework["strings"]["answer_yes" if r["ready"] else "answer_no"], "target": str(r["target"]),
            "gap": number(r["gap"]), "style": styles.get(r["quadrant"], r["quadrant"] or "–"),
        })
    return out


def text(framework: dict, assessment: dict, result: dict, checked: dict) -> str:
    """The plain-text report of `kam.py score --format text`, in the framework's language."""
    t = scoring.translator(framework["strings"])
    modules = {m["id"]: m for m in framework["modules"]}
    profile = next((p["title"] for p in framework["profiles"] if p["id"] == assessment.get("profile")),
                   t("profile_none", level=framework["rules"]["pass_level"]))
    s = result["summary"]
    lines = [f"{framework['title']} ({framework['version']})", "",
             t("report_award", readiness=readiness(framework, s)),
             t("report_overall", percent="–" if s["percent"] is None else f"{s['percent']}%", met=s["met"], total=s["total"], profile=profile),
             ""]
    header = ("id", t("competency"), t("status"), t("score"), t("rated"), t("evidence"), t("ready"), t("target"), t("gap"),
              t("coaching_style"))
    table = [header] + [(r["id"], r["title"][:38], r["status"], r["percent"], r["coverage"], r["evidence"], r["ready"],
                         r["target"], r["gap"], r["style"]) for r in rows(framework, result)]
    widths = [max(len(row[i]) for row in table) for i in range(len(header))]
    for row in table:
        lines.append("  ".join(cell.ljust(w) for cell, w in zip(row, widths)).rstrip())
    order = scoring.submission_order(framework, result)
    lines += ["", t("report_submit", competencies=", ".join(order)) if order else t("report_submit_none")]
    lines.append(t("report_modules") if result["recommendations"] else t("modules_none"))
    lines += [f"  - {modules[m]['title']} ({m})" for m in result["recommendations"]]
    if checked["warnings"]:
        lines += ["", *(t("report_warning", warning=w) for w in checked["warnings"])]
    if checked["orphaned"]:
        lines += ["", t("report_orphaned", n=len(checked["orphaned"]), ids=", ".join(checked["orphaned"]))]
    return "\n".join(lines) + "\n"

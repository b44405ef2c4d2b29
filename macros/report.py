"""Readable reports of a scored assessment: text for `kam.py score`, Markdown for the worked example.

The wording the browser shows too (readiness, statuses) comes from the
framework's interface strings (macros/strings.yml and the framework's own
strings.yml), so the site, the worked example and the CLI say the same thing;
scoring itself is in scoring.py.
"""

from __future__ import annotations

from typing import Any

from . import scoring

def status(framework: dict, key: str) -> str:
    """The label of a competency status ("in-progress" -> "In progress")."""
    return framework["strings"]["status_" + key.replace("-", "_")]


def readiness(framework: dict, summary: dict) -> str:
    """'9 of the 12 required competencies ready — 3 to go' (or: the rule is met)."""
    key = "readiness_met" if summary["award_ready"] else "readiness_to_go"
    return framework["strings"][key].format(ready=summary["ready"], required=summary["required"], to_go=summary["to_go"])


def pct(value: float | None) -> str:
    return "–" if value is None else f"{value * 100:.0f}%"


def number(value: float | None) -> str:
    return "–" if value is None else f"{value:.2f}".rstrip("0").rstrip(".")


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
    modules = {m["id"]: m for m in framework["modules"]}
    profile = next((p["title"] for p in framework["profiles"] if p["id"] == assessment.get("profile")), "none (targets = pass level)")
    s = result["summary"]
    lines = [f"{framework['title']} ({framework['version']})", "",
             f"Award: {readiness(framework, s)}.",
             f"Overall: {'–' if s['percent'] is None else str(s['percent']) + '%'} · met {s['met']} of {s['total']} · target profile: {profile}",
             ""]
    header = ("id", "competency", "status", "score", "coverage", "evidence", "ready", "target", "gap", "coaching")
    table = [header] + [(r["id"], r["title"][:38], r["status"], r["percent"], r["coverage"], r["evidence"], r["ready"],
                         r["target"], r["gap"], r["style"]) for r in rows(framework, result)]
    widths = [max(len(row[i]) for row in table) for i in range(len(header))]
    for row in table:
        lines.append("  ".join(cell.ljust(w) for cell, w in zip(row, widths)).rstrip())
    order = scoring.submission_order(framework, result)
    lines += ["", "Competencies to submit, in order: " + (", ".join(order) if order else "none rated yet")]
    lines.append("Recommended modules:" if result["recommendations"] else "Recommended modules: none (no gaps)")
    lines += [f"  - {modules[m]['title']} ({m})" for m in result["recommendations"]]
    if checked["warnings"]:
        lines += ["", *("Warning: " + w for w in checked["warnings"])]
    if checked["orphaned"]:
        lines += ["", f"Kept but not scored ({len(checked['orphaned'])} ids the framework does not have): " + ", ".join(checked["orphaned"])]
    return "\n".join(lines) + "\n"

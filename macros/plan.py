"""The submission plan: what is complete and what is missing, per competency and overall.

Only a framework with a submission workspace (``diploma.workspace``, which needs an award) has one;
``plan`` returns None for any other. The Python mirror of ``docs/assets/javascripts/plan.js``; both give
the same result for the same framework and assessment (tested on shared cases and random ones). The
assessment must have passed ``scoring.check``. A level-rated competency has no requirement groups: its
group coverage does not apply (``groups_covered`` and ``groups_missing`` are empty); a competency that
names no theory needs none applied. Nothing that is not rated is pre-chosen (``suggested``).
"""

from __future__ import annotations

from . import scoring

# Why a chosen competency is not complete yet, in the order they are reported.
MISSING = ("status", "words", "evidence", "groups", "checks", "theory", "sign-off")


def _word_state(mode: str, words, guidance: dict) -> str:
    if mode == "linking":
        return "linking"
    if words is None:
        return "missing"
    if words < guidance["min"]:
        return "below"
    if words > guidance["max"]:
        return "above"
    return "within"


def has_plan(framework: dict) -> bool:
    """Whether the framework has a submission workspace, and so a plan (an award is part of it)."""
    dip = framework.get("diploma")
    return bool(dip) and dip.get("workspace") is not None and framework["rules"].get("award_min") is not None


def suggested(framework: dict, result: dict) -> list[str]:
    """The pre-selection: rated competencies in the profile's scope, ready ones first, then the strongest, as many as
    the award needs. A competency not rated at all (not assessed) is never suggested, even when fewer are rated than
    the award needs."""
    rs = result["competencies"]
    return [cid for cid in scoring.submission_order(framework, result)
            if rs[cid]["status"] != "not-started" and rs[cid].get("in_scope") is not False][: framework["rules"]["award_min"]]


def plan(framework: dict, assessment: dict, result: dict | None = None) -> dict | None:
    if not has_plan(framework):
        return None
    result = result or scoring.score(framework, assessment)
    rules = framework["rules"]
    dip = framework["diploma"]
    ws, guidance = dip["workspace"], dip["word_guidance"]
    final = next(s["id"] for s in ws["statuses"] if s.get("final"))
    checks = [x["id"] for x in ws["evidence_checks"]]
    sub = assessment.get("submission") or {}
    entries = sub.get("competencies") or {}
    chosen = sub.get("chosen")
    if chosen is None:
        chosen = suggested(framework, result)

    competencies = {}
    for c in framework["competencies"]:
        entry = entries.get(c["id"]) or {}
        status = entry.get("status") or ws["statuses"][0]["id"]
        mode = entry.get("mode") or "full"
        words = entry.get("words")
        evidence = entry.get("evidence") or []
        group_ids = [g["id"] for g in c["groups"]]
        covered = [g for g in group_ids if any(g in (e.get("groups") or []) for e in evidence)]
        theory_ids = [t for item in c.get("theory") or [] for t in item["theories"]]
        theories = [t for t in dict.fromkeys(entry.get("theories") or []) if t in theory_ids]
        unchecked = sum(1 for e in evidence if not all((e.get("checks") or {}).get(k) is True for k in checks))
        sign = entry.get("sign_off") or {}
        signed = all(isinstance(sign.get(f), str) and sign[f].strip() != "" for f in ("name", "role", "date"))
        state = _word_state(mode, words, guidance)
        missing = []
        if status != final:
            missing.append("status")
        if state == "missing" or (mode == "linking" and not words) or (guidance["binding"] and state in ("below", "above")):
            missing.append("words")
        if not evidence:
            missing.append("evidence")
        elif len(covered) < len(group_ids):
            missing.append("groups")
        if unchecked:
            missing.append("checks")
        if theory_ids and not theories:
            missing.append("theory")
        if not signed:
            missing.append("sign-off")
        competencies[c["id"]] = {
            "status": status, "mode": mode, "words": words, "words_state": state, "evidence": len(evidence),
            "groups_covered": covered, "groups_missing": [g for g in group_ids if g not in covered],
            "unchecked": unchecked, "theories": len(theories), "signed_off": signed,
            "assessed_ready": result["competencies"][c["id"]]["ready"],
            "missing": missing, "complete": not missing,
        }
    complete = sum(1 for cid in chosen if competencies[cid]["complete"])
    required = rules["award_min"]
    first = sub.get("feedback_first")
    return {
        "chosen": list(chosen),
        "competencies": competencies,
        "summary": {
            "chosen": len(chosen), "required": required, "to_choose": max(0, required - len(chosen)),
            "complete": complete, "to_go": max(0, required - complete),
            "signed_off": sum(1 for cid in chosen if competencies[cid]["signed_off"]),
            "words": sum(competencies[cid]["words"] or 0 for cid in chosen),
            "feedback_first": first, "ready": complete >= required,
        },
    }


def text(framework: dict, p: dict) -> str:
    """A readable plan status for `kam.py plan`."""
    names = {c["id"]: c["title"] for c in framework["competencies"]}
    ws = framework["diploma"]["workspace"]
    labels = {s["id"]: s["label"] for s in ws["statuses"]}
    checks = ", ".join(x["label"].lower() for x in ws["evidence_checks"])
    g = framework["diploma"]["word_guidance"]
    s = p["summary"]
    reasons = {
        "status": "not final yet", "words": f"no word count for the write-up ({g['min']}–{g['max']} words as a guide)",
        "evidence": "no evidence logged", "groups": "requirement groups without evidence: {groups}",
        "checks": "{unchecked} not checked " + checks,
        "theory": "no theory applied", "sign-off": "not signed off (name, role and date)",
    }
    words = framework["strings"]
    key = "plan_readiness_to_go" if not s["ready"] else "plan_readiness_all" if s["complete"] > s["required"] else "plan_readiness_met"
    head = words["nav_plan"] + ": " + words[key].format(complete=s["complete"], required=s["required"], to_go=s["to_go"])
    lines = [head, f"Chosen: {s['chosen']} · signed off: {s['signed_off']} · words written: {s['words']}"]
    if s["to_choose"]:
        lines.append(f"Choose {s['to_choose']} more competenc{'y' if s['to_choose'] == 1 else 'ies'} to reach {s['required']}.")
    lines.append(f"Sent first for feedback: {s['feedback_first'] or 'none yet (advised: send one competency first)'}")
    lines.append("")
    named = {c["id"]: bool(c.get("theory")) for c in framework["competencies"]}
    for cid in p["chosen"]:
        c = p["competencies"][cid]
        words = "linking document" if c["mode"] == "linking" else (f"{c['words']} words ({c['words_state']})" if c["words"] is not None else "no word count")
        theories = f" · {c['theories']} theor{'y' if c['theories'] == 1 else 'ies'}" if named[cid] else ""
        lines.append(f"{cid} {names[cid]}: {'COMPLETE' if c['complete'] else 'incomplete'} · {labels[c['status']]} · {words} · "
                     f"{c['evidence']} evidence{theories}{' · signed off' if c['signed_off'] else ''}")
        for m in c["missing"]:
            lines.append("    missing: " + reasons[m].replace("{groups}", ", ".join(c["groups_missing"]))
                         .replace("{unchecked}", f"{c['unchecked']} evidence item{'' if c['unchecked'] == 1 else 's'}"))
    return "\n".join(lines) + "\n"

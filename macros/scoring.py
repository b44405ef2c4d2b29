"""Scoring of an assessment against the compiled framework (DESIGN.md §4).

The Python mirror of ``docs/assets/javascripts/scoring.js``: the same
operations in the same order, so that both give the same IEEE doubles. Sums
are of integers and each ratio is one division; ``round()`` (banker's) and
float ``sum()`` are never used. Change one file, change the other, and run the
parity tests.
"""

from __future__ import annotations

import json
import math
import re
from typing import Any, Callable

from .strings import translator

FORMAT = "kam-assessment"
FORMAT_VERSION = 2  # 2 added "submission" (the diploma workspace); version 1 files are read as they are
FORMAT_VERSIONS = (1, 2)
WILL_MIN, WILL_MAX = 1, 4
RESPONSE_FORMAT, RESPONSE_FORMAT_VERSION = "kam-response", 1  # ratings someone else gave (a 360 rater, a coach)
ROLES = ("manager", "peer", "customer", "coach", "other")  # who a rater is; the labels are strings (role_<id>)


def _is_int(value: Any) -> bool:
    """An integral JSON number (2 or 2.0), as JavaScript's Number.isInteger sees it; never a boolean."""
    if isinstance(value, bool):
        return False
    return isinstance(value, int) or (isinstance(value, float) and value.is_integer())


def _is_object(value: Any) -> bool:
    return isinstance(value, dict)


def _percent(part: int, whole: int) -> int:
    return math.floor((100 * part) / whole + 0.5)


_BLANK = re.compile(r"[ \t\n\r]*")  # as scoring.js's /^[ \t\n\r]*$/ (str.strip and trim differ beyond ASCII)


def _show(value: Any, t: Callable[..., str]) -> str:
    """A value in a message, written exactly as scoring.js writes it (JSON, numbers only where both agree)."""
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return "null"
    if _is_int(value) and abs(value) < 1e15:
        return str(int(value))
    if isinstance(value, float) and 1e-4 <= abs(value) < 1e15:
        return repr(value)
    if isinstance(value, (int, float)):
        return t("value_number")
    return t("value_list") if isinstance(value, list) else t("value_object")


# Bounds on any file read (an assessment, a response): far beyond real use (the deepest real value is 6 levels down;
# a full AKAM assessment has about 1,500 values), near enough that a hostile file costs nothing to refuse.
MAX_DEPTH = 32
MAX_VALUES = 500_000
MAX_TEXT = 200_000  # characters of one text, counted in UTF-16 code units as JavaScript counts them
RESERVED_KEYS = frozenset({"__proto__", "constructor", "prototype"})  # names that would reach an object's prototype in JavaScript


def _beyond_bounds(value: Any, t: Callable[..., str]) -> str | None:
    """The first place (depth first, keys in code-point order) where ``value`` goes beyond the bounds, as
    "field: what", or None. The same walk and words as scoring.js's beyondBounds."""
    stack: list[tuple[Any, str, int]] = [(value, "", 1)]
    count = 0
    while stack:
        item, path, depth = stack.pop()
        count += 1
        if count > MAX_VALUES:
            return f"(file): {t('check_too_many', limit=f'{MAX_VALUES:,}')}"
        if depth > MAX_DEPTH:
            return f"{path}: {t('check_too_deep', limit=MAX_DEPTH)}"
        if isinstance(item, str) and len(item) > MAX_TEXT // 2 and len(item.encode("utf-16-le")) // 2 > MAX_TEXT:
            return f"{path}: {t('check_too_long', limit=f'{MAX_TEXT:,}')}"
        if isinstance(item, dict):
            keys = sorted(item)
            reserved = next((k for k in keys if k in RESERVED_KEYS), None)
            if reserved is not None:
                return f"{path}[{_show(reserved, t)}]: {t('check_reserved_key')}" if path else f"{reserved}: {t('check_reserved_key')}"
            stack += [(item[k], f"{path}[{_show(k, t)}]" if path else k, depth + 1) for k in reversed(keys)]
        elif isinstance(item, list):
            stack += [(item[i], f"{path}[{i}]", depth + 1) for i in reversed(range(len(item)))]
    return None


def check(framework: dict, assessment: Any, strings: dict[str, str] | None = None) -> dict:
    """Validate an assessment: {"errors": [...], "warnings": [...], "orphaned": [...]}.

    Errors refuse the file; warnings (another version of the framework) do not;
    orphaned ids are kept and ignored by scoring. Each message is "field: what is
    wrong", the field as in the file and the rest in the interface's language
    (strings, by default the compiled framework's).
    """
    t = translator(framework.get("strings") if strings is None else strings)
    errors: list[str] = []
    warnings: list[str] = []
    if not _is_object(assessment):
        return {"errors": [t("check_not_object")], "warnings": [], "orphaned": []}
    beyond = _beyond_bounds(assessment, t)
    if beyond:  # nothing else is looked at: a hostile file costs no more than its walk
        return {"errors": [beyond], "warnings": [], "orphaned": []}
    a = assessment

    def show(value: Any) -> str:
        return _show(value, t)

    # another version of the framework: a warning (orphaned ratings are kept)
    _check_head(framework, a, FORMAT, FORMAT_VERSIONS, errors, warnings,
                lambda got, expected: t("check_other_version", got=got, expected=expected), t)

    if a.get("name") is not None and not isinstance(a["name"], str):
        errors.append(f"name: {t('check_text')}")

    values = {lv["value"] for lv in framework["scale"]["levels"]}
    na = framework["scale"]["not_applicable"]
    # what a rating or evidence may be keyed by: an indicator, or a level-rated competency itself
    item_ids = {item for c in framework["competencies"] for item in _items(c)}
    competency_ids = {c["id"] for c in framework["competencies"]}
    orphaned: dict[str, None] = {}  # in the order first seen; a dict, so that 100,000 unknown ids stay linear

    def mapping(key: str, ok: Callable[[Any], bool], what: str, known: set[str]) -> None:
        value = a.get(key)
        if value is None:
            return
        if not _is_object(value):
            errors.append(f"{key}: {t('check_object')}")
            return
        for k in sorted(value):
            v = value[k]
            if not ok(v):
                errors.append(f"{key}[{show(k)}]: {t('check_not', value=show(v), what=what)}")
            if k not in known:
                orphaned.setdefault(k)

    low, high = min(values), max(values)
    rating = t("check_is_rating_na", min=low, max=high) if na else t("check_is_rating", min=low, max=high)
    mapping("ratings", lambda v: (_is_int(v) and v in values) or (na and v == "na"), rating, item_ids)
    mapping("evidence", lambda v: isinstance(v, bool), t("check_is_boolean"), item_ids)
    mapping("will", lambda v: _is_int(v) and WILL_MIN <= v <= WILL_MAX, t("check_is_will", min=WILL_MIN, max=WILL_MAX), competency_ids)
    mapping("notes", lambda v: isinstance(v, str), t("check_is_text"), competency_ids)

    profile = a.get("profile")
    if profile is not None and profile not in [p["id"] for p in framework.get("profiles") or []]:  # a list: [] is no key
        errors.append(f"profile: {t('check_unknown_profile', value=show(profile))}")
    modules = a.get("completed_modules")
    if modules is not None:
        if not isinstance(modules, list):
            errors.append(f"completed_modules: {t('check_list')}")
        else:
            known = [m["id"] for m in framework.get("modules") or []]  # a list: an entry may be unhashable ([1])
            for m in modules:
                if m not in known:
                    errors.append(f"completed_modules: {t('check_unknown_module', value=show(m))}")
    if "updated" in a and not isinstance(a["updated"], str):
        errors.append(f"updated: {t('check_date')}")
    diploma = framework.get("diploma")
    if a.get("submission") is not None and diploma is not None and diploma.get("workspace") is not None:
        _check_submission(framework, a["submission"], errors, orphaned, t)  # without a workspace it is kept as it is
    for key, check_one in (("responses", _check_response), ("snapshots", _check_snapshot)):
        entries = a.get(key)
        if entries is None:
            continue
        if not isinstance(entries, list):
            errors.append(f"{key}: {t('check_list')}")
            continue
        for i, entry in enumerate(entries):
            check_one(framework, entry, f"{key}[{i}]", errors, t)
    return {"errors": errors, "warnings": warnings, "orphaned": list(orphaned)}


def _check_head(framework: dict, doc: dict, fmt: str, versions: tuple[int, ...], errors: list[str],
                other_version: list[str], version_text: Callable[[str, str], str], t: Callable[..., str]) -> None:
    """A file's format, format version and framework: errors, and another version of the framework into
    ``other_version`` (the warnings of an assessment, the errors of a response) in the words of ``version_text(got,
    expected)``."""

    def show(value: Any) -> str:
        return _show(value, t)

    if doc.get("format") != fmt:
        errors.append(f"format: {t('check_expected', expected=show(fmt), got=show(doc.get('format')))}")
    if doc.get("format_version") not in versions or not _is_int(doc.get("format_version")):
        errors.append(f"format_version: {t('check_versions', first=versions[0], last=versions[-1], got=show(doc.get('format_version')))}")
    ref = doc.get("framework")
    if not _is_object(ref) or not isinstance(ref.get("id"), str):
        errors.append(f"framework.id: {t('check_missing')}")
    elif ref["id"] != framework["id"]:
        errors.append(f"framework.id: {t('check_other_framework', got=show(ref['id']), expected=show(framework['id']))}")
    elif ref.get("version") != framework["version"]:
        other_version.append(f"framework.version: {version_text(show(ref.get('version')), show(framework['version']))}")


def check_response(framework: dict, response: Any, strings: dict[str, str] | None = None) -> dict:
    """Validate a response file (format kam-response): {"errors": [...]}. A response made for another framework, or
    for another version of it, is refused: its ratings may not mean the same here."""
    t = translator(framework.get("strings") if strings is None else strings)
    if not _is_object(response):
        return {"errors": [t("check_not_response")]}
    beyond = _beyond_bounds(response, t)
    if beyond:
        return {"errors": [beyond]}
    errors: list[str] = []
    # another version of the framework: an error (its ratings may not mean the same)
    _check_head(framework, response, RESPONSE_FORMAT, (RESPONSE_FORMAT_VERSION,), errors, errors,
                lambda got, expected: t("check_response_version", got=got, expected=expected), t)
    if response.get("for") is not None and not isinstance(response["for"], str):
        errors.append(f"for: {t('check_text')}")
    _check_response(framework, response, "", errors, t)
    return {"errors": errors}


def _field(path: str, name: str) -> str:
    return f"{path}.{name}" if path else name


def _check_answers(framework: dict, entry: dict, path: str, keys: tuple[str, ...], errors: list[str],
                   t: Callable[..., str]) -> None:
    """The ratings, evidence and comments of a response or snapshot: checked as an assessment's are (ids it does not
    know are kept and ignored)."""
    levels = framework["scale"]["levels"]
    values = {lv["value"] for lv in levels}
    na = framework["scale"]["not_applicable"]
    low, high = min(values), max(values)
    rules: dict[str, tuple[Callable[[Any], bool], str]] = {
        "ratings": (lambda v: (_is_int(v) and v in values) or (na and v == "na"),
                    t("check_is_rating_na", min=low, max=high) if na else t("check_is_rating", min=low, max=high)),
        "evidence": (lambda v: isinstance(v, bool), t("check_is_boolean")),
        "comments": (lambda v: isinstance(v, str), t("check_is_text")),
    }
    for key in keys:
        value = entry.get(key)
        if value is None:
            continue
        if not _is_object(value):
            errors.append(f"{_field(path, key)}: {t('check_object')}")
            continue
        ok, what = rules[key]
        for k in sorted(value):
            if not ok(value[k]):
                errors.append(f"{_field(path, key)}[{_show(k, t)}]: {t('check_not', value=_show(value[k], t), what=what)}")


def _check_response(framework: dict, r: Any, path: str, errors: list[str], t: Callable[..., str]) -> None:
    """One response (an entry of an assessment's ``responses``, or the body of a response file)."""
    if not _is_object(r):
        errors.append(f"{path}: {t('check_object')}")
        return
    rater = r.get("rater")
    if not _is_object(rater):
        errors.append(f"{_field(path, 'rater')}: {t('check_object')}")
    else:
        if not isinstance(rater.get("name"), str) or _BLANK.fullmatch(rater["name"]):
            errors.append(f"{_field(path, 'rater.name')}: {t('check_text')}")
        if rater.get("role") not in ROLES:
            errors.append(f"{_field(path, 'rater.role')}: {t('check_unknown_role', value=_show(rater.get('role'), t))}")
    for name in ("id", "request", "message"):
        if r.get(name) is not None and not isinstance(r[name], str):
            errors.append(f"{_field(path, name)}: {t('check_text')}")
    if r.get("created") is not None and not isinstance(r["created"], str):
        errors.append(f"{_field(path, 'created')}: {t('check_date')}")
    _check_answers(framework, r, path, ("ratings", "comments"), errors, t)


def _check_snapshot(framework: dict, snap: Any, path: str, errors: list[str], t: Callable[..., str]) -> None:
    """One dated snapshot of an assessment's answers (its ``snapshots``)."""
    if not _is_object(snap):
        errors.append(f"{path}: {t('check_object')}")
        return
    if not isinstance(snap.get("taken"), str):
        errors.append(f"{path}.taken: {t('check_date')}")
    if snap.get("label") is not None and not isinstance(snap["label"], str):
        errors.append(f"{path}.label: {t('check_text')}")
    _check_answers(framework, snap, path, ("ratings", "evidence"), errors, t)


def _check_submission(framework: dict, sub: Any, errors: list[str], orphaned: dict[str, None], t: Callable[..., str]) -> None:
    """The diploma workspace part of an assessment (format version 2)."""

    def show(value: Any) -> str:
        return _show(value, t)

    if not _is_object(sub):
        errors.append(f"submission: {t('check_object')}")
        return
    ws = framework["diploma"]["workspace"]
    competency_ids = [c["id"] for c in framework["competencies"]]
    known_ids = set(competency_ids)
    chosen = sub.get("chosen")
    if chosen is not None:
        if not isinstance(chosen, list):
            errors.append(f"submission.chosen: {t('check_list')}")
        else:
            seen: set[str] = set()
            for cid in chosen:
                if cid not in competency_ids:  # a list of the framework's few: an entry may be unhashable
                    errors.append(f"submission.chosen: {t('check_unknown_competency', value=show(cid))}")
                elif cid in seen:
                    errors.append(f"submission.chosen: {t('check_twice', value=show(cid))}")
                if isinstance(cid, str):
                    seen.add(cid)
    first = sub.get("feedback_first")
    if first is not None and first not in competency_ids:
        errors.append(f"submission.feedback_first: {t('check_unknown_competency', value=show(first))}")
    comps = sub.get("competencies")
    if comps is None:
        return
    if not _is_object(comps):
        errors.append(f"submission.competencies: {t('check_object')}")
        return
    statuses = [x["id"] for x in ws["statuses"]]
    types = [x["id"] for x in ws["evidence_types"]]
    checks = [x["id"] for x in ws["evidence_checks"]]
    for cid in sorted(comps):
        entry = comps[cid]
        path = f"submission.competencies[{show(cid)}]"
        if cid not in known_ids:
            orphaned.setdefault(cid)
        if not _is_object(entry):
            errors.append(f"{path}: {t('check_object')}")
            continue
        if entry.get("status") is not None and entry["status"] not in statuses:
            errors.append(f"{path}.status: {t('check_unknown_status', value=show(entry['status']))}")
        if entry.get("mode") is not None and entry["mode"] not in ("full", "linking"):
            errors.append(f"{path}.mode: {t('check_mode', got=show(entry['mode']))}")
        words = entry.get("words")
        if words is not None and not (_is_int(words) and words >= 0):
            errors.append(f"{path}.words: {t('check_not', value=show(words), what=t('check_is_words'))}")
        theories = entry.get("theories")
        if theories is not None and not (isinstance(theories, list) and all(isinstance(x, str) for x in theories)):
            errors.append(f"{path}.theories: {t('check_theory_ids')}")
        sign = entry.get("sign_off")
        if sign is not None:
            if not _is_object(sign):
                errors.append(f"{path}.sign_off: {t('check_object')}")
            else:
                for field in ("name", "role", "date"):
                    if sign.get(field) is not None and not isinstance(sign[field], str):
                        errors.append(f"{path}.sign_off.{field}: {t('check_text')}")
        evidence = entry.get("evidence")
        if evidence is None:
            continue
        if not isinstance(evidence, list):
            errors.append(f"{path}.evidence: {t('check_list')}")
            continue
        for i, item in enumerate(evidence):
            where = f"{path}.evidence[{i}]"
            if not _is_object(item):
                errors.append(f"{where}: {t('check_object')}")
                continue
            for field in ("title", "date"):
                if item.get(field) is not None and not isinstance(item[field], str):
                    errors.append(f"{where}.{field}: {t('check_text')}")
            if item.get("type") is not None and item["type"] not in types:
                errors.append(f"{where}.type: {t('check_unknown_evidence_type', value=show(item['type']))}")
            groups = item.get("groups")
            if groups is not None and not (isinstance(groups, list) and all(isinstance(x, str) for x in groups)):
                errors.append(f"{where}.groups: {t('check_group_ids')}")
            share = item.get("own_share")
            if share is not None and not (_is_int(share) and 0 <= share <= 100):
                errors.append(f"{where}.own_share: {t('check_not', value=show(share), what=t('check_is_percentage'))}")
            marks = item.get("checks")
            if marks is None:
                continue
            if not _is_object(marks):
                errors.append(f"{where}.checks: {t('check_object')}")
                continue
            for k in sorted(marks):
                if k not in checks:
                    errors.append(f"{where}.checks[{show(k)}]: {t('check_unknown_check')}")
                elif not isinstance(marks[k], bool):
                    errors.append(f"{where}.checks[{show(k)}]: {t('check_not', value=show(marks[k]), what=t('check_is_boolean'))}")


def _ratio(part: int, whole: int) -> float | None:
    return None if whole == 0 else part / whole


def _level_rated(c: dict) -> bool:
    """A competency rated by picking one level (``rated: "levels"``; an older compiled dict: one without groups)."""
    return (c.get("rated") or ("statements" if c.get("groups") else "levels")) == "levels"


def _items(c: dict) -> list[str]:
    """The ids a competency is rated under: its indicators, or the competency itself when it is level-rated."""
    if _level_rated(c):
        return [c["id"]]
    return [i["id"] for g in c["groups"] for i in g["indicators"]]


def score(framework: dict, assessment: dict) -> dict:
    """The result of DESIGN.md §4 for a valid assessment (see ``check``)."""
    levels = framework["scale"]["levels"]
    top = max(lv["value"] for lv in levels)
    points_of = {lv["value"]: lv["value"] if lv.get("points") is None else lv["points"] for lv in levels}
    rules = framework["rules"]
    pass_level = rules["pass_level"]
    group_floor = rules.get("group_floor") or 0
    evidence_share = rules.get("evidence_share") or 0
    will_high = rules.get("will_high")
    ratings = assessment.get("ratings") or {}
    evidence = assessment.get("evidence") or {}
    will = assessment.get("will") or {}
    profile = next((p for p in framework.get("profiles") or [] if p["id"] == assessment.get("profile")), None)
    targets = (profile.get("targets") or {}) if profile is not None else {}
    scope = profile.get("scope") if profile is not None else None

    competencies: dict[str, dict] = {}
    gaps: dict[str, float | None] = {}
    total = met = ready = sum_s = sum_max = sum_p = 0
    for c in framework["competencies"]:
        n = r = s = p = e = 0
        groups = {}
        group_ok = True
        # the groups of items: a level-rated competency is one item (itself) in no group
        parts = [(None, [c["id"]])] if _level_rated(c) else [(g["id"], [i["id"] for i in g["indicators"]]) for g in c["groups"]]
        for gid, items in parts:
            n_g = s_g = 0
            for item in items:
                value = ratings.get(item)
                if value == "na":
                    continue
                n_g += 1
                if value is not None:
                    r += 1
                    s_g += int(value)
                    p += points_of[int(value)]
                if evidence.get(item) is True:
                    e += 1
            n += n_g
            s += s_g
            if gid is None:
                continue
            if n_g > 0 and s_g < group_floor * n_g:
                group_ok = False
            groups[gid] = {"score": _ratio(s_g, top * n_g), "percent": None if n_g == 0 else _percent(s_g, top * n_g)}
        if n == 0:
            status = "not-applicable"
        elif r == 0:
            status = "not-started"
        elif r == n and s >= pass_level * n and group_ok:
            status = "met"
        else:
            status = "in-progress"
        is_ready = status == "met" and e >= evidence_share * n
        in_scope = scope is None or c["id"] in scope
        target = targets.get(c["id"], pass_level) if in_scope else None
        gap = None if n == 0 or r == 0 or target is None else max(0, target - s / n)
        w = will.get(c["id"])
        quadrant = None
        if will_high is not None and w is not None and n > 0 and r > 0:
            skill_high = 2 * s >= top * n
            will_is_high = w >= will_high
            quadrant = ("delegating" if will_is_high else "supporting") if skill_high else ("guiding" if will_is_high else "directing")
        competencies[c["id"]] = {
            "score": _ratio(s, top * n), "percent": None if n == 0 else _percent(s, top * n),
            "coverage": _ratio(r, n), "evidence": _ratio(e, n), "points": p, "status": status, "ready": is_ready,
            "in_scope": in_scope, "target": target, "gap": gap, "quadrant": quadrant, "groups": groups,
        }
        gaps[c["id"]] = gap
        if not in_scope:
            continue
        if n > 0:
            total += 1
            sum_s += s
            sum_max += top * n
        met += status == "met"
        ready += is_ready
        sum_p += p

    completed = set(assessment.get("completed_modules") or [])
    ranked = []
    for position, m in enumerate(framework.get("modules") or []):
        if m["id"] in completed:
            continue
        gapped = [gaps[cid] for cid in m["competencies"] if gaps.get(cid) is not None and gaps[cid] > 0]
        if gapped:
            ranked.append((-len(gapped), -max(gapped), position, m["id"]))
    ranked.sort()
    required = rules.get("award_min")
    band = None
    for b in framework.get("bands") or []:
        if b["min_points"] <= sum_p:
            band = b["id"]
    return {
        "competencies": competencies,
        "summary": {"total": total, "met": met, "ready": ready, "required": required,
                    "to_go": None if required is None else max(0, required - ready),
                    "award_ready": None if required is None else ready >= required,
                    "score": _ratio(sum_s, sum_max), "percent": None if sum_max == 0 else _percent(sum_s, sum_max),
                    "points": sum_p, "band": band},
        "recommendations": [mid for *_, mid in ranked],
    }


def submission_order(framework: dict, result: dict) -> list[str]:
    """Competencies to submit: ready ones first, then by percent (highest first), then framework order.

    Competencies with nothing applicable are left out.
    """
    ranked = []
    for position, c in enumerate(framework["competencies"]):
        r = result["competencies"][c["id"]]
        if r["percent"] is None:
            continue
        ranked.append((0 if r["ready"] else 1, -r["percent"], position, c["id"]))
    ranked.sort()
    return [cid for *_, cid in ranked]

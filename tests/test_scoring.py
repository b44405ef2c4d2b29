"""Scoring: the shared vectors (hand-computed expectations) through both implementations, and exact parity."""

from __future__ import annotations

import json

import pytest

from conftest import ROOT, python_answer, same
from macros import loader, scoring

VECTOR_DIR = ROOT / "tests" / "vectors"
VECTORS = json.loads((VECTOR_DIR / "vectors.json").read_text(encoding="utf-8"))
BASE = json.loads((VECTOR_DIR / "base-framework.json").read_text(encoding="utf-8"))


def vector_case(v: dict) -> tuple[dict, object]:
    """A vector's framework and assessment. The framework is inline ("framework"), a file in tests/vectors
    ("framework_file"), or the base framework; "patch" replaces top-level fields, "rules" single rules."""
    if "framework_file" in v:
        framework = json.loads((VECTOR_DIR / v["framework_file"]).read_text(encoding="utf-8"))
    else:
        framework = v.get("framework", BASE)
    framework = {"strings": loader.default_strings(), **framework, **v.get("patch", {})}  # the interface's texts, as compiled
    if "rules" in v:
        framework["rules"] = {**framework["rules"], **v["rules"]}
    assessment = v["assessment"]
    if not v.get("raw"):
        assessment = {"format": "kam-assessment", "format_version": 1,
                      "framework": {"id": framework["id"], "version": framework["version"]}, **assessment}
    return framework, assessment


def subset(expected, actual, path=""):
    """Every field of ``expected`` is in ``actual`` with exactly that value."""
    if isinstance(expected, dict):
        assert isinstance(actual, dict), f"{path}: expected a mapping, got {actual!r}"
        for key, value in expected.items():
            assert key in actual, f"{path}.{key} missing"
            subset(value, actual[key], f"{path}.{key}")
    else:
        same(expected, actual, path)


def test_there_are_enough_vectors():
    assert len(VECTORS) >= 50
    assert len({v["name"] for v in VECTORS}) == len(VECTORS)
    level_rated = [v for v in VECTORS if v.get("framework_file") == "levels-framework.json"]
    assert len(level_rated) >= 10
    assert all(set(v) <= {"name", "complete", "raw", "framework", "framework_file", "patch", "rules", "assessment", "check", "result", "order"}
               for v in VECTORS)


def test_the_vector_frameworks_are_version_2():
    """The shared vector frameworks are compiled v2 dicts: every field the scorers read is there."""
    for name in ("base-framework.json", "levels-framework.json"):
        fw = json.loads((VECTOR_DIR / name).read_text(encoding="utf-8"))
        assert fw["format_version"] == 2 and isinstance(fw["bands"], list), name
        assert all("points" in lv for lv in fw["scale"]["levels"]), name
        assert all(c["rated"] == ("statements" if c["groups"] else "levels") for c in fw["competencies"]), name
        assert all("scope" in p for p in fw["profiles"]), name


@pytest.mark.parametrize("vector", VECTORS, ids=[v["name"] for v in VECTORS])
@pytest.mark.parametrize("language", ["python", "javascript"])
def test_vector(vector, language, node_scorer):
    framework, assessment = vector_case(vector)
    answer = python_answer(framework, assessment) if language == "python" else node_scorer.run(framework, assessment)
    if "check" in vector:
        same(vector["check"], answer["check"])
    else:
        assert answer["check"]["errors"] == [], answer["check"]
    if "result" in vector:
        if vector.get("complete"):
            same(vector["result"], answer["result"])
        else:
            subset(vector["result"], answer["result"])
    if "order" in vector:
        same(vector["order"], answer["order"])


@pytest.mark.parametrize("vector", VECTORS, ids=[v["name"] for v in VECTORS])
def test_vector_parity(vector, node_scorer):
    framework, assessment = vector_case(vector)
    same(python_answer(framework, assessment), node_scorer.run(framework, assessment))


def test_the_akam_framework_scores_alike(framework, node_scorer):
    ids = [i["id"] for c in framework["competencies"] for g in c["groups"] for i in g["indicators"]]
    assessment = {"format": "kam-assessment", "format_version": 1,
                  "framework": {"id": framework["id"], "version": framework["version"]},
                  "ratings": {sid: (k % 5 if k % 5 < 4 else "na") for k, sid in enumerate(ids)},
                  "evidence": {sid: k % 3 == 0 for k, sid in enumerate(ids)},
                  "will": {c["id"]: 1 + k % 4 for k, c in enumerate(framework["competencies"])},
                  "profile": "global-account-manager", "completed_modules": ["core-1"]}
    py = python_answer(framework, assessment)
    assert py["check"]["errors"] == []
    same(py, node_scorer.run(framework, assessment))


PLAN_VECTORS = json.loads((ROOT / "tests" / "vectors" / "plan.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("vector", PLAN_VECTORS, ids=[v["name"] for v in PLAN_VECTORS])
@pytest.mark.parametrize("language", ["python", "javascript"])
def test_plan_vector(vector, language, node_scorer):
    framework, assessment = vector_case({**vector, "assessment": {k: v for k, v in vector["assessment"].items() if k != "format_version"}})
    assessment["format_version"] = vector["assessment"]["format_version"]
    answer = python_answer(framework, assessment) if language == "python" else node_scorer.run(framework, assessment)
    if "check" in vector:
        same(vector["check"], answer["check"])
        return
    assert answer["check"]["errors"] == [], answer["check"]
    if vector.get("complete"):
        same(vector["plan"], answer["plan"])
    else:
        subset(vector["plan"], answer["plan"])


@pytest.mark.parametrize("vector", PLAN_VECTORS, ids=[v["name"] for v in PLAN_VECTORS])
def test_plan_vector_parity(vector, node_scorer):
    framework, assessment = vector_case(vector)
    assessment["format_version"] = vector["assessment"]["format_version"]
    same(python_answer(framework, assessment), node_scorer.run(framework, assessment))


def _response(**over) -> dict:
    framework = {"strings": loader.default_strings(), **BASE}
    r = {"format": "kam-response", "format_version": 1, "framework": {"id": framework["id"], "version": framework["version"]},
         "for": "Jo", "id": "r-1", "rater": {"name": "Sam", "role": "peer"}, "ratings": {"a1": 2}, "comments": {"a1": "Often"}}
    return framework, {**r, **over}


def test_a_response_file_is_checked_with_where_and_why(node_scorer):
    framework, good = _response()
    assert scoring.check_response(framework, good) == {"errors": []}
    _, other = _response(framework={"id": framework["id"], "version": "old"})
    _, wrong = _response(format="kam-assessment", rater={"name": "Sam"}, comments=[])
    expected = {
        "other": [f'framework.version: this response is for version "old" of the framework, not "{framework["version"]}": '
                  "its ratings may not mean the same here"],
        "wrong": ['format: expected "kam-response", got "kam-assessment"',
                  "rater.role: unknown role null: expected manager, peer, customer, coach or other", "comments: expected an object"],
    }
    for name, response in (("other", other), ("wrong", wrong)):
        assert scoring.check_response(framework, response)["errors"] == expected[name]
        assert node_scorer.run(framework, response, kind="response")["errors"] == expected[name]
    assert scoring.check_response(framework, [])["errors"] == ["the file is not a response of ratings: expected a JSON object"]


def test_files_beyond_the_bounds_are_refused_alike_at_the_first_place(node_scorer):
    """A hostile file (nested too deep, too many values, too long a text) is refused by both scorers with the same
    words, at the same first place, before anything else is looked at."""
    framework = {"strings": loader.default_strings(), **BASE}
    head = {"format": "kam-assessment", "format_version": 2, "framework": {"id": framework["id"], "version": framework["version"]}}
    deep: object = "x"
    for _ in range(40):
        deep = {"k": deep}
    cases = {
        'submission["competencies"]["C1"]["k"]["k"]["k"]["k"]["k"]["k"]["k"]["k"]["k"]["k"]["k"]["k"]["k"]["k"]["k"]["k"]["k"]'
        '["k"]["k"]["k"]["k"]["k"]["k"]["k"]["k"]["k"]["k"]["k"]["k"]: nested more than 32 levels deep: not an assessment this site makes':
            {**head, "submission": {"competencies": {"C1": deep}}},
        '(file): more than 500,000 values: not an assessment this site makes': {**head, "notes": {str(i): "" for i in range(500_001)}},
        'notes["C1"]: a text of more than 200,000 characters': {**head, "notes": {"C1": "\U0001F600" * 100_001, "C2": "y" * 300_000}},
    }
    for message, assessment in cases.items():
        assert scoring.check(framework, assessment)["errors"] == [message]
        assert node_scorer.run(framework, assessment)["check"]["errors"] == [message]
    # within the bounds: 200,000 characters (100,000 emoji are 200,000 UTF-16 units), 32 levels
    fine = {**head, "notes": {"C1": "\U0001F600" * 100_000}}
    assert scoring.check(framework, fine)["errors"] == [] == node_scorer.run(framework, fine)["check"]["errors"]


def test_prototype_keys_are_refused_alike_with_a_reason(node_scorer):
    """__proto__, constructor and prototype as keys anywhere in a file would reach an object's prototype in the
    browser (a blank workspace, a page that throws): both scorers refuse them, naming the place."""
    framework = {"strings": loader.default_strings(), **BASE}
    head = {"format": "kam-assessment", "format_version": 2, "framework": {"id": framework["id"], "version": framework["version"]}}
    reason = "this name cannot be used here: it has a special meaning to the browser (a file made to break the page?)"
    cases = {
        f'submission["competencies"]["__proto__"]: {reason}': '{"submission": {"competencies": {"__proto__": {"evidence": 1}}}}',
        f'ratings["constructor"]: {reason}': '{"ratings": {"constructor": 2, "a1": 1}}',
        f'prototype: {reason}': '{"prototype": {}}',
    }
    for message, extra in cases.items():
        assessment = {**head, **json.loads(extra)}
        assert scoring.check(framework, assessment)["errors"] == [message]
        assert node_scorer.run(framework, assessment)["check"]["errors"] == [message]

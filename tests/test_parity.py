"""Property test: random small frameworks and assessments give exactly the same answer in Python and JavaScript."""

from __future__ import annotations

from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from conftest import python_answer, same


@st.composite
def frameworks(draw):
    top = draw(st.integers(1, 5))
    values = list(range(top + 1))
    n_comp = draw(st.integers(1, 5))
    competencies = []
    for c in range(n_comp):
        groups = []
        for g in range(draw(st.integers(1, 3))):
            groups.append({"id": f"c{c}-g{g}", "title": "g",
                           "indicators": [{"id": f"c{c}-g{g}-{i}", "text": "s"} for i in range(draw(st.integers(1, 4)))]})
        competencies.append({"id": f"c{c}", "area": "A", "title": "c", "groups": groups,
                             "theory": [{"text": "t", "theories": draw(st.lists(st.sampled_from(["t0", "t1", "t2"]), min_size=1, max_size=2))}]})
    comp_ids = [c["id"] for c in competencies]
    modules = [{"id": f"m{m}", "title": "m",
                "competencies": draw(st.lists(st.sampled_from(comp_ids), min_size=1, max_size=n_comp, unique=True))}
               for m in range(draw(st.integers(0, 5)))]
    profiles = [{"id": f"p{p}", "title": "p",
                 "targets": draw(st.dictionaries(st.sampled_from(comp_ids), st.sampled_from(values), max_size=n_comp))}
                for p in range(draw(st.integers(0, 3)))]
    pass_level = draw(st.sampled_from(values))
    return {
        "format": "kam-framework", "format_version": 1, "id": "random", "version": "1", "title": "Random",
        "scale": {"levels": [{"value": v, "label": str(v), "description": ""} for v in values],
                  "not_applicable": draw(st.booleans())},
        "rules": {"pass_level": pass_level, "group_floor": draw(st.integers(0, pass_level)),
                  "evidence_share": draw(st.one_of(st.sampled_from([0, 0.25, 1 / 3, 0.5, 2 / 3, 0.75, 1]),
                                                   st.floats(0, 1, allow_nan=False))),
                  "award_min": draw(st.integers(0, n_comp)), "will_high": draw(st.integers(1, 4))},
        "areas": [{"id": "A", "title": "A"}],
        "competencies": competencies, "modules": modules, "profiles": profiles,
        "diploma": {"word_guidance": {"min": 800, "max": 1200, "per": "competency", "binding": draw(st.booleans())},
                    "workspace": {"statuses": [{"id": "todo", "label": "To do"}, {"id": "doing", "label": "Doing"},
                                               {"id": "done", "label": "Done", "final": True}],
                                  "evidence_types": [{"id": "doc", "label": "Doc"}, {"id": "plan", "label": "Plan"}],
                                  "evidence_checks": [{"id": k, "label": k, "question": "?"} for k in draw(st.sampled_from([[], ["valid"], ["valid", "current"]]))],
                                  "linking_document": "Raw materials."}},
    }


junk = st.one_of(st.none(), st.booleans(), st.integers(-3, 9), st.floats(allow_nan=False, allow_infinity=False),
                 st.text(max_size=6), st.lists(st.integers(), max_size=2))


@st.composite
def cases(draw):
    fw = draw(frameworks())
    indicators = [i["id"] for c in fw["competencies"] for g in c["groups"] for i in g["indicators"]]
    comp_ids = [c["id"] for c in fw["competencies"]]
    values = [lv["value"] for lv in fw["scale"]["levels"]]
    valid = draw(st.integers(0, 9)) > 1  # mostly valid assessments, some with every kind of mistake
    rating = st.sampled_from(values + (["na"] if fw["scale"]["not_applicable"] else []))
    rating = st.one_of(rating, st.sampled_from([float(v) for v in values])) if valid else st.one_of(rating, junk)
    key = st.sampled_from(indicators) if valid else st.one_of(st.sampled_from(indicators), st.text(max_size=8))
    ckey = st.sampled_from(comp_ids) if valid else st.one_of(st.sampled_from(comp_ids), st.text(max_size=4))
    assessment = {
        "format": "kam-assessment" if valid else draw(st.sampled_from(["kam-assessment", "kam-assessment", "x", None])),
        "format_version": 1 if valid else draw(st.sampled_from([1, 1, 1.0, 2, "1", True])),
        "framework": {"id": "random", "version": draw(st.sampled_from(["1", "1", "1", "0"]))},
        "ratings": draw(st.dictionaries(key, rating, max_size=len(indicators) + 2)),
        "evidence": draw(st.dictionaries(key, st.booleans() if valid else st.one_of(st.booleans(), junk), max_size=len(indicators))),
        "will": draw(st.dictionaries(ckey, st.integers(1, 4) if valid else st.one_of(st.integers(0, 5), junk), max_size=len(comp_ids))),
        "notes": draw(st.dictionaries(ckey, st.text(max_size=10) if valid else st.one_of(st.text(max_size=3), junk), max_size=2)),
        "profile": draw(st.one_of(st.none(), st.sampled_from([p["id"] for p in fw["profiles"]] or [None]),
                                  st.just("nobody") if not valid else st.none())),
        "completed_modules": draw(st.lists(st.sampled_from([m["id"] for m in fw["modules"]] + ([] if valid else ["nope"])),
                                           max_size=3, unique=True)) if fw["modules"] or not valid else [],
    }
    group_ids = {c["id"]: [g["id"] for g in c["groups"]] for c in fw["competencies"]}
    text = st.text(max_size=5)
    evidence_item = st.fixed_dictionaries({}, optional={
        "title": text if valid else st.one_of(text, junk), "type": st.sampled_from(["doc", "plan"]) if valid else st.one_of(st.just("doc"), junk),
        "date": st.just("2026-01-01"), "own_share": st.integers(0, 100) if valid else st.one_of(st.integers(-5, 120), junk),
        "groups": st.lists(st.sampled_from(sum(group_ids.values(), []) + ["gone"]), max_size=3),
        "checks": st.dictionaries(st.sampled_from(["valid", "current"]), st.booleans() if valid else st.one_of(st.booleans(), junk), max_size=2)})
    entry = st.fixed_dictionaries({}, optional={
        "status": st.sampled_from(["todo", "doing", "done", ""]) if valid else st.one_of(st.just("done"), junk),
        "mode": st.sampled_from(["full", "linking"]) if valid else st.one_of(st.just("full"), junk),
        "words": st.one_of(st.none(), st.integers(0, 2000)) if valid else st.one_of(st.integers(-3, 2000), junk),
        "evidence": st.lists(evidence_item, max_size=3) if valid else st.one_of(st.lists(st.one_of(evidence_item, junk), max_size=2), junk),
        "theories": st.lists(st.sampled_from(["t0", "t1", "t2", "zz"]), max_size=3),
        "sign_off": st.fixed_dictionaries({}, optional={f: st.sampled_from(["", " ", "Ann", "2026-02-02"]) for f in ("name", "role", "date")})})
    if draw(st.booleans()):
        assessment["format_version"] = 2
        assessment["submission"] = draw(st.fixed_dictionaries({}, optional={
            "chosen": st.one_of(st.none(), st.lists(st.sampled_from(comp_ids), unique=True, max_size=len(comp_ids))) if valid
            else st.lists(st.sampled_from(comp_ids + ["x"]), max_size=3),
            "feedback_first": st.one_of(st.none(), st.sampled_from(comp_ids)),
            "competencies": st.dictionaries(ckey, entry, max_size=len(comp_ids))}))
    for optional in ("ratings", "evidence", "will", "notes", "profile", "completed_modules"):
        if draw(st.integers(0, 9)) == 0:
            del assessment[optional]
    return fw, assessment


@settings(max_examples=600, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(cases())
def test_python_and_javascript_agree_exactly(node_scorer, case):
    framework, assessment = case
    py = python_answer(framework, assessment)
    event("refused" if py["check"]["errors"] else "warned" if py["check"]["warnings"] else "scored")
    if "submission" in assessment and not py["check"]["errors"]:
        event(f"plan with {py['plan']['summary']['complete']} complete")
    same(py, node_scorer.run(framework, assessment))

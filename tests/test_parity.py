"""Property test: random small frameworks and assessments give exactly the same answer in Python and JavaScript."""

from __future__ import annotations

from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from conftest import python_answer, same

from macros import scoring


def within(top: float) -> st.SearchStrategy:
    """A number on a scale of 0..top: a whole value, a multiple of 0.25, or any float."""
    return st.one_of(st.integers(0, int(top)), st.integers(0, int(4 * top)).map(lambda q: q / 4), st.floats(0, top, allow_nan=False))


@st.composite
def frameworks(draw):
    top = draw(st.integers(1, 5))
    values = list(range(top + 1))
    # points per level: the values, missing (an older compiled dict: the values again), or any non-decreasing whole numbers
    points_kind = draw(st.sampled_from(["value", "missing", "random", "random"]))
    steps = draw(st.lists(st.integers(0, 8), min_size=top, max_size=top))
    points = [sum(steps[:v]) for v in values] if points_kind == "random" else values
    levels = [{"value": v, "label": str(v), "description": ""} | ({} if points_kind == "missing" else {"points": points[v]}) for v in values]
    n_comp = draw(st.integers(1, 5))
    competencies = []
    items = 0
    for c in range(n_comp):
        theory = [{"text": "t", "theories": draw(st.lists(st.sampled_from(["t0", "t1", "t2"]), min_size=1, max_size=2))}]
        if draw(st.integers(0, 2)) == 0:  # level-rated: one pick, the competency itself
            competencies.append({"id": f"c{c}", "area": "A", "title": "c", "rated": "levels", "groups": [],
                                 "levels": [{"value": v, "title": "", "summary": "s", "signals": [], "examples": []} for v in values[1:]],
                                 "theory": draw(st.sampled_from([[], theory]))})
            items += 1
            continue
        groups = []
        for g in range(draw(st.integers(1, 3))):
            groups.append({"id": f"c{c}-g{g}", "title": "g",
                           "indicators": [{"id": f"c{c}-g{g}-{i}", "text": "s"} for i in range(draw(st.integers(1, 4)))]})
            items += len(groups[-1]["indicators"])
        competency = {"id": f"c{c}", "area": "A", "title": "c", "rated": "statements", "groups": groups, "levels": [], "theory": theory}
        if draw(st.integers(0, 4)) == 0:
            del competency["rated"]  # an older compiled dict: statement-rated by its groups
        competencies.append(competency)
    comp_ids = [c["id"] for c in competencies]
    modules = [{"id": f"m{m}", "title": "m",
                "competencies": draw(st.lists(st.sampled_from(comp_ids), min_size=1, max_size=n_comp, unique=True))}
               for m in range(draw(st.integers(0, 5)))]
    profiles = [{"id": f"p{p}", "title": "p",
                 "targets": draw(st.dictionaries(st.sampled_from(comp_ids), st.one_of(st.sampled_from(values), within(top)), max_size=n_comp)),
                 "scope": draw(st.one_of(st.none(), st.lists(st.sampled_from(comp_ids), max_size=n_comp, unique=True)))}
                for p in range(draw(st.integers(0, 3)))]
    cap = points[-1] * items + 2
    bands = [{"id": f"b{k}", "title": "b", "min_points": m, "description": ""}
             for k, m in enumerate(sorted(draw(st.lists(st.one_of(st.integers(0, 6), st.integers(0, cap)), unique=True, max_size=4))))]
    pass_level = draw(st.one_of(st.sampled_from(values), within(top)))
    award_min = None if draw(st.integers(0, 3)) == 0 else draw(st.integers(0, n_comp))
    workspace = {"statuses": [{"id": "todo", "label": "To do"}, {"id": "doing", "label": "Doing"}, {"id": "done", "label": "Done", "final": True}],
                 "evidence_types": [{"id": "doc", "label": "Doc"}, {"id": "plan", "label": "Plan"}],
                 "evidence_checks": [{"id": k, "label": k, "question": "?"} for k in draw(st.sampled_from([[], ["valid"], ["valid", "current"]]))],
                 "linking_document": "Raw materials."}
    diploma = {"word_guidance": {"min": 800, "max": 1200, "per": "competency", "binding": draw(st.booleans())},
               "workspace": draw(st.sampled_from([workspace, workspace, workspace, None]))}
    framework = {
        "format": "kam-framework", "format_version": 2, "id": "random", "version": "1", "title": "Random",
        "scale": {"levels": levels, "not_applicable": draw(st.booleans())},
        "rules": {"pass_level": pass_level,
                  # mostly at most the pass level; sometimes above it, where only statement groups feel it
                  "group_floor": draw(st.one_of(st.integers(0, int(pass_level)), st.floats(0, pass_level, allow_nan=False),
                                                st.integers(0, int(4 * pass_level)).map(lambda q: q / 4), within(top))),
                  "evidence_share": draw(st.one_of(st.sampled_from([0, 0.25, 1 / 3, 0.5, 2 / 3, 0.75, 1]),
                                                   st.floats(0, 1, allow_nan=False))),
                  "award_min": award_min, "will_high": None if draw(st.integers(0, 3)) == 0 else draw(st.integers(1, 4))},
        "bands": bands,
        "areas": [{"id": "A", "title": "A"}],
        "competencies": competencies, "modules": modules, "profiles": profiles,
        # diploma.yml needs an award: no award, no diploma
        "diploma": None if award_min is None else draw(st.sampled_from([diploma, diploma, diploma, None])),
    }
    if draw(st.integers(0, 9)) == 0:
        del framework["bands"]  # an older compiled dict: no bands
    return framework


junk = st.one_of(st.none(), st.booleans(), st.integers(-3, 9), st.floats(allow_nan=False, allow_infinity=False),
                 st.text(max_size=6), st.lists(st.integers(), max_size=2))


def _answers(fw: dict, valid: bool):
    keys = [i["id"] for c in fw["competencies"] for g in c["groups"] for i in g["indicators"]] + [c["id"] for c in fw["competencies"]] + ["gone"]
    values = [lv["value"] for lv in fw["scale"]["levels"]] + (["na"] if fw["scale"]["not_applicable"] else [])
    rating = st.sampled_from(values) if valid else st.one_of(st.sampled_from(values), junk)
    return st.dictionaries(st.sampled_from(keys) if valid else st.one_of(st.sampled_from(keys), st.text(max_size=3)), rating, max_size=4), keys


def responses(fw: dict, valid: bool):
    """A response: a rater's ratings and comments (mostly valid; with every kind of mistake when not)."""
    ratings, keys = _answers(fw, valid)
    text = st.text(max_size=6)
    role = st.sampled_from(["manager", "peer", "customer", "coach", "other"])
    return st.fixed_dictionaries({
        "rater": st.fixed_dictionaries({"name": st.sampled_from(["Sam", "A B"]) if valid else st.one_of(text, junk),
                                        "role": role if valid else st.one_of(role, st.sampled_from(["self", "boss"]), junk)}),
    }, optional={
        "id": text if valid else st.one_of(text, junk), "request": st.one_of(st.none(), text), "created": st.just("2026-12-01T10:00:00Z") if valid else junk,
        "message": text, "ratings": ratings,
        "comments": st.dictionaries(st.sampled_from(keys), text if valid else st.one_of(text, junk), max_size=3)})


def snapshots(fw: dict, valid: bool):
    ratings, keys = _answers(fw, valid)
    return st.fixed_dictionaries({"taken": st.just("2026-11-01T09:00:00Z") if valid else st.one_of(st.just("2026-11-01"), junk)}, optional={
        "label": st.text(max_size=5) if valid else st.one_of(st.text(max_size=5), junk), "ratings": ratings,
        "evidence": st.dictionaries(st.sampled_from(keys), st.booleans() if valid else st.one_of(st.booleans(), junk), max_size=3)})


@st.composite
def response_files(draw):
    fw = draw(frameworks())
    valid = draw(st.integers(0, 9)) > 2
    body = draw(responses(fw, valid))
    head = {"format": "kam-response" if valid else draw(st.sampled_from(["kam-response", "kam-assessment", None])),
            "format_version": 1 if valid else draw(st.sampled_from([1, 1.0, 2, "1", True])),
            "framework": {"id": "random" if valid else draw(st.sampled_from(["random", "other"])), "version": draw(st.sampled_from(["1", "1", "0"]))},
            "for": draw(st.sampled_from(["Jo", None]) if valid else st.one_of(st.just("Jo"), junk))}
    return fw, {**head, **body}


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(response_files())
def test_response_files_are_checked_alike(node_scorer, case):
    framework, response = case
    py = scoring.check_response(framework, response)
    event("refused" if py["errors"] else "accepted")
    same(py, node_scorer.run(framework, response, kind="response"))


@st.composite
def cases(draw):
    fw = draw(frameworks())
    # what ratings are keyed by: indicators, and level-rated competencies themselves
    indicators = [i["id"] for c in fw["competencies"] for g in c["groups"] for i in g["indicators"]] + \
        [c["id"] for c in fw["competencies"] if not c["groups"]]
    comp_ids = [c["id"] for c in fw["competencies"]]
    values = [lv["value"] for lv in fw["scale"]["levels"]]
    valid = draw(st.integers(0, 9)) > 1  # mostly valid assessments, some with every kind of mistake
    rating = st.sampled_from(values + (["na"] if fw["scale"]["not_applicable"] else []))
    rating = st.one_of(rating, st.sampled_from([float(v) for v in values])) if valid else st.one_of(rating, junk)
    # a statement-rated competency's own id is a valid key too, orphaned
    key = st.one_of(st.sampled_from(indicators), st.sampled_from(comp_ids)) if valid else st.one_of(st.sampled_from(indicators), st.text(max_size=8))
    ckey = st.sampled_from(comp_ids) if valid else st.one_of(st.sampled_from(comp_ids), st.text(max_size=4))
    assessment = {
        "format": "kam-assessment" if valid else draw(st.sampled_from(["kam-assessment", "kam-assessment", "x", None])),
        "format_version": draw(st.sampled_from([1, 2])) if valid else draw(st.sampled_from([1, 1, 1.0, 2, "1", True])),
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
    if draw(st.integers(0, 3)) == 0:  # ratings others gave (360, coach) and dated snapshots: checked, never scored
        assessment["responses"] = draw(st.lists(responses(fw, valid), max_size=3) if valid else st.one_of(st.lists(st.one_of(responses(fw, valid), junk), max_size=2), junk))
        assessment["snapshots"] = draw(st.lists(snapshots(fw, valid), max_size=3) if valid else st.one_of(st.lists(st.one_of(snapshots(fw, valid), junk), max_size=2), junk))
    names = st.one_of(st.none(), st.text(max_size=12))
    assessment["name"] = draw(names if valid else st.one_of(names, junk))
    for optional in ("name", "ratings", "evidence", "will", "notes", "profile", "completed_modules"):
        if draw(st.integers(0, 9)) == 0:
            del assessment[optional]
    return fw, assessment


@settings(max_examples=600, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(cases())
def test_python_and_javascript_agree_exactly(node_scorer, case):
    framework, assessment = case
    py = python_answer(framework, assessment)
    event("refused" if py["check"]["errors"] else "warned" if py["check"]["warnings"] else "scored")
    if py["result"]:
        kinds = {c.get("rated", "statements") for c in framework["competencies"]}
        event("rated by " + " and ".join(sorted(kinds)))
        event("a band reached" if py["result"]["summary"]["band"] else "no band")
        event("no award" if py["result"]["summary"]["required"] is None else "an award")
    if "submission" in assessment and py["plan"]:
        event(f"plan with {py['plan']['summary']['complete']} complete")
    same(py, node_scorer.run(framework, assessment))

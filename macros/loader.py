"""Load ``framework/`` into the compiled framework (DESIGN.md §3), or fail with every problem.

Three passes, each reporting all it finds:

1. read every file strictly (``yamlsource``): encoding, tabs, syntax, duplicate keys;
2. check each file against its JSON Schema (``schemas/``): unknown keys, missing
   fields, types, empty lists;
3. check what spans files: unique ids, every cross-reference, the scale and rules.

A file that cannot be read (pass 1) is left out of pass 3. A file with schema
problems takes part in pass 3 without the top-level fields that have them (and
is left out only when a required field is missing), so that one typo neither
hides the problems across files nor buries the report in echoes: the checks
that would echo a dropped field are skipped, and a message repeated more than
``FOLD`` times is shown ``FOLD`` times with how many more there are.
Warnings (e.g. an unused theory) are reported but do not fail.
"""

from __future__ import annotations

import difflib
import json
from dataclasses import replace
import re
import string
from functools import cache
from pathlib import Path
from typing import Any, Iterable

import jsonschema

from . import templating, yamlsource
from .problems import FrameworkError, Problem, display_path
from .strings import STRINGS, default_strings, placeholders
from .yamlsource import Source

FORMAT = "kam-framework"
FORMAT_VERSION = 2  # 2: level-rated competencies, points, bands, optional parts, profile scope
SCHEMA_DIR = Path(__file__).parent / "schemas"
COMPETENCY_DIR = "competencies"
FILES = {  # file in the framework folder -> its schema
    "framework.yml": "framework",
    "scale.yml": "scale",
    "theories.yml": "theories",
    "curriculum.yml": "curriculum",
    "profiles.yml": "profiles",
    "diploma.yml": "diploma",
    "glossary.yml": "glossary",
    "strings.yml": "strings",
}
OPTIONAL = {"strings.yml", "theories.yml", "curriculum.yml", "profiles.yml", "diploma.yml", "glossary.yml"}  # may be left out
PLACEHOLDERS = ("award_min", "competency_count", "words_min", "words_max")
FOLD = 3  # a message given more often than this is folded
WARNING = "warning"  # the kind of a problem that does not fail the build


def load(directory: str | Path) -> dict[str, Any]:
    """The compiled framework of ``directory``; raises FrameworkError listing every problem (warnings do not count)."""
    return _load(Path(directory))[0]


def check(directory: str | Path) -> tuple[list[Problem], list[Problem]]:
    """(errors, warnings) of ``directory``, each folded; no errors means it compiles."""
    try:
        return [], _load(Path(directory))[1]
    except FrameworkError as exc:
        return exc.problems, getattr(exc, "warnings", [])


def _load(directory: Path) -> tuple[dict[str, Any], list[Problem]]:
    sources, problems = _read_all(directory)
    problems += _cross_check(sources)
    problems += templating.check(directory)  # the framework's own page templates: known names, Jinja that parses
    errors = fold([p for p in problems if p.kind != WARNING])
    warnings = fold([p for p in problems if p.kind == WARNING])
    if errors:
        exc = FrameworkError(errors)
        exc.warnings = FrameworkError(warnings).problems
        raise exc
    framework = _compile(sources, directory)
    _check_sample(framework, directory)
    return framework, FrameworkError(warnings).problems


def fold(problems: list[Problem]) -> list[Problem]:
    """The problems in order, a message given more than FOLD times shown FOLD times, the last saying how many more."""
    ordered = FrameworkError(problems).problems
    count: dict[str, int] = {}
    for p in ordered:
        count[p.message] = count.get(p.message, 0) + 1
    out, shown = [], {}
    for p in ordered:
        k = shown[p.message] = shown.get(p.message, 0) + 1
        if k < FOLD or (k == FOLD and count[p.message] == FOLD):
            out.append(p)
        elif k == FOLD:
            out.append(replace(p, message=f"{p.message} (… and {count[p.message] - FOLD} more like this)"))
    return out


def _check_sample(framework: dict[str, Any], directory: Path) -> None:
    """The sample assessment must be one the site accepts."""
    from . import scoring

    if not framework["sample_assessment"]:
        return
    path = directory / framework["sample_assessment"]
    name = display_path(path)
    try:
        sample = json.loads(path.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise FrameworkError([Problem(name, getattr(exc, "lineno", 1), "(json)", f"not valid JSON: {exc}")]) from None
    errors = scoring.check(framework, sample)["errors"]
    if errors:
        raise FrameworkError([Problem(name, 1, "(assessment)", e) for e in errors])


_CACHE: dict[Path, tuple[tuple, dict[str, Any]]] = {}


def load_cached(directory: str | Path) -> dict[str, Any]:
    """``load``, once per state of the folder: the build's macros and hooks share one load."""
    directory = Path(directory).resolve()
    files = [*(p for p in directory.rglob("*") if p.is_file()), STRINGS]  # the folder, and the interface's English texts
    stamp = tuple(sorted((str(p), p.stat().st_mtime_ns, p.stat().st_size) for p in files))
    cached = _CACHE.get(directory)
    if cached and cached[0] == stamp:
        return cached[1]
    framework = load(directory)
    _CACHE[directory] = (stamp, framework)
    return framework


def validate(directory: str | Path) -> list[Problem]:
    """The errors of ``directory`` (warnings left out)."""
    return check(directory)[0]


# ---------------------------------------------------------------- pass 1 and 2


@cache
def schema(name: str) -> dict:
    return json.loads((SCHEMA_DIR / f"{name}.schema.json").read_text(encoding="utf-8"))


def _read_all(directory: Path) -> tuple[dict[str, Any], list[Problem]]:
    problems: list[Problem] = []
    if not directory.is_dir():
        raise FrameworkError([Problem(display_path(directory), 1, "(folder)", "framework folder not found")])
    sources: dict[str, Any] = {}
    for name, kind in FILES.items():
        path = directory / name
        if not path.is_file():
            if name not in OPTIONAL:
                problems.append(Problem(display_path(path), 1, "(file)", "required file is missing"))
            continue
        sources[name] = _checked(path, kind, problems)
    for path in sorted(directory.iterdir()):
        if path.suffix in (".yml", ".yaml") and path.name not in FILES:
            problems.append(Problem(display_path(path), 1, "(file)",
                                    f"unknown framework file: expected one of {', '.join(FILES)} or {COMPETENCY_DIR}/*.yml"))
    comp_dir = directory / COMPETENCY_DIR
    comp_files = sorted(comp_dir.glob("*.y*ml")) if comp_dir.is_dir() else []
    if not comp_files:
        problems.append(Problem(display_path(comp_dir), 1, "(folder)", "no competency files: add competencies/<id>-<title>.yml"))
    sources["competencies"] = []
    for path in comp_files:
        if path.suffix == ".yaml":
            problems.append(Problem(display_path(path), 1, "(file)", "competency files end in .yml"))
            continue
        sources["competencies"].append(_checked(path, "competency", problems))
    return sources, problems


def _checked(path: Path, kind: str, problems: list[Problem]) -> Source | None:
    """The parsed source, without the top-level fields that break its schema (``partial`` then), or None when it
    cannot be read or misses a required field (problems recorded)."""
    src = yamlsource.read(path)
    problems += [replace(p, kind="syntax") for p in src.problems]
    if src.problems:
        return None
    if not isinstance(src.data, dict):
        problems.append(replace(src.problem((), "expected a mapping of fields (key: value) at the top of the file"), kind="schema"))
        return None
    errors = list(jsonschema.Draft202012Validator(schema(kind)).iter_errors(src.data))
    problems += [replace(p, kind="schema") for err in errors for p in _schema_problem(src, err)]
    broken: set[str] = set()
    for err in errors:
        if err.absolute_path:
            broken.add(err.absolute_path[0])
        elif err.validator == "additionalProperties":  # unknown top-level keys: they go, the rest stays
            broken |= set(err.instance) - set(err.schema.get("properties", {}))
        else:
            return None  # a required field is missing: nothing in the file can be relied on
    if broken & set(schema(kind).get("required", [])):
        return None
    src.data = {k: v for k, v in src.data.items() if k not in broken}
    src.dropped = frozenset(broken)
    return src


_TYPE_NAMES = {"string": "text", "integer": "a whole number", "number": "a number", "boolean": "true or false",
               "array": "a list", "object": "a mapping of fields", "null": "nothing"}


def _describe(value: Any) -> str:
    if value is None:
        return "nothing (an empty value)"
    if isinstance(value, bool):
        return f"{str(value).lower()}"
    if isinstance(value, (int, float)):
        return f"the number {value}"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping of fields"
    return type(value).__name__  # dates and the like


def _schema_problem(src: Source, err: jsonschema.ValidationError) -> list[Problem]:
    path = tuple(err.absolute_path)
    rule, expected, sch, value = err.validator, err.validator_value, err.schema, err.instance
    if rule == "required":
        return [src.problem(path + (key,), "required field is missing") for key in expected if key not in value]
    if rule == "additionalProperties":
        known = list(sch.get("properties", {}))
        out = []
        for key in value:
            if key in known:
                continue
            near = difflib.get_close_matches(key, known, n=1)
            hint = f" (did you mean '{near[0]}'?)" if near else f"; allowed: {', '.join(known)}"
            out.append(src.problem(path + (key,), f"unknown key{hint}"))
        return out
    if rule == "type":
        wanted = " or ".join(_TYPE_NAMES[t] for t in ([expected] if isinstance(expected, str) else expected))
        raw = src.raw.get(path)
        hint = f' (write it in quotes: "{raw}")' if wanted == "text" and raw is not None and not isinstance(value, str) else ""
        return [src.problem(path, f"expected {wanted}, got {_describe(value)}{hint}")]
    if rule in ("minItems", "minProperties", "minLength"):
        return [src.problem(path, "must not be empty" if expected == 1 else f"needs at least {expected} items")]
    if rule == "minimum":
        return [src.problem(path, f"must be at least {expected}, got {value}")]
    if rule == "maximum":
        return [src.problem(path, f"must be at most {expected}, got {value}")]
    if rule == "anyOf" and not path:  # a competency with neither groups nor levels
        return [src.problem(path, "give groups (rated statement by statement), levels (one level picked), or both")]
    if "x-message" in sch:
        return [src.problem(path, f"{sch['x-message']}, got {value!r}")]
    return [src.problem(path, err.message)]  # pragma: no cover - every schema rule in use is handled above


# ---------------------------------------------------------------- pass 3


class _Checker:
    """Collects cross-file problems; each check skips what a broken file would make noise of."""

    def __init__(self, sources: dict[str, Any]):
        self.s = sources
        self.problems: list[Problem] = []

    def add(self, src: Source, path: tuple, message: str, kind: str = "reference") -> None:
        self.problems.append(replace(src.problem(path, message), kind=kind))

    def unique(self, items: Iterable[tuple[str, Source, tuple]], what: str) -> None:
        seen: dict[str, tuple[Source, tuple]] = {}
        for ident, src, path in items:
            if ident in seen:
                first_src, first_path = seen[ident]
                where = f"line {first_src.line(first_path)}" if first_src is src else f"{first_src.name}:{first_src.line(first_path)}"
                self.add(src, path, f"duplicate {what} id '{ident}': already used at {where}")
            else:
                seen[ident] = (src, path)

    def known(self, ident: str, ids: set[str] | None, src: Source, path: tuple, what: str) -> None:
        if ids is None or ident in ids:
            return
        near = difflib.get_close_matches(ident, sorted(ids), n=1)
        hint = f" (did you mean '{near[0]}'?)" if near else ""
        self.add(src, path, f"unknown {what} '{ident}'{hint}")


def _cross_check(s: dict[str, Any]) -> list[Problem]:
    c = _Checker(s)
    fw, scale, theories, curriculum, profiles, diploma, glossary, strings = (s.get(n) for n in FILES)
    comps: list[Source] = [x for x in s["competencies"] if x]
    # Checks that a missing competency would make noise of (an area without competencies, an unused theory,
    # a reference to a competency) need every competency file whole.
    all_comps_clean = all(x and not x.partial for x in s["competencies"])
    fw_whole = fw is not None and "areas" not in fw.dropped

    area_ids = type_ids = theory_ids = None
    if fw:
        guides = fw.data.get("guides", [])
        for i, g in enumerate(guides):
            if not (fw.path.parent / g["file"]).is_file():
                c.add(fw, ("guides", i, "file"), f"file not found: {fw.path.parent / g['file']}")
        c.unique(((g["file"], fw, ("guides", i, "file")) for i, g in enumerate(guides)), "guide")
        if "sample_assessment" in fw.data and not (fw.path.parent / fw.data["sample_assessment"]).is_file():
            c.add(fw, ("sample_assessment",), f"file not found: {fw.path.parent / fw.data['sample_assessment']}")
        c.unique(((a["id"], fw, ("areas", i, "id")) for i, a in enumerate(fw.data["areas"])), "area")
        c.unique(((t["id"], fw, ("types", i, "id")) for i, t in enumerate(fw.data.get("types", []))), "type")
        area_ids = {a["id"] for a in fw.data["areas"]}
        if "types" not in fw.dropped:
            type_ids = {t["id"] for t in fw.data.get("types", [])}
    if theories:
        c.unique(((t["id"], theories, ("theories", i, "id")) for i, t in enumerate(theories.data["theories"])), "theory")
        theory_ids = {t["id"] for t in theories.data["theories"]}
    elif "theories.yml" not in s:
        theory_ids = set()  # no theory library: a competency cannot point at one

    comp_ids = {x.data["id"] for x in comps} if all_comps_clean else None
    c.unique(((x.data["id"], x, ("id",)) for x in comps), "competency")
    c.unique((ident for x in comps for ident in _statement_ids(x)), "group or statement")
    by_id = {x.data["id"]: x for x in comps}  # one namespace: a level-rated competency is rated under its own id
    for ident, src, path in (ident for x in comps for ident in _statement_ids(x)):
        if ident in by_id:
            other = by_id[ident]
            c.add(src, path, f"'{ident}' is also the id of a competency ({other.name}:{other.line(('id',))}): "
                             "competencies, groups and statements need ids of their own")
    top = _scale_top(scale)
    for x in comps:
        d = x.data
        c.known(d["area"], area_ids, x, ("area",), "area")
        if "type" in d:
            if type_ids == set():
                c.add(x, ("type",), "framework.yml has no types: leave type out, or add types to framework.yml")
            else:
                c.known(d["type"], type_ids, x, ("type",), "competency type")
        elif type_ids:
            c.add(x, ("type",), f"required field is missing: framework.yml has types ({', '.join(sorted(type_ids))})")
        for i, note in enumerate(d.get("notes", [])):
            for j, ref in enumerate(note.get("see", [])):
                c.known(ref, comp_ids, x, ("notes", i, "see", j), "competency")
                if ref == d["id"]:
                    c.add(x, ("notes", i, "see", j), "a note cannot point at its own competency")
        for i, item in enumerate(d.get("theory", [])):
            for j, ref in enumerate(item["theories"]):
                if theory_ids == set() and "theories.yml" not in s:
                    c.add(x, ("theory", i, "theories", j), f"unknown theory '{ref}': the framework has no theories.yml")
                else:
                    c.known(ref, theory_ids, x, ("theory", i, "theories", j), "theory")
        _check_levels(c, x, top)

    if fw_whole and all_comps_clean:
        used = {x.data["area"] for x in comps}
        for i, a in enumerate(fw.data["areas"]):
            if a["id"] not in used:
                c.add(fw, ("areas", i, "id"), f"area '{a['id']}' has no competencies")
    if theories and all_comps_clean:
        used = {ref for x in comps for item in x.data.get("theory", []) for ref in item["theories"]}
        used |= _linked_from_guides(fw)  # a theory only the framework's guides use, e.g. a coaching model
        for i, t in enumerate(theories.data["theories"]):
            if t["id"] not in used:
                c.add(theories, ("theories", i, "id"), f"theory '{t['id']}' is not used by any competency", kind=WARNING)

    if scale:
        _check_scale(c, scale, top, len(comp_ids) if comp_ids is not None else None, diploma)
    if curriculum:
        _check_curriculum(c, curriculum, comp_ids, type_ids)
    if profiles:
        _check_profiles(c, profiles, comp_ids, top)
    if diploma:
        _check_diploma(c, diploma)
    if glossary:
        _check_glossary(c, glossary)
    if strings:
        _check_strings(c, strings)
    return c.problems


def _linked_from_guides(fw: Source | None) -> set[str]:
    """Ids of the theories the framework's guide pages link to (``theory.md#<id>``)."""
    import re

    out: set[str] = set()
    for g in (fw.data.get("guides", []) if fw else []):
        path = fw.path.parent / g["file"]
        if path.is_file():
            out |= set(re.findall(r"theory\.md#([a-z0-9-]+)", path.read_text(encoding="utf-8")))
    return out


def _statement_ids(x: Source) -> Iterable[tuple[str, Source, tuple]]:
    for i, g in enumerate(x.data.get("groups", [])):
        yield g["id"], x, ("groups", i, "id")
        for j, ind in enumerate(g["indicators"]):
            yield ind["id"], x, ("groups", i, "indicators", j, "id")


def _scale_top(src: Source | None) -> int | None:
    """The largest scale value, or None when the scale cannot be relied on."""
    if src is None or "scale" not in src.data:
        return None
    levels = src.data["scale"]["levels"]
    return len(levels) - 1 if all(lv["value"] == i for i, lv in enumerate(levels)) else None


def _check_levels(c: _Checker, x: Source, top: int | None) -> None:
    """Level descriptors: values on the scale, each once; a level-rated competency describes every value above 0."""
    levels = x.data.get("levels", [])
    seen: dict[int, int] = {}
    for i, lv in enumerate(levels):
        if lv["value"] in seen:
            c.add(x, ("levels", i, "value"), f"a second descriptor for level {lv['value']}: the first is at line "
                                             f"{x.line(('levels', seen[lv['value']], 'value'))}")
        seen.setdefault(lv["value"], i)
    if top is None:
        return
    for i, lv in enumerate(levels):
        if lv["value"] > top:
            c.add(x, ("levels", i, "value"), f"is not a value of the scale, 0 to {top}, got {lv['value']}")
    if "levels" in x.data and "groups" not in x.data and "groups" not in x.dropped:
        missing = sorted(set(range(1, top + 1)) - {lv["value"] for lv in levels})
        if missing:
            c.add(x, ("levels",), f"a level-rated competency needs a descriptor for every scale value above 0: "
                                  f"missing {', '.join(map(str, missing))}")


def _check_scale(c: _Checker, src: Source, top: int | None, n_competencies: int | None, diploma: Source | None) -> None:
    d = src.data
    if "scale" in d:
        levels = d["scale"]["levels"]
        for i, level in enumerate(levels):
            if level["value"] != i:
                c.add(src, ("scale", "levels", i, "value"), f"scale values must be 0, 1, 2, … in order: expected {i}, got {level['value']}")
        c.unique(((lv["label"], src, ("scale", "levels", i, "label")) for i, lv in enumerate(levels)), "level label")
        points = [lv.get("points", lv["value"]) for lv in levels]
        for i in range(1, len(levels)):
            if points[i] < points[i - 1]:
                c.add(src, ("scale", "levels", i, "points"), f"points must not decrease from one level to the next: "
                                                             f"{points[i]} is below {points[i - 1]}")
    coaching = d.get("coaching")
    if coaching is not None:
        c.unique(((st["id"], src, ("coaching", i, "id")) for i, st in enumerate(coaching)), "coaching style")
        c.unique(((f"skill {st['skill']}, will {st['will']}", src, ("coaching", i)) for i, st in enumerate(coaching)),
                 "coaching quadrant")
    bands = d.get("bands", [])
    c.unique(((b["id"], src, ("bands", i, "id")) for i, b in enumerate(bands)), "band")
    for i in range(1, len(bands)):
        if bands[i]["min_points"] <= bands[i - 1]["min_points"]:
            c.add(src, ("bands", i, "min_points"), f"bands go in ascending order of min_points: "
                                                   f"{bands[i]['min_points']} is not above {bands[i - 1]['min_points']}")
    if "rules" not in d:
        return
    rules = d["rules"]
    if "coaching" in d and "will_high" not in rules:
        c.add(src, ("rules",), "will_high is missing: the coaching styles need it (or leave coaching out)")
    if "will_high" in rules and "coaching" not in d and "coaching" not in src.dropped:
        c.add(src, ("rules", "will_high"), "there are no coaching styles: add coaching, or leave will_high out")
    if diploma is not None and "award_min" not in rules:
        c.add(src, ("rules",), "award_min is missing: diploma.yml describes an award, which needs it")
    if top is None:
        return
    for key in ("pass_level", "group_floor"):
        if key in rules and not 0 <= rules[key] <= top:
            c.add(src, ("rules", key), f"must be within the scale, 0 to {top}, got {rules[key]}")
    if rules.get("group_floor", 0) > rules.get("pass_level", top):
        c.add(src, ("rules", "group_floor"), f"must not be above pass_level ({rules['pass_level']})")
    if n_competencies is not None and rules.get("award_min", 0) > n_competencies:
        c.add(src, ("rules", "award_min"), f"is {rules['award_min']} but the framework has only {n_competencies} competencies")


def _check_curriculum(c: _Checker, src: Source, comp_ids: set[str] | None, type_ids: set[str] | None) -> None:
    tracks = src.data["tracks"]
    c.unique(((t["id"], src, ("tracks", i, "id")) for i, t in enumerate(tracks)), "track")
    c.unique(((m["id"], src, ("tracks", i, "modules", j, "id"))
              for i, t in enumerate(tracks) for j, m in enumerate(t["modules"])), "module")
    for i, t in enumerate(tracks):
        if "type" in t:
            c.known(t["type"], type_ids, src, ("tracks", i, "type"), "competency type")
        levels = t.get("levels", [])
        for j, m in enumerate(t["modules"]):
            if "level" in m and m["level"] not in levels:
                allowed = ", ".join(levels) if levels else "none: the track has no levels"
                c.add(src, ("tracks", i, "modules", j, "level"), f"unknown level '{m['level']}': the track's levels are {allowed}")
            for ref in m["develops"]:
                c.known(ref, comp_ids, src, ("tracks", i, "modules", j, "develops", ref), "competency")


def _check_profiles(c: _Checker, src: Source, comp_ids: set[str] | None, top: int | None) -> None:
    profiles = src.data["profiles"]
    c.unique(((p["id"], src, ("profiles", i, "id")) for i, p in enumerate(profiles)), "profile")
    for i, p in enumerate(profiles):
        default = p.get("default")
        if isinstance(default, str) and default != "pass_level":
            c.add(src, ("profiles", i, "default"), f"must be a scale value or pass_level, got '{default}'")
        elif not isinstance(default, str) and default is not None and top is not None and not 0 <= default <= top:
            c.add(src, ("profiles", i, "default"), f"target {default} is outside the scale, 0 to {top}")
        scope = p.get("scope")
        for j, ref in enumerate(scope or []):
            c.known(ref, comp_ids, src, ("profiles", i, "scope", j), "competency")
        c.unique(((ref, src, ("profiles", i, "scope", j)) for j, ref in enumerate(scope or [])), "scope competency")
        for ref, target in p.get("targets", {}).items():
            path = ("profiles", i, "targets", ref)
            c.known(ref, comp_ids, src, path, "competency")
            if scope is not None and ref not in scope:
                c.add(src, path, "is not in the profile's scope: add it to scope, or leave its target out")
            if top is not None and not 0 <= target <= top:
                c.add(src, path, f"target {target} is outside the scale, 0 to {top}")
        if default is None and not p.get("targets"):
            c.add(src, ("profiles", i), "has neither targets nor a default: give at least one")


def _check_diploma(c: _Checker, src: Source) -> None:
    d = src.data["diploma"]
    wg = d["word_guidance"]
    if wg["min"] > wg["max"]:
        c.add(src, ("diploma", "word_guidance", "min"), f"is larger than max ({wg['max']})")
    texts = [(("diploma", "rules", i, key), r[key]) for i, r in enumerate(d["rules"]) for key in ("title", "text")]
    for path, text in texts:
        try:
            names = {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}
        except ValueError as exc:
            c.add(src, path, f"bad placeholder: {exc} (write {{{{ and }}}} for literal braces)")
            continue
        for name in sorted(names - set(PLACEHOLDERS)):
            c.add(src, path, f"unknown placeholder {{{name}}}: use one of {', '.join('{' + p + '}' for p in PLACEHOLDERS)}")
    c.unique(((r["id"], src, ("diploma", "rules", i, "id")) for i, r in enumerate(d["rules"])), "diploma rule")
    if "workspace" not in d:
        return
    ws = d["workspace"]
    for key in ("statuses", "evidence_types", "evidence_checks"):
        c.unique(((x["id"], src, ("diploma", "workspace", key, i, "id")) for i, x in enumerate(ws[key])), key[:-1].replace("_", " "))
    finals = [i for i, x in enumerate(ws["statuses"]) if x.get("final")]
    if len(finals) != 1:
        c.add(src, ("diploma", "workspace", "statuses"), f"exactly one status must be final: true, found {len(finals)}")


def _check_glossary(c: _Checker, src: Source) -> None:
    terms = src.data["terms"]
    c.unique(((t["term"], src, ("terms", i, "term")) for i, t in enumerate(terms)), "glossary term")
    names = {t["term"] for t in terms}
    for i, t in enumerate(terms):
        for j, ref in enumerate(t.get("see", [])):
            c.known(ref, names, src, ("terms", i, "see", j), "glossary term")


def _check_strings(c: _Checker, src: Source) -> None:
    defaults = default_strings()
    for key, text in src.data["strings"].items():
        path = ("strings", key)
        if key not in defaults:
            c.known(key, set(defaults), src, path, "string")
            continue
        wanted, got = placeholders(defaults[key]), placeholders(text)
        if set(wanted) != set(got):
            c.add(src, path, f"placeholders must be {_names(wanted)}: got {_names(got)}")


def _names(params: list[str]) -> str:
    return ", ".join(f"{{{p}}}" for p in params) or "none"


# ---------------------------------------------------------------- compile


def natural_key(ident: str) -> tuple:
    """'1.10' after '1.9': numbers compare as numbers."""
    return tuple((0, int(part), "") if part.isdigit() else (1, 0, part) for part in re.split(r"(\d+)", ident) if part)


def _compile(s: dict[str, Any], directory: Path) -> dict[str, Any]:
    def data(name: str) -> dict[str, Any]:
        return s[name].data if s.get(name) else {}

    fw, scale = data("framework.yml"), data("scale.yml")
    overrides = data("strings.yml").get("strings", {})
    tracks = data("curriculum.yml").get("tracks", [])
    dip = data("diploma.yml").get("diploma")
    area_order = {a["id"]: i for i, a in enumerate(fw["areas"])}
    sources = sorted(s["competencies"], key=lambda x: (area_order[x.data["area"]], natural_key(x.data["id"])))
    modules = [
        {"id": m["id"], "title": m["title"], "competencies": list(m["develops"]), "track": t["id"],
         "level": m.get("level"), "qualifier": m.get("qualifier"), "summary": m.get("summary", ""),
         "reasons": dict(m["develops"])}
        for t in tracks for m in t["modules"]
    ]
    competencies = []
    for x in sources:
        d = x.data
        groups = d.get("groups", [])
        competencies.append({
            "id": d["id"], "area": d["area"], "type": d.get("type"), "title": d["title"], "name": _name(d["id"], d["title"]),
            "description": d.get("description", ""),
            "rated": "statements" if groups else "levels",
            "levels": [{"value": lv["value"], "title": lv.get("title", ""), "summary": lv["summary"],
                        "signals": lv.get("signals", []), "examples": lv.get("examples", [])}
                       for lv in sorted(d.get("levels", []), key=lambda lv: lv["value"])],
            "rationale": d.get("rationale", []),
            "notes": [{"text": n["text"], "see": n.get("see", []), "editorial": n.get("editorial")} for n in d.get("notes", [])],
            "groups": [{"id": g["id"], "title": g["title"],
                        "indicators": [{"id": i["id"], "text": i["text"]} for i in g["indicators"]]} for g in groups],
            "theory": [{"text": t["text"], "theories": t["theories"]} for t in d.get("theory", [])],
            "evidence": d.get("evidence", []),
            "modules": [m["id"] for m in modules if d["id"] in m["competencies"]],
            "file": x.path.relative_to(directory).as_posix(),
        })
    comp_ids = [c["id"] for c in competencies]
    rules = {"pass_level": scale["rules"]["pass_level"], "group_floor": 0, "evidence_share": 0, "award_min": None,
             "will_high": None, "review_difference": 2, **scale["rules"]}
    levels = [{**lv, "points": lv.get("points", lv["value"])} for lv in scale["scale"]["levels"]]
    bands = [{"id": b["id"], "title": b["title"], "min_points": b["min_points"], "description": b.get("description", "")}
             for b in scale.get("bands", [])]
    theories = data("theories.yml").get("theories", [])
    glossary = data("glossary.yml").get("terms", [])
    profiles = [_profile(p, comp_ids, rules["pass_level"]) for p in data("profiles.yml").get("profiles", [])]
    types = fw.get("types", [])
    source = {"url": "", "licence": "", "about": "", **fw["source"]} if "source" in fw else None
    diploma = None
    if dip is not None:
        values = {"award_min": rules["award_min"], "competency_count": len(comp_ids),
                  "words_min": dip["word_guidance"]["min"], "words_max": dip["word_guidance"]["max"]}
        diploma = {"audience": "", "judged_by": "", "page": "award", **dip, "workspace": dip.get("workspace"),
                   "sign_off": {"decided_by": "", **dip["sign_off"]},
                   "rules": [{**r, "title": r["title"].format(**values), "text": r["text"].format(**values)} for r in dip["rules"]]}
    short_title = fw.get("short_title", fw["title"])
    return {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "id": fw["id"],
        "version": fw["version"],
        "title": fw["title"],
        "short_title": short_title,
        "site_name": fw.get("site_name", f"{short_title} handbook"),
        "site_description": fw.get("site_description", fw["title"]),
        "sample_assessment": fw.get("sample_assessment"),
        "language": fw.get("language", "en"),
        "source": source,
        "notes": [n["text"] for n in fw.get("notes", [])],
        "guides": [{"title": g["title"], "file": g["file"], "page": g["file"].removeprefix("pages/")} for g in fw.get("guides", [])],
        "scale": {"levels": levels, "not_applicable": scale["scale"]["not_applicable"]},
        "rules": rules,
        "bands": bands,
        "coaching": scale.get("coaching", []),
        "areas": [{**a, "name": _name(a["id"], a["title"]), "competencies": [c["id"] for c in competencies if c["area"] == a["id"]]}
                  for a in fw["areas"]],
        "types": [{**t, "competencies": [c["id"] for c in competencies if c["type"] == t["id"]]} for t in types],
        "competencies": competencies,
        "theories": [{**t, "aliases": t.get("aliases", []), "references": t.get("references", []),
                      "competencies": [c["id"] for c in competencies if any(t["id"] in i["theories"] for i in c["theory"])]}
                     for t in theories],
        "tracks": [{"id": t["id"], "title": t["title"], "type": t.get("type"), "levels": t.get("levels", []),
                    "description": t.get("description", ""), "modules": [m["id"] for m in t["modules"]]}
                   for t in tracks],
        "modules": modules,
        "profiles": profiles,
        "diploma": diploma,
        "glossary": sorted(({"see": [], **t} for t in glossary), key=lambda t: t["term"].lower()),
        "parts": {
            "award": rules["award_min"] is not None,
            "award_page": diploma is not None,
            "workspace": diploma is not None and diploma["workspace"] is not None,
            "coaching": rules["will_high"] is not None,
            "theories": bool(theories),
            "curriculum": bool(modules),
            "glossary": bool(glossary),
            "profiles": bool(profiles),
            "types": bool(types),
            "bands": bool(bands),
            "levels": any(c["rated"] == "levels" for c in competencies),
            "statements": any(c["rated"] == "statements" for c in competencies),
            "example": fw.get("sample_assessment") is not None,
            "source": source is not None,
        },
        "files": {name.removesuffix(".yml"): name for name in FILES if s.get(name)},
        "strings": {**default_strings(), **overrides},
    }


def _name(ident: str, title: str) -> str:
    """How pages and reports name a competency or an area: "2.3 Negotiations" where the id is a number or code, the title
    alone where the id is a word ("mobile")."""
    return f"{ident} {title}" if any(ch.isdigit() for ch in ident) else title


def _profile(p: dict, comp_ids: list[str], pass_level: float) -> dict:
    default = pass_level if p.get("default") == "pass_level" else p.get("default")
    scope = p.get("scope")
    covered = [cid for cid in comp_ids if scope is None or cid in scope]
    targets = {cid: p.get("targets", {}).get(cid, default) for cid in covered}
    return {"id": p["id"], "title": p["title"], "description": p.get("description", ""),
            "example": p.get("example", False),
            "targets": {cid: t for cid, t in targets.items() if t is not None},
            "scope": None if scope is None else [cid for cid in comp_ids if cid in scope]}

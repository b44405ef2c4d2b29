// Scoring of an assessment against the compiled framework (DESIGN.md §4).
//
// The JavaScript twin of macros/scoring.py: the same operations in the same
// order, so that both give the same IEEE doubles. Pure functions, no DOM.
// Change one file, change the other, and run the parity tests.
import { translator } from "./strings.js";

export const FORMAT = "kam-assessment";
export const FORMAT_VERSION = 2; // 2 added "submission" (the diploma workspace); version 1 files are read as they are
export const FORMAT_VERSIONS = [1, 2];
export const WILL_MIN = 1;
export const WILL_MAX = 4;
export const RESPONSE_FORMAT = "kam-response"; // ratings someone else gave (a 360 rater, a coach)
export const RESPONSE_FORMAT_VERSION = 1;
export const ROLES = ["manager", "peer", "customer", "coach", "other"]; // who a rater is; the labels are strings (role_<id>)

const isInt = (v) => typeof v === "number" && Number.isInteger(v);
const isObject = (v) => v !== null && typeof v === "object" && !Array.isArray(v);
const own = (obj, key) => (isObject(obj) && Object.prototype.hasOwnProperty.call(obj, key) ? obj[key] : undefined);
const percentOf = (part, whole) => Math.floor((100 * part) / whole + 0.5);
const ratio = (part, whole) => (whole === 0 ? null : part / whole);

// Sort strings by Unicode code point, as Python's sorted() does.
function byCodePoint(a, b) {
  const x = Array.from(a, (ch) => ch.codePointAt(0));
  const y = Array.from(b, (ch) => ch.codePointAt(0));
  for (let i = 0; i < Math.min(x.length, y.length); i++) if (x[i] !== y[i]) return x[i] - y[i];
  return x.length - y.length;
}

// A value in a message, exactly as scoring.py writes it.
function show(value, t) {
  if (typeof value === "string") return JSON.stringify(value);
  if (typeof value === "boolean") return value ? "true" : "false";
  if (value === null || value === undefined) return "null";
  if (typeof value === "number") {
    if (isInt(value) && Math.abs(value) < 1e15) return String(value);
    if (Math.abs(value) >= 1e-4 && Math.abs(value) < 1e15) return String(value);
    return t("value_number");
  }
  return Array.isArray(value) ? t("value_list") : t("value_object");
}

// Bounds on any file read (an assessment, a response): far beyond real use (the deepest real value is 6 levels
// down; a full AKAM assessment has about 1,500 values), near enough that a hostile file costs nothing to refuse.
export const MAX_DEPTH = 32;
export const MAX_VALUES = 500000;
export const MAX_TEXT = 200000; // characters of one text, in UTF-16 code units
export const RESERVED_KEYS = new Set(["__proto__", "constructor", "prototype"]); // names that reach an object's prototype
const grouped = (n) => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ",");

// The first place (depth first, keys in code-point order) where value goes beyond the bounds, as "field: what",
// or null. The same walk and words as scoring.py's _beyond_bounds.
function beyondBounds(value, t) {
  const stack = [[value, "", 1]];
  let count = 0;
  while (stack.length) {
    const [item, path, depth] = stack.pop();
    count += 1;
    if (count > MAX_VALUES) return `(file): ${t("check_too_many", { limit: grouped(MAX_VALUES) })}`;
    if (depth > MAX_DEPTH) return `${path}: ${t("check_too_deep", { limit: MAX_DEPTH })}`;
    if (typeof item === "string" && item.length > MAX_TEXT) return `${path}: ${t("check_too_long", { limit: grouped(MAX_TEXT) })}`;
    if (Array.isArray(item)) {
      for (let i = item.length - 1; i >= 0; i--) stack.push([item[i], `${path}[${i}]`, depth + 1]);
    } else if (isObject(item)) {
      const keys = Object.keys(item).sort(byCodePoint);
      const reserved = keys.find((k) => RESERVED_KEYS.has(k));
      if (reserved !== undefined) return `${path ? `${path}[${show(reserved, t)}]` : reserved}: ${t("check_reserved_key")}`;
      for (let i = keys.length - 1; i >= 0; i--) stack.push([item[keys[i]], path ? `${path}[${show(keys[i], t)}]` : keys[i], depth + 1]);
    }
  }
  return null;
}

// Validate an assessment: {errors, warnings, orphaned}. Errors refuse the file;
// warnings (another version of the framework) do not; orphaned ids are kept.
// Each message is "field: what is wrong", the field as in the file and the rest
// in the interface's language (strings: the page's texts; the compiled
// framework carries them too).
export function check(framework, a, strings = framework.strings) {
  const t = translator(strings);
  const errors = [];
  const warnings = [];
  if (!isObject(a)) return { errors: [t("check_not_object")], warnings: [], orphaned: [] };
  const beyond = beyondBounds(a, t);
  if (beyond) return { errors: [beyond], warnings: [], orphaned: [] }; // nothing else is looked at
  checkHead(framework, a, FORMAT, FORMAT_VERSIONS, errors, warnings, (got, expected) => t("check_other_version", { got, expected }), t); // a warning

  const name = own(a, "name");
  if (name !== undefined && name !== null && typeof name !== "string") errors.push(`name: ${t("check_text")}`);

  // what a rating or evidence may be keyed by: an indicator, or a level-rated competency itself
  const itemIds = new Set();
  for (const c of framework.competencies) for (const item of items(c)) itemIds.add(item);
  const competencyIds = new Set(framework.competencies.map((c) => c.id));
  const orphaned = new Set(); // in the order first seen; a Set, so that 100,000 unknown ids stay linear

  const mapping = (key, ok, what, known) => {
    const value = own(a, key);
    if (value === undefined || value === null) return;
    if (!isObject(value)) {
      errors.push(`${key}: ${t("check_object")}`);
      return;
    }
    for (const k of Object.keys(value).sort(byCodePoint)) {
      const v = value[k];
      if (!ok(v)) errors.push(`${key}[${show(k, t)}]: ${t("check_not", { value: show(v, t), what })}`);
      if (!known.has(k)) orphaned.add(k);
    }
  };
  const rules = valueRules(framework, t);
  mapping("ratings", ...rules.ratings, itemIds);
  mapping("evidence", ...rules.evidence, itemIds);
  mapping("will", ...rules.will, competencyIds);
  mapping("notes", ...rules.notes, competencyIds);

  const profile = own(a, "profile");
  if (profile !== undefined && profile !== null && !(framework.profiles || []).some((p) => p.id === profile)) {
    errors.push(`profile: ${t("check_unknown_profile", { value: show(profile, t) })}`);
  }
  const modules = own(a, "completed_modules");
  if (modules !== undefined && modules !== null) {
    if (!Array.isArray(modules)) errors.push(`completed_modules: ${t("check_list")}`);
    else {
      const known = new Set((framework.modules || []).map((m) => m.id));
      for (const m of modules) if (!known.has(m)) errors.push(`completed_modules: ${t("check_unknown_module", { value: show(m, t) })}`);
    }
  }
  if (own(a, "updated") !== undefined && typeof a.updated !== "string") errors.push(`updated: ${t("check_date")}`);
  const sub = own(a, "submission");
  const diploma = framework.diploma;
  if (given(sub) && given(diploma) && given(diploma.workspace)) checkSubmission(framework, sub, errors, orphaned, t); // without a workspace it is kept as it is
  for (const [key, checkOne] of [["responses", checkOneResponse], ["snapshots", checkSnapshot]]) {
    const entries = own(a, key);
    if (!given(entries)) continue;
    if (!Array.isArray(entries)) {
      errors.push(`${key}: ${t("check_list")}`);
      continue;
    }
    entries.forEach((entry, i) => checkOne(framework, entry, `${key}[${i}]`, errors, t));
  }
  return { errors, warnings, orphaned: [...orphaned] };
}

// What a value of an assessment's ratings, evidence, will and notes may be: [ok(value), what it must be], by key
// (check() and store.js's repair, which checks value by value).
export function valueRules(framework, t = translator(framework.strings)) {
  const values = framework.scale.levels.map((lv) => lv.value);
  const na = framework.scale.not_applicable;
  const scale = { min: Math.min(...values), max: Math.max(...values) };
  return {
    ratings: [(v) => (isInt(v) && values.includes(v)) || (na && v === "na"), na ? t("check_is_rating_na", scale) : t("check_is_rating", scale)],
    evidence: [(v) => typeof v === "boolean", t("check_is_boolean")],
    will: [(v) => isInt(v) && v >= WILL_MIN && v <= WILL_MAX, t("check_is_will", { min: WILL_MIN, max: WILL_MAX })],
    notes: [(v) => typeof v === "string", t("check_is_text")],
  };
}

// A file's format, format version and framework: errors, and another version of the framework into otherVersion
// (the warnings of an assessment, the errors of a response) in the words of versionText(got, expected).
function checkHead(framework, doc, format, versions, errors, otherVersion, versionText, t) {
  if (own(doc, "format") !== format) errors.push(`format: ${t("check_expected", { expected: show(format, t), got: show(own(doc, "format"), t) })}`);
  if (!versions.includes(own(doc, "format_version"))) {
    errors.push(`format_version: ${t("check_versions", { first: versions[0], last: versions[versions.length - 1], got: show(own(doc, "format_version"), t) })}`);
  }
  const ref = own(doc, "framework");
  if (!isObject(ref) || typeof own(ref, "id") !== "string") errors.push(`framework.id: ${t("check_missing")}`);
  else if (ref.id !== framework.id) errors.push(`framework.id: ${t("check_other_framework", { got: show(ref.id, t), expected: show(framework.id, t) })}`);
  else if (own(ref, "version") !== framework.version) {
    otherVersion.push(`framework.version: ${versionText(show(own(ref, "version"), t), show(framework.version, t))}`);
  }
}

// Validate a response file (format kam-response): {errors}. A response made for another framework, or for
// another version of it, is refused: its ratings may not mean the same here.
export function checkResponse(framework, r, strings = framework.strings) {
  const t = translator(strings);
  if (!isObject(r)) return { errors: [t("check_not_response")] };
  const beyond = beyondBounds(r, t);
  if (beyond) return { errors: [beyond] };
  const errors = [];
  checkHead(framework, r, RESPONSE_FORMAT, [RESPONSE_FORMAT_VERSION], errors, errors, (got, expected) => t("check_response_version", { got, expected }), t); // an error
  if (given(own(r, "for")) && typeof r.for !== "string") errors.push(`for: ${t("check_text")}`);
  checkOneResponse(framework, r, "", errors, t);
  return { errors };
}

const field = (path, name) => (path ? `${path}.${name}` : name);

// The ratings, evidence and comments of a response or snapshot: checked as an assessment's are (ids it does not
// know are kept and ignored).
function checkAnswers(framework, entry, path, keys, errors, t) {
  const values = framework.scale.levels.map((lv) => lv.value);
  const na = framework.scale.not_applicable;
  const scale = { min: Math.min(...values), max: Math.max(...values) };
  const rules = {
    ratings: [(v) => (isInt(v) && values.includes(v)) || (na && v === "na"), na ? t("check_is_rating_na", scale) : t("check_is_rating", scale)],
    evidence: [(v) => typeof v === "boolean", t("check_is_boolean")],
    comments: [(v) => typeof v === "string", t("check_is_text")],
  };
  for (const key of keys) {
    const value = own(entry, key);
    if (!given(value)) continue;
    if (!isObject(value)) {
      errors.push(`${field(path, key)}: ${t("check_object")}`);
      continue;
    }
    const [ok, what] = rules[key];
    for (const k of Object.keys(value).sort(byCodePoint)) {
      if (!ok(value[k])) errors.push(`${field(path, key)}[${show(k, t)}]: ${t("check_not", { value: show(value[k], t), what })}`);
    }
  }
}

// One response (an entry of an assessment's responses, or the body of a response file).
function checkOneResponse(framework, r, path, errors, t) {
  if (!isObject(r)) {
    errors.push(`${path}: ${t("check_object")}`);
    return;
  }
  const rater = own(r, "rater");
  if (!isObject(rater)) errors.push(`${field(path, "rater")}: ${t("check_object")}`);
  else {
    const name = own(rater, "name");
    if (typeof name !== "string" || /^[ \t\n\r]*$/.test(name)) errors.push(`${field(path, "rater.name")}: ${t("check_text")}`);
    if (!ROLES.includes(own(rater, "role"))) errors.push(`${field(path, "rater.role")}: ${t("check_unknown_role", { value: show(own(rater, "role"), t) })}`);
  }
  for (const name of ["id", "request", "message"]) if (given(own(r, name)) && typeof r[name] !== "string") errors.push(`${field(path, name)}: ${t("check_text")}`);
  if (given(own(r, "created")) && typeof r.created !== "string") errors.push(`${field(path, "created")}: ${t("check_date")}`);
  checkAnswers(framework, r, path, ["ratings", "comments"], errors, t);
}

// One dated snapshot of an assessment's answers (its snapshots).
function checkSnapshot(framework, snap, path, errors, t) {
  if (!isObject(snap)) {
    errors.push(`${path}: ${t("check_object")}`);
    return;
  }
  if (typeof own(snap, "taken") !== "string") errors.push(`${path}.taken: ${t("check_date")}`);
  if (given(own(snap, "label")) && typeof snap.label !== "string") errors.push(`${path}.label: ${t("check_text")}`);
  checkAnswers(framework, snap, path, ["ratings", "evidence"], errors, t);
}

const given = (v) => v !== undefined && v !== null;
const strings = (v) => Array.isArray(v) && v.every((x) => typeof x === "string");

// The diploma workspace part of an assessment (format version 2).
function checkSubmission(framework, sub, errors, orphaned, t) {
  if (!isObject(sub)) {
    errors.push(`submission: ${t("check_object")}`);
    return;
  }
  const ws = framework.diploma.workspace;
  const competencyIds = framework.competencies.map((c) => c.id);
  const knownIds = new Set(competencyIds);
  const chosen = own(sub, "chosen");
  if (given(chosen)) {
    if (!Array.isArray(chosen)) errors.push(`submission.chosen: ${t("check_list")}`);
    else {
      const seen = new Set();
      for (const cid of chosen) {
        if (!competencyIds.includes(cid)) errors.push(`submission.chosen: ${t("check_unknown_competency", { value: show(cid, t) })}`);
        else if (seen.has(cid)) errors.push(`submission.chosen: ${t("check_twice", { value: show(cid, t) })}`);
        seen.add(cid);
      }
    }
  }
  const first = own(sub, "feedback_first");
  if (given(first) && !competencyIds.includes(first)) {
    errors.push(`submission.feedback_first: ${t("check_unknown_competency", { value: show(first, t) })}`);
  }
  const comps = own(sub, "competencies");
  if (!given(comps)) return;
  if (!isObject(comps)) {
    errors.push(`submission.competencies: ${t("check_object")}`);
    return;
  }
  const statuses = ws.statuses.map((x) => x.id);
  const types = ws.evidence_types.map((x) => x.id);
  const checks = ws.evidence_checks.map((x) => x.id);
  for (const cid of Object.keys(comps).sort(byCodePoint)) {
    const entry = comps[cid];
    const path = `submission.competencies[${show(cid, t)}]`;
    if (!knownIds.has(cid)) orphaned.add(cid);
    if (!isObject(entry)) {
      errors.push(`${path}: ${t("check_object")}`);
      continue;
    }
    if (given(own(entry, "status")) && !statuses.includes(entry.status)) {
      errors.push(`${path}.status: ${t("check_unknown_status", { value: show(entry.status, t) })}`);
    }
    if (given(own(entry, "mode")) && entry.mode !== "full" && entry.mode !== "linking") {
      errors.push(`${path}.mode: ${t("check_mode", { got: show(entry.mode, t) })}`);
    }
    const words = own(entry, "words");
    if (given(words) && !(isInt(words) && words >= 0)) errors.push(`${path}.words: ${t("check_not", { value: show(words, t), what: t("check_is_words") })}`);
    const theories = own(entry, "theories");
    if (given(theories) && !strings(theories)) errors.push(`${path}.theories: ${t("check_theory_ids")}`);
    const sign = own(entry, "sign_off");
    if (given(sign)) {
      if (!isObject(sign)) errors.push(`${path}.sign_off: ${t("check_object")}`);
      else {
        for (const field of ["name", "role", "date"]) {
          if (given(own(sign, field)) && typeof sign[field] !== "string") errors.push(`${path}.sign_off.${field}: ${t("check_text")}`);
        }
      }
    }
    const evidence = own(entry, "evidence");
    if (!given(evidence)) continue;
    if (!Array.isArray(evidence)) {
      errors.push(`${path}.evidence: ${t("check_list")}`);
      continue;
    }
    evidence.forEach((item, i) => {
      const where = `${path}.evidence[${i}]`;
      if (!isObject(item)) {
        errors.push(`${where}: ${t("check_object")}`);
        return;
      }
      for (const field of ["title", "date"]) {
        if (given(own(item, field)) && typeof item[field] !== "string") errors.push(`${where}.${field}: ${t("check_text")}`);
      }
      if (given(own(item, "type")) && !types.includes(item.type)) {
        errors.push(`${where}.type: ${t("check_unknown_evidence_type", { value: show(item.type, t) })}`);
      }
      const groups = own(item, "groups");
      if (given(groups) && !strings(groups)) errors.push(`${where}.groups: ${t("check_group_ids")}`);
      const share = own(item, "own_share");
      if (given(share) && !(isInt(share) && share >= 0 && share <= 100)) {
        errors.push(`${where}.own_share: ${t("check_not", { value: show(share, t), what: t("check_is_percentage") })}`);
      }
      const marks = own(item, "checks");
      if (!given(marks)) return;
      if (!isObject(marks)) {
        errors.push(`${where}.checks: ${t("check_object")}`);
        return;
      }
      for (const k of Object.keys(marks).sort(byCodePoint)) {
        if (!checks.includes(k)) errors.push(`${where}.checks[${show(k, t)}]: ${t("check_unknown_check")}`);
        else if (typeof marks[k] !== "boolean") {
          errors.push(`${where}.checks[${show(k, t)}]: ${t("check_not", { value: show(marks[k], t), what: t("check_is_boolean") })}`);
        }
      }
    });
  }
}

// A competency rated by picking one level (rated: "levels"; an older compiled dict: one without groups).
function levelRated(c) {
  return (c.rated || (c.groups && c.groups.length ? "statements" : "levels")) === "levels";
}

// The ids a competency is rated under: its indicators, or the competency itself when it is level-rated.
function items(c) {
  if (levelRated(c)) return [c.id];
  const ids = [];
  for (const g of c.groups) for (const i of g.indicators) ids.push(i.id);
  return ids;
}

// The result of DESIGN.md §4 for a valid assessment (see check).
export function score(framework, assessment) {
  const levels = framework.scale.levels;
  const top = Math.max(...levels.map((lv) => lv.value));
  const pointsOf = new Map(levels.map((lv) => [lv.value, lv.points === undefined || lv.points === null ? lv.value : lv.points]));
  const rules = framework.rules;
  const passLevel = rules.pass_level;
  const groupFloor = rules.group_floor || 0;
  const evidenceShare = rules.evidence_share || 0;
  const willHigh = given(rules.will_high) ? rules.will_high : null;
  const ratings = own(assessment, "ratings") || {};
  const evidence = own(assessment, "evidence") || {};
  const will = own(assessment, "will") || {};
  const profile = (framework.profiles || []).find((p) => p.id === own(assessment, "profile"));
  const targets = profile ? profile.targets || {} : {};
  const scope = profile && given(profile.scope) ? profile.scope : null;

  const competencies = {};
  const gaps = {};
  let total = 0, met = 0, ready = 0, sumS = 0, sumMax = 0, sumP = 0;
  for (const c of framework.competencies) {
    let n = 0, r = 0, s = 0, p = 0, e = 0;
    const groups = {};
    let groupOk = true;
    // the groups of items: a level-rated competency is one item (itself) in no group
    const parts = levelRated(c) ? [[null, [c.id]]] : c.groups.map((g) => [g.id, g.indicators.map((i) => i.id)]);
    for (const [gid, ids] of parts) {
      let nG = 0, sG = 0;
      for (const item of ids) {
        const value = own(ratings, item);
        if (value === "na") continue;
        nG += 1;
        if (value !== undefined && value !== null) {
          r += 1;
          sG += value;
          p += pointsOf.get(value);
        }
        if (own(evidence, item) === true) e += 1;
      }
      n += nG;
      s += sG;
      if (gid === null) continue;
      if (nG > 0 && sG < groupFloor * nG) groupOk = false;
      groups[gid] = { score: ratio(sG, top * nG), percent: nG === 0 ? null : percentOf(sG, top * nG) };
    }
    let status;
    if (n === 0) status = "not-applicable";
    else if (r === 0) status = "not-started";
    else if (r === n && s >= passLevel * n && groupOk) status = "met";
    else status = "in-progress";
    const isReady = status === "met" && e >= evidenceShare * n;
    const inScope = scope === null || scope.includes(c.id);
    const profileTarget = own(targets, c.id);
    const target = !inScope ? null : profileTarget === undefined ? passLevel : profileTarget;
    const gap = n === 0 || r === 0 || target === null ? null : Math.max(0, target - s / n);
    const w = own(will, c.id);
    let quadrant = null;
    if (willHigh !== null && w !== undefined && w !== null && n > 0 && r > 0) {
      const skillHigh = 2 * s >= top * n;
      const willIsHigh = w >= willHigh;
      quadrant = skillHigh ? (willIsHigh ? "delegating" : "supporting") : (willIsHigh ? "guiding" : "directing");
    }
    competencies[c.id] = {
      score: ratio(s, top * n), percent: n === 0 ? null : percentOf(s, top * n),
      coverage: ratio(r, n), evidence: ratio(e, n), points: p, status, ready: isReady,
      in_scope: inScope, target, gap, quadrant, groups,
    };
    gaps[c.id] = gap;
    if (!inScope) continue;
    if (n > 0) {
      total += 1;
      sumS += s;
      sumMax += top * n;
    }
    if (status === "met") met += 1;
    if (isReady) ready += 1;
    sumP += p;
  }

  const completed = new Set(own(assessment, "completed_modules") || []);
  const ranked = [];
  (framework.modules || []).forEach((m, position) => {
    if (completed.has(m.id)) return;
    const gapped = m.competencies.map((cid) => gaps[cid]).filter((g) => g !== undefined && g !== null && g > 0);
    if (gapped.length) ranked.push([-gapped.length, -Math.max(...gapped), position, m.id]);
  });
  ranked.sort((x, y) => x[0] - y[0] || x[1] - y[1] || x[2] - y[2]);
  const required = given(rules.award_min) ? rules.award_min : null;
  let band = null;
  for (const b of framework.bands || []) if (b.min_points <= sumP) band = b.id;
  return {
    competencies,
    summary: {
      total, met, ready, required,
      to_go: required === null ? null : Math.max(0, required - ready),
      award_ready: required === null ? null : ready >= required,
      score: ratio(sumS, sumMax), percent: sumMax === 0 ? null : percentOf(sumS, sumMax),
      points: sumP, band,
    },
    recommendations: ranked.map((x) => x[3]),
  };
}

// Competencies to submit: ready ones first, then by percent (highest first),
// then framework order. Competencies with nothing applicable are left out.
export function submissionOrder(framework, result) {
  const ranked = [];
  framework.competencies.forEach((c, position) => {
    const r = result.competencies[c.id];
    if (r.percent === null) return;
    ranked.push([r.ready ? 0 : 1, -r.percent, position, c.id]);
  });
  ranked.sort((x, y) => x[0] - y[0] || x[1] - y[1] || x[2] - y[2]);
  return ranked.map((x) => x[3]);
}

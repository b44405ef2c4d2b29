// Scoring of an assessment against the compiled framework (DESIGN.md §4).
//
// The JavaScript twin of macros/scoring.py: the same operations in the same
// order, so that both give the same IEEE doubles. Pure functions, no DOM.
// Change one file, change the other, and run the parity tests.

export const FORMAT = "kam-assessment";
export const FORMAT_VERSION = 2; // 2 added "submission" (the diploma workspace); version 1 files are read as they are
export const FORMAT_VERSIONS = [1, 2];
export const WILL_MIN = 1;
export const WILL_MAX = 4;

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
export function show(value) {
  if (typeof value === "string") return JSON.stringify(value);
  if (typeof value === "boolean") return value ? "true" : "false";
  if (value === null || value === undefined) return "null";
  if (typeof value === "number") {
    if (isInt(value) && Math.abs(value) < 1e15) return String(value);
    if (Math.abs(value) >= 1e-4 && Math.abs(value) < 1e15) return String(value);
    return "a number";
  }
  return Array.isArray(value) ? "a list" : "an object";
}

// Validate an assessment: {errors, warnings, orphaned}. Errors refuse the file;
// warnings (another version of the framework) do not; orphaned ids are kept.
export function check(framework, a) {
  const errors = [];
  const warnings = [];
  if (!isObject(a)) return { errors: ["the file is not an assessment: expected a JSON object"], warnings: [], orphaned: [] };
  if (own(a, "format") !== FORMAT) errors.push(`format: expected "${FORMAT}", got ${show(own(a, "format"))}`);
  if (!FORMAT_VERSIONS.includes(own(a, "format_version"))) {
    errors.push(`format_version: this site reads versions ${FORMAT_VERSIONS[0]} to ${FORMAT_VERSIONS[FORMAT_VERSIONS.length - 1]}, ` +
      `got ${show(own(a, "format_version"))}`);
  }
  const ref = own(a, "framework");
  if (!isObject(ref) || typeof own(ref, "id") !== "string") errors.push("framework.id: missing");
  else if (ref.id !== framework.id) errors.push(`framework.id: this assessment is for "${ref.id}", not "${framework.id}"`);
  else if (own(ref, "version") !== framework.version) {
    warnings.push(`framework.version: made with version ${show(own(ref, "version"))} of the framework; ` +
      `this is version "${framework.version}": ratings of statements it no longer has are kept but not scored`);
  }

  const values = framework.scale.levels.map((lv) => lv.value);
  const na = framework.scale.not_applicable;
  const indicatorIds = new Set();
  for (const c of framework.competencies) for (const g of c.groups) for (const i of g.indicators) indicatorIds.add(i.id);
  const competencyIds = new Set(framework.competencies.map((c) => c.id));
  const orphaned = [];

  const mapping = (key, ok, what, known) => {
    const value = own(a, key);
    if (value === undefined || value === null) return;
    if (!isObject(value)) {
      errors.push(`${key}: expected an object`);
      return;
    }
    for (const k of Object.keys(value).sort(byCodePoint)) {
      const v = value[k];
      if (!ok(v)) errors.push(`${key}[${show(k)}]: ${show(v)} is not ${what}`);
      if (!known.has(k) && !orphaned.includes(k)) orphaned.push(k);
    }
  };
  const scaleText = `${Math.min(...values)}–${Math.max(...values)}` + (na ? ' or "na"' : "");
  mapping("ratings", (v) => (isInt(v) && values.includes(v)) || (na && v === "na"), `a rating on this scale (${scaleText})`, indicatorIds);
  mapping("evidence", (v) => typeof v === "boolean", "true or false", indicatorIds);
  mapping("will", (v) => isInt(v) && v >= WILL_MIN && v <= WILL_MAX, `a will rating (${WILL_MIN}–${WILL_MAX})`, competencyIds);
  mapping("notes", (v) => typeof v === "string", "text", competencyIds);

  const profile = own(a, "profile");
  if (profile !== undefined && profile !== null && !framework.profiles.some((p) => p.id === profile)) {
    errors.push(`profile: unknown profile ${show(profile)}`);
  }
  const modules = own(a, "completed_modules");
  if (modules !== undefined && modules !== null) {
    if (!Array.isArray(modules)) errors.push("completed_modules: expected a list");
    else {
      const known = new Set(framework.modules.map((m) => m.id));
      for (const m of modules) if (!known.has(m)) errors.push(`completed_modules: unknown module ${show(m)}`);
    }
  }
  if (own(a, "updated") !== undefined && typeof a.updated !== "string") errors.push("updated: expected a date as text");
  const sub = own(a, "submission");
  if (sub !== undefined && sub !== null) checkSubmission(framework, sub, errors, orphaned);
  return { errors, warnings, orphaned };
}

const given = (v) => v !== undefined && v !== null;
const strings = (v) => Array.isArray(v) && v.every((x) => typeof x === "string");

// The diploma workspace part of an assessment (format version 2).
function checkSubmission(framework, sub, errors, orphaned) {
  if (!isObject(sub)) {
    errors.push("submission: expected an object");
    return;
  }
  const ws = framework.diploma.workspace;
  const competencyIds = framework.competencies.map((c) => c.id);
  const chosen = own(sub, "chosen");
  if (given(chosen)) {
    if (!Array.isArray(chosen)) errors.push("submission.chosen: expected a list");
    else {
      chosen.forEach((cid, k) => {
        if (!competencyIds.includes(cid)) errors.push(`submission.chosen: unknown competency ${show(cid)}`);
        else if (chosen.slice(0, k).includes(cid)) errors.push(`submission.chosen: ${show(cid)} is listed twice`);
      });
    }
  }
  const first = own(sub, "feedback_first");
  if (given(first) && !competencyIds.includes(first)) errors.push(`submission.feedback_first: unknown competency ${show(first)}`);
  const comps = own(sub, "competencies");
  if (!given(comps)) return;
  if (!isObject(comps)) {
    errors.push("submission.competencies: expected an object");
    return;
  }
  const statuses = ws.statuses.map((x) => x.id);
  const types = ws.evidence_types.map((x) => x.id);
  const checks = ws.evidence_checks.map((x) => x.id);
  for (const cid of Object.keys(comps).sort(byCodePoint)) {
    const entry = comps[cid];
    const path = `submission.competencies[${show(cid)}]`;
    if (!competencyIds.includes(cid) && !orphaned.includes(cid)) orphaned.push(cid);
    if (!isObject(entry)) {
      errors.push(`${path}: expected an object`);
      continue;
    }
    if (given(own(entry, "status")) && !statuses.includes(entry.status)) errors.push(`${path}.status: unknown status ${show(entry.status)}`);
    if (given(own(entry, "mode")) && entry.mode !== "full" && entry.mode !== "linking") {
      errors.push(`${path}.mode: expected "full" or "linking", got ${show(entry.mode)}`);
    }
    const words = own(entry, "words");
    if (given(words) && !(isInt(words) && words >= 0)) errors.push(`${path}.words: ${show(words)} is not a number of words`);
    const theories = own(entry, "theories");
    if (given(theories) && !strings(theories)) errors.push(`${path}.theories: expected a list of theory ids`);
    const sign = own(entry, "sign_off");
    if (given(sign)) {
      if (!isObject(sign)) errors.push(`${path}.sign_off: expected an object`);
      else {
        for (const field of ["name", "role", "date"]) {
          if (given(own(sign, field)) && typeof sign[field] !== "string") errors.push(`${path}.sign_off.${field}: expected text`);
        }
      }
    }
    const evidence = own(entry, "evidence");
    if (!given(evidence)) continue;
    if (!Array.isArray(evidence)) {
      errors.push(`${path}.evidence: expected a list`);
      continue;
    }
    evidence.forEach((item, i) => {
      const where = `${path}.evidence[${i}]`;
      if (!isObject(item)) {
        errors.push(`${where}: expected an object`);
        return;
      }
      for (const field of ["title", "date"]) {
        if (given(own(item, field)) && typeof item[field] !== "string") errors.push(`${where}.${field}: expected text`);
      }
      if (given(own(item, "type")) && !types.includes(item.type)) errors.push(`${where}.type: unknown evidence type ${show(item.type)}`);
      const groups = own(item, "groups");
      if (given(groups) && !strings(groups)) errors.push(`${where}.groups: expected a list of requirement group ids`);
      const share = own(item, "own_share");
      if (given(share) && !(isInt(share) && share >= 0 && share <= 100)) errors.push(`${where}.own_share: ${show(share)} is not a percentage (0–100)`);
      const marks = own(item, "checks");
      if (!given(marks)) return;
      if (!isObject(marks)) {
        errors.push(`${where}.checks: expected an object`);
        return;
      }
      for (const k of Object.keys(marks).sort(byCodePoint)) {
        if (!checks.includes(k)) errors.push(`${where}.checks[${show(k)}]: unknown check`);
        else if (typeof marks[k] !== "boolean") errors.push(`${where}.checks[${show(k)}]: ${show(marks[k])} is not true or false`);
      }
    });
  }
}

// The result of DESIGN.md §4 for a valid assessment (see check).
export function score(framework, assessment) {
  const top = Math.max(...framework.scale.levels.map((lv) => lv.value));
  const rules = framework.rules;
  const ratings = own(assessment, "ratings") || {};
  const evidence = own(assessment, "evidence") || {};
  const will = own(assessment, "will") || {};
  const profile = framework.profiles.find((p) => p.id === own(assessment, "profile"));
  const targets = profile ? profile.targets : {};

  const competencies = {};
  const gaps = {};
  let total = 0, met = 0, ready = 0, sumS = 0, sumMax = 0;
  for (const c of framework.competencies) {
    let n = 0, r = 0, s = 0, e = 0;
    const groups = {};
    let groupOk = true;
    for (const g of c.groups) {
      let nG = 0, sG = 0;
      for (const ind of g.indicators) {
        const value = own(ratings, ind.id);
        if (value === "na") continue;
        nG += 1;
        if (value !== undefined && value !== null) {
          r += 1;
          sG += value;
        }
        if (own(evidence, ind.id) === true) e += 1;
      }
      n += nG;
      s += sG;
      if (nG > 0 && sG < rules.group_floor * nG) groupOk = false;
      groups[g.id] = { score: ratio(sG, top * nG), percent: nG === 0 ? null : percentOf(sG, top * nG) };
    }
    let status;
    if (n === 0) status = "not-applicable";
    else if (r === 0) status = "not-started";
    else if (r === n && s >= rules.pass_level * n && groupOk) status = "met";
    else status = "in-progress";
    const isReady = status === "met" && e >= rules.evidence_share * n;
    const t = own(targets, c.id);
    const target = t === undefined ? rules.pass_level : t;
    const gap = n === 0 ? null : Math.max(0, target - s / n);
    const w = own(will, c.id);
    let quadrant = null;
    if (w !== undefined && w !== null && n > 0) {
      const skillHigh = 2 * s >= top * n;
      const willHigh = w >= rules.will_high;
      quadrant = skillHigh ? (willHigh ? "delegating" : "supporting") : (willHigh ? "guiding" : "directing");
    }
    competencies[c.id] = {
      score: ratio(s, top * n), percent: n === 0 ? null : percentOf(s, top * n),
      coverage: ratio(r, n), evidence: ratio(e, n), status, ready: isReady,
      target, gap, quadrant, groups,
    };
    gaps[c.id] = gap;
    if (n > 0) {
      total += 1;
      sumS += s;
      sumMax += top * n;
    }
    if (status === "met") met += 1;
    if (isReady) ready += 1;
  }

  const completed = new Set(own(assessment, "completed_modules") || []);
  const ranked = [];
  framework.modules.forEach((m, position) => {
    if (completed.has(m.id)) return;
    const gapped = m.competencies.map((cid) => gaps[cid]).filter((g) => g !== undefined && g !== null && g > 0);
    if (gapped.length) ranked.push([-gapped.length, -Math.max(...gapped), position, m.id]);
  });
  ranked.sort((x, y) => x[0] - y[0] || x[1] - y[1] || x[2] - y[2]);
  const required = rules.award_min;
  return {
    competencies,
    summary: {
      total, met, ready, required, to_go: Math.max(0, required - ready), award_ready: ready >= required,
      score: ratio(sumS, sumMax), percent: sumMax === 0 ? null : percentOf(sumS, sumMax),
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

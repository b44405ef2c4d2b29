// Scoring of an assessment against the compiled framework (DESIGN.md §4).
//
// The JavaScript twin of macros/scoring.py: the same operations in the same
// order, so that both give the same IEEE doubles. Pure functions, no DOM.
// Change one file, change the other, and run the parity tests.

export const FORMAT = "kam-assessment";
export const FORMAT_VERSION = 1;
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
  if (own(a, "format_version") !== FORMAT_VERSION) {
    errors.push(`format_version: this site reads version ${FORMAT_VERSION}, got ${show(own(a, "format_version"))}`);
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
  return { errors, warnings, orphaned };
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

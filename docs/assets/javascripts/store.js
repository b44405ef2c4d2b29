// Named assessments kept in the browser: localStorage when it works, memory
// when it does not. No DOM here; assessment.js shows the notices it returns.
import { FORMAT, FORMAT_VERSION, check } from "./scoring.js";

export const STORE_FORMAT = "kam-store";

export function blankAssessment(framework, profile = null) {
  return {
    format: FORMAT, format_version: FORMAT_VERSION,
    framework: { id: framework.id, version: framework.version },
    updated: new Date().toISOString(),
    ratings: {}, evidence: {}, will: {}, profile, completed_modules: [], notes: {},
    submission: { chosen: null, feedback_first: null, competencies: {} },
  };
}

// A file of an older format, read into the current one without loss. Its
// name is the store entry's (withName puts it back on export).
export function upgrade(framework, parsed) {
  const blank = blankAssessment(framework);
  const { name, ...rest } = parsed; // eslint-disable-line no-unused-vars
  return { ...blank, ...rest, format_version: blank.format_version, submission: parsed.submission || blank.submission };
}

// A stored entry's assessment as a file carries it: with the entry's name (DESIGN.md §4).
export function withName(entry) {
  const { format, format_version, name, ...rest } = entry.assessment; // eslint-disable-line no-unused-vars
  return { format, format_version, name: entry.name, ...rest };
}

const isObject = (v) => v !== null && typeof v === "object" && !Array.isArray(v);

// The same value whatever the order of its keys.
const canon = (v) => (Array.isArray(v) ? `[${v.map(canon).join(",")}]`
  : isObject(v) ? `{${Object.keys(v).sort().map((k) => `${JSON.stringify(k)}:${canon(v[k])}`).join(",")}}` : JSON.stringify(v ?? null));

// The snapshots of an assessment (its history), oldest first; the last is the latest taken.
export const snapshotsOf = (assessment) => [...(assessment.snapshots || [])].sort((x, y) => (x.taken < y.taken ? -1 : x.taken > y.taken ? 1 : 0));

// What a snapshot keeps of an assessment: its ratings and evidence.
export const sameAnswers = (x, y) => canon([x.ratings || {}, x.evidence || {}]) === canon([y.ratings || {}, y.evidence || {}]);

// Keep what is valid of a stored assessment: drop each bad value, keep orphans.
export function repair(framework, raw) {
  const a = blankAssessment(framework);
  if (raw === null || typeof raw !== "object" || Array.isArray(raw)) return a;
  if (typeof raw.updated === "string") a.updated = raw.updated;
  if (raw.framework && typeof raw.framework.version === "string") a.framework.version = raw.framework.version;
  for (const key of ["ratings", "evidence", "will", "notes"]) {
    const part = raw[key];
    if (part === null || typeof part !== "object" || Array.isArray(part)) continue;
    for (const [k, v] of Object.entries(part)) {
      const probe = { ...a, framework: { id: framework.id, version: framework.version }, [key]: { [k]: v } };
      if (!check(framework, probe).errors.length) a[key][k] = v;
    }
  }
  if (framework.profiles.some((p) => p.id === raw.profile)) a.profile = raw.profile;
  if (Array.isArray(raw.completed_modules)) {
    a.completed_modules = raw.completed_modules.filter((m) => framework.modules.some((x) => x.id === m));
  }
  if (typeof raw.name === "string") a.name = raw.name;
  // the lists of others' ratings and of snapshots: each item that passes check() (the rest dropped)
  for (const key of ["responses", "snapshots"]) {
    if (!Array.isArray(raw[key])) continue;
    const probe = (item) => ({ ...blankAssessment(framework), [key]: [item] });
    const kept = raw[key].filter((item) => isObject(item) && !check(framework, probe(item)).errors.length);
    if (kept.length) a[key] = kept;
  }
  const sub = raw.submission;
  if (sub && typeof sub === "object" && !Array.isArray(sub)) {
    const ok = (submission) => !check(framework, { ...a, framework: { id: framework.id, version: framework.version }, ratings: {}, evidence: {},
      will: {}, notes: {}, submission }).errors.length;
    if (ok({ chosen: sub.chosen })) a.submission.chosen = sub.chosen ?? null;
    if (ok({ feedback_first: sub.feedback_first })) a.submission.feedback_first = sub.feedback_first ?? null;
    if (sub.competencies && typeof sub.competencies === "object") {
      for (const [cid, entry] of Object.entries(sub.competencies)) {
        if (ok({ competencies: { [cid]: entry } })) a.submission.competencies[cid] = entry;
      }
    }
  }
  return a;
}

function probeStorage(storage) {
  try {
    const s = storage();
    const key = "kam:probe";
    s.setItem(key, "1");
    s.removeItem(key);
    return s;
  } catch (error) {
    return null;
  }
}

export class Store {
  // storage: a function returning a Storage (so that a browser blocking it is caught here).
  constructor(framework, storage = () => window.localStorage) {
    this.framework = framework;
    this.key = `kam:${framework.id}`;
    this.storage = probeStorage(storage);
    this.notices = [];
    if (!this.storage) this.notices.push({ kind: "storage-unavailable" });
    this.data = this.read();
    if (this.notices.some((n) => n.kind === "recovered")) this.save(); // what was recovered replaces the damaged value
  }

  get persistent() {
    return this.storage !== null;
  }

  read() {
    const empty = { format: STORE_FORMAT, version: 1, current: null, assessments: {} };
    if (!this.storage) return empty;
    let raw;
    try {
      raw = this.storage.getItem(this.key);
    } catch (error) {
      this.storage = null;
      this.notices.push({ kind: "storage-unavailable" });
      return empty;
    }
    if (raw === null) return empty;
    let parsed;
    try {
      parsed = JSON.parse(raw);
    } catch (error) {
      parsed = undefined;
    }
    const ok = parsed && typeof parsed === "object" && parsed.assessments && typeof parsed.assessments === "object";
    const data = { ...empty };
    let damaged = !ok || parsed.format !== STORE_FORMAT;
    const lost = [];
    if (ok) {
      for (const [id, entry] of Object.entries(parsed.assessments)) {
        const name = entry && typeof entry.name === "string" && entry.name.trim() ? entry.name : null;
        if (!entry || typeof entry !== "object" || !entry.assessment) {
          damaged = true;
          lost.push(name || id);
          continue;
        }
        if (check(this.framework, entry.assessment).errors.length) damaged = true;
        const fixed = repair(this.framework, entry.assessment);
        data.assessments[id] = { name: name || `Assessment ${id}`, created: entry.created || fixed.updated, assessment: fixed };
        if (typeof entry.exported === "string") data.assessments[id].exported = entry.exported; // when it was last exported to a file
      }
      data.current = data.assessments[parsed.current] ? parsed.current : null;
    }
    if (damaged) {
      const backup = `${this.key}:backup:${new Date().toISOString()}`;
      try {
        this.storage.setItem(backup, raw);
      } catch (error) { /* full: the notice still says what happened */ }
      this.notices.push({ kind: "recovered", backup, kept: Object.keys(data.assessments).length, lost });
    }
    return data;
  }

  // Another tab of this site has saved: take its data, so that the next save
  // here does not overwrite it. This tab keeps its own current assessment.
  refresh() {
    const mine = this.data.current;
    this.data = this.read();
    if (this.data.assessments[mine]) this.data.current = mine;
  }

  save() {
    if (!this.storage) return true;
    try {
      this.storage.setItem(this.key, JSON.stringify(this.data));
      return true;
    } catch (error) {
      this.storage = null;
      this.notices.push({ kind: "storage-full" });
      return false;
    }
  }

  list() {
    return Object.entries(this.data.assessments)
      .map(([id, e]) => ({ id, name: e.name, created: e.created, updated: e.assessment.updated, exported: e.exported || null }))
      .sort((a, b) => (a.created < b.created ? -1 : a.created > b.created ? 1 : 0));
  }

  uniqueName(name) {
    const names = new Set(Object.values(this.data.assessments).map((e) => e.name));
    if (!names.has(name)) return name;
    for (let n = 2; ; n++) if (!names.has(`${name} (${n})`)) return `${name} (${n})`;
  }

  add(name, assessment) {
    const id = `a${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
    this.data.assessments[id] = { name: this.uniqueName(name), created: new Date().toISOString(), assessment };
    this.data.current = id;
    this.save();
    return id;
  }

  current() {
    if (!this.data.current || !this.data.assessments[this.data.current]) {
      const first = this.list()[0];
      if (first) this.data.current = first.id;
      else this.add("My assessment", blankAssessment(this.framework));
    }
    return this.data.current;
  }

  get(id = this.current()) {
    return this.data.assessments[id];
  }

  select(id) {
    if (this.data.assessments[id]) {
      this.data.current = id;
      this.save();
    }
  }

  rename(id, name) {
    const entry = this.data.assessments[id];
    if (entry && name.trim() && name !== entry.name) {
      entry.name = this.uniqueName(name.trim());
      this.save();
    }
  }

  // An assessment was exported to a file: remember when (the overview reminds of a copy not made, or out of date).
  markExported(id = this.current()) {
    const entry = this.data.assessments[id];
    if (entry) {
      entry.exported = new Date().toISOString();
      this.save();
    }
  }

  // The answers of an assessment replaced by others (a file imported over it), its name kept.
  replace(id, assessment) {
    const entry = this.data.assessments[id];
    if (!entry) return;
    entry.assessment = assessment;
    delete entry.exported;
    this.data.current = id;
    this.save();
  }

  // A dated copy of an assessment's answers (DESIGN.md §4, snapshots): none when nothing is rated or when
  // the latest copy has the same answers. Returns the snapshot taken, or null.
  snapshot(id = this.current(), label = "") {
    const entry = this.data.assessments[id];
    if (!entry) return null;
    const a = entry.assessment;
    const last = snapshotsOf(a).pop();
    const empty = !Object.keys(a.ratings || {}).length && !Object.keys(a.evidence || {}).length;
    if (empty || (last && sameAnswers(last, a))) return null;
    const snap = { taken: new Date().toISOString(), ...(label.trim() ? { label: label.trim() } : {}),
      ratings: { ...a.ratings }, evidence: { ...a.evidence } };
    a.snapshots = [...(a.snapshots || []), snap];
    a.updated = snap.taken;
    this.save();
    return snap;
  }

  removeSnapshot(id, snap) {
    const entry = this.data.assessments[id];
    if (!entry || !entry.assessment.snapshots) return;
    entry.assessment.snapshots = entry.assessment.snapshots.filter((x) => x !== snap);
    if (!entry.assessment.snapshots.length) delete entry.assessment.snapshots;
    entry.assessment.updated = new Date().toISOString();
    this.save();
  }

  remove(id) {
    delete this.data.assessments[id];
    if (this.data.current === id) this.data.current = null;
    this.save();
  }

  // Apply a change to the current assessment and save it.
  update(change) {
    const entry = this.get();
    change(entry.assessment);
    entry.assessment.updated = new Date().toISOString();
    return this.save();
  }
}

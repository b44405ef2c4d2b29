// Named assessments kept in the browser: localStorage when it works, memory
// when it does not. No DOM here; assessment.js shows the notices it returns.
//
// Nothing stored is lost: a stored value is overwritten only once what it holds
// is elsewhere (merged into what is written, or a backup written and read back);
// else this tab keeps its changes in memory and says so. Every save merges, key
// by key, with what another tab saved meanwhile. Keys read from storage or files
// are untrusted: they go into objects without a prototype (dict), so that
// "__proto__" or "constructor" is a key like any other.
import { FORMAT, FORMAT_VERSION, FORMAT_VERSIONS, MAX_TEXT, RESERVED_KEYS, check, valueRules } from "./scoring.js";

export const STORE_FORMAT = "kam-store";
const REVS = 8; // the revisions a stored value remembers (which of this tab's bases another tab had seen)
const MAPS = ["ratings", "evidence", "will", "notes"];

const isObject = (v) => v !== null && typeof v === "object" && !Array.isArray(v);

// An object without a prototype: any key is inert data.
export const dict = (entries = []) => {
  const o = Object.create(null);
  for (const [k, v] of entries) o[k] = v;
  return o;
};

// JSON read into objects without a prototype (an own "__proto__" key stays a key). A loop, not a reviver (three
// times slower) nor recursion (a value nested deep would overflow the stack).
export function parseJson(text) {
  const top = { value: JSON.parse(text) };
  const todo = [[top, "value"]];
  while (todo.length) {
    const [parent, key] = todo.pop();
    const v = parent[key];
    if (Array.isArray(v)) {
      for (let i = 0; i < v.length; i++) if (v[i] !== null && typeof v[i] === "object") todo.push([v, i]);
    } else if (v !== null && typeof v === "object") {
      const o = Object.create(null);
      for (const k of Object.keys(v)) {
        o[k] = v[k];
        if (o[k] !== null && typeof o[k] === "object") todo.push([o, k]);
      }
      parent[key] = o;
    }
  }
  return top.value;
}
const inert = (v) => parseJson(JSON.stringify(v));

export function blankAssessment(framework, profile = null) {
  return {
    format: FORMAT, format_version: FORMAT_VERSION,
    framework: { id: framework.id, version: framework.version },
    updated: new Date().toISOString(),
    ratings: dict(), evidence: dict(), will: dict(), profile, completed_modules: [], notes: dict(),
    submission: { chosen: null, feedback_first: null, competencies: dict() },
  };
}

// A file of an older format, read into the current one without loss. Its
// name is the store entry's (withName puts it back on export).
export function upgrade(framework, parsed) {
  const blank = blankAssessment(framework);
  const { name, ...rest } = parsed; // eslint-disable-line no-unused-vars
  return inert({ ...blank, ...rest, format_version: blank.format_version, submission: parsed.submission || blank.submission });
}

// A stored entry's assessment as a file carries it: with the entry's name (DESIGN.md §4).
export function withName(entry) {
  const { format, format_version, name, ...rest } = entry.assessment; // eslint-disable-line no-unused-vars
  return { format, format_version, name: entry.name, ...rest };
}

// The same value whatever the order of its keys.
const canon = (v) => (Array.isArray(v) ? `[${v.map(canon).join(",")}]`
  : isObject(v) ? `{${Object.keys(v).sort().map((k) => `${JSON.stringify(k)}:${canon(v[k])}`).join(",")}}` : JSON.stringify(v ?? null));

// The snapshots of an assessment (its history), oldest first; the last is the latest taken.
export const snapshotsOf = (assessment) => [...(assessment.snapshots || [])].sort((x, y) => (x.taken < y.taken ? -1 : x.taken > y.taken ? 1 : 0));

// What a snapshot keeps of an assessment: its ratings and evidence.
export const sameAnswers = (x, y) => canon([x.ratings || {}, x.evidence || {}]) === canon([y.ratings || {}, y.evidence || {}]);


// Keep what is valid of a stored assessment: drop each bad value, keep orphans.
export const repair = (framework, raw) => mend(framework, raw).a;

// repair(), and how many values it dropped or set right (none: the stored assessment was sound). Linear in its size:
// each value checked on its own (valueRules), ids against Sets; a list or the workspace checked whole, item by item
// only when it has errors.
function mend(framework, raw) {
  const a = blankAssessment(framework);
  if (!isObject(raw)) return { a, dropped: 1 };
  let dropped = 0;
  const given = (v) => v !== undefined && v !== null;
  const head = { format: FORMAT, format_version: FORMAT_VERSION, framework: { id: framework.id, version: framework.version } };
  const valid = (part) => !check(framework, { ...head, ...part }).errors.length;
  if (raw.format !== FORMAT || !FORMAT_VERSIONS.includes(raw.format_version) || !isObject(raw.framework) || raw.framework.id !== framework.id) dropped++;
  if (typeof raw.updated === "string") a.updated = raw.updated;
  else if (given(raw.updated)) dropped++;
  if (isObject(raw.framework) && typeof raw.framework.version === "string") a.framework.version = raw.framework.version;
  const rules = valueRules(framework);
  const fits = (v) => typeof v !== "string" || v.length <= MAX_TEXT;
  for (const key of MAPS) {
    const part = raw[key];
    if (!isObject(part)) {
      if (given(part)) dropped++;
      continue;
    }
    const [ok] = rules[key];
    const into = a[key];
    for (const k of Object.keys(part)) {
      const v = part[k];
      if (!RESERVED_KEYS.has(k) && ok(v) && fits(v)) into[k] = v;
      else dropped++;
    }
  }
  if (new Set(framework.profiles.map((p) => p.id)).has(raw.profile)) a.profile = raw.profile;
  else if (given(raw.profile)) dropped++;
  if (Array.isArray(raw.completed_modules)) {
    const known = new Set(framework.modules.map((m) => m.id));
    a.completed_modules = raw.completed_modules.filter((m) => known.has(m));
    dropped += raw.completed_modules.length - a.completed_modules.length;
  } else if (given(raw.completed_modules)) dropped++;
  if (typeof raw.name === "string") a.name = raw.name;
  else if (given(raw.name)) dropped++;
  // the lists of others' ratings and of snapshots: each item that passes check() (the rest dropped)
  for (const key of ["responses", "snapshots"]) {
    if (!Array.isArray(raw[key])) {
      if (given(raw[key])) dropped++;
      continue;
    }
    const items = raw[key].filter(isObject);
    const kept = valid({ [key]: items }) ? items : items.filter((item) => valid({ [key]: [item] }));
    dropped += raw[key].length - kept.length;
    if (kept.length) a[key] = kept;
  }
  const sub = raw.submission;
  if (isObject(sub)) {
    if (valid({ submission: { chosen: sub.chosen } })) a.submission.chosen = sub.chosen ?? null;
    else dropped++;
    if (valid({ submission: { feedback_first: sub.feedback_first } })) a.submission.feedback_first = sub.feedback_first ?? null;
    else dropped++;
    if (isObject(sub.competencies)) {
      const entries = Object.entries(sub.competencies);
      const safe = entries.filter(([cid]) => !RESERVED_KEYS.has(cid));
      const whole = valid({ submission: { competencies: dict(safe) } });
      for (const [cid, entry] of safe) if (whole || valid({ submission: { competencies: dict([[cid, entry]]) } })) a.submission.competencies[cid] = entry;
      dropped += entries.length - Object.keys(a.submission.competencies).length;
    } else if (given(sub.competencies)) dropped++;
  } else if (given(sub)) dropped++;
  return { a, dropped };
}

const newRev = () => `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`;
const isQuota = (error) => error && (error.name === "QuotaExceededError" || error.name === "NS_ERROR_DOM_QUOTA_REACHED" || error.code === 22 || error.code === 1014);
const emptyData = () => ({ format: STORE_FORMAT, version: 1, current: null, revs: [], assessments: dict() });

// A stored value read (raw, the text): {data, damaged, lost, revs}. data holds what is valid of it.
function parseStore(framework, raw) {
  const data = emptyData();
  if (raw === null) return { data, damaged: false, lost: [] };
  let parsed;
  try {
    parsed = parseJson(raw);
  } catch (error) {
    parsed = undefined;
  }
  const ok = isObject(parsed) && isObject(parsed.assessments);
  let damaged = !ok || parsed.format !== STORE_FORMAT;
  const lost = [];
  if (!ok) return { data, damaged, lost };
  for (const [id, entry] of Object.entries(parsed.assessments)) {
    const name = isObject(entry) && typeof entry.name === "string" && entry.name.trim() ? entry.name : null;
    if (!isObject(entry) || !entry.assessment) {
      damaged = true;
      lost.push(name || id);
      continue;
    }
    const { a: fixed, dropped } = mend(framework, entry.assessment);
    if (dropped) damaged = true;
    data.assessments[id] = { name: name || `Assessment ${id}`, created: typeof entry.created === "string" ? entry.created : fixed.updated, assessment: fixed };
    if (typeof entry.exported === "string") data.assessments[id].exported = entry.exported; // when it was last exported to a file
  }
  data.current = typeof parsed.current === "string" && Object.hasOwn(data.assessments, parsed.current) ? parsed.current : null;
  if (Array.isArray(parsed.revs)) data.revs = parsed.revs.filter((r) => typeof r === "string").slice(-REVS);
  return { data, damaged, lost };
}

// A store's value as fields merged one by one: path (JSON) -> [path, value]. A rating, a note, a workspace entry
// of one competency is one field; ["a", id] says the assessment exists.
function fields(data) {
  const out = new Map();
  const put = (path, value) => out.set(JSON.stringify(path), [path, value]);
  put(["current"], data.current);
  for (const [id, entry] of Object.entries(data.assessments)) {
    put(["a", id], true);
    for (const [k, v] of Object.entries(entry)) if (k !== "assessment") put(["a", id, "e", k], v);
    for (const [k, v] of Object.entries(entry.assessment)) {
      if (MAPS.includes(k) && isObject(v)) for (const [x, y] of Object.entries(v)) put(["a", id, "m", k, x], y);
      else if (k === "submission" && isObject(v)) {
        for (const [x, y] of Object.entries(v)) {
          if (x === "competencies" && isObject(y)) for (const [cid, z] of Object.entries(y)) put(["a", id, "c", cid], z);
          else put(["a", id, "s", x], y);
        }
      } else put(["a", id, "x", k], v);
    }
  }
  return out;
}

// The value the fields make (the inverse of fields()).
function build(framework, merged) {
  const data = emptyData();
  const entries = new Map();
  for (const [path, value] of merged.values()) {
    if (path[0] === "current") data.current = value;
    else if (path.length === 2) entries.set(path[1], { name: "", created: "", assessment: blankAssessment(framework) });
  }
  for (const [path, value] of merged.values()) {
    const entry = entries.get(path[1]);
    if (path[0] !== "a" || path.length === 2 || !entry) continue;
    const [, , kind, k, x] = path;
    if (kind === "e") entry[k] = value;
    else if (kind === "x") entry.assessment[k] = value;
    else if (kind === "m") entry.assessment[k][x] = value;
    else if (kind === "s") entry.assessment.submission[k] = value;
    else if (kind === "c") entry.assessment.submission.competencies[k] = value;
  }
  for (const [id, entry] of entries) data.assessments[id] = entry;
  if (!Object.hasOwn(data.assessments, data.current)) data.current = null;
  return data;
}

// Three-way merge, field by field: a field this tab changed since base is this tab's, any other is theirs
// (an assessment deleted on either side is deleted, with all its fields).
function merge(base, theirs, mine) {
  const out = new Map();
  const same = (x, y) => (x === undefined || y === undefined ? x === y : canon(x[1]) === canon(y[1]));
  for (const key of new Set([...base.keys(), ...theirs.keys(), ...mine.keys()])) {
    const field = same(mine.get(key), base.get(key)) ? theirs.get(key) : mine.get(key);
    if (field) out.set(key, field);
  }
  for (const [key, [path]] of out) if (path[0] === "a" && !out.has(JSON.stringify(["a", path[1]]))) out.delete(key);
  return out;
}

export class Store {
  // storage: a function returning a Storage (so that a browser blocking it is caught here).
  constructor(framework, storage = () => window.localStorage) {
    this.framework = framework;
    this.key = `kam:${framework.id}`;
    this.notices = [];
    this.memory = null; // why this tab keeps its changes in memory only: "blocked", "full" or "damaged" (no backup)
    this.gone = null; // this tab's assessment, deleted in another tab: {id, entry}, saved nowhere
    this.raw = null; // the stored text this tab last read or wrote
    this.known = new Map(); // revision -> the stored text of it, for the revisions this tab read or wrote
    this.wrote = null; // the revision this tab last wrote
    try {
      this.storage = storage();
      this.storage.getItem(this.key);
    } catch (error) {
      this.storage = null;
    }
    if (!this.storage) this.toMemory("blocked");
    const stored = this.load();
    this.data = stored ? stored.data : emptyData();
    if (stored && !stored.damaged) this.learn(stored);
    if (stored && stored.damaged) this.save(); // what was recovered replaces the damaged value, once it is backed up
  }

  // Saved in this browser (not only in this page's memory).
  get persistent() {
    return this.storage !== null && this.memory === null;
  }

  toMemory(why, extra = {}) {
    if (this.memory === why) return;
    this.memory = why;
    const kinds = { blocked: "storage-unavailable", full: "storage-full", damaged: "recovered-unsaved" };
    this.notices.push({ kind: kinds[why], backups: this.backups().length, ...extra });
  }

  // The stored text (null: none), or undefined when the storage cannot be read.
  readRaw() {
    if (!this.storage) return undefined;
    try {
      return this.storage.getItem(this.key);
    } catch (error) {
      this.storage = null;
      this.toMemory("blocked");
      return undefined;
    }
  }

  // What is stored now: {raw, data, damaged, lost}, or null when the storage cannot be read.
  load(raw = this.readRaw()) {
    return raw === undefined ? null : { raw, ...parseStore(this.framework, raw) };
  }

  learn(stored) {
    this.raw = stored.raw;
    const rev = stored.data.revs[stored.data.revs.length - 1];
    if (rev) this.known.set(rev, stored.raw);
    while (this.known.size > REVS) this.known.delete(this.known.keys().next().value);
  }

  // This site's backups of damaged values, oldest first.
  backups() {
    if (!this.storage) return [];
    const keys = [];
    try {
      for (let i = 0; i < this.storage.length; i++) {
        const k = this.storage.key(i);
        if (k && k.startsWith(`${this.key}:backup:`)) keys.push(k);
      }
    } catch (error) { /* none to list */ }
    return keys.sort();
  }

  // A damaged stored value copied to a backup key and read back: true when it is safely there.
  backUp(stored) {
    if (this.backedUp === stored.raw) return true;
    const backup = `${this.key}:backup:${new Date().toISOString()}`;
    let ok = false;
    try {
      this.storage.setItem(backup, stored.raw);
      ok = this.storage.getItem(backup) === stored.raw;
    } catch (error) { /* not kept: ok stays false */ }
    const kept = Object.keys(stored.data.assessments).length;
    if (!ok) {
      try { this.storage.removeItem(backup); } catch (error) { /* nothing written */ }
      this.toMemory("damaged", { kept, lost: stored.lost, raw: stored.raw });
      return false;
    }
    this.backedUp = stored.raw;
    this.notices.push({ kind: "recovered", backup, kept, lost: stored.lost });
    return true;
  }

  // Write this tab's data over what is stored, merged with what another tab saved since this tab read it.
  // Returns true when saved; false when kept in memory only (this.memory says why, a notice says what to do).
  save() {
    if (this.gone || !this.storage || this.memory === "blocked") return false;
    if (this.memory === "damaged") return false; // nothing overwritten until the damaged value has a backup (freeSpace)
    const raw = this.readRaw();
    if (raw === undefined) return false;
    if (raw !== this.raw) { // another tab saved (or the value is damaged): merge, after a backup of a damaged one
      const stored = this.load(raw);
      if (stored.damaged && stored.raw !== null && !this.backUp(stored)) return false;
      this.mergeIn(stored);
    }
    const rev = newRev();
    this.data.revs = [...this.data.revs, rev].slice(-REVS);
    const text = JSON.stringify(this.data);
    try {
      this.storage.setItem(this.key, text);
    } catch (error) {
      this.data.revs = this.data.revs.slice(0, -1);
      let readable = true;
      try { this.storage.getItem(this.key); } catch (e) { readable = false; }
      if (isQuota(error) || readable) this.toMemory("full");
      else {
        this.storage = null;
        this.toMemory("blocked");
      }
      return false;
    }
    if (this.memory === "full") this.notices.push({ kind: "storage-saved" });
    this.memory = null;
    this.wrote = rev;
    this.learn({ raw: text, data: this.data });
    return !this.gone; // deleted in another tab while this one changed it: what it changed is in this.gone only
  }

  // Take what another tab stored into this tab's data, field by field. The base is the latest revision both had.
  mergeIn(stored) {
    const theirs = stored.data;
    const seen = [...theirs.revs].reverse().find((r) => this.known.has(r));
    const base = seen ? parseStore(this.framework, this.known.get(seen)).data : emptyData();
    const mine = this.data.current;
    const mineHad = Object.hasOwn(this.data.assessments, mine) ? this.data.assessments[mine] : null;
    const merged = build(this.framework, merge(fields(base), fields(theirs), fields(this.data)));
    merged.revs = theirs.revs;
    if (!this.gone && mineHad && !Object.hasOwn(merged.assessments, mine)) { // deleted in the other tab: this tab stops saving
      this.gone = { id: mine, entry: mineHad };
      this.notices.push({ kind: "deleted-elsewhere", name: mineHad.name, entry: mineHad });
    } else if (Object.hasOwn(merged.assessments, mine)) merged.current = mine; // stored as another tab's choice, shown here
    this.data = merged;
    this.raw = stored.raw;
  }

  // Another tab of this site has saved: take its data, so that nothing it did is lost here. When its value lacks
  // what this tab wrote last (the two saved at once), this tab saves the merge at once.
  refresh() {
    if (!this.persistent) return;
    const raw = this.readRaw();
    if (raw === undefined || raw === this.raw) return;
    const stored = this.load(raw);
    if (stored.damaged) return; // the next save backs it up first
    this.mergeIn(stored);
    this.learn(stored);
    if (!this.gone && this.wrote && !stored.data.revs.includes(this.wrote)) this.save();
  }

  // With the person's consent: delete this site's old backups, then try the save again.
  freeSpace() {
    const keys = this.backups();
    for (const k of keys) {
      try { this.storage.removeItem(k); } catch (error) { /* left */ }
    }
    this.notices.push({ kind: "space-freed", n: keys.length });
    const was = this.memory;
    this.memory = null; // a new notice if it still fails
    const saved = this.save(); // a damaged value is backed up first
    if (saved && was === "full") this.notices.push({ kind: "storage-saved" });
    return saved;
  }

  // The tab's copy of an assessment deleted in another tab, kept as a new assessment.
  keepCopy() {
    if (!this.gone) return null;
    const { entry } = this.gone;
    this.gone = null;
    return this.add(entry.name, entry.assessment);
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
    this.data.assessments[id] = { name: this.uniqueName(name), created: new Date().toISOString(), assessment: inert(assessment) };
    this.data.current = id;
    this.save();
    return id;
  }

  current() {
    if (this.gone) return this.gone.id;
    if (!this.data.current || !Object.hasOwn(this.data.assessments, this.data.current)) {
      const first = this.list()[0];
      if (first) this.data.current = first.id;
      else this.add("My assessment", blankAssessment(this.framework));
    }
    return this.data.current;
  }

  get(id = this.current()) {
    if (this.gone && id === this.gone.id) return this.gone.entry;
    return Object.hasOwn(this.data.assessments, id) ? this.data.assessments[id] : undefined;
  }

  // A stored entry (never the copy of one deleted in another tab).
  entry(id) {
    return Object.hasOwn(this.data.assessments, id) ? this.data.assessments[id] : null;
  }

  select(id) {
    if (this.entry(id)) {
      this.gone = null;
      this.data.current = id;
      this.save();
    }
  }

  rename(id, name) {
    const entry = this.entry(id);
    if (entry && name.trim() && name !== entry.name) {
      entry.name = this.uniqueName(name.trim());
      this.save();
    }
  }

  // An assessment was exported to a file: remember when (the overview reminds of a copy not made, or out of date).
  markExported(id = this.current()) {
    const entry = this.entry(id);
    if (entry) {
      entry.exported = new Date().toISOString();
      this.save();
    }
  }

  // The answers of an assessment replaced by others (a file imported over it), its name kept.
  replace(id, assessment) {
    const entry = this.entry(id);
    if (!entry) return;
    entry.assessment = inert(assessment);
    delete entry.exported;
    this.data.current = id;
    this.save();
  }

  // A dated copy of an assessment's answers (DESIGN.md §4, snapshots): none when nothing is rated or when
  // the latest copy has the same answers. Returns the snapshot taken, or null.
  snapshot(id = this.current(), label = "") {
    const entry = this.entry(id);
    if (!entry) return null;
    const a = entry.assessment;
    const last = snapshotsOf(a).pop();
    const empty = !Object.keys(a.ratings || {}).length && !Object.keys(a.evidence || {}).length;
    if (empty || (last && sameAnswers(last, a))) return null;
    const snap = { taken: new Date().toISOString(), ...(label.trim() ? { label: label.trim() } : {}),
      ratings: dict(Object.entries(a.ratings)), evidence: dict(Object.entries(a.evidence)) };
    a.snapshots = [...(a.snapshots || []), snap];
    a.updated = snap.taken;
    this.save();
    return snap;
  }

  removeSnapshot(id, snap) {
    const entry = this.entry(id);
    if (!entry || !entry.assessment.snapshots) return;
    entry.assessment.snapshots = entry.assessment.snapshots.filter((x) => x !== snap);
    if (!entry.assessment.snapshots.length) delete entry.assessment.snapshots;
    entry.assessment.updated = new Date().toISOString();
    this.save();
  }

  remove(id) {
    if (!this.entry(id)) return;
    delete this.data.assessments[id];
    if (this.data.current === id) this.data.current = null;
    this.save();
  }

  // Apply a change to the current assessment and save it (the copy of one deleted in another tab: in memory only).
  update(change) {
    const entry = this.get();
    change(entry.assessment);
    entry.assessment.updated = new Date().toISOString();
    return this.save();
  }
}

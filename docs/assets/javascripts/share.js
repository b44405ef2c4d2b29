// Share links: a whole assessment packed into the URL fragment, which
// browsers never send to a server. Pure functions, no DOM.
//
//   #share=2~<framework id>~<version>~<form><payload>
//
// form "z": the payload is JSON compressed with CompressionStream("deflate-raw"),
// in base64url; form "j" (where the browser has no CompressionStream): the
// same JSON uncompressed, in base64url. The JSON carries everything an export
// carries: {r, e, w} the ratings, evidence and will packed by position (below),
// x what cannot be packed so (ids this version of the framework does not
// have, an evidence box set to false), and a: the rest of the file as it is
// (name, updated, profile, completed_modules, notes, submission, …).
//
// Packing by position, in framework order — each statement, and a level-rated
// competency under its own id: r one character per item (a scale value 0-22
// in base 36, "n" for N/A, "." unrated); e one bit per item, in base64url;
// w one character per competency ("1"-"4" or ".").
//
// Links of the first format still load (ratings, evidence, will, profile, name):
//   #share=1~<framework id>~<version>~<ratings>~<evidence>~<will>~<profile>~<name>
import { FORMAT, FORMAT_VERSION, check } from "./scoring.js";
import { blankAssessment, upgrade } from "./store.js";

const B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
const enc = (s) => encodeURIComponent(s).replace(/~/g, "%7E");

// Past these lengths (characters of the whole link) a link is long: some
// apps shorten or cut it (chat tools at 2,000-4,000); too long: many browsers,
// servers and apps refuse it, and the file is the way to share.
export const LONG_LINK = 2000;
export const TOO_LONG_LINK = 8000;

export function linkLength(length) {
  return length > TOO_LONG_LINK ? "too_long" : length > LONG_LINK ? "long" : "ok";
}

// The ids ratings are keyed by: every statement, and each level-rated competency's own id.
function statements(framework) {
  const out = [];
  for (const c of framework.competencies) {
    if (!c.groups.length) out.push(c.id); // rated by picking a level
    for (const g of c.groups) for (const i of g.indicators) out.push(i.id);
  }
  return out;
}

// An Error with a stable code (and its parameters) that the page translates;
// the message is the English reason.
function failure(code, message, params = {}) {
  const error = new Error(message);
  error.code = code;
  error.params = params;
  return error;
}

// ------------------------------------------------------------ bytes

function toBase64url(bytes) {
  let out = "";
  for (let i = 0; i < bytes.length; i += 3) {
    const n = (bytes[i] << 16) | ((bytes[i + 1] || 0) << 8) | (bytes[i + 2] || 0);
    const chars = [B64[(n >> 18) & 63], B64[(n >> 12) & 63], B64[(n >> 6) & 63], B64[n & 63]];
    out += chars.slice(0, i + 2 < bytes.length ? 4 : i + 1 < bytes.length ? 3 : 2).join("");
  }
  return out;
}

function fromBase64url(text) {
  if (!/^[A-Za-z0-9_-]*$/.test(text) || text.length % 4 === 1) throw failure("damaged", "the link is damaged");
  const bytes = new Uint8Array(Math.floor((text.length * 3) / 4));
  let k = 0;
  for (let i = 0; i < text.length; i += 4) {
    const part = text.slice(i, i + 4);
    let n = 0;
    for (let j = 0; j < 4; j++) n = (n << 6) | (j < part.length ? B64.indexOf(part[j]) : 0);
    bytes[k++] = (n >> 16) & 255;
    if (part.length > 2) bytes[k++] = (n >> 8) & 255;
    if (part.length > 3) bytes[k++] = n & 255;
  }
  return bytes;
}

// Can this browser compress (or decompress) with deflate-raw? Some have the streams without that format.
function can(Stream) {
  try {
    return typeof globalThis[Stream] === "function" && !!new globalThis[Stream]("deflate-raw");
  } catch (error) {
    return false;
  }
}

async function through(bytes, stream) {
  const out = new Response(new Blob([bytes]).stream().pipeThrough(stream));
  return new Uint8Array(await out.arrayBuffer());
}

// ------------------------------------------------------------ encode

// The JSON of a link: what packs by position, and the rest of the assessment as it is.
function payload(framework, assessment, name) {
  const ids = statements(framework);
  const known = new Set(ids);
  const x = { ratings: {}, evidence: {}, will: {} };
  const packable = (v) => v === "na" || (Number.isInteger(v) && v >= 0 && v < 23); // "n" is 23 in base 36
  const r = ids.map((id) => {
    const v = assessment.ratings[id];
    if (v === undefined) return ".";
    if (!packable(v)) {
      x.ratings[id] = v;
      return ".";
    }
    return v === "na" ? "n" : v.toString(36);
  }).join("");
  for (const [id, v] of Object.entries(assessment.ratings || {})) if (!known.has(id)) x.ratings[id] = v;
  let e = "";
  for (let i = 0; i < ids.length; i += 6) {
    let n = 0;
    for (let j = 0; j < 6; j++) n = (n << 1) | (assessment.evidence[ids[i + j]] === true ? 1 : 0);
    e += B64[n];
  }
  for (const [id, v] of Object.entries(assessment.evidence || {})) if (!known.has(id) || v !== true) x.evidence[id] = v;
  const competencies = new Set(framework.competencies.map((c) => c.id));
  const w = framework.competencies.map((c) => {
    const v = assessment.will[c.id];
    if (v === undefined) return ".";
    if ([1, 2, 3, 4].includes(v)) return String(v);
    x.will[c.id] = v;
    return ".";
  }).join("");
  for (const [id, v] of Object.entries(assessment.will || {})) if (!competencies.has(id)) x.will[id] = v;
  const { format, format_version, framework: ref, ratings, evidence, will, name: own, ...rest } = assessment; // eslint-disable-line no-unused-vars
  const out = { r, e, w, a: { ...(name ? { name } : {}), ...rest } };
  for (const key of Object.keys(x)) if (!Object.keys(x[key]).length) delete x[key];
  if (Object.keys(x).length) out.x = x;
  return JSON.stringify(out);
}

const head = (framework) => ["2", enc(framework.id), enc(framework.version)].join("~");

// The fragment (after "#share=") in the uncompressed form, at once.
export function encodePlain(framework, assessment, name) {
  return `${head(framework)}~j${toBase64url(new TextEncoder().encode(payload(framework, assessment, name)))}`;
}

// The fragment (after "#share="), compressed where the browser can (a Promise).
// compress: false gives the uncompressed form.
export async function encode(framework, assessment, name, { compress = true } = {}) {
  if (!compress || !can("CompressionStream")) return encodePlain(framework, assessment, name);
  const bytes = await through(new TextEncoder().encode(payload(framework, assessment, name)), new CompressionStream("deflate-raw"));
  return `${head(framework)}~z${toBase64url(bytes)}`;
}

// ------------------------------------------------------------ decode

// The assessment in a share fragment (without "#share="), a Promise of
// {assessment, name}: assessment as the store keeps it (upgrade() of the file
// the link carries), checked as an import is. It rejects with an Error with a
// reason and a code: damaged, framework ({id}), version, rating, evidence,
// will, unsupported (a compressed link, a browser that cannot decompress),
// invalid ({errors}: what check() refuses).
export async function decode(framework, text, strings = framework.strings) {
  const version = text.split("~", 1)[0];
  if (version === "1") return decodeFirst(framework, text);
  const parts = text.split("~");
  if (version !== "2" || parts.length !== 4) throw failure("damaged", "the link is damaged or from a newer version of this site");
  let [, fid, fversion, body] = parts;
  try {
    fid = decodeURIComponent(fid);
    fversion = decodeURIComponent(fversion);
  } catch (error) {
    throw failure("damaged", "the link is damaged");
  }
  if (fid !== framework.id) throw failure("framework", `the link is for another framework ("${fid}")`, { id: fid });
  if (fversion !== framework.version) {
    throw failure("version", "the link was made for another version of this framework: ask for an exported file instead");
  }
  const form = body[0];
  if (form !== "z" && form !== "j") throw failure("damaged", "the link is damaged or from a newer version of this site");
  if (form === "z" && !can("DecompressionStream")) throw failure("unsupported", "this browser cannot open compressed links: ask for an exported file instead");
  let data;
  try {
    let bytes = fromBase64url(body.slice(1));
    if (form === "z") bytes = await through(bytes, new DecompressionStream("deflate-raw"));
    data = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(bytes));
  } catch (error) {
    throw failure("damaged", "the link is damaged or incomplete (it may have been cut short)");
  }
  const isObject = (v) => v !== null && typeof v === "object" && !Array.isArray(v);
  if (!isObject(data) || typeof data.r !== "string" || typeof data.e !== "string" || typeof data.w !== "string" || !isObject(data.a)) {
    throw failure("damaged", "the link is damaged or from a newer version of this site");
  }
  const ids = statements(framework);
  if (data.r.length !== ids.length || data.w.length !== framework.competencies.length) {
    throw failure("version", "the link was made for another version of this framework: ask for an exported file instead");
  }
  const x = isObject(data.x) ? data.x : {};
  const file = { ...data.a, format: FORMAT, format_version: FORMAT_VERSION, framework: { id: framework.id, version: framework.version },
    ratings: {}, evidence: {}, will: {} };
  const values = new Set(framework.scale.levels.map((lv) => lv.value));
  ids.forEach((id, k) => {
    const ch = data.r[k];
    if (ch === ".") return;
    if (ch === "n" && framework.scale.not_applicable) file.ratings[id] = "na";
    else if (ch !== "n" && values.has(parseInt(ch, 36))) file.ratings[id] = parseInt(ch, 36);
    else throw failure("rating", "the link is damaged (a rating is not on the scale)");
  });
  if (data.e.length !== Math.ceil(ids.length / 6) || [...data.e].some((ch) => !B64.includes(ch))) {
    throw failure("evidence", "the link is damaged (evidence)");
  }
  ids.forEach((id, k) => {
    if ((B64.indexOf(data.e[Math.floor(k / 6)]) >> (5 - (k % 6))) & 1) file.evidence[id] = true;
  });
  framework.competencies.forEach((c, k) => {
    if (/[1-4]/.test(data.w[k])) file.will[c.id] = Number(data.w[k]);
    else if (data.w[k] !== ".") throw failure("will", "the link is damaged (a will rating is not 1-4)");
  });
  for (const key of ["ratings", "evidence", "will"]) {
    if (x[key] !== undefined && !isObject(x[key])) throw failure("damaged", "the link is damaged");
    Object.assign(file[key], x[key] || {});
  }
  const checked = check(framework, file, strings);
  if (checked.errors.length) throw failure("invalid", `the link holds what an import would refuse: ${checked.errors.join("; ")}`, { errors: checked.errors.join("; ") });
  const name = typeof file.name === "string" && file.name.trim() ? file.name : "";
  return { assessment: upgrade(framework, file), name };
}

// A link of the first format: ratings, evidence, will, profile and name only (and unchecked: true).
function decodeFirst(framework, text) {
  const parts = text.split("~");
  if (parts.length !== 8 || parts[0] !== "1") throw failure("damaged", "the link is damaged or from a newer version of this site");
  let [, fid, fversion, ratings, bits, will, profile, name] = parts; // eslint-disable-line prefer-const
  try {
    [fid, fversion, profile, name] = [fid, fversion, profile, name].map(decodeURIComponent);
  } catch (error) {
    throw failure("damaged", "the link is damaged");
  }
  if (fid !== framework.id) throw failure("framework", `the link is for another framework ("${fid}")`, { id: fid });
  const ids = statements(framework);
  if (fversion !== framework.version || ratings.length !== ids.length || will.length !== framework.competencies.length) {
    throw failure("version", "the link was made for another version of this framework: ask for an exported file instead");
  }
  const a = blankAssessment(framework, null);
  const values = new Set(framework.scale.levels.map((lv) => lv.value));
  ids.forEach((id, k) => {
    const ch = ratings[k];
    if (ch === ".") return;
    if (ch === "n" && framework.scale.not_applicable) a.ratings[id] = "na";
    else if (values.has(parseInt(ch, 36))) a.ratings[id] = parseInt(ch, 36);
    else throw failure("rating", "the link is damaged (a rating is not on the scale)");
  });
  if (bits.length !== Math.ceil(ids.length / 6) || [...bits].some((ch) => !B64.includes(ch))) {
    throw failure("evidence", "the link is damaged (evidence)");
  }
  ids.forEach((id, k) => {
    if ((B64.indexOf(bits[Math.floor(k / 6)]) >> (5 - (k % 6))) & 1) a.evidence[id] = true;
  });
  framework.competencies.forEach((c, k) => {
    if (/[1-4]/.test(will[k])) a.will[c.id] = Number(will[k]);
    else if (will[k] !== ".") throw failure("will", "the link is damaged (a will rating is not 1-4)");
  });
  if (profile && (framework.profiles || []).some((p) => p.id === profile)) a.profile = profile;
  // This form carries no check that it arrived whole, and the name is its last part: a link cut inside the name
  // cannot be told from a short name, so the offer says so (unchecked).
  return { assessment: a, name, unchecked: true };
}

// ------------------------------------------------------------ what a link holds

// The counts the receiving page shows before loading: ratings given (of how
// many items), evidence ticks, will ratings, notes, modules, the profile, and
// the workspace (competencies with anything in it, their pieces of evidence,
// and the competencies chosen to submit).
export function contents(framework, assessment) {
  const ids = statements(framework);
  const given = (v) => v !== undefined && v !== null && v !== "" && !(Array.isArray(v) && !v.length) &&
    !(typeof v === "object" && !Array.isArray(v) && !Object.values(v).some(given));
  const sub = assessment.submission || {};
  const entries = Object.values(sub.competencies || {}).filter(given);
  return {
    ratings: Object.keys(assessment.ratings || {}).length,
    items: ids.length,
    evidence: Object.values(assessment.evidence || {}).filter((v) => v === true).length,
    will: Object.keys(assessment.will || {}).length,
    notes: Object.values(assessment.notes || {}).filter((v) => typeof v === "string" && v.trim()).length,
    modules: (assessment.completed_modules || []).length,
    profile: assessment.profile || null,
    workspace: entries.length,
    pieces: entries.reduce((n, e) => n + (Array.isArray(e.evidence) ? e.evidence.length : 0), 0),
    chosen: Array.isArray(sub.chosen) ? sub.chosen.length : 0,
  };
}

// ------------------------------------------------------------ any JSON in a link (the 360's request and response links)

// A value as a link's payload: its JSON, deflate-raw compressed where the browser can, in base64url (a Promise).
export async function packJson(value) {
  const bytes = new TextEncoder().encode(JSON.stringify(value));
  return toBase64url(can("CompressionStream") ? await through(bytes, new CompressionStream("deflate-raw")) : bytes);
}

// The value of a payload packJson made (a Promise); an uncompressed payload is read too. It rejects with an
// Error of code "damaged" when the text is not one.
export async function unpackJson(text) {
  const bytes = fromBase64url(text);
  const parse = (b) => JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(b));
  if (can("DecompressionStream")) {
    try { return parse(await through(bytes, new DecompressionStream("deflate-raw"))); } catch (error) { /* not compressed: below */ }
  }
  try { return parse(bytes); } catch (error) { throw failure("damaged", "the link is damaged or incomplete (it may have been cut short)"); }
}

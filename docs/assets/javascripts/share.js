// Share links: an assessment's ratings packed into the URL fragment, which
// browsers never send to a server. Pure functions, no DOM.
//
//   #share=1~<framework id>~<version>~<ratings>~<evidence>~<will>~<profile>~<name>
//
// ratings: one character per rated item in framework order — each statement,
// and a level-rated competency under its own id — (a scale value in base 36,
// "n" for N/A, "." unrated); evidence: one bit per item, in base64url; will:
// one character per competency ("1"-"4" or "."). Ids the framework does not
// have cannot travel in a link: export a file for those.
import { blankAssessment } from "./store.js";

const B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
const enc = (s) => encodeURIComponent(s).replace(/~/g, "%7E");

// The ids ratings are keyed by: every statement, and each level-rated competency's own id.
function statements(framework) {
  const out = [];
  for (const c of framework.competencies) {
    if (!c.groups.length) out.push(c.id); // rated by picking a level
    for (const g of c.groups) for (const i of g.indicators) out.push(i.id);
  }
  return out;
}

export function encode(framework, assessment, name) {
  const ids = statements(framework);
  const ratings = ids.map((id) => {
    const v = assessment.ratings[id];
    return v === "na" ? "n" : typeof v === "number" ? v.toString(36) : ".";
  }).join("");
  let bits = "";
  for (let i = 0; i < ids.length; i += 6) {
    let n = 0;
    for (let j = 0; j < 6; j++) n = (n << 1) | (assessment.evidence[ids[i + j]] === true ? 1 : 0);
    bits += B64[n];
  }
  const will = framework.competencies.map((c) => (assessment.will[c.id] ? String(assessment.will[c.id]) : ".")).join("");
  return ["1", enc(framework.id), enc(framework.version), ratings, bits, will, enc(assessment.profile || ""), enc(name || "")].join("~");
}

// An Error with a stable code (and its parameters) that the page translates;
// the message is the English reason.
function failure(code, message, params = {}) {
  const error = new Error(message);
  error.code = code;
  error.params = params;
  return error;
}

// The assessment in a share fragment (without "#share="); throws Error with a
// reason and a code: damaged, framework ({id}), version, rating, evidence, will.
export function decode(framework, text) {
  const parts = text.split("~");
  if (parts.length !== 8 || parts[0] !== "1") throw failure("damaged", "the link is damaged or from a newer version of this site");
  const [, fid, fversion, ratings, bits, will, profile, name] = parts;
  if (decodeURIComponent(fid) !== framework.id) {
    const id = decodeURIComponent(fid);
    throw failure("framework", `the link is for another framework ("${id}")`, { id });
  }
  const ids = statements(framework);
  if (decodeURIComponent(fversion) !== framework.version || ratings.length !== ids.length ||
      will.length !== framework.competencies.length) {
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
  const p = decodeURIComponent(profile);
  if (p && framework.profiles.some((x) => x.id === p)) a.profile = p;
  return { assessment: a, name: decodeURIComponent(name) };
}

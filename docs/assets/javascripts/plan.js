// The submission plan: what is complete and what is missing. Only a
// framework with a submission workspace (diploma.workspace, which needs an
// award) has one: plan() returns null for any other. The JavaScript twin of
// macros/plan.py; pure, no DOM. The assessment must have passed check() in
// scoring.js. A level-rated competency has no requirement groups (its group
// coverage does not apply); a competency that names no theory needs none.
// Nothing is pre-chosen that is not rated (see suggested).
import { score, submissionOrder } from "./scoring.js";

export const MISSING = ["status", "words", "evidence", "groups", "checks", "theory", "sign-off"];

function wordState(mode, words, guidance) {
  if (mode === "linking") return "linking";
  if (words === undefined || words === null) return "missing";
  if (words < guidance.min) return "below";
  if (words > guidance.max) return "above";
  return "within";
}

const get = (obj, key) => (obj && Object.prototype.hasOwnProperty.call(obj, key) ? obj[key] : undefined);

// Whether the framework has a submission workspace, and so a plan.
export function hasPlan(framework) {
  const dip = framework.diploma;
  return !!dip && dip.workspace !== undefined && dip.workspace !== null
    && framework.rules.award_min !== undefined && framework.rules.award_min !== null;
}

// The pre-selection: rated competencies in the profile's scope, ready ones
// first, then the strongest, as many as the award needs. A competency not
// rated at all (not assessed) is never suggested, even when fewer are rated
// than the award needs.
export function suggested(framework, result) {
  return submissionOrder(framework, result)
    .filter((cid) => result.competencies[cid].status !== "not-started" && result.competencies[cid].in_scope !== false)
    .slice(0, framework.rules.award_min);
}

export function plan(framework, assessment, result) {
  if (!hasPlan(framework)) return null;
  if (result === undefined) result = score(framework, assessment);
  const rules = framework.rules;
  const ws = framework.diploma.workspace;
  const guidance = framework.diploma.word_guidance;
  const final = ws.statuses.find((s) => s.final).id;
  const checks = ws.evidence_checks.map((x) => x.id);
  const sub = get(assessment, "submission") || {};
  const entries = get(sub, "competencies") || {};
  let chosen = get(sub, "chosen");
  if (chosen === undefined || chosen === null) chosen = suggested(framework, result);

  const competencies = {};
  for (const c of framework.competencies) {
    const entry = get(entries, c.id) || {};
    const status = get(entry, "status") || ws.statuses[0].id;
    const mode = get(entry, "mode") || "full";
    const words = get(entry, "words") ?? null;
    const evidence = get(entry, "evidence") || [];
    const groupIds = c.groups.map((g) => g.id);
    const covered = groupIds.filter((g) => evidence.some((e) => (get(e, "groups") || []).includes(g)));
    const theoryIds = (c.theory || []).flatMap((item) => item.theories);
    const theories = [...new Set(get(entry, "theories") || [])].filter((t) => theoryIds.includes(t));
    const unchecked = evidence.filter((e) => !checks.every((k) => get(get(e, "checks") || {}, k) === true)).length;
    const sign = get(entry, "sign_off") || {};
    const signed = ["name", "role", "date"].every((f) => typeof get(sign, f) === "string" && sign[f].trim() !== "");
    const state = wordState(mode, words, guidance);
    const missing = [];
    if (status !== final) missing.push("status");
    if (state === "missing" || (mode === "linking" && !words) || (guidance.binding && (state === "below" || state === "above"))) missing.push("words");
    if (!evidence.length) missing.push("evidence");
    else if (covered.length < groupIds.length) missing.push("groups");
    if (unchecked) missing.push("checks");
    if (theoryIds.length && !theories.length) missing.push("theory");
    if (!signed) missing.push("sign-off");
    competencies[c.id] = {
      status, mode, words, words_state: state, evidence: evidence.length,
      groups_covered: covered, groups_missing: groupIds.filter((g) => !covered.includes(g)),
      unchecked, theories: theories.length, signed_off: signed,
      assessed_ready: result.competencies[c.id].ready,
      missing, complete: missing.length === 0,
    };
  }
  const complete = chosen.filter((cid) => competencies[cid].complete).length;
  const required = rules.award_min;
  const first = get(sub, "feedback_first");
  return {
    chosen: [...chosen],
    competencies,
    summary: {
      chosen: chosen.length, required, to_choose: Math.max(0, required - chosen.length),
      complete, to_go: Math.max(0, required - complete),
      signed_off: chosen.filter((cid) => competencies[cid].signed_off).length,
      words: chosen.reduce((sum, cid) => sum + (competencies[cid].words || 0), 0),
      feedback_first: first === undefined ? null : first, ready: complete >= required,
    },
  };
}

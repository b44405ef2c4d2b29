// Coach review: the ratings of the person assessed beside a reviewer's, item
// by item: statement by statement, or the one level picked for a level-rated
// competency; the person's whole picture (score, status, readiness, evidence,
// notes, workspace status) beside the reviewer's scores; and the coach's own
// comments per competency and per statement, kept in the coach's browser only
// (commentBook), never in the person's data. compareRatings is pure;
// reviewView is the page. Its files: the review (kam-review, which this page
// opens again, comments and all), a CSV, and a feedback file for the person
// (a kam-response from their coach, which they add on "Ratings from others").
import { check, score } from "./scoring.js";
import { plan } from "./plan.js";
import { onJsonFile, personName, ratedItems, toCsv } from "./ui.js";

export const REVIEW_FORMAT = "kam-review";
export const REVIEW_VERSION = 2; // 2 added the coach's comments
const REVIEW_VERSIONS = [1, 2];

let leaving = null; // the page-hide listener of the last review page, removed when another starts

const isObject = (v) => v !== null && typeof v === "object" && !Array.isArray(v);
// Comments with something in them (an emptied textarea is no comment).
const written = (comments) => Object.fromEntries(Object.entries(comments).filter(([, v]) => typeof v === "string" && v.trim()));
const slug = (s) => s.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "") || "candidate";
const randomId = () => Array.from(crypto.getRandomValues(new Uint8Array(8)), (b) => b.toString(16).padStart(2, "0")).join("");

// "3 statements rated 2 or more levels apart" (ratings, for a framework with level-rated competencies), "1 …", "No …".
function summaryText(t, byLevel, n, levels) {
  if (byLevel) return n === 0 ? t("review_summary_ratings_none", { levels }) : n === 1 ? t("review_summary_ratings_one", { levels }) : t("review_summary_ratings", { n, levels });
  return n === 0 ? t("review_summary_none", { levels }) : n === 1 ? t("review_summary_one", { levels }) : t("review_summary", { n, levels });
}

export { personName, ratedItems }; // in ui.js, which the 360 page has without this page's code

// Per competency: items rated by both (N/A and unrated left out), exact
// agreement, agreement within one level, and the items at least
// rules.review_difference levels apart.
export function compareRatings(framework, candidate, reviewer) {
  const far = framework.rules.review_difference;
  const competencies = {};
  const differences = [];
  for (const c of framework.competencies) {
    let both = 0, same = 0, near = 0, apart = 0;
    for (const s of ratedItems(c)) {
      const a = (candidate.ratings || {})[s.id];
      const b = (reviewer.ratings || {})[s.id];
      if (typeof a !== "number" || typeof b !== "number") continue;
      both += 1;
      const d = Math.abs(a - b);
      if (d === 0) same += 1;
      if (d <= 1) near += 1;
      if (d >= far) {
        apart += 1;
        differences.push({ competency: c.id, group: s.group, statement: s.id, text: s.text, candidate: a, reviewer: b });
      }
    }
    competencies[c.id] = { both, same: both ? same / both : null, near: both ? near / both : null, apart };
  }
  return { competencies, differences };
}

// The feedback file for the person reviewed: a response from their coach (see
// the 360 feedback contract), the reviewer's ratings of them and the comments.
export function coachResponse(framework, { candidate, reviewerName, ratings, comments, created = new Date().toISOString(), id = `r-${randomId()}` }) {
  const ids = new Set(framework.competencies.flatMap((c) => ratedItems(c).map((s) => s.id)));
  return {
    format: "kam-response", format_version: 1, framework: { id: framework.id, version: framework.version }, for: candidate,
    id, request: null, rater: { name: reviewerName, role: "coach" }, created,
    ratings: Object.fromEntries(Object.entries(ratings || {}).filter(([k, v]) => ids.has(k) && (typeof v === "number" || v === "na"))),
    comments: written(comments),
  };
}

// The coach's comments, by the name of the person reviewed, under a key of
// their own in this browser's storage (memory when the browser stores nothing).
function commentBook(framework) {
  const key = `kam:${framework.id}:reviews`;
  const memory = {};
  const stored = () => {
    try {
      const raw = JSON.parse(window.localStorage.getItem(key));
      return raw && raw.format === "kam-reviews" && isObject(raw.candidates) ? raw.candidates : {};
    } catch (error) {
      return {};
    }
  };
  return {
    get(name) {
      const entry = stored()[name];
      return { ...(entry && isObject(entry.comments) ? entry.comments : memory[name] || {}) };
    },
    // false: kept in memory only
    put(name, comments) {
      memory[name] = { ...comments };
      try {
        const all = stored();
        const kept = written(comments);
        if (Object.keys(kept).length) all[name] = { updated: new Date().toISOString(), comments: kept };
        else delete all[name];
        window.localStorage.setItem(key, JSON.stringify({ format: "kam-reviews", version: 1, candidates: all }));
        return true;
      } catch (error) {
        return false;
      }
    },
  };
}

export function reviewView(app, h, download) {
  const fw = app.fw;
  const t = app.t;
  const far = fw.rules.review_difference;
  const labels = new Map(fw.scale.levels.map((lv) => [lv.value, lv.label]));
  const pct = (x) => (x === null ? "–" : `${Math.round(x * 100)}%`);
  // Statements only: the statement wording; with level-rated competencies: ratings.
  const byLevel = fw.competencies.some((c) => !c.groups || !c.groups.length);
  const book = commentBook(fw);
  let candidate = null; // {name, assessment}: a file opened here (kept in memory), or a stored assessment
  let comments = {}; // the coach's comments on the candidate: {item or competency id: text}
  const open = new Set(); // the competencies whose section is open, kept across redraws
  const list = app.store.list();
  const option = (x) => h("option", { value: x.id, text: personName(x.assessment, x.name) });
  const pickCandidate = h("select", { id: "kam-review-candidate" }, h("option", { value: "", text: t("review_pick") }), list.map(option));
  const pickReviewer = h("select", { id: "kam-review-reviewer" }, list.map(option));
  pickReviewer.value = app.store.current();
  const file = h("input", { id: "kam-review-file", type: "file", accept: ".json,application/json" });
  const box = h("div", { class: "kam-review" });
  app.root.append(h("div", { class: "kam-row" }, h("label", { for: "kam-review-file", text: t("review_open_file") }), file),
    h("div", { class: "kam-row" }, h("label", { for: "kam-review-candidate", text: t("review_candidate") }), pickCandidate),
    h("div", { class: "kam-row" }, h("label", { for: "kam-review-reviewer", text: t("review_reviewer") }), pickReviewer), box);

  // Saving as one types: a moment after the last key, when the field is left, and when the page goes.
  let timer = null;
  const flush = () => {
    clearTimeout(timer);
    timer = null;
    if (!candidate) return;
    const kept = book.put(candidate.name, comments);
    const note = document.getElementById("kam-review-saved");
    if (note) note.textContent = kept ? t("review_comments_saved") : t("review_comments_memory");
  };
  const later = () => {
    clearTimeout(timer);
    timer = setTimeout(flush, 400);
  };
  if (leaving) leaving.abort();
  leaving = new AbortController();
  window.addEventListener("pagehide", flush, { signal: leaving.signal });

  const setCandidate = (next, restored = null) => {
    flush();
    candidate = next;
    comments = candidate ? { ...book.get(candidate.name), ...(restored || {}) } : {};
    open.clear();
    render();
    if (restored) flush();
  };
  const reviewerNow = () => {
    const entry = app.store.get(pickReviewer.value);
    return { name: personName(entry.assessment, entry.name), assessment: entry.assessment };
  };

  const combined = () => {
    const reviewer = reviewerNow();
    return {
      format: REVIEW_FORMAT, format_version: REVIEW_VERSION, framework: { id: fw.id, version: fw.version }, created: new Date().toISOString(),
      candidate, reviewer, comparison: compareRatings(fw, candidate.assessment, reviewer.assessment), comments: written(comments),
    };
  };
  const rating = (v) => (v === "na" ? t("na") : typeof v === "number" ? labels.get(v) : t("review_not_rated"));
  const scoreText = (x) => (x.status === "not-started" ? t("not_assessed") : x.percent === null ? "–" : `${x.percent}%`);
  const differenceText = (d) => (d === null ? "–" : d >= far ? (d === 1 ? t("review_diff_far_one") : t("review_diff_far", { n: d }))
    : d === 0 ? t("review_diff_same") : d === 1 ? t("review_diff_one") : t("review_diff", { n: d }));
  const difference = (a, b) => (typeof a === "number" && typeof b === "number" ? Math.abs(a - b) : null);

  const render = () => app.keepFocus(draw);
  const draw = () => {
    if (!candidate) {
      box.replaceChildren(h("p", { text: t("review_none") }));
      return;
    }
    const reviewer = reviewerNow();
    const mine = candidate.assessment;
    const cmp = compareRatings(fw, mine, reviewer.assessment);
    const ours = score(fw, mine);
    const theirs = score(fw, reviewer.assessment);
    const workspace = fw.diploma && fw.diploma.workspace ? plan(fw, mine, ours) : null; // null: no award workspace
    const statusLabel = new Map(workspace ? fw.diploma.workspace.statuses.map((x) => [x.id, x.label]) : []);
    // the same assessment on both sides (picked twice, or a file of the reviewer's own ratings): say so, first
    const same = pickCandidate.value === pickReviewer.value
      || JSON.stringify(mine.ratings) === JSON.stringify(reviewer.assessment.ratings);
    const warning = same ? h("p", { class: "kam-notice kam-notice--warning", role: "status", text: t("review_same", { name: reviewer.name }) }) : null;

    // the whole picture: the person's figures per competency, and the reviewer's score beside them
    const evidenceText = (c, x) => {
      if (x.status === "not-started" || x.status === "not-applicable") return "–";
      const items = ratedItems(c).filter((s) => (mine.ratings || {})[s.id] !== "na");
      const held = items.filter((s) => (mine.evidence || {})[s.id] === true).length;
      return !c.groups || !c.groups.length ? (held ? t("answer_yes") : t("answer_no")) : t("count_of", { n: held, total: items.length });
    };
    const columns = [
      [t("score"), (c, x) => scoreText(x), (x) => (x.status === "not-started" ? "kam-unassessed" : "kam-num")],
      [t("status"), (c, x) => app.statusText[x.status]],
      app.parts.award && [t("ready"), (c, x) => (x.status === "not-started" ? "–" : x.ready ? t("answer_yes") : t("answer_no"))],
      [t("review_col_evidence"), evidenceText],
      workspace && [t("review_col_workspace"), (c) => statusLabel.get(workspace.competencies[c.id].status)],
      [t("review_col_reviewer_score"), (c) => scoreText(theirs.competencies[c.id]), (x, c) => (theirs.competencies[c.id].status === "not-started" ? "kam-unassessed" : "kam-num")],
    ].filter(Boolean);
    const picture = h("table", { class: "kam-table kam-stack kam-grid kam-review-picture" },
      h("caption", { text: t("review_picture_caption", { candidate: candidate.name, reviewer: reviewer.name }) }),
      h("thead", {}, h("tr", {}, [t("competency"), ...columns.map(([x]) => x)].map((x) => h("th", { scope: "col", text: x })))),
      h("tbody", {}, fw.competencies.map((c) => {
        const x = ours.competencies[c.id];
        return h("tr", { "data-picture": c.id }, h("th", { scope: "row", text: c.name }),
          columns.map(([label, text, cls]) => h("td", { "data-label": label, class: cls ? cls(x, c) : null, text: text(c, x) })));
      })));

    const heads = [t("review_col_both"), t("review_col_same"), t("review_col_near"), t("review_col_apart")];
    const rows = fw.competencies.map((c) => {
      const x = cmp.competencies[c.id];
      return h("tr", { "data-competency": c.id, class: x.apart ? "kam-apart" : "" },
        h("th", { scope: "row", text: c.name }),
        [String(x.both), pct(x.same), pct(x.near), String(x.apart)].map((v, k) => h("td", { class: "kam-num", "data-label": heads[k], text: v })));
    });
    const diffs = cmp.differences.map((d) => h("li", { class: "kam-apart" },
      h("strong", { text: d.statement }), ` ${d.text} — `,
      t("review_difference_item", { candidate: candidate.name, candidate_label: labels.get(d.candidate), reviewer: reviewer.name, reviewer_label: labels.get(d.reviewer) })));

    // a section per competency: its statements side by side and the coach's comments, filled in when first opened
    const flags = (c) => {
      const n = cmp.competencies[c.id].apart;
      const ids = [c.id, ...ratedItems(c).map((s) => s.id)];
      return [n === 1 ? t("review_flag_apart_one") : n ? t("review_flag_apart", { n }) : null,
        (mine.notes || {})[c.id] ? t("review_flag_note", { name: candidate.name }) : null,
        ids.some((id) => typeof comments[id] === "string" && comments[id].trim()) ? t("review_flag_commented") : null].filter(Boolean).join(" · ");
    };
    const commentField = (id, label) => [h("label", { for: `kam-rc-${id}`, text: label }),
      h("textarea", { id: `kam-rc-${id}`, rows: "3", "data-comment": id, text: comments[id] || "" })];
    const statementComment = (id) => {
      const cell = h("td", { class: "kam-review-comment", "data-label": t("review_col_comment") });
      if (comments[id]) cell.append(...commentField(id, t("review_comment_statement", { id })));
      else {
        const add = h("button", { type: "button", class: "md-button", "data-add-comment": id, text: t("review_add_comment"),
          "aria-label": t("review_add_comment_on", { id }) });
        add.addEventListener("click", () => {
          cell.replaceChildren(...commentField(id, t("review_comment_statement", { id })));
          cell.querySelector("textarea").focus();
        });
        cell.append(add);
      }
      return cell;
    };
    const fill = (section, c) => {
      if (section.dataset.filled) return;
      section.dataset.filled = "true";
      const levelRated = !c.groups || !c.groups.length;
      const note = (mine.notes || {})[c.id];
      const items = ratedItems(c).map((s) => {
        const a = (mine.ratings || {})[s.id];
        const b = (reviewer.assessment.ratings || {})[s.id];
        const d = difference(a, b);
        return h("tr", { "data-statement": s.id, class: d !== null && d >= far ? "kam-apart" : null },
          h("th", { scope: "row" }, levelRated ? null : [h("span", { class: "kam-sid", text: s.id }), " "], s.text),
          h("td", { "data-label": t("review_col_self"), text: rating(a) }),
          h("td", { "data-label": t("review_col_reviewer"), text: rating(b) }),
          h("td", { "data-label": t("review_col_difference"), text: differenceText(d) }),
          levelRated ? null : statementComment(s.id));
      });
      const head = [levelRated ? t("competency") : t("review_col_statement"), t("review_col_self"), t("review_col_reviewer"),
        t("review_col_difference"), levelRated ? null : t("review_col_comment")].filter(Boolean);
      section.append(h("div", { class: "kam-review-body" },
        note ? h("p", { class: "kam-review-note", text: t("review_their_note", { name: candidate.name, note }) }) : null,
        h("div", { class: "kam-field" }, commentField(c.id, t("review_comment_competency", { name: c.name }))),
        h("div", { class: "kam-scroll" }, h("table", { class: "kam-table kam-stack kam-review-statements" },
          h("caption", { text: levelRated ? t("review_level_caption", { name: c.name }) : t("review_statements_caption", { name: c.name }) }),
          h("thead", {}, h("tr", {}, head.map((x) => h("th", { scope: "col", text: x })))),
          h("tbody", {}, items)))));
    };
    const sections = fw.competencies.map((c) => {
      const section = h("details", { class: "kam-review-section", "data-review": c.id, open: open.has(c.id) },
        h("summary", {}, h("span", { class: "kam-review-name", text: c.name }), h("span", { class: "kam-review-flags", text: flags(c) })));
      section.addEventListener("toggle", () => {
        if (section.open) {
          open.add(c.id);
          fill(section, c);
        } else open.delete(c.id);
      });
      if (section.open) fill(section, c);
      return section;
    });
    box.oninput = (event) => {
      const id = event.target.dataset.comment;
      if (id === undefined) return;
      comments[id] = event.target.value;
      const section = event.target.closest("details");
      const c = fw.competencies.find((x) => x.id === section.dataset.review);
      section.querySelector(".kam-review-flags").textContent = flags(c);
      later();
    };
    box.onchange = (event) => { if (event.target.dataset.comment !== undefined) flush(); };

    const button = (label, action, onClick, cls = "md-button") => {
      const b = h("button", { type: "button", class: cls, text: label, "data-action": action });
      b.addEventListener("click", onClick);
      return b;
    };
    const json = button(t("review_export_json"), "review-json", () => download(`review-${slug(candidate.name)}.json`, "application/json",
      JSON.stringify(combined(), null, 2) + "\n"));
    const csvButton = button(t("review_export_csv"), "review-csv", () => {
      const lines = [[t("competency"), t("review_col_statement_id"), t("review_col_statement"), candidate.name, reviewer.name,
        t("review_col_difference"), t("review_col_comment")]];
      const show = (v) => (v === "na" ? t("na") : v === undefined ? "" : labels.get(v));
      for (const c of fw.competencies) {
        if (c.groups && c.groups.length) { // the competency's own row: the scores and the comment on the whole
          lines.push([c.id, "", c.name, scoreText(ours.competencies[c.id]), scoreText(theirs.competencies[c.id]), "", comments[c.id] || ""]);
        }
        for (const s of ratedItems(c)) {
          const a = (mine.ratings || {})[s.id];
          const b = (reviewer.assessment.ratings || {})[s.id];
          const d = difference(a, b);
          lines.push([c.id, s.id, s.text, show(a), show(b), d === null ? "" : d, comments[s.id] || ""]);
        }
      }
      download(`review-${slug(candidate.name)}.csv`, "text/csv;charset=utf-8", "\ufeff" + toCsv(lines));
    });
    const feedback = button(t("review_export_feedback", { name: candidate.name }), "review-feedback", () => {
      const response = coachResponse(fw, { candidate: candidate.name, reviewerName: reviewer.name, ratings: reviewer.assessment.ratings, comments });
      download(`feedback-for-${slug(candidate.name)}.json`, "application/json", JSON.stringify(response, null, 2) + "\n");
    }, "md-button md-button--primary");

    box.replaceChildren(
      ...(warning ? [warning] : []),
      h("p", { class: "kam-readiness", text: summaryText(t, byLevel, cmp.differences.length, far) }),
      h("h2", { text: t("review_picture_title") }),
      h("div", { class: "kam-scroll" }, picture),
      h("div", { class: "kam-scroll" }, h("table", { class: "kam-table kam-stack kam-grid" }, h("caption", { text: t("review_caption") }),
        h("thead", {}, h("tr", {}, [t("competency"), ...heads].map((x) => h("th", { scope: "col", text: x })))), h("tbody", {}, rows))),
      h("h2", { text: byLevel ? t("review_differences_title_ratings", { levels: far }) : t("review_differences_title", { levels: far }) }),
      diffs.length ? h("ul", { class: "kam-differences" }, diffs) : h("p", { text: t("review_no_differences") }),
      h("h2", { text: t("review_comments_title") }),
      h("p", { class: "kam-hint", text: t("review_comments_hint", { name: candidate.name }) }),
      h("p", { class: "kam-hint", id: "kam-review-saved", role: "status" }),
      h("div", { class: "kam-review-sections" }, sections),
      h("h2", { text: t("review_files_title") }),
      h("div", { class: "kam-row" }, json, csvButton),
      h("p", { class: "kam-hint", text: t("review_feedback_hint", { name: candidate.name, page: t("nav_feedback") }) }),
      h("div", { class: "kam-row" }, feedback));
  };

  // A review exported here: the person reviewed and the comments back (and the reviewer, when stored here by that name).
  const openReview = (parsed, fallback) => {
    const errors = [];
    const cand = parsed.candidate;
    if (!REVIEW_VERSIONS.includes(parsed.format_version)) {
      errors.push(`format_version: ${t("check_versions", { first: REVIEW_VERSIONS[0], last: REVIEW_VERSIONS[REVIEW_VERSIONS.length - 1], got: JSON.stringify(parsed.format_version ?? null) })}`);
    }
    if (!isObject(cand) || !isObject(cand.assessment)) errors.push(`candidate: ${t("check_object")}`);
    else errors.push(...check(fw, cand.assessment, app.strings).errors.map((e) => `candidate.assessment.${e}`));
    const restored = parsed.comments ?? {};
    if (!isObject(restored)) errors.push(`comments: ${t("check_object")}`);
    else for (const [k, v] of Object.entries(restored)) if (typeof v !== "string") errors.push(`comments[${JSON.stringify(k)}]: ${t("check_text")}`);
    if (errors.length) {
      app.refuse(t("review_file_refused"), errors.join("; "));
      return;
    }
    const name = typeof cand.name === "string" && cand.name.trim() ? cand.name.trim() : personName(cand.assessment, fallback);
    const by = parsed.reviewer && parsed.reviewer.name;
    const stored = app.store.list().find((x) => x.name === by);
    if (stored) pickReviewer.value = stored.id;
    pickCandidate.value = "";
    setCandidate({ name, assessment: cand.assessment }, restored);
    app.notify(t("review_restored", { name }));
  };

  pickCandidate.addEventListener("change", () => {
    const entry = pickCandidate.value ? app.store.get(pickCandidate.value) : null;
    setCandidate(entry ? { name: personName(entry.assessment, entry.name), assessment: entry.assessment } : null);
  });
  pickReviewer.addEventListener("change", render);
  onJsonFile(file, (parsed, f) => {
    const fallback = f.name.replace(/\.json$/i, "");
    if (isObject(parsed) && parsed.format === REVIEW_FORMAT) {
      openReview(parsed, fallback);
      return;
    }
    const checked = check(fw, parsed, app.strings);
    if (checked.errors.length) {
      app.notify(t("review_refused", { errors: checked.errors.join("; ") }), "error");
      return;
    }
    pickCandidate.value = "";
    setCandidate({ name: personName(parsed, fallback), assessment: parsed });
  }, (error) => app.notify(t("not_json", { message: error.message }), "error"));
  render();
}

// Coach review: the ratings of the person assessed beside a reviewer's, item
// by item: statement by statement, or the one level picked for a level-rated
// competency. compareRatings is pure; reviewView is the page.
import { check } from "./scoring.js";
import { toCsv } from "./templates.js";

// What is rated in a competency: its statements, or the competency itself
// when it is level-rated (rated under its own id, group null).
// "3 statements rated 2 or more levels apart" (ratings, for a framework with level-rated competencies), "1 …", "No …".
function summaryText(t, byLevel, n, levels) {
  if (byLevel) return n === 0 ? t("review_summary_ratings_none", { levels }) : n === 1 ? t("review_summary_ratings_one", { levels }) : t("review_summary_ratings", { n, levels });
  return n === 0 ? t("review_summary_none", { levels }) : n === 1 ? t("review_summary_one", { levels }) : t("review_summary", { n, levels });
}

export function ratedItems(c) {
  if (!c.groups || !c.groups.length) return [{ id: c.id, text: c.title, group: null }];
  return c.groups.flatMap((g) => g.indicators.map((s) => ({ id: s.id, text: s.text, group: g.id })));
}

// Who an assessment is of: its name (DESIGN.md §4), else the fallback (a file
// name, a stored assessment's name).
export function personName(assessment, fallback) {
  const name = assessment && typeof assessment.name === "string" ? assessment.name.trim() : "";
  return name || fallback;
}

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

export function reviewView(app, h, download) {
  const fw = app.fw;
  const t = app.t;
  const labels = new Map(fw.scale.levels.map((lv) => [lv.value, lv.label]));
  const pct = (x) => (x === null ? "–" : `${Math.round(x * 100)}%`);
  // Statements only: the statement wording; with level-rated competencies: ratings.
  const byLevel = fw.competencies.some((c) => !c.groups || !c.groups.length);
  let candidate = null; // {name, assessment}: a file opened here (kept in memory), or a stored assessment
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

  const combined = () => {
    const reviewer = app.store.get(pickReviewer.value);
    return {
      format: "kam-review", format_version: 1, framework: { id: fw.id, version: fw.version }, created: new Date().toISOString(),
      candidate, reviewer: { name: personName(reviewer.assessment, reviewer.name), assessment: reviewer.assessment },
      comparison: compareRatings(fw, candidate.assessment, reviewer.assessment),
    };
  };
  const render = () => app.keepFocus(draw);
  const draw = () => {
    if (!candidate) {
      box.replaceChildren(h("p", { text: t("review_none") }));
      return;
    }
    const reviewer = app.store.get(pickReviewer.value);
    const reviewerName = personName(reviewer.assessment, reviewer.name);
    const cmp = compareRatings(fw, candidate.assessment, reviewer.assessment);
    // the same assessment on both sides (picked twice, or a file of the reviewer's own ratings): say so, first
    const same = pickCandidate.value === pickReviewer.value
      || JSON.stringify(candidate.assessment.ratings) === JSON.stringify(reviewer.assessment.ratings);
    const warning = same ? h("p", { class: "kam-notice kam-notice--warning", role: "status", text: t("review_same", { name: reviewerName }) }) : null;
    const heads = [t("review_col_both"), t("review_col_same"), t("review_col_near"), t("review_col_apart")];
    const rows = fw.competencies.map((c) => {
      const x = cmp.competencies[c.id];
      return h("tr", { "data-competency": c.id, class: x.apart ? "kam-apart" : "" },
        h("th", { scope: "row", text: c.name }),
        [String(x.both), pct(x.same), pct(x.near), String(x.apart)].map((v, k) => h("td", { class: "kam-num", "data-label": heads[k], text: v })));
    });
    const diffs = cmp.differences.map((d) => h("li", { class: "kam-apart" },
      h("strong", { text: d.statement }), ` ${d.text} — `,
      t("review_difference_item", { candidate: candidate.name, candidate_label: labels.get(d.candidate), reviewer: reviewerName, reviewer_label: labels.get(d.reviewer) })));
    const json = h("button", { type: "button", class: "md-button", text: t("review_export_json"), "data-action": "review-json" });
    const csvButton = h("button", { type: "button", class: "md-button", text: t("review_export_csv"), "data-action": "review-csv" });
    json.addEventListener("click", () => download("review.json", "application/json", JSON.stringify(combined(), null, 2) + "\n"));
    csvButton.addEventListener("click", () => {
      const lines = [[t("competency"), t("review_col_statement_id"), t("review_col_statement"), candidate.name, reviewerName, t("review_col_difference")]];
      for (const c of fw.competencies) for (const s of ratedItems(c)) {
        const a = candidate.assessment.ratings[s.id];
        const b = reviewer.assessment.ratings[s.id];
        const show = (v) => (v === "na" ? t("na") : v === undefined ? "" : labels.get(v));
        lines.push([c.id, s.id, s.text, show(a), show(b), typeof a === "number" && typeof b === "number" ? Math.abs(a - b) : ""]);
      }
      download("review.csv", "text/csv;charset=utf-8", "\ufeff" + toCsv(lines));
    });
    box.replaceChildren(
      ...(warning ? [warning] : []),
      h("p", { class: "kam-readiness", text: summaryText(t, byLevel, cmp.differences.length, fw.rules.review_difference) }),
      h("div", { class: "kam-scroll" }, h("table", { class: "kam-table kam-stack kam-grid" }, h("caption", { text: t("review_caption") }),
        h("thead", {}, h("tr", {}, [t("competency"), ...heads].map((x) => h("th", { scope: "col", text: x })))), h("tbody", {}, rows))),
      h("h2", { text: byLevel ? t("review_differences_title_ratings", { levels: fw.rules.review_difference })
        : t("review_differences_title", { levels: fw.rules.review_difference }) }),
      diffs.length ? h("ul", { class: "kam-differences" }, diffs) : h("p", { text: t("review_no_differences") }),
      h("div", { class: "kam-row" }, json, csvButton));
  };
  pickCandidate.addEventListener("change", () => {
    const entry = pickCandidate.value ? app.store.get(pickCandidate.value) : null;
    candidate = entry ? { name: personName(entry.assessment, entry.name), assessment: entry.assessment } : null;
    render();
  });
  pickReviewer.addEventListener("change", render);
  file.addEventListener("change", async () => {
    const f = file.files[0];
    if (!f) return;
    let parsed;
    try {
      parsed = JSON.parse(await f.text());
    } catch (error) {
      app.notify(t("not_json", { message: error.message }), "error");
      return;
    }
    const checked = check(fw, parsed, app.strings);
    if (checked.errors.length) {
      app.notify(t("review_refused", { errors: checked.errors.join("; ") }), "error");
      return;
    }
    candidate = { name: personName(parsed, f.name.replace(/\.json$/i, "")), assessment: parsed };
    pickCandidate.value = "";
    render();
  });
  render();
}

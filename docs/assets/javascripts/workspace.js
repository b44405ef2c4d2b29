// The submission workspace and plan pages (only built when the framework has
// a workspace: parts.workspace). DOM code on top of the App of assessment.js;
// the rules are plan.js, the documents templates.js. A level-rated competency
// has no requirement groups: no group coverage, no groups to tick per piece
// of evidence; a competency that names no theory has no theory section.
import { MISSING, plan } from "./plan.js";
import { fragment } from "./ui.js";

// The documents' code (templates.js, a third of these pages' own), fetched when a document is first asked for.
const templates = () => import("./templates.js");

// What a competency still lacks (plan.js's codes), as text.
function missingText(t, fw, c) {
  const g = fw.diploma.word_guidance;
  const text = {
    status: () => t("missing_status"),
    words: () => t("missing_words", { min: g.min, max: g.max }),
    evidence: () => t("missing_evidence"),
    groups: () => t("missing_groups", { groups: c.groups_missing.join(", ") }),
    checks: () => (c.unchecked === 1 ? t("missing_checks_one") : t("missing_checks", { n: c.unchecked })),
    theory: () => t("missing_theory"),
    "sign-off": () => t("missing_sign_off"),
  };
  return c.missing.map((m) => text[m]());
}

// What a competency still lacks, one short word each ("words, 2 groups, sign-off").
function remainsText(t, c) {
  const groups = c.groups_missing.length;
  const text = {
    status: () => t("remains_status"), words: () => t("remains_words"), evidence: () => t("remains_evidence"),
    groups: () => (groups === 1 ? t("remains_groups_one") : t("remains_groups", { n: groups })),
    checks: () => (c.unchecked === 1 ? t("remains_checks_one") : t("remains_checks", { n: c.unchecked })),
    theory: () => t("remains_theory"), "sign-off": () => t("remains_sign_off"),
  };
  return c.missing.map((m) => text[m]()).join(", ");
}

// The key to the short words: each code that occurs, once, in full.
function remainsKey(t, fw, codes) {
  const g = fw.diploma.word_guidance;
  const item = {
    status: () => [t("remains_status"), t("missing_status")],
    words: () => [t("remains_words"), t("missing_words", { min: g.min, max: g.max })],
    evidence: () => [t("remains_evidence"), t("missing_evidence")],
    groups: () => [t("remains_groups_word"), t("remains_key_groups")],
    checks: () => [t("remains_checks_word"), t("remains_key_checks")],
    theory: () => [t("remains_theory"), t("missing_theory")],
    "sign-off": () => [t("remains_sign_off"), t("missing_sign_off")],
  };
  return codes.map((m) => { const [short, long] = item[m](); return t("remains_key_item", { short, long }); });
}

// A word count against the guide (plan.js's words_state), as text.
function wordsText(t, state) {
  return { within: () => t("words_within"), below: () => t("words_below"), above: () => t("words_above"),
    missing: () => t("words_missing"), linking: () => t("words_linking") }[state]();
}

const slug = (s) => s.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "");

function entryOf(a, cid) {
  a.submission = a.submission || { chosen: null, feedback_first: null, competencies: {} };
  a.submission.competencies = a.submission.competencies || {};
  if (!a.submission.competencies[cid]) a.submission.competencies[cid] = {};
  return a.submission.competencies[cid];
}

function countWords(text) {
  const words = text.trim().match(/[\p{L}\p{N}][\p{L}\p{N}'’\-]*/gu);
  return words ? words.length : 0;
}

export function planView(app, h, download) {
  const t = app.t;
  const fw = app.fw;
  const box = h("div", { class: "kam-plan" });
  app.root.append(box);
  const render = () => app.keepFocus(draw);
  const draw = () => {
    const a = app.assessment;
    const p = plan(fw, a);
    const s = p.summary;
    const byId = new Map(fw.competencies.map((c) => [c.id, c]));
    const result = app.result();
    const statusLabel = new Map(fw.diploma.workspace.statuses.map((x) => [x.id, x.label]));
    const anyGroups = fw.competencies.some((c) => (c.groups || []).length);
    const anyTheory = fw.competencies.some((c) => (c.theory || []).length);
    const choose = h("fieldset", { class: "kam-choose" }, h("legend", { text: t("competencies_to_submit") }),
      h("p", { text: a.submission && a.submission.chosen ? t("plan_own_choice") : t("plan_suggested", { required: s.required }) }),
      h("div", { class: "kam-choose-list" }, fw.competencies.map((c) => {
        const r = result.competencies[c.id];
        const scored = r.percent === null ? "–" : r.percent + "%";
        const text = r.status === "not-started" ? t("plan_option_unassessed", { name: c.name })
          : t("plan_option", { name: c.name, score: r.ready ? t("score_ready", { score: scored }) : scored });
        return h("label", { class: "kam-option" }, h("input", { type: "checkbox", "data-choose": c.id, checked: p.chosen.includes(c.id) }), ` ${text}`);
      })));
    const reset = h("button", { type: "button", class: "md-button", text: t("suggest"), "data-action": "suggest" });
    reset.addEventListener("click", () => { app.change((x) => { x.submission.chosen = null; }); render(); });
    choose.append(reset);
    const columns = [[t("competency"), false], [t("status"), false], [t("words"), false], [t("evidence"), true],
      anyGroups ? [t("groups_covered"), true] : null, anyTheory ? [t("theories"), true] : null,
      [t("signed_off"), false], [t("what_remains"), false]].filter((x) => x !== null);
    const cell = (k, text) => h("td", { "data-label": columns[k][0], class: columns[k][1] ? "kam-num" : null, text });
    const codes = new Set();
    const rows = p.chosen.map((cid) => {
      const c = p.competencies[cid];
      c.missing.forEach((m) => codes.add(m));
      const cells = [
        statusLabel.get(c.status),
        c.mode === "linking" ? t("words_linking") : c.words === null ? "–" : t("plan_words", { words: c.words, state: wordsText(t, c.words_state) }),
        String(c.evidence),
        anyGroups ? ((byId.get(cid).groups || []).length
          ? t("count_of", { n: c.groups_covered.length, total: c.groups_covered.length + c.groups_missing.length }) : "–") : null,
        anyTheory ? ((byId.get(cid).theory || []).length ? String(c.theories) : "–") : null,
        c.signed_off ? t("answer_yes") : t("answer_no"),
        c.complete ? t("plan_complete") : remainsText(t, c),
      ].filter((x) => x !== null);
      return h("tr", { "data-competency": cid, class: c.complete ? "kam-done" : null },
        h("th", { scope: "row" }, h("a", { href: `${app.links.workspace}#${cid}`, text: byId.get(cid).name })),
        cells.map((text, k) => cell(k + 1, text)));
    });
    const first = s.feedback_first ? byId.get(s.feedback_first).name : null;
    const advice = fw.diploma.rules.find((r) => r.id === "first-competency-feedback");
    const packDocx = h("button", { type: "button", class: "md-button md-button--primary", text: t("pack_docx"), "data-action": "pack-docx" });
    const packMd = h("button", { type: "button", class: "md-button", text: t("pack_md"), "data-action": "pack-md" });
    const name = app.store.get().name;
    const doc = (m) => m.packDocument(fw, app.assessment, plan(fw, app.assessment).chosen, t, { name });
    packDocx.addEventListener("click", () => templates().then((m) => download(`${slug(name)}-submission-pack.docx`,
      "application/vnd.openxmlformats-officedocument.wordprocessingml.document", m.toDocx(doc(m), t))));
    packMd.addEventListener("click", () => templates().then((m) => download(`${slug(name)}-submission-pack.md`,
      "text/markdown;charset=utf-8", m.toMarkdown(doc(m), t))));
    const summary = t("plan_summary", { name, chosen: s.chosen, signed_off: s.signed_off, words: s.words });
    const key = remainsKey(t, fw, MISSING.filter((m) => codes.has(m)));
    box.replaceChildren(
      h("p", { class: "kam-readiness", text: s.ready && s.complete > s.required ? t("plan_readiness_all", { complete: s.complete, required: s.required })
        : s.ready ? t("plan_readiness_met", { complete: s.complete, required: s.required })
        : t("plan_readiness_to_go", { complete: s.complete, required: s.required, to_go: s.to_go }) }),
      h("p", { text: s.to_choose ? `${summary} · ${t("plan_choose_more", { n: s.to_choose })}` : summary }),
      h("p", {}, h("strong", { text: advice ? `${advice.title}. ` : "" }), first ? t("plan_first", { competency: first }) : t("plan_first_none")),
      rows.length ? h("div", { class: "kam-scroll" }, h("table", { class: "kam-table kam-stack kam-plan-table" },
        h("caption", { text: t("plan_caption") }),
        h("thead", {}, h("tr", {}, columns.map(([x, num]) => h("th", { scope: "col", class: num ? "kam-num" : null, text: x })))),
        h("tbody", {}, rows))) : null,
      key.length ? h("div", { class: "kam-remains-key" }, h("p", { class: "kam-hint", text: t("remains_key") }),
        h("ul", { class: "kam-hint" }, key.map((x) => h("li", { text: x })))) : null,
      h("div", { class: "kam-row" }, packDocx, packMd),
      choose);
  };
  box.addEventListener("change", (event) => {
    const id = event.target.dataset.choose;
    if (!id) return;
    const current = plan(fw, app.assessment).chosen;
    const next = event.target.checked ? fw.competencies.map((c) => c.id).filter((c) => c === id || current.includes(c)) : current.filter((c) => c !== id);
    app.change((x) => { x.submission.chosen = next; });
    render();
  });
  render();
}

export function workspaceView(app, h, download) {
  const t = app.t;
  const fw = app.fw;
  const ws = fw.diploma.workspace;
  const guide = fw.diploma.word_guidance;
  const so = fw.diploma.sign_off;
  const theories = new Map((fw.theories || []).map((x) => [x.id, x.title]));
  const picker = h("select", { id: "kam-ws-competency" }, fw.competencies.map((c) => h("option", { value: c.id, text: c.name })));
  const box = h("div", { class: "kam-workspace" });
  app.root.append(h("div", { class: "kam-row" }, h("label", { for: "kam-ws-competency", text: t("competency") }), picker), box);
  const initial = fragment();
  if (fw.competencies.some((c) => c.id === initial)) picker.value = initial;

  const save = (cid, fn) => app.change((a) => fn(entryOf(a, cid)));
  const field = (label, input) => h("div", { class: "kam-field" }, h("label", { for: input.id, text: label }), input);
  // The read-outs, shared by the first render and the updates while typing.
  const summaryText = (p) => (p.complete ? t("ws_complete") : t("ws_to_do", { items: missingText(t, fw, p).join("; ") }));
  const wordStateText = (p, entry) => (p.mode === "linking"
    ? (entry.words ? t("ws_words_linking", { words: entry.words }) : t("ws_words_linking_no_count"))
    : entry.words === undefined || entry.words === null ? t("ws_words_none", { min: guide.min, max: guide.max })
      : entry.words === 1 ? t("ws_words_state_one", { words: entry.words, state: wordsText(t, p.words_state), min: guide.min, max: guide.max })
        : t("ws_words_state", { words: entry.words, state: wordsText(t, p.words_state), min: guide.min, max: guide.max }));
  const coverageText = (g, n) => (n === 1 ? t("ws_coverage_one", { group: g.title }) : n ? t("ws_coverage_some", { group: g.title, n })
    : t("ws_coverage_none", { group: g.title }));
  const legendText = (e, i) => (e.title && e.title.trim() ? t("ws_evidence_item_titled", { n: i + 1, title: e.title.trim() }) : t("ws_evidence_item", { n: i + 1 }));
  // The word count of a pasted text fills the count only when the count is empty or came from counting here;
  // a count the person entered is kept until they choose the text's count (counted: the last count used).
  let counted = null;

  const render = () => {
    const cid = picker.value;
    const c = fw.competencies.find((x) => x.id === cid);
    const a = app.assessment;
    const entry = (a.submission && a.submission.competencies && a.submission.competencies[cid]) || {};
    const p = plan(fw, a).competencies[cid];
    const evidence = entry.evidence || [];
    const groups = c.groups || [];

    const status = h("select", { id: "ws-status", "data-field": "status" }, ws.statuses.map((s) => h("option", { value: s.id, text: s.label, selected: (entry.status || ws.statuses[0].id) === s.id })));
    const words = h("input", { id: "ws-words", type: "number", min: "0", step: "1", inputmode: "numeric", value: entry.words ?? "", "data-field": "words" });
    const paste = h("textarea", { id: "ws-paste", rows: "4", placeholder: t("ws_paste") });
    const countState = h("p", { class: "kam-hint", id: "ws-count-state", "aria-live": "polite" });
    const useCount = h("button", { type: "button", class: "md-button", id: "ws-use-count", "data-action": "use-count", text: t("ws_count_use", { n: 0 }), hidden: true });
    const mode = h("fieldset", { class: "kam-mode" }, h("legend", { text: t("ws_mode") }),
      [["full", t("ws_mode_full", { min: guide.min, max: guide.max })], ["linking", t("ws_mode_linking")]].map(([v, label]) =>
        h("label", { class: "kam-option" }, h("input", { type: "radio", name: "ws-mode", value: v, "data-field": "mode", checked: (entry.mode || "full") === v }), ` ${label}`)),
      h("p", { class: "kam-hint", text: ws.linking_document }));
    const wordState = h("p", { class: "kam-words", id: "ws-word-state", "aria-live": "polite", text: wordStateText(p, entry) });

    const items = evidence.map((e, i) => {
      const id = (k) => `ws-ev-${i}-${k}`;
      return h("fieldset", { class: "kam-evidence-item", "data-item": String(i) },
        h("legend", { text: legendText(e, i) }),
        field(t("ws_title"), h("input", { id: id("title"), type: "text", value: e.title || "", "data-ev": "title" })),
        field(t("ws_type"), h("select", { id: id("type"), "data-ev": "type" }, h("option", { value: "", text: "—" }),
          ws.evidence_types.map((x) => h("option", { value: x.id, text: x.label, selected: e.type === x.id })))),
        field(t("date"), h("input", { id: id("date"), type: "date", value: e.date || "", "data-ev": "date" })),
        field(t("ws_own_share"), h("input", { id: id("share"), type: "number", min: "0", max: "100", step: "5", value: e.own_share ?? "", "data-ev": "own_share" })),
        groups.length ? h("fieldset", { class: "kam-sub" }, h("legend", { text: t("ws_groups") }),
          groups.map((g) => h("label", { class: "kam-option" }, h("input", { type: "checkbox", "data-ev-group": g.id, checked: (e.groups || []).includes(g.id) }), ` ${g.title}`))) : null,
        h("fieldset", { class: "kam-sub" }, h("legend", { text: t("ws_checks") }),
          ws.evidence_checks.map((k) => h("label", { class: "kam-option", title: k.question }, h("input", { type: "checkbox", "data-ev-check": k.id, checked: !!(e.checks && e.checks[k.id]) }), ` ${k.label} — ${k.question}`))),
        h("button", { type: "button", class: "md-button", text: t("ws_remove_evidence"), "data-action": "remove-evidence" }));
    });
    const add = h("button", { type: "button", id: "ws-add-evidence", class: "md-button", text: t("ws_add_evidence"), "data-action": "add-evidence" });

    const coverage = h("ul", { class: "kam-coverage" }, groups.map((g) => {
      const n = evidence.filter((e) => (e.groups || []).includes(g.id)).length;
      return h("li", { class: n ? "kam-covered" : "kam-uncovered", text: coverageText(g, n) });
    }));
    const theoryIds = [...new Set((c.theory || []).flatMap((i) => i.theories))];
    const applied = h("fieldset", { class: "kam-sub" }, h("legend", { text: t("ws_theory_applied") }),
      theoryIds.map((x) => h("label", { class: "kam-option" }, h("input", { type: "checkbox", "data-theory": x, checked: (entry.theories || []).includes(x) }), ` ${theories.get(x) || x}`)));
    const sign = entry.sign_off || {};
    const signer = { who: so.who, confirms: so.confirms, does_not: `${so.does_not.charAt(0).toLowerCase()}${so.does_not.slice(1)}`, decided_by: so.decided_by };
    const signOff = h("fieldset", { class: "kam-sub" }, h("legend", { text: t("sign_off") }),
      h("p", { class: "kam-hint", text: so.decided_by ? t("ws_sign_hint_decided", signer) : t("ws_sign_hint", signer) }),
      ["name", "role", "date"].map((f) => field({ name: t("name"), role: t("role"), date: t("date") }[f],
        h("input", { id: `ws-sign-${f}`, type: f === "date" ? "date" : "text", value: sign[f] || "", "data-sign": f }))));
    const advice = fw.diploma.rules.find((r) => r.id === "first-competency-feedback");
    const firstBox = h("label", { class: "kam-option" }, h("input", { type: "checkbox", "data-first": cid, checked: a.submission && a.submission.feedback_first === cid }),
      ` ${t("ws_first")}`);
    const tplMd = h("button", { type: "button", class: "md-button", text: t("ws_template_md"), "data-action": "template-md" });
    const tplDocx = h("button", { type: "button", class: "md-button", text: t("ws_template_docx"), "data-action": "template-docx" });
    const doc = (m) => m.competencyDocument(fw, app.assessment, cid, t, { name: app.store.get().name });
    tplMd.addEventListener("click", () => templates().then((m) => download(`${cid}-submission.md`, "text/markdown;charset=utf-8",
      m.toMarkdown(doc(m), t))));
    tplDocx.addEventListener("click", () => templates().then((m) => download(`${cid}-submission.docx`,
      "application/vnd.openxmlformats-officedocument.wordprocessingml.document", m.toDocx(doc(m), t))));

    box.replaceChildren(
      h("h2", { text: c.name }),
      h("p", { class: "kam-readiness", id: "ws-summary", text: summaryText(p) }),
      h("p", {}, h("a", { href: app.links.competencies[cid], text: t("ws_requirement") }), " · ", h("a", { href: app.links.plan, text: t("link_plan") })),
      field(t("status"), status),
      h("h3", { text: t("ws_write_up") }), mode, field(t("ws_words"), words), wordState, field(t("ws_count"), paste),
      h("div", { class: "kam-row kam-count" }, countState, useCount),
      h("h3", { text: t("evidence") }), h("p", { class: "kam-hint", text: groups.length ? t("ws_evidence_hint") : t("ws_evidence_hint_levels") }),
      ...items, add,
      ...(groups.length ? [h("h3", { text: t("ws_coverage") }), coverage] : []),
      ...(theoryIds.length ? [h("h3", { text: t("ws_theory") }), applied] : []),
      h("h3", { text: t("sign_off") }), signOff,
      h("h3", { text: t("ws_feedback_first") }), h("p", { class: "kam-hint", text: advice ? advice.text : "" }), firstBox,
      h("h3", { text: t("ws_template") }), h("p", { class: "kam-hint", text: groups.length ? t("ws_template_hint") : t("ws_template_hint_levels") }),
      h("div", { class: "kam-row" }, tplMd, tplDocx));
  };

  const refresh = (focusId) => {
    render();
    if (focusId) {
      const node = document.getElementById(focusId);
      if (node) node.focus();
    }
  };
  picker.addEventListener("change", () => { counted = null; history.replaceState(null, "", `#${picker.value}`); render(); });
  box.addEventListener("click", (event) => {
    const action = event.target.dataset && event.target.dataset.action;
    const cid = picker.value;
    if (action === "add-evidence") {
      save(cid, (e) => { e.evidence = [...(e.evidence || []), { title: "", groups: [], checks: {} }]; });
      refresh(`ws-ev-${(entryOf(app.assessment, cid).evidence || []).length - 1}-title`);
    } else if (action === "use-count") {
      const n = Number(event.target.dataset.count);
      save(cid, (e) => { e.words = n; });
      counted = n;
      const input = document.getElementById("ws-words");
      input.value = String(n);
      showCount(n);
      input.focus();
      updateStatus(cid);
    } else if (action === "remove-evidence") {
      const i = Number(event.target.closest("[data-item]").dataset.item);
      save(cid, (e) => { e.evidence = e.evidence.filter((_, k) => k !== i); });
      const left = (entryOf(app.assessment, cid).evidence || []).length; // focus stays where the item was
      refresh(left ? `ws-ev-${Math.min(i, left - 1)}-title` : "ws-add-evidence");
    }
  });
  const onInput = (event) => {
    const el = event.target;
    const cid = picker.value;
    const item = el.closest("[data-item]");
    const i = item ? Number(item.dataset.item) : -1;
    if (el.id === "ws-paste") {
      const n = el.value.trim() ? countWords(el.value) : null;
      const input = document.getElementById("ws-words");
      const entered = input.value === "" ? null : Number(input.value);
      if (n !== null && (entered === null || entered === counted)) {
        save(cid, (e) => { e.words = n; });
        counted = n;
        input.value = String(n);
      }
      showCount(n);
    } else if (el.dataset.field === "status") save(cid, (e) => { e.status = el.value; });
    else if (el.dataset.field === "mode") save(cid, (e) => { e.mode = el.value; });
    else if (el.dataset.field === "words") {
      const n = el.value === "" ? null : Math.max(0, Math.floor(Number(el.value)));
      if (el.value !== "" && !Number.isFinite(n)) return;
      save(cid, (e) => { if (n === null) delete e.words; else e.words = n; });
      const text = document.getElementById("ws-paste");
      if (text.value.trim()) showCount(countWords(text.value));
    } else if (el.dataset.ev) {
      const key = el.dataset.ev;
      const value = key === "own_share" ? (el.value === "" ? null : Math.min(100, Math.max(0, Math.round(Number(el.value))))) : el.value;
      save(cid, (e) => { if (value === null || value === "") delete e.evidence[i][key]; else e.evidence[i][key] = value; });
      if (key === "title") item.querySelector("legend").textContent = legendText({ title: el.value }, i);
    } else if (el.dataset.evGroup) {
      const g = el.dataset.evGroup;
      save(cid, (e) => { const gs = (e.evidence[i].groups || []).filter((x) => x !== g); e.evidence[i].groups = el.checked ? [...gs, g] : gs; });
    } else if (el.dataset.evCheck) {
      save(cid, (e) => { e.evidence[i].checks = { ...(e.evidence[i].checks || {}), [el.dataset.evCheck]: el.checked }; });
    } else if (el.dataset.theory) {
      const id = el.dataset.theory;
      save(cid, (e) => { const ts = (e.theories || []).filter((x) => x !== id); e.theories = el.checked ? [...ts, id] : ts; });
    } else if (el.dataset.sign) {
      save(cid, (e) => { e.sign_off = { ...(e.sign_off || {}), [el.dataset.sign]: el.value }; });
    } else if (el.dataset.first) {
      app.change((a) => { a.submission.feedback_first = el.checked ? cid : null; });
    } else return;
    updateStatus(cid);
  };
  // What the pasted text's count is beside the count entered, and the choice when they differ.
  const showCount = (n) => {
    const state = document.getElementById("ws-count-state");
    const button = document.getElementById("ws-use-count");
    const value = document.getElementById("ws-words").value;
    const words = value === "" ? null : Number(value);
    if (n === null) {
      state.textContent = "";
      button.hidden = true;
    } else if (words === n) {
      state.textContent = t("ws_count_used", { n });
      button.hidden = true;
    } else {
      state.textContent = t("ws_count_differs", { n, words });
      button.textContent = t("ws_count_use", { n });
      button.dataset.count = String(n);
      button.hidden = false;
    }
  };
  // Update the read-outs without re-rendering the form (keeps focus and typing intact).
  const updateStatus = (cid) => {
    const p = plan(fw, app.assessment).competencies[cid];
    const entry = entryOf(app.assessment, cid);
    document.getElementById("ws-summary").textContent = summaryText(p);
    document.getElementById("ws-word-state").textContent = wordStateText(p, entry);
    const c = fw.competencies.find((x) => x.id === cid);
    const items = box.querySelectorAll(".kam-coverage li");
    (c.groups || []).forEach((g, k) => {
      const n = (entry.evidence || []).filter((e) => (e.groups || []).includes(g.id)).length;
      items[k].className = n ? "kam-covered" : "kam-uncovered";
      items[k].textContent = coverageText(g, n);
    });
  };
  box.addEventListener("input", onInput);
  box.addEventListener("change", (event) => { if (event.target.type === "checkbox" || event.target.type === "radio" || event.target.tagName === "SELECT") onInput(event); });
  render();
}

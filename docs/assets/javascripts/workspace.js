// The diploma submission workspace and plan pages. DOM code on top of the
// App of assessment.js; the rules are plan.js, the documents templates.js.
import { plan } from "./plan.js";
import { competencyBlocks, packBlocks, toDocx, toMarkdown } from "./templates.js";

const MISSING = {
  status: "not final yet",
  words: (g) => `no word count for the write-up (${g.min}–${g.max} words as a guide)`,
  evidence: "no evidence logged",
  groups: (g, c) => `requirement groups without evidence: ${c.groups_missing.join(", ")}`,
  checks: (g, c) => `${c.unchecked} piece(s) of evidence not yet checked`,
  theory: "no theory applied",
  "sign-off": "not signed off (name, role and date)",
};
const WORDS = { within: "within the guide", below: "below the guide", above: "above the guide", missing: "no count yet", linking: "linking document" };

const missingText = (fw, c) => c.missing.map((m) => (typeof MISSING[m] === "function" ? MISSING[m](fw.diploma.word_guidance, c) : MISSING[m]));
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
  const fw = app.fw;
  const box = h("div", { class: "kam-plan" });
  app.root.append(box);
  const render = () => {
    const a = app.assessment;
    const p = plan(fw, a);
    const s = p.summary;
    const byId = new Map(fw.competencies.map((c) => [c.id, c]));
    const result = app.result();
    const statusLabel = new Map(fw.diploma.workspace.statuses.map((x) => [x.id, x.label]));
    const choose = h("fieldset", { class: "kam-choose" }, h("legend", { text: "Competencies to submit" }),
      h("p", { text: a.submission && a.submission.chosen ? "Your own choice." : `Suggested from your self-assessment: ready ones first, then the strongest (${s.required} needed).` }),
      h("div", { class: "kam-choose-list" }, fw.competencies.map((c) => {
        const r = result.competencies[c.id];
        return h("label", { class: "kam-option" }, h("input", { type: "checkbox", "data-choose": c.id, checked: p.chosen.includes(c.id) }),
          ` ${c.id} ${c.title} (${r.percent === null ? "–" : r.percent + "%"}${r.ready ? ", ready" : ""})`);
      })));
    const reset = h("button", { type: "button", class: "md-button", text: "Use the suggested selection", "data-action": "suggest" });
    reset.addEventListener("click", () => { app.change((x) => { x.submission.chosen = null; }); render(); });
    choose.append(reset);
    const rows = p.chosen.map((cid) => {
      const c = p.competencies[cid];
      return h("tr", { "data-competency": cid },
        h("th", { scope: "row" }, h("a", { href: `${app.links.workspace}#${cid}`, text: `${cid} ${byId.get(cid).title}` })),
        h("td", { text: statusLabel.get(c.status) }),
        h("td", { text: c.mode === "linking" ? "linking document" : c.words === null ? "–" : `${c.words} (${WORDS[c.words_state]})` }),
        h("td", { class: "kam-num", text: String(c.evidence) }),
        h("td", { class: "kam-num", text: `${c.groups_covered.length} of ${c.groups_covered.length + c.groups_missing.length}` }),
        h("td", { class: "kam-num", text: String(c.theories) }),
        h("td", { text: c.signed_off ? "yes" : "no" }),
        h("td", { text: c.complete ? "complete" : missingText(fw, c).join("; ") }));
    });
    const first = s.feedback_first ? `${s.feedback_first} ${byId.get(s.feedback_first).title}` : null;
    const advice = fw.diploma.rules.find((r) => r.id === "first-competency-feedback");
    const packMd = h("button", { type: "button", class: "md-button md-button--primary", text: "Download the submission pack (Word)", "data-action": "pack-docx" });
    const packDocx = h("button", { type: "button", class: "md-button", text: "Download the submission pack (Markdown)", "data-action": "pack-md" });
    const name = app.store.get().name;
    packMd.addEventListener("click", () => download(`${slug(name)}-submission-pack.docx`,
      "application/vnd.openxmlformats-officedocument.wordprocessingml.document", toDocx(packBlocks(fw, app.assessment, p.chosen, name))));
    packDocx.addEventListener("click", () => download(`${slug(name)}-submission-pack.md`, "text/markdown;charset=utf-8",
      toMarkdown(packBlocks(fw, app.assessment, p.chosen, name))));
    box.replaceChildren(
      h("p", { class: "kam-readiness", text: s.ready ? `${s.complete} of the ${s.required} required competencies complete — the award rule can be met.`
        : `${s.complete} of the ${s.required} required competencies complete — ${s.to_go} to go.` }),
      h("p", { text: `Assessment “${name}” · ${s.chosen} chosen · ${s.signed_off} signed off · ${s.words} words written` +
        (s.to_choose ? ` · choose ${s.to_choose} more` : "") }),
      h("p", {}, h("strong", { text: advice ? `${advice.title}. ` : "" }), first ? `Sent first for feedback: ${first}.` : "Not yet marked which competency you sent first for feedback."),
      h("div", { class: "kam-scroll" }, h("table", { class: "kam-table" },
        h("caption", { text: "Progress of the chosen competencies" }),
        h("thead", {}, h("tr", {}, ["Competency", "Status", "Words", "Evidence", "Groups covered", "Theories", "Signed off", "What remains"].map((x) => h("th", { scope: "col", text: x })))),
        h("tbody", {}, rows))),
      h("div", { class: "kam-row" }, packMd, packDocx),
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
  const fw = app.fw;
  const ws = fw.diploma.workspace;
  const guide = fw.diploma.word_guidance;
  const so = fw.diploma.sign_off;
  const theories = new Map(fw.theories.map((t) => [t.id, t.title]));
  const picker = h("select", { id: "kam-ws-competency" }, fw.competencies.map((c) => h("option", { value: c.id, text: `${c.id} ${c.title}` })));
  const box = h("div", { class: "kam-workspace" });
  app.root.append(h("div", { class: "kam-row" }, h("label", { for: "kam-ws-competency", text: "Competency" }), picker), box);
  const initial = decodeURIComponent(location.hash.slice(1));
  if (fw.competencies.some((c) => c.id === initial)) picker.value = initial;

  const save = (cid, fn) => app.change((a) => fn(entryOf(a, cid)));
  const field = (label, input) => h("div", { class: "kam-field" }, h("label", { for: input.id, text: label }), input);

  const render = () => {
    const cid = picker.value;
    const c = fw.competencies.find((x) => x.id === cid);
    const a = app.assessment;
    const entry = (a.submission && a.submission.competencies && a.submission.competencies[cid]) || {};
    const p = plan(fw, a).competencies[cid];
    const evidence = entry.evidence || [];

    const status = h("select", { id: "ws-status", "data-field": "status" }, ws.statuses.map((s) => h("option", { value: s.id, text: s.label, selected: (entry.status || ws.statuses[0].id) === s.id })));
    const words = h("input", { id: "ws-words", type: "number", min: "0", step: "1", inputmode: "numeric", value: entry.words ?? "", "data-field": "words" });
    const paste = h("textarea", { id: "ws-paste", rows: "4", placeholder: "Paste your write-up here to count its words (the text itself is not stored)." });
    const mode = h("fieldset", { class: "kam-mode" }, h("legend", { text: "Form of the write-up" }),
      [["full", `A full write-up (${guide.min}–${guide.max} words as a guide)`], ["linking", "A shorter linking document with my own raw materials"]].map(([v, label]) =>
        h("label", { class: "kam-option" }, h("input", { type: "radio", name: "ws-mode", value: v, "data-field": "mode", checked: (entry.mode || "full") === v }), ` ${label}`)),
      h("p", { class: "kam-hint", text: ws.linking_document }));
    const wordState = h("p", { class: "kam-words", id: "ws-word-state", "aria-live": "polite",
      text: p.mode === "linking" ? `Linking document${entry.words ? ` of ${entry.words} words` : ""}: the word guidance does not apply.`
        : entry.words === undefined || entry.words === null ? `No word count yet (guide: ${guide.min}–${guide.max}).`
          : `${entry.words} words — ${WORDS[p.words_state]} of ${guide.min}–${guide.max}.` });

    const items = evidence.map((e, i) => {
      const id = (k) => `ws-ev-${i}-${k}`;
      return h("fieldset", { class: "kam-evidence-item", "data-item": String(i) }, h("legend", { text: `Evidence ${i + 1}${e.title ? `: ${e.title}` : ""}` }),
        field("Title", h("input", { id: id("title"), type: "text", value: e.title || "", "data-ev": "title" })),
        field("Type", h("select", { id: id("type"), "data-ev": "type" }, h("option", { value: "", text: "—" }),
          ws.evidence_types.map((t) => h("option", { value: t.id, text: t.label, selected: e.type === t.id })))),
        field("Date", h("input", { id: id("date"), type: "date", value: e.date || "", "data-ev": "date" })),
        field("Share that is my own work (%)", h("input", { id: id("share"), type: "number", min: "0", max: "100", step: "5", value: e.own_share ?? "", "data-ev": "own_share" })),
        h("fieldset", { class: "kam-sub" }, h("legend", { text: "Requirement groups it supports" }),
          c.groups.map((g) => h("label", { class: "kam-option" }, h("input", { type: "checkbox", "data-ev-group": g.id, checked: (e.groups || []).includes(g.id) }), ` ${g.title}`))),
        h("fieldset", { class: "kam-sub" }, h("legend", { text: "Checks" }),
          ws.evidence_checks.map((k) => h("label", { class: "kam-option", title: k.question }, h("input", { type: "checkbox", "data-ev-check": k.id, checked: !!(e.checks && e.checks[k.id]) }), ` ${k.label} — ${k.question}`))),
        h("button", { type: "button", class: "md-button", text: "Remove this evidence", "data-action": "remove-evidence" }));
    });
    const add = h("button", { type: "button", class: "md-button", text: "Add evidence", "data-action": "add-evidence" });

    const coverage = h("ul", { class: "kam-coverage" }, c.groups.map((g) => {
      const n = evidence.filter((e) => (e.groups || []).includes(g.id)).length;
      return h("li", { class: n ? "kam-covered" : "kam-uncovered", text: `${g.title}: ${n ? `${n} piece(s) of evidence` : "no evidence yet"}` });
    }));
    const theoryIds = [...new Set(c.theory.flatMap((i) => i.theories))];
    const applied = h("fieldset", { class: "kam-sub" }, h("legend", { text: "Theory my write-up applies" }),
      theoryIds.map((t) => h("label", { class: "kam-option" }, h("input", { type: "checkbox", "data-theory": t, checked: (entry.theories || []).includes(t) }), ` ${theories.get(t) || t}`)));
    const sign = entry.sign_off || {};
    const signOff = h("fieldset", { class: "kam-sub" }, h("legend", { text: "Sign-off" }),
      h("p", { class: "kam-hint", text: `${so.who} confirms: ${so.confirms} They do not ${so.does_not.charAt(0).toLowerCase()}${so.does_not.slice(1)}${so.decided_by ? ` That is for ${so.decided_by}.` : ""}` }),
      ["name", "role", "date"].map((f) => field({ name: "Name", role: "Role", date: "Date" }[f],
        h("input", { id: `ws-sign-${f}`, type: f === "date" ? "date" : "text", value: sign[f] || "", "data-sign": f }))));
    const advice = fw.diploma.rules.find((r) => r.id === "first-competency-feedback");
    const firstBox = h("label", { class: "kam-option" }, h("input", { type: "checkbox", "data-first": cid, checked: a.submission && a.submission.feedback_first === cid }),
      " This is the competency I sent first for feedback");
    const tplMd = h("button", { type: "button", class: "md-button", text: "Template (Markdown)", "data-action": "template-md" });
    const tplDocx = h("button", { type: "button", class: "md-button", text: "Template (Word)", "data-action": "template-docx" });
    tplMd.addEventListener("click", () => download(`${cid}-submission.md`, "text/markdown;charset=utf-8", toMarkdown(competencyBlocks(fw, app.assessment, cid))));
    tplDocx.addEventListener("click", () => download(`${cid}-submission.docx`, "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
      toDocx(competencyBlocks(fw, app.assessment, cid))));

    box.replaceChildren(
      h("h2", { text: `${c.id} ${c.title}` }),
      h("p", { class: "kam-readiness", id: "ws-summary", text: p.complete ? "Complete: ready to go in the pack." : `Still to do: ${missingText(fw, p).join("; ")}.` }),
      h("p", {}, h("a", { href: app.links.competencies[cid], text: "The competency requirement" }), " · ", h("a", { href: app.links.plan, text: "Submission plan" })),
      field("Status", status),
      h("h3", { text: "Write-up" }), mode, field("Words in the write-up", words), wordState, field("Count the words of a text", paste),
      h("h3", { text: "Evidence" }), h("p", { class: "kam-hint", text: "Your own documents first. Each piece: what it is, when, which requirement groups it supports, how much is your own work, and whether it is valid, authentic, current and sufficient." }),
      ...items, add,
      h("h3", { text: "Coverage of the requirement groups" }), coverage,
      h("h3", { text: "Theory" }), applied,
      h("h3", { text: "Sign-off" }), signOff,
      h("h3", { text: "Feedback first" }), h("p", { class: "kam-hint", text: advice ? advice.text : "" }), firstBox,
      h("h3", { text: "Template" }), h("p", { class: "kam-hint", text: "Structured by the requirement groups, with prompts, and filled in with what you have entered here." }),
      h("div", { class: "kam-row" }, tplMd, tplDocx));
  };

  const refresh = (focusId) => {
    render();
    if (focusId) {
      const node = document.getElementById(focusId);
      if (node) node.focus();
    }
  };
  picker.addEventListener("change", () => { history.replaceState(null, "", `#${picker.value}`); render(); });
  box.addEventListener("click", (event) => {
    const action = event.target.dataset && event.target.dataset.action;
    const cid = picker.value;
    if (action === "add-evidence") {
      save(cid, (e) => { e.evidence = [...(e.evidence || []), { title: "", groups: [], checks: {} }]; });
      refresh(`ws-ev-${(entryOf(app.assessment, cid).evidence || []).length - 1}-title`);
    } else if (action === "remove-evidence") {
      const i = Number(event.target.closest("[data-item]").dataset.item);
      save(cid, (e) => { e.evidence = e.evidence.filter((_, k) => k !== i); });
      refresh("kam-ws-competency");
    }
  });
  const onInput = (event) => {
    const t = event.target;
    const cid = picker.value;
    const item = t.closest("[data-item]");
    const i = item ? Number(item.dataset.item) : -1;
    if (t.id === "ws-paste") {
      const n = countWords(t.value);
      save(cid, (e) => { e.words = n; });
      document.getElementById("ws-words").value = String(n);
    } else if (t.dataset.field === "status") save(cid, (e) => { e.status = t.value; });
    else if (t.dataset.field === "mode") save(cid, (e) => { e.mode = t.value; });
    else if (t.dataset.field === "words") {
      const n = t.value === "" ? null : Math.max(0, Math.floor(Number(t.value)));
      if (t.value !== "" && !Number.isFinite(n)) return;
      save(cid, (e) => { if (n === null) delete e.words; else e.words = n; });
    } else if (t.dataset.ev) {
      const key = t.dataset.ev;
      const value = key === "own_share" ? (t.value === "" ? null : Math.min(100, Math.max(0, Math.round(Number(t.value))))) : t.value;
      save(cid, (e) => { if (value === null || value === "") delete e.evidence[i][key]; else e.evidence[i][key] = value; });
    } else if (t.dataset.evGroup) {
      const g = t.dataset.evGroup;
      save(cid, (e) => { const gs = (e.evidence[i].groups || []).filter((x) => x !== g); e.evidence[i].groups = t.checked ? [...gs, g] : gs; });
    } else if (t.dataset.evCheck) {
      save(cid, (e) => { e.evidence[i].checks = { ...(e.evidence[i].checks || {}), [t.dataset.evCheck]: t.checked }; });
    } else if (t.dataset.theory) {
      const id = t.dataset.theory;
      save(cid, (e) => { const ts = (e.theories || []).filter((x) => x !== id); e.theories = t.checked ? [...ts, id] : ts; });
    } else if (t.dataset.sign) {
      save(cid, (e) => { e.sign_off = { ...(e.sign_off || {}), [t.dataset.sign]: t.value }; });
    } else if (t.dataset.first) {
      app.change((a) => { a.submission.feedback_first = t.checked ? cid : null; });
    } else return;
    updateStatus(cid);
  };
  // Update the read-outs without re-rendering the form (keeps focus and typing intact).
  const updateStatus = (cid) => {
    const p = plan(fw, app.assessment).competencies[cid];
    const entry = entryOf(app.assessment, cid);
    document.getElementById("ws-summary").textContent = p.complete ? "Complete: ready to go in the pack." : `Still to do: ${missingText(fw, p).join("; ")}.`;
    document.getElementById("ws-word-state").textContent = p.mode === "linking" ? `Linking document${entry.words ? ` of ${entry.words} words` : ""}: the word guidance does not apply.`
      : entry.words === undefined || entry.words === null ? `No word count yet (guide: ${guide.min}–${guide.max}).`
        : `${entry.words} words — ${WORDS[p.words_state]} of ${guide.min}–${guide.max}.`;
    const c = fw.competencies.find((x) => x.id === cid);
    const items = box.querySelectorAll(".kam-coverage li");
    c.groups.forEach((g, k) => {
      const n = (entry.evidence || []).filter((e) => (e.groups || []).includes(g.id)).length;
      items[k].className = n ? "kam-covered" : "kam-uncovered";
      items[k].textContent = `${g.title}: ${n ? `${n} piece(s) of evidence` : "no evidence yet"}`;
    });
  };
  box.addEventListener("input", onInput);
  box.addEventListener("change", (event) => { if (event.target.type === "checkbox" || event.target.type === "radio" || event.target.tagName === "SELECT") onInput(event); });
  render();
}

// Ratings from others (a 360 without a server): the candidate makes a request link, each rater opens it
// (rater mode, #request=…), rates in their own browser and sends back a response link (#response=…) or
// file, which the candidate adds to the assessment's responses; the 360 view sets the self-ratings
// against each rater role's. Nothing leaves a browser but the links and files people send each other.
//
//   request  {format: "kam-request", format_version: 1, framework, id, name, created, competencies, message, self}
//   response {format: "kam-response", format_version: 1, framework, for, id, request, rater, created, ratings, comments, message}
//
// Pure parts (exported): checkRequest, feedback360, responseId. feedbackView is the page.
import { RESPONSE_FORMAT, RESPONSE_FORMAT_VERSION, ROLES, checkResponse } from "./scoring.js";
import { linkLength, packJson, unpackJson } from "./share.js";
import { onJsonFile, personName, ratedBy, ratedItems, toCsv } from "./ui.js";

export const REQUEST_FORMAT = "kam-request";
export const REQUEST_FORMAT_VERSION = 1;

let listening = null; // the window listeners of this page, removed when a page starts again (instant navigation)

const isObject = (v) => v !== null && typeof v === "object" && !Array.isArray(v);
const random = () => Array.from(crypto.getRandomValues(new Uint8Array(6)), (b) => b.toString(36).padStart(2, "0")).join("");
const slug = (s) => s.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "") || "response";

// A short fingerprint of a text (FNV-1a): a response's id follows from what it holds, so that the same response
// added twice is known as such, and a changed one is a new response.
function fingerprint(text) {
  let x = 0x811c9dc5;
  for (const ch of text) x = Math.imul(x ^ ch.codePointAt(0), 0x01000193) >>> 0;
  return x.toString(36);
}

export const responseId = (salt, body) => `r-${fingerprint(JSON.stringify([salt, body.request, body.rater, body.ratings, body.comments, body.message || ""]))}`;

// A request as the rater's page can use it: {request} or {code, reason}. code: "damaged", "framework", "version".
export function checkRequest(fw, q) {
  if (!isObject(q) || q.format !== REQUEST_FORMAT) return { code: "damaged", reason: `format: expected "${REQUEST_FORMAT}"` };
  if (q.format_version !== REQUEST_FORMAT_VERSION) return { code: "damaged", reason: `format_version: expected ${REQUEST_FORMAT_VERSION}` };
  const ref = isObject(q.framework) ? q.framework : {};
  if (ref.id !== fw.id) return { code: "framework", id: String(ref.id), reason: `framework.id: "${ref.id}", not "${fw.id}"` };
  if (ref.version !== fw.version) return { code: "version", version: String(ref.version), reason: `framework.version: "${ref.version}", not "${fw.version}"` };
  const known = new Set(fw.competencies.map((c) => c.id));
  const wanted = Array.isArray(q.competencies) ? q.competencies.filter((id) => known.has(id)) : [];
  if (typeof q.id !== "string" || !q.id) return { code: "damaged", reason: "id: missing" };
  if (!wanted.length) return { code: "damaged", reason: "competencies: none this framework has" };
  const self = isObject(q.self) && isObject(q.self.ratings) ? { ratings: q.self.ratings } : null;
  return { request: { id: q.id, name: typeof q.name === "string" ? q.name.trim() : "", competencies: wanted,
    message: typeof q.message === "string" ? q.message.trim() : "", self } };
}

// Mean and count of the ratings on the scale (N/A and unrated left out); na: only N/A was given.
function stat(values) {
  const nums = values.filter((v) => typeof v === "number");
  return { mean: nums.length ? nums.reduce((a, b) => a + b, 0) / nums.length : null, n: nums.length, na: !nums.length && values.includes("na") };
}

// The 360: per competency rated or commented on by someone else, the self-rating (its mean over the items)
// against each rater role present (mean, n) and all raters together, flagged "blind" (self at least
// rules.review_difference above the others' mean) or "hidden" (as far below); and the same per item (a
// statement, or a level-rated competency itself), with the raters' comments.
export function feedback360(fw, assessment) {
  const d = fw.rules.review_difference;
  const responses = (Array.isArray(assessment.responses) ? assessment.responses : []).filter((x) => isObject(x) && isObject(x.rater));
  const roles = ROLES.filter((role) => responses.some((x) => x.rater.role === role));
  const own = assessment.ratings || {};
  const given = (id) => responses.map((x) => ({ role: x.rater.role, v: isObject(x.ratings) ? x.ratings[id] : undefined }));
  const comments = (id) => responses.filter((x) => isObject(x.comments) && typeof x.comments[id] === "string" && x.comments[id].trim())
    .map((x) => ({ name: x.rater.name, role: x.rater.role, text: x.comments[id].trim() }));
  const flag = (self, others) => (self.mean === null || others.mean === null ? null
    : self.mean >= others.mean + d ? "blind" : self.mean <= others.mean - d ? "hidden" : null);
  const row = (ids, self, commentIds) => {
    const all = ids.flatMap(given);
    const byRole = Object.fromEntries(roles.map((role) => [role, stat(all.filter((g) => g.role === role).map((g) => g.v))]));
    const others = stat(all.map((g) => g.v));
    return { self, byRole, others, flag: flag(self, others), comments: commentIds.flatMap(comments), rated: all.some((g) => g.v !== undefined) };
  };
  const competencies = [];
  for (const c of fw.competencies) {
    const items = ratedItems(c).map((s) => ({ id: s.id, text: s.text, ...row([s.id], stat([own[s.id]]), ratedBy(c) === "levels" ? [] : [s.id]) }));
    const whole = row(items.map((s) => s.id), stat(items.map((s) => own[s.id])), [c.id]);
    if (whole.rated || whole.comments.length || items.some((s) => s.comments.length)) {
      const shown = ratedBy(c) === "levels" ? [] : items.filter((s) => s.rated || s.comments.length); // the statements someone else rated or commented on
      competencies.push({ id: c.id, name: c.name, ...whole, items: shown, left: ratedBy(c) === "levels" ? 0 : items.length - shown.length });
    }
  }
  const flagged = competencies.flatMap((c) => [...(c.flag ? [{ competency: c.id, id: c.id, text: c.name, self: c.self, others: c.others, flag: c.flag }] : []),
    ...c.items.filter((s) => s.flag).map((s) => ({ competency: c.id, id: s.id, text: s.text, self: s.self, others: s.others, flag: s.flag }))]);
  return { roles, competencies, flagged, responses: responses.length };
}

export function feedbackView(app, h, download) {
  const fw = app.fw;
  const t = app.t;
  const main = h("div", { class: "kam-fb" });
  app.root.append(main);
  const roleName = (role) => ({ manager: t("role_manager"), peer: t("role_peer"), customer: t("role_customer"), coach: t("role_coach"),
    other: t("role_other") })[role] || role;
  const levelLabel = (v) => (v === "na" ? t("na") : (fw.scale.levels.find((lv) => lv.value === v) || { label: String(v) }).label);
  const number = (x) => {
    try { return new Intl.NumberFormat(fw.language || "en", { maximumFractionDigits: 1 }).format(x); } catch { return String(Math.round(x * 10) / 10); }
  };
  const pageUrl = () => new URL(app.links.feedback || location.href, location.href).href.split("#")[0];
  const button = (text, onClick, attrs = {}) => {
    const b = h("button", { type: "button", class: "md-button", text, ...attrs });
    b.addEventListener("click", onClick);
    return b;
  };
  const when = (iso) => {
    const d = new Date(iso);
    return Number.isNaN(d.getTime()) ? String(iso || "") : d.toLocaleDateString(fw.language || undefined, { dateStyle: "medium" });
  };
  const plural = (n, one, other) => (n === 1 ? one : other);

  // A link made, to copy or select, with what to know about its length (and the file instead of one too long).
  function linkBox(id, label, link, file) {
    const verdict = linkLength(link.length);
    const count = link.length.toLocaleString(document.documentElement.lang || undefined);
    const said = h("p", { class: "kam-hint", role: "status" });
    const field = h("input", { id, type: "text", readonly: true, value: link });
    field.addEventListener("focus", () => field.select());
    const copy = button(t("fb_copy"), () => {
      field.select();
      const done = () => { said.textContent = t("copied"); };
      const failed = () => { said.textContent = t("fb_copy_failed"); };
      if (navigator.clipboard) navigator.clipboard.writeText(link).then(done, failed); else failed();
    }, { "data-action": "copy" });
    const save = button(file.label, file.save, { "data-action": file.action });
    if (verdict === "too_long") {
      return h("div", { class: "kam-fb-link" }, h("p", { class: "kam-notice kam-notice--warning", text: t("fb_link_too_long", { n: count }) }), save);
    }
    return h("div", { class: "kam-fb-link" }, h("label", { for: id, class: "kam-fb-label", text: label }), field,
      h("div", { class: "kam-row" }, copy, save), said,
      verdict === "long" ? h("p", { class: "kam-notice kam-notice--warning", text: t("fb_link_long", { n: count }) }) : null);
  }

  // ------------------------------------------------------------ the candidate: ask, add, the 360

  function candidateView() {
    const entry = app.store.get();
    const areas = fw.areas.map((area) => ({ area, comps: fw.competencies.filter((c) => area.competencies.includes(c.id)) }));
    const name = h("input", { id: "fb-name", type: "text", value: personName(entry.assessment, entry.name), autocomplete: "name" });
    const scope = (value, text, checked) => h("label", { class: "kam-option" }, h("input", { type: "radio", name: "fb-scope", value, checked }), ` ${text}`);
    const pick = h("div", { class: "kam-fb-pick", hidden: true }, areas.map(({ area, comps }) => h("fieldset", { class: "kam-fb-area" },
      h("legend", {}, h("label", { class: "kam-option" }, h("input", { type: "checkbox", "data-area": area.id }), ` ${area.name}`)),
      comps.map((c) => h("label", { class: "kam-option" }, h("input", { type: "checkbox", "data-pick": c.id }), ` ${c.name}`))))); // none ticked: "the ones I choose"
    const message = h("textarea", { id: "fb-message", rows: "3" });
    const self = h("input", { type: "checkbox", id: "fb-self" });
    const out = h("div", { class: "kam-fb-out", "aria-live": "polite" });
    const ask = h("section", { class: "kam-fb-ask", "aria-labelledby": "fb-ask-title" },
      h("h2", { id: "fb-ask-title", tabindex: "-1", text: t("fb_ask_title") }),
      h("p", { text: t("fb_ask_intro") }),
      h("div", { class: "kam-field" }, h("label", { for: "fb-name", text: t("fb_your_name") }), name),
      h("fieldset", { class: "kam-choose" }, h("legend", { text: t("fb_which") }),
        scope("all", t("fb_all_competencies"), true), scope("some", t("fb_some_competencies"), false), pick),
      h("label", { for: "fb-message", class: "kam-fb-label", text: t("fb_message") }), message,
      h("label", { class: "kam-option kam-fb-check", for: "fb-self" }, self, ` ${t("fb_include_self")}`),
      h("div", { class: "kam-row" }, button(t("fb_make_request"), () => makeRequest(), { class: "md-button md-button--primary", "data-action": "make-request" })),
      out);
    ask.addEventListener("change", (event) => {
      const el = event.target;
      if (el.name === "fb-scope") pick.hidden = el.value !== "some";
      if (el.dataset.area) for (const box of el.closest(".kam-fb-area").querySelectorAll("[data-pick]")) box.checked = el.checked; // its own area only
      for (const set of pick.querySelectorAll("fieldset")) { // an area's box: ticked when all its competencies are, mixed when some
        const boxes = [...set.querySelectorAll("[data-pick]")];
        const area = set.querySelector("[data-area]");
        area.checked = boxes.every((b) => b.checked);
        area.indeterminate = !area.checked && boxes.some((b) => b.checked);
      }
    });

    async function makeRequest() {
      const who = name.value.trim();
      const all = ask.querySelector("input[name=fb-scope]:checked").value === "all";
      const competencies = all ? fw.competencies.map((c) => c.id) : [...pick.querySelectorAll("[data-pick]:checked")].map((b) => b.dataset.pick);
      if (!who) return out.replaceChildren(h("p", { class: "kam-notice kam-notice--error", text: t("fb_need_name") }));
      if (!competencies.length) return out.replaceChildren(h("p", { class: "kam-notice kam-notice--error", text: t("fb_need_competency") }));
      const ids = new Set(fw.competencies.filter((c) => competencies.includes(c.id)).flatMap((c) => ratedItems(c).map((s) => s.id)));
      const ratings = Object.fromEntries(Object.entries(app.assessment.ratings).filter(([id]) => ids.has(id)));
      const request = { format: REQUEST_FORMAT, format_version: REQUEST_FORMAT_VERSION, framework: { id: fw.id, version: fw.version },
        id: `q-${random()}`, name: who, created: new Date().toISOString(), competencies,
        ...(message.value.trim() ? { message: message.value.trim() } : {}), self: self.checked ? { ratings } : null };
      const link = `${pageUrl()}#request=${await packJson(request)}`;
      const save = () => download(`kam-request-${slug(who)}.json`, "application/json", JSON.stringify(request, null, 2) + "\n");
      out.replaceChildren(h("p", { text: t("fb_request_made", { n: competencies.length }) }),
        linkBox("fb-request-link", t("fb_request_link"), link, { label: t("fb_download_request"), save, action: "download-request" }));
      out.querySelector("#fb-request-link, [data-action=download-request]").focus();
    }

    const paste = h("input", { id: "fb-paste", type: "text", autocomplete: "off" });
    const file = h("input", { id: "fb-file", type: "file", accept: ".json,application/json" });
    const add = h("section", { class: "kam-fb-add", "aria-labelledby": "fb-add-title" },
      h("h2", { id: "fb-add-title", text: t("fb_add_title") }),
      h("p", { text: t("fb_add_intro", { name: entry.name }) }),
      h("label", { for: "fb-paste", class: "kam-fb-label", text: t("fb_paste") }),
      h("div", { class: "kam-row" }, paste, button(t("fb_add"), () => openText(paste.value).then(() => { paste.value = ""; }), { "data-action": "add-link" })),
      h("div", { class: "kam-row" }, h("label", { for: "fb-file", text: t("fb_open_file") }), file));
    onJsonFile(file, async (parsed) => {
      if (isObject(parsed) && parsed.format === REQUEST_FORMAT) location.hash = `#request=${await packJson(parsed)}`; // a rater's file: rater mode
      else addResponse(parsed);
    }, (error) => app.refuse(t("fb_not_json"), error.message), { reset: true });
    const list = h("section", { class: "kam-fb-list", "aria-labelledby": "fb-list-title" });
    const view = h("section", { class: "kam-fb-360", "aria-labelledby": "fb-360-title" });
    main.replaceChildren(ask, add, list, view);
    drawResponses(list, view);
  }

  // A pasted link: a response is added, a request opens rater mode.
  async function openText(text) {
    const m = /#(request|response)=([A-Za-z0-9_-]*)/.exec(text.trim());
    if (!m) return app.refuse(t("fb_paste_not_link"), text.trim().slice(0, 80) || "—");
    if (m[1] === "request") {
      location.hash = `#request=${m[2]}`;
      return null;
    }
    let parsed;
    try {
      parsed = await unpackJson(m[2]);
    } catch (error) {
      return app.refuse(t("fb_response_damaged"), error.message);
    }
    return addResponse(parsed);
  }

  // Why a response cannot be added (refused in plain words; nothing stored changes), or null.
  function refusal(parsed) {
    const errors = checkResponse(fw, parsed, app.strings).errors;
    if (!errors.length) return null;
    const reason = errors.join("; ");
    if (!isObject(parsed) || parsed.format !== RESPONSE_FORMAT || parsed.format_version !== RESPONSE_FORMAT_VERSION) return [t("fb_response_not"), reason];
    const ref = isObject(parsed.framework) ? parsed.framework : {};
    if (ref.id !== fw.id) return [t("fb_response_other_framework", { id: String(ref.id) }), reason];
    if (ref.version !== fw.version) return [t("fb_response_other_version", { version: String(ref.version) }), reason];
    return [t("fb_response_invalid"), reason];
  }

  // The response as the assessment keeps it: the Response fields of the file.
  function stored(parsed) {
    const body = { request: typeof parsed.request === "string" ? parsed.request : null, rater: { name: parsed.rater.name.trim(), role: parsed.rater.role },
      created: typeof parsed.created === "string" ? parsed.created : new Date().toISOString(), ratings: parsed.ratings || {}, comments: parsed.comments || {},
      ...(typeof parsed.message === "string" && parsed.message.trim() ? { message: parsed.message } : {}) };
    return { id: typeof parsed.id === "string" && parsed.id ? parsed.id : responseId("", body), ...body };
  }

  function addResponse(parsed) {
    const refused = refusal(parsed);
    if (refused) return app.refuse(...refused);
    const response = stored(parsed);
    const who = { name: response.rater.name, role: roleName(response.rater.role) };
    if ((app.assessment.responses || []).some((x) => x && x.id === response.id)) {
      app.notify(t("fb_already_added", who), "warning");
      return null;
    }
    app.change((x) => { x.responses = [...(Array.isArray(x.responses) ? x.responses : []), response]; });
    app.notify(t("fb_added", { ...who, assessment: app.store.get().name }));
    const list = main.querySelector(".kam-fb-list");
    if (list) app.keepFocus(() => drawResponses(list, main.querySelector(".kam-fb-360")));
    return response;
  }

  // The responses added, each with Remove; and the 360 view.
  function drawResponses(list, view) {
    const responses = (app.assessment.responses || []).filter((x) => isObject(x) && isObject(x.rater));
    const count = (x) => Object.keys(x.ratings || {}).length;
    list.replaceChildren(h("h2", { id: "fb-list-title", text: t("fb_list_title") }),
      responses.length ? h("ul", { class: "kam-fb-responses" }, responses.map((x) => h("li", { "data-response": x.id },
        h("span", { text: t("fb_response_line", { name: x.rater.name, role: roleName(x.rater.role), date: when(x.created),
          ratings: plural(count(x), t("fb_ratings_one"), t("fb_ratings", { n: count(x) })) }) }), " ",
        typeof x.message === "string" && x.message.trim() // the rater's note to the person rated
          ? h("blockquote", { class: "kam-fb-message" }, h("p", { text: t("fb_their_note", { name: x.rater.name, message: x.message.trim() }) })) : null,
        button(t("fb_remove"), () => {
          if (!window.confirm(t("fb_confirm_remove", { name: x.rater.name }))) return;
          app.change((a) => { a.responses = (a.responses || []).filter((y) => !(y && y.id === x.id)); });
          app.notify(t("fb_removed", { name: x.rater.name }));
          drawResponses(list, view);
          list.querySelector("h2").focus();
        }, { "data-action": "remove-response", "aria-label": t("fb_remove_named", { name: x.rater.name, role: roleName(x.rater.role) }) }))))
        : h("p", { text: t("fb_none_yet") }));
    list.querySelector("h2").tabIndex = -1;
    draw360(view);
  }

  // ------------------------------------------------------------ the 360 view

  function draw360(view) {
    const r = feedback360(fw, app.assessment);
    const title = h("h2", { id: "fb-360-title", text: t("fb_360_title") });
    if (!r.competencies.length) return view.replaceChildren(title, h("p", { text: t("fb_360_empty") }));
    const flagText = (f) => (f === "blind" ? t("fb_blind_spot") : f === "hidden" ? t("fb_hidden_strength") : "");
    const heads = [t("fb_col_self"), ...r.roles.map(roleName), t("fb_col_others"), t("fb_col_flag"), t("fb_col_comments")];
    const selfCell = (s) => (s.n ? h("td", { class: "kam-num", "data-label": heads[0], text: number(s.mean) })
      : h("td", { class: "kam-unassessed", "data-label": heads[0], text: s.na ? t("na") : t("not_assessed") }));
    const othersCell = (s, label) => (s.n ? h("td", { class: "kam-num", "data-label": label, text: t("fb_mean_n", { mean: number(s.mean), n: s.n }) })
      : h("td", { class: "kam-unassessed", "data-label": label, text: s.na ? t("na") : t("fb_not_rated") }));
    const cells = (x) => [selfCell(x.self), r.roles.map((role) => othersCell(x.byRole[role], roleName(role))),
      othersCell(x.others, t("fb_col_others")),
      h("td", { class: x.flag ? `kam-fb-flag kam-fb-flag--${x.flag}` : "kam-fb-flag", "data-label": t("fb_col_flag"), text: flagText(x.flag) }),
      h("td", { class: "kam-fb-comments", "data-label": t("fb_col_comments") }, x.comments.length
        ? h("ul", {}, x.comments.map((c) => h("li", { text: t("fb_comment_by", { name: c.name, role: roleName(c.role), text: c.text }) }))) : null)];
    const table = (caption, first, rows) => h("div", { class: "kam-scroll" }, h("table", { class: "kam-table kam-stack kam-fb-table" },
      h("caption", { text: caption }),
      h("thead", {}, h("tr", {}, [first, ...heads].map((x) => h("th", { scope: "col", text: x })))),
      h("tbody", {}, rows)));
    const key = t("fb_levels_key", { levels: fw.scale.levels.map((lv) => `${lv.value} ${lv.label}`).join(" · ") });
    const summary = r.flagged.length ? h("ul", { class: "kam-fb-flagged" }, r.flagged.map((f) => h("li", { class: `kam-fb-flag--${f.flag}` },
      h("strong", { text: flagText(f.flag) }), `: ${f.id === f.competency ? f.text : `${f.id} ${f.text}`} — `,
      t("fb_flag_detail", { self: number(f.self.mean), others: number(f.others.mean), n: f.others.n }))))
      : h("p", { text: t("fb_no_flags", { levels: fw.rules.review_difference }) });
    const details = r.competencies.filter((c) => c.items.length).map((c) => h("details", { class: "kam-fb-details", "data-competency": c.id,
      open: c.items.some((s) => s.flag) },
    h("summary", { text: t("fb_by_statement", { competency: c.name }) }),
    table(t("fb_statements_caption", { competency: c.name }), t("fb_col_statement"),
      c.items.map((s) => h("tr", { "data-item": s.id, class: s.flag ? `kam-fb-row--${s.flag}` : null },
        h("th", { scope: "row" }, h("span", { class: "kam-sid", text: s.id }), ` ${s.text}`), cells(s)))),
    c.left ? h("p", { class: "kam-hint", text: plural(c.left, t("fb_left_out_one"), t("fb_left_out", { n: c.left })) }) : null));
    const tools = h("div", { class: "kam-row kam-fb-tools" },
      button(t("fb_export_csv"), () => download("360-feedback.csv", "text/csv;charset=utf-8", "\ufeff" + csv360(r)), { "data-action": "export-360-csv" }),
      button(t("print"), () => window.print(), { "data-action": "print-360" }));
    view.replaceChildren(title,
      h("p", { text: plural(r.responses, t("fb_360_intro_one", { levels: fw.rules.review_difference }),
        t("fb_360_intro", { n: r.responses, levels: fw.rules.review_difference })) }),
      h("h3", { text: t("fb_flags_title") }), summary,
      h("p", { class: "kam-hint", text: key }),
      table(t("fb_competencies_caption"), t("competency"), r.competencies.map((c) => h("tr", { "data-competency": c.id, class: c.flag ? `kam-fb-row--${c.flag}` : null },
        h("th", { scope: "row", text: c.name }), cells(c)))),
      ...details, tools);
  }

  function csv360(r) {
    const round = (x) => (x === null ? "" : Math.round(x * 100) / 100);
    const shown = (s) => (s.n ? round(s.mean) : s.na ? t("na") : "");
    const flagText = (f) => (f === "blind" ? t("fb_blind_spot") : f === "hidden" ? t("fb_hidden_strength") : "");
    const rows = [[t("competency"), t("fb_csv_item"), t("fb_csv_text"), t("fb_col_self"),
      ...r.roles.flatMap((role) => [roleName(role), t("fb_csv_n", { role: roleName(role) })]), t("fb_col_others"),
      t("fb_csv_n", { role: t("fb_col_others") }), t("fb_col_flag"), t("fb_col_comments")]];
    const line = (cid, id, text, x) => [cid, id, text, shown(x.self), ...r.roles.flatMap((role) => [shown(x.byRole[role]), x.byRole[role].n]),
      shown(x.others), x.others.n, flagText(x.flag), x.comments.map((c) => t("fb_comment_by", { name: c.name, role: roleName(c.role), text: c.text })).join(" | ")];
    for (const c of r.competencies) {
      rows.push(line(c.id, c.id, c.name, c));
      for (const s of c.items) rows.push(line(c.id, s.id, s.text, s));
    }
    return toCsv(rows);
  }

  // ------------------------------------------------------------ the rater

  function raterView(request) {
    const key = `kam:${fw.id}:rater:${request.id}`;
    let storage = null;
    try {
      storage = window.localStorage;
      storage.setItem(`${key}:probe`, "1");
      storage.removeItem(`${key}:probe`);
    } catch { storage = null; }
    let draft = {};
    try { draft = JSON.parse((storage && storage.getItem(key)) || "{}") || {}; } catch { draft = {}; }
    draft = { salt: random(), name: "", role: "", note: "", step: 0, ...(isObject(draft) ? draft : {}) };
    for (const part of ["ratings", "comments"]) if (!isObject(draft[part])) draft[part] = {};
    for (const part of ["salt", "name", "role", "note"]) if (typeof draft[part] !== "string") draft[part] = part === "salt" ? random() : "";
    const save = () => {
      try { if (storage) storage.setItem(key, JSON.stringify(draft)); } catch { /* full: the draft lasts for this page */ }
    };
    save();
    const comps = fw.competencies.filter((c) => request.competencies.includes(c.id));
    const items = (c) => ratedItems(c).map((s) => s.id);
    const rated = (c) => items(c).filter((id) => id in draft.ratings).length;
    const asker = request.name || t("fb_someone");
    const selfRatings = request.self ? request.self.ratings : {};

    const name = h("input", { id: "fb-rater-name", type: "text", value: draft.name, autocomplete: "name" });
    const roles = h("fieldset", { class: "kam-choose kam-fb-roles" }, h("legend", { text: t("fb_your_role") }),
      ROLES.map((role) => h("label", { class: "kam-option" },
        h("input", { type: "radio", name: "fb-role", value: role, checked: draft.role === role, "data-role": role }), ` ${roleName(role)}`)));
    const jump = h("select", { id: "fb-jump" }, comps.map((c, k) => h("option", { value: String(k) })));
    const progress = h("p", { class: "kam-progress-text", id: "fb-progress" });
    const step = h("section", { class: "kam-fb-step", "aria-labelledby": "fb-step-title" });
    const note = h("textarea", { id: "fb-note", rows: "3", text: draft.note });
    const out = h("div", { class: "kam-fb-out", "aria-live": "polite" });
    const levels = h("details", { class: "kam-levels" }, h("summary", { text: t("levels") }),
      h("p", { class: "kam-hint", text: t("fb_levels_you", { name: asker }) }), // the scale speaks to the person rated
      h("dl", {}, fw.scale.levels.map((lv) => [h("dt", { text: `${lv.value} ${lv.label}` }), h("dd", { text: lv.description })]),
        fw.scale.not_applicable ? [h("dt", { text: t("na") }), h("dd", { text: t("fb_na_help") })] : []));
    const rater = h("div", { class: "kam-fb-rater" },
      h("h2", { text: t("fb_rater_title", { name: asker }) }),
      request.message ? h("blockquote", { class: "kam-fb-message" }, h("p", { text: request.message })) : null,
      h("p", { text: t("fb_rater_intro", { name: asker }) }),
      storage ? null : h("p", { class: "kam-notice kam-notice--warning", text: t("fb_draft_unsaved") }),
      h("div", { class: "kam-field" }, h("label", { for: "fb-rater-name", text: t("fb_rater_name") }), name),
      roles, levels,
      h("div", { class: "kam-rate-tools" }, h("div", { class: "kam-jump" }, h("label", { for: "fb-jump", text: t("fb_jump") }), jump)),
      progress, step,
      h("section", { class: "kam-fb-finish", "aria-labelledby": "fb-finish-title" },
        h("h2", { id: "fb-finish-title", text: t("fb_finish_title") }),
        h("p", { text: t("fb_finish_intro", { name: asker }) }),
        h("label", { for: "fb-note", class: "kam-fb-label", text: t("fb_note", { name: asker }) }), note,
        h("div", { class: "kam-row" }, button(t("fb_make_response"), () => makeResponse(), { class: "md-button md-button--primary", "data-action": "make-response" })),
        out),
      h("div", { class: "kam-row" }, button(t("fb_leave_rater"), () => {
        history.replaceState(null, "", location.href.split("#")[0]);
        app.notices.replaceChildren();
        candidateView();
        main.querySelector("h2").focus();
      }, { "data-action": "leave-rater" })));
    main.replaceChildren(rater);

    const showProgress = () => {
      const total = comps.reduce((n, c) => n + items(c).length, 0);
      const done = comps.reduce((n, c) => n + rated(c), 0);
      progress.textContent = t("fb_progress", { n: done, total });
      comps.forEach((c, k) => { jump.options[k].textContent = t("fb_jump_option", { competency: c.name, n: rated(c), total: items(c).length }); });
    };

    // One statement's (or a level-rated competency's) radios: the levels, N/A where allowed, and "Can't say".
    const choice = (id, value, text) => h("label", { class: "kam-option" + (value === "na" || value === "" ? " kam-option--na" : "") },
      h("input", { type: "radio", name: `fb-r-${id}`, value: String(value), "data-rating": id,
        checked: id in draft.ratings && String(draft.ratings[id] === null ? "" : draft.ratings[id]) === String(value) }), " ", h("span", { text }));
    const values = () => [...fw.scale.levels.map((lv) => [lv.value, lv.label]), ...(fw.scale.not_applicable ? [["na", t("na")]] : []), ["", t("fb_cant_say")]];
    const theirs = (id) => (id in selfRatings ? h("p", { class: "kam-hint", text: t("fb_their_rating", { name: asker, level: levelLabel(selfRatings[id]) }) }) : null);
    const comment = (id, label, open) => {
      const area = h("textarea", { id: `fb-c-${id}`, rows: "2", "data-comment": id, text: draft.comments[id] || "" });
      return h("details", { class: "kam-fb-comment", open }, h("summary", { text: t("fb_comment") }, h("span", { class: "kam-sr", text: ` (${label})` })),
        h("label", { for: `fb-c-${id}`, class: "kam-sr", text: label }), area);
    };

    function drawStep(k, focus) {
      const c = comps[k];
      draft.step = k;
      save();
      jump.value = String(k);
      const parts = [h("h3", { id: "fb-step-title", tabindex: "-1", text: c.name }),
        h("p", { class: "kam-step-state", text: t("fb_step", { n: k + 1, total: comps.length }) })];
      if (ratedBy(c) === "levels") {
        const card = (value, title, summary) => h("div", { class: "kam-level" }, h("label", { class: "kam-level-pick" },
          h("input", { type: "radio", name: `fb-r-${c.id}`, value: String(value), "data-rating": c.id,
            checked: c.id in draft.ratings && String(draft.ratings[c.id] === null ? "" : draft.ratings[c.id]) === String(value) }),
          h("span", { class: "kam-level-text" }, h("span", { class: "kam-level-name", text: title }), summary ? h("span", { class: "kam-level-summary", text: summary }) : null)));
        parts.push(h("fieldset", { class: "kam-pick", id: `fb-rate-${c.id}` }, h("legend", { text: t("fb_pick_legend", { name: asker, competency: c.name }) }),
          h("div", { class: "kam-levels-list" }, fw.scale.levels.map((lv) => {
            const d = (c.levels || []).find((x) => x.value === lv.value) || {};
            return card(lv.value, d.title ? `${lv.label} — ${d.title}` : lv.label, d.summary || lv.description);
          }), fw.scale.not_applicable ? card("na", t("na"), t("fb_na_help")) : null, card("", t("fb_cant_say"), t("fb_cant_say_help"))),
          theirs(c.id)));
      } else {
        for (const g of c.groups) {
          parts.push(h("h4", { class: "kam-group", text: g.title }));
          for (const s of g.indicators) {
            parts.push(h("fieldset", { class: "kam-statement", id: `fb-rate-${s.id}` },
              h("legend", {}, h("span", { class: "kam-sid", text: s.id }), ` ${s.text}`),
              h("div", { class: "kam-options" }, values().map(([v, text]) => choice(s.id, v, text))),
              theirs(s.id), comment(s.id, t("fb_comment_on", { id: s.id }), Boolean(draft.comments[s.id]))));
          }
        }
      }
      const whole = h("textarea", { id: `fb-c-${c.id}`, rows: "3", "data-comment": c.id, text: draft.comments[c.id] || "" });
      parts.push(h("label", { for: `fb-c-${c.id}`, class: "kam-fb-label", text: t("fb_comment_competency", { competency: c.name }) }), whole);
      parts.push(h("div", { class: "kam-row kam-fb-nav" },
        k > 0 ? button(t("rate_previous"), () => drawStep(k - 1, true), { "data-action": "previous" }) : null,
        k < comps.length - 1 ? button(t("rate_next"), () => drawStep(k + 1, true), { class: "md-button md-button--primary", "data-action": "next" })
          : button(t("fb_to_finish"), () => rater.querySelector("#fb-finish-title").focus(), { class: "md-button md-button--primary", "data-action": "to-finish" })));
      step.replaceChildren(h("div", { class: "kam-form", "data-competency": c.id }, parts));
      showProgress();
      if (focus) {
        const head = step.querySelector("h3");
        head.focus({ preventScroll: true });
        head.scrollIntoView({ block: "start" });
      }
    }
    rater.querySelector("#fb-finish-title").tabIndex = -1;

    rater.addEventListener("change", (event) => {
      const el = event.target;
      if (el.dataset.rating) {
        draft.ratings[el.dataset.rating] = el.value === "" ? null : el.value === "na" ? "na" : Number(el.value);
        showProgress();
      } else if (el.dataset.role) draft.role = el.value;
      else if (el === jump) drawStep(Number(jump.value), true);
      save();
    });
    rater.addEventListener("input", (event) => {
      const el = event.target;
      if (el.dataset.comment) {
        if (el.value.trim()) draft.comments[el.dataset.comment] = el.value; else delete draft.comments[el.dataset.comment];
      } else if (el === name) draft.name = el.value;
      else if (el === note) draft.note = el.value;
      else return;
      save();
    });

    async function makeResponse() {
      const who = draft.name.trim();
      const fail = (text, target) => {
        out.replaceChildren(h("p", { class: "kam-notice kam-notice--error", text }));
        if (target) target.focus();
      };
      if (!who) return fail(t("fb_need_rater_name", { name: asker }), name);
      if (!ROLES.includes(draft.role)) return fail(t("fb_need_role"), roles.querySelector("input"));
      const wanted = new Set(comps.flatMap((c) => [c.id, ...items(c)]));
      const ratings = Object.fromEntries(Object.entries(draft.ratings).filter(([id, v]) => v !== null && wanted.has(id)));
      const comments = Object.fromEntries(Object.entries(draft.comments).filter(([id, v]) => wanted.has(id) && v.trim()).map(([id, v]) => [id, v.trim()]));
      if (!Object.keys(ratings).length && !Object.keys(comments).length) return fail(t("fb_need_rating"));
      const body = { request: request.id, rater: { name: who, role: draft.role }, ratings, comments, ...(draft.note.trim() ? { message: draft.note.trim() } : {}) };
      const response = { format: RESPONSE_FORMAT, format_version: RESPONSE_FORMAT_VERSION, framework: { id: fw.id, version: fw.version },
        for: request.name, id: responseId(draft.salt, body), created: new Date().toISOString(), ...body };
      const link = `${pageUrl()}#response=${await packJson(response)}`;
      const file = () => download(`kam-response-${slug(who)}.json`, "application/json", JSON.stringify(response, null, 2) + "\n");
      const n = Object.keys(ratings).length;
      out.replaceChildren(h("p", { text: plural(n, t("fb_response_made_one", { name: asker }), t("fb_response_made", { n, name: asker })) }),
        linkBox("fb-response-link", t("fb_response_link"), link, { label: t("fb_download_response"), save: file, action: "download-response" }));
      out.querySelector("#fb-response-link, [data-action=download-response]").focus();
    }

    drawStep(Math.min(Math.max(0, Number(draft.step) || 0), comps.length - 1), false);
  }

  // ------------------------------------------------------------ which view

  async function fromHash() {
    const hash = location.hash;
    if (hash.startsWith("#request=")) { // kept in the address: a reload comes back to the same request and draft
      let parsed;
      try {
        parsed = await unpackJson(hash.slice("#request=".length));
      } catch (error) {
        parsed = error;
      }
      const checked = parsed instanceof Error ? { code: "damaged", reason: parsed.message } : checkRequest(fw, parsed);
      if (checked.request) return raterView(checked.request);
      app.refuse(checked.code === "framework" ? t("fb_request_other_framework", { id: checked.id })
        : checked.code === "version" ? t("fb_request_other_version", { version: checked.version }) : t("fb_request_damaged"), checked.reason);
      history.replaceState(null, "", location.href.split("#")[0]);
      return candidateView();
    }
    candidateView();
    if (hash.startsWith("#response=")) { // the candidate opened a response link: offer to add it
      history.replaceState(null, "", location.href.split("#")[0]);
      let parsed;
      try {
        parsed = await unpackJson(hash.slice("#response=".length));
      } catch (error) {
        return app.refuse(t("fb_response_damaged"), error.message);
      }
      const refused = refusal(parsed);
      if (refused) return app.refuse(...refused);
      const offer = h("div", { class: "kam-notice kam-notice--offer", role: "group", "aria-label": t("fb_offer_label") },
        h("p", { text: t("fb_offer", { name: parsed.rater.name, role: roleName(parsed.rater.role), n: Object.keys(parsed.ratings || {}).length,
          assessment: app.store.get().name }) }));
      offer.append(button(t("fb_add"), () => { offer.remove(); addResponse(parsed); }, { class: "md-button md-button--primary", "data-action": "add-offered" }), " ",
        button(t("ignore"), () => offer.remove(), { "data-action": "ignore-offered" }));
      app.notices.append(offer);
      offer.querySelector("button").focus();
    }
    return null;
  }

  if (listening) listening.abort();
  listening = new AbortController();
  window.addEventListener("hashchange", () => {
    if (!main.isConnected) return;
    if (/^#(request|response)=/.test(location.hash)) {
      app.notices.replaceChildren();
      fromHash();
    }
  }, { signal: listening.signal });
  window.addEventListener("beforeprint", () => {
    for (const d of main.querySelectorAll("details.kam-fb-details")) d.open = true;
  }, { signal: listening.signal });
  fromHash();
}

// The overview page: where you stand, what to do next, the assessments (pick,
// rename, import, export, share) and the results with the radar. Methods of
// the App (assessment.js), added on the overview page only; the share links'
// methods (sharing.js) come with them.
import { FORMAT, FORMAT_VERSION, check, score, submissionOrder } from "./scoring.js";
import { blankAssessment, upgrade, withName } from "./store.js";
import { download, h, pct, pointsOf, ratedBy, toCsv } from "./ui.js";

// The share links' code (sharing.js, with share.js), fetched when a link is made or the page opened with one, and
// added to the App.
const withSharing = (app) => import("./sharing.js").then((m) => { Object.assign(Object.getPrototypeOf(app), m.shareMethods); });

const slug = (s) => s.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "") || "assessment";

export function csv(framework, assessment, t) {
  const labels = new Map(framework.scale.levels.map((lv) => [lv.value, lv.label]));
  const rating = (v) => (v === "na" ? t("na") : v === undefined ? "" : labels.get(v));
  const held = (id) => (assessment.evidence[id] === true ? t("answer_yes") : t("answer_no"));
  const rows = [[t("csv_competency"), t("csv_group"), t("csv_statement_id"), t("csv_statement"), t("csv_rating"), t("csv_evidence")]];
  for (const c of framework.competencies) {
    if (ratedBy(c) === "levels") { // one row: the level chosen, with its descriptor's title (or summary)
      const v = assessment.ratings[c.id];
      const d = (c.levels || []).find((x) => x.value === v);
      rows.push([c.name, "", c.id, d ? d.title || d.summary : "", rating(v), held(c.id)]);
    }
    for (const g of c.groups) {
      for (const i of g.indicators) rows.push([c.name, g.title, i.id, i.text, rating(assessment.ratings[i.id]), held(i.id)]);
    }
  }
  return toCsv(rows);
}

export const overviewMethods = {
  // What to know about a link's length: nothing, "some apps shorten links", or "too long: send the file" with its button.
  shareNote(share) {
    const t = this.t;
    const note = h("div", { class: "kam-share-note" });
    const count = share.length.toLocaleString(document.documentElement.lang || undefined);
    if (share.verdict === "long") note.append(h("p", { class: "kam-notice kam-notice--warning", text: t("share_long", { n: count }) }));
    if (share.verdict === "too_long") {
      const file = h("button", { type: "button", class: "md-button md-button--primary", text: t("share_file"), "data-action": "share-file" });
      file.addEventListener("click", () => this.exportJson());
      note.append(h("p", { class: "kam-notice kam-notice--warning", text: t("share_too_long", { n: count }) }), file);
    }
    return note;
  },

  shareBox() {
    const t = this.t;
    const out = h("input", { id: "kam-share-link", type: "text", readonly: true, value: "", "aria-label": t("share_link"), hidden: true });
    const note = h("div", { "aria-live": "polite" });
    const make = h("button", { type: "button", class: "md-button", text: t("make_share_link"), "data-action": "share" });
    const box = h("div", { class: "kam-share" }, make, out, note);
    make.addEventListener("click", async () => {
      delete box.dataset.share;
      if (!this.makeShare) await withSharing(this);
      const share = await this.makeShare();
      box.dataset.share = share.verdict; // "ok", "long" or "too_long", once the link is made
      note.replaceChildren(this.shareNote(share));
      if (share.verdict === "too_long") {
        out.value = "";
        out.hidden = true;
        note.querySelector("[data-action=share-file]").focus();
        return;
      }
      out.hidden = false;
      out.value = share.link;
      out.select();
      if (navigator.clipboard) {
        navigator.clipboard.writeText(share.link).then(() => note.append(h("p", { class: "kam-notice kam-notice--info", text: t("copied") })), () => {});
      }
    });
    return box;
  },

  // ------------------------------------------------------------ overview
  //
  // A dashboard: where you stand (the headline), what to do next, the assessments
  // (one compact bar: the one shown, export and share, the rest under "Manage
  // assessments"), then the results. Nothing rated yet: a start, not rows of 0%.

  overview() {
    this.head = h("div", { class: "kam-dashboard" });
    this.body = h("div", { class: "kam-overview" });
    this.root.append(this.head, this.manager(), this.body);
    if (location.hash.startsWith("#share=")) withSharing(this).then(() => this.receiveShare());
    this.renderOverview();
    this.root.addEventListener("change", (event) => {
      const el = event.target;
      if (el.matches("[data-profile-select]")) {
        const value = el.value || null;
        this.change((x) => { x.profile = value; });
        this.renderOverview();
      } else if (el.matches("[data-module]")) {
        const id = el.dataset.module;
        const on = el.checked;
        this.change((x) => {
          x.completed_modules = x.completed_modules.filter((m) => m !== id);
          if (on) x.completed_modules.push(id);
        });
        this.renderOverview();
      }
    });
  },

  // The assessments: the one shown and its picker, export and share, the export reminder, and a menu with the rest.
  manager() {
    const t = this.t;
    const box = h("section", { class: "kam-manager", "aria-labelledby": "kam-manager-title" });
    const build = () => this.keepFocus(() => {
      const open = box.querySelector("details.kam-manage");
      const wasOpen = open ? open.open : false;
      box.replaceChildren();
      const current = this.store.current();
      const entry = this.store.get();
      const select = h("select", { id: "kam-current" },
        this.store.list().map((x) => h("option", { value: x.id, text: x.name, selected: x.id === current })));
      select.addEventListener("change", () => { this.store.select(select.value); build(); this.renderOverview(); });
      const nameInput = h("input", { id: "kam-name", type: "text", value: entry.name, autocomplete: "off" });
      const button = (label, onClick, attrs = {}) => {
        const b = h("button", { type: "button", class: "md-button", text: label, ...attrs });
        b.addEventListener("click", onClick);
        return b;
      };
      const fileInput = h("input", { id: "kam-import", type: "file", accept: ".json,application/json" });
      fileInput.addEventListener("change", () => {
        const file = fileInput.files[0];
        this.importFile(file).then(() => { if (box.isConnected) build(); });
      });
      const exported = entry.exported ? new Date(entry.exported) : null;
      const when = exported ? exported.toLocaleString(this.fw.language || undefined, { dateStyle: "medium", timeStyle: "short" }) : null;
      const changed = exported && Date.parse(entry.assessment.updated) > exported.getTime();
      const links = [
        h("a", { href: this.links.rate, text: t("link_rate") }),
        h("a", { href: this.links.compare, text: t("link_compare") }),
        h("a", { href: this.links.feedback, text: t("link_feedback") }),
        h("a", { href: this.links.review, text: t("link_review") }),
        this.links.plan ? h("a", { href: this.links.plan, text: t("link_plan") }) : null, // null: the framework has no award workspace
        this.links.example ? h("a", { href: this.links.example, download: "worked-example.json", text: t("link_example") }) : null,
      ].filter(Boolean);
      box.append(
        h("h2", { id: "kam-manager-title", class: "kam-manager-title", text: t("your_assessments") }),
        h("div", { class: "kam-ov-bar" },
          h("label", { for: "kam-current", text: t("assessment") }), select,
          button(t("export_json"), () => { this.exportJson(); build(); }, { "data-action": "export-json" }),
          this.shareBox()),
        h("p", { id: "kam-export-note", class: exported && !changed ? "kam-export-note" : "kam-export-note kam-export-note--due" },
          !exported ? t("exported_never") : changed ? t("exported_changed", { when }) : t("exported_at", { when })),
        h("details", { class: "kam-manage", open: wasOpen },
          h("summary", { text: t("manage_assessments") }),
          h("div", { class: "kam-manage-body" },
            h("div", { class: "kam-row" }, h("label", { for: "kam-name", text: t("name") }), nameInput,
              button(t("rename"), () => { this.store.rename(this.store.current(), nameInput.value); build(); this.renderOverview(); }, { "data-action": "rename" })),
            h("div", { class: "kam-row" },
              button(t("new"), () => { this.store.add(this.store.uniqueName(t("new_assessment_name")), blankAssessment(this.fw, this.assessment.profile)); build(); this.renderOverview(); }, { "data-action": "new" }),
              button(t("delete"), () => {
                if (window.confirm(t("confirm_delete", { name: this.store.get().name }))) { this.store.remove(this.store.current()); build(); this.renderOverview(); }
              }, { "data-action": "delete" })),
            h("div", { class: "kam-row" },
              h("label", { class: "md-button kam-file" }, t("import_json"), fileInput),
              button(t("export_csv"), () => this.exportCsv(), { "data-action": "export-csv" }),
              button(t("print"), () => window.print(), { "data-action": "print" })),
            h("p", { class: "kam-privacy", text: t("privacy") }),
            h("p", { class: "kam-links" }, links.flatMap((a, k) => (k ? [" · ", a] : [a]))))));
      this.flushStoreNotices();
    });
    this.buildManager = build;
    build();
    return box;
  },

  async importFile(file) {
    if (!file) return;
    const t = this.t;
    const text = await file.text();
    let parsed;
    try {
      parsed = JSON.parse(text);
    } catch (error) {
      this.refuse(t("import_not_json"), error.message);
      return;
    }
    const checked = check(this.fw, parsed, this.strings);
    if (checked.errors.length) {
      const reason = checked.errors.join("; ");
      const object = parsed !== null && typeof parsed === "object" && !Array.isArray(parsed);
      const other = object && parsed.framework && typeof parsed.framework === "object" && typeof parsed.framework.id === "string"
        && parsed.framework.id !== this.fw.id ? parsed.framework.id : null;
      if (!object || parsed.format !== FORMAT) this.refuse(t("import_not_assessment"), reason);
      else if (other) this.refuse(t("import_other_framework", { id: other }), reason);
      else if (typeof parsed.format_version === "number" && parsed.format_version > FORMAT_VERSION) this.refuse(t("import_newer"), reason);
      else this.notify(t("import_refused", { errors: reason }), "error");
      return;
    }
    const assessment = upgrade(this.fw, parsed);
    const own = typeof parsed.name === "string" && parsed.name.trim() ? parsed.name.trim() : null; // the file's name field first
    const name = own || file.name.replace(/\.json$/i, "") || t("imported_name");
    const after = () => {
      for (const w of checked.warnings) this.notify(w, "warning");
      // ratings of statements the framework does not have, told apart from other entries (notes, evidence, workspace)
      const rated = new Set(Object.keys(parsed.ratings || {}));
      const n = checked.orphaned.filter((id) => rated.has(id)).length;
      const other = checked.orphaned.length - n;
      if (n) this.notify(n === 1 ? t("orphaned_one", { n }) : t("orphaned", { n }), "warning");
      if (other) this.notify(other === 1 ? t("orphaned_other_one", { n: other }) : t("orphaned_other", { n: other }), "warning");
      this.flushStoreNotices();
      if (this.buildManager) this.buildManager();
      this.renderOverview();
    };
    const match = this.sameAs(assessment, name);
    if (match) this.askReimport(match, name, assessment, after);
    else this.addImported(name, assessment, after);
  },

  addImported(name, assessment, after) {
    const id = this.store.add(this.store.uniqueName(name), assessment);
    this.notify(this.t("imported", { name: this.store.get(id).name }));
    after();
  },

  // A stored assessment the file repeats: the same answers, else the same name.
  sameAs(assessment, name) {
    const canon = (v) => (Array.isArray(v) ? `[${v.map(canon).join(",")}]`
      : v !== null && typeof v === "object" ? `{${Object.keys(v).sort().map((k) => `${JSON.stringify(k)}:${canon(v[k])}`).join(",")}}`
        : JSON.stringify(v === undefined ? null : v));
    const answers = (a) => canon(["ratings", "evidence", "will", "notes", "profile", "completed_modules", "submission"].map((k) => a[k]));
    const mine = answers(assessment);
    const list = this.store.list();
    const same = list.find((x) => answers(this.store.get(x.id).assessment) === mine);
    if (same) return { id: same.id, content: true };
    const named = list.find((x) => x.name === name);
    return named ? { id: named.id, content: false } : null;
  },

  // Importing what is stored already: replace it, keep both, or import nothing.
  askReimport(match, name, assessment, after) {
    const t = this.t;
    const old = this.store.get(match.id).name;
    for (const x of this.notices.querySelectorAll(".kam-reimport")) x.remove();
    const offer = h("div", { class: "kam-notice kam-notice--offer kam-reimport", role: "group", "aria-labelledby": "kam-reimport-text" },
      h("p", { id: "kam-reimport-text", text: match.content ? t("reimport_same_content", { name: old }) : t("reimport_same_name", { name: old }) }));
    const choice = (label, action, fn) => {
      const b = h("button", { type: "button", class: "md-button", text: label, "data-action": action });
      b.addEventListener("click", () => { offer.remove(); fn(); });
      return b;
    };
    const keep = choice(t("reimport_keep"), "import-keep", () => this.addImported(name, assessment, after));
    offer.append(h("div", { class: "kam-row" },
      choice(t("reimport_replace", { name: old }), "import-replace", () => {
        this.store.replace(match.id, assessment);
        this.notify(t("reimport_replaced", { name: old }));
        after();
      }),
      keep,
      choice(t("reimport_cancel"), "import-cancel", () => this.notify(t("reimport_cancelled")))));
    this.notices.append(offer);
    keep.focus();
  },

  exportJson() {
    this.store.snapshot(this.store.current()); // the file carries the history: a dated copy of these answers, unless the last one has them
    const entry = this.store.get();
    download(`${slug(entry.name)}.json`, "application/json", JSON.stringify(withName(entry), null, 2) + "\n");
    this.store.markExported();
    this.flushStoreNotices();
  },

  exportCsv() {
    const entry = this.store.get();
    download(`${slug(entry.name)}.csv`, "text/csv;charset=utf-8", "\ufeff" + csv(this.fw, entry.assessment, this.t));
  },

  renderOverview() {
    this.keepFocus(() => this.drawOverview());
  },

  // A scale value as text: "2 Competent", or the number alone when it is not a level (a fractional target, say).
  valueText(v) {
    const lv = this.fw.scale.levels.find((x) => x.value === v);
    return lv ? `${v} ${lv.label}` : String(v);
  },

  // The gap cell: a number, or why there is none (not assessed is not a gap; out of the profile's scope).
  gapCell(x, label) {
    const t = this.t;
    if (x.in_scope === false) return h("td", { class: "kam-out-note", "data-label": label, text: t("out_of_scope") });
    if (x.gap === null && x.status === "not-started") return h("td", { class: "kam-unassessed", "data-label": label, text: t("not_assessed") });
    return h("td", { class: "kam-num", "data-label": label, text: x.gap === null ? "–" : x.gap.toFixed(2).replace(/\.?0+$/, "") });
  },

  // The readiness sentence: "n of m required ready", never more of the required than there are.
  readinessText(s) {
    const t = this.t;
    if (!this.parts.award) return t("standing_met", { met: s.met, total: s.total });
    if (!s.award_ready) return t("readiness_to_go", { ready: s.ready, required: s.required, to_go: s.to_go });
    return s.ready > s.required ? t("readiness_all", { ready: s.ready, required: s.required }) : t("readiness_met", { ready: s.ready, required: s.required });
  },

  // What to do next: the next competency to rate, to evidence, the nearest to met, the training that closes most gaps.
  nextSteps(r) {
    const t = this.t;
    const fw = this.fw;
    const rate = (c) => `${this.links.rate}#c-${c.id}`;
    const res = (c) => r.competencies[c.id];
    const open = fw.competencies.filter((c) => res(c).in_scope !== false && res(c).status !== "not-applicable");
    const items = [];
    const unrated = open.filter((c) => res(c).status === "not-started");
    const partly = open.find((c) => res(c).status !== "not-started" && res(c).coverage < 1);
    if (unrated.length) {
      const n = unrated.length;
      items.push(["rate", rate(unrated[0]), t("next_rate", { competency: unrated[0].name }),
        n === 1 ? t("next_unrated_one", { n }) : t("next_unrated", { n })]);
    } else if (partly) {
      items.push(["rate", rate(partly), t("next_finish", { competency: partly.name, rated: pct(res(partly).coverage) }), null]);
    }
    if (this.parts.award) {
      const evidence = open.find((c) => res(c).status === "met" && !res(c).ready);
      if (evidence) items.push(["evidence", rate(evidence), t("next_evidence", { competency: evidence.name }), t("next_evidence_why")]);
    }
    const near = open.filter((c) => res(c).status === "in-progress" && (!partly || c.id !== partly.id || unrated.length))
      .sort((a, b) => res(b).score - res(a).score)[0];
    if (near) items.push(["nearest", rate(near), t("next_nearest", { competency: near.name, percent: `${res(near).percent}%` }), null]);
    const responses = Array.isArray(this.assessment.responses) ? this.assessment.responses.length : 0;
    if (!responses && open.some((c) => res(c).status !== "not-started")) { // rated something, nobody else has yet
      items.push(["feedback", this.links.feedback, t("next_feedback"), t("next_feedback_why")]);
    }
    if (this.parts.curriculum && r.recommendations.length) {
      const m = fw.modules.find((x) => x.id === r.recommendations[0]);
      const gapped = m.competencies.filter((cid) => r.competencies[cid] && r.competencies[cid].gap > 0);
      items.push(["module", this.links.training ? `${this.links.training}#${m.id}` : "#kam-modules-title", t("next_module", { module: m.title }),
        t("module_closes", { competencies: gapped.join(", ") })]);
    }
    return h("section", { class: "kam-todo-box", "aria-labelledby": "kam-todo-title" },
      h("h2", { id: "kam-todo-title", text: t("next_title") }),
      items.length ? h("ul", { class: "kam-todo" }, items.map(([kind, href, text, why]) => h("li", { "data-next": kind },
        h("a", { href, text }), why ? h("span", { class: "kam-hint", text: ` — ${why}` }) : null)))
        : h("p", { "data-next": "done", text: t("next_done") }));
  },

  // Nothing rated yet: where to begin (and the target profile, if there are profiles, to choose first).
  emptyState(profileRow) {
    const t = this.t;
    const first = this.fw.competencies.find((c) => this.result().competencies[c.id].in_scope !== false) || this.fw.competencies[0];
    return h("section", { class: "kam-empty", "aria-labelledby": "kam-empty-title" },
      h("h2", { id: "kam-empty-title", text: t("empty_title") }),
      h("p", { text: t("empty_text") }),
      h("p", {}, h("a", { class: "md-button md-button--primary", href: `${this.links.rate}#c-${first.id}`, "data-next": "start",
        text: t("empty_start", { competency: first.name }) })),
      profileRow,
      this.links.example ? h("p", { class: "kam-hint" }, `${t("empty_example")} `, this.exampleButton(), " ",
        h("a", { href: this.links.example, download: "worked-example.json", text: t("link_example") })) : null);
  },

  // Load the framework's sample assessment as an assessment of its own, as importing its file would.
  exampleButton() {
    const button = h("button", { type: "button", class: "md-button", "data-action": "load-example", text: this.t("empty_load_example") });
    button.addEventListener("click", async () => {
      button.disabled = true;
      try {
        const reply = await fetch(this.links.example);
        if (!reply.ok) throw new Error(`${reply.status} ${reply.statusText}`);
        await this.importFile(new File([await reply.blob()], "worked-example.json", { type: "application/json" }));
        if (this.buildManager) this.buildManager();
      } catch (error) {
        this.refuse(this.t("example_not_loaded"), error.message); // the file could not be fetched: nothing imported
        button.disabled = false;
      }
    });
    return button;
  },

  // The order of the training list while the page is open: ticking a module keeps it in its place.
  moduleList(r, a) {
    const key = `${this.store.current()}|${a.profile}`;
    const known = new Set(this.fw.modules.map((m) => m.id));
    const fresh = [...r.recommendations, ...a.completed_modules.filter((m) => known.has(m) && !r.recommendations.includes(m))];
    if (this.moduleKey !== key || !this.moduleOrder) this.moduleOrder = fresh;
    else this.moduleOrder = [...this.moduleOrder, ...fresh.filter((m) => !this.moduleOrder.includes(m))];
    this.moduleKey = key;
    return this.moduleOrder;
  },

  drawOverview() {
    const t = this.t;
    const fw = this.fw;
    const parts = this.parts;
    const a = this.assessment;
    const r = this.result();
    const s = r.summary;
    const styles = new Map((fw.coaching || []).map((x) => [x.id, x]));
    const top = Math.max(...fw.scale.levels.map((lv) => lv.value));
    const empty = !fw.competencies.some((c) => ["met", "in-progress"].includes(r.competencies[c.id].status));
    const profileRow = parts.profiles ? h("div", { class: "kam-row" }, h("label", { for: "kam-profile", text: t("target_profile") }),
      h("select", { id: "kam-profile", "data-profile-select": true },
        h("option", { value: "", text: t("profile_none", { level: this.levelLabel(fw.rules.pass_level) }), selected: !a.profile }),
        fw.profiles.map((p) => h("option", { value: p.id, text: p.title, selected: a.profile === p.id })))) : null;
    const name = this.store.get().name;
    const percent = s.percent === null ? "–" : `${s.percent}%`;
    // how many of the competencies counted are assessed: the overall score counts the others as 0 (DESIGN.md §4)
    const assessed = fw.competencies.filter((c) => r.competencies[c.id].in_scope !== false && ["met", "in-progress"].includes(r.competencies[c.id].status)).length;
    this.head.replaceChildren(
      h("section", { class: "kam-headline", "aria-labelledby": "kam-award" },
        h("h2", { id: "kam-award", text: t("where_you_stand") }),
        h("p", { class: "kam-readiness", text: `${this.readinessText(s)}.` }),
        empty ? h("p", { class: "kam-hint", text: t("overall_empty", { name }) })
          : h("p", { text: parts.award ? t("overall", { percent, met: s.met, total: s.total, assessed, name }) : t("overall_plain", { percent, total: s.total, assessed, name }) }),
        this.points ? this.pointsBox(r, empty) : null),
      empty ? this.emptyState(profileRow) : this.nextSteps(r));
    if (empty) {
      this.body.replaceChildren();
      return;
    }

    const num = (label, text) => h("td", { class: "kam-num", "data-label": label, text });
    const cellOf = (label, text, cls = null) => h("td", { "data-label": label, class: cls, text });
    const columns = [ // [header, cell(competency, its result, header)], only those of the parts the framework has
      [t("status"), (c, x, l) => cellOf(l, this.statusText[x.status], x.status === "not-started" ? "kam-status-none" : null)],
      parts.levels && [t("level"), (c, x, l) => cellOf(l, ratedBy(c) === "levels" && a.ratings[c.id] !== undefined ? this.levelLabel(a.ratings[c.id]) : "–")],
      // not assessed: no score, evidence or readiness (not 0%, not "no"), as report.py's rows
      [t("score"), (c, x, l) => num(l, x.percent === null || x.status === "not-started" ? "–" : `${x.percent}%`)],
      this.points && [t("points"), (c, x, l) => num(l, String(x.points))],
      parts.statements && [t("rated"), (c, x, l) => num(l, pct(x.coverage))],
      [t("evidence"), (c, x, l) => num(l, x.status === "not-started" ? "–" : pct(x.evidence))],
      parts.award && [t("ready"), (c, x, l) => cellOf(l, x.status === "not-started" ? "–" : x.ready ? t("answer_yes") : t("answer_no"))],
      [t("target"), (c, x, l) => num(l, x.target === null ? "–" : this.valueText(x.target))],
      [t("gap"), (c, x, l) => this.gapCell(x, l)],
      parts.coaching && [t("coaching_style"), (c, x, l) => cellOf(l, styles.has(x.quadrant) ? styles.get(x.quadrant).title : "–")],
    ].filter(Boolean);
    const table = h("table", { class: "kam-table kam-stack kam-grid kam-results" },
      h("caption", { text: t("result_caption") }),
      h("thead", {}, h("tr", {}, h("th", { scope: "col", text: t("competency") }), columns.map(([x]) => h("th", { scope: "col", text: x })))),
      h("tbody", {}, fw.competencies.map((c) => {
        const x = r.competencies[c.id];
        return h("tr", { "data-competency": c.id, class: x.in_scope === false ? "kam-out" : x.status === "not-started" ? "kam-unrated" : null },
          h("th", { scope: "row" }, h("a", { href: `${this.links.rate}#c-${c.id}`, text: c.name })),
          columns.map(([label, cell]) => cell(c, x, label)));
      })));

    const sections = [
      h("section", { class: "kam-results-box", "aria-labelledby": "kam-results-title" },
        h("h2", { id: "kam-results-title", text: t("results_title") }),
        profileRow,
        h("div", { class: "kam-scroll" }, table)),
      h("section", { "aria-labelledby": "kam-radar-title" }, h("h2", { id: "kam-radar-title", text: t("profile_chart") }), this.radar(r, top)),
    ];

    if (parts.award) {
      const order = submissionOrder(fw, r);
      const byId = new Map(fw.competencies.map((c) => [c.id, c]));
      sections.push(h("section", { "aria-labelledby": "kam-submit-title" },
        h("h2", { id: "kam-submit-title", text: t("competencies_to_submit") }),
        h("p", { text: t("submit_intro", { required: s.required }) }),
        h("ol", { class: "kam-submit" }, order.map((cid, k) => {
          const x = r.competencies[cid];
          const scored = `${x.percent}%`;
          return h("li", { class: k < s.required && x.status !== "not-started" ? "kam-submit--in" : "" }, // never one not assessed
            h("a", { href: this.links.competencies[cid], text: byId.get(cid).name }),
            x.status === "not-started" ? [" — ", h("span", { class: "kam-unassessed", text: t("not_assessed") })]
              : ` — ${x.ready ? t("score_ready", { score: scored }) : scored}`);
        }))));
    }

    if (parts.curriculum) {
      const modules = new Map(fw.modules.map((m) => [m.id, m]));
      const listed = this.moduleList(r, a);
      sections.push(h("section", { "aria-labelledby": "kam-modules-title" },
        h("h2", { id: "kam-modules-title", text: t("recommended_training") }),
        listed.length ? h("p", { text: t("modules_intro") }) : h("p", { text: t("modules_none") }),
        h("ul", { class: "kam-modules" }, listed.map((mid) => {
          const m = modules.get(mid);
          const done = a.completed_modules.includes(mid);
          const gapped = m.competencies.filter((cid) => r.competencies[cid] && r.competencies[cid].gap > 0);
          return h("li", { class: done ? "kam-module kam-module--done" : "kam-module" },
            h("input", { type: "checkbox", "data-module": mid, checked: done, "aria-label": t("module_completed", { module: m.title }) }),
            h("span", { class: "kam-module-text" },
              this.links.training ? h("a", { href: `${this.links.training}#${mid}`, text: m.title }) : m.title,
              done ? [" ", h("strong", { class: "kam-module-done", text: t("module_done") })]
                : ` — ${gapped.length ? t("module_closes", { competencies: gapped.join(", ") }) : t("module_no_gaps")}`));
        }))));
    }

    if (parts.coaching) {
      const stylesUsed = [...new Set(Object.values(r.competencies).map((x) => x.quadrant).filter(Boolean))];
      sections.push(h("section", { "aria-labelledby": "kam-coaching-title" },
        h("h2", { id: "kam-coaching-title", text: t("coaching_styles") }),
        h("p", { text: t("coaching_intro") }),
        h("dl", { class: "kam-styles" }, (fw.coaching || []).filter((x) => stylesUsed.includes(x.id)).map((x) => [
          h("dt", { text: `${x.title}: ${fw.competencies.filter((c) => r.competencies[c.id].quadrant === x.id).map((c) => c.id).join(", ")}` }),
          h("dd", { text: x.description })]))));
    }
    this.body.replaceChildren(...sections);
  },

  // Total points, the band reached and the points to the next (a "thermometer" against the bands), and points per area.
  pointsBox(r, empty = false) {
    const t = this.t;
    const fw = this.fw;
    const s = r.summary;
    const bands = fw.bands || [];
    const band = bands.find((b) => b.id === s.band);
    const next = bands.find((b) => b.min_points > s.points);
    const inScope = (cid) => r.competencies[cid] && r.competencies[cid].in_scope !== false;
    const out = [h("p", { class: "kam-points", text: t("points_total", { points: s.points }) })];
    if (bands.length) {
      const topPoints = Math.max(...fw.scale.levels.map(pointsOf));
      const items = (c) => (ratedBy(c) === "levels" ? 1 : c.groups.reduce((n, g) => n + g.indicators.length, 0));
      const max = Math.max(1, s.points, ...bands.map((b) => b.min_points),
        fw.competencies.filter((c) => inScope(c.id)).reduce((n, c) => n + items(c) * topPoints, 0));
      const at = (p) => `${((100 * p) / max).toFixed(1)}%`;
      out.push(
        h("p", { class: "kam-band", text: band ? t("band_reached", { band: band.title }) : t("band_none") }),
        band && band.description ? h("p", { class: "kam-hint", text: band.description }) : null,
        h("p", { class: "kam-to-next", text: next ? t("to_next", { points: next.min_points - s.points, band: next.title }) : t("to_next_top") }),
        h("div", { class: "kam-thermo" },
          h("label", { for: "kam-meter", text: t("thermo_label") }),
          h("div", { class: "kam-thermo-bar" },
            h("meter", { id: "kam-meter", min: "0", max: String(max), value: String(s.points), text: t("meter_text", { points: s.points, max }) }),
            bands.map((b) => h("span", { class: "kam-tick", style: `left: ${at(b.min_points)}`, "aria-hidden": "true" }))),
          h("ol", { class: "kam-bands" }, bands.map((b) => h("li", {
            class: b === band ? "kam-band-here" : b.min_points <= s.points ? "kam-band-passed" : null, "aria-current": b === band ? "true" : null },
          t("band_from", { band: b.title, points: b.min_points }), b === band ? [" ", h("strong", { text: t("band_here") })] : null)))));
    }
    const areas = fw.areas.map((area) => [area, area.competencies.filter(inScope)]).filter(([, ids]) => ids.length);
    if (!empty) out.push(h("div", { class: "kam-scroll" }, h("table", { class: "kam-table kam-area-points" },
      h("caption", { text: t("points_by_area") }),
      h("thead", {}, h("tr", {}, h("th", { scope: "col", text: t("area") }), h("th", { scope: "col", text: t("points") }))),
      h("tbody", {}, areas.map(([area, ids]) => h("tr", { "data-area": area.id }, h("th", { scope: "row", text: area.title }),
        h("td", { class: "kam-num", text: String(ids.reduce((n, cid) => n + r.competencies[cid].points, 0)) }))),
      h("tr", { class: "kam-total" }, h("th", { scope: "row", text: t("points_all") }), h("td", { class: "kam-num", text: String(s.points) }))))));
    return h("div", { class: "kam-points-box" }, out);
  },

  // The radar chart: score and target per competency. A competency not assessed yet gets no point on its spoke
  // (not a 0), one out of the profile's scope no target; the text under the chart says which.
  radar(r, top) {
    const t = this.t;
    const NS = "http://www.w3.org/2000/svg";
    const svg = (tag, attrs, ...kids) => {
      const node = document.createElementNS(NS, tag);
      for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
      node.append(...kids);
      return node;
    };
    const comps = this.fw.competencies;
    const size = 420, c = size / 2, radius = 150;
    const point = (k, frac) => {
      const angle = -Math.PI / 2 + (2 * Math.PI * k) / comps.length;
      return [c + radius * frac * Math.cos(angle), c + radius * frac * Math.sin(angle)];
    };
    const xy = (p) => p.map((v) => v.toFixed(1)).join(",");
    const poly = (fracs) => fracs.map((f, k) => xy(point(k, f))).join(" ");
    const res = comps.map((x) => r.competencies[x.id]);
    const assessed = (y) => y.score !== null && y.status !== "not-started";
    const scores = res.map((y, k) => (assessed(y) ? point(k, y.score) : null)).filter(Boolean);
    const targets = res.map((y, k) => (y.target === null ? null : point(k, y.target / top))).filter(Boolean);
    const unassessed = comps.filter((x, k) => res[k].status === "not-started").map((x) => x.id);
    const chart = svg("svg", { viewBox: `0 0 ${size} ${size}`, role: "img", "aria-labelledby": "kam-radar-t kam-radar-d", class: "kam-radar" },
      svg("title", { id: "kam-radar-t" }, t("radar_title")),
      svg("desc", { id: "kam-radar-d" }, t("radar_desc")),
      ...[0.25, 0.5, 0.75, 1].map((f) => svg("polygon", { points: poly(comps.map(() => f)), class: "kam-radar-grid" })),
      ...comps.map((x, k) => svg("line", { x1: c, y1: c, x2: point(k, 1)[0], y2: point(k, 1)[1],
        class: res[k].status === "not-started" ? "kam-radar-grid kam-radar-spoke--none" : "kam-radar-grid" })), // not assessed: a dashed spoke, no point
      svg("polygon", { points: targets.map(xy).join(" "), class: "kam-radar-target" }),
      svg("polygon", { points: scores.map(xy).join(" "), class: "kam-radar-score" }),
      ...scores.map(([x0, y0]) => svg("circle", { cx: x0.toFixed(1), cy: y0.toFixed(1), r: 4, class: "kam-radar-dot" })),
      ...comps.map((x, k) => {
        const [x0, y0] = point(k, 1.12);
        return svg("text", { x: x0.toFixed(1), y: y0.toFixed(1), "text-anchor": "middle", "dominant-baseline": "middle",
          class: res[k].status === "not-started" ? "kam-radar-label kam-radar-label--none" : "kam-radar-label" },
        res[k].status === "not-started" ? `${x.id}?` : x.id);
      }));
    const legend = h("p", { class: "kam-radar-legend" }, h("span", { class: "kam-key kam-key--score" }), ` ${t("radar_your_score")} `,
      h("span", { class: "kam-key kam-key--target" }), ` ${t("radar_target")}`,
      unassessed.length ? [" ", h("span", { class: "kam-key kam-key--none" }), ` ${t("radar_key_unassessed")}`] : null);
    const note = unassessed.length ? h("p", { class: "kam-radar-note", text: t("radar_unassessed", { competencies: unassessed.join(", ") }) }) : null;
    const data = h("details", { class: "kam-radar-data" }, h("summary", { text: t("radar_table") }),
      h("table", {}, h("thead", {}, h("tr", {}, [t("competency"), t("score"), t("target")].map((x) => h("th", { scope: "col", text: x })))),
        h("tbody", {}, comps.map((x, k) => h("tr", {}, h("th", { scope: "row", text: x.name }),
          res[k].status === "not-started" ? h("td", { class: "kam-unassessed", text: t("not_assessed") }) : h("td", { text: pct(res[k].score) }),
          h("td", { text: res[k].target === null ? "–" : `${Math.round((res[k].target / top) * 100)}%` }))))));
    return h("div", { class: "kam-radar-box" }, chart, legend, note, data);
  },
};

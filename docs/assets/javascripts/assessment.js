// The self-assessment pages: overview and compare (and, from their own
// modules, the rating page, rate.js, the plan, workspace and coach review).
// DOM code only; the scoring is scoring.js, storage store.js, share links
// share.js, the small DOM helpers ui.js.
//
// Material's instant navigation swaps the page content without reloading
// scripts, so kam.js calls start() on every page and the App attaches its
// listeners to the page's own #kam-app element (new on every swap). The one
// exception, the window's "storage" event (followOtherTabs), is removed by
// the next start(), so nothing is ever attached twice.
import { check, score, submissionOrder, translator } from "./scoring.js";
import { Store, blankAssessment, upgrade, withName } from "./store.js";
import { planView, workspaceView } from "./workspace.js";
import { reviewView } from "./review.js";
import { toCsv } from "./templates.js";
import { h, pct, pointsOf, ratedBy } from "./ui.js";
import { rateMethods } from "./rate.js";
import { shareMethods } from "./sharing.js";

let following = null; // the listeners of followOtherTabs, removed when a new page starts

function focusKey(el) {
  if (el.id) return `#${CSS.escape(el.id)}`;
  const [name, value] = Object.entries(el.dataset)[0] || [];
  return name ? `[data-${name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}="${CSS.escape(value)}"]` : null;
}

// The store, with a first assessment named in the page's language.
class NamedStore extends Store {
  constructor(framework, firstName) {
    super(framework);
    this.firstName = firstName;
  }

  current() {
    if (!Object.keys(this.data.assessments).length) {
      this.add(this.firstName, blankAssessment(this.framework));
    }
    return super.current();
  }
}

function download(name, type, content) {
  const a = h("a", { href: URL.createObjectURL(new Blob([content], { type })), download: name });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(a.href), 1000);
}

const slug = (s) => s.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "") || "assessment";

// The optional parts the framework has: the loader's fw.parts, else derived from the fields.
export function partsOf(fw) {
  const given = (x) => x !== null && x !== undefined;
  return {
    award: given(fw.rules.award_min),
    coaching: given(fw.rules.will_high),
    curriculum: (fw.modules || []).length > 0,
    profiles: (fw.profiles || []).length > 0,
    bands: (fw.bands || []).length > 0,
    levels: fw.competencies.some((c) => ratedBy(c) === "levels"),
    statements: fw.competencies.some((c) => ratedBy(c) === "statements"),
    ...(fw.parts || {}),
  };
}

// Points are shown when the framework has bands or a level worth other than its value.
export const usesPoints = (fw) => (fw.bands || []).length > 0 || fw.scale.levels.some((lv) => pointsOf(lv) !== lv.value);

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

class App {
  constructor(root, data) {
    this.root = root;
    this.fw = data.framework;
    this.links = data.links;
    this.view = data.view;
    this.strings = data.strings || {};
    const t = translator(this.strings);
    this.t = t;
    this.statusText = { "met": t("status_met"), "in-progress": t("status_in_progress"), "not-started": t("status_not_started"),
      "not-applicable": t("status_not_applicable") };
    this.parts = partsOf(this.fw);
    this.points = usesPoints(this.fw);
    this.store = new NamedStore(this.fw, t("first_assessment_name"));
    this.notices = h("div", { class: "kam-notices", role: "status", "aria-live": "polite" });
    this.root.prepend(this.notices);
    this.shown = new Set();
  }

  notify(text, kind = "info") {
    this.notices.append(h("p", { class: `kam-notice kam-notice--${kind}`, text }));
  }

  flushStoreNotices() {
    const t = this.t;
    for (const n of this.store.notices) {
      const key = n.kind + (n.backup || "");
      if (this.shown.has(key)) continue;
      this.shown.add(key);
      if (n.kind === "storage-unavailable") this.notify(t("storage_unavailable"), "warning");
      else if (n.kind === "storage-full") this.notify(t("storage_full"), "warning");
      else if (n.kind === "recovered") {
        this.notify(n.lost.length ? t("recovered_lost", { n: n.kept, backup: n.backup, lost: n.lost.join(", ") })
          : t("recovered", { n: n.kept, backup: n.backup }), "warning");
      }
    }
  }

  get assessment() {
    return this.store.get().assessment;
  }

  // Run fn, which may redraw part of the page, and give the keyboard focus back
  // to the control that had it (found again by its id or first data attribute):
  // a redraw must not send a keyboard or screen-reader user to the top.
  keepFocus(fn) {
    const before = document.activeElement;
    const key = before && before !== document.body ? focusKey(before) : null;
    fn();
    if (key && !before.isConnected) {
      const again = document.querySelector(key);
      if (again) again.focus();
    }
  }

  result() {
    return score(this.fw, this.assessment);
  }

  change(fn) {
    this.store.update(fn);
    this.flushStoreNotices();
  }

  start() {
    this.store.current();
    this.flushStoreNotices();
    this.followOtherTabs();
    if (this.view === "rate") this.rate();
    else if (this.view === "overview") this.overview();
    else if (this.view === "compare") this.compare();
    else if (this.view === "plan") planView(this, h, download);
    else if (this.view === "workspace") workspaceView(this, h, download);
    else if (this.view === "review") reviewView(this, h, download);
  }

  // Several tabs of the site share one store. When another tab saves, take its
  // data at once, so that nothing done there is overwritten from here. This
  // page then shows old figures: it is reloaded when it comes back into view
  // (another tab was in front), or offers a button if it is in view already
  // (two windows side by side), never reloading under the user's hands.
  followOtherTabs() {
    if (following) following.abort(); // one listener, whatever the page swaps of instant navigation
    following = new AbortController();
    const { signal } = following;
    let offered = false;
    window.addEventListener("storage", (event) => {
      if (event.key !== this.store.key || !this.store.persistent || !this.root.isConnected) return;
      this.store.refresh();
      if (document.hidden) {
        document.addEventListener("visibilitychange", () => location.reload(), { signal, once: true });
      } else if (!offered) {
        offered = true;
        const show = h("button", { type: "button", class: "md-button", text: this.t("other_tab_show"), "data-action": "other-tab" });
        show.addEventListener("click", () => location.reload());
        this.notices.append(h("p", { class: "kam-notice kam-notice--warning" }, `${this.t("other_tab")} `, show));
      }
    }, { signal });
  }

  // ------------------------------------------------------------ overview

  overview() {
    this.body = h("div", { class: "kam-overview" });
    this.root.append(this.manager(), this.body);
    this.receiveShare();
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
  }

  manager() {
    const t = this.t;
    const box = h("section", { class: "kam-manager", "aria-labelledby": "kam-manager-title" });
    const build = () => this.keepFocus(() => {
      box.replaceChildren();
      const current = this.store.current();
      const select = h("select", { id: "kam-current" },
        this.store.list().map((x) => h("option", { value: x.id, text: x.name, selected: x.id === current })));
      select.addEventListener("change", () => { this.store.select(select.value); build(); this.renderOverview(); });
      const nameInput = h("input", { id: "kam-name", type: "text", value: this.store.get().name, autocomplete: "off" });
      const button = (label, onClick, attrs = {}) => {
        const b = h("button", { type: "button", class: "md-button", text: label, ...attrs });
        b.addEventListener("click", onClick);
        return b;
      };
      const fileInput = h("input", { id: "kam-import", type: "file", accept: ".json,application/json" });
      fileInput.addEventListener("change", () => this.importFile(fileInput.files[0]).then(build));
      const shareOut = h("input", { id: "kam-share-link", type: "text", readonly: true, value: "", "aria-label": t("share_link") });
      box.append(
        h("h2", { id: "kam-manager-title", text: t("your_assessments") }),
        h("p", { class: "kam-privacy", text: t("privacy") }),
        h("div", { class: "kam-row" }, h("label", { for: "kam-current", text: t("assessment") }), select,
          button(t("new"), () => { this.store.add(this.store.uniqueName(t("new_assessment_name")), blankAssessment(this.fw, this.assessment.profile)); build(); this.renderOverview(); }, { "data-action": "new" }),
          button(t("delete"), () => {
            const entry = this.store.get();
            if (window.confirm(t("confirm_delete", { name: entry.name }))) { this.store.remove(this.store.current()); build(); this.renderOverview(); }
          }, { "data-action": "delete" })),
        h("div", { class: "kam-row" }, h("label", { for: "kam-name", text: t("name") }), nameInput,
          button(t("rename"), () => { this.store.rename(this.store.current(), nameInput.value); build(); }, { "data-action": "rename" })),
        h("div", { class: "kam-row" },
          button(t("export_json"), () => this.exportJson(), { "data-action": "export-json" }),
          button(t("export_csv"), () => this.exportCsv(), { "data-action": "export-csv" }),
          h("label", { for: "kam-import", class: "kam-import-label", text: t("import_json") }), fileInput,
          button(t("print"), () => window.print(), { "data-action": "print" })),
        h("div", { class: "kam-row" },
          button(t("make_share_link"), () => {
            shareOut.value = this.shareLink();
            shareOut.select();
            if (navigator.clipboard) navigator.clipboard.writeText(shareOut.value).then(() => this.notify(t("copied")), () => {});
          }, { "data-action": "share" }), shareOut),
        h("p", {}, [
          h("a", { href: this.links.rate, text: t("link_rate") }),
          h("a", { href: this.links.compare, text: t("link_compare") }),
          this.links.plan ? h("a", { href: this.links.plan, text: t("link_plan") }) : null, // null: the framework has no award workspace
          this.links.example ? h("a", { href: this.links.example, download: "worked-example.json", text: t("link_example") }) : null,
        ].filter(Boolean).flatMap((a, k) => (k ? [" · ", a] : [a]))));
      this.flushStoreNotices();
    });
    build();
    return box;
  }

  async importFile(file) {
    if (!file) return;
    const t = this.t;
    const text = await file.text();
    let parsed;
    try {
      parsed = JSON.parse(text);
    } catch (error) {
      this.notify(t("not_json", { message: error.message }), "error");
      return;
    }
    const checked = check(this.fw, parsed, this.strings);
    if (checked.errors.length) {
      this.notify(t("import_refused", { errors: checked.errors.join("; ") }), "error");
      return;
    }
    const assessment = upgrade(this.fw, parsed);
    const own = typeof parsed.name === "string" && parsed.name.trim() ? parsed.name.trim() : null; // the file's name field first
    const name = this.store.uniqueName(own || file.name.replace(/\.json$/i, "") || t("imported_name"));
    this.store.add(name, assessment);
    this.notify(t("imported", { name }));
    for (const w of checked.warnings) this.notify(w, "warning");
    if (checked.orphaned.length) this.notify(t("orphaned", { n: checked.orphaned.length }), "warning");
    this.flushStoreNotices();
    this.renderOverview();
  }

  exportJson() {
    const entry = this.store.get();
    download(`${slug(entry.name)}.json`, "application/json", JSON.stringify(withName(entry), null, 2) + "\n");
  }

  exportCsv() {
    const entry = this.store.get();
    download(`${slug(entry.name)}.csv`, "text/csv;charset=utf-8", "\ufeff" + csv(this.fw, entry.assessment, this.t));
  }

  renderOverview() {
    this.keepFocus(() => this.drawOverview());
  }

  // A scale value as text: "2 Competent", or the number alone when it is not a level (a fractional target, say).
  valueText(v) {
    const lv = this.fw.scale.levels.find((x) => x.value === v);
    return lv ? `${v} ${lv.label}` : String(v);
  }

  levelLabel(v) {
    if (v === "na") return this.t("na");
    const lv = this.fw.scale.levels.find((x) => x.value === v);
    return lv ? lv.label : String(v);
  }

  // The gap cell: a number, or why there is none (not assessed is not a gap; out of the profile's scope).
  gapCell(x) {
    const t = this.t;
    if (x.in_scope === false) return h("td", { class: "kam-out-note", text: t("out_of_scope") });
    if (x.gap === null && x.status === "not-started") return h("td", { class: "kam-unassessed", text: t("not_assessed") });
    return h("td", { class: "kam-num", text: x.gap === null ? "–" : x.gap.toFixed(2).replace(/\.?0+$/, "") });
  }

  drawOverview() {
    const t = this.t;
    const fw = this.fw;
    const parts = this.parts;
    const a = this.assessment;
    const r = this.result();
    const s = r.summary;
    const byId = new Map(fw.competencies.map((c) => [c.id, c]));
    const styles = new Map((fw.coaching || []).map((x) => [x.id, x]));
    const top = Math.max(...fw.scale.levels.map((lv) => lv.value));
    const profileRow = parts.profiles ? h("div", { class: "kam-row" }, h("label", { for: "kam-profile", text: t("target_profile") }),
      h("select", { id: "kam-profile", "data-profile-select": true },
        h("option", { value: "", text: t("profile_none", { level: this.levelLabel(fw.rules.pass_level) }), selected: !a.profile }),
        fw.profiles.map((p) => h("option", { value: p.id, text: p.title, selected: a.profile === p.id })))) : null;

    const num = (text) => h("td", { class: "kam-num", text });
    const columns = [ // [header, cell(competency, its result)], only those of the parts the framework has
      [t("status"), (c, x) => h("td", { text: this.statusText[x.status] })],
      parts.levels && [t("level"), (c) => h("td", { text: ratedBy(c) === "levels" && a.ratings[c.id] !== undefined ? this.levelLabel(a.ratings[c.id]) : "–" })],
      [t("score"), (c, x) => num(x.percent === null ? "–" : `${x.percent}%`)],
      this.points && [t("points"), (c, x) => num(String(x.points))],
      parts.statements && [t("rated"), (c, x) => num(pct(x.coverage))],
      [t("evidence"), (c, x) => num(pct(x.evidence))],
      parts.award && [t("ready"), (c, x) => h("td", { text: x.ready ? t("answer_yes") : t("answer_no") })],
      [t("target"), (c, x) => num(x.target === null ? "–" : this.valueText(x.target))],
      [t("gap"), (c, x) => this.gapCell(x)],
      parts.coaching && [t("coaching_style"), (c, x) => h("td", { text: styles.has(x.quadrant) ? styles.get(x.quadrant).title : "–" })],
    ].filter(Boolean);
    const table = h("table", { class: "kam-table" },
      h("caption", { text: t("result_caption") }),
      h("thead", {}, h("tr", {}, h("th", { scope: "col", text: t("competency") }), columns.map(([x]) => h("th", { scope: "col", text: x })))),
      h("tbody", {}, fw.competencies.map((c) => {
        const x = r.competencies[c.id];
        return h("tr", { "data-competency": c.id, class: x.in_scope === false ? "kam-out" : null },
          h("th", { scope: "row" }, h("a", { href: `${this.links.rate}#c-${c.id}`, text: c.name })),
          columns.map(([, cell]) => cell(c, x)));
      })));

    const readiness = !parts.award ? t("standing_met", { met: s.met, total: s.total })
      : s.award_ready ? t("readiness_met", { ready: s.ready, required: s.required })
        : t("readiness_to_go", { ready: s.ready, required: s.required, to_go: s.to_go });
    const sections = [
      h("section", { "aria-labelledby": "kam-award" },
        h("h2", { id: "kam-award", text: t("where_you_stand") }),
        h("p", { class: "kam-readiness", text: `${readiness}.` }),
        h("p", { text: parts.award ? t("overall", { percent: s.percent === null ? "–" : s.percent + "%", met: s.met, total: s.total, name: this.store.get().name })
          : t("overall_plain", { percent: s.percent === null ? "–" : s.percent + "%", name: this.store.get().name }) }),
        this.points ? this.pointsBox(r) : null,
        profileRow,
        h("div", { class: "kam-scroll" }, table)),
      h("section", { "aria-labelledby": "kam-radar-title" }, h("h2", { id: "kam-radar-title", text: t("profile_chart") }), this.radar(r, top)),
    ];

    if (parts.award) {
      const order = submissionOrder(fw, r);
      sections.push(h("section", { "aria-labelledby": "kam-submit-title" },
        h("h2", { id: "kam-submit-title", text: t("competencies_to_submit") }),
        h("p", { text: t("submit_intro", { required: s.required }) }),
        h("ol", { class: "kam-submit" }, order.map((cid, k) => {
          const x = r.competencies[cid];
          const scored = `${x.percent}%`;
          return h("li", { class: k < s.required ? "kam-submit--in" : "" },
            h("a", { href: this.links.competencies[cid], text: `${cid} ${byId.get(cid).title}` }),
            ` — ${x.ready ? t("score_ready", { score: scored }) : scored}`);
        }))));
    }

    if (parts.curriculum) {
      const modules = new Map(fw.modules.map((m) => [m.id, m]));
      const listed = [...r.recommendations, ...a.completed_modules.filter((m) => modules.has(m))];
      sections.push(h("section", { "aria-labelledby": "kam-modules-title" },
        h("h2", { id: "kam-modules-title", text: t("recommended_training") }),
        listed.length ? h("p", { text: t("modules_intro") }) : h("p", { text: t("modules_none") }),
        h("ul", { class: "kam-modules" }, listed.map((mid) => {
          const m = modules.get(mid);
          const done = a.completed_modules.includes(mid);
          const gapped = m.competencies.filter((cid) => r.competencies[cid].gap > 0);
          return h("li", {},
            h("label", {}, h("input", { type: "checkbox", "data-module": mid, checked: done }), ` ${t("module_completed")} `),
            this.links.training ? h("a", { href: `${this.links.training}#${mid}`, text: m.title }) : m.title,
            done ? ` ${t("module_done")}` : ` — ${t("module_closes", { competencies: gapped.join(", ") })}`);
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
  }

  // Total points, the band reached and the points to the next (a "thermometer" against the bands), and points per area.
  pointsBox(r) {
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
    out.push(h("div", { class: "kam-scroll" }, h("table", { class: "kam-table kam-area-points" },
      h("caption", { text: t("points_by_area") }),
      h("thead", {}, h("tr", {}, h("th", { scope: "col", text: t("area") }), h("th", { scope: "col", text: t("points") }))),
      h("tbody", {}, areas.map(([area, ids]) => h("tr", { "data-area": area.id }, h("th", { scope: "row", text: area.title }),
        h("td", { class: "kam-num", text: String(ids.reduce((n, cid) => n + r.competencies[cid].points, 0)) }))),
      h("tr", { class: "kam-total" }, h("th", { scope: "row", text: t("points_all") }), h("td", { class: "kam-num", text: String(s.points) }))))));
    return h("div", { class: "kam-points-box" }, out);
  }

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
      ...comps.map((x, k) => svg("line", { x1: c, y1: c, x2: point(k, 1)[0], y2: point(k, 1)[1], class: "kam-radar-grid" })),
      svg("polygon", { points: targets.map(xy).join(" "), class: "kam-radar-target" }),
      svg("polygon", { points: scores.map(xy).join(" "), class: "kam-radar-score" }),
      ...scores.map(([x0, y0]) => svg("circle", { cx: x0.toFixed(1), cy: y0.toFixed(1), r: 4, class: "kam-radar-dot" })),
      ...comps.map((x, k) => {
        const [x0, y0] = point(k, 1.12);
        return svg("text", { x: x0.toFixed(1), y: y0.toFixed(1), "text-anchor": "middle", "dominant-baseline": "middle",
          class: res[k].status === "not-started" ? "kam-radar-label kam-radar-label--none" : "kam-radar-label" }, x.id);
      }));
    const legend = h("p", { class: "kam-radar-legend" }, h("span", { class: "kam-key kam-key--score" }), ` ${t("radar_your_score")} `,
      h("span", { class: "kam-key kam-key--target" }), ` ${t("radar_target")}`);
    const note = unassessed.length ? h("p", { class: "kam-radar-note", text: t("radar_unassessed", { competencies: unassessed.join(", ") }) }) : null;
    const data = h("details", { class: "kam-radar-data" }, h("summary", { text: t("radar_table") }),
      h("table", {}, h("thead", {}, h("tr", {}, [t("competency"), t("score"), t("target")].map((x) => h("th", { scope: "col", text: x })))),
        h("tbody", {}, comps.map((x, k) => h("tr", {}, h("th", { scope: "row", text: `${x.id} ${x.title}` }),
          res[k].status === "not-started" ? h("td", { class: "kam-unassessed", text: t("not_assessed") }) : h("td", { text: pct(res[k].score) }),
          h("td", { text: res[k].target === null ? "–" : `${Math.round((res[k].target / top) * 100)}%` }))))));
    return h("div", { class: "kam-radar-box" }, chart, legend, note, data);
  }

  // ------------------------------------------------------------ compare

  compare() {
    const t = this.t;
    const list = this.store.list();
    const picked = new Set(list.map((x) => x.id));
    const box = h("div", { class: "kam-compare" });
    const choose = h("fieldset", { class: "kam-choose" }, h("legend", { text: t("compare_choose") }),
      list.map((x) => h("label", { class: "kam-option" }, h("input", { type: "checkbox", value: x.id, checked: true, "data-compare": x.id }), ` ${x.name}`)));
    const render = () => {
      const chosen = list.filter((x) => picked.has(x.id));
      const assessments = chosen.map((x) => this.store.get(x.id).assessment);
      const results = assessments.map((x) => score(this.fw, x));
      const head = h("tr", {}, h("th", { scope: "col", text: t("competency") }), chosen.map((x) => h("th", { scope: "col", text: x.name })),
        chosen.length > 1 ? h("th", { scope: "col", text: t("change") }) : null);
      const cell = (res, cid, k) => {
        const x = res.competencies[cid];
        const status = this.statusText[x.status].toLowerCase();
        const v = assessments[k].ratings[cid];
        if (ratedBy(this.fw.competencies.find((c) => c.id === cid)) === "levels") {
          return typeof v === "number" ? t("compare_cell_level", { level: this.levelLabel(v), status }) : status;
        }
        return x.percent === null ? "–" : t("compare_cell", { percent: x.percent, status });
      };
      const rows = this.fw.competencies.map((c) => {
        const first = results[0] && results[0].competencies[c.id].percent;
        const last = results.length && results[results.length - 1].competencies[c.id].percent;
        const delta = first === null || last === null || results.length < 2 ? "–" : `${last - first >= 0 ? "+" : ""}${last - first}`;
        return h("tr", {}, h("th", { scope: "row", text: c.name }), results.map((res, k) => h("td", { text: cell(res, c.id, k) })),
          results.length > 1 ? h("td", { class: "kam-num", text: delta }) : null);
      });
      const line = (label, text) => h("tr", {}, h("th", { scope: "row", text: label }), results.map((res) => h("td", { text: text(res.summary) })),
        results.length > 1 ? h("td", {}) : null);
      const bands = new Map((this.fw.bands || []).map((b) => [b.id, b.title]));
      const summary = [
        this.parts.award ? line(t("compare_ready"), (x) => t("count_of", { n: x.ready, total: x.required }))
          : line(t("status_met"), (x) => t("count_of", { n: x.met, total: x.total })),
        this.points ? line(t("points"), (x) => String(x.points)) : null,
        bands.size ? line(t("band"), (x) => bands.get(x.band) || "–") : null,
      ];
      box.replaceChildren(chosen.length ? h("div", { class: "kam-scroll" },
        h("table", { class: "kam-table" }, h("caption", { text: t("compare_caption") }), h("thead", {}, head), h("tbody", {}, rows, summary)))
        : h("p", { text: t("compare_none") }));
    };
    choose.addEventListener("change", (event) => {
      const id = event.target.dataset.compare;
      if (event.target.checked) picked.add(id); else picked.delete(id);
      render();
    });
    this.root.append(choose, box);
    render();
  }
}

// Set up the page's assessment, if it has one (called by kam.js on every page).
Object.assign(App.prototype, rateMethods, shareMethods);

export function start() {
  const root = document.getElementById("kam-app");
  const data = document.getElementById("kam-data");
  if (!root || !data || root.dataset.ready) return;
  root.dataset.ready = "true";
  new App(root, JSON.parse(data.dataset.json)).start();
}

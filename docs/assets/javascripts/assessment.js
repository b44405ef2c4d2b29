// The self-assessment pages: what every one of them shares (the App: the
// store, notices, other tabs, focus), and each page's own code from its own
// module (VIEWS: the overview, overview.js; the rating page, rate.js; compare,
// history.js; the plan and workspace; the coach review; the 360 page).
// DOM code only; the scoring is scoring.js, storage store.js, share links
// share.js, the small DOM helpers ui.js.
//
// Material's instant navigation swaps the page content without reloading
// scripts, so kam.js calls start() on every page and the App attaches its
// listeners to the page's own #kam-app element (new on every swap). The one
// exception, the window's "storage" event (followOtherTabs), is removed by
// the next start(), so nothing is ever attached twice.
import { score } from "./scoring.js";
import { translator } from "./strings.js";
import { Store, blankAssessment } from "./store.js";
import { download, h, pointsOf, ratedBy } from "./ui.js";

// The methods of a page's own code, added to the App on the page that uses them.
const methods = (list) => (module) => {
  Object.assign(App.prototype, module[list]);
  return null;
};

// Each page's own code, fetched only on its page (render.py preloads it there): a view function, or null for
// methods added to the App (the overview with its assessments and share links, the rating page's form).
const VIEWS = {
  overview: () => import("./overview.js").then(methods("overviewMethods")),
  rate: () => import("./rate.js").then(methods("rateMethods")),
  compare: () => import("./history.js").then((m) => m.compareView),
  plan: () => import("./workspace.js").then((m) => m.planView),
  workspace: () => import("./workspace.js").then((m) => m.workspaceView),
  review: () => import("./review.js").then((m) => m.reviewView),
  feedback: () => import("./feedback.js").then((m) => m.feedbackView),
};

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
    if (!this.gone && !Object.keys(this.data.assessments).length) {
      this.add(this.firstName, blankAssessment(this.framework));
    }
    return super.current();
  }
}

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

  // The store's notices not shown yet (each once), with what the person can do about them.
  flushStoreNotices() {
    const t = this.t;
    const store = this.store;
    const button = (label, action, fn) => {
      const b = h("button", { type: "button", class: "md-button", text: label, "data-action": action });
      b.addEventListener("click", fn);
      return b;
    };
    const offer = (text, ...buttons) => {
      const box = h("div", { class: "kam-notice kam-notice--warning" }, h("p", { text }));
      if (buttons.length) box.append(h("div", { class: "kam-row" }, buttons));
      this.notices.append(box);
      return box;
    };
    const free = (n, box) => (n.backups ? button(t("storage_free", { n: n.backups }), "free-space", () => {
      box.remove();
      store.freeSpace();
      this.flushStoreNotices();
    }) : null);
    for (const n of store.notices) {
      if (this.shown.has(n)) continue;
      this.shown.add(n);
      if (n.kind === "storage-unavailable") this.notify(t("storage_unavailable"), "warning");
      else if (n.kind === "storage-full") {
        const box = offer(t("storage_full"));
        if (n.backups) box.append(h("div", { class: "kam-row" }, free(n, box)));
      } else if (n.kind === "recovered-unsaved") { // nothing written over the damaged value: it can be downloaded as it is
        const text = n.lost.length ? `${t("storage_damaged_unsaved")} ${t("storage_not_recoverable", { lost: n.lost.join(", ") })}` : t("storage_damaged_unsaved");
        const box = offer(text, button(t("storage_download"), "download-stored",
          () => download(`stored-assessments-${new Date().toISOString().slice(0, 10)}.txt`, "text/plain;charset=utf-8", n.raw)));
        if (n.backups) box.lastChild.append(free(n, box));
      } else if (n.kind === "space-freed") this.notify(t("storage_space_freed", { n: n.n }));
      else if (n.kind === "storage-saved") this.notify(t("storage_saved_again"));
      else if (n.kind === "deleted-elsewhere") { // this tab's copy, saved nowhere until kept
        const box = offer(t("storage_deleted_elsewhere", { name: n.name }), button(t("storage_keep_copy"), "keep-copy", () => {
          box.remove();
          const id = store.keepCopy();
          this.notify(t("storage_copy_kept", { name: store.get(id).name }));
          this.flushStoreNotices();
          if (this.buildManager) this.buildManager();
        }));
      } else if (n.kind === "recovered") {
        const one = n.kept === 1;
        const lost = n.lost.join(", ");
        this.notify(n.lost.length ? (one ? t("recovered_lost_one", { n: n.kept, backup: n.backup, lost }) : t("recovered_lost", { n: n.kept, backup: n.backup, lost }))
          : one ? t("recovered_one", { n: n.kept, backup: n.backup }) : t("recovered", { n: n.kept, backup: n.backup }), "warning");
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
    return VIEWS[this.view]().then((view) => {
      if (view) view(this, h, download);
      else if (this.view === "rate") return this.rate(); // once every competency's form is in
      else this.overview();
      return null;
    });
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
      this.flushStoreNotices();
      if (this.store.gone) { // its copy is in this page only: never reloaded away (the notice offers to keep it)
        for (const x of this.notices.querySelectorAll("[data-action=other-tab]")) x.parentElement.remove();
        return;
      }
      if (document.hidden) {
        document.addEventListener("visibilitychange", () => { if (!this.store.gone) location.reload(); }, { signal, once: true });
      } else if (!offered) {
        offered = true;
        const show = h("button", { type: "button", class: "md-button", text: this.t("other_tab_show"), "data-action": "other-tab" });
        show.addEventListener("click", () => location.reload());
        this.notices.append(h("p", { class: "kam-notice kam-notice--warning" }, `${this.t("other_tab")} `, show));
      }
    }, { signal });
  }

  // A refusal in plain words, with the precise reason on a second line.
  refuse(text, reason) {
    this.notices.append(h("div", { class: "kam-notice kam-notice--error" }, h("p", { text }),
      h("p", { class: "kam-reason", text: this.t("import_reason", { reason }) })));
  }

  levelLabel(v) {
    if (v === "na") return this.t("na");
    const lv = this.fw.scale.levels.find((x) => x.value === v);
    return lv ? lv.label : String(v);
  }
}

// Set up the page's assessment, if it has one (called by kam.js on every page).
// The framework and the interface's texts come from one file for all the assessment pages (render.py app_data,
// preloaded by the page): its name changes with its content, so after the first page the browser's cache has it.
function sharedData(page) {
  return fetch(new URL(page.src, document.baseURI)).then((r) => {
    if (!r.ok) throw new Error(`${r.status} ${r.statusText}`);
    return r.json();
  }).then((shared) => ({ ...page, framework: shared.framework, strings: { ...shared.strings, ...page.strings } }));
}

export function start() {
  const root = document.getElementById("kam-app");
  const data = document.getElementById("kam-data");
  if (!root || !data || root.dataset.started) return;
  root.dataset.started = "true";
  const page = JSON.parse(data.dataset.json);
  // data-ready once the page is drawn (a page's own module may still be on its way)
  sharedData(page).then((all) => {
    if (!root.isConnected) return; // the visitor has moved on to another page meanwhile
    Promise.resolve(new App(root, all).start()).then(() => { root.dataset.ready = "true"; });
  }, (error) => {
    const text = String(page.strings["app_data_failed"] || "").replace("{error}", error.message || String(error));
    root.append(h("p", { class: "kam-notice kam-notice--warning", role: "alert", text }));
  });
}

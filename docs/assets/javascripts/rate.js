// The rating page's part of the App (assessment.js mixes these methods into
// it): one form per competency, statement by statement or one pick of a
// level, with the will rating and notes, saved as the person goes.
//
// One competency at a time by default (a step view: Previous / Next, "Next
// unrated", a jump list naming each competency's state, the address's #c-<id>
// opens that competency), or every competency on one page ("Show all", and
// always in print). Each form ends in a bar that names its competency, shows
// its live result and stays at the bottom of the screen while its form is in
// view (out of the way of the theme's header and "Back to top" button).
// Digit keys pick a level of the focused statement (and "n" N/A where the
// scale allows it), on top of the radios' own arrow keys.
import { esc, fragment, h, pct, pointsOf, ratedBy } from "./ui.js";

let listening = null; // the window listeners of the rating page, removed when a page starts again (instant navigation)

const ALL_KEY = "kam-rate-all"; // sessionStorage: whether this tab shows every competency at once

function remembered(key) {
  try { return window.sessionStorage.getItem(key); } catch { return null; }
}

function remember(key, value) {
  try {
    if (value === null) window.sessionStorage.removeItem(key);
    else window.sessionStorage.setItem(key, value);
  } catch { /* storage blocked: the choice lasts for this page only */ }
}

export const rateMethods = {
  rate() {
    const t = this.t;
    const entry = this.store.get();
    const levels = this.fw.scale.levels;
    const comps = this.fw.competencies;
    this.steps = new Map([...this.root.querySelectorAll(".kam-step")].map((s) => [s.dataset.competency, s]));
    this.allKey = `${ALL_KEY}:${this.fw.id}`;
    this.showAll = remembered(this.allKey) === "1";

    const jump = h("select", { id: "kam-jump", "data-action": "jump" },
      comps.map((c) => h("option", { value: c.id, text: c.name })));
    const nextUnrated = h("button", { type: "button", class: "md-button", "data-action": "next-unrated", text: t("rate_next_unrated") });
    const showAll = h("input", { type: "checkbox", id: "kam-show-all", "data-action": "show-all", checked: this.showAll });
    this.rateUi = {
      jump,
      progress: h("progress", { id: "kam-progress", max: "1", value: "0", "aria-labelledby": "kam-progress-text" }),
      progressText: h("p", { id: "kam-progress-text", class: "kam-progress-text" }),
      done: h("p", { class: "kam-all-rated", role: "status" }),
    };
    const head = h("div", { class: "kam-rate-head" },
      h("p", {}, h("strong", { text: t("rating", { name: entry.name }) }), " · ", this.store.persistent ? t("saved") : t("not_saved"), " ",
        h("a", { href: this.links.overview, text: t("manage") })),
      h("div", { class: "kam-progress" }, this.rateUi.progress, this.rateUi.progressText),
      h("div", { class: "kam-rate-tools" },
        h("div", { class: "kam-jump" }, h("label", { for: "kam-jump", text: t("rate_jump") }), jump),
        nextUnrated,
        h("label", { class: "kam-toggle", for: "kam-show-all" }, showAll, ` ${t("rate_show_all")}`)),
      this.rateUi.done,
      h("details", { class: "kam-levels" }, h("summary", { text: t("levels") }),
        h("dl", {}, levels.map((lv) => [h("dt", { text: `${lv.value} ${lv.label}` }), h("dd", { id: `kam-level-${lv.value}`, text: lv.description })]),
          this.fw.scale.not_applicable ? [h("dt", { text: t("na") }), h("dd", { id: "kam-level-na", text: t("na_help") })] : [])));
    this.notices.after(head);

    const a = this.assessment;
    const result = this.result();
    const fill = (c) => {
      const form = this.root.querySelector(`.kam-form[data-competency="${CSS.escape(c.id)}"]`);
      if (!form || form.dataset.filled) return;
      form.dataset.filled = "true";
      form.innerHTML = this.formHtml(c, comps.indexOf(c));
      for (const input of form.querySelectorAll("input[type=radio][data-rating]")) {
        const v = a.ratings[input.dataset.rating];
        input.checked = v !== undefined && String(v) === input.value;
      }
      for (const input of form.querySelectorAll("input[data-evidence]")) input.checked = a.evidence[input.dataset.evidence] === true;
      for (const input of form.querySelectorAll("input[data-will]")) input.checked = String(a.will[c.id]) === input.value;
      form.querySelector("textarea").value = a.notes[c.id] || "";
      this.showLive(c.id, result);
    };
    this.fillForm = fill; // a competency asked for before its turn (goTo) is filled at once
    const asked = this.hashStep();
    const start = asked || (comps.find((c) => this.counts(c).state !== "all") || comps[0] || {}).id;
    const first = comps.find((c) => c.id === start);
    if (first) fill(first); // the competency shown first at once; the others one by one, each its own short task,
    this.showProgress(); // so that the page answers meanwhile (a whole framework at once blocked it for a long moment)

    this.root.addEventListener("change", (event) => this.onRateChange(event));
    this.root.addEventListener("input", (event) => {
      if (event.target.matches("textarea[data-notes]")) {
        const id = event.target.dataset.notes;
        const text = event.target.value;
        this.change((x) => { if (text) x.notes[id] = text; else delete x.notes[id]; });
      }
    });
    this.root.addEventListener("keydown", (event) => this.onRateKey(event));
    this.root.addEventListener("click", (event) => {
      const button = event.target.closest("button[data-action]");
      if (!button) return;
      if (button.dataset.action === "next-unrated") this.nextUnrated();
      else if (button.dataset.action === "step") this.goTo(button.dataset.target, { focus: true });
    });

    // The address's #c-<id> opens that competency: on arrival, and when it changes (a link on this page, back and forward).
    if (listening) listening.abort();
    listening = new AbortController();
    window.addEventListener("hashchange", () => {
      if (!this.root.isConnected) return;
      const id = this.hashStep();
      if (id) this.goTo(id, { focus: true, keepHash: true });
    }, { signal: listening.signal });

    if (start) this.goTo(start, { focus: false, keepHash: true, scroll: Boolean(asked) });
    const rest = comps.filter((c) => c !== first);
    return new Promise((done) => {
      const next = () => {
        if (!rest.length || !this.root.isConnected) { done(); return; }
        fill(rest.shift());
        setTimeout(next, 0);
      };
      setTimeout(next, 0);
    });
  },

  // The competency the address names (#c-<id>), or null.
  hashStep() {
    const hash = fragment();
    const id = hash.startsWith("c-") ? hash.slice(2) : null;
    return id && this.steps.has(id) ? id : null;
  },

  // Open one competency (step view) or bring it into view (all shown); the focus on its heading when asked.
  goTo(id, { focus = false, keepHash = false, scroll = focus } = {}) {
    if (!this.steps.has(id)) return;
    const c = this.fw.competencies.find((x) => x.id === id);
    if (c && this.fillForm) this.fillForm(c);
    this.step = id;
    this.layout();
    this.rateUi.jump.value = id;
    if (!keepHash && location.hash !== `#c-${id}`) history.replaceState(history.state, "", `#c-${id}`);
    const heading = this.steps.get(id).querySelector("h2");
    if (!heading) return;
    if (focus) {
      heading.tabIndex = -1;
      heading.focus({ preventScroll: true });
    }
    if (scroll) heading.scrollIntoView({ block: "start" });
  },

  // One competency shown, or all of them.
  layout() {
    this.root.classList.toggle("kam-stepping", !this.showAll);
    for (const [id, section] of this.steps) section.hidden = !this.showAll && id !== this.step;
  },

  setShowAll(on) {
    this.showAll = on;
    remember(this.allKey, on ? "1" : null);
    this.goTo(this.step, { scroll: true, keepHash: true });
  },

  // The next competency, after the current one (and round), that is not completely rated.
  nextUnrated() {
    const comps = this.fw.competencies;
    const at = Math.max(0, comps.findIndex((c) => c.id === this.step));
    const order = [...comps.slice(at + 1), ...comps.slice(0, at + 1)];
    const next = order.find((c) => this.counts(c).state !== "all");
    if (!next) {
      this.rateUi.done.textContent = this.t("rate_all_rated");
      return;
    }
    this.rateUi.done.textContent = "";
    this.goTo(next.id, { focus: true });
  },

  // Digit keys pick that level of the focused statement (or level pick, or will rating), "n" N/A where allowed:
  // the radio is checked and the same events fire as for a click; nothing else is announced.
  onRateKey(event) {
    if (event.ctrlKey || event.metaKey || event.altKey || event.isComposing) return;
    const el = event.target;
    if (!(el instanceof Element) || el.matches("textarea, select, input[type=text], input[type=number]")) return;
    const box = el.closest("fieldset.kam-statement, fieldset.kam-pick, fieldset.kam-will");
    if (!box) return;
    const key = event.key.length === 1 ? event.key.toLowerCase() : "";
    const value = key === "n" ? "na" : /^[0-9]$/.test(key) ? key : null;
    if (value === null) return;
    const input = [...box.querySelectorAll("input[type=radio]")].find((x) => x.value === value);
    if (!input) return;
    event.preventDefault();
    event.stopPropagation(); // the theme's own keys ("n": next page) listen on the window: this key is the rating's
    input.focus();
    if (input.checked) return;
    input.checked = true;
    input.dispatchEvent(new Event("input", { bubbles: true }));
    input.dispatchEvent(new Event("change", { bubbles: true }));
  },

  // How far one competency is rated: statements (or the one level pick) answered, N/A counting as answered.
  counts(c) {
    const ratings = this.assessment.ratings;
    const ids = ratedBy(c) === "levels" ? [c.id] : c.groups.flatMap((g) => g.indicators.map((i) => i.id));
    const rated = ids.filter((id) => ratings[id] !== undefined && ratings[id] !== null).length;
    const state = rated === 0 ? "none" : rated < ids.length ? "some" : "all";
    return { rated, total: ids.length, state };
  },

  // "one" or "other", by the framework's language (Intl.PluralRules), for the _one/_other pairs of strings.
  plural(n) {
    try { return new Intl.PluralRules(this.fw.language || "en").select(n) === "one" ? "one" : "other"; } catch { return n === 1 ? "one" : "other"; }
  },

  // A competency's state in words: not assessed, in progress (how many rated) or complete.
  stateText(c) {
    const t = this.t;
    const { rated, total, state } = this.counts(c);
    if (state === "none") return t("not_assessed");
    if (state === "all") return t("rate_state_all");
    return t("rate_state_some", { n: rated, total });
  },

  // Overall progress, each jump-list entry and each step's state line.
  showProgress() {
    const t = this.t;
    const comps = this.fw.competencies;
    const all = comps.map((c) => [c, this.counts(c)]);
    const stated = all.filter(([c]) => ratedBy(c) === "statements");
    const rated = stated.reduce((n, [, x]) => n + x.rated, 0);
    const total = stated.reduce((n, [, x]) => n + x.total, 0);
    const complete = all.filter(([, x]) => x.state === "all").length;
    const items = all.reduce((n, [, x]) => n + x.total, 0);
    const answered = all.reduce((n, [, x]) => n + x.rated, 0);
    const parts = [];
    if (total) {
      parts.push(this.plural(total) === "one" ? t("rate_progress_statements_one", { n: rated, total })
        : t("rate_progress_statements_other", { n: rated, total }));
    }
    parts.push(this.plural(comps.length) === "one" ? t("rate_progress_competencies_one", { n: complete, total: comps.length })
      : t("rate_progress_competencies_other", { n: complete, total: comps.length }));
    this.rateUi.progress.max = String(Math.max(1, items));
    this.rateUi.progress.value = String(answered);
    this.rateUi.progress.textContent = parts.join(" · ");
    this.rateUi.progressText.textContent = parts.join(" · ");
    if (complete < comps.length) this.rateUi.done.textContent = "";
    comps.forEach((c, k) => {
      const state = this.stateText(c);
      const option = this.rateUi.jump.options[k];
      if (option) option.textContent = t("rate_option", { competency: c.name, state });
      const line = this.root.querySelector(`[id="state-${CSS.escape(c.id)}"]`);
      if (line) line.textContent = t("rate_step", { n: k + 1, total: comps.length, state });
    });
  },

  formHtml(c, k) {
    const t = this.t;
    const levels = this.fw.scale.levels;
    const na = this.fw.scale.not_applicable;
    const parts = [`<p class="kam-step-state" id="state-${esc(c.id)}"></p>`];
    if (c.description) parts.push(`<p class="kam-description">${esc(c.description)}</p>`);
    if (ratedBy(c) === "levels") parts.push(this.pickHtml(c));
    else if ((c.levels || []).length) { // guidance beside the statements
      parts.push(`<details class="kam-guide"><summary>${esc(t("level_guide"))}</summary><dl>${c.levels.map((d) =>
        `<dt>${esc(this.levelName(d))}</dt><dd><p>${esc(d.summary)}</p>${this.moreHtml(d)}</dd>`).join("")}</dl></details>`);
    }
    for (const g of c.groups) {
      parts.push(`<h3 class="kam-group">${esc(g.title)}</h3>`);
      for (const s of g.indicators) {
        const name = `r-${s.id}`;
        const opts = levels.map((lv) => `<label class="kam-option"><input type="radio" name="${esc(name)}" value="${lv.value}" data-rating="${esc(s.id)}" aria-describedby="kam-level-${lv.value}"> <span>${esc(lv.label)}</span></label>`);
        if (na) opts.push(`<label class="kam-option kam-option--na"><input type="radio" name="${esc(name)}" value="na" data-rating="${esc(s.id)}" aria-describedby="kam-level-na"> <span>${esc(t("na"))}</span></label>`);
        parts.push(`<fieldset class="kam-statement" id="rate-${esc(s.id)}"><legend><span class="kam-sid">${esc(s.id)}</span> ${esc(s.text)}</legend>` +
          `<div class="kam-options">${opts.join("")}</div>` +
          `<label class="kam-evidence"><input type="checkbox" data-evidence="${esc(s.id)}"> ${esc(t("rate_evidence"))}</label></fieldset>`);
      }
    }
    if (this.parts.coaching) {
      const willLevels = [t("will_1"), t("will_2"), t("will_3"), t("will_4")];
      const wills = willLevels.map((label, n) => `<label class="kam-option"><input type="radio" name="will-${esc(c.id)}" value="${n + 1}" data-will="${esc(c.id)}"> <span>${esc(label)}</span></label>`);
      parts.push(`<fieldset class="kam-will"><legend>${esc(t("will", { id: c.id }))}</legend><div class="kam-options">${wills.join("")}</div></fieldset>`);
    }
    parts.push(`<label class="kam-notes-label" for="notes-${esc(c.id)}">${esc(t("notes", { id: c.id }))}</label><textarea id="notes-${esc(c.id)}" data-notes="${esc(c.id)}" rows="3"></textarea>`);
    parts.push(this.barHtml(c, k));
    return parts.join("");
  },

  // The bar at the end of a form: the competency's name and live result, the levels at hand, Previous and Next.
  barHtml(c, k) {
    const t = this.t;
    const comps = this.fw.competencies;
    const step = (target, label, cls) => (target
      ? `<button type="button" class="md-button ${cls}" data-action="step" data-target="${esc(target.id)}">${esc(label)}<span class="kam-sr">: ${esc(target.name)}</span></button>`
      : "");
    const prev = step(comps[k - 1], t("rate_previous"), "kam-prev");
    const next = comps[k + 1] ? step(comps[k + 1], t("rate_next"), "kam-next md-button--primary")
      : `<a class="md-button md-button--primary kam-next" href="${esc(this.links.overview)}">${esc(t("rate_to_results"))}</a>`;
    const scale = this.fw.scale.levels.map((lv) => `<dt>${esc(lv.label)}</dt><dd>${esc(lv.description)}</dd>`).join("") +
      (this.fw.scale.not_applicable ? `<dt>${esc(t("na"))}</dt><dd>${esc(t("na_help"))}</dd>` : "");
    const levels = ratedBy(c) === "statements"
      ? `<details class="kam-bar-levels"><summary>${esc(t("rate_bar_levels"))}</summary><dl tabindex="0" aria-label="${esc(t("levels"))}">${scale}</dl></details>` : "";
    return `<div class="kam-bar"><p class="kam-bar-text"><strong class="kam-bar-name">${esc(c.name)}</strong> ` +
      `<span class="kam-live" id="live-${esc(c.id)}" aria-live="polite"></span></p>` +
      `<div class="kam-bar-tools">${levels}<span class="kam-bar-nav">${prev}${next}</span></div></div>`;
  },

  // "Practitioner" or "Practitioner — Owns a part" (the scale's label, the descriptor's title).
  levelName(d) {
    const lv = this.fw.scale.levels.find((x) => x.value === d.value);
    const label = lv ? lv.label : String(d.value);
    return d.title ? this.t("level_name", { level: label, title: d.title }) : label;
  },

  // A level descriptor's signals and examples (HTML, escaped), or "" when it has none.
  moreHtml(d) {
    const t = this.t;
    const list = (title, items) => (items && items.length ? `<p class="kam-more-title">${esc(title)}</p><ul>${items.map((x) => `<li>${esc(x)}</li>`).join("")}</ul>` : "");
    return list(t("level_signals"), d.signals) + list(t("level_examples"), d.examples);
  },

  // One pick-one control for a level-rated competency: a card per scale value (and N/A where allowed).
  pickHtml(c) {
    const t = this.t;
    const id = esc(c.id);
    const card = (value, name, summary, more, pts) => {
      const key = `lvl-${id}-${value}`;
      return `<div class="kam-level"><label class="kam-level-pick"><input type="radio" name="r-${id}" value="${value}" data-rating="${id}" ` +
        `aria-labelledby="${key}-name" aria-describedby="${key}-sum"><span class="kam-level-text"><span class="kam-level-name" id="${key}-name">${esc(name)}</span>` +
        (pts === null ? "" : ` <span class="kam-level-points">${esc(t("level_points", { points: pts }))}</span>`) +
        `<span class="kam-level-summary" id="${key}-sum">${esc(summary)}</span></span></label>` +
        (more ? `<details class="kam-level-more"><summary>${esc(t("level_more"))}<span class="kam-sr"> (${esc(name)})</span></summary>${more}</details>` : "") + "</div>";
    };
    const cards = this.fw.scale.levels.map((lv) => {
      const d = (c.levels || []).find((x) => x.value === lv.value) || { value: lv.value, summary: lv.description };
      return card(lv.value, this.levelName(d), d.summary, this.moreHtml(d), this.points ? pointsOf(lv) : null);
    });
    if (this.fw.scale.not_applicable) cards.push(card("na", t("na"), t("na_help"), "", null));
    return `<fieldset class="kam-pick" data-competency="${id}" id="rate-${id}"><legend>${esc(t("pick_legend", { competency: c.name }))}</legend>` +
      `<p class="kam-hint">${esc(t("pick_hint"))}</p><div class="kam-levels-list">${cards.join("")}</div>` +
      `<label class="kam-evidence"><input type="checkbox" data-evidence="${id}"> ${esc(t("rate_evidence"))}</label></fieldset>`;
  },

  onRateChange(event) {
    const el = event.target;
    let cid = null;
    if (el.dataset.action === "jump") {
      this.goTo(el.value);
      return;
    }
    if (el.dataset.action === "show-all") {
      this.setShowAll(el.checked);
      return;
    }
    if (el.dataset.rating) {
      const id = el.dataset.rating;
      const value = el.value === "na" ? "na" : Number(el.value);
      this.change((x) => { x.ratings[id] = value; });
      cid = el.closest(".kam-form").dataset.competency;
    } else if (el.dataset.evidence) {
      const id = el.dataset.evidence;
      const on = el.checked;
      this.change((x) => { if (on) x.evidence[id] = true; else delete x.evidence[id]; });
      cid = el.closest(".kam-form").dataset.competency;
    } else if (el.dataset.will) {
      const id = el.dataset.will;
      this.change((x) => { x.will[id] = Number(el.value); });
      cid = id;
    }
    if (cid) {
      this.showLive(cid, this.result());
      if (el.dataset.rating) this.showProgress();
    }
  },

  // The live result of one competency, in the bar at the end of its form (the bar names the competency).
  live(c, r) {
    const t = this.t;
    if (ratedBy(c) === "levels") {
      const v = this.assessment.ratings[c.id];
      if (r.status === "not-applicable") return this.statusText[r.status];
      if (r.status === "not-started") return t("live_not_assessed");
      const level = this.levelName((c.levels || []).find((x) => x.value === v) || { value: v });
      return this.points ? t("live_pick_points", { level, points: r.points, status: this.statusText[r.status] })
        : t("live_pick", { level, status: this.statusText[r.status] });
    }
    if (r.percent === null) return t("live_na");
    const { rated, total } = this.counts(c);
    if (rated === 0) return this.plural(total) === "one" ? t("live_unrated_one", { total }) : t("live_unrated_other", { total });
    const figures = { percent: r.percent, status: this.statusText[r.status], coverage: t("count_of", { n: rated, total }), evidence: pct(r.evidence) };
    return this.parts.award ? t("live", { ...figures, ready: r.ready ? t("live_ready") : t("live_not_ready") }) : t("live_plain", figures);
  },

  showLive(cid, result) {
    const node = this.root.querySelector(`[id="live-${CSS.escape(cid)}"]`);
    if (node) node.textContent = this.live(this.fw.competencies.find((x) => x.id === cid), result.competencies[cid]);
  },
};

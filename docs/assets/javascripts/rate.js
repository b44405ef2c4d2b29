// The rating page's part of the App (assessment.js mixes these methods into
// it): one form per competency, statement by statement or one pick of a
// level, with the will rating and notes, saved as the person goes.
import { esc, h, pct, pointsOf, ratedBy } from "./ui.js";

export const rateMethods = {
  rate() {
    const t = this.t;
    const entry = this.store.get();
    const levels = this.fw.scale.levels;
    const head = h("div", { class: "kam-rate-head" },
      h("p", {}, h("strong", { text: t("rating", { name: entry.name }) }), " · ", this.store.persistent ? t("saved") : t("not_saved"), " ",
        h("a", { href: this.links.overview, text: t("manage") })),
      h("details", { class: "kam-levels" }, h("summary", { text: t("levels") }),
        h("dl", {}, levels.map((lv) => [h("dt", { text: `${lv.value} ${lv.label}` }), h("dd", { id: `kam-level-${lv.value}`, text: lv.description })]),
          this.fw.scale.not_applicable ? [h("dt", { text: t("na") }), h("dd", { id: "kam-level-na", text: t("na_help") })] : [])));
    this.notices.after(head);
    const a = this.assessment;
    const result = this.result();
    for (const form of this.root.querySelectorAll(".kam-form")) {
      const c = this.fw.competencies.find((x) => x.id === form.dataset.competency);
      form.innerHTML = this.formHtml(c);
      for (const input of form.querySelectorAll("input[type=radio][data-rating]")) {
        const v = a.ratings[input.dataset.rating];
        input.checked = v !== undefined && String(v) === input.value;
      }
      for (const input of form.querySelectorAll("input[data-evidence]")) input.checked = a.evidence[input.dataset.evidence] === true;
      for (const input of form.querySelectorAll("input[data-will]")) input.checked = String(a.will[c.id]) === input.value;
      form.querySelector("textarea").value = a.notes[c.id] || "";
      this.showLive(c.id, result);
    }
    this.root.addEventListener("change", (event) => this.onRateChange(event));
    this.root.addEventListener("input", (event) => {
      if (event.target.matches("textarea[data-notes]")) {
        const id = event.target.dataset.notes;
        const text = event.target.value;
        this.change((x) => { if (text) x.notes[id] = text; else delete x.notes[id]; });
      }
    });
  },

  formHtml(c) {
    const t = this.t;
    const levels = this.fw.scale.levels;
    const na = this.fw.scale.not_applicable;
    const parts = [`<p class="kam-live" id="live-${esc(c.id)}" aria-live="polite"></p>`];
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
        const opts = levels.map((lv) => `<label class="kam-option"><input type="radio" name="${esc(name)}" value="${lv.value}" data-rating="${esc(s.id)}" aria-describedby="kam-level-${lv.value}"> ${esc(lv.label)}</label>`);
        if (na) opts.push(`<label class="kam-option kam-option--na"><input type="radio" name="${esc(name)}" value="na" data-rating="${esc(s.id)}" aria-describedby="kam-level-na"> ${esc(t("na"))}</label>`);
        parts.push(`<fieldset class="kam-statement" id="rate-${esc(s.id)}"><legend><span class="kam-sid">${esc(s.id)}</span> ${esc(s.text)}</legend>` +
          `<div class="kam-options">${opts.join("")}</div>` +
          `<label class="kam-evidence"><input type="checkbox" data-evidence="${esc(s.id)}"> ${esc(t("rate_evidence"))}</label></fieldset>`);
      }
    }
    if (this.parts.coaching) {
      const willLevels = [t("will_1"), t("will_2"), t("will_3"), t("will_4")];
      const wills = willLevels.map((label, k) => `<label class="kam-option"><input type="radio" name="will-${esc(c.id)}" value="${k + 1}" data-will="${esc(c.id)}"> ${esc(label)}</label>`);
      parts.push(`<fieldset class="kam-will"><legend>${esc(t("will", { id: c.id }))}</legend><div class="kam-options">${wills.join("")}</div></fieldset>`);
    }
    parts.push(`<label class="kam-notes-label" for="notes-${esc(c.id)}">${esc(t("notes", { id: c.id }))}</label><textarea id="notes-${esc(c.id)}" data-notes="${esc(c.id)}" rows="3"></textarea>`);
    return parts.join("");
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
    if (cid) this.showLive(cid, this.result());
  },

  // The live result of one competency, under its form.
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
    const figures = { percent: r.percent, status: this.statusText[r.status], coverage: pct(r.coverage), evidence: pct(r.evidence) };
    return this.parts.award ? t("live", { ...figures, ready: r.ready ? t("live_ready") : t("live_not_ready") }) : t("live_plain", figures);
  },

  showLive(cid, result) {
    const node = this.root.querySelector(`[id="live-${cid}"]`);
    if (node) node.textContent = this.live(this.fw.competencies.find((x) => x.id === cid), result.competencies[cid]);
  },
};

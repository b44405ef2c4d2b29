// The compare page: the stored assessments and their snapshots side by side
// (dated columns, the change from the first to the last, an overlaid radar of
// the two, the statements whose rating changed), and the history of one
// assessment (its snapshots, a line chart over time and the same figures as a
// table). DOM code only: store.js takes and keeps the snapshots, scoring.js scores.
import { score } from "./scoring.js";
import { sameAnswers, snapshotsOf } from "./store.js";
import { ratedBy } from "./ui.js";

const NS = "http://www.w3.org/2000/svg";
function svg(tag, attrs, ...kids) {
  const node = document.createElementNS(NS, tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  node.append(...kids);
  return node;
}

const f1 = (v) => v.toFixed(1);
const assessed = (x) => x.status === "met" || x.status === "in-progress"; // "not assessed" and "all N/A" have no score
// What is rated in a competency: its statements, or the competency itself when it is level-rated.
const itemsOf = (c) => (ratedBy(c) === "levels" ? [{ id: c.id, text: c.name }]
  : c.groups.flatMap((g) => g.indicators.map((i) => ({ id: i.id, text: i.text }))));
// An assessment with the answers of one of its snapshots (the rest, profile and all, its own).
const asOf = (a, s) => ({ ...a, ratings: s.ratings || {}, evidence: s.evidence || {} });
const byDate = (x, y) => (x.date < y.date ? -1 : x.date > y.date ? 1 : 0);

export function compareView(app, h) {
  const t = app.t;
  const fw = app.fw;
  const date = (iso, time = false) => {
    const d = new Date(iso);
    return Number.isNaN(d.getTime()) ? "–" : d.toLocaleString(fw.language || undefined, time ? { dateStyle: "medium", timeStyle: "short" } : { dateStyle: "medium" });
  };
  // Every column there can be: each stored assessment as it is now, and each of its snapshots.
  const columns = () => app.store.list().flatMap((x) => {
    const a = app.store.get(x.id).assessment;
    return [{ key: x.id, name: x.name, head: x.name, date: a.updated, assessment: a, snapshot: null },
      ...snapshotsOf(a).map((s) => ({ key: `${x.id}@${s.taken}`, name: x.name, date: s.taken, assessment: asOf(a, s), snapshot: s,
        head: s.label ? t("snapshot_head_labelled", { name: x.name, label: s.label }) : t("snapshot_head", { name: x.name }) }))];
  });
  // at first: every assessment as it is now that has something rated (all of them when none has)
  const rated = app.store.list().filter((x) => Object.keys(app.store.get(x.id).assessment.ratings || {}).length);
  const picked = new Set((rated.length ? rated : app.store.list()).map((x) => x.id));
  let shown = app.store.current(); // the assessment whose history is shown
  let figure = ""; // the timeline's figure: "" overall, else a competency id
  let said = ""; // what the last "Take a snapshot" did

  const choose = h("fieldset", { class: "kam-choose" });
  const table = h("div", { class: "kam-compare" });
  const more = h("div", { class: "kam-compare-more" });
  const history = h("section", { class: "kam-history", "aria-labelledby": "kam-history-title" });
  app.root.append(history, choose, table, more); // the history first: short, and where a snapshot is taken

  // ------------------------------------------------------------ side by side
  const cellText = (col, x, c) => {
    const status = app.statusText[x.status].toLowerCase();
    const v = col.assessment.ratings[c.id];
    if (ratedBy(c) === "levels") return typeof v === "number" ? t("compare_cell_level", { level: app.levelLabel(v), status }) : status;
    return x.percent === null ? "–" : t("compare_cell", { percent: x.percent, status });
  };
  // a change as a signed number with an arrow (▲ ▼ =, from the stylesheet) and in words for a screen reader
  const changeCell = (d, label) => h("td", {
    class: `kam-num kam-change kam-change--${d > 0 ? "up" : d < 0 ? "down" : "same"}`, "data-label": label,
    "aria-label": d > 0 ? t("change_up", { n: d }) : d < 0 ? t("change_down", { n: -d }) : t("change_same") },
  h("span", { class: "kam-delta", text: d > 0 ? `+${d}` : d < 0 ? `−${-d}` : "0" }));

  function drawTable(cols, results) {
    const several = cols.length > 1;
    const labelOf = (col) => `${col.head} (${date(col.date)})`;
    const head = h("tr", {}, h("th", { scope: "col", text: t("competency") }),
      cols.map((col) => h("th", { scope: "col", "data-date": date(col.date, Boolean(col.snapshot)), text: col.head })), // the date (a snapshot's with its time) below the name (kam.css)
      several ? h("th", { scope: "col", text: t("change") }) : null);
    // the change from the first to the last: only between two scores ("not assessed" in both is no change of 0)
    const change = (cid) => {
      const first = results[0].competencies[cid];
      const last = results[results.length - 1].competencies[cid];
      const label = t("change");
      if (assessed(first) && assessed(last)) return changeCell(last.percent - first.percent, label);
      if (first.status === "not-started" && last.status === "not-started") return h("td", { class: "kam-unassessed", "data-label": label, text: t("not_assessed") });
      if (assessed(last)) return h("td", { class: "kam-num", "data-label": label, text: t("compare_new") });
      return h("td", { class: "kam-num", "data-label": label, text: assessed(first) ? t("compare_dropped") : "–" });
    };
    const rows = fw.competencies.map((c) => h("tr", { "data-competency": c.id }, h("th", { scope: "row", text: c.name }),
      results.map((res, k) => {
        const x = res.competencies[c.id];
        return x.status === "not-started" ? h("td", { class: "kam-unassessed", "data-label": labelOf(cols[k]), text: t("not_assessed") })
          : h("td", { "data-label": labelOf(cols[k]), text: cellText(cols[k], x, c) });
      }), several ? change(c.id) : null));
    const line = (label, text, count) => h("tr", { class: "kam-total" }, h("th", { scope: "row", text: label }),
      results.map((res, k) => h("td", { "data-label": labelOf(cols[k]), text: text(res.summary) })),
      !several ? null : count ? changeCell(count(results[results.length - 1].summary) - count(results[0].summary), t("change"))
        : h("td", { class: "kam-empty-cell" }));
    const bands = new Map((fw.bands || []).map((b) => [b.id, b.title]));
    const summary = [
      app.parts.award ? line(t("compare_ready"), (x) => (x.ready > x.required ? t("count_of_more", { n: x.ready, total: x.required })
        : t("count_of", { n: x.ready, total: x.required })), (x) => x.ready)
        : line(t("status_met"), (x) => t("count_of", { n: x.met, total: x.total }), (x) => x.met),
      app.points ? line(t("points"), (x) => String(x.points), (x) => x.points) : null,
      bands.size ? line(t("band"), (x) => bands.get(x.band) || "–") : null,
    ];
    table.replaceChildren(cols.length ? h("div", { class: "kam-scroll" },
      h("table", { class: "kam-table kam-stack kam-grid" }, h("caption", { text: t("compare_caption") }), h("thead", {}, head), h("tbody", {}, rows, summary)))
      : h("p", { text: t("compare_none") }));
  }

  // The first and the last column on one radar: two outlines, a legend, the same figures as a table.
  function overlay(first, last, r0, r1) {
    const comps = fw.competencies;
    const size = 420, c = size / 2, radius = 150;
    const point = (k, frac) => {
      const angle = -Math.PI / 2 + (2 * Math.PI * k) / comps.length;
      return [c + radius * frac * Math.cos(angle), c + radius * frac * Math.sin(angle)];
    };
    const poly = (fracs) => fracs.map((f, k) => point(k, f).map(f1).join(",")).join(" ");
    const outline = (res, cls) => {
      const pts = comps.map((x, k) => (assessed(res.competencies[x.id]) ? point(k, res.competencies[x.id].score) : null)).filter(Boolean); // not assessed: no point
      return [svg("polygon", { points: pts.map((p) => p.map(f1).join(",")).join(" "), class: `kam-radar-${cls}` }),
        ...pts.map(([x, y]) => svg("circle", { cx: f1(x), cy: f1(y), r: 4, class: `kam-radar-dot--${cls}` }))];
    };
    const chart = svg("svg", { viewBox: `0 0 ${size} ${size}`, role: "img", "aria-labelledby": "kam-overlay-t kam-overlay-d", class: "kam-radar" },
      svg("title", { id: "kam-overlay-t" }, t("overlay_svg_title", { first: first.head, last: last.head })),
      svg("desc", { id: "kam-overlay-d" }, t("overlay_desc")),
      ...[0.25, 0.5, 0.75, 1].map((f) => svg("polygon", { points: poly(comps.map(() => f)), class: "kam-radar-grid" })),
      ...comps.map((x, k) => svg("line", { x1: c, y1: c, x2: f1(point(k, 1)[0]), y2: f1(point(k, 1)[1]), class: "kam-radar-grid" })),
      ...outline(r0, "first"), ...outline(r1, "last"),
      ...comps.map((x, k) => {
        const [x0, y0] = point(k, 1.12);
        return svg("text", { x: f1(x0), y: f1(y0), "text-anchor": "middle", "dominant-baseline": "middle", class: "kam-radar-label" }, x.id);
      }));
    const percentCell = (res, cid) => (assessed(res.competencies[cid]) ? h("td", { class: "kam-num", text: `${res.competencies[cid].percent}%` })
      : h("td", { class: "kam-unassessed", text: t("not_assessed") }));
    return h("section", { class: "kam-overlay", "aria-labelledby": "kam-overlay-title" },
      h("h2", { id: "kam-overlay-title", text: t("overlay_title") }),
      h("div", { class: "kam-radar-box" }, chart,
        h("ul", { class: "kam-overlay-legend" },
          h("li", {}, h("span", { class: "kam-key kam-key--first" }), ` ${t("overlay_first", { name: first.head, date: date(first.date) })}`),
          h("li", {}, h("span", { class: "kam-key kam-key--last" }), ` ${t("overlay_last", { name: last.head, date: date(last.date) })}`)),
        h("details", { class: "kam-radar-data" }, h("summary", { text: t("radar_table") }),
          h("table", { class: "kam-table" }, h("thead", {}, h("tr", {}, [t("competency"), first.head, last.head].map((x) => h("th", { scope: "col", text: x })))),
            h("tbody", {}, comps.map((x) => h("tr", {}, h("th", { scope: "row", text: x.name }), percentCell(r0, x.id), percentCell(r1, x.id))))))));
  }

  // The statements (or level-rated competencies) whose rating differs from the first column to the last.
  function changes(first, last) {
    const cell = (v, head) => (v === undefined || v === null ? h("td", { class: "kam-unassessed", "data-label": head, text: t("not_rated") })
      : h("td", { "data-label": head, text: app.levelLabel(v) }));
    const groups = fw.competencies.map((c) => [c, itemsOf(c).filter((i) => first.assessment.ratings[i.id] !== last.assessment.ratings[i.id])])
      .filter(([, items]) => items.length);
    return h("section", { class: "kam-changes", "aria-labelledby": "kam-changes-title" },
      h("h2", { id: "kam-changes-title", text: t("changes_title") }),
      h("p", { text: groups.length ? t("changes_intro", { first: first.head, last: last.head }) : t("changes_none", { first: first.head, last: last.head }) }),
      groups.map(([c, items]) => h("div", { class: "kam-scroll", "data-changes": c.id },
        h("table", { class: "kam-table kam-stack kam-grid" }, h("caption", { text: c.name }),
          h("thead", {}, h("tr", {}, [t("changes_statement"), first.head, last.head].map((x) => h("th", { scope: "col", text: x })))),
          h("tbody", {}, items.map((i) => h("tr", { "data-statement": i.id },
            h("th", { scope: "row" }, h("span", { class: "kam-sid", text: i.id }), i.text),
            cell(first.assessment.ratings[i.id], first.head), cell(last.assessment.ratings[i.id], last.head))))))));
  }

  function drawCompare() {
    const all = columns();
    for (const key of [...picked]) if (!all.some((col) => col.key === key)) picked.delete(key); // a snapshot deleted
    choose.replaceChildren(h("legend", { text: t("compare_choose") }),
      ...all.map((col) => h("label", { class: col.snapshot ? "kam-option kam-option--snapshot" : "kam-option" },
        h("input", { type: "checkbox", value: col.key, checked: picked.has(col.key), "data-compare": col.key }),
        ` ${!col.snapshot ? t("compare_option_now", { name: col.name, date: date(col.date, true) })
          : col.snapshot.label ? t("compare_option_labelled", { name: col.name, label: col.snapshot.label, date: date(col.date, true) })
            : t("compare_option_snapshot", { name: col.name, date: date(col.date, true) })}`)));
    const cols = all.filter((col) => picked.has(col.key)).sort(byDate); // oldest first (a stable sort: the list's order on a tie)
    const results = cols.map((col) => score(fw, col.assessment));
    drawTable(cols, results);
    const [first, last] = [cols[0], cols[cols.length - 1]];
    more.replaceChildren(...(cols.length > 1 ? [overlay(first, last, results[0], results[results.length - 1]), changes(first, last)] : []));
  }

  choose.addEventListener("change", (event) => {
    const key = event.target.dataset.compare;
    if (event.target.checked) picked.add(key); else picked.delete(key);
    app.keepFocus(drawCompare);
  });

  // ------------------------------------------------------------ history
  // The figure over time: a competency's score, or the overall figure (points, or the share of competencies met).
  const valueOf = (res) => {
    if (figure) {
      const x = res.competencies[figure];
      return assessed(x) ? x.percent : null;
    }
    const s = res.summary;
    const any = fw.competencies.some((c) => assessed(res.competencies[c.id]));
    if (!any) return null;
    return app.points ? s.points : s.total ? Math.round((100 * s.met) / s.total) : null;
  };
  const valueText = (res, col) => {
    if (figure) {
      const c = fw.competencies.find((x) => x.id === figure);
      const x = res.competencies[figure];
      return x.status === "not-started" ? null : cellText(col, x, c);
    }
    const s = res.summary;
    if (valueOf(res) === null) return null;
    return app.points ? t("timeline_points", { points: s.points }) : t("timeline_met", { n: s.met, total: s.total, percent: valueOf(res) });
  };

  function lineChart(points, what) {
    const W = 420, H = 230, left = 44, right = 16, top = 14, bottom = 40;
    const values = points.map((p) => p.value).filter((v) => v !== null);
    const max = !figure && app.points ? Math.max(1, ...values) : 100;
    const x = (k) => (points.length === 1 ? (left + W - right) / 2 : left + ((W - left - right) * k) / (points.length - 1));
    const y = (v) => top + (H - top - bottom) * (1 - v / max);
    const unit = !figure && app.points ? "" : "%";
    const runs = []; // the line, broken where a point is not assessed
    points.forEach((p, k) => {
      if (p.value === null) return;
      const xy = `${f1(x(k))},${f1(y(p.value))}`;
      if (k > 0 && points[k - 1].value !== null) runs[runs.length - 1].push(xy);
      else runs.push([xy]);
    });
    return svg("svg", { viewBox: `0 0 ${W} ${H}`, role: "img", "aria-labelledby": "kam-timeline-t kam-timeline-d", class: "kam-timeline" },
      svg("title", { id: "kam-timeline-t" }, t("timeline_svg_title", { what })),
      svg("desc", { id: "kam-timeline-d" }, t("timeline_desc")),
      ...[0, max / 2, max].map((v) => [svg("line", { x1: left, x2: W - right, y1: f1(y(v)), y2: f1(y(v)), class: "kam-radar-grid" }),
        svg("text", { x: left - 6, y: f1(y(v)), "text-anchor": "end", "dominant-baseline": "middle", class: "kam-timeline-axis" }, `${Math.round(v)}${unit}`)]).flat(),
      ...runs.filter((run) => run.length > 1).map((run) => svg("polyline", { points: run.join(" "), class: "kam-timeline-line" })),
      ...points.map((p, k) => (p.value === null ? null : svg("circle", { cx: f1(x(k)), cy: f1(y(p.value)), r: 4.5, class: "kam-timeline-dot" }))).filter(Boolean),
      ...points.map((p, k) => (k === 0 || k === points.length - 1 ? svg("text", { x: f1(x(k)), y: H - bottom + 18,
        "text-anchor": points.length === 1 ? "middle" : k === 0 ? "start" : "end", class: "kam-timeline-axis" }, date(p.date)) : null)).filter(Boolean));
  }

  function drawHistory() {
    if (!app.store.get(shown)) shown = app.store.current();
    const entry = app.store.get(shown);
    const a = entry.assessment;
    const snaps = snapshotsOf(a);
    const last = snaps[snaps.length - 1];
    const labelInput = h("input", { id: "kam-snapshot-label", type: "text", autocomplete: "off" });
    const take = h("button", { type: "button", class: "md-button", id: "kam-snapshot-take", text: t("snapshot_take") });
    take.addEventListener("click", () => {
      const snap = app.store.snapshot(shown, labelInput.value);
      const newest = snapshotsOf(app.store.get(shown).assessment).pop();
      said = snap ? t("snapshot_taken", { name: entry.name, when: date(snap.taken, true) })
        : newest ? t("snapshot_same", { when: date(newest.taken, true) }) : t("snapshot_empty");
      app.notify(said, snap ? "info" : "warning");
      app.flushStoreNotices();
      app.keepFocus(() => { drawCompare(); drawHistory(); });
    });
    const pick = h("select", { id: "kam-history-of" },
      app.store.list().map((x) => h("option", { value: x.id, text: x.name, selected: x.id === shown })));
    pick.addEventListener("change", () => { shown = pick.value; app.keepFocus(drawHistory); });
    const what = h("select", { id: "kam-timeline-pick" },
      h("option", { value: "", text: app.points ? t("timeline_overall_points") : t("timeline_overall_met"), selected: !figure }),
      fw.competencies.map((c) => h("option", { value: c.id, text: c.name, selected: figure === c.id })));
    what.addEventListener("change", () => { figure = what.value; app.keepFocus(drawHistory); });
    const remove = (s) => {
      const b = h("button", { type: "button", class: "md-button", "data-snapshot": s.taken, text: t("snapshot_delete"),
        "aria-label": t("snapshot_delete_label", { when: date(s.taken, true) }) });
      b.addEventListener("click", () => {
        if (!window.confirm(t("snapshot_confirm_delete", { when: date(s.taken, true) }))) return;
        app.store.removeSnapshot(shown, s);
        app.notify(t("snapshot_deleted", { when: date(s.taken, true) }));
        app.flushStoreNotices();
        drawCompare();
        drawHistory();
        document.getElementById("kam-snapshot-take").focus(); // the button is gone: the next control of the section
      });
      return b;
    };
    // the points: each snapshot, and the assessment as it is now when its answers differ from the last snapshot's
    const points = [...snaps.map((s) => ({ date: s.taken, label: s.label || "", col: { assessment: asOf(a, s) } })),
      ...(!last || !sameAnswers(last, a) ? [{ date: a.updated, label: t("timeline_now"), col: { assessment: a } }] : [])]
      .map((p) => ({ ...p, res: score(fw, p.col.assessment) })).map((p) => ({ ...p, value: valueOf(p.res) }));
    const whatText = figure ? fw.competencies.find((c) => c.id === figure).name : app.points ? t("timeline_overall_points") : t("timeline_overall_met");
    const cols = [t("timeline_when"), t("timeline_which"), t("timeline_value")];
    history.replaceChildren(
      h("h2", { id: "kam-history-title", text: t("history_title") }),
      h("div", { class: "kam-row kam-history-tools" }, h("label", { for: "kam-history-of", text: t("assessment") }), pick),
      h("div", { class: "kam-row kam-history-tools" }, h("label", { for: "kam-snapshot-label", text: t("snapshot_label") }), labelInput, take),
      h("p", { class: "kam-snapshot-said", role: "status", text: said }), // said here too, beside the button
      h("p", { class: "kam-hint kam-history-tools", text: t("snapshot_hint") }),
      h("h3", { id: "kam-snapshots-title", text: t("snapshot_list", { name: entry.name }) }),
      snaps.length ? h("ul", { class: "kam-snapshots", "aria-labelledby": "kam-snapshots-title" }, snaps.map((s) => h("li", {},
        h("span", { text: s.label ? t("snapshot_item_labelled", { when: date(s.taken, true), label: s.label }) : date(s.taken, true) }), " ", remove(s))))
        : h("p", { text: t("snapshot_none") }),
      h("h3", { id: "kam-timeline-title", text: t("timeline_title") }),
      h("div", { class: "kam-row kam-history-tools" }, h("label", { for: "kam-timeline-pick", text: t("timeline_pick") }), what),
      h("div", { class: "kam-timeline-box" }, lineChart(points, whatText),
        points.filter((p) => p.value !== null).length < 2 ? h("p", { class: "kam-hint", text: t("timeline_few") }) : null,
        h("div", { class: "kam-scroll" }, h("table", { class: "kam-table kam-stack kam-grid kam-timeline-table" },
          h("caption", { text: t("timeline_caption", { what: whatText }) }),
          h("thead", {}, h("tr", {}, cols.map((x) => h("th", { scope: "col", text: x })))),
          h("tbody", {}, points.map((p) => {
            const text = valueText(p.res, p.col);
            return h("tr", { "data-value": p.value === null ? "" : String(p.value) }, h("th", { scope: "row", text: date(p.date, true) }),
              h("td", { "data-label": cols[1], text: p.label || "–" }),
              text === null ? h("td", { class: "kam-unassessed", "data-label": cols[2], text: t("not_assessed") }) : h("td", { "data-label": cols[2], text }));
          }))))));
  }

  drawCompare();
  drawHistory();
}

// Submission templates: the documents a person writes their submission in,
// one per competency (and the pack of the chosen ones), as Markdown or as a
// Word document (.docx). Pure functions, no DOM; t is the page's translator
// (assessment.js): t(key, params) -> text. Each competency opens with a cover
// block (who, what, which framework and version, when); a competency rated by
// statements then has a section per requirement group (its statements as a
// checklist, room to write, the evidence logged for it); a level-rated one
// (no groups) its level descriptors as a checklist and room to write. Then
// theory (only for a competency that names some), the evidence table, the
// reflection, the feedback others gave on it (only when someone commented:
// assessment.responses) and the sign-off block with lines to sign on.
//
// A block is {type, ...}:
//   h1 | h2 | h3 | p | li | prompt | check: {text}
//   fields: {rows: [[label, value]]}          the cover block
//   space: {lines}                             room to write (a box in Word)
//   table: {head: [text], rows: [[text]]}      the evidence table
//   signoff: {rows: [[label, value]]}          lines to sign on
//   pagebreak: {}
// A document is {blocks, title, author, header, date}.

const fill = (value, blank = "") => (value && String(value).trim() ? String(value) : blank);
const lowerFirst = (s) => `${s.charAt(0).toLowerCase()}${s.slice(1)}`;
const today = () => new Date().toISOString().slice(0, 10);

// The cover block's lines for one competency.
function coverRows(framework, c, entry, t, who) {
  const ws = framework.diploma.workspace;
  const guide = framework.diploma.word_guidance;
  const status = ws.statuses.find((s) => s.id === entry.status) || ws.statuses[0];
  const range = { min: guide.min, max: guide.max };
  const words = entry.mode === "linking" ? t("tpl_cover_linking")
    : entry.words === undefined || entry.words === null ? t("tpl_cover_words_none", range)
      : entry.words === 1 ? t("tpl_cover_words_one", { ...range, words: entry.words }) : t("tpl_cover_words", { ...range, words: entry.words });
  return [
    [t("name"), fill(who.name, "")],
    [t("competency"), c.name],
    [t("tpl_cover_framework"), t("tpl_cover_framework_value", { title: framework.title, version: framework.version })],
    [t("date"), who.date],
    [t("status"), status.label],
    [t("tpl_cover_write_up"), words],
  ];
}

// A rater's role as text (the roles of the 360 feedback: strings role_<id>).
export function roleLabel(t, role) {
  const labels = { manager: t("role_manager"), peer: t("role_peer"), customer: t("role_customer"), coach: t("role_coach"), other: t("role_other") };
  return labels[role] || String(role);
}

// The feedback others gave on a competency (assessment.responses): per response
// with comments on the competency or its statements, who and when, then the
// comments in the framework's order. Nothing when there are none.
export function feedbackBlocks(framework, assessment, c, t) {
  const ids = [c.id, ...(c.groups || []).flatMap((g) => g.indicators.map((s) => s.id))];
  const out = [];
  for (const r of Array.isArray(assessment.responses) ? assessment.responses : []) {
    const given = r && r.comments && typeof r.comments === "object" ? r.comments : {};
    const said = ids.filter((id) => typeof given[id] === "string" && given[id].trim());
    if (!said.length) continue;
    const rater = r.rater || {};
    const who = { name: fill(rater.name, t("tpl_untitled")), role: roleLabel(t, rater.role) };
    const date = typeof r.created === "string" ? r.created.slice(0, 10) : "";
    out.push({ type: "h3", text: date ? t("tpl_feedback_from", { ...who, date }) : t("tpl_feedback_from_undated", who) });
    for (const id of said) out.push({ type: "li", text: t("tpl_feedback_comment", { id, text: given[id].trim().replace(/\s*\n\s*/g, " ") }) });
  }
  return out.length ? [{ type: "h2", text: t("tpl_feedback") }, ...out] : [];
}

export function competencyBlocks(framework, assessment, cid, t, who = {}) {
  who = { name: who.name || "", date: who.date || today() };
  const c = framework.competencies.find((x) => x.id === cid);
  const ws = framework.diploma.workspace;
  const entry = (assessment.submission && assessment.submission.competencies && assessment.submission.competencies[cid]) || {};
  const evidence = entry.evidence || [];
  const types = new Map(ws.evidence_types.map((x) => [x.id, x.label]));
  const theories = new Map((framework.theories || []).map((x) => [x.id, x.title]));
  const applied = (entry.theories || []).filter((x) => (c.theory || []).some((i) => i.theories.includes(x)));
  const sign = entry.sign_off || {};
  const so = framework.diploma.sign_off;
  const untitled = t("tpl_untitled");
  const groups = c.groups || [];
  const groupTitle = new Map(groups.map((g) => [g.id, g.title]));
  const theory = c.theory || [];
  const blocks = [
    { type: "h1", text: c.name },
    { type: "fields", rows: coverRows(framework, c, entry, t, who) },
    { type: "prompt", text: groups.length ? t("tpl_structure") : t("tpl_structure_levels") },
  ];
  if (!groups.length) {
    const labels = new Map(framework.scale.levels.map((lv) => [lv.value, lv.label]));
    blocks.push({ type: "h2", text: t("tpl_levels") });
    if (c.description) blocks.push({ type: "p", text: c.description });
    blocks.push({ type: "prompt", text: t("tpl_levels_prompt") });
    for (const lv of c.levels || []) {
      const name = lv.title ? `${labels.get(lv.value) ?? lv.value} — ${lv.title}` : `${labels.get(lv.value) ?? lv.value}`;
      blocks.push({ type: "check", text: `${name}: ${lv.summary}` });
    }
    blocks.push({ type: "space", lines: 12 });
  }
  for (const g of groups) {
    blocks.push({ type: "h2", text: g.title });
    blocks.push({ type: "prompt", text: t("tpl_group_prompt") });
    for (const s of g.indicators) blocks.push({ type: "check", text: `${s.id}: ${s.text}` });
    blocks.push({ type: "space", lines: 10 });
    const items = evidence.filter((e) => (e.groups || []).includes(g.id));
    blocks.push({ type: "p", text: items.length
      ? t("tpl_group_evidence", { items: items.map((e) => fill(e.title, untitled) + (e.type ? ` (${types.get(e.type)})` : "")).join("; ") })
      : t("tpl_group_no_evidence") });
  }
  if (theory.length) {
    blocks.push({ type: "h2", text: t("tpl_theory") });
    blocks.push({ type: "prompt", text: t("tpl_theory_prompt", { theory: theory.map((i) => i.text).join("; ") }) });
    for (const x of applied) blocks.push({ type: "li", text: theories.get(x) || x });
    blocks.push({ type: "space", lines: 6 });
  }
  blocks.push({ type: "h2", text: t("tpl_evidence_list") });
  blocks.push({ type: "prompt", text: groups.length ? t("tpl_evidence_prompt") : t("tpl_evidence_prompt_levels") });
  const head = [t("ws_title"), t("ws_type"), t("date"), ...(groups.length ? [t("tpl_col_groups")] : []), t("ws_checks")];
  const rows = evidence.map((e) => [
    fill(e.title, untitled) + (Number.isInteger(e.own_share) ? ` (${t("tpl_own_work", { share: e.own_share })})` : ""),
    e.type ? types.get(e.type) || e.type : "",
    e.date || "",
    ...(groups.length ? [(e.groups || []).map((g) => groupTitle.get(g) || g).join("; ")] : []),
    ws.evidence_checks.map((k) => `${e.checks && e.checks[k.id] === true ? "☒" : "☐"} ${k.label}`).join("  "),
  ]);
  const blank = head.map((_, k) => (k === head.length - 1 ? ws.evidence_checks.map((x) => `☐ ${x.label}`).join("  ") : ""));
  while (rows.length < 3) rows.push(blank); // rows to fill in by hand
  blocks.push({ type: "table", head, rows });
  blocks.push({ type: "h2", text: t("tpl_reflection") });
  blocks.push({ type: "prompt", text: t("tpl_reflection_prompt") });
  if (assessment.notes && assessment.notes[cid]) blocks.push({ type: "p", text: t("tpl_notes", { notes: assessment.notes[cid] }) });
  blocks.push({ type: "space", lines: 10 });
  blocks.push(...feedbackBlocks(framework, assessment, c, t));
  blocks.push({ type: "h2", text: t("sign_off") });
  const signer = { who: so.who, confirms: so.confirms, does_not: lowerFirst(so.does_not), decided_by: so.decided_by };
  blocks.push({ type: "p", text: so.decided_by ? t("tpl_sign_decided", signer) : t("tpl_sign", signer) });
  blocks.push({ type: "signoff", rows: [[t("name"), fill(sign.name)], [t("role"), fill(sign.role)], [t("date"), fill(sign.date)], [t("tpl_signature"), ""]] });
  return blocks;
}

export function packBlocks(framework, assessment, chosen, t, who = {}) {
  who = { name: who.name || "", date: who.date || today() };
  const src = framework.source;
  const names = new Map(framework.competencies.map((c) => [c.id, c.name]));
  const blocks = [{ type: "h1", text: t("tpl_pack_title", { title: framework.diploma.title }) },
    { type: "fields", rows: [[t("name"), who.name],
      [t("tpl_cover_framework"), t("tpl_cover_framework_value", { title: framework.title, version: framework.version })],
      [t("date"), who.date], [t("tpl_pack_count"), String(chosen.length)]] }];
  if (src) blocks.push({ type: "p", text: t("tpl_pack_source", { source: src.title, year: src.year, publisher: src.publisher }) });
  blocks.push({ type: "h2", text: t("tpl_pack_contents") });
  for (const cid of chosen) blocks.push({ type: "li", text: names.get(cid) });
  for (const cid of chosen) blocks.push({ type: "pagebreak" }, ...competencyBlocks(framework, assessment, cid, t, who));
  return blocks;
}

const headerText = (framework, t, name) => (name ? t("tpl_header", { name, title: framework.title, version: framework.version })
  : t("tpl_header_unnamed", { title: framework.title, version: framework.version }));

// A document: the blocks, and what Word shows as its title, author and page header.
export function competencyDocument(framework, assessment, cid, t, who = {}) {
  const c = framework.competencies.find((x) => x.id === cid);
  const date = who.date || today();
  return { blocks: competencyBlocks(framework, assessment, cid, t, { ...who, date }), date, author: who.name || "",
    title: who.name ? t("tpl_doc_title", { competency: c.name, name: who.name }) : c.name,
    header: headerText(framework, t, who.name) };
}

export function packDocument(framework, assessment, chosen, t, who = {}) {
  const date = who.date || today();
  const title = t("tpl_pack_title", { title: framework.diploma.title });
  return { blocks: packBlocks(framework, assessment, chosen, t, { ...who, date }), date, author: who.name || "",
    title: who.name ? t("tpl_doc_title", { competency: title, name: who.name }) : title,
    header: headerText(framework, t, who.name) };
}

// Rows as CSV (RFC 4180), with no cell a spreadsheet would run as a formula.
export { toCsv } from "./ui.js"; // where the pages without documents take it from

// A document (or a bare list of blocks) as Markdown: the cover block and the
// sign-off as lists of labelled lines, statements as task-list items, writing
// space as a marked line, the evidence as a table, a page break as a rule.
export function toMarkdown(doc, t) {
  const blocks = Array.isArray(doc) ? doc : doc.blocks;
  const esc = (text) => String(text).replace(/([\\`*_[\]<>#|])/g, "\\$1");
  const chunks = []; // paragraphs and list runs, joined by a blank line
  let list = null;
  const line = (text) => { if (!list) chunks.push((list = [])); list.push(text); };
  const para = (text) => { list = null; chunks.push([text]); };
  for (const b of blocks) {
    if (b.type === "h1") para(`# ${esc(b.text)}`);
    else if (b.type === "h2") para(`## ${esc(b.text)}`);
    else if (b.type === "h3") para(`### ${esc(b.text)}`);
    else if (b.type === "li") line(`- ${esc(b.text)}`);
    else if (b.type === "check") line(`- [ ] ${esc(b.text)}`);
    else if (b.type === "prompt") para(`> ${esc(b.text)}`);
    else if (b.type === "fields") { list = null; for (const [k, v] of b.rows) line(`- **${esc(k)}:** ${esc(v)}`); list = null; }
    else if (b.type === "signoff") { list = null; for (const [k, v] of b.rows) line(`- **${esc(k)}:** ${v ? esc(v) : "______________________"}`); list = null; }
    else if (b.type === "space") para(`*${esc(t("tpl_write_here"))}*`);
    else if (b.type === "table") {
      const row = (cells) => `| ${cells.map((x) => esc(x) || " ").join(" | ")} |`;
      para([row(b.head), `| ${b.head.map(() => "---").join(" | ")} |`, ...b.rows.map(row)].join("\n"));
    } else if (b.type === "pagebreak") para("---");
    else para(esc(b.text));
  }
  return chunks.map((c) => c.join("\n")).join("\n\n") + "\n";
}

// ---------------------------------------------------------------- .docx

const xml = (s) => String(s).replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c])
  .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, "");
const W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"';
const STYLE = { h1: "Heading1", h2: "Heading2", h3: "Heading3", li: "ListBullet", check: "Checklist", prompt: "Quote", p: null };
const TEXT_WIDTH = 9638; // A4 less two 2 cm margins, in twentieths of a point
const BOX = "808080";
const run = (text, props = "") => `<w:r>${props ? `<w:rPr>${props}</w:rPr>` : ""}${
  String(text).split("\t").map((x) => `<w:t xml:space="preserve">${xml(x)}</w:t>`).join("<w:tab/>")}</w:r>`;
const para = (content, style = null, extra = "") => `<w:p>${style || extra ? `<w:pPr>${style ? `<w:pStyle w:val="${style}"/>` : ""}${extra}</w:pPr>` : ""}${content}</w:p>`;
const borders = (sides, size = 4) => sides.map((side) => `<w:${side} w:val="single" w:sz="${size}" w:space="0" w:color="${BOX}"/>`).join("");
const ALL = ["top", "left", "bottom", "right", "insideH", "insideV"];

function table(style, widths, rows, { header = false, cellBorders = null, heights = null, tableBorders = ALL, labels = false, hint = false } = {}) {
  const grid = widths.map((w) => `<w:gridCol w:w="${w}"/>`).join("");
  const body = rows.map((cells, r) => {
    const trPr = [header && r === 0 ? "<w:tblHeader/><w:cantSplit/>" : "<w:cantSplit/>",
      heights && heights[r] ? `<w:trHeight w:val="${heights[r]}" w:hRule="atLeast"/>` : ""].join("");
    return `<w:tr><w:trPr>${trPr}</w:trPr>${cells.map((cell, k) => `<w:tc><w:tcPr><w:tcW w:w="${widths[k]}" w:type="dxa"/>${
      cellBorders && cellBorders[k] ? `<w:tcBorders>${cellBorders[k]}</w:tcBorders>` : ""}</w:tcPr>${
      para(cell === "" ? "" : run(cell, (header && r === 0) || (labels && k === 0) ? "<w:b/>" : hint ? '<w:color w:val="767676"/>' : ""), "TableText")}</w:tc>`).join("")}</w:tr>`;
  }).join("");
  return `<w:tbl><w:tblPr><w:tblStyle w:val="${style}"/><w:tblW w:w="${TEXT_WIDTH}" w:type="dxa"/><w:tblBorders>${
    tableBorders.length ? borders(tableBorders) : ""}</w:tblBorders><w:tblLayout w:type="fixed"/><w:tblLook w:val="04A0" w:firstRow="${header ? 1 : 0}" w:lastRow="0" w:firstColumn="0" w:lastColumn="0" w:noHBand="1" w:noVBand="1"/></w:tblPr><w:tblGrid>${grid}</w:tblGrid>${body}</w:tbl>`;
}

// Column widths in proportion to weights, summing to the text width.
function spread(weights) {
  const total = weights.reduce((a, b) => a + b, 0);
  const out = weights.map((w) => Math.floor((TEXT_WIDTH * w) / total));
  out[0] += TEXT_WIDTH - out.reduce((a, b) => a + b, 0);
  return out;
}

function bodyXml(blocks, writeHere) {
  return blocks.map((b) => {
    if (b.type === "pagebreak") return '<w:p><w:r><w:br w:type="page"/></w:r></w:p>';
    if (b.type === "fields") return table("Fields", spread([1, 3]), b.rows.map(([k, v]) => [k, v]), { tableBorders: [], labels: true }) + para("");
    if (b.type === "space") {
      // a box to write in: one bordered cell, about as tall as the lines asked for
      return table("WritingSpace", [TEXT_WIDTH], [[writeHere]], { heights: [Math.max(2, b.lines) * 360], hint: true }) + para("");
    }
    if (b.type === "table") {
      const weights = b.head.length === 5 ? [3, 1.6, 1.2, 2.2, 2.2] : [3.6, 1.8, 1.3, 2.6];
      return table("EvidenceTable", spread(weights), [b.head, ...b.rows], { header: true }) + para("");
    }
    if (b.type === "signoff") {
      const line = borders(["bottom"]);
      return table("SignOff", spread([1, 3]), b.rows, { tableBorders: [], cellBorders: [null, line], labels: true,
        heights: b.rows.map((_, k) => (k === b.rows.length - 1 ? 1134 : 567)) }) + para("");
    }
    if (b.type === "check") return para(run("☐", '<w:rFonts w:ascii="Segoe UI Symbol" w:hAnsi="Segoe UI Symbol" w:eastAsia="MS Gothic" w:cs="Segoe UI Symbol"/>') + run(`\t${b.text}`), "Checklist");
    const text = (b.type === "li" ? "• \t" : "") + b.text;
    return para(run(text), STYLE[b.type]);
  }).join("");
}

// The page footer: "Page {page} of {pages}" with Word's PAGE and NUMPAGES fields in place of the two parameters.
function footerXml(pageText) {
  const parts = pageText.split(/(\{page\}|\{pages\})/).filter((x) => x !== "").map((x) => (x === "{page}"
    ? '<w:fldSimple w:instr=" PAGE "><w:r><w:t>1</w:t></w:r></w:fldSimple>'
    : x === "{pages}" ? '<w:fldSimple w:instr=" NUMPAGES "><w:r><w:t>1</w:t></w:r></w:fldSimple>' : run(x)));
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:ftr ${W}>${para(parts.join(""), "Footer")}</w:ftr>`;
}
const headerXml = (text) => `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:hdr ${W}>${para(run(text), "Header")}</w:hdr>`;

function documentXml(blocks, writeHere) {
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document ${W}><w:body>${bodyXml(blocks, writeHere)}<w:sectPr><w:headerReference w:type="default" r:id="rId2"/><w:footerReference w:type="default" r:id="rId3"/><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="1134" w:right="1134" w:bottom="1134" w:left="1134" w:header="567" w:footer="567" w:gutter="0"/></w:sectPr></w:body></w:document>`;
}

const coreXml = (title, author, date) => {
  const when = /^\d{4}-\d{2}-\d{2}$/.test(date || "") ? `${date}T00:00:00Z` : new Date().toISOString().replace(/\.\d+Z$/, "Z");
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><dc:title>${xml(title)}</dc:title><dc:creator>${xml(author)}</dc:creator><cp:lastModifiedBy>${xml(author)}</cp:lastModifiedBy><dcterms:created xsi:type="dcterms:W3CDTF">${when}</dcterms:created><dcterms:modified xsi:type="dcterms:W3CDTF">${when}</dcterms:modified></cp:coreProperties>`;
};

const style = (id, name, size, extra = "") => `<w:style w:type="paragraph" w:styleId="${id}"><w:name w:val="${name}"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/><w:pPr><w:keepNext/><w:spacing w:before="240" w:after="120"/>${extra}</w:pPr><w:rPr><w:b/><w:sz w:val="${size}"/></w:rPr></w:style>`;
const tableStyle = (id, name) => `<w:style w:type="table" w:styleId="${id}"><w:name w:val="${name}"/><w:tblPr><w:tblCellMar><w:top w:w="57" w:type="dxa"/><w:left w:w="108" w:type="dxa"/><w:bottom w:w="57" w:type="dxa"/><w:right w:w="108" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>`;
const STYLES = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">
<w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="Calibri" w:hAnsi="Calibri" w:cs="Calibri"/><w:sz w:val="22"/><w:lang w:val="en-GB"/></w:rPr></w:rPrDefault><w:pPrDefault><w:pPr><w:spacing w:after="120"/></w:pPr></w:pPrDefault></w:docDefaults>
<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/></w:style>
${style("Heading1", "heading 1", 32, '<w:outlineLvl w:val="0"/>')}${style("Heading2", "heading 2", 26, '<w:outlineLvl w:val="1"/>')}${style("Heading3", "heading 3", 22, '<w:outlineLvl w:val="2"/>')}
<w:style w:type="paragraph" w:styleId="ListBullet"><w:name w:val="List Bullet"/><w:basedOn w:val="Normal"/><w:pPr><w:tabs><w:tab w:val="left" w:pos="360"/></w:tabs><w:ind w:left="360" w:hanging="360"/></w:pPr></w:style>
<w:style w:type="paragraph" w:styleId="Checklist"><w:name w:val="Checklist"/><w:basedOn w:val="Normal"/><w:pPr><w:tabs><w:tab w:val="left" w:pos="400"/></w:tabs><w:spacing w:after="60"/><w:ind w:left="400" w:hanging="400"/></w:pPr></w:style>
<w:style w:type="paragraph" w:styleId="Quote"><w:name w:val="Quote"/><w:basedOn w:val="Normal"/><w:pPr><w:ind w:left="360"/></w:pPr><w:rPr><w:i/><w:color w:val="555555"/></w:rPr></w:style>
<w:style w:type="paragraph" w:styleId="TableText"><w:name w:val="Table Text"/><w:basedOn w:val="Normal"/><w:pPr><w:spacing w:after="0"/></w:pPr><w:rPr><w:sz w:val="20"/></w:rPr></w:style>
<w:style w:type="paragraph" w:styleId="Header"><w:name w:val="header"/><w:basedOn w:val="Normal"/><w:pPr><w:spacing w:after="0"/></w:pPr><w:rPr><w:color w:val="555555"/><w:sz w:val="18"/></w:rPr></w:style>
<w:style w:type="paragraph" w:styleId="Footer"><w:name w:val="footer"/><w:basedOn w:val="Normal"/><w:pPr><w:spacing w:after="0"/><w:jc w:val="center"/></w:pPr><w:rPr><w:color w:val="555555"/><w:sz w:val="18"/></w:rPr></w:style>
${tableStyle("Fields", "Cover block")}${tableStyle("WritingSpace", "Writing space")}${tableStyle("EvidenceTable", "Evidence table")}${tableStyle("SignOff", "Sign-off lines")}
</w:styles>`;
const CONTENT_TYPES = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/><Override PartName="/word/header1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml"/><Override PartName="/word/footer1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml"/><Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/></Types>`;
const RELS = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/></Relationships>`;
const DOC_RELS = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/header" Target="header1.xml"/><Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer" Target="footer1.xml"/></Relationships>`;

const CRC = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();
function crc32(bytes) {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

// A zip archive with the files stored (no compression): all a .docx needs.
export function zip(files) {
  const enc = new TextEncoder();
  const chunks = [];
  const central = [];
  let offset = 0;
  const u16 = (v) => [v & 0xff, (v >>> 8) & 0xff];
  const u32 = (v) => [v & 0xff, (v >>> 8) & 0xff, (v >>> 16) & 0xff, (v >>> 24) & 0xff];
  for (const [name, text] of files) {
    const data = enc.encode(text);
    const path = enc.encode(name);
    const crc = crc32(data);
    const common = [...u16(20), ...u16(0x0800), ...u16(0), ...u16(0), ...u16(0x21), ...u32(crc), ...u32(data.length), ...u32(data.length), ...u16(path.length), ...u16(0)];
    const local = new Uint8Array([...u32(0x04034b50), ...common, ...path]);
    chunks.push(local, data);
    central.push(new Uint8Array([...u32(0x02014b50), ...u16(20), ...common, ...u16(0), ...u16(0), ...u16(0), ...u32(0), ...u32(offset), ...path]));
    offset += local.length + data.length;
  }
  const size = central.reduce((n, c) => n + c.length, 0);
  const end = new Uint8Array([...u32(0x06054b50), ...u16(0), ...u16(0), ...u16(files.length), ...u16(files.length), ...u32(size), ...u32(offset), ...u16(0)]);
  const out = new Uint8Array(offset + size + end.length);
  let at = 0;
  for (const part of [...chunks, ...central, end]) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

// A document as a Word file: its blocks, a page header, a footer with the
// page number (a PAGE field), and its title and author in the core properties.
// t gives the footer's and the writing boxes' words.
export function toDocx(doc, t) {
  const writeHere = t("tpl_write_here");
  return zip([
    ["[Content_Types].xml", CONTENT_TYPES],
    ["_rels/.rels", RELS],
    ["docProps/core.xml", coreXml(doc.title, doc.author, doc.date)],
    ["word/document.xml", documentXml(doc.blocks, writeHere)],
    ["word/_rels/document.xml.rels", DOC_RELS],
    ["word/styles.xml", STYLES],
    ["word/header1.xml", headerXml(doc.header)],
    ["word/footer1.xml", footerXml(t("tpl_page"))],
  ]);
}

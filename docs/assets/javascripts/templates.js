// Submission templates: one list of blocks per competency, written out as
// Markdown or as a Word document (.docx). Pure functions, no DOM; t is the
// page's translator (assessment.js): t(key, params) -> text. A competency
// rated by statements is structured by its requirement groups; a level-rated
// one (no groups) by its level descriptors. The theory section appears only
// for a competency that names theory.
//
// A block is {type: "h1" | "h2" | "h3" | "p" | "li" | "prompt", text}.

const fill = (value, blank = "______________________") => (value && String(value).trim() ? String(value) : blank);
const lowerFirst = (s) => `${s.charAt(0).toLowerCase()}${s.slice(1)}`;

export function competencyBlocks(framework, assessment, cid, t) {
  const c = framework.competencies.find((x) => x.id === cid);
  const ws = framework.diploma.workspace;
  const guide = framework.diploma.word_guidance;
  const entry = (assessment.submission && assessment.submission.competencies && assessment.submission.competencies[cid]) || {};
  const evidence = entry.evidence || [];
  const types = new Map(ws.evidence_types.map((x) => [x.id, x.label]));
  const theories = new Map((framework.theories || []).map((x) => [x.id, x.title]));
  const applied = (entry.theories || []).filter((x) => (c.theory || []).some((i) => i.theories.includes(x)));
  const status = ws.statuses.find((s) => s.id === entry.status) || ws.statuses[0];
  const sign = entry.sign_off || {};
  const so = framework.diploma.sign_off;
  const intro = { title: framework.title, version: framework.version, status: status.label, words: entry.words, min: guide.min, max: guide.max };
  const untitled = t("tpl_untitled");
  const groups = c.groups || [];
  const theory = c.theory || [];
  const blocks = [
    { type: "h1", text: c.name },
    { type: "p", text: entry.mode === "linking" ? t("tpl_intro_linking", intro)
      : entry.words === undefined || entry.words === null ? t("tpl_intro_no_count", intro) : t("tpl_intro", intro) },
    { type: "prompt", text: groups.length ? t("tpl_structure") : t("tpl_structure_levels") },
  ];
  if (!groups.length) {
    const labels = new Map(framework.scale.levels.map((lv) => [lv.value, lv.label]));
    blocks.push({ type: "h2", text: t("tpl_levels") });
    blocks.push({ type: "prompt", text: t("tpl_levels_prompt") });
    if (c.description) blocks.push({ type: "p", text: c.description });
    for (const lv of c.levels || []) {
      const name = lv.title ? `${labels.get(lv.value) ?? lv.value} — ${lv.title}` : `${labels.get(lv.value) ?? lv.value}`;
      blocks.push({ type: "li", text: `${name}: ${lv.summary}` });
    }
  }
  for (const g of groups) {
    blocks.push({ type: "h2", text: g.title });
    blocks.push({ type: "prompt", text: t("tpl_group_prompt") });
    for (const s of g.indicators) blocks.push({ type: "li", text: `${s.id}: ${s.text}` });
    const items = evidence.filter((e) => (e.groups || []).includes(g.id));
    blocks.push({ type: "h3", text: t("tpl_group_evidence") });
    if (items.length) for (const e of items) blocks.push({ type: "li", text: fill(e.title, untitled) + (e.type ? ` (${types.get(e.type)})` : "") });
    else blocks.push({ type: "prompt", text: t("tpl_group_no_evidence") });
  }
  if (theory.length) {
    blocks.push({ type: "h2", text: t("tpl_theory") });
    blocks.push({ type: "prompt", text: t("tpl_theory_prompt", { theory: theory.map((i) => i.text).join("; ") }) });
    for (const x of applied) blocks.push({ type: "li", text: theories.get(x) || x });
  }
  blocks.push({ type: "h2", text: t("tpl_evidence_list") });
  if (evidence.length) {
    for (const e of evidence) {
      const checks = ws.evidence_checks.filter((k) => e.checks && e.checks[k.id] === true).map((k) => k.label);
      blocks.push({ type: "li", text: `${fill(e.title, untitled)}` + (e.type ? ` — ${types.get(e.type)}` : "") +
        (e.date ? `, ${e.date}` : "") + (Number.isInteger(e.own_share) ? `, ${t("tpl_own_work", { share: e.own_share })}` : "") +
        `; ${checks.length ? t("tpl_checked", { checks: checks.join(", ") }) : t("tpl_not_checked")}` });
    }
  } else blocks.push({ type: "prompt", text: t("tpl_evidence_prompt") });
  blocks.push({ type: "h2", text: t("tpl_reflection") });
  blocks.push({ type: "prompt", text: t("tpl_reflection_prompt") });
  if (assessment.notes && assessment.notes[cid]) blocks.push({ type: "p", text: t("tpl_notes", { notes: assessment.notes[cid] }) });
  blocks.push({ type: "h2", text: t("sign_off") });
  const signer = { who: so.who, confirms: so.confirms, does_not: lowerFirst(so.does_not), decided_by: so.decided_by };
  blocks.push({ type: "p", text: so.decided_by ? t("tpl_sign_decided", signer) : t("tpl_sign", signer) });
  blocks.push({ type: "p", text: t("tpl_name", { value: fill(sign.name) }) });
  blocks.push({ type: "p", text: t("tpl_role", { value: fill(sign.role) }) });
  blocks.push({ type: "p", text: t("tpl_date", { value: fill(sign.date) }) });
  return blocks;
}

export function packBlocks(framework, assessment, chosen, name, t) {
  const src = framework.source;
  const about = { name, n: chosen.length, competencies: chosen.join(", ") };
  const blocks = [{ type: "h1", text: t("tpl_pack_title", { title: framework.diploma.title }) },
    { type: "p", text: src ? t("tpl_pack_intro", { ...about, source: src.title, year: src.year, publisher: src.publisher })
      : t("tpl_pack_intro_own", about) }];
  for (const cid of chosen) blocks.push(...competencyBlocks(framework, assessment, cid, t));
  return blocks;
}

// Rows as CSV (RFC 4180), with no cell a spreadsheet would run as a formula.
export function toCsv(rows) {
  const cell = (v) => {
    let s = String(v);
    if (/^[=+\-@\t\r]/.test(s)) s = "'" + s;
    return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  return rows.map((r) => r.map(cell).join(",")).join("\r\n") + "\r\n";
}

export function toMarkdown(blocks) {
  const out = [];
  for (const b of blocks) {
    const text = b.text.replace(/([\\`*_[\]<>#])/g, "\\$1");
    if (b.type === "h1") out.push(`# ${text}`, "");
    else if (b.type === "h2") out.push(`## ${text}`, "");
    else if (b.type === "h3") out.push(`### ${text}`, "");
    else if (b.type === "li") out.push(`- ${text}`);
    else if (b.type === "prompt") out.push(`> ${text}`, "");
    else out.push(text, "");
  }
  return out.join("\n").replace(/(- .*)\n(?!- )/g, "$1\n\n").replace(/\n{3,}/g, "\n\n").trim() + "\n";
}

// ---------------------------------------------------------------- .docx

const xml = (s) => s.replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c])
  .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, "");
const STYLE = { h1: "Heading1", h2: "Heading2", h3: "Heading3", li: "ListBullet", prompt: "Quote", p: null };

function documentXml(blocks) {
  const paras = blocks.map((b) => {
    const style = STYLE[b.type];
    const text = (b.type === "li" ? "• " : "") + b.text;
    return `<w:p>${style ? `<w:pPr><w:pStyle w:val="${style}"/></w:pPr>` : ""}<w:r><w:t xml:space="preserve">${xml(text)}</w:t></w:r></w:p>`;
  });
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>${paras.join("")}<w:sectPr><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="1134" w:right="1134" w:bottom="1134" w:left="1134" w:header="709" w:footer="709" w:gutter="0"/></w:sectPr></w:body></w:document>`;
}

const style = (id, name, size, extra = "") => `<w:style w:type="paragraph" w:styleId="${id}"><w:name w:val="${name}"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/><w:pPr><w:keepNext/><w:spacing w:before="240" w:after="120"/>${extra}</w:pPr><w:rPr><w:b/><w:sz w:val="${size}"/></w:rPr></w:style>`;
const STYLES = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">
<w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="Calibri" w:hAnsi="Calibri" w:cs="Calibri"/><w:sz w:val="22"/><w:lang w:val="en-GB"/></w:rPr></w:rPrDefault><w:pPrDefault><w:pPr><w:spacing w:after="120"/></w:pPr></w:pPrDefault></w:docDefaults>
<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/></w:style>
${style("Heading1", "heading 1", 32, '<w:outlineLvl w:val="0"/>')}${style("Heading2", "heading 2", 26, '<w:outlineLvl w:val="1"/>')}${style("Heading3", "heading 3", 22, '<w:outlineLvl w:val="2"/>')}
<w:style w:type="paragraph" w:styleId="ListBullet"><w:name w:val="List Bullet"/><w:basedOn w:val="Normal"/><w:pPr><w:ind w:left="360" w:hanging="360"/></w:pPr></w:style>
<w:style w:type="paragraph" w:styleId="Quote"><w:name w:val="Quote"/><w:basedOn w:val="Normal"/><w:pPr><w:ind w:left="360"/></w:pPr><w:rPr><w:i/><w:color w:val="555555"/></w:rPr></w:style>
</w:styles>`;
const CONTENT_TYPES = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/></Types>`;
const RELS = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>`;
const DOC_RELS = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>`;

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

export function toDocx(blocks) {
  return zip([
    ["[Content_Types].xml", CONTENT_TYPES],
    ["_rels/.rels", RELS],
    ["word/document.xml", documentXml(blocks)],
    ["word/_rels/document.xml.rels", DOC_RELS],
    ["word/styles.xml", STYLES],
  ]);
}

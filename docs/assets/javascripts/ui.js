// Small helpers shared by the assessment pages' modules: building elements
// (strings become text, never HTML), escaping for the few HTML templates, and
// what the compiled framework says about a competency or a scale level.

// An address's fragment as text: "#%" or another malformed escape is taken as it is, never an exception.
export function fragment(hash = location.hash) {
  const raw = hash.replace(/^#/, "");
  try {
    return decodeURIComponent(raw);
  } catch (error) {
    return raw;
  }
}

export const pct = (x) => (x === null ? "–" : `${Math.round(x * 100)}%`);
export const esc = (s) => String(s).replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]);

// Build an element; strings become text, never HTML.
export function h(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === false || v === null || v === undefined) continue;
    if (k === "class") node.className = v;
    else if (k === "text") node.textContent = v;
    else if (k in node && typeof v !== "string") node[k] = v;
    else node.setAttribute(k, v === true ? "" : v);
  }
  for (const c of children.flat(Infinity)) if (c !== null && c !== undefined && c !== false) node.append(c);
  return node;
}

// How a competency is rated: statement by statement, or by picking one level (DESIGN.md §3).
export const ratedBy = (c) => c.rated || (c.groups && c.groups.length ? "statements" : "levels");
export const pointsOf = (lv) => (typeof lv.points === "number" ? lv.points : lv.value);

// Rows as CSV (RFC 4180, CRLF). A cell that a spreadsheet would run as a formula (=, +, -, @, TAB, CR first) is
// prefixed with ' so that it stays text.
export function toCsv(rows) {
  const cell = (v) => {
    let s = String(v);
    if (/^[=+\-@\t\r]/.test(s)) s = "'" + s;
    return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  return rows.map((r) => r.map(cell).join(",")).join("\r\n") + "\r\n";
}

// Each file chosen in an <input type=file>, read as JSON: parsed(value, file), or bad(error) when it is not JSON.
// reset: clear the input once read (so that choosing the same file again is a change again).
export function onJsonFile(input, parsed, bad, { reset = false } = {}) {
  input.addEventListener("change", async () => {
    const file = input.files[0];
    if (!file) return;
    let value;
    try {
      value = JSON.parse(await file.text());
    } catch (error) {
      bad(error);
      return;
    } finally {
      if (reset) input.value = "";
    }
    await parsed(value, file);
  });
}

// What is rated in a competency: its statements, or the competency itself
// when it is level-rated (rated under its own id, group null).
export function ratedItems(c) {
  if (!c.groups || !c.groups.length) return [{ id: c.id, text: c.title, group: null }];
  return c.groups.flatMap((g) => g.indicators.map((s) => ({ id: s.id, text: s.text, group: g.id })));
}

// Who an assessment is of: its name (DESIGN.md §4), else the fallback (a file
// name, a stored assessment's name).
export function personName(assessment, fallback) {
  const name = assessment && typeof assessment.name === "string" ? assessment.name.trim() : "";
  return name || fallback;
}

// A file the browser downloads (an export, a template): made here, never sent anywhere.
export function download(name, type, content) {
  const a = h("a", { href: URL.createObjectURL(new Blob([content], { type })), download: name });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(a.href), 1000);
}

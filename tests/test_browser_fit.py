"""Tables that fit and targets large enough (issue 11), on every assessment page with data, in real Chromium at
390 x 844 (a phone) and 1280 x 800 (a desktop), and on the printed A4 portrait page:

- no sideways scroll, no table wider than the screen or than its box, no clipped cell;
- no word broken inside itself in a table (a word's text range lies on one line: see WORDS);
- every visible control of the page's content at least 24 x 24 px (links inline in a line of text exempt, see
  TARGETS), and the theme's own controls around it either as large or spaced as WCAG 2.2 allows (SC 2.5.8);
- on the rating page, the rating controls (their labels, the targets one taps) at least 44 x 44 px;
- axe finds nothing, in the light and the dark scheme, on a phone and a desktop;
- printed: every table on the A4 page with every column, its headers whole.

The data: two stored assessments ("Q1", part of the worked example's ratings) and the worked example itself,
imported through the overview's own import; compare shows both, the coach review puts Q1 beside it.
"""

from __future__ import annotations

import contextlib
import json

import pytest

from conftest import PHONE, ROOT, SHOWN_LIVE, watched_page

EXAMPLE = ROOT / "framework" / "samples" / "worked-example.json"
STORE_KEY = "kam:akam-kam-diploma"
SIZES = {"phone": PHONE, "desktop": {"viewport": {"width": 1280, "height": 800}}}
A4_WIDTH = 703  # A4 portrait, 210 mm, less the @page margins of 12 mm each side, in CSS px at 96 dpi (186 mm)
PAGES = ["assess/", "assess/rate/", "assess/compare/", "assess/plan/", "assess/workspace/", "assess/review/", "assess/example/"]
PRINTED = ["assess/", "assess/compare/", "assess/plan/", "assess/review/", "assess/example/"]


def seed(page, url) -> None:
    """Store "Q1" (the worked example's first 90 ratings, no evidence), then import the worked example."""
    full = json.loads(EXAMPLE.read_text())
    q1 = {**full, "ratings": dict(list(full["ratings"].items())[:90]), "evidence": {}, "will": {}}
    page.goto(url)
    raw = {"format": "kam-store", "version": 1, "current": "q1",
           "assessments": {"q1": {"name": "Q1", "created": "2026-01-01", "assessment": q1}}}
    page.evaluate(f"localStorage.setItem({json.dumps(STORE_KEY)}, {json.dumps(json.dumps(raw))})")
    page.goto(url + "assess/")
    page.wait_for_selector(".kam-readiness")
    page.set_input_files("#kam-import", str(EXAMPLE))
    page.wait_for_selector("text=Imported as")


def show(page, url, path) -> None:
    """Open an assessment page and wait until its script has drawn it with the data."""
    if path == "assess/rate/":
        page.goto(url + path + "#c-1.2")  # a competency with Previous and Next (the primary button)
        page.wait_for_selector(SHOWN_LIVE)
    else:
        page.goto(url + path)
    drawn = {"assess/": ".kam-readiness", "assess/compare/": ".kam-compare table", "assess/plan/": ".kam-plan table",
             "assess/workspace/": ".kam-workspace textarea", "assess/example/": "table.kam-stack"}
    if path in drawn:
        page.wait_for_selector(drawn[path])
    if path == "assess/":
        page.locator("details.kam-manage > summary").click()  # the menu open: its controls measured too
        page.wait_for_selector("[data-action=new]")
        page.locator("details.kam-radar-data").evaluate("d => { d.open = true; }")  # the chart's data table, measured too
    if path == "assess/review/":
        page.select_option("#kam-review-candidate", label="Q1")
        page.select_option("#kam-review-reviewer", label="worked-example")
        page.wait_for_selector(".kam-review table")
    page.evaluate("document.fonts.ready")


@pytest.fixture(scope="module")
def pages(browser, base_url):
    """One seeded page per (size, colour scheme), opened when first asked for and reused by every test."""
    opened = {}
    with contextlib.ExitStack() as stack:
        def get(size: str, scheme: str = "light"):
            if (size, scheme) not in opened:
                options = {"viewport": {"width": A4_WIDTH, "height": 1000}} if size == "print" else SIZES[size]
                w = stack.enter_context(watched_page(browser, base_url, color_scheme=scheme, **options))
                seed(w.page, base_url)
                opened[size, scheme] = w
            return opened[size, scheme]

        yield get


# ---------------------------------------------------------------- measurements, in the page

# Tables: wider than the screen or than their box (a box that would scroll sideways), or a cell whose content is
# cut off (scrollWidth over clientWidth).
TABLES = """() => {
  const W = document.documentElement.clientWidth, out = [];
  // shown, and not in a box for screen readers only (a stacked table's header row: 1 px, clipped)
  const clipped = (e) => { for (let b = e; b && b.tagName !== 'TABLE'; b = b.parentElement) { const s = getComputedStyle(b), r = b.getBoundingClientRect();
    if (s.clipPath !== 'none' || s.clip !== 'auto' || ((r.width <= 1 || r.height <= 1) && s.overflow !== 'visible')) return true; } return false; };
  const shown = (e) => e.checkVisibility({visibilityProperty: true, checkVisibilityCSS: true}) && !clipped(e);
  for (const t of document.querySelectorAll('.md-content table')) {
    if (!shown(t)) continue;
    const r = t.getBoundingClientRect();
    if (r.right > W + 0.5 || r.left < -0.5) out.push(`table.${t.className}: ${r.left}..${r.right} on a screen of ${W}`);
    if (t.scrollWidth > t.parentElement.clientWidth + 1) out.push(`table.${t.className}: ${t.scrollWidth} in a box of ${t.parentElement.clientWidth}`);
    for (const c of t.querySelectorAll('th, td, caption')) {
      if (!shown(c)) continue;
      if (c.scrollWidth > c.clientWidth + 1) out.push(`${c.tagName} "${c.textContent.trim().slice(0, 40)}" clipped: ${c.scrollWidth} > ${c.clientWidth}`);
      if (c.getBoundingClientRect().right > W + 0.5) out.push(`${c.tagName} "${c.textContent.trim().slice(0, 40)}" past the screen`);
    }
  }
  for (const s of document.querySelectorAll('.md-content .kam-scroll'))
    if (shown(s) && s.scrollWidth > s.clientWidth + 1) out.push(`a .kam-scroll box scrolls sideways: ${s.scrollWidth} > ${s.clientWidth}`);
  return out;
}"""

# Words broken inside themselves: the robust test is where the browser drew them. Each word of each text node in a
# table cell (split at white space, and after a hyphen, slash or dash, where a line may break) is a DOM Range; a word
# drawn on one line has all its client rects on one line, a word broken across lines has rects on two (their tops
# differ by a line). This catches every cause (overflow-wrap: anywhere / break-word, word-break: break-all, a cell
# narrower than the word's min-content), where checking the computed style would miss the last. A word wider than
# its cell but not broken shows as a clipped cell in TABLES instead.
WORDS = """() => {
  const out = [];
  for (const cell of document.querySelectorAll('.md-content table :is(th, td, caption)')) {
    if (!cell.checkVisibility()) continue;
    const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (!node.parentElement.checkVisibility()) continue;
      const re = /[^\\s\\-\\/\u2013\u2014]+[\\-\\/\u2013\u2014]?/g;
      for (let m = re.exec(node.data); m; m = re.exec(node.data)) {
        if (m[0].length < 2) continue;
        const range = document.createRange();
        range.setStart(node, m.index);
        range.setEnd(node, m.index + m[0].length);
        const tops = [...range.getClientRects()].filter(r => r.width > 0).map(r => r.top);
        if (tops.length > 1 && Math.max(...tops) - Math.min(...tops) > 2)
          out.push(`"${m[0]}" broken in ${cell.tagName} "${cell.textContent.trim().slice(0, 40)}"`);
      }
    }
  }
  return out;
}"""

# Targets. A control's target is its box; a radio or checkbox inside a label is targeted through the label, so the
# label is measured instead. A link is exempt (WCAG 2.2, SC 2.5.8 "inline") when it is inline in the text flow: its
# nearest block holds text besides the link's own (a sentence), or is a paragraph or list item (a line of text, whose
# line height sets the link's; lists of links are spaced by the lists' margins).
TARGETS = """([scope, min]) => {
  const sel = 'a[href], button, input:not([type=hidden]), select, textarea, summary, [tabindex]:not([tabindex="-1"])';
  const shown = (e) => e.checkVisibility({visibilityProperty: true, checkVisibilityCSS: true});
  const block = (e) => { let b = e.parentElement; while (b && getComputedStyle(b).display.startsWith('inline')) b = b.parentElement; return b; };
  const inline = (a) => a.tagName === 'A' && getComputedStyle(a).display === 'inline' && (['P', 'LI', 'DD', 'DT'].includes(block(a).tagName)
    || block(a).textContent.replace(/\\s+/g, '').length > a.textContent.replace(/\\s+/g, '').length);
  const seen = new Set(), out = [];
  for (let e of document.querySelectorAll(scope + ' :is(' + sel + ')')) {
    if (!shown(e) && !(e.type === 'file' || e.type === 'radio' || e.type === 'checkbox')) continue;
    if (e.matches('input[type=radio], input[type=checkbox], input[type=file]') && e.closest('label')) e = e.closest('label');
    if (seen.has(e) || !shown(e) || inline(e) || e.closest('.kam-sr')) continue;
    seen.add(e);
    const r = e.getBoundingClientRect();
    if (r.width < min - 0.01 || r.height < min - 0.01) out.push({html: e.outerHTML.slice(0, 100), width: r.width, height: r.height,
      x: r.left + r.width / 2, y: r.top + r.height / 2, box: [r.left, r.top, r.right, r.bottom]});
  }
  return out;
}"""

# The theme's controls outside the content (header, tabs, navigation): each at least 24 x 24 px, or spaced: a circle
# of 24 px diameter on its centre meets no other target nor another undersized target's circle (SC 2.5.8 "spacing").
SPACED = """(small) => {
  const sel = 'a[href], button, input:not([type=hidden]), select, textarea, summary, label[for], [tabindex]:not([tabindex="-1"])';
  const targets = [...document.querySelectorAll(sel)].filter(e => e.checkVisibility({visibilityProperty: true, checkVisibilityCSS: true})
      && getComputedStyle(e).opacity !== '0' && !e.closest('.md-content'))
    .map(e => [e, e.getBoundingClientRect()])
    .filter(([, r]) => r.width > 0 && r.height > 0 && r.right > 0 && r.left < innerWidth)
    // not a target now when something else is drawn over its centre (the phone's closed navigation drawer, clipped)
    .filter(([e, r]) => { const x = r.left + r.width / 2, y = r.top + r.height / 2;
      if (x < 0 || y < 0 || x >= innerWidth || y >= innerHeight) return true;
      const top = document.elementFromPoint(x, y); return !!top && (e.contains(top) || (e.htmlFor && top.closest('label') === e)); });
  const hit = (x, y, r) => { const dx = Math.max(r.left - x, 0, x - r.right), dy = Math.max(r.top - y, 0, y - r.bottom); return dx * dx + dy * dy < 144 - 0.5; };
  const under = targets.filter(([, r]) => r.width < 24 || r.height < 24);
  const out = [];
  for (const [e, r] of under) {
    const x = r.left + r.width / 2, y = r.top + r.height / 2;
    const near = targets.filter(([f, q]) => f !== e && !f.contains(e) && !e.contains(f) && hit(x, y, q));
    const close = under.filter(([f, q]) => f !== e && !f.contains(e) && !e.contains(f)
      && Math.hypot(q.left + q.width / 2 - x, q.top + q.height / 2 - y) < 24 - 0.5);
    if (near.length || close.length) out.push(`${e.outerHTML.slice(0, 90)} ${r.width}x${r.height} crowds ${(near[0] || close[0])[0].outerHTML.slice(0, 60)}`);
  }
  return out;
}"""


def targets(page, scope: str, minimum: int) -> list[str]:
    return [f"{t['html']} {t['width']:.1f}x{t['height']:.1f}" for t in page.evaluate(TARGETS, [scope, minimum])]


# ---------------------------------------------------------------- screen

@pytest.mark.parametrize("path", PAGES)
@pytest.mark.parametrize("size", ["phone", "desktop"])
def test_tables_fit_the_screen_and_no_word_is_broken(pages, base_url, size, path):
    w = pages(size)
    page = w.page
    show(page, base_url, path)
    width = SIZES[size]["viewport"]["width"]
    assert page.evaluate("[innerWidth, document.scrollingElement.scrollWidth]") == [width, width], "sideways scroll"
    if path not in ("assess/rate/", "assess/workspace/"):  # the pages with results tables
        assert page.locator(".md-content table").count() > 0, "the page shows its results table"
    assert page.evaluate(TABLES) == []
    assert page.evaluate(WORDS) == []
    if size == "phone":  # a results table of more than three columns is a card per row, each cell naming its column
        wide = page.evaluate("""() => [...document.querySelectorAll('.md-content table')].filter(t => t.checkVisibility())
            .filter(t => t.rows[0].cells.length > 3 && !(t.classList.contains('kam-stack')
                         && [...t.querySelectorAll('tbody td')].every(c => c.dataset.label || !c.textContent.trim())))
            .map(t => t.className || t.rows[0].textContent.slice(0, 40))""")
        assert wide == []
    assert w.errors == []


@pytest.mark.parametrize("path", PAGES)
@pytest.mark.parametrize("size", ["phone", "desktop"])
def test_every_control_is_at_least_24_px(pages, base_url, size, path):
    page = pages(size).page
    show(page, base_url, path)
    if path == "assess/rate/":
        page.locator(".kam-step:not([hidden]) .kam-bar-levels > summary").click()  # the levels at hand, open
    assert targets(page, ".md-content", 24) == []
    assert page.evaluate(SPACED) == []


@pytest.mark.parametrize("size", ["phone", "desktop"])
def test_rating_controls_are_at_least_44_px(pages, base_url, size):
    page = pages(size).page
    show(page, base_url, "assess/rate/")
    step = ".kam-step:not([hidden])"
    labels = page.locator(f"{step} label:has(input[type=radio]), {step} label:has(input[type=checkbox])")
    assert labels.count() > 10
    # every rating input is inside its label: the label is the target one taps
    assert page.locator(f"{step} input[type=radio]:not(label input), {step} input[type=checkbox]:not(label input)").count() == 0
    assert targets(page, ".kam-step:not([hidden]) :is(.kam-options, .kam-levels-list, .kam-form)", 44) == []
    assert targets(page, ".kam-rate-tools, .kam-step:not([hidden]) .kam-bar-nav", 44) == []  # Previous, Next, the jump list


@pytest.mark.parametrize("path", PAGES)
@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("size", ["phone", "desktop"])
def test_axe_finds_nothing(pages, base_url, size, scheme, path):
    w = pages(size, scheme)
    page = w.page
    show(page, base_url, path)
    assert page.evaluate("document.body.dataset.mdColorScheme") == ("slate" if scheme == "dark" else "default")
    if path == "assess/rate/":
        page.locator(".kam-step:not([hidden]) .kam-bar .kam-next").focus()  # the primary button, focused
    assert w.axe() == []
    assert w.errors == [] and w.foreign == []


# ---------------------------------------------------------------- print

@pytest.mark.parametrize("path", PRINTED)
def test_printed_tables_fit_a4_portrait_with_every_column(pages, base_url, path):
    page = pages("print").page
    page.emulate_media(media="screen")
    show(page, base_url, path)
    page.emulate_media(media="print")
    try:
        assert page.evaluate("document.scrollingElement.scrollWidth") <= A4_WIDTH
        assert page.evaluate(TABLES) == []
        assert page.evaluate(WORDS) == []
        columns = page.evaluate("""() => [...document.querySelectorAll('.md-content table')]
            .filter(t => t.checkVisibility()).map(t => {
              const heads = [...t.querySelectorAll('thead th')];
              const body = t.tBodies[0] && t.tBodies[0].rows[0];
              return {table: t.className, heads: heads.length, shown: heads.filter(h => h.checkVisibility({visibilityProperty: true})
                        && getComputedStyle(h).visibility !== 'hidden' && h.getBoundingClientRect().width >= h.scrollWidth - 1).length,
                      cells: body ? [...body.cells].filter(c => c.checkVisibility()).length : 0,
                      display: getComputedStyle(t).display}; })""")
        assert columns, "a table to print"
        for c in columns:  # a real table, every header shown whole, one per column
            assert c["display"] == "table" and c["heads"] == c["shown"] and c["cells"] in (c["heads"], 0), c
        assert page.evaluate("getComputedStyle(document.querySelector('.md-content table thead')).display") == "table-header-group"
    finally:
        page.emulate_media(media="screen")

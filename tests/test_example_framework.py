"""A second, different framework (examples/) builds into a complete site with nothing of AKAM in it."""

from __future__ import annotations

import re

import pytest

from conftest import ROOT, Watched, framework_site, serve
from macros import loader
from test_validation import run_kam

EXAMPLE_FRAMEWORK = ROOT / "examples" / "six-critical-competencies" / "framework"

# Wording and numbers of the AKAM framework that the example's data does not contain.
AKAM_ONLY = ["AKAM", "Association for Key Account Management", "Diploma", "diploma", "Academic Board", "line manager",
             "Kraljic", "BATNA", "Knowledge of own company", "Negotiations with customers", "negotiations-with-customers", "of the 14", "14 competencies",
             "12 of", "800", "1200", "2020", "Not yet", "Competent", "Advanced"]


@pytest.fixture(scope="module")
def example() -> dict:
    return loader.load(EXAMPLE_FRAMEWORK)


@pytest.fixture(scope="module")
def example_site(tmp_path_factory):
    return framework_site(tmp_path_factory.mktemp("example-site"), EXAMPLE_FRAMEWORK)


@pytest.fixture(scope="module")
def example_url(example_site):
    with serve(example_site) as url:
        yield url


def visible_text(path) -> str:
    doc = path.read_text(encoding="utf-8")
    doc = re.sub(r"<script\b.*?</script>", " ", doc, flags=re.S)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", doc))


def test_the_example_is_a_different_framework(example, framework):
    assert example["id"] != framework["id"]
    assert len(example["scale"]["levels"]) == 5 and example["scale"]["not_applicable"] is False
    assert len(example["areas"]) == 2 and len(example["competencies"]) == 6
    assert example["rules"]["award_min"] != framework["rules"]["award_min"]
    assert run_kam("--framework", str(EXAMPLE_FRAMEWORK), "validate").returncode == 0


def test_the_example_site_has_every_page(example_site, example):
    for c in example["competencies"]:
        page = example_site / "competencies" / f"{c['file'].split('/')[-1][:-4]}" / "index.html"
        assert f"{c['id']} {c['title']}" in visible_text(page)
    for g in example["guides"]:
        assert (example_site / g["page"][:-3] / "index.html").exists()
    assert example["site_name"] in (example_site / "index.html").read_text(encoding="utf-8")


def test_the_examples_own_competency_template_lays_out_every_competency_page(example_site, example):
    """templates/competency.md of the example: its box on every competency page, the evidence moved up."""
    for c in example["competencies"]:
        doc = (example_site / "competencies" / c["file"].split("/")[-1][:-4] / "index.html").read_text(encoding="utf-8")
        article = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", doc[doc.index("<article"):doc.index("</article>")]))
        assert 'class="admonition tip"' in doc and f"Bring one piece of evidence for {c['id']} {c['title']} to your next" in article
        assert article.index("At Northwind") < article.index("Examples of evidence") < article.index("Rationale"), c["id"]
    whole = visible_text(example_site / "competencies" / "all" / "index.html")
    assert whole.count("At Northwind") == len(example["competencies"])


def test_no_akam_wording_or_numbers_in_the_example_site(example_site):
    data = " ".join(p.read_text(encoding="utf-8") for p in EXAMPLE_FRAMEWORK.rglob("*") if p.is_file())
    tokens = [t for t in AKAM_ONLY if t not in data]
    found = []
    for page in example_site.rglob("*.html"):
        text = visible_text(page)
        for t in tokens:
            if re.search(r"(?<![\w.])" + re.escape(t) + r"(?!\w)", text):
                found.append(f"{page.relative_to(example_site)}: {t}")
    assert found == []


# Words of AKAM's framework, found whole and in any case ("award" also finds "awarded"): none may show in the site of a
# framework whose own files do not use it. Code (file names such as diploma.yml, keys such as award_min) is not wording.
WORDS = {"AKAM": "akam", "KAM": "kam", "key account": "key[ -]accounts?", "diploma": "diplomas?", "award": r"award\w*",
         "candidate": "candidates?"}


def word(pattern: str) -> re.Pattern:
    return re.compile(rf"(?<![\w-])(?:{pattern})(?![\w-])", re.I)


def test_no_framework_words_the_example_does_not_use(example_site):
    data = " ".join(p.read_text(encoding="utf-8") for p in EXAMPLE_FRAMEWORK.rglob("*") if p.is_file())
    absent = {w: word(p) for w, p in WORDS.items() if not word(p).search(data)}
    assert {"AKAM", "candidate"} <= set(absent)
    index = __import__("json").loads((example_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    texts = [(page.relative_to(example_site).as_posix(), page.read_text(encoding="utf-8")) for page in example_site.rglob("*.html")]
    texts += [(f"search: {d['location']}", d["title"] + " " + d["text"]) for d in index["docs"]]
    found = []
    for where, doc in texts:
        doc = re.sub(r"<(script|code)\b.*?</\1>", " ", doc, flags=re.S)
        text = re.sub(r"<[^>]+>", " ", doc)
        found += [f"{where}: {m.group(0)}" for w, rx in absent.items() for m in rx.finditer(text)]
    assert found == []


def test_the_example_assessment_works(browser, example_url, example):
    context = browser.new_context()
    w = Watched(context.new_page(), example_url)
    page = w.page
    page.goto(example_url + "assess/rate/")
    first = example["competencies"][0]["id"]
    page.wait_for_selector(f'[id="live-{first}"]:not(:empty)')
    n = sum(len(g["indicators"]) for c in example["competencies"] for g in c["groups"])
    assert page.locator("fieldset.kam-statement").count() == n
    assert page.locator("fieldset.kam-statement").first.locator("input[type=radio]").count() == 5  # five levels, no N/A
    top = example["scale"]["levels"][-1]["label"]
    page.locator("fieldset.kam-statement").first.locator("label", has_text=top).click()
    page.goto(example_url + "assess/")
    page.wait_for_selector(".kam-readiness")
    assert f"of the {example['rules']['award_min']} required competencies ready" in page.locator(".kam-readiness").inner_text()
    assert w.axe() == []
    page.goto(example_url + f"assess/workspace/#{first}")
    page.wait_for_selector("#ws-summary")
    statuses = [o.inner_text() for o in page.locator("#ws-status option").all()]
    assert statuses == [s["label"] for s in example["diploma"]["workspace"]["statuses"]]
    assert w.errors == [] and w.foreign == []
    context.close()

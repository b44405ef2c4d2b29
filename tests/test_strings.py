"""The interface's texts: macros/strings.yml holds them all, a framework's strings.yml replaces them (checked), the browser shows them."""

from __future__ import annotations

import json
import re
import shutil

import pytest
import yaml

from conftest import FRAMEWORK, MINI, ROOT, Watched, framework_site, serve
from macros import loader, scoring
from macros.problems import FrameworkError

JS = ROOT / "docs" / "assets" / "javascripts"
UI_FILES = [*sorted(JS.glob("*.js")),  # every module of the assessment pages
            ROOT / "macros" / "scoring.py", ROOT / "macros" / "jsonfile.py",  # why a file is refused
            ROOT / "macros" / "render.py", ROOT / "macros" / "main.py",  # the handbook's generated pages and the theme's texts
            ROOT / "macros" / "team.py", ROOT / "macros" / "report.py",  # the team report, the text report
            ROOT / "macros" / "interchange.py",  # the kinds of item of the CASE export
            ROOT / "macros" / "serving.py"]  # the preview server's page while the site cannot be built
DEFAULTS = yaml.safe_load((ROOT / "macros" / "strings.yml").read_text(encoding="utf-8"))

CALL = re.compile(r"""(?<![\w$])t\(\s*(["'])([^"']*)\1""")  # t("key" ...), this.t("key" ...), app.t("key" ...)
ANY_CALL = re.compile(r"(?<![\w$])t\(")
IN_PAGES = re.compile(r"""(?<![\w$])text\(\s*(["'])(\w+)\1""")  # {{ text("key") }} in docs/*.md and the award page
IN_JS = re.compile(r"""\.strings\["(\w+)"\]""")
IN_PYTHON = re.compile(r"""\["strings"\]\["(\w+)"\]""")  # fw["strings"]["key"] in macros/*.py


def code(path) -> str:
    """A JavaScript file without its comment lines."""
    return re.sub(r"^\s*//.*$", "", path.read_text(encoding="utf-8"), flags=re.M)


def keys_used() -> dict[str, set[str]]:
    used: dict[str, set[str]] = {}
    for path in UI_FILES:
        for m in CALL.finditer(code(path)):
            used.setdefault(m.group(2), set()).add(path.name)
        for m in IN_JS.finditer(code(path)):  # strings["key"]: read before there is a translator (kam.js)
            used.setdefault(m.group(1), set()).add(path.name)
    for path in (ROOT / "macros").glob("*.py"):
        for m in IN_PYTHON.finditer(path.read_text(encoding="utf-8")):
            used.setdefault(m.group(1), set()).add(path.name)
    for path in [*(ROOT / "docs").rglob("*.md"), *(ROOT / "macros" / "templates").glob("*.md")]:  # {{ text("key") }} in the pages
        for m in IN_PAGES.finditer(path.read_text(encoding="utf-8")):
            used.setdefault(m.group(2), set()).add(path.name)
    return used


def test_the_defaults_are_a_flat_mapping_of_texts():
    assert isinstance(DEFAULTS, dict) and len(DEFAULTS) > 150
    assert DEFAULTS == loader.default_strings()
    for key, text in DEFAULTS.items():
        assert isinstance(key, str) and re.fullmatch(r"[a-z][a-z0-9_]*", key), key
        assert isinstance(text, str) and text.strip(), key


def test_every_key_used_in_the_code_exists_and_every_key_is_used():
    used = keys_used()
    assert sorted(k for k in used if k not in DEFAULTS) == []
    assert sorted(k for k in DEFAULTS if k not in used) == []


def test_every_call_names_its_key_literally():
    """A key built at run time would escape the test above."""
    for path in UI_FILES:
        text = code(path)
        assert len(ANY_CALL.findall(text)) == len(CALL.findall(text)), path.name


def test_no_hard_coded_english_left_in_the_interface_code():
    """Texts the interface used to hard-code now come from strings.yml only."""
    samples = ["Export JSON", "Where you stand", "Ready competencies", "Remove this evidence", "Theory applied",
               "Evidence for this group", "not final yet", "within the guide", "Link copied", "Imported as",
               "Choose at least one assessment", "Score and status per competency", "could not be read"]
    for path in UI_FILES:
        text = code(path)
        assert [s for s in samples if s in text] == [], path.name
    assert all(any(s in v for v in DEFAULTS.values()) for s in samples)


def test_the_examples_of_the_brief_keep_their_english_wording():
    assert DEFAULTS["readiness_to_go"] == "{ready} of the {required} required competencies ready — {to_go} to go"
    assert DEFAULTS["imported"] == "Imported as “{name}”."
    assert DEFAULTS["live"] == "Score {percent}% · {status} · rated {coverage} · evidence {evidence} · {ready}"
    assert DEFAULTS["ws_words_state"] == "{words} words — {state} of {min}–{max}."
    assert [DEFAULTS[k] for k in ("status_met", "status_in_progress", "status_not_started", "status_not_applicable")] == [
        "Met", "Not met yet", "Not assessed", "Not applicable"]


# ---------------------------------------------------------------- the loader


def framework_with(tmp_path, monkeypatch, text: str | None):
    target = tmp_path / "framework"
    shutil.copytree(MINI, target)
    if text is not None:
        (target / "strings.yml").write_text(text, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return "framework"


def test_without_a_strings_file_the_defaults_apply(tmp_path, monkeypatch):
    fw = loader.load(framework_with(tmp_path, monkeypatch, None))
    assert fw["strings"] == DEFAULTS and "strings" not in fw["files"]


def test_a_strings_file_replaces_some_texts_and_keeps_the_others(tmp_path, monkeypatch):
    fw = loader.load(framework_with(tmp_path, monkeypatch, 'strings:\n  export_json: JSON exportieren\n'
                                                           '  imported: "Importiert als „{name}“."\n'))
    assert set(fw["strings"]) == set(DEFAULTS)
    assert fw["strings"]["export_json"] == "JSON exportieren" and fw["strings"]["imported"] == "Importiert als „{name}“."
    assert fw["strings"]["export_csv"] == DEFAULTS["export_csv"]
    assert fw["files"]["strings"] == "strings.yml"


def test_an_unknown_key_is_refused_with_file_and_line(tmp_path, monkeypatch):
    name = framework_with(tmp_path, monkeypatch, "strings:\n  export_json: JSON exportieren\n  expor_csv: CSV exportieren\n")
    with pytest.raises(FrameworkError) as raised:
        loader.load(name)
    assert [str(p) for p in raised.value.problems] == [
        "framework/strings.yml:3: strings.expor_csv: unknown string 'expor_csv' (did you mean 'export_csv'?)"]


def test_wrong_placeholders_are_refused_with_file_and_line(tmp_path, monkeypatch):
    name = framework_with(tmp_path, monkeypatch, 'strings:\n'
                                                 '  readiness_to_go: "{ready} von {required} bereit – noch {togo}"\n'
                                                 '  imported: Importiert.\n'
                                                 '  rating: "Bewertung: {name}"\n')
    with pytest.raises(FrameworkError) as raised:
        loader.load(name)
    assert [str(p) for p in raised.value.problems] == [
        "framework/strings.yml:2: strings.readiness_to_go: placeholders must be {ready}, {required}, {to_go}: got {ready}, {required}, {togo}",
        "framework/strings.yml:3: strings.imported: placeholders must be {name}: got none"]


def test_placeholders_may_move_but_not_change():
    assert loader.placeholders("{to_go} to go: {ready} of {required}") == ["to_go", "ready", "required"]
    assert loader.placeholders("{a} and {a} and {b}") == ["a", "b"]
    assert loader.placeholders("no parameters {} here { x }") == []


def test_the_strings_file_follows_its_schema(tmp_path, monkeypatch):
    name = framework_with(tmp_path, monkeypatch, "strings:\n  answer_yes: yes\n  colour: 3\nlanguage: de\n")
    problems = [str(p) for p in loader.validate(name)]
    assert problems == [
        "framework/strings.yml:2: strings.answer_yes: expected text, got true (write it in quotes: \"yes\")",
        "framework/strings.yml:3: strings.colour: expected text, got the number 3 (write it in quotes: \"3\")",
        "framework/strings.yml:4: language: unknown key; allowed: strings"]


# ---------------------------------------------------------------- in the browser

GERMAN = {
    "export_json": "JSON exportieren",
    "readiness_to_go": "Bereit: {ready} von {required} nötigen Kompetenzen, es fehlen noch {to_go}",
    "readiness_met": "Bereit: {ready} von {required} nötigen Kompetenzen, die Regel ist erfüllt",
    "where_you_stand": "Wo Sie stehen",
    "status_not_started": "Nicht begonnen",
    "status_in_progress": "In Arbeit",
    "empty_title": "Hier beginnen",
    "noscript": "Die Selbsteinschätzung braucht JavaScript.",
    "import_refused": "Die Datei wurde nicht importiert: {errors}. Gespeichertes bleibt unverändert.",
    "check_not": "{value} ist kein(e) {what}",
    "check_is_rating_na": "Bewertung dieser Skala ({min}–{max} oder \"na\")",
    "check_unknown_profile": "unbekanntes Profil {value}",
    "page_rationale": "Begründung",
    "page_see": "Siehe {links}.",
    "page_not_found": "Seite nicht gefunden",
    "page_loading": "Seite wird geladen",
}


@pytest.fixture(scope="module")
def translated_url(tmp_path_factory):
    work = tmp_path_factory.mktemp("translated")
    framework = work / "framework"
    shutil.copytree(FRAMEWORK, framework)
    lines = ["# yaml-language-server: $schema=../macros/schemas/strings.schema.json", "strings:"]
    lines += [f"  {key}: {yaml.safe_dump(text, allow_unicode=True, default_style=chr(34)).strip()}" for key, text in GERMAN.items()]
    (framework / "strings.yml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    meta = framework / "framework.yml"
    meta.write_text(meta.read_text(encoding="utf-8").replace("\nlanguage: en\n", "\nlanguage: de\n"), encoding="utf-8")
    site = framework_site(work / "site", framework)
    with serve(site) as url:
        yield url, site


@pytest.fixture
def german(browser, translated_url):
    """A fresh browser on the translated site: (watched page, its URL, its folder)."""
    url, site = translated_url
    context = browser.new_context()
    yield Watched(context.new_page(), url), url, site
    context.close()


def test_a_translated_strings_file_changes_the_interface(german, framework):
    w, url, site = german
    page = w.page
    page.goto(url + "assess/")
    page.wait_for_selector(".kam-readiness")
    required = framework["rules"]["award_min"]
    assert page.locator(".kam-readiness").inner_text() == f"Bereit: 0 von {required} nötigen Kompetenzen, es fehlen noch {required}."
    assert page.locator("[data-action=export-json]").inner_text().strip() == "JSON exportieren"
    assert page.locator("#kam-award").inner_text() == "Wo Sie stehen"
    assert page.locator("[data-action=export-csv]").text_content().strip() == "Export CSV"  # not replaced: the English default (in the closed menu)
    assert page.locator(".kam-empty h2").inner_text() == "Hier beginnen"  # nothing rated yet: a start, no table
    page.goto(url + "assess/rate/")
    page.locator('[id="rate-1.1-org-1"] label').first.click()
    page.goto(url + "assess/")
    assert page.locator('tr[data-competency="1.1"] td').first.inner_text() == "In Arbeit"
    assert page.locator('tr[data-competency="1.2"] td').first.inner_text() == "Nicht begonnen"
    assert "Die Selbsteinschätzung braucht JavaScript." in (site / "assess" / "index.html").read_text(encoding="utf-8")
    assert page.evaluate("document.documentElement.lang") == "de"  # Material's own labels follow the framework's language
    assert page.locator(".md-search__input").get_attribute("placeholder") == "Suche"
    assert w.errors == [] and w.foreign == []


def test_the_handbook_pages_and_the_theme_speak_the_framework_language(german):
    w, url, _ = german
    page = w.page
    page.goto(url + "competencies/1.2-customer-understanding/")
    assert page.locator("h2#rationale").inner_text().rstrip("¶") == "Begründung"  # the anchor stays: links keep working
    assert page.locator(".admonition.note p", has_text="Siehe 2.2").count() == 1
    assert page.locator("meta[name=kam-loading]").get_attribute("content") == "Seite wird geladen"
    page.goto(url + "no-such-page/")
    assert page.locator("article h1").inner_text() == "Seite nicht gefunden"
    assert w.foreign == []


def test_a_refused_file_is_explained_in_the_interface_language(german, tmp_path):
    w, url, _ = german
    page = w.page
    page.goto(url + "assess/")
    page.wait_for_selector(".kam-readiness")
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({**ASSESSMENT, "ratings": {"1.1-org-1": 7}, "profile": "boss"}), encoding="utf-8")
    page.set_input_files("#kam-import", str(bad))
    assert page.locator(".kam-notice--error").inner_text() == (
        'Die Datei wurde nicht importiert: ratings["1.1-org-1"]: 7 ist kein(e) Bewertung dieser Skala (0–3 oder "na"); '
        'profile: unbekanntes Profil "boss". Gespeichertes bleibt unverändert.')
    assert w.errors == [] and w.foreign == []


# ---------------------------------------------------------------- why a file is refused, in both scorers

ASSESSMENT = {"format": "kam-assessment", "format_version": 2, "framework": {"id": "akam-kam-diploma", "version": "2020"}}


def test_both_scorers_explain_a_refused_file_in_the_interface_language(framework, node_scorer):
    german = {**framework, "strings": {**framework["strings"], **GERMAN}}
    bad = {**ASSESSMENT, "ratings": {"1.1-org-1": 7, "1.1-org-2": [1]}, "profile": "boss", "will": {"1.1": 9}}
    expected = ['ratings["1.1-org-1"]: 7 ist kein(e) Bewertung dieser Skala (0–3 oder "na")',
                'ratings["1.1-org-2"]: a list ist kein(e) Bewertung dieser Skala (0–3 oder "na")',  # value_list: not translated here
                'will["1.1"]: 9 ist kein(e) a will rating (1–4)',
                'profile: unbekanntes Profil "boss"']
    assert scoring.check(german, bad)["errors"] == expected
    assert node_scorer.run(german, bad)["check"]["errors"] == expected
    english = scoring.check(framework, bad)["errors"]
    assert english[0] == 'ratings["1.1-org-1"]: 7 is not a rating on this scale (0–3 or "na")'
    assert node_scorer.run(framework, bad)["check"]["errors"] == english

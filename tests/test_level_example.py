"""The level-rated example (examples/support-engineering-ladder): it validates, exports, builds into a site with
none of AKAM's wording or optional parts, and scores by its own points arithmetic.

The expected points and bands are computed here from scale.yml by plain arithmetic (the sum of the points of the
picked levels; the band is the last one whose min_points the total reaches), independently of macros/scoring.py.
"""

from __future__ import annotations

import atexit
import functools
import html
import json
import re
import shutil
import tempfile
from pathlib import Path
from urllib.parse import urljoin, urlparse

import pytest
import yaml

from conftest import ROOT, SITE_PATH, framework_site, same
from macros import loader, scoring
from test_site import page_text
from test_validation import run_kam

EXAMPLE = ROOT / "examples" / "support-engineering-ladder" / "framework"
FRAMEWORK_ID = "lanternfish-support-ladder"

# Words of AKAM's world that this framework never uses (KAM only as a word of its own: not kam.js, kam-pick, kam:…).
FORBIDDEN = [re.compile(r"(?<![\w.:/-])kam(?![\w.:/-])", re.I), re.compile(r"akam", re.I),
             re.compile(r"key[\s-]*accounts?", re.I), re.compile(r"diploma", re.I), re.compile(r"award", re.I),
             re.compile(r"candidate", re.I)]

# Pages (their address in the built site) of optional parts this framework leaves out.
ABSENT_PAGES = ["award", "diploma", "theory", "training", "glossary", "assess/plan", "assess/workspace", "assess/example"]


# ---------------------------------------------------------------- the framework's own arithmetic, from its YAML

def yaml_of(name: str) -> dict:
    return yaml.safe_load((EXAMPLE / name).read_text(encoding="utf-8"))


SCALE = yaml_of("scale.yml")
POINTS = {lv["value"]: lv["points"] for lv in SCALE["scale"]["levels"]}
BANDS = [(b["id"], b["min_points"]) for b in SCALE["bands"]]
COMPETENCIES = {yaml.safe_load(p.read_text(encoding="utf-8"))["id"]: yaml.safe_load(p.read_text(encoding="utf-8"))
                for p in sorted((EXAMPLE / "competencies").glob("*.yml"))}
PROFILES = {p["id"]: p for p in yaml_of("profiles.yml")["profiles"]}


def own_points(picks: dict[str, int], profile: str | None = None) -> tuple[dict[str, int], int, str | None]:
    """Points per competency, the total over the competencies in scope, and the band: by hand, from the YAML."""
    scope = PROFILES[profile].get("scope") if profile else None
    per = {cid: POINTS[picks[cid]] if cid in picks else 0 for cid in COMPETENCIES}
    total = 0
    for cid, p in per.items():
        if scope is None or cid in scope:
            total += p
    band = None
    for band_id, min_points in BANDS:
        if min_points <= total:
            band = band_id
    return per, total, band


def assessment(picks: dict[str, int], profile: str | None = None, name: str = "Test person") -> dict:
    return {"format": "kam-assessment", "format_version": 2, "name": name,
            "framework": {"id": FRAMEWORK_ID, "version": yaml_of("framework.yml")["version"]},
            "ratings": dict(picks), "profile": profile}


ALL = list(COMPETENCIES)
CASES = {
    "nothing rated": ({}, None),
    "all at level 0": ({c: 0 for c in ALL}, None),
    "one at level 1: below the first band": ({"diagnosis": 1}, None),
    "two at level 1: exactly the first band": ({"diagnosis": 1, "communication": 1}, None),
    "all at level 1: exactly 1.2": ({c: 1 for c in ALL}, None),
    "the README's example": ({**{c: 2 for c in ALL}, "diagnosis": 3, "communication": 3}, None),
    "a mix, some unrated": ({"diagnosis": 4, "product-depth": 3, "tooling": 1, "communication": 3, "escalations": 2,
                             "advocacy": 2, "knowledge": 2}, None),
    "one at the top": ({"mentoring": 5}, None),
    "everything top": ({c: 5 for c in ALL}, None),
    "everything top but one": ({**{c: 5 for c in ALL}, "tooling": 4}, None),
    "associate: out-of-scope picks do not count": ({"diagnosis": 4, "product-depth": 2, "communication": 3,
                                                     "escalations": 1, "tooling": 5, "mentoring": 5}, "associate"),
    "engineer: six in scope": ({c: 3 for c in ALL}, "engineer"),
    "senior: no scope, all count": ({c: 3 for c in ALL}, "senior"),
}


def test_the_hand_arithmetic_itself():
    """The figures the other tests rely on, worked out on paper."""
    assert POINTS == {0: 0, 1: 1, 2: 3, 3: 6, 4: 12, 5: 20}
    assert own_points({c: 5 for c in ALL}) == ({c: 20 for c in ALL}, 160, "5.1")
    assert own_points({**{c: 2 for c in ALL}, "diagnosis": 3, "communication": 3})[1:] == (30, "2.2")
    assert own_points(CASES["associate: out-of-scope picks do not count"][0], "associate")[1:] == (12 + 3 + 6 + 1, "2.1")
    assert own_points({})[1:] == (0, None)


# ---------------------------------------------------------------- validation and export

@pytest.fixture(scope="module")
def fw() -> dict:
    return loader.load(EXAMPLE)


@pytest.fixture(scope="module")
def exported() -> dict:
    out = run_kam("--framework", str(EXAMPLE), "export")
    assert out.returncode == 0, out.stderr
    return json.loads(out.stdout)


def test_every_file_names_its_schema():
    for path in sorted(EXAMPLE.rglob("*.yml")):
        first = path.read_text(encoding="utf-8").splitlines()[0]
        kind = "competency" if path.parent.name == "competencies" else path.stem
        match = re.fullmatch(r"# yaml-language-server: \$schema=(\S+)", first)
        assert match, path
        assert (path.parent / match.group(1)).resolve() == ROOT / "macros" / "schemas" / f"{kind}.schema.json", path


def test_the_framework_validates():
    out = run_kam("--framework", str(EXAMPLE), "validate")
    assert out.returncode == 0, out.stdout + out.stderr
    assert "8 competencies" in out.stdout


def test_only_required_files_and_profiles():
    names = sorted(p.name for p in EXAMPLE.iterdir())
    assert names == ["competencies", "framework.yml", "profiles.yml", "scale.yml"]
    text = " ".join(p.read_text(encoding="utf-8") for p in EXAMPLE.parent.rglob("*") if p.is_file())
    assert [rx.pattern for rx in FORBIDDEN if rx.search(text)] == []


def test_export_is_level_rated_with_points_and_bands(exported, fw):
    assert exported == json.loads(json.dumps(fw))
    assert exported["format_version"] == 2 and exported["id"] == FRAMEWORK_ID
    assert len(exported["areas"]) == 3 and len(exported["competencies"]) == 8
    assert [lv["points"] for lv in exported["scale"]["levels"]] == [0, 1, 3, 6, 12, 20]
    assert exported["scale"]["not_applicable"] is False
    assert [(b["id"], b["min_points"]) for b in exported["bands"]] == BANDS
    assert [b["title"] for b in exported["bands"]][:2] == ["Associate 1", "Associate 2"]
    assert all(b["min_points"] < c["min_points"] for b, c in zip(exported["bands"], exported["bands"][1:]))
    rules = exported["rules"]
    assert rules["pass_level"] == 2.5 and rules["award_min"] is None and rules["will_high"] is None
    for c in exported["competencies"]:
        assert c["rated"] == "levels" and c["groups"] == [], c["id"]
        assert [lv["value"] for lv in c["levels"]] == [1, 2, 3, 4, 5], c["id"]
        source = {lv["value"]: lv for lv in COMPETENCIES[c["id"]]["levels"]}
        for lv in c["levels"]:
            assert lv["title"] and lv["summary"] and 2 <= len(lv["signals"]) <= 3 and 1 <= len(lv["examples"]) <= 2
            assert (lv["title"], lv["signals"], lv["examples"]) == (source[lv["value"]]["title"], source[lv["value"]]["signals"],
                                                                    source[lv["value"]]["examples"])
        assert c["description"] and c["type"] is None and c["theory"] == [] and c["modules"] == []
    assert exported["coaching"] == [] and exported["theories"] == [] and exported["modules"] == []
    assert exported["tracks"] == [] and exported["glossary"] == [] and exported["types"] == []
    assert exported["diploma"] is None and exported["source"] is None
    assert exported["parts"] == {"award": False, "award_page": False, "workspace": False, "coaching": False,
                                 "theories": False, "curriculum": False, "glossary": False, "profiles": True,
                                 "types": False, "bands": True, "levels": True, "statements": False, "example": False,
                                 "source": False}


def test_profiles_have_scopes_and_targets(fw):
    profiles = {p["id"]: p for p in fw["profiles"]}
    assert list(profiles) == ["associate", "engineer", "senior"]
    assert sorted(profiles["associate"]["scope"]) == sorted(PROFILES["associate"]["scope"]) and len(PROFILES["associate"]["scope"]) == 4
    assert sorted(profiles["engineer"]["scope"]) == sorted(PROFILES["engineer"]["scope"]) and profiles["senior"]["scope"] is None
    assert profiles["engineer"]["targets"]["diagnosis"] == 3 and profiles["senior"]["targets"]["mentoring"] == 4
    assert profiles["senior"]["targets"]["tooling"] == 3


# ---------------------------------------------------------------- scoring by the framework's own arithmetic

@pytest.mark.parametrize("case", list(CASES))
def test_scoring_matches_the_frameworks_own_arithmetic(fw, case):
    picks, profile = CASES[case]
    per, total, band = own_points(picks, profile)
    a = assessment(picks, profile)
    assert scoring.check(fw, a)["errors"] == []
    result = scoring.score(fw, a)
    assert result["summary"]["points"] == total and result["summary"]["band"] == band
    scope = PROFILES[profile].get("scope") if profile else None
    for cid, points in per.items():
        c = result["competencies"][cid]
        assert c["points"] == points, cid
        assert c["groups"] == {} and c["quadrant"] is None
        assert c["in_scope"] is (scope is None or cid in scope), cid
        level = picks.get(cid)
        # Met from level 3: pass_level 2.5, one pick per competency.
        assert c["status"] == ("not-started" if level is None else "met" if level >= 3 else "in-progress"), cid
        if not c["in_scope"]:
            assert c["target"] is None and c["gap"] is None
    in_scope = [cid for cid in COMPETENCIES if scope is None or cid in scope]
    s = sum(picks.get(cid, 0) for cid in in_scope)
    summary = result["summary"]
    assert summary["total"] == len(in_scope)
    assert summary["met"] == sum(1 for cid in in_scope if picks.get(cid, 0) >= 3)
    whole = 5 * len(in_scope)  # M * n, one item per competency
    assert summary["percent"] == (200 * s + whole) // (2 * whole)  # floor(100*S/(M*n) + 0.5), in integers
    assert summary["required"] is None and summary["to_go"] is None and summary["award_ready"] is None


@pytest.mark.parametrize("case", ["all at level 0", "a mix, some unrated", "everything top",
                                  "associate: out-of-scope picks do not count"])
def test_kam_score_prints_the_same_points_and_band(fw, case, tmp_path):
    picks, profile = CASES[case]
    per, total, band = own_points(picks, profile)
    path = tmp_path / "assessment.json"
    path.write_text(json.dumps(assessment(picks, profile)), encoding="utf-8")
    out = run_kam("--framework", str(EXAMPLE), "score", str(path), "--format", "json")
    assert out.returncode == 0, out.stderr
    printed = json.loads(out.stdout)
    assert printed["summary"]["points"] == total and printed["summary"]["band"] == band
    assert {cid: c["points"] for cid, c in printed["competencies"].items()} == per
    assert printed == json.loads(json.dumps(scoring.score(fw, assessment(picks, profile))))


def test_scoring_js_gives_the_same_result(fw, node_scorer):
    """The browser's scorer (scoring.js in Node) agrees exactly, on every hand-picked case."""
    for case, (picks, profile) in CASES.items():
        a = assessment(picks, profile)
        answer = node_scorer.run(fw, a)
        assert answer["check"]["errors"] == [], case
        same(answer["result"], scoring.score(fw, a), case)
        assert answer["result"]["summary"]["points"] == own_points(picks, profile)[1], case


def test_a_target_gap_by_the_profile(fw):
    """Gaps follow the profile's targets: Support engineer expects 3 in diagnosis, 2 (its default) elsewhere."""
    result = scoring.score(fw, assessment({c: 2 for c in ALL}, "engineer"))
    c = result["competencies"]
    assert c["diagnosis"]["target"] == 3 and c["diagnosis"]["gap"] == 1
    assert c["advocacy"]["target"] == 2 and c["advocacy"]["gap"] == 0
    assert c["tooling"]["target"] is None and c["tooling"]["gap"] is None and c["tooling"]["in_scope"] is False


# ---------------------------------------------------------------- the built site

@functools.lru_cache(maxsize=None)
def built_site() -> Path:
    """The example's site, built once per process (the browser tests use it too), served under SITE_PATH."""
    target = Path(tempfile.mkdtemp(prefix="kam-level-example-"))
    atexit.register(shutil.rmtree, target, True)
    return framework_site(target / "site", EXAMPLE)


@pytest.fixture(scope="module")
def site() -> Path:
    return built_site()


def prose(doc: str) -> str:
    """What a reader can read in a page: its text, its human-facing attributes and the framework data it carries
    (without the interface strings, which the browser tests check once rendered)."""
    parts = []
    for m in re.finditer(r'data-json="([^"]*)"', doc):
        data = json.loads(html.unescape(m.group(1)))
        if isinstance(data, dict):
            data.pop("strings", None)
            fw = data.get("framework")
            if isinstance(fw, dict):
                fw.pop("strings", None)
        parts.append(json.dumps(_values(data), ensure_ascii=False))
    for m in re.finditer(r'\s(?:alt|title|aria-label|aria-description|placeholder|content)="([^"]*)"', doc):
        parts.append(html.unescape(m.group(1)))
    text = re.sub(r"<(script|style)\b.*?</\1>", " ", without_code(doc), flags=re.S)
    parts.append(html.unescape(re.sub(r"<[^>]+>", " ", text)))
    return re.sub(r"\s+", " ", " ".join(parts))


def without_code(doc: str) -> str:
    """A page without its code: file names, keys and YAML samples (`diploma.yml`, `rules.award_min` on the
    Customise page, which documents the format) are identifiers, not wording."""
    return re.sub(r"<(pre|code)\b.*?</\1>", " ", doc, flags=re.S)


def _values(data) -> list[str]:
    """The string values in a JSON value (its keys, such as "award_min" or "diploma", are not wording)."""
    if isinstance(data, dict):
        return [v for x in data.values() for v in _values(x)]
    if isinstance(data, list):
        return [v for x in data for v in _values(x)]
    return [data] if isinstance(data, str) and data not in ("kam-framework", "kam-assessment") else []


def test_the_site_builds_strictly(site):
    assert (site / "index.html").exists() and (site / "assess" / "rate" / "index.html").exists()
    assert "Lanternfish support ladder" in (site / "index.html").read_text(encoding="utf-8")


def test_no_akam_wording_in_any_page_or_the_search_index(site):
    found = []
    for page in sorted(site.rglob("*.html")):
        text = prose(page.read_text(encoding="utf-8"))
        for rx in FORBIDDEN:
            for m in rx.finditer(text):
                found.append(f"{page.relative_to(site)}: …{text[max(0, m.start() - 40):m.end() + 40]}…")
    shared = sorted((site / "assets").glob("kam-data.*.json"))  # the framework the assessment pages fetch
    assert len(shared) == 1
    for path in shared:
        data = json.loads(path.read_text(encoding="utf-8"))
        data.pop("strings")  # the interface's texts, checked once rendered by the browser tests
        data["framework"].pop("strings", None)
        text = json.dumps(_values(data), ensure_ascii=False)
        for rx in FORBIDDEN:
            for m in rx.finditer(text):
                found.append(f"{path.relative_to(site)}: …{text[max(0, m.start() - 40):m.end() + 40]}…")
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    for doc in index["docs"]:
        text = html.unescape(re.sub(r"<[^>]+>", " ", without_code(f'{doc["title"]} {doc["text"]}')))
        for rx in FORBIDDEN:
            for m in rx.finditer(text):
                found.append(f"search index {doc['location']}: …{text[max(0, m.start() - 40):m.end() + 40]}…")
    assert found == []


def links(page: Path, site: Path) -> set[str]:
    """Every page address (relative to the site, no slashes around it) a page links to."""
    doc = page.read_text(encoding="utf-8")
    rel = page.parent.relative_to(site).as_posix()
    here = "http://x" + SITE_PATH + ("" if rel == "." else rel + "/")
    out = set()
    for href in re.findall(r'href="([^"#?]*)', doc):
        url = urlparse(urljoin(here, html.unescape(href)))
        if url.netloc == "x" and url.path.startswith(SITE_PATH):
            out.add(url.path[len(SITE_PATH):].strip("/").removesuffix("/index.html").removesuffix("index.html"))
    return out


def test_no_page_or_link_for_the_parts_it_leaves_out(site):
    for path in ABSENT_PAGES:
        assert not (site / path).exists(), path
    linked = set()
    for page in site.rglob("*.html"):
        linked |= links(page, site)
    assert sorted(linked & set(ABSENT_PAGES)) == []
    nav = page_nav(site / "index.html")
    for title in ("Theory library", "Training path", "Submission plan", "Submission workspace", "Worked example",
                  "Glossary"):
        assert title not in nav, title


def page_nav(path: Path) -> str:
    doc = path.read_text(encoding="utf-8")
    navs = re.findall(r"<nav\b.*?</nav>", doc, re.S)
    return html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", " ".join(navs))))


def test_every_competency_page_shows_every_level(site, fw):
    def norm(s: str) -> str:
        return re.sub(r"\s+", " ", s.replace("\u2019", "'").replace("\u2018", "'")).strip()

    for c in fw["competencies"]:
        page = site / "competencies" / Path(c["file"]).stem / "index.html"
        text = norm(page_text(page))
        assert norm(c["title"]) in text and norm(c["description"]) in text, c["id"]
        for lv in c["levels"]:
            for piece in [lv["title"], lv["summary"], *lv["signals"], *lv["examples"]]:
                assert norm(piece) in text, (c["id"], lv["value"], piece)


#!/usr/bin/env python3
"""Benchmarks: print figures, never assert them.

  python3 scripts/bench.py            full run
  python3 scripts/bench.py --quick    fewer repetitions (CI)

Sets itself up as scripts/test.py does: .venv with requirements-test.txt (the
browser figures need Playwright) and a Chromium (found, or installed where it
can be), before the first figure.

Figures:
  build    median `mkdocs build` time of the handbook against the same pages
           written out as plain Markdown and built without macros, and the ratio
           (target: at most 1.15).
  reload   the time from saving a framework YAML file to `serve.py` serving the
           page that shows the change (median).
  scaling  build time for synthetic frameworks of 1x, 5x and 10x the AKAM size,
           the growth exponent, and how much of it is the theme's own work (the
           same pages built as plain Markdown) and how much is ours.
  weight   raw and gzip bytes of HTML, CSS, JS and fonts for each page type (home,
           competency, overview, rate, compare, plan, workspace, review, 360), and
           the project's own JS + CSS each loads (target: at most 30 KB gzip a page),
           with the framework data an assessment page fetches.
  transfer in Chromium, the bytes transferred (gzip-served with GitHub Pages' cache lifetime, headers included)
           for visiting five assessment pages in a row by instant navigation (overview, rate, compare, plan,
           workspace): a first visit with an empty cache, and a repeat visit later; by kind of file.
  browser  in Chromium, for the AKAM framework and a synthetic one ten times its
           size: the time to score the whole framework (target under 1 ms for
           AKAM) and from a rating change to the updated display (under 16 ms).
  team     `kam.py team-report` (HTML and CSV) over 100, 1,000 and 10,000
           synthetic exported assessments of the AKAM framework (--quick: 100 and
           1,000): wall time, peak memory (the run's own maximum resident set)
           and the size of the HTML and CSV (target: 10,000 people well under a
           minute).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import _bootstrap  # noqa: E402

_bootstrap.in_venv("requirements-test.txt")  # Playwright for the browser figures
ROOT = _bootstrap.ROOT
sys.path.insert(0, str(ROOT))

from mkdocs.config import load_config  # noqa: E402

from macros import loader  # noqa: E402
from macros.main import _add_competencies_to_nav, _add_guides_to_nav, framework_dir  # noqa: E402

ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}


def mkdocs_build(config: Path, site: Path, extra_env: dict | None = None) -> float:
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "-f", str(config), "-d", str(site)],
                   check=True, env={**ENV, **(extra_env or {})}, cwd=ROOT)
    return time.perf_counter() - start


def plain_project(work: Path, project: Path = ROOT) -> Path:
    """The handbook's pages as rendered Markdown, and a config without the macros plugin."""
    dump = work / "docs"
    mkdocs_build(project / "mkdocs.yml", work / "site-dump", {"KAM_DUMP_MARKDOWN": str(dump)})
    shutil.copytree(project / "docs" / "assets", dump / "assets")
    config = load_config(str(project / "mkdocs.yml"))
    fw = loader.load(framework_dir(config))
    nav = json.loads(json.dumps(config["nav"]))
    _add_competencies_to_nav({"nav": nav}, fw)
    _add_guides_to_nav({"nav": nav}, fw)
    search = next(p for p in json.loads(json.dumps(load_raw_plugins(project))) if "search" in p)
    plain = {
        "INHERIT": str(project / "mkdocs.yml"),
        "docs_dir": str(dump),
        "theme": {"name": "material", "custom_dir": str(project / "overrides")},
        "plugins": [search],
        "nav": nav,
        "watch": [],
        "hooks": [],
        "extra": {"kam": {"repo_url": ""}},
    }
    path = work / "plain.yml"
    path.write_text(json.dumps(plain, indent=1), encoding="utf-8")  # JSON is YAML
    return path


def load_raw_plugins(project: Path = ROOT) -> list:
    import yaml

    class Loader(yaml.SafeLoader):
        pass

    Loader.add_constructor("!ENV", lambda loader, node: loader.construct_sequence(node)[-1])
    return yaml.load((project / "mkdocs.yml").read_text(encoding="utf-8"), Loader=Loader)["plugins"]


def bench_build(runs: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        plain = plain_project(work)
        handbook, baseline = [], []
        mkdocs_build(ROOT / "mkdocs.yml", work / "warm")  # warm the file cache and imports once
        for _ in range(runs):  # alternate, so that drift hits both alike
            handbook.append(mkdocs_build(ROOT / "mkdocs.yml", work / "s1"))
            baseline.append(mkdocs_build(plain, work / "s2"))
        pages = len(list((work / "s1").rglob("index.html")))
    h, b = statistics.median(handbook), statistics.median(baseline)
    print(f"build: handbook {h:.2f} s, plain Markdown without macros {b:.2f} s, "
          f"ratio {h / b:.2f} (target <= 1.15); median of {runs}, {pages} pages")


def bench_scaling(runs: int) -> None:
    import math

    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        rows = []
        for factor in (1, 5, 10):
            project = ROOT if factor == 1 else synthetic_project(factor, work)
            plain = plain_project(work / f"plain{factor}", project)
            ours, theirs = [], []
            for _ in range(runs):
                ours.append(mkdocs_build(project / "mkdocs.yml", work / f"s{factor}"))
                theirs.append(mkdocs_build(plain, work / f"p{factor}"))
            fw = loader.load(framework_dir(load_config(str(project / "mkdocs.yml"))))
            statements = sum(len(g["indicators"]) for c in fw["competencies"] for g in c["groups"])
            rows.append((factor, len(fw["competencies"]), statements, statistics.median(ours), statistics.median(theirs)))
    for factor, comps, statements, ours, theirs in rows:
        print(f"scaling {factor:>2}x: {comps} competencies, {statements} statements: build {ours:.2f} s, of which the theme and "
              f"MkDocs (plain Markdown, same pages) {theirs:.2f} s and ours {ours - theirs:.2f} s")
    (_, _, s1, t1, _), (_, _, s10, t10, _) = rows[0], rows[-1]
    print(f"scaling: growth exponent {math.log(t10 / t1) / math.log(s10 / s1):.2f} (build time ~ size^k, 1x to 10x)")


WEIGHT_PAGES = {"home": "index.html", "competency": "competencies/2.3-negotiations-with-customers/index.html",
                "overview": "assess/index.html", "rate": "assess/rate/index.html", "compare": "assess/compare/index.html",
                "plan": "assess/plan/index.html", "workspace": "assess/workspace/index.html",
                "review": "assess/review/index.html", "360": "assess/feedback/index.html"}


def page_weight() -> None:
    import gzip
    import re as _re

    static = _re.compile(r'^import [^;]*? from "\./([a-z]+\.js)";', _re.M)
    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp) / "site"
        mkdocs_build(ROOT / "mkdocs.yml", site)
        gz = lambda b: len(gzip.compress(b, 9))  # noqa: E731 - GitHub Pages serves gzip
        own_dirs = {(site / "assets" / "javascripts").resolve(), (site / "assets" / "stylesheets").resolve()}
        theme = ("bundle.", "main.", "palette.", "workers")
        for name, rel in WEIGHT_PAGES.items():
            page = site / rel
            if not page.exists():
                continue  # a page the framework does not have
            html = page.read_bytes()
            kinds = {"html": [html], "css": [], "js": [], "fonts": []}
            text = html.decode("utf-8")
            css_files = []
            for ref in _re.findall(r'<link[^>]+rel="stylesheet"[^>]+href="([^"]+)"', text):
                css = (page.parent / ref.split("?")[0]).resolve()
                css_files.append(css)
                kinds["css"].append(css.read_bytes())
                for font in _re.findall(r"url\(([^)]+\.(?:woff2?|ttf|otf))\)", css.read_text(encoding="utf-8")):
                    kinds["fonts"].append((css.parent / font.strip("'\"")).read_bytes())
            refs = _re.findall(r'<script[^>]+src="([^"]+)"', text) + _re.findall(r'<link rel="modulepreload" href="([^"]+)"', text)
            todo = [(page.parent / ref.split("?")[0]).resolve() for ref in refs]
            scripts: set[Path] = set()
            while todo:  # and every module they import statically
                path = todo.pop()
                if path not in scripts:
                    scripts.add(path)
                    todo += [path.parent / m for m in static.findall(path.read_text(encoding="utf-8", errors="ignore"))]
            kinds["js"] = [p.read_bytes() for p in sorted(scripts)]
            own = [p for p in [*css_files, *scripts] if p.parent in own_dirs and not p.name.startswith(theme)]
            own_gz = sum(gz(p.read_bytes()) for p in own)
            data = _re.search(r'<link rel="preload" href="([^"]+)" as="fetch"', text)
            fetched = f"; fetches {gz((page.parent / data.group(1)).read_bytes()) / 1024:.1f} KB gzip of framework data" if data else ""
            parts = ", ".join(f"{k} {sum(map(len, v)) / 1024:.0f}/{sum(map(gz, v)) / 1024:.0f}" for k, v in kinds.items())
            total_raw = sum(len(b) for v in kinds.values() for b in v)
            total_gz = sum(gz(b) for v in kinds.values() for b in v)
            print(f"weight {name}: {parts} KB raw/gzip; total {total_raw / 1024:.0f} KB raw, {total_gz / 1024:.0f} KB gzip; "
                  f"the project's own JS + CSS {own_gz / 1024:.1f} KB gzip in {len(own)} files (target <= 30){fetched}")
        own = [site / p.relative_to(ROOT / "docs") for p in (ROOT / "docs" / "assets").rglob("*") if p.suffix in (".js", ".css")]
        raw = sum(p.stat().st_size for p in own)
        packed = sum(gz(p.read_bytes()) for p in own)
        print(f"weight: all of the project's own JS + CSS as served ({len(own)} files) {raw / 1024:.1f} KB raw, "
              f"{packed / 1024:.1f} KB gzip (no page loads it all)")


def synthetic_project(factor: int, work: Path) -> Path:
    """A copy of the project whose framework has ``factor`` times the competencies (and statements)."""
    import yaml

    project = work / f"x{factor}"
    for name in ("docs", "macros", "overrides", "scripts", "framework"):
        shutil.copytree(ROOT / name, project / name, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    comp_dir = project / "framework" / "competencies"
    originals = [yaml.safe_load(p.read_text(encoding="utf-8")) for p in sorted(comp_dir.glob("*.yml"))]
    per_area: dict[str, int] = {}
    for c in originals:
        per_area[c["area"]] = per_area.get(c["area"], 0) + 1
    for k in range(1, factor):
        for c in originals:
            area, number = c["area"], int(c["id"].split(".")[1])
            new_id = f"{area}.{number + k * per_area[area]}"
            text = yaml.safe_dump(c, allow_unicode=True, sort_keys=False)
            copy = yaml.safe_load(text.replace(f"{c['id']}-", f"{new_id}-"))
            copy["id"], copy["title"] = new_id, f"{c['title']} ({k + 1})"
            copy.pop("notes", None)
            (comp_dir / f"{new_id}-copy.yml").write_text(yaml.safe_dump(copy, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return project


BROWSER_MEASURE = """async ({rounds}) => {
  const m = await import(new URL('assets/javascripts/scoring.js', document.baseURI.replace(/assess\\/rate\\/$/, '')).href);
  const page = JSON.parse(document.getElementById('kam-data').dataset.json);
  const fw = (await (await fetch(new URL(page.src, document.baseURI))).json()).framework;
  const ids = fw.competencies.flatMap(c => c.groups.flatMap(g => g.indicators.map(i => i.id)));
  const a = {format: 'kam-assessment', format_version: 1, framework: {id: fw.id, version: fw.version},
             ratings: Object.fromEntries(ids.map((id, k) => [id, k % 4])), evidence: Object.fromEntries(ids.map((id, k) => [id, k % 2 === 0])),
             will: Object.fromEntries(fw.competencies.map((c, k) => [c.id, 1 + k % 4])), profile: fw.profiles[0].id, completed_modules: []};
  const median = xs => xs.sort((x, y) => x - y)[Math.floor(xs.length / 2)];
  // performance.now() is coarse (0.1 ms) in a page that is not cross-origin isolated: time batches of 50.
  const scoring = [];
  for (let i = 0; i < rounds; i++) { const t = performance.now(); for (let j = 0; j < 50; j++) m.score(fw, a); scoring.push((performance.now() - t) / 50); }
  const inputs = [...document.querySelectorAll('input[type=radio][data-rating]')];
  const update = [];
  for (let i = 0; i < 40; i++) {
    const input = inputs[(i * 7919) % inputs.length];
    const live = document.getElementById('live-' + input.closest('.kam-form').dataset.competency);
    const before = live.textContent;
    const t = performance.now();
    input.click();             // change event: save, score, write the live result
    void live.offsetHeight;    // force style and layout of the updated display
    update.push(performance.now() - t);
    await new Promise(r => requestAnimationFrame(() => r()));
  }
  return {statements: ids.length, scoring: median(scoring), update: median(update)};
}"""


CHROMIUM = ""  # found by main() before the first figure


def bench_browser(runs: int) -> None:
    from playwright.sync_api import sync_playwright

    executable = CHROMIUM or None
    args = ["--disable-gpu", "--disable-background-networking", "--no-first-run"] + (["--no-sandbox"] if os.geteuid() == 0 else [])
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as p:
        work = Path(tmp)
        browser = p.chromium.launch(executable_path=executable, args=args)
        for factor in (1, 10):
            project = ROOT if factor == 1 else synthetic_project(factor, work)
            site = work / f"site{factor}"
            mkdocs_build(project / "mkdocs.yml", site)
            server = subprocess.Popen([sys.executable, "-m", "http.server", "0", "--bind", "127.0.0.1", "-d", str(site)],
                                      stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
            port = int(server.stdout.readline().split("port ")[1].split(" ")[0])
            page = browser.new_page()
            page.goto(f"http://127.0.0.1:{port}/assess/rate/")
            page.wait_for_selector('#kam-app[data-ready="true"]')  # every competency's form filled in
            figures = page.evaluate(BROWSER_MEASURE, {"rounds": 20 * runs})
            page.close()
            server.terminate()
            print(f"browser {factor:>2}x: {figures['statements']} statements; score the framework {figures['scoring']:.3f} ms "
                  f"(target < 1 ms at 1x); rating change to updated display (event, save, score, layout) {figures['update']:.1f} ms "
                  "(target < 16 ms at 1x); medians")
        browser.close()


def bench_reload(runs: int) -> None:
    """From saving a framework file to `serve.py` serving the page that shows the change."""
    import socket
    import urllib.error
    import urllib.request

    import yaml

    with tempfile.TemporaryDirectory() as tmp:
        framework = Path(tmp) / "framework"
        shutil.copytree(ROOT / "framework", framework)
        source = sorted((framework / "competencies").glob("*.yml"))[0]
        data = yaml.safe_load(source.read_text(encoding="utf-8"))
        page = f"competencies/{source.stem}/"
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            port = s.getsockname()[1]
        server = subprocess.Popen([sys.executable, str(ROOT / "scripts" / "serve.py"), "-a", f"127.0.0.1:{port}"], cwd=ROOT,
                                  env={**ENV, "KAM_FRAMEWORK": str(framework)}, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

        def get() -> str:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/{page}", timeout=60) as r:
                    return r.read().decode("utf-8")
            except (urllib.error.URLError, ConnectionError):
                return ""

        try:
            end = time.monotonic() + 120
            while not get():
                if time.monotonic() > end or server.poll() is not None:
                    print("reload: serve.py did not start")
                    return
                time.sleep(0.2)
            times = []
            text = source.read_text(encoding="utf-8")
            for k in range(runs):
                marker = f"{data['title']} (edit {k + 1})"
                time.sleep(1)  # the watcher sees one change at a time
                start = time.perf_counter()
                source.write_text(text.replace(f"title: {data['title']}", f"title: {marker}", 1)
                                  if f"title: {data['title']}" in text else text.replace(f'title: "{data["title"]}"', f'title: "{marker}"', 1),
                                  encoding="utf-8")
                while marker not in get():
                    if time.perf_counter() - start > 120:
                        print("reload: the change did not show within 120 s")
                        return
                    time.sleep(0.05)
                times.append(time.perf_counter() - start)
        finally:
            server.terminate()
            server.wait(timeout=30)
    print(f"reload: saving a framework file to serve.py serving the page that shows it {statistics.median(times):.2f} s "
          f"(median of {runs}; includes the watcher's polling, 0.5 s, and a whole rebuild)")


TRANSFER_PAGES = ("assess/", "assess/rate/", "assess/compare/", "assess/plan/", "assess/workspace/")


def transfer_kind(url: str, kind: str) -> str:
    path = url.split("?")[0]
    if "/search/" in path:
        return "search index"
    if "/kam-data." in path:
        return "framework file"
    if path.endswith(".js"):
        return "js"
    if path.endswith(".css"):
        return "css"
    return "html" if kind in ("Document", "XHR", "Fetch") else kind.lower()


def bench_transfer(_runs: int, project: Path = ROOT) -> None:
    import functools
    import http.server
    import threading

    from playwright.sync_api import sync_playwright

    import lighthouse  # its gzip-serving handler, with GitHub Pages' cache lifetime

    args = ["--disable-gpu", "--disable-background-networking", "--no-first-run"] + (["--no-sandbox"] if os.geteuid() == 0 else [])
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as p:
        site = Path(tmp) / "site"
        mkdocs_build(project / "mkdocs.yml", site)
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(lighthouse.Gzipped, directory=str(site)))
        threading.Thread(target=server.serve_forever, daemon=True).start()
        base = f"http://127.0.0.1:{server.server_address[1]}/"
        browser = p.chromium.launch(executable_path=CHROMIUM or None, args=args)
        context = browser.new_context()
        for visit in ("first visit", "repeat visit"):
            page = context.new_page()
            cdp = context.new_cdp_session(page)
            kinds: dict[str, str] = {}
            sizes: dict[str, float] = {}
            cdp.on("Network.responseReceived",
                   lambda e: kinds.__setitem__(e["requestId"], transfer_kind(e["response"]["url"], e["type"])))
            cdp.on("Network.loadingFinished", lambda e: sizes.__setitem__(e["requestId"], e["encodedDataLength"]))
            cdp.send("Network.enable")
            page.goto(base + TRANSFER_PAGES[0])
            page.wait_for_selector('#kam-app[data-ready="true"]')
            for rel in TRANSFER_PAGES[1:]:
                page.evaluate("url => [...document.querySelectorAll('a[href]')].find(a => a.href === url).click()", base + rel)
                page.wait_for_url(base + rel)
                page.wait_for_selector('#kam-app[data-ready="true"]')
            page.wait_for_timeout(500)
            by_kind: dict[str, float] = {}
            for rid, n in sizes.items():
                kind = kinds.get(rid, "other")
                by_kind[kind] = by_kind.get(kind, 0) + n
            parts = ", ".join(f"{k} {v / 1024:.0f}" for k, v in sorted(by_kind.items(), key=lambda kv: -kv[1]))
            print(f"transfer, five assessment pages by instant navigation, {visit}: {sum(sizes.values()) / 1024:.0f} KB "
                  f"in {len(sizes)} responses ({parts} KB)")
            page.close()
        browser.close()
        server.shutdown()


TEAM_NAMES = (["Ana", "Ben", "Chloé", "Dev", "Eun-ji", "Femi", "Gus", "Hana", "Ivo", "Jun", "Kai", "Lea", "Mo", "Nia",
               "Oskar", "Priya", "Quinn", "Rui", "Sam", "Tove"],
              ["Abe", "Berg", "Costa", "Diallo", "Eriksen", "Fischer", "García", "Haddad", "Ito", "Jensen", "Kowalski",
               "Lee", "Mensah", "Novak", "Okafor", "Park", "Quispe", "Rossi", "Singh", "Tanaka"])
TEAM_ROLES = ["manager", "peer", "customer", "coach", "other"]


def synthetic_team(framework: dict, folder: Path, n: int) -> None:
    """n exported assessments of ``framework`` in ``folder``, the same for the same n: names from 400 (so many the
    same) and one in ten without a name; about one competency in seven not assessed; a rating in fifty "na";
    one person in five with 1 to 4 ratings from others (responses, with rater roles)."""
    import random

    rnd = random.Random(n)
    comps = [(c["id"], [i["id"] for g in c["groups"] for i in g["indicators"]] if c.get("rated") != "levels" else [c["id"]])
             for c in framework["competencies"]]
    top = max(lv["value"] for lv in framework["scale"]["levels"])
    profiles = [None] + [p["id"] for p in framework["profiles"]]
    modules = [m["id"] for m in framework["modules"]]
    ref = {"id": framework["id"], "version": framework["version"]}

    def rating(level: float):
        return max(0, min(top, round(rnd.gauss(level, 0.8))))

    folder.mkdir(parents=True)
    for k in range(n):
        level = rnd.uniform(0.3, top - 0.3)
        ratings, evidence = {}, {}
        for cid, items in comps:
            if rnd.random() < 0.15:
                continue  # not assessed
            for item in items:
                if rnd.random() < 0.95:
                    ratings[item] = "na" if rnd.random() < 0.02 else rating(level)
                if rnd.random() < 0.5:
                    evidence[item] = True
        a = {"format": "kam-assessment", "format_version": 2, "framework": ref, "updated": "2026-12-01T09:00:00.000Z",
             "ratings": ratings, "evidence": evidence, "will": {cid: rnd.randint(1, 4) for cid, _ in comps},
             "profile": rnd.choice(profiles), "completed_modules": rnd.sample(modules, min(2, len(modules)))}
        if rnd.random() < 0.9:
            a["name"] = f"{rnd.choice(TEAM_NAMES[0])} {rnd.choice(TEAM_NAMES[1])}"
        if rnd.random() < 0.2:
            a["responses"] = [{"id": f"r-{k}-{j}", "request": None,
                               "rater": {"name": f"Rater {j + 1}", "role": rnd.choice(TEAM_ROLES)},
                               "created": "2026-12-02T10:00:00.000Z",
                               "ratings": {item: rating(level + rnd.uniform(-1.5, 1.5))
                                           for cid, items in rnd.sample(comps, len(comps) // 2) for item in items},
                               "comments": {}} for j in range(rnd.randint(1, 4))]
        (folder / f"person-{k:05d}.json").write_text(json.dumps(a, ensure_ascii=False), encoding="utf-8")


# Runs a command and prints its wall time, CPU time and peak memory as JSON: one process per run, so that the
# children's figures (getrusage) are that run's alone. CPU time is the steadier figure on a busy machine.
MEASURE = """import json, resource, subprocess, sys, time
start = time.perf_counter()
out = subprocess.run(sys.argv[1:], capture_output=True, text=True)
wall = time.perf_counter() - start
use = resource.getrusage(resource.RUSAGE_CHILDREN)
kb = use.ru_maxrss / (1024 if sys.platform == "darwin" else 1)
print(json.dumps({"rc": out.returncode, "wall": wall, "cpu": use.ru_utime + use.ru_stime, "rss_kb": kb,
                  "out": out.stdout.strip(), "err": out.stderr[-800:]}))
"""


def bench_team(sizes: tuple[int, ...]) -> None:
    framework = loader.load(ROOT / "framework")
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        for n in sizes:
            folder = work / f"team-{n}"
            start = time.perf_counter()
            synthetic_team(framework, folder, n)
            made = time.perf_counter() - start
            page, table = work / f"team-{n}.html", work / f"team-{n}.csv"
            cmd = [sys.executable, str(ROOT / "scripts" / "kam.py"), "team-report", str(folder), "-o", str(page), "--csv", str(table)]
            run = json.loads(subprocess.run([sys.executable, "-c", MEASURE, *cmd], capture_output=True, text=True, check=True,
                                            cwd=ROOT).stdout)
            if run["rc"]:
                print(f"team {n:>6} people: kam.py team-report failed ({run['rc']}): {run['err']}")
                continue
            print(f"team {n:>6} people ({len(framework['competencies'])} competencies each; files written in {made:.1f} s): "
                  f"team-report HTML + CSV {run['wall']:.2f} s ({run['cpu']:.2f} s CPU), peak memory {run['rss_kb'] / 1024:.0f} MB; "
                  f"HTML {page.stat().st_size / 1024:,.0f} KB, CSV {table.stat().st_size / 1024:,.0f} KB ({run['out']})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="fewer repetitions, for CI")
    parser.add_argument("--only", choices=("build", "reload", "scaling", "weight", "transfer", "browser", "team"),
                        help="one group of figures")
    args = parser.parse_args()
    if args.only in (None, "browser", "transfer"):  # before any figure: found, installed, or stop now saying how
        global CHROMIUM
        CHROMIUM = _bootstrap.find_chromium()
    runs = {"build": (bench_build, 3, 7), "reload": (bench_reload, 3, 5), "scaling": (bench_scaling, 1, 3), "weight": (lambda _: page_weight(), 1, 1),
            "transfer": (bench_transfer, 1, 1), "browser": (bench_browser, 1, 5), "team": (bench_team, (100, 1_000), (100, 1_000, 10_000))}
    for name, (run, quick, full) in runs.items():
        if args.only in (None, name):
            run(quick if args.quick else full)


if __name__ == "__main__":
    main()

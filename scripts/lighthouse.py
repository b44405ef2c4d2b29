#!/usr/bin/env python3
"""Lighthouse scores of the built handbook: python3 scripts/lighthouse.py [--runs N] [--only PAGE ...] [--keep-report DIR]

Builds the site, serves it gzip-compressed on localhost (as GitHub Pages
serves it, with its cache lifetime) and runs Lighthouse (npm `lighthouse`,
pinned; installed into .lighthouse/ on first use) with mobile settings in the
system Chromium, on every page type: home, competency, theory, rate, overview,
compare, plan, workspace, review. Prints the median of N runs (3 by default) of
the four category scores per page, with the spread of the performance score,
and, for any below target, the audits that cost points in the median run.
Targets: performance >= 98, accessibility 100, best practices 100, SEO 100.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import _bootstrap  # noqa: E402

_bootstrap.in_venv("requirements-test.txt")
ROOT = _bootstrap.ROOT
LIGHTHOUSE_VERSION = "12.2.3"  # the last release that runs on Node 20
TOOL = ROOT / ".lighthouse"
PAGES = {"home": "", "competency": "competencies/2.3-negotiations-with-customers/", "theory": "theory/",
         "rate": "assess/rate/", "overview": "assess/", "compare": "assess/compare/", "plan": "assess/plan/",
         "workspace": "assess/workspace/", "review": "assess/review/"}
TARGETS = {"performance": 98, "accessibility": 100, "best-practices": 100, "seo": 100}


class Gzipped(http.server.SimpleHTTPRequestHandler):
    """Serves files gzip-compressed when the client accepts it, as GitHub Pages does."""

    def log_message(self, *args):
        pass

    def end_headers(self):
        self.send_header("Cache-Control", "max-age=600")
        super().end_headers()

    def do_GET(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        if "gzip" not in self.headers.get("Accept-Encoding", "") or not path.is_file():
            return super().do_GET()  # directories without a slash are redirected; missing files get a 404
        body = gzip.compress(path.read_bytes(), 6)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


NODE_HELP = "install Node.js 18 or newer with npm (Debian/Ubuntu: sudo apt-get install nodejs npm), then run this again"


def lighthouse_bin() -> Path:
    """Lighthouse, installed into .lighthouse/ on first use; or stop at once saying what to install."""
    node = shutil.which("node")
    if not node:
        sys.exit(f"[kam] Lighthouse runs on Node.js: {NODE_HELP}")
    version = subprocess.run([node, "--version"], capture_output=True, text=True).stdout.strip()
    if int(version.lstrip("v").split(".")[0] or 0) < 18:
        sys.exit(f"[kam] Lighthouse {LIGHTHOUSE_VERSION} needs Node.js 18 or newer, not {version}: {NODE_HELP}")
    binary = TOOL / "node_modules" / ".bin" / "lighthouse"
    if not binary.exists():
        npm = shutil.which("npm")
        if not npm:
            sys.exit(f"[kam] installing Lighthouse needs npm: {NODE_HELP}")
        print(f"[kam] installing lighthouse {LIGHTHOUSE_VERSION} into {TOOL}", file=sys.stderr)
        TOOL.mkdir(exist_ok=True)
        if subprocess.run([npm, "install", "--prefix", str(TOOL), "--no-audit", "--no-fund", "--loglevel=error",
                           f"lighthouse@{LIGHTHOUSE_VERSION}"]).returncode != 0:
            sys.exit(f"[kam] could not install Lighthouse (offline?); run this to retry: "
                     f"npm install --prefix {TOOL} lighthouse@{LIGHTHOUSE_VERSION}")
    return binary


def run_once(binary: Path, chrome: str, url: str, out: Path) -> dict | str:
    """One Lighthouse run: its report, or why it failed."""
    flags = "--headless=new --disable-gpu --disable-background-networking --no-first-run" + (
        " --no-sandbox" if hasattr(os, "geteuid") and os.geteuid() == 0 else "")
    run = subprocess.run([str(binary), url, "--quiet", "--output=json", f"--output-path={out}", f"--chrome-flags={flags}",
                          "--only-categories=performance,accessibility,best-practices,seo"],
                         env={**os.environ, "CHROME_PATH": chrome}, capture_output=True, text=True)
    if run.returncode != 0 or not out.exists():
        return run.stderr.strip()[-400:]
    return json.loads(out.read_text())


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=3, help="runs per page; the median is printed (default 3)")
    parser.add_argument("--only", nargs="+", choices=list(PAGES), metavar="PAGE", help=f"some pages only: {', '.join(PAGES)}")
    parser.add_argument("--keep-report", metavar="DIR", help="also write each page's median JSON report into DIR")
    args = parser.parse_args()
    chrome = _bootstrap.find_chromium()
    binary = lighthouse_bin()
    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp) / "site"
        subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "-d", str(site)], cwd=ROOT, check=True,
                       env={**os.environ, "NO_MKDOCS_2_WARNING": "1", "SITE_URL": "http://127.0.0.1/"})
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Gzipped, directory=str(site)))
        threading.Thread(target=server.serve_forever, daemon=True).start()
        base = f"http://127.0.0.1:{server.server_address[1]}/"
        failed = False
        for name, path in PAGES.items():
            if args.only and name not in args.only:
                continue
            reports = []
            for k in range(args.runs):
                report = run_once(binary, chrome, base + path, Path(tmp) / f"{name}-{k}.json")
                if isinstance(report, str):
                    print(f"{name}: lighthouse failed: {report}")
                    failed = True
                else:
                    reports.append(report)
            if not reports:
                continue
            score = lambda r, k: round(r["categories"][k]["score"] * 100)  # noqa: E731
            reports.sort(key=lambda r: score(r, "performance"))
            median = reports[len(reports) // 2]
            scores = {k: statistics.median(score(r, k) for r in reports) for k in TARGETS}
            spread = sorted(score(r, "performance") for r in reports)
            print(f"{name:<11} " + "  ".join(f"{k} {v:g}{'' if v >= TARGETS[k] else ' (below ' + str(TARGETS[k]) + ')'}"
                                             for k, v in scores.items())
                  + f"  (performance of {len(reports)} runs: {', '.join(map(str, spread))})")
            for k, v in scores.items():
                if v < TARGETS[k]:
                    refs = median["categories"][k]["auditRefs"]
                    lost = [f"{r['id']} {median['audits'][r['id']].get('displayValue', '')}".strip() for r in refs
                            if r.get("weight") and (median["audits"][r["id"]].get("score") or 0) < 1
                            and median["audits"][r["id"]].get("scoreDisplayMode") not in ("notApplicable", "manual", "informative")]
                    print(f"            {k}: {'; '.join(lost[:8])}")
            if args.keep_report:
                Path(args.keep_report).mkdir(parents=True, exist_ok=True)
                (Path(args.keep_report) / f"{name}.json").write_text(json.dumps(median), encoding="utf-8")
        server.shutdown()
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
"""Lighthouse scores of the built handbook: python3 scripts/lighthouse.py [--keep-report DIR]

Builds the site, serves it gzip-compressed on localhost (as GitHub Pages
serves it) and runs Lighthouse (npm `lighthouse`, pinned; installed into
.lighthouse/ on first use) with mobile settings in the system Chromium, on the
home page, a competency, the assessment overview and the workspace. Prints the
four category scores per page and, for any below target, the audits that cost
points. Targets: performance >= 95, accessibility 100, best practices 100,
SEO >= 90.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import json
import os
import shutil
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
PAGES = {"home": "", "competency": "competencies/2.3-negotiations-with-customers/", "overview": "assess/",
         "workspace": "assess/workspace/"}
TARGETS = {"performance": 95, "accessibility": 100, "best-practices": 100, "seo": 90}


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


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--keep-report", metavar="DIR", help="also write each page's full JSON report into DIR")
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
        flags = "--headless=new --disable-gpu --disable-background-networking --no-first-run" + (
            " --no-sandbox" if hasattr(os, "geteuid") and os.geteuid() == 0 else "")
        failed = False
        for name, path in PAGES.items():
            out = Path(tmp) / f"{name}.json"
            run = subprocess.run([str(binary), base + path, "--quiet", "--output=json", f"--output-path={out}",
                                  f"--chrome-flags={flags}", "--only-categories=performance,accessibility,best-practices,seo"],
                                 env={**os.environ, "CHROME_PATH": chrome}, capture_output=True, text=True)
            if run.returncode != 0 or not out.exists():
                print(f"{name}: lighthouse failed: {run.stderr.strip()[-400:]}")
                failed = True
                continue
            report = json.loads(out.read_text())
            scores = {k: round(report["categories"][k]["score"] * 100) for k in TARGETS}
            print(f"{name:<11} " + "  ".join(f"{k} {v}{'' if v >= TARGETS[k] else ' (below ' + str(TARGETS[k]) + ')'}"
                                             for k, v in scores.items()))
            for k, v in scores.items():
                if v < TARGETS[k]:
                    refs = report["categories"][k]["auditRefs"]
                    lost = [r["id"] for r in refs if r.get("weight") and (report["audits"][r["id"]].get("score") or 0) < 1
                            and report["audits"][r["id"]].get("scoreDisplayMode") not in ("notApplicable", "manual", "informative")]
                    print(f"            {k}: {', '.join(lost[:8])}")
            if args.keep_report:
                Path(args.keep_report).mkdir(parents=True, exist_ok=True)
                shutil.copy(out, Path(args.keep_report) / f"{name}.json")
        server.shutdown()
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())

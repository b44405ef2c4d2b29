#!/usr/bin/env python3
"""Benchmarks: print figures, never assert them.

  python3 scripts/bench.py            full run
  python3 scripts/bench.py --quick    fewer repetitions (CI)

Figures:
  build   median `mkdocs build` time of the handbook against the same pages
          written out as plain Markdown and built without macros, and the ratio
          (target: at most 1.3).
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

_bootstrap.in_venv("requirements.txt")
ROOT = _bootstrap.ROOT
sys.path.insert(0, str(ROOT))

from mkdocs.config import load_config  # noqa: E402

from macros import loader  # noqa: E402
from macros.main import _add_competencies_to_nav, framework_dir  # noqa: E402

ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}


def mkdocs_build(config: Path, site: Path, extra_env: dict | None = None) -> float:
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "-f", str(config), "-d", str(site)],
                   check=True, env={**ENV, **(extra_env or {})}, cwd=ROOT)
    return time.perf_counter() - start


def plain_project(work: Path) -> Path:
    """The handbook's pages as rendered Markdown, and a config without the macros plugin."""
    dump = work / "docs"
    mkdocs_build(ROOT / "mkdocs.yml", work / "site-dump", {"KAM_DUMP_MARKDOWN": str(dump)})
    shutil.copytree(ROOT / "docs" / "assets", dump / "assets")
    config = load_config(str(ROOT / "mkdocs.yml"))
    fw = loader.load(framework_dir(config))
    nav = json.loads(json.dumps(config["nav"]))
    _add_competencies_to_nav({"nav": nav}, fw)
    search = next(p for p in json.loads(json.dumps(load_raw_plugins())) if "search" in p)
    plain = {
        "INHERIT": str(ROOT / "mkdocs.yml"),
        "docs_dir": str(dump),
        "theme": {"name": "material", "custom_dir": str(ROOT / "overrides")},
        "plugins": [search],
        "nav": nav,
        "watch": [],
        "extra": {"kam": {"repo_url": ""}},
    }
    path = work / "plain.yml"
    path.write_text(json.dumps(plain, indent=1), encoding="utf-8")  # JSON is YAML
    return path


def load_raw_plugins() -> list:
    import yaml

    class Loader(yaml.SafeLoader):
        pass

    Loader.add_constructor("!ENV", lambda loader, node: loader.construct_sequence(node)[-1])
    return yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=Loader)["plugins"]


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
          f"ratio {h / b:.2f} (target <= 1.3); median of {runs}, {pages} pages")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="fewer repetitions, for CI")
    args = parser.parse_args()
    bench_build(3 if args.quick else 7)


if __name__ == "__main__":
    main()

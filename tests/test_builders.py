"""The site builds on ProperDocs (the continuation of MkDocs 1.6) as on MkDocs, and the macros do not depend on
configuration keys only MkDocs gives (Zensical, which runs define_env alone, has no config_file_path)."""

from __future__ import annotations

import hashlib
import os
import subprocess
import venv
from pathlib import Path
from types import SimpleNamespace

import pytest

from conftest import ROOT, SITE_PATH
from test_site import page_text

VENV = ROOT / ".venv-properdocs"  # git-ignored; made once, again when the requirements change
REQUIREMENTS = ROOT / "requirements-properdocs.txt"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")


def properdocs() -> Path:
    """The properdocs command of .venv-properdocs, installing it first when needed. Where pip cannot install it
    (no network), the test is skipped saying so, except on CI (CI=true), where it must run."""
    stamp = VENV / ".installed"
    digest = hashlib.sha256(REQUIREMENTS.read_bytes()).hexdigest()
    if stamp.is_file() and stamp.read_text() == digest and (BIN / "properdocs").exists():
        return BIN / "properdocs"
    if not (BIN / "python").exists():
        venv.EnvBuilder(with_pip=True).create(VENV)
    out = subprocess.run([str(BIN / "python"), "-m", "pip", "install", "--quiet", "--disable-pip-version-check",
                          "-r", str(REQUIREMENTS)], capture_output=True, text=True, cwd=ROOT)  # (-e . is this project)
    if out.returncode != 0:
        reason = f"pip cannot install {REQUIREMENTS.name}: {out.stderr.strip().splitlines()[-1:]}"
        if os.environ.get("CI"):
            pytest.fail(reason)
        pytest.skip(reason)
    stamp.write_text(digest)
    return BIN / "properdocs"


def test_properdocs_builds_the_same_site_with_strict(tmp_path, site):
    command = properdocs()
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SITE_URL": f"http://127.0.0.1{SITE_PATH}"}
    env.pop("KAM_FRAMEWORK", None)
    out = subprocess.run([str(command), "build", "--strict", "--quiet", "-f", "mkdocs.yml", "-d", str(tmp_path / "site")],
                         cwd=ROOT, capture_output=True, text=True, env=env)
    assert out.returncode == 0, out.stderr
    built = tmp_path / "site"
    pages = lambda root: sorted(p.relative_to(root).as_posix() for p in root.rglob("*.html"))  # noqa: E731
    assert pages(built) == pages(site) and len(pages(built)) > 30
    for page in ("index.html", "competencies/index.html", "competencies/1.1-knowledge-of-own-company/index.html",
                 "assess/rate/index.html", "customise/index.html"):
        assert page_text(built / page) == page_text(site / page), page
    downloads = sorted(p.name for p in (site / "downloads").iterdir())
    assert sorted(p.name for p in (built / "downloads").iterdir()) == downloads
    for name in downloads:
        if not name.endswith(".xlsx"):  # a workbook carries the time it was written
            assert (built / "downloads" / name).read_bytes() == (site / "downloads" / name).read_bytes(), name
    # the hook ran: the theme's inline scripts allowed by their hashes, not by 'unsafe-inline'
    assert "'unsafe-inline'" not in (built / "index.html").read_text(encoding="utf-8").split("script-src", 1)[1].split(";")[0]


class ZensicalLikeEnv:
    """What Zensical 0.0.73 gives define_env: a plain configuration dict without config_file_path (root_dir
    instead), the navigation already converted, and a page with a path but no file."""

    def __init__(self):
        self.conf = {"root_dir": str(ROOT), "docs_dir": "docs", "site_name": "x", "theme": {"name": "material"},
                     "extra": {"kam": {"framework": "framework", "repo_url": "https://example.org/r"}}, "nav": [{"title": "Home", "url": "index.md"}]}
        self.variables: dict = {}
        self.macros: dict = {}
        self.page = SimpleNamespace(path="competencies/index.md", meta={}, url="competencies/")

    def macro(self, fn, name=None):
        self.macros[name or fn.__name__] = fn
        return fn

    def filter(self, fn):
        return fn


def test_define_env_runs_without_the_keys_only_mkdocs_gives(monkeypatch):
    from macros import main

    monkeypatch.delenv("KAM_FRAMEWORK", raising=False)
    monkeypatch.chdir(ROOT / "docs")  # not the project's folder: root_dir says where it is
    env = ZensicalLikeEnv()
    main.define_env(env)
    assert env.variables["kam_framework_dir"] == str((ROOT / "framework").resolve())
    assert env.conf["nav"] == [{"title": "Home", "url": "index.md"}]  # made before define_env runs: left alone
    assert "For learning platforms" in env.macros["downloads"]()
    assert "1.1" in env.macros["at_a_glance"]()
    main.on_pre_page_macros(env)
    assert env.page.edit_url.endswith("/docs/competencies/index.md")

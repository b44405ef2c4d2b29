"""Setting up and previewing: the scripts find what they need, and the preview server shows a broken framework's
problems in the browser instead of hanging."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request

from conftest import FRAMEWORK, ROOT, wait_until, watched_page

import _bootstrap


def test_the_running_interpreter_is_checked_against_the_requirements(tmp_path, monkeypatch):
    assert _bootstrap.satisfied("requirements.txt")  # the tests run with them
    (tmp_path / "base.txt").write_text("PyYAML>=6\n", encoding="utf-8")
    (tmp_path / "more.txt").write_text("# a comment\n-r base.txt\nmkdocs>=1.6,<2  # pinned\n", encoding="utf-8")
    (tmp_path / "missing.txt").write_text("-r base.txt\nno-such-package-kam>=1\n", encoding="utf-8")
    (tmp_path / "too-old.txt").write_text("PyYAML>=99\n", encoding="utf-8")
    monkeypatch.setattr(_bootstrap, "ROOT", tmp_path)
    assert _bootstrap.satisfied("more.txt")
    assert not _bootstrap.satisfied("missing.txt")
    assert not _bootstrap.satisfied("too-old.txt")


def test_kam_py_runs_in_an_interpreter_that_has_the_requirements(tmp_path):
    """No virtual environment of its own then (KAM_VENV points at one that does not exist and must stay so)."""
    venv = tmp_path / "venv"
    out = subprocess.run([sys.executable, str(ROOT / "scripts" / "kam.py"), "validate"], capture_output=True, text=True,
                         cwd=ROOT, env={**os.environ, "KAM_VENV": str(venv)}, timeout=120)
    assert out.returncode == 0, out.stderr
    assert out.stdout.startswith("ok: ")
    assert not venv.exists()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def get(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=60) as r:
            return r.status, r.read().decode("utf-8")
    except urllib.error.HTTPError as e:
        return e.code, e.read().decode("utf-8")


def test_serve_shows_a_broken_framework_in_the_browser_and_the_page_once_fixed(tmp_path, browser):
    framework = tmp_path / "framework"
    shutil.copytree(FRAMEWORK, framework)
    broken = sorted((framework / "competencies").glob("*.yml"))[0]
    good = broken.read_text(encoding="utf-8")
    lines = good.splitlines()
    at = next(k for k, line in enumerate(lines) if line.startswith("area:"))
    broken.write_text("\n".join(lines[:at] + ["area: [unclosed", "  oops: 1"] + lines[at + 1:]) + "\n", encoding="utf-8")
    port = free_port()
    server = subprocess.Popen([sys.executable, str(ROOT / "scripts" / "serve.py"), "-a", f"127.0.0.1:{port}"], cwd=ROOT,
                              env={**os.environ, "KAM_FRAMEWORK": str(framework), "NO_MKDOCS_2_WARNING": "1"},
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    base = f"http://127.0.0.1:{port}/"
    try:
        end = time.monotonic() + 120
        while True:  # until it serves (the first build runs before)
            try:
                status, body = get(base + "competencies/")
                break
            except (urllib.error.URLError, ConnectionError):
                assert server.poll() is None and time.monotonic() < end, "serve.py did not start"
                time.sleep(0.5)
        assert "The site cannot be built" in body
        assert f"{broken.name}:{at + 1}: (yaml): YAML syntax error" in body  # file:line: field: what is wrong
        assert get(base)[1] == body or "YAML syntax error" in get(base)[1]  # every address says so
        with watched_page(browser, base) as w:
            w.page.goto(base + "competencies/")
            assert "YAML syntax error" in w.page.locator(".kam-build-problems").inner_text()
            broken.write_text(good, encoding="utf-8")  # fixed: the page reloads by itself and is the real one
            wait_until(w.page, "!document.querySelector('.kam-build-problems') && !!document.querySelector('.md-content')",
                       timeout_ms=120_000)
            assert w.page.title().startswith("Competencies")
        status, body = get(base + "competencies/")
        assert status == 200 and "kam-build-problems" not in body
    finally:
        server.terminate()
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()

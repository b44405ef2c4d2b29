"""Shared fixtures: the compiled AKAM framework, and a way to build broken copies of a framework."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

from macros import loader  # noqa: E402

FRAMEWORK = ROOT / "framework"
MINI = ROOT / "tests" / "fixtures" / "mini"
BROKEN = ROOT / "tests" / "broken"


@pytest.fixture(scope="session")
def framework() -> dict:
    return loader.load(FRAMEWORK)


def overlay(case: Path, base: Path, target: Path) -> Path:
    """Copy ``base`` to ``target``, then the case's files over it; DELETE lists files to remove."""
    shutil.copytree(base, target)
    for f in case.rglob("*"):
        if f.is_file() and f.name not in ("expected.txt", "DELETE"):
            dest = target / f.relative_to(case)
            dest.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy(f, dest)
    if (case / "DELETE").exists():
        for name in (case / "DELETE").read_text().split():
            (target / name).unlink()
    return target


# ---------------------------------------------------------------- the built site and a browser

import contextlib  # noqa: E402
import functools  # noqa: E402
import http.server  # noqa: E402
import os  # noqa: E402
import subprocess  # noqa: E402
import threading  # noqa: E402
from urllib.parse import urlparse  # noqa: E402

import _bootstrap  # noqa: E402  (scripts/, on the path by pyproject.toml's pytest settings)

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"


def build_site(target: Path, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "-d", str(target)],
                          cwd=ROOT, capture_output=True, text=True, env={**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})})


# Served under a path, as GitHub Pages serves a project site: links must not assume the root.
SITE_PATH = "/kam-handbook/"


def framework_site(target: Path, framework: Path | None = None) -> Path:
    """The site of ``framework`` (the repository's own by default) built with --strict into ``target``, for serving
    under SITE_PATH."""
    env = {"SITE_URL": f"http://127.0.0.1{SITE_PATH}", **({"KAM_FRAMEWORK": str(framework)} if framework else {})}
    out = build_site(target, env)
    assert out.returncode == 0, out.stderr
    return target


@pytest.fixture(scope="session")
def site(tmp_path_factory) -> Path:
    """The handbook, built once per test session with --strict."""
    return framework_site(tmp_path_factory.mktemp("site"))


class PagesHandler(http.server.SimpleHTTPRequestHandler):
    """Serves the site under SITE_PATH and answers unknown paths with 404.html, like GitHub Pages."""

    def log_message(self, *args):  # keep the test output clean
        pass

    def translate_path(self, path):
        path = path.split("?", 1)[0].split("#", 1)[0]
        inner = path[len(SITE_PATH) - 1:] if path.startswith(SITE_PATH) else "/__outside__"
        return super().translate_path(inner)

    def send_head(self):
        path = self.translate_path(self.path)
        if os.path.isdir(path) and not self.path.split("?")[0].endswith("/"):
            return super().send_head()  # the redirect to the slash-terminated address
        target = os.path.join(path, "index.html") if os.path.isdir(path) else path
        if not os.path.exists(target):
            body = (Path(self.directory) / "404.html").read_bytes()
            self.send_response(404)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            return __import__("io").BytesIO(body)
        return super().send_head()


@contextlib.contextmanager
def serve(site: Path, handler: type | None = None):
    """Serve a built site on localhost, as GitHub Pages would (PagesHandler, or a subclass of it); yields its address."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler or PagesHandler, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}{SITE_PATH}"
    finally:
        server.shutdown()


@pytest.fixture(scope="session")
def base_url(site) -> str:
    with serve(site) as url:
        yield url


CHROMIUM_ARGS = ["--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--no-first-run", "--disable-quic", "--disable-extensions"]


@pytest.fixture(scope="session")
def browser():
    sync_api = pytest.importorskip("playwright.sync_api")
    executable = os.environ.get("KAM_CHROMIUM") or _bootstrap.find_chromium(install=False) or None
    args = CHROMIUM_ARGS + (["--no-sandbox"] if hasattr(os, "geteuid") and os.geteuid() == 0 else [])
    with sync_api.sync_playwright() as p:
        try:
            b = p.chromium.launch(executable_path=executable, args=args)
        except Exception as exc:  # no browser at all: say how to get one
            pytest.fail(f"cannot start Chromium ({exc}); run python3 scripts/test.py, which finds or installs one")
        yield b
        b.close()


PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True, "device_scale_factor": 2}  # a phone's screen


class Watched:
    """A page that records every request to another host and every console error."""

    def __init__(self, page, base_url: str):
        self.page = page
        self.own = urlparse(base_url).netloc
        self.foreign: list[str] = []
        self.errors: list[str] = []
        page.on("request", self._request)
        page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: self.errors.append(str(e)))

    def _request(self, request):
        url = urlparse(request.url)
        if url.scheme in ("http", "https", "ws", "wss") and url.netloc != self.own:
            self.foreign.append(request.url)

    def axe(self) -> list[dict]:
        """axe-core's violations on the current page (WCAG 2.x A/AA and best practices)."""
        assert AXE.exists(), "axe-core missing: run python3 scripts/test.py (it runs npm ci)"
        # evaluated by the browser's debugging protocol, not as a <script> tag: the pages' Content Security Policy
        # allows no inline script it does not know (tests need no bypass_csp)
        if not self.page.evaluate("() => typeof window.axe === 'object'"):
            self.page.evaluate(AXE.read_text(encoding="utf-8") + "\n;undefined")
        # after the page's transitions (Material fades "back to top" in as one scrolls up): colours mid-fade are not the page's
        return self.page.evaluate("async () => { await Promise.all(document.getAnimations().filter(a => a.effect && a.effect.getComputedTiming().endTime !== Infinity).map(a => a.finished.catch(() => null)));"
                                  " return (await axe.run(document)).violations.map("
                                  "v => ({id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map(n => n.target.join(' '))})); }")


@contextlib.contextmanager
def watched_page(browser, url: str, **options):
    """A new page in a fresh browser context (``options`` for the context, e.g. PHONE), watched for errors."""
    context = browser.new_context(**options)
    context.set_default_timeout(float(os.environ.get("KAM_TIMEOUT_MS", 30000)))  # shorter while mending tests
    try:
        yield Watched(context.new_page(), url)
    finally:
        context.close()


# The rating page shows one competency at a time: it is drawn when the one shown has its live result.
SHOWN_LIVE = ".kam-step:not([hidden]) .kam-live:not(:empty)"


def wait_until(page, predicate: str, arg=None, timeout_ms: float | None = None) -> None:
    """Wait until the page's JavaScript ``predicate`` (an expression, or a function of ``arg``) is true, polling from
    here: Playwright's wait_for_function re-evaluates its text with eval, which the pages' policy refuses."""
    import time

    fn = predicate if "=>" in predicate else f"() => ({predicate})"
    limit = timeout_ms if timeout_ms is not None else float(os.environ.get("KAM_TIMEOUT_MS", "30000"))
    end = time.monotonic() + limit / 1000
    from playwright.sync_api import Error

    def true() -> bool:
        try:
            return bool(page.evaluate(fn, arg))
        except Error:  # the page is navigating (a reload is awaited): not yet
            return False

    while not true():
        if time.monotonic() > end:
            raise AssertionError(f"still false after {limit:.0f} ms: {predicate}")
        page.wait_for_timeout(50)


def show_step(page, cid: str) -> None:
    """Open competency ``cid`` on the rating page, as its jump list does (nothing to do when it is shown already)."""
    if page.locator(f'section.kam-step[data-competency="{cid}"]').is_hidden():
        page.select_option("#kam-jump", cid)
    page.wait_for_selector(f'section.kam-step[data-competency="{cid}"]:not([hidden])')


@pytest.fixture
def watched(browser, base_url):
    with watched_page(browser, base_url) as w:
        yield w


# ---------------------------------------------------------------- scoring.js in Node, for the parity tests

import json  # noqa: E402
import shutil as _shutil  # noqa: E402

from macros import plan as planning  # noqa: E402
from macros import scoring  # noqa: E402


class NodeScorer:
    """A long-running Node process answering scoring requests line by line."""

    def __init__(self):
        node = _shutil.which("node")
        if not node:
            pytest.fail("the parity tests need Node.js (node) on the PATH to run scoring.js")
        self.proc = subprocess.Popen([node, str(ROOT / "tests" / "js" / "scoring_worker.mjs")], stdin=subprocess.PIPE,
                                     stdout=subprocess.PIPE, text=True, encoding="utf-8", bufsize=1)

    def run(self, framework: dict, assessment, kind: str = "assessment") -> dict:
        """kind "assessment": check and score it; "response": checkResponse of a response file."""
        self.proc.stdin.write(json.dumps({"framework": framework, kind: assessment}, ensure_ascii=False) + "\n")
        self.proc.stdin.flush()
        answer = json.loads(self.proc.stdout.readline())
        assert "exception" not in answer, answer.get("exception")
        return answer

    def close(self):
        self.proc.stdin.close()
        self.proc.wait(timeout=10)


@pytest.fixture(scope="session")
def node_scorer():
    scorer = NodeScorer()
    yield scorer
    scorer.close()


def python_answer(framework: dict, assessment) -> dict:
    checked = scoring.check(framework, assessment)
    answer = {"check": checked, "result": None, "order": None, "plan": None}
    if not checked["errors"]:
        answer["result"] = scoring.score(framework, assessment)
        answer["order"] = scoring.submission_order(framework, answer["result"])
        if (framework.get("diploma") or {}).get("workspace") is not None:  # the submission plan needs a workspace
            answer["plan"] = planning.plan(framework, assessment, answer["result"])
    return answer


def same(a, b, path="") -> None:
    """Exact equality across the JSON boundary: bools are not numbers, numbers are equal doubles."""
    if isinstance(a, bool) or isinstance(b, bool):
        assert type(a) is type(b) and a == b, f"{path}: {a!r} != {b!r}"
    elif isinstance(a, (int, float)) or isinstance(b, (int, float)):
        assert isinstance(a, (int, float)) and isinstance(b, (int, float)) and float(a) == float(b), f"{path}: {a!r} != {b!r}"
    elif isinstance(a, dict):
        assert isinstance(b, dict) and list(a) == list(b), f"{path}: keys {list(a)} != {list(b) if isinstance(b, dict) else b!r}"
        for k in a:
            same(a[k], b[k], f"{path}.{k}")
    elif isinstance(a, list):
        assert isinstance(b, list) and len(a) == len(b), f"{path}: {a!r} != {b!r}"
        for i, (x, y) in enumerate(zip(a, b)):
            same(x, y, f"{path}[{i}]")
    else:
        assert a == b, f"{path}: {a!r} != {b!r}"

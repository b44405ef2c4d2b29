"""`mkdocs serve` (scripts/serve.py) while the site cannot be built: the browser shows why.

MkDocs' own server holds every request after a failed build until one succeeds, so a page seems hung and the cause
is only in the terminal. ``install()`` wraps the build that `mkdocs serve` runs: when it fails, the site becomes one
error page (served for every address, as the 404 page) that lists the problems, the framework's as
``file:line: field: what is wrong``, and reloads itself when the next build succeeds or finds other problems.
"""

from __future__ import annotations

import html
import logging
import time
from pathlib import Path
from typing import Any, Callable
from urllib.parse import urlsplit

from . import loader, pages
from .scoring import translator

MARKER = "kam-build-failed.txt"  # exists only in a failed build's site; its text changes with every failed build

# Polls the marker: gone (a site was built) or changed (other problems), the page reloads. Inline: this page has no
# policy, and mkdocs serve does not add its live-reload script to an error page.
RELOAD = """(() => { const stamp = %s;
  const poll = () => fetch(%s, { cache: "no-store" }).then((r) => (r.ok ? r.text() : null))
    .then((text) => (text === stamp ? setTimeout(poll, 700) : location.reload()), () => setTimeout(poll, 2000));
  setTimeout(poll, 700); })();"""


def _texts() -> Callable[..., str]:
    try:
        return translator(loader.default_strings())
    except Exception:  # macros/strings.yml itself broken: its keys stand in
        return translator({})


def problems(config: Any, logged: list[str]) -> list[str]:
    """What stops the build: the framework's problems when it has any, else what the build logged as errors and
    warnings (e.g. a broken link under --strict)."""
    try:
        errors = loader.validate(pages.framework_dir(config))
    except Exception as exc:  # noqa: BLE001 - whatever stops the check is the problem to show
        errors = [f"{type(exc).__name__}: {exc}"]
    return [str(p) for p in errors] or logged


def error_page(messages: list[str], stamp: str, marker_url: str) -> str:
    import json

    t = _texts()
    items = "\n".join(f"<li><code>{html.escape(m)}</code></li>" for m in messages)
    script = RELOAD % (json.dumps(stamp), json.dumps(marker_url))
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>{html.escape(t("serve_error_title"))}</title>
<style>body{{font:1rem/1.5 system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem}}
li{{margin:.4rem 0}} code{{white-space:pre-wrap;overflow-wrap:anywhere}}</style></head>
<body><main><h1>{html.escape(t("serve_error_title"))}</h1>
<p>{html.escape(t("serve_error_text", n=len(messages)))}</p>
<ul class="kam-build-problems">
{items}
</ul></main><script>{script}</script></body></html>
"""


def write_error_site(config: Any, messages: list[str]) -> None:
    """Replace the built site by the error page (every address) and the marker its script polls."""
    from mkdocs import utils

    site = Path(config["site_dir"])
    site.mkdir(parents=True, exist_ok=True)
    utils.clean_directory(str(site))
    stamp = f"{time.time_ns()}"
    mount = urlsplit(config["site_url"] or "/").path.rstrip("/") + "/"
    page = error_page(messages, stamp, mount + MARKER)
    for name in ("404.html", "index.html"):
        (site / name).write_text(page, encoding="utf-8")
    (site / MARKER).write_text(stamp, encoding="utf-8")


class _Logged(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


def install() -> None:
    """Make `mkdocs serve` show a failed build's problems in the browser instead of holding the requests."""
    from mkdocs.commands import serve

    build = serve.build
    if getattr(build, "kam_shows_errors", False):
        return
    log = logging.getLogger("mkdocs")

    def build_or_show_problems(config: Any, **kwargs: Any) -> None:
        logged = _Logged()
        log.addHandler(logged)
        try:
            build(config, **kwargs)
        except Exception:  # noqa: BLE001 - any failed build (mkdocs' Abort included): show it, keep serving
            messages = problems(config, logged.messages) or ["?"]
            write_error_site(config, messages)
            log.error("The site cannot be built (%d problem(s)); the browser shows them until they are fixed.",
                      len(messages))
        finally:
            log.removeHandler(logged)

    build_or_show_problems.kam_shows_errors = True  # type: ignore[attr-defined]
    serve.build = build_or_show_problems

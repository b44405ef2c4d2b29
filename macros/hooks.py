"""MkDocs hooks: add the pages generated from the framework (see pages.py) to the site, leave out the pages of
optional parts it does not have, and serve the project's own scripts and styles without their comment lines."""

from __future__ import annotations

import base64
import hashlib
import re
from pathlib import Path
from typing import Any

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files

from macros import interchange, loader, pages, render, sheets


def on_files(files: Files, config: Any) -> Files:
    directory = pages.framework_dir(config)
    fw = loader.load_cached(directory)  # macros/main.py has already failed the build if it is invalid
    generated = pages.generated(fw, directory)
    problems = pages.collisions(generated, Path(config["docs_dir"]), directory)
    if problems:
        raise PluginError("Pages in docs/ clash with the pages generated from the framework:\n" + "\n".join(problems))
    broken = pages.template_problems(fw, directory)  # the framework's own templates, rendered once before the pages are
    if broken:
        raise PluginError(f"{len(broken)} problem(s) in the framework's page templates:\n" + "\n".join(map(str, broken)))
    for file in [f for f in files if f.src_uri in pages.OPTIONAL and not pages.wanted(fw, f.src_uri)]:
        files.remove(file)  # a page of a part the framework does not have
    for src, (content, _) in generated.items():
        files.append(File.generated(config, src, content=content))
    for src, content in _made(fw, directory).items():  # the downloads, and the data the assessment pages fetch (once)
        files.append(File.generated(config, src, content=content))
    if fw["sample_assessment"]:  # published for download and import
        files.append(File.generated(config, render.SAMPLE, abs_src_path=str(directory / fw["sample_assessment"])))
    return files


_MADE: dict[int, tuple[dict, dict[str, str | bytes]]] = {}


def _made(fw: dict, directory: Path) -> dict[str, str | bytes]:
    """{site path: content} of the files made from the framework as a whole: the downloads (JSON, statements CSV,
    CASE, Moodle, Totara, the workbooks) and the assessment pages' data. Made once for each load of the framework:
    loader.load_cached gives the same object while the folder is unchanged, so `mkdocs serve` rebuilds for an edit of a
    page reuse them (the workbooks take a fifth of a second)."""
    made = _MADE.get(id(fw))
    if made and made[0] is fw:
        return made[1]
    out = {render.DOWNLOADS[kind]: make() for kind, make in interchange.exports(fw, directory).items()}
    out[render.DOWNLOADS["template"]] = _template()
    data_src, data = render.app_data(fw)
    out[data_src] = data
    _MADE.clear()
    _MADE[id(fw)] = (fw, out)
    return out


_TEMPLATE: list[bytes] = []


def _template() -> bytes:
    """The spreadsheet template (the same for every framework: made once a process)."""
    if not _TEMPLATE:
        _TEMPLATE.append(sheets.template())
    return _TEMPLATE[0]


SERVING = False  # mkdocs serve injects its live-reload script into every page it serves: inline, not hashed


def on_startup(command: str, dirty: bool) -> None:
    global SERVING
    SERVING = command == "serve"


def on_post_build(config: Any) -> None:
    """Drop whole-line comments from our own JS and CSS in the built site: they are for readers of the source; and
    allow the theme's inline scripts by their hashes, not by 'unsafe-inline' (an injected script would not run)."""
    docs, site = Path(config["docs_dir"]), Path(config["site_dir"])
    for src in list((docs / "assets").rglob("*.js")) + list((docs / "assets").rglob("*.css")):
        built = site / src.relative_to(docs)
        if built.exists():
            built.write_text(strip_comments(src.read_text(encoding="utf-8"), src.suffix), encoding="utf-8")
    if not SERVING:
        pin_inline_scripts(sorted(site.rglob("*.html")))


INLINE = re.compile(r"<script(?![^>]*\ssrc=)(?![^>]*type=\"application/json\")[^>]*>(.*?)</script>", re.S)
UNSAFE = "script-src 'self' 'unsafe-inline'"


def pin_inline_scripts(pages: list[Path]) -> None:
    """Replace 'unsafe-inline' in each page's script-src by the hashes of the inline scripts of all pages (the same
    list everywhere: instant navigation runs a later page's scripts under the first page's policy)."""
    texts = {page: page.read_text(encoding="utf-8") for page in pages}
    hashes = sorted({base64.b64encode(hashlib.sha256(m.group(1).encode("utf-8")).digest()).decode("ascii")
                     for text in texts.values() for m in INLINE.finditer(text)})
    allowed = "script-src 'self'" + "".join(f" 'sha256-{h}'" for h in hashes)
    for page, text in texts.items():
        if UNSAFE in text:
            page.write_text(text.replace(UNSAFE, allowed), encoding="utf-8")


def strip_comments(text: str, suffix: str) -> str:
    """Remove lines that hold only a // comment (JS) and /* ... */ comments (CSS); nothing else changes."""
    if suffix == ".css":
        return re.sub(r"/\*.*?\*/\n?", "", text, flags=re.S)
    return re.sub(r"^[ \t]*//[^\n]*\n", "", text, flags=re.M)

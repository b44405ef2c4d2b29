"""Page layouts as Jinja templates: one Markdown template per kind of generated page (issue 17).

``macros/templates/<kind>.md`` holds the layout of each kind of page the framework makes (a competency, an area,
the theory library, …). Python prepares what a page shows (``render.py``: the compiled framework, the links, each
section as Markdown); the template decides the order and the words around it. A framework replaces any of them with
a file of the same name in its own ``templates/`` folder; a file there with another name, or a template that does
not parse or fails while rendering, is a problem reported as ``file:line: (template): what is wrong``.

A template may start with a YAML front matter block (``---`` … ``---``): it becomes the front matter of the pages
made from it (``pages.py``), the rest is rendered with the page's variables.
"""

from __future__ import annotations

import re
import traceback
from functools import cache
from pathlib import Path
from typing import Any

import jinja2

from .problems import FrameworkError, Problem, display_path

TEMPLATE_DIR = Path(__file__).parent / "templates"
FOLDER = "templates"  # a framework's own templates: <framework folder>/templates/<kind>.md
KINDS = tuple(sorted(p.stem for p in TEMPLATE_DIR.glob("*.md")))
_FRONT = re.compile(r"\A---[ \t]*\n(.*?\n)---[ \t]*\n", re.S)
FIELD = "(template)"


def split_front_matter(text: str) -> tuple[str, str]:
    """(the front matter block with its --- lines, or "", the body with the block's lines left blank so that line
    numbers stay those of the file)."""
    m = _FRONT.match(text)
    if not m:
        return "", text
    return m.group(0), "\n" * m.group(0).count("\n") + text[m.end():]


def check(directory: Path) -> list[Problem]:
    """The problems of a framework's templates folder: unknown names, templates that do not parse."""
    folder = Path(directory) / FOLDER
    if not folder.is_dir():
        return []
    problems = []
    env = _environment(None)
    for path in sorted(folder.iterdir()):
        if path.is_dir() or path.suffix != ".md" or path.stem not in KINDS:
            problems.append(Problem(display_path(path), 1, FIELD, f"unknown template: the templates are {', '.join(k + '.md' for k in KINDS)}"))
            continue
        try:
            env.parse(split_front_matter(path.read_text(encoding="utf-8"))[1], path.name, str(path))
        except jinja2.TemplateSyntaxError as exc:
            problems.append(Problem(display_path(path), exc.lineno or 1, FIELD, exc.message or str(exc)))
        except UnicodeDecodeError as exc:
            problems.append(Problem(display_path(path), 1, FIELD, f"not UTF-8 text: {exc.reason}"))
    return problems


def overridden(directory: Path | None) -> list[str]:
    """The kinds whose template the framework replaces, in order."""
    folder = Path(directory) / FOLDER if directory else None
    return [k for k in KINDS if folder and (folder / f"{k}.md").is_file()]


class _Loader(jinja2.BaseLoader):
    """The framework's template of a kind, else the default; front matter left out (its lines kept blank)."""

    def __init__(self, directory: Path | None):
        self.folders = [Path(directory) / FOLDER] if directory else []
        self.folders.append(TEMPLATE_DIR)

    def get_source(self, environment: jinja2.Environment, template: str) -> tuple[str, str, Any]:
        for n, folder in enumerate(self.folders):
            path = folder / template
            if path.is_file():
                stamp = path.stat().st_mtime_ns
                earlier = [f / template for f in self.folders[:n]]  # a framework's template added later replaces it

                def uptodate() -> bool:
                    return path.is_file() and path.stat().st_mtime_ns == stamp and not any(p.is_file() for p in earlier)

                return split_front_matter(path.read_text(encoding="utf-8"))[1], str(path), uptodate
        raise jinja2.TemplateNotFound(template)


def _environment(directory: Path | None) -> jinja2.Environment:
    """Markdown, not HTML: nothing escaped but by the md filter (text from the framework made safe for Markdown, as the
    renderers make it); an unknown variable is an error."""
    from .render import esc  # (render.py imports this module)

    env = jinja2.Environment(loader=_Loader(directory), undefined=jinja2.StrictUndefined, trim_blocks=True,
                             lstrip_blocks=True, keep_trailing_newline=True, autoescape=False)
    env.filters["md"] = esc
    return env


@cache
def layouts(directory: Path | None = None) -> "Layouts":
    return Layouts(directory)


class Layouts:
    """The templates of one framework folder (None: the defaults only)."""

    def __init__(self, directory: Path | None):
        self.directory = Path(directory) if directory else None
        self.env = _environment(self.directory)

    def path(self, kind: str) -> Path:
        own = self.directory / FOLDER / f"{kind}.md" if self.directory else None
        return own if own and own.is_file() else TEMPLATE_DIR / f"{kind}.md"

    def front_matter(self, kind: str) -> str:
        return split_front_matter(self.path(kind).read_text(encoding="utf-8"))[0]

    def render(self, kind: str, **context: Any) -> str:
        """The page (or part of a page) of ``kind`` with these variables; a problem with file:line on any error."""
        if kind not in KINDS:
            raise ValueError(f"no template for {kind!r}: the kinds are {', '.join(KINDS)}")
        try:
            return self.env.get_template(f"{kind}.md").render(**context)
        except jinja2.TemplateSyntaxError as exc:
            raise FrameworkError([Problem(display_path(Path(exc.filename or self.path(kind))), exc.lineno or 1, FIELD,
                                          exc.message or str(exc))]) from None
        except FrameworkError:
            raise
        except Exception as exc:  # an unknown variable, a filter on the wrong type, …: where in the template
            frames = [f for f in traceback.extract_tb(exc.__traceback__) if f.filename.endswith(".md")]
            where = frames[-1] if frames else None
            file = display_path(Path(where.filename)) if where else display_path(self.path(kind))
            raise FrameworkError([Problem(file, where.lineno if where else 1, FIELD, f"{type(exc).__name__}: {exc}")]) from None

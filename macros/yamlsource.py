"""Read one YAML file strictly, keeping the line of every field.

PyYAML silently keeps the last of two equal keys and forgets where things
were; this module composes the node tree itself so that it can report
duplicate keys, non-string keys, tabs, bad encodings and empty files with
their lines, and hand the validator a map from field path to line.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .problems import Problem, display_path

PathKey = tuple[str | int, ...]

# Bounds on what one framework file may be: the AKAM framework's largest file is about 20 KB, 1,500 values and
# 8 levels deep. A file beyond them is refused at once with its line, not expanded (a YAML alias bomb, nine levels
# of anchors each repeating the one before, would otherwise take minutes and gigabytes).
MAX_BYTES = 2_000_000
MAX_VALUES = 200_000  # values after aliases are expanded
MAX_DEPTH = 60


class _TooBig(Exception):
    def __init__(self, line: int, message: str):
        super().__init__(message)
        self.line, self.message = line, message


def field_name(path: PathKey) -> str:
    """``("groups", 0, "title")`` -> ``groups[0].title``."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + part
    return out or "(file)"


@dataclass
class Source:
    """A parsed YAML file: its data and the line (1-based) of every path."""

    path: Path
    name: str
    data: Any = None
    lines: dict[PathKey, int] = field(default_factory=dict)
    raw: dict[PathKey, str] = field(default_factory=dict)  # scalars as written, for error hints
    problems: list[Problem] = field(default_factory=list)
    dropped: frozenset[str] = frozenset()  # top-level fields left out, as they break the file's schema

    @property
    def partial(self) -> bool:
        return bool(self.dropped)

    def line(self, path: PathKey) -> int:
        """The line of ``path``, or of its nearest ancestor that has one."""
        path = tuple(path)
        while path not in self.lines and path:
            path = path[:-1]
        return self.lines.get(path, 1)

    def problem(self, path: PathKey, message: str) -> Problem:
        return Problem(self.name, self.line(path), field_name(tuple(path)), message)


def read(path: Path) -> Source:
    src = Source(path=path, name=display_path(path))
    size = path.stat().st_size
    if size > MAX_BYTES:
        src.problems.append(Problem(src.name, 1, "(file)", f"the file is {size:,} bytes; a framework file may be at most {MAX_BYTES:,}"))
        return src
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        src.problems.append(Problem(src.name, line, "(file)", f"not UTF-8: byte 0x{raw[exc.start]:02x} cannot be decoded; save the file as UTF-8"))
        return src
    if text.startswith("\ufeff"):
        text = text[1:]
    if not text.strip() or all(not ln.strip() or ln.lstrip().startswith("#") for ln in text.splitlines()):
        src.problems.append(Problem(src.name, 1, "(file)", "the file is empty"))
        return src
    for number, ln in enumerate(text.splitlines(), start=1):
        indent = ln[: len(ln) - len(ln.lstrip(" \t"))]
        if "\t" in indent:
            src.problems.append(Problem(src.name, number, "(file)", "tab character in indentation: YAML indentation must use spaces"))
    if src.problems:
        return src
    try:
        try:
            node = yaml.compose(text, Loader=_FAST)
        except yaml.YAMLError:  # report with the pure-Python parser's wording, the same everywhere
            node = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as exc:
        line, what = _syntax(exc, text)
        src.problems.append(Problem(src.name, line, "(yaml)", f"YAML syntax error: {what}"))
        return src
    except yaml.YAMLError as exc:  # pragma: no cover - composer errors are all marked
        src.problems.append(Problem(src.name, 1, "(yaml)", f"YAML error: {exc}"))
        return src
    except RecursionError:  # the composer recurses once per level of nesting
        src.problems.append(Problem(src.name, 1, "(yaml)", f"nested too deeply: a framework file may nest at most {MAX_DEPTH} levels"))
        return src
    try:
        src.data = _build(node, (), src, [0])
    except _TooBig as exc:
        src.problems.append(Problem(src.name, exc.line, "(yaml)", exc.message))
        src.data, src.lines, src.raw = None, {}, {}
    return src


def _syntax(exc: yaml.MarkedYAMLError, text: str) -> tuple[int, str]:
    """The line of a YAML syntax mistake and what it is, in plain words: PyYAML often notices a mistake only on a
    later line (an unclosed quote at the end of the file, a missing colon on the next key)."""
    problem = exc.problem or ""
    context = exc.context or ""
    at = exc.problem_mark.line + 1 if exc.problem_mark else 1
    started = exc.context_mark.line + 1 if exc.context_mark else at
    lines = text.splitlines()

    def shown(n: int) -> str:
        return lines[n - 1].strip() if 0 < n <= len(lines) else ""

    if "quoted scalar" in context:
        quote = shown(started)[shown(started).find(":") + 1:].strip()[:1] or '"'
        return started, f"a quoted text opens here ({quote}) and is never closed: add the closing {quote}"
    if "simple key" in context and "':'" in problem:
        return started, f"'{shown(started)}' is not 'key: value': add ':' after the key, or continue the text above with more indentation"
    if "mapping values are not allowed" in problem:
        return at, ("a second ':' on this line: put a text that contains ': ' in quotes, "
                    "or check the indentation (a key indented deeper than the one above)")
    if "flow sequence" in context:
        return started, "a list opened with '[' is not closed with ']' on this line"
    if "flow mapping" in context:
        return started, "a mapping opened with '{' is not closed with '}' on this line (put a text that starts with '{' in quotes)"
    if "block end" in problem:
        return at, "this line does not line up with the lines above: check its indentation (or quote a text that goes on after a closing quote)"
    if "undefined alias" in problem:
        return at, "'*' starts an alias in YAML: put a text that starts with '*' in quotes"
    if "cannot start any token" in problem:
        return at, f"{problem.removeprefix('found character ').split(' that')[0]} cannot start a value: put the text in quotes"
    what = " ".join(filter(None, [context, problem]))  # pragma: no cover - the rest in PyYAML's own words
    return at, what + (f" (started on line {started})" if started != at else "")


def _build(node: yaml.Node, path: PathKey, src: Source, count: list[int]) -> Any:
    """The data of ``node``; ``count`` the values built so far (aliases count each time they are repeated)."""
    count[0] += 1
    if count[0] > MAX_VALUES:
        raise _TooBig(src.lines.get(path[:1], 1), f"the file expands to more than {MAX_VALUES:,} values (are YAML aliases (*) "
                      "repeating large parts of it?)")
    if len(path) > MAX_DEPTH:
        raise _TooBig(node.start_mark.line + 1, f"nested too deeply: a framework file may nest at most {MAX_DEPTH} levels")
    src.lines.setdefault(path, node.start_mark.line + 1)
    if isinstance(node, yaml.MappingNode):
        out: dict[str, Any] = {}
        for key_node, value_node in node.value:
            line = key_node.start_mark.line + 1
            if not isinstance(key_node, yaml.ScalarNode) or key_node.tag != "tag:yaml.org,2002:str":
                shown = getattr(key_node, "value", "?")
                src.problems.append(Problem(src.name, line, field_name(path) if path else "(file)",
                                            f"key {shown} must be a string: write it in quotes, \"{shown}\""))
                continue
            key = key_node.value
            child = path + (key,)
            if key in out:
                src.problems.append(Problem(src.name, line, field_name(child),
                                            f"duplicate key: already given on line {src.lines[child]} of this mapping"))
                continue
            src.lines[child] = line
            out[key] = _build(value_node, child, src, count)
        return out
    if isinstance(node, yaml.SequenceNode):
        return [_build(item, path + (i,), src, count) for i, item in enumerate(node.value)]
    src.raw[path] = node.value
    return _SCALARS.construct_object(node)  # a scalar: str, int, float, bool, None, date


_SCALARS = yaml.constructor.SafeConstructor()
_FAST = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when PyYAML has it: ten times faster

"""The interface's texts: every word a visitor reads that is not framework content (DESIGN.md §5).

``strings.yml`` beside this file holds them in English, key: text; a framework's own ``strings.yml`` replaces any of
them (the loader checks its keys and placeholders). Texts take parameters as ``{name}``. The JavaScript twin is
``docs/assets/javascripts/strings.js``: the same translator, so a text reads the same in the page and in Python's
reports. A plural is two keys, ``<key>_one`` for one and ``<key>`` for any other number, chosen where the number is
known (``t("x_one") if n == 1 else t("x", n=n)``), so each call names its key literally.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path
from typing import Any, Callable

from . import yamlsource
from .problems import FrameworkError

STRINGS = Path(__file__).parent / "strings.yml"  # the interface's texts in English, key: text
PARAM = re.compile(r"\{([A-Za-z_][A-Za-z0-9_]*)\}")  # as strings.js fills them in

Translator = Callable[..., str]


def default_strings() -> dict[str, str]:
    """strings.yml: every text of the interface, in English (read again when the file changes, for `mkdocs serve`)."""
    return _default_strings(STRINGS.stat().st_mtime_ns)


@cache
def _default_strings(_stamp: int) -> dict[str, str]:
    src = yamlsource.read(STRINGS)
    if src.problems:
        raise FrameworkError(src.problems)
    return src.data


def placeholders(text: str) -> list[str]:
    """The {name} parameters of a text, each once, in order."""
    return list(dict.fromkeys(PARAM.findall(text)))


def translator(strings: dict[str, str] | None) -> Translator:
    """A function of (key, **params): the text for key with "{name}" filled from params, as strings.js's translator
    does (a missing key shows as itself; a placeholder without a value stays as it is)."""
    strings = strings or {}

    def text(key: str, **params: Any) -> str:
        return PARAM.sub(lambda m: str(params[m.group(1)]) if m.group(1) in params else m.group(0), strings.get(key, key))

    return text

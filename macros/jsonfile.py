"""Read an exported JSON file on the command line, whatever it is: a result or a reason, never a traceback.

Only regular files are read (a symlink to /dev/zero, a FIFO or a folder is skipped at once), at most
``MAX_BYTES`` of them; a UTF-8 byte-order mark is dropped, as the browser's File.text() drops it; nesting too deep
for the parser and numbers too long to convert are reasons too.
"""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path
from typing import Any, Callable

MAX_BYTES = 50_000_000  # an assessment of the AKAM framework with every note written is well under 1 MB


class Unreadable(Exception):
    """The file cannot be read as JSON; the message says why, in the interface's language."""


def read(path: str | Path, t: Callable[..., str]) -> Any:
    """The JSON value of the file at ``path``; raises ``Unreadable`` with the reason."""
    try:
        info = os.stat(path)  # follows a symlink: what would be read
        if not stat.S_ISREG(info.st_mode):
            raise Unreadable(t("file_not_regular"))
        if info.st_size > MAX_BYTES:
            raise Unreadable(t("file_too_large", size=f"{info.st_size:,}", limit=f"{MAX_BYTES:,}"))
        with open(path, "rb") as handle:
            raw = handle.read(MAX_BYTES + 1)
    except OSError as exc:
        raise Unreadable(t("team_unreadable", error=exc.strerror or exc)) from None
    if len(raw) > MAX_BYTES:  # it grew while being read
        raise Unreadable(t("file_too_large", size=f"{len(raw):,}", limit=f"{MAX_BYTES:,}"))
    try:
        return json.loads(raw.decode("utf-8-sig"))
    except UnicodeDecodeError as exc:
        raise Unreadable(t("team_not_json", error=exc)) from None
    except json.JSONDecodeError as exc:
        raise Unreadable(t("team_not_json", error=exc)) from None
    except RecursionError:
        raise Unreadable(t("file_too_deep")) from None
    except ValueError:  # Python refuses to convert an integer of more than 4,300 digits
        raise Unreadable(t("file_number_too_long")) from None

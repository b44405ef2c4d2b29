#!/usr/bin/env python3
"""Run the whole test suite: python3 scripts/test.py [pytest arguments]

Installs the test dependencies into .venv, finds (or installs) a Chromium for
the browser tests, then runs pytest. Exits with pytest's status.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import _bootstrap  # noqa: E402

_bootstrap.in_venv("requirements-test.txt")
_bootstrap.ensure_node_modules()
os.environ["KAM_CHROMIUM"] = _bootstrap.find_chromium()
os.chdir(_bootstrap.ROOT)

import pytest  # noqa: E402

sys.exit(pytest.main(sys.argv[1:] or ["tests"]))

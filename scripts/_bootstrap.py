"""Set-up shared by the scripts (standard library only).

``in_venv(requirements)`` makes sure ``.venv`` exists with the requirements
installed, then re-runs the calling script inside it (or, asked to, stays in the
running interpreter when that already has them: ``satisfied``).
``find_chromium()`` finds a Chromium for the browser tests, installing one
where it can; ``ensure_node_modules()`` the test-only npm packages.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENV = Path(os.environ.get("KAM_VENV", ROOT / ".venv"))
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
PYTHON = BIN / ("python.exe" if os.name == "nt" else "python")


def _say(message: str) -> None:
    print(f"[kam] {message}", file=sys.stderr, flush=True)


def _digest(requirements: Path) -> str:
    h = hashlib.sha256()
    for name in sorted({requirements.name, "requirements.txt", "pyproject.toml"}):
        h.update((ROOT / name).read_bytes())
    return h.hexdigest()


def _requirements(path: Path) -> list[str]:
    """The requirement lines of a requirements file, with those of the files it includes (-r)."""
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line.startswith(("-r ", "--requirement ")):
            out += _requirements(path.parent / line.split(None, 1)[1])
        elif line and not line.startswith("-"):
            out.append(line)
    return out


def satisfied(requirements: str) -> bool:
    """Whether the running interpreter has every package of ``requirements`` at a version it allows."""
    try:
        from importlib import metadata

        from packaging.requirements import Requirement  # comes with pip, mkdocs and pytest alike
    except ImportError:
        return False
    for line in _requirements(ROOT / requirements):
        req = Requirement(line)
        if req.marker is not None and not req.marker.evaluate():
            continue
        try:
            version = metadata.version(req.name)
        except metadata.PackageNotFoundError:
            return False
        if not req.specifier.contains(version, prereleases=True):
            return False
    return True


def in_venv(requirements: str, current_if_ready: bool = False) -> None:
    """Re-run this script inside .venv with ``requirements`` installed (no-op once inside, and, with
    ``current_if_ready``, in an interpreter that already has them: e.g. CI's after `pip install -r`)."""
    if Path(sys.prefix).resolve() == VENV.resolve():
        return
    if current_if_ready and satisfied(requirements):
        return
    req = ROOT / requirements
    if not PYTHON.exists():
        _say(f"creating {VENV.relative_to(ROOT) if VENV.is_relative_to(ROOT) else VENV}")
        try:
            venv.EnvBuilder(with_pip=True).create(VENV)
        except Exception as exc:  # e.g. Debian without python3-venv
            sys.exit(f"[kam] cannot create a virtual environment ({exc}); on Debian/Ubuntu: apt-get install python3-venv")
    stamp = VENV / f".installed-{req.stem}"
    digest = _digest(req)
    if not stamp.exists() or stamp.read_text() != digest:
        _say(f"installing {requirements}")
        subprocess.run([str(PYTHON), "-m", "pip", "install", "--quiet", "--disable-pip-version-check", "-r", str(req)], check=True,
                       cwd=ROOT)  # (requirements.txt installs this project itself: `-e .`)
        stamp.write_text(digest)
    os.execv(str(PYTHON), [str(PYTHON), *sys.argv])


def ensure_node_modules() -> None:
    """Install the test-only npm packages (axe-core) from package-lock.json when missing or outdated."""
    lock = ROOT / "package-lock.json"
    stamp = ROOT / "node_modules" / ".installed-lock"
    if stamp.exists() and stamp.read_text() == hashlib.sha256(lock.read_bytes()).hexdigest():
        return
    npm = shutil.which("npm")
    if not npm:
        sys.exit("[kam] the browser tests need npm (Node.js) to install axe-core: "
                 "install Node.js 18 or newer (Debian/Ubuntu: apt-get install nodejs npm)")
    _say("installing npm test packages (npm ci)")
    subprocess.run([npm, "ci", "--no-audit", "--no-fund", "--loglevel=error"], cwd=ROOT, check=True)
    stamp.write_text(hashlib.sha256(lock.read_bytes()).hexdigest())


CHROMIUM_NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "chrome")


def system_chromium() -> str | None:
    """An explicitly chosen or system Chromium, or None."""
    chosen = os.environ.get("KAM_CHROMIUM")
    if chosen:
        return chosen
    for name in CHROMIUM_NAMES:
        found = shutil.which(name)
        if found:
            return found
    return None


def playwright_chromium() -> str | None:
    """Playwright's own Chromium, if it has been downloaded."""
    code = ("from playwright.sync_api import sync_playwright\n"
            "with sync_playwright() as p: print(p.chromium.executable_path)")
    try:
        out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    except (OSError, subprocess.TimeoutExpired):
        return None
    path = out.stdout.strip()
    return path if out.returncode == 0 and path and Path(path).exists() else None


def find_chromium(install: bool = True) -> str:
    """A Chromium executable for Playwright; installs one if allowed and possible, else exits saying how."""
    found = system_chromium() or playwright_chromium()
    if found or not install:
        return found or ""
    _say("no Chromium found: trying `python -m playwright install chromium`")
    try:
        ok = subprocess.run([sys.executable, "-m", "playwright", "install", "chromium"], timeout=600).returncode == 0
    except (OSError, subprocess.TimeoutExpired):
        ok = False
    found = playwright_chromium() if ok else None
    if not found and hasattr(os, "geteuid") and os.geteuid() == 0 and shutil.which("apt-get"):
        _say("trying `apt-get install chromium` (running as root)")
        subprocess.run(["apt-get", "update", "-qq"], check=False)
        subprocess.run(["apt-get", "install", "-y", "-qq", "chromium"], check=False)
        found = system_chromium()
    if not found:
        sys.exit("[kam] no Chromium for the browser tests. Install one of: Debian/Ubuntu `sudo apt-get install chromium`; "
                 "`python -m playwright install chromium`; or set KAM_CHROMIUM=/path/to/chrome.")
    return found

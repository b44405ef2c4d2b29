"""The generated page stubs: one per competency and per area, each a single macro call.

The handbook's competency and area pages are thin stubs in docs/competencies/;
what they show comes from framework/. ``expected_stubs`` says which stubs the
data needs, ``problems`` compares that with the docs folder (the build fails
on any difference) and ``sync`` makes the folder match (``kam.py pages``).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from .render import COMPETENCY_DIR, area_src, competency_src


def expected_stubs(fw: dict[str, Any]) -> dict[str, str]:
    """{docs-relative path: file content} for every area and competency page."""
    stubs = {area_src(a["id"]): f'{{{{ area_page("{a["id"]}") }}}}\n' for a in fw["areas"]}
    stubs |= {competency_src(c): f'{{{{ competency_page("{c["id"]}") }}}}\n' for c in fw["competencies"]}
    return stubs


def _present(docs_dir: Path) -> dict[str, Path]:
    folder = docs_dir / COMPETENCY_DIR
    found = {p.relative_to(docs_dir).as_posix(): p for p in sorted(folder.rglob("*.md"))}
    found.pop(f"{COMPETENCY_DIR}/index.md", None)
    return found


def problems(fw: dict[str, Any], docs_dir: Path, framework_dir: Path) -> list[str]:
    """Every disagreement between the data and the stubs, naming the file to fix."""
    expected, present = expected_stubs(fw), _present(docs_dir)
    out = []
    fix = "run `python scripts/kam.py pages` to create and remove the stubs"
    for c in fw["competencies"]:
        src = competency_src(c)
        if src not in present:
            out.append(f"{framework_dir / c['file']}: competency {c['id']} has no page {docs_dir / src}: {fix}")
    for a in fw["areas"]:
        if area_src(a["id"]) not in present:
            out.append(f"{framework_dir / 'framework.yml'}: area {a['id']} has no page {docs_dir / area_src(a['id'])}: {fix}")
    for src, path in present.items():
        if src not in expected:
            out.append(f"{path}:1: no area or competency in {framework_dir} has this page: delete it or {fix}")
        elif path.read_text(encoding="utf-8").strip() != expected[src].strip():
            out.append(f"{path}:1: a generated page must contain only {expected[src].strip()}")
    return out


def sync(fw: dict[str, Any], docs_dir: Path) -> list[str]:
    """Create missing stubs, rewrite wrong ones, delete orphans; return what was done."""
    expected, present = expected_stubs(fw), _present(docs_dir)
    done = []
    for src, content in expected.items():
        path = docs_dir / src
        if not path.exists() or path.read_text(encoding="utf-8") != content:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(content, encoding="utf-8")
            done.append(f"wrote {path}")
    for src, path in present.items():
        if src not in expected:
            path.unlink()
            if path.parent != docs_dir / COMPETENCY_DIR and not any(path.parent.iterdir()):
                path.parent.rmdir()
            done.append(f"deleted {path}")
    return done

"""Read the AKAM specification seed (a PDF extraction) into per-competency lines.

Used by the content tests to prove the framework carries every list line and
every evidence line of the specification. The seed lives outside the
repository (../shared/seeds/); tests that need it skip when it is absent.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED = Path(os.environ.get("KAM_SPEC_SEED", ROOT.parent / "shared" / "seeds" / "001_463ecbf186fe7ae5.txt"))
HEADING = re.compile(r"^(\d)\.(\d) [A-Z]")
AREA = re.compile(r"^(\d\. )?[A-Z][a-z]+( [a-z]+)* (understanding|development|effectiveness|interaction)$")


def normalise(text: str) -> str:
    """Compare wording, not typography: case, spacing, dashes and final punctuation are ignored."""
    text = text.lower().replace("–", "-").replace("—", "-").replace("’", "'")
    text = re.sub(r"^competency requirement\s+", "", text)
    text = re.sub(r"\b(\w+ \w+) \1\b", r"\1", text)  # extraction damage: "of the of the"
    return re.sub(r"[^a-z0-9]+", "", text)


def sections(path: Path = SEED) -> dict[str, dict[str, list[str]]]:
    """{competency id: {"list": [...], "evidence": [...]}} from the specification body."""
    lines = path.read_text(encoding="utf-8").splitlines()
    out: dict[str, dict[str, list[str]]] = {}
    current = None
    mode = None
    for i, raw in enumerate(lines):
        line = raw.strip()
        m = HEADING.match(line)
        if m and not raw.startswith("-") and "\t" not in raw and i > 100:
            current = f"{m.group(1)}.{m.group(2)}"
            out[current] = {"list": [], "evidence": []}
            mode = None
            continue
        if current is None or not line:
            continue
        if AREA.match(line):
            mode = None
            continue
        if line.startswith("- "):
            out[current]["list"].append(line[2:].strip())
            mode = None
            continue
        if line == "Examples of evidence":
            mode = "evidence"
            continue
        if line.startswith("Examples of relevant theory"):
            mode = None
            continue
        if mode == "evidence":
            following = next((ln.strip() for ln in lines[i + 1:] if ln.strip()), "")
            if following.startswith("- ") and not line.endswith("."):  # a group title, not evidence
                mode = None
                continue
            out[current]["evidence"].append(line)
    return out


def toc(path: Path = SEED) -> dict[str, str]:
    """{competency id: title} from the list of competencies in the specification's introduction."""
    out = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        m = re.match(r"^- (\d\.\d) (.+)$", line.strip())
        if m:
            out[m.group(1)] = m.group(2).strip()
    return out


def rationales(path: Path = SEED) -> dict[str, list[str]]:
    """{competency id: [paragraph, ...]}: the lines between 'Rationale' and what follows it."""
    lines = [ln.strip() for ln in path.read_text(encoding="utf-8").splitlines()]
    out: dict[str, list[str]] = {}
    current = None
    for i, line in enumerate(lines):
        m = HEADING.match(line)
        if m and i > 100:
            current = f"{m.group(1)}.{m.group(2)}"
        if line == "Rationale" and current:
            paragraphs = []
            for nxt in lines[i + 1:]:
                if nxt.startswith(("NB", "Note", "Competency requirement")):
                    break
                if nxt:
                    paragraphs.append(nxt)
            out[current] = paragraphs
    return out

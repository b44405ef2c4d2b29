"""MkDocs hook: add the pages generated from the framework (see pages.py) to the site."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from mkdocs.exceptions import PluginError  # noqa: E402
from mkdocs.structure.files import File, Files  # noqa: E402

from macros import loader, pages, render  # noqa: E402


def on_files(files: Files, config: Any) -> Files:
    directory = pages.framework_dir(config)
    fw = loader.load_cached(directory)  # macros/main.py has already failed the build if it is invalid
    generated = pages.generated(fw, directory)
    problems = pages.collisions(generated, Path(config["docs_dir"]), directory)
    if problems:
        raise PluginError("Pages in docs/ clash with the pages generated from the framework:\n" + "\n".join(problems))
    for src, (content, _) in generated.items():
        files.append(File.generated(config, src, content=content))
    if fw["sample_assessment"]:  # published for download and import
        files.append(File.generated(config, render.SAMPLE, abs_src_path=str(directory / fw["sample_assessment"])))
    return files

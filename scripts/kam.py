#!/usr/bin/env python3
"""kam — the command line of the competency handbook (runs in the Python that starts it when that has the
requirements, e.g. after `pip install -r requirements.txt`; else in .venv, which it sets up on first use).

  python scripts/kam.py validate             check framework/ (exit 1 with file:line errors; warnings too)
  python scripts/kam.py export [--format json|csv|case|moodle|totara|xlsx] [-o FILE]
                                             print the compiled framework as JSON (default), or: the statements
                                             CSV, a 1EdTech CASE 1.1 package, Moodle's or Totara's competency CSV,
                                             a workbook that import-sheet reads back (xlsx needs -o)
  python scripts/kam.py import-sheet FILE DIR [--scale scale.yml] [--id ID] [--title TEXT] [--version V]
                                             a new framework folder from a spreadsheet (.csv or .xlsx)
  python scripts/kam.py score FILE.json [--profile ID] [--format json|text]
                                             score an exported assessment (DESIGN.md §4)
  python scripts/kam.py plan FILE.json [--format text|json]
                                             the submission plan of an exported assessment (frameworks
                                             with a submission workspace only)
  python scripts/kam.py new-competency --area ID --title TEXT [--type ID] [--id ID] [--levels]
                                             add a competency file with fresh ids
  python scripts/kam.py new-framework DIR [--full] [--levels]
                                             start a new framework from a minimal valid one
  python scripts/kam.py team-report FILES_OR_DIRS... [--profile ID] [-o report.html|.csv|.xlsx]
                                    [--format html|csv|xlsx] [--csv report.csv]
                                             a team's gaps, from many exported assessments
  python scripts/kam.py --framework DIR ...  use another framework folder
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import _bootstrap  # noqa: E402

_bootstrap.in_venv("requirements.txt", current_if_ready=True)
ROOT = _bootstrap.ROOT
sys.path.insert(0, str(ROOT))

from macros import interchange, jsonfile, loader, pages, report, scaffold, scoring, sheets, strings, team, templating  # noqa: E402
from macros import plan as planning  # noqa: E402
from macros.problems import FrameworkError  # noqa: E402

DEFAULT_FRAMEWORK = os.environ.get("KAM_FRAMEWORK", str(ROOT / "framework"))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="kam", description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--framework", default=DEFAULT_FRAMEWORK, metavar="DIR",
                        help="framework folder (default: $KAM_FRAMEWORK or framework/)")
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("validate", help="check the framework; exit 1 and list every problem as file:line: field: message")
    export = sub.add_parser("export", help="print the compiled framework (JSON), or it in another format")
    export.add_argument("--format", choices=interchange.FORMATS, default="json",
                        help="json: the compiled framework (default); csv: the statements CSV of the downloads; "
                             "case: a 1EdTech CASE 1.1 CFPackage; moodle: Moodle's competency framework CSV; "
                             "totara: Totara's HR Import CSV of competencies; xlsx: a workbook import-sheet reads back")
    export.add_argument("-o", "--output", metavar="FILE", help="write to FILE instead of standard output")
    imp = sub.add_parser("import-sheet", help="write a new framework folder from a spreadsheet (.csv or .xlsx)")
    imp.add_argument("file", metavar="FILE")
    imp.add_argument("directory", metavar="DIR")
    imp.add_argument("--scale", metavar="FILE", help="the scale.yml to use (default: the workbook's scale sheet, else "
                                                     "the scale of new-framework)")
    imp.add_argument("--id", metavar="ID", help="the framework's id (default: the framework sheet's, else from DIR)")
    imp.add_argument("--title", metavar="TEXT", help="the framework's title (default: the framework sheet's, else DIR)")
    imp.add_argument("--version", metavar="V", help="the framework's version (default: the framework sheet's, else 1)")
    score = sub.add_parser("score", help="score an exported assessment file")
    score.add_argument("file", metavar="FILE.json")
    score.add_argument("--profile", metavar="ID", help="target profile to measure gaps against (default: the file's)")
    score.add_argument("--format", choices=("json", "text"), default="json", help="json: the result (default); text: a report")
    plan = sub.add_parser("plan", help="what is complete and missing in an exported assessment's submission "
                                       "(frameworks with a submission workspace)")
    plan.add_argument("file", metavar="FILE.json")
    plan.add_argument("--format", choices=("text", "json"), default="text")
    newc = sub.add_parser("new-competency", help="add a competency file with fresh ids to the framework")
    newc.add_argument("--area", required=True, metavar="ID")
    newc.add_argument("--title", required=True, metavar="TEXT")
    newc.add_argument("--type", metavar="ID", help="competency type (default: the first in framework.yml)")
    newc.add_argument("--id", metavar="ID", help="the competency's id (default: the next free one in the area)")
    newc.add_argument("--levels", action="store_true",
                      help="a level-rated competency (pick one level) instead of statements to rate one by one")
    newf = sub.add_parser("new-framework", help="write a minimal valid framework into a new folder")
    newf.add_argument("directory", metavar="DIR")
    newf.add_argument("--full", action="store_true",
                      help="also write every optional file (profiles, curriculum, theories, glossary, award) to start from")
    newf.add_argument("--levels", action="store_true", help="make the first competency level-rated")
    teamp = sub.add_parser("team-report", help="aggregate many exported assessments: heat map, common gaps, modules")
    teamp.add_argument("inputs", nargs="+", metavar="FILE_OR_DIR")
    teamp.add_argument("--profile", metavar="ID", help="target profile for everyone (default: each file's own)")
    teamp.add_argument("-o", "--output", metavar="FILE",
                       help="write the report here (default: team-report.html, .csv or .xlsx by --format); its type "
                            "follows from its ending (.html, .csv, .xlsx) unless --format says it")
    teamp.add_argument("--format", choices=("html", "csv", "xlsx"),
                       help="html: the report as one page; csv: one row per person and competency; xlsx: a workbook "
                            "with one sheet per view")
    teamp.add_argument("--csv", metavar="FILE", help="also write one row per person and competency as CSV")
    args = parser.parse_args(argv)

    if args.command == "new-framework":
        try:
            files = scaffold.new_framework(Path(args.directory), full=args.full, levels=args.levels)
        except FileExistsError as exc:
            print(exc, file=sys.stderr)
            return 1
        print("\n".join(str(f) for f in files))
        print(f"check it: python3 scripts/kam.py --framework {args.directory} validate; "
              f"preview it: KAM_FRAMEWORK={args.directory} python3 scripts/serve.py")
        return 0
    if args.command == "import-sheet":
        return _import_sheet(args)
    if args.command == "new-competency":
        try:
            path = scaffold.new_competency(Path(args.framework), args.area, args.title, args.type, args.id, levels=args.levels)
        except ValueError as exc:
            print(exc, file=sys.stderr)
            return 1
        print(f"wrote {path}: fill in its texts; its page appears in the site by itself")
        errors = loader.check(args.framework)[0] if hasattr(loader, "check") else []
        if errors:
            print(f"note: the framework has {len(errors)} problem{'s' if len(errors) != 1 else ''} elsewhere: "
                  f"python3 scripts/kam.py --framework {args.framework} validate", file=sys.stderr)
        return 0

    warnings = []
    if args.command == "validate" and hasattr(loader, "check"):  # errors and warnings (an unused theory...)
        errors, warnings = loader.check(args.framework)
        for problem in warnings:
            print(f"warning: {problem}", file=sys.stderr)
        if errors:
            return _problems(errors, args.framework)
    try:
        framework = loader.load(args.framework)
    except FrameworkError as exc:
        return _problems(exc.problems, args.framework)

    if args.command == "validate":
        broken = pages.template_problems(framework, Path(args.framework))
        if broken:
            return _problems(broken, args.framework)
        own = templating.overridden(Path(args.framework))
        n = sum(len(g["indicators"]) for c in framework["competencies"] for g in c["groups"])
        by_level = sum(1 for c in framework["competencies"] if c.get("rated") == "levels")
        total = len(framework["competencies"])
        kinds = ("all rated by level" if by_level == total else
                 f"{n} statement{'s' if n != 1 else ''}" + (f", {by_level} rated by level" if by_level else ""))
        count = len(warnings)
        print(f"ok: {framework['id']} {framework['version']}: {total} competenc{'ies' if total != 1 else 'y'}, {kinds}"
              + (f" ({count} warning{'s' if count != 1 else ''})" if count else "")
              + (f"; its own page templates: {', '.join(k + '.md' for k in own)}" if own else ""))
        return 0
    if args.command == "plan" and not planning.has_plan(framework):
        print(f"{framework['title']} has no submission workspace, so there is no submission plan to show "
              "(a framework has one when its diploma.yml has a `workspace`).", file=sys.stderr)
        return 2
    if args.command in ("score", "plan"):
        return _score(framework, args)
    if args.command == "team-report":
        return _team(framework, args)
    return _export(framework, args)


def _export(framework: dict, args: argparse.Namespace) -> int:
    if args.format == "xlsx":
        if not args.output:
            print("a workbook is not text: give the file to write with -o FILE.xlsx", file=sys.stderr)
            return 2
        Path(args.output).write_bytes(interchange.exports(framework, args.framework)["xlsx"]())
        return 0
    try:
        text = interchange.exports(framework, args.framework)[args.format]()
    except ValueError as exc:  # a SOURCE_DATE_EPOCH that is not a number of seconds
        print(exc, file=sys.stderr)
        return 2
    if args.output:
        Path(args.output).write_text(text, encoding="utf-8", newline="")
    else:
        sys.stdout.write(text)
    return 0


def _import_sheet(args: argparse.Namespace) -> int:
    source = Path(args.file)
    if not source.is_file():
        print(f"{source}: no such file", file=sys.stderr)
        return 1
    try:
        files = sheets.import_sheet(source, Path(args.directory), Path(args.scale) if args.scale else None,
                                    args.id, args.title, args.version)
    except sheets.SheetError as exc:
        return _problems(exc.problems, str(source))
    print("\n".join(str(f) for f in files))
    print(f"check it: python3 scripts/kam.py --framework {args.directory} validate; "
          f"preview it: KAM_FRAMEWORK={args.directory} python3 scripts/serve.py")
    return 0


def _problems(problems: list, folder: str) -> int:
    for problem in problems:
        print(problem, file=sys.stderr)
    count = len(problems)
    print(f"{count} problem{'s' if count != 1 else ''} in {folder}", file=sys.stderr)
    return 1


def _team(framework: dict, args: argparse.Namespace) -> int:
    profiles = {p["id"]: p["title"] for p in framework["profiles"]}
    if args.profile is not None and args.profile not in profiles:
        known = f"the profiles are {', '.join(profiles)}" if profiles else "this framework has no profiles"
        print(f"unknown profile '{args.profile}': {known}", file=sys.stderr)
        return 1
    people, rejected = team.collect(framework, args.inputs)
    for name, reason in rejected:
        print(f"{name}: skipped: {reason}", file=sys.stderr)
    if not people:
        print("no valid assessment among the inputs", file=sys.stderr)
        return 1
    kind = args.format or {".csv": "csv", ".xlsx": "xlsx"}.get(Path(args.output or "").suffix.lower(), "html")
    output = Path(args.output or f"team-report.{kind}")
    agg = team.aggregate(framework, people, args.profile)
    if kind == "xlsx":
        output.write_bytes(team.to_xlsx(framework, agg, rejected))
    elif kind == "csv":
        output.write_text(team.to_csv(framework, agg), encoding="utf-8", newline="")
    else:
        output.write_text(team.to_html(framework, agg, rejected, args.profile), encoding="utf-8")
    if args.csv:
        Path(args.csv).write_text(team.to_csv(framework, agg), encoding="utf-8", newline="")
    print(f"{output}: {len(people)} people, {len(rejected)} file(s) skipped" + (f"; {args.csv}" if args.csv else ""))
    return 0


def _score(framework: dict, args: argparse.Namespace) -> int:
    try:
        assessment = jsonfile.read(args.file, strings.translator(framework["strings"]))
    except jsonfile.Unreadable as exc:
        print(f"{args.file}: cannot read the assessment: {exc}", file=sys.stderr)
        return 1
    if getattr(args, "profile", None) is not None and isinstance(assessment, dict):
        assessment = {**assessment, "profile": args.profile}
    checked = scoring.check(framework, assessment)
    for error in checked["errors"]:
        print(f"{args.file}: {error}", file=sys.stderr)
    if checked["errors"]:
        return 1
    result = scoring.score(framework, assessment)
    if args.command == "plan":
        p = planning.plan(framework, assessment, result)
        sys.stdout.write(planning.text(framework, p) if args.format == "text" else json.dumps(p, indent=2, ensure_ascii=False) + "\n")
        return 0
    if args.format == "text":
        sys.stdout.write(report.text(framework, assessment, result, checked))
        return 0
    for warning in checked["warnings"]:
        print(f"{args.file}: warning: {warning}", file=sys.stderr)
    if checked["orphaned"]:
        ids = checked["orphaned"]
        more = f" and {len(ids) - 20:,} more" if len(ids) > 20 else ""
        print(f"{args.file}: kept but not scored: {', '.join(ids[:20])}{more}", file=sys.stderr)
    sys.stdout.write(json.dumps(result, indent=2, ensure_ascii=False) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())

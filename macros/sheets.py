"""Spreadsheets: a framework folder from a .csv or .xlsx (``import_sheet``), the framework as a workbook
(``workbook``, which reads back to the same framework), the template to start from, and an .xlsx writer.

A sheet is a table whose first non-empty row names its columns (English names, any order, case ignored; see
COLUMNS). What a sheet holds follows from its columns: ``statements`` (one row per statement), ``levels`` (one row
per level descriptor), the statements CSV of the site's downloads (``group or level``, ``id``, ``text``: a row per
statement and per level descriptor), ``scale`` (value, label, description, points) and ``framework`` (key, value).
Every problem names the file, the sheet, the row and the column.
"""

from __future__ import annotations

import csv
import io
import re
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable

import yaml

Framework = dict[str, Any]

ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*")  # area, competency, group and statement ids
FRAMEWORK_ID = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")
GUARDED = re.compile(r"'(?=[=+\-@\t\r])")  # the leading ' the CSV formula guard adds (render.spreadsheet_cell)
LEVEL_CELL = re.compile(r"(\d+)(?:\s+([^:]*?))?\s*(?::\s*(.*))?", re.S)  # "2", "2 Competent", "2 Competent: Title"

# Column names (lower case) of each kind of sheet -> the field they fill.
PLACES = {"area id": "area_id", "area": "area", "area description": "area_description",
          "competency id": "competency_id", "competency": "competency", "competency description": "competency_description"}
COLUMNS: dict[str, dict[str, str]] = {
    "statements": {**PLACES, "group id": "group_id", "group": "group", "requirement group": "group",
                   "statement id": "statement_id", "statement": "statement"},
    "levels": {**PLACES, "level": "level", "level title": "level_title", "title": "level_title", "summary": "summary",
               "signals": "signals", "examples": "examples"},
    "mixed": {**PLACES, "group id": "group_id", "group or level": "group_or_level", "id": "id", "text": "text",
              "signals": "signals", "examples": "examples"},
    "scale": {"value": "value", "label": "label", "description": "description", "points": "points"},
    "framework": {"key": "key", "value": "value"},
}
FRAMEWORK_KEYS = {"id": "id", "version": "version", "title": "title", "short title": "short_title",
                  "language": "language", "pass level": "pass_level", "not applicable": "not_applicable"}
SHEET_ORDER = ("framework", "scale", "statements", "levels", "mixed")


class SheetError(Exception):
    """Every problem found, one a line."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__("\n".join(problems))


@dataclass
class Table:
    file: str
    sheet: str | None  # None: a CSV file
    rows: list[list[str]]  # every row of the sheet, cells as text

    def where(self, row: int, col: int | None = None, header: str | None = None) -> str:
        """'team.xlsx: sheet levels, row 4, column C (summary)'; rows and columns 1-based as a spreadsheet shows them."""
        place = f"{self.file}: " + (f"sheet {self.sheet}, " if self.sheet is not None else "") + f"row {row}"
        return place + (f", column {column_letter(col)}" + (f" ({header})" if header else "") if col else "")


def column_letter(col: int) -> str:
    letters = ""
    while col:
        col, rem = divmod(col - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


@dataclass
class Row:
    """A data row: its cells by field, and where each came from."""

    table: Table
    number: int
    cells: dict[str, str]
    columns: dict[str, tuple[int, str]]  # field -> (column number, header)

    def get(self, name: str) -> str:
        return self.cells.get(name, "")

    def at(self, name: str | None = None) -> str:
        if name in self.columns:
            col, header = self.columns[name]
            return self.table.where(self.number, col, header)
        return self.table.where(self.number)


# ---------------------------------------------------------------- reading files

def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def read_tables(path: Path) -> list[Table]:
    """The tables of a .csv (one) or .xlsx (one per sheet) file, cells as text; a CSV's formula guard undone."""
    name = path.name
    if path.suffix.lower() == ".csv":
        try:
            text = path.read_text(encoding="utf-8-sig")
        except UnicodeDecodeError as exc:
            raise SheetError([f"{name}: not UTF-8 text (byte {exc.start}): save the sheet as CSV UTF-8"]) from None
        rows = [[GUARDED.sub("", c, count=1) for c in r] for r in csv.reader(io.StringIO(text, newline=""))]
        return [Table(name, None, rows)]
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        import openpyxl
        from zipfile import BadZipFile

        try:
            book = openpyxl.load_workbook(path, read_only=True, data_only=True)
        except (BadZipFile, OSError, KeyError, ValueError) as exc:
            raise SheetError([f"{name}: not a readable .xlsx workbook ({exc})"]) from None
        tables = [Table(name, ws.title, [[_text(v) for v in r] for r in ws.iter_rows(values_only=True)])
                  for ws in book.worksheets]
        book.close()
        return tables
    raise SheetError([f"{name}: expected a .csv or .xlsx file"])


def _kind(headers: set[str]) -> str | None:
    if "group or level" in headers:
        return "mixed"
    if "statement" in headers or "statement id" in headers:
        return "statements"
    if "summary" in headers or "level" in headers:
        return "levels"
    if "label" in headers:
        return "scale"
    if "key" in headers:
        return "framework"
    return None


def parse_table(table: Table, problems: list[str]) -> tuple[str, list[Row]] | None:
    """(kind, data rows) of a table; None for an empty one. Unknown columns are problems."""
    numbered = [(k, r) for k, r in enumerate(table.rows, 1) if any(c.strip() for c in r)]
    if not numbered:
        return None
    head_no, head = numbered[0]
    headers = [" ".join(h.split()).lower() for h in head]
    kind = _kind(set(headers))
    if kind is None:
        problems.append(f"{table.where(head_no)}: no known columns: a sheet of statements has 'statement id' and "
                        f"'statement', one of levels 'competency', 'level' and 'summary' (see the template)")
        return None
    known = COLUMNS[kind]
    columns: dict[str, tuple[int, str]] = {}
    for col, h in enumerate(headers, 1):
        if not h:
            continue
        if h not in known:
            problems.append(f"{table.where(head_no, col, head[col - 1].strip())}: unknown column for a sheet of {kind}: "
                            f"the columns are {', '.join(sorted(set(known)))}")
        elif known[h] in columns:
            problems.append(f"{table.where(head_no, col, head[col - 1].strip())}: a second column for "
                            f"'{known[h].replace('_', ' ')}'")
        else:
            columns[known[h]] = (col, head[col - 1].strip())
    rows = []
    for number, r in numbered[1:]:
        cells = {f: (r[col - 1].strip() if col - 1 < len(r) else "") for f, (col, _) in columns.items()}
        rows.append(Row(table, number, cells, columns))
    return kind, rows


# ---------------------------------------------------------------- building the framework

@dataclass
class Competency:
    id: str
    area: str
    title: str
    row: Row
    description: str = ""
    groups: dict[str, dict] = field(default_factory=dict)  # id -> {"title", "indicators": [{"id", "text"}]}
    levels: dict[int, dict] = field(default_factory=dict)


def slug(text: str, default: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or default


def split_name(cell: str, default: str) -> tuple[str, str]:
    """(id, title) of a name as the site writes it: '2.3 Negotiations' (an id with a digit, then the title), or the
    title alone, whose id is then made from it."""
    m = re.fullmatch(r"(\S*\d\S*)\s+(.+)", cell, re.S)
    if m and ID.fullmatch(m.group(1)):
        return m.group(1), " ".join(m.group(2).split())
    return slug(cell, default), " ".join(cell.split())


class Builder:
    """Collects areas, competencies, groups, statements and level descriptors from rows, with every problem."""

    def __init__(self, labels: dict[int, str]):
        self.labels = labels
        self.areas: dict[str, dict] = {}
        self.competencies: dict[str, Competency] = {}
        self.names: dict[str, str] = {}  # competency name (as the sheet writes it) -> id, from the level rows
        self.ids: dict[str, str] = {}  # every competency, group and statement id -> where it was first given
        self.problems: list[str] = []

    def problem(self, where: str, message: str) -> None:
        self.problems.append(f"{where}: {message}")

    def _id(self, row: Row, name: str, value: str) -> bool:
        if not ID.fullmatch(value):
            self.problem(row.at(name), f"'{value}' is not a valid id: letters, digits, dots, hyphens and underscores, "
                                       "starting with a letter or digit")
            return False
        return True

    def area(self, row: Row) -> str | None:
        given, cell = row.get("area_id"), row.get("area")
        if not given and not cell:
            return None
        aid, title = (given, " ".join(cell.split()) or given) if given else split_name(cell, "area")
        if not self._id(row, "area_id" if given else "area", aid):
            return None
        known = self.areas.get(aid)
        if known is None:
            self.areas[aid] = {"id": aid, "title": title, "description": row.get("area_description"), "row": row}
        elif known["title"] != title:
            self.problem(row.at("area" if cell else "area_id"),
                         f"area '{aid}' is called '{known['title']}' at {known['row'].at()}, here '{title}'")
        elif row.get("area_description") and not known["description"]:
            known["description"] = row.get("area_description")
        return aid

    def competency(self, row: Row, cid: str | None = None) -> Competency | None:
        given, cell = cid or row.get("competency_id"), row.get("competency")
        if not given and not cell:
            self.problem(row.at("competency"), "which competency? the competency (or competency id) is empty")
            return None
        if given:
            title = split_name(cell, "")[1] if cell and split_name(cell, "")[0] == given else " ".join(cell.split()) or given
        else:
            given, title = (self.names[cell], None) if cell in self.names else split_name(cell, "competency")
        if not self._id(row, "competency_id" if row.get("competency_id") else "competency", given):
            return None
        area = self.area(row)
        c = self.competencies.get(given)
        if c is None:
            if area is None:
                self.problem(row.at("area"), f"which area is competency '{given}' in? the area is empty")
                return None
            if not self._claim(row, "competency_id" if row.get("competency_id") else "competency", given):
                return None
            c = self.competencies[given] = Competency(given, area, title or given, row, row.get("competency_description"))
            return c
        if area is not None and area != c.area:
            self.problem(row.at("area"), f"competency '{given}' is in area '{c.area}' at {c.row.at()}, here in '{area}'")
        if title and title != c.title:
            self.problem(row.at("competency"), f"competency '{given}' is called '{c.title}' at {c.row.at()}, here '{title}'")
        if row.get("competency_description") and not c.description:
            c.description = row.get("competency_description")
        return c

    def _claim(self, row: Row, name: str, ident: str) -> bool:
        """Competency, group and statement ids share one namespace (an assessment stores ratings under them)."""
        if ident in self.ids:
            self.problem(row.at(name), f"id '{ident}' is used already, at {self.ids[ident]}")
            return False
        self.ids[ident] = row.at(name)
        return True

    def statement(self, row: Row, group_cell: str, sid: str, text: str, c: Competency | None) -> None:
        sid_field = "statement_id" if "statement_id" in row.columns else "id"
        text_field = "statement" if "statement" in row.columns else "text"
        group_field = "group" if "group" in row.columns else "group_or_level"
        for name, value, what in ((sid_field, sid, "the statement id"), (text_field, text, "the statement"),
                                  (group_field, group_cell or row.get("group_id"), "the group")):
            if not value:
                self.problem(row.at(name), f"{what} is empty")
                return
        if c is None or not self._id(row, sid_field, sid):
            return
        gid = row.get("group_id")
        title = " ".join(group_cell.split()) or gid
        if gid:
            if not self._id(row, "group_id", gid):
                return
        else:
            gid = next((k for k, g in c.groups.items() if g["title"] == title), None) or self._new_group_id(c, title)
        group = c.groups.get(gid)
        if group is None:
            if not self._claim(row, "group_id" if row.get("group_id") else group_field, gid):
                return
            group = c.groups[gid] = {"id": gid, "title": title, "indicators": []}
        elif group["title"] != title:
            self.problem(row.at(group_field), f"group '{gid}' is called '{group['title']}', here '{title}'")
        if self._claim(row, sid_field, sid):
            group["indicators"].append({"id": sid, "text": " ".join(text.split())})

    def _new_group_id(self, c: Competency, title: str) -> str:
        base = f"{c.id}-{slug(title, 'group')}"
        gid, k = base, 1
        while gid in self.ids:
            k += 1
            gid = f"{base}-{k}"
        return gid

    def level(self, row: Row, level_field: str, c: Competency | None, value: int, title: str) -> None:
        summary_field = "summary" if "summary" in row.columns else "text"
        if value not in self.labels:
            self.problem(row.at(level_field), f"level {value} is not on the scale: its values are "
                                              f"{', '.join(map(str, self.labels))}")
            return
        if not row.get(summary_field):
            self.problem(row.at(summary_field), "the summary of the level is empty")
            return
        if c is None:
            return
        if value in c.levels:
            self.problem(row.at(level_field), f"competency '{c.id}' has level {value} already, at {c.levels[value]['row'].at()}")
            return
        lines = lambda name: [" ".join(x.split()) for x in row.get(name).splitlines() if x.strip()]  # noqa: E731
        c.levels[value] = {"value": value, "title": " ".join(title.split()), "summary": " ".join(row.get(summary_field).split()),
                           "signals": lines("signals"), "examples": lines("examples"), "row": row}

    def parse_level(self, row: Row, name: str, strict: bool) -> tuple[int, str] | None:
        """(value, title) of a level cell: '2', '2 Competent' or '2 Competent: Its title' (as the site's CSV writes
        it). ``strict``: a problem when it is none; else (a row that may be a statement's) None, unless the label is
        the scale's."""
        m = LEVEL_CELL.fullmatch(row.get(name))
        if m is None:
            if strict:
                self.problem(row.at(name), f"expected a scale value ({', '.join(map(str, self.labels))}), "
                                           f"got '{row.get(name)}'")
            return None
        value, label, title = int(m.group(1)), (m.group(2) or "").strip(), (m.group(3) or "").strip()
        if not strict and (value not in self.labels or label != self.labels[value]):
            return None
        if strict and label and value in self.labels and label != self.labels[value]:
            self.problem(row.at(name), f"level {value} is called '{self.labels[value]}' on the scale, here '{label}'")
            return None
        return value, title

    # ---- one method per kind of sheet

    def statements(self, rows: list[Row]) -> None:
        for row in rows:
            c = self.competency(row)
            self.statement(row, row.get("group"), row.get("statement_id"), row.get("statement"), c)

    def levels(self, rows: list[Row]) -> None:
        for row in rows:
            if not row.get("level"):
                self.problem(row.at("level"), "the level is empty")
                continue
            parsed = self.parse_level(row, "level", strict=True)
            c = self.competency(row)
            if parsed is not None:
                value, title = parsed
                self.level(row, "level", c, value, row.get("level_title") or title)

    def mixed(self, rows: list[Row]) -> None:
        """The site's statements CSV with level-rated competencies: a level row has the competency's id in 'id'."""
        kinds = [(row, self.parse_level(row, "group_or_level", strict=False)) for row in rows]
        for row, parsed in kinds:
            if parsed is not None and row.get("id") and row.get("competency"):
                self.names.setdefault(row.get("competency"), row.get("id"))
        for row, parsed in kinds:
            if parsed is not None:
                if not row.get("id"):
                    self.problem(row.at("id"), "the competency's id is empty")
                    continue
                c = self.competency(row, row.get("id"))
                self.level(row, "group_or_level", c, parsed[0], parsed[1])
            else:
                c = self.competency(row)
                self.statement(row, row.get("group_or_level"), row.get("id"), row.get("text"), c)

    def finish(self) -> None:
        if not self.competencies and not self.problems:
            self.problems.append("no competencies: the sheets have no rows of statements or levels")
        above = [v for v in self.labels if v > 0]
        for c in self.competencies.values():
            missing = [str(v) for v in above if v not in c.levels]
            if not c.groups and missing:
                self.problem(c.row.at(), f"competency '{c.id}' is rated by levels (it has no statements) and needs a "
                                         f"level for every scale value above 0: missing {', '.join(missing)}")


# ---------------------------------------------------------------- the scale and the framework's identity

def default_scale() -> str:
    from .scaffold import TEMPLATE

    return (TEMPLATE / "scale.yml").read_text(encoding="utf-8")


def scale_from_rows(rows: list[Row], settings: dict[str, str], problems: list[str]) -> dict:
    levels = []
    for row in rows:
        value = row.get("value")
        if not re.fullmatch(r"\d+", value):
            problems.append(f"{row.at('value')}: expected a whole number 0, 1, 2, … got '{value}'")
            continue
        level: dict[str, Any] = {"value": int(value), "label": row.get("label"), "description": row.get("description")}
        for name in ("label", "description"):
            if not level[name]:
                problems.append(f"{row.at(name)}: the {name} is empty")
        if row.get("points"):
            if not re.fullmatch(r"\d+", row.get("points")):
                problems.append(f"{row.at('points')}: expected a whole number, got '{row.get('points')}'")
            else:
                level["points"] = int(row.get("points"))
        levels.append(level)
    values = [lv["value"] for lv in levels]
    if rows and values != list(range(len(values))):
        problems.append(f"{rows[0].at('value')}: the scale's values go 0, 1, 2, … in order, got {', '.join(map(str, values))}")
    top = max(values, default=0)
    pass_level = settings.get("pass_level") or str(min(2, top))
    try:
        pass_number: float = float(pass_level)
        pass_number = int(pass_number) if pass_number.is_integer() else pass_number
    except ValueError:
        problems.append(f"framework sheet: pass level: expected a number, got '{pass_level}'")
        pass_number = min(2, top)
    na = settings.get("not_applicable", "true").lower() in ("true", "yes", "1")
    return {"scale": {"not_applicable": na, "levels": levels}, "rules": {"pass_level": pass_number}}


def framework_settings(rows: list[Row], problems: list[str]) -> dict[str, str]:
    out = {}
    for row in rows:
        key = " ".join(row.get("key").split()).lower()
        if not key:
            continue
        if key not in FRAMEWORK_KEYS:
            problems.append(f"{row.at('key')}: unknown key '{row.get('key')}': the keys are {', '.join(FRAMEWORK_KEYS)}")
            continue
        out[FRAMEWORK_KEYS[key]] = row.get("value")
    return out


# ---------------------------------------------------------------- import

def import_sheet(source: Path, target: Path, scale_file: Path | None = None, framework_id: str | None = None,
                 title: str | None = None, version: str | None = None) -> list[Path]:
    """Write a framework folder at ``target`` (new or empty) from the spreadsheet ``source``; raise SheetError
    listing every problem (nothing is written then). The scale: ``scale_file`` (a scale.yml, copied), else the
    workbook's scale sheet, else the scale of `kam.py new-framework`. The result is validated by the loader."""
    from . import loader

    target = Path(target)
    if target.exists() and (not target.is_dir() or any(target.iterdir())):
        raise SheetError([f"{target} is not empty: choose a new folder"])
    problems: list[str] = []
    parsed: dict[str, list[Row]] = {}
    for table in read_tables(Path(source)):
        result = parse_table(table, problems)
        if result is not None:
            if result[0] in parsed:
                problems.append(f"{table.where(1)}: a second sheet of {result[0]}: put them in one")
                continue
            parsed[result[0]] = result[1]
    settings = framework_settings(parsed.get("framework", []), problems)
    if scale_file is not None:
        scale_text = Path(scale_file).read_text(encoding="utf-8")
        scale = yaml.safe_load(scale_text)
    elif "scale" in parsed:
        scale = scale_from_rows(parsed["scale"], settings, problems)
        scale_text = yaml.safe_dump(scale, sort_keys=False, allow_unicode=True, width=100)
    else:
        scale_text = default_scale()
        scale = yaml.safe_load(scale_text)
    try:
        labels = {lv["value"]: lv["label"] for lv in scale["scale"]["levels"]}
    except (KeyError, TypeError):
        raise SheetError(problems + [f"{scale_file}: not a scale.yml (scale: levels: value, label, …)"]) from None
    b = Builder(labels)
    for kind in ("statements", "levels", "mixed"):
        if kind in parsed:
            getattr(b, kind)(parsed[kind])
    b.finish()
    problems += b.problems
    fid = framework_id or settings.get("id") or slug(target.name, "framework")
    if not FRAMEWORK_ID.fullmatch(fid):
        problems.append(f"framework id '{fid}': lower-case letters and digits in words joined by hyphens (--id)")
    if problems:
        raise SheetError(problems)
    written = write_framework(target, b, fid, title or settings.get("title") or target.name,
                              version or settings.get("version") or "1", settings, scale_text)
    errors = loader.check(target)[0]
    if errors:
        raise SheetError([str(e) for e in errors])
    return written


def _dump(data: Any) -> str:
    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100)


def write_framework(target: Path, b: Builder, fid: str, title: str, version: str, settings: dict[str, str],
                    scale_text: str) -> list[Path]:
    from .scaffold import _write

    ident: dict[str, Any] = {"format_version": 2, "id": fid, "version": version, "title": title}
    for key in ("short_title", "language"):
        if settings.get(key):
            ident[key] = settings[key]
    ident["areas"] = [{"id": a["id"], "title": a["title"], **({"description": a["description"]} if a["description"] else {})}
                      for a in b.areas.values()]
    written = [_write(target / "framework.yml", "framework", _dump(ident)), _write(target / "scale.yml", "scale",
                                                                                    _strip_schema_line(scale_text))]
    for c in b.competencies.values():
        data: dict[str, Any] = {"id": c.id, "area": c.area, "title": c.title}
        if c.description:
            data["description"] = c.description
        if c.groups:
            data["groups"] = list(c.groups.values())
        if c.levels:
            data["levels"] = [{k: v for k, v in d.items() if k != "row" and (v or k in ("value", "summary"))}
                              for _, d in sorted(c.levels.items())]
        name = c.id if slug(c.title, "") == c.id.lower() else f"{c.id}-{slug(c.title, 'competency')}"
        written.append(_write(target / "competencies" / f"{name}.yml", "competency", _dump(data)))
    return written


def _strip_schema_line(text: str) -> str:
    lines = text.splitlines(keepends=True)
    return "".join(lines[1:]) if lines and lines[0].startswith("# yaml-language-server:") else text


# ---------------------------------------------------------------- export: the framework as a workbook

STATEMENT_HEADERS = ["area id", "area", "area description", "competency id", "competency", "competency description",
                     "group id", "group", "statement id", "statement"]
LEVEL_HEADERS = ["area id", "area", "area description", "competency id", "competency", "competency description",
                 "level", "level title", "summary", "signals", "examples"]


def workbook_sheets(fw: Framework) -> list[tuple[str, list[list[Any]]]]:
    """The sheets of a framework's workbook: framework, scale, statements, levels (what import_sheet reads)."""
    areas = {a["id"]: a for a in fw["areas"]}
    rules = fw["rules"]
    ident = [["key", "value"], ["id", fw["id"]], ["version", fw["version"]], ["title", fw["title"]],
             ["short title", fw["short_title"]], ["language", fw["language"]], ["pass level", rules["pass_level"]],
             ["not applicable", "true" if fw["scale"]["not_applicable"] else "false"]]
    scale = [["value", "label", "description", "points"]] + [[lv["value"], lv["label"], lv["description"], lv["points"]]
                                                             for lv in fw["scale"]["levels"]]
    statements, levels = [STATEMENT_HEADERS], [LEVEL_HEADERS]
    for c in fw["competencies"]:
        a = areas[c["area"]]
        place = [a["id"], a["title"], a.get("description", ""), c["id"], c["title"], c["description"]]
        statements += [place + [g["id"], g["title"], s["id"], s["text"]] for g in c["groups"] for s in g["indicators"]]
        levels += [place + [d["value"], d["title"], d["summary"], "\n".join(d["signals"]), "\n".join(d["examples"])]
                   for d in c["levels"]]
    return [("framework", ident), ("scale", scale), ("statements", statements), ("levels", levels)]


def write_xlsx(sheets: Iterable[tuple[str, list[list[Any]]]]) -> bytes:
    """An .xlsx of the given sheets (the first row of each bold and frozen). Text is always stored as text: a cell
    beginning with = is not a formula (the spreadsheet formula guard)."""
    import openpyxl
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    book = openpyxl.Workbook()
    book.remove(book.active)
    for name, rows in sheets:
        ws = book.create_sheet(re.sub(r"[\[\]:*?/\\]", " ", name)[:31])
        for r, row in enumerate(rows, 1):
            for c, value in enumerate(row, 1):
                cell = ws.cell(row=r, column=c)
                cell.value = value
                if isinstance(value, str):
                    cell.data_type = "s"  # never a formula
                if r == 1:
                    cell.font = Font(bold=True)
        ws.freeze_panes = "A2"
        for c in range(1, (max((len(r) for r in rows), default=0)) + 1):
            longest = max((len(str(row[c - 1])) for row in rows if c - 1 < len(row) and row[c - 1] is not None), default=8)
            ws.column_dimensions[get_column_letter(c)].width = min(60, max(10, longest + 2))
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def workbook(fw: Framework) -> bytes:
    return write_xlsx(workbook_sheets(fw))


def template() -> bytes:
    """The spreadsheet to start a framework from: the workbook of the framework `kam.py new-framework` writes, with a
    second competency rated by levels."""
    from . import loader, scaffold

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "framework"
        scaffold.new_framework(folder)
        scaffold.new_competency(folder, "A", "Second competency", levels=True)
        return workbook(loader.load(folder))

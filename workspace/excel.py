"""Scores of a block in Excel, both ways: a pre-filled template, and its upload, all or nothing.

The template has one row per unit and one column per sub-criterion (its code, name and max in the
first three rows); a criterion not assessed for a unit reads "KĐG". A hidden sheet keeps the values
as they were when the template was made, so that an upload can tell a change of its own from an
old value, and refuse to overwrite what someone else changed in the meantime.

Every problem of an upload is reported by sheet and cell ("Sở, ban, ngành!F12: 4,5 vượt điểm tối
đa 4"); if there is any, nothing is saved.
"""

import io
import re
import zipfile
from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext as _
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from scoring.files import XLSX, office_type
from scoring.models import Criterion, Score, Unit
from scoring.points import (
    NotADecimal,
    PointsRefused,
    format_vi,
    parse_decimal,
    points_from_percent,
    read_percent,
    read_points,
)
from scoring.workbooks import append_row, sheet_title
from scoring.writes import ScoreChange, reason, reason_label, set_scores

NOT_ASSESSED = "KĐG"
NOT_ASSESSED_WORDS = {"kđg", "kdg", "không đánh giá", "khong danh gia", "n/a"}
ORIGINAL = "goc"
FIRST_ROW = 4  # rows 1-3: code, name, max
GREY = PatternFill("solid", fgColor="DDDDDD")


def block_leaves(block):
    return list(
        Criterion.objects.filter(criteria_set_id=block.criteria_set_id, is_leaf=True).order_by("position", "pk")
    )


def template(block):
    """Return the XLSX template of a block (bytes), filled with the current appraised scores."""
    leaves = block_leaves(block)
    units = list(Unit.objects.filter(block=block).order_by("position", "pk"))
    scores = {(s.unit_id, s.criterion_id): s for s in Score.objects.filter(unit__block=block)}
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = sheet_title(block.name[:1].upper() + block.name[1:], set())
    original = workbook.create_sheet(ORIGINAL)
    original.sheet_state = "veryHidden"
    for target in (sheet, original):
        append_row(target, [_("Unit code"), _("Unit")] + [leaf.code for leaf in leaves])
        append_row(target, ["", _("Criterion")] + [
            f"{leaf.name} ({_('survey')})" if leaf.source == Criterion.Source.SURVEY else leaf.name for leaf in leaves
        ])  # fmt: skip
        append_row(target, ["", _("Max points")] + [leaf.max_points for leaf in leaves])
    for unit in units:
        values = []
        for leaf in leaves:
            score = scores.get((unit.pk, leaf.pk))
            if score is None or score.not_assessed:
                values.append(NOT_ASSESSED if score is not None else None)
            else:
                values.append(score.points)
        for target in (sheet, original):
            append_row(target, [unit.code, unit.name, *values])
    for cell in list(sheet[1]) + list(sheet[2]) + list(sheet[3]):
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    for row in sheet.iter_rows(min_row=FIRST_ROW, min_col=3):
        for cell in row:
            if cell.value == NOT_ASSESSED:
                cell.fill = GREY
            elif cell.value is not None:
                cell.number_format = "0.00"
    sheet.column_dimensions["A"].width = 14
    sheet.column_dimensions["B"].width = 36
    for column in range(3, len(leaves) + 3):
        sheet.column_dimensions[get_column_letter(column)].width = 11
    sheet.freeze_panes = "C4"
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


class UploadRefused(Exception):
    """The workbook was refused; `errors` are lines "Sheet!Cell: problem". Nothing was saved."""

    def __init__(self, errors):
        self.errors = list(errors)
        super().__init__("; ".join(self.errors))


@dataclass
class Change:
    score: Score
    points: Decimal | None
    not_assessed: bool


@dataclass
class Conflict:
    """A cell whose score was changed after the template was made: not saved, and said so."""

    place: str
    score: Score
    now: str
    yours: str
    by: object = None
    at: object = None
    how: str = ""


@dataclass
class Upload:
    """What a checked workbook changes, and the cells left alone because their score changed meanwhile."""

    changes: list
    conflicts: list


# Bounds of an upload, from the block's size: the rows and columns the template has, and some slack
# for a note typed beside the table; the worksheets' XML may hold about this many bytes per such cell.
SLACK_ROWS, SLACK_COLUMNS = 50, 20
BYTES_PER_CELL = 300
MERGED = re.compile(rb'<(?:\w+:)?mergeCell\b[^>]*\bref="([A-Za-z0-9:$]+)"')


def read_upload(upload, block):
    """Check an uploaded workbook against the block; return an `Upload`, or raise UploadRefused.

    A value that breaks a rule refuses the whole workbook. A cell whose score someone changed
    after the template was made is left alone and reported (`Upload.conflicts`); the other
    changes can be saved.

    The workbook is read in read-only mode, and no further than the block's size allows: a
    workbook far larger than the block's template is refused before its cells are read.
    """
    if office_type(upload) != XLSX:
        raise UploadRefused([_("The file is not an Excel workbook (.xlsx).")])
    leaves = {leaf.code: leaf for leaf in block_leaves(block)}
    units = {u.code: u for u in Unit.objects.filter(block=block)}
    max_row = FIRST_ROW - 1 + len(units) + SLACK_ROWS
    max_column = 2 + len(leaves) + SLACK_COLUMNS
    _check_size(upload, cells=max_row * max_column, units=len(units), leaves=len(leaves))
    try:
        workbook = load_workbook(upload, read_only=True, data_only=True)
    except Exception:  # openpyxl raises many kinds of errors for broken files
        raise UploadRefused([_("The file is not an Excel workbook (.xlsx) that can be read.")]) from None
    try:
        return _changes(workbook, block, leaves, units, max_row, max_column)
    finally:
        workbook.close()


def _check_size(upload, *, cells, units, leaves):
    """Refuse a workbook whose sheets hold far more than a block of this size needs, unread."""
    try:
        with zipfile.ZipFile(upload) as archive:
            size = sum(e.file_size for e in archive.infolist() if e.filename.startswith("xl/worksheets/"))
    except (zipfile.BadZipFile, OSError, ValueError):
        raise UploadRefused([_("The file is not an Excel workbook (.xlsx) that can be read.")]) from None
    finally:
        upload.seek(0)
    if size > 2 * cells * BYTES_PER_CELL + 1024 * 1024:
        raise UploadRefused(
            [
                _(
                    "The workbook is far larger than the template of this block (%(units)s units, %(leaves)s "
                    "criteria): download the template and fill it in."
                )
                % {"units": units, "leaves": leaves}
            ]
        )


def _rows(sheet, max_row, max_column):
    """Yield (row number, values) of a sheet within the bounds; refuse a sheet that goes beyond them."""
    rows, columns = sheet.max_row, sheet.max_column  # as the sheet declares them (its <dimension>)
    if (rows or 0) > max_row or (columns or 0) > max_column:
        raise UploadRefused(
            [
                f"{sheet.title}!{get_column_letter(max(columns or 1, 1))}{rows or 1}: "
                + _("the sheet goes beyond the block's table (%(rows)s rows, %(columns)s columns)")
                % {"rows": max_row, "columns": max_column}
            ]
        )
    for number, values in enumerate(
        sheet.iter_rows(min_row=1, max_row=max_row + 1, max_col=max_column + 1, values_only=True), start=1
    ):
        values = list(values) + [None] * (max_column + 1 - len(values))
        if number > max_row and not any(_filled(v) for v in values):
            break
        if number > max_row or _filled(values[max_column]):
            raise UploadRefused(
                [
                    f"{sheet.title}!{get_column_letter(max_column + 1) if number <= max_row else number}: "
                    + _("the sheet goes beyond the block's table (%(rows)s rows, %(columns)s columns)")
                    % {"rows": max_row, "columns": max_column}
                ]
            )
        yield number, values[:max_column]


def _filled(value):
    return value is not None and not (isinstance(value, str) and not value.strip())


def _merged(sheet):
    """The merged ranges of a read-only sheet (read-only mode does not parse them). The part is small: bounded above."""
    with sheet._get_source() as source:
        return [ref.decode() for ref in MERGED.findall(source.read())]


def _changes(workbook, block, leaves, units, max_row, max_column):
    title = sheet_title(block.name[:1].upper() + block.name[1:], set())
    if title not in workbook.sheetnames:
        visible = [name for name in workbook.sheetnames if name != ORIGINAL]
        raise UploadRefused(
            [
                _("There is no sheet “%(sheet)s” (the workbook has: %(sheets)s).")
                % {"sheet": title, "sheets": ", ".join(visible)}
            ]
        )
    sheet = workbook[title]
    errors = [f"{title}!{merged}: " + _("merged cells cannot hold scores; unmerge them") for merged in _merged(sheet)]
    rows = list(_rows(sheet, max_row, max_column))
    columns = {}
    header = rows[0][1] if rows else []
    for index, value in enumerate(header[2:], start=3):
        if value is None or str(value).strip() == "":
            continue
        code = str(value).strip()
        place = f"{title}!{get_column_letter(index)}1"
        if code not in leaves:
            errors.append(f"{place}: " + _("unknown criterion “%(code)s”") % {"code": code})
        elif code in columns.values():
            errors.append(f"{place}: " + _("criterion “%(code)s” appears twice") % {"code": code})
        else:
            columns[index] = code
    missing = [code for code in leaves if code not in columns.values()]
    if missing:
        errors.append(f"{title}!1: " + _("missing columns for criteria %(codes)s") % {"codes": ", ".join(missing)})
    scores = {(s.unit_id, s.criterion_id): s for s in Score.objects.filter(unit__block=block)}
    originals = None
    if ORIGINAL in workbook.sheetnames:
        originals = _original_values(_rows(workbook[ORIGINAL], max_row, max_column), columns)
    changes, conflicts, seen = [], [], set()
    for number, values in rows[FIRST_ROW - 1 :]:
        code_place = f"{title}!A{number}"
        if not _filled(values[0]):
            if any(_filled(v) for v in values[2:]):
                errors.append(f"{code_place}: " + _("a row with scores needs a unit code"))
            continue
        code = str(values[0]).strip()
        unit = units.get(code)
        if unit is None:
            errors.append(f"{code_place}: " + _("unknown unit “%(code)s”") % {"code": code})
            continue
        if code in seen:
            errors.append(f"{code_place}: " + _("unit “%(code)s” appears twice") % {"code": code})
            continue
        seen.add(code)
        for index, criterion in columns.items():
            leaf = leaves[criterion]
            place = f"{title}!{get_column_letter(index)}{number}"
            try:
                points, not_assessed = cell_value(values[index - 1], leaf)
            except ValueError as exc:
                errors.append(f"{place}: {exc}")
                continue
            score = scores[(unit.pk, leaf.pk)]
            current = (score.points, score.not_assessed)
            before = originals.get((code, leaf.code)) if originals is not None else None
            if (points, not_assessed) == current or (points, not_assessed) == before:
                continue  # unchanged, or left as the template had it (whatever happened since)
            if before is not None and before != current:
                conflicts.append(Conflict(place, score, _shown_value(*current), _shown_value(points, not_assessed)))
                continue
            changes.append(Change(score, points, not_assessed))
    if errors:
        raise UploadRefused(errors)
    _name_authors(conflicts)
    return Upload(changes, conflicts)


def _shown_value(points, not_assessed):
    return NOT_ASSESSED if not_assessed else format_vi(points) if points is not None else "–"


def _name_authors(conflicts):
    """Say who changed each conflicting score after the template was made, when, and how. One query."""
    latest = {}
    for record in (
        Score.history.filter(id__in={c.score.pk for c in conflicts})
        .select_related("history_user")
        .order_by("id", "-history_date", "-history_id")
    ):
        latest.setdefault(record.id, record)
    for conflict in conflicts:
        record = latest.get(conflict.score.pk)
        if record is not None:
            conflict.by, conflict.at, conflict.how = (
                record.history_user,
                record.history_date,
                reason_label(record.history_change_reason),
            )


def _original_values(rows, columns):
    values = {}
    for number, row in rows:
        if number < FIRST_ROW or not _filled(row[0]):
            continue
        for index, criterion in columns.items():
            try:
                values[(str(row[0]).strip(), criterion)] = cell_value(row[index - 1], None)
            except ValueError:
                continue
    return values


def cell_value(raw, leaf):
    """Return (points, not assessed) from a cell; raise ValueError with the problem in Vietnamese.

    A number, a text such as "4,5", "KĐG" (not assessed) or, on a survey criterion, a percentage
    such as "75,81%" (the criterion's points are then max × percentage). The rules on the value
    are those of every other entry (`scoring.points.read_points`).
    """
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        return None, False
    if isinstance(raw, str) and raw.strip().lower() in NOT_ASSESSED_WORDS:
        return None, True
    if isinstance(raw, bool):
        raise ValueError(_("“%(value)s” is not a number.") % {"value": raw})
    if isinstance(raw, float):
        raw = repr(raw)  # the shortest text that reads back as the same float: 4.5, not 4.4999…
    elif isinstance(raw, int):
        raw = str(raw)
    try:
        if raw.strip().endswith("%"):
            if leaf is not None and leaf.source != Criterion.Source.SURVEY:
                raise ValueError(_("a percentage is only for survey criteria; enter points"))
            percent = read_percent(raw)
            return (points_from_percent(percent, leaf.max_points) if leaf is not None else None), False
        number = read_points(raw, maximum=leaf.max_points if leaf is not None else None, shown=_shown(raw))
    except PointsRefused as refused:
        raise ValueError(refused.message) from None
    return number, False


def _shown(text):
    """A cell's number as the page writes it: 4,5 (the cell may hold 4.5)."""
    try:
        return format_vi(parse_decimal(text))
    except NotADecimal:
        return text.strip()


def apply_upload(*, edition, block, changes, user, file_name="", roles=None):
    """Write the changes of a checked upload in one transaction, each in the audit trail; return how many.
    With `roles`, every value changed must be the person's to appraise, or nothing is saved (`WriteRefused`)."""
    return set_scores(
        edition=edition,
        changes=[
            ScoreChange(change.score, {"points": change.points, "not_assessed": change.not_assessed})
            for change in changes
        ],
        user=user,
        reason=reason("excel", file_name),
        event="excel",
        remark=_("%(n)s scores of %(block)s from %(file)s")
        % {"n": len(changes), "block": block.name, "file": file_name},
        roles=roles,
    )

"""A criteria framework as provinces publish it, in Excel: one row per criterion, the codes making the tree.

Columns (found by their heading, in any order, on the first sheet that has them): Mã (code),
Tiêu chí (name), Điểm tối đa (maximum), and optionally Cách chấm (guidance), Tài liệu kiểm chứng
(evidence) and Nguồn điểm ("khảo sát" for a criterion scored by a survey). `read_workbook` gives the
rows (`scoring.setup.FrameworkRow`), each knowing its sheet, row and column for messages;
`framework_workbook` writes rows back in the same layout; `sample_rows` is the sample file's content.
"""

import io
import zipfile

from django.utils.translation import gettext as _
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from scoring.files import XLSX, office_type
from scoring.setup import MAX_ROWS, FrameworkRow, SetupRefused
from scoring.text import fold
from scoring.workbooks import append_row

HEADINGS = {
    "code": ("ma", "ma tieu chi", "stt", "ma so"),
    "name": ("tieu chi", "ten tieu chi", "noi dung", "linh vuc, tieu chi, tieu chi thanh phan"),
    "max": ("diem toi da", "diem", "diem chuan", "thang diem"),
    "guidance": ("cach cham", "cach cham diem", "huong dan cham"),
    "evidence": ("tai lieu kiem chung", "minh chung", "tai lieu minh chung"),
    "source": ("nguon diem", "nguon"),
}
TITLES = {
    "code": "Mã",
    "name": "Tiêu chí",
    "max": "Điểm tối đa",
    "guidance": "Cách chấm",
    "evidence": "Tài liệu kiểm chứng",
    "source": "Nguồn điểm",
}
BYTES_LIMIT = 20 * 1024 * 1024  # of the sheets, unpacked: far more than 2,000 criteria need


def _heading(value):
    text = fold(str(value or "")).strip().rstrip(":").strip()
    return next((name for name, words in HEADINGS.items() if text in words), None)


def read_workbook(upload):
    """The rows of the framework in an uploaded workbook; raise SetupRefused (nothing read beyond what is needed)."""
    if office_type(upload) != XLSX:
        raise SetupRefused([("", _("The file is not an Excel workbook (.xlsx)."))])
    try:
        with zipfile.ZipFile(upload) as archive:
            size = sum(e.file_size for e in archive.infolist() if e.filename.startswith("xl/worksheets/"))
    except (zipfile.BadZipFile, OSError, ValueError):
        raise SetupRefused([("", _("The file is not an Excel workbook (.xlsx) that can be read."))]) from None
    finally:
        upload.seek(0)
    if size > BYTES_LIMIT:
        raise SetupRefused([("", _("The workbook is far larger than a framework (%(max)s criteria at most).") % {
            "max": MAX_ROWS})])  # fmt: skip
    try:
        workbook = load_workbook(upload, read_only=True, data_only=True)
    except Exception:  # openpyxl raises many kinds of errors for broken files
        raise SetupRefused([("", _("The file is not an Excel workbook (.xlsx) that can be read."))]) from None
    try:
        for sheet in workbook.worksheets:
            rows = _read_sheet(sheet)
            if rows is not None:
                return rows
    finally:
        workbook.close()
    raise SetupRefused([("", _("No sheet has the headings Mã, Tiêu chí and Điểm tối đa in its first 10 rows."))])


def _read_sheet(sheet):
    columns, start = None, None
    lines = sheet.iter_rows(values_only=True)
    for number, line in enumerate(lines, start=1):
        if number > 10:
            return None
        found = {_heading(value): k for k, value in enumerate(line or ()) if _heading(value)}
        if {"code", "name", "max"} <= set(found):
            columns, start = found, number
            break
    if columns is None:
        return None
    rows = []
    for number, line in enumerate(lines, start=start + 1):
        values = {name: (line[k] if k < len(line) else None) for name, k in columns.items()}
        if all(value in (None, "") for value in values.values()):
            continue
        if len(rows) >= MAX_ROWS:
            raise SetupRefused(
                [
                    (
                        _("Sheet %(sheet)s") % {"sheet": sheet.title},
                        _("more than %(max)s rows: a framework has at most %(max)s criteria.") % {"max": MAX_ROWS},
                    )
                ]
            )
        place = _("Sheet %(sheet)s, row %(row)s") % {"sheet": sheet.title, "row": number}
        rows.append(
            FrameworkRow(
                code=_text(values.get("code")),
                name=_text(values.get("name")),
                max=_text(values.get("max")),
                survey=fold(_text(values.get("source"))) in ("khao sat", "survey"),
                guidance=_text(values.get("guidance")),
                evidence=_text(values.get("evidence")),
                place=place,
                columns={
                    name: _("column %(letter)s") % {"letter": get_column_letter(k + 1)} for name, k in columns.items()
                },
            )
        )
    return rows


def _text(value):
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def framework_workbook(rows, *, title):
    """The rows as a workbook in the layout `read_workbook` reads (bytes)."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Bo tieu chi"
    workbook.properties.title = title
    append_row(sheet, [TITLES[name] for name in ("code", "name", "max", "guidance", "evidence", "source")])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        append_row(sheet, [row.code, row.name, row.max, row.guidance, row.evidence, "khảo sát" if row.survey else ""])
    for letter, width in zip("ABCDEF", (10, 60, 12, 50, 50, 12), strict=True):
        sheet.column_dimensions[letter].width = width
        for cell in sheet[letter][1:]:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    sheet.freeze_panes = "A2"
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def sample_rows():
    """The sample framework: the 8 groups of the seeds' decisions, two criteria each, 100 points in all."""
    groups = [
        ("1", "Công tác chỉ đạo, điều hành cải cách hành chính", "10"),
        ("2", "Cải cách thể chế", "8"),
        ("3", "Cải cách thủ tục hành chính", "16"),
        ("4", "Cải cách tổ chức bộ máy hành chính", "8"),
        ("5", "Cải cách công vụ", "10"),
        ("6", "Cải cách tài chính công", "8"),
        ("7", "Xây dựng và phát triển chính quyền điện tử, chính quyền số", "14"),
        ("8", "Tác động của cải cách hành chính", "26"),
    ]
    rows = []
    for code, name, maximum in groups:
        half = int(maximum) // 2
        rows.append(FrameworkRow(code, name, maximum))
        rows.append(FrameworkRow(f"{code}.1", f"Tiêu chí {code}.1", str(half), guidance="Đạt: điểm tối đa; "
                                 "không đạt: 0 điểm.", evidence="Văn bản, báo cáo của đơn vị."))  # fmt: skip
        rows.append(FrameworkRow(f"{code}.2", f"Tiêu chí {code}.2", str(int(maximum) - half),
                                 survey=code == "8"))  # fmt: skip
    return rows

"""Downloads of a published edition's results: CSV (UTF-8 with BOM), XLSX and JSON, whole or per block.

CSV and JSON carry exactly what `export_results` prints; the XLSX workbook is for people: one sheet
per block, Vietnamese headers, numbers stored as numbers.
"""

import io
import json

from django.http import Http404, HttpResponse
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from publications.access import public_edition
from publications.caching import mark_cacheable, public_page
from scoring.exporting import results_csv, results_document
from scoring.results import edition_results
from scoring.workbooks import append_row, sheet_title

CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "json": "application/json; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


@public_page
def download(request, slug, fmt, block=None):
    """The edition's results (or one block's) as a file."""
    if fmt not in CONTENT_TYPES:
        raise Http404("unknown format")
    edition, preview = public_edition(request, slug)
    results = edition_results(edition)
    blocks = None
    if block is not None:
        if results.block(block) is None:
            raise Http404("no such block")
        blocks = {block}
    if fmt == "csv":
        body = results_csv(results, blocks=blocks, bom=True).encode("utf-8")
    elif fmt == "json":
        document = results_document(results)
        if blocks:
            document["blocks"] = [b for b in document["blocks"] if b["code"] in blocks]
        body = json.dumps(document, ensure_ascii=False, indent=1).encode("utf-8")
    else:
        body = results_xlsx(results, blocks=blocks)
    name = edition.slug if block is None else f"{edition.slug}-{block}"
    response = HttpResponse(body, content_type=CONTENT_TYPES[fmt])
    response["Content-Disposition"] = content_disposition_header(True, f"{name}.{fmt}")
    return response if preview else mark_cacheable(response)


def results_xlsx(results, *, blocks=None):
    """Return the results as an XLSX workbook (bytes): a sheet about the decision, then one per block."""
    edition = results.edition
    workbook = Workbook()
    about = workbook.active
    about.title = sheet_title(_("Information"), set())
    decision = getattr(edition, "decision", None)
    append_row(about, [_("Title"), edition.title])
    append_row(about, [_("Authority"), edition.authority_name])
    append_row(about, [_("Year"), edition.year])
    if decision is not None:
        append_row(about, [_("Decision"), decision.number])
        append_row(about, [_("Date"), decision.date])
        about.cell(row=about.max_row, column=2).number_format = "DD/MM/YYYY"
        append_row(about, [_("Signed by"), decision.signer])
    append_row(about, [_("Status"), _("Published") if edition.is_published else _("Draft — not published")])
    if edition.note:
        append_row(about, [_("Note"), edition.note])
    about.column_dimensions["A"].width = 16
    about.column_dimensions["B"].width = 100
    used = {about.title.lower()}
    for block in results.blocks:
        if blocks is not None and block.code not in blocks:
            continue
        sheet = workbook.create_sheet(sheet_title(block.name[:1].upper() + block.name[1:], used))
        header = [_("Rank"), _("Of"), _("Unit code"), _("Unit")]
        for group in block.groups:
            header += [f"{group.code}. {group.name}", _("%(code)s. max") % {"code": group.code}]
        header += [
            _("Score"),
            _("Max"),
            _("Percent (%)"),
            _("Band"),
            _("Head of unit rating"),
            _("Rank in %(year)s") % {"year": results.previous_year or _("previous year")},
            _("Percent in %(year)s (%%)") % {"year": results.previous_year or _("previous year")},
        ]
        append_row(sheet, header)
        for cell in sheet[1]:
            cell.font = Font(bold=True)
            cell.alignment = Alignment(wrap_text=True, vertical="top")
        for unit in block.units:
            row = [unit.rank, unit.of, unit.code, unit.name]
            for group in unit.groups:
                row += [group.score, group.max]
            row += [unit.score, unit.max, unit.percent, unit.band, unit.head_rating, unit.previous_rank,
                    unit.previous_percent]  # fmt: skip
            append_row(sheet, row)
        for column in range(5, len(header) + 1):
            letter = get_column_letter(column)
            for cell in sheet[letter][1:]:
                if cell.value is not None and not isinstance(cell.value, str | int):
                    cell.number_format = "0.00"
            sheet.column_dimensions[letter].width = 12
        sheet.column_dimensions["D"].width = 40
        sheet.freeze_panes = "E2"
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()

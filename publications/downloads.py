"""Downloads of a published edition's results, whole or per block.

- XLSX, for people: a sheet about the decision, then one sheet per block, Vietnamese headers,
  numbers stored as numbers, filters on the header row.
- CSV for Excel (`tai-ve.excel.csv`), for people too: the same tables, `;` between fields and
  decimal commas, so that Excel with Vietnamese regional settings opens it in columns.
- The data CSV (`tai-ve.csv`) and JSON carry exactly what `export_results` prints (edition-v1.md).

In the files for people a group the unit is not assessed on at all is left blank, as the page
shows "–"; in the data files it stays 0.00 of 0.00, as the format says.
"""

import csv
import io
import json
import zipfile

from django.http import Http404, HttpResponse
from django.urls import reverse
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font

from publications import licence
from publications.access import public_edition
from publications.caching import edition_response, public_page
from publications.titles import period_text
from scoring.exporting import CSV_DICTIONARY, period_of, results_csv, results_document
from scoring.numbers import fixed
from scoring.results import edition_results
from scoring.workbooks import append_row, csv_text, sheet_title, table_sheet

CONTENT_TYPES = {
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "excel.csv": "text/csv; charset=utf-8",
    "csv": "text/csv; charset=utf-8",
    "json": "application/json; charset=utf-8",
    "zip": "application/zip",
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
    elif fmt == "excel.csv":
        body = results_excel_csv(results, blocks=blocks).encode("utf-8")
    elif fmt == "json":
        document = results_document(results)
        if blocks:
            document["blocks"] = [b for b in document["blocks"] if b["code"] in blocks]
        body = json.dumps(document, ensure_ascii=False, indent=1).encode("utf-8")
    elif fmt == "zip":
        if block is not None:
            raise Http404("the zip holds the whole edition")
        body = results_zip(request, results)
    else:
        body = results_xlsx(results, blocks=blocks)
    name = edition.slug if block is None else f"{edition.slug}-{block}"
    if fmt == "excel.csv":
        name += "-excel"
    response = HttpResponse(body, content_type=CONTENT_TYPES[fmt])
    response["Content-Disposition"] = content_disposition_header(True, f"{name}.{fmt.split('.')[-1]}")
    return edition_response(response, edition, preview)


def block_table(results, block):
    """Return (header, rows) of one block for people: ranks, group scores, totals, band, change.

    Figures are Decimals (None where nothing applies); the previous year's columns are there only
    when the edition has a previous year.
    """
    header = [_("Rank"), _("Of"), _("Unit code"), _("Unit")]
    for group in block.groups:
        header += [f"{group.code}. {group.name}", _("%(code)s. max") % {"code": group.code}]
    header += [_("Score"), _("Max"), _("Percent (%)"), _("Band"), _("Head of unit rating")]
    year = results.previous_year
    if year:
        header += [_("Rank in %(year)s") % {"year": year}, _("Percent in %(year)s (%%)") % {"year": year}]
    rows = []
    for unit in block.units:
        row = [unit.rank, unit.of, unit.code, unit.name]
        for group in unit.groups:
            row += [group.score, group.max] if group.max_cents else [None, None]
        row += [unit.score, unit.max, unit.percent, unit.band, unit.head_rating]
        if year:
            row += [unit.previous_rank, unit.previous_percent]
        rows.append(row)
    return header, rows


def _chosen(results, blocks):
    return [b for b in results.blocks if blocks is None or b.code in blocks]


def results_excel_csv(results, *, blocks=None):
    """Return the results as CSV for Excel with Vietnamese settings: `;`, decimal commas, one table per block."""
    out = io.StringIO()
    out.write("\ufeff")
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    edition = results.edition
    decision = getattr(edition, "decision", None)
    title = edition.title
    if decision is not None:
        title += " — " + _("Decision No. %(number)s") % {"number": decision.number}
    elif edition.period_start is not None:
        title += " — " + period_text(edition)
    writer.writerow([csv_text(title)])
    for block in _chosen(results, blocks):
        header, rows = block_table(results, block)
        writer.writerow([])
        writer.writerow([csv_text(block.name[:1].upper() + block.name[1:])])
        writer.writerow([csv_text(h) for h in header])
        for row in rows:
            writer.writerow([_excel_text(value) for value in row])
    writer.writerow([])
    writer.writerow([csv_text(str(licence.STATEMENT))])
    return out.getvalue()


def _excel_text(value):
    if value is None:
        return ""
    if isinstance(value, int):
        return str(value)
    if isinstance(value, str):
        return csv_text(value)
    return fixed(value, 2, ",")


def results_xlsx(results, *, blocks=None):
    """Return the results as an XLSX workbook (bytes): a sheet about the decision, then one per block."""
    edition = results.edition
    workbook = Workbook()
    workbook.properties.title = edition.title
    workbook.properties.creator = edition.authority_name
    workbook.properties.language = "vi"
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
    if edition.period_start is not None:
        append_row(about, [_("Period"), edition.period])
        append_row(about, [_("Figures as of"), edition.as_of])
        about.cell(row=about.max_row, column=2).number_format = "DD/MM/YYYY"
        append_row(about, [_("Source of the figures"), edition.source])
    append_row(about, [_("Status"), _("Published") if edition.is_published else _("Draft — not published")])
    if edition.note:
        append_row(about, [_("Note"), edition.note])
    append_row(about, [_("Licence"), f"{licence.STATEMENT} {licence.URL}"])
    for cell in about["A"]:
        cell.font = Font(bold=True)
    about.column_dimensions["A"].width = 16
    about.column_dimensions["B"].width = 100
    used = {about.title.lower()}
    for block in _chosen(results, blocks):
        sheet = workbook.create_sheet(sheet_title(block.name[:1].upper() + block.name[1:], used))
        header, rows = block_table(results, block)
        table_sheet(sheet, header, rows, name_column=4)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def results_zip(request, results):
    """The whole edition as people reuse it: the data CSV, the CSV for Excel, the XLSX, the JSON, a metadata file
    (metadata.json) and a README saying where the figures come from, under which licence, and how they are made."""
    edition = results.edition
    slug = edition.slug
    decision = getattr(edition, "decision", None)
    page = request.build_absolute_uri(reverse("publications:announcement", args=[slug]))
    metadata = {
        "title": edition.title,
        "authority": edition.authority_name,
        "year": edition.year,
        "index": edition.index.code,
        "decision": {"number": decision.number, "date": decision.date.isoformat(), "signer": decision.signer}
        if decision is not None
        else None,
        "period": period_of(edition) if edition.period_start is not None else None,
        "source": page,
        "license": {"name": licence.NAME, "spdx": licence.SPDX, "url": licence.URL},
        "format": "parindex results (edition-v1.md, 'Results export')",
        "files": {
            f"{slug}.csv": "data CSV: one row per unit, comma, decimal point",
            f"{slug}-excel.csv": "CSV for Excel with Vietnamese settings: semicolon, decimal comma",
            f"{slug}.xlsx": "Excel workbook, one sheet per block",
            f"{slug}.json": "the same results as JSON",
        },
        "columns": {name: str(meaning) for name, meaning in CSV_DICTIONARY},
    }
    readme = [
        edition.title,
        "=" * min(len(edition.title), 80),
        "",
        _("Authority") + f": {edition.authority_name}",
        _("Year") + f": {edition.year}",
    ]
    if decision is not None:
        readme.append(_("Decision") + f": {decision.number} ({decision.date:%d/%m/%Y})")
    readme += [
        _("Source") + f": {page}",
        "",
        _("Licence") + f": {licence.STATEMENT} {licence.URL}",
        "",
        _("How the figures are computed"),
        _(
            "A unit's score is the sum of its scores on the criteria; its maximum leaves out the criteria it is not "
            "assessed on. The percentage is the score over that maximum × 100, rounded half up to 2 decimals. Units "
            "are ranked in their block by it (equal figures share a rank), and the band is the first whose minimum "
            "the percentage reaches."
        ),
        "",
        _("Columns of the data CSV"),
        *[f"- {name}: {meaning}" for name, meaning in CSV_DICTIONARY],
        "",
    ]
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(f"{slug}.csv", results_csv(results, bom=True).encode("utf-8"))
        archive.writestr(f"{slug}-excel.csv", results_excel_csv(results).encode("utf-8"))
        archive.writestr(f"{slug}.xlsx", results_xlsx(results))
        archive.writestr(f"{slug}.json", json.dumps(results_document(results), ensure_ascii=False, indent=1))
        archive.writestr("metadata.json", json.dumps(metadata, ensure_ascii=False, indent=1))
        archive.writestr("README.txt", "\r\n".join(readme).encode("utf-8"))
    return out.getvalue()

"""The coordinator's progress dashboard: each unit's self-assessment and evidence, its reporters' last visit,
and each step's state; the same as CSV. Read in a fixed number of queries whatever the size of the edition."""

import csv
import io

from django.contrib.auth import get_user_model
from django.http import HttpResponse
from django.shortcuts import render
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from openpyxl import Workbook

from scoring.comparison import compare_rounds
from scoring.models import Submission, Unit
from scoring.progress import Progress, progress_of
from scoring.workbooks import csv_text, sheet_title, table_sheet
from workspace.access import require, staff_edition
from workspace.models import Role
from workspace.views import staff_view

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _rows(edition):
    progress = progress_of(edition)
    units = list(Unit.objects.filter(edition=edition).select_related("block").order_by("block__position", "position"))
    reporters = {}
    logins = dict(
        get_user_model()
        .objects.filter(parindex_roles__authority_id=edition.authority_id, parindex_roles__kind=Role.Kind.REPORTER)
        .values_list("pk", "last_login")
    )
    for user_id, code in Role.objects.filter(authority_id=edition.authority_id, kind=Role.Kind.REPORTER).values_list(
        "user_id", "unit_code"
    ):
        reporters.setdefault(code, []).append(logins.get(user_id))
    submitted = dict(Submission.objects.filter(unit__edition=edition).values_list("unit_id", "status"))
    labels = dict(Submission.Status.choices)
    rows = []
    for unit in units:
        state = progress.get(unit.pk, Progress())
        seen = [at for at in reporters.get(unit.code, []) if at is not None]
        rows.append(
            {
                "unit": unit,
                "progress": state,
                "complete": state.self_assessed,
                "evidence_missing": state.evidence_required - state.evidence_given,
                "reporters": len(reporters.get(unit.code, [])),
                "last_login": max(seen) if seen else None,
                "submission": labels.get(submitted.get(unit.pk), ""),
            }
        )
    return rows


@staff_view
def dashboard(request, slug):
    edition, roles = staff_edition(request, slug)
    if not (roles.has(Role.Kind.COORDINATOR) or roles.has(Role.Kind.APPRAISER)):
        require(roles, Role.Kind.COORDINATOR)
    rows = _rows(edition)
    totals = {
        "units": len(rows),
        "complete": sum(1 for row in rows if row["complete"]),
        "evidence_missing": sum(1 for row in rows if row["evidence_missing"]),
        "no_reporter": sum(1 for row in rows if not row["reporters"]),
    }
    if request.GET.get("tai") == "csv":
        return _csv(edition, rows)
    return render(request, "workspace/dashboard.html", {"edition": edition, "rows": rows, "totals": totals})


def _csv(edition, rows):
    out = io.StringIO()
    out.write("\ufeff")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([_("Block"), _("Unit code"), _("Unit"), _("Self-assessed"), _("Criteria that apply"),
                     _("Appraised"), _("Evidence given"), _("Evidence required"), _("Reporters"),
                     _("Last visit of a reporter"), _("Submission")])  # fmt: skip
    for row in rows:
        state = row["progress"]
        writer.writerow([csv_text(row["unit"].block.name), csv_text(row["unit"].code), csv_text(row["unit"].name),
                         state.self_entered, state.applicable, state.appraised, state.evidence_given,
                         state.evidence_required, row["reporters"],
                         row["last_login"].isoformat(timespec="minutes") if row["last_login"] else "",
                         csv_text(str(row["submission"]))])  # fmt: skip
    response = HttpResponse(out.getvalue().encode("utf-8"), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = content_disposition_header(True, f"tien-do-{edition.slug}.csv")
    return response


@staff_view
def rounds_workbook(request, slug):
    """Self-assessed against appraised, per block (one sheet each), with the differences: "số liệu giải trình"."""
    edition, roles = staff_edition(request, slug)
    if not (roles.has(Role.Kind.COORDINATOR) or roles.has(Role.Kind.APPRAISER) or roles.has(Role.Kind.APPROVER)):
        require(roles, Role.Kind.COORDINATOR)
    workbook = Workbook()
    workbook.remove(workbook.active)
    workbook.properties.title = edition.title
    used = set()
    for block, rows in compare_rounds(edition):
        sheet = workbook.create_sheet(sheet_title(block.name[:1].upper() + block.name[1:], used))
        header = [_("Rank"), _("Unit code"), _("Unit")]
        words = (_("self-assessed"), _("appraised"), _("difference"))
        for group in block.groups:
            header += [f"{group.code} — {word}" for word in words]
        header += [_("Self-assessed score"), _("Appraised score"), _("Difference"), _("Percent (%)"), _("Band")]
        table = []
        for row in rows:
            unit = row.unit
            values = [unit.rank, unit.code, unit.name]
            for own, group, diff in zip(row.self_groups, unit.groups, row.group_differences(), strict=True):
                values += [own, group.score, diff]
            table.append([*values, row.self_score, unit.score, row.difference, unit.percent, unit.band])
        table_sheet(sheet, header, table, name_column=3, name_width=36)
    out = io.BytesIO()
    workbook.save(out)
    response = HttpResponse(out.getvalue(), content_type=XLSX)
    response["Content-Disposition"] = content_disposition_header(True, f"so-lieu-giai-trinh-{edition.slug}.xlsx")
    return response

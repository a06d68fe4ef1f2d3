"""The coordinator's progress dashboard: each unit's self-assessment and evidence, its reporters' last visit, its
disputes, whether it is late; each appraiser's criteria appraised of those assigned; the same as CSV. Read in a
fixed number of queries whatever the size of the edition."""

import csv
import datetime
import io

from django.db.models import Count, Q
from django.http import HttpResponse
from django.shortcuts import render
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from openpyxl import Workbook

from scoring.assignments import Appraisal
from scoring.comparison import compare_rounds
from scoring.models import Edition, Score, Submission, Unit
from scoring.progress import Progress, progress_of
from scoring.workbooks import csv_text, sheet_title, table_sheet
from workspace.access import require, roles_from, staff_edition
from workspace.models import Deadline, Role
from workspace.views import staff_view

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _rows(edition, overdue):
    """Each unit's row. `overdue`: the step's deadline has passed, so a unit that has not done its part is late."""
    progress = progress_of(edition)
    units = list(Unit.objects.filter(edition=edition).select_related("block").order_by("block__position", "position"))
    reporters = {}
    for code, last_login in Role.objects.filter(authority_id=edition.authority_id, kind=Role.Kind.REPORTER).values_list(
        "unit_code", "user__last_login"
    ):
        reporters.setdefault(code, []).append(last_login)
    submitted = dict(Submission.objects.filter(unit__edition=edition).values_list("unit_id", "status"))
    locked = {Submission.Status.SUBMITTED, Submission.Status.APPROVED}
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
                "disputes": state.disputes_open,
                "late": overdue
                and edition.status == Edition.Status.SELF_ASSESSMENT
                and submitted.get(unit.pk) not in locked,
            }
        )
    return rows


def appraisers_progress(edition):
    """Each appraiser of the authority: the scores (unit × criterion that applies) theirs to appraise, and how many
    of them have an appraised score. Four to six queries, whatever the number of units and appraisers."""
    held_by, users = {}, {}
    mine = Role.objects.filter(authority_id=edition.authority_id)
    for role in mine.filter(user__in=mine.filter(kind=Role.Kind.APPRAISER).values("user_id")).select_related("user"):
        held_by.setdefault(role.user_id, []).append((role.kind, role.unit_code))
        users[role.user_id] = role.user
    roles = {user_id: roles_from(held) for user_id, held in held_by.items()}
    appraisers = {pk: held for pk, held in roles.items() if Role.Kind.APPRAISER in held.kinds}
    if not appraisers:
        return []
    appraisal = Appraisal(edition)
    per_criterion = list(
        Score.objects.filter(unit__edition=edition, not_assessed=False)
        .values("criterion_id", "criterion__criteria_set_id")
        .annotate(total=Count("pk"), done=Count("pk", filter=Q(points__isnull=False)))
        .order_by()
    )
    own_codes = set().union(*(held.unit_codes | held.head_codes for held in appraisers.values()))
    per_own = {}
    for code, criterion_id, total, done in (
        []
        if not own_codes
        else Score.objects.filter(unit__edition=edition, not_assessed=False, unit__code__in=own_codes)
        .values("unit__code", "criterion_id")
        .annotate(total=Count("pk"), done=Count("pk", filter=Q(points__isnull=False)))
        .values_list("unit__code", "criterion_id", "total", "done")
    ):
        per_own[(code, criterion_id)] = (total, done)
    rows = []
    for pk, held in appraisers.items():
        user = users[pk]
        assigned = done = 0
        for row in per_criterion:
            criterion = _Node(row["criterion_id"], row["criterion__criteria_set_id"])
            if not appraisal.may_appraise(user, held, "", criterion):
                continue
            assigned += row["total"]
            done += row["done"]
            for code in held.unit_codes | held.head_codes:  # nobody appraises the unit they report for
                own_total, own_done = per_own.get((code, criterion.pk), (0, 0))
                assigned -= own_total
                done -= own_done
        rows.append({"user": user, "departments": ", ".join(sorted(held.departments)), "assigned": assigned,
                     "done": done})  # fmt: skip
    rows.sort(key=lambda row: (row["departments"], row["user"].get_full_name() or row["user"].username))
    return rows


class _Node:
    """What `Appraisal.may_appraise` reads of a criterion."""

    def __init__(self, pk, criteria_set_id):
        self.pk = pk
        self.criteria_set_id = criteria_set_id


@staff_view
def dashboard(request, slug):
    edition, roles = staff_edition(request, slug)
    if not (roles.has(Role.Kind.COORDINATOR) or roles.has(Role.Kind.APPRAISER)):
        require(roles, Role.Kind.COORDINATOR)
    deadline = Deadline.objects.filter(edition=edition, status=edition.status).first()
    overdue = bool(deadline and datetime.date.today() > deadline.due)
    rows = _rows(edition, overdue)
    totals = {
        "units": len(rows),
        "complete": sum(1 for row in rows if row["complete"]),
        "evidence_missing": sum(1 for row in rows if row["evidence_missing"]),
        "no_reporter": sum(1 for row in rows if not row["reporters"]),
        "late": sum(1 for row in rows if row["late"]),
        "disputes": sum(row["disputes"] for row in rows),
    }
    if request.GET.get("tai") == "csv":
        return _csv(edition, rows)
    context = {"edition": edition, "rows": rows, "totals": totals, "deadline": deadline, "overdue": overdue,
               "appraisers": appraisers_progress(edition)}  # fmt: skip
    return render(request, "workspace/dashboard.html", context)


def _csv(edition, rows):
    out = io.StringIO()
    out.write("\ufeff")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([_("Block"), _("Unit code"), _("Unit"), _("Self-assessed"), _("Criteria that apply"),
                     _("Appraised"), _("Evidence given"), _("Evidence required"), _("Reporters"),
                     _("Last visit of a reporter"), _("Submission"), _("Disputes open"), _("Late")])  # fmt: skip
    for row in rows:
        state = row["progress"]
        writer.writerow([csv_text(row["unit"].block.name), csv_text(row["unit"].code), csv_text(row["unit"].name),
                         state.self_entered, state.applicable, state.appraised, state.evidence_given,
                         state.evidence_required, row["reporters"],
                         row["last_login"].isoformat(timespec="minutes") if row["last_login"] else "",
                         csv_text(str(row["submission"])), row["disputes"],
                         _("yes") if row["late"] else ""])  # fmt: skip
    response = HttpResponse(out.getvalue().encode("utf-8"), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = content_disposition_header(True, f"tien-do-{edition.slug}.csv")
    return response


@staff_view
def rounds_workbook(request, slug):
    """Self-assessed, appraised and final (after the explanation round), per block (one sheet each), with the
    difference of the final from the self-assessed: "số liệu giải trình"."""
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
        words = (_("self-assessed"), _("appraised"), _("final"), _("difference"))
        for group in block.groups:
            header += [f"{group.code} — {word}" for word in words]
        header += [_("Self-assessed score"), _("Appraised score"), _("Final score"), _("Difference"),
                   _("Percent (%)"), _("Band")]  # fmt: skip
        table = []
        for row in rows:
            unit = row.unit
            values = [unit.rank, unit.code, unit.name]
            for own, appraised, group, diff in zip(
                row.self_groups, row.appraised_groups, unit.groups, row.group_differences(), strict=True
            ):
                values += [own, appraised, group.score, diff]
            table.append([*values, row.self_score, row.appraised_score, unit.score, row.difference, unit.percent,
                          unit.band])  # fmt: skip
        table_sheet(sheet, header, table, name_column=3, name_width=36)
    out = io.BytesIO()
    workbook.save(out)
    response = HttpResponse(out.getvalue(), content_type=XLSX)
    response["Content-Disposition"] = content_disposition_header(True, f"so-lieu-giai-trinh-{edition.slug}.xlsx")
    return response

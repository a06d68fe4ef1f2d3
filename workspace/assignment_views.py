"""The coordinator's assignments (phân công thẩm định): each group of each criteria set to an appraiser or to an
appraising department, on one page. Every rule and write is the domain's (`scoring.assignments`, `scoring.writes`)."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from scoring import writes
from scoring.assignments import Appraisal
from scoring.models import Assignment, Criterion, Unit
from workspace.access import require, staff_edition
from workspace.models import Role
from workspace.views import staff_view


def _appraisers(edition):
    """The authority's appraisers: [(user, department code)], by name."""
    found = {}
    for role in (
        Role.objects.filter(authority_id=edition.authority_id, kind=Role.Kind.APPRAISER)
        .select_related("user")
        .order_by("user__last_name", "user__first_name", "user__username")
    ):
        found.setdefault(role.user_id, [role.user, set()])[1].add(role.unit_code)
    return [(user, ", ".join(sorted(code for code in codes if code))) for user, codes in found.values()]


def _choice(assignment):
    if assignment is None:
        return ""
    return f"u{assignment.appraiser_id}" if assignment.appraiser_id else f"d{assignment.department_id}"


@staff_view
def assignments(request, slug):
    edition, roles = staff_edition(request, slug)
    require(roles, Role.Kind.COORDINATOR)
    appraisers = _appraisers(edition)
    people = {f"u{user.pk}": user for user, _codes in appraisers}
    units = list(Unit.objects.filter(edition=edition).select_related("block").order_by("block__position", "position"))
    departments = {f"d{unit.pk}": unit for unit in units}
    groups = list(
        Criterion.objects.filter(criteria_set__edition=edition, depth=0)
        .select_related("criteria_set")
        .order_by("criteria_set__position", "position")
    )
    current = {a.criterion_id: a for a in Assignment.objects.filter(criterion__in=groups)}
    errors = {}
    if request.method == "POST":
        if edition.is_published:
            errors[None] = _("The results are published: nothing is assigned any more.")
        changed = 0
        for group in groups:
            chosen = request.POST.get(f"g{group.pk}", _choice(current.get(group.pk)))
            if chosen == _choice(current.get(group.pk)) or errors:
                continue
            if chosen and chosen not in people and chosen not in departments:
                errors[group.pk] = _("Choose an appraiser or a department from the list.")
                continue
            try:
                writes.assign(edition=edition, criterion=group, user=request.user, appraiser=people.get(chosen),
                              department=departments.get(chosen), appraisers=people.values())  # fmt: skip
            except writes.AssignmentRefused as refused:
                errors[group.pk] = str(refused)
            else:
                changed += 1
        if not errors:
            messages.success(
                request, _("%(n)s assignments saved.") % {"n": changed} if changed else _("Nothing changed.")
            )
            return redirect("workspace:assignments", slug=edition.slug)
    appraisal = Appraisal(edition)
    sets = {}
    for group in groups:
        entry = sets.setdefault(group.criteria_set_id, {"set": group.criteria_set, "groups": [], "unassigned": []})
        entry["groups"].append(
            {"group": group, "chosen": request.POST.get(f"g{group.pk}", _choice(current.get(group.pk))),
             "error": errors.get(group.pk)}
        )  # fmt: skip
    for entry in sets.values():
        entry["unassigned"] = appraisal.unassigned(entry["set"])
    context = {
        "edition": edition,
        "sets": list(sets.values()),
        "people": [
            (f"u{user.pk}", (user.get_full_name() or user.username) + (f" ({codes})" if codes else ""))
            for user, codes in appraisers
        ],
        "departments": [(f"d{unit.pk}", f"{unit.name} ({unit.code})") for unit in units],
        "error": errors.get(None),
    }
    return render(request, "workspace/assignments.html", context, status=400 if errors else 200)

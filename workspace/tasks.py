"""What each person can do now on an edition, and what a step will do before it is taken.

The edition page lists each person's tasks at the current step, with a link to where they are
done; a step that cannot be undone is first shown with what it will do and what is unfinished,
and taken only once confirmed.
"""

from dataclasses import dataclass, field

from django.urls import reverse
from django.utils.translation import gettext as _

from scoring.cycle import RoleKind, Status
from scoring.models import Dispute
from scoring.progress import Progress, unfinished_appraisal, unfinished_self_assessment


@dataclass
class Task:
    text: str
    url: str = ""
    link: str = ""


def tasks_for(edition, roles, units, progress):
    """Return the user's tasks on the edition at its current step: [Task], in the order they come."""
    status, tasks = edition.status, []
    mine = [unit for unit in units if roles.reports_for(unit.code) and not roles.superuser]
    if status == Status.SELF_ASSESSMENT:
        for unit in mine:
            done = progress.get(unit.pk, Progress())
            tasks.append(
                Task(
                    _("Enter the self-assessment of %(unit)s (%(done)s of %(all)s criteria so far).")
                    % {"unit": unit.name, "done": done.self_entered, "all": done.applicable},
                    reverse("workspace:unit", args=[edition.slug, unit.code]),
                    _("Open its score sheet"),
                )
            )
        if roles.has(RoleKind.APPRAISER):
            tasks.append(Task(_("Follow the units' self-assessment below; close it when they have finished.")))
    elif status == Status.APPRAISAL:
        if roles.has(RoleKind.APPRAISER):
            waiting = [unit for unit in units if not progress.get(unit.pk, Progress()).fully_appraised]
            first = waiting[0] if waiting else (units[0] if units else None)
            tasks.append(
                Task(
                    _("Appraise the units' scores (%(n)s units still have criteria without an appraised score).")
                    % {"n": len(waiting)},
                    reverse("workspace:unit", args=[edition.slug, first.code]) if first else "",
                    _("Open the first one") if first else "",
                )
            )
        for unit in mine:
            tasks.append(
                Task(
                    _("Read the appraisers' remarks on %(unit)s and answer them in the explanation column.")
                    % {"unit": unit.name},
                    reverse("workspace:unit", args=[edition.slug, unit.code]),
                    _("Open its score sheet"),
                )
            )
        if roles.has(RoleKind.APPROVER):
            tasks.append(Task(_("When appraisal is over, approve the results.")))
    elif status == Status.APPROVED:
        if roles.has(RoleKind.PUBLISHER):
            url = reverse("workspace:publish", args=[edition.slug])
            tasks.append(Task(_("Publish the results by the signed decision."), url, _("Publish by a decision")))
        if roles.has(RoleKind.APPROVER):
            tasks.append(Task(_("If something must still change, send the results back to appraisal.")))
    return tasks


@dataclass
class Consequences:
    """What a step will do, and what is not finished yet (each unfinished unit named)."""

    does: str
    unfinished: str = ""
    units: list = field(default_factory=list)
    irreversible: bool = True


def consequences(edition, action):
    """Return what taking `action` on the edition now will do, for the confirmation page."""
    if action == "open_self_assessment":
        return Consequences(
            _("The units' reporters will be able to enter their self-assessment and attach evidence."),
            irreversible=False,
        )
    if action == "start_appraisal":
        units = unfinished_self_assessment(edition)
        total = edition.units.count()
        return Consequences(
            _(
                "Self-assessment closes: reporters can no longer change their scores. Each self-assessed score "
                "becomes the starting point of the appraisal."
            ),
            _("%(n)s of %(all)s units have not finished their self-assessment:") % {"n": len(units), "all": total}
            if units
            else "",
            units,
            irreversible=False,
        )
    if action == "reopen_self_assessment":
        return Consequences(
            _(
                "Self-assessment opens again: reporters can change their scores; the appraised scores go back to "
                "what they were before appraisal started. Possible only while nobody has changed a score since."
            ),
            irreversible=False,
        )
    if action == "approve":
        units = unfinished_appraisal(edition)
        total = edition.units.count()
        return Consequences(
            _("The results are approved: nothing can be changed any more unless they are sent back to appraisal."),
            _("%(n)s of %(all)s units still have criteria without an appraised score (they count 0):")
            % {"n": len(units), "all": total}
            if units
            else "",
            units,
        )
    if action == "release_results":
        return Consequences(
            _(
                "The appraised results are released to the units: each may accept them or dispute, criterion by "
                "criterion, a score the appraisal changed; the appraisers decide each dispute."
            ),
            irreversible=False,
        )
    if action == "approve_after_explanation":
        open_disputes = Dispute.objects.filter(score__unit__edition=edition, status=Dispute.Status.OPEN).count()
        return Consequences(
            _("The results are approved: nothing can be changed any more unless they are sent back to appraisal."),
            _("%(n)s disputes are still open: decide them first.") % {"n": open_disputes} if open_disputes else "",
        )
    if action == "send_back":
        return Consequences(
            _("The results go back to appraisal; the appraisers can change them again."), irreversible=False
        )
    if action == "amend":
        return Consequences(
            _(
                "A copy of this decision's data is prepared as the draft of an amending decision, in appraisal, "
                "with the units' explanations and evidence. This decision stays published until the amending "
                "one is."
            )
        )
    return Consequences("")

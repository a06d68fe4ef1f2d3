"""A unit submits its self-assessment once: its reporter submits, its head approves or sends it back; after the
deadline only the coordinator can reopen it for that unit. Every step is recorded in the edition's trail.

Submission is refused, with the list, while a criterion that applies has no self-assessed score, or
while a criterion that requires evidence has neither a file nor an explanation (the framework says
which: `Criterion.evidence`).
"""

import datetime

from django.db import transaction
from django.utils.translation import gettext as _

from scoring.cycle import RoleKind, Status
from scoring.models import Edition, Score, Submission
from scoring.progress import missing_evidence
from scoring.writes import WriteRefused, record


class SubmissionRefused(WriteRefused):
    """Refused, nothing saved; `items` lists what is missing when that is why."""

    def __init__(self, message, items=()):
        self.items = list(items)
        super().__init__(message)


def state_of(unit):
    return Submission.objects.filter(unit=unit).first()


def submit(*, unit, user, roles, deadline=None, today=None):
    """The reporter submits the unit's self-assessment; return the Submission."""
    edition = Edition.objects.get(pk=unit.edition_id)  # its step as it is now
    today = today or datetime.date.today()
    if edition.status != Status.SELF_ASSESSMENT:
        raise SubmissionRefused(_("Self-assessment is not open: there is nothing to submit now."))
    if not roles.reports_for(unit.code):
        raise SubmissionRefused(_("Only the unit's reporters submit its self-assessment."))
    current = state_of(unit)
    if current is not None and current.locked:
        raise SubmissionRefused(_("The self-assessment is submitted already."))
    if deadline is not None and today > deadline and not (current and current.status == Submission.Status.REOPENED):
        raise SubmissionRefused(_("The deadline, %(date)s, has passed: ask the coordinator to reopen it for the unit.")
                                % {"date": deadline.strftime("%d/%m/%Y")})  # fmt: skip
    empty = list(
        Score.objects.filter(unit=unit, not_assessed=False, self_points__isnull=True)
        .select_related("criterion")
        .order_by("criterion__position")
    )
    if empty:
        raise SubmissionRefused(
            _("%(n)s criteria have no self-assessed score yet:") % {"n": len(empty)},
            [f"{s.criterion.code} {s.criterion.name}" for s in empty],
        )
    missing = missing_evidence(unit)
    if missing:
        raise SubmissionRefused(
            _("%(n)s criteria require evidence and have neither a file nor an explanation:") % {"n": len(missing)},
            [f"{c.code} {c.name}: {c.evidence}" for c in missing],
        )
    with transaction.atomic():
        submission, _created = Submission.objects.update_or_create(
            unit=unit, defaults={"status": Submission.Status.SUBMITTED, "by": user, "remark": ""}
        )
        record(edition, "submit", user=user, unit_code=unit.code)
    return submission


def decide(*, unit, user, roles, approve, reason=""):
    """The unit's head approves the submission, or sends it back with a reason."""
    if not roles.has(RoleKind.UNIT_HEAD) or not roles.heads(unit.code):
        raise SubmissionRefused(_("Only the head of the unit approves or sends back its self-assessment."))
    current = state_of(unit)
    if current is None or current.status != Submission.Status.SUBMITTED:
        raise SubmissionRefused(_("There is no submission waiting for a decision."))
    reason = (reason or "").strip()
    if not approve and not reason:
        raise SubmissionRefused(_("Say why it is sent back: the reporters read it."))
    with transaction.atomic():
        updated = Submission.objects.filter(pk=current.pk, status=Submission.Status.SUBMITTED).update(
            status=Submission.Status.APPROVED if approve else Submission.Status.RETURNED, by=user, remark=reason
        )
        if not updated:  # decided meanwhile by someone else
            raise SubmissionRefused(_("The submission was decided meanwhile."))
        record(unit.edition, "submission_approved" if approve else "submission_returned", user=user,
               unit_code=unit.code, remark=reason)  # fmt: skip
    return state_of(unit)


def reopen(*, unit, user, roles, reason):
    """The coordinator lets a late unit submit after the deadline (or change a submitted one); recorded."""
    if not roles.has(RoleKind.COORDINATOR):
        raise SubmissionRefused(_("Only the coordinator reopens a unit's self-assessment."))
    reason = (reason or "").strip()
    if not reason:
        raise SubmissionRefused(_("Say why it is reopened: it is recorded."))
    with transaction.atomic():
        Submission.objects.update_or_create(
            unit=unit, defaults={"status": Submission.Status.REOPENED, "by": user, "remark": reason}
        )
        record(unit.edition, "submission_reopened", user=user, unit_code=unit.code, remark=reason)
    return state_of(unit)

"""The yearly cycle: draft → self-assessment → appraisal → approved → published.

Each step is taken by the role that owns it and recorded as an EditionEvent (who, when, remark).
Which scores may be changed, and by whom, follows from the step (`editable_fields`).
"""

from dataclasses import dataclass

from django.db import transaction
from django.db.models import F
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from simple_history.utils import bulk_update_with_history

from scoring.history import ensure_baseline
from scoring.models import Edition, Score
from scoring.text import has_control
from workspace.models import EditionEvent, Role

Status = Edition.Status


@dataclass(frozen=True)
class Step:
    action: str
    source: str
    target: str
    role: str
    label: str
    needs_remark: bool = False


STEPS = {
    step.action: step
    for step in [
        Step("open_self_assessment", Status.DRAFT, Status.SELF_ASSESSMENT, Role.Kind.APPRAISER,
             gettext_lazy("Open self-assessment")),
        Step("start_appraisal", Status.SELF_ASSESSMENT, Status.APPRAISAL, Role.Kind.APPRAISER,
             gettext_lazy("Close self-assessment and start appraisal")),
        Step("approve", Status.APPRAISAL, Status.APPROVED, Role.Kind.APPROVER, gettext_lazy("Approve the results")),
        Step("send_back", Status.APPROVED, Status.APPRAISAL, Role.Kind.APPROVER,
             gettext_lazy("Send back to appraisal"), needs_remark=True),
    ]
}  # fmt: skip


class StepRefused(Exception):
    """The step cannot be taken now, by this user; the message says why."""


def steps_for(edition, roles):
    """Return the steps this user may take on the edition now."""
    return [step for step in STEPS.values() if step.source == edition.status and roles.has(step.role)]


def take_step(*, edition, action, user, roles, remark=""):
    """Move the edition one step along the cycle; return it. Raise StepRefused when not allowed."""
    step = STEPS.get(action)
    if step is None:
        raise StepRefused(_("Unknown step."))
    if not roles.has(step.role):
        raise StepRefused(_("Only the %(role)s may do this.") % {"role": Role.Kind(step.role).label})
    if step.needs_remark and not remark.strip():
        raise StepRefused(_("Say why the results are sent back."))
    if has_control(remark) or len(remark) > 5000:
        raise StepRefused(_("The reason may not hold control characters or more than 5000 characters."))
    with transaction.atomic():
        edition = Edition.objects.select_for_update().get(pk=edition.pk)
        if edition.status != step.source:
            raise StepRefused(
                _("The edition is at the step “%(now)s”, not “%(needed)s”.")
                % {"now": edition.get_status_display(), "needed": Status(step.source).label}
            )
        if action == "start_appraisal":
            _copy_self_scores(edition, user)
        edition.status = step.target
        edition.save(update_fields=["status", "updated_at"])
        record(edition, action, user=user, source=step.source, target=step.target, remark=remark.strip())
    return edition


def record(edition, action, *, user=None, source="", target="", remark="", unit_code=""):
    """Add an event to the edition's audit trail."""
    return EditionEvent.objects.create(
        edition=edition,
        action=action,
        from_status=source,
        to_status=target,
        user=user if user is not None and user.is_authenticated else None,
        remark=remark,
        unit_code=unit_code,
    )


def _copy_self_scores(edition, user):
    """Appraisal starts from the units' own scores: each self-assessed score becomes the appraised one.

    Nobody can set appraised scores during self-assessment, so nothing of the appraisers' is lost;
    where a unit gave no self-score, the appraised score stays as it was (imported, say).
    """
    scores = list(
        Score.objects.filter(unit__edition=edition, not_assessed=False, self_points__isnull=False)
        .exclude(points=F("self_points"))
        .select_related("criterion")
    )
    ensure_baseline(scores)
    for score in scores:
        score.points = score.self_points
        score.version += 1
    if scores:
        bulk_update_with_history(
            scores, Score, ["points", "version"], batch_size=1000, default_user=user,
            default_change_reason=_("appraisal starts from the self-assessment"),
        )  # fmt: skip


def editable_fields(edition, roles, unit_code):
    """Return which fields of a unit's scores this user may change now, and why not if none.

    Returns (fields, reason): `fields` among "self_points", "points", "not_assessed", "note",
    "explanation", "evidence"; `reason` is a sentence for the page when nothing is editable.
    """
    status = edition.status
    fields = set()
    if status == Status.SELF_ASSESSMENT and roles.reports_for(unit_code):
        fields |= {"self_points", "explanation", "evidence"}
    if status == Status.APPRAISAL:
        if roles.has(Role.Kind.APPRAISER):
            fields |= {"points", "not_assessed", "note"}
        if roles.reports_for(unit_code):
            fields |= {"explanation", "evidence"}
    if fields:
        return fields, ""
    reasons = {
        Status.DRAFT: _("The edition is being prepared: self-assessment has not been opened yet."),
        Status.SELF_ASSESSMENT: _("Self-assessment is open: only the unit's reporters enter scores now."),
        Status.APPRAISAL: _("Appraisal is under way: appraisers set the scores, reporters may answer remarks."),
        Status.APPROVED: _("The results are approved: nothing can be changed unless the approver sends them back."),
        Status.PUBLISHED: _(
            "The results are published by a decision: they are frozen. Corrections need a new decision."
        ),
    }
    return fields, reasons.get(status, "")

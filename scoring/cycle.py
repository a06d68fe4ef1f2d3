"""The rules of the yearly cycle: draft → self-assessment → appraisal → approved → published.

Each step belongs to a role and moves an edition from one status to the next; what a unit's
scores may still receive, and from whom, follows from the status (`editable_fields`). The steps
are taken by `scoring.writes` (`take_step`, `publish`), which record each one. Who holds which
role in an authority is the workspace's to say: these rules take any object with `has(kind)` and
`reports_for(unit code)`.
"""

from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from scoring.models import Edition

Status = Edition.Status


class RoleKind(models.TextChoices):
    """The roles that act in the cycle, each held in one authority (a reporter's also in one unit)."""

    REPORTER = "reporter", gettext_lazy("Reporter of a unit")
    APPRAISER = "appraiser", gettext_lazy("Appraiser")
    APPROVER = "approver", gettext_lazy("Approver")
    PUBLISHER = "publisher", gettext_lazy("Publisher")
    COORDINATOR = "coordinator", gettext_lazy("Coordinator (sets up the year)")
    UNIT_HEAD = "unit_head", gettext_lazy("Head of a unit (approves its submission)")


@dataclass(frozen=True)
class Step:
    action: str
    source: str
    target: str
    role: str
    label: str
    needs_remark: bool = False
    own_page: bool = False  # taken through a page of its own (publishing needs the decision)


STEPS = {
    step.action: step
    for step in [
        Step("open_self_assessment", Status.DRAFT, Status.SELF_ASSESSMENT, RoleKind.APPRAISER,
             gettext_lazy("Open self-assessment")),
        Step("start_appraisal", Status.SELF_ASSESSMENT, Status.APPRAISAL, RoleKind.APPRAISER,
             gettext_lazy("Close self-assessment and start appraisal")),
        Step("reopen_self_assessment", Status.APPRAISAL, Status.SELF_ASSESSMENT, RoleKind.APPRAISER,
             gettext_lazy("Reopen self-assessment"), needs_remark=True),
        Step("approve", Status.APPRAISAL, Status.APPROVED, RoleKind.APPROVER, gettext_lazy("Approve the results")),
        Step("release_results", Status.APPRAISAL, Status.EXPLANATION, RoleKind.APPRAISER,
             gettext_lazy("Release the appraised results to the units (explanation round)")),
        Step("approve_after_explanation", Status.EXPLANATION, Status.APPROVED, RoleKind.APPROVER,
             gettext_lazy("Approve the results after the explanation round")),
        Step("send_back", Status.APPROVED, Status.APPRAISAL, RoleKind.APPROVER,
             gettext_lazy("Send back to appraisal"), needs_remark=True),
        Step("publish", Status.APPROVED, Status.PUBLISHED, RoleKind.PUBLISHER, gettext_lazy("Publish by a decision"),
             own_page=True),
    ]
}  # fmt: skip


class Anyone:
    """Roles for writes made outside the workspace (commands, demo data): every role, every unit."""

    superuser = True
    departments = frozenset()

    def has(self, kind):
        return True

    def reports_for(self, code):
        return True

    def heads(self, code):
        return True


ANYONE = Anyone()


def steps_for(edition, roles):
    """Return the steps this user may take on the edition now, in the order of the cycle."""
    return [step for step in STEPS.values() if step.source == edition.status and roles.has(step.role)]


def is_own_unit(roles, unit_code):
    """Whether the user reports for or heads the unit (a superuser does neither): then they do not appraise it."""
    return not roles.superuser and (roles.reports_for(unit_code) or roles.heads(unit_code))


def editable_fields(edition, roles, unit_code, *, submitted=False):
    """Return which fields of a unit's scores this user may change now, and why not if none.

    Returns (fields, reason): `fields` among "self_points", "points", "not_assessed", "note",
    "explanation", "evidence"; `reason` is a sentence for the page when nothing is editable.
    `submitted`: the unit's self-assessment is submitted, so its reporters change nothing more.
    Which of the unit's criteria an appraiser appraises is `scoring.assignments`'s to say.
    """
    status = edition.status
    fields = set()
    if status == Status.SELF_ASSESSMENT and roles.reports_for(unit_code):
        if submitted:  # submitted (or approved): sent back by the head of the unit before anything changes
            return fields, _("The self-assessment is submitted: it changes only if the head of the unit sends "
                             "it back, or the coordinator reopens it.")  # fmt: skip
        fields |= {"self_points", "explanation", "evidence"}
    own = is_own_unit(roles, unit_code)
    if status == Status.APPRAISAL:
        if roles.has(RoleKind.APPRAISER) and not own:  # nobody appraises the unit they report for
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

"""What happened to an edition and what units attached to it: the cycle's events and evidence files.

Both are kept as they were written: events can be added, never changed or deleted; evidence files
go with their scores.
"""

import uuid
from pathlib import PurePath

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import models
from django.utils.translation import gettext_lazy as _

from scoring.history import AppendOnlyQuerySet
from scoring.models.editions import Authority, Edition, Score


class EditionEvent(models.Model):
    """A step of the cycle, or a bulk change, recorded with who and when. Never changed afterwards.

    Events outlive their edition (a draft replaced by a new import keeps its trail): the link to
    the edition is not a database constraint, and the edition's slug and authority are kept with
    the event.
    """

    class Action(models.TextChoices):
        OPEN_SELF_ASSESSMENT = "open_self_assessment", _("Self-assessment opened")
        START_APPRAISAL = "start_appraisal", _("Appraisal started")
        APPROVE = "approve", _("Approved")
        SEND_BACK = "send_back", _("Sent back to appraisal")
        PUBLISH = "publish", _("Published")
        PUBLISH_DECIDED = "publish_decided", _("Published by a decision taken outside the portal")
        AMEND = "amend", _("Amending edition created")
        IMPORT = "import", _("Imported from an edition file")
        EXCEL = "excel", _("Scores uploaded from Excel")
        SURVEY = "survey", _("Survey results entered")
        EVIDENCE_REMOVED = "evidence_removed", _("Evidence file removed")
        REOPEN_SELF_ASSESSMENT = "reopen_self_assessment", _("Self-assessment reopened")
        COPY = "copy", _("Created from an earlier edition")
        FRAMEWORK = "framework", _("Criteria framework set")
        FRAMEWORK_CHANGED = "framework_changed", _("Criteria framework changed after self-assessment opened")
        UNITS = "units", _("Units changed")
        SUBMIT = "submit", _("Self-assessment submitted")
        SUBMISSION_APPROVED = "submission_approved", _("Submission approved by the head of the unit")
        SUBMISSION_RETURNED = "submission_returned", _("Submission sent back by the head of the unit")
        SUBMISSION_REOPENED = "submission_reopened", _("Submission reopened after the deadline")
        RELEASE_RESULTS = "release_results", _("Appraised results released to the units")
        APPROVE_AFTER_EXPLANATION = "approve_after_explanation", _("Approved after the explanation round")
        DISPUTE = "dispute", _("Appraised score disputed")
        DISPUTE_DECIDED = "dispute_decided", _("Dispute decided")
        ASSIGNMENTS = "assignments", _("Appraisal assigned")

    edition = models.ForeignKey(
        Edition, models.DO_NOTHING, db_constraint=False, related_name="events", verbose_name=_("edition")
    )
    edition_slug = models.CharField(_("edition"), max_length=100, blank=True)
    # Whose edition it was: events are listed by slug *and* authority, so that a slug used again
    # by another authority's edition never shows this trail there.
    authority = models.ForeignKey(
        Authority, models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("authority")
    )
    action = models.CharField(_("action"), max_length=30, choices=Action.choices)
    from_status = models.CharField(_("from"), max_length=20, blank=True)
    to_status = models.CharField(_("to"), max_length=20, blank=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, null=True, blank=True, verbose_name=_("by"))
    at = models.DateTimeField(_("at"), auto_now_add=True)
    remark = models.TextField(_("remark"), blank=True)
    unit_code = models.CharField(_("unit"), max_length=60, blank=True)

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        verbose_name = _("cycle event")
        verbose_name_plural = _("cycle events")
        ordering = ["-at", "-pk"]

    def __str__(self):
        return f"{self.edition_id}: {self.get_action_display()} ({self.at:%d/%m/%Y %H:%M})"

    @classmethod
    def trail_of(cls, edition):
        """Return the events of `edition`, including those of the drafts it replaced (same slug and authority)."""
        return cls.objects.filter(edition_slug=edition.slug, authority_id=edition.authority_id)

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise PermissionDenied(_("The audit trail cannot be changed."))
        self.edition_slug = self.edition_slug or self.edition.slug
        self.authority_id = self.authority_id or self.edition.authority_id
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise PermissionDenied(_("The audit trail cannot be deleted."))


def evidence_path(instance, filename):
    """Store evidence under a random name; the original name is kept in the database only."""
    suffix = PurePath(filename).suffix.lower()[:8]
    return f"evidence/{uuid.uuid4().hex}{suffix}"


class Evidence(models.Model):
    """A file a unit attaches to a score (tài liệu kiểm chứng): never public, staff of the authority only."""

    score = models.ForeignKey(Score, models.CASCADE, related_name="evidence", verbose_name=_("score"))
    # A file given with a dispute of the explanation round (not evidence of the self-assessment).
    dispute = models.ForeignKey(
        "scoring.Dispute", models.CASCADE, null=True, blank=True, related_name="files", verbose_name=_("dispute")
    )
    file = models.FileField(_("file"), upload_to=evidence_path)
    original_name = models.CharField(_("file name"), max_length=255)
    content_type = models.CharField(_("type"), max_length=100)
    size = models.PositiveBigIntegerField(_("size"))
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, verbose_name=_("uploaded by"))
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("evidence file")
        verbose_name_plural = _("evidence files")
        ordering = ["uploaded_at", "pk"]

    def __str__(self):
        return self.original_name


class Submission(models.Model):
    """A unit's self-assessment, submitted once by its reporter and approved by its head (or sent back).

    One per unit of an edition; what happened to it is in the edition's trail.
    """

    class Status(models.TextChoices):
        SUBMITTED = "submitted", _("Submitted, waiting for the head of the unit")
        APPROVED = "approved", _("Submitted and approved by the head of the unit")
        RETURNED = "returned", _("Sent back by the head of the unit")
        REOPENED = "reopened", _("Reopened after the deadline")

    unit = models.OneToOneField("scoring.Unit", models.CASCADE, related_name="submission", verbose_name=_("unit"))
    status = models.CharField(_("status"), max_length=20, choices=Status.choices)
    remark = models.TextField(_("remark"), blank=True)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, null=True, blank=True, related_name="+")
    at = models.DateTimeField(_("at"), auto_now=True)

    class Meta:
        verbose_name = _("submission")
        verbose_name_plural = _("submissions")

    def __str__(self):
        return f"{self.unit_id}: {self.status}"

    @property
    def locked(self):
        """Whether the unit's self-assessment can no longer be changed by its reporters."""
        return self.status in (self.Status.SUBMITTED, self.Status.APPROVED)


class Dispute(models.Model):
    """A unit's explanation against an appraised score (giải trình), decided by the appraisers: accepted with a new
    score, or rejected with a reason. One per score and round."""

    class Status(models.TextChoices):
        OPEN = "open", _("Waiting for the appraisers")
        ACCEPTED = "accepted", _("Accepted")
        REJECTED = "rejected", _("Rejected")

    score = models.OneToOneField(Score, models.CASCADE, related_name="dispute", verbose_name=_("score"))
    text = models.TextField(_("explanation"))
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.OPEN)
    appraised = models.DecimalField(_("appraised score disputed"), max_digits=8, decimal_places=2, null=True)
    new_points = models.DecimalField(_("score after the explanation"), max_digits=8, decimal_places=2, null=True)
    reason = models.TextField(_("reason"), blank=True)
    raised_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, null=True, related_name="+")
    raised_at = models.DateTimeField(auto_now_add=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, null=True, related_name="+")
    decided_at = models.DateTimeField(null=True)

    class Meta:
        verbose_name = _("dispute")
        verbose_name_plural = _("disputes")

    def __str__(self):
        return f"{self.score_id}: {self.status}"

"""Decisions that approve and publish an edition (Quyết định … phê duyệt và công bố)."""

import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _

from scoring.models import Edition, EditionPart, guarded_queryset


def decision_path(instance, filename):
    """Signed decisions are public documents, stored under a random name."""
    return f"decisions/{uuid.uuid4().hex}.pdf"


class Decision(EditionPart):
    """The decision of an edition: number, date, signer and title.

    An edition may carry its decision while still a draft (an import records it); publishing is a
    separate step (`publications.publishing.publish`). Once published, the decision is frozen.
    """

    edition = models.OneToOneField(Edition, models.CASCADE, related_name="decision", verbose_name=_("edition"))
    number = models.CharField(_("number"), max_length=100)
    date = models.DateField(_("date"))
    signer = models.CharField(_("signer"), max_length=200, blank=True)
    title = models.CharField(_("title"), max_length=500, blank=True)
    signed_pdf = models.FileField(_("signed decision (PDF)"), upload_to=decision_path, blank=True)

    objects = guarded_queryset("edition").as_manager()

    class Meta:
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")
        ordering = ["-date", "number"]

    def __str__(self):
        return _("Decision No. %(number)s") % {"number": self.number}

"""Decisions that approve and publish an edition (Quyết định … phê duyệt và công bố), and the count of publications."""

import uuid

from django.db import models
from django.db.models import F
from django.utils.translation import gettext_lazy as _

from scoring.models.editions import Edition, EditionPart, guarded_queryset


def decision_path(instance, filename):
    """Signed decisions are public documents, stored under a random name."""
    return f"decisions/{uuid.uuid4().hex}.pdf"


class Decision(EditionPart):
    """The decision of an edition: number, date, signer and title.

    An edition may carry its decision while still a draft (an import records it, so may the
    publisher before publishing); publishing is a separate step (`scoring.writes.publish`).
    Once published, the decision is frozen.
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


class PublicationCounter(models.Model):
    """How many times what the public sees has changed: one row, moved by every publication in its transaction.

    Cached public pages are valid for one value of the counter (`publications.caching`): because
    the counter lives in the database, a cache that was unreachable when a decision was published
    cannot keep serving the pages from before it.
    """

    value = models.PositiveBigIntegerField(default=0)

    class Meta:
        verbose_name = _("publication counter")

    def __str__(self):
        return str(self.value)

    @classmethod
    def current(cls):
        """Return the counter's value. One query."""
        return cls.objects.filter(pk=1).values_list("value", flat=True).first() or 0

    @classmethod
    def move(cls):
        """Move the counter on (inside the publishing transaction). One query, two the very first time."""
        if not cls.objects.filter(pk=1).update(value=F("value") + 1):
            cls.objects.get_or_create(pk=1, defaults={"value": 1})

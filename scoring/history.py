"""The audit trail of scores (django-simple-history), kept append-only."""

from django.core.exceptions import PermissionDenied
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.manager import HistoricalQuerySet


class ImmutableHistory(models.Model):
    """A base for historical records: they can be added, never changed or deleted."""

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if self.pk is not None and type(self)._default_manager.filter(pk=self.pk).exists():
            raise PermissionDenied(_("The audit trail cannot be changed."))
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise PermissionDenied(_("The audit trail cannot be deleted."))


class AppendOnlyQuerySet(HistoricalQuerySet):
    """Historical records in bulk: no update, no delete."""

    def update(self, **kwargs):
        raise PermissionDenied(_("The audit trail cannot be changed."))

    update.alters_data = True

    def delete(self):
        raise PermissionDenied(_("The audit trail cannot be deleted."))

    delete.alters_data = True


def ensure_baseline(scores):
    """Record, for scores never recorded before (written in bulk by an import), their value as it is now.

    Call before changing them, so that the first change in the trail shows its old value too.
    Costs one query, plus one insert when some scores have no history yet.
    """
    from scoring.models import Score

    scores = list(scores)
    known = set(Score.history.filter(id__in=[s.pk for s in scores]).values_list("id", flat=True).distinct())
    fresh = [s for s in scores if s.pk not in known]
    if fresh:
        Score.history.bulk_history_create(fresh, default_change_reason=str(_("value before the first change")))

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

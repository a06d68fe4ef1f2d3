"""The audit trails (score history, cycle events) are append-only: these bases and querysets refuse the rest."""

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


class AppendOnly:
    """A queryset mixin for trails: rows are added, never changed or deleted in bulk."""

    def update(self, **kwargs):
        raise PermissionDenied(_("The audit trail cannot be changed."))

    update.alters_data = True

    def delete(self):
        raise PermissionDenied(_("The audit trail cannot be deleted."))

    delete.alters_data = True


class AppendOnlyQuerySet(AppendOnly, models.QuerySet):
    """An append-only trail of our own (the workspace's cycle events)."""


class AppendOnlyHistoryQuerySet(AppendOnly, HistoricalQuerySet):
    """The score history kept by django-simple-history, append-only."""

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


def delete_recorded(scores, reason):
    """Delete `scores` (a queryset) in bulk, adding to the trail a removal ("-") record for each.

    What simple-history does one score at a time on delete (a signal and an INSERT per score: 40 s
    for a 30,000-score draft), here as one INSERT … SELECT and one DELETE.
    """
    from django.db import connections
    from django.utils import timezone

    from scoring.models import Score

    history = Score.history.model
    connection = connections[scores.db]
    quote = connection.ops.quote_name
    tracked = [field.column for field in history.tracked_fields]
    first = scores.order_by().first()
    if first is None:
        return 0
    user = history.get_default_history_user(first)
    select, params = scores.order_by().values_list(*[f.attname for f in history.tracked_fields]).query.sql_with_params()
    columns = ", ".join(quote(c) for c in [*tracked, "history_date", "history_type", "history_change_reason"])
    user_column = ", " + quote("history_user_id") if user is not None else ""
    user_value = ", %s" if user is not None else ""
    extra = [timezone.now(), "-", str(reason)] + ([user.pk] if user is not None else [])
    sql = (
        f"INSERT INTO {quote(history._meta.db_table)} ({columns}{user_column}) "
        f"SELECT sub.*, %s, %s, %s{user_value} FROM ({select}) sub"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [*extra, *params])  # the values come first in the statement
    # Django's own fast delete (one DELETE, no per-object signals): the records are written above.
    return scores._raw_delete(scores.db)

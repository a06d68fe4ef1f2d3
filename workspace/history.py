"""A unit's score history as its page shows it: when, who, how (the reason), and each value old → new.

Read in two queries whatever its length (the records with their authors, and the criteria's
codes): each record is compared with the one before it for the same score in Python, instead of
asking the database for every record's predecessor.
"""

from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _

from scoring.models import Criterion, Score
from scoring.numbers import fixed
from scoring.writes import reason_label, show_value

FIELDS = ("points", "self_points", "not_assessed", "note", "explanation")
KINDS = {"+": _("created"), "~": _("changed"), "-": _("removed")}


@dataclass
class Change:
    when: object
    who: object
    criterion: str
    kind: str
    reason: str
    values: list = field(default_factory=list)  # (label, old, new), as the page writes them


def _show(value):
    """Points with 2 decimals as the page writes them (3,50), anything else as a score's value."""
    return fixed(value, 2) if hasattr(value, "as_tuple") else show_value(value)


def unit_history(unit, *, limit=500):
    """Return the `limit` latest changes of the unit's scores, newest first. Two queries."""
    labels = {name: Score._meta.get_field(name).verbose_name for name in FIELDS}
    codes = dict(Criterion.objects.filter(criteria_set_id=unit.block.criteria_set_id).values_list("pk", "code"))
    records = (
        Score.history.filter(unit_id=unit.pk).select_related("history_user").order_by("history_date", "history_id")
    )
    before = {}
    changes = []
    for record in records:
        previous = before.get(record.id)
        values = []
        for name in FIELDS:
            new = getattr(record, name)
            old = getattr(previous, name) if previous is not None else None
            if previous is None and record.history_type == "+":
                if new not in (None, "", False):
                    values.append((labels[name], "–", _show(new)))
            elif previous is not None and old != new:
                values.append((labels[name], _show(old), _show(new)))
        before[record.id] = record
        changes.append(
            Change(
                when=record.history_date,
                who=record.history_user,
                criterion=codes.get(record.criterion_id, ""),
                kind=KINDS.get(record.history_type, record.history_type),
                reason=reason_label(record.history_change_reason),
                values=values,
            )
        )
    changes.reverse()
    return changes[:limit]

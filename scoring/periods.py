"""Indexes reported by period (the service index: the national public-service portal computes it continuously and
provinces report it for, say, 15/3 – 14/6/2024): an edition of such an index is published with its period, the date
its figures are "as of" and their source, instead of a decision. The rules, written once; the write is
`scoring.writes.publish_period`.
"""

import datetime

from django.utils.translation import gettext as _

from scoring.models import Edition


class PeriodRefused(Exception):
    """The period cannot be published as given; `field` names the part at fault, the message says why."""

    def __init__(self, message, field=None):
        self.field = field
        super().__init__(message)


def period_label(start, end):
    """ "15/3 – 14/6/2024" (the year once when both ends are in it), as the provinces write a period."""
    if start.year == end.year:
        return f"{start.day}/{start.month} – {end.day}/{end.month}/{end.year}"
    return f"{start.day}/{start.month}/{start.year} – {end.day}/{end.month}/{end.year}"


def read_date(value, field):
    """A date given as a date, "2024-06-14" or "14/6/2024"; PeriodRefused otherwise."""
    if isinstance(value, datetime.date):
        return value
    text = (value or "").strip()
    if not text:
        raise PeriodRefused(_("Give the period's first and last days (and the day its figures are as of)."),
                            field=field)  # fmt: skip
    for pattern in ("%Y-%m-%d", "%d/%m/%Y"):
        try:
            return datetime.datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    raise PeriodRefused(_("“%(value)s” is not a date (14/6/2024).") % {"value": text}, field=field)


def check_period(edition, *, start, end, as_of, source):
    """Refuse (PeriodRefused) a period that cannot be published for this edition; return the cleaned values.

    The index must be one published by period; the period runs forwards; its figures are as of a day
    inside or after it; a source is named; and it does not overlap another period of the same index
    and authority (a later period is a new edition, an earlier one corrected by an amendment).
    """
    if not edition.index.periodic:
        raise PeriodRefused(_("%(index)s is published by a decision, not by period.")
                            % {"index": edition.index.display_name})  # fmt: skip
    start, end = read_date(start, "period_start"), read_date(end, "period_end")
    as_of = read_date(as_of, "as_of") if as_of else end
    if end < start:
        raise PeriodRefused(_("The period ends (%(end)s) before it starts (%(start)s).")
                            % {"end": f"{end:%d/%m/%Y}", "start": f"{start:%d/%m/%Y}"}, field="period_end")  # fmt: skip
    if as_of < start:
        raise PeriodRefused(_("The figures cannot be as of %(as_of)s, before the period starts (%(start)s).")
                            % {"as_of": f"{as_of:%d/%m/%Y}", "start": f"{start:%d/%m/%Y}"}, field="as_of")  # fmt: skip
    source = " ".join((source or "").split())
    if not source:
        raise PeriodRefused(_("Name the source of the figures, e.g. Cổng Dịch vụ công quốc gia."), field="source")
    if len(source) > 300:
        raise PeriodRefused(_("The source is 300 characters at most."), field="source")
    overlapping = (
        Edition.objects.filter(authority_id=edition.authority_id, index_id=edition.index_id,
                               period_start__lte=end, period_end__gte=start)
        .exclude(pk=edition.pk)
        .exclude(pk=edition.supersedes_id or 0)  # an amendment replaces the period it corrects
        .filter(status=Edition.Status.PUBLISHED)
        .first()
    )  # fmt: skip
    if overlapping is not None:
        raise PeriodRefused(
            _("The period overlaps %(other)s (%(period)s): a period is published once; correct it by an amendment.")
            % {"other": overlapping.slug, "period": period_label(overlapping.period_start, overlapping.period_end)},
            field="period_start",
        )
    return start, end, as_of, source

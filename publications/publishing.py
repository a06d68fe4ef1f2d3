"""Publishing an edition by its decision: from then on its figures are frozen."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from publications.caching import invalidate_public_pages
from publications.models import Decision
from scoring.models import Edition
from scoring.results import freeze_results


class PublishRefused(Exception):
    """The edition cannot be published as asked; the message says why."""


def publish(*, edition, number=None, date=None, signer=None, title=None):
    """Publish `edition` by the decision `number` of `date`; return the edition.

    A decision recorded earlier (by an import) is used for what is not given. The results are
    computed and frozen in the same transaction that marks the edition published.
    """
    with transaction.atomic():
        edition = Edition.objects.select_for_update().get(pk=edition.pk)
        if edition.is_published:
            raise PublishRefused(_("edition “%(slug)s” is already published") % {"slug": edition.slug})
        decision = Decision.objects.filter(edition=edition).first() or Decision(edition=edition)
        if number is not None:
            decision.number = number.strip()
        if date is not None:
            decision.date = date
        if signer is not None:
            decision.signer = signer.strip()
        if title is not None:
            decision.title = title.strip()
        if not decision.number:
            raise PublishRefused(_("the decision needs a number, e.g. 2649/QĐ-UBND"))
        if not decision.date:
            raise PublishRefused(_("the decision needs a date"))
        decision.save()
        freeze_results(edition)
        edition.status = Edition.Status.PUBLISHED
        edition.published_at = timezone.now()
        edition.save()
        transaction.on_commit(invalidate_public_pages)
    return edition

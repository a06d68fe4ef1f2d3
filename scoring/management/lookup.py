"""Helpers shared by the management commands."""

from django.core.management.base import CommandError
from django.utils.translation import gettext as _

from scoring.models import Edition


def edition_or_fail(slug):
    """Return the edition with this slug (authority, index and decision loaded), or exit 1."""
    edition = Edition.objects.select_related("authority", "index", "decision").filter(slug=slug).first()
    if edition is None:
        raise CommandError(_("no edition with slug “%(slug)s”") % {"slug": slug})
    return edition

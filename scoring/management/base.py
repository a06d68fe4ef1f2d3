"""The base of parindex's management commands: database failures become clear messages."""

from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError
from django.utils.translation import gettext as _


class ParindexCommand(BaseCommand):
    """A command that reports a database failure in one line and exits 1, never with a traceback."""

    def execute(self, *args, **options):
        try:
            return super().execute(*args, **options)
        except DatabaseError as exc:
            first_line = str(exc).strip().splitlines()[0] if str(exc).strip() else exc.__class__.__name__
            raise CommandError(
                _(
                    "the database refused the operation, nothing was changed: %(error)s (has “manage.py migrate” been run?)"
                )
                % {"error": first_line}
            ) from None

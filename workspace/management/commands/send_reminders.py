"""Send the reminders due now: when a step opens, three days and one day before its deadline. Safe to run every hour."""

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from workspace.reminders import send_reminders


class Command(BaseCommand):
    help = _("Send the reminders due now (safe to run every hour: nothing is sent twice).")

    def handle(self, *args, **options):
        made, sent, failed = send_reminders()
        self.stdout.write(
            _("%(made)s notices recorded, %(sent)s e-mails sent, %(failed)s to try again.")
            % {"made": made, "sent": sent, "failed": failed}
        )

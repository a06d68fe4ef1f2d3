from django.utils.translation import gettext as _

from scoring.management.base import ParindexCommand
from workspace.demo import create_demo_accounts


class Command(ParindexCommand):
    help = _("Create one demo account per role (and an administrator) for the newest demo draft.")

    def handle(self, *args, **options):
        for line in create_demo_accounts():
            self.stdout.write(line)

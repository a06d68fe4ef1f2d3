import json

from django.utils.translation import gettext as _

from scoring.exporting import edition_document
from scoring.management.base import ParindexCommand
from scoring.management.lookup import edition_or_fail


class Command(ParindexCommand):
    help = _("Print an edition as a parindex-edition/1 JSON document, ready to be imported again.")

    def add_arguments(self, parser):
        parser.add_argument("slug", help=_("the edition's slug"))

    def handle(self, *args, slug, **options):
        edition = edition_or_fail(slug)
        self.stdout.write(json.dumps(edition_document(edition), ensure_ascii=False, indent=2))

import json

from django.utils.translation import gettext as _

from scoring.exporting import results_csv, results_document
from scoring.management.base import ParindexCommand
from scoring.management.lookup import edition_or_fail
from scoring.results import edition_results


class Command(ParindexCommand):
    help = _("Print an edition's results (ranks, percentages, bands, groups) as JSON or CSV.")

    def add_arguments(self, parser):
        parser.add_argument("slug", help=_("the edition's slug"))
        parser.add_argument("--format", choices=["json", "csv"], default="json", help=_("output format"))

    def handle(self, *args, slug, format, **options):
        results = edition_results(edition_or_fail(slug))
        if format == "csv":
            self.stdout.write(results_csv(results), ending="")
        else:
            self.stdout.write(json.dumps(results_document(results), ensure_ascii=False, indent=2))

from django.core.management.base import CommandError
from django.utils.translation import gettext as _

from scoring.documents import EditionInvalid
from scoring.management.base import ParindexCommand
from scoring.seeds import FIXTURES, NATIONAL, load_seeds


class Command(ParindexCommand):
    help = _(
        "Load the seed decisions from fixtures/ (Quảng Nam 2023, Đắk Nông 2023, Hà Tĩnh 2023, Tiên Phước 2022, "
        "Quảng Nam 2024 service index) and publish those that record their decision."
    )

    def add_arguments(self, parser):
        parser.add_argument("--drafts", action="store_true", help=_("import them without publishing"))
        parser.add_argument(
            "--national", action="store_true",
            help=_("load the national PAR INDEX and SIPAS of the Ministry of Home Affairs (fixtures/national/) instead"),
        )  # fmt: skip

    def handle(self, *args, drafts, national, **options):
        try:
            log = self.stdout.write if options["verbosity"] > 0 else None
            editions = load_seeds(publish_them=not drafts, log=log, folder=NATIONAL if national else FIXTURES)
        except EditionInvalid as exc:
            raise CommandError("\n".join(exc.lines())) from None
        if options["verbosity"] > 0:
            self.stdout.write(_("%(n)s seed editions loaded.") % {"n": len(editions)})

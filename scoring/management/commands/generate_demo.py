import time

from django.core.management.base import CommandError
from django.utils.translation import gettext as _

from scoring.demo import generate_demo
from scoring.management.base import ParindexCommand


def positive(text):
    value = int(text)
    if value < 1:
        raise ValueError(text)
    return value


class Command(ParindexCommand):
    help = _(
        "Create a synthetic but realistic data set: N authorities (named after the 34 provinces, marked "
        "'mô phỏng'), their blocks and units, 100-leaf criteria sets, several years with the 2025 mergers."
    )

    def add_arguments(self, parser):
        parser.add_argument("--authorities", type=positive, default=3, help=_("how many authorities (default 3)"))
        parser.add_argument("--units-per-block", type=positive, default=10, help=_("units in each block (default 10)"))
        parser.add_argument("--years", type=positive, default=3, help=_("how many years, ending with --end-year"))
        parser.add_argument("--end-year", type=positive, default=2025, help=_("the last year (default 2025)"))
        parser.add_argument("--seed", type=int, default=2025, help=_("random seed, for repeatable data"))
        parser.add_argument(
            "--publish-last", action="store_true", help=_("publish the last year too (by default it stays a draft)")
        )

    def handle(self, *args, **options):
        if options["authorities"] > 500 or options["units_per_block"] > 5000 or options["years"] > 50:
            raise CommandError(
                _("that is more than a national data set: at most 500 authorities, 5000 units, 50 years")
            )
        started = time.perf_counter()
        editions = generate_demo(
            authorities=options["authorities"],
            units_per_block=options["units_per_block"],
            years=options["years"],
            end_year=options["end_year"],
            seed=options["seed"],
            publish_last=options["publish_last"],
            log=self.stdout.write if options["verbosity"] > 1 else None,
        )
        self.stdout.write(
            _("Created %(n)s editions in %(s).1f s.") % {"n": len(editions), "s": time.perf_counter() - started}
        )

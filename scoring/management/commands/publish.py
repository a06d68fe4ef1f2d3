from django.core.management.base import CommandError
from django.utils.translation import gettext as _

from scoring.documents import parse_date
from scoring.management.base import ParindexCommand
from scoring.management.lookup import edition_or_fail
from scoring.models import Edition
from scoring.writes import PublishRefused, publish, publish_period


class Command(ParindexCommand):
    help = _(
        "Publish an edition by its decision (Quyết định … phê duyệt và công bố), or, for an index reported by period, "
        "by its period and source. From then on its figures are frozen."
    )

    def add_arguments(self, parser):
        parser.add_argument("slug", help=_("the edition's slug"))
        parser.add_argument("--number", help=_("the decision's number, e.g. 2649/QĐ-UBND"))
        parser.add_argument("--date", help=_("the decision's date, YYYY-MM-DD"))
        parser.add_argument("--signer", help=_("who signed the decision"))
        parser.add_argument("--title", help=_("the decision's title"))
        parser.add_argument("--period-start", help=_("an index reported by period: the period's first day, YYYY-MM-DD"))
        parser.add_argument("--period-end", help=_("… its last day, YYYY-MM-DD"))
        parser.add_argument("--as-of", help=_("… the day its figures are as of (default: the last day)"))
        parser.add_argument("--source", help=_("… where the figures come from, e.g. Cổng Dịch vụ công quốc gia"))

    def handle(self, *args, slug, number, date, signer, title, **options):
        edition = edition_or_fail(slug)
        historical = edition.status != Edition.Status.APPROVED
        if edition.index.periodic or options["period_start"] or options["source"]:
            try:
                edition = publish_period(
                    edition=edition, start=options["period_start"] or "", end=options["period_end"] or "",
                    as_of=options["as_of"], source=options["source"], historical=historical,
                    number=number, date=date, signer=signer, title=title,
                )  # fmt: skip
            except PublishRefused as exc:
                raise CommandError(str(exc)) from None
            self.stdout.write(_("Published %(slug)s for the period %(period)s (figures as of %(as_of)s, %(source)s).")
                              % {"slug": edition.slug, "period": edition.period, "source": edition.source,
                                 "as_of": edition.as_of.strftime("%d/%m/%Y")})  # fmt: skip
            return
        when = None
        if date is not None:
            when = parse_date(date)
            if when is None:
                raise CommandError(_("--date %(value)s is not a date written YYYY-MM-DD") % {"value": date})
        if number is not None and not number.strip():
            raise CommandError(_("--number must not be empty"))
        # Approved results are published as the cycle says; any other edition is the record of a
        # decision taken outside the portal (an earlier year, say), which the trail says so.
        try:
            edition = publish(
                edition=edition, number=number, date=when, signer=signer, title=title, historical=historical
            )
        except PublishRefused as exc:
            raise CommandError(str(exc)) from None
        self.stdout.write(
            _("Published %(slug)s by decision %(number)s of %(date)s.")
            % {
                "slug": edition.slug,
                "number": edition.decision.number,
                "date": edition.decision.date.strftime("%d/%m/%Y"),
            }
        )

from django.core.management.base import CommandError
from django.utils.translation import gettext as _

from scoring.documents import parse_date
from scoring.management.base import ParindexCommand
from scoring.management.lookup import edition_or_fail
from scoring.models import Edition
from scoring.writes import PublishRefused, publish


class Command(ParindexCommand):
    help = _(
        "Publish an edition by its decision (Quyết định … phê duyệt và công bố). From then on its figures are frozen."
    )

    def add_arguments(self, parser):
        parser.add_argument("slug", help=_("the edition's slug"))
        parser.add_argument("--number", help=_("the decision's number, e.g. 2649/QĐ-UBND"))
        parser.add_argument("--date", help=_("the decision's date, YYYY-MM-DD"))
        parser.add_argument("--signer", help=_("who signed the decision"))
        parser.add_argument("--title", help=_("the decision's title"))

    def handle(self, *args, slug, number, date, signer, title, **options):
        edition = edition_or_fail(slug)
        when = None
        if date is not None:
            when = parse_date(date)
            if when is None:
                raise CommandError(_("--date %(value)s is not a date written YYYY-MM-DD") % {"value": date})
        if number is not None and not number.strip():
            raise CommandError(_("--number must not be empty"))
        # Approved results are published as the cycle says; any other edition is the record of a
        # decision taken outside the portal (an earlier year, say), which the trail says so.
        historical = edition.status != Edition.Status.APPROVED
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

from django.core.management.base import CommandError
from django.utils.translation import gettext as _

from scoring.management.base import ParindexCommand
from workspace.models import Role
from workspace.roles import GrantRefused, grant


class Command(ParindexCommand):
    help = _("Grant a role in an authority to a user (or take it back with --revoke).")

    def add_arguments(self, parser):
        parser.add_argument("username", help=_("the user's login name"))
        parser.add_argument("role", help=_("reporter, appraiser, approver, publisher or coordinator"))
        parser.add_argument("--authority", required=True, help=_("the authority's slug, e.g. ubnd-tinh-quang-nam"))
        parser.add_argument("--unit", default="", help=_("the unit's code (reporters only)"))
        parser.add_argument("--revoke", action="store_true", help=_("take the role back"))

    def handle(self, *args, username, role, authority, unit, revoke, **options):
        try:
            _role, changed = grant(
                username=username, kind=role, authority_slug=authority, unit_code=unit.strip(), revoke=revoke
            )
        except GrantRefused as exc:
            raise CommandError(str(exc)) from None
        label = Role.Kind(role).label
        if revoke:
            message = _("Revoked") if changed else _("Nothing to revoke")
        else:
            message = _("Granted") if changed else _("Already granted")
        self.stdout.write(f"{message}: {username} — {label} — {authority}{f' ({unit})' if unit else ''}")

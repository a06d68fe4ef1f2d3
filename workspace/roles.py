"""Granting and revoking roles (used by `manage.py grant` and the admin)."""

from django.contrib.auth import get_user_model
from django.utils.translation import gettext as _

from scoring.models import Authority
from workspace.models import Role


class GrantRefused(Exception):
    """The role cannot be granted as asked; the message says why."""


def grant(*, username, kind, authority_slug, unit_code="", revoke=False):
    """Grant (or revoke) a role; return (role, created or deleted). Raise GrantRefused."""
    user = get_user_model().objects.filter(username=username).first()
    if user is None:
        raise GrantRefused(_("There is no user “%(name)s”.") % {"name": username})
    if kind not in Role.Kind.values:
        raise GrantRefused(
            _("“%(role)s” is not a role: use %(roles)s.") % {"role": kind, "roles": ", ".join(Role.Kind.values)}
        )
    authority = Authority.objects.filter(slug=authority_slug).first()
    if authority is None:
        raise GrantRefused(_("There is no authority “%(slug)s”.") % {"slug": authority_slug})
    per_unit = kind in (Role.Kind.REPORTER, Role.Kind.UNIT_HEAD)
    if per_unit and not unit_code:
        raise GrantRefused(_("A reporter or a head of unit acts for one unit: give its code with --unit."))
    if not per_unit and unit_code and kind != Role.Kind.APPRAISER:
        raise GrantRefused(
            _("Only a reporter, a head of unit or an appraiser of a department (its code) is tied to a unit.")
        )
    if unit_code and not authority.editions.filter(units__code=unit_code).exists():
        raise GrantRefused(
            _("No edition of %(authority)s has a unit “%(code)s”.") % {"authority": authority.name, "code": unit_code}
        )
    lookup = {"user": user, "kind": kind, "authority": authority, "unit_code": unit_code}
    if revoke:
        deleted, _detail = Role.objects.filter(**lookup).delete()
        return None, bool(deleted)
    role, created = Role.objects.get_or_create(**lookup)
    return role, created

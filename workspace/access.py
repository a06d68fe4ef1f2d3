"""Who may see and do what in the workspace. Every view loads its objects through these helpers.

A user sees an edition only if they hold a role in its authority (or are a superuser); otherwise
the edition does not exist for them (404), so that no identifier can be guessed into another
authority's data. Within an authority, what they may do depends on their roles and on the step of
the cycle the edition is in (see `scoring.cycle`).
"""

from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404

from scoring.models import Edition, Unit
from workspace.models import Role


@dataclass
class Roles:
    """The roles a user holds in one authority."""

    kinds: set = field(default_factory=set)
    unit_codes: set = field(default_factory=set)  # the units they report for
    head_codes: set = field(default_factory=set)  # the units they head (approve the submission of)
    departments: set = field(default_factory=set)  # the appraising departments (units) they appraise for
    superuser: bool = False

    def __bool__(self):
        return self.superuser or bool(self.kinds)

    def has(self, kind):
        return self.superuser or kind in self.kinds

    def reports_for(self, code):
        return self.superuser or code in self.unit_codes

    def heads(self, code):
        return self.superuser or code in self.head_codes

    def may_see_unit(self, code):
        """Reporters and heads of units see their own units only; the authority's other roles see every unit."""
        return (
            self.superuser
            or bool(self.kinds - {Role.Kind.REPORTER, Role.Kind.UNIT_HEAD})
            or code in self.unit_codes
            or code in self.head_codes
        )


def roles_in(user, authority_id):
    """Return the user's Roles in an authority (one query)."""
    if not user.is_authenticated:
        return Roles()
    if user.is_superuser:
        return Roles(superuser=True)
    return roles_from(Role.objects.filter(user=user, authority_id=authority_id).values_list("kind", "unit_code"))


def roles_from(held):
    """Roles from a person's (kind, unit code) pairs in one authority: a reporter's and a head's unit, an appraiser's
    department (a unit whose appraisers they are)."""
    roles = Roles()
    for kind, code in held:
        roles.kinds.add(kind)
        if kind == Role.Kind.REPORTER:
            roles.unit_codes.add(code)
        elif kind == Role.Kind.UNIT_HEAD:
            roles.head_codes.add(code)
        elif kind == Role.Kind.APPRAISER and code:
            roles.departments.add(code)
    return roles


def authority_ids_of(user):
    """The ids of the authorities where the user holds a role (None: every one, for a superuser)."""
    if user.is_superuser:
        return None
    return set(Role.objects.filter(user=user).values_list("authority_id", flat=True))


def staff_edition(request, slug):
    """Return (edition, roles) for a user with a role in the edition's authority; 404 for anyone else."""
    edition = get_object_or_404(Edition.objects.select_related("authority", "index"), slug=slug)
    roles = roles_in(request.user, edition.authority_id)
    if not roles:
        raise Http404("no such edition")
    return edition, roles


def staff_unit(request, slug, code):
    """Return (edition, unit, roles); a reporter of another unit gets a 404 too."""
    edition, roles = staff_edition(request, slug)
    unit = get_object_or_404(Unit.objects.select_related("block", "block__criteria_set"), edition=edition, code=code)
    if not roles.may_see_unit(unit.code):
        raise Http404("no such unit")
    return edition, unit, roles


def require(roles, kind):
    """Refuse (403) unless the user holds `kind`."""
    if not roles.has(kind):
        raise PermissionDenied

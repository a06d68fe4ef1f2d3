"""The workspace's answer to Django's permission API, for the rest of the portal to ask.

`user.has_perm("scoring.preview_edition", edition)`: the staff of the edition's authority (anyone
holding a role in it) may see it before it is published; superusers may see everything (Django
answers for them before asking any backend). Being `is_staff` alone is not enough.
"""

from workspace.access import roles_in


class AuthorityRoleBackend:
    """Object permissions from the roles a user holds in an edition's authority. Authenticates nobody."""

    def authenticate(self, request, **credentials):
        return None

    def has_perm(self, user, perm, obj=None):
        if perm != "scoring.preview_edition" or obj is None or not user.is_active:
            return False
        return bool(roles_in(user, obj.authority_id))

"""Who may see what on the public side: published editions for everyone, drafts for their staff only."""

from django.http import Http404
from django.shortcuts import get_object_or_404

from scoring.models import Edition


def can_preview(user, edition):
    """Whether `user` may see `edition` before it is published: staff of its authority, or superusers.

    Being `is_staff` (allowed into the admin) is not enough: a member of another authority's staff
    gets the 404 the public gets.
    """
    if not user.is_authenticated:
        return False
    if user.is_superuser:
        return True
    from workspace.access import roles_in

    return bool(roles_in(user, edition.authority_id))


def public_edition(request, slug):
    """Return (edition, is_preview): a published edition, or a draft for staff who may preview it.

    Anyone else gets a 404 for a draft, as if it did not exist. Loads the authority, the index
    and the decision with the edition (one query).
    """
    edition = get_object_or_404(Edition.objects.select_related("authority", "index", "decision"), slug=slug)
    if edition.is_published:
        return edition, False
    if can_preview(request.user, edition):
        return edition, True
    raise Http404("not published")

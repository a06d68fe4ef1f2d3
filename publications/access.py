"""Who may see what on the public side: published editions for everyone, drafts for their staff only."""

from django.http import Http404
from django.shortcuts import get_object_or_404

from scoring.models import Edition

PREVIEW = "scoring.preview_edition"  # answered by the authentication backends (see workspace.backends)


def public_edition(request, slug):
    """Return (edition, is_preview): a published edition, or a draft for those who may preview it.

    Anyone else gets a 404 for a draft, as if it did not exist. Who may preview a draft is asked
    through Django's permission API (`user.has_perm("scoring.preview_edition", edition)`). Loads
    the authority, the index and the decision with the edition (one query).
    """
    edition = get_object_or_404(Edition.objects.select_related("authority", "index", "decision"), slug=slug)
    if edition.is_published:
        return edition, False
    if request.user.has_perm(PREVIEW, edition):
        return edition, True
    raise Http404("not published")

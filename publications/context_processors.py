"""What every public page needs: its own absolute address, and the other language's address of it."""

from django.conf import settings
from django.core.exceptions import DisallowedHost
from django.urls import translate_url
from django.utils.translation import get_language


def site(request):
    current = get_language() or settings.LANGUAGE_CODE
    others = [
        {"code": code, "name": name, "url": translate_url(request.get_full_path(), code)}
        for code, name in settings.LANGUAGES
        if code != current
    ]
    return {"other_languages": others, "current_language": current, "page_url": _page_url(request)}


def _page_url(request):
    """The page's absolute address, or None when the request's host is not one the portal answers to.

    The 400 page that answers a forged Host header renders this template too: it must not fail.
    """
    try:
        return request.build_absolute_uri()
    except DisallowedHost:
        return None

"""What every public page needs: its own absolute address, its canonical one, and its address in each language.

- `other_languages`: the language switch; where a page has no counterpart (a 404), the other
  language's home page rather than the same missing address.
- `alternates`: every language's absolute address of the page (hreflang), and `x-default`, the
  Vietnamese one.
- `canonical_url`: the absolute address without the parameters that only sort or size a page
  (`?so-sort=percent`, `?rong=400`): the sort variants of an announcement are one page.
"""

from django.conf import settings
from django.core.exceptions import DisallowedHost
from django.urls import Resolver404, resolve, reverse, translate_url
from django.utils.http import urlencode
from django.utils.translation import get_language, override


def site(request):
    current = get_language() or settings.LANGUAGE_CODE
    path = request.get_full_path()
    urls = {code: _in_language(request, path, code) for code, _name in settings.LANGUAGES}
    others = [{"code": code, "name": name, "url": urls[code]} for code, name in settings.LANGUAGES if code != current]
    page_url = _page_url(request)
    context = {"other_languages": others, "current_language": current, "page_url": page_url}
    if page_url is not None:
        canonical = _canonical(request)  # the sort variants have the canonical page's alternates
        same = {code: _in_language(request, canonical, code) for code, _name in settings.LANGUAGES}
        context["alternates"] = [
            {"code": code, "url": request.build_absolute_uri(url)} for code, url in same.items()
        ] + [{"code": "x-default", "url": request.build_absolute_uri(same[settings.LANGUAGE_CODE])}]
        context["canonical_url"] = request.build_absolute_uri(canonical)
    return context


def _in_language(request, path, code):
    """The page's address in language `code`; the home page in that language when the page has no counterpart."""
    try:
        missing = getattr(request, "page_missing", False) or not resolve(request.path_info)
    except Resolver404:
        missing = True
    if missing:
        with override(code):
            return reverse("publications:home")
    return translate_url(path, code)


def _canonical(request):
    """The page's path and the parameters that choose what it shows (not those that only sort or size it)."""
    kept = [(name, value) for name, value in request.GET.items() if not name.endswith("-sort") and name != "rong"]
    return request.path + (f"?{urlencode(kept)}" if kept else "")


def _page_url(request):
    """The page's absolute address, or None when the request's host is not one the portal answers to.

    The 400 page that answers a forged Host header renders this template too: it must not fail.
    """
    try:
        return request.build_absolute_uri()
    except DisallowedHost:
        return None

"""Caching of public pages: whole responses, valid for one count of publications.

Every public page of published data is cached (Redis when REDIS_URL is set, local memory
otherwise), under a key that holds the number of publications so far (`PublicationCounter`, in
the database, moved by every publication in its own transaction). Each process reads that
number at most once a second (PUBLIC_CACHE_RECHECK_SECONDS); a publication in this process makes
it read it again at once.
So no cache outage, whether the cache missed an invalidation, timed out or came back with old
data, can keep serving the pages from before a publication: those pages sit under a key that is
never asked for again. Drafts are never cached. If the cache is down, pages are served from the
database and the failure is logged.
"""

import functools
import hashlib
import logging
import time

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.http import QueryDict
from django.middleware.gzip import GZipMiddleware
from django.shortcuts import render
from django.utils.cache import add_never_cache_headers, patch_cache_control
from django.utils.http import http_date
from django.utils.translation import get_language

from publications.routers import reading_from_replica
from scoring.models import PublicationCounter

logger = logging.getLogger(__name__)

# Public pages hold no secret (no form token, nothing personal), so compressing them is safe from
# BREACH-style attacks; staff pages, which hold CSRF tokens, are not compressed.
_gzip = GZipMiddleware(lambda request: None)

TIMEOUT = 24 * 3600
BROWSER_MAX_AGE = 300  # browsers and proxies revalidate after 5 minutes (ETag / Last-Modified)

_known = {"value": None, "read_at": 0.0}


def _generation():
    """The number of publications so far, as the database holds it (read at most once a second)."""
    now = time.monotonic()
    if _known["value"] is None or now - _known["read_at"] > settings.PUBLIC_CACHE_RECHECK_SECONDS:
        _known["value"], _known["read_at"] = PublicationCounter.current(), now
    return _known["value"]


def invalidate_public_pages():
    """Make this process read the count of publications again before serving a cached page.

    Other processes read it within PUBLIC_CACHE_RECHECK_SECONDS: no message needs to reach them.
    """
    _known["value"] = None


def on_publication(sender, edition, **kwargs):
    """Receiver of `scoring.signals.edition_published`: once the publication is committed, stop serving older pages."""
    transaction.on_commit(invalidate_public_pages)


def mark_cacheable(response):
    """Mark a public page of published data as cacheable (drafts never are)."""
    response.public_cacheable = True
    return response


def public_page(view=None, *, params=()):
    """Serve the view's response from the cache when it is there; store it when the view allows.

    `params` names the query parameters the page reads (or is a function of a parameter's name
    saying whether it does). The view sees only those, and the cache key holds only those: an
    address with junk parameters (`?x=…`) is the same page and the same cache entry, and nothing
    of the junk reaches the page.
    """
    if view is None:
        return functools.partial(public_page, params=params)
    keeps = params if callable(params) else frozenset(params).__contains__

    @functools.wraps(view)
    def wrapped(request, *args, **kwargs):
        if request.method not in ("GET", "HEAD"):
            return _not_allowed(request)
        _keep_only(request, keeps)
        key = None
        encoding = "gzip" if "gzip" in request.META.get("HTTP_ACCEPT_ENCODING", "") else "identity"
        try:
            address = f"{request.get_host()}{request.get_full_path()}"
            digest = hashlib.sha256(address.encode()).hexdigest()
            key = f"public:{_generation()}:{get_language()}:{encoding}:{digest}"
            cached = cache.get(key)
        except Exception:
            logger.warning("public page cache unavailable; serving from the database", exc_info=True)
            cached = None
        if cached is not None:
            return cached
        with reading_from_replica():
            response = view(request, *args, **kwargs)
        if getattr(response, "public_cacheable", False) and response.status_code == 200:
            response = _gzip.process_response(request, response)
            patch_cache_control(response, public=True, max_age=BROWSER_MAX_AGE)
            if key is not None:
                try:
                    cache.set(key, response, TIMEOUT)
                except Exception:
                    logger.warning("could not store a public page in the cache", exc_info=True)
        elif response.status_code == 200:
            add_never_cache_headers(response)
            patch_cache_control(response, private=True)
        return response

    wrapped.csrf_exempt = True  # nothing to protect (it changes nothing); a POST gets the 405 above, not a 403
    return wrapped


def _not_allowed(request):
    """A public page is read, not posted to: say so, in the page's language (405, not Django's bare 403)."""
    response = render(request, "405.html", status=405)
    response["Allow"] = "GET, HEAD"
    return response


def read_only(view):
    """A public address that is only read (a redirect, a file): a POST gets the same 405 as a page."""

    @functools.wraps(view)
    def wrapped(request, *args, **kwargs):
        if request.method not in ("GET", "HEAD"):
            return _not_allowed(request)
        return view(request, *args, **kwargs)

    wrapped.csrf_exempt = True
    return wrapped


def _keep_only(request, keeps):
    """Drop the query parameters the page does not read, from what the view and the templates see."""
    if not request.GET:
        return
    kept = QueryDict(mutable=True)
    for name in sorted(request.GET):
        if keeps(name):
            kept.setlist(name, request.GET.getlist(name))
    if len(kept) != len(request.GET) or request.META.get("QUERY_STRING") != kept.urlencode():
        request.GET = kept
        request.META["QUERY_STRING"] = kept.urlencode()
        kept._mutable = False


def respond(request, template, context, *, edition=None, preview=False):
    """Render a public page; cacheable unless it previews a draft."""
    return edition_response(render(request, template, {**context, "preview": preview}), edition, preview)


def edition_response(response, edition, preview):
    """A page or file of an edition: cacheable unless it previews a draft, Last-Modified its publication."""
    if preview:
        return response
    if edition is not None and edition.published_at:
        response["Last-Modified"] = http_date(edition.published_at.timestamp())
    return mark_cacheable(response)

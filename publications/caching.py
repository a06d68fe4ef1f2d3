"""Caching of public pages: whole responses, keyed by a generation that publishing moves on.

Every public page of published data is cached (Redis when REDIS_URL is set, local memory
otherwise). Publishing or superseding an edition calls `invalidate_public_pages()`, which bumps the
generation: every process, sharing the cache, stops using the old entries at once. Drafts are
never cached. If the cache is down, pages are served from the database and the failure is logged.
"""

import functools
import hashlib
import logging

from django.core.cache import cache
from django.http import QueryDict
from django.middleware.gzip import GZipMiddleware
from django.utils.cache import add_never_cache_headers, patch_cache_control
from django.utils.translation import get_language

from parindex.routers import reading_from_replica

logger = logging.getLogger(__name__)

# Public pages hold no secret (no form token, nothing personal), so compressing them is safe from
# BREACH-style attacks; staff pages, which hold CSRF tokens, are not compressed.
_gzip = GZipMiddleware(lambda request: None)

GENERATION_KEY = "public:generation"
TIMEOUT = 24 * 3600
BROWSER_MAX_AGE = 300  # browsers and proxies revalidate after 5 minutes (ETag / Last-Modified)


def _generation():
    value = cache.get(GENERATION_KEY)
    if value is None:
        cache.add(GENERATION_KEY, 1, None)
        value = cache.get(GENERATION_KEY) or 1
    return value


def invalidate_public_pages():
    """Make every cached public page stale, in every process that shares the cache."""
    try:
        try:
            cache.incr(GENERATION_KEY)
        except ValueError:
            cache.set(GENERATION_KEY, 2, None)
    except Exception:  # the cache is down: nothing cached can be served either
        logger.exception("could not invalidate the public page cache")


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
            return view(request, *args, **kwargs)
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

"""Middleware: a friendly 503 when the database is away, a 400 for addresses no page takes, a 413 for bodies too large."""

import logging

from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.http import JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from scoring.text import has_control

logger = logging.getLogger("parindex.db")


class DatabaseUnavailableMiddleware:
    """Turn a lost database connection into "503 Service Unavailable, retry in 30 s".

    Django reconnects by itself on the next request (CONN_HEALTH_CHECKS), so the service comes
    back as soon as the database does, without restarting the application.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, OperationalError | InterfaceError):
            return None
        logger.error("database unavailable: %s", exception)
        response = render(request, "503.html", status=503)
        response["Retry-After"] = "30"
        response["Cache-Control"] = "no-store"
        return response


class ControlCharactersMiddleware:
    """Answer 400 to an address carrying control characters (NUL, BEL...) in its path or query.

    No page of the portal takes them, and PostgreSQL refuses NUL in any string, so without this a
    search for "%00" would be a server error instead of the visitor's mistake.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        values = [request.path, *(text for key, values in request.GET.lists() for text in (key, *values))]
        if not any(has_control(text) for text in values):
            return self.get_response(request)
        message = _("The address contains control characters; remove them and try again.")
        if request.path.startswith("/api/"):
            return JsonResponse({"error": str(message)}, status=400, json_dumps_params={"ensure_ascii": False})
        return render(request, "400.html", {"message": message}, status=400)


class RequestBodyLimitMiddleware:
    """Refuse a request whose body is larger than its view accepts (413), before anything reads it.

    A view that takes files says how much with a `max_body_bytes` attribute (bytes, or a function
    of the request, for a limit that depends on who asks); others accept `REQUEST_MAX_BYTES`.
    Placed before the CSRF middleware, which reads a form's body to find its token.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        if not length:
            return None
        limit = getattr(view_func, "max_body_bytes", None)
        if callable(limit):
            limit = limit(request)
        if limit is None:
            limit = settings.REQUEST_MAX_BYTES
        if length <= limit:
            return None
        megabytes = max(1, limit // (1024 * 1024))
        message = _("What was sent is larger than this page accepts (at most %(n)s MB).") % {"n": megabytes}
        if request.path.startswith("/api/"):
            return JsonResponse({"error": str(message)}, status=413, json_dumps_params={"ensure_ascii": False})
        return render(request, "413.html", {"message": message}, status=413)

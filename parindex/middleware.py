"""When the database cannot be reached, answer a friendly 503 instead of an error page."""

import logging

from django.db import InterfaceError, OperationalError
from django.shortcuts import render

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

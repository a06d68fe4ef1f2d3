"""The portal's error pages: Django's own views, told what the page needs to know."""

from django.views import defaults


def page_not_found(request, exception):
    """Django's 404 page; the language switch then leads to the other language's home, not the same missing page."""
    request.page_missing = True
    return defaults.page_not_found(request, exception)

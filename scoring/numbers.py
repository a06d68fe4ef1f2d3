"""Figures written for people, fast: the page's decimal separator, fixed or trimmed decimals.

Django's `number_format` is right but slow for the tens of thousands of figures of a national
table; these give the same text (no thousands separator, the active language's decimal mark).
"""

from django.utils.formats import get_format

from scoring.points import plain


def separator():
    """The decimal separator of the active language: "," in Vietnamese, "." in English."""
    return get_format("DECIMAL_SEPARATOR")


def fixed(value, places=2, sep=None):
    """89.1 → "89,10" (Vietnamese) or "89.10"; None → "–"."""
    if value is None:
        return "–"
    text = f"{value:.{places}f}"
    return text.replace(".", sep if sep is not None else separator())


def trimmed(value, sep=None):
    """13.50 → "13,5"; 3.00 → "3"; None → "–"."""
    if value is None:
        return "–"
    return plain(value).replace(".", sep if sep is not None else separator())

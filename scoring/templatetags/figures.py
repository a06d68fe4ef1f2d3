"""Template filters for figures as Vietnamese pages write them: 89,11 — 13,5 — 96,86% — 05."""

from decimal import Decimal

from django import template
from django.utils.formats import number_format

from scoring.points import plain

register = template.Library()


@register.filter
def points(value):
    """A decimal without needless zeros, with the page's separator: 13.50 → 13,5; 3.00 → 3."""
    if value is None or value == "":
        return "–"
    return number_format(Decimal(plain(Decimal(value))))


@register.filter
def points2(value):
    """A decimal with exactly 2 decimals, with the page's separator: 89.11 → 89,11."""
    if value is None or value == "":
        return "–"
    return number_format(Decimal(value), decimal_pos=2)


@register.filter
def padded(value):
    """A count written with two digits, as decisions do: 5 → 05."""
    return f"{int(value):02d}"


@register.filter
def capfirst_only(value):
    """Capitalise the first letter only: "các Sở, ban, ngành" → "Các Sở, ban, ngành"."""
    text = str(value)
    return text[:1].upper() + text[1:]


@register.filter
def lowerfirst(value):
    """Lower-case the first letter only: "Kết thúc tự đánh giá" → "kết thúc tự đánh giá" (after "Vẫn")."""
    text = str(value)
    return text[:1].lower() + text[1:]

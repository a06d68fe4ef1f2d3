"""Template filters for figures as Vietnamese pages write them: 89,11 — 13,5 — 96,86%."""

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
def band_class(label, bands):
    """The CSS class of a band by its position among the block's bands: band-0 is the highest."""
    for i, band in enumerate(bands or []):
        if band.label == label:
            return f"band-{min(i, 5)}"
    return "band-none"


@register.filter
def field_of(form, score):
    """The bound fields of one score in a score-sheet form: {"points": BoundField or None, …}."""
    if score is None or not hasattr(form, "bound"):
        return {}
    names = ("self_points", "points", "not_assessed", "note", "explanation")
    fields = {name: form.bound(score, name) for name in names}
    version = f"s{score.pk}-version"
    fields["version"] = form[version] if version in form.fields else None
    return fields


@register.filter
def getitem(mapping, key):
    """mapping[key], or None."""
    try:
        return mapping[key]
    except (KeyError, TypeError, IndexError):
        return None

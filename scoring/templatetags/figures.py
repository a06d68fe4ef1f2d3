"""Template filters for figures as Vietnamese pages write them: 89,11 — 13,5 — 96,86% — 05."""

import re
from decimal import Decimal

from django import template
from django.utils.formats import number_format
from django.utils.safestring import mark_safe

from scoring.points import plain
from scoring.tables import change_html, range_text
from scoring.vocabulary import band_colour as colour_of
from scoring.vocabulary import shown, shown_text, vietnamese

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


# What comes before the first letter a reader sees: tags (`<span lang="vi">`) and entities are kept as they are.
_LEADING_MARKUP = re.compile(r"^((?:<[^>]*>|&[#\w]+;|\s)*)(.)", re.S)


@register.filter(is_safe=True)
def capfirst_only(value):
    """Capitalise the first letter only: "các Sở, ban, ngành" → "Các Sở, ban, ngành" (HTML stays HTML)."""
    return _LEADING_MARKUP.sub(lambda m: m.group(1) + m.group(2).upper(), str(value), count=1)


@register.filter(is_safe=True)
def lowerfirst(value):
    """Lower-case the first letter only: "Kết thúc tự đánh giá" → "kết thúc tự đánh giá" (after "Vẫn")."""
    return _LEADING_MARKUP.sub(lambda m: m.group(1) + m.group(2).lower(), str(value), count=1)


@register.filter
def aria_sort(column):
    """The direction a sorted django-tables2 column is in, as `aria-sort` says it.

    A column may sort descending on its first click (the best first): its order is then the
    opposite of what the address's alias says, so it is read from the order applied.
    """
    order = column.order_by
    return "descending" if order and order[0].is_descending else "ascending"


@register.filter
def term(value, kind):
    """Text of an edition as the page's language shows it (HTML): "Tốt" on a Vietnamese page, "Good" on an
    English one; what the vocabulary does not know stays Vietnamese, marked `lang="vi"` (`scoring.vocabulary`)."""
    return shown(value, kind)


@register.filter
def vi(value):
    """Text that stays Vietnamese in every language (a decision's number, "2649/QĐ-UBND"), marked `lang="vi"`
    on pages in another language."""
    return vietnamese(value) if value else ""


@register.filter
def term_text(value, kind):
    """The same as plain text, for titles and attributes."""
    return shown_text(value, kind)


@register.filter
def band_colour(label):
    return colour_of(label)


@register.simple_tag
def band_range(low, high):
    """A band's range: "≥ 90%", "80–< 90%", "< 50%"."""
    return range_text(low, high)


@register.filter
def change(unit):
    """A unit's change since the previous edition, in places and percentage points (`scoring.tables.change_html`)."""
    return mark_safe(change_html(unit))

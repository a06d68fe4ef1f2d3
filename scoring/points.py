"""Exact points: decimals with at most 2 places, parsed from text and stored as integers.

Scores, maxima and percentages are `Decimal` everywhere in Python. In the database they are kept
as whole hundredths (`89.11` is stored as `8911`), so that `SUM` is exact on every backend,
SQLite included, whose own DECIMAL columns are binary floating point.
"""

import re
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django import forms
from django.core import exceptions
from django.db import models
from django.utils.translation import gettext_lazy as _

CENT = Decimal("0.01")
HUNDRED = Decimal(100)

# A decimal literal as people type it: digits, optionally a point or a comma and more digits.
_LITERAL = re.compile(r"^[+-]?(\d+([.,]\d*)?|[.,]\d+)$")


class NotADecimal(ValueError):
    """The text is not a decimal number."""


def parse_decimal(value):
    """Return `value` as a `Decimal`, without ever passing through float.

    Accept a `Decimal`, an `int` (not a bool) or a string such as `"12.97"` or `"12,97"`.
    Raise `NotADecimal` for anything else (floats included: parse JSON with `parse_float=Decimal`).
    """
    if isinstance(value, bool):
        raise NotADecimal(value)
    if isinstance(value, Decimal):
        if not value.is_finite():
            raise NotADecimal(value)
        return value
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, str):
        text = value.strip()
        if not _LITERAL.match(text):
            raise NotADecimal(value)
        try:
            return Decimal(text.replace(",", "."))
        except InvalidOperation:  # pragma: no cover - the pattern admits only valid literals
            raise NotADecimal(value) from None
    raise NotADecimal(value)


def decimal_places(value):
    """Return how many meaningful decimal places `value` has (`4.50` has 1, `4.5E+1` has 0)."""
    exponent = value.normalize().as_tuple().exponent
    return max(0, -exponent)


# The rules on a value of points, written once: the edition format, the Excel upload, the forms and
# the surveys all read points with `read_points` (and percentages with `read_percent`).
MAX_POINTS = Decimal(1_000_000)  # stored as hundredths in an integer column


class PointsRefused(ValueError):
    """A value is not acceptable as points. `code` names the rule, `message` says it in the user's language."""

    def __init__(self, code, message):
        self.code, self.message = code, str(message)
        super().__init__(self.message)


def read_points(value, *, maximum=None, shown=None):
    """Return `value` as points, a `Decimal` with 2 places; raise `PointsRefused` naming the rule it breaks.

    The rules, in order: a number (`12,97` or `12.97`, never through float), at most 2 decimals,
    not negative, not above `maximum` (the criterion's) when given, not above a million. `shown`
    is how to write the value in a message (default: as given).
    """
    shown = str(value).strip() if shown is None else shown
    try:
        number = parse_decimal(value)
    except NotADecimal:
        raise PointsRefused("invalid", _("“%(value)s” is not a number.") % {"value": shown}) from None
    if decimal_places(number) > 2:
        raise PointsRefused("decimals", _("“%(value)s” has more than 2 decimals.") % {"value": shown})
    if number < 0:
        raise PointsRefused("negative", _("“%(value)s” is negative.") % {"value": shown})
    if maximum is not None and number > maximum:
        raise PointsRefused(
            "above", _("%(value)s is above the maximum %(max)s.") % {"value": shown, "max": format_vi(maximum)}
        )
    if number > MAX_POINTS:
        raise PointsRefused("too_large", _("“%(value)s” is too large.") % {"value": shown})
    return quantize2(number)


def read_percent(value, *, shown=None):
    """Return a percentage from 0 to 100 with at most 2 decimals ("92", "92,5", "75,81%"); raise `PointsRefused`."""
    shown = shown if shown is not None else str(value).strip()
    text = str(value).strip() if not isinstance(value, Decimal | int) else value
    if isinstance(text, str) and text.endswith("%"):
        text = text[:-1].strip()
    try:
        return read_points(text, maximum=HUNDRED, shown=shown)
    except PointsRefused as refused:
        if refused.code in ("above", "negative"):
            message = _("“%(value)s” is not a percentage from 0 to 100.") % {"value": shown}
            raise PointsRefused("percent", message) from None
        raise


def points_from_percent(percent, maximum):
    """Return the points a survey's percentage gives on a criterion: maximum × percent / 100, half up."""
    return quantize2(maximum * percent / HUNDRED)


def quantize2(value):
    """Round to 2 decimals, half up."""
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


def percent_of(score, maximum):
    """Return score / maximum × 100 rounded half up to 2 decimals, or None when nothing is assessable."""
    if not maximum:
        return None
    return quantize2(score * HUNDRED / maximum)


def percent_cents(score_cents, max_cents):
    """Return score / max × 100 in hundredths of a percent, rounded half up, from whole hundredths.

    The same figure as `percent_of`, in integers: floor((2a + b) / 2b) with a = 10000 × score.
    """
    return (20000 * score_cents + max_cents) // (2 * max_cents)


def to_cents(value):
    """Return `value` (at most 2 decimals) as a whole number of hundredths."""
    cents = value * HUNDRED
    if cents != cents.to_integral_value():
        raise ValueError(f"{value} has more than 2 decimals")
    return int(cents)


def from_cents(cents):
    """Return a number of hundredths as a `Decimal` with exactly 2 places."""
    return Decimal(cents).scaleb(-2)


def plain(value):
    """Format a decimal without trailing zeros or exponent: `13.50` → `13.5`, `100.00` → `100`."""
    text = format(value.normalize(), "f")
    return text


def format_vi(value):
    """Write a decimal as Vietnamese pages do, without needless zeros: `13.50` → `13,5`."""
    return plain(value).replace(".", ",")


def fixed2(value):
    """Format a decimal with exactly 2 decimals, as the results export writes them."""
    if value is None:
        return None
    return format(quantize2(value), "f")


class PointsField(models.IntegerField):
    """A non-float decimal with 2 places, stored as whole hundredths in an integer column."""

    description = _("Points, with up to 2 decimals")

    def from_db_value(self, value, expression, connection):
        if value is None:
            return None
        return from_cents(value)

    def to_python(self, value):
        if value is None or value == "":
            return None
        try:
            return read_points(value)
        except PointsRefused as refused:
            raise exceptions.ValidationError(refused.message, code=refused.code) from None

    def get_prep_value(self, value):
        if value is None or hasattr(value, "resolve_expression"):
            return value
        return to_cents(self.to_python(value))

    @property
    def validators(self):
        # IntegerField's range validators would compare hundredths with points.
        return list(self._validators)

    def formfield(self, **kwargs):
        return models.Field.formfield(self, **{"form_class": PointsFormField, **kwargs})


class PointsFormField(forms.CharField):
    """A form field for points: accepts `4,5` and `4.5`, refuses more than 2 decimals or a negative.

    Cleans to a Decimal with 2 places; `max_points`, when given, is the criterion's maximum.
    """

    def __init__(self, *, max_points=None, **kwargs):
        kwargs.pop("max_length", None)
        self.max_points = max_points
        super().__init__(**kwargs)

    def to_python(self, value):
        text = super().to_python(value)
        if text in self.empty_values:
            return None
        try:
            return read_points(text, maximum=self.max_points)
        except PointsRefused as refused:
            raise forms.ValidationError(refused.message, code=refused.code) from None

    def prepare_value(self, value):
        if isinstance(value, Decimal):
            return format_vi(value)
        return value

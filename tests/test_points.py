"""Exact points: parsing, rounding and storage without floats."""

from decimal import Decimal as D

import pytest

from scoring.points import NotADecimal, decimal_places, fixed2, parse_decimal, percent_of, plain, to_cents


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("12.97", D("12.97")),
        ("12,97", D("12.97")),
        (" 3 ", D("3")),
        (7, D("7")),
        (D("0.1"), D("0.1")),
        (".5", D("0.5")),
    ],
)
def test_it_parses_decimals_with_a_point_or_a_comma(text, value):
    assert parse_decimal(text) == value


@pytest.mark.parametrize("bad", ["", "abc", "1.2.3", "1,2,3", "1e3", True, 1.5, None, D("NaN"), "--1"])
def test_it_refuses_what_is_not_a_decimal(bad):
    with pytest.raises(NotADecimal):
        parse_decimal(bad)


def test_decimal_places_ignore_trailing_zeros():
    assert [decimal_places(D(x)) for x in ("4", "4.50", "4.05", "4.005", "1E+2")] == [0, 1, 2, 3, 0]


def test_percent_is_half_up_and_none_without_a_max():
    assert percent_of(D("44.9"), D("80")) == D("56.13")
    assert percent_of(D("89.11"), D("92")) == D("96.86")
    assert percent_of(D("92.87"), D("95")) == D("97.76")
    assert percent_of(D("1"), D("0")) is None


def test_formats():
    assert (plain(D("13.50")), plain(D("100.00")), plain(D("0.00"))) == ("13.5", "100", "0")
    assert (fixed2(D("3")), fixed2(D("85.8")), fixed2(None)) == ("3.00", "85.80", None)


def test_cents_are_exact():
    assert to_cents(D("89.11")) == 8911
    with pytest.raises(ValueError):
        to_cents(D("0.001"))


class TestPointsFormField:
    def clean(self, text, **kwargs):
        from scoring.points import PointsFormField

        return PointsFormField(required=False, **kwargs).clean(text)

    def test_it_accepts_a_comma_or_a_point(self):
        assert self.clean("4,5") == D("4.50")
        assert self.clean("4.5") == D("4.50")
        assert self.clean("") is None

    @pytest.mark.parametrize(
        ("text", "message"),
        [
            ("abc", "“abc” không phải là số."),
            ("1,234", "“1,234” có quá 2 chữ số thập phân."),
            ("-1", "“-1” là số âm."),
            ("4,5", "4,5 vượt điểm tối đa 4"),
        ],
    )
    def test_it_says_in_vietnamese_what_is_wrong(self, text, message):
        from django.core.exceptions import ValidationError

        with pytest.raises(ValidationError) as info:
            self.clean(text, max_points=D("4"))
        assert info.value.messages == [message]

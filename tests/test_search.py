"""Search finds units and authorities as citizens type them: diacritics or not, a typo, English, codes, places."""

import re

import pytest

from tests.factories import make_edition

pytestmark = pytest.mark.django_db


def found(client, query):
    """The units found, in order: [(edition slug, unit code)]."""
    html = client.get("/tim-kiem/", {"q": query}).content.decode()
    return re.findall(r'<li>\s*<a href="/cong-bo/([^/]+)/don-vi/([^/]+)/"><strong>', html), html


@pytest.mark.parametrize("query", ["tien chau", "Tiên Châu", "TIEN CHAU", "xa tien chau"])
def test_it_finds_tien_chau_without_diacritics(client, seeds, query):
    units, _html = found(client, query)
    assert units[0] == ("tien-phuoc-2022-cchc", "TIEN-CHAU")


@pytest.mark.parametrize("query", ["dak nong", "Đắk Nông", "đăk nông"])
def test_it_finds_dak_nong(client, seeds, query):
    html = client.get("/tim-kiem/", {"q": query}).content.decode()
    assert 'href="/co-quan/ubnd-tinh-dak-nong/">UBND tỉnh Đắk Nông</a>' in html


def test_the_whole_name_comes_before_words_found_elsewhere(client, seeds):
    units, _html = found(client, "hội an")
    # Hội An itself, in both of Quảng Nam's published editions (the newest first), before "Bảo hiểm xã hội" (D14).
    assert units[:2] == [("quang-nam-2024-service", "HOI-AN"), ("quang-nam-2023-cchc", "HOI-AN")]


@pytest.mark.parametrize(
    ("query", "unit"),
    [("bac tra mi", "BAC-TRA-MY"), ("tien chu", "TIEN-CHAU"), ("tienchau", "TIEN-CHAU"), ("bắc tà my", "BAC-TRA-MY")],
)
def test_one_typo_is_forgiven(client, seeds, query, unit):
    units, _html = found(client, query)
    assert units and units[0][1] == unit, units[:3]


@pytest.mark.parametrize(("query", "unit"), [("Home Affairs", "SNV"), ("department of justice", "STP"), ("snv", "SNV")])
def test_english_names_and_codes_find_the_unit(client, seeds, query, unit):
    units, _html = found(client, query)
    assert units and units[0][1] == unit, units[:3]


def test_a_units_province_and_district_are_searched_too(client, seeds):
    units, _html = found(client, "tien chau quang nam")
    assert units[0] == ("tien-phuoc-2022-cchc", "TIEN-CHAU")
    units, _html = found(client, "tien phuoc tien ky")  # the district (its authority) and the town
    assert units[0] == ("tien-phuoc-2022-cchc", "TIEN-KY")


def test_each_result_says_its_score_rank_and_band_and_the_count_is_given(client, seeds):
    _units, html = found(client, "tien chau")
    assert "85,82 điểm (85,82%), xếp thứ 4/15" in html
    assert re.search(r'class="badge"[^>]*>Tốt</span>', html)
    assert "Tìm thấy 1 đơn vị." in html


def test_past_the_limit_it_says_so(client, seeds):
    units, html = found(client, "quang nam")
    assert len(units) == 50
    assert re.search(r"Tìm thấy (\d+) đơn vị", html) and int(re.search(r"Tìm thấy (\d+) đơn vị", html)[1]) > 50
    assert "Hiển thị 50 kết quả khớp nhất" in html


def test_it_does_not_find_drafts(client):
    make_edition({"A": {}}, slug="nhap-2023", authority="UBND tỉnh Bí Mật")
    html = client.get("/tim-kiem/", {"q": "bi mat"}).content.decode()
    assert "Bí Mật" not in html.split("<h2>", 1)[1]


def test_an_empty_query_shows_the_form(client):
    assert client.get("/tim-kiem/").status_code == 200

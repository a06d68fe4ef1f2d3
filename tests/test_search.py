"""Search finds units and authorities with or without diacritics."""

import pytest

from tests.factories import make_edition

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("query", ["tien chau", "Tiên Châu", "TIEN CHAU", "xa tien chau"])
def test_it_finds_tien_chau_without_diacritics(client, seeds, query):
    html = client.get("/tim-kiem/", {"q": query}).content.decode()
    assert 'href="/cong-bo/tien-phuoc-2022-cchc/don-vi/TIEN-CHAU/">UBND xã Tiên Châu</a>' in html


@pytest.mark.parametrize("query", ["dak nong", "Đắk Nông", "đăk nông"])
def test_it_finds_dak_nong(client, seeds, query):
    html = client.get("/tim-kiem/", {"q": query}).content.decode()
    assert 'href="/co-quan/ubnd-tinh-dak-nong/">UBND tỉnh Đắk Nông</a>' in html


def test_it_does_not_find_drafts(client):
    make_edition({"A": {}}, slug="nhap-2023", authority="UBND tỉnh Bí Mật")
    html = client.get("/tim-kiem/", {"q": "bi mat"}).content.decode()
    assert "Bí Mật" not in html.split("<h2>", 1)[1]


def test_an_empty_query_shows_the_form(client):
    assert client.get("/tim-kiem/").status_code == 200

"""Addresses no page takes (control characters, impossible numbers) get a 400 or an empty result, never a 500."""

import pytest

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "url",
    ["/?tinh=%00", "/?chi-so=%00", "/?trang=%00", "/tim-kiem/?q=%00", "/tim-kiem/?q=S%E1%BB%9F%07", "/?%00=1"],
)
def test_control_characters_in_the_address_are_refused_in_vietnamese(client, seeds, url):
    response = client.get(url)
    assert response.status_code == 400
    assert "ký tự điều khiển" in response.content.decode()


def test_the_api_refuses_them_in_json(client, seeds):
    response = client.get("/api/v1/editions/?index=%00")
    assert response.status_code == 400
    assert response["Content-Type"].startswith("application/json")
    assert "error" in response.json()


@pytest.mark.parametrize("year", ["%C2%B2", "%D9%A3", "99999999999999999999", "abc"])
def test_a_year_that_is_no_year_lists_everything_instead_of_failing(client, seeds, year):
    response = client.get(f"/?nam={year}")
    assert response.status_code == 200
    assert "quang-nam-2023-cchc" in response.content.decode()


@pytest.mark.parametrize("query", ["page=99999999999999999999", "page=92233720368547760", "year=99999999999999999999"])
def test_the_api_answers_an_empty_page_beyond_the_last(client, seeds, query):
    response = client.get(f"/api/v1/editions/?{query}")
    assert response.status_code == 200
    assert response.json()["results"] == []


@pytest.mark.parametrize("query", ["page=0", "page=-1", "page=%C2%B2", "year=%D9%A3"])
def test_the_api_refuses_malformed_numbers(client, seeds, query):
    response = client.get(f"/api/v1/editions/?{query}")
    assert response.status_code == 400

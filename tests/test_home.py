"""The home page: the latest published decisions, filters, and the search box."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import make_edition

pytestmark = pytest.mark.django_db


def titles(html):
    return re.findall(r'<a href="/cong-bo/([a-z0-9-]+)/"><strong>', html)


def test_it_lists_published_decisions_newest_first(client, seeds):
    make_edition(slug="nhap-2023")
    html = client.get("/").content.decode()
    assert titles(html) == ["ha-tinh-2023-cchc", "dak-nong-2023-cchc", "quang-nam-2023-cchc", "tien-phuoc-2022-cchc"]
    assert "Quyết định số 2649/QĐ-UBND ngày 12/12/2023" in html
    assert 'role="search"' in html


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("tinh=Quảng+Nam", ["quang-nam-2023-cchc", "tien-phuoc-2022-cchc"]),
        ("nam=2022", ["tien-phuoc-2022-cchc"]),
        ("chi-so=service", []),
        ("chi-so=cchc&nam=2023&tinh=Hà+Tĩnh", ["ha-tinh-2023-cchc"]),
    ],
)
def test_it_filters_by_province_year_and_index(client, seeds, query, expected):
    assert titles(client.get(f"/?{query}").content.decode()) == expected


def test_the_number_of_queries_is_fixed(client, seeds):
    with CaptureQueriesContext(connection) as ctx:
        client.get("/")
    assert len(ctx.captured_queries) <= 6

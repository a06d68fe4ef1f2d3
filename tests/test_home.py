"""The home page: the latest published decisions, filters, and the search box."""

import datetime
import re

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from publications.caching import invalidate_public_pages
from scoring.writes import publish
from tests.factories import make_edition

pytestmark = pytest.mark.django_db


def titles(html):
    return re.findall(r'<h3><a href="/cong-bo/([a-z0-9-]+)/">', html)


def test_it_lists_published_decisions_newest_first(client, seeds):
    make_edition(slug="nhap-2023")
    html = client.get("/").content.decode()
    # By the date of the decision, or of the figures for the service index (as of 14/6/2024).
    assert titles(html) == ["quang-nam-2024-service", "ha-tinh-2023-cchc", "dak-nong-2023-cchc",
                            "quang-nam-2023-cchc", "tien-phuoc-2022-cchc"]  # fmt: skip
    assert "Quyết định số 2649/QĐ-UBND ngày 12/12/2023" in html
    assert 'role="search"' in html


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("tinh=Quảng+Nam", ["quang-nam-2024-service", "quang-nam-2023-cchc", "tien-phuoc-2022-cchc"]),
        ("nam=2022", ["tien-phuoc-2022-cchc"]),
        ("chi-so=service", ["quang-nam-2024-service"]),
        ("chi-so=cchc&nam=2023&tinh=Hà+Tĩnh", ["ha-tinh-2023-cchc"]),
    ],
)
def test_it_filters_by_province_year_and_index(client, seeds, query, expected):
    assert titles(client.get(f"/?{query}").content.decode()) == expected


def test_each_decision_says_who_leads_each_block(client, seeds):
    html = client.get("/").content.decode()
    assert "Chỉ số CCHC 2023 — UBND tỉnh Quảng Nam" in html  # titles that tell the editions apart
    assert "Các Sở, ban, ngành: Sở Nội vụ dẫn đầu, 96,86%" in html
    assert "UBND các huyện, thị xã, thành phố: UBND huyện Bắc Trà My dẫn đầu, 89,45%" in html


def test_the_number_of_queries_is_fixed(client, seeds):
    def count():
        cache.clear()
        invalidate_public_pages()  # as the first request of a second does
        with CaptureQueriesContext(connection) as ctx:
            client.get("/")
        return len(ctx.captured_queries)

    before = count()
    for year in (2019, 2020, 2021):  # more decisions, more blocks: the same queries
        publish(historical=True, edition=make_edition(slug=f"them-{year}", year=year), number=f"{year}/QĐ-UBND",
                date=datetime.date(year + 1, 1, 1))  # fmt: skip
    assert count() == before <= 10

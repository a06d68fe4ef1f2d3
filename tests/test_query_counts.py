"""Every public page costs the same number of queries whatever the number of units."""

import datetime

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from publications.caching import invalidate_public_pages
from scoring.writes import publish
from tests.factories import make_edition

pytestmark = pytest.mark.django_db

PAGES = [
    "/cong-bo/{slug}/",
    "/en/cong-bo/{slug}/",
    "/cong-bo/{slug}/don-vi/U001/",
    "/cong-bo/{slug}/phuong-phap/",
    "/cong-bo/{slug}/tai-ve.csv",
    "/cong-bo/{slug}/tai-ve.xlsx",
    "/cong-bo/{slug}/tai-ve.json",
    "/cong-bo/{slug}/khoi/so/tai-ve.csv",
    "/api/v1/editions/{slug}/",
    "/api/v1/editions/{slug}/blocks/so/",
    "/co-quan/{authority}/",
    "/tim-kiem/?q=don+vi",
]


@pytest.fixture
def editions():
    made = {}
    for name, units in (("nho", 3), ("lon", 150)):
        edition = make_edition(
            {f"U{i:03d}": {"1.1": str(i % 6), "2": str(i % 10)} for i in range(units)},
            slug=f"{name}-2023",
            authority=f"UBND tỉnh {name.title()}",
        )
        made[name] = publish(historical=True, edition=edition, number="1/QĐ-UBND", date=datetime.date(2024, 1, 1))
    return made


@pytest.mark.parametrize("page", PAGES)
def test_the_queries_of_a_page_do_not_grow_with_the_units(client, editions, page):
    counts = []
    for edition in editions.values():
        cache.clear()
        invalidate_public_pages()  # each page reads the count of publications, as the first in a second does
        url = page.format(slug=edition.slug, authority=edition.authority.slug)
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url).status_code == 200, url
        counts.append(len(ctx.captured_queries))
    assert counts[0] == counts[1], counts
    assert counts[0] <= 12

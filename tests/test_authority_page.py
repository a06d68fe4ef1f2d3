"""An authority's page: its editions over the years and each block's bands by year."""

import re

import pytest

from scoring.demo import generate_demo
from scoring.models import Authority
from tests.factories import make_edition

pytestmark = pytest.mark.django_db


def test_it_lists_the_editions_and_the_bands_of_each_block(client, seeds):
    html = client.get("/co-quan/ubnd-tinh-quang-nam/").content.decode()
    assert "<h1>UBND tỉnh Quảng Nam</h1>" in html
    assert 'href="/cong-bo/quang-nam-2023-cchc/"' in html
    # The service index is listed by its period, where the others name their decision.
    assert "Kỳ 15/3 – 14/6/2024, số liệu đến ngày 14/06/2024 (nguồn: Cổng Dịch vụ công quốc gia" in html
    rows = re.findall(r"<tr>\s*<th scope=\"row\"><a [^>]+>(\d{4})</a></th>(.*?)</tr>", html, re.S)
    cells = [re.findall(r'<td class="num">(\d+)</td>', row) for _year, row in rows]
    assert cells[0] == ["20", "15", "05", "00", "00"]  # sở: 20 units, 15 tốt, 05 khá


def test_it_shows_every_year_of_a_demo_authority(client):
    generate_demo(authorities=1, units_per_block=4, years=3)
    authority = Authority.objects.get()
    html = client.get(f"/co-quan/{authority.slug}/").content.decode()
    assert set(re.findall(r"<th scope=\"row\"><a [^>]+>(\d{4})</a>", html)) == {"2023", "2024"}  # 2025 is a draft


def test_an_authority_without_published_editions_is_not_found(client):
    make_edition(slug="nhap-2023")
    assert client.get("/co-quan/ubnd-tinh-thu-nghiem/").status_code == 404

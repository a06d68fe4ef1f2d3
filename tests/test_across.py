"""One kind of block across authorities: every province's Sở Nội vụ, every province's districts on average, each
figure with the criteria set it was measured on; the queries do not grow with the number of authorities."""

import datetime

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from publications.caching import invalidate_public_pages
from scoring.across import lineup
from scoring.writes import publish
from tests.factories import make_edition

pytestmark = pytest.mark.django_db


def test_each_provinces_so_noi_vu_lined_up_with_its_criteria_set(client, seeds):
    html = client.get("/so-sanh-dia-phuong/?nam=2023&khoi=so&don-vi=so-noi-vu").content.decode()
    assert "Sở Nội vụ của các địa phương, năm 2023, theo tỷ lệ" in html
    rows = [(row.rank, row.edition.authority_name, str(row.percent), row.rank_in_block, row.of)
            for row in lineup(index_code="cchc", year=2023, kind="so", unit="so noi vu").rows]  # fmt: skip
    assert rows == [(1, "UBND tỉnh Quảng Nam", "96.86", 1, 20), (2, "UBND tỉnh Hà Tĩnh", "89.60", 6, 20),
                    (3, "UBND tỉnh Đắk Nông", "89.31", 5, 22)]  # fmt: skip
    for figure in ("96,86", "89,60", "89,31"):
        assert figure in html
    assert "Đây không phải bảng xếp hạng các địa phương" in html
    assert "Các số liệu được đo theo 3 bộ tiêu chí khác nhau" in html
    assert 'href="/cong-bo/quang-nam-2023-cchc/phuong-phap/"' in html  # which set: its methodology page
    assert 'href="/cong-bo/quang-nam-2023-cchc/don-vi/SNV/"' in html


def test_a_blocks_average_across_provinces(client, seeds):
    rows = lineup(index_code="cchc", year=2023, kind="huyen").rows
    assert [(row.edition.authority_name, str(row.percent)) for row in rows] == [
        ("UBND tỉnh Hà Tĩnh", "87.68"), ("UBND tỉnh Quảng Nam", "85.05"), ("UBND tỉnh Đắk Nông", "78.76"),
    ]  # fmt: skip
    html = client.get("/so-sanh-dia-phuong/?nam=2023&khoi=huyen").content.decode()
    assert "Tỷ lệ bình quân của khối ở các địa phương, năm 2023" in html and "87,68" in html


def test_bad_parameters_fall_back_to_the_defaults(client, seeds):
    for query in ("nam=abcd", "khoi=<script>", "don-vi=khong-co", "chi-so=KHONG CO"):
        assert client.get(f"/so-sanh-dia-phuong/?{query}").status_code == 200
    assert client.get("/so-sanh-dia-phuong/?chi-so=%00").status_code == 400  # control characters, as everywhere


def test_the_queries_do_not_grow_with_the_authorities(client):
    counts = []
    made = 0
    for authorities in (2, 8):
        while made < authorities:
            units = {f"S{j}": {"1.1": str((made + j) % 6), "2": str(j)} for j in range(5)}
            edition = make_edition(units, slug=f"tinh-{made}-2023", authority=f"UBND tỉnh Số {made}")
            edition.blocks.update(name="Các sở, ban, ngành")
            edition.units.filter(code="S0").update(name=f"Sở Nội vụ tỉnh Số {made}")
            publish(historical=True, edition=edition, number=f"{made}/QĐ-UBND", date=datetime.date(2024, 1, 1))
            made += 1
        cache.clear()
        invalidate_public_pages()
        with CaptureQueriesContext(connection) as ctx:
            response = client.get("/so-sanh-dia-phuong/?nam=2023&khoi=so&don-vi=so-noi-vu")
        assert response.status_code == 200
        assert response.content.decode().count("Sở Nội vụ tỉnh Số") == authorities
        counts.append(len(ctx.captured_queries))
    assert counts[0] == counts[1], counts
    assert counts[0] <= 14

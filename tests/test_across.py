"""One kind of block across authorities: every province's Sở Nội vụ, every province's districts on average, each
figure with the criteria set it was measured on; the queries do not grow with the number of authorities."""

import pytest

from scoring.across import lineup

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

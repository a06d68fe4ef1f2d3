"""The methodology page: criteria trees with max points and the band thresholds."""

import pytest

from tests.factories import make_edition

pytestmark = pytest.mark.django_db


def test_it_shows_the_criteria_and_the_bands(client, seeds):
    html = client.get("/cong-bo/tien-phuoc-2022-cchc/phuong-phap/").content.decode()
    assert "Công tác chỉ đạo điều hành cải cách hành chính" in html
    assert ">13,5<" in html
    assert ">31,5<" in html
    assert "Điều tra xã hội học" in html  # group 8 comes from surveys
    assert "Xuất sắc" in html
    assert ">≥ 90%<" in html and ">80–&lt; 90%<" in html and ">&lt; 50%<" in html  # each band's range


def test_the_bands_come_first_once_with_how_the_index_is_made(client, seeds):
    html = client.get("/cong-bo/quang-nam-2023-cchc/phuong-phap/").content.decode()
    assert html.count('<table class="bands">') == 1  # three blocks, one scale: shown once
    assert "Tất cả các khối" in html
    assert html.index('id="bands"') < html.index('id="how"') < html.index('id="criteria"')
    assert "Quyết định số 2649/QĐ-UBND ngày 12/12/2023" in html
    assert "Quyết định số 876/QĐ-BNV ngày 10/11/2022" in html  # the national framework of 2023
    ha_tinh = client.get("/cong-bo/ha-tinh-2023-cchc/phuong-phap/").content.decode()
    assert ha_tinh.count('<table class="bands">') == 1


def test_it_is_hidden_for_a_draft(client, seeds):
    make_edition(slug="nhap-2024")
    assert client.get("/cong-bo/nhap-2024/phuong-phap/").status_code == 404

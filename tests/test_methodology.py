"""The methodology page: criteria trees with max points and the band thresholds."""

import pytest

pytestmark = pytest.mark.django_db


def test_it_shows_the_criteria_and_the_bands(client, seeds):
    html = client.get("/cong-bo/tien-phuoc-2022-cchc/phuong-phap/").content.decode()
    assert "Công tác chỉ đạo điều hành cải cách hành chính" in html
    assert ">13,5<" in html
    assert ">31,5<" in html
    assert "Điều tra xã hội học" in html  # group 8 comes from surveys
    assert "Xuất sắc" in html
    assert ">90%<" in html


def test_it_is_hidden_for_a_draft(client, seeds):
    assert client.get("/cong-bo/quang-nam-2024-service/phuong-phap/").status_code == 404

"""The announcement page of a decision."""

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from publications.caching import invalidate_public_pages
from scoring.writes import publish
from tests.factories import make_edition

pytestmark = pytest.mark.django_db

SUMMARIES = {
    "quang-nam-2023-cchc": [
        "Đối với các Sở, ban, ngành có 15/20 đơn vị được xếp loại tốt, 05/20 đơn vị xếp loại khá.",
        "Trong đó, Sở Nội vụ là đơn vị dẫn đầu với 89,11 điểm, tỷ lệ 96,86%.",
        "Đối với các cơ quan ngành dọc cấp tỉnh có 01/05 đơn vị được xếp loại tốt, 04/05 đơn vị xếp loại khá.",
        "Trong đó, Kho bạc Nhà nước là đơn vị dẫn đầu với 92,87 điểm, tỷ lệ 97,76%.",
        "Đối với UBND các huyện, thị xã, thành phố có 18/18 địa phương xếp loại khá; không có địa phương xếp loại tốt.",
        "Trong đó, UBND huyện Bắc Trà My là đơn vị dẫn đầu với 89,45 điểm, tỷ lệ 89,45%.",
    ],
    "dak-nong-2023-cchc": [
        "Đối với các sở, ban, ngành có 04/22 đơn vị được xếp loại xuất sắc, 09/22 đơn vị xếp loại tốt, "
        "09/22 đơn vị xếp loại khá.",
        "Trong đó, Cục Thuế tỉnh là đơn vị dẫn đầu với 91,81 điểm, tỷ lệ 95,64%.",
        "Đối với UBND cấp huyện có 03/08 địa phương xếp loại tốt, 05/08 địa phương xếp loại khá; "
        "không có địa phương xếp loại xuất sắc.",
        "Trong đó, UBND thành phố Gia Nghĩa là đơn vị dẫn đầu với 86,74 điểm, tỷ lệ 86,74%.",
    ],
    "ha-tinh-2023-cchc": [
        "Đối với khối Sở, ngành có 05/20 đơn vị được xếp loại xuất sắc, 10/20 đơn vị xếp loại tốt, "
        "05/20 đơn vị xếp loại khá.",
        "Trong đó, Sở Khoa học và Công nghệ là đơn vị dẫn đầu với 95,80 điểm, tỷ lệ 95,80%; "
        "Sở Thông tin và Truyền thông xếp vị trí thứ 2; Sở Ngoại vụ xếp vị trí thứ 3.",
        "Về mức độ hoàn thành nhiệm vụ của người đứng đầu: Sở Khoa học và Công nghệ, Sở Thông tin và Truyền "
        "thông, Sở Ngoại vụ, Sở Công Thương và Sở Tài chính đạt mức hoàn thành xuất sắc nhiệm vụ.",
        "Đối với khối UBND các huyện, thành phố, thị xã có 04/13 địa phương xếp loại xuất sắc, "
        "09/13 địa phương xếp loại tốt.",
        "Trong đó, UBND thành phố Hà Tĩnh là đơn vị dẫn đầu với 93,85 điểm, tỷ lệ 93,85%; "
        "UBND thị xã Kỳ Anh xếp vị trí thứ 2; UBND huyện Thạch Hà xếp vị trí thứ 3.",
        "Về mức độ hoàn thành nhiệm vụ của người đứng đầu: UBND thành phố Hà Tĩnh, UBND thị xã Kỳ Anh, "
        "UBND huyện Thạch Hà, UBND thị xã Hồng Lĩnh, UBND huyện Cẩm Xuyên và UBND huyện Hương Sơn đạt mức "
        "hoàn thành xuất sắc nhiệm vụ; 07 địa phương còn lại xếp mức hoàn thành tốt nhiệm vụ.",
        "Đối với khối các cơ quan Trung ương đóng trên địa bàn có 06/06 đơn vị được xếp loại xuất sắc.",
        "Trong đó, Cục Hải quan Hà Tĩnh là đơn vị dẫn đầu với 91,58 điểm, tỷ lệ 96,40%; "
        "Công an tỉnh xếp vị trí thứ 2; Cục Thuế tỉnh xếp vị trí thứ 3.",
        "Về mức độ hoàn thành nhiệm vụ của người đứng đầu: 06/06 đơn vị đều đạt mức hoàn thành xuất sắc nhiệm vụ.",
    ],
    "tien-phuoc-2022-cchc": [
        "Đối với UBND các xã, thị trấn có 01/15 địa phương xếp loại xuất sắc, 07/15 địa phương xếp loại tốt, "
        "07/15 địa phương xếp loại khá.",
        "Trong đó, UBND thị trấn Tiên Kỳ là đơn vị dẫn đầu với 91,20 điểm, tỷ lệ 91,20%.",
    ],
}


def summary_sentences(html):
    """The sentences of every block's summary, as a reader sees them."""
    blocks = re.findall(r'<div class="summary"[^>]*>(.*?)</div>', html, re.S)
    return [re.sub(r"\s+", " ", p).strip() for block in blocks for p in re.findall(r"<p>(.*?)</p>", block, re.S)]


@pytest.mark.parametrize("slug", sorted(SUMMARIES))
def test_each_seed_decision_is_summarised_word_for_word(client, seeds, slug):
    response = client.get(f"/cong-bo/{slug}/")
    assert response.status_code == 200
    assert summary_sentences(response.content.decode()) == SUMMARIES[slug]


def test_it_shows_the_decision_and_numbers_the_charts_like_the_decisions(client, seeds):
    html = client.get("/cong-bo/quang-nam-2023-cchc/").content.decode()
    assert '<html lang="vi">' in html
    assert html.count("<h1>") == 1
    assert "Công bố Chỉ số cải cách hành chính năm 2023" in html
    assert "Quyết định số 2649/QĐ-UBND ngày 12/12/2023 của UBND tỉnh Quảng Nam" in html
    assert "Biểu đồ 01: Kết quả Chỉ số CCHC của các Sở, ban, ngành năm 2023" in html
    assert "Biểu đồ 02: Kết quả Chỉ số CCHC của các cơ quan ngành dọc cấp tỉnh năm 2023" in html
    assert "Biểu đồ 03: Kết quả Chỉ số CCHC của UBND các huyện, thị xã, thành phố năm 2023" in html
    assert "Biểu đồ 04: Mức đạt theo lĩnh vực của các Sở, ban, ngành năm 2023" in html
    assert 'property="og:title"' in html
    assert 'property="og:description" content="Đối với các Sở, ban, ngành có 15/20' in html
    assert "minh họa" in html  # the note says which figures are illustrative


def test_the_ranking_table_has_every_unit_with_vietnamese_numbers(client, seeds):
    html = client.get("/cong-bo/quang-nam-2023-cchc/").content.decode()
    assert html.count('<table class="ranking"') == 3
    assert "<caption" in html
    assert 'scope="col"' in html
    assert 'scope="row"' in html
    row = re.search(
        r'<tr><td class="num rank">1</td><th scope="row" class="unit"><a href="([^"]+)">Sở Nội vụ</a>', html
    )
    assert row
    assert row.group(1) == "/cong-bo/quang-nam-2023-cchc/don-vi/SNV/"
    assert ">89,11<" in html
    assert ">96,86<" in html


PLACE = re.compile(r"^UBND (?:huyện|thị xã|thành phố) ")


def _names(html, table="so-table"):
    section = html[html.index(f'id="{table}"') : html.index("</table>", html.index(f'id="{table}"'))]
    return section, re.findall(r'<th scope="row" class="unit"><a [^>]+>([^<]+)</a>', section)


def test_a_first_click_sorts_the_best_first_and_a_second_the_other_way(client, seeds):
    section, names = _names(client.get("/cong-bo/quang-nam-2023-cchc/?so-sort=percent").content.decode())
    assert names[0] == "Sở Nội vụ"  # highest percent first
    assert names[-1] == "Ban Quản lý các Khu kinh tế và Khu công nghiệp tỉnh"
    assert 'aria-sort="descending"' in section
    section, names = _names(client.get("/cong-bo/quang-nam-2023-cchc/?so-sort=-percent").content.decode())
    assert names[0] == "Ban Quản lý các Khu kinh tế và Khu công nghiệp tỉnh"
    assert 'aria-sort="ascending"' in section
    for column in ("score", "band", "change"):  # every figure column: the best first on a first click
        _section, names = _names(client.get(f"/cong-bo/quang-nam-2023-cchc/?so-sort={column}").content.decode())
        assert names[0] in ("Sở Nội vụ", "Sở Tài chính", "Sở Tư pháp"), (column, names[:3])


def test_names_sort_in_vietnamese_order_by_their_place(client, seeds):
    _section, names = _names(
        client.get("/cong-bo/quang-nam-2023-cchc/?huyen-sort=name").content.decode(), "huyen-table"
    )
    places = [PLACE.sub("", name) for name in names]  # "UBND huyện Tây Giang" → "Tây Giang"
    assert places[:3] == ["Bắc Trà My", "Duy Xuyên", "Đại Lộc"]  # D before Đ, whatever the prefix
    assert places.index("Điện Bàn") > places.index("Duy Xuyên")
    assert places.index("Tam Kỳ") < places.index("Tây Giang") < places.index("Thăng Bình") < places.index("Tiên Phước")
    _section, names = _names(
        client.get("/cong-bo/quang-nam-2023-cchc/?huyen-sort=-name").content.decode(), "huyen-table"
    )
    assert [PLACE.sub("", name) for name in names] == list(reversed(places))


def test_the_charts_are_drawn_on_the_server_with_a_text_alternative(client, seeds):
    html = client.get("/cong-bo/quang-nam-2023-cchc/").content.decode()
    assert html.count('class="plot"') == 6
    assert '<img src="/cong-bo/quang-nam-2023-cchc/bieu-do/01.svg" width="800"' in html
    assert 'srcset="/cong-bo/quang-nam-2023-cchc/bieu-do/01.svg?rong=400"' in html  # a layout for phones
    assert 'aria-describedby="chart-01-desc"' in html
    assert "Cao nhất: Sở Nội vụ, 96,86%" in html
    assert 'data-plotly="/static/vendor/plotly-bar-heatmap.min' in html  # fetched only when asked for
    assert '<script src="/static/vendor/plotly' not in html
    assert "cdn." not in html
    svg = client.get("/cong-bo/quang-nam-2023-cchc/bieu-do/01.svg")
    assert svg["Content-Type"] == "image/svg+xml; charset=utf-8"
    text = svg.content.decode()
    assert "Sở Nội vụ" in text and "96,86" in text and "Tốt ≥ 90%" in text
    figure = client.get("/cong-bo/quang-nam-2023-cchc/bieu-do/01.json").json()
    assert figure["layout"]["meta"]["kind"] == "bars"
    assert client.get("/cong-bo/quang-nam-2023-cchc/bieu-do/99.svg").status_code == 404
    assert client.get("/cong-bo/quang-nam-2023-cchc/bieu-do/01.gif").status_code == 404


def test_a_draft_is_not_found_for_citizens(client):
    make_edition(slug="nhap-2023")
    assert client.get("/cong-bo/nhap-2023/").status_code == 404
    assert client.get("/en/cong-bo/nhap-2023/").status_code == 404


def test_staff_preview_a_draft_under_a_banner_never_cached(staff_client):
    make_edition(slug="nhap-2023")
    response = staff_client.get("/cong-bo/nhap-2023/")
    assert response.status_code == 200
    assert "Bản nháp — chưa công bố" in response.content.decode()
    assert "no-store" in response["Cache-Control"] or "no-cache" in response["Cache-Control"]
    assert "private" in response["Cache-Control"]


def test_a_published_page_carries_last_modified_and_etag_and_answers_304(client, seeds):
    response = client.get("/cong-bo/quang-nam-2023-cchc/")
    assert response.has_header("Last-Modified")
    assert response.has_header("ETag")
    assert "public" in response["Cache-Control"]
    again = client.get("/cong-bo/quang-nam-2023-cchc/", HTTP_IF_NONE_MATCH=response["ETag"])
    assert again.status_code == 304


def test_english_is_the_second_language(client, seeds):
    html = client.get("/en/cong-bo/quang-nam-2023-cchc/").content.decode()
    assert '<html lang="en">' in html
    assert "Chart 01: PAR index results of provincial departments and agencies in 2023" in html
    assert "Department of Home Affairs leads with 89.11 points (96.86%)." in html
    assert 'href="/cong-bo/quang-nam-2023-cchc/"' in html  # the way back to Vietnamese


def _queries(client, url, *, fresh=True):
    if fresh:  # a page that is not cached reads the count of publications, as the first in a second does
        invalidate_public_pages()
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def test_the_number_of_queries_does_not_grow_with_the_units(client):
    small = make_edition({"A": {"1.1": "5"}}, slug="nho-2023")
    large = make_edition({f"U{i:03d}": {"1.1": str(i % 6)} for i in range(120)}, slug="lon-2023")
    for edition in (small, large):
        publish(historical=True, edition=edition, number="1/QĐ-UBND", date=datetime.date(2024, 1, 1))
    # 6, and the count of publications that a process reads at most once a second
    assert _queries(client, "/cong-bo/nho-2023/") == _queries(client, "/cong-bo/lon-2023/") <= 7


def test_a_cached_page_is_served_without_queries_and_publishing_refreshes_it(
    client, seeds, django_capture_on_commit_callbacks
):
    assert client.get("/cong-bo/quang-nam-2023-cchc/").status_code == 200
    assert _queries(client, "/cong-bo/quang-nam-2023-cchc/", fresh=False) == 0
    assert "Thử Nghiệm" not in client.get("/").content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        publish(historical=True, edition=make_edition(), number="9/QĐ-UBND", date=datetime.date(2024, 1, 1))
    assert "UBND tỉnh Thử Nghiệm" in client.get("/").content.decode()


def test_public_pages_are_compressed_for_browsers_that_accept_it(client, seeds):
    import gzip

    plain = client.get("/cong-bo/quang-nam-2023-cchc/")
    packed = client.get("/cong-bo/quang-nam-2023-cchc/", HTTP_ACCEPT_ENCODING="gzip, br")
    assert packed["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in packed["Vary"]
    assert gzip.decompress(packed.content) == plain.content
    assert len(packed.content) < len(plain.content) / 4

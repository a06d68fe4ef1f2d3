"""What citizens and journalists do next: compare units, read the distance to the next band, see the change and the
block's average, the map, charts as files and embeds, preview images, what changed in the method or by an
amendment, and the whole edition as a zip."""

import datetime
import io
import json
import re
import zipfile

import pytest
from PIL import Image

from scoring.models import Edition, Score
from scoring.results import edition_results
from scoring.standings import _points_to_percent, block_statistics, distance
from scoring.writes import amend, publish
from tests.factories import TREE, make_edition

pytestmark = pytest.mark.django_db


def text(html):
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def published(units, **kwargs):
    edition = make_edition(units, decision={"number": "9/QĐ-UBND", "date": "2024-01-10"}, **kwargs)
    return publish(historical=True, edition=edition)


# Distance ------------------------------------------------------------------------------------------


def test_the_points_to_the_next_band_follow_the_rounding_of_the_percent():
    # 89.11 of 92 is 96.86%; 97.00% is reached at 89.24 (96.9999… rounds up), not at 89.24 + 0.01.
    assert _points_to_percent(8911, 9200, 9700) == 13
    assert _points_to_percent(8923, 9200, 9700) == 1
    assert _points_to_percent(9200, 9200, 10001) is None  # above 100 %: out of reach


def test_a_unit_page_says_how_far_the_next_band_and_the_next_place_are(client, seeds):
    html = text(client.get("/cong-bo/quang-nam-2023-cchc/don-vi/HOI-AN/").content.decode())
    # Hội An: 88,96 of 100 (Khá, 2nd); Tốt from 90 %; Bắc Trà My, 1st, has 89,45 %.
    assert "Còn 1,04 điểm để đạt loại Tốt (từ 90%)." in html
    assert "Còn 0,49 điểm để lên thứ 1, vị trí của UBND huyện Bắc Trà My." in html
    assert "làm tròn đến 2 chữ số thập phân" in html  # the rule is stated
    leader = text(client.get("/cong-bo/quang-nam-2023-cchc/don-vi/SNV/").content.decode())
    assert "Đã ở loại cao nhất." in leader and "Đang xếp thứ nhất trong khối." in leader


def test_the_distance_to_a_place_is_in_points_when_the_block_is_ranked_by_score(seeds):
    edition = make_edition({"A": {"1.1": "6", "1.2": "4", "2": "9"}, "B": {"1.1": "5", "1.2": "4", "2": "8"}})
    block = edition_results(edition).blocks[0]
    b = block.units[1]
    assert str(distance(block, b, rank_by="score").rank_points) == "2.00"


# Block statistics, change, movers ------------------------------------------------------------------


def test_the_block_average_and_median_are_under_the_ranking(client, db):
    published({"A": {"1.1": "6", "1.2": "4", "2": "10"}, "B": {"1.1": "3", "1.2": "2", "2": "5"},
               "C": {"1.1": "4", "1.2": "2", "2": "6"}})  # fmt: skip
    block = edition_results(Edition.objects.get()).blocks[0]
    average, median = block_statistics(block)
    assert (str(average.score), str(average.percent), str(median.score)) == ("14.00", "70.00", "12.00")
    html = client.get("/cong-bo/thu-2023-cchc/").content.decode()
    footer = text(html[html.index("<tfoot>") : html.index("</tfoot>")])
    assert "Bình quân khối 70,00 14,00" in footer and "Trung vị 60,00 12,00" in footer


def test_the_change_column_gives_places_and_percentage_points_and_sorts_by_them(client, db):
    published({"A": {"1.1": "6", "1.2": "4", "2": "10"}, "B": {"1.1": "1"}, "C": {"1.1": "3"}},
              slug="thu-2022-cchc", year=2022)  # fmt: skip
    published({"A": {"1.1": "1"}, "B": {"1.1": "6", "1.2": "4", "2": "10"}, "C": {"1.1": "4"}})
    html = client.get("/cong-bo/thu-2023-cchc/?so-sort=change").content.decode()
    rows = re.findall(r'<th scope="row" class="unit"><a [^>]+>([^<]+)</a></th>.*?<td class="change">(.*?)</td>', html)
    assert [name for name, _change in rows] == ["Đơn vị B", "Đơn vị C", "Đơn vị A"]  # most places gained first
    b, a = text(rows[0][1]), text(rows[2][1])
    assert "▲2" in b and "tăng 2 bậc so với hạng 3" in b and "+95,00 điểm phần trăm" in b
    assert "▼2" in a and "giảm 2 bậc so với hạng 1" in a and "−95,00 điểm phần trăm" in a
    # The card says who rose and who fell most.
    assert "Tăng nhiều bậc nhất: Đơn vị B (▲2)" in text(html)
    assert "Giảm nhiều bậc nhất: Đơn vị A (▼2)" in text(html)


# Compare ---------------------------------------------------------------------------------------------


def test_three_communes_side_by_side_with_a_link_that_keeps_the_choice(client, seeds):
    url = "/cong-bo/tien-phuoc-2022-cchc/so-sanh/?ma=TIEN-CHAU&ma=TIEN-KY&ma=TIEN-LANH"
    html = client.get(url).content.decode()
    heads = re.findall(r'<th scope="col" class="num"><a href="[^"]+">(?:<span[^>]*>)?([^<]+)', html)
    assert heads == ["UBND xã Tiên Châu", "UBND thị trấn Tiên Kỳ", "UBND xã Tiên Lãnh"]
    assert "85,82" in html and "4/15" in text(html)
    assert f'value="http://testserver{url.replace("&", "&amp;")}"' in html  # the link to share
    # On a phone the same as cards, one per unit.
    assert html.count('<li class="card">') == 3


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("ma=SNV&ma=BAC-TRA-MY", "Các đơn vị thuộc các khối khác nhau không được xếp hạng chung"),
        ("ma=SNV&ma=STP&ma=SKHDT&ma=STC&ma=SCT", "Chỉ so sánh được tối đa 4 đơn vị cùng lúc."),
        ("ma=SNV&ma=KHONG-CO", "Không có đơn vị nào mang mã “KHONG-CO” trong quyết định này."),
        ("ma=%3Cscript%3Ealert(1)%3C/script%3E", "Không có đơn vị nào mang mã “&lt;script&gt;alert(1)&lt;/script&gt;”"),
    ],
)
def test_a_bad_choice_gets_a_plain_message_and_the_form(client, seeds, query, message):
    response = client.get(f"/cong-bo/quang-nam-2023-cchc/so-sanh/?{query}")
    assert response.status_code == 200
    html = response.content.decode()
    assert message in html and 'role="alert"' in html and "<script>alert" not in html
    assert '<select name="ma">' in html


def test_a_duplicated_code_is_compared_once(client, seeds):
    html = client.get("/cong-bo/quang-nam-2023-cchc/so-sanh/?ma=SNV&ma=SNV&ma=STP").content.decode()
    assert html.count('<li class="card">') == 2 and 'role="alert"' not in html


def test_one_unit_across_its_years_follows_its_predecessors(client):
    from scoring.demo import generate_demo

    generate_demo(authorities=1, units_per_block=6, years=3, publish_last=True)
    edition = Edition.objects.get(year=2025)
    renamed = next(u for u in edition.units.all() if len(u.predecessor_codes) == 1)
    html = client.get(f"/cong-bo/{edition.slug}/so-sanh/?ma={renamed.code}&qua-cac-nam=1").content.decode()
    heads = re.findall(r'<th scope="col" class="num"><a href="[^"]+">([^<]+)', html)
    assert [h[:4] for h in heads] == ["2025", "2024", "2023"]


def test_drafts_are_not_compared_mapped_embedded_or_pictured(client, db):
    make_edition(slug="nhap-2023")
    for path in ("so-sanh/?ma=A", "ban-do/", "bieu-do/01/nhung/", "bieu-do/01.png", "anh-xem-truoc.png",
                 "don-vi/A/anh-xem-truoc.png", "tai-ve.zip"):  # fmt: skip
        assert client.get(f"/cong-bo/nhap-2023/{path}").status_code == 404, path


# Map -----------------------------------------------------------------------------------------------------


def test_the_districts_of_quang_nam_on_the_map_each_linking_to_its_page(client, seeds):
    html = client.get("/cong-bo/quang-nam-2023-cchc/ban-do/").content.decode()
    svg = html[html.index('<svg class="map"') : html.index("</svg>", html.index('<svg class="map"'))]
    links = re.findall(r'<a href="/cong-bo/quang-nam-2023-cchc/don-vi/([A-Z-]+)/" aria-label="([^"]+)"', svg)
    assert len(links) == 17 and ("HOI-AN", "UBND thành phố Hội An: 88,96%, Khá, xếp thứ 2/18") in links
    assert "Khá (17)" in text(html)  # the legend, with a shape as well as a colour
    assert "UBND huyện Nông Sơn" in text(html[html.index("Chưa định vị được") :])  # merged since: said, not misplaced
    assert "cdn" not in html and "tile" not in html  # nothing from elsewhere
    # The announcement links to it from the card of the localities only.
    announcement = client.get("/cong-bo/quang-nam-2023-cchc/").content.decode()
    assert announcement.count('href="/cong-bo/quang-nam-2023-cchc/ban-do/#') == 1


def test_the_communes_of_a_district_are_placed_with_their_district(client, seeds):
    html = client.get("/cong-bo/tien-phuoc-2022-cchc/ban-do/").content.decode()
    assert len(re.findall(r'<a href="/cong-bo/tien-phuoc-2022-cchc/don-vi/', html)) == 14


def test_a_decision_without_localities_has_no_map(client, db):
    published({"A": {"1.1": "5"}, "B": {"1.1": "3"}})
    html = client.get("/cong-bo/thu-2023-cchc/ban-do/").content.decode()
    assert "không có đơn vị nào là địa phương" in html


# Charts as files, embeds, preview images -------------------------------------------------------------------


def test_a_chart_downloads_as_png_and_svg_with_its_title_and_source(client, seeds):
    png = client.get("/cong-bo/quang-nam-2023-cchc/bieu-do/01.png")
    assert png["Content-Type"] == "image/png"
    assert 'filename="quang-nam-2023-cchc-bieu-do-01.png"' in png["Content-Disposition"]
    image = Image.open(io.BytesIO(png.content))
    assert image.width == 1200 and image.height > 600
    svg = client.get("/cong-bo/quang-nam-2023-cchc/bieu-do/01.svg?tai=1")
    assert 'filename="quang-nam-2023-cchc-bieu-do-01.svg"' in svg["Content-Disposition"]
    body = svg.content.decode()
    assert "Biểu đồ 01: Kết quả Chỉ số CCHC của các Sở, ban, ngành năm 2023" in body
    assert "Nguồn: testserver, Quyết định số 2649/QĐ-UBND ngày 12/12/2023 của UBND tỉnh Quảng Nam" in body
    # The picture in the page has neither: the page says them.
    assert "Nguồn:" not in client.get("/cong-bo/quang-nam-2023-cchc/bieu-do/01.svg").content.decode()


def test_an_embed_may_be_framed_and_no_other_page_may(client, seeds):
    embed = client.get("/cong-bo/quang-nam-2023-cchc/bieu-do/01/nhung/")
    assert "frame-ancestors *" in embed["Content-Security-Policy"]
    assert "X-Frame-Options" not in embed
    html = embed.content.decode()
    assert (
        "Biểu đồ 01" in html
        and "&lt;iframe src=&quot;http://testserver/cong-bo/quang-nam-2023-cchc/bieu-do/01/nhung/" in html
    )
    page = client.get("/cong-bo/quang-nam-2023-cchc/")
    assert "frame-ancestors 'none'" in page["Content-Security-Policy"] and page["X-Frame-Options"] == "DENY"
    assert client.get("/cong-bo/quang-nam-2023-cchc/bieu-do/99/nhung/").status_code == 404


def test_pages_have_a_preview_image_made_on_the_server(client, seeds):
    html = client.get("/cong-bo/quang-nam-2023-cchc/don-vi/SNV/").content.decode()
    url = re.search(r'<meta property="og:image" content="([^"]+)">', html).group(1)
    assert url == "http://testserver/cong-bo/quang-nam-2023-cchc/don-vi/SNV/anh-xem-truoc.png"
    response = client.get(url.removeprefix("http://testserver"))
    assert response["Content-Type"] == "image/png"
    assert Image.open(io.BytesIO(response.content)).size == (1200, 630)
    announcement = client.get("/cong-bo/quang-nam-2023-cchc/").content.decode()
    assert 'content="http://testserver/cong-bo/quang-nam-2023-cchc/anh-xem-truoc.png"' in announcement
    assert client.get("/cong-bo/quang-nam-2023-cchc/don-vi/KHONG/anh-xem-truoc.png").status_code == 404


# What changed ---------------------------------------------------------------------------------------------------


def test_the_methodology_lists_what_changed_in_the_criteria_and_bands(client, db):
    before = [dict(TREE[0], children=[dict(c) for c in TREE[0]["children"]]), dict(TREE[1])]
    published({"A": {"1.1": "5"}}, slug="thu-2022-cchc", year=2022, tree=before)
    now = [
        {"code": "1", "name": "Công tác chỉ đạo, điều hành CCHC", "max": "12",
         "children": [{"code": "1.1", "name": "Kế hoạch cải cách hành chính", "max": "6"},
                      {"code": "1.3", "name": "Kiểm tra CCHC", "max": "6"}]},
        {"code": "2", "name": "Cải cách thể chế", "max": "8", "source": "survey"},
    ]  # fmt: skip
    bands = [{"label": "Xuất sắc", "min_percent": "95"}, {"label": "Tốt", "min_percent": "80"},
             {"label": "Khá", "min_percent": "70"}, {"label": "Trung bình", "min_percent": "50"},
             {"label": "Yếu", "min_percent": "0"}]  # fmt: skip
    published({"A": {"1.1": "5"}}, tree=now, bands=bands)
    html = text(client.get("/cong-bo/thu-2023-cchc/phuong-phap/").content.decode())
    assert "Những thay đổi so với năm 2022" in html
    assert "Thêm mới: 1.3 Kiểm tra CCHC (tối đa 6)" in html
    assert "Bỏ: 1.2 Báo cáo CCHC (tối đa 4)" in html
    assert "Đổi tên: 1.1 Kế hoạch CCHC → Kế hoạch cải cách hành chính" in html
    assert "Thay đổi điểm tối đa: 1 Công tác chỉ đạo, điều hành CCHC: 10 → 12 điểm" in html
    assert "Thay đổi điểm tối đa: 2 Cải cách thể chế: 10 → 8 điểm" in html
    assert "Loại Xuất sắc: từ 90% nay là 95%." in html
    same = text(client.get("/cong-bo/thu-2022-cchc/phuong-phap/").content.decode())
    assert "Những thay đổi so với" not in same  # nothing before 2022


def test_an_amending_decision_lists_each_figure_it_changed(client, db):
    original = published({"A": {"1.1": "5", "1.2": "3", "2": "8"}, "B": {"1.1": "6", "1.2": "4", "2": "7"}})
    draft = amend(edition=original)
    Score.objects.filter(unit__edition=draft, unit__code="A", criterion__code="2").update(points="10")
    amended = publish(historical=True, edition=draft, number="15/QĐ-UBND", date=datetime.date(2024, 2, 1))
    html = client.get(f"/cong-bo/{amended.slug}/").content.decode()
    section = text(html[html.index('id="amended-title"') : html.index("</section>", html.index('id="amended-title"'))])
    assert "Những số liệu quyết định này sửa đổi so với Quyết định số 9/QĐ-UBND" in section
    assert "Đơn vị A 16,00 → 18,00 80,00% → 90,00% 2 → 1 Tốt → Xuất sắc" in section
    assert "Đơn vị B 17,00 → 17,00 85,00% → 85,00% 1 → 2" in section
    assert f'href="/cong-bo/{original.slug}/"' in html


# Data as people reuse it -------------------------------------------------------------------------------------


def test_the_whole_edition_as_a_zip_with_metadata_and_a_readme(client, seeds):
    response = client.get("/cong-bo/quang-nam-2023-cchc/tai-ve.zip")
    assert response["Content-Type"] == "application/zip"
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    assert sorted(archive.namelist()) == sorted(
        ["quang-nam-2023-cchc.csv", "quang-nam-2023-cchc-excel.csv", "quang-nam-2023-cchc.xlsx",
         "quang-nam-2023-cchc.json", "metadata.json", "README.txt"]
    )  # fmt: skip
    assert archive.read("quang-nam-2023-cchc.csv") == client.get("/cong-bo/quang-nam-2023-cchc/tai-ve.csv").content
    metadata = json.loads(archive.read("metadata.json"))
    assert metadata["decision"]["number"] == "2649/QĐ-UBND" and metadata["license"]["spdx"] == "CC-BY-4.0"
    assert metadata["source"] == "http://testserver/cong-bo/quang-nam-2023-cchc/"
    readme = archive.read("README.txt").decode()
    assert "2649/QĐ-UBND" in readme and "CC BY 4.0" in readme and "làm tròn" in readme and "previous_rank" in readme


def test_a_page_says_how_to_cite_it(client, seeds):
    html = text(client.get("/cong-bo/quang-nam-2023-cchc/don-vi/SNV/").content.decode())
    assert (
        "UBND tỉnh Quảng Nam (2023). Chỉ số cải cách hành chính năm 2023 của các Sở, Ban, ngành, các cơ quan ngành "
        "dọc cấp tỉnh; UBND các huyện, thị xã, thành phố. Quyết định số 2649/QĐ-UBND ngày 12/12/2023. "
        "http://testserver/cong-bo/quang-nam-2023-cchc/don-vi/SNV/"
    ) in html

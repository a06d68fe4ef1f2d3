"""A unit's page: its result, its groups, where it lost points, beside its block, its history."""

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from publications.caching import invalidate_public_pages
from scoring.demo import generate_demo
from scoring.models import Edition
from scoring.writes import publish
from tests.factories import make_edition

pytestmark = pytest.mark.django_db


def text(html):
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def test_tien_chau_reads_like_the_article(client, seeds):
    html = client.get("/cong-bo/tien-phuoc-2022-cchc/don-vi/TIEN-CHAU/").content.decode()
    words = text(html)
    assert "<h1>UBND xã Tiên Châu</h1>" in html
    assert "Chỉ số CCHC năm 2022: 85,82 điểm, xếp loại Tốt, xếp thứ 4/15" in words
    # Every score with its two decimals, every maximum as the framework writes it (D7).
    for group in [
        "Công tác chỉ đạo điều hành cải cách hành chính đạt 12,97/13,5 điểm",
        "Cải cách thể chế đạt 3,00/3 điểm",
        "Cải cách thủ tục hành chính đạt 17,50/21 điểm",
        "Cải cách tổ chức bộ máy hành chính đạt 6,00/6 điểm",
        "Xây dựng và nâng cao chất lượng đội ngũ cán bộ, công chức đạt 8,50/9 điểm",
        "Cải cách tài chính công đạt 3,00/5 điểm",
        "Xây dựng chính quyền điện tử, chính quyền số đạt 8,78/11 điểm",
        "Tác động của cải cách hành chính đạt 26,07/31,5 điểm",
    ]:
        assert group in words


def test_it_names_the_three_groups_to_improve_first_and_their_criteria(client, seeds):
    html = client.get("/cong-bo/tien-phuoc-2022-cchc/don-vi/TIEN-CHAU/").content.decode()
    section = text(html[html.index("Cần cải thiện trước") : html.index("Điểm theo lĩnh vực")])
    order = re.findall(r"(\d)\. [^:]+: mất ([\d,]+) điểm", section)
    assert order == [("8", "5,43"), ("3", "3,50"), ("7", "2,22")]  # the three that lost the most, not all eight


def test_its_marks_criterion_by_criterion_add_up_to_its_groups(client, seeds):
    from scoring.results import edition_results
    from scoring.scorecards import marks

    edition = seeds["quang-nam-2023-cchc"]
    results = edition_results(edition)
    for block in results.blocks:
        for unit in block.units[:3]:
            found = {m.code: m for m in marks(unit_id=unit.unit_id, criteria_set_id=block.criteria_set_id)}
            for group in unit.groups:
                assert (found[group.code].points or 0, found[group.code].max) == (group.score, group.max)
    html = client.get("/cong-bo/quang-nam-2023-cchc/don-vi/SNV/").content.decode()
    assert '<table class="marks">' in html


def test_it_sets_the_unit_beside_the_block_average_and_leader(client, seeds):
    html = client.get("/cong-bo/tien-phuoc-2022-cchc/don-vi/TIEN-CHAU/").content.decode()
    assert "Bình quân khối" in html
    assert 'Dẫn đầu<small class="who">UBND thị trấn Tiên Kỳ</small>' in html
    # The leader is set beside the runner-up, not beside itself (D17).
    leader = client.get("/cong-bo/tien-phuoc-2022-cchc/don-vi/TIEN-KY/").content.decode()
    assert "Xếp thứ hai" in leader and '<small class="who">UBND thị trấn Tiên Kỳ</small>' not in leader


def test_the_previous_year_says_the_rank_of_how_many_and_the_change(client):
    generate_demo(authorities=1, units_per_block=6, years=2, publish_last=True)
    edition = Edition.objects.get(year=max(Edition.objects.values_list("year", flat=True)))
    html = client.get(f"/cong-bo/{edition.slug}/don-vi/SO-01/").content.decode()
    since = f"So với năm {edition.year - 1}"
    card = text(html[html.index(since) : html.index("</ul>", html.index(since))])
    assert re.search(r"khi đó \d+/6 · [\d,]+%", card), card  # not "10/…" (D6)
    assert re.search(r"(tăng|giảm) \d+ bậc|giữ nguyên thứ hạng", card)
    assert re.search(r"[+-][\d,]+ điểm", card)


def test_its_history_follows_the_unit_through_renames(client):
    generate_demo(authorities=1, units_per_block=6, years=3, publish_last=True)
    edition = Edition.objects.get(year=2025)
    renamed = next(u for u in edition.units.all() if len(u.predecessor_codes) == 1)
    html = client.get(f"/cong-bo/{edition.slug}/don-vi/{renamed.code}/").content.decode()
    history = html[html.index('id="history"') :]
    years = re.findall(r'<th scope="row">(?:<a href="[^"]+">)?(\d{4})', history)
    assert years == ["2023", "2024", "2025"]
    assert renamed.name in history


def test_a_draft_units_page_is_not_found(client):
    make_edition(slug="nhap-2023")
    assert client.get("/cong-bo/nhap-2023/don-vi/A/").status_code == 404


def test_an_unknown_unit_is_not_found(client, seeds):
    assert client.get("/cong-bo/tien-phuoc-2022-cchc/don-vi/NOPE/").status_code == 404


def test_the_number_of_queries_does_not_grow_with_the_units_or_the_years(client):
    small = make_edition({"A": {"1.1": "5"}}, slug="nho-2023")
    publish(historical=True, edition=small, number="1/QĐ-UBND", date=datetime.date(2024, 1, 1))
    for year in (2021, 2022, 2023):
        edition = make_edition(
            {f"U{i:03d}": {"1.1": str(i % 6)} for i in range(80)},
            slug=f"lon-{year}",
            year=year,
            authority="UBND tỉnh Lớn",
        )
        publish(historical=True, edition=edition, number=f"{year}/QĐ-UBND", date=datetime.date(year + 1, 1, 1))

    def count(url):
        invalidate_public_pages()  # as the first page in a second does, each reads the count of publications
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url).status_code == 200
        return len(ctx.captured_queries)

    assert count("/cong-bo/nho-2023/don-vi/A/") == count("/cong-bo/lon-2023/don-vi/U007/") <= 12

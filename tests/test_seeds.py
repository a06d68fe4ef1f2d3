"""The seed decisions: every figure the articles print comes out exactly."""

import datetime
from decimal import Decimal as D

import pytest
from django.core.management import call_command
from django.db.models import Sum

from scoring.exporting import results_document
from scoring.models import Criterion, Edition, Score
from scoring.points import percent_of
from scoring.results import edition_results

pytestmark = pytest.mark.django_db


@pytest.fixture
def seeds():
    call_command("load_seeds", verbosity=0)
    return {e.slug: e for e in Edition.objects.select_related("decision")}


def leader(block):
    [unit] = block.leaders
    return unit.name, unit.score, unit.percent


def test_they_are_published_by_their_decisions(seeds):
    decisions = {slug: (e.decision.number, e.decision.date) for slug, e in seeds.items() if not e.index.periodic}
    assert decisions == {
        "quang-nam-2023-cchc": ("2649/QĐ-UBND", datetime.date(2023, 12, 12)),
        "dak-nong-2023-cchc": ("151/QĐ-UBND", datetime.date(2024, 2, 6)),
        "ha-tinh-2023-cchc": ("519/QĐ-UBND", datetime.date(2024, 2, 23)),
        "tien-phuoc-2022-cchc": ("214/QĐ-UBND", datetime.date(2023, 1, 12)),
    }
    # The service index has no decision: it is published by its period, as of its last day, with its source.
    service = seeds["quang-nam-2024-service"]
    assert service.is_published and not hasattr(service, "decision")
    assert (service.period, service.period_start, service.period_end, service.as_of, service.source) == (
        "15/3 – 14/6/2024", datetime.date(2024, 3, 15), datetime.date(2024, 6, 14), datetime.date(2024, 6, 14),
        "Cổng Dịch vụ công quốc gia, UBND tỉnh Quảng Nam",
    )  # fmt: skip
    assert seeds["tien-phuoc-2022-cchc"].authority.level == "district"


def test_loading_them_again_changes_nothing(seeds):
    before = {slug: results_document(edition_results(e)) for slug, e in seeds.items()}
    call_command("load_seeds", verbosity=0)
    after = {e.slug: results_document(edition_results(e)) for e in Edition.objects.all()}
    assert before == after


def test_quang_nam_2023(seeds):
    results = edition_results(seeds["quang-nam-2023-cchc"])
    so, nganh_doc, huyen = results.blocks
    assert (len(so.units), so.band_counts) == (20, {"Tốt": 15, "Khá": 5})
    assert leader(so) == ("Sở Nội vụ", D("89.11"), D("96.86"))
    assert (len(nganh_doc.units), nganh_doc.band_counts) == (5, {"Tốt": 1, "Khá": 4})
    assert leader(nganh_doc) == ("Kho bạc Nhà nước", D("92.87"), D("97.76"))
    assert (len(huyen.units), huyen.band_counts) == (18, {"Khá": 18})
    assert leader(huyen) == ("UBND huyện Bắc Trà My", D("89.45"), D("89.45"))
    # The percentages are of the applicable maximum: 92 for Sở Nội vụ, 95 for Kho bạc.
    assert (so.leaders[0].max, nganh_doc.leaders[0].max, huyen.leaders[0].max) == (D("92"), D("95"), D("100"))


def test_dak_nong_2023(seeds):
    results = edition_results(seeds["dak-nong-2023-cchc"])
    so, huyen = results.blocks
    assert (len(so.units), so.band_counts) == (22, {"Xuất sắc": 4, "Tốt": 9, "Khá": 9})
    assert [u.name for u in so.units[:4]] == [
        "Cục Thuế tỉnh",
        "Bảo hiểm xã hội tỉnh",
        "Kho bạc Nhà nước tỉnh",
        "Thanh tra tỉnh",
    ]
    assert (len(huyen.units), huyen.band_counts) == (8, {"Tốt": 3, "Khá": 5})


def test_dak_nong_2023_sipas_is_75_81_percent_worth_up_to_10_points(seeds):
    edition = seeds["dak-nong-2023-cchc"]
    sipas = Criterion.objects.get(criteria_set__edition=edition, criteria_set__name="huyen", code="8.2")
    assert (sipas.max_points, sipas.source) == (D("10"), Criterion.Source.SURVEY)
    totals = Score.objects.filter(criterion=sipas).aggregate(points=Sum("points"))
    units = Score.objects.filter(criterion=sipas).count()
    assert units == 8
    assert percent_of(totals["points"], sipas.max_points * units) == D("75.81")


def test_ha_tinh_2023_top_three_and_head_ratings(seeds):
    results = edition_results(seeds["ha-tinh-2023-cchc"])
    so, huyen, trung_uong = results.blocks
    assert [u.name for u in so.units[:3]] == ["Sở Khoa học và Công nghệ", "Sở Thông tin và Truyền thông", "Sở Ngoại vụ"]
    assert [u.name for u in huyen.units[:3]] == ["UBND thành phố Hà Tĩnh", "UBND thị xã Kỳ Anh", "UBND huyện Thạch Hà"]
    assert [u.name for u in trung_uong.units[:3]] == ["Cục Hải quan Hà Tĩnh", "Công an tỉnh", "Cục Thuế tỉnh"]
    assert [u.rank for block in results.blocks for u in block.units[:3]] == [1, 2, 3] * 3

    excellent = "Hoàn thành xuất sắc nhiệm vụ"
    assert {u.name for u in huyen.units if u.head_rating == excellent} == {
        "UBND thành phố Hà Tĩnh",
        "UBND thị xã Kỳ Anh",
        "UBND huyện Thạch Hà",
        "UBND thị xã Hồng Lĩnh",
        "UBND huyện Cẩm Xuyên",
        "UBND huyện Hương Sơn",
    }
    assert {u.head_rating for u in huyen.units if u.head_rating != excellent} == {"Hoàn thành tốt nhiệm vụ"}
    assert {u.name for u in so.units if u.head_rating == excellent} == {
        "Sở Khoa học và Công nghệ",
        "Sở Thông tin và Truyền thông",
        "Sở Ngoại vụ",
        "Sở Công Thương",
        "Sở Tài chính",
    }
    assert (len(trung_uong.units), {u.head_rating for u in trung_uong.units}) == (6, {excellent})
    # The article names no other rating: the portal derives none.
    assert {u.head_rating for u in so.units if u.head_rating != excellent} == {None}


def test_tien_phuoc_2022_tien_chau(seeds):
    results = edition_results(seeds["tien-phuoc-2022-cchc"])
    [xa] = results.blocks
    tien_chau = results.unit("TIEN-CHAU")
    assert (len(xa.units), tien_chau.name) == (15, "UBND xã Tiên Châu")
    assert (tien_chau.score, tien_chau.band, tien_chau.rank, tien_chau.of) == (D("85.82"), "Tốt", 4, 15)
    assert [(g.score, g.max) for g in tien_chau.groups] == [
        (D("12.97"), D("13.5")),
        (D("3"), D("3")),
        (D("17.5"), D("21")),
        (D("6"), D("6")),
        (D("8.5"), D("9")),
        (D("3"), D("5")),
        (D("8.78"), D("11")),
        (D("26.07"), D("31.5")),
    ]


def test_quang_nam_2024_service_index(seeds):
    edition = seeds["quang-nam-2024-service"]
    assert edition.index.code == "service"
    results = edition_results(edition)
    province = results.unit("QUANG-NAM")
    assert [(g.name, g.score, g.max) for g in province.groups] == [
        ("Công khai, minh bạch", D("13.2"), D("18")),
        ("Tiến độ giải quyết", D("18.4"), D("20")),
        ("Dịch vụ công trực tuyến", D("7.7"), D("12")),
        ("Thanh toán trực tuyến", D("7.6"), D("10")),
        ("Mức độ hài lòng", D("17.6"), D("18")),
        ("Số hóa hồ sơ", D("15.6"), D("22")),
    ]
    so = results.block("so")
    assert (so.units[0].name, so.units[0].band) == ("Sở Công Thương", "Xuất sắc")
    assert [u.name for u in so.units if u.band == "Tốt"] == [
        "Sở Ngoại vụ",
        "Sở Khoa học và Công nghệ",
        "Sở Nông nghiệp và Phát triển nông thôn",
        "Sở Tư pháp",
        "Sở Nội vụ",
        "Sở Giao thông vận tải",
        "Sở Giáo dục và Đào tạo",
        "Sở Văn hóa - Thể thao và Du lịch",
    ]
    huyen = results.block("huyen")
    assert [u.name for u in huyen.units if u.band == "Tốt"] == [
        "UBND huyện Nam Giang", "UBND huyện Hiệp Đức", "UBND huyện Đại Lộc", "UBND thành phố Hội An",
        "UBND huyện Tiên Phước", "UBND huyện Nam Trà My", "UBND huyện Bắc Trà My", "UBND thị xã Điện Bàn",
        "UBND huyện Phước Sơn", "UBND huyện Núi Thành", "UBND huyện Duy Xuyên", "UBND huyện Đông Giang",
        "UBND huyện Phú Ninh",
    ]  # fmt: skip


def test_each_seed_says_which_figures_are_illustrative(seeds):
    for edition in seeds.values():
        assert "minh họa" in edition.note

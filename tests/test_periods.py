"""An index reported by period (the service index): published with its period, "as of" date and source instead of a
decision, frozen like any other; seed 004 on its pages and in its downloads; the period's refusals."""

import datetime
import io
import json

import pytest
from django.core.management import CommandError, call_command
from openpyxl import load_workbook

from scoring.importing import import_edition
from scoring.models import Edition, EditionEvent
from scoring.results import edition_results
from scoring.writes import PublishRefused, publish, publish_period
from tests.factories import edition_doc, make_edition
from workspace.roles import grant

pytestmark = pytest.mark.django_db
SOURCE = "Cổng Dịch vụ công quốc gia"


def service(slug, **extra):
    return make_edition({"A": {"1.1": "5", "1.2": "3", "2": "8"}, "B": {"1.1": "4", "1.2": "2", "2": "6"}},
                        slug=slug, year=2024, index="service", **extra)  # fmt: skip


def test_seed_004_is_on_its_page_word_for_word(client, seeds):
    html = client.get("/cong-bo/quang-nam-2024-service/").content.decode()
    assert "Kỳ 15/3 – 14/6/2024, số liệu đến ngày 14/06/2024 (nguồn: Cổng Dịch vụ công quốc gia" in html
    assert ("Cụ thể, các chỉ số có điểm đạt như sau: Chỉ số Công khai, minh bạch đạt 13,2/18 điểm; Chỉ số Tiến độ "
            "giải quyết đạt 18,4/20 điểm; Chỉ số Dịch vụ công trực tuyến đạt 7,7/12 điểm; Chỉ số Thanh toán trực "
            "tuyến đạt 7,6/10 điểm; Chỉ số Mức độ hài lòng đạt 17,6/18 điểm; Chỉ số Số hóa hồ sơ đạt 15,6/22 điểm."
            ) in html  # fmt: skip
    assert "Trong đó, Sở Công Thương là đơn vị dẫn đầu" in html
    assert "01 đơn vị xếp loại xuất sắc gồm: Sở Công Thương." in html
    assert ("08 đơn vị xếp loại tốt gồm: Sở Ngoại vụ, Sở Khoa học và Công nghệ, Sở Nông nghiệp và Phát triển nông "
            "thôn, Sở Tư pháp, Sở Nội vụ, Sở Giao thông vận tải, Sở Giáo dục và Đào tạo, Sở Văn hóa - Thể thao và Du "
            "lịch.") in html  # fmt: skip
    assert ("13 địa phương xếp loại tốt gồm: UBND huyện Nam Giang, UBND huyện Hiệp Đức, UBND huyện Đại Lộc, UBND "
            "thành phố Hội An, UBND huyện Tiên Phước, UBND huyện Nam Trà My, UBND huyện Bắc Trà My, UBND thị xã Điện "
            "Bàn, UBND huyện Phước Sơn, UBND huyện Núi Thành, UBND huyện Duy Xuyên, UBND huyện Đông Giang, UBND "
            "huyện Phú Ninh.") in html  # fmt: skip
    authority = client.get("/co-quan/ubnd-tinh-quang-nam/").content.decode()
    assert 'href="/cong-bo/quang-nam-2024-service/"' in authority


def test_seed_004_is_in_its_downloads(client, seeds):
    base = "/cong-bo/quang-nam-2024-service/tai-ve"
    workbook = load_workbook(io.BytesIO(client.get(f"{base}.xlsx").content))
    about = {row[0]: row[1] for row in workbook.worksheets[0].iter_rows(values_only=True)}
    assert about["Kỳ số liệu"] == "15/3 – 14/6/2024"
    assert about["Số liệu đến ngày"] == datetime.datetime(2024, 6, 14)
    assert about["Nguồn số liệu"] == "Cổng Dịch vụ công quốc gia, UBND tỉnh Quảng Nam"
    province = next(row for row in workbook.worksheets[1].iter_rows(values_only=True) if "Tỉnh Quảng Nam" in row)
    for figure in ("13.2", "18.4", "7.7", "7.6", "17.6", "15.6"):
        assert any(str(cell) in (figure, figure + "0") for cell in province), (figure, province)
    data = json.loads(client.get(f"{base}.json").content)
    assert data["edition"]["period"] == {"label": "15/3 – 14/6/2024", "start": "2024-03-15", "end": "2024-06-14",
                                         "as_of": "2024-06-14", "source": "Cổng Dịch vụ công quốc gia, UBND tỉnh Quảng Nam"}  # fmt: skip
    assert data["edition"]["decision"] is None
    api = client.get("/api/v1/editions/quang-nam-2024-service/").json()
    assert api["edition"]["period"]["as_of"] == "2024-06-14"
    listed = client.get("/api/v1/editions/?index=service").json()["results"]
    assert [item["published_period"]["label"] for item in listed] == ["15/3 – 14/6/2024"]


def test_a_period_is_published_and_frozen_like_a_decision():
    edition = service("dv-ky-1")
    edition = publish_period(edition=edition, start="2024-03-15", end="2024-06-14", source=SOURCE, historical=True)
    assert edition.is_published and edition.period == "15/3 – 14/6/2024" and edition.as_of == datetime.date(2024, 6, 14)
    assert EditionEvent.objects.filter(edition=edition, action="publish_decided").exists()
    with pytest.raises(PublishRefused):
        publish_period(edition=edition, start="2024-06-15", end="2024-09-14", source=SOURCE, historical=True)


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"start": "2024-06-14", "end": "2024-03-15"}, r"kết thúc \(15/03/2024\) trước khi bắt đầu"),
        ({"as_of": "2024-03-01"}, "không thể trước ngày bắt đầu kỳ"),
        ({"source": "  "}, "Hãy ghi nguồn số liệu"),
        ({"start": "15-3-2024"}, "không phải là ngày"),
        ({"start": ""}, "Hãy nhập ngày đầu và ngày cuối"),
        ({"number": "12/QĐ-UBND"}, "không có quyết định: hãy bỏ number"),
        ({"start": "2024-05-01", "end": "2024-07-31"}, r"trùng với dv-truoc \(15/3 – 14/6/2024\)"),
    ],
)
def test_a_period_that_cannot_be_published_is_refused_and_nothing_changes(kwargs, message):
    before = service("dv-truoc")
    publish_period(edition=before, start="2024-03-15", end="2024-06-14", source=SOURCE, historical=True)
    edition = service("dv-sau")
    given = {"start": "2024-06-15", "end": "2024-09-14", "source": SOURCE, **kwargs}
    with pytest.raises(PublishRefused, match=message):
        publish_period(edition=edition, historical=True, **given)
    edition.refresh_from_db()
    assert not edition.is_published and edition.period_start is None and edition.source == ""


def test_each_kind_is_published_its_own_way():
    with pytest.raises(PublishRefused, match="theo kỳ số liệu, kèm nguồn, không theo quyết định"):
        publish(edition=service("dv-qd"), number="1/QĐ-UBND", date=datetime.date(2024, 7, 1), historical=True)
    with pytest.raises(PublishRefused, match="theo quyết định, không theo kỳ số liệu"):
        publish_period(edition=make_edition(slug="cchc-ky"), start="2024-03-15", end="2024-06-14", source=SOURCE,
                       historical=True)  # fmt: skip


def test_the_change_is_since_the_previous_period(client):
    first = service("dv-q1")
    publish_period(edition=first, start="2024-01-01", end="2024-03-31", source=SOURCE, historical=True)
    second = make_edition({"A": {"1.1": "2", "1.2": "1", "2": "3"}, "B": {"1.1": "6", "1.2": "4", "2": "10"}},
                          slug="dv-q2", year=2024, index="service")  # fmt: skip
    publish_period(edition=second, start="2024-04-01", end="2024-06-30", source=SOURCE, historical=True)
    results = edition_results(Edition.objects.get(slug="dv-q2"))
    a, b = results.unit("A"), results.unit("B")
    assert (a.rank, a.previous_rank, b.rank, b.previous_rank) == (2, 1, 1, 2)


def test_the_command_publishes_a_period_and_refuses_a_decision(tmp_path):
    edition = service("dv-lenh")
    with pytest.raises(CommandError, match="không có quyết định"):
        call_command("publish", "dv-lenh", "--number", "1/QĐ-UBND", "--period-start", "2024-03-15",
                     "--period-end", "2024-06-14", "--source", SOURCE)  # fmt: skip
    out = io.StringIO()
    call_command("publish", "dv-lenh", "--period-start", "2024-03-15", "--period-end", "2024-06-14",
                 "--as-of", "2024-06-10", "--source", SOURCE, stdout=out)  # fmt: skip
    assert "Đã công bố dv-lenh cho kỳ 15/3 – 14/6/2024 (số liệu đến ngày 10/06/2024" in out.getvalue()
    edition.refresh_from_db()
    assert edition.is_published


def test_the_format_carries_the_period_and_refuses_a_decision_with_it():
    doc = edition_doc(slug="dv-tep", index="service", period_start="2024-03-15", period_end="2024-06-14",
                      as_of="2024-06-14", source=SOURCE)  # fmt: skip
    edition = import_edition(document=json.dumps(doc, ensure_ascii=False))
    assert (edition.period_start, edition.source) == (datetime.date(2024, 3, 15), SOURCE)
    call_command("load_seeds", verbosity=0)
    out = io.StringIO()
    call_command("export_edition", "dv-tep", stdout=out)
    exported = json.loads(out.getvalue())
    assert (exported["period_start"], exported["period_end"], exported["as_of"], exported["source"]) == (
        "2024-03-15", "2024-06-14", "2024-06-14", SOURCE)  # fmt: skip
    bad = edition_doc(slug="dv-xau", index="service", period_start="2024-06-14", period_end="2024-03-15",
                      decision={"number": "1/QĐ-UBND", "date": "2024-07-01"})  # fmt: skip
    with pytest.raises(Exception) as refused:
        import_edition(document=json.dumps(bad, ensure_ascii=False))
    text = str(getattr(refused.value, "lines", lambda: [refused.value])())
    assert "period_end" in text and "decision" in text
    assert not Edition.objects.filter(slug="dv-xau").exists()


def test_the_publisher_publishes_a_period_from_the_workspace(client, django_user_model):
    edition = service("dv-trang")
    Edition.objects.filter(pk=edition.pk).update(status=Edition.Status.APPROVED)
    user = django_user_model.objects.create_user("cong-bo")
    grant(username="cong-bo", kind="publisher", authority_slug=edition.authority.slug)
    client.force_login(user)
    url = "/quan-ly/dv-trang/cong-bo/"
    page = client.get(url).content.decode()
    assert "Nguồn số liệu" in page and "Số quyết định" not in page
    response = client.post(url, {"period_start": "2024-06-14", "period_end": "2024-03-15", "source": SOURCE,
                                 "confirm": "on"})  # fmt: skip
    assert response.status_code == 400
    body = response.content.decode()
    assert "trước khi bắt đầu" in body and 'value="Cổng Dịch vụ công quốc gia"' in body  # kept as typed
    response = client.post(url, {"period_start": "15/3/2024", "period_end": "14/6/2024", "source": SOURCE,
                                 "confirm": "on"})  # fmt: skip
    assert response.status_code == 302
    assert Edition.objects.get(slug="dv-trang").is_published


def test_a_units_page_shows_its_trend_across_periods(client):
    for k, (start, end, points) in enumerate([("2024-01-01", "2024-03-31", "2"), ("2024-04-01", "2024-06-30", "4"),
                                              ("2024-07-01", "2024-09-30", "6")]):  # fmt: skip
        edition = make_edition({"A": {"1.1": points, "1.2": "2", "2": "5"}, "B": {"1.1": "3", "1.2": "2", "2": "5"}},
                               slug=f"dv-ky-{k}", year=2024, index="service")  # fmt: skip
        publish_period(edition=edition, start=start, end=end, source=SOURCE, historical=True)
    html = client.get("/cong-bo/dv-ky-2/don-vi/A/").content.decode()
    # 9, 11 and 13 of 20 points, period by period, oldest first.
    for label, percent in (("1/1 – 31/3/2024", "45,00"), ("1/4 – 30/6/2024", "55,00"), ("1/7 – 30/9/2024", "65,00")):
        assert label in html and percent in html
    table = html.split('id="history"')[1]
    assert table.index("1/1 – 31/3/2024") < table.index("1/4 – 30/6/2024") < table.index("1/7 – 30/9/2024")
    assert "So với kỳ 1/4 – 30/6/2024" in html
    older = client.get("/cong-bo/dv-ky-1/don-vi/A/").content.decode()
    assert "1/7 – 30/9/2024" not in older.split('id="history"')[1]  # a page shows the periods up to its own

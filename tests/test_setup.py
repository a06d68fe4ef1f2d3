"""Setting up a year in the workspace: a new edition from an earlier one, the framework (typed and from Excel),
units and mergers with official codes, criteria that do not apply, guidance on the score sheet."""

import datetime
import io
import json

import pytest
from django.core.management import call_command
from openpyxl import Workbook, load_workbook

from scoring import setup
from scoring.cycle import ANYONE
from scoring.framework_excel import read_workbook, sample_rows
from scoring.models import Criterion, Edition, EditionEvent, FrozenResult, Score, Unit
from scoring.results import edition_results
from scoring.writes import publish, take_step
from tests.factories import make_edition
from workspace.roles import grant

pytestmark = pytest.mark.django_db


@pytest.fixture
def coordinator(client, django_user_model):
    source = make_edition({"A": {"1.1": "5", "1.2": "3", "2": "8"}, "B": {"1.1": "4", "1.2": None, "2": "6"}},
                          slug="thu-2025-cchc", year=2025, decision={"number": "9/QĐ-UBND", "date": "2026-01-10"})  # fmt: skip
    source = publish(historical=True, edition=source)
    user = django_user_model.objects.create_user("dieu-phoi", password="a-long-password-1")
    grant(username="dieu-phoi", kind="coordinator", authority_slug=source.authority.slug)
    client.force_login(user)
    return source


def frozen(edition):
    return list(FrozenResult.objects.filter(edition=edition).order_by("pk").values())


def rows_post(rows, **extra):
    data = {"so-dong": str(len(rows)), **extra}
    for k, row in enumerate(rows):
        code, name, maximum = row[:3]
        data[f"r{k}-code"], data[f"r{k}-name"], data[f"r{k}-max"] = code, name, maximum
        if len(row) > 3:
            data[f"r{k}-guidance"] = row[3]
        if len(row) > 4:
            data[f"r{k}-evidence"] = row[4]
    return data


# A new edition from an earlier one -------------------------------------------------------------------------------


def test_the_2026_draft_is_made_from_the_published_2025_edition_which_does_not_change(client, coordinator):
    before = frozen(coordinator)
    response = client.post("/quan-ly/thiet-lap/", {"nguon": coordinator.slug, "nam": "2026"})
    assert response.status_code == 302
    draft = Edition.objects.get(year=2026)
    assert (draft.slug, draft.status, draft.title) == ("thu-2026-cchc", "draft", "Chỉ số cải cách hành chính năm 2026")
    assert list(draft.units.values_list("code", flat=True)) == ["A", "B"]
    scores = Score.objects.filter(unit__edition=draft)
    assert scores.count() == 6 and not scores.filter(points__isnull=False).exists()
    assert scores.get(unit__code="B", criterion__code="1.2").not_assessed  # what did not apply still does not
    assert frozen(coordinator) == before and not hasattr(draft, "decision")
    assert EditionEvent.objects.filter(edition=draft, action="copy", remark=coordinator.slug).exists()
    # Twice the same year: refused, said plainly.
    again = client.post("/quan-ly/thiet-lap/", {"nguon": coordinator.slug, "nam": "2026"})
    assert "Đã có kỳ đánh giá “thu-2026-cchc”." in again.content.decode()


def test_only_a_coordinator_of_the_authority_sets_up(client, coordinator, django_user_model):
    user = django_user_model.objects.create_user("tham-dinh", password="a-long-password-1")
    grant(username="tham-dinh", kind="appraiser", authority_slug=coordinator.authority.slug)
    client.logout()
    client.force_login(user)
    assert client.get("/quan-ly/thiet-lap/").status_code == 404
    assert client.post("/quan-ly/thiet-lap/", {"nguon": coordinator.slug, "nam": "2026"}).status_code == 404
    draft = setup.copy_edition(source=coordinator, year=2026)
    assert client.get(f"/quan-ly/{draft.slug}/thiet-lap/").status_code == 403


# The framework editor ---------------------------------------------------------------------------------------------


def test_the_framework_is_edited_its_group_sums_checked_and_scores_kept(client, coordinator):
    draft = setup.copy_edition(source=coordinator, year=2026)
    criteria_set = draft.criteria_sets.get()
    Score.objects.filter(unit__edition=draft, unit__code="A", criterion__code="1.1").update(points="4")
    url = f"/quan-ly/{draft.slug}/thiet-lap/bo-tieu-chi/{criteria_set.pk}/"
    page = client.get(url).content.decode()
    assert 'name="r0-code" value="1"' in page and 'name="r1-code" value="1.1"' in page
    # A group whose typed maximum is not the sum of its criteria: refused, nothing saved, what was typed kept.
    rows = [("1", "Chỉ đạo", "12"), ("1.1", "Kế hoạch CCHC", "7", "Có kế hoạch: 7 điểm", "Kế hoạch CCHC năm"),
            ("1.2", "Báo cáo CCHC", "4"), ("1.3", "Kiểm tra CCHC", "2"), ("2", "Cải cách thể chế", "10")]  # fmt: skip
    refused = client.post(url, rows_post(rows))
    assert refused.status_code == 400
    html = refused.content.decode()
    assert "nhóm 1: điểm tối đa 12 khác tổng điểm các tiêu chí, 13" in html.lower()
    assert 'value="Kiểm tra CCHC"' in html and Criterion.objects.filter(criteria_set=criteria_set).count() == 4
    # Corrected: saved; the criterion kept keeps its score, the new one has an empty score for each unit.
    rows[0] = ("1", "Chỉ đạo", "13")
    assert client.post(url, rows_post(rows)).status_code == 302
    tree = {c.code: c for c in Criterion.objects.filter(criteria_set=criteria_set)}
    assert set(tree) == {"1", "1.1", "1.2", "1.3", "2"}
    assert (str(tree["1"].max_points), str(tree["1.1"].max_points), tree["1.1"].guidance) == ("13.00", "7.00",
                                                                                               "Có kế hoạch: 7 điểm")  # fmt: skip
    assert str(Score.objects.get(unit__code="A", unit__edition=draft, criterion__code="1.1").points) == "4.00"
    assert Score.objects.filter(unit__edition=draft, criterion__code="1.3", points__isnull=True).count() == 2
    assert edition_results(draft).blocks[0].groups[0].max == 13
    assert EditionEvent.objects.filter(edition=draft, action="framework").exists()


@pytest.mark.parametrize(
    ("rows", "message"),
    [
        ([("1", "A", "5"), ("1", "B", "5")], "mã 1 được dùng hai lần"),
        ([("1", "A", ""), ("1.1.1", "B", "5")], "thiếu tiêu chí cha 1.1 của tiêu chí 1.1.1"),
        ([("1", "A", "năm")], "không phải là số"),
        ([("1", "A", "-2")], "là số âm"),
        ([("1", "A", "1.234")], "quá 2 chữ số thập phân"),
        ([("1", "A", "")], "chưa có điểm tối đa"),
        ([("1 a", "A", "3")], "không phải là mã tiêu chí"),
    ],
)
def test_a_wrong_framework_is_refused_whole_with_its_row_named(coordinator, rows, message):
    draft = setup.copy_edition(source=coordinator, year=2026)
    typed = [setup.FrameworkRow(code, name, maximum, place=f"dòng {k + 1}") for k, (code, name, maximum) in
             enumerate(rows)]  # fmt: skip
    with pytest.raises(setup.SetupRefused) as refused:
        setup.read_framework(typed)
    assert message in str(refused.value).lower()
    assert "dòng" in str(refused.value)
    assert Criterion.objects.filter(criteria_set__edition=draft).count() == 4


def test_after_self_assessment_opens_the_framework_changes_only_with_a_reason_shown_with_the_method(
    client, coordinator
):
    draft = setup.copy_edition(source=coordinator, year=2026)
    take_step(edition=draft, action="open_self_assessment", user=None, roles=ANYONE)
    criteria_set = draft.criteria_sets.get()
    url = f"/quan-ly/{draft.slug}/thiet-lap/bo-tieu-chi/{criteria_set.pk}/"
    rows = [("1", "Chỉ đạo", ""), ("1.1", "Kế hoạch CCHC", "6"), ("1.2", "Báo cáo CCHC", "4"), ("2", "Thể chế", "10")]
    refused = client.post(url, rows_post(rows))
    assert refused.status_code == 400 and "hãy nói rõ lý do" in refused.content.decode().lower()
    assert client.post(url, rows_post(rows, **{"ly-do": "Sửa tên theo Quyết định 12/QĐ-UBND"})).status_code == 302
    event = EditionEvent.objects.get(edition=draft, action="framework_changed")
    assert "Sửa tên theo Quyết định 12/QĐ-UBND" in event.remark
    publish(historical=True, edition=draft, number="3/QĐ-UBND", date=datetime.date(2027, 1, 5))
    assert "Sửa tên theo Quyết định 12/QĐ-UBND" in client.get(f"/cong-bo/{draft.slug}/phuong-phap/").content.decode()


def test_nothing_of_a_published_edition_changes(coordinator):
    before = frozen(coordinator)
    with pytest.raises(setup.SetupRefused):
        setup.apply_framework(criteria_set=coordinator.criteria_sets.get(), roots=setup.read_framework(
            [setup.FrameworkRow("1", "A", "5")]))  # fmt: skip
    with pytest.raises(setup.SetupRefused):
        setup.add_unit(edition=coordinator, block=coordinator.blocks.get(), code="C", name="Đơn vị C")
    assert frozen(coordinator) == before and Criterion.objects.filter(criteria_set__edition=coordinator).count() == 4


# Excel ---------------------------------------------------------------------------------------------------------------


def workbook(rows, headings=("Mã", "Tiêu chí", "Điểm tối đa", "Cách chấm", "Tài liệu kiểm chứng")):
    book = Workbook()
    sheet = book.active
    sheet.title = "Bộ tiêu chí 2026"
    sheet.append(["BỘ TIÊU CHÍ XÁC ĐỊNH CHỈ SỐ CCHC"])
    sheet.append(list(headings))
    for row in rows:
        sheet.append(list(row))
    out = io.BytesIO()
    book.save(out)
    out.seek(0)
    out.name = "bo-tieu-chi.xlsx"
    return out


def test_a_framework_is_read_from_the_provinces_excel_table_previewed_then_saved(client, coordinator):
    draft = setup.copy_edition(source=coordinator, year=2026)
    criteria_set = draft.criteria_sets.get()
    upload = workbook([(1, "Chỉ đạo, điều hành", 10, None, None), ("1.1", "Kế hoạch", 6, "Ban hành đúng hạn", "Kế hoạch"),
                       ("1.2", "Báo cáo", 4, None, None), (2, "Thể chế", 10, None, None)])  # fmt: skip
    preview = client.post(f"/quan-ly/{draft.slug}/thiet-lap/bo-tieu-chi/{criteria_set.pk}/tai-len/", {"tep": upload})
    html = preview.content.decode()
    assert preview.status_code == 200 and "Chưa lưu gì" in html and 'value="Ban hành đúng hạn"' not in html
    assert "Ban hành đúng hạn</textarea>" in html
    assert Criterion.objects.get(criteria_set=criteria_set, code="1").name != "Chỉ đạo, điều hành"  # not saved yet


@pytest.mark.parametrize(
    ("rows", "message"),
    [
        ([(1, "A", 5), (1, "B", 5)], "Trang tính Bộ tiêu chí 2026, dòng 4, cột A"),
        ([(1, "A", None), ("1.1", "B", "x")], "Trang tính Bộ tiêu chí 2026, dòng 4, cột C"),
        ([(1, "A", 10), ("1.1", "B", 4), ("1.2", "C", 4)], "tổng điểm các tiêu chí, 8"),
        ([("2.1", "B", 4)], "thiếu tiêu chí cha 2"),
    ],
)
def test_a_wrong_excel_framework_is_refused_by_sheet_row_and_column(coordinator, rows, message):
    with pytest.raises(setup.SetupRefused) as refused:
        setup.read_framework(read_workbook(workbook(rows)))
    assert message in str(refused.value)


def test_an_excel_of_10000_rows_or_not_a_workbook_is_refused(coordinator):
    with pytest.raises(setup.SetupRefused) as refused:
        read_workbook(workbook([(f"1.{k}", "A", 1) for k in range(10_000)]))
    assert "2000" in str(refused.value).replace(",", "").replace(".", "")
    fake = io.BytesIO(b"%PDF-1.4 not a workbook")
    with pytest.raises(setup.SetupRefused) as refused:
        read_workbook(fake)
    assert "không phải sổ tính Excel" in str(refused.value)


def test_the_framework_goes_back_to_excel_in_the_same_layout_and_the_sample_reads(client, coordinator):
    draft = setup.copy_edition(source=coordinator, year=2026)
    criteria_set = draft.criteria_sets.get()
    response = client.get(f"/quan-ly/{draft.slug}/thiet-lap/bo-tieu-chi/{criteria_set.pk}/tai-ve.xlsx")
    rows = read_workbook(io.BytesIO(response.content))
    assert [r.code for r in rows] == ["1", "1.1", "1.2", "2"] and rows[3].survey
    sample = client.get("/quan-ly/thiet-lap/bo-tieu-chi-mau.xlsx")
    roots = setup.read_framework(read_workbook(io.BytesIO(sample.content)))
    assert len(roots) == 8 and sum(root.max for root in roots) == 100
    assert len(sample_rows()) == 24
    assert load_workbook(io.BytesIO(sample.content)).active["A1"].value == "Mã"


# Units, mergers, official codes --------------------------------------------------------------------------------------


@pytest.fixture
def communes(client, django_user_model):
    """A 2025 edition of a district of Quảng Nam ranking its communes, and its coordinator."""
    source = make_edition(
        {"TIEN-CHAU": {"1.1": "5"}, "TIEN-KY": {"1.1": "4"}, "TIEN-LANH": {"1.1": "3"}, "TIEN-SON": {"1.1": "2"}},
        slug="tien-phuoc-2024-cchc", year=2024, authority="UBND huyện Tiên Phước",
    )  # fmt: skip
    for unit in source.units.all():
        Unit.objects.filter(pk=unit.pk).update(name={"TIEN-CHAU": "UBND xã Tiên Châu", "TIEN-KY": "UBND thị trấn Tiên Kỳ",
                                                     "TIEN-LANH": "UBND xã Tiên Lãnh", "TIEN-SON": "UBND xã Tiên Sơn"}[unit.code])  # fmt: skip
    source.authority.province = "Quảng Nam"
    source.authority.level = "district"
    source.authority.save()
    source = publish(historical=True, edition=source, number="5/QĐ-UBND", date=datetime.date(2025, 1, 20))
    user = django_user_model.objects.create_user("dieu-phoi-2", password="a-long-password-1")
    grant(username="dieu-phoi-2", kind="coordinator", authority_slug=source.authority.slug)
    client.force_login(user)
    return setup.copy_edition(source=source, year=2025)


def test_three_communes_merge_into_one_chosen_from_the_official_list_with_proposed_predecessors(client, communes):
    draft = communes
    url = f"/quan-ly/{draft.slug}/thiet-lap/don-vi/"
    page = client.get(url).content.decode()
    assert "Xã Sơn Cẩm Hà (20857)" in page  # Quảng Nam's communes are Đà Nẵng's since 1 July 2025
    block = draft.blocks.get()
    proposed = client.post(url, {"hanh-dong": "de-xuat", "khoi": block.pk, "ma-chinh-thuc": "20857"}).content.decode()
    assert 'value="TIEN-CHAU" checked' in proposed and 'value="UBND xã Sơn Cẩm Hà"' in proposed
    merged = client.post(url, {"hanh-dong": "gop", "khoi": block.pk, "ma-chinh-thuc": "20857", "ma": "SON-CAM-HA",
                               "tien-than": ["TIEN-CHAU", "TIEN-LANH", "TIEN-SON"]})  # fmt: skip
    assert merged.status_code == 302
    unit = Unit.objects.get(edition=draft, code="SON-CAM-HA")
    assert (unit.name, unit.official_code, unit.predecessor_codes) == ("UBND xã Sơn Cẩm Hà", "20857",
                                                                       ["TIEN-CHAU", "TIEN-LANH", "TIEN-SON"])  # fmt: skip
    assert set(draft.units.values_list("code", flat=True)) == {"TIEN-KY", "SON-CAM-HA"}
    assert Score.objects.filter(unit=unit).count() == 3
    # Exported with its official code; the format reads it back.
    from scoring.exporting import edition_document

    document = edition_document(draft)
    exported = next(u for b in document["blocks"] for u in b["units"] if u["code"] == "SON-CAM-HA")
    assert exported["official_code"] == "20857"


@pytest.mark.parametrize(
    ("post", "message"),
    [
        ({"ma": "TIEN-KY", "ten": "UBND xã Mới"}, "được dùng cho một đơn vị khác"),
        ({"ma": "MOI", "ten": "UBND xã Mới", "tien-than": ["MOI"]}, "không thể là tiền thân của chính nó"),
        ({"ma": "MOI", "ten": "UBND xã Mới", "tien-than": ["TIEN-KY"]}, "tạo thành vòng"),
        ({"ma": "MOI", "ten": "UBND xã Mới", "ma-chinh-thuc": "99999"}, "không có trong danh mục"),
    ],
)
def test_a_wrong_unit_is_refused_and_nothing_saved(client, communes, post, message):
    url = f"/quan-ly/{communes.slug}/thiet-lap/don-vi/"
    response = client.post(url, {"hanh-dong": "them", "khoi": communes.blocks.get().pk, **post})
    assert response.status_code == 400 and message in response.content.decode()
    assert communes.units.count() == 4


def test_a_commune_not_in_the_official_list_is_kept_only_when_said_so(client, communes):
    url = f"/quan-ly/{communes.slug}/thiet-lap/don-vi/"
    client.post(url, {"hanh-dong": "them", "khoi": communes.blocks.get().pk, "ma": "MOI", "ten": "UBND xã Mới",
                      "ma-chinh-thuc": "99999", "ngoai-danh-muc": "1"})  # fmt: skip
    unit = Unit.objects.get(edition=communes, code="MOI")
    assert (unit.official_code, unit.official_unlisted) == ("99999", True)


def test_criteria_that_do_not_apply_are_not_assessed_from_the_start(client, communes):
    unit = communes.units.get(code="TIEN-KY")
    url = f"/quan-ly/{communes.slug}/thiet-lap/don-vi/"
    client.post(url, {"hanh-dong": "khong-ap-dung", "don-vi": unit.pk, "khong-ap-dung": ["1.2"]})
    assert Score.objects.get(unit=unit, criterion__code="1.2").not_assessed
    result = edition_results(communes).unit("TIEN-KY")
    assert result.max == 16


def test_the_reporter_sees_the_guidance_and_what_evidence_is_missing(client, coordinator, django_user_model):
    draft = setup.copy_edition(source=coordinator, year=2026)
    roots = setup.read_framework([
        setup.FrameworkRow("1", "Chỉ đạo", ""),
        setup.FrameworkRow("1.1", "Kế hoạch CCHC", "6", guidance="Có kế hoạch: 6 điểm", evidence="Kế hoạch CCHC năm"),
        setup.FrameworkRow("1.2", "Báo cáo CCHC", "4"),
        setup.FrameworkRow("2", "Thể chế", "10"),
    ])  # fmt: skip
    setup.apply_framework(criteria_set=draft.criteria_sets.get(), roots=roots)
    take_step(edition=draft, action="open_self_assessment", user=None, roles=ANYONE)
    user = django_user_model.objects.create_user("bao", password="a-long-password-1")
    grant(username="bao", kind="reporter", authority_slug=draft.authority.slug, unit_code="A")
    client.logout()
    client.force_login(user)
    html = client.get(f"/quan-ly/{draft.slug}/don-vi/A/").content.decode()
    assert "Có kế hoạch: 6 điểm" in html and "Kế hoạch CCHC năm" in html
    assert "chưa có tệp hay giải trình" in html


def test_the_edition_format_carries_guidance_and_official_codes_and_old_files_still_import(tmp_path):
    from tests.factories import edition_doc

    doc = edition_doc(slug="dinh-dang-2026", year=2026)
    doc["criteria_sets"]["chung"][0]["children"][0]["guidance"] = "Có kế hoạch: 6 điểm"
    doc["criteria_sets"]["chung"][0]["children"][0]["evidence"] = "Kế hoạch"
    doc["blocks"][0]["units"][0]["official_code"] = "20857"
    path = tmp_path / "e.json"
    path.write_text(json.dumps(doc, ensure_ascii=False))
    call_command("import_edition", str(path), verbosity=0)
    edition = Edition.objects.get(slug="dinh-dang-2026")
    assert Criterion.objects.get(criteria_set__edition=edition, code="1.1").guidance == "Có kế hoạch: 6 điểm"
    assert edition.units.get().official_code == "20857"
    out = io.StringIO()
    call_command("export_edition", "dinh-dang-2026", stdout=out)
    exported = json.loads(out.getvalue())
    assert exported["criteria_sets"]["chung"][0]["children"][0]["evidence"] == "Kế hoạch"
    # An old edition exports as before: no new key appears where there is nothing to say.
    old = make_edition(slug="cu-2023")
    out = io.StringIO()
    call_command("export_edition", old.slug, stdout=out)
    assert "guidance" not in out.getvalue() and "official_code" not in out.getvalue()

"""Excel both ways: the pre-filled template, and uploads checked cell by cell, all or nothing."""

import io
from decimal import Decimal as D

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook, load_workbook

from scoring.models import Edition, EditionEvent, Score

pytestmark = pytest.mark.django_db
TEMPLATE = "/quan-ly/thu-2023/khoi/so/mau.xlsx"
UPLOAD = "/quan-ly/thu-2023/khoi/so/tai-len/"
SHEET = "Khối so"


@pytest.fixture
def appraiser(personas):
    personas.set_status(Edition.Status.APPRAISAL)
    return personas.client("appraiser")


def template(client):
    response = client.get(TEMPLATE)
    assert response.status_code == 200
    return load_workbook(io.BytesIO(response.content))


def send(client, workbook, name="diem.xlsx"):
    out = io.BytesIO()
    workbook.save(out)
    return client.post(UPLOAD, {"file": SimpleUploadedFile(name, out.getvalue())})


def points(code, criterion):
    return Score.objects.get(unit__edition__slug="thu-2023", unit__code=code, criterion__code=criterion).points


def test_the_template_has_a_row_per_unit_and_a_column_per_criterion(appraiser):
    sheet = template(appraiser)[SHEET]
    assert [c.value for c in sheet[1]] == ["Mã đơn vị", "Đơn vị", "1.1", "1.2", "2"]
    assert [c.value for c in sheet[3]][2:] == [6, 4, 10]
    assert [c.value for c in sheet[4]] == ["A", "Đơn vị A", 5, 3, 8]
    assert [c.value for c in sheet[5]] == ["B", "Đơn vị B", 4, 0, 0]
    assert "(khảo sát)" in sheet["E2"].value


def test_an_upload_changes_the_scores_and_is_recorded(appraiser):
    workbook = template(appraiser)
    sheet = workbook[SHEET]
    sheet["C4"] = 4.5
    sheet["D5"] = "2,25"
    sheet["E5"] = "KĐG"
    response = send(appraiser, workbook)
    assert response.status_code == 302
    assert (points("A", "1.1"), points("B", "1.2"), points("B", "2")) == (D("4.5"), D("2.25"), None)
    assert Score.objects.get(unit__code="B", criterion__code="2", unit__edition__slug="thu-2023").not_assessed
    assert EditionEvent.objects.filter(action="excel").exists()
    change = Score.history.filter(points=D("4.5")).latest("history_date")
    assert change.history_user.username == "appraiser"


def test_a_survey_criterion_takes_a_percentage(appraiser):
    workbook = template(appraiser)
    workbook[SHEET]["E4"] = "75,81%"
    assert send(appraiser, workbook).status_code == 302
    assert points("A", "2") == D("7.58")  # 10 × 75.81% = 7.581 → 7.58


def test_problems_are_reported_by_sheet_and_cell_and_nothing_is_saved(appraiser):
    workbook = template(appraiser)
    sheet = workbook[SHEET]
    sheet["C4"] = 3  # a good change, not saved either
    sheet["D4"] = 4.5  # max 4
    sheet["C5"] = "nhiều"
    sheet["D5"] = 1.234
    sheet["E5"] = -1
    sheet["A6"] = "XYZ"
    sheet["C6"] = 1
    response = send(appraiser, workbook)
    html = response.content.decode()
    assert response.status_code == 400
    for line in [
        "Khối so!D4: 4,5 vượt điểm tối đa 4",
        "Khối so!C5: “nhiều” không phải là số.",
        "Khối so!D5: “1,234” có quá 2 chữ số thập phân.",
        "Khối so!E5: “-1” là số âm.",
        "Khối so!A6: không có đơn vị “XYZ”",
        "không có gì được lưu",
    ]:
        assert line in html, line
    assert points("A", "1.1") == D("5")


def test_merged_cells_are_refused(appraiser):
    workbook = template(appraiser)
    workbook[SHEET].merge_cells("C4:D4")
    assert "Khối so!C4:D4: ô gộp không thể chứa điểm" in send(appraiser, workbook).content.decode()


def test_a_workbook_without_the_blocks_sheet_is_refused(appraiser):
    workbook = Workbook()
    workbook.active.title = "Trang 1"
    html = send(appraiser, workbook).content.decode()
    assert "Không có trang tính “Khối so” (sổ tính có: Trang 1)" in html


@pytest.mark.parametrize("content", [b"this is not a workbook", b"PK\x03\x04broken zip", b"%PDF-1.4 a pdf named .xlsx"])
def test_a_file_that_is_not_a_workbook_is_refused(appraiser, content):
    response = appraiser.post(UPLOAD, {"file": SimpleUploadedFile("diem.xlsx", content)})
    assert response.status_code == 400
    assert "không phải sổ tính Excel (.xlsx)" in response.content.decode()


def test_a_score_changed_after_the_template_was_made_is_left_and_the_other_changes_are_saved(personas, appraiser):
    from scoring import writes

    workbook = template(appraiser)
    score = Score.objects.get(unit__code="A", criterion__code="1.1", unit__edition__slug="thu-2023")
    writes.set_scores(edition=personas.edition, changes=[writes.ScoreChange(score, {"points": D("2")})],
                      user=personas.users["superuser"], reason=writes.reason("sheet"))  # fmt: skip
    workbook[SHEET]["C4"] = 6  # changed meanwhile by someone else: left alone
    workbook[SHEET]["D4"] = 1  # nobody touched it: saved
    response = send(appraiser, workbook)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Khối so!C4: hiện là 2, trong tệp của bạn là 6 — do superuser đổi" in html
    assert "(bảng điểm)" in html
    assert (points("A", "1.1"), points("A", "1.2")) == (D("2"), D("1"))


def test_a_conflict_with_ones_own_change_on_the_sheet_says_so(personas, appraiser):
    from scoring import writes

    workbook = template(appraiser)
    score = Score.objects.get(unit__code="A", criterion__code="1.1", unit__edition__slug="thu-2023")
    writes.set_scores(edition=personas.edition, changes=[writes.ScoreChange(score, {"points": D("2")})],
                      user=personas.users["appraiser"], reason=writes.reason("sheet"))  # fmt: skip
    workbook[SHEET]["C4"] = 6
    assert "hiện là 2, trong tệp của bạn là 6 — do chính bạn đổi" in send(appraiser, workbook).content.decode()


def test_an_old_value_in_the_template_does_not_undo_a_newer_change(appraiser):
    workbook = template(appraiser)
    Score.objects.filter(unit__code="A", criterion__code="1.2", unit__edition__slug="thu-2023").update(points=D("1"))
    workbook[SHEET]["C4"] = 6  # another cell: fine
    assert send(appraiser, workbook).status_code == 302
    assert (points("A", "1.1"), points("A", "1.2")) == (D("6"), D("1"))


def test_uploads_only_during_appraisal(personas):
    personas.set_status(Edition.Status.APPROVED)
    client = personas.client("appraiser")
    workbook = template(client)
    assert send(client, workbook).status_code == 403

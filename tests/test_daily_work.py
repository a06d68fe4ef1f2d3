"""A day's work in the workspace, as the server sees it: nothing typed is lost, figures are honest,
next steps are clear, irreversible steps are confirmed, amendments keep the units' work.

(The browser side of the score sheet, keyboard and paste, is in tests/browser/test_score_sheet.py.)
"""

import datetime
import io
from decimal import Decimal as D

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from scoring import writes
from scoring.cycle import ANYONE
from scoring.models import Edition, EditionEvent, Evidence, Score
from tests.test_unit_sheet import sheet_data

pytestmark = pytest.mark.django_db
Status = Edition.Status
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
SHEET = "/quan-ly/thu-2023/don-vi/A/"


def score(personas, unit="A", criterion="1.1"):
    return Score.objects.get(unit__edition=personas.edition, unit__code=unit, criterion__code=criterion)


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


# Nothing typed is lost ---------------------------------------------------------------------


def test_a_form_sent_after_the_session_ended_leads_to_a_login_that_says_so(personas):
    personas.set_status(Status.SELF_ASSESSMENT)
    response = Client().post(SHEET, {"x": "1"})
    assert response.status_code == 302
    assert response["Location"].startswith("/quan-ly/dang-nhap/?next=%2Fquan-ly%2Fthu-2023%2Fdon-vi%2FA%2F&het-han=1")
    html = Client().get(response["Location"]).content.decode()
    assert "Phiên làm việc đã hết hạn do lâu không hoạt động" in html


def test_sessions_end_after_a_time_idle_and_each_visit_renews_them(personas, settings):
    assert settings.SESSION_COOKIE_AGE == 2 * 3600
    client = personas.client("reporter_x")
    response = client.get("/quan-ly/")
    assert response.cookies["sessionid"]["max-age"] == 2 * 3600  # sent again: the idle time starts over
    assert client.post("/quan-ly/phien/").status_code == 204
    assert Client().post("/quan-ly/phien/").status_code == 401


def test_a_refused_token_gets_a_vietnamese_page_that_offers_to_send_the_form_again(personas):
    client = Client(enforce_csrf_checks=True)
    client.force_login(personas.users["appraiser"])
    client.get("/quan-ly/")  # a token cookie, as a browser has
    data = {"csrfmiddlewaretoken": "x" * 64, "remark": "Lý do <b>đậm</b>"}
    response = client.post("/quan-ly/thu-2023/buoc/send_back/", data, HTTP_ORIGIN="http://testserver")
    html = response.content.decode()
    assert response.status_code == 403
    assert "Không gửi được biểu mẫu" in html
    assert "Gửi lại" in html and 'name="remark" value="Lý do &lt;b&gt;đậm&lt;/b&gt;"' in html
    assert 'value="xxxx' not in html  # the refused token is not sent again


def test_a_form_from_another_site_is_not_offered_again(personas):
    client = Client(enforce_csrf_checks=True)
    client.force_login(personas.users["appraiser"])
    response = client.post("/quan-ly/thu-2023/buoc/send_back/", {"remark": "x"}, HTTP_ORIGIN="https://evil.example")
    assert response.status_code == 403
    assert "Gửi lại" not in response.content.decode()


def test_saving_the_same_values_twice_is_not_a_conflict(personas):
    personas.set_status(Status.APPRAISAL)
    client = personas.client("appraiser")
    data = sheet_data(client)
    data[f"s{score(personas).pk}-points"] = "0,8"
    assert client.post(SHEET, data).status_code == 302
    again = client.post(SHEET, data)  # the same form, sent a second time (a double click)
    assert again.status_code == 302
    assert score(personas).points == D("0.8")


def test_the_publish_form_keeps_the_chosen_pdf_after_an_error(personas, media):
    personas.set_status(Status.APPROVED)
    client = personas.client("publisher")
    first = client.post(
        "/quan-ly/thu-2023/cong-bo/",
        {"number": "", "date": "2024-01-15", "signed_pdf": SimpleUploadedFile("qd-12.pdf", PDF), "confirm": "on"},
    )
    html = first.content.decode()
    assert first.status_code == 400
    assert "Tệp đã chọn: qd-12.pdf (được giữ lại" in html
    assert 'href="#id_number"' in html and 'id="id_number-error"' in html
    second = client.post("/quan-ly/thu-2023/cong-bo/", {"number": "12/QĐ-UBND", "date": "2024-01-15", "confirm": "on"})
    assert second.status_code == 302
    edition = Edition.objects.get(pk=personas.edition.pk)
    assert edition.is_published
    assert edition.decision.signed_pdf.read() == PDF
    assert not list((media / "decisions" / "pending").iterdir())


def test_publishing_asks_for_confirmation(personas, media):
    personas.set_status(Status.APPROVED)
    response = personas.client("publisher").post(
        "/quan-ly/thu-2023/cong-bo/", {"number": "12/QĐ-UBND", "date": "2024-01-15"}
    )
    assert "Hãy đánh dấu ô xác nhận" in response.content.decode()
    assert not Edition.objects.get(pk=personas.edition.pk).is_published


# Honest figures ------------------------------------------------------------------------------


def test_progress_counts_what_was_entered_of_what_applies(personas):
    personas.set_status(Status.SELF_ASSESSMENT)
    Score.objects.filter(pk=score(personas, "B", "1.2").pk).update(not_assessed=True, points=None)
    html = personas.client("appraiser").get("/quan-ly/thu-2023/").content.decode()
    assert '<td class="num">0/3</td>' in html  # A: nothing typed, three criteria apply
    assert '<td class="num">0/2</td>' in html  # B: one criterion does not apply


def test_a_reporter_cannot_score_a_criterion_that_does_not_apply(personas):
    personas.set_status(Status.SELF_ASSESSMENT)
    na = score(personas, "A", "1.2")
    Score.objects.filter(pk=na.pk).update(not_assessed=True, points=None)
    client = personas.client("reporter_x")
    html = client.get(SHEET).content.decode()
    assert f"s{na.pk}-self_points" not in html
    with pytest.raises(writes.WriteRefused, match="không đánh giá đối với đơn vị này"):
        writes.set_scores(edition=personas.edition, changes=[writes.ScoreChange(score(personas, "A", "1.2"), {
            "self_points": D("1")})], user=personas.users["reporter_x"], reason="sheet")  # fmt: skip


def test_the_reporters_total_is_their_own_column_over_what_applies(personas):
    personas.set_status(Status.SELF_ASSESSMENT)
    Score.objects.filter(pk=score(personas, "A", "1.1").pk).update(self_points=D("4"))
    Score.objects.filter(pk=score(personas, "A", "1.2").pk).update(not_assessed=True, points=None)
    html = personas.client("reporter_x").get(SHEET).content.decode()
    assert '<output id="total-score">4,00</output>/<output id="total-max">16,00</output>' in html


# Clear next steps, confirmed steps -------------------------------------------------------------


def test_the_reporter_is_told_their_task_with_a_link_to_their_sheet(personas):
    personas.set_status(Status.SELF_ASSESSMENT)
    html = personas.client("reporter_x").get("/quan-ly/thu-2023/").content.decode()
    assert "Nhập điểm tự đánh giá của Đơn vị A (đã nhập 0/3 tiêu chí)." in html
    assert f'href="{SHEET}">Mở bảng điểm</a>' in html
    assert "không có việc nào" not in html.lower()


def test_closing_self_assessment_first_says_who_has_not_finished(personas):
    personas.set_status(Status.SELF_ASSESSMENT)
    for criterion in ("1.1", "1.2", "2"):
        Score.objects.filter(pk=score(personas, "A", criterion).pk).update(self_points=D("1"))
    client = personas.client("appraiser")
    page = client.post("/quan-ly/thu-2023/buoc/start_appraisal/")
    html = page.content.decode()
    assert page.status_code == 200
    assert "1/2 đơn vị chưa hoàn thành tự đánh giá:" in html and "Đơn vị B" in html
    assert Edition.objects.get(pk=personas.edition.pk).status == Status.SELF_ASSESSMENT
    client.post("/quan-ly/thu-2023/buoc/start_appraisal/", {"confirm": "1"})
    assert Edition.objects.get(pk=personas.edition.pk).status == Status.APPRAISAL


def test_self_assessment_can_be_reopened_until_appraisal_begins(personas):
    personas.set_status(Status.SELF_ASSESSMENT)
    a = score(personas)
    Score.objects.filter(pk=a.pk).update(self_points=D("2"))  # imported with an appraised 5
    appraiser = personas.users["appraiser"]
    writes.take_step(edition=personas.edition, action="start_appraisal", user=appraiser, roles=ANYONE)
    assert score(personas).points == D("2")
    writes.take_step(edition=personas.edition, action="reopen_self_assessment", user=appraiser, roles=ANYONE,
                     remark="Đơn vị B chưa nhập xong")  # fmt: skip
    assert Edition.objects.get(pk=personas.edition.pk).status == Status.SELF_ASSESSMENT
    assert score(personas).points == D("5")  # as it was before appraisal started
    assert EditionEvent.objects.filter(action="reopen_self_assessment", remark="Đơn vị B chưa nhập xong").exists()
    writes.take_step(edition=personas.edition, action="start_appraisal", user=appraiser, roles=ANYONE)
    writes.set_scores(edition=personas.edition, changes=[writes.ScoreChange(score(personas), {"points": D("1")})],
                      user=appraiser, reason="sheet")  # fmt: skip
    with pytest.raises(writes.StepRefused, match="Việc thẩm định đã bắt đầu"):
        writes.take_step(edition=personas.edition, action="reopen_self_assessment", user=appraiser, roles=ANYONE,
                         remark="x")  # fmt: skip


# Amendments keep the work ---------------------------------------------------------------------------


def test_an_amendment_keeps_explanations_and_evidence_and_has_its_own_title(personas, media):
    a = score(personas)
    Score.objects.filter(pk=a.pk).update(explanation="Đã có kế hoạch số 12/KH")
    writes.attach_evidence(score=a, upload=SimpleUploadedFile("ke-hoach.pdf", PDF), user=personas.users["reporter_x"])
    writes.publish(edition=personas.edition, number="1/QĐ-UBND", date=datetime.date(2024, 1, 1), historical=True)
    response = personas.client("publisher").post("/quan-ly/thu-2023/sua-doi/", {"confirm": "1"})
    copy = Edition.objects.get(supersedes=personas.edition)
    assert response["Location"] == f"/quan-ly/{copy.slug}/"
    assert copy.title == "Chỉ số cải cách hành chính năm 2023 (sửa đổi lần 1)"
    kept = Score.objects.get(unit__edition=copy, unit__code="A", criterion__code="1.1")
    assert kept.explanation == "Đã có kế hoạch số 12/KH"
    [evidence] = Evidence.objects.filter(score=kept)
    assert (evidence.original_name, evidence.file.read()) == ("ke-hoach.pdf", PDF)
    original = personas.client("publisher").get("/quan-ly/thu-2023/").content.decode()
    assert "Đang chuẩn bị quyết định sửa đổi:" in original and f'href="/quan-ly/{copy.slug}/"' in original
    history = personas.client("publisher").get(f"/quan-ly/{copy.slug}/don-vi/A/lich-su/").content.decode()
    assert 'Trước khi sửa đổi: <a href="/quan-ly/thu-2023/don-vi/A/lich-su/">' in history
    # Removing the file from the amendment keeps the original's.
    writes.remove_evidence(evidence=evidence, user=personas.users["reporter_x"])
    assert Evidence.objects.get(score=a).file.read() == PDF


# Evidence within the row ----------------------------------------------------------------------------


def test_several_files_are_attached_and_one_removed_from_the_sheets_row(personas, media):
    personas.set_status(Status.SELF_ASSESSMENT)
    client = personas.client("reporter_x")
    url = "/quan-ly/thu-2023/don-vi/A/minh-chung/1.1/"
    files = [SimpleUploadedFile("a.pdf", PDF), SimpleUploadedFile("b.pdf", PDF)]
    attached = client.post(url, {"file": files}, HTTP_ACCEPT="application/json").json()
    assert [f["name"] for f in attached["files"]] == ["a.pdf", "b.pdf"] and attached["errors"] == []
    removed = client.post(attached["files"][0]["remove"], HTTP_ACCEPT="application/json").json()
    assert [f["name"] for f in removed["files"]] == ["b.pdf"]
    assert EditionEvent.objects.filter(action="evidence_removed", remark="1.1: a.pdf").exists()
    refused = client.post(url, {"file": [SimpleUploadedFile("x.pdf", b"MZ\x90")]}, HTTP_ACCEPT="application/json")
    assert refused.status_code == 400 and "không phải tài liệu PDF" in refused.json()["errors"][0]


def test_an_excel_upload_with_a_conflict_saves_the_rest(personas):
    from openpyxl import load_workbook

    personas.set_status(Status.APPRAISAL)
    client = personas.client("appraiser")
    workbook = load_workbook(io.BytesIO(client.get("/quan-ly/thu-2023/khoi/so/mau.xlsx").content))
    writes.set_scores(edition=personas.edition, changes=[writes.ScoreChange(score(personas), {"points": D("2")})],
                      user=personas.users["superuser"], reason="sheet")  # fmt: skip
    workbook["Khối so"]["C4"], workbook["Khối so"]["C5"] = 6, 3
    out = io.BytesIO()
    workbook.save(out)
    response = client.post("/quan-ly/thu-2023/khoi/so/tai-len/", {"file": SimpleUploadedFile("d.xlsx", out.getvalue())})
    assert response.status_code == 200
    assert (score(personas).points, score(personas, "B").points) == (D("2"), D("3"))

"""Every kind of write to an edition is one function of `scoring.writes`, and each leaves its audit record.

The history of a score names who changed it and how; the trail of the edition names each step.
"""

import datetime
import io
import json
from decimal import Decimal as D

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from openpyxl import load_workbook

from scoring import writes
from scoring.cycle import ANYONE
from scoring.documents import EditionInvalid
from scoring.importing import import_edition
from scoring.models import Decision, Edition, EditionEvent, Evidence, FrozenEditionError, PublicationCounter, Score
from scoring.writes import reason_label
from tests.factories import edition_doc
from tests.test_unit_sheet import sheet_data

pytestmark = pytest.mark.django_db
Status = Edition.Status


def score_of(edition, unit="A", criterion="1.1"):
    return Score.objects.get(unit__edition=edition, unit__code=unit, criterion__code=criterion)


def latest_history(score):
    return Score.history.filter(id=score.pk).order_by("-history_date", "-history_id").first()


def events(edition, action):
    return list(EditionEvent.objects.filter(edition=edition, action=action))


# Scores ----------------------------------------------------------------------------------------


def test_a_score_sheet_save_is_recorded_with_its_author(personas):
    personas.set_status(Status.APPRAISAL)
    client = personas.client("appraiser")
    score = score_of(personas.edition)
    data = sheet_data(client)
    data[f"s{score.pk}-points"] = "4,5"
    response = client.post("/quan-ly/thu-2023/don-vi/A/", data)
    assert response.status_code == 302
    record = latest_history(score)
    assert (record.points, record.history_user.username, reason_label(record.history_change_reason)) == (
        D("4.5"),
        "appraiser",
        "bảng điểm",
    )


def test_an_excel_upload_is_recorded_with_its_file_and_an_event(personas):
    personas.set_status(Status.APPRAISAL)
    client = personas.client("appraiser")
    workbook = load_workbook(io.BytesIO(client.get("/quan-ly/thu-2023/khoi/so/mau.xlsx").content))
    workbook["Khối so"]["C4"] = 2
    out = io.BytesIO()
    workbook.save(out)
    client.post("/quan-ly/thu-2023/khoi/so/tai-len/", {"file": SimpleUploadedFile("diem.xlsx", out.getvalue())})
    record = latest_history(score_of(personas.edition))
    assert (record.points, record.history_user.username) == (D("2"), "appraiser")
    assert reason_label(record.history_change_reason) == "Tải lên từ Excel diem.xlsx"
    [event] = events(personas.edition, "excel")
    assert event.user.username == "appraiser" and "diem.xlsx" in event.remark


def test_a_survey_is_recorded_as_the_survey_with_its_author(personas):
    personas.set_status(Status.APPRAISAL)
    score = score_of(personas.edition, criterion="2")
    personas.client("appraiser").post(
        f"/quan-ly/thu-2023/khao-sat/{score.criterion.criteria_set_id}/", {f"u{score.pk}": "92%"}
    )
    record = latest_history(score)
    assert (record.points, record.history_user.username, reason_label(record.history_change_reason)) == (
        D("9.2"),
        "appraiser",
        "kết quả khảo sát, 2",
    )
    assert events(personas.edition, "survey")[0].user.username == "appraiser"


def test_the_start_of_appraisal_is_recorded_as_such(personas):
    personas.set_status(Status.SELF_ASSESSMENT)
    score = score_of(personas.edition)
    Score.objects.filter(pk=score.pk).update(self_points=D("2"))
    writes.take_step(edition=personas.edition, action="start_appraisal", user=personas.users["appraiser"], roles=ANYONE)
    record = latest_history(score)
    assert (record.points, record.history_user.username) == (D("2"), "appraiser")
    assert reason_label(record.history_change_reason) == "thẩm định bắt đầu từ điểm tự đánh giá"


def test_an_import_is_the_author_of_the_values_it_brought(personas):
    client = personas.client("appraiser")
    body = json.dumps(edition_doc({"A": {"1.1": "6"}}, slug="thu-2024", year=2024), ensure_ascii=False).encode()
    client.post("/quan-ly/nhap-tep/", {"file": SimpleUploadedFile("nam-2024.json", body)})
    edition = Edition.objects.get(slug="thu-2024")
    record = latest_history(score_of(edition))
    assert (record.history_type, record.points, record.history_user.username) == ("+", D("6"), "appraiser")
    assert reason_label(record.history_change_reason) == "nhập từ tệp nam-2024.json"
    [event] = events(edition, "import")
    assert (event.user.username, event.remark) == ("appraiser", "nam-2024.json")


def test_identical_values_are_no_change_and_no_conflict(personas):
    """Save clicked twice: the second save finds the values already there."""
    personas.set_status(Status.APPRAISAL)
    score = score_of(personas.edition)
    change = writes.ScoreChange(score, {"points": D("4")}, based_on=score.version)
    user = personas.users["appraiser"]
    assert writes.set_scores(edition=personas.edition, changes=[change], user=user, reason="x") == 1
    assert writes.set_scores(edition=personas.edition, changes=[change], user=user, reason="x") == 0


def test_a_stale_change_is_refused_whole_and_says_who_saved_meanwhile(personas):
    score = score_of(personas.edition)
    first, second = score_of(personas.edition, criterion="1.2"), score
    user = personas.users["appraiser"]
    writes.set_scores(edition=personas.edition, changes=[writes.ScoreChange(score, {"points": D("1")})], user=user,
                      reason="x")  # fmt: skip
    with pytest.raises(writes.StaleScores) as refused:
        writes.set_scores(
            edition=personas.edition,
            changes=[
                writes.ScoreChange(first, {"points": D("2")}, based_on=first.version),
                writes.ScoreChange(second, {"points": D("3")}, based_on=second.version),
            ],
            user=personas.users["superuser"],
            reason="y",
        )
    [conflict] = refused.value.conflicts
    assert (conflict.theirs, conflict.yours, conflict.by.username) == (D("1"), D("3"), "appraiser")
    assert score_of(personas.edition, criterion="1.2").points == D("3")  # the other change was not saved either


def test_the_rules_on_points_hold_whoever_writes(personas):
    with pytest.raises(writes.WriteRefused, match="vượt điểm tối đa 6"):
        writes.set_scores(
            edition=personas.edition, changes=[writes.ScoreChange(score_of(personas.edition), {"points": D("7")})],
            user=None, reason="x",
        )  # fmt: skip


# The cycle, decisions, publication ------------------------------------------------------------


def test_a_step_is_recorded_with_its_author_and_both_statuses(personas):
    writes.take_step(
        edition=personas.edition, action="open_self_assessment", user=personas.users["appraiser"], roles=ANYONE
    )
    [event] = events(personas.edition, "open_self_assessment")
    assert (event.user.username, event.from_status, event.to_status) == ("appraiser", "draft", "self_assessment")


def test_publishing_approved_results_is_recorded_and_counted(personas):
    personas.set_status(Status.APPROVED)
    before = PublicationCounter.current()
    writes.publish(edition=personas.edition, user=personas.users["publisher"], number="5/QĐ-UBND",
                   date=datetime.date(2024, 1, 5))  # fmt: skip
    [event] = events(personas.edition, "publish")
    assert (event.user.username, event.from_status, event.to_status, event.remark) == (
        "publisher",
        "approved",
        "published",
        "5/QĐ-UBND",
    )
    assert PublicationCounter.current() == before + 1


@pytest.mark.parametrize("status", [Status.DRAFT, Status.SELF_ASSESSMENT, Status.APPRAISAL])
def test_only_approved_results_are_published(personas, status):
    personas.set_status(status)
    with pytest.raises(writes.PublishRefused, match="Chỉ kết quả đã được phê duyệt mới được công bố"):
        writes.publish(edition=personas.edition, number="5/QĐ-UBND", date=datetime.date(2024, 1, 5))
    assert not Edition.objects.get(pk=personas.edition.pk).is_published
    assert not Decision.objects.filter(edition=personas.edition).exists()
    assert not events(personas.edition, "publish")


def test_the_command_publishes_a_decision_taken_outside_the_portal_and_says_so_in_the_trail(personas):
    call_command("publish", "thu-2023", "--number", "7/QĐ-UBND", "--date", "2023-12-07", verbosity=0)
    [event] = events(personas.edition, "publish_decided")
    assert (event.from_status, event.to_status, event.remark, event.user) == ("draft", "published", "7/QĐ-UBND", None)


def test_a_decision_is_written_before_publication_and_frozen_after(personas):
    decision = writes.record_decision(edition=personas.edition, number=" 8/QĐ-UBND ", date=datetime.date(2024, 2, 1))
    assert Decision.objects.get(pk=decision.pk).number == "8/QĐ-UBND"
    personas.set_status(Status.APPROVED)
    writes.publish(edition=personas.edition)
    with pytest.raises(FrozenEditionError):
        writes.record_decision(edition=personas.edition, number="9/QĐ-UBND")


def test_a_signed_decision_must_be_a_pdf(personas):
    personas.set_status(Status.APPROVED)
    with pytest.raises(writes.PublishRefused) as refused:
        writes.publish(
            edition=personas.edition, number="5/QĐ-UBND", date=datetime.date(2024, 1, 5),
            signed_pdf=SimpleUploadedFile("qd.pdf", b"<html>not a pdf</html>"),
        )  # fmt: skip
    assert refused.value.field == "signed_pdf"
    assert not Edition.objects.get(pk=personas.edition.pk).is_published


def test_an_amendment_is_recorded_and_its_values_say_where_they_came_from(personas):
    personas.set_status(Status.APPROVED)
    writes.publish(edition=personas.edition, number="5/QĐ-UBND", date=datetime.date(2024, 1, 5))
    copy = writes.amend(edition=Edition.objects.get(pk=personas.edition.pk), user=personas.users["publisher"])
    [event] = events(copy, "amend")
    assert (event.user.username, event.to_status, event.remark) == ("publisher", "appraisal", "điều chỉnh thu-2023")
    assert not events(copy, "import")
    record = latest_history(score_of(copy))
    assert (record.history_user.username, reason_label(record.history_change_reason)) == (
        "publisher",
        "sao chép từ thu-2023 để sửa đổi",
    )


def test_evidence_is_attached_with_its_uploader(personas, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    evidence = writes.attach_evidence(
        score=score_of(personas.edition), upload=SimpleUploadedFile("a.pdf", b"%PDF-1.4\n%%EOF\n"),
        user=personas.users["reporter_x"],
    )  # fmt: skip
    assert Evidence.objects.get(pk=evidence.pk).uploaded_by.username == "reporter_x"
    with pytest.raises(ValidationError):
        writes.attach_evidence(score=score_of(personas.edition), upload=SimpleUploadedFile("a.exe", b"MZ\x90\x00"),
                               user=personas.users["reporter_x"])  # fmt: skip


# The history page -------------------------------------------------------------------------------


def test_the_history_page_names_authors_and_sources_in_vietnamese(personas):
    personas.set_status(Status.APPRAISAL)
    score = score_of(personas.edition)
    writes.set_scores(edition=personas.edition, changes=[writes.ScoreChange(score, {"points": D("3.5")})],
                      user=personas.users["appraiser"], reason="bảng điểm")  # fmt: skip
    html = personas.client("appraiser").get("/quan-ly/thu-2023/don-vi/A/lich-su/").content.decode()
    assert "Tạo mới: điểm thẩm định – → <strong>5,00</strong>" in html
    assert "Thay đổi: điểm thẩm định 5,00 → <strong>3,50</strong>" in html
    assert "points:" not in html and "self_points" not in html


def test_the_history_page_costs_the_same_queries_however_long_it_is(personas):
    personas.set_status(Status.APPRAISAL)
    client = personas.client("appraiser")

    def queries():
        with CaptureQueriesContext(connection) as ctx:
            assert client.get("/quan-ly/thu-2023/don-vi/A/lich-su/").status_code == 200
        return len(ctx.captured_queries)

    queries()  # the first request of a session renews it; the ones after do not, for a minute
    short = queries()
    for value in range(1, 40):
        writes.set_scores(edition=personas.edition, changes=[writes.ScoreChange(score_of(personas.edition), {
            "points": D(value % 6)})], user=personas.users["appraiser"], reason="x")  # fmt: skip
    assert queries() == short


# The rules on a value, in the edition format -------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("-1", "scores[1].score: “-1” là số âm (đơn vị “A”, tiêu chí “1.2”)"),
        ("1.234", "scores[1].score: “1.234” có quá 2 chữ số thập phân (đơn vị “A”, tiêu chí “1.2”)"),
        ("nhiều", "scores[1].score: “nhiều” không phải là số (đơn vị “A”, tiêu chí “1.2”)"),
        ("4.5", "scores[1].score: 4.5 vượt điểm tối đa 4 (đơn vị “A”, tiêu chí “1.2”)"),
    ],
)
def test_a_refused_score_names_its_unit_and_criterion(value, message):
    document = edition_doc()
    document["scores"][1]["score"] = value
    with pytest.raises(EditionInvalid) as refused:
        import_edition(document=document)
    assert message in refused.value.lines()


def test_the_same_rules_refuse_a_value_in_every_entry():
    """The format, the form and the Excel reader share one reading of points."""
    from scoring.points import PointsFormField
    from workspace.excel import cell_value

    for entry in (
        lambda: PointsFormField(max_points=D("4")).clean("-1"),
        lambda: cell_value("-1", None),
        lambda: import_edition(
            document={**edition_doc(), "scores": [{"unit": "A", "criterion": "1.1", "score": "-1"}]}
        ),
    ):
        with pytest.raises((ValidationError, ValueError, EditionInvalid), match="“-1” là số âm"):
            entry()

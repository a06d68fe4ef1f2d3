"""A unit submits its self-assessment once: its reporter submits, its head approves or sends it back; after the
deadline only the coordinator reopens it. Every refusal says why, in Vietnamese, and saves nothing."""

import datetime

import pytest

from scoring import setup, submissions
from scoring.cycle import ANYONE
from scoring.models import EditionEvent, Score, Submission
from scoring.writes import take_step
from tests.factories import make_edition
from workspace.access import roles_in
from workspace.models import Deadline
from workspace.roles import grant

pytestmark = pytest.mark.django_db


@pytest.fixture
def edition(django_user_model):
    edition = make_edition({"A": {"1.1": "5", "1.2": "3", "2": "8"}, "B": {"1.1": "4", "1.2": "3", "2": "6"}})
    roots = setup.read_framework([setup.FrameworkRow("1", "Chỉ đạo", ""),
                                  setup.FrameworkRow("1.1", "Kế hoạch", "6", evidence="Kế hoạch CCHC"),
                                  setup.FrameworkRow("1.2", "Báo cáo", "4"), setup.FrameworkRow("2", "Thể chế", "10")])  # fmt: skip
    setup.apply_framework(criteria_set=edition.criteria_sets.get(), roots=roots)
    take_step(edition=edition, action="open_self_assessment", user=None, roles=ANYONE)
    for name, kind, unit in (("bao-a", "reporter", "A"), ("truong-a", "unit_head", "A"), ("bao-b", "reporter", "B"),
                             ("dieu-phoi", "coordinator", "")):  # fmt: skip
        django_user_model.objects.create_user(name)
        grant(username=name, kind=kind, authority_slug=edition.authority.slug, unit_code=unit)
    return edition


def roles(django_user_model, edition, name):
    return roles_in(django_user_model.objects.get(username=name), edition.authority_id)


def fill(unit, *, explanation=True):
    Score.objects.filter(unit=unit).update(self_points=1)
    if explanation:
        Score.objects.filter(unit=unit, criterion__code="1.1").update(explanation="Kế hoạch số 12/KH-UBND")


def test_a_unit_submits_once_and_its_head_approves(client, django_user_model, edition):
    unit = edition.units.get(code="A")
    reporter = django_user_model.objects.get(username="bao-a")
    with pytest.raises(submissions.SubmissionRefused) as refused:
        submissions.submit(unit=unit, user=reporter, roles=roles(django_user_model, edition, "bao-a"))
    assert "chưa có điểm tự đánh giá" in str(refused.value) and len(refused.value.items) == 3
    fill(unit, explanation=False)
    with pytest.raises(submissions.SubmissionRefused) as refused:
        submissions.submit(unit=unit, user=reporter, roles=roles(django_user_model, edition, "bao-a"))
    assert "cần tài liệu kiểm chứng" in str(refused.value) and refused.value.items == ["1.1 Kế hoạch: Kế hoạch CCHC"]
    fill(unit)
    client.force_login(reporter)
    sheet = client.get(f"/quan-ly/{edition.slug}/don-vi/A/").content.decode()
    assert sheet.index('id="submission-title"') < sheet.index('id="scoresheet"')  # its forms are not in the sheet's
    client.post(f"/quan-ly/{edition.slug}/don-vi/A/nop/", {"hanh-dong": "nop"})
    assert Submission.objects.get(unit=unit).status == "submitted"
    # Submitted: the reporters change nothing more.
    html = client.get(f"/quan-ly/{edition.slug}/don-vi/A/").content.decode()
    assert "chỉ thay đổi được nếu người đứng đầu đơn vị trả lại" in html
    head = django_user_model.objects.get(username="truong-a")
    client.force_login(head)
    response = client.post(f"/quan-ly/{edition.slug}/don-vi/A/nop/", {"hanh-dong": "tra-lai", "ly-do": ""})
    assert Submission.objects.get(unit=unit).status == "submitted"  # a reason is needed to send it back
    client.post(f"/quan-ly/{edition.slug}/don-vi/A/nop/", {"hanh-dong": "duyet"})
    assert Submission.objects.get(unit=unit).status == "approved"
    assert list(EditionEvent.objects.filter(edition=edition, unit_code="A").values_list("action", flat=True)
                .order_by("at", "pk"))[-2:] == ["submit", "submission_approved"]  # fmt: skip
    assert response.status_code == 302


def test_someone_else_cannot_submit_or_decide(django_user_model, edition):
    unit = edition.units.get(code="A")
    fill(unit)
    with pytest.raises(submissions.SubmissionRefused, match="Chỉ người báo cáo"):
        submissions.submit(unit=unit, user=None, roles=roles(django_user_model, edition, "bao-b"))
    submissions.submit(unit=unit, user=None, roles=roles(django_user_model, edition, "bao-a"))
    with pytest.raises(submissions.SubmissionRefused, match="Chỉ người đứng đầu"):
        submissions.decide(unit=unit, user=None, roles=roles(django_user_model, edition, "bao-a"), approve=True)


def test_two_heads_deciding_at_once_the_second_is_refused(django_user_model, edition):
    unit = edition.units.get(code="A")
    fill(unit)
    submissions.submit(unit=unit, user=None, roles=ANYONE)
    head = roles(django_user_model, edition, "truong-a")
    Submission.objects.filter(unit=unit).update(status="approved")  # the other head was quicker
    with pytest.raises(submissions.SubmissionRefused, match="Không có bản nộp nào"):
        submissions.decide(unit=unit, user=None, roles=head, approve=False, reason="Thiếu")


def test_after_the_deadline_only_the_coordinator_reopens(django_user_model, edition):
    unit = edition.units.get(code="B")
    fill(unit)
    Deadline.objects.create(edition=edition, status="self_assessment", due=datetime.date(2026, 12, 15))
    late = datetime.date(2026, 12, 16)
    reporter = roles(django_user_model, edition, "bao-b")
    with pytest.raises(submissions.SubmissionRefused, match="15/12/2026"):
        submissions.submit(unit=unit, user=None, roles=reporter, deadline=datetime.date(2026, 12, 15), today=late)
    with pytest.raises(submissions.SubmissionRefused, match="Chỉ người điều phối"):
        submissions.reopen(unit=unit, user=None, roles=reporter, reason="Xin gia hạn")
    submissions.reopen(unit=unit, user=None, roles=roles(django_user_model, edition, "dieu-phoi"), reason="Mất điện")
    submissions.submit(unit=unit, user=None, roles=reporter, deadline=datetime.date(2026, 12, 15), today=late)
    assert Submission.objects.get(unit=unit).status == "submitted"
    assert EditionEvent.objects.filter(edition=edition, action="submission_reopened", remark="Mất điện").exists()

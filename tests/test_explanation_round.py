"""The explanation round (giải trình): released results, disputes by criterion, decided by the appraisers; open
disputes block approval; every refusal and race says why and saves nothing."""

import datetime

import pytest

from scoring import disputes
from scoring.cycle import ANYONE
from scoring.models import Dispute, EditionEvent, Score
from scoring.writes import StepRefused, take_step
from tests.factories import make_edition
from workspace.access import roles_in
from workspace.models import Deadline
from workspace.roles import grant

pytestmark = pytest.mark.django_db


@pytest.fixture
def round_(django_user_model):
    edition = make_edition({"A": {"1.1": "5", "1.2": "3", "2": "8"}, "B": {"1.1": "4", "1.2": "3", "2": "6"}})
    take_step(edition=edition, action="open_self_assessment", user=None, roles=ANYONE)
    Score.objects.filter(unit__edition=edition).update(self_points=3)
    take_step(edition=edition, action="start_appraisal", user=None, roles=ANYONE)
    # The appraisal lowers A's 1.1 and B's 2; the rest stays as self-assessed.
    Score.objects.filter(unit__code="A", criterion__code="1.1").update(points=1)
    Score.objects.filter(unit__code="B", criterion__code="2").update(points=2)
    for name, kind, unit in (("bao-a", "reporter", "A"), ("bao-b", "reporter", "B"), ("tham-dinh", "appraiser", ""),
                             ("tham-dinh-2", "appraiser", ""), ("phe-duyet", "approver", "")):  # fmt: skip
        django_user_model.objects.create_user(name)
        grant(username=name, kind=kind, authority_slug=edition.authority.slug, unit_code=unit)
    take_step(edition=edition, action="release_results", user=None, roles=ANYONE)
    return edition


def who(django_user_model, edition, name):
    user = django_user_model.objects.get(username=name)
    return user, roles_in(user, edition.authority_id)


def score(edition, unit, code):
    return Score.objects.select_related("unit", "criterion").get(unit__edition=edition, unit__code=unit,
                                                                 criterion__code=code)  # fmt: skip


def test_one_dispute_accepted_one_rejected_then_approval(client, django_user_model, round_):
    user, _roles = who(django_user_model, round_, "bao-a")
    client.force_login(user)
    page = client.get(f"/quan-ly/{round_.slug}/don-vi/A/giai-trinh/").content.decode()
    assert "1.1" in page and "Kế hoạch CCHC" in page and "Báo cáo CCHC" not in page  # only what was changed
    client.post(f"/quan-ly/{round_.slug}/don-vi/A/giai-trinh/",
                {"hanh-dong": "giai-trinh", "tieu-chi": "1.1", "noi-dung": "Kế hoạch số 12/KH-UBND ban hành đúng hạn"})  # fmt: skip
    b_user, b_roles = who(django_user_model, round_, "bao-b")
    disputes.open_dispute(score=score(round_, "B", "2"), user=b_user, roles=b_roles, text="Đã có kết quả khảo sát")
    # Open disputes block approval.
    approver = who(django_user_model, round_, "phe-duyet")
    with pytest.raises(StepRefused, match="2 giải trình"):
        take_step(edition=round_, action="approve_after_explanation", user=approver[0], roles=approver[1])
    appraiser, a_roles = who(django_user_model, round_, "tham-dinh")
    client.force_login(appraiser)
    a = Dispute.objects.get(score__unit__code="A")
    client.post(f"/quan-ly/{round_.slug}/don-vi/A/giai-trinh/",
                {"hanh-dong": "chap-nhan", "giai-trinh": a.pk, "diem": "2,5"})  # fmt: skip
    assert str(score(round_, "A", "1.1").points) == "2.50"
    b = Dispute.objects.get(score__unit__code="B")
    disputes.decide_dispute(dispute=b, user=appraiser, roles=a_roles, accept=False, why="Chưa có minh chứng")
    assert str(score(round_, "B", "2").points) == "2.00"
    page = client.get(f"/quan-ly/{round_.slug}/don-vi/A/giai-trinh/").content.decode()
    assert "3,00" in page and "1,00" in page and "2,50" in page  # self-assessed, appraised, after explanation
    take_step(edition=round_, action="approve_after_explanation", user=approver[0], roles=approver[1])
    actions = list(EditionEvent.objects.filter(edition=round_).values_list("action", flat=True))
    assert actions.count("dispute") == 2 and actions.count("dispute_decided") == 2


@pytest.mark.parametrize(
    ("unit", "code", "name", "message"),
    [
        ("A", "1.2", "bao-a", "không bị thay đổi khi thẩm định"),  # not changed
        ("B", "2", "bao-a", "Chỉ người báo cáo"),  # another unit
        ("A", "1.1", "tham-dinh", "Chỉ người báo cáo"),  # someone who does not report for it
    ],
)
def test_a_dispute_that_cannot_be_is_refused(django_user_model, round_, unit, code, name, message):
    user, roles = who(django_user_model, round_, name)
    with pytest.raises(disputes.DisputeRefused, match=message):
        disputes.open_dispute(score=score(round_, unit, code), user=user, roles=roles, text="Xin xem lại")
    assert not Dispute.objects.exists()


def test_after_the_window_closes_no_dispute(django_user_model, round_):
    Deadline.objects.create(edition=round_, status="explanation", due=datetime.date(2026, 12, 20))
    user, roles = who(django_user_model, round_, "bao-a")
    with pytest.raises(disputes.DisputeRefused, match="20/12/2026"):
        disputes.open_dispute(score=score(round_, "A", "1.1"), user=user, roles=roles, text="Xin xem lại",
                              deadline=datetime.date(2026, 12, 20), today=datetime.date(2026, 12, 21))  # fmt: skip


def test_two_appraisers_deciding_the_same_dispute_the_second_is_shown_the_first(django_user_model, round_):
    user, roles = who(django_user_model, round_, "bao-a")
    dispute = disputes.open_dispute(score=score(round_, "A", "1.1"), user=user, roles=roles, text="Xin xem lại")
    first, first_roles = who(django_user_model, round_, "tham-dinh")
    second, second_roles = who(django_user_model, round_, "tham-dinh-2")
    disputes.decide_dispute(dispute=dispute, user=first, roles=first_roles, accept=True, points="3")
    with pytest.raises(disputes.DisputeRefused, match="Đã được tham-dinh quyết định trước: Chấp nhận, 3"):
        disputes.decide_dispute(dispute=dispute, user=second, roles=second_roles, accept=False, why="Không đủ")
    assert Dispute.objects.get().status == "accepted"


def test_a_decision_needs_a_valid_score_or_a_reason(django_user_model, round_):
    user, roles = who(django_user_model, round_, "bao-a")
    dispute = disputes.open_dispute(score=score(round_, "A", "1.1"), user=user, roles=roles, text="Xin xem lại")
    appraiser, a_roles = who(django_user_model, round_, "tham-dinh")
    with pytest.raises(disputes.DisputeRefused, match="vượt điểm tối đa"):
        disputes.decide_dispute(dispute=dispute, user=appraiser, roles=a_roles, accept=True, points="9")
    with pytest.raises(disputes.DisputeRefused, match="lý do"):
        disputes.decide_dispute(dispute=dispute, user=appraiser, roles=a_roles, accept=False, why="")
    assert Dispute.objects.get().status == "open"


def test_the_units_are_told_of_the_release_and_the_raiser_of_the_decision(django_user_model, round_):
    from django.core import mail

    from workspace.reminders import send_reminders

    for name in ("bao-a", "bao-b"):
        django_user_model.objects.filter(username=name).update(email=f"{name}@example.gov.vn")
    send_reminders(today=datetime.date(2026, 12, 1))
    released = [m for m in mail.outbox if "Đã có kết quả thẩm định" in m.subject]
    assert sorted(m.to[0] for m in released) == ["bao-a@example.gov.vn", "bao-b@example.gov.vn"]
    assert "/giai-trinh/" in released[0].body
    user, roles = who(django_user_model, round_, "bao-a")
    dispute = disputes.open_dispute(score=score(round_, "A", "1.1"), user=user, roles=roles, text="Xin xem lại")
    appraiser, a_roles = who(django_user_model, round_, "tham-dinh")
    disputes.decide_dispute(dispute=dispute, user=appraiser, roles=a_roles, accept=False, why="Thiếu minh chứng")
    send_reminders(today=datetime.date(2026, 12, 2))
    decided = [m for m in mail.outbox if "đã được quyết định" in m.subject]
    assert [m.to for m in decided] == [["bao-a@example.gov.vn"]] and "Thiếu minh chứng" in decided[0].body
    before = len(mail.outbox)
    send_reminders(today=datetime.date(2026, 12, 2))
    assert len(mail.outbox) == before  # never twice

"""The cycle: each step by the role that owns it, recorded; appraisal starts from the self-assessment."""

from decimal import Decimal as D

import pytest

from scoring import cycle, writes
from scoring.models import Edition, EditionEvent, Score
from workspace.access import roles_in

pytestmark = pytest.mark.django_db
Status = Edition.Status


def step(personas, name, action, remark=""):
    user = personas.users[name]
    roles = roles_in(user, personas.edition.authority_id)
    return writes.take_step(edition=personas.edition, action=action, user=user, roles=roles, remark=remark)


def test_the_edition_moves_step_by_step_each_taken_by_its_role(personas):
    assert step(personas, "appraiser", "open_self_assessment").status == Status.SELF_ASSESSMENT
    assert step(personas, "appraiser", "start_appraisal").status == Status.APPRAISAL
    assert step(personas, "approver", "approve").status == Status.APPROVED
    assert step(personas, "approver", "send_back", remark="Thiếu minh chứng 1.1").status == Status.APPRAISAL
    events = list(EditionEvent.objects.filter(edition=personas.edition).exclude(action="import").order_by("at", "pk"))
    assert [(e.action, e.user.username) for e in events] == [
        ("open_self_assessment", "appraiser"),
        ("start_appraisal", "appraiser"),
        ("approve", "approver"),
        ("send_back", "approver"),
    ]
    assert events[-1].remark == "Thiếu minh chứng 1.1"


@pytest.mark.parametrize(
    ("name", "action"),
    [
        ("reporter_x", "open_self_assessment"),
        ("approver", "open_self_assessment"),
        ("publisher", "open_self_assessment"),
    ],
)
def test_a_step_is_refused_to_other_roles(personas, name, action):
    with pytest.raises(writes.StepRefused):
        step(personas, name, action)
    assert Edition.objects.get(pk=personas.edition.pk).status == Status.DRAFT


def test_a_step_out_of_order_is_refused(personas):
    with pytest.raises(writes.StepRefused, match="Bản nháp"):
        step(personas, "approver", "approve")


def test_sending_back_needs_a_reason(personas):
    personas.set_status(Status.APPROVED)
    with pytest.raises(writes.StepRefused):
        step(personas, "approver", "send_back", remark="  ")


def test_appraisal_starts_from_the_self_scores_and_records_it(personas):
    personas.set_status(Status.SELF_ASSESSMENT)
    score = Score.objects.get(unit__edition=personas.edition, unit__code="B", criterion__code="1.2")
    Score.objects.filter(pk=score.pk).update(points=D("1"), self_points=D("3.5"))
    step(personas, "appraiser", "start_appraisal")
    score.refresh_from_db()
    assert score.points == D("3.5")
    change = Score.history.filter(id=score.pk).latest("history_date")
    assert change.history_user.username == "appraiser"
    assert change.points == D("3.5")


def test_what_may_be_edited_follows_the_step_and_the_role(personas):
    roles = {name: roles_in(personas.users[name], personas.edition.authority_id) for name in personas.NAMES[1:]}
    personas.set_status(Status.SELF_ASSESSMENT)
    assert cycle.editable_fields(personas.edition, roles["reporter_x"], "A")[0] == {
        "self_points",
        "explanation",
        "evidence",
    }
    assert cycle.editable_fields(personas.edition, roles["reporter_x"], "B")[0] == set()
    fields, reason = cycle.editable_fields(personas.edition, roles["appraiser"], "A")
    assert fields == set()
    assert "tự đánh giá" in reason
    personas.set_status(Status.APPRAISAL)
    assert cycle.editable_fields(personas.edition, roles["appraiser"], "A")[0] == {"points", "not_assessed", "note"}
    assert cycle.editable_fields(personas.edition, roles["reporter_x"], "A")[0] == {"explanation", "evidence"}
    personas.set_status(Status.APPROVED)
    fields, reason = cycle.editable_fields(personas.edition, roles["superuser"], "A")
    assert fields == set()
    assert "phê duyệt" in reason

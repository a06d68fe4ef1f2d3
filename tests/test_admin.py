"""The admin: everything of a published edition is read-only; drafts can be edited."""

import datetime
from decimal import Decimal as D

import pytest
from django.contrib.auth.models import User
from django.urls import reverse

from scoring.models import Edition, Score, Unit
from scoring.writes import publish
from tests.factories import make_edition

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client):
    admin = User.objects.create_superuser("admin", "admin@example.gov.vn", "a-long-password-1")
    client.force_login(admin)
    return client


def test_a_published_score_cannot_be_changed_from_the_admin(admin_client):
    edition = publish(
        historical=True, edition=make_edition({"A": {"1.1": "5"}}), number="1/QĐ-UBND", date=datetime.date(2024, 1, 1)
    )
    score = Score.objects.filter(unit__edition=edition, criterion__code="1.1").get()
    url = reverse("admin:scoring_score_change", args=[score.pk])
    assert admin_client.get(url).status_code == 200  # it can be seen
    response = admin_client.post(url, {"unit": score.unit_id, "criterion": score.criterion_id, "points": "0"})
    assert response.status_code == 403
    score.refresh_from_db()
    assert score.points == D("5")


def test_a_published_edition_cannot_be_deleted_or_edited_from_the_admin(admin_client):
    edition = publish(historical=True, edition=make_edition(), number="1/QĐ-UBND", date=datetime.date(2024, 1, 1))
    assert (
        admin_client.post(reverse("admin:scoring_edition_delete", args=[edition.pk]), {"post": "yes"}).status_code
        == 403
    )
    response = admin_client.post(
        reverse("admin:scoring_edition_changelist"),
        {"action": "delete_selected", "_selected_action": [edition.pk], "post": "yes"},
    )
    assert Edition.objects.filter(pk=edition.pk).exists()
    assert response.status_code in (200, 302, 403)
    unit = Unit.objects.get(edition=edition)
    assert admin_client.post(reverse("admin:scoring_unit_change", args=[unit.pk]), {"name": "X"}).status_code == 403


def test_a_draft_score_can_be_changed_from_the_admin(admin_client):
    edition = make_edition({"A": {"1.1": "5"}})
    score = Score.objects.filter(unit__edition=edition, criterion__code="1.1").get()
    response = admin_client.post(
        reverse("admin:scoring_score_change", args=[score.pk]),
        {"unit": score.unit_id, "criterion": score.criterion_id, "points": "4,5", "self_points": "", "note": ""},
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    score.refresh_from_db()
    assert score.points == D("4.5")
    assert score.group_id == score.criterion.group_id


def test_every_admin_list_opens(admin_client):
    make_edition()
    for model in ["authority", "indexkind", "edition", "criteriaset", "criterion", "block", "unit", "score"]:
        assert admin_client.get(reverse(f"admin:scoring_{model}_changelist")).status_code == 200
    assert admin_client.get(reverse("admin:scoring_decision_changelist")).status_code == 200

"""Survey results entered as percentages become points: max × percent, rounded half up."""

from decimal import Decimal as D

import pytest

from scoring.models import Criterion, Edition, Score

pytestmark = pytest.mark.django_db


def test_percentages_become_points_half_up(personas):
    personas.set_status(Edition.Status.APPRAISAL)
    criterion = Criterion.objects.get(criteria_set__edition=personas.edition, code="2")  # a survey leaf, max 10
    a = Score.objects.get(criterion=criterion, unit__code="A")
    b = Score.objects.get(criterion=criterion, unit__code="B")
    client = personas.client("appraiser")
    url = f"/quan-ly/thu-2023/khao-sat/{criterion.pk}/"
    assert "Điểm = 10 × tỷ lệ" in client.get(url).content.decode() or "10 × tỷ lệ" in client.get(url).content.decode()
    response = client.post(url, {f"u{a.pk}": "75,81", f"u{b.pk}": "80.05"})
    assert response.status_code == 302
    a.refresh_from_db()
    b.refresh_from_db()
    assert (a.points, b.points) == (D("7.58"), D("8.01"))  # 7.581 → 7.58; 8.005 → 8.01 (half up)
    assert Score.history.filter(id=a.pk).latest("history_date").history_user.username == "appraiser"


def test_a_percentage_over_100_is_refused(personas):
    personas.set_status(Edition.Status.APPRAISAL)
    criterion = Criterion.objects.get(criteria_set__edition=personas.edition, code="2")
    a = Score.objects.get(criterion=criterion, unit__code="A")
    response = personas.client("appraiser").post(f"/quan-ly/thu-2023/khao-sat/{criterion.pk}/", {f"u{a.pk}": "120"})
    assert "“120” không phải là tỷ lệ phần trăm từ 0 đến 100." in response.content.decode()


def test_only_a_survey_criterion_of_this_edition(personas):
    personas.set_status(Edition.Status.APPRAISAL)
    other = Criterion.objects.get(criteria_set__edition=personas.edition, code="1.1")
    assert personas.client("appraiser").get(f"/quan-ly/thu-2023/khao-sat/{other.pk}/").status_code == 404

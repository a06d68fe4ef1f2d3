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
    url = f"/quan-ly/thu-2023/khao-sat/{criterion.criteria_set_id}/"
    assert "điểm = điểm tối đa của tiêu chí × tỷ lệ" in client.get(url).content.decode()
    response = client.post(url, {f"u{a.pk}": "75,81%", f"u{b.pk}": "80.05"})
    assert response.status_code == 302
    a.refresh_from_db()
    b.refresh_from_db()
    assert (a.points, b.points) == (D("7.58"), D("8.01"))  # 7.581 → 7.58; 8.005 → 8.01 (half up)
    assert (a.survey_percent, b.survey_percent) == (D("75.81"), D("80.05"))
    page = client.get(url).content.decode()
    assert 'value="75,81"' in page and 'value="80,05"' in page  # what was saved is shown again
    assert Score.history.filter(id=a.pk).latest("history_date").history_user.username == "appraiser"


def test_a_percentage_over_100_is_refused(personas):
    personas.set_status(Edition.Status.APPRAISAL)
    criterion = Criterion.objects.get(criteria_set__edition=personas.edition, code="2")
    a = Score.objects.get(criterion=criterion, unit__code="A")
    response = personas.client("appraiser").post(
        f"/quan-ly/thu-2023/khao-sat/{criterion.criteria_set_id}/", {f"u{a.pk}": "120"}
    )
    assert response.status_code == 400
    assert "“120” không phải là tỷ lệ phần trăm từ 0 đến 100." in response.content.decode()


def test_only_a_criteria_set_of_this_edition(personas):
    personas.set_status(Edition.Status.APPRAISAL)
    other = Criterion.objects.get(criteria_set__edition=personas.other, code="1.1")
    assert personas.client("appraiser").get(f"/quan-ly/thu-2023/khao-sat/{other.criteria_set_id}/").status_code == 404


def test_every_field_is_labelled_with_its_unit_and_criterion_in_vietnamese(personas):
    personas.set_status(Edition.Status.APPRAISAL)
    criterion = Criterion.objects.get(criteria_set__edition=personas.edition, code="2")
    a = Score.objects.get(criterion=criterion, unit__code="A")
    page = personas.client("appraiser").get(f"/quan-ly/thu-2023/khao-sat/{criterion.criteria_set_id}/").content.decode()
    assert f'<label for="id_u{a.pk}"' in page or 'aria-label="Đơn vị A, tiêu chí 2, tỷ lệ phần trăm"' in page
    assert "Percent" not in page

"""A unit's score sheet: who may enter what, Vietnamese validation beside the field, no lost updates, history."""

import re
from decimal import Decimal as D

import pytest

from scoring.models import Edition, Score

pytestmark = pytest.mark.django_db
Status = Edition.Status
URL = "/quan-ly/thu-2023/don-vi/{}/"


def score(code="A", criterion="1.1"):
    return Score.objects.get(unit__edition__slug="thu-2023", unit__code=code, criterion__code=criterion)


def sheet_data(client, code="A"):
    """What the browser would send back unchanged: every field with its value and hidden initial."""
    html = client.get(URL.format(code)).content.decode()
    data = {}
    for name, value in re.findall(r'<input type="(?:text|hidden)" name="([^"]+)" value="([^"]*)"', html):
        data[name] = value
    for name, value in re.findall(r'<input type="(?:text|hidden)" name="([^"]+)"[^>]*value="([^"]*)"', html):
        data.setdefault(name, value)
    for name in re.findall(r'<input type="(?:text|hidden)" name="([^"]+)"(?![^>]*value=)', html):
        data.setdefault(name, "")
    for name, value in re.findall(r'<textarea name="([^"]+)"[^>]*>\n?([^<]*)</textarea>', html):
        data[name] = value
    for name in re.findall(r'<input type="checkbox" name="([^"]+)"[^>]*checked', html):
        data[name] = "on"
    data["csrfmiddlewaretoken"] = ""
    return data


def test_a_reporter_enters_self_scores_during_self_assessment(personas):
    personas.set_status(Status.SELF_ASSESSMENT)
    client = personas.client("reporter_x")
    data = sheet_data(client)
    s = score()
    data[f"s{s.pk}-self_points"] = "4,5"
    response = client.post(URL.format("A"), data)
    assert response.status_code == 302
    s.refresh_from_db()
    assert s.self_points == D("4.5")
    assert s.points == D("5")  # the appraised score is not theirs to touch
    change = Score.history.filter(id=s.pk).latest("history_date")
    assert (change.history_user.username, change.self_points) == ("reporter_x", D("4.5"))


def test_an_invalid_score_is_explained_in_vietnamese_beside_the_field_and_nothing_typed_is_lost(personas):
    personas.set_status(Status.APPRAISAL)
    client = personas.client("appraiser")
    data = sheet_data(client)
    first, second = score(criterion="1.1"), score(criterion="1.2")
    data[f"s{first.pk}-points"] = "6,5"  # max 6
    data[f"s{second.pk}-points"] = "2,25"
    data[f"s{second.pk}-note"] = "Thiếu báo cáo quý IV"
    response = client.post(URL.format("A"), data)
    html = response.content.decode()
    assert response.status_code == 200
    assert "6,5 vượt điểm tối đa 6" in html
    assert f'id="id_s{first.pk}-points-error"' in html
    assert f'name="s{first.pk}-points" value="6,5"' in html
    assert 'aria-invalid="true"' in html
    assert f'name="s{second.pk}-points" value="2,25"' in html  # kept
    assert "Thiếu báo cáo quý IV" in html
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.points, second.points) == (D("5"), D("3"))  # nothing saved


def test_a_save_reads_only_the_rows_that_were_touched_and_shows_every_row_again_on_a_mistake(personas):
    personas.set_status(Status.APPRAISAL)
    client = personas.client("appraiser")
    data = sheet_data(client)
    first, second, third = score(criterion="1.1"), score(criterion="1.2"), score(criterion="2")
    # Another person's newer value of a row this page did not touch is no conflict, and stays.
    Score.objects.filter(pk=third.pk).update(points=D("7"), version=third.version + 1)
    data[f"s{first.pk}-points"] = "4,50"
    data[f"s{second.pk}-points"] = "3,00"  # the value it had, typed with its decimals: not a change
    assert client.post(URL.format("A"), data).status_code == 302
    assert [s.points for s in (score("A", "1.1"), score("A", "1.2"), score("A", "2"))] == [D("4.5"), D("3"), D("7")]
    # Only the touched row sent (as the page does without the others): the same save.
    data = sheet_data(client)
    only = {k: v for k, v in data.items() if k.startswith((f"s{second.pk}-", f"initial-s{second.pk}-"))}
    only[f"s{second.pk}-points"] = "2"
    assert client.post(URL.format("A"), only).status_code == 302
    assert score("A", "1.2").points == D("2")
    # A mistake in one row: the whole sheet comes back, every row with its field.
    data = sheet_data(client)
    data[f"s{first.pk}-points"] = "99"
    html = client.post(URL.format("A"), data).content.decode()
    assert f'name="s{first.pk}-points" value="99"' in html
    assert f'name="s{third.pk}-points" value="7"' in html
    assert f'name="s{third.pk}-note"' in html


@pytest.mark.parametrize(
    ("typed", "message"),
    [("abc", "“abc” không phải là số."), ("1,234", "“1,234” có quá 2 chữ số thập phân."), ("-1", "“-1” là số âm.")],
)
def test_each_kind_of_mistake_has_its_message(personas, typed, message):
    personas.set_status(Status.APPRAISAL)
    client = personas.client("appraiser")
    data = sheet_data(client)
    data[f"s{score().pk}-points"] = typed
    assert message in client.post(URL.format("A"), data).content.decode()


def test_the_appraiser_marks_a_criterion_not_assessed(personas):
    personas.set_status(Status.APPRAISAL)
    client = personas.client("appraiser")
    data = sheet_data(client)
    s = score(criterion="1.2")
    data[f"s{s.pk}-not_assessed"] = "on"
    data.pop(f"s{s.pk}-points")
    data[f"s{s.pk}-points"] = ""
    assert client.post(URL.format("A"), data).status_code == 302
    s.refresh_from_db()
    assert (s.not_assessed, s.points) == (True, None)


def test_a_second_save_on_stale_values_is_refused_and_shows_the_newer_values(personas):
    personas.set_status(Status.APPRAISAL)
    first, second = personas.client("appraiser"), personas.client("superuser")
    form_one, form_two = sheet_data(first), sheet_data(second)
    s = score()
    form_one[f"s{s.pk}-points"] = "4"
    assert first.post(URL.format("A"), form_one).status_code == 302
    form_two[f"s{s.pk}-points"] = "2"
    response = second.post(URL.format("A"), form_two)
    html = response.content.decode()
    assert response.status_code == 409
    assert "Chưa lưu: người khác đã thay đổi các điểm này" in html
    assert "hiện là <strong>4</strong> (do appraiser lưu), bạn nhập 2" in html
    s.refresh_from_db()
    assert s.points == D("4")


def test_saving_different_scores_of_the_same_unit_both_succeed(personas):
    personas.set_status(Status.APPRAISAL)
    first, second = personas.client("appraiser"), personas.client("superuser")
    form_one, form_two = sheet_data(first), sheet_data(second)
    a, b = score(criterion="1.1"), score(criterion="1.2")
    form_one[f"s{a.pk}-points"] = "4"
    form_two[f"s{b.pk}-points"] = "1"
    assert first.post(URL.format("A"), form_one).status_code == 302
    assert second.post(URL.format("A"), form_two).status_code == 302
    a.refresh_from_db()
    b.refresh_from_db()
    assert (a.points, b.points) == (D("4"), D("1"))


def test_outside_its_step_the_page_says_why_and_shows_no_form(personas):
    personas.set_status(Status.APPROVED)
    client = personas.client("appraiser")
    html = client.get(URL.format("A")).content.decode()
    assert "Kết quả đã được phê duyệt: không thể thay đổi" in html
    assert 'type="submit">Lưu' not in html
    assert client.post(URL.format("A"), {}).status_code == 403


def test_the_history_page_shows_who_changed_what(personas):
    personas.set_status(Status.APPRAISAL)
    client = personas.client("appraiser")
    data = sheet_data(client)
    s = score()
    data[f"s{s.pk}-points"] = "3,5"
    client.post(URL.format("A"), data)
    html = client.get(URL.format("A") + "lich-su/").content.decode()
    assert "appraiser" in html
    assert "→ <strong>3.50</strong>" in html or "→ <strong>3,50</strong>" in html


def test_the_draft_ranking_moves_with_the_scores(personas):
    personas.set_status(Status.APPRAISAL)
    client = personas.client("appraiser")
    before = client.get("/quan-ly/thu-2023/xep-hang/").content.decode()
    assert before.index(">Đơn vị A<") < before.index(">Đơn vị B<")
    data = sheet_data(client, "A")
    for criterion in ("1.1", "1.2", "2"):
        data[f"s{score(criterion=criterion).pk}-points"] = "0"
    client.post(URL.format("A"), data)
    after = client.get("/quan-ly/thu-2023/xep-hang/").content.decode()
    assert after.index(">Đơn vị B<") < after.index(">Đơn vị A<")

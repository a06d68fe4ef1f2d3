"""The coordinator's progress dashboard: per unit, what is entered of what applies, evidence, reporters' visits."""

import csv
import io

import pytest

from scoring import setup
from scoring.cycle import ANYONE
from scoring.models import Score
from scoring.writes import take_step
from tests.factories import make_edition
from workspace.roles import grant

pytestmark = pytest.mark.django_db


def test_the_dashboard_says_who_is_behind(client, django_user_model):
    edition = make_edition({"A": {"1.1": "5", "1.2": "3", "2": "8"}, "B": {"1.1": "4", "1.2": "3", "2": "6"}})
    roots = setup.read_framework([setup.FrameworkRow("1", "Chỉ đạo", ""),
                                  setup.FrameworkRow("1.1", "Kế hoạch", "6", evidence="Kế hoạch CCHC"),
                                  setup.FrameworkRow("1.2", "Báo cáo", "4"), setup.FrameworkRow("2", "Thể chế", "10")])  # fmt: skip
    setup.apply_framework(criteria_set=edition.criteria_sets.get(), roots=roots)
    take_step(edition=edition, action="open_self_assessment", user=None, roles=ANYONE)
    Score.objects.filter(unit__code="A").update(self_points=1)
    Score.objects.filter(unit__code="B", criterion__code="1.1").update(self_points=1)
    user = django_user_model.objects.create_user("dieu-phoi", password="a-long-password-1")
    grant(username="dieu-phoi", kind="coordinator", authority_slug=edition.authority.slug)
    reporter = django_user_model.objects.create_user("bao-a", password="a-long-password-1")
    grant(username="bao-a", kind="reporter", authority_slug=edition.authority.slug, unit_code="A")
    client.force_login(reporter)
    client.logout()
    client.force_login(user)
    html = client.get(f"/quan-ly/{edition.slug}/tien-do/").content.decode()
    assert "1/2" in html  # self-assessment complete for one unit of two
    assert "✗ chưa xong" in html and "✗ thiếu 1" in html
    response = client.get(f"/quan-ly/{edition.slug}/tien-do/?tai=csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][:5] == ["Khối", "Mã đơn vị", "Đơn vị", "Tự đánh giá", "Tiêu chí áp dụng"]
    a, b = rows[1], rows[2]
    assert a[1:9] == ["A", "Đơn vị A", "3", "3", "3", "0", "1", "1"] and a[9]  # A's reporter has logged in
    assert b[1:9] == ["B", "Đơn vị B", "1", "3", "3", "0", "1", "0"] and b[9] == ""


def test_a_reporter_does_not_see_the_dashboard(client, django_user_model):
    edition = make_edition()
    reporter = django_user_model.objects.create_user("bao-a", password="a-long-password-1")
    grant(username="bao-a", kind="reporter", authority_slug=edition.authority.slug, unit_code="A")
    client.force_login(reporter)
    assert client.get(f"/quan-ly/{edition.slug}/tien-do/").status_code == 403


def test_self_assessed_against_appraised_with_the_differences_in_excel(client, django_user_model):
    from openpyxl import load_workbook

    edition = make_edition({"A": {"1.1": "5", "1.2": "3", "2": "8"}, "B": {"1.1": "4", "1.2": None, "2": "6"}})
    Score.objects.filter(unit__code="A", criterion__code="1.1").update(self_points=6)
    Score.objects.filter(unit__code="A", criterion__code="1.2").update(self_points=4)
    Score.objects.filter(unit__code="A", criterion__code="2").update(self_points=8)
    Score.objects.filter(unit__code="B", criterion__code="1.1").update(self_points=4)
    Score.objects.filter(unit__code="B", criterion__code="2").update(self_points=9)
    user = django_user_model.objects.create_user("dieu-phoi", password="a-long-password-1")
    grant(username="dieu-phoi", kind="coordinator", authority_slug=edition.authority.slug)
    client.force_login(user)
    response = client.get(f"/quan-ly/{edition.slug}/so-lieu-giai-trinh.xlsx")
    assert 'filename="so-lieu-giai-trinh-thu-2023-cchc.xlsx"' in response["Content-Disposition"]
    sheet = load_workbook(io.BytesIO(response.content))["Khối so"]
    header = [c.value for c in sheet[1]]
    rows = {r[1]: dict(zip(header, r, strict=True)) for r in sheet.iter_rows(min_row=2, values_only=True)}
    a, b = rows["A"], rows["B"]
    assert (a["1 — tự đánh giá"], a["1 — thẩm định"], a["1 — chênh lệch"]) == (10, 8, -2)
    assert (a["Điểm tự đánh giá"], a["Điểm thẩm định"], a["Chênh lệch"]) == (18, 16, -2)
    assert (b["Điểm tự đánh giá"], b["Điểm thẩm định"], b["Chênh lệch"]) == (13, 10, -3)  # 1.2 not assessed

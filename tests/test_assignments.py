"""Assignments (phân công thẩm định): groups of criteria given to appraisers or to appraising departments; an appraiser
appraises only what is theirs, on the sheet, by Excel, by survey and in disputes; nobody appraises their own unit."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import load_workbook

from scoring import disputes
from scoring.cycle import ANYONE
from scoring.models import Assignment, Criterion, Dispute, EditionEvent, Evidence, Score, Unit
from scoring.writes import AssignmentRefused, ScoreChange, WriteRefused, assign, reason, set_scores, take_step
from tests.factories import make_edition
from workspace.access import roles_in
from workspace.roles import grant

pytestmark = pytest.mark.django_db
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def year(django_user_model):
    """Units A, B and the department C (Sở Tư pháp); group 1 goes to C's appraisers, criterion 2 to "nv"."""
    edition = make_edition(
        {"A": {"1.1": "5", "1.2": "3", "2": "8"}, "B": {"1.1": "4", "1.2": "2", "2": "6"},
         "C": {"1.1": "6", "1.2": "4", "2": "9"}}, slug="pc-2025",
    )  # fmt: skip
    take_step(edition=edition, action="open_self_assessment", user=None, roles=ANYONE)
    Score.objects.filter(unit__edition=edition).update(self_points=3)
    take_step(edition=edition, action="start_appraisal", user=None, roles=ANYONE)
    slug = edition.authority.slug
    for name, kind, unit in (("dieu-phoi", "coordinator", ""), ("nv", "appraiser", ""), ("tp", "appraiser", "C"),
                             ("tp-2", "appraiser", "C"), ("bao-a", "reporter", "A"), ("nv-a", "appraiser", ""),
                             ("nv-a", "reporter", "A")):  # fmt: skip
        django_user_model.objects.get_or_create(username=name, defaults={"first_name": name})
        grant(username=name, kind=kind, authority_slug=slug, unit_code=unit)
    coordinator = django_user_model.objects.get(username="dieu-phoi")
    appraisers = list(django_user_model.objects.filter(username__in=["nv", "tp", "tp-2", "nv-a"]))
    assign(edition=edition, criterion=Criterion.objects.get(criteria_set__edition=edition, code="1"), user=coordinator,
           department=Unit.objects.get(edition=edition, code="C"), appraisers=appraisers)  # fmt: skip
    assign(edition=edition, criterion=Criterion.objects.get(criteria_set__edition=edition, code="2"), user=coordinator,
           appraiser=django_user_model.objects.get(username="nv"), appraisers=appraisers)  # fmt: skip
    return edition


def who(django_user_model, edition, name):
    user = django_user_model.objects.get(username=name)
    return user, roles_in(user, edition.authority_id)


def score(edition, unit, code):
    return Score.objects.select_related("unit", "criterion").get(unit__edition=edition, unit__code=unit,
                                                                 criterion__code=code)  # fmt: skip


def sheet(client, edition, unit):
    return client.get(f"/quan-ly/{edition.slug}/don-vi/{unit}/").content.decode()


def test_a_department_appraises_its_group_and_only_it(client, django_user_model, year):
    user, _roles = who(django_user_model, year, "tp")
    client.force_login(user)
    page = sheet(client, year, "A")
    assert f'name="s{score(year, "A", "1.1").pk}-points"' in page
    assert f'name="s{score(year, "A", "2").pk}-points"' not in page
    assert "Cải cách thể chế" not in page  # criterion 2 is not theirs: not shown at all
    assert "2 trên 3 tiêu chí" in page
    # A posted value for a criterion that is not theirs is not saved.
    s11, s2 = score(year, "A", "1.1"), score(year, "A", "2")
    client.post(f"/quan-ly/{year.slug}/don-vi/A/", {
        f"s{s11.pk}-points": "4", f"initial-s{s11.pk}-points": "3", f"s{s11.pk}-version": s11.version,
        f"s{s2.pk}-points": "1", f"initial-s{s2.pk}-points": "3", f"s{s2.pk}-version": s2.version,
    })  # fmt: skip
    assert str(score(year, "A", "1.1").points) == "4.00"
    assert str(score(year, "A", "2").points) == "3.00"
    # The second appraiser of the department shares the assignment.
    other, roles = who(django_user_model, year, "tp-2")
    set_scores(edition=year, changes=[ScoreChange(score(year, "B", "1.2"), {"points": "1"})], user=other,
               reason=reason("sheet"), roles=roles)  # fmt: skip
    assert str(score(year, "B", "1.2").points) == "1.00"


def test_what_is_not_assigned_to_them_is_refused_and_nothing_is_saved(django_user_model, year):
    user, roles = who(django_user_model, year, "tp")
    changes = [
        ScoreChange(score(year, "A", "1.1"), {"points": "2"}),
        ScoreChange(score(year, "A", "2"), {"points": "1"}),
    ]
    with pytest.raises(WriteRefused, match="A 2"):
        set_scores(edition=year, changes=changes, user=user, reason=reason("sheet"), roles=roles)
    assert str(score(year, "A", "1.1").points) == "3.00"  # all or nothing
    nv, nv_roles = who(django_user_model, year, "nv")
    with pytest.raises(WriteRefused, match=r"B 1\.1"):
        set_scores(edition=year, changes=[ScoreChange(score(year, "B", "1.1"), {"note": "x"})], user=nv,
                   reason=reason("sheet"), roles=nv_roles)  # fmt: skip


def test_nobody_appraises_the_unit_they_report_for(client, django_user_model, year):
    user, roles = who(django_user_model, year, "nv-a")
    Assignment.objects.filter(criterion__code="2").update(appraiser=user)
    with pytest.raises(WriteRefused, match="A 2"):
        set_scores(edition=year, changes=[ScoreChange(score(year, "A", "2"), {"points": "1"})], user=user,
                   reason=reason("sheet"), roles=roles)  # fmt: skip
    set_scores(edition=year, changes=[ScoreChange(score(year, "B", "2"), {"points": "1"})], user=user,
               reason=reason("sheet"), roles=roles)  # fmt: skip
    client.force_login(user)
    page = sheet(client, year, "A")
    assert f'name="s{score(year, "A", "2").pk}-points"' not in page  # their own unit: explanation only
    assert f'name="s{score(year, "A", "2").pk}-explanation"' in page


def test_an_excel_upload_with_a_criterion_not_theirs_is_refused_whole(client, django_user_model, year):
    user, _roles = who(django_user_model, year, "tp")
    client.force_login(user)
    response = client.get(f"/quan-ly/{year.slug}/khoi/so/mau.xlsx")
    workbook = load_workbook(io.BytesIO(response.content))
    sheet_ = workbook[workbook.sheetnames[0]]
    header = [cell.value for cell in sheet_[1]]
    rows = {row[0].value: row for row in sheet_.iter_rows(min_row=2) if row[0].value}
    rows["A"][header.index("1.1")].value = 5
    rows["B"][header.index("2")].value = 0
    out = io.BytesIO()
    workbook.save(out)
    response = client.post(
        f"/quan-ly/{year.slug}/khoi/so/tai-len/", {"file": SimpleUploadedFile("d.xlsx", out.getvalue())}
    )
    assert response.status_code == 400
    assert "B 2" in response.content.decode() and "không được phân công" in response.content.decode()
    assert str(score(year, "A", "1.1").points) == "3.00"
    rows["B"][header.index("2")].value = 3
    out = io.BytesIO()
    workbook.save(out)
    response = client.post(
        f"/quan-ly/{year.slug}/khoi/so/tai-len/", {"file": SimpleUploadedFile("d.xlsx", out.getvalue())}
    )
    assert response.status_code == 302
    assert str(score(year, "A", "1.1").points) == "5.00"


def test_survey_results_only_by_whom_the_survey_criterion_is_assigned_to(client, django_user_model, year):
    criteria_set = score(year, "A", "2").criterion.criteria_set_id
    data = {f"u{s.pk}": "50" for s in Score.objects.filter(unit__edition=year, criterion__code="2")}
    user, _roles = who(django_user_model, year, "tp")
    client.force_login(user)
    client.post(f"/quan-ly/{year.slug}/khao-sat/{criteria_set}/", data)
    assert str(score(year, "A", "2").points) == "3.00"
    nv, _roles = who(django_user_model, year, "nv")
    client.force_login(nv)
    client.post(f"/quan-ly/{year.slug}/khao-sat/{criteria_set}/", data)
    assert str(score(year, "A", "2").points) == "5.00"


def test_a_dispute_is_decided_by_the_appraiser_of_its_criterion(django_user_model, year):
    Score.objects.filter(unit__edition=year, unit__code="A", criterion__code="2").update(points=1)
    take_step(edition=year, action="release_results", user=None, roles=ANYONE)
    reporter, r_roles = who(django_user_model, year, "bao-a")
    dispute = disputes.open_dispute(score=score(year, "A", "2"), user=reporter, roles=r_roles, text="Đã khảo sát",
                                    files=[SimpleUploadedFile("bien-ban.pdf", PDF)])  # fmt: skip
    assert [e.original_name for e in Evidence.objects.filter(dispute=dispute)] == ["bien-ban.pdf"]
    tp, tp_roles = who(django_user_model, year, "tp")
    with pytest.raises(disputes.DisputeRefused, match="tiêu chí 2"):
        disputes.decide_dispute(dispute=dispute, user=tp, roles=tp_roles, accept=True, points="3")
    nv, nv_roles = who(django_user_model, year, "nv")
    disputes.decide_dispute(dispute=dispute, user=nv, roles=nv_roles, accept=True, points="3")
    assert Dispute.objects.get(pk=dispute.pk).status == "accepted"


def test_a_dispute_with_a_file_that_is_not_a_document_saves_nothing(django_user_model, year):
    Score.objects.filter(unit__edition=year, unit__code="A", criterion__code="2").update(points=1)
    take_step(edition=year, action="release_results", user=None, roles=ANYONE)
    reporter, r_roles = who(django_user_model, year, "bao-a")
    with pytest.raises(disputes.DisputeRefused, match=r"virus\.exe"):
        disputes.open_dispute(score=score(year, "A", "2"), user=reporter, roles=r_roles, text="x",
                              files=[SimpleUploadedFile("virus.exe", b"MZ\x90\x00 not a document")])  # fmt: skip
    assert not Dispute.objects.exists() and not Evidence.objects.exists()


def test_the_take_this_value_button_accepts_the_self_assessed_score(client, django_user_model, year):
    Score.objects.filter(unit__edition=year, unit__code="A", criterion__code="2").update(points=1)
    take_step(edition=year, action="release_results", user=None, roles=ANYONE)
    reporter, r_roles = who(django_user_model, year, "bao-a")
    dispute = disputes.open_dispute(score=score(year, "A", "2"), user=reporter, roles=r_roles, text="Đã khảo sát")
    nv, _roles = who(django_user_model, year, "nv")
    client.force_login(nv)
    page = client.get(f"/quan-ly/{year.slug}/don-vi/A/giai-trinh/").content.decode()
    assert "Lấy điểm tự chấm (3,00)" in page
    client.post(f"/quan-ly/{year.slug}/don-vi/A/giai-trinh/", {"hanh-dong": "lay-tu-cham", "giai-trinh": dispute.pk})
    assert str(score(year, "A", "2").points) == "3.00"
    tp, _roles = who(django_user_model, year, "tp")
    client.force_login(tp)
    assert "Lấy điểm tự chấm" not in client.get(f"/quan-ly/{year.slug}/don-vi/A/giai-trinh/").content.decode()


def test_the_coordinator_assigns_on_one_page(client, django_user_model, year):
    coordinator, _roles = who(django_user_model, year, "dieu-phoi")
    client.force_login(coordinator)
    url = f"/quan-ly/{year.slug}/phan-cong/"
    page = client.get(url).content.decode()
    assert "Cải cách thể chế" in page and "tp-2 (C)" in page
    group = Criterion.objects.get(criteria_set__edition=year, code="1")
    nv = django_user_model.objects.get(username="nv")
    response = client.post(url, {f"g{group.pk}": f"u{nv.pk}"})
    assert response.status_code == 302
    assert Assignment.objects.get(criterion=group).appraiser == nv
    assert EditionEvent.objects.filter(edition=year, action="assignments", remark="1: nv").exists()
    response = client.post(url, {f"g{group.pk}": "u999999"})
    assert response.status_code == 400 and "Hãy chọn người thẩm định" in response.content.decode()
    response = client.post(url, {f"g{group.pk}": ""})  # taken back: nobody covers 1.1 and 1.2 now
    page = client.get(url).content.decode()
    assert "2 tiêu chí chưa được phân công" in page and "1.1, 1.2" in page
    reporter, _roles = who(django_user_model, year, "bao-a")
    client.force_login(reporter)
    assert client.get(url).status_code == 403


def test_only_the_authoritys_appraisers_and_the_editions_units(django_user_model, year):
    coordinator, _roles = who(django_user_model, year, "dieu-phoi")
    group = Criterion.objects.get(criteria_set__edition=year, code="1")
    stranger = django_user_model.objects.create_user("la")
    with pytest.raises(AssignmentRefused, match="không phải người thẩm định"):
        assign(edition=year, criterion=group, user=coordinator, appraiser=stranger, appraisers=[])
    other = make_edition({"Z": {"1.1": "1"}}, slug="khac-2025", authority="UBND tỉnh Khác")
    with pytest.raises(AssignmentRefused, match="đơn vị của kỳ"):
        assign(edition=year, criterion=group, user=coordinator, department=Unit.objects.get(edition=other))


def test_the_dashboard_counts_each_appraisers_scores(client, django_user_model, year):
    coordinator, _roles = who(django_user_model, year, "dieu-phoi")
    client.force_login(coordinator)
    page = client.get(f"/quan-ly/{year.slug}/tien-do/").content.decode()
    # tp and tp-2 share group 1 (2 criteria × 3 units); nv has criterion 2 (× 3 units); nv-a nothing.
    assert page.count("6/6") >= 2 and "3/3" in page and "0/0" in page


def test_a_dispute_is_sent_with_its_files_from_the_page(client, django_user_model, year):
    Score.objects.filter(unit__edition=year, unit__code="A", criterion__code="2").update(points=1)
    take_step(edition=year, action="release_results", user=None, roles=ANYONE)
    reporter, _roles = who(django_user_model, year, "bao-a")
    client.force_login(reporter)
    response = client.post(f"/quan-ly/{year.slug}/don-vi/A/giai-trinh/", {
        "hanh-dong": "giai-trinh", "tieu-chi": "2", "noi-dung": "Có biên bản",
        "tep": [SimpleUploadedFile("bien-ban.pdf", PDF), SimpleUploadedFile("anh.pdf", PDF)],
    })  # fmt: skip
    assert response.status_code == 302
    page = client.get(f"/quan-ly/{year.slug}/don-vi/A/giai-trinh/").content.decode()
    assert "bien-ban.pdf" in page and "anh.pdf" in page


def test_next_years_edition_keeps_the_assignments(django_user_model, year):
    from scoring.setup import copy_edition

    nxt = copy_edition(source=year, year=2026)
    kept = {(a.criterion.code, a.appraiser.username if a.appraiser else a.department.code)
            for a in Assignment.objects.filter(criterion__criteria_set__edition=nxt)
            .select_related("criterion", "appraiser", "department")}  # fmt: skip
    assert kept == {("1", "C"), ("2", "nv")}
    assert Assignment.objects.get(criterion__criteria_set__edition=nxt, criterion__code="1").department.edition == nxt

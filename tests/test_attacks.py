"""Each finding of the hardening review, replayed as the attacker did it, and refused (or made harmless).

The people: an appraiser of Huế who attacks Lai Châu's draft, a logged-in user with no role, a
stranger at the login page, an `is_staff` user of another authority, and anonymous visitors.
Every test here failed on the code before the review's fixes.
"""

import csv
import io
import json
import re
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from openpyxl import Workbook, load_workbook

from scoring.documents import EditionInvalid
from scoring.importing import import_edition
from scoring.models import Authority, Edition, EditionEvent, Evidence, Score, Unit
from scoring.writes import attach_evidence as attach
from tests.factories import edition_doc, make_edition
from workspace.roles import grant

pytestmark = pytest.mark.django_db

HUE, LAI_CHAU = "UBND thành phố Huế", "UBND tỉnh Lai Châu"


def upload_json(client, document, name="ke-hoach.json"):
    body = json.dumps(document, ensure_ascii=False).encode()
    return client.post("/quan-ly/nhap-tep/", {"file": SimpleUploadedFile(name, body)})


def user_with_role(django_user_model, name, kind, authority, **extra):
    user = django_user_model.objects.create_user(name, password="a-long-password-1", **extra)
    grant(username=name, kind=kind, authority_slug=authority.slug, unit_code="A" if kind == "reporter" else "")
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def victim():
    """Lai Châu's 2025 draft: two units, six scores."""
    return make_edition({"A": {"1.1": "5"}, "B": {"1.1": "4"}}, slug="lai-chau-2025", year=2025, authority=LAI_CHAU)


@pytest.fixture
def attacker(django_user_model):
    hue = make_edition({"H": {"1.1": "1"}}, slug="hue-2025", year=2025, authority=HUE)
    return user_with_role(django_user_model, "hue", "appraiser", hue.authority)


# 1. High — one authority replaces another's edition ---------------------------------------------


@pytest.mark.parametrize("status", [Edition.Status.DRAFT, Edition.Status.APPRAISAL])
def test_an_appraiser_of_one_authority_cannot_replace_anothers_edition(victim, attacker, status):
    Edition.objects.filter(pk=victim.pk).update(status=status)
    response = upload_json(attacker, edition_doc({"X": {}}, slug="lai-chau-2025", year=2025, authority=HUE))
    assert response.status_code == 400
    assert "đang được một kỳ đánh giá của cơ quan khác sử dụng" in response.content.decode()
    victim = Edition.objects.get(slug="lai-chau-2025")
    assert victim.authority.name == LAI_CHAU
    assert victim.status == status
    assert sorted(victim.units.values_list("code", flat=True)) == ["A", "B"]
    assert Score.objects.filter(unit__edition=victim).count() == 6


def test_the_import_itself_refuses_to_move_an_edition_to_another_authority(victim):
    with pytest.raises(EditionInvalid, match="cơ quan khác"):
        import_edition(document=edition_doc(slug="lai-chau-2025", year=2025, authority=HUE))
    assert Edition.objects.get(slug="lai-chau-2025").authority.name == LAI_CHAU


def test_an_appraiser_cannot_import_for_an_authority_that_is_not_theirs(victim, attacker):
    response = upload_json(attacker, edition_doc({"X": {}}, slug="lai-chau-2026", year=2026, authority=LAI_CHAU))
    assert response.status_code == 400
    assert "bạn không được nhập kỳ đánh giá của UBND tỉnh Lai Châu" in response.content.decode()
    assert not Edition.objects.filter(slug="lai-chau-2026").exists()


def test_a_trail_does_not_follow_its_slug_into_another_authority(victim, django_user_model):
    EditionEvent.objects.create(edition=victim, action="approve", remark="ghi chú nội bộ của Lai Châu")
    victim.delete()  # an administrator deletes the draft; Huế later uses the same slug
    hue = make_edition({"H": {"1.1": "1"}}, slug="lai-chau-2025", year=2025, authority=HUE)
    client = user_with_role(django_user_model, "hue", "appraiser", hue.authority)
    html = client.get("/quan-ly/lai-chau-2025/").content.decode()
    assert "ghi chú nội bộ của Lai Châu" not in html


# 2. Medium — an import rewrites the authority that published decisions show -------------------


def test_an_import_does_not_rewrite_the_authority_of_published_decisions(seeds):
    quang_nam = seeds["quang-nam-2023-cchc"].authority
    document = edition_doc(slug="quang-nam-2030", year=2030, authority=quang_nam.name)
    document["authority"].update({"province": "Tỉnh Khác", "summary_leaders": 3})
    with pytest.raises(EditionInvalid) as refused:
        import_edition(document=document)
    lines = refused.value.lines()
    assert any(
        line.startswith("authority.province: UBND tỉnh Quảng Nam đang được ghi là “Quảng Nam”") for line in lines
    )
    assert any(line.startswith("authority.summary_leaders:") for line in lines)
    quang_nam.refresh_from_db()
    assert (quang_nam.province, quang_nam.summary_leaders) == ("Quảng Nam", 1)


def test_a_published_decision_shows_its_authority_as_it_was_when_published(client, seeds):
    Authority.objects.filter(slug="ubnd-tinh-quang-nam").update(name="UBND tỉnh Đổi Tên", province="Đổi Tên")
    html = client.get("/cong-bo/quang-nam-2023-cchc/").content.decode()
    assert "UBND tỉnh Quảng Nam" in html and "Đổi Tên" not in html
    record = client.get("/api/v1/editions/quang-nam-2023-cchc/").json()
    assert record["edition"]["authority"] == "UBND tỉnh Quảng Nam"
    listed = client.get("/api/v1/editions/?authority=ubnd-tinh-quang-nam").json()["results"]
    assert {e["province"] for e in listed} == {"Quảng Nam"}


# 3. Medium — formula injection in downloads --------------------------------------------------

FORMULAS = ["=cmd|' /C calc'!A0", '=HYPERLINK("https://evil.example","Bấm")', "+1+1", "-2+3", "@SUM(A1)"]


@pytest.fixture
def formulas():
    document = edition_doc({f"U{i}": {"1.1": str(i)} for i in range(len(FORMULAS))}, slug="cong-thuc-2023")
    for i, text in enumerate(FORMULAS):
        document["blocks"][0]["units"][i]["name"] = text
    edition = import_edition(document=document)
    Edition.objects.filter(pk=edition.pk).update(status=Edition.Status.APPROVED)
    from scoring.writes import publish

    publish(edition=edition, number="1/QĐ-UBND", date=__import__("datetime").date(2023, 12, 1))
    return edition


def test_a_csv_download_neutralises_cells_a_spreadsheet_would_run(client, formulas):
    body = client.get("/cong-bo/cong-thuc-2023/tai-ve.csv").content.decode("utf-8-sig")
    names = {row["name"] for row in csv.DictReader(io.StringIO(body))}
    assert names == {"'" + text for text in FORMULAS}


def test_xlsx_downloads_and_the_staff_template_write_names_as_text(client, formulas, django_user_model):
    workbook = load_workbook(io.BytesIO(client.get("/cong-bo/cong-thuc-2023/tai-ve.xlsx").content))
    cells = [cell for cell in workbook.worksheets[1]["D"][1:]]
    assert {cell.value for cell in cells} == set(FORMULAS)
    assert {cell.data_type for cell in cells} == {"s"}

    staff = user_with_role(django_user_model, "tham-dinh", "appraiser", formulas.authority)
    template = load_workbook(io.BytesIO(staff.get("/quan-ly/cong-thuc-2023/khoi/so/mau.xlsx").content))
    cells = [cell for cell in template.worksheets[0]["B"][3:]]
    assert {cell.value for cell in cells} == set(FORMULAS)
    assert {cell.data_type for cell in cells} == {"s"}


# 4. Medium — anyone can lock any account out ----------------------------------------------------

LOGIN = "/quan-ly/dang-nhap/"


@pytest.fixture
def behind_proxy(settings):
    settings.TRUSTED_PROXIES = 1
    return settings


def login(username, password, address):
    """A login through the reverse proxy, which appends the client's address to X-Forwarded-For."""
    client = Client(REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR=f"10.9.9.9, {address}")
    return client.post(LOGIN, {"username": username, "password": password})


def test_a_stranger_cannot_lock_the_owner_out_of_their_account(behind_proxy, django_user_model, monkeypatch):
    django_user_model.objects.create_user("lan", password="the-right-password-1")
    clock = [1_000_000.0]
    monkeypatch.setattr("workspace.throttle.time.time", lambda: clock[0])
    for _attempt in range(behind_proxy.AXES_FAILURE_LIMIT):
        login("lan", "guess", "6.6.6.6")
    # The stranger's address is locked, even with the right password …
    assert login("lan", "the-right-password-1", "6.6.6.6").status_code == 429
    # … the owner, from their own address, only waits a moment before logging in.
    slowed = login("lan", "the-right-password-1", "1.2.3.4")
    assert slowed.status_code == 429
    assert "Xin đợi 1 giây rồi thử lại" in slowed.content.decode()
    clock[0] += 1
    assert login("lan", "the-right-password-1", "1.2.3.4").status_code == 302


def test_guesses_from_many_addresses_are_slowed_to_one_a_minute(behind_proxy, django_user_model, monkeypatch):
    django_user_model.objects.create_user("lan", password="the-right-password-1")
    clock = [1_000_000.0]
    monkeypatch.setattr("workspace.throttle.time.time", lambda: clock[0])
    waits = []
    for attempt in range(12):
        response = login("lan", "guess", f"6.6.6.{attempt}")
        if response.status_code == 429:
            waits.append(int(response["Retry-After"]))
            clock[0] += int(response["Retry-After"])
            assert login("lan", "guess", f"6.6.6.{attempt}").status_code == 200
    assert waits == [1, 2, 4, 8, 16, 32, 60]


def test_an_address_forged_in_the_header_does_not_escape_the_lockout(behind_proxy, django_user_model):
    django_user_model.objects.create_user("lan", password="the-right-password-1")
    for attempt in range(behind_proxy.AXES_FAILURE_LIMIT):
        client = Client(REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR=f"9.9.9.{attempt}, 6.6.6.6")
        client.post(LOGIN, {"username": f"nobody{attempt}", "password": "guess"})
    assert login("lan", "the-right-password-1", "6.6.6.6").status_code == 429


def test_without_a_trusted_proxy_the_forwarded_header_is_ignored(django_user_model):
    django_user_model.objects.create_user("lan", password="the-right-password-1")
    for attempt in range(5):
        client = Client(REMOTE_ADDR="8.8.8.8", HTTP_X_FORWARDED_FOR=f"1.1.1.{attempt}")
        client.post(LOGIN, {"username": f"nobody{attempt}", "password": "guess"})
    client = Client(REMOTE_ADDR="8.8.8.8", HTTP_X_FORWARDED_FOR="1.2.3.4")
    assert client.post(LOGIN, {"username": "lan", "password": "the-right-password-1"}).status_code == 429


# 5. Medium — memory exhaustion by any logged-in user; 15. no request-size limit ------------------


def test_the_import_page_reads_nothing_from_a_user_without_the_role(victim, django_user_model):
    client = user_with_role(django_user_model, "bao-cao", "reporter", victim.authority)
    big = client.post("/quan-ly/nhap-tep/", {"file": SimpleUploadedFile("lon.json", b" " * (6 * 1024 * 1024))})
    assert big.status_code == 413
    assert "lớn hơn mức trang này nhận" in big.content.decode()
    small = upload_json(client, edition_doc(slug="lai-chau-2025", year=2025, authority=LAI_CHAU))
    assert "Bạn chỉ được nhập kỳ đánh giá của cơ quan mình" in small.content.decode()
    assert Edition.objects.get(slug="lai-chau-2025").units.count() == 2


def test_request_bodies_are_refused_unread_above_what_their_page_takes(personas):
    huge = {"CONTENT_LENGTH": str(200 * 1024 * 1024)}
    assert Client().post("/quan-ly/nhap-tep/", {"x": "1"}, **huge).status_code == 413
    assert personas.client("reporter_x").post("/quan-ly/thu-2023/don-vi/A/", {"x": "1"}, **huge).status_code == 413
    assert Client().post("/api/v1/editions/", {"x": "1"}, **huge).status_code == 413
    # An appraiser's edition file may be up to 50 MB: 30 MB is read (and refused only for what it is).
    appraiser = personas.client("appraiser")
    response = appraiser.post("/quan-ly/nhap-tep/", {"file": SimpleUploadedFile("a.json", b"[" * (30 * 1024 * 1024))})
    assert response.status_code == 400
    assert "tài liệu lồng nhau quá sâu" in response.content.decode()


# 6. Low — an appraiser's Excel upload kills a worker ----------------------------------------------


def workbook_bytes(workbook):
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def test_a_workbook_far_larger_than_the_block_is_refused_unread(personas):
    personas.set_status(Edition.Status.APPRAISAL)
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Khối so")
    for row in range(3000):
        sheet.append([f"U{row}", "x", *range(100)])
    response = personas.client("appraiser").post(
        "/quan-ly/thu-2023/khoi/so/tai-len/", {"file": SimpleUploadedFile("lon.xlsx", workbook_bytes(workbook))}
    )
    assert response.status_code == 400
    assert "Sổ tính lớn hơn nhiều so với mẫu của khối này (2 đơn vị, 3 tiêu chí)" in response.content.decode()


def test_rows_beyond_the_blocks_table_are_refused(personas):
    personas.set_status(Edition.Status.APPRAISAL)
    client = personas.client("appraiser")
    workbook = load_workbook(io.BytesIO(client.get("/quan-ly/thu-2023/khoi/so/mau.xlsx").content))
    workbook["Khối so"]["C200"] = 1
    response = client.post(
        "/quan-ly/thu-2023/khoi/so/tai-len/", {"file": SimpleUploadedFile("diem.xlsx", workbook_bytes(workbook))}
    )
    assert response.status_code == 400
    assert "trang tính vượt ra ngoài bảng của khối" in response.content.decode()


# 7. Low — imported names are chart markup -----------------------------------------------------

MARKUP = '<a href="https://evil.example/">Bấm vào đây</a>'


def figures(client, html):
    """The figures plotly draws, and the SVG drawn on the server, of every chart of a page."""
    found = []
    for url in re.findall(r'data-figure-url="([^"]+)"', html):
        found.append(client.get(url).json())
        found.append(client.get(url.replace(".json", ".svg")).content.decode())
    return found


def test_names_reach_the_charts_as_text_not_markup(client):
    document = edition_doc({"A": {"1.1": "5"}, "B": {"1.1": "4"}}, slug="nhan-2023")
    document["blocks"][0]["units"][0]["name"] = MARKUP
    document["blocks"][0]["units"][1]["name"] = '<span style="font-size:60px">To</span>'
    document["bands"][0]["label"] = "<b>Xuất sắc</b>"
    edition = import_edition(document=document)
    Edition.objects.filter(pk=edition.pk).update(status=Edition.Status.APPROVED)
    from scoring.writes import publish

    publish(edition=edition, number="2/QĐ-UBND", date=__import__("datetime").date(2023, 12, 1))
    charts = figures(client, client.get("/cong-bo/nhan-2023/").content.decode())
    assert len(charts) == 4
    text = json.dumps(charts, ensure_ascii=False)
    assert "<a href" not in text and "<span style" not in text and "<b>Xuất sắc</b>" not in text
    assert "&lt;a href=&quot;https://evil.example/&quot;&gt;Bấm vào đây&lt;/a&gt;" in text
    unit_chart = figures(client, client.get("/cong-bo/nhan-2023/don-vi/A/").content.decode())
    assert "<a href" not in json.dumps(unit_chart, ensure_ascii=False)


# 8. Low — block codes set the downloaded file's name; 10. codes with "/" break pages -------------


@pytest.mark.parametrize(
    ("place", "code"),
    [("block", "x\"; filename*=UTF-8''x.html"), ("unit", "a/b"), ("criterion", "1/2"), ("unit", "có dấu cách")],
)
def test_codes_outside_the_safe_alphabet_are_refused(place, code):
    document = edition_doc()
    if place == "block":
        document["blocks"][0]["code"] = code
    elif place == "unit":
        document["blocks"][0]["units"][0]["code"] = code
        for score in document["scores"]:
            score["unit"] = code
    else:
        document["criteria_sets"]["chung"][1]["code"] = code
    with pytest.raises(EditionInvalid, match="không phải là mã hợp lệ"):
        import_edition(document=document)


def test_the_admin_refuses_a_code_with_a_slash_too():
    edition = make_edition()
    unit = Unit(edition=edition, block=edition.blocks.get(), code="a/b", name="Đơn vị a/b")
    with pytest.raises(ValidationError):
        unit.full_clean()


def test_download_names_are_written_by_djangos_header_helper(client):
    document = edition_doc(slug="ten-tep-2023")
    document["blocks"][0]["code"] = "xã"
    edition = import_edition(document=document)
    Edition.objects.filter(pk=edition.pk).update(status=Edition.Status.APPROVED)
    from scoring.writes import publish

    publish(edition=edition, number="3/QĐ-UBND", date=__import__("datetime").date(2023, 12, 1))
    response = client.get("/cong-bo/ten-tep-2023/khoi/xã/tai-ve.csv")
    assert response["Content-Disposition"] == "attachment; filename*=utf-8''ten-tep-2023-x%C3%A3.csv"


# 9. Low — a bad Host header gives 500 -------------------------------------------------------------


def test_a_forged_host_gets_the_400_page(client, seeds):
    response = client.get("/cong-bo/quang-nam-2023-cchc/", HTTP_HOST="evil.example")
    assert response.status_code == 400
    assert "Yêu cầu không hợp lệ" in response.content.decode()


def test_a_forged_forwarded_host_behind_the_proxy_gets_the_400_page(client, settings):
    settings.USE_X_FORWARDED_HOST = True
    response = client.get("/", HTTP_X_FORWARDED_HOST="evil.example")
    assert response.status_code == 400
    assert "Yêu cầu không hợp lệ" in response.content.decode()


# 11. Low — a malformed import gives 500 -------------------------------------------------------------


def test_an_authority_name_that_is_not_text_is_refused_with_a_message(personas):
    document = edition_doc(slug="thu-2023")
    document["authority"]["name"] = 123
    response = upload_json(personas.client("appraiser"), document)
    assert response.status_code == 400
    assert "authority.name: phải là chuỗi ký tự" in response.content.decode()


# 12. Low — re-importing over a draft with evidence gives 500 --------------------------------------


def test_reimporting_over_a_draft_with_evidence_is_refused_and_keeps_it(personas, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    score = Score.objects.get(unit__edition=personas.edition, unit__code="A", criterion__code="1.1")
    attach(score=score, upload=SimpleUploadedFile("a.pdf", b"%PDF-1.4\n%%EOF\n"), user=personas.users["reporter_x"])
    response = upload_json(personas.client("appraiser"), edition_doc(slug="thu-2023"))
    assert response.status_code == 400
    assert (
        "bản nháp “thu-2023” đang giữ những gì các đơn vị đã đính kèm (1 tài liệu kiểm chứng)"
        in response.content.decode()
    )
    assert Evidence.objects.filter(score=score).exists()


def test_an_administrator_can_still_delete_a_draft_with_evidence(personas, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    score = Score.objects.get(unit__edition=personas.edition, unit__code="A", criterion__code="1.1")
    attach(score=score, upload=SimpleUploadedFile("a.pdf", b"%PDF-1.4\n%%EOF\n"), user=personas.users["reporter_x"])
    personas.edition.delete()
    assert not Evidence.objects.exists()
    assert not Edition.objects.filter(slug="thu-2023").exists()


# 13. Low — any is_staff user previews every authority's drafts -------------------------------------


def test_staff_of_another_authority_get_the_publics_404_for_a_draft(personas, django_user_model):
    admin_only = django_user_model.objects.create_user("nhanvien", password="a-long-password-1", is_staff=True)
    client = Client()
    client.force_login(admin_only)
    assert client.get("/cong-bo/thu-2023/").status_code == 404
    assert personas.client("other_appraiser").get("/cong-bo/thu-2023/").status_code == 404
    assert personas.client("reporter_x").get("/cong-bo/thu-2023/").status_code == 200
    assert personas.client("superuser").get("/cong-bo/thu-2023/").status_code == 200


# 14. Low — junk query strings bypass the page cache --------------------------------------------------


def test_junk_query_strings_are_served_the_cached_page(client, seeds, django_assert_num_queries):
    first = client.get("/cong-bo/quang-nam-2023-cchc/")
    with django_assert_num_queries(0):
        junk = client.get("/cong-bo/quang-nam-2023-cchc/?x=a1b2c3&utm=<script>")
    assert junk.status_code == 200
    assert junk.content == first.content
    sorted_page = client.get("/cong-bo/quang-nam-2023-cchc/?so-sort=-percent&x=1")
    assert "x=1" not in sorted_page.content.decode()


def test_pages_see_only_the_parameters_they_read(client, seeds):
    html = client.get("/?nam=2023&evil=%22%3E%3Ci%3E").content.decode()
    assert "evil" not in html


# 16. Info — macro-enabled workbooks and fake DOCX pass as evidence ----------------------------------


def office(parts):
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in parts.items():
            archive.writestr(name, content)
    return out.getvalue()


def real_xlsx():
    workbook = Workbook()
    workbook.active["A1"] = 1
    return workbook_bytes(workbook)


def macro_enabled(xlsx):
    with zipfile.ZipFile(io.BytesIO(xlsx)) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    parts["[Content_Types].xml"] = parts["[Content_Types].xml"].replace(
        b"spreadsheetml.sheet.main+xml", b"ms-excel.sheet.macroEnabled.main+xml"
    )
    parts["xl/vbaProject.bin"] = b"\xd0\xcf\x11\xe0 macros"
    return office(parts)


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("bang.xlsm", "macro"),
        (
            "gia.docx",
            office(
                {"[Content_Types].xml": "<Types/>", "word/document.xml": "<html><body>không phải Word</body></html>"}
            ),
        ),
    ],
)
def test_macro_enabled_and_fake_office_files_are_refused_as_evidence(personas, settings, tmp_path, name, content):
    settings.MEDIA_ROOT = tmp_path
    personas.set_status(Edition.Status.SELF_ASSESSMENT)
    content = macro_enabled(real_xlsx()) if content == "macro" else content
    response = personas.client("reporter_x").post(
        "/quan-ly/thu-2023/don-vi/A/minh-chung/1.1/", {"file": SimpleUploadedFile(name, content)}
    )
    assert response.status_code == 400
    assert "Tệp này không phải tài liệu PDF, Word (DOCX), Excel (XLSX), JPG hay PNG" in response.content.decode()
    assert not Evidence.objects.exists()


# 17. Info — no Permissions-Policy header -------------------------------------------------------------


def test_pages_refuse_browser_features_they_do_not_use(client):
    policy = client.get("/")["Permissions-Policy"]
    for feature in ("camera=()", "microphone=()", "geolocation=()", "payment=()"):
        assert feature in policy

"""The yearly cycle in Chromium: reporter → appraiser (a mistake, corrected) → approver → publisher → citizen."""

import json
import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import screenshot
from tests.factories import edition_doc

pytestmark = pytest.mark.browser
PASSWORD = "browser-test-password-1"
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture(scope="module")
def cycle_edition(portal, tmp_path_factory):
    """A draft edition "chu-trinh-2025" with two units, and one account per role."""
    _base, _env, manage = portal
    doc = edition_doc(
        {"A": {"1.1": "0", "1.2": "0", "2": "0"}, "B": {"1.1": "3", "1.2": "2", "2": "5"}},
        slug="chu-trinh-2025",
        year=2025,
        authority="UBND tỉnh Chu Trình",
    )
    path = tmp_path_factory.mktemp("cycle") / "edition.json"
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    manage("import_edition", str(path))
    users = {"bao": "reporter", "tham": "appraiser", "duyet": "approver", "cong": "publisher"}
    code = "from django.contrib.auth.models import User\n" + "".join(
        f"User.objects.create_user({name!r}, password={PASSWORD!r}, first_name={name.title()!r})\n" for name in users
    )
    manage("shell", "-c", code)
    for name, role in users.items():
        extra = ["--unit", "A"] if role == "reporter" else []
        manage("grant", name, role, "--authority", "ubnd-tinh-chu-trinh", *extra)
    return "chu-trinh-2025"


def login(page, base, name):
    page.goto(base + "/quan-ly/dang-nhap/")
    page.get_by_label("Tên đăng nhập").fill(name)
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    expect(page.locator("h1")).to_have_text("Trang làm việc")


def ranking_order(page, base, slug):
    page.goto(f"{base}/quan-ly/{slug}/xep-hang/")
    return page.locator("table.ranking tbody th a").all_inner_texts()


def test_the_yearly_cycle_from_self_assessment_to_publication(open_page, portal, cycle_edition, tmp_path):
    base = portal[0]
    slug = cycle_edition

    # The appraiser opens self-assessment.
    appraiser = open_page()
    login(appraiser, base, "tham")
    appraiser.get_by_role("link", name=re.compile("Chỉ số cải cách hành chính năm 2025")).click()
    appraiser.get_by_role("button", name="Mở tự đánh giá…").click()
    appraiser.get_by_role("button", name="Đồng ý: Mở tự đánh giá").click()  # each step is confirmed
    expect(appraiser.locator(".cycle [aria-current=step]")).to_have_text("Tự đánh giá")

    # The reporter of unit A enters its self-assessment and attaches evidence.
    reporter = open_page()
    login(reporter, base, "bao")
    reporter.goto(f"{base}/quan-ly/{slug}/don-vi/A/")
    reporter.get_by_label("Điểm tự đánh giá, 1.1. Kế hoạch CCHC").fill("5,5")
    reporter.get_by_label("Điểm tự đánh giá, 1.2. Báo cáo CCHC").fill("4")
    reporter.get_by_label("Điểm tự đánh giá, 2. Cải cách thể chế").fill("9.25")
    expect(reporter.locator("#total-score")).to_have_text("18,75")  # the subtotals follow the typing
    # The group's subtotal stands in the self-assessment column (the 4th), the one being typed in.
    expect(reporter.locator("tr.group-row").first.locator("td").nth(2)).to_have_text("9,50/10,00")
    screenshot(reporter, "10-reporter-self-assessment")
    reporter.get_by_role("button", name="Lưu").click()
    expect(reporter.locator(".message")).to_contain_text("Đã lưu 3 điểm")
    pdf = tmp_path / "ke-hoach.pdf"
    pdf.write_bytes(PDF)
    row = reporter.locator("tr.leaf").first
    row.get_by_label("Đính kèm").set_input_files(str(pdf))  # attached within its row
    expect(row.get_by_role("link", name="ke-hoach.pdf")).to_be_visible()
    reporter.get_by_label("Giải trình, 1.1. Kế hoạch CCHC").fill("Kế hoạch số 12/KH-UBND")
    reporter.get_by_role("button", name="Lưu").click()
    expect(reporter.locator(".message")).to_contain_text("Đã lưu 1 điểm")
    assert reporter.goto(f"{base}/quan-ly/{slug}/don-vi/B/").status == 404  # not their unit
    reporter.watch.errors.clear()  # that 404 was asked for

    # The appraiser starts appraisal: A now leads, from its self-assessment.
    appraiser.goto(f"{base}/quan-ly/{slug}/")
    appraiser.get_by_role("button", name="Kết thúc tự đánh giá, bắt đầu thẩm định…").click()
    # B has entered nothing: the confirmation says so before anything happens.
    expect(appraiser.locator("[role=alert]")).to_contain_text("1/2 đơn vị chưa hoàn thành tự đánh giá")
    expect(appraiser.locator("[role=alert]")).to_contain_text("Đơn vị B")
    appraiser.get_by_role("button", name=re.compile("^Vẫn kết thúc tự đánh giá")).click()
    expect(appraiser.locator(".cycle [aria-current=step]")).to_have_text("Thẩm định")
    assert ranking_order(appraiser, base, slug) == ["Đơn vị A", "Đơn vị B"]

    # A mistake: 6,5 is above the max of 6. The error says so beside the field; the rest is kept.
    appraiser.goto(f"{base}/quan-ly/{slug}/don-vi/A/")
    appraiser.get_by_label("Điểm thẩm định, 1.1. Kế hoạch CCHC").fill("6,5")
    appraiser.get_by_label("Điểm thẩm định, 2. Cải cách thể chế").fill("1")
    appraiser.get_by_label("Nhận xét thẩm định, 2. Cải cách thể chế").fill("Chưa có kết quả khảo sát")
    appraiser.get_by_role("button", name="Lưu").click()
    expect(appraiser.locator("#id_s" + _score_id(appraiser, "1.1") + "-points-error")).to_have_text(
        "6,5 vượt điểm tối đa 6"
    )
    expect(appraiser.get_by_label("Điểm thẩm định, 1.1. Kế hoạch CCHC")).to_have_value("6,5")
    expect(appraiser.get_by_label("Điểm thẩm định, 2. Cải cách thể chế")).to_have_value("1")
    expect(appraiser.get_by_label("Nhận xét thẩm định, 2. Cải cách thể chế")).to_have_value("Chưa có kết quả khảo sát")
    screenshot(appraiser, "11-appraiser-error")
    appraiser.get_by_label("Điểm thẩm định, 1.1. Kế hoạch CCHC").fill("2")
    appraiser.get_by_role("button", name="Lưu").click()
    expect(appraiser.locator(".message")).to_contain_text("Đã lưu")
    # 2 + 4 + 1 = 7 of 20 now: B (10) leads.
    assert ranking_order(appraiser, base, slug) == ["Đơn vị B", "Đơn vị A"]
    screenshot(appraiser, "12-draft-ranking")

    # The approver approves.
    approver = open_page()
    login(approver, base, "duyet")
    approver.goto(f"{base}/quan-ly/{slug}/")
    approver.get_by_role("button", name="Phê duyệt kết quả…").click()
    approver.get_by_role("button", name=re.compile("(Đồng ý: Phê|Vẫn phê) duyệt kết quả$")).click()
    expect(approver.locator(".cycle [aria-current=step]")).to_have_text("Đã phê duyệt")

    # The publisher publishes by a decision, with the signed PDF.
    publisher = open_page()
    login(publisher, base, "cong")
    publisher.goto(f"{base}/quan-ly/{slug}/")
    publisher.get_by_role("link", name="Công bố theo quyết định").click()
    publisher.get_by_label("Số quyết định").fill("77/QĐ-UBND")
    publisher.get_by_label("Ngày").fill("2026-01-20")
    publisher.get_by_label("Người ký").fill("Chủ tịch UBND tỉnh")
    publisher.get_by_label("Quyết định đã ký (PDF)").set_input_files(str(pdf))
    publisher.get_by_role("button", name="Công bố").click()
    # Not confirmed: refused, and the chosen PDF is kept for the next try.
    expect(publisher.locator("#kept-pdf")).to_contain_text("ke-hoach.pdf")
    publisher.watch.errors.clear()  # that refusal (400) was asked for
    publisher.get_by_label("Tôi đã kiểm tra kết quả và quyết định").check()
    screenshot(publisher, "13-publish")
    publisher.get_by_role("button", name="Công bố").click()
    expect(publisher.locator(".message")).to_contain_text("Đã công bố theo Quyết định số 77/QĐ-UBND")

    # An amending decision is prepared: the units' explanations and evidence come with it.
    publisher.get_by_role("button", name="Chuẩn bị quyết định sửa đổi…").click()
    publisher.get_by_role("button", name="Đồng ý: Chuẩn bị quyết định sửa đổi").click()
    expect(publisher.locator("h1")).to_contain_text("(sửa đổi lần 1)")
    reporter.goto(f"{base}/quan-ly/{slug}-sua-doi-1/don-vi/A/")
    expect(reporter.locator("tr.leaf").first).to_contain_text("Kế hoạch số 12/KH-UBND")
    expect(reporter.locator("tr.leaf").first.get_by_role("link", name="ke-hoach.pdf")).to_be_visible()

    # A citizen sees the announcement.
    citizen = open_page()
    citizen.goto(f"{base}/cong-bo/{slug}/")
    expect(citizen.locator(".decision-line")).to_contain_text("Quyết định số 77/QĐ-UBND ngày 20/01/2026")
    expect(citizen.locator(".summary").first).to_contain_text("Trong đó, Đơn vị B là đơn vị dẫn đầu với 10,00 điểm")
    screenshot(citizen, "14-citizen-sees-the-decision", full_page=False)

    for page in (appraiser, reporter, approver, publisher, citizen):
        assert page.watch.errors == [], page.watch.errors
        assert page.watch.external == []


def _score_id(page, criterion):
    name = page.get_by_label(f"Điểm thẩm định, {criterion}. Kế hoạch CCHC").get_attribute("name")
    return name.split("-")[0][1:]

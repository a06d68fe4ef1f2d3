"""The coordinator sets up 2026 in Chromium: from 2025, the framework typed and read from Excel, a merger of three
communes into one chosen from the official list, self-assessment opened; a reporter reads the guidance; once
published, the new commune's page shows its predecessors' history."""

import pytest
from openpyxl import Workbook
from playwright.sync_api import expect

from tests.browser.conftest import screenshot
from tests.browser.test_staff_journey import PASSWORD, login

pytestmark = pytest.mark.browser

PREPARE = f"""
from django.contrib.auth.models import User
from scoring import setup
from scoring.models import Edition, Score
from scoring.writes import publish
import datetime
source = Edition.objects.get(slug="tien-phuoc-2022-cchc")
year = setup.copy_edition(source=source, year=2025)
Score.objects.filter(unit__edition=year, not_assessed=False).update(points=1)
publish(historical=True, edition=year, number="25/QĐ-UBND", date=datetime.date(2026, 1, 20))
for name in ("dieuphoi", "baocao-ln"):
    User.objects.create_user(name, password={PASSWORD!r}, first_name=name)
"""


def _excel(tmp_path):
    book = Workbook()
    sheet = book.active
    sheet.title = "Bộ tiêu chí 2026"
    sheet.append(["Mã", "Tiêu chí", "Điểm tối đa", "Cách chấm", "Tài liệu kiểm chứng"])
    rows = [("1", "Công tác chỉ đạo, điều hành cải cách hành chính", None, None, None),
            ("1.1", "Kế hoạch cải cách hành chính", 6, "Ban hành trước ngày 15/12: 6 điểm", "Kế hoạch CCHC năm 2026"),
            ("1.2", "Báo cáo cải cách hành chính", 7, "Đủ, đúng hạn: 7 điểm", None)]  # fmt: skip
    rows += [(str(g), f"Lĩnh vực {g}", 87 // 7 + (1 if g <= 87 % 7 + 1 else 0), None, None) for g in range(2, 9)]
    for row in rows:
        sheet.append(list(row))
    path = tmp_path / "bo-tieu-chi-2026.xlsx"
    book.save(path)
    return path


def test_the_coordinator_sets_up_2026(open_page, portal, tmp_path):
    base, _env, manage = portal
    manage("shell", "-c", PREPARE)
    manage("grant", "dieuphoi", "coordinator", "--authority", "ubnd-huyen-tien-phuoc")
    page = open_page(1366, 900)
    login(page, base, "dieuphoi")

    # 2026 from the published 2025 edition.
    page.get_by_role("link", name="Thiết lập năm đánh giá (kỳ mới, bộ tiêu chí, đơn vị)").click()
    page.get_by_label("Tạo từ").select_option(label=page.locator("#nguon option", has_text="năm 2025").inner_text())
    page.get_by_label("Năm của kỳ mới").fill("2026")
    page.get_by_role("button", name="Tạo bản nháp").click()
    expect(page.locator(".message")).to_contain_text("Đã tạo bản nháp năm 2026")
    slug = page.url.rstrip("/").split("/")[-2]

    # The framework: the 8 groups are leaves; group 1 gets two criteria, two maxima change.
    page.locator("main ul").first.locator("a").first.click()
    rows = page.locator("table.framework tbody tr")
    rows.nth(0).locator("input[name$='-max']").fill("12")  # typed, to be checked against its criteria
    free = rows.nth(8)
    free.locator("input[name$='-code']").fill("1.1")
    free.locator("input[name$='-name']").fill("Kế hoạch cải cách hành chính")
    free.locator("input[name$='-max']").fill("6")
    free = rows.nth(9)
    free.locator("input[name$='-code']").fill("1.2")
    free.locator("input[name$='-name']").fill("Báo cáo cải cách hành chính")
    free.locator("input[name$='-max']").fill("7")
    expect(rows.nth(0).locator(".sum")).to_have_text("13")  # the sum follows the typing
    rows.nth(1).locator("input[name$='-max']").fill("9")
    rows.nth(2).locator("input[name$='-max']").fill("16")
    page.get_by_role("button", name="Lưu bộ tiêu chí").click()
    expect(page.locator(".field-errors").first).to_contain_text(
        "nhóm 1: điểm tối đa 12 khác tổng điểm các tiêu chí, 13"
    )
    expect(page.locator("input[value='Báo cáo cải cách hành chính']")).to_have_count(1)  # what was typed is kept
    screenshot(page, "40-framework-refused", full_page=False)
    page.watch.errors.clear()  # that refusal (400) was asked for
    page.locator("table.framework tbody tr").nth(0).locator("input[name$='-max']").fill("13")
    page.get_by_role("button", name="Lưu bộ tiêu chí").click()
    expect(page.locator(".message")).to_contain_text("Đã lưu bộ tiêu chí: thêm 2")

    # The province's Excel table: read, previewed, then saved.
    page.get_by_label("Tệp Excel có các cột").set_input_files(str(_excel(tmp_path)))
    page.get_by_role("button", name="Đọc tệp (chưa lưu)").click()
    expect(page.locator(".notice")).to_contain_text("Chưa lưu gì")
    expect(page.locator("#framework-total")).to_have_text("100")
    page.get_by_role("button", name="Lưu bộ tiêu chí").click()
    expect(page.locator(".message")).to_contain_text("Đã lưu bộ tiêu chí")

    # Three communes become Xã Lãnh Ngọc, chosen from the official list; predecessors proposed.
    page.goto(f"{base}/quan-ly/{slug}/thiet-lap/don-vi/")
    page.get_by_label("Xã, phường mới (danh mục chính thức)").select_option(label="Xã Lãnh Ngọc (20872)")
    page.get_by_role("button", name="Đề xuất đơn vị tiền thân").click()
    expect(page.locator(".notice")).to_contain_text("Đề xuất 3 đơn vị tiền thân")
    for code in ("TIEN-LANH", "TIEN-NGOC", "TIEN-HIEP"):
        expect(page.locator(f".predecessors input[value='{code}']")).to_be_checked()
    page.get_by_label("Mã đơn vị mới").fill("LANH-NGOC")
    screenshot(page, "41-merger-proposed", full_page=False)
    page.get_by_role("button", name="Hợp nhất").click()
    expect(page.locator(".message")).to_contain_text("Đã lưu")
    expect(page.locator("table.setup-units")).to_contain_text("LANH-NGOC")
    expect(page.locator("table.setup-units")).not_to_contain_text("TIEN-LANH")

    # Self-assessment opens; the reporter of the new commune reads the guidance.
    manage("grant", "dieuphoi", "appraiser", "--authority", "ubnd-huyen-tien-phuoc")
    manage("grant", "baocao-ln", "reporter", "--authority", "ubnd-huyen-tien-phuoc", "--unit", "LANH-NGOC")
    page.goto(f"{base}/quan-ly/{slug}/")
    page.get_by_role("button", name="Mở tự đánh giá…").click()
    page.get_by_role("button", name="Đồng ý: Mở tự đánh giá").click()
    reporter = open_page(1366, 900)
    login(reporter, base, "baocao-ln")
    reporter.goto(f"{base}/quan-ly/{slug}/don-vi/LANH-NGOC/")
    reporter.locator("details.guidance").first.locator("summary").click()
    expect(reporter.locator("details.guidance").first).to_contain_text("Ban hành trước ngày 15/12: 6 điểm")
    expect(reporter.locator(".incomplete")).to_contain_text("Kế hoạch CCHC năm 2026")
    screenshot(reporter, "42-reporter-guidance", full_page=False)

    # Published, the new commune's page follows its predecessors.
    manage(
        "shell",
        "-c",
        f"""
from scoring.models import Edition
from scoring.writes import publish
import datetime
publish(historical=True, edition=Edition.objects.get(slug={slug!r}), number="7/QĐ-UBND", date=datetime.date(2027, 1, 9))
""",
    )
    citizen = open_page()
    citizen.goto(f"{base}/cong-bo/{slug}/don-vi/LANH-NGOC/")
    history = citizen.locator("#history")
    for name in ("UBND xã Tiên Lãnh", "UBND xã Tiên Ngọc", "UBND xã Tiên Hiệp"):
        expect(history).to_contain_text(name)
    for watched in (page, reporter, citizen):
        assert watched.watch.errors == [], watched.watch.errors

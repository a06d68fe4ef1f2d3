"""The score sheet in Chromium at 1366×768, as someone who lives in Excel uses it for a day.

Enter moves down; a column pasted from Excel fills the cells below; leaving with unsaved changes
asks first; a double click on Save is no conflict; a session that ends keeps what was typed;
evidence is attached and removed within its row; self-assessment closes only once confirmed.
"""

import json
import re
import time

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import screenshot
from tests.processes import Gunicorn

pytestmark = pytest.mark.browser
PASSWORD = "browser-test-password-1"
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
SLUG = "bang-diem-2025"
MAXIMA = ["1", "0.5", "2", "1.5", "1", "3", "0.5", "1", "2", "1"]  # repeated: 30 criteria


def document():
    groups, scores = [], []
    for g in range(1, 4):
        children = [
            {"code": f"{g}.{i}", "name": f"Tiêu chí thành phần {g}.{i} về cải cách hành chính", "max": MAXIMA[i - 1]}
            for i in range(1, 11)
        ]
        groups.append({"code": str(g), "name": f"Nhóm tiêu chí {g}", "children": children})
        for unit in ("A", "B"):
            scores += [{"unit": unit, "criterion": child["code"], "score": "0"} for child in children]
    return {
        "format": "parindex-edition/1",
        "slug": SLUG,
        "authority": {"name": "UBND tỉnh Bảng Điểm", "level": "province", "province": "Bảng Điểm"},
        "index": "cchc",
        "year": 2025,
        "title": "Chỉ số cải cách hành chính năm 2025",
        "bands": [{"label": "Tốt", "min_percent": "80"}, {"label": "Khá", "min_percent": "0"}],
        "criteria_sets": {"chung": groups},
        "blocks": [
            {"code": "so", "name": "Sở, ban, ngành", "criteria_set": "chung",
             "units": [{"code": "A", "name": "Sở Nội vụ"}, {"code": "B", "name": "Sở Tư pháp"}]}
        ],
        "scores": scores,
    }  # fmt: skip


@pytest.fixture(scope="module")
def sheet_edition(portal, tmp_path_factory):
    """A 30-criterion edition in self-assessment; a reporter of unit A and an appraiser."""
    _base, _env, manage = portal
    path = tmp_path_factory.mktemp("sheet") / "edition.json"
    path.write_text(json.dumps(document(), ensure_ascii=False), encoding="utf-8")
    manage("import_edition", str(path))
    manage(
        "shell", "-c",
        "from django.contrib.auth.models import User\n"
        f"User.objects.create_user('bd-bao', password={PASSWORD!r}, first_name='Lan')\n"
        f"User.objects.create_user('bd-tham', password={PASSWORD!r}, first_name='Minh')\n"
        "from scoring import writes\nfrom scoring.cycle import ANYONE\nfrom scoring.models import Edition\n"
        f"writes.take_step(edition=Edition.objects.get(slug={SLUG!r}), action='open_self_assessment', user=None,"
        " roles=ANYONE)\n",
    )  # fmt: skip
    manage("grant", "bd-bao", "reporter", "--authority", "ubnd-tinh-bang-diem", "--unit", "A")
    manage("grant", "bd-tham", "appraiser", "--authority", "ubnd-tinh-bang-diem")
    return SLUG


def login(page, base, name):
    page.goto(base + "/quan-ly/dang-nhap/")
    page.get_by_label("Tên đăng nhập").fill(name)
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()


def self_inputs(page):
    return page.locator("input[data-field=self_points]")


def test_typing_with_enter_pasting_a_column_and_saving_twice(open_page, portal, sheet_edition):
    base = portal[0]
    page = open_page(1366, 768)
    login(page, base, "bd-bao")
    page.goto(f"{base}/quan-ly/{SLUG}/don-vi/A/")
    # At 1366×768 the first screen shows at least 10 criteria, their names whole.
    visible = page.evaluate(
        """() => [...document.querySelectorAll('tr.leaf td.criterion')].filter(td => {
             const r = td.getBoundingClientRect();
             return r.top >= 0 && r.bottom <= window.innerHeight && td.scrollWidth <= td.clientWidth;
           }).length"""
    )
    assert visible >= 10, visible
    assert page.evaluate("document.documentElement.scrollWidth") <= 1366  # no sideways scroll

    # 20 scores typed, Enter moving down: two keystrokes for "1⏎".
    self_inputs(page).first.click()
    for _ in range(20):
        page.keyboard.type("1")
        page.keyboard.press("Enter")
    values = self_inputs(page).evaluate_all("els => els.map(e => e.value)")
    assert values[:20] == ["1"] * 20 and values[20] == ""
    expect(page.locator("#total-score")).to_have_text("20,00")
    # 1.2 has a max of 0,5: typing 1 there is marked at once, in Vietnamese.
    expect(page.locator("#" + self_inputs(page).nth(1).get_attribute("id") + "-live")).to_have_text(
        "“1” vượt điểm tối đa 0,5"
    )

    # A column of 10 values copied from Excel, pasted into the first cell of group 3.
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    column = "\n".join(["0,5", "0.5", "1", "1,5", "1", "2", "0,5", "1", "2", "1"]) + "\n"
    page.evaluate("text => navigator.clipboard.writeText(text)", column)
    self_inputs(page).nth(20).click()
    page.keyboard.press("Control+V")
    values = self_inputs(page).evaluate_all("els => els.map(e => e.value)")
    assert values[20:30] == ["0,5", "0.5", "1", "1,5", "1", "2", "0,5", "1", "2", "1"]
    for mistake in (1, 6, 11, 16):  # the criteria with a max of 0,5: corrected
        self_inputs(page).nth(mistake).fill("0,5")
    expect(page.locator("#sheet-status")).to_contain_text("Chưa lưu")
    screenshot(page, "15-sheet-typed-and-pasted", full_page=False)

    # Save double-clicked: saved once, no conflict.
    page.locator("#save").dblclick()
    expect(page.locator(".message")).to_contain_text("Đã lưu 30 điểm")
    expect(page.locator("#conflicts")).to_have_count(0)
    expect(page.locator("#total-score")).to_have_text("29,00")  # 16 × 1 + 4 × 0,5 + 11 pasted
    assert page.watch.errors == [], page.watch.errors


def test_leaving_with_unsaved_changes_asks_first(open_page, portal, sheet_edition):
    base = portal[0]
    page = open_page(1366, 768)
    login(page, base, "bd-bao")
    page.goto(f"{base}/quan-ly/{SLUG}/don-vi/A/")
    self_inputs(page).nth(29).click()
    page.keyboard.type("0,25")  # typed: the page then counts as used, and may ask before leaving
    asked = []

    def dismiss(dialog):
        asked.append(dialog.type)
        dialog.dismiss()

    page.on("dialog", dismiss)
    page.get_by_role("link", name="Lịch sử thay đổi").click()
    page.wait_for_timeout(500)
    assert asked == ["beforeunload"]
    assert page.url.endswith("/don-vi/A/")
    expect(self_inputs(page).nth(29)).to_have_value("0,25")


def test_evidence_is_attached_and_removed_within_its_row(open_page, portal, sheet_edition, tmp_path):
    base = portal[0]
    page = open_page(1366, 768)
    login(page, base, "bd-bao")
    page.goto(f"{base}/quan-ly/{SLUG}/don-vi/A/")
    files = []
    for name in ("ke-hoach.pdf", "bao-cao.pdf"):
        (tmp_path / name).write_bytes(PDF)
        files.append(str(tmp_path / name))
    row = page.locator("tr.leaf").nth(2)
    row.get_by_label("Đính kèm").set_input_files(files)
    expect(row.locator("ul.files a")).to_have_text(["ke-hoach.pdf", "bao-cao.pdf"])
    expect(row.locator("a.manage")).to_have_text("2 tệp")
    row.get_by_role("button", name="Gỡ ke-hoach.pdf").click()
    expect(row.locator("ul.files a")).to_have_text(["bao-cao.pdf"])
    expect(row.locator("a.manage")).to_have_text("1 tệp")
    page.reload()
    expect(page.locator("tr.leaf").nth(2).locator("ul.files a")).to_have_text(["bao-cao.pdf"])


def test_a_session_that_ended_keeps_what_was_typed(open_page, portal, sheet_edition, tmp_path):
    _base, env, _manage = portal
    with Gunicorn({**env, "STAFF_IDLE_SECONDS": "3"}, tmp_path, name="idle") as idle:
        page = open_page(1366, 768)
        login(page, idle.url, "bd-bao")
        page.goto(f"{idle.url}/quan-ly/{SLUG}/don-vi/A/")
        self_inputs(page).nth(25).fill("1,5")
        page.get_by_label(re.compile("^Giải trình, 3.6")).fill("Đã có quyết định kiện toàn")
        time.sleep(4)  # three seconds without a request: the session ends
        page.locator("#save").click()
        expect(page.locator("[role=alert]")).to_contain_text("Phiên làm việc đã hết hạn")
        page.get_by_label("Tên đăng nhập").fill("bd-bao")
        page.get_by_label("Mật khẩu").fill(PASSWORD)
        page.get_by_role("button", name="Đăng nhập").click()
        expect(page).to_have_url(re.compile(f"/quan-ly/{SLUG}/don-vi/A/$"))
        expect(page.locator("#restored")).to_contain_text("Đã khôi phục")
        expect(self_inputs(page).nth(25)).to_have_value("1,5")
        expect(page.get_by_label(re.compile("^Giải trình, 3.6"))).to_have_value("Đã có quyết định kiện toàn")
        page.locator("#save").click()
        expect(page.locator(".message")).to_contain_text("Đã lưu 1 điểm")


def test_self_assessment_is_closed_only_once_confirmed(open_page, portal, sheet_edition):
    base = portal[0]
    page = open_page(1366, 768)
    login(page, base, "bd-tham")
    page.goto(f"{base}/quan-ly/{SLUG}/")
    page.get_by_role("button", name="Kết thúc tự đánh giá, bắt đầu thẩm định…").click()
    expect(page.locator("h1")).to_contain_text("Kết thúc tự đánh giá, bắt đầu thẩm định?")
    expect(page.locator("[role=alert]")).to_contain_text("chưa hoàn thành tự đánh giá")
    screenshot(page, "16-confirm-closing-self-assessment", full_page=False)
    page.get_by_role("link", name="Hủy").click()
    expect(page.locator(".cycle [aria-current=step]")).to_have_text("Tự đánh giá")

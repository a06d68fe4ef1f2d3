"""A citizen reads a decision in Chromium: home → announcement → sort → charts → CSV → unit → English; then on a phone."""

import json
import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import SCREENSHOTS, screenshot
from tests.factories import edition_doc

pytestmark = pytest.mark.browser


def _table_names(page, prefix):
    return page.locator(f"#{prefix}table tbody th a").all_inner_texts()


def _go_to_announcement(page, base):
    page.goto(base + "/")
    expect(page.locator("h1")).to_have_count(1)
    page.get_by_role("link", name="Chỉ số CCHC 2023 — UBND tỉnh Quảng Nam").click()
    expect(page).to_have_url(base + "/cong-bo/quang-nam-2023-cchc/")
    expect(page.locator("h1")).to_contain_text("Công bố Chỉ số cải cách hành chính năm 2023")


def test_a_citizen_reads_the_quang_nam_2023_decision(open_page, portal):
    base = portal[0]
    page = open_page()
    page.goto(base + "/")
    screenshot(page, "01-home")
    _go_to_announcement(page, base)
    expect(page.locator(".summary").first).to_contain_text(
        "Đối với các Sở, ban, ngành có 15/20 đơn vị được xếp loại tốt, 05/20 đơn vị xếp loại khá."
    )
    expect(page.locator(".summary").first).to_contain_text("Sở Nội vụ là đơn vị dẫn đầu với 89,11 điểm, tỷ lệ 96,86%.")

    # The charts are there before any chart library runs: drawn on the server, loaded as images.
    chart = page.locator("#chart-01")
    chart.scroll_into_view_if_needed()
    image = chart.locator("img")
    expect(image).to_have_attribute("alt", re.compile("^Biểu đồ 01"))
    page.wait_for_function(
        "() => { const i = document.querySelector('#chart-01 img'); return i.complete && i.naturalWidth > 0 }"
    )
    assert page.evaluate("typeof window.Plotly") == "undefined"
    # Pointing at one makes it interactive, in the same place: nothing below it moves.
    below = page.locator("#chart-02").bounding_box()["y"]
    chart.hover()
    expect(chart.locator("svg.main-svg").first).to_be_visible(timeout=10_000)
    expect(chart.locator("g.point")).to_have_count(20)
    assert abs(page.locator("#chart-02").bounding_box()["y"] - below) < 1
    heatmap = page.locator("#chart-04")
    heatmap.scroll_into_view_if_needed()
    expect(heatmap.locator("img")).to_be_visible()
    page.get_by_role("button", name="Biểu đồ tương tác").nth(3).click()
    expect(heatmap.locator("svg.main-svg").first).to_be_visible(timeout=10_000)
    page.evaluate("window.scrollTo(0, 0)")
    screenshot(page, "02-announcement")

    # Sort the sở table by percent: the first click puts the best first, as people expect; the second the lowest.
    assert _table_names(page, "so-")[0] == "Sở Nội vụ"
    page.locator("#so-table thead").get_by_role("link", name="Tỷ lệ (%)").click()
    expect(page.locator("#so-table th[aria-sort='descending']")).to_contain_text("Tỷ lệ (%)")
    assert _table_names(page, "so-")[0] == "Sở Nội vụ"
    page.locator("#so-table thead").get_by_role("link", name="Tỷ lệ (%)").click()
    expect(page.locator("#so-table th[aria-sort='ascending']")).to_contain_text("Tỷ lệ (%)")
    assert _table_names(page, "so-")[0] == "Ban Quản lý các Khu kinh tế và Khu công nghiệp tỉnh"
    page.locator("#so-table").screenshot(path=str(SCREENSHOTS / "03-table-sorted.png"))

    # Download the whole edition as CSV: UTF-8 with a byte-order mark, every unit.
    with page.expect_download() as info:
        page.get_by_role("list", name="Tải về toàn bộ kết quả").get_by_role("link", name="CSV (dữ liệu)").click()
    content = Path(info.value.path()).read_bytes()
    assert content.startswith(b"\xef\xbb\xbf")
    text = content.decode("utf-8-sig")
    assert "SNV,Sở Nội vụ,1,20,89.11,92.00,96.86,Tốt" in text
    assert len(text.strip().splitlines()) == 1 + 20 + 5 + 18

    # Sở Nội vụ's own page.
    page.locator("#so-table").get_by_role("link", name="Sở Nội vụ", exact=True).click()
    expect(page.locator("h1")).to_have_text("Sở Nội vụ")
    expect(page.locator(".lead")).to_contain_text("Chỉ số CCHC năm 2023: 89,11 điểm, xếp loại Tốt, xếp thứ 1/20")
    screenshot(page, "04-unit")

    # Switch to English, on the same page.
    page.get_by_role("link", name="English").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page).to_have_url(base + "/en/cong-bo/quang-nam-2023-cchc/don-vi/SNV/")
    expect(page.locator(".lead")).to_contain_text("PAR index 2023: 89.11 points, band Good, rank 1/20")
    screenshot(page, "05-unit-english")
    page.get_by_role("link", name="PAR index 2023").click()
    expect(page.locator("h1")).to_have_text("Announcing the PAR index 2023 — Quảng Nam province")
    expect(page.locator("#chart-01-title")).to_have_text(
        "Chart 01: PAR index results of provincial departments and agencies in 2023"
    )
    screenshot(page, "06-announcement-english", full_page=False)

    assert page.watch.errors == []
    assert page.watch.external == []


def test_the_same_on_a_phone(open_page, portal):
    base = portal[0]
    page = open_page(390, 844, mobile=True)
    _go_to_announcement(page, base)
    # The page itself does not scroll sideways; the tables do, with the unit column kept in view.
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    scroller = page.locator("#so-table")
    assert scroller.evaluate("el => el.scrollWidth > el.clientWidth")
    unit_cell = page.locator("#so-table tbody th").first
    before = unit_cell.bounding_box()["x"]
    scroller.evaluate("el => el.scrollLeft = 400")
    page.wait_for_timeout(100)
    assert abs(unit_cell.bounding_box()["x"] - before) < 1  # sticky
    # On a phone the narrow drawing is chosen; a tap makes it interactive, at the same height.
    chart = page.locator("#chart-01")
    chart.scroll_into_view_if_needed()
    image = chart.locator("img")
    assert "rong=" in image.evaluate("img => img.currentSrc")
    height = chart.bounding_box()["height"]
    chart.tap()
    expect(chart.locator("svg.main-svg").first).to_be_visible(timeout=10_000)
    assert abs(chart.bounding_box()["height"] - height) < 1
    page.evaluate("window.scrollTo(0, 0)")
    screenshot(page, "07-phone-announcement")

    page.locator("#so-table thead").get_by_role("link", name="Tỷ lệ (%)").click()
    expect(page.locator("#so-table th[aria-sort='descending']")).to_contain_text("Tỷ lệ (%)")
    with page.expect_download() as info:
        page.get_by_role("list", name="Tải về toàn bộ kết quả").get_by_role("link", name="CSV (dữ liệu)").click()
    assert Path(info.value.path()).read_bytes().startswith(b"\xef\xbb\xbf")
    page.locator("#so-table").get_by_role("link", name="Sở Nội vụ", exact=True).click()
    expect(page.locator("h1")).to_have_text("Sở Nội vụ")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.get_by_role("link", name="English").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    screenshot(page, "08-phone-unit-english")

    assert page.watch.errors == []
    assert page.watch.external == []


def test_a_draft_is_not_there_for_a_citizen(open_page, portal, tmp_path):
    base, _env, run = portal
    path = tmp_path / "draft.json"
    path.write_text(json.dumps(edition_doc(slug="ban-nhap-2025", year=2025), ensure_ascii=False), encoding="utf-8")
    run("import_edition", str(path))  # imported, not published
    page = open_page()
    response = page.goto(base + "/cong-bo/ban-nhap-2025/")
    assert response.status == 404
    expect(page.locator("h1")).to_have_text("Không tìm thấy trang")


def test_search_without_diacritics(open_page, portal):
    base = portal[0]
    page = open_page()
    page.goto(base + "/")
    page.get_by_role("searchbox").fill("tien chau")
    page.get_by_role("button", name="Tìm kiếm").click()
    expect(page.locator(".results li").first).to_contain_text("UBND xã Tiên Châu")
    screenshot(page, "09-search-desktop", full_page=False)
    page.get_by_role("link", name="UBND xã Tiên Châu").click()
    expect(page.locator(".lead")).to_contain_text("85,82 điểm, xếp loại Tốt, xếp thứ 4/15")
    screenshot(page, "09-tien-chau-unit")
    assert page.watch.errors == []

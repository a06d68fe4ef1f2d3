"""In Chromium, as a citizen and a journalist: compare, sort by change, the distance, the map, chart files, embeds,
preview images."""

import contextlib
import http.server
import io
import re
import threading
from pathlib import Path

import pytest
from PIL import Image
from playwright.sync_api import expect

from tests.browser.conftest import screenshot

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("phone", [False, True], ids=["desktop", "phone"])
def test_compare_three_communes_and_share_the_link(open_page, portal, phone):
    base = portal[0]
    page = open_page(390, 844, mobile=True) if phone else open_page()
    page.goto(base + "/cong-bo/tien-phuoc-2022-cchc/don-vi/TIEN-CHAU/")
    page.get_by_role("link", name="So sánh với các đơn vị liền trên và liền dưới").click()
    expect(page.locator("h1")).to_have_text("So sánh các đơn vị")
    # Choose three: Tiên Châu, Tiên Kỳ, Tiên Lãnh.
    selects = page.locator(".compare-slots select")
    for k, name in enumerate(["UBND xã Tiên Châu", "UBND thị trấn Tiên Kỳ", "UBND xã Tiên Lãnh", "—"]):
        selects.nth(k).select_option(label=name)
    page.get_by_role("button", name="So sánh", exact=True).click()
    shared = page.locator("#share-url").input_value()
    assert shared == page.url and "ma=TIEN-CHAU" in shared and "ma=TIEN-LANH" in shared
    if phone:
        expect(page.locator(".compare-table")).to_be_hidden()
        expect(page.locator(".compare-cards .card")).to_have_count(3)
        expect(page.locator(".compare-cards .card").first).to_contain_text("85,82/100")
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
    else:
        expect(page.locator(".compare-cards")).to_be_hidden()
        expect(page.locator("table.compared thead th a")).to_have_text(
            ["UBND xã Tiên Châu", "UBND thị trấn Tiên Kỳ", "UBND xã Tiên Lãnh"]
        )
    screenshot(page, f"30-compare-{'phone' if phone else 'desktop'}", full_page=phone)
    # The shared link opens the same comparison for someone else.
    other = open_page(390, 844, mobile=True) if phone else open_page()
    other.goto(shared)
    expect(other.locator(".compare-slots select").nth(2)).to_have_value("TIEN-LANH")
    assert page.watch.errors == [] and other.watch.errors == []


def test_sort_by_change_and_read_the_distance_to_the_next_band(open_page, portal):
    base = portal[0]
    page = open_page()
    slug = page.request.get(base + "/api/v1/editions/").json()["results"][0][
        "slug"
    ]  # the newest: a demo with a year before
    page.goto(f"{base}/cong-bo/{slug}/")
    table = page.locator("table.ranking").first
    table.locator("thead").get_by_role("link", name="Thay đổi").click()
    expect(page.locator("table.ranking th[aria-sort='descending']").first).to_contain_text("Thay đổi")
    first_change = table.locator("tbody td.change").first.inner_text()
    assert first_change.startswith("▲") or first_change.startswith("=")
    expect(table.locator("tfoot")).to_contain_text("Bình quân khối")
    # The last unit of the block: how far from the band above and the place above.
    table.locator("tbody tr").last.locator("th a").click()
    distance = page.locator(".distance")
    expect(distance).to_contain_text(re.compile(r"Còn [\d,]+ điểm để (đạt loại|lên thứ)"))
    screenshot(page, "31-unit-distance", full_page=False)
    assert page.watch.errors == []


def test_open_the_map_and_follow_a_commune_to_its_page(open_page, portal):
    base = portal[0]
    page = open_page()
    page.goto(base + "/cong-bo/tien-phuoc-2022-cchc/")
    page.get_by_role("link", name="Bản đồ").first.click()
    expect(page.locator("svg.map")).to_be_visible()
    screenshot(page, "32-map")
    page.locator('svg.map a[aria-label^="UBND xã Tiên Châu"]').click()
    expect(page.locator("h1")).to_have_text("UBND xã Tiên Châu")
    phone = open_page(390, 844, mobile=True)
    phone.goto(base + "/cong-bo/quang-nam-2023-cchc/ban-do/")
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390
    assert page.watch.errors == [] and page.watch.external == []


def test_download_a_chart_as_png_and_svg(open_page, portal):
    base = portal[0]
    page = open_page()
    page.goto(base + "/cong-bo/quang-nam-2023-cchc/")
    tools = page.locator("#chart-01").locator("xpath=..").locator(".chart-tools")
    with page.expect_download() as info:
        tools.get_by_role("link", name="Tải biểu đồ (PNG)").click()
    assert info.value.suggested_filename == "quang-nam-2023-cchc-bieu-do-01.png"
    image = Image.open(io.BytesIO(Path(info.value.path()).read_bytes()))
    assert image.format == "PNG" and image.width == 1200
    with page.expect_download() as info:
        tools.get_by_role("link", name="Tải biểu đồ (SVG)").click()
    svg = Path(info.value.path()).read_text()
    assert svg.startswith("<svg") and "Biểu đồ 01:" in svg and "Quyết định số 2649/QĐ-UBND" in svg
    assert page.watch.errors == []


def test_an_embed_loads_in_another_sites_iframe_and_a_normal_page_does_not(open_page, portal):
    base = portal[0]
    page = open_page()
    article = f"""<!doctype html><html lang="vi"><title>Báo</title><body><h1>Bài báo</h1>
      <iframe id="embed" src="{base}/cong-bo/quang-nam-2023-cchc/bieu-do/01/nhung/" width="820" height="700"></iframe>
      <iframe id="page" src="{base}/cong-bo/quang-nam-2023-cchc/" width="820" height="400"></iframe></body></html>"""
    # A news site: another origin, served from this machine (Chromium keeps pages it considers public from
    # framing a local address at all, whatever the portal allows).
    with _site(article) as other:
        page.goto(other)
        embed = page.frame_locator("#embed")
        expect(embed.locator("figcaption")).to_contain_text("Biểu đồ 01")
        expect(embed.locator("img")).to_be_visible()
        page.wait_for_timeout(500)
        # The announcement refuses to be framed: Chromium shows its own error page in its place.
        urls = [frame.url for frame in page.frames]
        assert any(url.startswith("chrome-error:") for url in urls), urls
        assert not any(url.endswith("/cong-bo/quang-nam-2023-cchc/") for url in urls), urls
        expect(page.frame_locator("#page").locator("body")).not_to_contain_text("Sở Nội vụ")
        screenshot(page, "33-embed-in-an-article", full_page=False)


def test_the_preview_image_of_a_unit_page(open_page, portal):
    base = portal[0]
    page = open_page()
    page.goto(base + "/cong-bo/quang-nam-2023-cchc/don-vi/SNV/")
    url = page.locator('meta[property="og:image"]').get_attribute("content")
    response = page.request.get(url)
    assert response.status == 200 and response.headers["content-type"] == "image/png"
    assert Image.open(io.BytesIO(response.body())).size == (1200, 630)


@contextlib.contextmanager
def _site(html):
    """A one-page web site on another port of this machine; yields its address."""

    class Page(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            body = html.encode()
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Page)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/bai-viet"
    finally:
        server.shutdown()

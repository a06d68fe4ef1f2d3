"""The public pages as citizens read them, in Chromium: phone, desktop and 200 % zoom, both languages."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import screenshot

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844, "mobile": True}
ZOOM_200 = {"width": 640, "height": 450}  # a 1280 × 900 window at 200 % zoom
DESKTOP = {"width": 1280, "height": 900}

# Vietnamese letters that English never uses: text holding one is Vietnamese.
VIETNAMESE = "ăâđêôơưĂÂĐÊÔƠƯáàảãạấầẩẫậắằẳẵặéèẻẽẹếềểễệíìỉĩịóòỏõọốồổỗộớờởỡợúùủũụứừửữựýỳỷỹỵ"
# Every text node holding Vietnamese that no element marked lang="vi" contains (the language links excepted).
UNMARKED_VIETNAMESE = """(letters) => {
    const re = new RegExp('[' + letters + ']');
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    const found = [];
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const text = node.textContent.trim();
        const element = node.parentElement;
        if (!text || !re.test(text) || element.closest('script, style, [hidden]')) continue;
        // An option holds no markup: a name translated around a Vietnamese place ("Hội An City People's
        // Committee") cannot mark the place; a name left Vietnamese is marked on the option itself.
        // The same for an SVG <title> (a map's tooltip).
        const textOnly = element.closest('option') || element.closest('svg title');
        if (textOnly && /People's Committee|Department|Office|Board|Agency/.test(text)) continue;
        if (element.closest('[lang]').getAttribute('lang') !== 'vi') found.push(text.slice(0, 80));
    }
    return found;
}"""


def _published(page, base):
    """The slugs of every published edition, from the API."""
    slugs, url = [], base + "/api/v1/editions/"
    while url:
        data = page.request.get(url).json()
        slugs += [edition["slug"] for edition in data["results"]]
        url = data.get("next")
    return slugs


def _open(open_page, size):
    return open_page(size["width"], size["height"], mobile=size.get("mobile", False))


@pytest.mark.parametrize("size", [PHONE, ZOOM_200], ids=["phone-390", "zoom-200"])
def test_no_announcement_scrolls_sideways(open_page, portal, size):
    base = portal[0]
    page = _open(open_page, size)
    slugs = _published(page, base)
    assert len(slugs) >= 5
    wide = []
    for slug in slugs:
        for prefix in ("", "/en"):
            page.goto(f"{base}{prefix}/cong-bo/{slug}/")
            width = page.evaluate("document.documentElement.scrollWidth")
            if width > size["width"]:
                wide.append((prefix + slug, width))
    assert wide == []
    assert page.watch.errors == []


@pytest.mark.parametrize(
    "path",
    ["/", "/so-sanh-dia-phuong/?nam=2023&khoi=so&don-vi=so-noi-vu", "/co-quan/ubnd-tinh-ha-tinh/",
     "/cong-bo/quang-nam-2024-service/don-vi/QUANG-NAM/", "/du-lieu-mo/"],
)  # fmt: skip
def test_no_other_public_page_scrolls_sideways_on_a_phone(open_page, portal, path):
    """The home page's filter of indexes once grew to 757 px with the national index's long name: the phone then
    zoomed out and a card's leaders covered the next card's link."""
    page = _open(open_page, PHONE)
    page.goto(portal[0] + path)
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"], path


def test_the_first_summary_is_above_the_fold_on_a_phone(open_page, portal):
    base = portal[0]
    page = _open(open_page, PHONE)
    page.goto(base + "/cong-bo/quang-nam-2023-cchc/")
    summary = page.locator(".card .summary").first
    expect(summary).to_contain_text("Sở Nội vụ là đơn vị dẫn đầu với 89,11 điểm")
    box = summary.bounding_box()
    assert box["y"] + box["height"] <= PHONE["height"], box
    screenshot(page, "20-phone-announcement-top", full_page=False)


def test_the_history_chart_reads_its_axis(open_page, portal):
    """The unit page's history chart, drawn and interactive: its percent axis is labelled, not "0" everywhere."""
    base = portal[0]
    page = _open(open_page, DESKTOP)
    for slug in _published(page, base):  # newest first: a unit with years behind it
        code = page.request.get(f"{base}/api/v1/editions/{slug}/").json()["blocks"][0]["units"][0]["code"]
        page.goto(f"{base}/cong-bo/{slug}/don-vi/{code}/")
        if page.locator("figure.chart").count():
            break
    else:
        pytest.fail("no unit page with a history chart")
    chart = page.locator("figure.chart .plot").first
    chart.scroll_into_view_if_needed()
    svg = page.request.get(base + chart.locator("img").get_attribute("src")).text()
    drawn = re.findall(r">(\d+)%?</text>", svg)
    assert len(set(drawn)) >= 3, drawn
    page.get_by_role("button", name="Biểu đồ tương tác").first.click()
    expect(chart.locator("svg.main-svg").first).to_be_visible(timeout=10_000)
    labels = chart.locator(".ytick text").all_text_contents()
    assert len(set(labels)) >= 3, labels
    screenshot(page, "21-unit-history", full_page=False)


def _legend(svg):
    """{label: colour} of a server-drawn chart's legend (a square, then its label)."""
    pairs = re.findall(r'<rect [^>]*width="11" height="11" fill="(#[0-9a-fA-F]{6})"/><text [^>]*>([^<]+)</text>', svg)
    return {label: colour.lower() for colour, label in pairs}


def test_every_bar_chart_has_a_legend_and_a_band_has_one_colour_everywhere(open_page, portal):
    base = portal[0]
    page = _open(open_page, DESKTOP)
    colours = {}
    for slug in ("quang-nam-2023-cchc", "dak-nong-2023-cchc", "tien-phuoc-2022-cchc"):
        page.goto(f"{base}/cong-bo/{slug}/")
        for chart in page.locator("figure.chart").all():
            src = chart.locator("img").get_attribute("src")
            svg = page.request.get(base + src).text()
            if 'class="chart-bars"' not in svg:
                continue
            legend = _legend(svg)
            assert legend, f"{slug} {src}: no legend"  # even when every unit is in one band
            for label, colour in legend.items():
                colours.setdefault(label, set()).add(colour)
        for badge in page.locator(".band-legend .badge").all():
            label = badge.inner_text()
            colour = badge.evaluate("el => getComputedStyle(el).backgroundColor")
            rgb = "#" + "".join(f"{int(c):02x}" for c in re.findall(r"\d+", colour)[:3])
            colours.setdefault(label, set()).add(rgb)
    assert {"Tốt", "Khá"} <= set(colours)
    assert {label: len(found) for label, found in colours.items()} == dict.fromkeys(colours, 1), colours
    # Quảng Nam 2023, Biểu đồ 03: the 18 districts are all Khá, and the legend says so.
    page.goto(base + "/cong-bo/quang-nam-2023-cchc/")
    svg = page.request.get(base + page.locator("#chart-03 img").get_attribute("src")).text()
    assert list(_legend(svg)) == ["Khá"]


@pytest.mark.parametrize(
    ("query", "first"),
    [
        ("hội an", "UBND thành phố Hội An"),
        ("bac tra mi", "UBND huyện Bắc Trà My"),
        ("Home Affairs", "Department of Home Affairs"),
    ],
)
def test_search_finds_the_place_first(open_page, portal, query, first):
    base = portal[0]
    page = _open(open_page, PHONE)
    page.goto(base + ("/en/" if query == "Home Affairs" else "/"))
    page.get_by_role("searchbox").fill(query)
    page.get_by_role("searchbox").press("Enter")
    results = page.locator(".results li a")
    expect(results.first).to_contain_text(first)
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    if query == "hội an":
        screenshot(page, "22-phone-search", full_page=False)


@pytest.mark.parametrize(
    "path",
    [
        "/en/",
        "/en/cong-bo/quang-nam-2023-cchc/",
        "/en/cong-bo/quang-nam-2023-cchc/don-vi/SNV/",
        "/en/cong-bo/tien-phuoc-2022-cchc/don-vi/TIEN-CHAU/",
        "/en/cong-bo/quang-nam-2023-cchc/phuong-phap/",
        "/en/tim-kiem/?q=hoi+an",
        "/en/du-lieu-mo/",
        "/en/cong-bo/quang-nam-2023-cchc/ban-do/",
        "/en/cong-bo/tien-phuoc-2022-cchc/so-sanh/?ma=TIEN-CHAU&ma=TIEN-KY",
        "/en/cong-bo/quang-nam-2024-service/",
        "/en/cong-bo/bo-noi-vu-2024-par-index/",
        "/en/so-sanh-dia-phuong/?nam=2023&khoi=so&don-vi=so-noi-vu",
        "/en/co-quan/ubnd-tinh-ha-tinh/",
    ],
)
def test_english_pages_mark_what_stays_vietnamese(open_page, portal, path):
    base = portal[0]
    page = _open(open_page, DESKTOP)
    response = page.goto(base + path)
    assert response.status == 200
    expect(page.locator("html")).to_have_attribute("lang", "en")
    assert page.evaluate(UNMARKED_VIETNAMESE, VIETNAMESE) == []
    if path.endswith("SNV/"):
        screenshot(page, "23-unit-english")

"""A citizen reads the national PAR INDEX in Chromium, follows a province to its own decisions, and comes back."""

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import screenshot

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def national(portal):
    return "bo-noi-vu-2024-par-index"  # loaded with the seeds (tests/browser/conftest.py)


def test_the_national_ranking_and_a_province_in_it(open_page, portal, national):
    base = portal[0]
    page = open_page()
    page.goto(f"{base}/cong-bo/{national}/")
    facts = page.locator(".nation .facts")
    expect(facts.locator("li", has_text="Bình quân cả nước")).to_contain_text("88,37%")
    expect(facts.locator("li", has_text="Bình quân cả nước")).to_contain_text("+1,39")
    expect(facts.locator("li", has_text="Tăng / giảm")).to_contain_text("53 / 9")
    expect(facts.locator("li", has_text="Tăng nhiều nhất")).to_contain_text("Bình Thuận")
    expect(page.locator("#regions-caption")).to_have_text("Bình quân của sáu vùng kinh tế - xã hội")
    screenshot(page, "42-national-par-index")
    page.locator(".nation").get_by_role("link", name="Hà Tĩnh").click()
    expect(page).to_have_url(f"{base}/co-quan/ubnd-tinh-ha-tinh/")
    expect(page.locator("#nation")).to_have_text("Trong cả nước")
    nation = page.locator("#nation-caption").locator("xpath=..")
    expect(nation.locator("tr", has_text="2023")).to_contain_text("18/63")
    expect(nation.locator("tr", has_text="2023")).to_contain_text("88,97")  # SIPAS
    screenshot(page, "43-province-in-the-nation")
    page.get_by_role("link", name="Chỉ số cải cách hành chính năm 2023", exact=False).first.click()
    expect(page).to_have_url(f"{base}/cong-bo/ha-tinh-2023-cchc/")  # its own decision
    page.go_back()
    nation = page.locator("#nation-caption").locator("xpath=..")
    nation.get_by_role("link", name="2024").click()  # back to the nation: the province in the 2024 ranking
    expect(page.locator("h1")).to_have_text("Hà Tĩnh")
    assert page.watch.errors == [], page.watch.errors
    assert page.watch.external == []

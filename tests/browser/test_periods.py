"""A citizen reads an index reported by period in Chromium: the service index's announcement for 15/3 – 14/6/2024
(seed 004, no decision: its period, "as of" date and source), then a unit's trend across three periods."""

import json
import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import screenshot
from tests.factories import edition_doc

pytestmark = pytest.mark.browser
PERIODS = [("2020-01-01", "2020-03-31", "3"), ("2020-04-01", "2020-06-30", "5"), ("2020-07-01", "2020-09-30", "6")]


@pytest.fixture(scope="module")
def three_periods(portal, tmp_path_factory):
    """Three quarters of the service index of "UBND tỉnh Ba Kỳ", Sở A rising quarter by quarter."""
    _base, _env, run = portal
    folder = tmp_path_factory.mktemp("periods")
    for k, (start, end, points) in enumerate(PERIODS, start=1):
        doc = edition_doc({"SA": {"1.1": points, "1.2": "3", "2": "8"}, "SB": {"1.1": "4", "1.2": "2", "2": "7"}},
                          slug=f"ba-ky-quy-{k}", year=2020, index="service", authority="UBND tỉnh Ba Kỳ",
                          title="Bộ chỉ số phục vụ người dân, doanh nghiệp năm 2020")  # fmt: skip
        for unit, name in zip(doc["blocks"][0]["units"], ("Sở A", "Sở B"), strict=True):
            unit["name"] = name
        path = folder / f"quy-{k}.json"
        path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
        run("import_edition", str(path))
        run("publish", f"ba-ky-quy-{k}", "--period-start", start, "--period-end", end,
            "--source", "Cổng Dịch vụ công quốc gia")  # fmt: skip
    return "ba-ky-quy-3"


def test_a_citizen_reads_a_period_and_a_units_trend(open_page, portal, three_periods):
    base = portal[0]
    page = open_page()
    page.goto(base + "/co-quan/ubnd-tinh-quang-nam/")
    page.get_by_role("link", name=re.compile("Bộ chỉ số phục vụ người dân, doanh nghiệp")).first.click()
    expect(page).to_have_url(base + "/cong-bo/quang-nam-2024-service/")
    expect(page.locator(".decision-line")).to_have_text(
        "Kỳ 15/3 – 14/6/2024, số liệu đến ngày 14/06/2024 (nguồn: Cổng Dịch vụ công quốc gia, UBND tỉnh Quảng Nam)"
    )
    summary = page.locator(".summary")
    expect(summary.first).to_contain_text("Chỉ số Công khai, minh bạch đạt 13,2/18 điểm")
    expect(summary.first).to_contain_text("Chỉ số Số hóa hồ sơ đạt 15,6/22 điểm")
    expect(summary.nth(1)).to_contain_text("Sở Công Thương là đơn vị dẫn đầu")
    expect(summary.nth(1)).to_contain_text("08 đơn vị xếp loại tốt gồm: Sở Ngoại vụ")
    expect(summary.nth(2)).to_contain_text("13 địa phương xếp loại tốt gồm: UBND huyện Nam Giang")
    screenshot(page, "40-service-index-period")

    page.goto(f"{base}/cong-bo/{three_periods}/")
    expect(page.locator(".decision-line")).to_contain_text("Kỳ 1/7 – 30/9/2020")
    page.get_by_role("link", name="Sở A").first.click()
    expect(page).to_have_url(f"{base}/cong-bo/{three_periods}/don-vi/SA/")
    expect(page.get_by_text("So với kỳ 1/4 – 30/6/2020")).to_be_visible()
    rows = page.locator("#history tbody tr")
    expect(rows).to_have_count(3)
    expect(rows.nth(0)).to_contain_text("1/1 – 31/3/2020")
    expect(rows.nth(0)).to_contain_text("70,00%")  # 3 + 3 + 8 of 20
    expect(rows.nth(2)).to_contain_text("85,00%")  # 6 + 3 + 8
    screenshot(page, "41-unit-trend-across-periods")
    rows.nth(0).get_by_role("link").click()  # back to the first quarter
    expect(page).to_have_url(f"{base}/cong-bo/ba-ky-quy-1/don-vi/SA/")
    assert page.watch.errors == [], page.watch.errors
    assert page.watch.external == []

"""The national level: the Ministry's PAR INDEX ranks the 63 provinces (SIPAS beside it); its announcement gives the
national average and change, rises and falls, the largest and smallest rise, the groups and the six regions; a
province's page shows where it stands nationally; a national edition ranks provinces and ministries only."""

import json
from decimal import Decimal

import pytest
from django.core.management import call_command

from scoring.documents import EditionInvalid
from scoring.importing import import_edition
from scoring.models import Edition
from scoring.nation import is_province, national_figures, provinces, region_names, regions
from scoring.results import edition_results
from scoring.seeds import NATIONAL

pytestmark = pytest.mark.django_db


@pytest.fixture
def nation(seeds):
    call_command("load_seeds", "--national", verbosity=0)
    return {e.slug: e for e in Edition.objects.filter(authority__level="national")}


def test_the_2024_announcement_gives_the_national_figures_as_printed(client, nation):
    figures = national_figures(edition_results(nation["bo-noi-vu-2024-par-index"]).blocks[0])
    assert (figures.average, figures.change) == (Decimal("88.37"), Decimal("1.39"))
    assert (figures.rose, figures.fell) == (53, 9)
    assert (figures.largest_rise[0].name, figures.largest_rise[1]) == ("Bình Thuận", Decimal("6.39"))
    assert (figures.smallest_rise[0].name, figures.smallest_rise[1]) == ("Lai Châu", Decimal("0.19"))
    assert figures.groups == {"Nhóm A": 13, "Nhóm B": 50}
    html = client.get("/cong-bo/bo-noi-vu-2024-par-index/").content.decode()
    for text in ("Bình quân cả nước<strong>88,37%</strong><span>+1,39 điểm phần trăm so với kỳ trước",
                 "Tăng / giảm<strong>53 / 9</strong>", "Tăng nhiều nhất<strong>Bình Thuận</strong><span>+6,39",
                 "Tăng ít nhất<strong>Lai Châu</strong><span>+0,19", "Nhóm A<strong>13</strong>",
                 "Nhóm B<strong>50</strong>", "Bình quân của sáu vùng kinh tế - xã hội"):  # fmt: skip
        assert text in html, text
    results = edition_results(nation["bo-noi-vu-2024-par-index"])
    ranked = {u.name: (u.rank, str(u.percent)) for u in results.blocks[0].units}
    assert ranked["Hải Phòng"] == (1, "96.17") and ranked["Bà Rịa - Vũng Tàu"] == (2, "93.35")
    assert ranked["Hà Nội"][0] == 3 and ranked["Sơn La"] == (12, "90.02") and ranked["Cao Bằng"][0] == 63


def test_2023_keeps_every_printed_figure_and_the_regions(nation):
    block = edition_results(nation["bo-noi-vu-2023-par-index"]).blocks[0]
    ranked = {u.name: (u.rank, str(u.percent)) for u in block.units}
    assert ranked["Quảng Ninh"] == (1, "92.18") and ranked["Hải Phòng"] == (2, "91.87")
    assert ranked["Hà Nội"] == (3, "91.43") and ranked["Bắc Giang"] == (4, "91.16")
    assert ranked["Bà Rịa - Vũng Tàu"] == (5, "91.03") and ranked["Hà Tĩnh"] == (18, "88.35")
    assert ranked["Đắk Nông"] == (51, "85.42") and min(u.percent for u in block.units) >= 80
    figures = national_figures(block)
    assert figures.average == Decimal("86.98")
    assert {r.name: str(r.average) for r in figures.regions} == {
        "Trung du và miền núi phía Bắc": "87.72", "Đồng bằng sông Hồng": "88.33",
        "Bắc Trung Bộ và duyên hải miền Trung": "86.82", "Tây Nguyên": "85.42", "Đông Nam Bộ": "87.79",
        "Đồng bằng sông Cửu Long": "85.42",
    }  # fmt: skip
    sipas = {u.name: (u.rank, str(u.percent)) for u in edition_results(nation["bo-noi-vu-2023-sipas"]).blocks[0].units}
    assert [sipas[p] for p in ("Quảng Ninh", "Thái Nguyên", "Hải Dương", "Hà Tĩnh", "Hải Phòng", "Gia Lai")] == [
        (1, "90.61"), (2, "90.29"), (3, "90.23"), (4, "88.97"), (5, "88.09"), (19, "83.84")]  # fmt: skip
    for edition in nation.values():
        assert "minh họa" in edition.note and edition.source


def test_a_province_page_shows_where_it_stands_nationally_and_the_ranking_links_back(client, nation):
    html = client.get("/co-quan/ubnd-tinh-ha-tinh/").content.decode()
    assert "Hà Tĩnh trong cả nước qua các năm" in html
    row_2023 = html.split('id="nation"')[1].split(">2023</a></th>")[1].split("</tr>")[0]
    assert "18/63" in row_2023 and "88,35" in row_2023 and "88,97" in row_2023 and "4/63" in row_2023
    national = client.get("/cong-bo/bo-noi-vu-2023-par-index/").content.decode()
    assert 'href="/co-quan/ubnd-tinh-ha-tinh/">Hà Tĩnh</a> (18/63)' in national
    assert 'href="/co-quan/ubnd-tinh-quang-nam/">Quảng Nam</a>' in national


def test_a_national_edition_ranks_provinces_and_ministries_only():
    doc = json.loads((NATIONAL / "bo-noi-vu-2023-sipas.json").read_text(encoding="utf-8"))
    doc["slug"] = "quoc-gia-sai"
    doc["blocks"][0]["units"][3]["name"] = "Sở Nội vụ"
    doc["blocks"][0]["units"][5]["name"] = "Bộ Tư pháp"  # a ministry: allowed
    with pytest.raises(EditionInvalid) as refused:
        import_edition(document=json.dumps(doc, ensure_ascii=False))
    lines = "\n".join(refused.value.lines())
    assert "blocks[0].units[3].name" in lines and "không phải là tỉnh, thành phố hay bộ" in lines
    assert "units[5]" not in lines
    assert not Edition.objects.filter(slug="quoc-gia-sai").exists()


def test_the_regions_are_the_official_provinces_each_in_one_region():
    members = [p for p in regions()]
    assert len(members) == 63 and len(set(members)) == 63 and len(region_names()) == 6
    assert all(is_province(p) for p in members)
    legacy = {key for key in provinces() if key in regions()}
    assert len(legacy) == 63


def test_the_api_gives_the_national_figures_and_the_line_up(client, nation):
    figures = client.get("/api/v1/editions/bo-noi-vu-2024-par-index/nation/").json()
    assert (figures["average"], figures["change"], figures["rose"], figures["fell"]) == ("88.37", "1.39", 53, 9)
    assert figures["largest_rise"] == {"unit": "Bình Thuận", "change": "6.39"}
    assert figures["groups"] == {"Nhóm A": 13, "Nhóm B": 50} and len(figures["regions"]) == 6
    assert client.get("/api/v1/editions/quang-nam-2023-cchc/nation/").status_code == 404  # not national
    listed = client.get("/api/v1/editions/?index=par-index").json()["results"]
    assert {item["authority_level"] for item in listed} == {"national"}
    across = client.get("/api/v1/across/?year=2023&kind=so&unit=so-noi-vu").json()
    assert [(r["authority"], r["percent"], r["criteria_set"]["criteria"]) for r in across["results"]] == [
        ("UBND tỉnh Quảng Nam", "96.86", 23),
        ("UBND tỉnh Hà Tĩnh", "89.60", 23),
        ("UBND tỉnh Đắk Nông", "89.31", 23),
    ]
    assert client.get("/api/v1/across/?year=abc").status_code == 400


def test_the_ministries_2023_as_printed(nation):
    block = edition_results(nation["bo-noi-vu-2023-par-index"]).block("bo")
    ranked = {u.name: (u.rank, str(u.percent)) for u in block.units}
    assert len(block.units) == 17
    assert ranked["Bộ Tư pháp"] == (1, "89.95") and ranked["Bộ Công Thương"] == (17, "78.03")
    assert sum(1 for u in block.units if u.percent >= 80) == 14
    assert national_figures(block).average == Decimal("84.38")  # the same mean, over the ministries

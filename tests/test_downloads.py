"""Downloads: CSV with BOM, XLSX with numbers as numbers and Vietnamese headers, JSON — all equal to export_results."""

import csv
import io
import json
from decimal import Decimal

import pytest
from django.core.management import call_command
from openpyxl import load_workbook

from scoring.writes import publish
from tests.factories import make_edition

pytestmark = pytest.mark.django_db


def export_results(slug, fmt):
    out = io.StringIO()
    call_command("export_results", slug, "--format", fmt, stdout=out)
    return out.getvalue()


def test_the_csv_is_utf8_with_a_bom_and_equals_export_results(client, seeds):
    response = client.get("/cong-bo/quang-nam-2023-cchc/tai-ve.csv")
    assert response["Content-Type"].startswith("text/csv")
    assert 'filename="quang-nam-2023-cchc.csv"' in response["Content-Disposition"]
    assert response.content.startswith(b"\xef\xbb\xbf")
    downloaded = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    exported = list(csv.reader(io.StringIO(export_results("quang-nam-2023-cchc", "csv"))))
    assert downloaded == exported
    assert len(downloaded) == 1 + 20 + 5 + 18


def test_a_blocks_csv_has_only_that_block(client, seeds):
    response = client.get("/cong-bo/quang-nam-2023-cchc/khoi/nganh-doc/tai-ve.csv")
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert [r["code"] for r in rows] == ["KBNN", "CTHUE", "BHXH", "CHQ", "NHNN"]
    assert rows[0]["percent"] == "97.76"


def test_the_json_equals_export_results(client, seeds):
    downloaded = json.loads(client.get("/cong-bo/dak-nong-2023-cchc/tai-ve.json").content)
    assert downloaded == json.loads(export_results("dak-nong-2023-cchc", "json"))


def test_the_xlsx_has_numbers_as_numbers_and_vietnamese_headers(client, seeds):
    response = client.get("/cong-bo/quang-nam-2023-cchc/tai-ve.xlsx")
    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    workbook = load_workbook(io.BytesIO(response.content))
    # Excel allows 31 characters: a longer name is abbreviated as Vietnamese documents do, never cut mid-word.
    assert workbook.sheetnames == ["Thông tin", "Các Sở, ban, ngành", "Các cơ quan ngành dọc cấp tỉnh",
                                   "UBND các huyện, thị xã, TP"]  # fmt: skip
    assert (
        workbook.properties.title
        == "Chỉ số cải cách hành chính năm 2023 của các Sở, Ban, ngành, các cơ quan ngành dọc cấp tỉnh; UBND các huyện, thị xã, thành phố"
    )
    sheet = workbook["Các Sở, ban, ngành"]
    header = [cell.value for cell in sheet[1]]
    assert header[:4] == ["Hạng", "Trên", "Mã đơn vị", "Đơn vị"]
    assert "Tỷ lệ (%)" in header and "Xếp loại" in header
    first = {h: cell.value for h, cell in zip(header, sheet[2], strict=True)}
    assert first["Đơn vị"] == "Sở Nội vụ"
    assert first["Hạng"] == 1
    assert isinstance(first["Điểm"], float | int | Decimal)
    assert round(first["Điểm"], 2) == 89.11
    assert round(first["Tỷ lệ (%)"], 2) == 96.86
    assert first["Xếp loại"] == "Tốt"
    about = workbook["Thông tin"]
    assert ["Quyết định", "2649/QĐ-UBND"] in [[c.value for c in row] for row in about.iter_rows()]


def test_drafts_and_unknown_formats_are_not_found(client, seeds):
    make_edition(slug="nhap-2023")
    assert client.get("/cong-bo/nhap-2023/tai-ve.csv").status_code == 404
    assert client.get("/cong-bo/quang-nam-2023-cchc/tai-ve.pdf").status_code == 404
    assert client.get("/cong-bo/quang-nam-2023-cchc/khoi/nope/tai-ve.csv").status_code == 404


def published(units, **kwargs):
    edition = make_edition(units, decision={"number": "9/QĐ-UBND", "date": "2024-01-10"}, **kwargs)
    return publish(historical=True, edition=edition)


def test_the_xlsx_filters_its_headers_and_leaves_out_a_previous_year_there_is_not(client, db):
    published({"A": {"1.1": "5", "1.2": "3", "2": "8"}, "B": {"1.1": "6", "1.2": "4", "2": None}})
    workbook = load_workbook(io.BytesIO(client.get("/cong-bo/thu-2023-cchc/tai-ve.xlsx").content))
    sheet = workbook["Khối so"]
    header = [cell.value for cell in sheet[1]]
    assert sheet.auto_filter.ref == f"A1:{sheet.cell(row=1, column=len(header)).column_letter}3"
    assert not any("năm trước" in h for h in header)  # no "Hạng năm năm trước": there is no previous year
    rows = {row[2]: dict(zip(header, row, strict=True)) for row in sheet.iter_rows(min_row=2, values_only=True)}
    # B is not assessed on group 2 at all: blank, as the page shows "–", not 0.00 of 0.00.
    assert rows["B"]["2. Cải cách thể chế"] is None and rows["B"]["2. tối đa"] is None
    assert rows["B"]["Điểm"] == 10 and rows["B"]["Tối đa"] == 10 and rows["B"]["Tỷ lệ (%)"] == 100
    assert rows["A"]["2. Cải cách thể chế"] == 8
    licence = [row for row in workbook["Thông tin"].iter_rows(values_only=True) if row[0] == "Giấy phép"]
    assert licence and "CC BY 4.0" in licence[0][1]


def test_the_previous_year_is_named_in_the_xlsx_headers(client, db):
    published({"A": {"1.1": "5"}}, slug="thu-2022-cchc", year=2022)
    published({"A": {"1.1": "6"}})
    sheet = load_workbook(io.BytesIO(client.get("/cong-bo/thu-2023-cchc/tai-ve.xlsx").content))["Khối so"]
    header = [cell.value for cell in sheet[1]]
    assert header[-2:] == ["Hạng năm 2022", "Tỷ lệ năm 2022 (%)"]
    assert [cell.value for cell in sheet[2]][-2:] == [1, 25]  # 5 of 20 points in 2022


def test_the_csv_for_excel_opens_in_columns_with_vietnamese_settings(client, seeds):
    response = client.get("/cong-bo/quang-nam-2023-cchc/tai-ve.excel.csv")
    assert response["Content-Type"].startswith("text/csv")
    assert 'filename="quang-nam-2023-cchc-excel.csv"' in response["Content-Disposition"]
    assert response.content.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert rows[0] == [
        "Chỉ số cải cách hành chính năm 2023 của các Sở, Ban, ngành, các cơ quan ngành dọc cấp tỉnh; "
        "UBND các huyện, thị xã, thành phố — Quyết định số 2649/QĐ-UBND"
    ]
    header = rows[3]
    assert header[:4] == ["Hạng", "Trên", "Mã đơn vị", "Đơn vị"] and rows[2] == ["Các Sở, ban, ngành"]
    first = dict(zip(header, rows[4], strict=True))
    assert (first["Đơn vị"], first["Điểm"], first["Tỷ lệ (%)"], first["Xếp loại"]) == (
        "Sở Nội vụ",
        "89,11",
        "96,86",
        "Tốt",
    )
    assert sum(1 for row in rows if len(row) == len(header) and row[0].isdigit()) == 20 + 5 + 18
    assert "CC BY 4.0" in rows[-1][0]


def test_a_blocks_csv_for_excel_has_only_that_block(client, seeds):
    text = client.get("/cong-bo/quang-nam-2023-cchc/khoi/nganh-doc/tai-ve.excel.csv").content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    assert [row[2] for row in rows[4:9]] == ["KBNN", "CTHUE", "BHXH", "CHQ", "NHNN"]
    assert rows[9] == []


def test_the_open_data_page_states_the_licence_and_every_column(client, db):
    page = client.get("/du-lieu-mo/").content.decode()
    assert "CC BY 4.0" in page and 'rel="license"' in page
    for column in ("block", "block_name", "code", "rank", "of", "score", "max", "percent", "band", "previous_rank"):
        assert f"<code>{column}</code>" in page
    info = client.get("/api/v1/openapi.json").json()["info"]
    assert info["license"] == {"name": "CC BY 4.0", "identifier": "CC-BY-4.0"}

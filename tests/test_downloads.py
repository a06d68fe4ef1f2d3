"""Downloads: CSV with BOM, XLSX with numbers as numbers and Vietnamese headers, JSON — all equal to export_results."""

import csv
import io
import json
from decimal import Decimal

import pytest
from django.core.management import call_command
from openpyxl import load_workbook

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
    assert workbook.sheetnames == ["Thông tin", "Các Sở, ban, ngành", "Các cơ quan ngành dọc cấp tỉnh",
                                   "UBND các huyện, thị xã, thành p"]  # fmt: skip
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

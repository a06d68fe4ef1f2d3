"""The decision drafted for signature: a Word document in the layout of administrative documents, its appendix
figures identical to the one computation."""

import io
import json

import pytest
from django.core.management import call_command
from docx import Document

from workspace.roles import grant

pytestmark = pytest.mark.django_db


def export_results(slug):
    out = io.StringIO()
    call_command("export_results", slug, "--format", "json", stdout=out)
    return json.loads(out.getvalue())


def vi(value):
    return value.replace(".", ",") if value is not None else "–"


@pytest.fixture
def publisher(client, django_user_model, seeds):
    user = django_user_model.objects.create_user("cong-bo", password="a-long-password-1")
    grant(username="cong-bo", kind="publisher", authority_slug="ubnd-tinh-quang-nam")
    client.force_login(user)
    return user


def test_the_decision_is_drafted_with_every_figure_of_the_computation(client, publisher):
    response = client.get("/quan-ly/quang-nam-2023-cchc/du-thao-quyet-dinh.docx")
    assert response.status_code == 200
    assert 'filename="du-thao-quyet-dinh-quang-nam-2023-cchc.docx"' in response["Content-Disposition"]
    document = Document(io.BytesIO(response.content))
    text = "\n".join(p.text for p in document.paragraphs)
    heading = "\n".join(cell.text for cell in document.tables[0].rows[0].cells)
    assert "ỦY BAN NHÂN DÂN" in heading and "TỈNH QUẢNG NAM" in heading and "Số:" in heading and "/QĐ-UBND" in heading
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in heading and "Độc lập - Tự do - Hạnh phúc" in heading
    assert "Quảng Nam, ngày" in heading
    assert "QUYẾT ĐỊNH\nVề việc công bố Chỉ số cải cách hành chính năm 2023" in text
    assert "Căn cứ Quyết định số 876/QĐ-BNV ngày 10/11/2022" in text
    assert "Điều 1." in text and "Điều 3." in text
    assert "Sở Nội vụ dẫn đầu với 89,11 điểm, tỷ lệ 96,86%" in text
    assert "Nơi nhận:" in "\n".join(c.text for c in document.tables[1].rows[0].cells)
    # One appendix per block, every unit's figures as export_results gives them, written 89,11.
    exported = export_results("quang-nam-2023-cchc")
    appendices = document.tables[2:]
    assert len(appendices) == len(exported["blocks"]) == 3
    for table, block in zip(appendices, exported["blocks"], strict=True):
        rows = [[cell.text for cell in row.cells] for row in table.rows[2:]]
        assert len(rows) == len(block["units"])
        for row, unit in zip(rows, block["units"], strict=True):
            groups = [vi(g["score"]) if g["max"] != "0.00" else "–" for g in unit["groups"]]
            assert row == [row[0], unit["name"], *groups, vi(unit["score"]), vi(unit["max"]), vi(unit["percent"]),
                           str(unit["rank"]), unit["band"]]  # fmt: skip
    assert document.sections[1].orientation == 1  # the appendices are landscape


def test_only_those_who_decide_draft_it(client, django_user_model, seeds):
    user = django_user_model.objects.create_user("bao-cao", password="a-long-password-1")
    grant(username="bao-cao", kind="reporter", authority_slug="ubnd-tinh-quang-nam", unit_code="SNV")
    client.force_login(user)
    assert client.get("/quan-ly/quang-nam-2023-cchc/du-thao-quyet-dinh.docx").status_code == 403
    client.logout()
    other = django_user_model.objects.create_user("khac", password="a-long-password-1")
    grant(username="khac", kind="publisher", authority_slug="ubnd-tinh-dak-nong")
    client.force_login(other)
    assert client.get("/quan-ly/quang-nam-2023-cchc/du-thao-quyet-dinh.docx").status_code == 404

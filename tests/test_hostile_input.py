"""Hostile strings in every field that reaches the database come back escaped, or are refused with a reason."""

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from scoring.models import Edition, EditionEvent, Evidence, Score

pytestmark = pytest.mark.django_db

HOSTILE = [
    "<script>alert('x')</script>",
    '"><img src=x onerror=alert(1)>',
    "'; DROP TABLE scoring_score; --",
    "Robert'); DELETE FROM auth_user; --",
    "{{ 7*7 }} {% debug %} ${7*7}",
    "\u202egnp.exe \u200b zero-width",
    "line\r\nbreak\ttab",
    "Ủy ban nhân dân ✓ 𝔘𝔫𝔦𝔠𝔬𝔡𝔢",
]
REFUSED = [("\x00nul", "ký tự điều khiển"), ("bell\x07", "ký tự điều khiển"), ("x" * 6000, "5000")]


def appraisal_sheet(personas):
    personas.set_status(Edition.Status.APPRAISAL)
    client = personas.client("appraiser")
    html = client.get("/quan-ly/thu-2023/don-vi/A/").content.decode()
    data = {name: value for name, value in re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', html)}
    for name, value in re.findall(r'<input type="text" name="([^"]+)"[^>]*value="([^"]*)"', html):
        data[name] = value
    for name in re.findall(r'<textarea name="([^"]+)"', html):
        data.setdefault(name, "")
    return client, data


def raw_script_in(html):
    return "<script>alert" in html or "<img src=x" in html


@pytest.mark.parametrize("text", HOSTILE)
def test_a_remark_is_stored_as_typed_and_shown_escaped(personas, text):
    client, data = appraisal_sheet(personas)
    score = Score.objects.get(unit__edition=personas.edition, unit__code="A", criterion__code="1.1")
    data[f"s{score.pk}-note"] = text
    assert client.post("/quan-ly/thu-2023/don-vi/A/", data).status_code == 302
    score.refresh_from_db()
    assert score.note == text.replace("\r\n", "\n") or score.note == text
    page = client.get("/quan-ly/thu-2023/don-vi/A/").content.decode()
    history = client.get("/quan-ly/thu-2023/don-vi/A/lich-su/").content.decode()
    assert not raw_script_in(page)
    assert not raw_script_in(history)
    assert Score.objects.count() > 0  # nothing was dropped


@pytest.mark.parametrize(("text", "reason"), REFUSED)
def test_nul_characters_and_overlong_text_are_refused_with_a_reason(personas, text, reason):
    client, data = appraisal_sheet(personas)
    score = Score.objects.get(unit__edition=personas.edition, unit__code="A", criterion__code="1.1")
    data[f"s{score.pk}-note"] = text
    response = client.post("/quan-ly/thu-2023/don-vi/A/", data)
    assert response.status_code == 200
    assert reason in response.content.decode()
    score.refresh_from_db()
    assert score.note == ""


@pytest.mark.parametrize("text", HOSTILE)
def test_a_score_field_refuses_anything_but_a_number(personas, text):
    client, data = appraisal_sheet(personas)
    score = Score.objects.get(unit__edition=personas.edition, unit__code="A", criterion__code="1.1")
    data[f"s{score.pk}-points"] = text
    response = client.post("/quan-ly/thu-2023/don-vi/A/", data)
    assert response.status_code == 200
    assert "không phải là số" in response.content.decode()
    assert not raw_script_in(response.content.decode())


@pytest.mark.parametrize("text", HOSTILE)
def test_a_reason_for_sending_back_is_kept_and_shown_escaped(personas, text):
    personas.set_status(Edition.Status.APPROVED)
    client = personas.client("approver")
    client.post("/quan-ly/thu-2023/buoc/send_back/", {"remark": text, "confirm": "1"})
    assert EditionEvent.objects.get(action="send_back").remark == text.strip()
    assert not raw_script_in(client.get("/quan-ly/thu-2023/").content.decode())


@pytest.mark.parametrize("text", HOSTILE)
def test_a_decision_published_with_hostile_fields_is_shown_escaped(personas, client, text):
    personas.set_status(Edition.Status.APPROVED)
    response = personas.client("publisher").post(
        "/quan-ly/thu-2023/cong-bo/",
        {"number": text[:100], "date": "2024-01-15", "signer": text, "title": text, "confirm": "on"},
    )
    assert response.status_code in (200, 302)
    for page in (client.get("/cong-bo/thu-2023/"), client.get("/"), client.get("/feeds/rss/")):
        assert not raw_script_in(page.content.decode())


@pytest.mark.parametrize("text", HOSTILE)
def test_search_reflects_the_query_escaped(client, text):
    html = client.get("/tim-kiem/", {"q": text}).content.decode()
    assert not raw_script_in(html)


@pytest.mark.parametrize("name", ["<script>alert('x')</script>.pdf", "../../etc/passwd.pdf", "a" * 300 + ".pdf"])
def test_an_evidence_file_name_is_kept_harmless(personas, settings, tmp_path, name):
    settings.MEDIA_ROOT = tmp_path
    personas.set_status(Edition.Status.SELF_ASSESSMENT)
    client = personas.client("reporter_x")
    client.post("/quan-ly/thu-2023/don-vi/A/minh-chung/1.1/", {"file": SimpleUploadedFile(name, b"%PDF-1.4\n%%EOF\n")})
    evidence = Evidence.objects.get()
    assert "/" not in evidence.original_name
    assert evidence.file.name.startswith("evidence/")
    assert (tmp_path / evidence.file.name).exists()
    assert not raw_script_in(client.get("/quan-ly/thu-2023/don-vi/A/minh-chung/1.1/").content.decode())

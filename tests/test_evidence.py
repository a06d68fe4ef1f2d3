"""Evidence files: type by content, 20 MB at most, random names, staff of the authority only, no orphans."""

import io
import zipfile

import pytest
from django.core.files.storage import FileSystemStorage
from django.core.files.uploadedfile import SimpleUploadedFile

from scoring.models import Edition, Evidence, Score

pytestmark = pytest.mark.django_db
URL = "/quan-ly/thu-2023/don-vi/A/minh-chung/1.1/"
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" + b"\x00" * 50


WORD = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" ContentType="{main}"/></Types>'
)
DOCX_MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"


def docx(*, main=DOCX_MAIN, document=f'<w:document xmlns:w="{WORD}"><w:body><w:p/></w:body></w:document>', extra=()):
    """A minimal Word document, as Word writes its parts (or not, with other arguments)."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", CONTENT_TYPES.format(main=main))
        archive.writestr(
            "_rels/.rels",
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Target="word/document.xml" '
            'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"/>'
            "</Relationships>",
        )
        archive.writestr("word/document.xml", document)
        for name, content in extra:
            archive.writestr(name, content)
    return out.getvalue()


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    settings.STORAGES = {**settings.STORAGES, "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"}}
    return tmp_path


def upload(client, name, content, content_type="application/octet-stream"):
    return client.post(URL, {"file": SimpleUploadedFile(name, content, content_type=content_type)})


@pytest.mark.parametrize(("name", "content"), [("bao-cao.pdf", PDF), ("anh.png", PNG), ("van-ban.docx", docx())])
def test_a_reporter_attaches_files_whose_content_is_allowed(personas, media, name, content):
    personas.set_status(Edition.Status.SELF_ASSESSMENT)
    assert upload(personas.client("reporter_x"), name, content).status_code == 302
    evidence = Evidence.objects.get()
    assert evidence.original_name == name
    assert name not in evidence.file.name  # stored under a random name
    assert evidence.file.name.startswith("evidence/")
    assert (media / evidence.file.name).read_bytes() == content


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("virus.pdf", b"MZ\x90\x00 not a pdf"),
        ("page.png", b"<html><script>alert(1)</script>"),
        ("zip.docx", b"PK\x03\x04junk"),
    ],
)
def test_a_file_is_judged_by_its_content_not_its_name(personas, media, name, content):
    personas.set_status(Edition.Status.SELF_ASSESSMENT)
    response = upload(personas.client("reporter_x"), name, content)
    assert response.status_code == 400
    assert "không phải tài liệu PDF, Word (DOCX), Excel (XLSX), JPG hay PNG" in response.content.decode()
    assert not Evidence.objects.exists()
    assert not any(media.rglob("*.*"))


def test_a_file_over_20_mb_is_refused(personas, media):
    personas.set_status(Edition.Status.SELF_ASSESSMENT)
    response = upload(personas.client("reporter_x"), "big.pdf", PDF + b"0" * (20 * 1024 * 1024))
    assert "tối đa 20 MB" in response.content.decode()
    assert not Evidence.objects.exists()


def test_a_storage_failure_leaves_no_record(personas, media, monkeypatch):
    personas.set_status(Edition.Status.SELF_ASSESSMENT)

    def full(self, name, content, max_length=None):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(FileSystemStorage, "save", full)
    response = upload(personas.client("reporter_x"), "bao-cao.pdf", PDF)
    assert "Không lưu được tệp" in response.content.decode()
    assert not Evidence.objects.exists()


def test_only_staff_of_the_authority_may_download_and_never_the_public(personas, media):
    personas.set_status(Edition.Status.SELF_ASSESSMENT)
    upload(personas.client("reporter_x"), "bao-cao.pdf", PDF)
    url = f"/quan-ly/minh-chung/{Evidence.objects.get().pk}/"
    assert personas.client("reporter_x").get(url).status_code == 200
    assert b"".join(personas.client("appraiser").get(url).streaming_content) == PDF
    assert personas.client("reporter_y").get(url).status_code == 404
    assert personas.client("other_appraiser").get(url).status_code == 404
    assert personas.client("anonymous").get(url).status_code == 302  # to the login page
    assert personas.client("anonymous").get("/media/" + Evidence.objects.get().file.name).status_code == 404


def test_evidence_cannot_be_added_outside_its_step(personas, media):
    personas.set_status(Edition.Status.APPROVED)
    assert upload(personas.client("reporter_x"), "bao-cao.pdf", PDF).status_code == 403
    assert Score.objects.filter(evidence__isnull=False).count() == 0


def test_a_real_workbook_is_accepted_as_evidence(personas, media):
    from openpyxl import Workbook

    workbook = Workbook()
    workbook.active["A1"] = 1
    out = io.BytesIO()
    workbook.save(out)
    personas.set_status(Edition.Status.SELF_ASSESSMENT)
    assert upload(personas.client("reporter_x"), "bang.xlsx", out.getvalue()).status_code == 302
    assert Evidence.objects.get().content_type.endswith("spreadsheetml.sheet")

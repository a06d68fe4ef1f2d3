"""Evidence files (tài liệu kiểm chứng): PDF, DOCX, XLSX, JPG or PNG up to 20 MB, checked by their content.

The type is read from the file's first bytes (filetype), never from its name; Office files must
also be real Office archives (a zip with the parts Word or Excel writes). Files are stored under
random names and the record and the file are written together: if storing fails, no record is left.
"""

import zipfile

import filetype
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from scoring.text import strip_control
from workspace.models import Evidence

ALLOWED = {
    "application/pdf": "pdf",
    "image/jpeg": "jpg",
    "image/png": "png",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "docx",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": "xlsx",
}
OFFICE_PART = {"docx": "word/document.xml", "xlsx": "xl/workbook.xml"}
MAX_ZIP_ENTRIES = 5000
MAX_ZIP_RATIO = 200  # an Office file packs well, a zip bomb packs far better


def detect(upload):
    """Return (content type, extension) of an uploaded file from its content; raise ValidationError."""
    if upload.size > settings.EVIDENCE_MAX_BYTES:
        raise ValidationError(
            _("The file is %(size)s MB; at most %(max)s MB is allowed.")
            % {"size": round(upload.size / 1024 / 1024, 1), "max": settings.EVIDENCE_MAX_BYTES // 1024 // 1024}
        )
    upload.seek(0)
    head = upload.read(8192)
    upload.seek(0)
    kind = filetype.guess(head)
    mime = kind.mime if kind else None
    if mime == "application/zip" or (mime in ALLOWED and ALLOWED[mime] in OFFICE_PART):
        mime = _office_type(upload)
    if mime not in ALLOWED:
        raise ValidationError(
            _("This file is not a PDF, Word (DOCX), Excel (XLSX), JPG or PNG document, whatever its name says.")
        )
    return mime, ALLOWED[mime]


def _office_type(upload):
    """Return the Office type of a zip archive, or None if it is not a sound Word or Excel file."""
    try:
        with zipfile.ZipFile(upload) as archive:
            entries = archive.infolist()
            if len(entries) > MAX_ZIP_ENTRIES:
                return None
            packed = sum(e.compress_size for e in entries) or 1
            if sum(e.file_size for e in entries) / packed > MAX_ZIP_RATIO:
                return None
            names = {e.filename for e in entries}
    except (zipfile.BadZipFile, OSError, ValueError):
        return None
    finally:
        upload.seek(0)
    if "[Content_Types].xml" not in names:
        return None
    for extension, part in OFFICE_PART.items():
        if part in names:
            return next(m for m, e in ALLOWED.items() if e == extension)
    return None


def attach(*, score, upload, user):
    """Check and store an evidence file for a score; return the Evidence. Raise ValidationError."""
    mime, extension = detect(upload)
    name = strip_control((upload.name or "tai-lieu").replace("\\", "/").rsplit("/", 1)[-1])[:200] or "tai-lieu"
    with transaction.atomic():
        evidence = Evidence(score=score, original_name=name, content_type=mime, size=upload.size, uploaded_by=user)
        evidence.file.save(f"file.{extension}", upload, save=False)
        try:
            evidence.save()
        except Exception:
            evidence.file.delete(save=False)
            raise
    return evidence

"""What an uploaded file really is: evidence (PDF, DOCX, XLSX, JPG or PNG up to 20 MB), a workbook, a signed PDF.

The type is read from the file's first bytes (filetype), never from its name; Office files must
also be real Office archives (a zip with the parts Word or Excel writes, see `office_type`).
"""

import zipfile

import defusedxml.ElementTree as safe_xml
import filetype
from defusedxml import DefusedXmlException
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

PDF = "application/pdf"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
ALLOWED = {PDF: "pdf", "image/jpeg": "jpg", "image/png": "png", DOCX: "docx", XLSX: "xlsx"}
OFFICE_PART = {"docx": "word/document.xml", "xlsx": "xl/workbook.xml"}
MAX_ZIP_ENTRIES = 5000
MAX_ZIP_RATIO = 200  # an Office file packs well, a zip bomb packs far better


def detect_type(upload):
    """Return (content type, extension) of an evidence file from its content; raise ValidationError."""
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
        mime = office_type(upload)
    if mime not in ALLOWED:
        raise ValidationError(
            _("This file is not a PDF, Word (DOCX), Excel (XLSX), JPG or PNG document, whatever its name says.")
        )
    return mime, ALLOWED[mime]


OFFICE_MAIN = {
    "docx": ("application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
             "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}document"),
    "xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
             "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}workbook"),
}  # fmt: skip
MAX_CONTENT_TYPES_BYTES = 1024 * 1024


def office_type(upload):
    """Return the Office type of a zip archive, or None if it is not a sound Word or Excel file.

    Sound means: a zip that is no bomb, whose [Content_Types].xml declares the main part as a
    Word document or an Excel workbook (not a macro-enabled one), holding no macros, and whose
    main part really is one (its XML root). XML is read with defusedxml (no entities, no DTD).
    """
    try:
        with zipfile.ZipFile(upload) as archive:
            entries = archive.infolist()
            if len(entries) > MAX_ZIP_ENTRIES:
                return None
            packed = sum(e.compress_size for e in entries) or 1
            if sum(e.file_size for e in entries) / packed > MAX_ZIP_RATIO:
                return None
            names = {e.filename for e in entries}
            if "[Content_Types].xml" not in names or any(n.lower().endswith("vbaproject.bin") for n in names):
                return None
            if archive.getinfo("[Content_Types].xml").file_size > MAX_CONTENT_TYPES_BYTES:
                return None
            types = _declared_types(archive.read("[Content_Types].xml"))
            if types is None or any("macroenabled" in t.lower() or "vba" in t.lower() for t in types.values()):
                return None
            for extension, part in OFFICE_PART.items():
                main_type, root = OFFICE_MAIN[extension]
                if part in names and types.get("/" + part) == main_type and _root_tag(archive, part) == root:
                    return next(m for m, e in ALLOWED.items() if e == extension)
            return None
    except (zipfile.BadZipFile, OSError, ValueError, KeyError):
        return None
    finally:
        upload.seek(0)


def _declared_types(xml):
    """{part name: content type} of [Content_Types].xml (Overrides, and Defaults by extension), or None."""
    try:
        root = safe_xml.fromstring(xml)
    except (safe_xml.ParseError, DefusedXmlException):
        return None
    types = {}
    for element in root:
        tag = element.tag.rsplit("}", 1)[-1]
        if tag == "Override":
            types[element.get("PartName", "")] = element.get("ContentType", "")
        elif tag == "Default":
            types["*." + element.get("Extension", "").lower()] = element.get("ContentType", "")
    return types


def _root_tag(archive, part):
    """The tag of a part's root element (read no further than it), or None if it is not XML."""
    try:
        with archive.open(part) as stream:
            for _event, element in safe_xml.iterparse(stream, events=("start",)):
                return element.tag
    except (safe_xml.ParseError, DefusedXmlException):
        return None
    return None

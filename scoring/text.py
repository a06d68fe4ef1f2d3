"""Vietnamese text helpers: folding diacritics for search keys and slugs."""

import re
import unicodedata

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

# Letters that Unicode does not decompose into a base letter and a combining mark.
_EXTRA = str.maketrans({"đ": "d", "Đ": "D"})


def fold(text):
    """Return `text` lower-cased and without diacritics: "Đắk Nông" → "dak nong"."""
    decomposed = unicodedata.normalize("NFKD", text.translate(_EXTRA))
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(stripped.lower().split())


def slugify_vi(text):
    """Return the slug of a Vietnamese name: "UBND tỉnh Quảng Nam" → "ubnd-tinh-quang-nam"."""
    return slugify(fold(text))


# C0 control characters but tab, line feed and carriage return; and DEL. XML (feeds, XLSX) refuses them,
# PostgreSQL refuses NUL, and no one types them on purpose.
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def has_control(text):
    return bool(CONTROL.search(text or ""))


def strip_control(text):
    """Remove control characters (kept: tab and line breaks)."""
    return CONTROL.sub("", text or "")


def no_control_characters(value):
    """Validator for text fields: refuse control characters, saying so in the user's language."""
    if has_control(value):
        raise ValidationError(_("Control characters (such as a null character) cannot be used."), code="control")


# Unit, block and criterion codes appear in addresses and file names: letters (Vietnamese ones
# included), digits, ".", "-" and "_"; no spaces, no "/" (see docs/edition-format.md).
CODE = re.compile(r"^[\w.-]+$")

valid_code = RegexValidator(
    CODE,
    _("Use letters, digits, “.”, “-” and “_” only (no spaces, no “/”)."),
    code="code",
)

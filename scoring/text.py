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


# Vietnamese alphabetical order: a ă â b c d đ e ê g h i k l m n o ô ơ p q r s t u ư v x y (and the
# Latin letters Vietnamese borrows, in their Latin places); then, word by word, the tone: none,
# huyền, hỏi, ngã, sắc, nặng, as dictionaries order them.
_ALPHABET = tuple("aăâbcdđeêfghijklmnoôơpqrstuưvwxyz")
_RANK = {letter: i for i, letter in enumerate(_ALPHABET)}
_TONES = {"\u0300": 1, "\u0309": 2, "\u0303": 3, "\u0301": 4, "\u0323": 5}
_SHAPES = {("a", "\u0306"): "ă", ("a", "\u0302"): "â", ("e", "\u0302"): "ê", ("o", "\u0302"): "ô",
           ("o", "\u031b"): "ơ", ("u", "\u031b"): "ư"}  # fmt: skip
_COMMITTEE = re.compile(
    r"^(?:UBND|Ủy ban nhân dân|Uỷ ban nhân dân)\s+(?:tỉnh|thành phố|thị xã|thị trấn|huyện|quận|xã|phường|đặc khu)\s+",
    re.IGNORECASE,
)


def collation_key(text):
    """A key that sorts Vietnamese as a Vietnamese reader expects: "Đại Lộc" after "Duy Xuyên", "Ân" after "An"."""
    letters, tones = [], []
    for char in unicodedata.normalize("NFD", (text or "").lower()):
        if unicodedata.combining(char):
            if char in _TONES and tones:
                tones[-1] = _TONES[char]
            elif letters and (shape := _SHAPES.get((letters[-1][1], char))):
                letters[-1] = (_RANK[shape], shape)
            continue
        rank = -1 if char.isspace() else _RANK.get(char, 100 + ord(char))  # word by word: "An Lão" before "Anh Sơn"
        letters.append((rank, char))
        tones.append(0)
    return tuple(rank for rank, _char in letters), tuple(tones)


def place_collation_key(name):
    """`collation_key` of a people's committee by its place ("UBND huyện Tây Giang" sorts at T)."""
    return collation_key(_COMMITTEE.sub("", name or ""))

"""Vietnamese text helpers: folding diacritics for search keys and slugs."""

import unicodedata

from django.utils.text import slugify

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

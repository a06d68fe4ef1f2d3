"""The official administrative units, by library rather than by hand-made table:

- `vietnam-provinces` (pinned): the 34 provinces and 3,321 communes and wards since 1 July 2025, with
  the codes of the General Statistics Office (`communes_of`, `commune_by_code`);
- `vietnamadminunits` (pinned): the official conversion of each commune before the reform to the one
  it became (`proposed_predecessors`), which is how the predecessors of a new commune are proposed.
"""

import functools
import sqlite3

from vietnam_provinces import Province, Ward

from scoring.adminunits import library
from scoring.text import fold


def _bare_province(name):
    return fold(name or "").removeprefix("tinh ").removeprefix("thanh pho ").strip()


@functools.lru_cache(maxsize=64)
def province_named(name):
    """The Province since 1 July 2025 of a province named before or after it ("Quảng Nam" → Đà Nẵng), or None."""
    wanted = _bare_province(name)
    for province in Province.iter_all():
        if _bare_province(province.name) == wanted:
            return province
    # A province merged into another on 1 July 2025: where its communes went.
    for commune, district, old in _old_communes():
        if _bare_province(old) == wanted:
            found = converted(commune, district, old)
            if found is not None:
                return Province.from_code(int(found[0]))
    return None


@functools.lru_cache(maxsize=64)
def communes_of(province_code):
    """[(code as text, name)] of the communes and wards of a province since 1 July 2025, by name."""
    wards = Ward.iter_by_province(Province.from_code(int(province_code)).code)
    return sorted(((str(int(w.code)), w.name) for w in wards), key=lambda item: fold(item[1]))


def commune_by_code(code):
    """(code, name, province code) of the commune with this official code, or None."""
    try:
        ward = Ward.from_code(int(code))
    except (ValueError, TypeError):
        return None
    return str(int(ward.code)), ward.name, str(int(ward.province_code))


@functools.lru_cache(maxsize=1)
def _old_communes():
    """[(old commune, old district, old province)] of every commune before the reform."""
    db = sqlite3.connect(library().dataset)
    try:
        return db.execute(
            "SELECT ward, district, province FROM admin_units_legacy WHERE ward IS NOT NULL ORDER BY rowid"
        ).fetchall()
    finally:
        db.close()


def converted(commune, district, province):
    """(province code, folded name) of the commune an old commune became, or None when the conversion does not know
    it. Matched by name within the province: the two libraries do not always give a merged commune the same code
    (Xã Lãnh Ngọc is 20872 in the official list, 20875 in the conversion)."""
    found = library().convert_address(f"{commune}, {district}, {province}")
    if found is None or not found.ward or not found.province_code:
        return None
    return str(int(found.province_code)), fold(found.ward)


def proposed_predecessors(new_code, old_units):
    """The units of `old_units` [(code, name, district, province)] that the official conversion turns into the
    commune of official code `new_code`: their codes, to be confirmed or corrected by staff."""
    official = commune_by_code(new_code)
    if official is None:
        return []
    wanted = (official[2], fold(official[1]))
    return [
        code for code, name, district, province in old_units if converted(_bare(name), district, province) == wanted
    ]


def all_conversions():
    """{(new province code, new commune): [(old commune, old district, old province)]} for the whole country."""
    found = {}
    for commune, district, province in _old_communes():
        new = converted(commune, district, province)
        if new:
            found.setdefault(new, []).append((commune, district, province))
    return found


def _bare(name):
    """ "UBND xã Tiên Châu" → "xã Tiên Châu"."""
    words = (name or "").split()
    if words and library().key_normalize(words[0]) == "ubnd":
        words = words[1:]
    return " ".join(words)

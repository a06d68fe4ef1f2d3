"""Where units are: the official coordinates of provinces, districts and communes.

From `vietnamadminunits` (pinned in requirements.txt; MIT), which holds the units before the reform
of 1 July 2025 (63 provinces, their districts and communes) and after it (34 provinces and their
communes), each with the point it was geocoded at. A unit is placed from its name as decisions
write it ("UBND huyện Bắc Trà My") and the authority that ranks it (its province; for a district's
communes, the district): `coordinates(unit_name, authority)` gives (latitude, longitude) or None.
None is also the answer for a name the data set does not know exactly: the library falls back
quietly on the parent unit's point, which would put a commune at its district's centre.
"""

import functools
import re

from scoring.adminunits import library

_UBND = re.compile(r"^\s*(ubnd|u[ỷỷy] ban nhân dân)\s+", re.IGNORECASE)
_SIMULATED = re.compile(r"\s*\(mô phỏng\)\s*$", re.IGNORECASE)
_COMMUNE = re.compile(r"^(xã|phường|thị trấn|đặc khu)\s", re.IGNORECASE)
_DISTRICT = re.compile(r"^(huyện|quận|thị xã|thành phố)\s", re.IGNORECASE)
_PROVINCE = re.compile(r"^(tỉnh|thành phố)\s+", re.IGNORECASE)


def _place(name):
    return _SIMULATED.sub("", _UBND.sub("", name or "")).strip()


def coordinates(unit_name, authority):
    """(latitude, longitude) of a unit ranked by `authority` (an Authority), or None when it cannot be placed."""
    return _located(_place(unit_name), authority.level, authority.province or "", _place(authority.name))


@functools.lru_cache(maxsize=20000)
def _located(name, level, province, authority_place):
    if not name or not province:
        return None
    if _DISTRICT.match(name) and level == "province":
        return _check(library().parse_address(f"{name}, {province}", mode=library().ParseMode.LEGACY, level=2, keep_street=False),
                      name, "short_district")  # fmt: skip
    if _COMMUNE.match(name):
        if level == "district":
            district = _DISTRICT.sub("", authority_place)
            found = library().parse_address(
                f"{name}, {district}, {province}", mode=library().ParseMode.LEGACY, level=3, keep_street=False
            )
            return _check(found, name, "short_ward")
        # a commune ranked by its province: a commune of the 34 provinces since 1 July 2025
        found = library().parse_address(
            f"{name}, {province}", mode=library().ParseMode.FROM_2025, level=2, keep_street=False
        )
        return _check(found, name, "short_ward")
    return None


def province_coordinates(province):
    """(latitude, longitude) of a province (before or after 2025), or None."""
    return _province(_PROVINCE.sub("", province or "").strip())


@functools.lru_cache(maxsize=200)
def _province(province):
    if not province:
        return None
    for mode in (library().ParseMode.FROM_2025, library().ParseMode.LEGACY):
        found = library().parse_address(province, mode=mode, level=1, keep_street=False)
        if found.province and found.latitude is not None:
            return (float(found.latitude), float(found.longitude))
    return None


def _check(found, name, attribute):
    """The point found, only if it is the unit asked for (not its parent, which the library falls back on, nor a
    unit of the same name and another kind: "thị xã Kỳ Anh" is not "huyện Kỳ Anh")."""
    full = getattr(found, attribute.removeprefix("short_"), None)
    if not full or found.latitude is None or library().key_normalize(full) != library().key_normalize(name):
        return None
    return (float(found.latitude), float(found.longitude))

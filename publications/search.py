"""Finding a unit or an authority by what a citizen types: with or without diacritics, a typo, in English.

1. The words typed are folded ("Hội An" → "hoi an") and each is matched against the words the
   published units are written with (their names, English names and codes, and the names of
   their authorities and provinces). A word that is not one of them is read as the word one edit
   away ("mi" → "my", "chu" → "chau"), or as two words run together ("tienchau" → "tien chau").
2. The database returns the units whose search key holds every word (or one of its readings), or
   whose authority's holds it: the unit's province and district are searched too. On PostgreSQL
   a trigram index (pg_trgm, migration scoring 0010) serves these lookups; SQLite scans.
3. The units are ordered by how well they match (`_tier`): the whole name typed, then word by word
   whole words before parts of words, as typed before corrected, the unit's own names before its
   authority's; the latest edition of a unit only; the most recent year first.

The words of the published units are kept in the cache for as long as no decision is published.
"""

import re
from dataclasses import dataclass
from functools import reduce
from operator import or_

from django.core.cache import cache
from django.db.models import Q

from scoring.models import Authority, Edition, FrozenResult, PublicationCounter, Unit
from scoring.text import fold
from scoring.vocabulary import unit_search_words

LIMIT = 50
_CANDIDATES = 1000
_COMMITTEE = re.compile(r"^(?:ubnd|uy ban nhan dan) (?:tinh|thanh pho|thi xa|thi tran|huyen|quan|xa|phuong|dac khu) ")


@dataclass
class Found:
    """A unit found, with what the results page shows of it."""

    unit: Unit
    tier: tuple
    result: dict | None  # its frozen score, percent, rank, band


@dataclass
class Search:
    query: str
    words: list
    units: list
    total: int
    authorities: list

    @property
    def truncated(self):
        return self.total > len(self.units)


def search(query):
    """Search the published units and authorities for `query` (a `Search`)."""
    query = (query or "").strip()[:100]
    typed = fold(query).split()
    if not typed:
        return Search(query, [], [], 0, [])
    known = _words()
    readings = [_readings(word, known) for word in typed]
    units, authorities = _units(typed, readings), _authorities(readings)
    if not units and not authorities:  # a typo that is itself a word ("tien chu"): read every word loosely
        readings = [_readings(word, known, loose=True) for word in typed]
        units, authorities = _units(typed, readings), _authorities(readings)
    return Search(query, typed, units[:LIMIT], len(units), authorities)


def _authorities(readings):
    condition = Q()
    for alternatives in readings:
        condition &= reduce(or_, (Q(search_name__contains=w) for w in alternatives))
    return list(
        Authority.objects.filter(condition, editions__status=Edition.Status.PUBLISHED).distinct().order_by("name")[:20]
    )


def _units(typed, readings):
    """The units matching every word, best matches first, the latest edition of each unit only."""
    condition = Q()
    for alternatives in readings:
        condition &= reduce(
            or_,
            (Q(search_name__contains=w) | Q(edition__authority__search_name__contains=w) for w in alternatives),
        )
    found = (
        Unit.objects.filter(condition, edition__status=Edition.Status.PUBLISHED)
        .select_related("edition", "edition__authority", "edition__index")
        .order_by("-edition__year", "edition__authority__name", "name")[:_CANDIDATES]
    )
    latest = {}
    for unit in found:
        latest.setdefault((unit.edition.authority_id, unit.edition.index_id, unit.code), unit)
    ranked = sorted(
        ((_tier(unit, typed, readings), unit) for unit in latest.values()),
        key=lambda pair: (*pair[0], -pair[1].edition.year, fold(pair[1].name)),
    )
    results = {
        row["unit_id"]: row
        for row in FrozenResult.objects.filter(unit_id__in=[u.pk for _t, u in ranked[:LIMIT]]).values(
            "unit_id", "score", "percent", "rank", "of", "band"
        )
    }
    return [Found(unit, tier, results.get(unit.pk)) for tier, unit in ranked]


def _tier(unit, typed, readings):
    """How well a unit matches, lower first: the whole name (or its place, or its code) typed comes first;
    then, word by word, a word found whole in its names beats one found inside a word, as typed beats
    read through a correction, and a word found only in its authority or province comes last."""
    name = fold(unit.name)
    if " ".join(typed) in (name, _COMMITTEE.sub("", name), fold(unit.code)):
        return (0, 0)
    own = f"{name} {fold(unit_search_words(unit.name))} {fold(unit.code)}"
    words = set(own.split())
    total = 0
    for word, alternatives in zip(typed, readings, strict=True):
        corrected = alternatives[1:]
        if word in words:
            total += 0
        elif word in own:
            total += 1
        elif any(set(w.split()) <= words for w in corrected):
            total += 2
        elif any(w in own for w in corrected):
            total += 3
        else:  # in its authority's name or province
            total += 4
    return (1, total)


def _readings(word, known, *, loose=False):
    """The ways to read a typed word: itself, and if the portal has no such word (or `loose`), those one edit
    away; a word that is two known words run together is read as both ("tienchau")."""
    if len(word) < 2 or (word in known and not loose):
        return [word]
    near = sorted(w for w in known if _one_edit(word, w))
    for cut in range(2, len(word) - 1):
        if word[:cut] in known and word[cut:] in known:
            near.append(f"{word[:cut]} {word[cut:]}")
    return [word, *near[:12]]


def _one_edit(a, b):
    """Whether `a` becomes `b` by one letter changed, added, removed, or two neighbours swapped."""
    if a == b or abs(len(a) - len(b)) > 1 or (len(a) < 3 and len(b) != len(a)):
        return False
    if len(a) == len(b):
        diff = [i for i in range(len(a)) if a[i] != b[i]]
        return len(diff) == 1 or (len(diff) == 2 and diff[1] == diff[0] + 1 and a[diff[0]] == b[diff[1]]
                                  and a[diff[1]] == b[diff[0]])  # fmt: skip
    short, long = (a, b) if len(a) < len(b) else (b, a)
    i = 0
    while i < len(short) and short[i] == long[i]:
        i += 1
    return short[i:] == long[i + 1 :]


def _words():
    """Every word the published units and authorities are found by (cached until the next publication)."""
    key = f"search-words:{PublicationCounter.current()}"
    words = cache.get(key)
    if words is None:
        words = set()
        published = Unit.objects.filter(edition__status=Edition.Status.PUBLISHED)
        for text in published.values_list("search_name", flat=True).distinct().iterator(chunk_size=5000):
            words.update(text.split())
        for text in Authority.objects.filter(editions__status=Edition.Status.PUBLISHED).values_list(
            "search_name", flat=True
        ):
            words.update(text.split())
        cache.set(key, words, 24 * 3600)
    return words

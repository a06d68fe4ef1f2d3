"""The national level: the Ministry of Home Affairs ranks the provinces (and the ministries) on the PAR INDEX, and
publishes SIPAS, the citizens' satisfaction, the same day.

- Who may be ranked nationally: a province (the 63 before 1 July 2025, from the official list the library
  `vietnamadminunits` holds, or the 34 since, from `vietnam-provinces`) or a ministry (`scoring/data/ministries.json`).
- The six socio-economic regions are a property of provinces, kept as data (`scoring/data/regions.json`).
- The national announcement's own figures, computed here once from an edition's results (`national_figures`): the
  national average and its change, how many provinces rose and fell, the largest and smallest rise, the groups by
  threshold (the edition's bands), the regions' averages and their change.
"""

import functools
import json
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from importlib import resources
from pathlib import Path

from vietnam_provinces import Province

from scoring.text import fold

DATA = Path(__file__).resolve().parent / "data"
CENT = Decimal("0.01")


def _bare(name):
    return fold(name or "").removeprefix("tinh ").removeprefix("thanh pho ").removeprefix("tp. ").strip()


@functools.cache
def provinces():
    """{folded name: name as written} of every province before and since 1 July 2025."""
    legacy = json.loads(
        resources.files("vietnamadminunits").joinpath("data/parser_legacy.json").read_text(encoding="utf-8")
    )["DICT_PROVINCE"]
    found = {_bare(item["provinceShort"]): item["provinceShort"] for item in legacy.values()}
    for province in Province.iter_all():
        found.setdefault(_bare(province.name), province.name)
    found.setdefault(_bare("Thừa Thiên Huế"), "Huế")  # its name before it became a city in 2025
    return found


@functools.cache
def ministries():
    data = json.loads((DATA / "ministries.json").read_text(encoding="utf-8"))
    return {fold(name) for name in data["before_2025"] + data["since_2025"]}


@functools.cache
def regions():
    """{folded province name: region}."""
    data = json.loads((DATA / "regions.json").read_text(encoding="utf-8"))
    return {_bare(p): region for region, members in data.items() if region != "_source" for p in members}


def region_names():
    data = json.loads((DATA / "regions.json").read_text(encoding="utf-8"))
    return [region for region in data if region != "_source"]


def province_key(name):
    """A province's name as matched across editions: "Tỉnh Quảng Nam", "Quảng Nam" → "quang nam"."""
    return _bare(name)


def is_province(name):
    return _bare(name) in provinces()


def is_ranked_nationally(name):
    """Whether a unit of a national edition may be ranked there: a province or a ministry."""
    return is_province(name) or fold(name or "") in ministries()


def region_of(name):
    return regions().get(_bare(name))


def mean(values):
    values = [v for v in values if v is not None]
    if not values:
        return None
    return (sum(values) / len(values)).quantize(CENT, rounding=ROUND_HALF_UP)


@dataclass
class RegionFigure:
    name: str
    units: int
    average: Decimal | None
    previous: Decimal | None

    @property
    def change(self):
        return None if self.average is None or self.previous is None else self.average - self.previous


@dataclass
class NationalFigures:
    average: Decimal | None
    previous_average: Decimal | None
    rose: int = 0
    fell: int = 0
    same: int = 0
    largest_rise: tuple | None = None  # (unit, change)
    smallest_rise: tuple | None = None
    groups: dict = field(default_factory=dict)  # band label → count
    regions: list = field(default_factory=list)  # [RegionFigure]

    @property
    def change(self):
        return None if self.average is None or self.previous_average is None else self.average - self.previous_average


def national_figures(block):
    """The national figures of a block of provinces (a BlockResult of a national edition), from its results and
    the previous edition's percents the results carry."""
    units = block.units
    changes = [(u, u.percent - u.previous_percent) for u in units
               if u.percent is not None and u.previous_percent is not None]  # fmt: skip
    rises = [(u, c) for u, c in changes if c > 0]
    figures = NationalFigures(
        average=mean(u.percent for u in units),
        previous_average=mean(u.previous_percent for u in units) if changes else None,
        rose=len(rises), fell=sum(1 for _u, c in changes if c < 0), same=sum(1 for _u, c in changes if c == 0),
        largest_rise=max(rises, key=lambda item: item[1]) if rises else None,
        smallest_rise=min(rises, key=lambda item: item[1]) if rises else None,
        groups=block.band_counts,
    )  # fmt: skip
    by_region = {}
    for unit in units:
        region = region_of(unit.name)
        if region is not None:
            by_region.setdefault(region, []).append(unit)
    for region in region_names():
        members = by_region.get(region, [])
        if members:
            figures.regions.append(RegionFigure(
                region, len(members), mean(u.percent for u in members),
                mean(u.previous_percent for u in members) if all(u.previous_percent is not None for u in members)
                else None))  # fmt: skip
    return figures


@dataclass
class NationalStanding:
    year: int
    edition: object  # the national edition of the PAR INDEX (or None)
    par: object  # the province's UnitResult there (rank, of, percent), or None
    sipas_edition: object
    sipas: object


def standing_of(province):
    """A province's national standing year by year, newest first: its PAR INDEX rank and percent and its SIPAS, from
    the published national editions. A fixed number of queries."""
    from scoring.models import Authority, Edition  # the models read this module's rules when importing
    from scoring.results import results_for

    editions = list(
        Edition.objects.published()
        .current()
        .filter(authority__level=Authority.Level.NATIONAL, index__code__in=("par-index", "sipas"))
        .select_related("authority", "index")
    )
    if not editions:
        return []
    results = results_for(editions)
    key = province_key(province)
    years = {}
    for edition in editions:
        found = next((u for b in results[edition.pk].blocks for u in b.units if province_key(u.name) == key), None)
        if found is None:
            continue
        entry = years.setdefault(edition.year, NationalStanding(edition.year, None, None, None, None))
        if edition.index.code == "sipas":
            entry.sipas_edition, entry.sipas = edition, found
        else:
            entry.edition, entry.par = edition, found
    return [years[year] for year in sorted(years, reverse=True)]

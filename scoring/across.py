"""One kind of block lined up across every authority that publishes it: every province's Sở Nội vụ, or every
province's average over its communes, by percent.

The figures are each decision's own (the frozen results); they are measured on each authority's own criteria set
for that year, which differ between provinces and years: each row says which set, its number of criteria and its
maximum, so that nobody reads a ranking of equals into it. Read in a fixed number of queries, whatever the number
of authorities.
"""

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count, Q
from django.utils.text import slugify

from scoring.models import Block, Edition
from scoring.results import competition_ranks, results_for
from scoring.vocabulary import block_kind, unit_key


@dataclass
class Row:
    edition: Edition
    block_name: str
    unit_name: str  # the unit lined up, or "" for the block's average
    unit_code: str
    percent: Decimal
    rank_in_block: int | None  # the unit's rank in its own block (None for an average)
    of: int
    band: str | None
    criteria_set: str
    criteria: int  # leaf criteria of the set
    maximum: Decimal  # the set's maximum
    rank: int = 0  # among the rows


@dataclass
class Lineup:
    rows: list  # [Row], best first
    units: dict  # {unit key: name}: the units found in blocks of the kind in two authorities or more


def lineup(*, index_code, year, kind, unit=""):
    """The published editions of `index_code` for `year`: for each authority, its block(s) of `kind` ("so",
    "huyen", "xa" …), either the unit whose name is `unit` (`unit_key`, "so noi vu", or its slug "so-noi-vu") or the
    block's average percent
    (the mean of its units' percents, half up to 2 decimals), best first, ranked 1, 2, 2, 4. Three queries more than
    the frozen results."""
    editions = list(
        Edition.objects.published()
        .current()
        .filter(index__code=index_code, year=year)
        .select_related("authority", "index", "decision")
    )
    results = results_for(editions)
    sets = {
        block_id: (name, leaves)
        for block_id, name, leaves in Block.objects.filter(edition__in=editions)
        .annotate(leaves=Count("criteria_set__criteria", filter=Q(criteria_set__criteria__is_leaf=True)))
        .values_list("pk", "criteria_set__name", "leaves")
    }
    rows, seen = [], {}
    for edition in editions:
        for block in results[edition.pk].blocks:
            if block_kind(block.name) != kind or not block.units:
                continue
            for found in block.units:
                seen.setdefault(unit_key(found.name), [shared_name(found.name), set()])[1].add(edition.authority_id)
            set_name, leaves = sets.get(block.block_id, ("", 0))
            maximum = sum((group.max for group in block.groups), Decimal("0"))
            common = {"edition": edition, "block_name": block.name, "criteria_set": set_name, "criteria": leaves,
                      "maximum": maximum}  # fmt: skip
            if unit:
                for found in block.units:
                    if unit in (unit_key(found.name), slugify(unit_key(found.name))) and found.percent is not None:
                        rows.append(Row(unit_name=found.name, unit_code=found.code, percent=found.percent,
                                        rank_in_block=found.rank, of=found.of, band=found.band, **common))  # fmt: skip
            else:
                percents = [u.percent for u in block.units if u.percent is not None]
                if percents:
                    average = (sum(percents) / len(percents)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
                    rows.append(Row(unit_name="", unit_code="", percent=average, rank_in_block=None,
                                    of=len(block.units), band=None, **common))  # fmt: skip
    rows.sort(key=lambda row: (-row.percent, row.edition.authority_name))
    for row, rank in zip(rows, competition_ranks([row.percent for row in rows]), strict=True):
        row.rank = rank
    units = {key: name for key, (name, authorities) in sorted(seen.items()) if len(authorities) > 1}
    return Lineup(rows, units)


def shared_name(name):
    """ "Sở Nội vụ tỉnh Quảng Nam" → "Sở Nội vụ": the part every province's department shares."""
    return name.split(" tỉnh ")[0].split(" thành phố ")[0].strip()

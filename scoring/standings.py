"""Where a unit stands in its block, read from the one computation (`scoring.results`), never recomputed:

- `distance(block, unit, rank_by=…)`: the points still needed for the next band and the next place;
- `block_statistics(block)`: the block's average and median, total and per group;
- `movers(block)`: the units that rose and fell most since the previous edition;
- `compared(results, codes)`: up to four units of one block side by side.

All figures are in hundredths (integers) until read as Decimals, as in `scoring.results`.
"""

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.utils.translation import gettext as _

from scoring.points import from_cents, percent_cents, to_cents

MAX_COMPARED = 4


@dataclass(frozen=True)
class Distance:
    """What a unit still needs. `band_points` reaches `next_band`; `rank_points` reaches `next_rank` (the place of
    the unit just above: an equal figure shares its rank). None where there is nothing above."""

    next_band: str | None
    band_points: Decimal | None
    band_min: Decimal | None
    next_rank: int | None
    rank_points: Decimal | None
    above: object | None


def _points_to_percent(score, maximum, target):
    """The fewest hundredths of a point to add to `score` for the rounded percent to reach `target` (hundredths
    of a percent), or None when even the maximum does not reach it."""
    if percent_cents(maximum, maximum) < target:
        return None
    low, high = score, maximum  # percent_cents grows with the score: the least score that reaches the target
    while low < high:
        middle = (low + high) // 2
        if percent_cents(middle, maximum) >= target:
            high = middle
        else:
            low = middle + 1
    return low - score


def distance(block, unit, *, rank_by="percent"):
    """The points `unit` still needs in `block` for the next band up and the next place up.

    The rule: the percent is score / max × 100 rounded half up to 2 decimals; a band is reached when
    the rounded percent reaches its minimum; a place is reached by equalling the figure the block is
    ranked by (percent or score) of the unit just above, equal figures sharing a rank.
    """
    if unit.percent_cents is None or not unit.max_cents:
        return Distance(None, None, None, None, None, None)
    higher = [band for band in block.bands if to_cents(band.min_percent) > unit.percent_cents]
    next_band = min(higher, key=lambda band: band.min_percent) if higher else None
    band_points = None
    if next_band is not None:
        cents = _points_to_percent(unit.score_cents, unit.max_cents, to_cents(next_band.min_percent))
        band_points = from_cents(cents) if cents is not None else None
    above = [other for other in block.units if other.rank < unit.rank]
    nearest = max(above, key=lambda other: other.rank) if above else None
    rank_points = None
    if nearest is not None:
        if rank_by == "score":
            cents = max(0, nearest.score_cents - unit.score_cents)
            cents = cents if unit.score_cents + cents <= unit.max_cents else None
        else:
            cents = _points_to_percent(unit.score_cents, unit.max_cents, nearest.percent_cents or 0)
        rank_points = from_cents(cents) if cents is not None else None
    return Distance(
        next_band.label if next_band else None,
        band_points,
        next_band.min_percent if next_band else None,
        nearest.rank if nearest else None,
        rank_points,
        nearest,
    )


def _mean(values):
    if not values:
        return None
    return (Decimal(sum(values)) / len(values) / 100).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def _median(values):
    if not values:
        return None
    ordered, middle = sorted(values), len(values) // 2
    value = Decimal(ordered[middle]) if len(ordered) % 2 else Decimal(ordered[middle - 1] + ordered[middle]) / 2
    return (value / 100).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class Statistic:
    """The average or the median of a block: score, percent and each group's score (groups not assessed left out)."""

    score: Decimal | None
    percent: Decimal | None
    groups: list


def block_statistics(block):
    """Return (average, median) of the block's units, each a `Statistic` (rounded half up to 2 decimals)."""
    units = [unit for unit in block.units if unit.percent_cents is not None]
    scores = [unit.score_cents for unit in units]
    percents = [unit.percent_cents for unit in units]
    per_group = []
    for k in range(len(block.groups)):
        per_group.append([unit.group_points[k] for unit in units if unit.headers[k].max_cents - unit.group_lost[k] > 0])
    average = Statistic(_mean(scores), _mean(percents), [_mean(values) for values in per_group])
    median = Statistic(_median(scores), _median(percents), [_median(values) for values in per_group])
    return average, median


@dataclass(frozen=True)
class Move:
    unit: object
    places: int
    points: Decimal | None  # percentage points, this year's percent minus last year's


def movers(block, *, count=3):
    """Return (rose, fell): the units that gained and lost most places since the previous edition (then most
    percentage points), at most `count` each; empty when no unit has an earlier result."""
    moves = []
    for unit in block.units:
        if unit.rank_change is None:
            continue
        points = None
        if unit.previous_percent_cents is not None and unit.percent_cents is not None:
            points = from_cents(unit.percent_cents - unit.previous_percent_cents)
        moves.append(Move(unit, unit.rank_change, points))
    rose = sorted((m for m in moves if m.places > 0), key=lambda m: (-m.places, -(m.points or 0), m.unit.name))
    fell = sorted((m for m in moves if m.places < 0), key=lambda m: (m.places, m.points or 0, m.unit.name))
    return rose[:count], fell[:count]


def percent_points_change(unit):
    """This year's percent minus last year's, in percentage points, or None."""
    if unit.previous_percent_cents is None or unit.percent_cents is None:
        return None
    return from_cents(unit.percent_cents - unit.previous_percent_cents)


class CompareError(ValueError):
    """Units that cannot be compared: the message says why, in the reader's language."""


def compared(results, codes):
    """Return (block, [UnitResult]) of the units with these codes, in the order given, duplicates dropped.

    Raises CompareError when a code is unknown, the units are in different blocks, or more than
    `MAX_COMPARED` are asked for.
    """
    wanted = list(dict.fromkeys(code.strip() for code in codes if code and code.strip()))
    if len(wanted) > MAX_COMPARED:
        raise CompareError(_("At most %(n)s units can be compared side by side.") % {"n": MAX_COMPARED})
    found, blocks = [], {}
    for code in wanted:
        for block in results.blocks:
            unit = next((u for u in block.units if u.code == code), None)
            if unit is not None:
                found.append(unit)
                blocks[block.code] = block
                break
        else:
            raise CompareError(_("No unit has the code “%(code)s” in this decision.") % {"code": code[:60]})
    if len(blocks) > 1:
        raise CompareError(_("Units of different blocks are not ranked together: choose units of one block."))
    return (next(iter(blocks.values())) if blocks else None), found

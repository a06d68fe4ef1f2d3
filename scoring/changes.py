"""What changed from one edition to another, computed from the two editions themselves:

- `method_changes(edition, previous)`: the criteria added, removed, renamed and re-weighted, and the
  band thresholds that moved, from the two criteria trees (same authority and index, a year apart);
- `amendment_changes(results, original_results)`: each figure an amending decision changed.
"""

from dataclasses import dataclass, field

from scoring.models import Band, Criterion
from scoring.text import fold


@dataclass
class SetChanges:
    """The changes of one criteria set (matched by name, or the only set on each side)."""

    name: str
    added: list = field(default_factory=list)  # Criterion
    removed: list = field(default_factory=list)  # Criterion
    renamed: list = field(default_factory=list)  # (old Criterion, new Criterion)
    reweighted: list = field(default_factory=list)  # (old Criterion, new Criterion)

    def __bool__(self):
        return bool(self.added or self.removed or self.renamed or self.reweighted)


@dataclass
class BandChange:
    label: str
    before: object  # the minimum percent before, None when the band is new
    after: object  # the minimum percent now, None when the band is gone


@dataclass
class MethodChanges:
    previous: object  # the edition compared with
    sets: list
    bands: list

    def __bool__(self):
        return any(self.sets) or bool(self.bands)


def _criteria(edition):
    by_set = {}
    for criterion in (
        Criterion.objects.filter(criteria_set__edition=edition)
        .select_related("criteria_set")
        .order_by("criteria_set__position", "position", "pk")
    ):
        by_set.setdefault(criterion.criteria_set.name, []).append(criterion)
    return by_set


def _bands(edition):
    """{label: min percent} of the edition's own scale (the bands of no block), else of its first block's."""
    bands = list(Band.objects.filter(edition=edition).order_by("block__position", "position"))
    own = [band for band in bands if band.block_id is None] or [
        band for band in bands if band.block_id == (bands[0].block_id if bands else None)
    ]
    return {band.label: band.min_percent for band in own}


def method_changes(edition, previous):
    """Return the `MethodChanges` of `edition` against `previous` (None when there is no previous). 4 queries."""
    if previous is None:
        return None
    now, before = _criteria(edition), _criteria(previous)
    if len(now) == 1 and len(before) == 1:  # one set each: the same set, whatever it is called
        pairs = [(next(iter(now)), next(iter(now.values())), next(iter(before.values())))]
    else:
        pairs = [(name, criteria, before.get(name, [])) for name, criteria in now.items()]
        pairs += [(name, [], criteria) for name, criteria in before.items() if name not in now]
    sets = []
    for name, current, earlier in pairs:
        changes = SetChanges(name)
        old = {c.code: c for c in earlier}
        new = {c.code: c for c in current}
        for code, criterion in new.items():
            was = old.get(code)
            if was is None:
                changes.added.append(criterion)
                continue
            if fold(was.name) != fold(criterion.name):
                changes.renamed.append((was, criterion))
            if was.max_points != criterion.max_points:
                changes.reweighted.append((was, criterion))
        changes.removed = [criterion for code, criterion in old.items() if code not in new]
        sets.append(changes)
    bands_now, bands_before = _bands(edition), _bands(previous)
    bands = [
        BandChange(label, bands_before.get(label), bands_now.get(label))
        for label in list(bands_now) + [label for label in bands_before if label not in bands_now]
        if bands_before.get(label) != bands_now.get(label)
    ]
    return MethodChanges(previous, sets, bands)


@dataclass
class FigureChange:
    """A unit whose figures an amendment changed: (before, after) of score, percent, rank and band."""

    code: str
    name: str
    block: str
    before: object  # UnitResult of the original decision, None when the unit was not in it
    after: object  # UnitResult of the amendment, None when the unit was dropped

    @property
    def fields(self):
        """The names of the figures that changed: score, max, percent, rank, band."""
        if self.before is None or self.after is None:
            return ["score", "percent", "rank", "band"]
        names = []
        for name in ("score_cents", "max_cents", "percent_cents", "rank", "band"):
            if getattr(self.before, name) != getattr(self.after, name):
                names.append(name.removesuffix("_cents"))
        return names


def amendment_changes(results, original):
    """Return [FigureChange] of the units whose score, max, percent, rank or band differ between the original
    decision's results and the amendment's, block by block in the amendment's order."""
    before = {(unit.block_code, unit.code): unit for unit in original.units()}
    changes, seen = [], set()
    for block in results.blocks:
        for unit in block.units:
            key = (block.code, unit.code)
            seen.add(key)
            was = before.get(key)
            change = FigureChange(unit.code, unit.name, block.code, was, unit)
            if was is None or change.fields:
                changes.append(change)
    for key, was in before.items():
        if key not in seen:
            changes.append(FigureChange(was.code, was.name, key[0], was, None))
    return changes

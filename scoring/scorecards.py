"""A unit's scorecard: its marks criterion by criterion, and where it lost the most.

The unit page shows, under each group, every criterion of the tree with the points obtained, the
applicable maximum and the points lost; a criterion that does not apply to the unit (not
assessed) has neither. Sub-groups add up their criteria the same way the computation adds up a
group (`scoring.results`): points of what is assessed, over the maxima of what is assessed.
"""

from dataclasses import dataclass, field
from decimal import Decimal

from scoring.models import Criterion, Score

ZERO = Decimal(0)


@dataclass
class Mark:
    """One criterion of the tree with the unit's marks on it."""

    code: str
    name: str
    depth: int
    is_leaf: bool
    source: str
    max: Decimal  # the applicable maximum: 0 when nothing under it is assessed
    points: Decimal | None  # None: not assessed
    group_code: str
    children: list = field(default_factory=list, repr=False)

    @property
    def lost(self):
        return self.max - self.points if self.points is not None else ZERO

    @property
    def not_assessed(self):
        return self.points is None


def marks(*, unit_id, criteria_set_id):
    """Return a unit's `Mark`s in tree order (groups, sub-groups, criteria). Two queries."""
    criteria = list(
        Criterion.objects.filter(criteria_set_id=criteria_set_id)
        .order_by("position", "pk")
        .values_list("pk", "parent_id", "code", "name", "depth", "is_leaf", "source", "max_points", "group_id")
    )
    scores = {
        criterion_id: (points, not_assessed)
        for criterion_id, points, not_assessed in Score.objects.filter(unit_id=unit_id).values_list(
            "criterion_id", "points", "not_assessed"
        )
    }
    codes = {pk: code for pk, _parent, code, *_rest in criteria}
    by_id, found = {}, []
    for pk, parent, code, name, depth, is_leaf, source, maximum, group in criteria:
        if is_leaf:
            points, not_assessed = scores.get(pk, (None, False))
            mark = Mark(code, name, depth, True, source, ZERO if not_assessed else maximum,
                        None if not_assessed else (points or ZERO), codes.get(group, code))  # fmt: skip
        else:
            mark = Mark(code, name, depth, False, source, ZERO, ZERO, codes.get(group, code))
        by_id[pk] = mark
        found.append(mark)
        if parent in by_id:
            by_id[parent].children.append(mark)
    for mark in reversed(found):  # children before their parents: each sub-group adds up what is under it
        if not mark.is_leaf:
            assessed = [child for child in mark.children if not child.not_assessed]
            mark.max = sum((child.max for child in assessed), ZERO)
            mark.points = sum((child.points for child in assessed), ZERO) if assessed else None
    return found


def where_to_improve(unit_marks, groups, *, count=3, per_group=3):
    """The `count` groups that lost the most points, each with the criteria that lost the most in it.

    `groups` are the unit's GroupResults (the computation's figures); returns [(group, [Mark])].
    """
    worst = sorted((g for g in groups if g.lost > 0), key=lambda g: (-g.lost, g.code))[:count]
    leaves = [m for m in unit_marks if m.is_leaf and m.lost > 0]
    return [
        (group, sorted((m for m in leaves if m.group_code == group.code), key=lambda m: -m.lost)[:per_group])
        for group in worst
    ]

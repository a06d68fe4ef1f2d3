"""Self-assessed against appraised, unit by unit and group by group: what the appraisal changed ("số liệu giải
trình" in the provinces' software). Sums of the scores that apply, as the one computation sums them; the appraised
figures are the computation's own (`scoring.results`), the self-assessed ones are summed the same way here.
"""

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Sum

from scoring.models import Score
from scoring.points import from_cents, to_cents
from scoring.results import compute_results


@dataclass
class UnitComparison:
    unit: object  # the UnitResult (appraised)
    self_groups: list  # Decimal per group, self-assessed
    self_score: Decimal

    @property
    def difference(self):
        return self.unit.score - self.self_score

    def group_differences(self):
        return [group.score - own for group, own in zip(self.unit.groups, self.self_groups, strict=True)]


def compare_rounds(edition):
    """[(BlockResult, [UnitComparison])] of an edition, in the order of its blocks and ranks. One query more than the
    computation."""
    results = compute_results(edition, with_previous=False)
    sums = {}  # (unit id, group code) → self-assessed points in hundredths
    for unit_id, group_code, total in (
        Score.objects.filter(unit__edition=edition, not_assessed=False)
        .values_list("unit_id", "group__code")
        .annotate(total=Sum("self_points"))
        .order_by()
    ):
        sums[(unit_id, group_code)] = to_cents(total or 0)
    found = []
    for block in results.blocks:
        rows = []
        for unit in block.units:
            own = [from_cents(sums.get((unit.unit_id, group.code), 0)) for group in block.groups]
            rows.append(UnitComparison(unit, own, sum(own, Decimal("0.00"))))
        found.append((block, rows))
    return found

"""Self-assessed, appraised and final (after the explanation round), unit by unit and group by group: what the
appraisal and the disputes changed ("số liệu giải trình" in the provinces' software). Sums of the scores that apply,
as the one computation sums them; the final figures are the computation's own (`scoring.results`), the self-assessed
ones are summed the same way here, the appraised ones are the final ones less what accepted disputes changed.
"""

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Sum

from scoring.models import Dispute, Score
from scoring.points import from_cents, to_cents
from scoring.results import compute_results


@dataclass
class UnitComparison:
    unit: object  # the UnitResult (final: after the explanation round, the computation's)
    self_groups: list  # Decimal per group, self-assessed
    self_score: Decimal
    appraised_groups: list  # Decimal per group, appraised (before the explanation round)
    appraised_score: Decimal

    @property
    def difference(self):
        """Final less self-assessed."""
        return self.unit.score - self.self_score

    def group_differences(self):
        return [group.score - own for group, own in zip(self.unit.groups, self.self_groups, strict=True)]


def compare_rounds(edition):
    """[(BlockResult, [UnitComparison])] of an edition, in the order of its blocks and ranks. Two queries more than the
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
    explained = {}  # (unit id, group code) → what accepted disputes added, in hundredths
    for unit_id, group_code, appraised, new in Dispute.objects.filter(
        score__unit__edition=edition, status=Dispute.Status.ACCEPTED
    ).values_list("score__unit_id", "score__group__code", "appraised", "new_points"):
        key = (unit_id, group_code)
        explained[key] = explained.get(key, 0) + to_cents(new or 0) - to_cents(appraised or 0)
    found = []
    for block in results.blocks:
        rows = []
        for unit in block.units:
            own = [from_cents(sums.get((unit.unit_id, group.code), 0)) for group in block.groups]
            appraised = [
                group.score - from_cents(explained.get((unit.unit_id, group.code), 0)) for group in unit.groups
            ]
            rows.append(
                UnitComparison(unit, own, sum(own, Decimal("0.00")), appraised, sum(appraised, Decimal("0.00")))
            )
        found.append((block, rows))
    return found

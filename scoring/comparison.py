"""Self-assessed, appraised and final (after the explanation round), unit by unit and group by group: what the
appraisal and the disputes changed ("số liệu giải trình" in the provinces' software). Sums of the scores that apply,
as the one computation sums them; the final figures are the computation's own (`scoring.results`), the self-assessed
ones are summed the same way here, the appraised ones are the final ones less what accepted disputes changed.
"""

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import F, Q, Sum

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
    """[(BlockResult, [UnitComparison])] of an edition, in the order of its blocks and ranks. One query more than the
    computation."""
    results = compute_results(edition, with_previous=False)
    sums, explained = {}, {}  # (unit id, group code) → self-assessed points; what accepted disputes added (hundredths)
    accepted = Q(dispute__status=Dispute.Status.ACCEPTED)
    for unit_id, group_code, total, added in (
        Score.objects.filter(unit__edition=edition, not_assessed=False)
        .values_list("unit_id", "group__code")
        .annotate(total=Sum("self_points"),
                  added=Sum(F("dispute__new_points") - F("dispute__appraised"), filter=accepted))
        .order_by()
    ):  # fmt: skip
        sums[(unit_id, group_code)] = to_cents(total or 0)
        explained[(unit_id, group_code)] = to_cents(added or 0)
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

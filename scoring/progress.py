"""How far each unit's scores are: what was entered, of what applies to the unit. Read in one query.

Criteria that are not assessed for a unit do not apply to it: they count neither as entered nor
as to be entered.
"""

from dataclasses import dataclass

from django.db.models import Count, Q

from scoring.models import Score, Unit


@dataclass(frozen=True)
class Progress:
    applicable: int = 0
    self_entered: int = 0
    appraised: int = 0
    evidence: int = 0
    evidence_required: int = 0  # criteria that apply and whose framework asks for evidence
    evidence_given: int = 0  # of those, the ones with a file or an explanation
    disputes_open: int = 0  # explanations (giải trình) waiting for the appraisers

    @property
    def self_assessed(self):
        """Whether the unit entered a self-assessed score for every criterion that applies to it."""
        return self.self_entered >= self.applicable

    @property
    def fully_appraised(self):
        return self.appraised >= self.applicable


def progress_of(edition):
    """Return {unit id: Progress} for every unit of the edition (units without scores: all zero). Three queries."""
    applicable = Q(not_assessed=False)
    rows = (
        Score.objects.filter(unit__edition=edition)
        .values("unit_id")
        .annotate(
            applicable=Count("pk", filter=applicable, distinct=True),
            self_entered=Count("pk", filter=applicable & Q(self_points__isnull=False), distinct=True),
            appraised=Count("pk", filter=applicable & Q(points__isnull=False), distinct=True),
            evidence=Count("evidence", distinct=True),
            disputes_open=Count("dispute", filter=Q(dispute__status="open"), distinct=True),
        )
        .order_by()
    )
    found = {row.pop("unit_id"): row for row in rows}
    # What the framework asks evidence for, and what has a file or an explanation: two more queries.
    needs = Score.objects.filter(unit__edition=edition, not_assessed=False).exclude(criterion__evidence="")
    for name, scores in (
        ("evidence_required", needs),
        ("evidence_given", needs.filter(Q(evidence__isnull=False) | ~Q(explanation=""))),
    ):
        for unit_id, count in (
            scores.values("unit_id").annotate(n=Count("pk", distinct=True)).values_list("unit_id", "n")
        ):
            found.setdefault(unit_id, {})[name] = count
    return {unit_id: Progress(**row) for unit_id, row in found.items()}


def unfinished_self_assessment(edition):
    """Return the units that have not entered a self-assessed score for every criterion that applies. Two queries."""
    progress = progress_of(edition)
    return [
        unit
        for unit in Unit.objects.filter(edition=edition).order_by("block__position", "position")
        if not progress.get(unit.pk, Progress()).self_assessed
    ]


def unfinished_appraisal(edition):
    """Return the units with criteria that apply and have no appraised score yet. Two queries."""
    progress = progress_of(edition)
    return [
        unit
        for unit in Unit.objects.filter(edition=edition).order_by("block__position", "position")
        if not progress.get(unit.pk, Progress()).fully_appraised
    ]


def missing_evidence(unit):
    """The criteria that require evidence (set in the framework) for which the unit has neither a file nor an
    explanation yet, and that apply to it: [Criterion], in the order of the tree. One query."""
    scores = (
        Score.objects.filter(unit=unit, not_assessed=False, explanation="")
        .exclude(criterion__evidence="")
        .filter(evidence__isnull=True)
        .select_related("criterion")
        .order_by("criterion__position")
    )
    return [score.criterion for score in scores]

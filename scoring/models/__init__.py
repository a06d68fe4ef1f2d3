"""The scoring domain's models: editions and their parts, decisions, and the trail of what happened.

`editions` holds the tree of an edition (authority, index, edition, criteria, blocks, bands,
units, scores, frozen results); `decisions` the decisions that publish them; `trail` the cycle's
events and the evidence files units attach; `assignments` who appraises which criteria.
"""

from scoring.models.assignments import Assignment
from scoring.models.decisions import Decision, PublicationCounter, decision_path
from scoring.models.editions import (
    Authority,
    Band,
    Block,
    CriteriaSet,
    Criterion,
    Edition,
    EditionPart,
    FrozenEditionError,
    FrozenResult,
    GuardedQuerySet,
    IndexKind,
    Score,
    Unit,
    guarded_queryset,
)
from scoring.models.trail import Dispute, EditionEvent, Evidence, Submission, evidence_path

__all__ = [
    "Assignment",
    "Authority",
    "Band",
    "Block",
    "CriteriaSet",
    "Criterion",
    "Decision",
    "Dispute",
    "Edition",
    "EditionEvent",
    "EditionPart",
    "Evidence",
    "FrozenEditionError",
    "FrozenResult",
    "GuardedQuerySet",
    "IndexKind",
    "PublicationCounter",
    "Score",
    "Submission",
    "Unit",
    "decision_path",
    "evidence_path",
    "guarded_queryset",
]

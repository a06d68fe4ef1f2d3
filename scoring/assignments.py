"""Who appraises what (phân công thẩm định): the coordinator gives each group of a criteria set to an appraiser or to an
appraising department; the department's appraisers share it.

The rules, each written here once:
- in a criteria set where nothing is assigned, every appraiser appraises every criterion (a small authority whose Sở
  Nội vụ appraises everything needs no assignment);
- once a group of a set is assigned, the set's criteria are appraised only by whom they are assigned to: a
  criterion follows the nearest of itself and its ancestors that is assigned, and one that nothing covers is
  appraised by nobody until it is (the coordinator's page lists them);
- nobody appraises a unit they report for or head;
- a dispute is decided by who may appraise its criterion for its unit.

`roles` is any object with `has(kind)`, `reports_for(code)`, `heads(code)`, `superuser` and `departments` (the
codes of the units whose appraisers the user is): the workspace's `Roles`, or `scoring.cycle.ANYONE`. Assignments
are written by `scoring.writes.assign`.
"""

from dataclasses import dataclass

from scoring.cycle import RoleKind, is_own_unit
from scoring.models import Assignment, Criterion


@dataclass(frozen=True)
class Assignee:
    user_id: int | None
    department: str  # a unit code, "" for a person


class Appraisal:
    """Who appraises what in one edition: read in two queries, then asked without any."""

    def __init__(self, edition):
        self.edition = edition
        self.assigned = {
            criterion_id: Assignee(user_id, code or "")
            for criterion_id, user_id, code in Assignment.objects.filter(
                criterion__criteria_set__edition=edition
            ).values_list("criterion_id", "appraiser_id", "department__code")
        }
        self.parents = {}
        self.sets = set()
        if self.assigned:
            for pk, parent_id, set_id in Criterion.objects.filter(criteria_set__edition=edition).values_list(
                "pk", "parent_id", "criteria_set_id"
            ):
                self.parents[pk] = parent_id
                if pk in self.assigned:
                    self.sets.add(set_id)

    def assignee(self, criterion_id):
        """The Assignee of a criterion (its own, or its nearest assigned ancestor's), or None."""
        node = criterion_id
        while node is not None:
            if node in self.assigned:
                return self.assigned[node]
            node = self.parents.get(node)
        return None

    def is_shared_out(self, criteria_set_id):
        """Whether any group of the set is assigned (then only the assignees appraise it)."""
        return criteria_set_id in self.sets

    def may_appraise(self, user, roles, unit_code, criterion):
        """Whether this user may set the appraised score of `criterion` for the unit."""
        if roles.superuser:
            return True
        if not roles.has(RoleKind.APPRAISER) or is_own_unit(roles, unit_code):
            return False
        if not self.is_shared_out(criterion.criteria_set_id):
            return True
        assignee = self.assignee(criterion.pk)
        if assignee is None:
            return False
        return assignee.user_id == getattr(user, "pk", None) or assignee.department in roles.departments

    def criteria_for(self, user, roles, unit, criteria):
        """The ids of `criteria` (a unit's) this user may appraise for the unit."""
        return {c.pk for c in criteria if self.may_appraise(user, roles, unit.code, c)}

    def unassigned(self, criteria_set):
        """The leaves of a shared-out set that nobody is assigned (nobody can appraise them yet)."""
        if not self.is_shared_out(criteria_set.pk):
            return []
        leaves = Criterion.objects.filter(criteria_set=criteria_set, is_leaf=True).order_by("position")
        return [leaf for leaf in leaves if self.assignee(leaf.pk) is None]

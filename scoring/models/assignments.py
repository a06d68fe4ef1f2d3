"""Who appraises which criteria (phân công thẩm định): a group of a criteria set, given to one appraiser or to an
appraising department (a unit of the edition, whose appraisers share it). The rules are in `scoring.assignments`."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from scoring.models.editions import Criterion, Unit


class Assignment(models.Model):
    """One criterion (a group, or any node: its descendants follow it) given to a person or to a department."""

    criterion = models.OneToOneField(
        Criterion, models.CASCADE, related_name="assignment", verbose_name=_("criteria group")
    )
    appraiser = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.CASCADE, null=True, blank=True, related_name="+", verbose_name=_("appraiser")
    )
    department = models.ForeignKey(
        Unit, models.CASCADE, null=True, blank=True, related_name="+", verbose_name=_("appraising department")
    )
    assigned_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True, related_name="+")
    assigned_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("assignment")
        verbose_name_plural = _("assignments")
        constraints = [
            models.CheckConstraint(
                condition=Q(appraiser__isnull=False, department__isnull=True)
                | Q(appraiser__isnull=True, department__isnull=False),
                name="assignment_to_one",
            )
        ]

    def __str__(self):
        return f"{self.criterion_id} → {self.appraiser_id or self.department_id}"

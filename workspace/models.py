"""Who may do what in the workspace: a person's roles in an authority."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from scoring.cycle import RoleKind
from scoring.models import Authority


class Role(models.Model):
    """A person's role in one authority; a reporter's role is also tied to one unit (by its code)."""

    Kind = RoleKind  # the roles of the cycle's rules (scoring.cycle)

    user = models.ForeignKey(settings.AUTH_USER_MODEL, models.CASCADE, related_name="parindex_roles")
    kind = models.CharField(_("role"), max_length=20, choices=Kind.choices)
    authority = models.ForeignKey(Authority, models.CASCADE, related_name="roles", verbose_name=_("authority"))
    unit_code = models.CharField(_("unit code"), max_length=60, blank=True)
    granted_at = models.DateTimeField(_("granted at"), auto_now_add=True)

    class Meta:
        verbose_name = _("role")
        verbose_name_plural = _("roles")
        constraints = [
            models.UniqueConstraint(fields=["user", "kind", "authority", "unit_code"], name="role_unique"),
            models.CheckConstraint(
                condition=models.Q(kind="reporter", unit_code__gt="") | ~models.Q(kind="reporter"),
                name="role_reporter_has_unit",
            ),
        ]

    def __str__(self):
        unit = f" ({self.unit_code})" if self.unit_code else ""
        return f"{self.user}: {self.get_kind_display()} — {self.authority}{unit}"

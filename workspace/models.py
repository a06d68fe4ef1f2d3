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


class Deadline(models.Model):
    """The date by which a step of an edition's cycle is to be done (set by the coordinator)."""

    edition = models.ForeignKey("scoring.Edition", models.CASCADE, related_name="deadlines")
    status = models.CharField(_("step"), max_length=20)  # the edition status the step is, e.g. self_assessment
    due = models.DateField(_("deadline"))

    class Meta:
        verbose_name = _("deadline")
        verbose_name_plural = _("deadlines")
        constraints = [models.UniqueConstraint(fields=["edition", "status"], name="deadline_one_per_step")]

    def __str__(self):
        return f"{self.edition_id} {self.status}: {self.due}"


class Notification(models.Model):
    """What a person was told (and e-mailed) once: a step that opened for them, a deadline coming.

    `key` makes each notice unique per person, so that `send_reminders` never sends one twice; a notice
    whose e-mail could not be sent keeps `sent_at` empty and is sent by the next run.
    """

    user = models.ForeignKey(settings.AUTH_USER_MODEL, models.CASCADE, related_name="parindex_notifications")
    edition = models.ForeignKey("scoring.Edition", models.CASCADE, related_name="+", null=True)
    key = models.CharField(max_length=120)
    subject = models.CharField(_("subject"), max_length=300)
    body = models.TextField(_("message"))
    link = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-created_at", "-pk"]
        constraints = [models.UniqueConstraint(fields=["user", "key"], name="notification_once")]

    def __str__(self):
        return self.subject

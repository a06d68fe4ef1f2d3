"""Admin: roles are managed here; the audit trail (cycle events, score history) is read-only."""

from django.contrib import admin

from scoring.models import Score
from workspace.models import EditionEvent, Evidence, Role


@admin.register(Role)
class RoleAdmin(admin.ModelAdmin):
    list_display = ["user", "kind", "authority", "unit_code", "granted_at"]
    list_filter = ["kind", "authority"]
    search_fields = ["user__username", "user__first_name", "user__last_name", "unit_code"]
    autocomplete_fields = ["user"]


class ReadOnly(admin.ModelAdmin):
    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(EditionEvent)
class EditionEventAdmin(ReadOnly):
    list_display = ["at", "edition", "action", "user", "unit_code", "remark"]
    list_filter = ["action"]


@admin.register(Evidence)
class EvidenceAdmin(ReadOnly):
    list_display = ["original_name", "content_type", "size", "uploaded_by", "uploaded_at"]


@admin.register(Score.history.model)
class ScoreHistoryAdmin(ReadOnly):
    list_display = ["history_date", "history_user", "unit_id", "criterion", "points", "self_points", "not_assessed"]
    list_filter = ["history_type"]

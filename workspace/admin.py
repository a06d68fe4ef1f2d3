"""Admin: roles are granted here (or with `manage.py grant`)."""

from django.contrib import admin

from workspace.models import Role


@admin.register(Role)
class RoleAdmin(admin.ModelAdmin):
    list_display = ["user", "kind", "authority", "unit_code", "granted_at"]
    list_filter = ["kind", "authority"]
    search_fields = ["user__username", "user__first_name", "user__last_name", "unit_code"]
    autocomplete_fields = ["user"]

from django.contrib import admin

from publications.models import Decision
from scoring.admin import FrozenWhenPublished


@admin.register(Decision)
class DecisionAdmin(FrozenWhenPublished, admin.ModelAdmin):
    list_display = ["number", "date", "signer", "edition"]
    search_fields = ["number", "title", "edition__title"]
    date_hierarchy = "date"

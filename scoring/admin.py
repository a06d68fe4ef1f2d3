"""Django admin for the scoring domain. Anything belonging to a published edition is read-only; the trail always is."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from scoring.models import (
    Authority,
    Band,
    Block,
    CriteriaSet,
    Criterion,
    Decision,
    Edition,
    EditionEvent,
    Evidence,
    IndexKind,
    Score,
    Unit,
)


class FrozenWhenPublished:
    """Admin behaviour for rows of an edition: read-only (and not deletable) once it is published.

    The model layer refuses such writes anyway; this makes the admin say so instead of failing.
    """

    edition_path = "edition"

    def edition_of(self, obj):
        for part in self.edition_path.split("__"):
            obj = getattr(obj, part)
        return obj

    def _frozen(self, obj):
        return obj is not None and self.edition_of(obj).is_published

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and not self._frozen(obj)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and not self._frozen(obj)


class FrozenInline(FrozenWhenPublished):
    """An inline under an edition: read-only when the parent edition is published."""

    def _frozen(self, obj):
        return obj is not None and obj.is_published

    def has_add_permission(self, request, obj=None):
        return super().has_add_permission(request, obj) and not self._frozen(obj)


@admin.register(Authority)
class AuthorityAdmin(admin.ModelAdmin):
    list_display = ["name", "level", "province", "slug"]
    list_filter = ["level"]
    search_fields = ["name", "province", "slug"]
    prepopulated_fields = {}


@admin.register(IndexKind)
class IndexKindAdmin(admin.ModelAdmin):
    list_display = ["code", "name"]


class BandInline(FrozenInline, admin.TabularInline):
    model = Band
    extra = 0
    fields = ["position", "label", "min_percent", "block"]


class BlockInline(FrozenInline, admin.TabularInline):
    model = Block
    extra = 0
    fields = ["position", "code", "name", "criteria_set"]
    show_change_link = True


@admin.register(Edition)
class EditionAdmin(FrozenWhenPublished, admin.ModelAdmin):
    list_display = ["title", "authority", "index", "year", "period", "status", "published_at"]
    list_filter = ["status", "index", "year", "authority"]
    search_fields = ["title", "slug", "authority__name"]
    readonly_fields = ["status", "published_at", "compared_year", "created_at", "updated_at"]
    inlines = [BlockInline, BandInline]

    def edition_of(self, obj):
        return obj


@admin.register(CriteriaSet)
class CriteriaSetAdmin(FrozenWhenPublished, admin.ModelAdmin):
    list_display = ["name", "edition"]
    list_filter = ["edition__authority"]


@admin.register(Criterion)
class CriterionAdmin(FrozenWhenPublished, admin.ModelAdmin):
    edition_path = "criteria_set__edition"
    list_display = ["code", "name", "max_points", "source", "is_leaf", "criteria_set"]
    list_filter = ["source", "is_leaf", "criteria_set__edition"]
    search_fields = ["code", "name"]
    readonly_fields = ["group", "depth", "is_leaf"]
    raw_id_fields = ["parent", "criteria_set"]


@admin.register(Block)
class BlockAdmin(FrozenWhenPublished, admin.ModelAdmin):
    list_display = ["name", "code", "edition", "criteria_set"]
    list_filter = ["edition__authority"]


@admin.register(Unit)
class UnitAdmin(FrozenWhenPublished, admin.ModelAdmin):
    list_display = ["name", "code", "block", "edition", "predecessor_codes"]
    list_filter = ["edition__authority", "edition__year"]
    search_fields = ["name", "code"]
    raw_id_fields = ["block", "edition"]


@admin.register(Score)
class ScoreAdmin(FrozenWhenPublished, admin.ModelAdmin):
    edition_path = "unit__edition"
    list_display = ["unit", "criterion", "points", "self_points", "not_assessed"]
    list_filter = ["not_assessed", "unit__edition"]
    search_fields = ["unit__name", "unit__code", "criterion__code"]
    raw_id_fields = ["unit", "criterion"]
    exclude = ["group", "ordinal", "version"]
    list_select_related = ["unit", "criterion"]

    @admin.display(description=_("edition"))
    def edition(self, obj):
        return obj.unit.edition


@admin.register(Decision)
class DecisionAdmin(FrozenWhenPublished, admin.ModelAdmin):
    list_display = ["number", "date", "signer", "edition"]
    search_fields = ["number", "title", "edition__title"]
    date_hierarchy = "date"


class ReadOnly(admin.ModelAdmin):
    """The audit trail: shown, never added to, changed or deleted by hand."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(EditionEvent)
class EditionEventAdmin(ReadOnly):
    list_display = ["at", "edition_slug", "action", "user", "unit_code", "remark"]
    list_filter = ["action"]


@admin.register(Evidence)
class EvidenceAdmin(ReadOnly):
    list_display = ["original_name", "content_type", "size", "uploaded_by", "uploaded_at"]


@admin.register(Score.history.model)
class ScoreHistoryAdmin(ReadOnly):
    list_display = ["history_date", "history_user", "unit_id", "criterion", "points", "self_points", "not_assessed"]
    list_filter = ["history_type"]

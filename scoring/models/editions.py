"""Editions: who publishes an index, its editions, blocks, units, criteria, scores and frozen results.

An **edition** is one authority's results of one index for one year (and optionally a period).
Everything below an edition (blocks, bands, criteria sets, units, scores and the frozen results)
belongs to it and is frozen with it once it is published: see `FrozenEditionError`.
"""

from django.core.exceptions import PermissionDenied
from django.db import connections, models, router, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from scoring.history import AppendOnlyHistoryQuerySet, ImmutableHistory
from scoring.points import PointsField
from scoring.text import fold, slugify_vi, valid_code
from scoring.vocabulary import unit_search_words

CURRENT_USER = object()  # "whoever the current request is from", for the history records


class FrozenEditionError(PermissionDenied):
    """A write would change a figure of a published edition."""

    def __init__(self, message=None):
        super().__init__(
            message
            or _("This edition has been published: its figures are frozen. Corrections are made by a new decision.")
        )


class Authority(models.Model):
    """The body that issues the decision: a province's UBND, or a district's for its offices and communes."""

    class Level(models.TextChoices):
        NATIONAL = "national", _("National (ministries and provinces)")
        PROVINCE = "province", _("Province")
        DISTRICT = "district", _("District")
        COMMUNE = "commune", _("Commune")

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=200, unique=True)
    level = models.CharField(_("level"), max_length=20, choices=Level.choices)
    province = models.CharField(_("province"), max_length=200, blank=True)
    summary_leaders = models.PositiveSmallIntegerField(
        _("leaders named in summaries"),
        default=1,
        help_text=_("How many leading units of each block the announcement names: 1, or 3 as Hà Tĩnh does."),
    )
    search_name = models.CharField(_("search key"), max_length=200, blank=True, editable=False)

    class Meta:
        verbose_name = _("authority")
        verbose_name_plural = _("authorities")
        ordering = ["name"]

    def __str__(self):
        return self.name

    def natural_key(self):
        return (self.slug,)

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = slugify_vi(self.name)
        self.search_name = fold(f"{self.name} {self.province}")
        super().save(*args, **kwargs)


class IndexKind(models.Model):
    """An index that authorities publish: the PAR index (cchc), the citizen-service index, …"""

    KNOWN = {
        "cchc": _("Administrative reform index (PAR index)"),
        "service": _("Citizen and business service index"),
        "par-index": _("PAR INDEX of the ministries and provinces"),
        "sipas": _("SIPAS, citizens' satisfaction with public administration"),
    }

    SHORT = {"cchc": _("PAR index"), "service": _("Service index"), "par-index": _("PAR INDEX"), "sipas": _("SIPAS")}
    # Indexes computed continuously and reported by period (the service index, Quyết định 766/QĐ-TTg),
    # published with their period, "as of" date and source rather than by a decision.
    PERIODIC = {"service", "par-index", "sipas"}  # the national ones: a year, announced on a day, by a source

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=200)
    short_name = models.CharField(_("short name"), max_length=100, blank=True)
    periodic = models.BooleanField(
        _("published by period"),
        default=False,
        help_text=_("Published by period, with an “as of” date and a source, instead of by a decision."),
    )

    class Meta:
        verbose_name = _("index")
        verbose_name_plural = _("indexes")
        ordering = ["code"]

    def __str__(self):
        return self.name

    def natural_key(self):
        return (self.code,)

    @classmethod
    def for_code(cls, code):
        """Return the index with this code, creating it (named after the code) when new. May cost 2 queries."""
        index, _created = cls.objects.get_or_create(
            code=code,
            defaults={
                "name": str(cls.KNOWN.get(code, code)),
                "short_name": str(cls.SHORT.get(code, code.upper())),
                "periodic": code in cls.PERIODIC,
            },
        )
        return index

    @property
    def display_name(self):
        """The index's name in the active language (stored names are Vietnamese)."""
        return str(self.KNOWN[self.code]) if self.code in self.KNOWN else self.name

    @property
    def display_short_name(self):
        """A short name for chart titles: "Chỉ số CCHC"."""
        if self.code in self.SHORT:
            return str(self.SHORT[self.code])
        return self.short_name or self.name


class GuardedQuerySet(models.QuerySet):
    """A queryset whose bulk writes refuse to touch rows of a published edition.

    `edition_path` is the lookup from the model to its edition (e.g. `"unit__edition"`).
    """

    edition_path = "edition"

    def _published_editions(self):
        return Edition.objects.filter(status=Edition.Status.PUBLISHED)

    def _touches_published(self):
        return self.filter(**{f"{self.edition_path}__status": Edition.Status.PUBLISHED}).exists()

    def update(self, **kwargs):
        if self._touches_published():
            raise FrozenEditionError()
        return super().update(**kwargs)

    update.alters_data = True

    def delete(self):
        if self._touches_published():
            raise FrozenEditionError()
        return super().delete()

    delete.alters_data = True

    def _check_objects(self, objs):
        ids = self.model.guard_edition_ids(objs)
        ids.discard(None)
        if ids and self._published_editions().filter(pk__in=ids).exists():
            raise FrozenEditionError()

    def bulk_create(self, objs, *args, **kwargs):
        objs = list(objs)
        self._check_objects(objs)
        return super().bulk_create(objs, *args, **kwargs)

    def bulk_update(self, objs, fields, *args, **kwargs):
        # The rows as they are in memory here; as they are stored, in `update`, which Django's
        # bulk_update calls for each batch inside one transaction (a refused batch undoes the others).
        objs = list(objs)
        self._check_objects(objs)
        return super().bulk_update(objs, fields, *args, **kwargs)


def guarded_queryset(path):
    """Return a GuardedQuerySet class whose edition lookup is `path`."""
    return type(f"GuardedQuerySet_{path}", (GuardedQuerySet,), {"edition_path": path})


class EditionPart(models.Model):
    """A row that belongs to an edition and is frozen once the edition is published."""

    edition_path = "edition"

    class Meta:
        abstract = True

    def guard_edition_id(self):
        """Return the id of the edition this row belongs to (as it is in memory)."""
        return self.edition_id

    @classmethod
    def guard_edition_ids(cls, objs):
        """Return the ids of the editions these rows belong to. Costs at most one query."""
        return {obj.guard_edition_id() for obj in objs}

    def assert_not_frozen(self):
        """Raise FrozenEditionError if this row is, or would become, part of a published edition.

        Costs one or two queries.
        """
        ids = {self.guard_edition_id()}
        if self.pk is not None:
            stored = type(self)._base_manager.filter(pk=self.pk).values_list(self.edition_path, flat=True).first()
            ids.add(stored)
        ids.discard(None)
        if ids and Edition.objects.filter(pk__in=ids, status=Edition.Status.PUBLISHED).exists():
            raise FrozenEditionError()

    def save(self, *args, **kwargs):
        self.assert_not_frozen()
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        self.assert_not_frozen()
        return super().delete(*args, **kwargs)


class EditionQuerySet(models.QuerySet):
    def published(self):
        """Return the editions whose decision has been published (superseded ones included)."""
        return self.filter(status=Edition.Status.PUBLISHED)

    def current(self):
        """Return the editions not superseded by a published amending decision."""
        return self.exclude(amendments__status=Edition.Status.PUBLISHED)

    def update(self, **kwargs):
        if set(kwargs) - Edition.MUTABLE_WHEN_PUBLISHED and self.filter(status=Edition.Status.PUBLISHED).exists():
            raise FrozenEditionError()
        return super().update(**kwargs)

    update.alters_data = True

    def delete(self):
        if self.filter(status=Edition.Status.PUBLISHED).exists():
            raise FrozenEditionError()
        return super().delete()

    delete.alters_data = True


class Edition(models.Model):
    """One authority's results of one index for one year (and optionally a period inside it)."""

    class Status(models.TextChoices):
        """The yearly cycle, in order: each step is taken by the role that owns it (see scoring.cycle)."""

        DRAFT = "draft", _("Draft")
        SELF_ASSESSMENT = "self_assessment", _("Self-assessment")
        APPRAISAL = "appraisal", _("Appraisal")
        EXPLANATION = "explanation", _("Explanation round")
        APPROVED = "approved", _("Approved")
        PUBLISHED = "published", _("Published")

    class RankBy(models.TextChoices):
        PERCENT = "percent", _("Percentage")
        SCORE = "score", _("Score")

    # Fields that may still change after publication: none of them is a figure.
    MUTABLE_WHEN_PUBLISHED = {"updated_at"}

    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    authority = models.ForeignKey(Authority, models.PROTECT, related_name="editions", verbose_name=_("authority"))
    index = models.ForeignKey(IndexKind, models.PROTECT, related_name="editions", verbose_name=_("index"))
    year = models.PositiveSmallIntegerField(_("year"))
    period = models.CharField(_("period"), max_length=100, blank=True)
    # An edition of a periodic index (IndexKind.periodic) is published with its period, the date its
    # figures are "as of" and their source, instead of a decision (scoring.periods).
    period_start = models.DateField(_("period from"), null=True, blank=True)
    period_end = models.DateField(_("period to"), null=True, blank=True)
    as_of = models.DateField(_("figures as of"), null=True, blank=True)
    source = models.CharField(_("source"), max_length=300, blank=True)
    title = models.CharField(_("title"), max_length=500)
    note = models.TextField(_("note"), blank=True)
    rank_by = models.CharField(_("rank by"), max_length=10, choices=RankBy.choices, default=RankBy.PERCENT)
    head_ratings = models.JSONField(_("head-of-unit ratings by band"), default=dict, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.DRAFT)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    supersedes = models.ForeignKey(
        "self",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="amendments",
        verbose_name=_("supersedes"),
        help_text=_("The published edition this one corrects; once this one is published, that one is superseded."),
    )
    # What the decision shows of its authority, kept as it was when published: a later change of the
    # authority (renamed, say) does not rewrite a published decision. Read through `authority_name` & co.
    published_authority_name = models.CharField(_("authority's name when published"), max_length=200, blank=True)
    published_province = models.CharField(_("province when published"), max_length=200, blank=True)
    published_summary_leaders = models.PositiveSmallIntegerField(
        _("leaders named in summaries when published"), null=True, blank=True
    )
    compared_year = models.PositiveSmallIntegerField(
        _("compared with year"),
        null=True,
        blank=True,
        help_text=_("The year of the edition whose ranks and percentages the published results were compared with."),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = EditionQuerySet.as_manager()

    class Meta:
        verbose_name = _("edition")
        verbose_name_plural = _("editions")
        ordering = ["-year", "authority__name", "slug"]
        indexes = [models.Index(fields=["authority", "index", "period", "year"])]

    def __str__(self):
        return self.title if not self.period else f"{self.title} ({self.period})"

    def natural_key(self):
        return (self.slug,)

    @property
    def is_published(self):
        return self.status == self.Status.PUBLISHED

    @property
    def authority_name(self):
        """The authority's name as the edition's decision shows it (frozen when published)."""
        return self.published_authority_name or self.authority.name

    @property
    def authority_province(self):
        return self.published_province if self.published_authority_name else self.authority.province

    @property
    def summary_leaders(self):
        """How many leaders of each block the announcement names (frozen when published)."""
        return self.published_summary_leaders or self.authority.summary_leaders

    def freeze_authority(self):
        """Keep what the decision shows of the authority as it is now. Call when publishing."""
        self.published_authority_name = self.authority.name
        self.published_province = self.authority.province
        self.published_summary_leaders = self.authority.summary_leaders

    def superseding(self):
        """Return the published edition that supersedes this one, or None. Costs a query."""
        return (
            Edition.objects.filter(supersedes=self, status=self.Status.PUBLISHED)
            .select_related("decision")
            .order_by("-published_at")
            .first()
        )

    def guard_edition_id(self):
        return self.pk

    def save(self, *args, **kwargs):
        if self.pk is not None:
            stored = Edition._base_manager.filter(pk=self.pk).first()
            if stored is not None and stored.is_published:
                changed = {
                    f.attname
                    for f in self._meta.concrete_fields
                    if getattr(stored, f.attname) != getattr(self, f.attname)
                }
                if changed - self.MUTABLE_WHEN_PUBLISHED:
                    raise FrozenEditionError()
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        """Delete a draft; its scores leave the audit trail a removal record each, written in bulk."""
        if Edition._base_manager.filter(pk=self.pk, status=self.Status.PUBLISHED).exists():
            raise FrozenEditionError()
        with transaction.atomic(using=router.db_for_write(Edition, instance=self)):
            for relation in Score._meta.related_objects:  # what is kept on the scores goes first
                relation.related_model._base_manager.filter(**{f"{relation.field.name}__unit__edition": self}).delete()
            Score.objects.filter(unit__edition=self).delete_recorded("draft-deleted")  # see scoring.writes.REASONS
            return super().delete(*args, **kwargs)

    def dependent_records(self):
        """Return [(what, how many)] of the records kept on this edition's scores (units' evidence files).

        Deleting the draft would take them with it. One query per kind of record.
        """
        found = []
        for relation in Score._meta.related_objects:
            model = relation.related_model
            count = model._base_manager.filter(**{f"{relation.field.name}__unit__edition": self}).count()
            if count:
                found.append((model._meta.verbose_name_plural, count))
        return found


class CriteriaSet(EditionPart):
    """A criteria tree (Bộ chỉ số / Bộ tiêu chí), shared by the blocks that name it."""

    edition = models.ForeignKey(Edition, models.CASCADE, related_name="criteria_sets", verbose_name=_("edition"))
    name = models.CharField(_("name"), max_length=100)
    position = models.PositiveIntegerField(_("position"), default=0)

    objects = guarded_queryset("edition").as_manager()

    class Meta:
        verbose_name = _("criteria set")
        verbose_name_plural = _("criteria sets")
        ordering = ["edition", "position"]
        constraints = [models.UniqueConstraint(fields=["edition", "name"], name="criteria_set_unique_name")]

    def __str__(self):
        return self.name

    def group_ordinals(self):
        """Return {group id: its place among the set's groups, from 0}, the groups in the order they are written."""
        groups = Criterion.objects.filter(criteria_set=self, parent=None).order_by("position", "pk")
        return {pk: k for k, pk in enumerate(groups.values_list("pk", flat=True))}

    @staticmethod
    def ordinals_of(group_ids):
        """Return {group id: its place among its set's groups} for groups of any sets. One query."""
        groups = Criterion.objects.filter(
            criteria_set__in=Criterion.objects.filter(pk__in=list(group_ids)).values("criteria_set"), parent=None
        ).order_by("criteria_set_id", "position", "pk")
        found, places = {}, {}
        for pk, set_id in groups.values_list("pk", "criteria_set_id"):
            found[pk] = places.setdefault(set_id, 0)
            places[set_id] += 1
        return found

    def renumber_scores(self):
        """Give the scores of this set the ordinal of their group again (after groups were added, moved, removed)."""
        for group_id, ordinal in self.group_ordinals().items():
            Score.objects.filter(group_id=group_id).exclude(ordinal=ordinal).update(ordinal=ordinal)


class Criterion(EditionPart):
    """A node of a criteria tree. Top-level nodes are the groups (lĩnh vực); scores go to leaves.

    `group` is the top-level ancestor (itself for a top-level node), `position` the node's place in
    a pre-order walk of the whole set, so that ordering by it lists the tree as it is written.
    """

    class Source(models.TextChoices):
        APPRAISAL = "appraisal", _("Appraisal")
        SURVEY = "survey", _("Survey")

    edition_path = "criteria_set__edition"

    criteria_set = models.ForeignKey(
        CriteriaSet, models.CASCADE, related_name="criteria", verbose_name=_("criteria set")
    )
    parent = models.ForeignKey(
        "self", models.CASCADE, null=True, blank=True, related_name="children", verbose_name=_("parent")
    )
    group = models.ForeignKey("self", models.CASCADE, null=True, blank=True, related_name="+", verbose_name=_("group"))
    code = models.CharField(_("code"), max_length=40, validators=[valid_code])
    name = models.CharField(_("name"), max_length=500)
    max_points = PointsField(_("max points"))
    source = models.CharField(_("source"), max_length=20, choices=Source.choices, default=Source.APPRAISAL)
    guidance = models.TextField(_("how points are given"), blank=True)  # cách chấm
    evidence = models.TextField(_("evidence required"), blank=True)  # tài liệu kiểm chứng
    is_leaf = models.BooleanField(_("leaf"), default=True)
    depth = models.PositiveSmallIntegerField(_("depth"), default=0)
    position = models.PositiveIntegerField(_("position"), default=0)

    objects = guarded_queryset("criteria_set__edition").as_manager()

    class Meta:
        verbose_name = _("criterion")
        verbose_name_plural = _("criteria")
        ordering = ["criteria_set", "position"]
        constraints = [models.UniqueConstraint(fields=["criteria_set", "code"], name="criterion_unique_code")]

    def __str__(self):
        return f"{self.code}. {self.name}"

    def guard_edition_id(self):
        return next(iter(self.guard_edition_ids([self])), None)

    @classmethod
    def guard_edition_ids(cls, objs):
        set_ids = {obj.criteria_set_id for obj in objs}
        return set(
            CriteriaSet.objects.filter(pk__in=set_ids).order_by().values_list("edition_id", flat=True).distinct()
        )

    def save(self, *args, **kwargs):
        before = Criterion.objects.filter(pk=self.pk).values_list("group_id", flat=True).first() if self.pk else None
        if self.parent_id is None:
            self.depth = 0
            super().save(*args, **kwargs)
            if self.group_id != self.pk:
                self.group_id = self.pk
                Criterion.objects.filter(pk=self.pk).update(group_id=self.pk)
        else:
            self.group_id = self.parent.group_id
            self.depth = self.parent.depth + 1
            super().save(*args, **kwargs)
        if before is not None and before != self.group_id:
            self._regroup_descendants()
        if self.parent_id is None or before != self.group_id:
            self.criteria_set.renumber_scores()

    def delete(self, *args, **kwargs):
        result = super().delete(*args, **kwargs)
        if self.parent_id is None:
            self.criteria_set.renumber_scores()
        return result

    def _regroup_descendants(self):
        """Carry this node's group down to its descendants and their scores (the tree was re-parented)."""
        ids, frontier = [self.pk], [self.pk]
        while frontier:
            frontier = list(Criterion.objects.filter(parent_id__in=frontier).values_list("pk", flat=True))
            ids += frontier
        Criterion.objects.filter(pk__in=ids).exclude(pk=self.pk).update(group_id=self.group_id)
        Score.objects.filter(criterion_id__in=ids).update(group_id=self.group_id)


class Block(EditionPart):
    """A group of units ranked together (khối): sở/ban/ngành, ngành dọc, UBND cấp huyện, cấp xã, …"""

    edition = models.ForeignKey(Edition, models.CASCADE, related_name="blocks", verbose_name=_("edition"))
    code = models.CharField(_("code"), max_length=40, validators=[valid_code])
    name = models.CharField(_("name"), max_length=200)
    position = models.PositiveIntegerField(_("position"), default=0)
    criteria_set = models.ForeignKey(
        CriteriaSet, models.RESTRICT, related_name="blocks", verbose_name=_("criteria set")
    )

    objects = guarded_queryset("edition").as_manager()

    class Meta:
        verbose_name = _("block")
        verbose_name_plural = _("blocks")
        ordering = ["edition", "position"]
        constraints = [models.UniqueConstraint(fields=["edition", "code"], name="block_unique_code")]

    def __str__(self):
        return self.name


class Band(EditionPart):
    """A classification band (xếp loại): units whose rounded percentage reaches `min_percent`.

    Bands with no block are the edition's; a block with bands of its own uses only those.
    """

    edition = models.ForeignKey(Edition, models.CASCADE, related_name="bands", verbose_name=_("edition"))
    block = models.ForeignKey(
        Block, models.CASCADE, null=True, blank=True, related_name="bands", verbose_name=_("block")
    )
    position = models.PositiveIntegerField(_("position"), default=0)
    label = models.CharField(_("label"), max_length=100)
    min_percent = PointsField(_("minimum percentage"))

    objects = guarded_queryset("edition").as_manager()

    class Meta:
        verbose_name = _("band")
        verbose_name_plural = _("bands")
        ordering = ["edition", "block", "position"]

    def __str__(self):
        return f"{self.label} ≥ {self.min_percent}%"


class Unit(EditionPart):
    """A body ranked in a block: a sở, a ngành dọc agency, a district, a commune.

    `code` is unique in the edition and stays the same from year to year; `predecessor_codes`
    names the units of an earlier edition that this one continues (renamed or merged).
    """

    edition = models.ForeignKey(Edition, models.CASCADE, related_name="units", verbose_name=_("edition"))
    block = models.ForeignKey(Block, models.CASCADE, related_name="units", verbose_name=_("block"))
    code = models.CharField(_("code"), max_length=60, validators=[valid_code])
    name = models.CharField(_("name"), max_length=300)
    position = models.PositiveIntegerField(_("position"), default=0)
    predecessor_codes = models.JSONField(_("predecessors"), default=list, blank=True)
    head_rating = models.CharField(_("head-of-unit rating"), max_length=200, blank=True)
    # The administrative unit's code in the official list (General Statistics Office), when it is one;
    # `official_unlisted` records a unit kept on purpose although its code is not in the list.
    official_code = models.CharField(_("official code"), max_length=10, blank=True)
    official_unlisted = models.BooleanField(_("not in the official list"), default=False)
    search_name = models.CharField(_("search key"), max_length=300, blank=True, editable=False, db_index=True)

    objects = guarded_queryset("edition").as_manager()

    class Meta:
        verbose_name = _("unit")
        verbose_name_plural = _("units")
        ordering = ["edition", "block__position", "position"]
        constraints = [models.UniqueConstraint(fields=["edition", "code"], name="unit_unique_code")]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.search_name = self.search_key(self.name, self.code)
        super().save(*args, **kwargs)

    @staticmethod
    def search_key(name, code):
        """What a unit is found by, folded: its name, its English name where known, its code.

        "tien chau", "home affairs" and "snv" find the same kind of thing: `publications.search`.
        """
        return fold(" ".join(part for part in (name, unit_search_words(name), code) if part))[:300]


class ScoreQuerySet(GuardedQuerySet):
    edition_path = "unit__edition"

    def record_history(self, history_type, reason, *, user=CURRENT_USER):
        """Add to the score history a record of each score's current values, in one INSERT … SELECT.

        What django-simple-history writes one score at a time (a signal and an INSERT each: 40 s for
        a 30,000-score draft). `history_type` is "+" (created), "~" (changed) or "-" (removed);
        the records name `user` (by default the user of the current request, if any) and `reason`.
        Return how many were written.
        """
        history = Score.history.model
        connection = connections[self.db]
        quote = connection.ops.quote_name
        first = self.order_by().first()
        if first is None:
            return 0
        if user is CURRENT_USER:
            user = history.get_default_history_user(first)
        tracked = [field.column for field in history.tracked_fields]
        select, params = (
            self.order_by().values_list(*[f.attname for f in history.tracked_fields]).query.sql_with_params()
        )
        columns = ", ".join(quote(c) for c in [*tracked, "history_date", "history_type", "history_change_reason"])
        user_id = getattr(user, "pk", None)
        sql = (
            f"INSERT INTO {quote(history._meta.db_table)} ({columns}, {quote('history_user_id')}) "
            f"SELECT sub.*, %s, %s, %s, %s FROM ({select}) sub"
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, [timezone.now(), history_type, str(reason), user_id, *params])
            return cursor.rowcount

    def delete_recorded(self, reason):
        """Delete these scores in bulk, adding to the trail a removal ("-") record for each."""
        if not self.record_history("-", reason):
            return 0
        # Django's own fast delete (one DELETE, no per-object signals): the records are written above.
        return self._raw_delete(self.db)

    delete_recorded.alters_data = True


class Score(EditionPart):
    """A unit's points on one leaf criterion: appraised, self-assessed, or not assessed at all.

    `points` is the appraised score (None while not yet entered, counted as 0); a criterion that
    does not apply to the unit is `not_assessed` and leaves the unit's maximum. `group` repeats
    the criterion's top-level group, and `ordinal` that group's place in its set, so that the
    database sums a unit's groups without a join; `Score.save`, `Criterion.save` and
    `CriteriaSet.renumber_scores` keep them right, writers in bulk set them themselves.
    """

    edition_path = "unit__edition"

    unit = models.ForeignKey(Unit, models.CASCADE, related_name="scores", verbose_name=_("unit"))
    criterion = models.ForeignKey(Criterion, models.CASCADE, related_name="scores", verbose_name=_("criterion"))
    group = models.ForeignKey(Criterion, models.CASCADE, related_name="+", verbose_name=_("group"))
    # The group's place among its set's groups (0 for the first): the sums by group are then cheap
    # comparisons of small numbers (scoring.results). Kept right by `Score.save`, by
    # `CriteriaSet.renumber_scores` when groups change, and by the writers in bulk.
    ordinal = models.PositiveSmallIntegerField(_("group's place"), default=0)
    points = PointsField(_("appraised score"), null=True, blank=True)
    self_points = PointsField(_("self-assessed score"), null=True, blank=True)
    not_assessed = models.BooleanField(_("not assessed"), default=False)
    note = models.TextField(_("appraisal remark"), blank=True)
    explanation = models.TextField(_("explanation"), blank=True)
    # A survey criterion's result as entered, in percent; its points are max × percent (half up).
    survey_percent = PointsField(_("survey result (%)"), null=True, blank=True)
    version = models.PositiveIntegerField(_("version"), default=1)

    history = HistoricalRecords(
        excluded_fields=["group", "ordinal", "version"],
        bases=[ImmutableHistory],
        historical_queryset=AppendOnlyHistoryQuerySet,
        verbose_name=_("score history"),
        custom_model_name=lambda name: f"Historical{name}",
    )

    objects = ScoreQuerySet.as_manager()

    class Meta:
        verbose_name = _("score")
        verbose_name_plural = _("scores")
        constraints = [
            models.UniqueConstraint(fields=["unit", "criterion"], name="score_unique_unit_criterion"),
            models.CheckConstraint(
                condition=Q(not_assessed=False) | Q(points__isnull=True), name="score_not_assessed_has_no_points"
            ),
        ]
        indexes = [
            # The criteria a unit is not assessed on are few: find them without reading every score.
            models.Index(fields=["group"], condition=Q(not_assessed=True), name="score_not_assessed_idx"),
        ]

    def __str__(self):
        return f"{self.unit_id}/{self.criterion_id}: {self.points}"

    def guard_edition_id(self):
        return next(iter(self.guard_edition_ids([self])), None)

    @classmethod
    def guard_edition_ids(cls, objs):
        unit_ids = {obj.unit_id for obj in objs}
        return set(Unit.objects.filter(pk__in=unit_ids).order_by().values_list("edition_id", flat=True).distinct())

    def save(self, *args, **kwargs):
        """Save, and count a new version (updates in bulk count theirs themselves)."""
        self.group_id = self.criterion.group_id
        self.ordinal = self.criterion.criteria_set.group_ordinals().get(self.group_id, 0)
        if self.pk is not None:
            self.version += 1
        super().save(*args, **kwargs)


class FrozenResult(EditionPart):
    """A unit's result as computed when its edition was published, kept so that it never changes.

    Written by `scoring.results.freeze_results`, read back by `scoring.results.edition_results`.
    """

    edition = models.ForeignKey(Edition, models.CASCADE, related_name="frozen_results")
    block = models.ForeignKey(Block, models.CASCADE, related_name="+")
    unit = models.OneToOneField(Unit, models.CASCADE, related_name="frozen_result")
    position = models.PositiveIntegerField(default=0)
    rank = models.PositiveIntegerField()
    of = models.PositiveIntegerField()
    score = PointsField()
    max_points = PointsField()
    percent = PointsField(null=True)
    band = models.CharField(max_length=100, blank=True)
    head_rating = models.CharField(max_length=200, blank=True)
    previous_rank = models.PositiveIntegerField(null=True)
    previous_percent = PointsField(null=True)
    groups = models.JSONField(default=list)

    objects = guarded_queryset("edition").as_manager()

    class Meta:
        ordering = ["edition", "block__position", "position"]

    def __str__(self):
        return f"{self.unit_id}: {self.rank}/{self.of}"

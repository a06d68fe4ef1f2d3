"""The one computation of results: every page, export, API and command reads figures from here.

`edition_results(edition)` returns an `EditionResults`:

    EditionResults
      .edition, .previous_year (the year of the edition compared with, or None)
      .blocks: [BlockResult]                      in published order
        .code, .name, .groups (GroupHeader: code, name, max), .bands (BandSpec: label, min_percent)
        .band_counts {label: count}               bands that have units, highest first
        .units: [UnitResult]                      by rank, then by name
          .code, .name, .rank, .of, .score, .max, .percent, .band, .head_rating,
          .previous_rank, .previous_percent,
          .groups: [GroupResult: code, name, score, max]

The rules are those of `edition-v1.md`, "What is computed": a unit's score is the sum of its leaf
scores and its max the sum of the max of its assessed leaves; percent = score / max × 100 rounded
half up to 2 decimals; units are ranked in their block by percent (the rounded one) or by score,
equal values sharing a rank (1, 2, 2, 4); the band is the first whose minimum the rounded percent
reaches; the head rating is the unit's own, else the band's; the previous rank and percent come
from the previous edition, matched by code, then by the one predecessor that has a result.

Scores are summed by the database, per unit and top-level group, in one query: the cost in
queries is fixed whatever the size of the edition (about 5, plus as many for the previous one).
A published edition's results were computed once, when it was published, and are read back from
`FrozenResult` so that nothing done later (another edition imported, say) changes them.
"""

import contextlib
import gc
import json
from dataclasses import dataclass, field
from decimal import Decimal

from django.db import connections
from django.db.models import F, Q, Sum
from django.db.models.functions import Coalesce

from scoring.models import Band, Block, Criterion, Edition, FrozenResult, Score, Unit
from scoring.points import from_cents, parse_decimal, percent_cents, percent_of, plain, to_cents

ZERO = Decimal("0.00")


@dataclass(frozen=True)
class BandSpec:
    label: str
    min_percent: Decimal


@dataclass(frozen=True)
class GroupHeader:
    """A top-level group of a block's criteria set, with its full max (in hundredths)."""

    code: str
    name: str
    max_cents: int

    @property
    def max(self):
        return from_cents(self.max_cents)


class GroupResult:
    """A unit's score and applicable max in one top-level group, kept in hundredths until read."""

    __slots__ = ("code", "max_cents", "name", "score_cents")

    def __init__(self, code, name, score_cents, max_cents):
        self.code, self.name, self.score_cents, self.max_cents = code, name, score_cents, max_cents

    def __eq__(self, other):
        if not isinstance(other, GroupResult):
            return NotImplemented
        return (self.code, self.name, self.score_cents, self.max_cents) == (
            other.code,
            other.name,
            other.score_cents,
            other.max_cents,
        )

    def __repr__(self):
        return f"GroupResult({self.code!r}, {self.score}/{self.max})"

    @property
    def score(self):
        return from_cents(self.score_cents)

    @property
    def max(self):
        return from_cents(self.max_cents)

    @property
    def percent(self):
        return percent_of(self.score, self.max)

    @property
    def lost(self):
        """Points lost in this group: applicable max minus score."""
        return self.max - self.score


@dataclass(slots=True)
class UnitResult:
    """A unit's result. Figures are kept in hundredths (`*_cents`) and read as Decimals (`score`, `max`, …)."""

    unit_id: int
    code: str
    name: str
    block_code: str
    score_cents: int
    max_cents: int
    percent_cents: int | None
    # Per group of the block, in hundredths: the points, and the max of what is not assessed.
    group_points: tuple
    group_lost: tuple
    headers: list = field(default_factory=list, compare=False, repr=False)  # the block's GroupHeaders
    rank: int = 0
    of: int = 0
    band: str | None = None
    head_rating: str | None = None
    previous_rank: int | None = None
    previous_percent_cents: int | None = None
    predecessor_codes: tuple[str, ...] = ()

    @property
    def score(self):
        return from_cents(self.score_cents)

    @property
    def max(self):
        return from_cents(self.max_cents)

    @property
    def percent(self):
        """score / max × 100, rounded half up to 2 decimals; None when nothing applies."""
        return from_cents(self.percent_cents) if self.percent_cents is not None else None

    @property
    def previous_percent(self):
        return from_cents(self.previous_percent_cents) if self.previous_percent_cents is not None else None

    @property
    def group_maxima(self):
        """Return the applicable max of each group, in hundredths."""
        return [header.max_cents - lost for header, lost in zip(self.headers, self.group_lost, strict=True)]

    @property
    def groups(self):
        """Return [GroupResult] in the order of the block's groups."""
        return [
            GroupResult(header.code, header.name, points, header.max_cents - lost)
            for header, points, lost in zip(self.headers, self.group_points, self.group_lost, strict=True)
        ]

    @property
    def rank_change(self):
        """Places gained since the previous edition (negative when the unit fell), or None."""
        if self.previous_rank is None:
            return None
        return self.previous_rank - self.rank


@dataclass
class BlockResult:
    block_id: int
    code: str
    name: str
    groups: list[GroupHeader]
    bands: list[BandSpec]
    units: list[UnitResult]
    criteria_set_id: int | None = None

    @property
    def band_counts(self):
        """Return {band label: number of units}, for the bands that have units, highest band first."""
        counts = {band.label: 0 for band in self.bands}
        for unit in self.units:
            if unit.band is not None:
                counts[unit.band] = counts.get(unit.band, 0) + 1
        return {label: count for label, count in counts.items() if count}

    @property
    def leaders(self):
        """Return the units ranked first (several when they tie)."""
        return [unit for unit in self.units if unit.rank == 1]

    @property
    def band_ranges(self):
        """[(label, from percent, below percent or None)] of the bands, highest first: Khá from 80 below 90."""
        ranges, above = [], None
        for band in self.bands:
            ranges.append((band.label, band.min_percent, above))
            above = band.min_percent
        return ranges


@dataclass
class EditionResults:
    edition: Edition
    previous_year: int | None
    blocks: list[BlockResult]

    def units(self):
        """Yield every unit's result, block after block."""
        for block in self.blocks:
            yield from block.units

    def unit(self, code):
        """Return the result of the unit with this code, or None."""
        return next((unit for unit in self.units() if unit.code == code), None)

    def block(self, code):
        """Return the block with this code, or None."""
        return next((block for block in self.blocks if block.code == code), None)


def edition_results(edition, *, with_previous=True):
    """Return the results of `edition`: frozen ones if it is published, computed ones otherwise."""
    return results_for([edition], with_previous=with_previous)[edition.pk]


def results_for(editions, *, with_previous=True):
    """Return {edition id: EditionResults} for several editions, in a fixed number of queries."""
    editions = list(editions)
    frozen = _frozen_many([e for e in editions if e.is_published])
    computed = compute_many([e for e in editions if not e.is_published], with_previous=with_previous)
    return {**frozen, **computed}


def compute_results(edition, *, with_previous=True):
    """Compute the results of `edition` from its scores, published or not. See `compute_many`."""
    return compute_many([edition], with_previous=with_previous)[edition.pk]


def compute_many(editions, *, with_previous=True):
    """Compute the results of several editions from their scores; return {edition id: EditionResults}.

    Costs 6 queries whatever the number and size of the editions, plus, `with_previous`, one to
    find the editions they are compared with and one for their ranks and percents.
    """
    editions = list(editions)
    if not editions:
        return {}
    with _without_collections():
        return _compute_many(editions, with_previous=with_previous)


def _compute_many(editions, *, with_previous):
    structure = _Structure(editions)
    units = _raw_rows(
        Unit.objects.filter(edition__in=editions)
        .order_by("position", "pk")
        .values_list("id", "code", "name", "block_id", "head_rating", "predecessor_codes")
    )
    # One row per unit: its points in each group, the k-th group of its criteria set in column k
    # (Score.ordinal). Asked for every edition there is, the scores need no filter.
    width = structure.width()
    scores = (
        Score.objects.all() if _every_edition(editions) else Score.objects.filter(group_id__in=structure.group_ids())
    )
    sums = _by_unit(
        scores.values("unit_id")
        .annotate(**{f"g{k}": Coalesce(Sum("points", filter=Q(ordinal=k)), 0) for k in range(width)})
        .order_by()
    )
    unassessed = _by_unit(
        scores.filter(not_assessed=True)
        .values("unit_id")
        .annotate(**{f"g{k}": Coalesce(Sum("criterion__max_points", filter=Q(ordinal=k)), 0) for k in range(width)})
        .order_by()
    )
    none = (0,) * width

    by_block = {block.id: [] for block in structure.blocks}
    for row in units:
        by_block[row[3]].append(row)

    results = {edition.pk: EditionResults(edition=edition, previous_year=None, blocks=[]) for edition in editions}
    for block in structure.blocks:
        _compute_block(block, results[block.edition_id], structure, by_block[block.id], sums, unassessed, none)

    if with_previous:
        previous = previous_editions(editions)
        earlier = ranks_and_percents(set(previous.values()))
        for edition_id, result in results.items():
            before = previous.get(edition_id)
            if before is not None:
                result.previous_year = before.year
                _attach_previous(result.blocks, earlier[before.pk])
    return results


def _compute_block(block, result, structure, rows, sums, unassessed, none):
    """Add the results of one block, computed from its units' sums, to the edition's `result`."""
    edition = result.edition

    headers = structure.groups(block)
    public_headers = [GroupHeader(h.code, h.name, h.max_cents) for h in headers]
    width, full = len(headers), sum(h.max_cents for h in headers)
    bands = structure.bands(block)
    thresholds = [(to_cents(band.min_percent), band.label) for band in bands]
    ratings = edition.head_ratings
    unit_results = []
    append, block_code = unit_results.append, block.code
    nothing_lost = none[:width]
    for unit_id, code, name, _block_id, head_rating, predecessors in rows:  # tens of thousands: kept lean
        points = sums.get(unit_id, none)[:width]
        lost = unassessed.get(unit_id)
        if lost is None:
            lost, maximum = nothing_lost, full
        else:
            lost = lost[:width]
            maximum = full - sum(lost)
        score = sum(points)
        percent = percent_cents(score, maximum) if maximum else None
        band = _band(percent, thresholds)
        append(
            UnitResult(
                unit_id,
                code,
                name,
                block_code,
                score,
                maximum,
                percent,
                points,
                lost,
                public_headers,
                band=band,
                head_rating=head_rating or ratings.get(band) or None,
                predecessor_codes=_codes(predecessors) if predecessors else (),
            )
        )
    _rank(unit_results, rank_by=edition.rank_by)
    unit_results.sort(key=lambda u: (u.rank, u.name))
    result.blocks.append(
        BlockResult(
            block_id=block.id,
            code=block.code,
            name=block.name,
            groups=public_headers,
            bands=bands,
            units=unit_results,
            criteria_set_id=block.criteria_set_id,
        )
    )


@contextlib.contextmanager
def _without_collections():
    """Hold Python's garbage collector while tens of thousands of rows and results are made.

    None of them can be freed (every one is kept), yet each few hundred new objects start a
    collection that walks the younger ones, and every tenth one the older ones too: a third of the
    time of a national computation. Collections resume afterwards (a computation inside another
    leaves them held).
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _band(percent, thresholds):
    """The label of the first band (highest first) whose minimum the percent reaches, all in hundredths."""
    if percent is not None:
        for minimum, label in thresholds:
            if percent >= minimum:
                return label
    return None


def _every_edition(editions):
    """Whether `editions` are all the editions there are (then the scores need no filter). One query."""
    return not Edition.objects.exclude(pk__in=[edition.pk for edition in editions]).exists()


def ranks_and_percents(editions):
    """Return {edition id: {unit code: (rank, percent in hundredths)}}: what a later edition compares itself with.

    Only what the comparison reads: a published edition's frozen rank and percent (one query,
    none of the groups), a draft's computed ones.
    """
    editions = list(editions)
    found = {edition.pk: {} for edition in editions}
    published = [edition.pk for edition in editions if edition.is_published]
    if published:
        for edition_id, code, rank, percent in _raw_rows(
            FrozenResult.objects.filter(edition_id__in=published)
            .order_by()  # in any order: no join for the default one
            .values_list("edition_id", "unit__code", "rank", "percent")
        ):
            found[edition_id][code] = (rank, percent)
    drafts = [edition for edition in editions if not edition.is_published]
    for edition_id, result in compute_many(drafts, with_previous=False).items():
        found[edition_id] = {unit.code: (unit.rank, unit.percent_cents) for unit in result.units()}
    return found


def _raw_rows(queryset):
    """Return the rows of a values_list queryset as the database sends them, without conversions.

    The computation reads whole hundredths, ids and text, which need none; skipping Django's
    per-value converters matters when there are thousands of rows.
    """
    sql, params = queryset.query.sql_with_params()
    with connections[queryset.db].cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def _by_unit(queryset):
    """Run an aggregate (unit id, then one sum per group, never null); return {unit id: (hundredths, …)}."""
    return {row[0]: row[1:] for row in _raw_rows(queryset)}


def _codes(raw):
    """Decode a JSON list of codes as the database returns it (text, or already decoded)."""
    if not raw or raw == "[]":
        return ()
    return tuple(json.loads(raw) if isinstance(raw, str) else raw)


def previous_editions(editions):
    """Return {edition id: the edition it is compared with} for those that have one. One query.

    That is the latest edition of an earlier year with the same authority, index and period label; for an
    edition of an index reported by period (with dates), the latest one of the same authority and index whose
    period ended before this one's began.
    """
    editions = list(editions)
    if not editions:
        return {}
    starts = [e.period_start for e in editions if e.period_start is not None]
    earlier = Q(year__lt=max(e.year for e in editions))
    if starts:
        earlier |= Q(period_end__lt=max(starts))
    candidates = list(
        Edition.objects.filter(
            earlier,
            authority_id__in={e.authority_id for e in editions},
            index_id__in={e.index_id for e in editions},
        )
        .current()  # a superseded edition gives way to the decision that corrected it
        .exclude(Q(supersedes__isnull=False) & ~Q(status=Edition.Status.PUBLISHED))  # amendments in progress
        .order_by("-year", F("published_at").desc(nulls_last=True), "-pk")
    )
    by_kind, by_period = {}, {}
    for candidate in candidates:  # newest first
        by_kind.setdefault((candidate.authority_id, candidate.index_id, candidate.period), []).append(candidate)
        if candidate.period_end is not None:
            by_period.setdefault((candidate.authority_id, candidate.index_id), []).append(candidate)
    found = {}
    for edition in editions:
        if edition.period_start is not None:
            periods = by_period.get((edition.authority_id, edition.index_id), [])
            match = max((c for c in periods if c.period_end < edition.period_start),
                        key=lambda c: c.period_end, default=None)  # fmt: skip
        else:
            kind = by_kind.get((edition.authority_id, edition.index_id, edition.period), [])
            match = next((c for c in kind if c.year < edition.year), None)
        if match is not None:
            found[edition.pk] = match
    return found


def band_for(percent, bands):
    """Return the label of the first band (highest first) whose minimum `percent` reaches, or None."""
    if percent is None:
        return None
    for band in bands:
        if percent >= band.min_percent:
            return band.label
    return None


def competition_ranks(values):
    """Return the rank of each value, highest first: equal values share a rank and the next skips.

    `competition_ranks([90, 85, 85, 70])` is `[1, 2, 2, 4]`.
    """
    order = sorted(range(len(values)), key=lambda i: values[i], reverse=True)
    ranks = [0] * len(values)
    for position, i in enumerate(order, start=1):
        previous = order[position - 2] if position > 1 else None
        ranks[i] = ranks[previous] if previous is not None and values[previous] == values[i] else position
    return ranks


def _rank(units, *, rank_by):
    """Set rank and of on each unit, by score or by rounded percent (a unit with no max ranks last)."""
    if rank_by == Edition.RankBy.SCORE:
        values = [unit.score_cents for unit in units]
    else:
        values = [unit.percent_cents if unit.percent_cents is not None else -1 for unit in units]
    for unit, rank in zip(units, competition_ranks(values), strict=True):
        unit.rank, unit.of = rank, len(units)


def _attach_previous(blocks, earlier):
    """Set each unit's previous rank and percent from `earlier` ({code: (rank, percent)}): by code, then by its one predecessor."""
    for block in blocks:
        for unit in block.units:
            match = earlier.get(unit.code)
            if match is None:
                candidates = [earlier[code] for code in unit.predecessor_codes if code in earlier]
                match = candidates[0] if len(candidates) == 1 else None
            if match is not None:
                unit.previous_rank, unit.previous_percent_cents = match


class _Header:
    """A top-level group as the computation needs it: id, code, name, max (and in hundredths)."""

    __slots__ = ("code", "id", "max", "max_cents", "name")

    def __init__(self, pk, code, name, maximum):
        self.id, self.code, self.name, self.max = pk, code, name, maximum
        self.max_cents = to_cents(maximum)


class _Block:
    __slots__ = ("code", "criteria_set_id", "edition_id", "id", "name")

    def __init__(self, pk, edition_id, code, name, criteria_set_id):
        self.id, self.edition_id, self.code, self.name, self.criteria_set_id = (
            pk,
            edition_id,
            code,
            name,
            criteria_set_id,
        )


class _Structure:
    """The blocks, bands and top-level groups of several editions. 3 queries."""

    def __init__(self, editions):
        self.blocks = [
            _Block(*row)
            for row in Block.objects.filter(edition__in=editions)
            .order_by("edition_id", "position", "pk")
            .values_list("id", "edition_id", "code", "name", "criteria_set_id")
        ]
        self._bands = {}
        for edition_id, block_id, label, minimum in (
            Band.objects.filter(edition__in=editions)
            .order_by("position", "pk")
            .values_list("edition_id", "block_id", "label", "min_percent")
        ):
            self._bands.setdefault((edition_id, block_id), []).append(BandSpec(label, minimum))
        self._groups = {}
        for pk, set_id, code, name, maximum in (
            Criterion.objects.filter(criteria_set__edition__in=editions, parent=None)
            .order_by("position", "pk")
            .values_list("id", "criteria_set_id", "code", "name", "max_points")
        ):
            self._groups.setdefault(set_id, []).append(_Header(pk, code, name, maximum))

    def bands(self, block):
        """Return the block's own bands, else its edition's."""
        return self._bands.get((block.edition_id, block.id)) or self._bands.get((block.edition_id, None), [])

    def groups(self, block):
        return self._groups.get(block.criteria_set_id, [])

    def group_ids(self):
        return [header.id for headers in self._groups.values() for header in headers]

    def width(self):
        """Return the most groups a criteria set has."""
        return max((len(headers) for headers in self._groups.values()), default=0)


def freeze_results(edition):
    """Compute `edition`'s results and store them as its frozen results. Call before it is published."""
    results = compute_results(edition)
    edition.compared_year = results.previous_year
    edition.freeze_authority()
    edition.save(
        update_fields=[
            "compared_year", "published_authority_name", "published_province", "published_summary_leaders",
            "updated_at",
        ]
    )  # fmt: skip
    FrozenResult.objects.filter(edition=edition).delete()
    rows = []
    for block in results.blocks:
        for position, unit in enumerate(block.units):
            rows.append(
                FrozenResult(
                    edition=edition,
                    block_id=block.block_id,
                    unit_id=unit.unit_id,
                    position=position,
                    rank=unit.rank,
                    of=unit.of,
                    score=unit.score,
                    max_points=unit.max,
                    percent=unit.percent,
                    band=unit.band or "",
                    head_rating=unit.head_rating or "",
                    previous_rank=unit.previous_rank,
                    previous_percent=unit.previous_percent,
                    groups=[{"code": g.code, "score": plain(g.score), "max": plain(g.max)} for g in unit.groups],
                )
            )
    FrozenResult.objects.bulk_create(rows)
    return results


def _frozen_many(editions):
    """Return {edition id: EditionResults} read back from the frozen results. 4 queries."""
    editions = list(editions)
    if not editions:
        return {}
    structure = _Structure(editions)
    rows = _raw_rows(
        FrozenResult.objects.filter(edition__in=editions)
        .order_by("position", "pk")
        .values_list(
            "block_id", "unit_id", "unit__code", "unit__name", "unit__predecessor_codes", "rank", "of", "score",
            "max_points", "percent", "band", "head_rating", "previous_rank", "previous_percent", "groups",
        )
    )  # fmt: skip
    by_block = {block.id: [] for block in structure.blocks}
    headers = {
        block.id: [GroupHeader(h.code, h.name, h.max_cents) for h in structure.groups(block)]
        for block in structure.blocks
    }
    codes = {block.id: block.code for block in structure.blocks}
    for (
        block_id, unit_id, code, name, predecessors, rank, of, score, maximum, percent, band, head_rating,
        previous_rank, previous_percent, groups,
    ) in rows:  # fmt: skip
        groups = _json(groups)
        by_block[block_id].append(
            UnitResult(
                unit_id,
                code,
                name,
                codes[block_id],
                score,
                maximum,
                percent,
                tuple(_cents(g["score"]) for g in groups),
                tuple(h.max_cents - _cents(g["max"]) for h, g in zip(headers[block_id], groups, strict=True)),
                headers[block_id],
                rank=rank,
                of=of,
                band=band or None,
                head_rating=head_rating or None,
                previous_rank=previous_rank,
                previous_percent_cents=previous_percent,
                predecessor_codes=_codes(predecessors),
            )
        )
    results = {e.pk: EditionResults(edition=e, previous_year=e.compared_year, blocks=[]) for e in editions}
    for block in structure.blocks:
        results[block.edition_id].blocks.append(
            BlockResult(
                block_id=block.id,
                code=block.code,
                name=block.name,
                groups=headers[block.id],
                bands=structure.bands(block),
                units=by_block[block.id],
                criteria_set_id=block.criteria_set_id,
            )
        )
    return results


def _json(raw):
    """A JSON value as the database returns it (text, or already decoded)."""
    return json.loads(raw) if isinstance(raw, str | bytes) else raw


def _cents(text):
    return to_cents(parse_decimal(text))

"""Importing an edition document into the database, all or nothing."""

from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext as _

from scoring.documents import EditionInvalid, read_document, validate_edition
from scoring.models import (
    Authority,
    Band,
    Block,
    CriteriaSet,
    Criterion,
    Decision,
    Edition,
    EditionEvent,
    IndexKind,
    Score,
    Unit,
)
from scoring.text import slugify_vi


def import_edition(*, document, may_act_for=None, user=None, file_name="", reason=None, event="import",
                   blank_scores=False):  # fmt: skip
    """Import an edition from `document` (JSON text, bytes, or already parsed data); return it.

    Every rule of the format is checked first; then the edition is written in one transaction,
    replacing a draft edition with the same slug. A published edition is never replaced, nor an
    edition of another authority, nor a draft that units have attached evidence to; an existing
    authority is never changed by an import (what its published decisions show stays as it was).
    `may_act_for(authority)`, when given, says whether the person importing may act for the
    document's authority (None: an authority the portal does not know yet).

    The import is recorded: every score created gets a history record naming `user` (None: the
    command line) and `reason` (default: imported from `file_name`), and the edition's trail an
    `event` (none if empty). Raise EditionInvalid, with nothing saved, when the document is refused.
    `blank_scores`: the scores are not entered yet (a new year set up from an earlier one): every
    assessed score is left empty; "not assessed" stays as the document says.
    """
    data = read_document(document) if isinstance(document, str | bytes | bytearray) else document
    spec = validate_edition(data)
    with transaction.atomic():
        authority = _known_authority(spec)
        if may_act_for is not None and not may_act_for(authority):
            raise EditionInvalid(
                [("authority.name", _("you may not import editions of %(name)s") % {"name": spec.authority_name})]
            )
        existing = Edition.objects.select_for_update().filter(slug=spec.slug).first()
        if existing is not None:
            _check_replaceable(existing, authority, spec)
            existing.delete()
        edition = _write(spec, authority or _new_authority(spec), blank_scores=blank_scores)
        if reason is None:
            reason = f"import:{file_name}" if file_name else "import"  # see scoring.writes.REASONS
        Score.objects.filter(unit__edition=edition).record_history("+", reason, user=user)
        if event:
            EditionEvent.objects.create(
                edition=edition, action=event, user=user if user is not None and user.is_authenticated else None,
                remark=file_name,
            )  # fmt: skip
    return edition


def _known_authority(spec):
    """Return the authority the document names (by the slug of its name), or None if it is new.

    Refuse a document that describes a known authority otherwise than the portal records it: an
    import does not change an authority, whose name and settings its published decisions show.
    """
    authority = Authority.objects.filter(slug=slugify_vi(spec.authority_name)).first()
    if authority is None:
        return None
    differences = []
    if spec.authority_level != authority.level:
        differences.append(("authority.level", authority.level, spec.authority_level))
    if spec.authority_province and spec.authority_province != authority.province:
        differences.append(("authority.province", authority.province, spec.authority_province))
    if spec.authority_summary_leaders and spec.authority_summary_leaders != authority.summary_leaders:
        differences.append(("authority.summary_leaders", authority.summary_leaders, spec.authority_summary_leaders))
    if differences:
        raise EditionInvalid(
            [
                (
                    place,
                    _(
                        "%(name)s is recorded with “%(stored)s”, the file says “%(given)s”: an import does not "
                        "change an authority; an administrator can"
                    )
                    % {"name": authority.name, "stored": stored, "given": given},
                )
                for place, stored, given in differences
            ]
        )
    return authority


def _new_authority(spec):
    return Authority.objects.create(
        name=spec.authority_name,
        level=spec.authority_level,
        province=spec.authority_province,
        summary_leaders=spec.authority_summary_leaders or 1,
    )


def _check_replaceable(existing, authority, spec):
    """Refuse to replace a published edition, another authority's, or a draft holding units' evidence."""
    if existing.is_published:
        message = _("edition “%(slug)s” is published and cannot be replaced: corrections are made by a new decision")
        raise EditionInvalid([("slug", message % {"slug": spec.slug})])
    if authority is None or existing.authority_id != authority.pk:
        message = _("the slug “%(slug)s” is used by another authority's edition: choose another slug")
        raise EditionInvalid([("slug", message % {"slug": spec.slug})])
    kept = existing.dependent_records()
    if kept:
        message = _(
            "the draft “%(slug)s” holds what units attached to it (%(what)s); replacing it would delete that. "
            "Correct the draft on its score sheets instead"
        )
        what = ", ".join(f"{count} {label}" for label, count in kept)
        raise EditionInvalid([("slug", message % {"slug": spec.slug, "what": what})])


def _write(spec, authority, *, blank_scores=False):
    batch = settings.BULK_BATCH_SIZE
    edition = Edition.objects.create(
        slug=spec.slug,
        authority=authority,
        index=IndexKind.for_code(spec.index),
        year=spec.year,
        period=spec.period,
        period_start=spec.period_start,
        period_end=spec.period_end,
        as_of=spec.as_of,
        source=spec.source,
        title=spec.title,
        note=spec.note,
        rank_by=spec.rank_by,
        head_ratings=spec.head_ratings,
    )

    sets = CriteriaSet.objects.bulk_create(
        [CriteriaSet(edition=edition, name=name, position=i) for i, name in enumerate(spec.criteria_sets)]
    )
    set_by_name = {s.name: s for s in sets}

    # Criteria level by level, so that each level knows its parents' ids.
    leaf_ids = {}  # (set name, code) → (criterion id, group id)
    level = []
    for name, tree in spec.criteria_sets.items():
        position = 0
        for root in tree:
            for node, depth, parent in root.walk():
                level.append((name, node, depth, parent, position))
                position += 1
    created = {}  # (set name, id(spec node)) → Criterion
    ordinal = {}  # group id → its place in its set
    depth = 0
    while True:
        todo = [item for item in level if item[2] == depth]
        if not todo:
            break
        objs = []
        for name, node, node_depth, parent, position in todo:
            parent_obj = created[(name, id(parent))] if parent is not None else None
            objs.append(
                Criterion(
                    criteria_set=set_by_name[name],
                    parent=parent_obj,
                    group_id=parent_obj.group_id if parent_obj is not None else None,
                    code=node.code,
                    name=node.name,
                    max_points=node.max,
                    source=node.source,
                    guidance=node.guidance,
                    evidence=node.evidence,
                    is_leaf=node.is_leaf,
                    depth=node_depth,
                    position=position,
                )
            )
        Criterion.objects.bulk_create(objs, batch_size=batch)
        if depth == 0:
            for obj in objs:
                obj.group_id = obj.pk
            Criterion.objects.bulk_update(objs, ["group"], batch_size=batch)
            places = {}  # each group's place among its set's groups, as written
            for (name, *_rest), obj in zip(todo, objs, strict=True):
                ordinal[obj.pk] = places.setdefault(name, 0)
                places[name] += 1
        for (name, node, *_rest), obj in zip(todo, objs, strict=True):
            created[(name, id(node))] = obj
            if node.is_leaf:
                leaf_ids[(name, node.code)] = (obj.pk, obj.group_id, ordinal[obj.group_id])
        depth += 1

    blocks = Block.objects.bulk_create(
        [
            Block(edition=edition, code=b.code, name=b.name, position=i, criteria_set=set_by_name[b.criteria_set])
            for i, b in enumerate(spec.blocks)
        ]
    )
    bands = [
        Band(edition=edition, position=i, label=b.label, min_percent=b.min_percent) for i, b in enumerate(spec.bands)
    ]
    for block, block_spec in zip(blocks, spec.blocks, strict=True):
        for i, band in enumerate(block_spec.bands or []):
            bands.append(Band(edition=edition, block=block, position=i, label=band.label, min_percent=band.min_percent))
    Band.objects.bulk_create(bands)

    units = []
    set_of_unit = {}
    position = 0
    for block, block_spec in zip(blocks, spec.blocks, strict=True):
        for unit in block_spec.units:
            units.append(
                Unit(
                    edition=edition,
                    block=block,
                    code=unit.code,
                    name=unit.name,
                    position=position,
                    predecessor_codes=unit.predecessors,
                    head_rating=unit.head_rating,
                    official_code=unit.official_code,
                    search_name=Unit.search_key(unit.name, unit.code),
                )
            )
            set_of_unit[unit.code] = block_spec.criteria_set
            position += 1
    Unit.objects.bulk_create(units, batch_size=batch)
    unit_ids = {unit.code: unit.pk for unit in units}

    scores = []
    for s in spec.scores:
        criterion_id, group_id, group_ordinal = leaf_ids[(set_of_unit[s.unit], s.criterion)]
        scores.append(
            Score(
                unit_id=unit_ids[s.unit],
                criterion_id=criterion_id,
                group_id=group_id,
                ordinal=group_ordinal,
                points=None if blank_scores else s.score,
                self_points=None if blank_scores else s.self_score,
                not_assessed=s.score is None,
                note=s.note,
            )
        )
    Score.objects.bulk_create(scores, batch_size=batch)

    if spec.decision is not None:
        Decision.objects.create(
            edition=edition,
            number=spec.decision.number,
            date=spec.decision.date,
            signer=spec.decision.signer,
            title=spec.decision.title,
        )
    return edition

"""Setting up a year without writing a file: a new edition from an earlier one, its criteria framework (typed or
from the province's Excel table), its units and their mergers. Every write is recorded in the edition's trail,
as the writes of `scoring.writes` are; nothing here changes a published edition.

A framework is given as rows, as provinces write it: code, name, maximum, guidance, evidence. The
codes make the tree ("1", "1.1", "1.1.2"); a group's maximum is the sum of its children's and, where
one is typed, must equal it. `read_framework` checks the rows and returns the tree (or refuses them
all, naming each row); `apply_framework` makes a criteria set that tree, keeping the scores of the
criteria it keeps.
"""

import re
from dataclasses import dataclass, field
from decimal import Decimal

from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext as _

from scoring.cycle import Status
from scoring.documents import CriterionSpec
from scoring.exporting import edition_document
from scoring.importing import import_edition
from scoring.models import Assignment, Block, CriteriaSet, Criterion, Edition, Score, Unit
from scoring.official import commune_by_code
from scoring.points import PointsRefused, parse_decimal, plain
from scoring.text import CODE, has_control
from scoring.writes import WriteRefused, reason, record

MAX_ROWS = 2000
# A criterion's code says its place in the tree: "1", "1.1", "1.1.2" (a letter may end a part: "2a").
CRITERION_CODE = re.compile(r"^[0-9]+[a-z]?(\.[0-9]+[a-z]?)*$")
ZERO = Decimal("0.00")


class SetupRefused(WriteRefused):
    """Refused whole, nothing saved: `errors` are (place, message) pairs, each naming its row or field."""

    def __init__(self, errors):
        self.errors = list(errors)
        super().__init__("; ".join(f"{place}: {message}" if place else message for place, message in self.errors))


# A new edition from an earlier one -------------------------------------------------------------------------------


def copy_edition(*, source, year, user=None, slug=None):
    """Create the draft of `year` from `source` (published or not, left untouched); return it.

    Its criteria sets and their guidance, bands, head ratings, blocks and units come along; the units
    keep their codes (so no predecessors are needed) and their criteria that do not apply; every other
    score is empty, to be entered. Who appraised which group is assigned again (matched by the name of
    the criteria set and the codes of the criterion and the department), for the coordinator to review.
    """
    year = int(year)
    if year == source.year:
        raise SetupRefused([("year", _("The new edition needs another year than %(year)s.") % {"year": source.year})])
    slug = slug or _slug_for(source, year)
    if Edition.objects.filter(slug=slug).exists():
        raise SetupRefused([("slug", _("An edition “%(slug)s” exists already.") % {"slug": slug})])
    twin = Edition.objects.filter(
        authority=source.authority, index=source.index, period=source.period, year=year, supersedes__isnull=True
    ).first()
    if twin is not None:
        raise SetupRefused([("year", _("%(authority)s has an edition of %(year)s already: %(slug)s.") % {
            "authority": source.authority.name, "year": year, "slug": twin.slug})])  # fmt: skip
    document = edition_document(source)
    document["slug"] = slug
    document["year"] = year
    document["title"] = source.title.replace(str(source.year), str(year)) if str(source.year) in source.title else (
        f"{source.title} ({year})")  # fmt: skip
    for key in ("decision", "note"):
        document.pop(key, None)
    for block in document["blocks"]:
        for unit in block["units"]:
            unit.pop("predecessors", None)  # the same codes continue
            unit.pop("head_rating", None)  # a decision of its own, each year
    for score in document["scores"]:
        score.pop("self_score", None)
        score.pop("note", None)
        if score["score"] is not None:
            score["score"] = "0"  # replaced by an empty score below: to be entered
    with transaction.atomic():
        edition = import_edition(document=document, user=user, event="", reason=reason("copy", source.slug),
                                 blank_scores=True)  # fmt: skip
        record(edition, "copy", user=user, target=Status.DRAFT, remark=source.slug)
        _copy_assignments(source, edition)
    return edition


def _copy_assignments(source, edition):
    criteria = {(c.criteria_set.name, c.code): c for c in Criterion.objects.filter(criteria_set__edition=edition)
                .select_related("criteria_set")}  # fmt: skip
    units = {unit.code: unit for unit in Unit.objects.filter(edition=edition)}
    copies = []
    for old in Assignment.objects.filter(criterion__criteria_set__edition=source).select_related(
        "criterion__criteria_set", "department"
    ):
        criterion = criteria.get((old.criterion.criteria_set.name, old.criterion.code))
        department = units.get(old.department.code) if old.department_id else None
        if criterion is not None and (old.appraiser_id or department is not None):
            copies.append(Assignment(criterion=criterion, appraiser_id=old.appraiser_id, department=department))
    Assignment.objects.bulk_create(copies)


def _slug_for(source, year):
    if str(source.year) in source.slug:
        return source.slug.replace(str(source.year), str(year))[:100]
    return f"{source.slug}-{year}"[:100]


# The framework -------------------------------------------------------------------------------------------------


@dataclass
class FrameworkRow:
    code: str
    name: str
    max: str = ""  # as typed: "13,5", "6"; empty for a group (the sum of its children)
    survey: bool = False
    guidance: str = ""
    evidence: str = ""
    place: str = ""  # where it was typed: "dòng 7", "Trang tính Bo tieu chi, dòng 7"
    columns: dict = field(default_factory=dict)  # field → the column it came from, for messages


def _parent(code):
    return code.rsplit(".", 1)[0] if "." in code else None


def read_framework(rows):
    """Return the tree (a list of CriterionSpec roots) the rows describe; raise SetupRefused naming every row wrong."""
    errors = []
    if len(rows) > MAX_ROWS:
        raise SetupRefused([("", _("%(n)s rows: a framework has at most %(max)s criteria.") % {
            "n": len(rows), "max": MAX_ROWS})])  # fmt: skip
    if not rows:
        raise SetupRefused([("", _("The framework has no criterion."))])
    seen, maxima = {}, {}

    def where(row, column):
        col = row.columns.get(column)
        return f"{row.place}, {col}" if col else row.place

    for row in rows:
        code = (row.code or "").strip()
        if not code:
            errors.append((where(row, "code"), _("the code is empty")))
            continue
        if not CODE.fullmatch(code) or len(code) > 40:
            errors.append((where(row, "code"), _("“%(code)s” is not a criterion code (digits and dots: 1, 1.1, 1.1.2)")
                           % {"code": code[:40]}))  # fmt: skip
            continue
        if code in seen:
            errors.append((where(row, "code"), _("the code %(code)s is used twice (also at %(first)s)") % {
                "code": code, "first": seen[code].place}))  # fmt: skip
            continue
        seen[code] = row
        name = (row.name or "").strip()
        if not name:
            errors.append((where(row, "name"), _("criterion %(code)s has no name") % {"code": code}))
        elif len(name) > 500 or has_control(name):
            errors.append((where(row, "name"), _("the name of criterion %(code)s is too long or holds control "
                                                 "characters") % {"code": code}))  # fmt: skip
        for text, column in ((row.guidance, "guidance"), (row.evidence, "evidence")):
            if text and (len(text) > 5000 or has_control(text)):
                errors.append(
                    (where(row, column), _("too long (5,000 characters at most) or holds control characters"))
                )
        typed = (row.max or "").strip()
        if typed:
            try:
                value = parse_decimal(typed)
            except (PointsRefused, ValueError, ArithmeticError):
                value = None
            if value is None or not value.is_finite():
                errors.append((where(row, "max"), _("the maximum of %(code)s, “%(value)s”, is not a number") % {
                    "code": code, "value": typed[:20]}))  # fmt: skip
            elif value < 0:
                errors.append((where(row, "max"), _("the maximum of %(code)s is negative") % {"code": code}))
            elif value != value.quantize(Decimal("0.01")):
                errors.append((where(row, "max"), _("the maximum of %(code)s has more than 2 decimals") % {
                    "code": code}))  # fmt: skip
            else:
                maxima[code] = value.quantize(Decimal("0.01"))
    children = {}
    for code, row in seen.items():
        parent = _parent(code)
        if parent is not None and parent not in seen:
            errors.append((where(row, "code"), _("the parent %(parent)s of criterion %(code)s is missing") % {
                "parent": parent, "code": code}))  # fmt: skip
        children.setdefault(parent, []).append(code)
    if errors:
        raise SetupRefused(errors)

    def build(code):
        row = seen[code]
        kids = [build(child) for child in children.get(code, [])]
        if any(kid is None for kid in kids):
            return None
        if kids:
            total = sum((kid.max for kid in kids), ZERO)
            if code in maxima and maxima[code] != total:
                errors.append(
                    (
                        where(row, "max"),
                        _("group %(code)s: its maximum %(max)s differs from the sum of its criteria, %(sum)s")
                        % {"code": code, "max": plain(maxima[code]), "sum": plain(total)},
                    )
                )
                return None  # fmt: skip
            return CriterionSpec(code, row.name.strip(), total, "appraisal", kids, row.guidance.strip(),
                                 row.evidence.strip())  # fmt: skip
        if code not in maxima:
            errors.append((where(row, "max"), _("criterion %(code)s has no maximum") % {"code": code}))
            return None
        return CriterionSpec(code, row.name.strip(), maxima[code], "survey" if row.survey else "appraisal", [],
                             row.guidance.strip(), row.evidence.strip())  # fmt: skip

    roots = [build(code) for code in children.get(None, [])]
    if errors:
        raise SetupRefused(errors)
    return roots


def framework_rows(criteria_set):
    """The criteria set as rows (for the editor and the Excel export), in the order of the tree."""
    return [
        FrameworkRow(c.code, c.name, plain(c.max_points), c.source == Criterion.Source.SURVEY, c.guidance, c.evidence)
        for c in Criterion.objects.filter(criteria_set=criteria_set).order_by("position", "pk")
    ]


def framework_locked(edition):
    """Whether the framework may change only with a recorded reason (self-assessment has been opened)."""
    return edition.status != Status.DRAFT


def _state(criterion):
    return (criterion.name, criterion.max_points, criterion.source, criterion.guidance, criterion.evidence,
            criterion.is_leaf, criterion.depth, criterion.position, criterion.parent_id, criterion.group_id)  # fmt: skip


def apply_framework(*, criteria_set, roots, user=None, why=""):
    """Make `criteria_set` the tree `roots` (from `read_framework`); return (added, changed, removed) counts.

    Criteria are matched by code: those kept keep their scores; new leaves get an empty score for every
    unit of the blocks using the set; removed criteria go with their scores. Once self-assessment has
    opened, a change needs `why`, recorded in the trail and shown on the methodology page.
    """
    edition = criteria_set.edition
    if edition.is_published:
        raise SetupRefused([("", _("The results are published: their framework stays as it was."))])
    locked = framework_locked(edition)
    why = (why or "").strip()
    if locked and not why:
        raise SetupRefused([("why", _("Self-assessment has opened: say why the framework changes (it is recorded "
                                      "and shown with the method)."))])  # fmt: skip
    batch = settings.BULK_BATCH_SIZE
    with transaction.atomic():
        existing = {c.code: c for c in Criterion.objects.select_for_update().filter(criteria_set=criteria_set)}
        stored = {code: _state(c) for code, c in existing.items()}
        walk = [(node, depth, parent) for root in roots for node, depth, parent in root.walk()]
        wanted = {node.code for node, _depth, _parent in walk}
        removed = [c.pk for code, c in existing.items() if code not in wanted]
        # A leaf that becomes a group loses its scores (scores are given for leaves only).
        now_groups = [existing[n.code].pk for n, _d, _p in walk if n.code in existing and not n.is_leaf]
        Score.objects.filter(criterion_id__in=removed + now_groups).delete()
        Criterion.objects.filter(pk__in=removed).delete()
        added = changed = 0
        saved = {}
        for position, (node, depth, parent) in enumerate(walk):
            obj = existing.get(node.code)
            fields = {
                "name": node.name, "max_points": node.max, "source": node.source, "guidance": node.guidance,
                "evidence": node.evidence, "is_leaf": node.is_leaf, "depth": depth, "position": position,
                "parent": saved[parent.code] if parent is not None else None,
            }  # fmt: skip
            if obj is None:
                obj = Criterion(criteria_set=criteria_set, code=node.code, **fields)
                Criterion.objects.bulk_create([obj])
                added += 1
            else:
                before = (obj.name, obj.max_points, obj.source, obj.guidance, obj.evidence, obj.is_leaf,
                          obj.parent_id)  # fmt: skip
                for name, value in fields.items():
                    setattr(obj, name, value)
                if before != (obj.name, obj.max_points, obj.source, obj.guidance, obj.evidence, obj.is_leaf,
                              obj.parent_id):  # fmt: skip
                    changed += 1
            saved[node.code] = obj
        groups = {}
        for node, _depth, parent in walk:
            root = node if parent is None else None
            groups[node.code] = saved[node.code].pk if root is not None else groups[parent.code]
        objs = list(saved.values())
        for obj in objs:
            obj.group_id = groups[obj.code]
        touched = [obj for obj in objs if stored.get(obj.code) != _state(obj)]  # only what changed is written
        Criterion.objects.bulk_update(
            touched, ["name", "max_points", "source", "guidance", "evidence", "is_leaf", "depth", "position",
                      "parent", "group"], batch_size=batch)  # fmt: skip
        leaves = [obj for obj in objs if obj.is_leaf]
        units = list(Unit.objects.filter(block__criteria_set=criteria_set).values_list("pk", flat=True))
        has = set(Score.objects.filter(criterion__in=leaves).values_list("unit_id", "criterion_id"))
        Score.objects.bulk_create(
            [Score(unit_id=unit, criterion_id=leaf.pk, group_id=leaf.group_id) for unit in units for leaf in leaves
             if (unit, leaf.pk) not in has], batch_size=batch)  # fmt: skip
        for leaf in leaves:  # scores follow their criterion's group (when a criterion moved to another group)
            if stored.get(leaf.code) is not None and stored[leaf.code][-1] != leaf.group_id:
                Score.objects.filter(criterion_id=leaf.pk).update(group_id=leaf.group_id)
        criteria_set.renumber_scores()
        summary = _("%(added)s added, %(changed)s changed, %(removed)s removed") % {
            "added": added, "changed": changed, "removed": len(removed)}  # fmt: skip
        record(edition, "framework_changed" if locked else "framework", user=user,
               remark=f"{criteria_set.name}: {summary}" + (f" — {why}" if why else ""))  # fmt: skip
    return added, changed, len(removed)


# Units and mergers ----------------------------------------------------------------------------------------------


def _check_draft(edition):
    if edition.status != Status.DRAFT:
        raise SetupRefused([("", _("Units are set up while the edition is a draft; self-assessment has opened."))])


def _check_official(code, unlisted, place="official_code"):
    if not code:
        return ""
    code = str(code).strip()
    if unlisted:
        return code
    if commune_by_code(code) is None:
        raise SetupRefused([(place, _("%(code)s is not in the official list of administrative units: choose one from "
                                      "the list, or say that it is not in the list.") % {"code": code[:10]})])  # fmt: skip
    return code


def _check_predecessors(edition, code, predecessors):
    codes = [p.strip() for p in predecessors if p and p.strip()]
    if code in codes:
        raise SetupRefused([("predecessors", _("Unit %(code)s cannot be its own predecessor.") % {"code": code})])
    here = set(Unit.objects.filter(edition=edition).exclude(code=code).values_list("code", flat=True))
    loop = [p for p in codes if p in here]
    if loop:
        raise SetupRefused([("predecessors", _("%(codes)s are units of this edition: a unit cannot continue another "
                                               "unit of the same year (that would make a cycle).") % {
            "codes": ", ".join(loop)})])  # fmt: skip
    for p in codes:
        if not CODE.fullmatch(p):
            raise SetupRefused([("predecessors", _("“%(code)s” is not a unit code") % {"code": p[:60]})])
    return list(dict.fromkeys(codes))


def add_unit(*, edition, block, code, name, official_code="", unlisted=False, predecessors=(), user=None):
    """Add a unit to a block of a draft, with an empty score on every criterion of its block; return it."""
    _check_draft(edition)
    code, name = (code or "").strip(), (name or "").strip()
    if not CODE.fullmatch(code) or len(code) > 60:
        raise SetupRefused(
            [("code", _("“%(code)s” is not a unit code (letters, digits, . - _)") % {"code": code[:60]})]
        )
    if not name or has_control(name) or len(name) > 300:
        raise SetupRefused([("name", _("The unit needs a name (300 characters at most)."))])
    if Unit.objects.filter(edition=edition, code=code).exists():
        raise SetupRefused([("code", _("The code %(code)s is used by another unit of this edition.") % {"code": code})])
    official = _check_official(official_code, unlisted)
    codes = _check_predecessors(edition, code, predecessors)
    with transaction.atomic():
        position = (Unit.objects.filter(edition=edition).order_by("-position").values_list("position", flat=True)
                    .first() or 0) + 1  # fmt: skip
        unit = Unit.objects.create(
            edition=edition, block=block, code=code, name=name, position=position, predecessor_codes=codes,
            official_code=official, official_unlisted=bool(official and unlisted),
        )  # fmt: skip
        _give_scores(unit)
        record(edition, "units", user=user, unit_code=code, remark=_("added: %(name)s") % {"name": name}
               + (f" ← {', '.join(codes)}" if codes else ""))  # fmt: skip
    return unit


def _give_scores(unit):
    leaves = Criterion.objects.filter(criteria_set_id=unit.block.criteria_set_id, is_leaf=True)
    ordinals = unit.block.criteria_set.group_ordinals()
    Score.objects.bulk_create([
        Score(unit=unit, criterion_id=leaf.pk, group_id=leaf.group_id, ordinal=ordinals.get(leaf.group_id, 0))
        for leaf in leaves
    ])  # fmt: skip


def update_unit(*, unit, name=None, block=None, official_code=None, unlisted=False, predecessors=None, user=None):
    """Rename a unit, move it to another block, set its official code or its predecessors (a merger or a split)."""
    edition = unit.edition
    _check_draft(edition)
    what = []
    if name is not None:
        name = name.strip()
        if not name or has_control(name) or len(name) > 300:
            raise SetupRefused([("name", _("The unit needs a name (300 characters at most)."))])
        if name != unit.name:
            what.append(_("renamed from %(old)s") % {"old": unit.name})
            unit.name = name  # its search key follows on save (Unit.save)
    if official_code is not None:
        unit.official_code = _check_official(official_code, unlisted)
        unit.official_unlisted = bool(unit.official_code and unlisted)
    if predecessors is not None:
        unit.predecessor_codes = _check_predecessors(edition, unit.code, predecessors)
        what.append(_("predecessors: %(codes)s") % {"codes": ", ".join(unit.predecessor_codes) or "–"})
    with transaction.atomic():
        if block is not None and block.pk != unit.block_id:
            moved_set = block.criteria_set_id != unit.block.criteria_set_id
            what.append(_("moved to %(block)s") % {"block": block.name})
            unit.block = block
            if moved_set:  # another criteria set: the scores start again on its criteria
                Score.objects.filter(unit=unit).delete()
        unit.save()
        if not Score.objects.filter(unit=unit).exists():
            _give_scores(unit)
        record(edition, "units", user=user, unit_code=unit.code, remark="; ".join(str(w) for w in what))
    return unit


def remove_unit(*, unit, user=None):
    """Remove a unit of a draft, with its scores."""
    edition = unit.edition
    _check_draft(edition)
    with transaction.atomic():
        code, name = unit.code, unit.name
        Score.objects.filter(unit=unit).delete()
        unit.delete()
        record(edition, "units", user=user, unit_code=code, remark=_("removed: %(name)s") % {"name": name})


def merge_units(*, edition, block, code, name, predecessors, official_code="", unlisted=False, user=None):
    """Several old units become one new unit: the new unit, its predecessors recorded; the old units of this
    draft (carried over from last year) leave it. Return the new unit."""
    _check_draft(edition)
    olds = [p for p in predecessors if p]
    if len(olds) < 1:
        raise SetupRefused([("predecessors", _("Choose the units that are merged."))])
    with transaction.atomic():
        leaving = list(Unit.objects.filter(edition=edition, code__in=olds))
        for old in leaving:
            remove_unit(unit=old, user=user)
        return add_unit(edition=edition, block=block, code=code, name=name, official_code=official_code,
                        unlisted=unlisted, predecessors=olds, user=user)  # fmt: skip


def set_not_applicable(*, unit, criterion_codes, user=None):
    """Mark the criteria that do not apply to a unit (not assessed from the start: its maximum is lower)."""
    edition = unit.edition
    if edition.status not in (Status.DRAFT,):
        raise SetupRefused([("", _("What applies to a unit is set while the edition is a draft."))])
    codes = set(criterion_codes)
    with transaction.atomic():
        scores = list(Score.objects.filter(unit=unit).select_related("criterion"))
        unknown = codes - {s.criterion.code for s in scores}
        if unknown:
            raise SetupRefused([("criteria", _("Unknown criteria: %(codes)s") % {"codes": ", ".join(sorted(unknown))})])
        for score in scores:
            off = score.criterion.code in codes
            if score.not_assessed != off:
                Score.objects.filter(pk=score.pk).update(not_assessed=off, points=None if off else score.points)
        record(edition, "units", user=user, unit_code=unit.code,
               remark=_("not applicable: %(codes)s") % {"codes": ", ".join(sorted(codes)) or "–"})  # fmt: skip


def blocks_of(edition):
    return list(Block.objects.filter(edition=edition).select_related("criteria_set").order_by("position"))


def criteria_sets_of(edition):
    return list(CriteriaSet.objects.filter(edition=edition).order_by("position"))

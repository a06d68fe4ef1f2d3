"""Every write to an edition, one function for each kind, each with its audit record.

- `set_scores`: change scores, from a score sheet, an Excel upload, a survey or the start of
  appraisal. Every score changed gets a history record naming who changed it and how; changes
  made in bulk add a cycle event.
- `take_step`: move an edition one step along the cycle (`scoring.cycle`), recorded as an event.
- `publish`: the last step. Records the decision, freezes the results, counts the publication;
  `publish_period` the same for an index reported by period (its period and source, no decision).
  Only approved results are published, except through `historical=True`: the explicit, recorded
  path of a decision taken outside the portal (the seeds, earlier years, the `publish` command).
- `amend`: prepare the edition of an amending decision from a published one.
- `record_decision`: write an edition's decision (before it is published).
- `attach_evidence`: store a unit's evidence file with one of its scores (or with a dispute).
- `assign`: give a criteria group to an appraiser or an appraising department (`scoring.assignments`).

An import (`scoring.importing.import_edition`) creates a whole edition and records it the same
way: an event, and a history record of each score naming the person who imported it.
Views and commands call these functions and hold no rule of their own.
"""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from simple_history.utils import bulk_update_with_history

from scoring.assignments import Appraisal
from scoring.cycle import STEPS, RoleKind, Status
from scoring.exporting import edition_document
from scoring.files import PDF, detect_type
from scoring.importing import import_edition
from scoring.models import (
    Assignment,
    Decision,
    Dispute,
    Edition,
    EditionEvent,
    Evidence,
    PublicationCounter,
    Score,
    Unit,
)
from scoring.periods import PeriodRefused, check_period, period_label
from scoring.points import PointsRefused, format_vi, read_percent, read_points
from scoring.results import freeze_results
from scoring.signals import edition_published
from scoring.text import has_control, strip_control


class WriteRefused(Exception):
    """The write cannot be made as asked; the message says why, in the user's language."""


class StepRefused(WriteRefused):
    """The step of the cycle cannot be taken now."""


class PublishRefused(WriteRefused):
    """The edition cannot be published as asked; `field` names the part of the decision at fault, if one is."""

    def __init__(self, message, field=None):
        self.field = field
        super().__init__(message)


# Scores ---------------------------------------------------------------------------------------

SCORE_FIELDS = ("self_points", "points", "not_assessed", "note", "explanation")
WRITABLE = (*SCORE_FIELDS, "survey_percent")

# How a value was written, as the score history keeps it: a code (and a detail after ":"), shown
# in the reader's language by `reason_label`. Codes, not sentences, so that the trail reads the
# same in every language and the portal can recognise its own changes (the start of appraisal).
REASONS = {
    "sheet": gettext_lazy("score sheet"),
    "excel": gettext_lazy("Excel upload %(detail)s"),
    "survey": gettext_lazy("survey result, %(detail)s"),
    "appraisal-start": gettext_lazy("appraisal starts from the self-assessment"),
    "self-assessment-reopened": gettext_lazy("self-assessment reopened"),
    "import": gettext_lazy("imported from %(detail)s"),
    "amend": gettext_lazy("copied from %(detail)s to amend it"),
    "baseline": gettext_lazy("value before the first recorded change"),
    "draft-deleted": gettext_lazy("draft deleted"),
    "dispute": gettext_lazy("explanation accepted by %(detail)s"),
}


def reason(code, detail=""):
    """The history's record of how a value was written: `reason("excel", "diem.xlsx")`."""
    return f"{code}:{detail}" if detail else code


def reason_label(stored):
    """A history record's reason in the reader's language (older records kept their sentence)."""
    code, _colon, detail = (stored or "").partition(":")
    label = REASONS.get(code)
    if label is None:
        return stored or ""
    return str(label) % {"detail": detail} if "%(detail)s" in str(label) else str(label)


@dataclass
class ScoreChange:
    """New values for some of a score's fields; `based_on` is the version they were typed over (None: no check)."""

    score: Score
    values: dict
    based_on: int | None = None


@dataclass
class Conflict:
    """A value someone else saved meanwhile (`theirs`) over the one being saved (`yours`)."""

    score: Score
    attribute: str
    theirs: object
    yours: object
    by: object = None  # who saved theirs, when the history knows

    LABELS = {
        "self_points": gettext_lazy("self-assessed score"),
        "points": gettext_lazy("appraised score"),
        "not_assessed": gettext_lazy("not assessed"),
        "note": gettext_lazy("appraisal remark"),
        "explanation": gettext_lazy("explanation"),
        "survey_percent": gettext_lazy("survey result (%)"),
    }

    @property
    def label(self):
        return self.LABELS[self.attribute]

    @property
    def theirs_text(self):
        return show_value(self.theirs)

    @property
    def yours_text(self):
        return show_value(self.yours)


def show_value(value):
    """A score's value as a page writes it: 4,5 · – · có/không · the text."""
    if value is None or value == "":
        return "–"
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if hasattr(value, "as_tuple"):
        return format_vi(value)
    return str(value)


class StaleScores(WriteRefused):
    """Someone saved newer values of scores being changed; nothing was saved. `conflicts` lists them."""

    def __init__(self, conflicts):
        self.conflicts = list(conflicts)
        super().__init__(_("Someone changed these scores meanwhile; nothing was saved."))


APPRAISAL_FIELDS = ("points", "not_assessed", "note")


def set_scores(*, edition, changes, user, reason, event="", remark="", roles=None):
    """Write score changes in one transaction, each in the audit trail; return how many scores changed.

    Values equal to the stored ones are left alone (saving twice is not a conflict). A change
    typed over an older version of a score than the stored one is refused with `StaleScores`,
    and then nothing is saved. A criterion that is not assessed has no points. Every value is
    checked against the rules on points (`scoring.points.read_points`), whoever sends it.
    `reason` is written in the score history (`reason("excel", "diem.xlsx")`); `event`, for a
    bulk change, is the cycle event recorded with it ("excel", "survey").
    `roles`, for a person's appraisal (a sheet, an upload, a survey, a dispute): every appraised value
    changed must be theirs to appraise (`scoring.assignments`), or nothing is saved.
    """
    changes = [change for change in changes if change.values]
    with transaction.atomic():
        locked = {
            score.pk: score
            for score in Score.objects.select_for_update()
            .select_related("criterion", "unit")
            .filter(unit__edition=edition, pk__in=[change.score.pk for change in changes])
        }
        conflicts, changed, fields, appraised = [], [], set(), []
        for change in changes:
            score = locked[change.score.pk]
            values = {
                attribute: _checked(score, attribute, value)
                for attribute, value in change.values.items()
                if _stored(score, attribute) != _normal(attribute, value)
            }
            if not values:
                continue
            if change.based_on is not None and score.version != change.based_on:
                conflicts += [Conflict(score, a, _stored(score, a), v) for a, v in values.items()]
                continue
            if set(values) & set(APPRAISAL_FIELDS):
                appraised.append(score)
            for attribute, value in values.items():
                setattr(score, attribute, _normal(attribute, value))
                fields.add(attribute)
            if score.not_assessed and score.points is not None:
                score.points = None
                fields.add("points")
            if score.not_assessed and "self_points" in values and score.self_points is not None:
                raise WriteRefused(
                    _("%(code)s is not assessed for this unit: it takes no self-assessed score.")
                    % {"code": score.criterion.code}
                )
            score.version += 1
            changed.append(score)
        if conflicts:
            _name_authors(conflicts)
            raise StaleScores(conflicts)
        if roles is not None and appraised:
            _check_assigned(edition, appraised, user, roles)
        if changed:
            _baseline(changed)
            bulk_update_with_history(
                changed, Score, [*sorted(fields), "version"], batch_size=1000, default_user=user,
                default_change_reason=str(reason),
            )  # fmt: skip
        if event:
            record(edition, event, user=user, remark=remark)
    return len(changed)


def _check_assigned(edition, scores, user, roles):
    """Refuse, naming them, the appraised values this person may not set (not assigned to them, or their own unit)."""
    if roles.superuser:
        return
    appraisal = Appraisal(edition)
    refused = [
        f"{score.unit.code} {score.criterion.code}"
        for score in scores
        if not appraisal.may_appraise(user, roles, score.unit.code, score.criterion)
    ]
    if refused:
        raise WriteRefused(
            _("You may not appraise %(cells)s: the criterion is not assigned to you, or you report for the unit.")
            % {"cells": ", ".join(sorted(refused)[:20]) + (" …" if len(refused) > 20 else "")}
        )


def _stored(score, attribute):
    return getattr(score, attribute)


def _normal(attribute, value):
    """A value as it is stored: text fields hold "" rather than None."""
    if attribute in ("note", "explanation"):
        return value or ""
    if attribute == "not_assessed":
        return bool(value)
    return value


def _checked(score, attribute, value):
    """Refuse a value no entry may give: points against the criterion's rules, text with control characters."""
    if attribute not in WRITABLE:
        raise WriteRefused(f"{attribute}?")
    if attribute == "survey_percent" and value is not None:
        try:
            read_percent(value)
        except PointsRefused as refused:
            raise WriteRefused(f"{score.criterion.code}: {refused.message}") from None
    if attribute in ("points", "self_points") and value is not None:
        try:
            read_points(value, maximum=score.criterion.max_points)
        except PointsRefused as refused:
            raise WriteRefused(f"{score.criterion.code}: {refused.message}") from None
    if attribute in ("note", "explanation") and (has_control(value or "") or len(value or "") > 5000):
        raise WriteRefused(_("The text may not hold control characters or more than 5000 characters."))
    return value


def _baseline(scores):
    """Record the values, as they are, of scores whose history is empty (written before the trail began).

    Such records name nobody: who gave those values is not known.
    """
    known = set(Score.history.filter(id__in=[s.pk for s in scores]).order_by().values_list("id", flat=True).distinct())
    fresh = [s.pk for s in scores if s.pk not in known]
    if fresh:
        Score.objects.filter(pk__in=fresh).record_history("+", reason("baseline"), user=None)


def _name_authors(conflicts):
    """Say who saved the newer values (the latest history record of each score). One query."""
    latest = {}
    for record in (
        Score.history.filter(id__in={c.score.pk for c in conflicts})
        .select_related("history_user")
        .order_by("id", "-history_date", "-history_id")
    ):
        latest.setdefault(record.id, record.history_user)
    for conflict in conflicts:
        conflict.by = latest.get(conflict.score.pk)


# The cycle ------------------------------------------------------------------------------------


def record(edition, action, *, user=None, source="", target="", remark="", unit_code=""):
    """Add an event to the edition's trail."""
    return EditionEvent.objects.create(
        edition=edition,
        action=action,
        from_status=source,
        to_status=target,
        user=user if user is not None and user.is_authenticated else None,
        remark=remark,
        unit_code=unit_code,
    )


def take_step(*, edition, action, user, roles, remark=""):
    """Move the edition one step along the cycle; return it. Raise StepRefused when not allowed now.

    `roles` are the user's in the edition's authority (anything with `has(kind)`; `ANYONE` for
    commands and demo data): the step's role must be among them. Publishing has its own
    function, `publish`.
    """
    step = STEPS.get(action)
    if step is None or step.own_page:
        raise StepRefused(_("Unknown step."))
    if not roles.has(step.role):
        raise StepRefused(_("Only the %(role)s may do this.") % {"role": RoleKind(step.role).label})
    if step.needs_remark and not remark.strip():
        raise StepRefused(_("Say why."))
    if has_control(remark) or len(remark) > 5000:
        raise StepRefused(_("The reason may not hold control characters or more than 5000 characters."))
    with transaction.atomic():
        edition = Edition.objects.select_for_update().get(pk=edition.pk)
        _check_status(edition, step.source)
        if action == "start_appraisal":
            _appraisal_starts_from_self_assessment(edition, user)
        elif action == "reopen_self_assessment":
            _self_assessment_reopens(edition, user)
        elif action == "approve_after_explanation":
            open_disputes = Dispute.objects.filter(score__unit__edition=edition, status=Dispute.Status.OPEN).count()
            if open_disputes:
                raise StepRefused(
                    _("%(n)s disputes are still open: the appraisers decide them before approval.")
                    % {"n": open_disputes}
                )
        edition.status = step.target
        edition.save(update_fields=["status", "updated_at"])
        record(edition, action, user=user, source=step.source, target=step.target, remark=remark.strip())
    return edition


def _check_status(edition, needed):
    if edition.status != needed:
        raise StepRefused(
            _("The edition is at the step “%(now)s”, not “%(needed)s”.")
            % {"now": edition.get_status_display(), "needed": Status(needed).label}
        )


def _appraisal_starts_from_self_assessment(edition, user):
    """Each self-assessed score becomes the appraised one (nobody could appraise during self-assessment).

    Where a unit gave no self-score, the appraised score stays as it was (imported, say).
    """
    scores = (
        Score.objects.filter(unit__edition=edition, not_assessed=False, self_points__isnull=False)
        .exclude(points=F("self_points"))
        .only("pk", "self_points", "points", "version")
    )
    set_scores(
        edition=edition,
        changes=[ScoreChange(score, {"points": score.self_points}) for score in scores],
        user=user,
        reason=reason("appraisal-start"),
    )


def _self_assessment_reopens(edition, user):
    """Undo the start of appraisal: the appraised scores go back to what they were before it.

    Refused once anything was written after appraisal started (appraisal has begun then): the
    history would otherwise hold changes made on values that are taken back.
    """
    started = EditionEvent.trail_of(edition).filter(action="start_appraisal").order_by("-at", "-pk").first()
    scores = Score.history.filter(unit__edition=edition)
    if started is None or scores.filter(history_date__gt=started.at).exists():
        raise StepRefused(
            _("Appraisal has begun (scores were changed since it started): self-assessment stays closed.")
        )
    copied = set(
        scores.filter(history_change_reason=reason("appraisal-start"), history_date__lte=started.at).values_list(
            "id", flat=True
        )
    )
    last, before = {}, {}  # each copied score's points just before its latest copy
    for record in scores.filter(id__in=copied).order_by("history_date", "history_id"):
        if record.history_change_reason == reason("appraisal-start"):
            before[record.id] = last.get(record.id)
        last[record.id] = record.points
    set_scores(
        edition=edition,
        changes=[ScoreChange(score, {"points": before.get(score.pk)}) for score in Score.objects.filter(pk__in=copied)],
        user=user,
        reason=reason("self-assessment-reopened"),
    )


# Decisions and publication ---------------------------------------------------------------------


def record_decision(*, edition, number=None, date=None, signer=None, title=None, signed_pdf=None):
    """Write the edition's decision (what is given; the rest as recorded before); return it unsaved if incomplete.

    Refused (FrozenEditionError) once the edition is published. The signed PDF must be a PDF.
    """
    decision = Decision.objects.filter(edition=edition).first() or Decision(edition=edition)
    for name, value in (("number", number), ("signer", signer), ("title", title)):
        if value is not None:
            setattr(decision, name, strip_control(value).strip())
    if date is not None:
        decision.date = date
    if signed_pdf:
        _require_pdf(signed_pdf)
        decision.signed_pdf.save("decision.pdf", signed_pdf, save=False)
    if decision.number and decision.date:
        decision.save()
    return decision


def _require_pdf(upload):
    try:
        mime, _extension = detect_type(upload)
    except ValidationError:
        mime = None
    if mime != PDF:
        raise PublishRefused(_("The signed decision must be a PDF file."), field="signed_pdf")


def publish(*, edition, user=None, number=None, date=None, signer=None, title=None, signed_pdf=None,
            historical=False):  # fmt: skip
    """Publish `edition` by its decision; return it. From then on its figures are frozen.

    The decision is the one recorded earlier, completed by what is given. Only approved results
    are published; `historical=True` publishes whatever the step, as the record of a decision
    taken outside the portal, and says so in the trail. The results are computed and frozen, the
    edition marked published and the publication counted in one transaction; the public side
    hears of it through the `edition_published` signal. An index reported by period is published
    by `publish_period` instead.
    """
    with transaction.atomic():
        edition = _to_publish(edition, historical)
        if edition.index.periodic:
            raise PublishRefused(_("%(index)s is published by period, with its source, not by a decision.")
                                 % {"index": edition.index.display_name}, field="number")  # fmt: skip
        decision = record_decision(
            edition=edition, number=number, date=date, signer=signer, title=title, signed_pdf=signed_pdf
        )
        if not decision.number:
            raise PublishRefused(_("the decision needs a number, e.g. 2649/QĐ-UBND"), field="number")
        if not decision.date:
            raise PublishRefused(_("the decision needs a date"), field="date")
        _publish_now(edition, user, historical, remark=decision.number)
    return edition


def publish_period(*, edition, start, end, source, as_of=None, user=None, historical=False, **decision):
    """Publish an edition of an index reported by period (`scoring.periods`): its period, the date its figures are
    as of and their source stand where a decision would. Frozen like any published edition. Decision fields
    (`number`, `date`, `signer` …) are refused: such an index has none."""
    given = sorted(key for key, value in decision.items() if value)
    if given:
        raise PublishRefused(_("An index published by period has no decision: leave out %(fields)s.")
                             % {"fields": ", ".join(given)}, field=given[0])  # fmt: skip
    with transaction.atomic():
        edition = _to_publish(edition, historical)
        try:
            start, end, as_of, source = check_period(edition, start=start, end=end, as_of=as_of, source=source)
        except PeriodRefused as refused:
            raise PublishRefused(str(refused), field=refused.field) from None
        edition.period_start, edition.period_end, edition.as_of, edition.source = start, end, as_of, source
        edition.period = edition.period or period_label(start, end)
        edition.save(update_fields=["period_start", "period_end", "as_of", "source", "period", "updated_at"])
        _publish_now(edition, user, historical, remark=f"{edition.period} · {source}")
    return edition


def _to_publish(edition, historical):
    """The edition, locked, once it may be published."""
    edition = Edition.objects.select_for_update().select_related("authority", "index").get(pk=edition.pk)
    if edition.is_published:
        raise PublishRefused(_("edition “%(slug)s” is already published") % {"slug": edition.slug})
    if not historical and edition.status != Status.APPROVED:
        raise PublishRefused(
            _("Only approved results can be published: the edition is at the step “%(now)s”.")
            % {"now": edition.get_status_display()}
        )
    return edition


def _publish_now(edition, user, historical, *, remark):
    before = edition.status
    freeze_results(edition)
    edition.status = Status.PUBLISHED
    edition.published_at = timezone.now()
    edition.save(update_fields=["status", "published_at", "updated_at"])
    PublicationCounter.move()
    record(
        edition, "publish_decided" if historical else "publish", user=user, source=before,
        target=Status.PUBLISHED, remark=remark,
    )  # fmt: skip
    edition_published.send(sender=Edition, edition=edition)


def amend(*, edition, user=None):
    """Prepare the edition of a decision amending the published `edition`; return the new draft.

    A copy of the edition's data, in appraisal, titled as the n-th amendment and marked as
    superseding it once it is published. The units' work comes along: self-assessed scores,
    remarks, explanations and evidence files; each copied score's history says where it came from,
    and the original's history stays on the original.
    """
    if not edition.is_published:
        raise WriteRefused(_("Only a published decision can be amended."))
    if Edition.objects.filter(supersedes=edition).exclude(status=Status.PUBLISHED).exists():
        raise WriteRefused(_("An amending edition is already being prepared."))
    document = edition_document(edition)
    number = Edition.objects.filter(supersedes=edition).count() + 1
    document["slug"] = f"{edition.slug}-sua-doi-{number}"[:100]
    document["title"] = (_("%(title)s (amendment %(n)s)") % {"title": edition.title, "n": number})[:500]
    document.pop("decision", None)
    with transaction.atomic():
        copy = import_edition(document=document, user=user, event="", reason=reason("amend", edition.slug))
        Edition.objects.filter(pk=copy.pk).update(supersedes=edition, status=Status.APPRAISAL)
        copy.refresh_from_db()
        _carry_the_units_work(edition, copy, user)
        record(
            copy, "amend", user=user, target=Status.APPRAISAL, remark=_("corrects %(slug)s") % {"slug": edition.slug}
        )
    return copy


def _carry_the_units_work(original, copy, user):
    """Give the amendment's scores the explanations and evidence files of the original's (same unit and criterion)."""

    def key(score):
        return score.unit.code, score.criterion.code

    originals = {
        key(score): score
        for score in Score.objects.filter(unit__edition=original)
        .select_related("unit", "criterion")
        .prefetch_related("evidence")
    }
    copies = list(Score.objects.filter(unit__edition=copy).select_related("unit", "criterion"))
    set_scores(
        edition=copy,
        changes=[
            ScoreChange(score, {"explanation": originals[key(score)].explanation})
            for score in copies
            if key(score) in originals and originals[key(score)].explanation
        ],
        user=user,
        reason=reason("amend", original.slug),
    )
    Evidence.objects.bulk_create(
        [
            Evidence(
                score=score,
                file=item.file.name,
                original_name=item.original_name,
                content_type=item.content_type,
                size=item.size,
                uploaded_by_id=item.uploaded_by_id,
            )
            for score in copies
            if key(score) in originals
            for item in originals[key(score)].evidence.all()
        ]
    )


# Evidence -------------------------------------------------------------------------------------


def attach_evidence(*, score, upload, user, dispute=None):
    """Check and store an evidence file for a score; return the Evidence. Raise ValidationError.

    The record and the file are written together: if storing fails, no record is left.
    """
    mime, extension = detect_type(upload)
    name = strip_control((upload.name or "tai-lieu").replace("\\", "/").rsplit("/", 1)[-1])[:200] or "tai-lieu"
    with transaction.atomic():
        evidence = Evidence(score=score, dispute=dispute, original_name=name, content_type=mime, size=upload.size,
                            uploaded_by=user)  # fmt: skip
        evidence.file.save(f"file.{extension}", upload, save=False)
        try:
            evidence.save()
        except Exception:
            evidence.file.delete(save=False)
            raise
    return evidence


def remove_evidence(*, evidence, user):
    """Remove an evidence file from its score, recorded in the edition's trail.

    The stored file is deleted unless another record still uses it (an amendment shares the
    original's files).
    """
    score = evidence.score
    edition = score.unit.edition
    if edition.is_published:
        raise WriteRefused(_("The results are published: their evidence stays as it was."))
    name = evidence.file.name
    with transaction.atomic():
        Evidence.objects.filter(pk=evidence.pk).delete()
        record(
            edition, "evidence_removed", user=user, unit_code=score.unit.code,
            remark=f"{score.criterion.code}: {evidence.original_name}",
        )  # fmt: skip
        if not Evidence.objects.filter(file=name).exists():
            transaction.on_commit(lambda: evidence.file.storage.delete(name))


# Assignments ----------------------------------------------------------------------------------


class AssignmentRefused(WriteRefused):
    """The assignment cannot be made as asked; the message says why."""


def assign(*, edition, criterion, user, appraiser=None, department=None, appraisers=()):
    """Give a criterion (a group) to an appraiser (a user among `appraisers`, the authority's) or to a department
    (a unit of the edition); neither: take the assignment back. Recorded in the trail."""
    if edition.is_published:
        raise AssignmentRefused(_("The results are published: nothing is assigned any more."))
    if criterion.criteria_set.edition_id != edition.pk:
        raise AssignmentRefused(_("This criterion is not of this edition."))
    if appraiser is not None and department is not None:
        raise AssignmentRefused(_("Assign a group to one appraiser or to one department, not both."))
    if appraiser is not None and appraiser.pk not in {a.pk for a in appraisers}:
        raise AssignmentRefused(
            _("%(name)s is not an appraiser of this authority.") % {"name": appraiser.get_full_name() or appraiser}
        )
    if department is not None and not Unit.objects.filter(pk=department.pk, edition=edition).exists():
        raise AssignmentRefused(_("The appraising department must be a unit of this edition."))
    with transaction.atomic():
        if appraiser is None and department is None:
            removed, _detail = Assignment.objects.filter(criterion=criterion).delete()
            if removed:
                record(edition, "assignments", user=user, remark=f"{criterion.code}: –")
            return None
        assignment, _created = Assignment.objects.update_or_create(
            criterion=criterion, defaults={"appraiser": appraiser, "department": department, "assigned_by": user}
        )
        who = department.code if department is not None else appraiser.get_username()
        record(edition, "assignments", user=user, remark=f"{criterion.code}: {who}")
    return assignment

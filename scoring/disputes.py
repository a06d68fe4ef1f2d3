"""The explanation round (giải trình): the appraised results are released to the units; a unit disputes, criterion by
criterion, a score the appraisal changed, with a text and files; the criterion's appraiser (`scoring.assignments`)
accepts (with the new score) or rejects (with a reason).
Open disputes block approval (`scoring.writes.take_step`). Every step is in the trail.
"""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from scoring.assignments import Appraisal
from scoring.cycle import Status
from scoring.files import detect_type
from scoring.models import Dispute, Edition, Score
from scoring.points import PointsRefused, format_vi, read_points
from scoring.text import has_control
from scoring.writes import ScoreChange, WriteRefused, attach_evidence, reason, record, set_scores


class DisputeRefused(WriteRefused):
    """Refused, nothing saved; the message says why."""


def changed_scores(unit):
    """The unit's scores that the appraisal changed (appraised differs from self-assessed), in the order of the tree."""
    return [
        score
        for score in Score.objects.filter(unit=unit, not_assessed=False)
        .select_related("criterion")
        .order_by("criterion__position")
        if score.self_points is not None and score.points != score.self_points
    ]


def open_dispute(*, score, user, roles, text, files=(), deadline=None, today=None):
    """The unit disputes an appraised score, with a text and evidence `files` (uploads); return the Dispute.
    A file that is not a document the portal takes refuses the whole dispute: nothing is saved."""
    unit = score.unit
    edition = Edition.objects.get(pk=unit.edition_id)
    today = today or datetime.date.today()
    if edition.status != Status.EXPLANATION:
        raise DisputeRefused(_("The explanation round is not open."))
    if not roles.reports_for(unit.code):
        raise DisputeRefused(_("Only the unit's reporters explain or dispute its scores."))
    if deadline is not None and today > deadline:
        raise DisputeRefused(_("The explanation round closed on %(date)s.") % {"date": deadline.strftime("%d/%m/%Y")})
    if score.self_points is None or score.points == score.self_points or score.not_assessed:
        raise DisputeRefused(_("Criterion %(code)s was not changed by the appraisal: there is nothing to dispute.")
                             % {"code": score.criterion.code})  # fmt: skip
    text = (text or "").strip()
    if not text or has_control(text) or len(text) > 5000:
        raise DisputeRefused(_("Explain why the score should change (5,000 characters at most)."))
    for upload in files:
        try:
            detect_type(upload)
        except ValidationError as invalid:
            raise DisputeRefused(f"{upload.name}: {' '.join(invalid.messages)}") from None
    with transaction.atomic():
        if Dispute.objects.filter(score=score).exists():
            raise DisputeRefused(_("Criterion %(code)s is disputed already.") % {"code": score.criterion.code})
        dispute = Dispute.objects.create(score=score, text=text, appraised=score.points, raised_by=user)
        for upload in files:
            attach_evidence(score=score, upload=upload, user=user, dispute=dispute)
        record(edition, "dispute", user=user, unit_code=unit.code, remark=f"{score.criterion.code}: {text[:200]}")
    return dispute


def decide_dispute(*, dispute, user, roles, accept, points="", why=""):
    """An appraiser accepts the dispute with the new score, or rejects it with a reason. The second of two appraisers
    deciding at once is refused and told the first's decision."""
    score = dispute.score
    unit = score.unit
    edition = Edition.objects.get(pk=unit.edition_id)
    if not Appraisal(edition).may_appraise(user, roles, unit.code, score.criterion):
        raise DisputeRefused(_("Only the appraiser of criterion %(code)s decides this dispute.")
                             % {"code": score.criterion.code})  # fmt: skip
    if edition.status != Status.EXPLANATION:
        raise DisputeRefused(_("The explanation round is not open."))
    why = (why or "").strip()
    new_points = None
    if accept:
        try:
            new_points = read_points(points, maximum=score.criterion.max_points)
        except PointsRefused as refused:
            raise DisputeRefused(str(refused)) from None
    elif not why:
        raise DisputeRefused(_("Say why the dispute is rejected: the unit reads it."))
    with transaction.atomic():
        decided = Dispute.objects.filter(pk=dispute.pk, status=Dispute.Status.OPEN).update(
            status=Dispute.Status.ACCEPTED if accept else Dispute.Status.REJECTED,
            new_points=new_points, reason=why, decided_by=user, decided_at=timezone.now(),
        )  # fmt: skip
        if not decided:
            first = Dispute.objects.select_related("decided_by").get(pk=dispute.pk)
            raise DisputeRefused(_("Decided meanwhile by %(who)s: %(what)s.") % {
                "who": first.decided_by.get_full_name() or first.decided_by.username if first.decided_by else "?",
                "what": first.get_status_display() + (f", {format_vi(first.new_points)}" if first.new_points is not None
                                                      else f": {first.reason}")})  # fmt: skip
        if accept:
            set_scores(edition=edition, changes=[ScoreChange(score, {"points": new_points})], user=user,
                       reason=reason("dispute", user.get_username() if user else ""), roles=roles)  # fmt: skip
        record(edition, "dispute_decided", user=user, unit_code=unit.code,
               remark=f"{score.criterion.code}: " + (f"{format_vi(dispute.appraised)} → {format_vi(new_points)}"
                                                     if accept else why))  # fmt: skip
    return Dispute.objects.get(pk=dispute.pk)

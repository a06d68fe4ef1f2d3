"""Telling people what they have to do, once: when a step opens for them, three days and one day before its deadline.

`send_reminders()` (the `send_reminders` command, safe to run every hour from cron) works out who
still has something to do at each open step, records one `Notification` per person and notice (a
unique key: a notice is never made twice), then e-mails those not sent yet. A mail server that is
down leaves them unsent, logged; the next run sends them. Nothing here changes an edition.

Who has something to do: in self-assessment, the reporters of the units that have not entered every
criterion that applies; in appraisal, the appraisers while any unit is not fully appraised. The
reporters are also told when the appraised results are released (the explanation round), and who
raised a dispute when it is decided.
"""

import datetime
import logging

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from scoring.models import Dispute, Edition, EditionEvent, Unit
from scoring.progress import Progress, progress_of
from workspace.models import Deadline, Notification, Role

logger = logging.getLogger(__name__)

STEPS = {
    Edition.Status.SELF_ASSESSMENT: ("open_self_assessment", Role.Kind.REPORTER),
    Edition.Status.APPRAISAL: ("start_appraisal", Role.Kind.APPRAISER),
}
BEFORE = (3, 1)  # days before a deadline that a reminder goes out
BATCH = 100  # e-mails sent over one connection before their notices are marked sent
RECENT_DAYS = 7  # disputes decided within this many days are told (runs are hourly: this is ample)


def _who(edition, kind):
    """{user id: [what they still have to do]} in the edition's current step."""
    progress = progress_of(edition)
    units = list(Unit.objects.filter(edition=edition).order_by("position"))
    roles = Role.objects.filter(authority_id=edition.authority_id, kind=kind).values_list("user_id", "unit_code")
    todo = {}
    if kind == Role.Kind.REPORTER:
        behind = {u.code: u for u in units if not progress.get(u.pk, Progress()).self_assessed}
        for user_id, code in roles:
            if code in behind:
                todo.setdefault(user_id, []).append(behind[code].name)
    else:
        behind = [u for u in units if not progress.get(u.pk, Progress()).fully_appraised]
        if behind:
            for user_id, _code in roles:
                todo[user_id] = [u.name for u in behind[:10]] + (
                    [f"… (+{len(behind) - 10})"] if len(behind) > 10 else []
                )
    return todo


def plan(today=None):
    """Record the notices due now (each at most once); return how many were recorded."""
    today = today or timezone.localdate()
    made = 0
    deadlines = {(d.edition_id, d.status): d.due for d in Deadline.objects.all()}
    editions = Edition.objects.filter(status__in=list(STEPS)).select_related("authority")
    for edition in editions:
        action, kind = STEPS[edition.status]
        opened = EditionEvent.objects.filter(edition=edition, edition_slug=edition.slug, action=action).order_by(
            "-at").first()  # fmt: skip
        todo = _who(edition, kind)
        if not todo:
            continue
        due = deadlines.get((edition.pk, edition.status))
        notices = []
        if opened is not None:
            notices.append((f"open:{edition.pk}:{opened.pk}", _step_opened(edition, due)))
        if due is not None and today <= due:
            # the nearest reminder only: a first run on the eve sends "one day", not "three days" as well
            days = next((d for d in sorted(BEFORE) if today >= due - datetime.timedelta(days=d)), None)
            if days is not None:
                notices.append((f"due{days}:{edition.pk}:{edition.status}:{due.isoformat()}",
                                _deadline_coming(edition, due, days)))  # fmt: skip
        link = reverse("workspace:edition", args=[edition.slug])
        keys = [key for key, _text in notices]
        known = set(Notification.objects.filter(edition=edition, key__in=keys).values_list("user_id", "key"))
        new = [
            Notification(user_id=user_id, edition=edition, key=key, subject=subject[:300], link=link,
                         body=body + "\n\n" + "\n".join(f"- {item}" for item in items))
            for user_id, items in todo.items()
            for key, (subject, body) in notices
            if (user_id, key) not in known
        ]  # fmt: skip
        # A run started meanwhile may have made some: the unique key keeps each notice once.
        Notification.objects.bulk_create(new, ignore_conflicts=True, batch_size=500)
        made += len(new)
    return made + _released_and_decided()


def _released_and_decided():
    """Notices of results released to the units (their reporters) and of disputes decided (who raised them)."""
    made = 0
    new = []
    for event in EditionEvent.objects.filter(action="release_results", edition__status=Edition.Status.EXPLANATION):
        edition = Edition.objects.get(pk=event.edition_id)
        with override("vi"):
            subject = _("Appraised results released: %(title)s") % {"title": edition.title}
            body = _("The appraised results can be read on each unit's page; a score the appraisal changed can be "
                     "explained or disputed until the round closes.")  # fmt: skip
        for user_id, code in Role.objects.filter(authority_id=edition.authority_id, kind=Role.Kind.REPORTER
                                                 ).values_list("user_id", "unit_code"):  # fmt: skip
            link = reverse("workspace:explanation", args=[edition.slug, code])
            new.append(Notification(user_id=user_id, edition=edition, key=f"released:{event.pk}:{code}",
                                    subject=subject[:300], body=body, link=link))  # fmt: skip
    recent = timezone.now() - datetime.timedelta(days=RECENT_DAYS)  # not the whole history at every run
    for dispute in (
        Dispute.objects.exclude(status=Dispute.Status.OPEN)
        .exclude(raised_by=None)
        .filter(decided_at__gte=recent)
        .select_related("score__unit__edition", "score__criterion")
    ):
        unit = dispute.score.unit
        with override("vi"):
            subject = _("Your explanation on %(code)s was decided: %(what)s") % {
                "code": dispute.score.criterion.code, "what": dispute.get_status_display()}  # fmt: skip
        body = dispute.reason or ""
        link = reverse("workspace:explanation", args=[unit.edition.slug, unit.code])
        new.append(Notification(user_id=dispute.raised_by_id, edition=unit.edition, key=f"decided:{dispute.pk}",
                                subject=subject[:300], body=body, link=link))  # fmt: skip
    if new:
        known = set(Notification.objects.filter(key__in=[n.key for n in new]).values_list("user_id", "key"))
        fresh = [n for n in new if (n.user_id, n.key) not in known]
        Notification.objects.bulk_create(fresh, ignore_conflicts=True, batch_size=500)
        made = len(fresh)
    return made


def _step_opened(edition, due):
    with override("vi"):
        subject = _("%(step)s has opened: %(title)s") % {"step": edition.get_status_display(), "title": edition.title}
        body = subject + "."
        if due is not None:
            body += " " + _("Deadline: %(date)s.") % {"date": due.strftime("%d/%m/%Y")}
    return subject, body


def _deadline_coming(edition, due, days):
    with override("vi"):
        subject = _("%(n)s day(s) to the deadline of %(date)s: %(title)s") % {
            "n": days, "date": due.strftime("%d/%m/%Y"), "title": edition.title}  # fmt: skip
        body = _("%(step)s ends on %(date)s; this is still to be done:") % {
            "step": edition.get_status_display(), "date": due.strftime("%d/%m/%Y")}  # fmt: skip
    return subject, body


def deliver():
    """E-mail the notices not sent yet; return (sent, failed). A failure is logged and tried again next run."""
    sent = failed = 0
    pending = list(Notification.objects.filter(sent_at__isnull=True).select_related("user").order_by("pk"))
    Notification.objects.filter(pk__in=[n.pk for n in pending if not n.user.email]).update(sent_at=timezone.now())
    pending = [n for n in pending if n.user.email]  # without an address: shown in the workspace only
    connection = None
    for start in range(0, len(pending), BATCH):
        batch = pending[start : start + BATCH]
        messages = [
            EmailMessage(n.subject, f"{n.body}\n\n{settings.SITE_URL}{n.link}", None, [n.user.email]) for n in batch
        ]
        try:
            connection = connection or get_connection()
            connection.send_messages(messages)
        except Exception:  # a mail server down or refusing: the next run tries again
            logger.warning("%s reminders not sent", len(batch), exc_info=True)
            failed += len(batch)
            connection = None
            continue
        Notification.objects.filter(pk__in=[n.pk for n in batch]).update(sent_at=timezone.now())
        sent += len(batch)
    return sent, failed


def send_reminders(today=None):
    """Plan and deliver; return (recorded, sent, failed)."""
    made = plan(today)
    sent, failed = deliver()
    return made, sent, failed

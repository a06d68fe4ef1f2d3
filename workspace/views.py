"""The staff workspace: the cycle of an edition, score sheets, evidence, Excel, surveys, publishing.

Views are thin: they load through `workspace.access` (404 outside one's authority, 403 without
the role), validate with `workspace.forms`, and write through the domain (`scoring.writes`),
which holds every rule of what may change and records it. Pages that show a form the user may
not use say why instead.
"""

import contextlib
import functools
import time
import uuid
from decimal import Decimal
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.core.files import File
from django.core.files.storage import default_storage
from django.db.models import Q
from django.http import FileResponse, Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from scoring import cycle, disputes, submissions, writes
from scoring.assignments import Appraisal
from scoring.documents import EditionInvalid
from scoring.files import PDF, detect_type
from scoring.importing import import_edition
from scoring.models import Block, CriteriaSet, Criterion, Dispute, Edition, EditionEvent, Evidence, Score, Unit
from scoring.points import format_vi, points_from_percent
from scoring.progress import Progress, missing_evidence, progress_of
from scoring.results import compute_results
from scoring.tables import ranking_table
from scoring.text import strip_control
from workspace import excel, throttle
from workspace.access import authority_ids_of, require, roles_in, staff_edition, staff_unit
from workspace.decision_docx import decision_docx
from workspace.forms import FileForm, PeriodPublishForm, PublishForm, survey_form
from workspace.history import unit_history
from workspace.models import Deadline, Role
from workspace.scoresheet import ScoreSheetForm, criteria_rows, save_scoresheet
from workspace.sheetrows import rows_html
from workspace.tasks import consequences, tasks_for

MB = 1024 * 1024
IMPORT_MAX_BYTES = 50 * MB


def _posted(request):
    """(data, files) of a POST, even an empty one, else (None, None): a form is bound only when posted."""
    if request.method == "POST":
        return request.POST, request.FILES
    return None, None


def staff_view(view):
    """Logged-in staff only; never cached; each visit renews the session (it ends after a time idle).

    A form sent after the session ended goes to the login page, which says so; what was typed
    on a score sheet is kept in the browser and comes back with the sheet (static/js/workspace.js).
    """

    @functools.wraps(view)
    def wrapped(request, *args, **kwargs):
        if not request.user.is_authenticated:
            query = urlencode(
                {"next": request.get_full_path(), **({"het-han": "1"} if request.method == "POST" else {})}
            )
            return redirect(f"{reverse(settings.LOGIN_URL)}?{query}")
        _renew(request.session)
        return view(request, *args, **kwargs)

    return never_cache(wrapped)


RENEWED = "renewed"  # when the session's idle time last started again (seconds since the epoch)


def _renew(session):
    """Start the session's idle time again: at most once a minute, so that pages do not each write it."""
    now = int(time.time())
    if now - session.get(RENEWED, 0) >= 60:
        session[RENEWED] = now


def accepts_body(limit):
    """Let a view take a body of up to `limit` bytes (or `limit(request)`); see RequestBodyLimitMiddleware."""

    def decorate(view):
        view.max_body_bytes = limit
        return view

    return decorate


class LoginView(auth_views.LoginView):
    """Django's login, with the slowdown of a user name tried too often (`workspace.throttle`)."""

    template_name = "workspace/login.html"

    def get_context_data(self, **kwargs):
        # Sent here by a form posted after the session ended (see staff_view).
        return {**super().get_context_data(**kwargs), "expired": "het-han" in self.request.GET}

    def post(self, request, *args, **kwargs):
        wait = throttle.wait_seconds(request.POST.get("username", ""))
        if wait:
            form = self.get_form()
            form.add_error(
                None,
                _("This user name was given a wrong password several times. Wait %(n)s seconds, then try again.")
                % {"n": wait},
            )
            response = self.render_to_response(self.get_context_data(form=form), status=429)
            response["Retry-After"] = str(wait)
            return response
        return super().post(request, *args, **kwargs)

    def form_valid(self, form):
        throttle.clear(form.get_user().get_username())
        return super().form_valid(form)

    def form_invalid(self, form):
        if form.has_error(NON_FIELD_ERRORS, "invalid_login"):
            throttle.record_failure(form.data.get("username", ""))
        return super().form_invalid(form)


@staff_view
def home(request):
    ids = authority_ids_of(request.user)
    editions = Edition.objects.select_related("authority", "index").order_by("-year", "authority__name")
    if ids is not None:
        editions = editions.filter(authority_id__in=ids)
    roles = {}
    for role in request.user.parindex_roles.select_related("authority").order_by("authority__name", "kind"):
        roles.setdefault(role.authority, []).append(role)
    is_coordinator = any(role.kind == Role.Kind.COORDINATOR for found in roles.values() for role in found)
    return render(
        request, "workspace/home.html", {"editions": editions[:200], "roles": roles, "is_coordinator": is_coordinator}
    )


@staff_view
def edition(request, slug):
    edition, roles = staff_edition(request, slug)
    units = list(Unit.objects.filter(edition=edition).select_related("block").order_by("block__position", "position"))
    if not roles.superuser and roles.kinds == {Role.Kind.REPORTER}:
        units = [unit for unit in units if unit.code in roles.unit_codes]  # reporters see their own units only
    progress = progress_of(edition)
    survey = Criterion.objects.filter(criteria_set__edition=edition, is_leaf=True, source=Criterion.Source.SURVEY)
    context = {
        "edition": edition,
        "roles": roles,
        "rows": [(unit, progress.get(unit.pk, Progress())) for unit in units],
        "tasks": tasks_for(edition, roles, units, progress),
        "steps": cycle.steps_for(edition, roles),
        "may_set_up": roles.has(Role.Kind.COORDINATOR) and not edition.is_published,
        "events": EditionEvent.trail_of(edition).select_related("user")[:50],
        "blocks": Block.objects.filter(edition=edition).order_by("position"),
        "surveys": _survey_sets(survey),
        "superseding": edition.superseding() if edition.is_published else None,
        "amendment": Edition.objects.filter(supersedes=edition).exclude(status=Edition.Status.PUBLISHED).first()
        if edition.is_published
        else None,
    }
    return render(request, "workspace/edition.html", context)


def _survey_sets(criteria):
    """The criteria sets that have survey criteria, each with the blocks that use it (to name it). Two queries."""
    sets = {}
    for criterion in criteria.select_related("criteria_set").order_by("criteria_set__position", "position"):
        sets.setdefault(criterion.criteria_set_id, {"set": criterion.criteria_set, "criteria": [], "blocks": []})
        sets[criterion.criteria_set_id]["criteria"].append(criterion)
    for block in Block.objects.filter(criteria_set_id__in=sets).order_by("position"):
        sets[block.criteria_set_id]["blocks"].append(block)
    return list(sets.values())


@staff_view
@require_POST
def step(request, slug, action):
    """Take a step of the cycle: first show what it will do (and what is unfinished), then take it once confirmed."""
    edition, roles = staff_edition(request, slug)
    step = cycle.STEPS.get(action)
    if step is None or step.own_page:
        raise Http404("no such step")
    require(roles, step.role)
    remark = request.POST.get("remark", "")
    if request.POST.get("confirm") != "1":
        context = {"edition": edition, "step": step, "remark": remark, "consequences": consequences(edition, action)}
        return render(request, "workspace/confirm_step.html", context)
    try:
        writes.take_step(edition=edition, action=action, user=request.user, roles=roles, remark=remark)
    except writes.StepRefused as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("Done: %(step)s.") % {"step": step.label})
    return redirect("workspace:edition", slug=edition.slug)


@staff_view
def unit_sheet(request, slug, code):
    edition, unit, roles = staff_unit(request, slug, code)
    submission = submissions.state_of(unit)
    fields, reason = cycle.editable_fields(edition, roles, unit.code, submitted=bool(submission and submission.locked))
    rows = criteria_rows(unit)
    appraises, shown = _appraised_by(request.user, roles, edition, unit, rows, fields)
    form = ScoreSheetForm(_posted(request)[0], rows=rows, editable=fields, touched_only=True, appraises=appraises)
    conflicts = None
    if request.method == "POST":
        if not (fields - {"evidence"}):
            raise PermissionDenied(reason)
        if not form.is_valid():
            form = form.complete()  # every row again, the errors beside the ones typed
            form.is_valid()
        else:
            try:
                saved = save_scoresheet(form, edition=edition, user=request.user, roles=roles)
            except writes.StaleScores as exc:
                conflicts = exc.conflicts
                rows = criteria_rows(unit)
                form = ScoreSheetForm(rows=rows, editable=fields, appraises=appraises)  # on the newer values
            except writes.WriteRefused as refused:
                raise PermissionDenied(str(refused)) from None
            else:
                messages.success(request, _("%(n)s scores saved.") % {"n": saved} if saved else _("Nothing changed."))
                return redirect("workspace:unit", slug=edition.slug, code=unit.code)
    column = "self_points" if "self_points" in fields or edition.status == Edition.Status.SELF_ASSESSMENT else "points"
    show_appraisal = edition.status not in (Edition.Status.DRAFT, Edition.Status.SELF_ASSESSMENT)
    context = {
        "edition": edition,
        "unit": unit,
        "roles": roles,
        "form": form,
        "rows": rows,
        "fields": fields,
        "reason": reason,
        "conflicts": conflicts,
        "column": column,
        "show_appraisal": show_appraisal,
        "assigned": None
        if shown is None
        else (len([r for r in shown if r.criterion.is_leaf]), len([r for r in rows if r.criterion.is_leaf])),
        "sheet_rows": rows_html(
            rows if shown is None else shown,
            form=form,
            edition=edition,
            unit=unit,
            fields=fields,
            column=column,
            show_appraisal=show_appraisal,
        ),
        "totals": _totals(rows, column),
        "missing_evidence": missing_evidence(unit) if edition.status == Edition.Status.SELF_ASSESSMENT else [],
        "submission": submission,
        "may_submit": edition.status == Edition.Status.SELF_ASSESSMENT
        and roles.reports_for(unit.code)
        and not (submission and submission.locked),
        "may_decide": bool(
            submission
            and submission.status == "submitted"
            and roles.has(Role.Kind.UNIT_HEAD)
            and roles.heads(unit.code)
        ),
        "may_reopen": edition.status == Edition.Status.SELF_ASSESSMENT and roles.has(Role.Kind.COORDINATOR),
        "can_save": bool(fields - {"evidence"}),
        "draft_key": f"{request.user.pk}:{edition.slug}:{unit.code}",
    }
    return render(request, "workspace/unit.html", context, status=409 if conflicts else 200)


def _appraised_by(user, roles, edition, unit, rows, fields):
    """(the ids of the criteria this person appraises for the unit, or None for every one; the rows they see, or
    None for every one). An appraiser whose only part in the authority is appraising sees the criteria assigned
    to them, with their groups (`scoring.assignments`)."""
    if "points" not in fields:
        return None, None
    appraisal = Appraisal(edition)
    if roles.superuser or not appraisal.is_shared_out(unit.block.criteria_set_id):
        return None, None
    appraises = appraisal.criteria_for(user, roles, unit, [row.criterion for row in rows if row.criterion.is_leaf])
    if roles.kinds - {Role.Kind.APPRAISER, Role.Kind.REPORTER, Role.Kind.UNIT_HEAD}:
        return appraises, None  # a coordinator, an approver or a publisher sees the whole sheet
    by_pk = {row.criterion.pk: row.criterion for row in rows}
    visible = set()
    for pk in appraises:
        while pk is not None and pk not in visible:
            visible.add(pk)
            pk = by_pk[pk].parent_id
    return appraises, [row for row in rows if row.criterion.pk in visible]


def _totals(rows, column):
    """The unit's score in `column` (self-assessed or appraised) and its applicable max: the computation's rule."""
    score = maximum = Decimal(0)
    for row in rows:
        if row.score is None or not row.criterion.is_leaf or row.score.not_assessed:
            continue
        score += getattr(row.score, column) or 0
        maximum += row.criterion.max_points
    return {"score": score, "max": maximum}


@staff_view
@require_POST
def submission(request, slug, code):
    """Submit a unit's self-assessment, approve or send it back (its head), reopen it (the coordinator)."""
    edition, unit, roles = staff_unit(request, slug, code)
    action, reason = request.POST.get("hanh-dong", ""), request.POST.get("ly-do", "")
    deadline = Deadline.objects.filter(edition=edition, status=Edition.Status.SELF_ASSESSMENT).first()
    try:
        if action == "nop":
            submissions.submit(unit=unit, user=request.user, roles=roles, deadline=deadline.due if deadline else None)
            messages.success(request, _("Submitted: the head of the unit is asked to approve it."))
        elif action in ("duyet", "tra-lai"):
            submissions.decide(unit=unit, user=request.user, roles=roles, approve=action == "duyet", reason=reason)
            messages.success(request, _("Approved.") if action == "duyet" else _("Sent back to the reporters."))
        elif action == "mo-lai":
            submissions.reopen(unit=unit, user=request.user, roles=roles, reason=reason)
            messages.success(request, _("Reopened for this unit."))
        else:
            raise Http404("unknown action")
    except submissions.SubmissionRefused as refused:
        messages.error(request, " ".join([str(refused), *refused.items]))
    return redirect("workspace:unit", slug=edition.slug, code=unit.code)


@staff_view
def unit_history_page(request, slug, code):
    edition, unit, _roles = staff_unit(request, slug, code)
    events = EditionEvent.trail_of(edition).filter(Q(unit_code="") | Q(unit_code=unit.code))
    original = None  # an amendment's units continue the units of the decision it corrects
    if edition.supersedes_id and Unit.objects.filter(edition_id=edition.supersedes_id, code=unit.code).exists():
        original = edition.supersedes
    context = {
        "edition": edition,
        "unit": unit,
        "changes": unit_history(unit),
        "events": events.select_related("user")[:100],
        "original": original,
    }
    return render(request, "workspace/history.html", context)


@staff_view
@accepts_body(51 * MB)  # several files of at most 20 MB each, as the proxy allows
def evidence_page(request, slug, code, criterion):
    """A score's evidence files: listed, attached (several at once) and removed; JSON for the score sheet's row."""
    edition, unit, roles = staff_unit(request, slug, code)
    score = get_object_or_404(Score.objects.select_related("criterion"), unit=unit, criterion__code=criterion)
    submission = submissions.state_of(unit)
    fields, reason = cycle.editable_fields(edition, roles, unit.code, submitted=bool(submission and submission.locked))
    errors = []
    if request.method == "POST":
        if "evidence" not in fields:
            raise PermissionDenied(reason)
        uploads = request.FILES.getlist("file")[:5]
        if not uploads:
            errors.append(_("Choose a file."))
        for upload in uploads:
            try:
                writes.attach_evidence(score=score, upload=upload, user=request.user)
            except ValidationError as exc:
                errors += [f"{upload.name}: {message}" for message in exc.messages]
            except OSError:
                errors.append(
                    f"{upload.name}: "
                    + _(
                        "The file could not be stored (the server's storage failed). Nothing was saved; try again later."
                    )
                )
        if _wants_json(request):
            return _evidence_json(request, score, fields, errors)
        if not errors:
            messages.success(
                request, _("The file was attached.") if len(uploads) == 1 else _("The files were attached.")
            )
            return redirect("workspace:evidence", slug=edition.slug, code=unit.code, criterion=criterion)
    if _wants_json(request):
        return _evidence_json(request, score, fields, errors)
    context = {
        "edition": edition,
        "unit": unit,
        "score": score,
        "files": score.evidence.select_related("uploaded_by"),
        "errors": errors,
        "can_upload": "evidence" in fields,
        "reason": reason,
    }
    return render(request, "workspace/evidence.html", context, status=400 if errors else 200)


def _wants_json(request):
    return "application/json" in request.headers.get("Accept", "")


def _evidence_json(request, score, fields, errors):
    files = [
        {
            "id": item.pk,
            "name": item.original_name,
            "url": reverse("workspace:evidence_file", args=[item.pk]),
            "remove": reverse("workspace:evidence_remove", args=[item.pk]) if "evidence" in fields else "",
        }
        for item in score.evidence.all()
    ]
    return JsonResponse({"files": files, "errors": errors}, status=400 if errors else 200)


@staff_view
@require_POST
def evidence_remove(request, pk):
    item = get_object_or_404(Evidence.objects.select_related("score__unit__edition", "score__criterion"), pk=pk)
    unit = item.score.unit
    roles = roles_in(request.user, unit.edition.authority_id)
    if not roles or not roles.may_see_unit(unit.code):
        raise Http404("no such file")
    submission = submissions.state_of(unit)
    fields, reason = cycle.editable_fields(
        unit.edition, roles, unit.code, submitted=bool(submission and submission.locked)
    )
    if "evidence" not in fields:
        raise PermissionDenied(reason)
    writes.remove_evidence(evidence=item, user=request.user)
    if _wants_json(request):
        return _evidence_json(request, item.score, fields, [])
    messages.success(request, _("The file %(name)s was removed.") % {"name": item.original_name})
    return redirect("workspace:evidence", slug=unit.edition.slug, code=unit.code, criterion=item.score.criterion.code)


@require_POST
def keep_alive(request):
    """Renew the session of someone who is typing on a page (the score sheet asks every few minutes)."""
    if not request.user.is_authenticated:
        return JsonResponse({"expired": True}, status=401)
    _renew(request.session)
    return HttpResponse(status=204)


def csrf_failure(request, reason=""):
    """A form's security token was refused: say why in Vietnamese, and offer to send it again.

    The usual cause is a login in another tab (a new token) or a page left open for long. Sending
    again is offered only for a form of this site (its Origin is ours): a form posted from
    another site is the attack the token is there to stop.
    """
    origin = request.headers.get("Origin", "")
    same_site = bool(origin) and origin == f"{request.scheme}://{request.get_host()}"
    fields = []
    if same_site and request.method == "POST":
        fields = [
            (name, value) for name, values in request.POST.lists() if name != "csrfmiddlewaretoken" for value in values
        ]
    context = {"fields": fields, "action": request.get_full_path(), "same_site": same_site,
               "had_files": bool(request.FILES)}  # fmt: skip
    return render(request, "workspace/csrf_failure.html", context, status=403)


@staff_view
def evidence_download(request, pk):
    item = get_object_or_404(Evidence.objects.select_related("score__unit__edition"), pk=pk)
    unit = item.score.unit
    roles = roles_in(request.user, unit.edition.authority_id)
    if not roles or not roles.may_see_unit(unit.code):
        raise Http404("no such file")
    response = FileResponse(item.file.open("rb"), content_type=item.content_type, as_attachment=True,
                            filename=item.original_name)  # fmt: skip
    response["X-Content-Type-Options"] = "nosniff"
    return response


@staff_view
def ranking(request, slug):
    edition, roles = staff_edition(request, slug)
    if not (roles.kinds - {Role.Kind.REPORTER}) and not roles.superuser:
        raise PermissionDenied
    results = compute_results(edition)

    def sheet_url(code):
        return reverse("workspace:unit", args=[edition.slug, code])

    tables = [
        {"block": block, "table": ranking_table(block, request=request, unit_url=sheet_url)} for block in results.blocks
    ]
    return render(request, "workspace/ranking.html", {"edition": edition, "results": results, "tables": tables})


def _block(edition, code):
    return get_object_or_404(Block.objects.select_related("criteria_set"), edition=edition, code=code)


@staff_view
def excel_template(request, slug, block):
    edition, roles = staff_edition(request, slug)
    require(roles, Role.Kind.APPRAISER)
    block = _block(edition, block)
    response = HttpResponse(
        excel.template(block), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response["Content-Disposition"] = content_disposition_header(True, f"{edition.slug}-{block.code}-mau.xlsx")
    return response


@staff_view
@accepts_body(11 * MB)
def excel_upload(request, slug, block):
    edition, roles = staff_edition(request, slug)
    require(roles, Role.Kind.APPRAISER)
    block = _block(edition, block)
    allowed = edition.status == Edition.Status.APPRAISAL
    form = FileForm(*_posted(request))
    errors, conflicts = [], []
    if request.method == "POST":
        if not allowed:
            raise PermissionDenied(_("Scores can be uploaded during appraisal only."))
        if form.is_valid():
            upload = form.cleaned_data["file"]
            try:
                result = excel.read_upload(upload, block)
            except excel.UploadRefused as exc:
                errors = exc.errors
            else:
                try:
                    saved = excel.apply_upload(edition=edition, block=block, changes=result.changes,
                                               user=request.user, file_name=upload.name, roles=roles)  # fmt: skip
                except writes.WriteRefused as refused:
                    errors = [str(refused)]
                else:
                    messages.success(request, _("%(n)s scores saved from the workbook.") % {"n": saved})
                    if not result.conflicts:
                        return redirect("workspace:edition", slug=edition.slug)
                    conflicts = result.conflicts
    context = {
        "edition": edition,
        "the_block": block,
        "form": form,
        "errors": errors,
        "conflicts": conflicts,
        "allowed": allowed,
    }
    return render(request, "workspace/excel_upload.html", context, status=400 if errors else 200)


@staff_view
def survey(request, slug, criteria_set):
    """The survey results of one criteria set's units, every survey criterion of the set on one page."""
    edition, roles = staff_edition(request, slug)
    require(roles, Role.Kind.APPRAISER)
    criteria_set = get_object_or_404(CriteriaSet, pk=criteria_set, edition=edition)
    criteria = list(criteria_set.criteria.filter(is_leaf=True, source=Criterion.Source.SURVEY).order_by("position"))
    if not criteria:
        raise Http404("no survey criterion in this set")
    blocks = list(criteria_set.blocks.order_by("position"))
    scores = list(
        Score.objects.filter(criterion__in=criteria)
        .select_related("unit", "criterion")
        .order_by("unit__block__position", "unit__position", "criterion__position")
    )
    allowed = edition.status == Edition.Status.APPRAISAL
    form = survey_form(scores, _posted(request)[0])
    if request.method == "POST":
        if not allowed:
            raise PermissionDenied(_("Survey results are entered during appraisal only."))
        if form.is_valid():
            changes = [
                writes.ScoreChange(
                    score,
                    {"survey_percent": percent, "points": points_from_percent(percent, score.criterion.max_points)},
                )
                for score in scores
                if (percent := form.cleaned_data.get(f"u{score.pk}")) is not None
            ]
            codes = ", ".join(criterion.code for criterion in criteria)
            try:
                saved = writes.set_scores(
                    edition=edition, changes=changes, user=request.user, reason=writes.reason("survey", codes),
                    event="survey", remark=f"{codes}: {len(changes)}", roles=roles,
                )  # fmt: skip
            except writes.WriteRefused as refused:
                messages.error(request, str(refused))
            else:
                messages.success(request, _("%(n)s survey results saved.") % {"n": saved})
                return redirect("workspace:survey", slug=edition.slug, criteria_set=criteria_set.pk)
    units = {}
    for score in scores:
        units.setdefault(score.unit_id, {"unit": score.unit, "cells": {}})["cells"][score.criterion_id] = (
            score,
            form[f"u{score.pk}"] if f"u{score.pk}" in form.fields else None,
        )
    rows = [(entry["unit"], [entry["cells"].get(c.pk) for c in criteria]) for entry in units.values()]
    context = {
        "edition": edition,
        "criteria_set": criteria_set,
        "blocks": blocks,
        "criteria": criteria,
        "rows": rows,
        "form": form,
        "allowed": allowed,
    }
    return render(request, "workspace/survey.html", context, status=400 if form.errors else 200)


@staff_view
def decision_draft(request, slug):
    """The decision announcing the results, drafted for signature (DOCX, `workspace.decision_docx`)."""
    edition, roles = staff_edition(request, slug)
    if not (roles.has(Role.Kind.PUBLISHER) or roles.has(Role.Kind.APPROVER) or roles.has(Role.Kind.COORDINATOR)):
        raise PermissionDenied
    response = HttpResponse(
        decision_docx(edition),
        content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    )
    response["Content-Disposition"] = content_disposition_header(True, f"du-thao-quyet-dinh-{edition.slug}.docx")
    return response


@staff_view
@accepts_body(21 * MB)
def publish_page(request, slug):
    edition, roles = staff_edition(request, slug)
    require(roles, Role.Kind.PUBLISHER)
    if edition.index.periodic:
        return _publish_period(request, edition)
    decision = getattr(edition, "decision", None)
    initial = {}
    if decision is not None:
        initial = {"number": decision.number, "date": decision.date, "signer": decision.signer, "title": decision.title}
    elif edition.supersedes_id:
        initial = {"title": _("Amending the decision on the %(title)s") % {"title": edition.title}}
    form = PublishForm(*_posted(request), initial=initial)
    allowed = edition.status == Edition.Status.APPROVED
    if request.method == "POST":
        if not allowed:
            raise PermissionDenied(_("Only approved results can be published."))
        chosen = request.FILES.get("signed_pdf")
        if chosen is not None:
            _keep_pdf(request, edition, chosen)  # kept for the next try if something else is wrong
        if form.is_valid():
            data = {**form.cleaned_data}
            data.pop("confirm")
            with _kept_pdf(request, edition) as kept:
                data["signed_pdf"] = data["signed_pdf"] or kept
                try:
                    writes.publish(edition=edition, user=request.user, **data)
                except writes.PublishRefused as exc:
                    form.add_error(exc.field, str(exc))
                    if exc.field == "signed_pdf":
                        _forget_pdf(request, edition)
                else:
                    _forget_pdf(request, edition)
                    messages.success(request, _("Published by decision No. %(number)s.") % {"number": data["number"]})
                    return redirect("workspace:edition", slug=edition.slug)
    context = {"edition": edition, "form": form, "allowed": allowed, "kept_pdf": _kept_pdf_name(request, edition)}
    return render(request, "workspace/publish.html", context, status=400 if form.errors else 200)


def _publish_period(request, edition):
    """An index reported by period is published with its period, "as of" date and source (`scoring.periods`)."""
    form = PeriodPublishForm(_posted(request)[0])
    allowed = edition.status == Edition.Status.APPROVED
    if request.method == "POST":
        if not allowed:
            raise PermissionDenied(_("Only approved results can be published."))
        if form.is_valid():
            data = form.cleaned_data
            try:
                writes.publish_period(edition=edition, user=request.user, start=data["period_start"],
                                      end=data["period_end"], as_of=data["as_of"], source=data["source"])  # fmt: skip
            except writes.PublishRefused as exc:
                form.add_error(exc.field if exc.field in form.fields else None, str(exc))
            else:
                messages.success(request, _("Published for the period %(period)s.") % {"period": edition.period})
                return redirect("workspace:edition", slug=edition.slug)
    context = {"edition": edition, "form": form, "allowed": allowed}
    return render(request, "workspace/publish_period.html", context, status=400 if form.errors else 200)


def _pending_key(edition):
    return f"pending-pdf-{edition.pk}"


def _keep_pdf(request, edition, upload):
    """Keep a chosen signed PDF (if it is a PDF) for this user's next try at publishing, in storage and the session."""
    try:
        mime, _extension = detect_type(upload)
    except ValidationError:
        mime = None
    if mime != PDF:
        return
    _forget_pdf(request, edition)
    name = default_storage.save(f"decisions/pending/{uuid.uuid4().hex}.pdf", upload)
    request.session[_pending_key(edition)] = {"name": name, "original": strip_control(upload.name)[:200]}
    upload.seek(0)


def _kept_pdf_name(request, edition):
    kept = request.session.get(_pending_key(edition))
    return kept["original"] if kept else ""


@contextlib.contextmanager
def _kept_pdf(request, edition):
    """Yield the kept signed PDF as an open file (or None), closed afterwards."""
    kept = request.session.get(_pending_key(edition))
    if not kept or not default_storage.exists(kept["name"]):
        yield None
        return
    with default_storage.open(kept["name"], "rb") as handle:
        yield File(handle, name=kept["original"])


def _forget_pdf(request, edition):
    kept = request.session.pop(_pending_key(edition), None)
    if kept:
        default_storage.delete(kept["name"])


@staff_view
@require_POST
def amend(request, slug):
    edition, roles = staff_edition(request, slug)
    require(roles, Role.Kind.PUBLISHER)
    if not edition.is_published:
        raise PermissionDenied(_("Only a published decision can be amended."))
    if request.POST.get("confirm") != "1":
        step = {"action": "amend", "label": _("Prepare an amending decision")}
        context = {"edition": edition, "step": step, "consequences": consequences(edition, "amend"), "amend": True}
        return render(request, "workspace/confirm_step.html", context)
    try:
        copy = writes.amend(edition=edition, user=request.user)
    except writes.WriteRefused as exc:
        messages.error(request, str(exc))
        return redirect("workspace:edition", slug=edition.slug)
    messages.success(request, _("An amending edition was created; correct it, have it approved, then publish it."))
    return redirect("workspace:edition", slug=copy.slug)


def _may_import(user):
    """Whether the user may import editions at all: an appraiser of some authority, or a superuser."""
    if not user.is_authenticated:
        return False
    return user.is_superuser or Role.objects.filter(user=user, kind=Role.Kind.APPRAISER).exists()


@staff_view
@accepts_body(lambda request: IMPORT_MAX_BYTES + MB if _may_import(request.user) else None)
def import_page(request):
    if not _may_import(request.user):
        # Nothing of what was sent is read: the role is checked first.
        errors = [_("You may import editions of your own authority only, as its appraiser.")]
        return render(request, "workspace/import.html", {"form": FileForm(), "errors": errors, "allowed": False})
    form = FileForm(*_posted(request))
    errors = []
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        if upload.size > IMPORT_MAX_BYTES:
            errors = [_("The file is larger than 50 MB.")]
        else:

            def may_act_for(authority):
                if authority is None:  # a new authority: administrators only
                    return request.user.is_superuser
                return roles_in(request.user, authority.pk).has(Role.Kind.APPRAISER)

            try:
                edition = import_edition(
                    document=upload.read(), may_act_for=may_act_for, user=request.user, file_name=upload.name
                )
            except EditionInvalid as exc:
                errors = exc.lines()
            else:
                messages.success(request, _("Edition %(slug)s imported.") % {"slug": edition.slug})
                return redirect("workspace:edition", slug=edition.slug)
    context = {"form": form, "errors": errors, "allowed": True}
    return render(request, "workspace/import.html", context, status=400 if errors else 200)


@staff_view
@accepts_body(51 * MB)  # a dispute's evidence files, as the evidence page takes them
def explanation(request, slug, code):
    """The explanation round of a unit: its changed scores side by side (self-assessed, appraised, after explanation);
    its reporters dispute, the appraisers decide."""
    edition, unit, roles = staff_unit(request, slug, code)
    window = Deadline.objects.filter(edition=edition, status=Edition.Status.EXPLANATION).first()
    if request.method == "POST":
        action = request.POST.get("hanh-dong", "")
        try:
            if action == "giai-trinh":
                score = get_object_or_404(Score, unit=unit, criterion__code=request.POST.get("tieu-chi", ""))
                disputes.open_dispute(score=score, user=request.user, roles=roles, text=request.POST.get("noi-dung", ""),
                                      files=request.FILES.getlist("tep"),
                                      deadline=window.due if window else None)  # fmt: skip
                messages.success(request, _("Sent to the appraisers."))
            elif action in ("chap-nhan", "lay-tu-cham", "khong-chap-nhan"):
                dispute = get_object_or_404(Dispute.objects.select_related("score"),
                                            pk=request.POST.get("giai-trinh", "0") or 0, score__unit=unit)  # fmt: skip
                # "Take this value": the unit's self-assessed score, as it was before the appraisal changed it.
                points = (format_vi(dispute.score.self_points) if action == "lay-tu-cham"
                          else request.POST.get("diem", ""))  # fmt: skip
                disputes.decide_dispute(dispute=dispute, user=request.user, roles=roles,
                                        accept=action != "khong-chap-nhan", points=points,
                                        why=request.POST.get("ly-do", ""))  # fmt: skip
                messages.success(request, _("Decided."))
            else:
                raise Http404("unknown action")
        except disputes.DisputeRefused as refused:
            messages.error(request, str(refused))
        return redirect("workspace:explanation", slug=edition.slug, code=unit.code)
    scores = list(Score.objects.filter(unit=unit, not_assessed=False).select_related("criterion")
                  .order_by("criterion__position"))  # fmt: skip
    found = {d.score_id: d for d in Dispute.objects.filter(score__unit=unit).select_related("decided_by")
             .prefetch_related("files")}  # fmt: skip
    appraisal = Appraisal(edition)
    deciding = edition.status == Edition.Status.EXPLANATION
    rows = [
        {"score": s, "dispute": found.get(s.pk), "changed": s.self_points is not None and s.points != s.self_points,
         "may_decide": deciding and appraisal.may_appraise(request.user, roles, unit.code, s.criterion)}
        for s in scores
        if s.criterion.is_leaf and (s.pk in found or (s.self_points is not None and s.points != s.self_points))
    ]  # fmt: skip
    context = {
        "edition": edition, "unit": unit, "rows": rows, "window": window,
        "open": edition.status == Edition.Status.EXPLANATION,
        "may_dispute": edition.status == Edition.Status.EXPLANATION and roles.reports_for(unit.code),
    }  # fmt: skip
    return render(request, "workspace/explanation.html", context)

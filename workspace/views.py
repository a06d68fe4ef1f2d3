"""The staff workspace: the cycle of an edition, score sheets, evidence, Excel, surveys, publishing.

Views are thin: they load through `workspace.access` (404 outside one's authority, 403 without
the role), validate with `workspace.forms`, and write through the domain (`scoring.writes`),
which holds every rule of what may change and records it. Pages that show a form the user may
not use say why instead.
"""

from decimal import Decimal

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.db.models import Count, Q
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from scoring import cycle, writes
from scoring.documents import EditionInvalid
from scoring.importing import import_edition
from scoring.models import Block, Criterion, Edition, EditionEvent, Evidence, Score, Unit
from scoring.points import points_from_percent
from scoring.results import compute_results
from scoring.tables import ranking_table
from workspace import excel, throttle
from workspace.access import authority_ids_of, require, roles_in, staff_edition, staff_unit
from workspace.forms import FileForm, PublishForm, survey_form
from workspace.history import unit_history
from workspace.models import Role
from workspace.scoresheet import ScoreSheetForm, criteria_rows, save_scoresheet

MB = 1024 * 1024
IMPORT_MAX_BYTES = 50 * MB


def _posted(request):
    """(data, files) of a POST, even an empty one, else (None, None): a form is bound only when posted."""
    if request.method == "POST":
        return request.POST, request.FILES
    return None, None


def staff_view(view):
    """Logged-in staff only; never cached."""
    return never_cache(login_required(view))


def accepts_body(limit):
    """Let a view take a body of up to `limit` bytes (or `limit(request)`); see RequestBodyLimitMiddleware."""

    def decorate(view):
        view.max_body_bytes = limit
        return view

    return decorate


class LoginView(auth_views.LoginView):
    """Django's login, with the slowdown of a user name tried too often (`workspace.throttle`)."""

    template_name = "workspace/login.html"

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
    return render(request, "workspace/home.html", {"editions": editions[:200], "roles": roles})


@staff_view
def edition(request, slug):
    edition, roles = staff_edition(request, slug)
    units = Unit.objects.filter(edition=edition).select_related("block").order_by("block__position", "position")
    if not roles.superuser and roles.kinds == {Role.Kind.REPORTER}:
        units = units.filter(code__in=roles.unit_codes)  # reporters see their own units only
    progress = {
        row["unit_id"]: row
        for row in Score.objects.filter(unit__edition=edition)
        .values("unit_id")
        .annotate(
            leaves=Count("pk"),
            self_done=Count("pk", filter=Q(self_points__isnull=False) | Q(not_assessed=True)),
            appraised=Count("pk", filter=Q(points__isnull=False) | Q(not_assessed=True)),
            evidence=Count("evidence"),
        )
    }
    rows = [(unit, progress.get(unit.pk, {})) for unit in units]
    survey = Criterion.objects.filter(criteria_set__edition=edition, is_leaf=True, source=Criterion.Source.SURVEY)
    context = {
        "edition": edition,
        "roles": roles,
        "rows": rows,
        "steps": cycle.steps_for(edition, roles),
        "events": EditionEvent.trail_of(edition).select_related("user")[:50],
        "blocks": Block.objects.filter(edition=edition).order_by("position"),
        "survey": survey.select_related("criteria_set").order_by("criteria_set__position", "position"),
        "superseding": edition.superseding() if edition.is_published else None,
    }
    return render(request, "workspace/edition.html", context)


@staff_view
@require_POST
def step(request, slug, action):
    edition, roles = staff_edition(request, slug)
    step = cycle.STEPS.get(action)
    if step is None or step.own_page:
        raise Http404("no such step")
    require(roles, step.role)
    try:
        writes.take_step(
            edition=edition, action=action, user=request.user, roles=roles, remark=request.POST.get("remark", "")
        )
    except writes.StepRefused as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("Done: %(step)s.") % {"step": step.label})
    return redirect("workspace:edition", slug=edition.slug)


@staff_view
def unit_sheet(request, slug, code):
    edition, unit, roles = staff_unit(request, slug, code)
    fields, reason = cycle.editable_fields(edition, roles, unit.code)
    rows = criteria_rows(unit)
    form = ScoreSheetForm(_posted(request)[0], rows=rows, editable=fields)
    conflicts = None
    if request.method == "POST":
        if not (fields - {"evidence"}):
            raise PermissionDenied(reason)
        if form.is_valid():
            try:
                saved = save_scoresheet(form, edition=edition, user=request.user)
            except writes.StaleScores as exc:
                conflicts = exc.conflicts
                rows = criteria_rows(unit)
                form = ScoreSheetForm(rows=rows, editable=fields)  # a fresh form on the newer values
            else:
                messages.success(request, _("%(n)s scores saved.") % {"n": saved} if saved else _("Nothing changed."))
                return redirect("workspace:unit", slug=edition.slug, code=unit.code)
    context = {
        "edition": edition,
        "unit": unit,
        "roles": roles,
        "form": form,
        "rows": rows,
        "fields": fields,
        "reason": reason,
        "conflicts": conflicts,
        "totals": _totals(rows),
        "can_save": bool(fields - {"evidence"}),
    }
    return render(request, "workspace/unit.html", context, status=409 if conflicts else 200)


def _totals(rows):
    """The unit's score and applicable max, summed from its sheet (the same rule as the computation)."""
    score = maximum = Decimal(0)
    for row in rows:
        if row.score is None or not row.criterion.is_leaf or row.score.not_assessed:
            continue
        score += row.score.points or 0
        maximum += row.criterion.max_points
    return {"score": score, "max": maximum}


@staff_view
def unit_history_page(request, slug, code):
    edition, unit, _roles = staff_unit(request, slug, code)
    events = EditionEvent.trail_of(edition).filter(Q(unit_code="") | Q(unit_code=unit.code))
    context = {
        "edition": edition,
        "unit": unit,
        "changes": unit_history(unit),
        "events": events.select_related("user")[:100],
    }
    return render(request, "workspace/history.html", context)


@staff_view
@accepts_body(21 * MB)
def evidence_page(request, slug, code, criterion):
    edition, unit, roles = staff_unit(request, slug, code)
    score = get_object_or_404(Score.objects.select_related("criterion"), unit=unit, criterion__code=criterion)
    fields, reason = cycle.editable_fields(edition, roles, unit.code)
    form = FileForm(*_posted(request))
    if request.method == "POST":
        if "evidence" not in fields:
            raise PermissionDenied(reason)
        if form.is_valid():
            try:
                writes.attach_evidence(score=score, upload=form.cleaned_data["file"], user=request.user)
            except ValidationError as exc:
                form.add_error("file", exc)
            except OSError:
                form.add_error(
                    "file",
                    _(
                        "The file could not be stored (the server's storage failed). Nothing was saved; try again later."
                    ),
                )
            else:
                messages.success(request, _("The file was attached."))
                return redirect("workspace:evidence", slug=edition.slug, code=unit.code, criterion=criterion)
    context = {
        "edition": edition,
        "unit": unit,
        "score": score,
        "files": score.evidence.select_related("uploaded_by"),
        "form": form,
        "can_upload": "evidence" in fields,
        "reason": reason,
    }
    return render(request, "workspace/evidence.html", context)


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
    errors = []
    if request.method == "POST":
        if not allowed:
            raise PermissionDenied(_("Scores can be uploaded during appraisal only."))
        if form.is_valid():
            upload = form.cleaned_data["file"]
            try:
                changes = excel.read_upload(upload, block)
            except excel.UploadRefused as exc:
                errors = exc.errors
            else:
                saved = excel.apply_upload(edition=edition, block=block, changes=changes, user=request.user,
                                           file_name=upload.name)  # fmt: skip
                messages.success(request, _("%(n)s scores saved from the workbook.") % {"n": saved})
                return redirect("workspace:edition", slug=edition.slug)
    context = {"edition": edition, "the_block": block, "form": form, "errors": errors, "allowed": allowed}
    return render(request, "workspace/excel_upload.html", context, status=400 if errors else 200)


@staff_view
def survey(request, slug, criterion):
    edition, roles = staff_edition(request, slug)
    require(roles, Role.Kind.APPRAISER)
    criterion = get_object_or_404(
        Criterion, pk=criterion, criteria_set__edition=edition, is_leaf=True, source=Criterion.Source.SURVEY
    )
    scores = list(
        Score.objects.filter(criterion=criterion)
        .select_related("unit")
        .order_by("unit__block__position", "unit__position")
    )
    allowed = edition.status == Edition.Status.APPRAISAL
    form = survey_form(scores, _posted(request)[0])
    if request.method == "POST":
        if not allowed:
            raise PermissionDenied(_("Survey results are entered during appraisal only."))
        if form.is_valid():
            changes = [
                writes.ScoreChange(score, {"points": points_from_percent(percent, criterion.max_points)})
                for score in scores
                if (percent := form.cleaned_data.get(f"u{score.pk}")) is not None
            ]
            saved = writes.set_scores(
                edition=edition, changes=changes, user=request.user,
                reason=_("survey result, %(criterion)s") % {"criterion": criterion.code}, event="survey",
                remark=f"{criterion.code}. {criterion.name}: {len(changes)}",
            )  # fmt: skip
            messages.success(request, _("%(n)s units' points set from the survey.") % {"n": saved})
            return redirect("workspace:edition", slug=edition.slug)
    rows = [(s, form[f"u{s.pk}"] if f"u{s.pk}" in form.fields else None) for s in scores]
    context = {"edition": edition, "criterion": criterion, "rows": rows, "form": form, "allowed": allowed}
    return render(request, "workspace/survey.html", context)


@staff_view
@accepts_body(21 * MB)
def publish_page(request, slug):
    edition, roles = staff_edition(request, slug)
    require(roles, Role.Kind.PUBLISHER)
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
        if form.is_valid():
            data = form.cleaned_data
            try:
                writes.publish(edition=edition, user=request.user, **data)
            except writes.PublishRefused as exc:
                form.add_error(exc.field, str(exc))
            else:
                messages.success(request, _("Published by decision No. %(number)s.") % {"number": data["number"]})
                return redirect("workspace:edition", slug=edition.slug)
    return render(request, "workspace/publish.html", {"edition": edition, "form": form, "allowed": allowed})


@staff_view
@require_POST
def amend(request, slug):
    edition, roles = staff_edition(request, slug)
    require(roles, Role.Kind.PUBLISHER)
    try:
        copy = writes.amend(edition=edition, user=request.user)
    except writes.WriteRefused as exc:
        if not edition.is_published:
            raise PermissionDenied(str(exc)) from None
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

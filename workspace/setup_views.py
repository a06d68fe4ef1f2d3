"""Setting up a year, for the coordinator (điều phối, the Sở Nội vụ's CCHC office): a new edition from an earlier
one, the criteria framework (typed, or from the province's Excel table), the units and their mergers.

The views are thin: every rule and every write is `scoring.setup`'s. A refused form comes back with
what was typed and each message beside its row or field.
"""

import datetime

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from scoring import framework_excel, setup
from scoring.models import CriteriaSet, Criterion, Edition, Score, Unit
from scoring.official import communes_of, proposed_predecessors, province_named
from scoring.results import previous_editions
from workspace.access import authority_ids_of, require, staff_edition
from workspace.models import Deadline, Notification, Role
from workspace.views import MB, accepts_body, staff_view

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
EXTRA_ROWS = 3


def _coordinator(request, slug):
    edition, roles = staff_edition(request, slug)
    require(roles, Role.Kind.COORDINATOR)
    return edition, roles


@staff_view
def setup_home(request):
    """The coordinator's start: a new edition from an earlier one."""
    ids = authority_ids_of(request.user)
    if ids is not None:
        ids = set(
            Role.objects.filter(user=request.user, kind=Role.Kind.COORDINATOR).values_list("authority_id", flat=True)
        )
        if not ids:
            raise Http404("not a coordinator")
    sources = Edition.objects.select_related("authority", "index").order_by("authority__name", "-year")
    if ids is not None:
        sources = sources.filter(authority_id__in=ids)
    sources = [e for e in sources if not e.supersedes_id]
    error, chosen, year = None, request.POST.get("nguon", ""), request.POST.get("nam", "")
    if request.method == "POST":
        source = next((e for e in sources if e.slug == chosen), None)
        if source is None:
            error = _("Choose the edition to start from.")
        elif not year.isdigit() or not 2000 <= int(year) <= 2100:
            error = _("The year is four digits, such as 2026.")
        else:
            try:
                edition = setup.copy_edition(source=source, year=int(year), user=request.user)
            except setup.SetupRefused as refused:
                error = str(refused.errors[0][1])
            else:
                messages.success(request, _("The draft of %(year)s is ready: set up its framework and units.") % {
                    "year": year})  # fmt: skip
                return redirect("workspace:setup_edition", slug=edition.slug)
    return render(request, "workspace/setup_home.html",
                  {"sources": sources, "error": error, "chosen": chosen, "year": year})  # fmt: skip


DEADLINE_STEPS = [Edition.Status.SELF_ASSESSMENT, Edition.Status.APPRAISAL, Edition.Status.EXPLANATION]


@staff_view
def setup_edition(request, slug):
    """An edition's setup: its criteria sets, its blocks and units, the deadlines of its steps."""
    edition, _roles = _coordinator(request, slug)
    error = None
    if request.method == "POST":
        try:
            dates = {step: _date(request.POST.get(f"han-{step}", "")) for step in DEADLINE_STEPS}
        except ValueError:
            error = _("A deadline is a date, such as 15/12/2026.")
        else:
            for step, due in dates.items():
                if due is None:
                    Deadline.objects.filter(edition=edition, status=step).delete()
                else:
                    Deadline.objects.update_or_create(edition=edition, status=step, defaults={"due": due})
            messages.success(request, _("Deadlines saved."))
            return redirect("workspace:setup_edition", slug=edition.slug)
    deadlines = dict(Deadline.objects.filter(edition=edition).values_list("status", "due"))
    steps = [(step, Edition.Status(step).label, deadlines.get(step)) for step in DEADLINE_STEPS]
    sets = []
    for criteria_set in setup.criteria_sets_of(edition):
        total = sum((c.max_points for c in Criterion.objects.filter(criteria_set=criteria_set, parent=None)), 0)
        count = Criterion.objects.filter(criteria_set=criteria_set, is_leaf=True).count()
        sets.append({"set": criteria_set, "total": total, "leaves": count})
    context = {"edition": edition, "sets": sets, "locked": setup.framework_locked(edition), "steps": steps,
               "error": error}  # fmt: skip
    return render(request, "workspace/setup_edition.html", context)


def _date(text):
    """A date typed as 15/12/2026 or 2026-12-15; None when empty; ValueError otherwise."""
    text = (text or "").strip()
    if not text:
        return None
    for pattern in ("%d/%m/%Y", "%Y-%m-%d"):
        try:
            return datetime.datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    raise ValueError(text)


def _rows_from_post(post):
    """The framework rows typed in the editor (a row with a code or a name counts; "xoa" removes it)."""
    rows = []
    typed = post.get("so-dong", "")
    count = min(int(typed), 2500) if typed.isdigit() else 0
    for k in range(count):
        code, name = post.get(f"r{k}-code", "").strip(), post.get(f"r{k}-name", "").strip()
        if not code and not name:
            continue
        rows.append(
            setup.FrameworkRow(
                code=code, name=name, max=post.get(f"r{k}-max", "").strip(), survey=post.get(f"r{k}-survey") == "1",
                guidance=post.get(f"r{k}-guidance", "").strip(), evidence=post.get(f"r{k}-evidence", "").strip(),
                place=_("row %(n)s") % {"n": k + 1}, columns={"index": k},
            )
        )  # fmt: skip
        if post.get(f"r{k}-delete") == "1":
            rows.pop()
    return rows


def _errors_by_row(errors, rows):
    """{row index: [messages]} and the messages of no row."""
    by_row, general = {}, []
    places = {row.place: row.columns.get("index") for row in rows}
    for place, message in errors:
        key = next((index for row_place, index in places.items() if place.startswith(row_place)), None)
        if key is None:
            general.append(message)
        else:
            by_row.setdefault(key, []).append(message)
    return by_row, general


@staff_view
@accepts_body(2 * MB)
def framework(request, slug, set_id):
    """The framework editor of one criteria set: rows of code, criterion, maximum, survey, guidance, evidence."""
    edition, _roles = _coordinator(request, slug)
    criteria_set = get_object_or_404(CriteriaSet, edition=edition, pk=set_id)
    if edition.is_published:
        raise Http404("published: frozen")
    locked = setup.framework_locked(edition)
    errors, general, why = {}, [], request.POST.get("ly-do", "")
    if request.method == "POST":
        rows = _rows_from_post(request.POST)
        try:
            roots = setup.read_framework(rows)
            added, changed, removed = setup.apply_framework(criteria_set=criteria_set, roots=roots,
                                                            user=request.user, why=why)  # fmt: skip
        except setup.SetupRefused as refused:
            errors, general = _errors_by_row(refused.errors, rows)
            for k, row in enumerate(rows):
                row.columns["index"] = row.columns.get("index", k)
        else:
            messages.success(request, _("Framework saved: %(added)s added, %(changed)s changed, %(removed)s removed.")
                             % {"added": added, "changed": changed, "removed": removed})  # fmt: skip
            return redirect("workspace:framework", slug=edition.slug, set_id=criteria_set.pk)
    else:
        rows = setup.framework_rows(criteria_set)
    return _render_framework(request, edition, criteria_set, rows, errors, general, locked, why)


def _render_framework(request, edition, criteria_set, rows, errors, general, locked, why, *, imported=""):
    shown = []
    for k, row in enumerate(rows):
        index = row.columns.get("index", k) if row.columns else k
        shown.append({"row": row, "errors": errors.get(index, []), "depth": row.code.count(".")})
    for _k in range(EXTRA_ROWS):
        shown.append({"row": setup.FrameworkRow("", ""), "errors": [], "depth": 0})
    context = {
        "edition": edition, "criteria_set": criteria_set, "rows": shown, "general": general, "locked": locked,
        "why": why, "imported": imported, "sets": setup.criteria_sets_of(edition), "row_errors": bool(errors),
    }  # fmt: skip
    return render(request, "workspace/framework.html", context, status=400 if errors or general else 200)


@staff_view
@accepts_body(12 * MB)
@require_POST
def framework_upload(request, slug, set_id):
    """The province's Excel table read into the editor, shown before anything is saved."""
    edition, _roles = _coordinator(request, slug)
    criteria_set = get_object_or_404(CriteriaSet, edition=edition, pk=set_id)
    upload = request.FILES.get("tep")
    if upload is None:
        return _render_framework(request, edition, criteria_set, setup.framework_rows(criteria_set), {},
                                 [_("Choose an Excel file.")], setup.framework_locked(edition), "")  # fmt: skip
    try:
        rows = framework_excel.read_workbook(upload)
        setup.read_framework(rows)  # checked now: refusals by sheet, row and column
    except setup.SetupRefused as refused:
        general = [f"{place}: {message}" if place else message for place, message in refused.errors]
        return _render_framework(request, edition, criteria_set, setup.framework_rows(criteria_set), {}, general,
                                 setup.framework_locked(edition), "")  # fmt: skip
    return _render_framework(request, edition, criteria_set, rows, {}, [], setup.framework_locked(edition), "",
                             imported=upload.name)  # fmt: skip


@staff_view
def framework_download(request, slug, set_id):
    edition, _roles = _coordinator(request, slug)
    criteria_set = get_object_or_404(CriteriaSet, edition=edition, pk=set_id)
    body = framework_excel.framework_workbook(setup.framework_rows(criteria_set), title=edition.title)
    response = HttpResponse(body, content_type=XLSX)
    response["Content-Disposition"] = content_disposition_header(True, f"{edition.slug}-{criteria_set.name}.xlsx")
    return response


@staff_view
def framework_sample(request):
    body = framework_excel.framework_workbook(framework_excel.sample_rows(), title="Bộ tiêu chí mẫu")
    response = HttpResponse(body, content_type=XLSX)
    response["Content-Disposition"] = content_disposition_header(True, "bo-tieu-chi-mau.xlsx")
    return response


# Units ------------------------------------------------------------------------------------------------------------


def _previous_units(edition):
    """The units of the edition this one follows (its last year), to choose predecessors from: [Unit]."""
    previous = previous_editions([edition]).get(edition.pk)
    if previous is None:
        return []
    return list(Unit.objects.filter(edition=previous).order_by("position"))


@staff_view
def units(request, slug):
    """The units of a draft by block: add, rename, move, remove, official codes, predecessors, mergers."""
    edition, _roles = _coordinator(request, slug)
    blocks = setup.blocks_of(edition)
    province = province_named(edition.authority.province)
    official = communes_of(int(province.code)) if province is not None else []
    previous = _previous_units(edition)
    error, proposal = None, None
    if request.method == "POST":
        action = request.POST.get("hanh-dong", "")
        try:
            proposal = _act(request, edition, blocks, action, previous, province)
        except setup.SetupRefused as refused:
            error = "; ".join(str(message) for _place, message in refused.errors)
        else:
            if proposal is None:
                messages.success(request, _("Saved."))
                return redirect("workspace:setup_units", slug=edition.slug)
    listed = list(Unit.objects.filter(edition=edition).select_related("block").order_by("block__position", "position"))
    off = set(Score.objects.filter(unit__edition=edition, not_assessed=True).values_list("unit_id", "criterion__code"))
    leaves = {b.pk: list(Criterion.objects.filter(criteria_set_id=b.criteria_set_id, is_leaf=True)
                         .order_by("position").values_list("code", "name")) for b in blocks}  # fmt: skip
    rows = [{"unit": u, "off": sorted(code for unit_id, code in off if unit_id == u.pk), "leaves": leaves[u.block_id]}
            for u in listed]  # fmt: skip
    here = {u.code for u in listed}
    candidates = [(u.code, u.name) for u in listed] + [(u.code, u.name) for u in previous if u.code not in here]
    context = {
        "edition": edition, "blocks": blocks, "rows": rows, "official": official, "province": province,
        "candidates": candidates,
        "previous": previous, "error": error, "proposal": proposal, "post": request.POST if error or proposal else {},
        "draft": edition.status == Edition.Status.DRAFT,
    }  # fmt: skip
    return render(request, "workspace/setup_units.html", context, status=400 if error else 200)


def _act(request, edition, blocks, action, previous, province):
    post = request.POST
    block = next((b for b in blocks if str(b.pk) == post.get("khoi", "")), None)
    unlisted = post.get("ngoai-danh-muc") == "1"
    if action in ("them", "gop", "de-xuat"):
        official = post.get("ma-chinh-thuc", "").strip()
        name = post.get("ten", "").strip()
        if official and not name and province is not None:
            name = ("UBND " + _lower_kind(dict(communes_of(int(province.code))).get(official, ""))).strip()
        if action == "de-xuat":  # propose the predecessors of the chosen commune from the official conversion
            if not official:
                raise setup.SetupRefused([("", _("Choose the new commune in the official list first."))])
            here = list(Unit.objects.filter(edition=edition))
            known = {u.code for u in here}
            district = _district(edition)
            old = [(u.code, u.name, district, edition.authority.province)
                   for u in here + [u for u in previous if u.code not in known]]  # fmt: skip
            return {"official": official, "name": name, "codes": proposed_predecessors(official, old)}
        if block is None:
            raise setup.SetupRefused([("khoi", _("Choose the block."))])
        code = post.get("ma", "").strip()
        if action == "gop":
            setup.merge_units(edition=edition, block=block, code=code, name=name, predecessors=post.getlist("tien-than"),
                              official_code=official, unlisted=unlisted, user=request.user)  # fmt: skip
        else:
            setup.add_unit(edition=edition, block=block, code=code, name=name, official_code=official,
                           unlisted=unlisted, predecessors=post.getlist("tien-than"), user=request.user)  # fmt: skip
        return None
    unit = get_object_or_404(Unit, edition=edition, pk=post.get("don-vi", "0") if post.get("don-vi", "").isdigit()
                             else 0)  # fmt: skip
    if action == "sua":
        setup.update_unit(unit=unit, name=post.get("ten"), block=block,
                          official_code=post.get("ma-chinh-thuc", unit.official_code), unlisted=unlisted,
                          predecessors=[p for p in post.get("tien-than", "").replace(",", " ").split()],
                          user=request.user)  # fmt: skip
    elif action == "khong-ap-dung":
        setup.set_not_applicable(unit=unit, criterion_codes=post.getlist("khong-ap-dung"), user=request.user)
    elif action == "xoa":
        setup.remove_unit(unit=unit, user=request.user)
    else:
        raise Http404("unknown action")
    return None


def _lower_kind(name):
    """ "Xã Sơn Cẩm Hà" → "xã Sơn Cẩm Hà" (after "UBND")."""
    for kind in ("Xã ", "Phường ", "Đặc khu ", "Thị trấn "):
        if name.startswith(kind):
            return kind.lower() + name[len(kind) :]
    return name


def _district(edition):
    """The district of a district's communes ("huyện Tiên Phước"), for the conversion of their names; else ""."""
    name = edition.authority.name
    return ("huyện" + name.split("huyện", 1)[1]).strip() if "huyện" in name else ""


@staff_view
def notifications(request):
    """The notices the user was sent: steps that opened, deadlines coming."""
    notices = Notification.objects.filter(user=request.user).select_related("edition")[:200]
    return render(request, "workspace/notifications.html", {"notices": notices})

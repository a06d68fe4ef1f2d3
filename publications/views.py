"""The public pages: home, announcements, units, authorities, methodology, search."""

import json
import re
from collections import OrderedDict
from html import unescape

from csp.decorators import csp_replace
from django.core.paginator import Paginator
from django.db.models import Exists, OuterRef
from django.db.models.functions import Coalesce
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.html import strip_tags
from django.utils.http import content_disposition_header, http_date, urlencode
from django.utils.translation import gettext as _
from django.views.decorators.clickjacking import xframe_options_exempt

from publications import licence
from publications.access import public_edition
from publications.caching import edition_response, public_page, read_only, respond
from publications.charts import NARROW, WIDE, edition_charts, history_bar
from publications.images import preview_image, svg_to_png
from publications.lineage import lineage, unit_history
from publications.maps import block_map, has_map
from publications.search import LIMIT
from publications.search import search as search_units
from publications.summaries import block_summary, movers_sentence
from publications.titles import announcement_title, citation, period_text
from scoring.changes import amendment_changes, method_changes
from scoring.exporting import CSV_DICTIONARY
from scoring.frameworks import framework_for
from scoring.models import Authority, Criterion, Edition, EditionEvent, IndexKind, Unit
from scoring.nation import is_province, national_figures, province_key, standing_of
from scoring.numbers import fixed
from scoring.results import edition_results, previous_editions, results_for
from scoring.scorecards import marks, where_to_improve
from scoring.standings import block_statistics, distance
from scoring.tables import range_text, ranking_table, unit_choices
from scoring.vocabulary import band_colour, shown_text


@public_page(params=("tinh", "nam", "chi-so", "trang"))
def home(request):
    editions = (
        Edition.objects.published()
        .select_related("authority", "index", "decision")
        .annotate(superseded=Exists(Edition.objects.filter(supersedes=OuterRef("pk"), status=Edition.Status.PUBLISHED)))
    )
    province = request.GET.get("tinh", "").strip()
    year = request.GET.get("nam", "").strip()
    index = request.GET.get("chi-so", "").strip()
    if province:
        editions = editions.filter(authority__province=province)
    if re.fullmatch(r"[0-9]{1,4}", year, re.ASCII):  # str.isdigit() also takes "²"; 5 digits is no year
        editions = editions.filter(year=int(year))
    if index:
        editions = editions.filter(index__code=index)
    # By the date of the decision, or of the figures for an index reported by period.
    editions = editions.order_by(Coalesce("decision__date", "as_of").desc(nulls_last=True), "-published_at",
                                 "authority__name")  # fmt: skip
    page = Paginator(editions, 20).get_page(request.GET.get("trang"))
    # Each decision with who leads each of its blocks (read from the frozen results: a fixed number of queries).
    results = results_for(page.object_list)
    page.object_list = [
        {"edition": e, "leaders": [(b, b.units[0]) for b in results[e.pk].blocks if b.units]} for e in page.object_list
    ]
    published = Edition.objects.published()
    context = {
        "page": page,
        "provinces": published.order_by("authority__province").values_list("authority__province", flat=True).distinct(),
        "years": published.order_by("-year").values_list("year", flat=True).distinct(),
        "indexes": IndexKind.objects.filter(editions__status=Edition.Status.PUBLISHED).distinct().order_by("code"),
        "chosen": {"province": province, "year": year, "index": index},
    }
    return respond(request, "publications/home.html", context)


@public_page(params=("q",))
def search(request):
    found = search_units(request.GET.get("q", ""))
    context = {"query": found.query, "found": found, "limit": LIMIT}
    return respond(request, "publications/search.html", context)


@public_page(params=lambda name: name.endswith("-sort"))  # each block's table sorts by {block}-sort
def announcement(request, slug):
    edition, preview = public_edition(request, slug)
    results = edition_results(edition)

    def unit_url(code):
        return reverse("publications:unit", args=[edition.slug, code])

    charts = _numbered(edition, edition_charts(edition, results))
    count = len(results.blocks)
    blocks = []
    for i, block in enumerate(results.blocks):
        blocks.append(
            {
                "result": block,
                "anchor": f"khoi-{block.code}",
                "summary": block_summary(block, leaders=edition.summary_leaders, detailed=edition.index.periodic),
                "movers": movers_sentence(block),
                "mix": band_mix(block),
                "choices": unit_choices(block),
                "located": has_map(block, edition.authority),
                "compare_url": reverse("publications:compare", args=[edition.slug])
                + "?"
                + urlencode([("ma", unit.code) for unit in block.units[:3]]),
                "bar": charts[i],
                "heatmap": charts[count + i],
                "table": ranking_table(block, request=request, unit_url=unit_url),
            }
        )
    summary = " ".join(unescape(strip_tags(sentence)) for b in blocks for sentence in b["summary"][:2])
    context = {
        "page_title": announcement_title(edition),
        "edition": edition,
        "results": results,
        "blocks": blocks,
        "og_description": summary,
        "og_image": request.build_absolute_uri(reverse("publications:announcement_image", args=[edition.slug])),
        "citation": citation(edition, request.build_absolute_uri(request.path)),
        "amended": _amended(edition, results),
        "superseding": edition.superseding() if edition.is_published else None,
        "supersedes": edition.supersedes if edition.supersedes_id else None,
        "nation": _nation(edition, results),
    }
    return respond(request, "publications/announcement.html", context, edition=edition, preview=preview)


def _nation(edition, results):
    """A national edition's own figures (`scoring.nation`), and the provinces that publish on this portal, linked."""
    if edition.authority.level != Authority.Level.NATIONAL:
        return None
    provinces = [block for block in results.blocks if any(is_province(u.name) for u in block.units)]
    if not provinces:
        return None
    block = provinces[0]
    portals = {}
    for authority in Authority.objects.filter(level=Authority.Level.PROVINCE, editions__status="published").distinct():
        portals.setdefault(province_key(authority.province), authority)
    linked = [(unit, portals[province_key(unit.name)]) for unit in block.units if province_key(unit.name) in portals]
    return {"figures": national_figures(block), "block": block, "linked": linked}


@public_page
def unit(request, slug, code):
    edition, preview = public_edition(request, slug)
    found_lineage = lineage(edition)
    results = next(r for e, r in found_lineage if e.pk == edition.pk)
    block = next((b for b in results.blocks if any(u.code == code for u in b.units)), None)
    if block is None:
        raise Http404("no such unit")
    result = next(u for u in block.units if u.code == code)
    # Beside the leader; the leader itself beside the runner-up (not beside itself).
    others = [u for u in block.units if u.code != code]
    beside = block.units[0] if block.units[0].code != code else (others[0] if others else None)
    unit_marks = marks(unit_id=result.unit_id, criteria_set_id=block.criteria_set_id)
    children = {}
    for mark in unit_marks:
        if mark.depth == 0:
            children[mark.code] = [m for m in unit_marks if m.group_code == mark.code and m.depth > 0]
    average, _median = block_statistics(block)
    groups = []
    for k, group in enumerate(result.groups):
        groups.append(
            {
                "group": group,
                "width": float(group.percent) if group.percent is not None else 0,
                "average": average.groups[k],
                "beside": beside.groups[k] if beside else None,
                "criteria": children.get(group.code, []),
            }
        )
    history = unit_history(edition, result, found_lineage)
    chart = _history_chart(edition, result, history)
    context = {
        "edition": edition,
        "unit_block": block,
        "result": result,
        "beside": beside,
        "leads": beside is not None and block.units[0].code == code,
        "groups": groups,
        "improve": where_to_improve(unit_marks, result.groups),
        "band_range": next((r for r in block.band_ranges if r[0] == result.band), None),
        "previous": _previous(result, history),
        "average_score": average.score,
        "average_percent": average.percent,
        "distance": distance(block, result, rank_by=edition.rank_by),
        "og_image": request.build_absolute_uri(reverse("publications:unit_image", args=[edition.slug, code])),
        "citation": citation(edition, request.build_absolute_uri(request.path)),
        "neighbours": _neighbours(block, result),
        "history": history,
        "history_chart": chart,
        "og_description": _("%(unit)s — %(index)s %(year)s: %(score)s points, rank %(rank)s/%(of)s")
        % {
            "unit": shown_text(result.name, "unit"),
            "index": edition.index.display_short_name,
            "year": edition.year,
            "score": result.score,
            "rank": result.rank,
            "of": result.of,
        },
    }
    return respond(request, "publications/unit.html", context, edition=edition, preview=preview)


def _published_or_none(edition):
    return edition if edition is not None and edition.is_published else None


def _amended(edition, results):
    """What an amending decision changed: [FigureChange] against the decision it amends (None for an original)."""
    original = edition.supersedes if edition.supersedes_id else None
    if original is None or not original.is_published:
        return None
    return amendment_changes(results, edition_results(original))


def _neighbours(block, result):
    """The codes of the unit and of the units just above and below it: what a reader compares it with first."""
    i = next(k for k, u in enumerate(block.units) if u.code == result.code)
    return [u.code for u in block.units[max(0, i - 1) : i + 2]]


def _previous(result, history):
    """The unit's result in the edition it is compared with, and the change since: {"unit", "year", "points",
    "places", "percent"}; None when it has none. Rank and percent are the computation's; the score and the
    number of units ranked that year come from that edition's results."""
    if result.previous_rank is None:
        return None
    earlier = [row for row in history if not row["is_current"] and row["unit"].rank == result.previous_rank]
    row = earlier[-1] if earlier else None
    return {
        "unit": row["unit"] if row else None,
        "year": row["edition"].year if row else None,
        "period": row["edition"].period if row and row["edition"].period_start else None,
        "places": result.rank_change,
        "places_moved": abs(result.rank_change),
        "points": result.score - row["unit"].score if row else None,
        "percent": result.percent - result.previous_percent
        if result.percent is not None and result.previous_percent is not None
        else None,
    }


def band_mix(block):
    """The block's units by band, as the segments of a bar: [(label, colour, count, width in %)], best band first."""
    total = len(block.units)
    counts = block.band_counts
    unbanded = total - sum(counts.values())
    segments = [(label, band_colour(label), n, 100 * n / total) for label, n in counts.items()]
    if unbanded:
        segments.append(("", band_colour(None), unbanded, 100 * unbanded / total))
    return segments


@read_only
def find_unit(request, slug):
    """ "Find your unit" on an announcement: the unit chosen in the list, by its code (?ma=…), on its own page."""
    edition, _preview = public_edition(request, slug)
    code = request.GET.get("ma", "")
    if not Unit.objects.filter(edition=edition, code=code).exists():
        return redirect("publications:announcement", slug=edition.slug)
    return redirect("publications:unit", slug=edition.slug, code=code)


def _history_chart(edition, result, history):
    if edition.period_start is not None:
        title = _("%(unit)s: results period by period") % {"unit": result.name}
    else:
        title = _("%(unit)s: results edition by edition") % {"unit": result.name}
    chart = history_bar(
        [(row["label"], row["percent"], row["band"], band_colour(row["band"])) for row in history], title=title
    )
    chart.svg_url, chart.json_url, chart.png_url = (
        reverse("publications:unit_chart_file", args=[edition.slug, result.code, fmt]) for fmt in ("svg", "json", "png")
    )
    return chart


def _numbered(edition, charts):
    for number, chart in enumerate(charts, start=1):
        chart.svg_url, chart.json_url, chart.png_url = (
            reverse("publications:chart_file", args=[edition.slug, f"{number:02d}", fmt])
            for fmt in ("svg", "json", "png")
        )
        chart.embed_url = reverse("publications:chart_embed", args=[edition.slug, f"{number:02d}"])
    return charts


def source_line(request, edition):
    """ "Nguồn: <portal>, Quyết định số 2649/QĐ-UBND ngày 12/12/2023 của UBND tỉnh Quảng Nam": under a chart or an image."""
    decision = getattr(edition, "decision", None)
    authority = shown_text(edition.authority_name, "authority")
    if decision is not None:
        told = _("Decision No. %(number)s of %(date)s of %(authority)s") % {
            "number": decision.number, "date": date_format(decision.date, "SHORT_DATE_FORMAT"), "authority": authority,
        }  # fmt: skip
    elif edition.period_start is not None:
        told = f"{period_text(edition)}, {authority}"
    else:
        told = authority
    return _("Source: %(site)s, %(decision)s") % {"site": request.get_host(), "decision": told}


def _chart_response(request, chart, fmt, *, edition, preview, name="bieu-do"):
    """A chart as SVG (drawn on the server; ?rong=400 for a phone), as PNG, or as its figure in JSON (for plotly).

    `?tai=1`, and always as PNG: a file to download, with its numbered title and its source line.
    """
    if fmt not in ("svg", "json", "png"):
        raise Http404("unknown format")
    download = fmt == "png" or request.GET.get("tai") == "1"
    if fmt == "json":
        response = HttpResponse(json.dumps(chart.figure, ensure_ascii=False), content_type="application/json")
    else:
        width = NARROW if request.GET.get("rong") == str(NARROW) else WIDE
        frame = {"title": chart.title, "source": source_line(request, edition)} if download else {}
        text = chart.svg(width, **frame)
        if fmt == "png":
            response = HttpResponse(svg_to_png(text), content_type="image/png")
        else:
            response = HttpResponse(text, content_type="image/svg+xml; charset=utf-8")
        if download:
            filename = f"{edition.slug}-{name}.{fmt}"
            response["Content-Disposition"] = content_disposition_header(True, filename)
    return edition_response(response, edition, preview)


def _numbered_chart(edition, number):
    if not re.fullmatch(r"[0-9]{2,3}", number, re.ASCII):
        raise Http404("no such chart")
    charts = edition_charts(edition, edition_results(edition))
    position = int(number) - 1
    if not 0 <= position < len(charts):
        raise Http404("no such chart")
    return charts[position]


@public_page(params=("rong", "tai"))
def chart(request, slug, number, fmt):
    """One chart of an announcement ("Biểu đồ 01"), as SVG, PNG or as the figure plotly draws."""
    edition, preview = public_edition(request, slug)
    chart = _numbered_chart(edition, number)
    return _chart_response(request, chart, fmt, edition=edition, preview=preview, name=f"bieu-do-{number}")


@csp_replace({"frame-ancestors": ["*"]})
@xframe_options_exempt
@public_page
def chart_embed(request, slug, number):
    """One chart on a page of its own that news sites may put in an iframe (every other page refuses framing)."""
    edition, preview = public_edition(request, slug)
    if preview:
        raise Http404("drafts are not embedded")
    chart = _numbered_chart(edition, number)
    chart.svg_url, chart.json_url, chart.png_url = (
        reverse("publications:chart_file", args=[edition.slug, number, fmt]) for fmt in ("svg", "json", "png")
    )
    height = chart.sizes["wide"][1] + 120
    code = f'<iframe src="{request.build_absolute_uri()}" width="100%" height="{height}" style="border:0" title="{chart.title}" loading="lazy"></iframe>'
    context = {
        "edition": edition,
        "chart": chart,
        "number": number,
        "source": source_line(request, edition),
        "code": code,
    }
    return respond(request, "publications/embed.html", context, edition=edition)


@public_page(params=("rong", "tai"))
def unit_chart(request, slug, code, fmt):
    """A unit's results edition by edition, as SVG or as the figure plotly draws."""
    edition, preview = public_edition(request, slug)
    found_lineage = lineage(edition)
    result = next(r for e, r in found_lineage if e.pk == edition.pk).unit(code)
    if result is None:
        raise Http404("no such unit")
    history = unit_history(edition, result, found_lineage)
    return _chart_response(request, _history_chart(edition, result, history), fmt, edition=edition, preview=preview)


@public_page
def authority(request, slug):
    authority = get_object_or_404(Authority, slug=slug)
    editions = list(
        Edition.objects.published()
        .filter(authority=authority)
        .select_related("index", "decision")
        .order_by("index__code", "period", "-year")
    )
    if not editions:
        raise Http404("no published edition")
    all_results = results_for(editions)
    indexes = OrderedDict()
    for edition in editions:
        entry = indexes.setdefault(edition.index_id, {"index": edition.index, "editions": [], "blocks": OrderedDict()})
        entry["editions"].append(edition)
        for block in all_results[edition.pk].blocks:
            row = entry["blocks"].setdefault(block.code, {"name": block.name, "labels": [], "years": []})
            for band in block.bands:
                if band.label not in row["labels"]:
                    row["labels"].append(band.label)
            row["years"].append(
                {
                    "edition": edition,
                    "units": len(block.units),
                    "counts": block.band_counts,
                    "leader": block.units[0] if block.units else None,
                }
            )
    for entry in indexes.values():
        for row in entry["blocks"].values():
            for year in row["years"]:
                year["cells"] = [year["counts"].get(label, 0) for label in row["labels"]]
    nation = standing_of(authority.province) if authority.level == Authority.Level.PROVINCE else []
    context = {"authority": authority, "indexes": list(indexes.values()), "nation": nation}
    response = respond(request, "publications/authority.html", context)
    response["Last-Modified"] = http_date(max(e.published_at for e in editions).timestamp())
    return response


@public_page
def methodology(request, slug):
    edition, preview = public_edition(request, slug)
    criteria = list(
        Criterion.objects.filter(criteria_set__edition=edition).order_by("criteria_set__position", "position")
    )
    results = edition_results(edition)
    sets = OrderedDict()
    for criterion in criteria:
        sets.setdefault(criterion.criteria_set_id, {"criteria": [], "blocks": [], "name": ""})["criteria"].append(
            criterion
        )
    blocks = list(edition.blocks.select_related("criteria_set").order_by("position"))
    for block in blocks:
        entry = sets.setdefault(block.criteria_set_id, {"criteria": [], "blocks": []})
        entry["blocks"].append(block)
        entry["name"] = block.criteria_set.name
    # Each scale of bands once, with the blocks that use it (most editions have one for all blocks).
    scales = OrderedDict()
    for block in results.blocks:
        key = tuple((band.label, band.min_percent) for band in block.bands)
        entry = scales.setdefault(key, {"blocks": [], "bands": []})
        entry["blocks"].append(block)
        entry["bands"] = [
            {"label": label, "range": range_text(low, high), "head": edition.head_ratings.get(label, "")}
            for label, low, high in block.band_ranges
        ]
    context = {
        "edition": edition,
        "sets": list(sets.values()),
        "results": results,
        "scales": list(scales.values()),
        "framework": framework_for(edition.index.code, edition.year),
        "framework_changes": EditionEvent.objects.filter(
            edition=edition, edition_slug=edition.slug, action=EditionEvent.Action.FRAMEWORK_CHANGED
        ).order_by("at"),
        "changes": method_changes(edition, _published_or_none(previous_editions([edition]).get(edition.pk))),
    }
    return respond(request, "publications/methodology.html", context, edition=edition, preview=preview)


@public_page
def announcement_image(request, slug):
    """The preview image (Open Graph) of an announcement: who leads the first block."""
    edition, preview = public_edition(request, slug)
    results = edition_results(edition)
    figures, band = [], None
    leader = results.blocks[0].units[0] if results.blocks and results.blocks[0].units else None
    if leader is not None:
        figures = [(_("Leads"), shown_text(leader.name, "unit")[:28]), (_("Percent"), f"{fixed(leader.percent, 2)}%")]
        band = leader.band
    return _image_response(
        preview_image(
            heading=f"{edition.index.display_short_name} {edition.year} · {shown_text(edition.authority_name, 'authority')}",
            title=announcement_title(edition),
            figures=figures,
            band=shown_text(band, "band") if band else None,
            band_colour=band_colour(band) if band else None,
            footer=source_line(request, edition),
        ),
        edition,
        preview,
    )


@public_page
def unit_image(request, slug, code):
    """The preview image (Open Graph) of a unit page: its name, score, percent, rank and band."""
    edition, preview = public_edition(request, slug)
    result = edition_results(edition).unit(code)
    if result is None:
        raise Http404("no such unit")
    return _image_response(
        preview_image(
            heading=f"{edition.index.display_short_name} {edition.year} · {shown_text(edition.authority_name, 'authority')}",
            title=shown_text(result.name, "unit"),
            figures=[
                (_("Score"), fixed(result.score, 2)),
                (_("Percent"), f"{fixed(result.percent, 2)}%"),
                (_("Rank"), f"{result.rank}/{result.of}"),
            ],
            band=shown_text(result.band, "band") if result.band else None,
            band_colour=band_colour(result.band) if result.band else None,
            footer=source_line(request, edition),
        ),
        edition,
        preview,
    )


def _image_response(png, edition, preview):
    return edition_response(HttpResponse(png, content_type="image/png"), edition, preview)


@public_page
def map_page(request, slug):
    """The localities of each block on a map, at their official coordinates, coloured and shaped by band."""
    edition, preview = public_edition(request, slug)
    results = edition_results(edition)

    def unit_url(code):
        return reverse("publications:unit", args=[edition.slug, code])

    maps = []
    for block in results.blocks:
        anchor = f"khoi-{block.code}"
        drawn = block_map(block, edition.authority, unit_url=unit_url, anchor=anchor)
        if drawn is not None:
            maps.append({"block": block, "anchor": anchor, "map": drawn})
    context = {"edition": edition, "maps": maps}
    return respond(request, "publications/map.html", context, edition=edition, preview=preview)


@public_page
def open_data(request):
    return respond(request, "publications/open_data.html", {"columns": CSV_DICTIONARY, "licence": licence})


@read_only
def decision_pdf(request, slug):
    """The signed decision of a published edition (a public document)."""
    edition, _preview = public_edition(request, slug)
    decision = getattr(edition, "decision", None)
    if decision is None or not decision.signed_pdf:
        raise Http404("no signed decision")
    response = FileResponse(decision.signed_pdf.open("rb"), content_type="application/pdf",
                            filename=f"{edition.slug}-quyet-dinh.pdf")  # fmt: skip
    response["X-Content-Type-Options"] = "nosniff"
    return response

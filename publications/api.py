"""The read-only open-data API (/api/v1/…): published editions and their results, the national figures, and one
kind of block across authorities.

Results have exactly the shape `export_results` prints. The endpoints are django-ninja operations typed by the
schemas below: every answer is validated against them, and the OpenAPI document at /api/v1/openapi.json is
generated from them, so that the document and the code cannot drift. Errors are `{"error": "…"}` with their
status (400 for a parameter the document refuses, 404, 405 for methods other than GET and HEAD).
"""

import functools
from typing import Annotated, Literal

from django.http import Http404, HttpResponsePermanentRedirect, JsonResponse
from django.urls import Resolver404, resolve, reverse
from django.views.decorators.csrf import csrf_exempt
from ninja import Field, NinjaAPI, Path, Query, Schema
from ninja.decorators import decorate_view
from ninja.errors import ValidationError
from ninja.renderers import JSONRenderer

from publications import licence
from publications.caching import mark_cacheable, public_page
from scoring.across import lineup
from scoring.exporting import period_of, results_document
from scoring.models import Authority
from scoring.models import Edition as EditionModel
from scoring.nation import is_province, national_figures
from scoring.points import fixed2
from scoring.results import edition_results
from scoring.vocabulary import BLOCK_KINDS

PAGE_SIZE = 100
BlockKind = Literal[tuple(BLOCK_KINDS)]  # the kinds of block the vocabulary knows, as the document lists them
GET = ["GET", "HEAD"]

# Figures travel as text with two decimals ("85.82"): exact, as the format writes them.
Figure = Annotated[str, Field(pattern=r"^\d+\.\d{2}$", examples=["85.82"])]
Change = Annotated[str, Field(pattern=r"^-?\d+\.\d{2}$", examples=["1.39"])]
Day = Annotated[str, Field(json_schema_extra={"format": "date"}, examples=["2023-12-12"])]
Moment = Annotated[str, Field(json_schema_extra={"format": "date-time"})]
Link = Annotated[str, Field(json_schema_extra={"format": "uri"})]
# No control characters anywhere in an address: the portal answers 400 to them.
TEXT = r"^[^\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]*$"
SlugPath = Annotated[str, Path(pattern=r"^[a-z0-9-]+$")]
CodePath = Annotated[str, Path(pattern=TEXT)]


class Decision(Schema):
    number: str = Field(examples=["2649/QĐ-UBND"])
    date: Day
    signer: str
    title: str


class Period(Schema):
    """An index reported by period: its period, the day its figures are as of, their source."""

    label: str
    start: Day
    end: Day
    as_of: Day | None
    source: str


class Group(Schema):
    code: str
    name: str
    score: Figure
    max: Figure


class Previous(Schema):
    rank: int | None
    percent: Figure | None


class UnitResult(Schema):
    code: str
    name: str
    rank: int = Field(ge=1)
    of: int = Field(ge=1)
    score: Figure
    max: Figure
    percent: Figure | None
    band: str | None
    head_rating: str | None
    previous: Previous
    groups: list[Group]


class Block(Schema):
    code: str
    name: str
    band_counts: dict[str, int]
    units: list[UnitResult]


class Edition(Schema):
    slug: str
    title: str
    year: int
    index: str
    authority: str
    status: Literal["draft", "published"]
    decision: Decision | None
    period: Period | None = None  # only for an index reported by period


class Results(Schema):
    edition: Edition
    blocks: list[Block]


class BlockResults(Schema):
    edition: Edition
    block: Block


class UnitResultDocument(Schema):
    edition: Edition
    block: str
    unit: UnitResult


class EditionSummary(Schema):
    slug: str
    title: str
    year: int
    period: str | None
    index: str
    authority: str
    authority_slug: str
    authority_level: Literal["national", "province", "district", "commune"]
    province: str
    decision: Decision | None
    published_period: Period | None
    published_at: Moment | None
    url: Link
    page: Link


class EditionList(Schema):
    count: int
    page: int
    page_size: int
    results: list[EditionSummary]


class Rise(Schema):
    unit: str
    change: Change


class RegionFigure(Schema):
    name: str
    provinces: int
    average: Figure | None
    previous: Figure | None
    change: Change | None


class NationalFigures(Schema):
    edition: str
    block: str
    average: Figure | None
    previous_average: Figure | None
    change: Change | None
    rose: int
    fell: int
    unchanged: int
    largest_rise: Rise | None
    smallest_rise: Rise | None
    groups: dict[str, int]
    regions: list[RegionFigure]


class CriteriaSet(Schema):
    name: str
    criteria: int
    max: Figure


class AcrossRow(Schema):
    rank: int
    authority: str
    edition: str
    block: str
    unit: str | None
    unit_name: str | None
    percent: Figure
    rank_in_block: int | None
    of: int
    band: str | None
    criteria_set: CriteriaSet


class Across(Schema):
    kind: str
    year: int
    units: dict[str, str]
    results: list[AcrossRow]
    note: str


class Error(Schema):
    error: str


class _Renderer(JSONRenderer):
    json_dumps_params = {"ensure_ascii": False}


api = NinjaAPI(
    title="parindex open data",
    version="1.0.0",
    description="Published results of the administrative reform index (PAR index, Chỉ số CCHC), the citizen-service "
    "index, and the national PAR INDEX and SIPAS. Decimals are strings with exactly 2 decimals. Drafts are never "
    "listed. " + str(licence.STATEMENT),
    openapi_extra={"info": {"license": {"name": licence.NAME, "identifier": licence.SPDX}}},
    urls_namespace="api",
    renderer=_Renderer(),
    docs_url=None,
    openapi_url="/openapi.json",
)
ERRORS = {400: Error, 404: Error}


def _error(request, message, status):
    response = JsonResponse({"error": message}, status=status, json_dumps_params={"ensure_ascii": False})
    response["Access-Control-Allow-Origin"] = "*"
    return response


@api.exception_handler(ValidationError)
def _invalid(request, exc):
    told = "; ".join(f"{'.'.join(str(part) for part in error['loc'][1:])}: {error['msg']}" for error in exc.errors)
    return _error(request, told or "invalid request", 400)


@api.exception_handler(Http404)
def _not_found(request, exc):
    return _error(request, str(exc) or "not found", 404)


def published_data(params=()):
    """Open to every site (CORS), and cached as public pages are (`public_page`: only the named parameters)."""

    def decorate(run):
        @functools.wraps(run)
        def answer(request, *args, **kwargs):
            response = run(request, *args, **kwargs)
            response["Access-Control-Allow-Origin"] = "*"
            return mark_cacheable(response) if response.status_code == 200 else response

        return public_page(answer, params=params)

    return decorate


def api_view(view):
    """Only GET and HEAD, with a JSON 405 for anything else (before CSRF, which does not apply: nothing here
    changes anything)."""

    @functools.wraps(view)
    def wrapped(request, *args, **kwargs):
        if request.method not in GET:
            response = _error(request, "only GET and HEAD are allowed", 405)
            response["Allow"] = "GET, HEAD"
            return response
        return view(request, *args, **kwargs)

    return csrf_exempt(wrapped)


def _published_editions():
    return EditionModel.objects.published().select_related("authority", "index", "decision")


def _published(slug):
    edition = _published_editions().filter(slug=slug).first()
    if edition is None:
        raise Http404("no published edition with that slug")
    return edition


def _summary(request, edition):
    decision = getattr(edition, "decision", None)
    return {
        "slug": edition.slug,
        "title": edition.title,
        "year": edition.year,
        "period": edition.period or None,
        "index": edition.index.code,
        "authority": edition.authority_name,
        "authority_slug": edition.authority.slug,
        "authority_level": edition.authority.level,
        "province": edition.authority_province,
        "decision": (
            {
                "number": decision.number,
                "date": decision.date.isoformat(),
                "signer": decision.signer,
                "title": decision.title,
            }
            if decision
            else None
        ),
        "published_period": period_of(edition) if edition.period_start else None,
        "published_at": edition.published_at.isoformat() if edition.published_at else None,
        "url": request.build_absolute_uri(reverse("api:edition", args=[edition.slug])),
        "page": request.build_absolute_uri(reverse("publications:announcement", args=[edition.slug])),
    }


@api.api_operation(
    GET,
    "/editions/",
    response={200: EditionList, **ERRORS},
    url_name="editions",
    operation_id="listEditions",
    summary="Published editions, newest first",
    exclude_unset=True,
)
@decorate_view(published_data(params=("authority", "year", "index", "page")))
def editions(
    request,
    authority: Annotated[str, Query(pattern=TEXT)] = "",
    year: Annotated[int, Query(ge=0)] = None,  # noqa: RUF013 — optional, and not null in the document
    index: Annotated[str, Query(pattern=TEXT)] = "",
    page: Annotated[int, Query(ge=1)] = 1,
):  # fmt: skip
    queryset = _published_editions()
    if authority:
        queryset = queryset.filter(authority__slug=authority)
    if year is not None:
        # A year no column can hold has no editions (and must not reach the database as an overflow).
        queryset = queryset.filter(year=year) if year <= 9999 else queryset.none()
    if index:
        queryset = queryset.filter(index__code=index)
    total = queryset.count()
    start = (page - 1) * PAGE_SIZE
    items = queryset.order_by("-published_at", "slug")[start : start + PAGE_SIZE] if start < total else []
    return {"count": total, "page": page, "page_size": PAGE_SIZE, "results": [_summary(request, e) for e in items]}


@api.api_operation(GET, "/editions/{slug}/", response={200: Results, **ERRORS}, url_name="edition",
                   operation_id="getEditionResults", summary="An edition's results (the shape of export_results)",
                   exclude_unset=True)  # fmt: skip
@decorate_view(published_data())
def edition(request, slug: SlugPath):
    return results_document(edition_results(_published(slug)))


@api.api_operation(GET, "/editions/{slug}/blocks/{code}/", response={200: BlockResults, **ERRORS}, url_name="block",
                   operation_id="getBlockResults", summary="One block's results", exclude_unset=True)  # fmt: skip
@decorate_view(published_data())
def block(request, slug: SlugPath, code: CodePath):
    document = results_document(edition_results(_published(slug)))
    chosen = next((b for b in document["blocks"] if b["code"] == code), None)
    if chosen is None:
        raise Http404("no such block")
    return {"edition": document["edition"], "block": chosen}


@api.api_operation(GET, "/editions/{slug}/units/{code}/", response={200: UnitResultDocument, **ERRORS},
                   url_name="unit", operation_id="getUnitResult", summary="One unit's result",
                   exclude_unset=True)  # fmt: skip
@decorate_view(published_data())
def unit(request, slug: SlugPath, code: CodePath):
    document = results_document(edition_results(_published(slug)))
    for chosen in document["blocks"]:
        for item in chosen["units"]:
            if item["code"] == code:
                return {"edition": document["edition"], "block": chosen["code"], "unit": item}
    raise Http404("no such unit")


def _cents(value):
    return fixed2(value) if value is not None else None


@api.api_operation(GET, "/editions/{slug}/nation/", response={200: NationalFigures, **ERRORS}, url_name="nation",
                   operation_id="getNationalFigures",
                   summary="A national edition's figures: average and change, rises and falls, groups, regions")  # fmt: skip
@decorate_view(published_data())
def nation(request, slug: SlugPath):
    edition = _published(slug)
    if edition.authority.level != Authority.Level.NATIONAL:
        raise Http404("not a national edition")
    results = edition_results(edition)
    found = next((b for b in results.blocks if any(is_province(u.name) for u in b.units)), None)
    if found is None:
        raise Http404("no block of provinces")
    f = national_figures(found)

    def rise(item):
        return {"unit": item[0].name, "change": fixed2(item[1])} if item else None

    return {
        "edition": edition.slug, "block": found.code,
        "average": _cents(f.average), "previous_average": _cents(f.previous_average), "change": _cents(f.change),
        "rose": f.rose, "fell": f.fell, "unchanged": f.same,
        "largest_rise": rise(f.largest_rise), "smallest_rise": rise(f.smallest_rise), "groups": f.groups,
        "regions": [{"name": r.name, "provinces": r.units, "average": _cents(r.average),
                     "previous": _cents(r.previous), "change": _cents(r.change)} for r in f.regions],
    }  # fmt: skip


@api.api_operation(GET, "/across/", response={200: Across, **ERRORS}, url_name="across", operation_id="getAcross",
                   summary="One kind of block lined up across authorities, each figure with its criteria set")  # fmt: skip
@decorate_view(published_data(params=("index", "year", "kind", "unit")))
def across(
    request,
    year: Annotated[int, Query(ge=0, le=9999)],
    kind: BlockKind = "so",
    index: Annotated[str, Query(pattern=TEXT)] = "cchc",
    unit: Annotated[str, Query(pattern=TEXT)] = "",
):  # fmt: skip
    found = lineup(index_code=index, year=year, kind=kind, unit=unit)
    return {
        "kind": kind, "year": year, "units": found.units,
        "results": [{"rank": r.rank, "authority": r.edition.authority_name, "edition": r.edition.slug,
                     "block": r.block_name, "unit": r.unit_code or None, "unit_name": r.unit_name or None,
                     "percent": fixed2(r.percent), "rank_in_block": r.rank_in_block, "of": r.of, "band": r.band,
                     "criteria_set": {"name": r.criteria_set, "criteria": r.criteria, "max": fixed2(r.maximum)}}
                    for r in found.rows],
        "note": "Each figure is measured on its own authority's criteria set: they differ between provinces and years.",
    }  # fmt: skip


@csrf_exempt
def unknown(request, rest):
    """Any other address under /api/v1/: a JSON 404 (or the address with its missing slash)."""
    if not request.path.endswith("/"):
        try:
            match = resolve(request.path + "/")
        except Resolver404:
            match = None
        if match is not None and match.func is not unknown and request.method in GET:
            query = request.META.get("QUERY_STRING", "")
            return HttpResponsePermanentRedirect(request.path + "/" + (f"?{query}" if query else ""))
    return _error(request, "no such address in this API; see /api/v1/openapi.json", 404)


def urlpatterns():
    """The operations' addresses (and the document's), each answering JSON 405 to methods other than GET and HEAD."""
    patterns = api.urls[0]
    for pattern in patterns:
        pattern.callback = api_view(pattern.callback)
    return patterns

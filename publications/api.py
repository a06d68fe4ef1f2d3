"""The read-only open-data API (/api/v1/…): published editions and their results.

Results have exactly the shape `export_results` prints. The OpenAPI document at
/api/v1/openapi.json describes every endpoint.
"""

import functools
import re

from django.http import Http404, HttpResponsePermanentRedirect, JsonResponse
from django.urls import Resolver404, resolve, reverse
from django.views.decorators.csrf import csrf_exempt

from publications import licence
from publications.caching import mark_cacheable, public_page
from scoring.across import lineup
from scoring.exporting import period_of, results_document
from scoring.models import Authority, Edition
from scoring.nation import is_province, national_figures
from scoring.points import fixed2
from scoring.results import edition_results
from scoring.vocabulary import BLOCK_KINDS

PAGE_SIZE = 100
WHOLE_NUMBER = re.compile(r"[0-9]+", re.ASCII)  # str.isdigit() also takes '²' and '٣'


def _json(request, data, status=200):
    response = JsonResponse(data, status=status, json_dumps_params={"ensure_ascii": False})
    response["Access-Control-Allow-Origin"] = "*"
    return mark_cacheable(response) if status == 200 else response


def _published(slug):
    edition = Edition.objects.published().select_related("authority", "index", "decision").filter(slug=slug).first()
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


def _error(request, message, status):
    return _json(request, {"error": message}, status=status)


def api_view(view):
    """Answer in JSON even when the view finds nothing (404), and only to GET and HEAD.

    CSRF does not apply: nothing here changes anything, and any other method (QUERY, POST...)
    gets its JSON 405 instead of the CSRF failure page.
    """

    @functools.wraps(view)
    def wrapped(request, *args, **kwargs):
        if request.method not in ("GET", "HEAD"):
            response = _error(request, "only GET and HEAD are allowed", 405)
            response["Allow"] = "GET, HEAD"
            return response
        try:
            return view(request, *args, **kwargs)
        except Http404 as exc:
            return _error(request, str(exc) or "not found", 404)

    return csrf_exempt(wrapped)


@api_view
@public_page(params=("authority", "year", "index", "page"))
def editions(request):
    """GET /api/v1/editions/?authority=&year=&index=&page= — published editions, newest first."""
    queryset = Edition.objects.published().select_related("authority", "index", "decision")
    authority = request.GET.get("authority")
    if authority:
        queryset = queryset.filter(authority__slug=authority)
    year = request.GET.get("year")
    if year:
        if not WHOLE_NUMBER.fullmatch(year):
            return _error(request, "year must be a whole number", 400)
        # A year no column can hold has no editions (and must not reach the database as an overflow).
        queryset = queryset.filter(year=int(year)) if len(year.lstrip("0")) <= 4 else queryset.none()
    index = request.GET.get("index")
    if index:
        queryset = queryset.filter(index__code=index)
    page = request.GET.get("page") or "1"
    if not WHOLE_NUMBER.fullmatch(page) or int(page) < 1:
        return _error(request, "page must be a whole number from 1", 400)
    page = int(page)
    total = queryset.count()
    start = (page - 1) * PAGE_SIZE
    items = queryset.order_by("-published_at", "slug")[start : start + PAGE_SIZE] if start < total else []
    return _json(
        request,
        {
            "count": total,
            "page": page,
            "page_size": PAGE_SIZE,
            "results": [_summary(request, e) for e in items],
        },
    )


@api_view
@public_page
def edition(request, slug):
    """GET /api/v1/editions/{slug}/ — the results of a published edition, as export_results prints them."""
    return _json(request, results_document(edition_results(_published(slug))))


@api_view
@public_page
def block(request, slug, code):
    """GET /api/v1/editions/{slug}/blocks/{code}/ — one block's results, with the edition."""
    document = results_document(edition_results(_published(slug)))
    chosen = next((b for b in document["blocks"] if b["code"] == code), None)
    if chosen is None:
        raise Http404("no such block")
    return _json(request, {"edition": document["edition"], "block": chosen})


@api_view
@public_page
def unit(request, slug, code):
    """GET /api/v1/editions/{slug}/units/{code}/ — one unit's result, with its block's code."""
    document = results_document(edition_results(_published(slug)))
    for chosen in document["blocks"]:
        for item in chosen["units"]:
            if item["code"] == code:
                return _json(request, {"edition": document["edition"], "block": chosen["code"], "unit": item})
    raise Http404("no such unit")


@api_view
@public_page
def nation(request, slug):
    """GET /api/v1/editions/{slug}/nation/ — a national edition's own figures (`scoring.nation`)."""
    edition = _published(slug)
    if edition.authority.level != Authority.Level.NATIONAL:
        raise Http404("not a national edition")
    results = edition_results(edition)
    block = next((b for b in results.blocks if any(is_province(u.name) for u in b.units)), None)
    if block is None:
        raise Http404("no block of provinces")
    f = national_figures(block)

    def rise(found):
        return {"unit": found[0].name, "change": fixed2(found[1])} if found else None

    return _json(request, {
        "edition": edition.slug, "block": block.code,
        "average": _cents(f.average), "previous_average": _cents(f.previous_average), "change": _cents(f.change),
        "rose": f.rose, "fell": f.fell, "unchanged": f.same,
        "largest_rise": rise(f.largest_rise), "smallest_rise": rise(f.smallest_rise), "groups": f.groups,
        "regions": [{"name": r.name, "provinces": r.units, "average": _cents(r.average),
                     "previous": _cents(r.previous), "change": _cents(r.change)} for r in f.regions],
    })  # fmt: skip


def _cents(value):
    return fixed2(value) if value is not None else None


@api_view
@public_page(params=("index", "year", "kind", "unit"))
def across(request):
    """GET /api/v1/across/?index=&year=&kind=&unit= — one kind of block lined up across authorities."""
    year = request.GET.get("year", "")
    if not WHOLE_NUMBER.fullmatch(year) or len(year.lstrip("0")) > 4:
        return _error(request, "year must be a whole number", 400)
    kind = request.GET.get("kind", "so")
    if kind not in BLOCK_KINDS:
        return _error(request, f"kind must be one of {', '.join(BLOCK_KINDS)}", 400)
    found = lineup(index_code=request.GET.get("index", "cchc"), year=int(year), kind=kind,
                   unit=request.GET.get("unit", ""))  # fmt: skip
    return _json(request, {
        "kind": kind, "year": int(year), "units": found.units,
        "results": [{"rank": r.rank, "authority": r.edition.authority_name, "edition": r.edition.slug,
                     "block": r.block_name, "unit": r.unit_code or None, "unit_name": r.unit_name or None,
                     "percent": fixed2(r.percent), "rank_in_block": r.rank_in_block, "of": r.of, "band": r.band,
                     "criteria_set": {"name": r.criteria_set, "criteria": r.criteria, "max": fixed2(r.maximum)}}
                    for r in found.rows],
        "note": "Each figure is measured on its own authority's criteria set: they differ between provinces and years.",
    })  # fmt: skip


@csrf_exempt
def unknown(request, rest):
    """Any other address under /api/v1/: a JSON 404 (or the address with its missing slash)."""
    if not request.path.endswith("/"):
        try:
            match = resolve(request.path + "/")
        except Resolver404:
            match = None
        if match is not None and match.func is not unknown and request.method in ("GET", "HEAD"):
            query = request.META.get("QUERY_STRING", "")
            return HttpResponsePermanentRedirect(request.path + "/" + (f"?{query}" if query else ""))
    return _error(request, "no such address in this API; see /api/v1/openapi.json", 404)


@api_view
def openapi(request):
    """GET /api/v1/openapi.json — the OpenAPI 3.1 description of this API."""
    return _json(request, openapi_document(request.build_absolute_uri("/api/v1")))


def openapi_document(server):
    decimal = {"type": "string", "pattern": r"^\d+\.\d{2}$", "examples": ["85.82"]}
    nullable_decimal = {"anyOf": [decimal, {"type": "null"}]}
    signed = {"anyOf": [{"type": "string", "pattern": r"^-?\d+\.\d{2}$"}, {"type": "null"}]}
    rise = {"anyOf": [{"type": "object", "required": ["unit", "change"],
                       "properties": {"unit": {"type": "string"}, "change": signed}}, {"type": "null"}]}  # fmt: skip
    decision = {
        "anyOf": [
            {
                "type": "object",
                "required": ["number", "date", "signer", "title"],
                "properties": {
                    "number": {"type": "string", "examples": ["2649/QĐ-UBND"]},
                    "date": {"type": "string", "format": "date"},
                    "signer": {"type": "string"},
                    "title": {"type": "string"},
                },
            },
            {"type": "null"},
        ]
    }
    group = {
        "type": "object",
        "required": ["code", "name", "score", "max"],
        "properties": {"code": {"type": "string"}, "name": {"type": "string"}, "score": decimal, "max": decimal},
    }
    unit = {
        "type": "object",
        "required": ["code", "name", "rank", "of", "score", "max", "percent", "band", "head_rating", "previous",
                     "groups"],
        "properties": {
            "code": {"type": "string"},
            "name": {"type": "string"},
            "rank": {"type": "integer", "minimum": 1},
            "of": {"type": "integer", "minimum": 1},
            "score": decimal,
            "max": decimal,
            "percent": nullable_decimal,
            "band": {"type": ["string", "null"]},
            "head_rating": {"type": ["string", "null"]},
            "previous": {
                "type": "object",
                "required": ["rank", "percent"],
                "properties": {"rank": {"type": ["integer", "null"]}, "percent": nullable_decimal},
            },
            "groups": {"type": "array", "items": {"$ref": "#/components/schemas/Group"}},
        },
    }  # fmt: skip
    block = {
        "type": "object",
        "required": ["code", "name", "band_counts", "units"],
        "properties": {
            "code": {"type": "string"},
            "name": {"type": "string"},
            "band_counts": {"type": "object", "additionalProperties": {"type": "integer"}},
            "units": {"type": "array", "items": {"$ref": "#/components/schemas/UnitResult"}},
        },
    }
    period = {
        "type": "object",
        "description": "An index reported by period: its period, the day its figures are as of, their source.",
        "required": ["label", "start", "end", "source"],
        "properties": {
            "label": {"type": "string"},
            "start": {"type": "string", "format": "date"},
            "end": {"type": "string", "format": "date"},
            "as_of": {"type": ["string", "null"], "format": "date"},
            "source": {"type": "string"},
        },
    }
    edition = {
        "type": "object",
        "required": ["slug", "title", "year", "index", "authority", "status", "decision"],
        "properties": {
            "slug": {"type": "string"},
            "title": {"type": "string"},
            "year": {"type": "integer"},
            "index": {"type": "string"},
            "authority": {"type": "string"},
            "status": {"type": "string", "enum": ["draft", "published"]},
            "decision": {"$ref": "#/components/schemas/Decision"},
            "period": {"$ref": "#/components/schemas/Period"},
        },
    }
    summary = {
        "type": "object",
        "required": ["slug", "title", "year", "index", "authority", "url", "page"],
        "properties": {
            "slug": {"type": "string"},
            "title": {"type": "string"},
            "year": {"type": "integer"},
            "period": {"type": ["string", "null"]},
            "index": {"type": "string"},
            "authority": {"type": "string"},
            "authority_slug": {"type": "string"},
            "authority_level": {"type": "string", "enum": ["national", "province", "district", "commune"]},
            "province": {"type": "string"},
            "decision": {"$ref": "#/components/schemas/Decision"},
            "published_period": {"oneOf": [{"$ref": "#/components/schemas/Period"}, {"type": "null"}]},
            "published_at": {"type": ["string", "null"], "format": "date-time"},
            "url": {"type": "string", "format": "uri"},
            "page": {"type": "string", "format": "uri"},
        },
    }
    slug = {"name": "slug", "in": "path", "required": True, "schema": {"type": "string", "pattern": "^[a-z0-9-]+$"}}
    # No control characters anywhere in an address: the portal answers 400 to them.
    text = {"type": "string", "pattern": "^[^\\u0000-\\u0008\\u000b\\u000c\\u000e-\\u001f\\u007f]*$"}
    code = {"name": "code", "in": "path", "required": True, "schema": text}
    not_found = {
        "description": "No published edition, block or unit with that name.",
        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}},
    }
    bad_request = {
        "description": "A parameter is malformed (or the address holds control characters).",
        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}},
    }

    def ok(ref, description):
        return {"description": description, "content": {"application/json": {"schema": {"$ref": ref}}}}

    return {
        "openapi": "3.1.0",
        "info": {
            "title": "parindex open data",
            "version": "1.0.0",
            "description": "Published results of the administrative reform index (PAR index, Chỉ số CCHC) and the citizen-service "
            "index. Decimals are strings with exactly 2 decimals. Drafts are never listed. " + str(licence.STATEMENT),
            "license": {"name": licence.NAME, "identifier": licence.SPDX},
        },
        "servers": [{"url": server}],
        "paths": {
            "/editions/": {
                "get": {
                    "operationId": "listEditions",
                    "summary": "Published editions, newest first",
                    "parameters": [
                        {"name": "authority", "in": "query", "schema": text},
                        {
                            "name": "year",
                            "in": "query",
                            "description": "Only editions of this year (empty: every year).",
                            "schema": {"type": "string", "pattern": "^[0-9]*$"},
                        },
                        {"name": "index", "in": "query", "schema": text},
                        {
                            "name": "page",
                            "in": "query",
                            "description": f"Page number, from 1 ({PAGE_SIZE} editions a page; empty: the first).",
                            "schema": {"type": "string", "pattern": "^(0*[1-9][0-9]*)?$", "default": "1"},
                        },
                    ],
                    "responses": {
                        "200": ok("#/components/schemas/EditionList", "A page of published editions."),
                        "405": {"description": "Only GET and HEAD are allowed."},
                        "400": bad_request,
                    },
                }
            },
            "/editions/{slug}/": {
                "get": {
                    "operationId": "getEditionResults",
                    "summary": "An edition's results (the shape of export_results)",
                    "parameters": [slug],
                    "responses": {
                        "200": ok("#/components/schemas/Results", "The results."),
                        "400": bad_request,
                        "404": not_found,
                    },
                }
            },
            "/editions/{slug}/blocks/{code}/": {
                "get": {
                    "operationId": "getBlockResults",
                    "summary": "One block's results",
                    "parameters": [slug, code],
                    "responses": {
                        "200": ok("#/components/schemas/BlockResults", "The block."),
                        "400": bad_request,
                        "404": not_found,
                    },
                }
            },
            "/editions/{slug}/nation/": {
                "get": {
                    "operationId": "getNationalFigures",
                    "summary": "A national edition's figures: average and change, rises and falls, groups, regions",
                    "parameters": [slug],
                    "responses": {
                        "200": ok("#/components/schemas/NationalFigures", "The figures."),
                        "400": bad_request,
                        "404": not_found,
                    },
                }
            },
            "/across/": {
                "get": {
                    "operationId": "getAcross",
                    "summary": "One kind of block lined up across authorities, each figure with its criteria set",
                    "parameters": [
                        {
                            "name": "year",
                            "in": "query",
                            "required": True,
                            "schema": {"type": "integer", "minimum": 0, "maximum": 9999},
                        },
                        {
                            "name": "kind",
                            "in": "query",
                            "schema": {"type": "string", "enum": ["so", "nganh-doc", "huyen", "xa"]},
                        },
                        {"name": "index", "in": "query", "schema": text},
                        {"name": "unit", "in": "query", "schema": text},
                    ],
                    "responses": {
                        "200": ok("#/components/schemas/Across", "The line-up."),
                        "400": bad_request,
                        "404": not_found,
                    },
                }
            },
            "/editions/{slug}/units/{code}/": {
                "get": {
                    "operationId": "getUnitResult",
                    "summary": "One unit's result",
                    "parameters": [slug, code],
                    "responses": {
                        "200": ok("#/components/schemas/UnitResultDocument", "The unit."),
                        "400": bad_request,
                        "404": not_found,
                    },
                }
            },
        },
        "components": {
            "schemas": {
                "Decision": decision,
                "Period": period,
                "Group": group,
                "UnitResult": unit,
                "Block": block,
                "Edition": edition,
                "EditionSummary": summary,
                "Error": {"type": "object", "required": ["error"], "properties": {"error": {"type": "string"}}},
                "EditionList": {
                    "type": "object",
                    "required": ["count", "page", "page_size", "results"],
                    "properties": {
                        "count": {"type": "integer"},
                        "page": {"type": "integer"},
                        "page_size": {"type": "integer"},
                        "results": {"type": "array", "items": {"$ref": "#/components/schemas/EditionSummary"}},
                    },
                },
                "Results": {
                    "type": "object",
                    "required": ["edition", "blocks"],
                    "properties": {
                        "edition": {"$ref": "#/components/schemas/Edition"},
                        "blocks": {"type": "array", "items": {"$ref": "#/components/schemas/Block"}},
                    },
                },
                "BlockResults": {
                    "type": "object",
                    "required": ["edition", "block"],
                    "properties": {
                        "edition": {"$ref": "#/components/schemas/Edition"},
                        "block": {"$ref": "#/components/schemas/Block"},
                    },
                },
                "NationalFigures": {
                    "type": "object",
                    "required": ["edition", "block", "average", "rose", "fell", "unchanged", "groups", "regions"],
                    "properties": {
                        "edition": {"type": "string"},
                        "block": {"type": "string"},
                        "average": nullable_decimal,
                        "previous_average": nullable_decimal,
                        "change": signed,
                        "rose": {"type": "integer"},
                        "fell": {"type": "integer"},
                        "unchanged": {"type": "integer"},
                        "largest_rise": rise,
                        "smallest_rise": rise,
                        "groups": {"type": "object", "additionalProperties": {"type": "integer"}},
                        "regions": {
                            "type": "array",
                            "items": {
                                "type": "object",
                                "required": ["name", "provinces", "average"],
                                "properties": {
                                    "name": {"type": "string"},
                                    "provinces": {"type": "integer"},
                                    "average": nullable_decimal,
                                    "previous": nullable_decimal,
                                    "change": signed,
                                },
                            },
                        },
                    },
                },
                "Across": {
                    "type": "object",
                    "required": ["kind", "year", "units", "results", "note"],
                    "properties": {
                        "kind": {"type": "string"},
                        "year": {"type": "integer"},
                        "note": {"type": "string"},
                        "units": {"type": "object", "additionalProperties": {"type": "string"}},
                        "results": {
                            "type": "array",
                            "items": {
                                "type": "object",
                                "required": ["rank", "authority", "edition", "block", "percent", "criteria_set"],
                                "properties": {
                                    "rank": {"type": "integer"},
                                    "authority": {"type": "string"},
                                    "edition": {"type": "string"},
                                    "block": {"type": "string"},
                                    "unit": {"type": ["string", "null"]},
                                    "unit_name": {"type": ["string", "null"]},
                                    "percent": decimal,
                                    "rank_in_block": {"type": ["integer", "null"]},
                                    "of": {"type": "integer"},
                                    "band": {"type": ["string", "null"]},
                                    "criteria_set": {
                                        "type": "object",
                                        "required": ["name", "criteria", "max"],
                                        "properties": {
                                            "name": {"type": "string"},
                                            "criteria": {"type": "integer"},
                                            "max": decimal,
                                        },
                                    },
                                },
                            },
                        },
                    },
                },
                "UnitResultDocument": {
                    "type": "object",
                    "required": ["edition", "block", "unit"],
                    "properties": {
                        "edition": {"$ref": "#/components/schemas/Edition"},
                        "block": {"type": "string"},
                        "unit": {"$ref": "#/components/schemas/UnitResult"},
                    },
                },
            }
        },
    }

"""The open-data API against its own OpenAPI document, with Schemathesis (property-based testing).

The document is fetched from /api/v1/openapi.json through the WSGI application, in-process, and
every operation it describes is called with generated requests (Schemathesis' examples, coverage
and fuzzing phases; valid and invalid data). Every response goes through all of Schemathesis'
default checks: no server error, a documented status code, content type and headers, a body that
matches the documented schema, invalid requests rejected, valid ones accepted, 405 for the methods
the document does not list...

The requests reach the application in the test's own thread and database connection, so they see
the seed decisions (`seeds`). Path parameters are real part of the time (a seed edition's slug, one
of its block or unit codes), and so are the filters of the list, so that 200 responses are
validated against their schemas, not only 404s; explicit examples add real names and edge values.

The schema is loaded when the module is imported, not from a fixture: `schemathesis.pytest.from_fixture`
fails under pytest 9.2 (it sets `Function._nodeid`, which pytest 9.2 no longer has). Fetching the
document needs no database; the data the requests need is loaded per test by `seeds`.
"""

import gzip
import json
import re
import warnings

import hypothesis
import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections, transaction
from hypothesis import strategies as st

from scoring.seeds import seed_files

pytestmark = [pytest.mark.django_db, pytest.mark.slow]

# Requests generated per operation by the fuzzing phase (the examples and coverage phases add theirs).
MAX_EXAMPLES = 100

with warnings.catch_warnings():
    # WhiteNoise warns that STATIC_ROOT does not exist yet: the session collects the static files later.
    warnings.filterwarnings("ignore", message="No directory at", category=UserWarning)
    application = get_wsgi_application()
schema = schemathesis.openapi.from_wsgi(
    "/api/v1/openapi.json",
    application,
    # Show the requests of the failures as they were sent (`authority` looks like a secret to it).
    config=schemathesis.Config.from_dict({"output": {"sanitization": {"enabled": False}}}),
)


def _seed_names():
    """{slug: {"published", "authority", "index", "year", "blocks", "units"}}, from the files `seeds` loads."""
    names = {}
    for path in seed_files():
        data = json.loads(path.read_text(encoding="utf-8"))
        names[data["slug"]] = {
            "published": bool(data.get("decision")),  # load_seeds publishes those that record their decision
            "authority": data["authority"]["name"],
            "index": data["index"],
            "year": str(data["year"]),
            "blocks": [b["code"] for b in data["blocks"]],
            "units": [u["code"] for b in data["blocks"] for u in b["units"]],
        }
    return names


SEEDS = _seed_names()
PUBLISHED = sorted(slug for slug, names in SEEDS.items() if names["published"])


def _kind(operation_path):
    return "blocks" if "/blocks/" in operation_path else "units" if "/units/" in operation_path else None


def _real_path_parameters(operation_path):
    """A seed edition's slug (drafts included) and a code of that edition, or of another."""
    kind = _kind(operation_path)
    if kind is None:
        return st.sampled_from(sorted(SEEDS)).map(lambda slug: {"slug": slug})
    every_code = sorted({code for names in SEEDS.values() for code in names[kind]})

    def with_code(slug):
        return (st.sampled_from(SEEDS[slug][kind]) | st.sampled_from(every_code)).map(
            lambda code: {"slug": slug, "code": code}
        )

    return st.sampled_from(sorted(SEEDS)).flatmap(with_code)


def _authority_slug(name):
    from scoring.text import slugify_vi  # as Authority.save() names it

    return slugify_vi(name)


def _documented(operation_path, values):
    """Whether `values` are valid parameters of the operation, as its OpenAPI document describes them."""
    parameters = {p["name"]: p["schema"] for p in schema.raw_schema["paths"][operation_path]["get"]["parameters"]}
    return (
        isinstance(values, dict)
        and set(values) <= set(parameters)
        and all(isinstance(value, str) for value in values.values())
        and all(re.search(parameters[name].get("pattern", ""), value) for name, value in values.items())
    )


@schema.hook
def flatmap_path_parameters(context, path_parameters):
    """Often replace valid generated path parameters by real ones (a request meant to be invalid stays so)."""
    path = context.operation.path
    if not _documented(path, path_parameters):
        return st.just(path_parameters)
    return _real_path_parameters(path).filter(lambda real: _documented(path, real)) | st.just(path_parameters)


@schema.hook
def flatmap_query(context, query):
    """Often filter the list by real values (valid ones only: a request meant to be invalid stays so)."""
    path = context.operation.path
    if path != "/api/v1/editions/" or not _documented(path, query):
        return st.just(query)
    real = st.fixed_dictionaries(
        {},
        optional={
            "authority": st.sampled_from(sorted({_authority_slug(n["authority"]) for n in SEEDS.values()})),
            "index": st.sampled_from(sorted({n["index"] for n in SEEDS.values()})),
            "year": st.sampled_from(sorted({n["year"] for n in SEEDS.values()})),
            "page": st.sampled_from(["1", "2"]) | st.from_regex(r"\A[1-9][0-9]{0,24}\Z"),
        },
    )
    return real.filter(lambda real: _documented(path, real)) | st.just(query)


@schema.hook
def before_add_examples(context, examples):
    """Explicit examples: every seed edition, each of its blocks and a few of its units, and edge values."""
    operation = context.operation
    kind = _kind(operation.path)
    if operation.path == "/api/v1/editions/":
        queries = [
            {},
            {"page": "1"},
            {"page": "2"},
            {"year": "2022"},
            {"year": "2023", "index": SEEDS[PUBLISHED[0]]["index"]},
            {"authority": _authority_slug(SEEDS[PUBLISHED[0]]["authority"])},
            {"year": "0002023"},
            {"year": "99999999999999999999"},  # beyond any integer column
            {"page": "99999999999999999999"},  # beyond any OFFSET the database accepts
            {"page": "92233720368547760"},  # (page - 1) * 100 just beyond a 64-bit integer
            {"year": ""},
            {"page": "0"},
            {"page": "-1"},
            {"year": "²"},  # str.isdigit() is true for it, int() refuses it
            {"page": "²"},
            {"year": "٣"},  # an Arabic-Indic digit: int() reads it as 3
            {"authority": "\x00"},
            {"index": "x" * 300},
        ]
        examples.extend(operation.Case(query=query) for query in queries)
    elif kind is None:
        examples.extend(operation.Case(path_parameters={"slug": slug}) for slug in sorted(SEEDS))
        examples.append(operation.Case(path_parameters={"slug": PUBLISHED[0].upper()}))
    else:
        for slug in sorted(SEEDS):
            codes = SEEDS[slug][kind] if kind == "blocks" else SEEDS[slug][kind][:3]
            examples.extend(operation.Case(path_parameters={"slug": slug, "code": code}) for code in codes)
        slug = PUBLISHED[0]
        for code in [SEEDS[slug][kind][0].lower(), "\x00", "²", "a/b", "%", " "]:
            examples.append(operation.Case(path_parameters={"slug": slug, "code": code}))


@pytest.fixture
def portal(seeds):
    """The portal answers in-process, in the test's thread and transaction, with the seed decisions loaded.

    A WSGI handler closes "old" database connections around every request (`close_old_connections`,
    on request_started and request_finished); here that would close the test's own connection in the
    middle of its transaction (on PostgreSQL: every later request fails, 503). Django's test client
    disconnects them around its requests in the same way.
    """
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield seeds
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


def real_names_are_found(ctx, response, case):
    """A published seed edition, and a block or unit of it, are found (so their 200 is validated)."""
    if case.method != "GET" or case.operation.path in ("/api/v1/editions/", "/api/v1/across/"):
        return None
    names = SEEDS.get(case.path_parameters.get("slug"))
    if names is None or not names["published"]:
        return None
    if case.operation.path.endswith("/nation/"):  # the seeds are provinces' and districts' own: none is national
        assert response.status_code == 404, f"{case.formatted_path} answered {response.status_code}, not 404"
        return None
    kind = _kind(case.operation.path)
    if kind is None or case.path_parameters.get("code") in names[kind]:
        assert response.status_code == 200, f"{case.formatted_path} answered {response.status_code}, not 200"
    return None


@schema.hook
def after_call(context, case, response):
    """Decompress gzip bodies, as HTTP clients do: the WSGI transport sends `Accept-Encoding: gzip`
    (requests' default headers) but hands the body over as it came, and public pages are compressed."""
    if "gzip" in response.headers.get("content-encoding", []):
        response.content = gzip.decompress(response.content)
        response.content_size = len(response.content)


@schema.parametrize()
@hypothesis.settings(
    max_examples=MAX_EXAMPLES,
    deadline=None,
    database=None,
    suppress_health_check=list(hypothesis.HealthCheck),  # they judge the generation, not the API
)
def test_the_api_conforms_to_its_openapi_document(case, portal):
    # Each request in a savepoint, rolled back: in production every request has its own transaction,
    # so a database error in one (a 500 on PostgreSQL) must not abort the test's transaction for the next.
    savepoint = transaction.savepoint()
    try:
        case.call_and_validate(additional_checks=[real_names_are_found])
    finally:
        transaction.savepoint_rollback(savepoint)

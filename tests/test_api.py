"""The open-data API: the same shape as export_results, drafts never shown, described by OpenAPI."""

import io
import json

import pytest
from django.core.management import call_command

from tests.factories import make_edition

pytestmark = pytest.mark.django_db


def export_results(slug):
    out = io.StringIO()
    call_command("export_results", slug, stdout=out)
    return json.loads(out.getvalue())


def test_it_lists_published_editions(client, seeds):
    make_edition(slug="nhap-2023")
    data = client.get("/api/v1/editions/").json()
    slugs = {item["slug"] for item in data["results"]}
    assert slugs == {"quang-nam-2023-cchc", "dak-nong-2023-cchc", "ha-tinh-2023-cchc", "tien-phuoc-2022-cchc",
                     "quang-nam-2024-service"}  # fmt: skip
    assert data["count"] == 5
    item = next(i for i in data["results"] if i["slug"] == "quang-nam-2023-cchc")
    assert item["decision"]["number"] == "2649/QĐ-UBND"
    assert item["url"].endswith("/api/v1/editions/quang-nam-2023-cchc/")


def test_it_filters_and_refuses_bad_parameters(client, seeds):
    assert client.get("/api/v1/editions/?year=2022").json()["count"] == 1
    assert client.get("/api/v1/editions/?authority=ubnd-tinh-ha-tinh").json()["count"] == 1
    assert client.get("/api/v1/editions/?year=abc").status_code == 400
    assert client.get("/api/v1/editions/?page=0").status_code == 400


def test_an_editions_results_have_the_shape_of_export_results(client, seeds):
    assert client.get("/api/v1/editions/tien-phuoc-2022-cchc/").json() == export_results("tien-phuoc-2022-cchc")


def test_a_block_and_a_unit(client, seeds):
    block = client.get("/api/v1/editions/quang-nam-2023-cchc/blocks/huyen/").json()
    assert block["block"]["band_counts"] == {"Khá": 18}
    unit = client.get("/api/v1/editions/tien-phuoc-2022-cchc/units/TIEN-CHAU/").json()
    assert (unit["unit"]["score"], unit["unit"]["rank"], unit["unit"]["of"]) == ("85.82", 4, 15)


def test_drafts_and_unknown_names_are_404_in_json(client, seeds):
    make_edition(slug="nhap-2024")
    response = client.get("/api/v1/editions/nhap-2024/")
    assert response.status_code == 404
    assert "error" in response.json()
    assert client.get("/api/v1/editions/quang-nam-2023-cchc/blocks/nope/").status_code == 404


def test_addresses_the_api_does_not_have_are_404_in_json(client, seeds):
    for url in ["/api/v1/nothing/", "/api/v1/editions/quang-nam-2023-cchc/units/a%2Fb/", "/api/v1/editions/x/y/z"]:
        response = client.get(url)
        assert response.status_code == 404, url
        assert "openapi.json" in response.json()["error"]


def test_a_missing_final_slash_is_added(client, seeds):
    response = client.get("/api/v1/editions?year=2023")
    assert response.status_code == 301
    assert response["Location"] == "/api/v1/editions/?year=2023"


def test_only_reading_is_allowed(client, seeds):
    response = client.post("/api/v1/editions/")
    assert response.status_code == 405
    assert response["Allow"] == "GET, HEAD"


def test_other_methods_get_the_json_405_even_with_csrf_checks(seeds):
    from django.test import Client

    response = Client(enforce_csrf_checks=True).generic("QUERY", "/api/v1/editions/quang-nam-2023-cchc/")
    assert response.status_code == 405
    assert "error" in response.json()


def test_the_openapi_document_describes_every_endpoint(client):
    document = client.get("/api/v1/openapi.json").json()
    assert document["openapi"].startswith("3.1")
    # Generated from the operations and their schemas (django-ninja): the document cannot drift from the code.
    assert set(document["paths"]) == {
        "/api/v1/editions/",
        "/api/v1/editions/{slug}/",
        "/api/v1/editions/{slug}/blocks/{code}/",
        "/api/v1/editions/{slug}/units/{code}/",
        "/api/v1/editions/{slug}/nation/",
        "/api/v1/across/",
    }
    assert document["components"]["schemas"]["UnitResult"]["properties"]["percent"]

"""Publishing from the workspace, with the signed PDF, and superseding by an amending decision."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from scoring.models import Edition, EditionEvent, Score

pytestmark = pytest.mark.django_db
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def publish(personas, number="12/QĐ-UBND", slug="thu-2023"):
    return personas.client("publisher").post(
        f"/quan-ly/{slug}/cong-bo/",
        {"number": number, "date": "2024-01-15", "signer": "Chủ tịch UBND tỉnh", "title": "Phê duyệt và công bố",
         "signed_pdf": SimpleUploadedFile("qd.pdf", PDF), "confirm": "on"},
    )  # fmt: skip


def test_the_publisher_publishes_approved_results_with_the_signed_decision(
    personas, media, client, django_capture_on_commit_callbacks
):
    personas.set_status(Edition.Status.APPROVED)
    with django_capture_on_commit_callbacks(execute=True):
        assert publish(personas).status_code == 302
    edition = Edition.objects.get(slug="thu-2023")
    assert edition.is_published
    assert edition.decision.number == "12/QĐ-UBND"
    assert EditionEvent.objects.filter(edition=edition, action="publish", user__username="publisher").exists()
    html = client.get("/cong-bo/thu-2023/").content.decode()
    assert "Quyết định số 12/QĐ-UBND ngày 15/01/2024" in html
    pdf = client.get("/cong-bo/thu-2023/quyet-dinh.pdf")
    assert b"".join(pdf.streaming_content) == PDF


def test_results_that_are_not_approved_cannot_be_published(personas, media):
    personas.set_status(Edition.Status.APPRAISAL)
    assert publish(personas).status_code == 403
    assert not Edition.objects.get(slug="thu-2023").is_published


def test_the_signed_decision_must_be_a_pdf(personas, media):
    personas.set_status(Edition.Status.APPROVED)
    response = personas.client("publisher").post(
        "/quan-ly/thu-2023/cong-bo/",
        {
            "number": "1",
            "date": "2024-01-15",
            "signed_pdf": SimpleUploadedFile("qd.pdf", b"\x89PNG\r\n\x1a\n0000"),
            "confirm": "on",
        },
    )
    assert "phải là tệp PDF" in response.content.decode()
    assert not Edition.objects.get(slug="thu-2023").is_published


def test_an_amending_decision_supersedes_the_old_one_which_stays_visible(
    personas, media, client, django_capture_on_commit_callbacks
):
    personas.set_status(Edition.Status.APPROVED)
    publish(personas, "12/QĐ-UBND")
    response = personas.client("publisher").post("/quan-ly/thu-2023/sua-doi/", {"confirm": "1"})
    assert response.status_code == 302
    amendment = Edition.objects.get(supersedes__slug="thu-2023")
    assert amendment.status == Edition.Status.APPRAISAL
    assert (
        Score.objects.filter(unit__edition=amendment).count()
        == Score.objects.filter(unit__edition__slug="thu-2023").count()
    )
    Edition.objects.filter(pk=amendment.pk).update(status=Edition.Status.APPROVED)
    with django_capture_on_commit_callbacks(execute=True):
        assert publish(personas, "20/QĐ-UBND", slug=amendment.slug).status_code == 302
    old = client.get("/cong-bo/thu-2023/").content.decode()
    assert "Đã được thay thế bởi Quyết định số 20/QĐ-UBND." in old
    new = client.get(f"/cong-bo/{amendment.slug}/").content.decode()
    assert "Quyết định này sửa đổi Quyết định số 12/QĐ-UBND." in new
    assert "đã được thay thế bởi quyết định sửa đổi" in client.get("/").content.decode()


def test_a_later_year_is_compared_with_the_amended_results(personas, media):
    from scoring.results import compute_results
    from scoring.writes import publish as publish_now
    from tests.factories import make_edition

    personas.set_status(Edition.Status.APPROVED)
    publish(personas, "12/QĐ-UBND")
    personas.client("publisher").post("/quan-ly/thu-2023/sua-doi/", {"confirm": "1"})
    amendment = Edition.objects.get(supersedes__slug="thu-2023")
    Score.objects.filter(unit__edition=amendment, unit__code="A").update(points=0)
    Edition.objects.filter(pk=amendment.pk).update(status=Edition.Status.APPROVED)
    amendment.refresh_from_db()
    publish_now(edition=amendment, number="20/QĐ-UBND", date="2024-03-01")
    later = make_edition({"A": {"1.1": "1"}, "B": {"1.1": "1"}}, slug="thu-2024", year=2024)
    assert compute_results(later).unit("A").previous_rank == 2  # from the amendment, where A scored 0

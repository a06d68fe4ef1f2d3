"""Every staff URL × method × persona gets exactly the status it should: nobody reads or writes what is not theirs.

The edition is in appraisal. 302 for the anonymous is the login page; 404 hides another authority's
data (and another unit's, from a reporter); 403 refuses what a role does not allow.
"""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from scoring.models import Criterion, Edition, Evidence

pytestmark = pytest.mark.django_db

P = ["anonymous", "reporter_x", "reporter_y", "appraiser", "other_appraiser", "approver", "publisher", "superuser"]


def row(*codes):
    return dict(zip(P, codes, strict=True))


EVERYONE = row(302, 200, 200, 200, 200, 200, 200, 200)
AUTHORITY = row(302, 200, 200, 200, 404, 200, 200, 200)
UNIT_A = row(302, 200, 404, 200, 404, 200, 200, 200)
APPRAISERS = row(302, 403, 403, 200, 404, 403, 403, 200)
PUBLISHERS = row(302, 403, 403, 403, 404, 403, 200, 200)
NOT_REPORTERS = row(302, 403, 403, 200, 404, 200, 200, 200)

MATRIX = [
    ("get", "/quan-ly/", None, EVERYONE),
    ("get", "/quan-ly/nhap-tep/", None, EVERYONE),
    ("post", "/quan-ly/nhap-tep/", {}, EVERYONE),
    ("get", "/quan-ly/thu-2023/", None, AUTHORITY),
    # A step is first shown with what it will do (200), then taken once confirmed (302).
    ("post", "/quan-ly/thu-2023/buoc/approve/", {}, row(302, 403, 403, 403, 404, 200, 403, 200)),
    ("post", "/quan-ly/thu-2023/buoc/approve/", {"confirm": "1"}, row(302, 403, 403, 403, 404, 302, 403, 302)),
    ("post", "/quan-ly/thu-2023/buoc/open_self_assessment/", {}, row(302, 403, 403, 200, 404, 403, 403, 200)),
    ("get", "/quan-ly/thu-2023/buoc/approve/", None, row(302, 405, 405, 405, 405, 405, 405, 405)),
    ("get", "/quan-ly/thu-2023/don-vi/A/", None, UNIT_A),
    # An empty form changes nothing: "Nothing changed.", back to the sheet.
    ("post", "/quan-ly/thu-2023/don-vi/A/", {}, row(302, 302, 404, 302, 404, 403, 403, 302)),
    ("get", "/quan-ly/thu-2023/don-vi/B/", None, row(302, 404, 200, 200, 404, 200, 200, 200)),
    ("get", "/quan-ly/thu-2023/don-vi/A/lich-su/", None, UNIT_A),
    ("get", "/quan-ly/thu-2023/don-vi/A/minh-chung/1.1/", None, UNIT_A),
    ("post", "/quan-ly/thu-2023/don-vi/A/minh-chung/1.1/", {}, row(302, 400, 404, 403, 404, 403, 403, 400)),
    ("get", "/quan-ly/minh-chung/{evidence}/", None, UNIT_A),
    ("post", "/quan-ly/minh-chung/{evidence}/xoa/", {}, row(302, 302, 404, 403, 404, 403, 403, 302)),
    ("get", "/quan-ly/minh-chung/{evidence}/xoa/", None, row(302, 405, 405, 405, 405, 405, 405, 405)),
    ("post", "/quan-ly/phien/", {}, row(401, 204, 204, 204, 204, 204, 204, 204)),
    ("get", "/quan-ly/thu-2023/xep-hang/", None, NOT_REPORTERS),
    ("get", "/quan-ly/thu-2023/khoi/so/mau.xlsx", None, APPRAISERS),
    ("get", "/quan-ly/thu-2023/khoi/so/tai-len/", None, APPRAISERS),
    ("post", "/quan-ly/thu-2023/khoi/so/tai-len/", {}, APPRAISERS),
    ("get", "/quan-ly/thu-2023/khao-sat/{survey}/", None, APPRAISERS),
    ("post", "/quan-ly/thu-2023/khao-sat/{survey}/", {}, row(302, 403, 403, 302, 404, 403, 403, 302)),
    ("get", "/quan-ly/thu-2023/cong-bo/", None, PUBLISHERS),
    ("post", "/quan-ly/thu-2023/cong-bo/", {}, row(302, 403, 403, 403, 404, 403, 403, 403)),
    ("post", "/quan-ly/thu-2023/sua-doi/", {}, row(302, 403, 403, 403, 404, 403, 403, 403)),
    ("get", "/quan-ly/khac-2023/", None, row(302, 404, 404, 404, 200, 404, 404, 200)),
    ("get", "/quan-ly/khac-2023/don-vi/Z/", None, row(302, 404, 404, 404, 200, 404, 404, 200)),
    ("get", "/cong-bo/thu-2023/", None, row(404, 200, 200, 200, 404, 200, 200, 200)),
    ("get", "/admin/", None, row(302, 302, 302, 302, 302, 302, 302, 200)),
    # Setting up the year, following the round, the decision for signature (issues 9 and 10).
    ("get", "/quan-ly/thiet-lap/", None, row(302, 404, 404, 404, 404, 404, 404, 200)),
    ("get", "/quan-ly/thu-2023/thiet-lap/", None, row(302, 403, 403, 403, 404, 403, 403, 200)),
    ("get", "/quan-ly/thu-2023/thiet-lap/don-vi/", None, row(302, 403, 403, 403, 404, 403, 403, 200)),
    ("get", "/quan-ly/thu-2023/tien-do/", None, row(302, 403, 403, 200, 404, 403, 403, 200)),
    ("get", "/quan-ly/thu-2023/so-lieu-giai-trinh.xlsx", None, row(302, 403, 403, 200, 404, 200, 403, 200)),
    ("get", "/quan-ly/thu-2023/du-thao-quyet-dinh.docx", None, row(302, 403, 403, 403, 404, 200, 200, 200)),
    ("get", "/quan-ly/thu-2023/don-vi/A/giai-trinh/", None, UNIT_A),
    ("post", "/quan-ly/thu-2023/don-vi/A/nop/", {"hanh-dong": "nop"}, row(302, 302, 404, 302, 404, 302, 302, 302)),
    ("get", "/quan-ly/thu-2023/don-vi/A/nop/", None, row(302, 405, 405, 405, 405, 405, 405, 405)),
    ("get", "/quan-ly/thong-bao/", None, EVERYONE),
    # Assignments (issue 10): the coordinator's page; nobody else's.
    ("get", "/quan-ly/thu-2023/phan-cong/", None, row(302, 403, 403, 403, 404, 403, 403, 200)),
    ("post", "/quan-ly/thu-2023/phan-cong/", {}, row(302, 403, 403, 403, 404, 403, 403, 302)),
    (
        "post",
        "/quan-ly/thu-2023/don-vi/A/giai-trinh/",
        {"hanh-dong": "giai-trinh", "tieu-chi": "1.1"},
        row(302, 302, 404, 302, 404, 302, 302, 302),
    ),
]


@pytest.fixture
def setting(personas, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    personas.set_status(Edition.Status.APPRAISAL)
    if personas.edition.pk:
        from scoring.writes import attach_evidence as attach

        score = personas.edition.units.get(code="A").scores.get(criterion__code="1.1")
        attach(score=score, upload=SimpleUploadedFile("a.pdf", b"%PDF-1.4\n%%EOF\n"), user=personas.users["reporter_x"])
    return personas


@pytest.mark.parametrize("persona", P)
@pytest.mark.parametrize(("method", "url", "data", "expected"), MATRIX, ids=[f"{m} {u}" for m, u, _d, _e in MATRIX])
def test_the_permission_matrix(setting, persona, method, url, data, expected):
    url = url.format(
        evidence=Evidence.objects.get().pk,
        survey=Criterion.objects.get(criteria_set__edition=setting.edition, code="2").criteria_set_id,
    )
    client = setting.client(persona)
    response = getattr(client, method)(url, data) if data is not None else getattr(client, method)(url)
    assert response.status_code == expected[persona], (persona, method, url)

"""Every public page costs the same number of queries whatever the number of units."""

import datetime

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from publications.caching import invalidate_public_pages
from scoring import writes
from scoring.models import Criterion
from scoring.writes import publish, publish_period
from tests.factories import make_edition

pytestmark = pytest.mark.django_db

PAGES = [
    "/cong-bo/{slug}/",
    "/en/cong-bo/{slug}/",
    "/cong-bo/{slug}/don-vi/U001/",
    "/cong-bo/{slug}/bieu-do/01.svg",
    "/cong-bo/{slug}/bieu-do/02.json",
    "/cong-bo/{slug}/don-vi/U001/bieu-do.svg",
    "/cong-bo/{slug}/phuong-phap/",
    "/cong-bo/{slug}/tai-ve.csv",
    "/cong-bo/{slug}/tai-ve.excel.csv",
    "/cong-bo/{slug}/tai-ve.xlsx",
    "/cong-bo/{slug}/tai-ve.json",
    "/cong-bo/{slug}/khoi/so/tai-ve.csv",
    "/api/v1/editions/{slug}/",
    "/api/v1/editions/{slug}/blocks/so/",
    "/co-quan/{authority}/",
    "/tim-kiem/?q=don+vi",
    "/en/tim-kiem/?q=U001",
    "/cong-bo/{slug}/so-sanh/?ma=U001&ma=U002&ma=U003",
    "/cong-bo/{slug}/so-sanh/?ma=U001&qua-cac-nam=1",
    "/cong-bo/{slug}/ban-do/",
    "/cong-bo/{slug}/bieu-do/01/nhung/",
    "/cong-bo/{slug}/bieu-do/01.png",
    "/cong-bo/{slug}/anh-xem-truoc.png",
    "/cong-bo/{slug}/don-vi/U001/anh-xem-truoc.png",
    "/cong-bo/{slug}/tai-ve.zip",
]


@pytest.fixture
def editions():
    made = {}
    for name, units in (("nho", 3), ("lon", 150)):
        edition = make_edition(
            {f"U{i:03d}": {"1.1": str(i % 6), "2": str(i % 10)} for i in range(units)},
            slug=f"{name}-2023",
            authority=f"UBND tỉnh {name.title()}",
        )
        made[name] = publish(historical=True, edition=edition, number="1/QĐ-UBND", date=datetime.date(2024, 1, 1))
    return made


@pytest.mark.parametrize("page", PAGES)
def test_the_queries_of_a_page_do_not_grow_with_the_units(client, editions, page):
    counts = []
    for edition in editions.values():
        cache.clear()
        invalidate_public_pages()  # each page reads the count of publications, as the first in a second does
        url = page.format(slug=edition.slug, authority=edition.authority.slug)
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url).status_code == 200, url
        counts.append(len(ctx.captured_queries))
    assert counts[0] == counts[1], counts
    assert counts[0] <= 12


PERIOD_PAGES = [
    "/cong-bo/{slug}/",
    "/cong-bo/{slug}/don-vi/U001/",
    "/cong-bo/{slug}/don-vi/U001/bieu-do.svg",
    "/cong-bo/{slug}/tai-ve.xlsx",
    "/api/v1/editions/{slug}/",
    "/co-quan/{authority}/",
]


@pytest.mark.parametrize("page", PERIOD_PAGES)
def test_the_queries_of_a_period_page_do_not_grow_with_the_periods(client, page):
    """An index reported by period: a unit's trend reads every period of its authority, in a fixed number of
    queries whether there are 2 periods or 12."""
    counts = []
    start = datetime.date(2024, 1, 1)
    made = 0
    for periods in (2, 12):
        while made < periods:
            first = start.replace(month=made + 1)
            last = (first.replace(month=made + 2) if made < 11 else datetime.date(2025, 1, 1)) - datetime.timedelta(1)
            units = {f"U{i:03d}": {"1.1": str((i + made) % 6), "2": str(i % 10)} for i in range(4 + made)}
            edition = make_edition(units, slug=f"dv-thang-{made + 1}", year=2024, index="service",
                                   authority="UBND tỉnh Theo Kỳ")  # fmt: skip
            publish_period(edition=edition, start=first, end=last, source="Cổng Dịch vụ công quốc gia",
                           historical=True)  # fmt: skip
            made += 1
        cache.clear()
        invalidate_public_pages()
        url = page.format(slug=f"dv-thang-{made}", authority="ubnd-tinh-theo-ky")
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url).status_code == 200, url
        counts.append(len(ctx.captured_queries))
    assert counts[0] == counts[1], counts
    assert counts[0] <= 12


@pytest.mark.parametrize("page", ["/", "/en/", "/du-lieu-mo/", "/?nam=2023"])
def test_the_home_page_costs_the_same_with_two_decisions_or_ten(client, page):
    """The home page shows each decision's leaders: that must not cost a query per decision."""
    counts = []
    for count in (2, 10):
        for i in range(len(counts) and 2, count):
            units = {f"U{j:03d}": {"1.1": str((i + j) % 6), "2": str(j % 10)} for j in range(5 + i)}
            edition = make_edition(units, slug=f"tinh-{i}-2023", authority=f"UBND tỉnh Số {i}")
            publish(historical=True, edition=edition, number=f"{i}/QĐ-UBND", date=datetime.date(2024, 1, 1))
        cache.clear()
        invalidate_public_pages()
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(page).status_code == 200
        counts.append(len(ctx.captured_queries))
    assert counts[0] == counts[1], counts
    assert counts[0] <= 10


@pytest.fixture
def drafts(django_user_model):
    """Two drafts in appraisal, of 3 and 150 units, and an appraiser of both."""
    from scoring.models import Edition
    from workspace.roles import grant

    made = {}
    for name, units in (("nho", 3), ("lon", 150)):
        edition = make_edition(
            {f"U{i:03d}": {"1.1": str(i % 6), "2": str(i % 10)} for i in range(units)},
            slug=f"nhap-{name}-2023",
            authority="UBND tỉnh Đo Đếm",
        )
        Edition.objects.filter(pk=edition.pk).update(status=Edition.Status.APPRAISAL)
        made[name] = edition
    django_user_model.objects.create_user("tham-dinh", password="a-long-password-1")
    grant(username="tham-dinh", kind="appraiser", authority_slug="ubnd-tinh-do-dem")
    grant(username="tham-dinh", kind="coordinator", authority_slug="ubnd-tinh-do-dem")
    # The appraisal is shared out (every group to the appraiser): the sheet reads the assignments too.
    appraiser = django_user_model.objects.get(username="tham-dinh")
    for edition in made.values():
        for group in Criterion.objects.filter(criteria_set__edition=edition, depth=0):
            writes.assign(edition=edition, criterion=group, user=None, appraiser=appraiser, appraisers=[appraiser])
    return made


@pytest.mark.parametrize(
    "page",
    [
        "/quan-ly/{slug}/",
        "/quan-ly/{slug}/don-vi/U001/",
        "/quan-ly/{slug}/xep-hang/",
        "/quan-ly/{slug}/don-vi/U001/lich-su/",
        "/quan-ly/{slug}/tien-do/",
        "/quan-ly/{slug}/tien-do/?tai=csv",
        "/quan-ly/{slug}/du-thao-quyet-dinh.docx",
        "/quan-ly/{slug}/so-lieu-giai-trinh.xlsx",
    ],
    ids=["edition", "score-sheet", "draft-ranking", "history", "dashboard", "dashboard-csv", "decision-docx", "rounds"],
)
def test_the_queries_of_a_staff_page_do_not_grow_with_the_units(client, drafts, django_user_model, page):
    from scoring import writes

    client.force_login(django_user_model.objects.get(username="tham-dinh"))
    counts = []
    for edition in drafts.values():
        for value in ("1", "2", "3"):  # a history of a few changes
            score = edition.units.get(code="U001").scores.get(criterion__code="1.1")
            writes.set_scores(edition=edition, changes=[writes.ScoreChange(score, {"points": value})], user=None,
                              reason="sheet")  # fmt: skip
        client.get("/quan-ly/")  # the session's idle time renewed: not counted below
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(page.format(slug=edition.slug)).status_code == 200
        counts.append(len(ctx.captured_queries))
    assert counts[0] == counts[1], counts
    # The dashboard also reads each appraiser's assignments and progress (three queries more).
    assert counts[0] <= (15 if page.endswith("tien-do/") else 12), counts


def test_the_cross_authority_page_costs_the_same_with_two_authorities_or_eight(client):
    """Issue 11: one kind of block lined up across authorities (`/so-sanh-dia-phuong/`)."""
    counts = []
    made = 0
    for authorities in (2, 8):
        while made < authorities:
            units = {f"S{j}": {"1.1": str((made + j) % 6), "2": str(j)} for j in range(5)}
            edition = make_edition(units, slug=f"tinh-{made}-2023", authority=f"UBND tỉnh Số {made}")
            edition.blocks.update(name="Các sở, ban, ngành")
            edition.units.filter(code="S0").update(name=f"Sở Nội vụ tỉnh Số {made}")
            publish(historical=True, edition=edition, number=f"{made}/QĐ-UBND", date=datetime.date(2024, 1, 1))
            made += 1
        cache.clear()
        invalidate_public_pages()
        with CaptureQueriesContext(connection) as ctx:
            response = client.get("/so-sanh-dia-phuong/?nam=2023&khoi=so&don-vi=so-noi-vu")
        assert response.status_code == 200
        assert response.content.decode().count("Sở Nội vụ tỉnh Số") == authorities
        counts.append(len(ctx.captured_queries))
    assert counts[0] == counts[1], counts
    assert counts[0] <= 14

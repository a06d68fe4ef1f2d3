"""Lighthouse's accessibility audit, in Debian's Chromium: 1.0 on the public pages, no failure on the staff pages."""

import json
import os
import subprocess

import pytest

from tests.browser.conftest import CHROMIUM
from tests.processes import ROOT, manage

pytestmark = pytest.mark.browser

LIGHTHOUSE = ROOT / "tools" / "lighthouse" / "node_modules" / ".bin" / "lighthouse"
# Lighthouse adds the other quiet flags itself; the resolver rule keeps every request on this machine.
CHROME_FLAGS = (
    "--headless=new --no-sandbox --disable-gpu --disable-dev-shm-usage "
    '--host-resolver-rules="MAP * ~NOTFOUND, EXCLUDE 127.0.0.1, EXCLUDE localhost"'
)


def audit(url, out, *, session=None):
    if not LIGHTHOUSE.exists():
        pytest.fail("Lighthouse is not installed: npm install --prefix tools/lighthouse (make test does it)")
    headers = [f"--extra-headers={json.dumps({'Cookie': f'sessionid={session}'})}"] if session else []
    subprocess.run(
        ["timeout", "-s", "INT", "-k", "15", "180", str(LIGHTHOUSE), url, "--only-categories=accessibility",
         "--output=json", f"--output-path={out}", "--quiet", f"--chrome-flags={CHROME_FLAGS}", *headers],
        env={**os.environ, "CHROME_PATH": CHROMIUM}, check=False, capture_output=True,
    )  # fmt: skip
    report = json.loads(out.read_text())
    assert not report.get("runtimeError"), report["runtimeError"]
    category = report["categories"]["accessibility"]
    failing = [
        f"{report['audits'][ref['id']]['id']}: {report['audits'][ref['id']]['title']}"
        for ref in category["auditRefs"]
        if report["audits"][ref["id"]]["score"] is not None and report["audits"][ref["id"]]["score"] < 1
    ]
    final = report.get("finalDisplayedUrl") or report.get("finalUrl")
    assert final == url, f"audited {final} instead of {url} (a redirect: not logged in?)"
    return category["score"], failing


@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/cong-bo/quang-nam-2023-cchc/",
        "/cong-bo/tien-phuoc-2022-cchc/don-vi/TIEN-CHAU/",
        "/tim-kiem/?q=h%E1%BB%99i+an",
        "/en/cong-bo/quang-nam-2023-cchc/",
        "/cong-bo/tien-phuoc-2022-cchc/so-sanh/?ma=TIEN-CHAU&ma=TIEN-KY&ma=TIEN-LANH",
        "/cong-bo/quang-nam-2023-cchc/ban-do/",
        "/cong-bo/quang-nam-2023-cchc/bieu-do/01/nhung/",
        "/cong-bo/quang-nam-2024-service/",
        "/cong-bo/quang-nam-2024-service/don-vi/QUANG-NAM/",
        "/so-sanh-dia-phuong/?nam=2023&khoi=so&don-vi=so-noi-vu",
        "/cong-bo/bo-noi-vu-2024-par-index/",
        "/co-quan/ubnd-tinh-ha-tinh/",
    ],
    ids=[
        "home",
        "announcement",
        "unit",
        "search",
        "announcement-en",
        "compare",
        "map",
        "embed",
        "period",
        "period-unit",
        "across",
        "national",
        "province-in-the-nation",
    ],
)
def test_lighthouse_finds_no_accessibility_failure_on_the_public_pages(portal, tmp_path, path):
    score, failing = audit(portal[0] + path, tmp_path / "report.json")
    print(f"Lighthouse accessibility {path}: {score}; failing: {failing}")
    assert (score, failing) == (1, [])


STAFF = """
from importlib import import_module
from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.auth.models import User
from scoring.importing import import_edition
from scoring.models import Criterion, Edition
from tests.factories import edition_doc
from workspace.roles import grant
appraisal = import_edition(document=edition_doc(slug="tiep-can-2025", year=2025, authority="UBND tỉnh Tiếp Cận"))
approved = import_edition(document=edition_doc(slug="tiep-can-2024", year=2024, authority="UBND tỉnh Tiếp Cận"))
Edition.objects.filter(pk=appraisal.pk).update(status="appraisal")
Edition.objects.filter(pk=approved.pk).update(status="approved")
user = User.objects.create_user("tiep-can", password="a-long-password-1", first_name="Hoa")
for kind in ("appraiser", "publisher", "coordinator"):
    grant(username="tiep-can", kind=kind, authority_slug=appraisal.authority.slug)
session = import_module(settings.SESSION_ENGINE).SessionStore()
session[SESSION_KEY], session[BACKEND_SESSION_KEY] = str(user.pk), "django.contrib.auth.backends.ModelBackend"
session[HASH_SESSION_KEY] = user.get_session_auth_hash()
session.create()
print(session.session_key, Criterion.objects.get(criteria_set__edition=appraisal, code="2").criteria_set_id)
"""


@pytest.fixture(scope="module")
def staff(portal):
    """A logged-in appraiser and publisher (a session key), an edition in appraisal and one approved."""
    out = manage(portal[1], "shell", "-c", STAFF).stdout.split()
    return {"session": out[-2], "survey": out[-1]}


@pytest.mark.parametrize(
    "path",
    [
        "/quan-ly/tiep-can-2025/don-vi/A/",
        "/quan-ly/tiep-can-2025/khao-sat/{survey}/",
        "/quan-ly/tiep-can-2024/cong-bo/",
        "/quan-ly/tiep-can-2025/thiet-lap/bo-tieu-chi/{survey}/",
        "/quan-ly/tiep-can-2025/thiet-lap/don-vi/",
        "/quan-ly/tiep-can-2025/phan-cong/",
        "/quan-ly/tiep-can-2025/tien-do/",
    ],
    ids=["score-sheet", "survey", "publish-form", "framework-editor", "setup-units", "assignments", "dashboard"],
)
def test_the_staff_pages_people_work_on_have_no_accessibility_failure(portal, staff, tmp_path, path):
    url = portal[0] + path.format(survey=staff["survey"])
    score, failing = audit(url, tmp_path / "report.json", session=staff["session"])
    print(f"Lighthouse accessibility {path}: {score}; failing: {failing}")
    assert failing == [], failing

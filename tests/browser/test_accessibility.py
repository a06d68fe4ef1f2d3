"""Lighthouse's accessibility audit of the public pages, in Debian's Chromium: at least 95."""

import json
import os
import subprocess

import pytest

from tests.browser.conftest import CHROMIUM
from tests.processes import ROOT

pytestmark = pytest.mark.browser

LIGHTHOUSE = ROOT / "tools" / "lighthouse" / "node_modules" / ".bin" / "lighthouse"
# Lighthouse adds the other quiet flags itself; the resolver rule keeps every request on this machine.
CHROME_FLAGS = (
    "--headless=new --no-sandbox --disable-gpu --disable-dev-shm-usage "
    '--host-resolver-rules="MAP * ~NOTFOUND, EXCLUDE 127.0.0.1, EXCLUDE localhost"'
)


def audit(url, out):
    if not LIGHTHOUSE.exists():
        pytest.fail("Lighthouse is not installed: npm install --prefix tools/lighthouse (make test does it)")
    subprocess.run(
        ["timeout", "-s", "INT", "-k", "15", "180", str(LIGHTHOUSE), url, "--only-categories=accessibility",
         "--output=json", f"--output-path={out}", "--quiet", f"--chrome-flags={CHROME_FLAGS}"],
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
    return category["score"], failing


@pytest.mark.parametrize(
    "path",
    ["/cong-bo/quang-nam-2023-cchc/", "/cong-bo/tien-phuoc-2022-cchc/don-vi/TIEN-CHAU/"],
    ids=["announcement", "unit"],
)
def test_lighthouse_accessibility_is_at_least_95(portal, tmp_path, path):
    score, failing = audit(portal[0] + path, tmp_path / "report.json")
    print(f"Lighthouse accessibility {path}: {score}; failing: {failing}")
    assert score >= 0.95, failing

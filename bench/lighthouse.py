"""Lighthouse's mobile profile on the public pages citizens open from a news article.

    .venv/bin/python bench/lighthouse.py [--runs 3]
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/test .venv/bin/python bench/lighthouse.py

Serves the portal under gunicorn in production mode (DEBUG off, whitenoise, compressed static
files) on a database of its own with the seed decisions and a simulated 132-unit edition, and
runs Lighthouse 12 (tools/lighthouse, its default mobile profile: a mid-range phone on a slow 4G
network, CPU slowed 4×) in Debian's Chromium against the announcement and a unit page of each.
Prints, per page, the median of --runs: performance, total blocking time, largest contentful
paint, cumulative layout shift, accessibility and the bytes of a first visit.

It asserts nothing; the tests check accessibility, not timings.
"""

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.browser.conftest import CHROMIUM  # noqa: E402
from tests.processes import Gunicorn, fresh_database_url, manage, portal_env  # noqa: E402

LIGHTHOUSE = ROOT / "tools" / "lighthouse" / "node_modules" / ".bin" / "lighthouse"
FLAGS = (
    "--headless=new --no-sandbox --disable-gpu --disable-dev-shm-usage "
    '--host-resolver-rules="MAP * ~NOTFOUND, EXCLUDE 127.0.0.1, EXCLUDE localhost"'
)
DEMO = "ubnd-thanh-pho-ha-noi-mo-phong-2024-cchc"
PAGES = [
    ("Quảng Nam 2023, announcement", "/cong-bo/quang-nam-2023-cchc/"),
    ("Quảng Nam 2023, unit (Sở Nội vụ)", "/cong-bo/quang-nam-2023-cchc/don-vi/SNV/"),
    ("Tiên Phước 2022, unit (Tiên Châu)", "/cong-bo/tien-phuoc-2022-cchc/don-vi/TIEN-CHAU/"),
    ("Demo 2024 (132 units), announcement", f"/cong-bo/{DEMO}/"),
    ("Demo 2024 (132 units), unit", f"/cong-bo/{DEMO}/don-vi/SO-01/"),
]


def audit(url, out, *, attempts=3):
    """One Lighthouse run's figures. A run Lighthouse itself could not finish (its trace is now and
    then incomplete on this machine) is run again, at most `attempts` times, and said."""
    for attempt in range(1, attempts + 1):
        try:
            return _audit(url, out)
        except KeyError as missing:
            print(f"   (Lighthouse run {attempt} on {url} gave no {missing}: run again)", file=sys.stderr)
    raise RuntimeError(f"Lighthouse could not finish {url} in {attempts} runs")


def _audit(url, out):
    subprocess.run(
        [str(LIGHTHOUSE), url, "--only-categories=performance,accessibility", "--output=json",
         f"--output-path={out}", "--quiet", f"--chrome-flags={FLAGS}"],
        env={**os.environ, "CHROME_PATH": CHROMIUM}, check=False, capture_output=True, timeout=300,
    )  # fmt: skip
    report = json.loads(Path(out).read_text())
    audits = report["audits"]
    return {
        "performance": report["categories"]["performance"]["score"],
        "accessibility": report["categories"]["accessibility"]["score"],
        "tbt": audits["total-blocking-time"]["numericValue"],
        "lcp": audits["largest-contentful-paint"]["numericValue"],
        "cls": audits["cumulative-layout-shift"]["numericValue"],
        "bytes": audits["total-byte-weight"]["numericValue"],
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="parindex-bench-lighthouse-"))
    env = portal_env(tmp, DATABASE_URL=fresh_database_url(tmp, "parindex_bench_lighthouse"), SECRET_KEY="bench-only")
    for command in (
        ["migrate", "--noinput"],
        ["collectstatic", "--noinput"],
        ["load_seeds"],
        ["generate_demo", "--authorities", "1", "--units-per-block", "33", "--years", "2"],
    ):
        manage(env, *command)
    print(f"Lighthouse {json.loads((LIGHTHOUSE.parent.parent / 'lighthouse' / 'package.json').read_text())['version']},"
          f" mobile profile, median of {args.runs} runs")  # fmt: skip
    print(f"{'page':40} {'perf':>5} {'TBT ms':>7} {'LCP ms':>7} {'CLS':>6} {'a11y':>5} {'KB':>6}")
    with Gunicorn(env, tmp) as server:
        for name, path in PAGES:
            runs = [audit(server.url + path, tmp / "report.json") for _ in range(args.runs)]
            median = {key: statistics.median(run[key] for run in runs) for key in runs[0]}
            print(
                f"{name:40} {median['performance']:5.2f} {median['tbt']:7.0f} {median['lcp']:7.0f} "
                f"{median['cls']:6.3f} {median['accessibility']:5.2f} {median['bytes'] / 1024:6.0f}"
            )


if __name__ == "__main__":
    main()

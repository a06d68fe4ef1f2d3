"""Benchmark the announcement page: server time and queries by block size, and gunicorn throughput.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/test .venv/bin/python bench/pages.py

Needs `wrk` (apt-get install -y wrk) for the throughput part. Prints:

1. For one block of 30, 300 and 3,000 units (100 sub-criteria each), the server time of the
   announcement page without the page cache (median of 5, in-process), its queries and its size:
   the cost should grow no faster than the table itself.
2. Under gunicorn in production mode (DEBUG off, whitenoise), requests per second and latency of a
   cached announcement page beside a static file served by the same server in the same run.
3. The bytes a browser transfers for the page (compressed): the page, its chart images, and the
   chart library a reader fetches by asking for an interactive chart.
4. An index reported by period: a unit's page, its trend chart and the announcement of the 60th of
   60 monthly periods (20 units each), server time and queries (`--only periods` runs this part alone).
5. The cross-authority page over 34 provinces (20 departments and 100 communes each): every province's
   Sở Nội vụ, and the communes' averages (`--only across`).

It asserts nothing.
"""

import argparse
import datetime
import gzip
import os
import random
import re
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request

from common import ROOT, setup_django, timed


def make_edition(units):
    """A published edition with one block of `units` units on a 100-leaf criteria set."""
    from scoring import demo
    from scoring.models import Authority, Band, Block, Edition, IndexKind, Unit
    from scoring.writes import publish

    authority, _ = Authority.objects.get_or_create(
        slug=f"bench-{units}", defaults={"name": f"UBND tỉnh Đo {units}", "level": "province", "province": "Đo"}
    )
    edition = Edition.objects.create(
        slug=f"bench-{units}", authority=authority, index=IndexKind.for_code("cchc"), year=2025,
        title=f"Chỉ số cải cách hành chính năm 2025 (đo hiệu năng, {units} đơn vị)",
    )  # fmt: skip
    Band.objects.bulk_create(
        [Band(edition=edition, position=i, label=label, min_percent=m) for i, (label, m) in enumerate(demo.BANDS)]
    )
    criteria_set, leaves = demo._criteria(edition, "chung", 0)
    block = Block.objects.create(edition=edition, code="xa", name="UBND các xã", criteria_set=criteria_set)
    rows = [
        Unit(edition=edition, block=block, code=f"X{i:05d}", name=f"UBND xã Số {i}", position=i) for i in range(units)
    ]
    Unit.objects.bulk_create(rows, batch_size=2000)
    rng = random.Random(units)
    scores = []
    for unit in rows:
        quality = rng.uniform(0.6, 0.98)
        for criterion_id, group_id, cents, _survey in leaves:
            scores.append(
                (unit.pk, criterion_id, group_id, round(cents * min(1, rng.uniform(quality - 0.2, 1.2))), False)
            )
    demo._insert_scores(scores)
    return publish(historical=True, edition=edition, number=f"{units}/QĐ-UBND", date=datetime.date(2026, 1, 15))


def server_side(sizes, repeat):
    from django.core.cache import cache
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from publications.caching import invalidate_public_pages

    client = Client(HTTP_HOST="localhost")
    print("1. Announcement page, in-process, page cache cleared before each request")
    print(f"   {'units':>6} {'median ms':>10} {'ms/unit':>8} {'queries':>8} {'HTML kB':>8}")
    for units in sizes:
        url = f"/cong-bo/bench-{units}/"

        def get(url=url):
            cache.clear()
            response = client.get(url)
            assert response.status_code == 200, response.status_code
            return response

        get()
        seconds, response = timed(get, repeat)
        cache.clear()
        invalidate_public_pages()  # counted as the first request of a second (the count of publications)
        with CaptureQueriesContext(connection) as ctx:
            client.get(url)
        print(
            f"   {units:>6} {seconds * 1000:>10.1f} {seconds * 1000 / units:>8.3f} {len(ctx.captured_queries):>8}"
            f" {len(response.content) / 1024:>8.0f}"
        )


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wrk(url, seconds, connections):
    out = subprocess.run(
        ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--latency", url], capture_output=True, text=True
    ).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    latency = dict(re.findall(r"\s+(50|90|99)%\s+([\d.]+\w+)", out))
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    return rps, latency, int(errors.group(1)) if errors else 0


def fetch(url, encoding="gzip, br"):
    request = urllib.request.Request(url, headers={"Accept-Encoding": encoding})
    with urllib.request.urlopen(request) as response:
        body = response.read()
        return body, response.headers.get("Content-Encoding"), len(body)


def under_gunicorn(url_db, seconds, connections):
    env = {
        **os.environ, "DATABASE_URL": url_db, "DEBUG": "0", "SECRET_KEY": "bench-only",
        "ALLOWED_HOSTS": "127.0.0.1,localhost", "SECURE_COOKIES": "0",
    }  # fmt: skip
    port = free_port()
    workers = 2 * (os.cpu_count() or 1) + 1
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "parindex.wsgi", "-b", f"127.0.0.1:{port}", "-w", str(workers),
         "--access-logfile", "/dev/null", "--no-control-socket"],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(base + "/robots.txt", timeout=1)
                break
            except OSError:
                time.sleep(0.1)
        page = f"{base}/cong-bo/bench-30/"
        html = fetch(page, "identity")[0].decode()
        css = base + re.search(r'href="(/static/css/site\.[^"]+\.css)"', html).group(1)
        scripts = [base + s for s in re.findall(r'src="(/static/[^"]+\.js)"', html)]
        for _ in range(workers * 4):  # warm every worker's page cache
            fetch(page)
        print(f"\n2. Under gunicorn ({workers} workers, {connections} connections, {seconds} s each, same run)")
        for label, url in (("cached announcement", page), ("static file (site.css)", css)):
            rps, latency, errors = wrk(url, seconds, connections)
            print(
                f"   {label:<24} {rps:>9.0f} req/s   p50 {latency.get('50')}  p90 {latency.get('90')}  "
                f"p99 {latency.get('99')}  errors {errors}"
            )
        print("\n3. Bytes transferred for the announcement of 30 units (compressed as served)")
        page_bytes = fetch(page)[2]
        css_bytes = fetch(css)[2]
        scripts_bytes = sum(fetch(s)[2] for s in scripts)
        images = [base + src for src in re.findall(r'<img src="(/cong-bo/[^"]+\.svg)"', html)]
        image_bytes = [fetch(src)[2] for src in images]
        library = [base + src for src in re.findall(r'data-plotly(?:-css)?="(/static/[^"]+)"', html)]
        library_bytes = sum(fetch(src)[2] for src in library)
        print(
            f"   HTML {page_bytes / 1024:.1f} kB, CSS {css_bytes / 1024:.1f} kB, scripts {scripts_bytes / 1024:.1f} kB"
        )
        print(
            f"   charts drawn on the server: {len(images)} SVG images, {sum(image_bytes) / 1024:.1f} kB in all"
            f" (the first {image_bytes[0] / 1024:.1f} kB; the others load as they are scrolled to)"
        )
        print(
            f"   chart library, fetched only when a reader asks for an interactive chart: {library_bytes / 1024:.1f} kB"
        )
        without = page_bytes + css_bytes + scripts_bytes + image_bytes[0]
        print(
            f"   first screen: {without / 1024:.1f} kB; every chart and the library too: "
            f"{(without + sum(image_bytes[1:]) + library_bytes) / 1024:.1f} kB"
        )
        raw = len(gzip.decompress(fetch(page, "gzip")[0])) if fetch(page, "gzip")[1] == "gzip" else page_bytes
        print(f"   (HTML uncompressed: {raw / 1024:.1f} kB)")
    finally:
        server.terminate()
        server.wait(timeout=10)


def periods_trend(repeat, months=60, units=20):
    """Part 4: a unit's trend over `months` monthly periods of the service index."""
    from scoring.importing import import_edition
    from scoring.writes import publish_period
    from tests.factories import edition_doc

    started = time.perf_counter()
    start = datetime.date(2021, 1, 1)
    slug = ""
    for month in range(months):
        first = datetime.date(start.year + month // 12, month % 12 + 1, 1)
        last = datetime.date(first.year + (first.month == 12), first.month % 12 + 1, 1) - datetime.timedelta(days=1)
        scores = {f"U{i:02d}": {"1.1": str((i + month) % 7), "1.2": str(i % 5), "2": str((i * month) % 11)}
                  for i in range(units)}  # fmt: skip
        slug = f"bench-dv-{first:%Y-%m}"
        doc = edition_doc(scores, slug=slug, year=first.year, index="service", authority="UBND tỉnh Theo Tháng")
        edition = import_edition(document=doc)
        publish_period(edition=edition, start=first, end=last, source="Cổng Dịch vụ công quốc gia", historical=True)
    print(f"\n4. An index reported by period: {months} monthly periods × {units} units published in "
          f"{time.perf_counter() - started:.1f} s")  # fmt: skip
    not_cached([("unit page (trend table and chart)", f"/cong-bo/{slug}/don-vi/U03/"),
                ("unit trend chart (SVG)", f"/cong-bo/{slug}/don-vi/U03/bieu-do.svg"),
                ("announcement of the last period", f"/cong-bo/{slug}/")], repeat)  # fmt: skip


def not_cached(pages, repeat, *, count_rows=False):
    """Print each page's median server time with the page cache cleared before each request, and its queries."""
    from django.core.cache import cache
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from publications.caching import invalidate_public_pages

    client = Client(HTTP_HOST="localhost")

    def clear():
        cache.clear()
        invalidate_public_pages()

    for label, url in pages:
        seconds, response = timed(lambda url=url: client.get(url), repeat, before=clear)
        clear()
        with CaptureQueriesContext(connection) as queries:
            client.get(url)
        found = response.content.decode().count('<th scope="row">')
        rows = f", {found} rows" if count_rows else ""
        print(f"   {label}: {seconds * 1000:.0f} ms median, {len(queries.captured_queries)} queries{rows}, "
              f"status {response.status_code}")  # fmt: skip


def across_provinces(repeat, provinces=34):
    """Part 5: the cross-authority page over `provinces` provinces."""

    from scoring.importing import import_edition
    from scoring.writes import publish
    from tests.factories import edition_doc

    started = time.perf_counter()
    for k in range(provinces):
        departments = {f"S{j:02d}": {"1.1": str((k + j) % 7), "1.2": str(j % 5), "2": str((k * j) % 11)}
                       for j in range(20)}  # fmt: skip
        communes = {f"X{j:03d}": {"1.1": str((k + j) % 7), "1.2": str(j % 5), "2": str((k + 3 * j) % 11)}
                    for j in range(100)}  # fmt: skip
        doc = edition_doc(blocks=[("so", departments), ("xa", communes)], slug=f"bench-tinh-{k:02d}-2025",
                          year=2025, authority=f"UBND tỉnh Đo {k:02d}")  # fmt: skip
        doc["blocks"][0]["name"], doc["blocks"][1]["name"] = "Các sở, ban, ngành", "UBND các xã, phường"
        doc["blocks"][0]["units"][0]["name"] = f"Sở Nội vụ tỉnh Đo {k:02d}"
        edition = import_edition(document=doc)
        publish(edition=edition, number=f"{k}/QĐ-UBND", date=datetime.date(2026, 1, 15), historical=True)
    print(f"\n5. The cross-authority page: {provinces} provinces × 120 units published in "
          f"{time.perf_counter() - started:.1f} s")  # fmt: skip
    not_cached([("every province's Sở Nội vụ", "/so-sanh-dia-phuong/?nam=2025&khoi=so&don-vi=so-noi-vu"),
                ("the communes' average in each province", "/so-sanh-dia-phuong/?nam=2025&khoi=xa")], repeat,
               count_rows=True)  # fmt: skip


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="30,300,3000")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--connections", type=int, default=20)
    parser.add_argument("--only", choices=["periods", "across"], help="run one part only")
    args = parser.parse_args()
    os.environ["STATIC_ROOT"] = tempfile.mkdtemp(prefix="parindex-static-")
    url = setup_django("parindex_bench_pages")
    from django.core.management import call_command

    call_command("collectstatic", interactive=False, verbosity=0)
    if args.only == "periods":
        periods_trend(args.repeat)
        return
    if args.only == "across":
        across_provinces(args.repeat)
        return
    sizes = [int(s) for s in args.sizes.split(",")]
    for units in sizes:
        make_edition(units)
    server_side(sizes, args.repeat)
    under_gunicorn(url, args.seconds, args.connections)
    periods_trend(args.repeat)
    across_provinces(args.repeat)


if __name__ == "__main__":
    main()

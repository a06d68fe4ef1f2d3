"""Load benchmark: national-scale data under gunicorn, public traffic and an appraiser saving at once.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/test REDIS_URL=redis://127.0.0.1:6379/5 \\
        .venv/bin/python bench/load.py [--seconds 60] [--connections 50] \\
        [--authorities 34] [--units-per-block 43] [--years 5] [--unit-pages 2000]

Needs `wrk` (apt-get install -y wrk). Creates its own database beside DATABASE_URL
(`parindex_bench_load`, dropped and made again), collects the static files into a temporary
STATIC_ROOT and fills the database with `generate_demo` (34 authorities, ≈130-170 units each, 100
leaves, 5 years: every year published but the last, which is put in appraisal). It creates an
appraiser of one authority, empties the Redis database REDIS_URL names (that database only), and
starts gunicorn in production mode (DEBUG off, 2 × cores + 1 workers) on a free port. Then:

1. It warms the page cache with one request to every path of a weighted list of public pages
   (home, announcements, unit pages, search without diacritics, CSV downloads, methodology and
   authority pages; recent years weigh more), written to a temporary file.
2. wrk sends that mix for --seconds at --connections (bench/wrk/mixed.lua picks a path per request)
   while, in a thread, the appraiser logs in and keeps saving one changed score at a time on the
   score sheets of the draft (GET the sheet, change one appraised score within its maximum, POST
   the form back as the page had it).
3. Right after, wrk asks for the hashed site.css (whitenoise) for as long, for comparison.

It prints requests per second, latency percentiles and errors of each part, the appraiser's saves,
the size of the data and the database and Redis used; it asserts nothing. gunicorn's error log is
kept in a temporary directory (printed), and the lines of any server error are shown.
"""

import argparse
import concurrent.futures
import html.parser
import http.cookiejar
import os
import random
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

from common import ROOT, setup_django

LUA = Path(__file__).resolve().parent / "wrk" / "mixed.lua"
APPRAISER = "bench-thamdinh"
# Share of the public traffic per kind of page (announcements and unit pages most).
SHARES = {
    "announcement": 30,
    "unit": 35,
    "home": 10,
    "search": 8,
    "csv": 5,
    "methodology": 5,
    "authority": 7,
}


# ---------------------------------------------------------------------------------------- data


def make_data(args):
    """Generate the demo data, put the drafts in appraisal, create the appraiser. Return a dict."""
    from django.contrib.auth import get_user_model
    from django.db import connection

    from scoring.demo import generate_demo
    from scoring.models import Edition, Score, Unit
    from workspace.models import Role
    from workspace.roles import grant

    started = time.perf_counter()
    generate_demo(authorities=args.authorities, units_per_block=args.units_per_block, years=args.years)
    generated = time.perf_counter() - started
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    Edition.objects.filter(status=Edition.Status.DRAFT).update(status=Edition.Status.APPRAISAL)

    draft = Edition.objects.filter(status=Edition.Status.APPRAISAL).select_related("authority").order_by("pk").first()
    password = f"bench-{random.SystemRandom().randrange(10**12):012d}-load"
    get_user_model().objects.create_user(APPRAISER, password=password, first_name="Thẩm Định", last_name="Đo Tải")
    grant(username=APPRAISER, kind=Role.Kind.APPRAISER, authority_slug=draft.authority.slug)
    return {
        "generated": generated,
        "editions": Edition.objects.count(),
        "published": Edition.objects.filter(status=Edition.Status.PUBLISHED).count(),
        "units": Unit.objects.count(),
        "scores": Score.objects.count(),
        "draft": draft,
        "draft_units": list(draft.units.order_by("position").values_list("code", flat=True)),
        "password": password,
    }


def public_paths(unit_pages, seed=2025):
    """Return [(weight, path, kind)]: the mixed public traffic; the weights of each kind sum to its share."""
    from scoring.models import Authority, Edition, Unit
    from scoring.text import fold

    rng = random.Random(seed)
    editions = list(Edition.objects.published().select_related("authority").order_by("-year", "slug"))
    latest = max(e.year for e in editions)

    def recency(year):
        return 0.5 ** (latest - year)  # last year's results are read twice as much as the year before

    kinds = {kind: [] for kind in SHARES}
    for e in editions:
        kinds["announcement"].append((recency(e.year), f"/cong-bo/{e.slug}/"))
        kinds["csv"].append((recency(e.year), f"/cong-bo/{e.slug}/tai-ve.csv"))
        kinds["methodology"].append((recency(e.year), f"/cong-bo/{e.slug}/phuong-phap/"))
    units = list(
        Unit.objects.filter(edition__status=Edition.Status.PUBLISHED).values_list(
            "edition__slug", "edition__year", "code"
        )
    )
    for slug, year, code in rng.sample(units, min(unit_pages, len(units))):
        kinds["unit"].append((recency(year), f"/cong-bo/{slug}/don-vi/{urllib.parse.quote(code)}/"))
    authorities = list(Authority.objects.filter(editions__status=Edition.Status.PUBLISHED).distinct().order_by("slug"))
    kinds["authority"] = [(1, f"/co-quan/{a.slug}/") for a in authorities]
    kinds["home"] = [(8, "/"), (1, "/?trang=2"), (1, f"/?nam={latest}")]
    kinds["home"] += [(0.5, f"/?tinh={urllib.parse.quote_plus(a.province)}") for a in authorities[:6]]
    # Searches as people type them: without diacritics, a province, a unit, or both.
    names = [fold(n) for n in Unit.objects.filter(edition__in=editions[:10]).values_list("name", flat=True)]
    queries = {fold(a.province) for a in authorities[:10]}
    for name in rng.sample(names, min(20, len(names))):
        queries.add(" ".join(name.split()[-2:]))
    queries |= {"so noi vu", "so tai chinh", "kho bac", "ubnd xa", "cuc thue"}
    kinds["search"] = [(1, f"/tim-kiem/?q={urllib.parse.quote_plus(q)}") for q in sorted(queries)]

    weighted = []
    for kind, entries in kinds.items():
        total = sum(w for w, _ in entries)
        weighted += [(SHARES[kind] * w / total, path, kind) for w, path in entries]
    return weighted


# ------------------------------------------------------------------------------------ gunicorn


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_gunicorn(workers, log):
    """Start gunicorn in production mode; return (process, base URL). stderr goes to `log`."""
    env = {
        **os.environ, "DEBUG": "0", "SECRET_KEY": "bench-only-" + "x" * 40,
        "ALLOWED_HOSTS": "127.0.0.1,localhost", "SECURE_COOKIES": "0", "SECURE_SSL_REDIRECT": "0",
    }  # fmt: skip
    port = free_port()
    # Plain HTTP, so cookies without the Secure flag; no control socket, which other gunicorns may share.
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "parindex.wsgi", "-b", f"127.0.0.1:{port}", "-w", str(workers),
         "--access-logfile", "/dev/null", "--error-logfile", "-", "--no-control-socket"],
        cwd=ROOT, env=env, stdout=log, stderr=log,
    )  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    for _ in range(300):
        if server.poll() is not None:
            raise SystemExit(f"gunicorn stopped (exit {server.returncode}); see {log.name}")
        try:
            urllib.request.urlopen(base + "/robots.txt", timeout=1)
            return server, base
        except OSError:
            time.sleep(0.1)
    server.terminate()
    raise SystemExit(f"gunicorn did not answer in 30 s; see {log.name}")


def get(url, encoding="gzip, deflate, br"):
    """GET `url`; return (status, body)."""
    request = urllib.request.Request(url, headers={"Accept-Encoding": encoding})
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read()


def warm(base, paths, concurrency):
    """Request every path once, as wrk will (gzip); return (seconds, {status: count}, [bad paths])."""
    started = time.perf_counter()
    statuses, bad = {}, []
    with concurrent.futures.ThreadPoolExecutor(concurrency) as pool:
        for path, (status, _body) in zip(paths, pool.map(lambda p: get(base + p), paths), strict=True):
            statuses[status] = statuses.get(status, 0) + 1
            if status != 200:
                bad.append(f"{status} {path}")
    return time.perf_counter() - started, statuses, bad


def wrk(base, paths_file, seconds, connections, out):
    """Run wrk with the mixed script; return the RESULT figures as a dict. Its output is kept in `out`."""
    command = ["wrk", f"-t{min(2, connections)}", f"-c{connections}", f"-d{seconds}s", "--timeout", "10s",
               "--latency", "-s", str(LUA), base, "--", str(paths_file)]  # fmt: skip
    run = subprocess.run(command, capture_output=True, text=True)
    out.write_text(run.stdout + run.stderr)
    line = next((x for x in run.stdout.splitlines() if x.startswith("RESULT ")), None)
    if line is None:
        raise SystemExit(f"wrk gave no result (exit {run.returncode}):\n{run.stdout}{run.stderr}")
    figures = dict(pair.split("=", 1) for pair in line.split()[1:])
    return {k: (v if k == "statuses" else float(v)) for k, v in figures.items()}


# ----------------------------------------------------------------------------------- appraiser


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None  # a redirect is an answer to look at, not to follow


class SheetParser(html.parser.HTMLParser):
    """The fields of the score sheet form as a browser would post them, and each points field's maximum."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.fields, self.maxima, self.checked = [], {}, set()
        self._in_form, self._max, self._textarea = False, None, None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and attrs.get("id") == "scoresheet":
            self._in_form = True
        if not self._in_form:
            return
        if tag == "tr":
            self._max = None
        elif tag == "td" and "data-max" in attrs:
            self._max = attrs["data-max"]
        elif tag == "input" and attrs.get("name"):
            kind = attrs.get("type", "text")
            if kind == "checkbox":
                if "checked" in attrs:
                    self.fields.append([attrs["name"], attrs.get("value") or "on"])
                    self.checked.add(attrs["name"])
            elif kind not in ("submit", "button", "file"):
                self.fields.append([attrs["name"], attrs.get("value") or ""])
                if re.fullmatch(r"s\d+-points", attrs["name"]):
                    self.maxima[attrs["name"]] = self._max
        elif tag == "textarea" and attrs.get("name"):
            self._textarea = [attrs["name"], ""]
            self.fields.append(self._textarea)

    def handle_data(self, data):
        if self._textarea is not None:
            self._textarea[1] += data

    def handle_endtag(self, tag):
        if tag == "textarea" and self._textarea is not None:
            if self._textarea[1].startswith("\n"):  # browsers drop the newline after <textarea>
                self._textarea[1] = self._textarea[1][1:]
            self._textarea = None
        elif tag == "form":
            self._in_form = False


def cents_of(text):
    """'4,5' or '4.50' → 450; '' → None."""
    text = text.strip().replace(",", ".")
    if not text:
        return None
    whole, _dot, frac = text.partition(".")
    return int(whole or 0) * 100 + int((frac + "00")[:2])


class Appraiser(threading.Thread):
    """Logs in through the login form, then saves one changed appraised score after another."""

    def __init__(self, base, slug, codes, password):
        super().__init__(daemon=True)
        self.base, self.slug, self.codes, self.password = base, slug, codes, password
        self.stop = threading.Event()
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()), _NoRedirect()
        )
        self.rng = random.Random(7)
        self.saves, self.save_times, self.sheet_times = 0, [], []
        self.failures = []
        self.login_seconds = None

    def call(self, path, data=None):
        """GET (or POST `data`, a list of (name, value)); return (status, headers, text)."""
        body = urllib.parse.urlencode([tuple(pair) for pair in data]).encode() if data is not None else None
        request = urllib.request.Request(self.base + path, data=body)
        try:
            with self.opener.open(request, timeout=60) as response:
                return response.status, response.headers, response.read().decode()
        except urllib.error.HTTPError as exc:
            return exc.code, exc.headers, exc.read().decode(errors="replace")

    def login(self):
        started = time.perf_counter()
        status, _headers, page = self.call("/quan-ly/dang-nhap/")
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
        if status != 200 or token is None:
            raise RuntimeError(f"login page: {status}")
        data = [("csrfmiddlewaretoken", token.group(1)), ("username", APPRAISER), ("password", self.password)]
        status, headers, _page = self.call("/quan-ly/dang-nhap/", data)
        if status != 302 or "dang-nhap" in headers.get("Location", ""):
            raise RuntimeError(f"login refused: {status}")
        self.login_seconds = time.perf_counter() - started

    def save_one(self):
        code = self.rng.choice(self.codes)
        path = f"/quan-ly/{self.slug}/don-vi/{urllib.parse.quote(code)}/"
        started = time.perf_counter()
        status, _headers, page = self.call(path)
        self.sheet_times.append(time.perf_counter() - started)
        if status != 200:
            return f"GET {path}: {status}"
        sheet = SheetParser()
        sheet.feed(page)
        values = dict((name, value) for name, value in sheet.fields)
        choices = [
            name
            for name, maximum in sheet.maxima.items()
            if maximum and name.replace("-points", "-not_assessed") not in sheet.checked
        ]
        if not choices:
            return f"GET {path}: no points field to change"
        name = self.rng.choice(choices)
        top, now = cents_of(sheet.maxima[name]), cents_of(values[name])
        new = self.rng.choice([c for c in range(top + 1) if c != now] or [0])
        for field in sheet.fields:
            if field[0] == name:
                field[1] = f"{new // 100},{new % 100:02d}"
        started = time.perf_counter()
        status, headers, _page = self.call(path, sheet.fields)
        elapsed = time.perf_counter() - started
        if status != 302 or not headers.get("Location", "").endswith(path):
            return f"POST {path} ({name}): {status}"
        self.save_times.append(elapsed)
        self.saves += 1
        return None

    def run(self):
        while not self.stop.is_set():
            try:
                failure = self.save_one()
            except Exception as exc:  # counted and shown; the load goes on
                failure = f"{type(exc).__name__}: {exc}"
            if failure:
                self.failures.append(failure)
                time.sleep(0.2)


# -------------------------------------------------------------------------------------- report


def percentile(values, p):
    if not values:
        return float("nan")
    if len(values) == 1:
        return values[0]
    return statistics.quantiles(values, n=100, method="inclusive")[p - 1]


def redis_summary(url):
    import redis

    client = redis.Redis.from_url(url)
    memory = client.info("memory").get("used_memory_human")
    return f"{client.dbsize()} keys in this db, server memory {memory}"


def flush_redis(url):
    """Empty the Redis database `url` names (only that one)."""
    import redis

    redis.Redis.from_url(url).flushdb()


def database_summary():
    from django.db import connection

    name = connection.settings_dict["NAME"]
    if connection.vendor != "postgresql":
        return f"{connection.vendor} {name}"
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_size_pretty(pg_database_size(current_database())), version()")
        size, version = cursor.fetchone()
    return f"PostgreSQL {version.split()[1]}, database {name} ({size})"


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--connections", type=int, default=50)
    parser.add_argument("--authorities", type=int, default=34)
    parser.add_argument("--units-per-block", type=int, default=43)
    parser.add_argument("--years", type=int, default=5)
    parser.add_argument("--unit-pages", type=int, default=2000, help="published unit pages in the mix (a sample)")
    args = parser.parse_args()

    work = Path(tempfile.mkdtemp(prefix="parindex-load-"))
    os.environ["STATIC_ROOT"] = str(work / "static")
    os.environ["MEDIA_ROOT"] = str(work / "media")
    redis_url = os.environ.get("REDIS_URL", "")
    database_url = setup_django("parindex_bench_load")
    from django.core.management import call_command

    call_command("collectstatic", interactive=False, verbosity=0)
    print(
        f"Generating data: {args.authorities} authorities × {args.years} years, {args.units_per_block} units a block…"
    )
    data = make_data(args)
    print(f"   generated in {data['generated']:.1f} s")
    weighted = public_paths(args.unit_pages)
    paths_file = work / "paths.tsv"
    paths_file.write_text("".join(f"{w:.6f}\t{p}\n" for w, p, _kind in weighted))
    if redis_url:
        flush_redis(redis_url)

    workers = 2 * (os.cpu_count() or 1) + 1
    log_path = work / "gunicorn.log"
    with open(log_path, "w") as log:
        server, base = start_gunicorn(workers, log)
        try:
            results = run_load(args, data, base, weighted, paths_file, workers, work)
        finally:
            server.terminate()
            server.wait(timeout=30)
    report(args, data, results, weighted, redis_url, database_url, workers, work, log_path)


def run_load(args, data, base, weighted, paths_file, workers, work):
    """Warm the cache, run the mixed traffic with the appraiser, then the static file. Return the figures."""
    paths = [p for _w, p, _kind in weighted]
    print(f"Warming the page cache: {len(paths)} paths…")
    warm_seconds, warm_statuses, warm_bad = warm(base, paths, workers)
    print(f"   {warm_seconds:.1f} s, responses by status {warm_statuses}")
    for line in warm_bad[:10]:
        print(f"   ! {line}")
    appraiser = Appraiser(base, data["draft"].slug, data["draft_units"], data["password"])
    appraiser.login()
    load_before = os.getloadavg()[0]
    print(f"Public traffic for {args.seconds} s at {args.connections} connections, the appraiser saving meanwhile…")
    started = time.perf_counter()
    appraiser.start()
    try:
        public = wrk(base, paths_file, args.seconds, args.connections, work / "wrk-public.txt")
    finally:
        appraiser.stop.set()
        appraiser.join(timeout=120)
    appraiser_seconds = time.perf_counter() - started
    status, home = get(base + "/", "identity")
    css = re.search(r'href="(/static/css/site\.[0-9a-f]+\.css)"', home.decode())
    if status != 200 or css is None:
        raise SystemExit(f"no hashed site.css in the home page ({status})")
    css_file = work / "static.tsv"
    css_file.write_text(f"1\t{css.group(1)}\n")
    print(f"Static file {css.group(1)} for {args.seconds} s at {args.connections} connections…")
    static = wrk(base, css_file, args.seconds, args.connections, work / "wrk-static.txt")
    return {
        "warm": (warm_seconds, warm_statuses, warm_bad),
        "public": public,
        "static": static,
        "css": css.group(1),
        "appraiser": appraiser,
        "appraiser_seconds": appraiser_seconds,
        "load": (load_before, os.getloadavg()[0]),
    }


def report(args, data, results, weighted, redis_url, database_url, workers, work, log_path):
    kinds = {}
    for w, _p, kind in weighted:
        count, share = kinds.get(kind, (0, 0))
        kinds[kind] = (count + 1, share + w)
    mix = ", ".join(f"{kind} {share:.0f}% ({count} paths)" for kind, (count, share) in kinds.items())
    print()
    print(f"Data:      {data['editions']} editions ({data['published']} published, the rest in appraisal), "
          f"{data['units']:,} units, {data['scores']:,} scores; generated in {data['generated']:.1f} s")  # fmt: skip
    print(f"Database:  {database_summary()}")
    redis_text = f"{redis_url} — {redis_summary(redis_url)}" if redis_url else "none (each worker's local memory)"
    print(f"Cache:     {redis_text}")
    print(f"Server:    gunicorn, {workers} sync workers, DEBUG off, on {os.cpu_count()} cores shared with wrk, "
          "PostgreSQL and Redis")  # fmt: skip
    before, after = results["load"]
    print(f"Machine:   1-minute load average {before:.1f} before the public traffic, {after:.1f} after the static file "
          "(anything above what this benchmark runs is someone else's work)")  # fmt: skip
    print(f"Mix:       {mix}")
    warm_seconds, warm_statuses, _bad = results["warm"]
    print(f"Warm-up:   every path once in {warm_seconds:.1f} s, {warm_statuses}")
    print()
    header = f"{'':<28} {'req/s':>9} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} {'requests':>9} {'errors':>7}"
    print(header)
    print("-" * len(header))
    for label, r in (
        (f"public pages ({args.connections} conn.)", results["public"]),
        (f"static site.css ({args.connections} conn.)", results["static"]),
    ):
        errors = int(r["non2xx"] + r["connect"] + r["read"] + r["write"] + r["timeout"])
        print(
            f"{label:<28} {r['rps']:>9.1f} {r['p50_ms']:>8.1f} {r['p95_ms']:>8.1f} {r['p99_ms']:>8.1f}"
            f" {int(r['requests']):>9} {errors:>7}"
        )
    appraiser = results["appraiser"]
    saves_ms = [t * 1000 for t in appraiser.save_times]
    sheet_ms = [t * 1000 for t in appraiser.sheet_times]
    rate = appraiser.saves / results["appraiser_seconds"]
    print(
        f"{'appraiser saves (1 user)':<28} {rate:>9.2f} {percentile(saves_ms, 50):>8.1f} {percentile(saves_ms, 95):>8.1f}"
        f" {percentile(saves_ms, 99):>8.1f} {appraiser.saves:>9} {len(appraiser.failures):>7}"
    )
    print(
        f"{'  (its score-sheet GETs)':<28} {'':>9} {percentile(sheet_ms, 50):>8.1f} {percentile(sheet_ms, 95):>8.1f}"
        f" {percentile(sheet_ms, 99):>8.1f} {len(sheet_ms):>9}"
    )
    print()
    for label, r in (("public", results["public"]), ("static", results["static"])):
        print(
            f"{label}: responses by status {r['statuses']}; socket errors connect {int(r['connect'])} read "
            f"{int(r['read'])} write {int(r['write'])} timeout {int(r['timeout'])}; max {r['max_ms']:.0f} ms; "
            f"{r['bytes'] / r['requests'] / 1024:.1f} kB a response"
        )
    print(
        f"appraiser: logged in in {appraiser.login_seconds * 1000:.0f} ms on {data['draft'].slug} "
        f"({len(data['draft_units'])} units); one save = one changed appraised score"
    )
    for failure in appraiser.failures[:10]:
        print(f"   ! {failure}")
    log = log_path.read_text(errors="replace").splitlines()
    errors = [x for x in log if re.search(r"Internal Server Error|Traceback|WORKER TIMEOUT|ERROR|CRITICAL", x)]
    print(f"gunicorn log: {log_path} ({len(log)} lines, {len(errors)} error lines); wrk output in {work}")
    for line in errors[:20]:
        print(f"   ! {line}")


if __name__ == "__main__":
    main()

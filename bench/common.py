"""Helpers shared by the benchmarks: a database of their own, timing."""

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlparse

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


def bench_database(url, name="parindex_bench"):
    """Create an empty benchmark database next to `url` (dropped first); return its URL."""
    if url.startswith("sqlite"):
        path = Path(tempfile.gettempdir()) / f"{name}.sqlite3"
        path.unlink(missing_ok=True)
        return f"sqlite:///{path}"
    import psycopg2

    parts = urlparse(url)
    conn = psycopg2.connect(
        host=parts.hostname, port=parts.port or 5432, user=parts.username, password=parts.password,
        dbname=parts.path.lstrip("/") or "postgres",
    )  # fmt: skip
    conn.autocommit = True
    with conn.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}"')
        cursor.execute(f'CREATE DATABASE "{name}"')
    conn.close()
    return parts._replace(path=f"/{name}").geturl()


def setup_django(name="parindex_bench"):
    """Point Django at a fresh benchmark database and set it up; return the database URL."""
    url = bench_database(os.environ.get("DATABASE_URL", f"sqlite:///{ROOT / 'db.sqlite3'}"), name)
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("SECRET_KEY", "bench-only")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "parindex.settings")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    return url


def timed(fn, repeat, *, before=None):
    """Run fn `repeat` times; return (median seconds, last result). `before` runs, untimed, before each."""
    times, result = [], None
    for _ in range(repeat):
        if before is not None:
            before()
        started = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - started)
    return statistics.median(times), result

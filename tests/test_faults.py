"""Faults, with real processes: Redis going away, PostgreSQL restarting, an import or a publish killed half-way,
and two app servers sharing one cache.

Slow (about a minute in all); `.ci/run` runs them with the rest.
"""

import json
import signal
import subprocess
import sys
import threading
import time

import pytest

from tests.processes import ROOT, Gunicorn, PrivatePostgres, PrivateRedis, fresh_database_url, manage, portal_env

pytestmark = pytest.mark.slow
PAGE = "/cong-bo/quang-nam-2023-cchc/"


NEXT = "quang-nam-2024-service-ky-3"  # the service index's next period, a draft until a test publishes it


def prepared(env, tmp_path=None):
    manage(env, "migrate", "--noinput")
    manage(env, "collectstatic", "--noinput")
    manage(env, "load_seeds")
    if tmp_path is not None:
        document = json.loads((ROOT / "fixtures" / "quang-nam-2024-service.json").read_text(encoding="utf-8"))
        for key in ("period", "period_start", "period_end", "as_of", "source"):
            document.pop(key)
        document["slug"] = NEXT
        path = tmp_path / "next-period.json"
        path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
        manage(env, "import_edition", str(path))


def publish_next(env):
    manage(env, "publish", NEXT, "--period-start", "2024-06-15", "--period-end", "2024-09-14",
           "--source", "Cổng Dịch vụ công quốc gia")  # fmt: skip


def test_pages_are_served_without_redis_and_cached_again_when_it_is_back(tmp_path):
    redis = PrivateRedis(tmp_path).start()
    env = portal_env(tmp_path, DATABASE_URL=fresh_database_url(tmp_path, "faults_redis"), REDIS_URL=redis.url)
    prepared(env)
    try:
        with Gunicorn(env, tmp_path) as server:
            assert server.get(PAGE)[0] == 200
            assert redis.keys(), "the page was cached in Redis"
            redis.stop()
            started = time.perf_counter()
            for _ in range(5):
                status, body = server.get(PAGE)
                assert status == 200
                assert "Sở Nội vụ là đơn vị dẫn đầu với 89,11 điểm" in body
            assert time.perf_counter() - started < 10  # a dead Redis costs little
            assert "Redis unavailable" in server.logs()
            redis.start()
            for _ in range(3):
                assert server.get(PAGE)[0] == 200
            assert redis.keys(), "caching resumed"
    finally:
        redis.stop()


def test_publishing_in_one_process_refreshes_the_pages_the_others_cached(tmp_path):
    redis = PrivateRedis(tmp_path).start()
    env = portal_env(tmp_path, DATABASE_URL=fresh_database_url(tmp_path, "faults_two"), REDIS_URL=redis.url)
    prepared(env, tmp_path)
    try:
        with Gunicorn(env, tmp_path, name="a") as a, Gunicorn(env, tmp_path, name="b") as b:
            for server in (a, b):
                status, home = server.get("/")
                assert status == 200
                assert f"/cong-bo/{NEXT}/" not in home
            publish_next(env)
            time.sleep(1.5)  # each process reads the count of publications at most once a second
            for server in (a, b):
                assert f"/cong-bo/{NEXT}/" in server.get("/")[1]
                assert server.get(f"/cong-bo/{NEXT}/")[0] == 200
    finally:
        redis.stop()


def test_a_decision_published_while_redis_was_frozen_shows_once_it_answers_again(tmp_path):
    """Publishing cannot reach a frozen Redis; when Redis comes back with its old pages, none is served."""
    redis = PrivateRedis(tmp_path).start()
    env = portal_env(tmp_path, DATABASE_URL=fresh_database_url(tmp_path, "faults_frozen"), REDIS_URL=redis.url)
    prepared(env, tmp_path)
    title = f"/cong-bo/{NEXT}/"
    try:
        with Gunicorn(env, tmp_path) as server:
            for _ in range(3):  # both workers cache the list of decisions
                status, home = server.get("/")
                assert status == 200 and title not in home
            assert redis.keys(), "the home page was cached in Redis"
            redis.pause()
            try:
                publish_next(env)
            finally:
                redis.resume()
            time.sleep(1.5)  # each process reads the count of publications at most once a second
            for _ in range(4):
                status, home = server.get("/")
                assert status == 200
                assert title in home, "a page cached before the publication was served"
    finally:
        redis.stop()


@pytest.mark.skipif(not PrivatePostgres.available(), reason="needs PostgreSQL's binaries and root to run a cluster")
def test_a_postgresql_restart_gives_503s_meanwhile_and_the_service_comes_back_by_itself(tmp_path):
    pg = PrivatePostgres(tmp_path).init()
    try:
        env = portal_env(tmp_path, DATABASE_URL=pg.url)
        prepared(env)
        with Gunicorn(env, tmp_path) as server:
            statuses, bodies, stop = [], {}, threading.Event()

            def traffic():
                n = 0
                while not stop.is_set():
                    n += 1
                    status, body = server.get(f"/tim-kiem/?q=noi+vu+{n}", timeout=20)  # never cached: a query each
                    statuses.append(status)
                    bodies.setdefault(status, body)
                    time.sleep(0.05)

            thread = threading.Thread(target=traffic)
            thread.start()
            time.sleep(1.5)
            pg.stop()
            time.sleep(2)
            pg.start()
            time.sleep(3)
            stop.set()
            thread.join(timeout=30)
        assert set(statuses) <= {200, 503}, sorted(set(statuses))
        assert 503 in statuses, "the outage was seen"
        assert statuses[-5:] == [200] * 5, "the service came back without restarting the application"
        assert "tạm thời gián đoạn" in bodies[503]
    finally:
        pg.destroy()


def _counts(env, slug):
    code = (
        "from scoring.models import Edition, Score, Unit, FrozenResult\n"
        f"e = Edition.objects.filter(slug={slug!r}).first()\n"
        "print('none' if e is None else f'{e.status} {Unit.objects.filter(edition=e).count()} '"
        "f'{Score.objects.filter(unit__edition=e).count()} {FrozenResult.objects.filter(edition=e).count()}')"
    )
    return manage(env, "shell", "--no-imports", "-c", code).stdout.strip().splitlines()[-1]


def _killed(env, args, after):
    process = subprocess.Popen([sys.executable, "manage.py", *args], cwd=ROOT, env=env,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # fmt: skip
    time.sleep(after)
    process.send_signal(signal.SIGKILL)
    process.wait()
    return process.returncode


@pytest.fixture
def big_edition(tmp_path):
    """A database with a 30,000-score edition file ready to import (slug "bi-ngat")."""
    env = portal_env(tmp_path, DATABASE_URL=fresh_database_url(tmp_path, "faults_kill"))
    manage(env, "migrate", "--noinput")
    manage(env, "generate_demo", "--authorities", "1", "--units-per-block", "100", "--years", "1", "--end-year", "2030")
    text = manage(env, "export_edition", "ubnd-thanh-pho-ha-noi-mo-phong-2030-cchc").stdout
    path = tmp_path / "big.json"
    path.write_text(text.replace('"slug": "ubnd-thanh-pho-ha-noi-mo-phong-2030-cchc"', '"slug": "bi-ngat"', 1))
    return env, path


def test_an_import_killed_half_way_leaves_nothing_half_written(big_edition):
    env, path = big_edition
    seen = set()
    for after in (0.8, 1.6, 2.4):
        _killed(env, ["import_edition", str(path)], after)
        state = _counts(env, "bi-ngat")
        seen.add(state)
        assert state in ("none", "draft 300 30000 0"), state
    manage(env, "import_edition", str(path))
    assert _counts(env, "bi-ngat") == "draft 300 30000 0"
    for after in (0.8, 1.6, 2.4):  # replacing a draft: the old one stays whole
        _killed(env, ["import_edition", str(path)], after)
        assert _counts(env, "bi-ngat") == "draft 300 30000 0"


def test_a_publish_killed_half_way_leaves_the_edition_unpublished(big_edition):
    env, path = big_edition
    manage(env, "import_edition", str(path))
    for after in (0.7, 1.0, 1.3):
        _killed(env, ["publish", "bi-ngat", "--number", "9/QĐ-UBND", "--date", "2031-01-05"], after)
        assert _counts(env, "bi-ngat") in ("draft 300 30000 0", "published 300 30000 300")
    manage(env, "publish", "bi-ngat", "--number", "9/QĐ-UBND", "--date", "2031-01-05", check=False)
    assert _counts(env, "bi-ngat") == "published 300 30000 300"

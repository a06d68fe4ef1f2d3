"""The production stack's settings: check --deploy, the replica router, S3 storage, Redis sessions."""

import os
import subprocess
import sys

PRODUCTION = {
    "DEBUG": "0",
    "SECRET_KEY": "k" * 20 + "-production-like-secret-key-with-enough-entropy-0123456789",
    "ALLOWED_HOSTS": "chisocchc.example.gov.vn",
    "SECURE_SSL_REDIRECT": "1",
    "SECURE_HSTS_PRELOAD": "1",
    "BEHIND_PROXY": "1",
    "REDIS_URL": "redis://127.0.0.1:6379/9",
    "DATABASE_URL": "postgres://parindex@127.0.0.1:5432/parindex",
}


def run(code, env):
    base = {k: v for k, v in os.environ.items() if not k.startswith(("DATABASE", "REDIS", "SECURE", "DEBUG", "S3_"))}
    return subprocess.run(
        [sys.executable, "-c", code], env={**base, **env}, capture_output=True, text=True, cwd=os.getcwd()
    )


def test_check_deploy_passes_with_production_settings():
    proc = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        env={**{k: v for k, v in os.environ.items() if not k.startswith("SECURE")}, **PRODUCTION},
        capture_output=True,
        text=True,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "no issues (0 silenced)" in proc.stdout


def test_production_settings_use_redis_for_cache_and_sessions_and_s3_when_asked():
    code = (
        "import django, os; os.environ['DJANGO_SETTINGS_MODULE']='parindex.settings'; django.setup()\n"
        "from django.conf import settings as s\n"
        "print(s.CACHES['default']['BACKEND']); print(s.SESSION_ENGINE); print(s.STORAGES['default']['BACKEND'])\n"
        "print(s.SECURE_PROXY_SSL_HEADER); print(s.SECURE_HSTS_SECONDS)"
    )
    proc = run(code, {**PRODUCTION, "S3_BUCKET": "minh-chung", "S3_ENDPOINT_URL": "http://127.0.0.1:9000"})
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.split("\n")[:5] == [
        "parindex.cache.ResilientRedisCache",
        "django.contrib.sessions.backends.cached_db",
        "storages.backends.s3.S3Storage",
        "('HTTP_X_FORWARDED_PROTO', 'https')",
        "31536000",
    ]


def test_public_pages_read_from_the_replica_and_writes_go_to_the_primary(tmp_path):
    primary, replica = tmp_path / "primary.sqlite3", tmp_path / "replica.sqlite3"
    script = tmp_path / "replica_check.py"
    script.write_text(
        "import django, os, json, datetime\n"
        "os.environ['DJANGO_SETTINGS_MODULE'] = 'parindex.settings'\n"
        "django.setup()\n"
        "from django.core.management import call_command\n"
        "from django.test import Client\n"
        "from scoring.models import Edition\n"
        "for alias in ('default', 'replica'):\n"
        "    call_command('migrate', database=alias, verbosity=0)\n"
        "import shutil\n"
        "from scoring.importing import import_edition\n"
        "from scoring.writes import publish\n"
        "from tests.factories import edition_doc\n"
        "edition = import_edition(document=edition_doc(authority='UBND tỉnh Chỉ Bản Sao'))\n"
        "publish(edition=edition, number='1/QĐ-UBND', date=datetime.date(2024, 1, 1), historical=True)\n"
        f"shutil.copy({str(primary)!r}, {str(replica)!r})  # replication\n"
        "from django.db import connections\n"
        "# The primary moves on; the replica has not caught up: the page shows the replica's name.\n"
        "connections['default'].cursor().execute('UPDATE scoring_edition SET published_authority_name = %s', ['UBND tỉnh Bản Chính'])\n"
        "html = Client(HTTP_HOST='localhost').get('/').content.decode()\n"
        "print('replica' if 'Chỉ Bản Sao' in html else 'primary')\n"
    )
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith(("DATABASE", "REDIS"))},
        "DATABASE_URL": f"sqlite:///{primary}",
        "DATABASE_REPLICA_URL": f"sqlite:///{replica}",
        "PYTHONPATH": os.getcwd(),
        "DEBUG": "1",  # static files straight from the app folders: this test is about databases
    }
    proc = subprocess.run([sys.executable, str(script)], env=env, capture_output=True, text=True, cwd=os.getcwd())
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert proc.stdout.strip().splitlines()[-1] == "replica"


def test_the_router_sends_writes_to_the_primary_and_public_reads_to_the_replica(monkeypatch):
    from publications import routers
    from publications.routers import ReplicaRouter, reading_from_replica
    from scoring.models import Score

    monkeypatch.setattr(routers, "has_replica", lambda: True)
    router = ReplicaRouter()
    assert router.db_for_read(Score) == "default"
    with reading_from_replica():
        assert router.db_for_read(Score) == "replica"
        assert router.db_for_write(Score) == "default"
    assert not router.allow_migrate("replica", "scoring")

"""Backups: tools/backup.sh (pg_dump) and tools/restore.sh give back every published figure, exactly."""

import os
import shutil
import subprocess

import pytest

from tests.processes import ROOT, manage, portal_env

pytestmark = pytest.mark.slow
SERVER = os.environ.get("CI_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/postgres")


def _psql(sql):
    return subprocess.run(
        ["psql", SERVER.rsplit("/", 1)[0] + "/postgres", "-q", "-c", sql], capture_output=True, text=True
    )


@pytest.mark.skipif(shutil.which("pg_dump") is None, reason="needs PostgreSQL's client tools")
def test_a_backup_restores_every_published_figure(tmp_path):
    if _psql("SELECT 1").returncode != 0:
        pytest.skip("no PostgreSQL server")
    base = SERVER.rsplit("/", 1)[0]
    source, target = f"{base}/parindex_backup_src", f"{base}/parindex_backup_dst"
    for name in ("parindex_backup_src", "parindex_backup_dst"):
        _psql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        assert _psql(f'CREATE DATABASE "{name}"').returncode == 0
    env = portal_env(tmp_path, DATABASE_URL=source)
    manage(env, "migrate", "--noinput")
    manage(env, "load_seeds")
    slugs = ["quang-nam-2023-cchc", "dak-nong-2023-cchc", "ha-tinh-2023-cchc", "tien-phuoc-2022-cchc"]
    before = {slug: manage(env, "export_results", slug).stdout for slug in slugs}

    dump = tmp_path / "parindex.dump"
    subprocess.run([str(ROOT / "tools" / "backup.sh"), source, str(dump)], check=True, capture_output=True)
    subprocess.run([str(ROOT / "tools" / "restore.sh"), str(dump), target], check=True, capture_output=True)

    restored = portal_env(tmp_path, DATABASE_URL=target)
    after = {slug: manage(restored, "export_results", slug).stdout for slug in slugs}
    assert after == before
    assert '"status": "published"' in after["quang-nam-2023-cchc"]
    assert manage(restored, "migrate", "--check", check=False).returncode == 0  # the schema came back whole
    for name in ("parindex_backup_src", "parindex_backup_dst"):
        _psql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

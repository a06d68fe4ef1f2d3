"""Settings come from the environment and refuse bad values loudly."""

import os
import subprocess
import sys

import pytest
from django.core.exceptions import ImproperlyConfigured

from parindex.env import database_from_url, env_bool, env_list


def test_booleans_accept_the_usual_spellings(monkeypatch):
    for text, value in [("1", True), ("yes", True), ("On", True), ("0", False), ("false", False), ("", False)]:
        monkeypatch.setenv("X_FLAG", text)
        assert env_bool("X_FLAG") is value


def test_a_bad_boolean_is_refused(monkeypatch):
    monkeypatch.setenv("X_FLAG", "maybe")
    with pytest.raises(ImproperlyConfigured, match="X_FLAG"):
        env_bool("X_FLAG")


def test_lists_are_comma_separated(monkeypatch):
    monkeypatch.setenv("X_HOSTS", "a.gov.vn, b.gov.vn,,")
    assert env_list("X_HOSTS") == ["a.gov.vn", "b.gov.vn"]


def test_database_urls():
    assert database_from_url("sqlite:////tmp/x.db")["ENGINE"] == "django.db.backends.sqlite3"
    pg = database_from_url("postgres://postgres@127.0.0.1:5432/test")
    assert (pg["ENGINE"], pg["NAME"], pg["HOST"]) == ("django.db.backends.postgresql", "test", "127.0.0.1")
    for bad in ("mysql://x@y/z", "nonsense", "postgres://host:5432/"):
        with pytest.raises(ImproperlyConfigured):
            database_from_url(bad)


def _start(env):
    code = "import django, os; os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'parindex.settings'); django.setup()"
    base = {k: v for k, v in os.environ.items() if k not in ("SECRET_KEY", "DEBUG", "DATABASE_URL", "REDIS_URL")}
    return subprocess.run([sys.executable, "-c", code], env={**base, **env}, capture_output=True, text=True)


def test_production_without_a_secret_key_does_not_start():
    proc = _start({"DEBUG": "0"})
    assert proc.returncode != 0
    assert "SECRET_KEY" in proc.stderr


def test_bad_values_stop_the_start_with_their_name():
    for env, name in [
        ({"SECRET_KEY": "x", "DEBUG": "perhaps"}, "DEBUG"),
        ({"SECRET_KEY": "x", "DATABASE_URL": "mysql://a/b"}, "DATABASE_URL"),
        ({"SECRET_KEY": "x", "REDIS_URL": "localhost:6379"}, "REDIS_URL"),
    ]:
        proc = _start(env)
        assert proc.returncode != 0
        assert name in proc.stderr


def test_the_defaults_start_on_sqlite_in_vietnamese():
    from django.conf import settings

    assert settings.LANGUAGE_CODE == "vi"
    assert settings.TIME_ZONE == "Asia/Ho_Chi_Minh"
    proc = _start({"DEBUG": "1"})
    assert proc.returncode == 0, proc.stderr


def test_every_setting_read_from_the_environment_is_documented_in_env_example():
    import re
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent
    read = set()
    for path in (root / "parindex").glob("*.py"):
        read |= set(re.findall(r'env_(?:str|bool|int|list)\(\s*"([A-Z0-9_]+)"', path.read_text()))
    documented = {
        line.split("=", 1)[0]
        for line in (root / ".env.example").read_text().splitlines()
        if line and not line.startswith("#")
    }
    assert "DATABASE_REPLICA_URL" in read and "SECURE_SSL_REDIRECT" in read
    assert read - documented == set()
    assert documented - read == set()

"""Read deploy-varying settings from the environment, refusing bad values loudly."""

import os

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def env_str(name, default=None):
    """Return the variable's value, or `default` when it is unset."""
    return os.environ.get(name, default)


def env_bool(name, default=False):
    """Return the variable as a boolean; refuse anything but 1/0, true/false, yes/no, on/off."""
    raw = os.environ.get(name)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ImproperlyConfigured(f"{name}={raw!r} is not a boolean (use 1/0, true/false, yes/no, on/off).")


def env_int(name, default):
    """Return the variable as a non-negative integer."""
    raw = os.environ.get(name)
    if raw is None:
        return default
    try:
        value = int(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name}={raw!r} is not an integer.") from None
    if value < 0:
        raise ImproperlyConfigured(f"{name}={raw!r} must not be negative.")
    return value


def env_list(name, default=()):
    """Return a comma-separated variable as a list of non-empty, stripped items."""
    raw = os.environ.get(name)
    if raw is None:
        return list(default)
    return [item.strip() for item in raw.split(",") if item.strip()]


def database_from_url(url):
    """Return a DATABASES entry for `url`, refusing schemes we do not support."""
    if not url.startswith(("sqlite:", "postgres:", "postgresql:", "pgsql:", "postgis:")):
        raise ImproperlyConfigured(
            f"DATABASE_URL={url!r}: only sqlite:///PATH and postgres://USER@HOST:PORT/NAME are supported."
        )
    try:
        config = dj_database_url.parse(url, conn_max_age=60, conn_health_checks=True)
    except Exception as exc:  # dj_database_url raises several kinds of errors
        raise ImproperlyConfigured(f"DATABASE_URL={url!r} cannot be parsed: {exc}") from None
    if not config.get("NAME"):
        raise ImproperlyConfigured(f"DATABASE_URL={url!r} names no database.")
    return config

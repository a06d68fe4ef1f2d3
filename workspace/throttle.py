"""Slowing down guesses at one person's password, from however many addresses they come.

django-axes locks an *address* after too many failed logins. A *user name* is not locked (anyone
who knows a colleague's user name could then lock them out for an hour): after
`LOGIN_SLOWDOWN_AFTER` failures for a user name, each further attempt must wait 1, 2, 4 … and at
most 60 seconds after the previous failure. Its owner waits a minute at worst; a guesser spread
over many addresses gets at most one try a minute. The count is kept in the cache for an hour
after the last failure, and a successful login clears it.
"""

import hashlib
import math
import time

from django.conf import settings
from django.core.cache import cache

from scoring.text import fold

WINDOW = 3600  # seconds a failure is remembered
MAX_WAIT = 60


def _key(username):
    return "login-failures:" + hashlib.sha256(fold(username or "").encode()).hexdigest()


def wait_seconds(username, *, now=None):
    """Return how many seconds the next attempt for this user name must still wait (0: none)."""
    state = cache.get(_key(username))
    if not state:
        return 0
    failures, last = state
    extra = failures - settings.LOGIN_SLOWDOWN_AFTER
    if extra < 0:
        return 0
    delay = min(2**extra, MAX_WAIT)
    remaining = last + delay - (time.time() if now is None else now)
    return max(0, math.ceil(remaining))


def record_failure(username):
    """Count a failed login for this user name."""
    key = _key(username)
    failures, _last = cache.get(key) or (0, 0)
    cache.set(key, (failures + 1, time.time()), WINDOW)


def clear(username):
    """Forget the failures of this user name (after a successful login)."""
    cache.delete(_key(username))

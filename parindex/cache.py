"""A Redis cache that keeps the portal up when Redis is down.

Django's RedisCache raises when Redis cannot be reached. This one logs the failure and behaves
as an empty cache (a read misses, a write is dropped), so pages are served from the database,
more slowly, until Redis is back; then caching resumes by itself. Timeouts are short, so that a
dead Redis costs milliseconds, not seconds, per request.
"""

import logging

from django.core.cache.backends.redis import RedisCache
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger("parindex.cache")
FAILURES = (RedisConnectionError, RedisTimeoutError, OSError)


def _tolerant(method, default=None):
    def wrapper(self, *args, **kwargs):
        try:
            return method(self, *args, **kwargs)
        except FAILURES as exc:
            logger.warning("Redis unavailable (%s): serving without the cache", exc.__class__.__name__)
            return default() if callable(default) else default

    wrapper.__name__ = method.__name__
    return wrapper


class ResilientRedisCache(RedisCache):
    get = _tolerant(RedisCache.get)
    set = _tolerant(RedisCache.set)
    add = _tolerant(RedisCache.add, default=False)
    touch = _tolerant(RedisCache.touch, default=False)
    delete = _tolerant(RedisCache.delete, default=False)
    get_many = _tolerant(RedisCache.get_many, default=dict)
    set_many = _tolerant(RedisCache.set_many, default=list)
    delete_many = _tolerant(RedisCache.delete_many)
    has_key = _tolerant(RedisCache.has_key, default=False)
    clear = _tolerant(RedisCache.clear, default=False)

    def incr(self, key, delta=1, version=None):
        # A ValueError (no such key) must still reach the caller; only connection failures are absorbed.
        try:
            return super().incr(key, delta, version)
        except FAILURES as exc:
            logger.warning("Redis unavailable (%s): could not increment %s", exc.__class__.__name__, key)
            raise ValueError("cache unavailable") from exc

"""Reads of public pages go to the replica database when one is configured; every write to the primary."""

import contextlib
import contextvars

from django.conf import settings

_public_reads = contextvars.ContextVar("parindex_public_reads", default=False)


@contextlib.contextmanager
def reading_from_replica():
    """Within this block, reads go to the `replica` database (if DATABASE_REPLICA_URL is set)."""
    token = _public_reads.set(True)
    try:
        yield
    finally:
        _public_reads.reset(token)


def has_replica():
    return "replica" in settings.DATABASES


class ReplicaRouter:
    def db_for_read(self, model, **hints):
        if _public_reads.get() and has_replica():
            return "replica"
        return "default"

    def db_for_write(self, model, **hints):
        return "default"

    def allow_relation(self, obj1, obj2, **hints):
        return True

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        return db == "default"

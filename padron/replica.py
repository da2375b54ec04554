"""Reads that may go to a PostgreSQL read replica (optional `DATABASE_REPLICA_URL`).

Only code that opts in reads from the replica: reports and exports wrap their reads in
`with en_replica():`. Everything else reads its own writes from the primary. ORM querysets
follow `RouterReplica`; raw SQL asks `alias_lectura()` for the connection to use.

A replica lags the primary by a moment and never sees an open transaction's rows: read there
only what was committed before (a closed month, a frozen list), never rows written a line above
in the same `transaction.atomic()`. Without `DATABASE_REPLICA_URL` every read goes to "default".
"""

from contextlib import contextmanager
from contextvars import ContextVar

from django.conf import settings

REPLICA = "replica"
# A ContextVar, not a global: each thread, Celery task and asyncio task has its own.
_en_replica = ContextVar("en_replica", default=False)


def hay_replica() -> bool:
    return REPLICA in settings.DATABASES


def alias_lectura() -> str:
    """The alias a read should use here: the replica inside `en_replica()`, if configured."""
    return REPLICA if _en_replica.get() and hay_replica() else "default"


@contextmanager
def en_replica():
    """Reads inside the block (ORM and `alias_lectura()`) go to the replica when there is one."""
    token = _en_replica.set(True)
    try:
        yield
    finally:
        _en_replica.reset(token)


class RouterReplica:
    """DATABASE_ROUTERS when the replica is configured (config/settings/base.py)."""

    def db_for_read(self, model, **hints):
        return REPLICA if _en_replica.get() and hay_replica() else "default"

    def db_for_write(self, model, **hints):
        return "default"

    def allow_relation(self, obj1, obj2, **hints):
        # Both aliases hold the same rows (the replica is a copy of the primary).
        return True

    def allow_migrate(self, db, app_label, **hints):
        # No opinion: `migrate` is run on the primary only (a streaming replica receives the
        # schema from it), and the test database standing in for the replica must be migrated.
        return None

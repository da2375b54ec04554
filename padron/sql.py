"""What our hand-written SQL may count on: room to sort a whole cartera in one go (a lista de
morosos, a lista de corte, and the bench's references), and data-modifying WITH."""

from django.db import connection

# A whole cartera's row_number() sort spills to disk with PostgreSQL's default 4 MB, and with
# 64 MB at a million cuentas (327,000 rows); a list is generated now and then, by a supervisor.
MEMORIA_PARA_ORDENAR = "256MB"


def memoria_para_ordenar(cursor) -> None:
    """In the current transaction (SET LOCAL): room to sort a whole cartera in memory."""
    if connection.vendor == "postgresql":
        cursor.execute(f"SET LOCAL work_mem = '{MEMORIA_PARA_ORDENAR}'")


def un_solo_enunciado() -> bool:
    """Data-modifying WITH (INSERT ... RETURNING feeding another INSERT) is PostgreSQL's: the
    hot writes use it there, and SQLite (the demo) takes the portable path to the same rows.
    Tests switch it off on PostgreSQL to compare the two."""
    return connection.vendor == "postgresql"


def fila(modelo, sql: str, params) -> object | None:
    """The first `modelo` of a hand-written SELECT, or None.

    For the reads a payment makes (every one, every payment): the ORM spends 0.3–0.5 ms of
    Python building and compiling each, as much as the database spends answering it."""
    return next(iter(modelo.objects.raw(sql, params)), None)


def existe(sql: str, params) -> bool:
    """Whether a hand-written SELECT finds a row (what `fila` is to `.first()`, to `.exists()`)."""
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT EXISTS ({sql})", params)
        return cursor.fetchone()[0]


def para_actualizar() -> str:
    """The row-lock clause of a hand-written SELECT: none where there are no row locks."""
    return " FOR UPDATE" if connection.features.has_select_for_update else ""

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

"""What PostgreSQL's catalog says about a table: the columns its indexes cover and how many
foreign keys it checks. For tests of tables written by the thousand, where each index entry
and each per-row check at commit is a cost."""

from django.db import connection


def columnas_indexadas(tabla) -> set[str]:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT a.attname FROM pg_index i JOIN pg_attribute a "
            "ON a.attrelid = i.indrelid AND a.attnum = ANY(i.indkey) WHERE i.indrelid = %s::regclass",
            [tabla],
        )
        return {fila[0] for fila in cursor.fetchall()}


def llaves_foraneas(tabla) -> int:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT COUNT(*) FROM pg_constraint WHERE conrelid = %s::regclass AND contype = 'f'",
            [tabla],
        )
        return cursor.fetchone()[0]

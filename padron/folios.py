from django.db import connection, transaction

from padron.models import Folio


@transaction.atomic(savepoint=False)
def folio_siguiente(serie: str, *, digitos: int = 6) -> str:
    """The next folio of a series ("R26" -> "R26-000124"), without gaps or repeats.

    The series row stays locked until the caller's transaction ends, so two
    cashiers never get the same number and a rolled-back payment frees its own.
    Take it as late as the transaction allows: every other writer of the series waits
    from here to the commit.

    One statement in the common case (the UPDATE takes the row lock and returns the
    number); the series' first folio creates its row.
    """
    while True:
        with connection.cursor() as cursor:
            cursor.execute(
                f"UPDATE {Folio._meta.db_table} SET ultimo = ultimo + 1 "
                "WHERE serie = %s RETURNING ultimo",
                [serie],
            )
            fila = cursor.fetchone()
        if fila:
            return f"{serie}-{fila[0]:0{digitos}d}"
        Folio.objects.get_or_create(serie=serie)


@transaction.atomic(savepoint=False)
def folio_asignar(serie: str, *, tablas, pk, digitos: int = 6) -> str:
    """Take the next folio of `serie` and write it in the `folio` column of row `pk` of each
    of `tablas` (a row and its history rows): `folio_siguiente` and those UPDATEs.

    On PostgreSQL a single statement, so the series row, locked from here to the commit,
    costs the other writers one round trip less per table. Same numbers as folio_siguiente
    ("R26-000124"; more digits once the series passes them).
    """
    if connection.vendor != "postgresql":
        folio = folio_siguiente(serie, digitos=digitos)
        with connection.cursor() as cursor:
            for tabla in tablas:
                cursor.execute(f"UPDATE {tabla} SET folio = %s WHERE id = %s", [folio, pk])
        return folio
    escrituras = "".join(
        f", t{i} AS (UPDATE {tabla} SET folio = f.folio FROM f WHERE {tabla}.id = %s)"
        for i, tabla in enumerate(tablas)
    )
    sql = (
        f"WITH f AS (UPDATE {Folio._meta.db_table} SET ultimo = ultimo + 1 WHERE serie = %s "
        "RETURNING %s || '-' || lpad(ultimo::text, greatest(%s, length(ultimo::text)), '0') "
        f"AS folio){escrituras} SELECT folio FROM f"
    )
    while True:
        with connection.cursor() as cursor:
            cursor.execute(sql, [serie, serie, digitos, *([pk] * len(tablas))])
            fila = cursor.fetchone()
        if fila:
            return fila[0]
        Folio.objects.get_or_create(serie=serie)

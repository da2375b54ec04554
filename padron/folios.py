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

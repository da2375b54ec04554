"""History rows (django-simple-history) written by our own SQL statements.

The hot writes (a corte list's orders, a payment's pago and cargos) insert their history
rows in the same statement as the rows themselves, from the rows a `RETURNING` hands back,
instead of building a history object per row in Python. The rows are the ones
simple_history would write: every tracked column copied, plus when, what, why and who.
"""

from functools import cache

from django.db import connection
from django.db.models import CharField, DateTimeField, IntegerField
from django.db.models.expressions import DatabaseDefault
from simple_history.models import HistoricalRecords

import padron.sql
from padron.fechas import ahora


class _HistorialIndexadoPorObjeto(HistoricalRecords):
    # simple_history reads SIMPLE_HISTORY_DATE_INDEX for every model; these ones, never.
    _date_indexing = False

    def _get_history_user_fields(self):
        campos = super()._get_history_user_fields()
        campos["history_user"].db_index = False
        return campos


def historial_de_alto_volumen(*campos):
    """HistoricalRecords for a model written by the thousand (a corte list's orders, every
    payment's pago and cargos), without an index on each of `campos` in the history.

    The history keeps the index its readers use, the object's id (a record's history is read
    by its id), not one per foreign key or unique column, nor the date's or the user's: each
    cost every history row its own index entries (the user's, 35 ms of a 46,000-order corte
    list), and nobody looks these histories up by date or by user. And no database
    constraint on the user, checked once per row at commit (the ORM still applies
    on_delete)."""
    return _HistorialIndexadoPorObjeto(no_db_index=list(campos), user_db_constraint=False)


def marcas(*, tipo, usuario, motivo) -> dict:
    """The columns simple_history adds to each row: attname -> (value, field)."""
    return {
        "history_date": (ahora(), DateTimeField()),
        "history_type": (tipo, CharField()),
        "history_change_reason": (motivo, CharField()),
        "history_user_id": (usuario.pk if usuario else None, IntegerField()),
    }


@cache
def modelo_del_historial(modelo):
    # `modelo.history` builds a manager class on every access: once is enough.
    return modelo.history.model


def columnas_propias(modelo):
    """The history model's columns that copy the model's own."""
    propios = {f.attname for f in modelo._meta.concrete_fields}
    return [c for c in modelo_del_historial(modelo)._meta.concrete_fields if c.attname in propios]


@cache
def _insercion_sql(modelo) -> str:
    q = connection.ops.quote_name
    propias = [q(c.column) for c in columnas_propias(modelo)]
    marcas_ = [q(c) for c in marcas(tipo="", usuario=None, motivo=None)]
    return (
        f"INSERT INTO {q(modelo_del_historial(modelo)._meta.db_table)} "
        f"({', '.join(propias + marcas_)}) SELECT {', '.join(propias + ['%s'] * len(marcas_))}"
    )


def insercion(modelo, *, tipo, usuario, motivo=None) -> tuple[str, list]:
    """ "INSERT INTO <history> (...) SELECT ..." of rows of `modelo` (the FROM is the
    caller's: a relation with the model's own column names, e.g. an UPDATE's RETURNING *)
    and its parameters. tipo: "+" created, "~" changed."""
    valores = marcas(tipo=tipo, usuario=usuario, motivo=motivo)
    return _insercion_sql(modelo), [v for v, _ in valores.values()]


def usuario_de_la_peticion():
    """Who simple_history would record: the request's user (HistoryRequestMiddleware)."""
    from simple_history.models import HistoricalRecords

    peticion = getattr(HistoricalRecords.context, "request", None)
    usuario = getattr(peticion, "user", None)
    return usuario if usuario is not None and usuario.is_authenticated else None


def crear(instancia, *, usuario=None):
    """Insert `instancia` and its "+" history row: on PostgreSQL one statement (the history
    copied from the INSERT's RETURNING), elsewhere save() and simple_history's receiver.

    `usuario` is who the history names (default: the request's user, as simple_history)."""
    if not padron.sql.un_solo_enunciado():
        if usuario is not None:
            instancia._history_user = usuario  # simple_history's receiver reads it
        instancia.save(force_insert=True)
        return instancia
    modelo = type(instancia)
    q = connection.ops.quote_name
    nombres, valores, params = [], [], []
    devueltos = [modelo._meta.pk]  # and the columns the database fills (db_default)
    for campo in modelo._meta.concrete_fields:
        if campo.primary_key and instancia.pk is None:
            continue
        valor = campo.pre_save(instancia, add=True)
        nombres.append(q(campo.column))
        if isinstance(valor, DatabaseDefault):
            valores.append("DEFAULT")
            devueltos.append(campo)
        else:
            valores.append("%s")
            params.append(campo.get_db_prep_save(valor, connection))
    historia, params_historia = insercion(
        modelo, tipo="+", usuario=usuario or usuario_de_la_peticion()
    )
    columnas = ", ".join(q(c.column) for c in devueltos)
    sql = (
        f"WITH nuevo AS (INSERT INTO {q(modelo._meta.db_table)} ({', '.join(nombres)}) "
        f"VALUES ({', '.join(valores)}) RETURNING *), "
        f"historia AS ({historia} FROM nuevo) SELECT {columnas} FROM nuevo"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [*params, *params_historia])
        fila = cursor.fetchone()
    for campo, valor in zip(devueltos, fila, strict=True):
        setattr(instancia, campo.attname, campo.to_python(valor))
    instancia._state.adding, instancia._state.db = False, connection.alias
    return instancia

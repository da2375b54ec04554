"""What our hand-written SQL may count on: room to sort a whole cartera in one go (a lista de
morosos, a lista de corte, and the bench's references), data-modifying WITH, and model
instances read by hand (`filas`, `fila`) where the ORM's compiling costs as much as the query."""

from functools import cache

from django.db import connection, connections

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


def filas(modelo, desde: str, params, *, alias: str = "", con: str = "", extras=()) -> list:
    """Every `modelo` of "`con` SELECT <its columns>, `extras` `desde`". `alias`: the name
    `desde` gives the model's table, if any; `extras`: (SQL, attribute) pairs, each set on
    every instance; `con`: a WITH clause before it.

    For the reads every payment makes: the ORM spends 0.3–0.5 ms of Python building and
    compiling each, as much as the database spends answering it, and a raw() 0.25 ms working
    out its columns; this, 0.1 ms (the columns and their converters worked out once)."""
    columnas, nombres, convertidores = _lectura(modelo, alias, connection.alias)
    adicionales = "".join(f", {sql}" for sql, _ in extras)
    with connection.cursor() as cursor:
        cursor.execute(f"{con}SELECT {columnas}{adicionales} {desde}", params)
        leidas = cursor.fetchall()
    instancias = []
    for valores in map(list, leidas):
        for posicion, (funciones, columna) in convertidores:
            for funcion in funciones:  # what the ORM does to what the driver hands back
                valores[posicion] = funcion(valores[posicion], columna, connection)
        instancia = modelo.from_db(connection.alias, nombres, valores[: len(nombres)])
        for (_, atributo), valor in zip(extras, valores[len(nombres) :], strict=True):
            setattr(instancia, atributo, valor)
        instancias.append(instancia)
    return instancias


def fila(modelo, desde: str, params, *, alias: str = ""):
    """The first of `filas`, or None."""
    return next(iter(filas(modelo, desde, params, alias=alias)), None)


@cache
def _lectura(modelo, alias, base):
    conexion = connections[base]
    campos = modelo._meta.concrete_fields
    tabla = conexion.ops.quote_name(alias or modelo._meta.db_table)
    columnas = ", ".join(f"{tabla}.{conexion.ops.quote_name(c.column)}" for c in campos)
    compilador = conexion.ops.compiler("SQLCompiler")(None, conexion, base)
    convertidores = compilador.get_converters([c.get_col(modelo._meta.db_table) for c in campos])
    return columnas, [c.attname for c in campos], list(convertidores.items())


def existe(sql: str, params) -> bool:
    """Whether a hand-written SELECT finds a row (what `fila` is to `.first()`, to `.exists()`)."""
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT EXISTS ({sql})", params)
        return cursor.fetchone()[0]


def bloqueo_de_filas(modo: str = "UPDATE", de: str = "") -> str:
    """The row-lock clause of a hand-written SELECT (" FOR UPDATE", " FOR SHARE OF c"): none
    where there are no row locks (SQLite)."""
    if not connection.features.has_select_for_update:
        return ""
    return f" FOR {modo}" + (f" OF {de}" if de else "")

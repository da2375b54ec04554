"""Writing the generated blocks: COPY on PostgreSQL, bulk_create elsewhere (SQLite).

Both writers take the same Bloques from the generator. Neither goes through
model.save(): the bulk seed writes no history rows (django-simple-history) and
sends no signals; the padrón's history of a demo account starts with its first
edit. Ids come from the generator; the sequences are moved past them afterwards.
"""

import queue
import threading
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime, time
from decimal import Decimal
from time import perf_counter

from django.db import connection
from django.db.models import NOT_PROVIDED
from django.utils import timezone

from cobranza.demo.generador import (
    COLUMNAS_APLICACION,
    COLUMNAS_CARGO,
    COLUMNAS_PAGO,
    HERMOSILLO,
    folio_desplazado,
    referencia_desplazada,
)
from cobranza.models import Aplicacion, Cargo, Pago
from padron.models import CondicionEspecial, Cuenta, Titular

NULO = "\\N"
# The columns each ledger row gets besides the generator's, as the writers fill them.
FIJAS_CARGO = ("estado", "registrado_por_id", "autorizado_por_id", "creado")
FIJAS_PAGO = ("estado", "clave_idempotencia", "registrado")
FIJAS_APLICACION = ("reversion_id",)
TABLAS_CARGA = (
    "padron_titular",
    "padron_condicionespecial",
    "padron_cuenta",
    "cobranza_cargo",
    "cobranza_pago",
    "cobranza_aplicacion",
)


def _centavos(valor: int) -> str:
    return f"{valor // 100}.{valor % 100:02d}"


class _Fechas(dict):
    """date -> 'aaaa-mm-dd', computed once per day."""

    def __missing__(self, fecha):
        texto = self[fecha] = "\\N" if fecha is None else fecha.isoformat()
        return texto


def _texto(valor) -> str:
    """One value in COPY's text format."""
    if valor is None:
        return NULO
    if isinstance(valor, bool):
        return "t" if valor else "f"
    if isinstance(valor, str):
        if "\\" in valor or "\t" in valor or "\n" in valor or "\r" in valor:
            valor = (
                valor.replace("\\", "\\\\")
                .replace("\t", "\\t")
                .replace("\n", "\\n")
                .replace("\r", "\\r")
            )
        return valor
    if hasattr(valor, "isoformat") and not isinstance(valor, datetime):
        return valor.isoformat()
    return _texto(str(valor))  # numbers, datetimes, a FileField's name


def _extras(modelo, conocidas):
    """Columns a model gained that the generator does not know: filled with their default.

    A later migration may add a column; if it has a default (or is nullable) the
    seed still works, otherwise it stops with a clear message.
    """
    extras = []
    for campo in modelo._meta.concrete_fields:
        if campo.column in conocidas:
            continue
        if campo.default is not NOT_PROVIDED:
            valor = campo.default() if callable(campo.default) else campo.default
        elif campo.null:
            valor = None
        else:
            raise RuntimeError(
                f"seed_demo no sabe llenar la columna {modelo._meta.db_table}.{campo.column}: "
                "agréguela al generador de datos demo (cobranza/demo/generador.py)."
            )
        extras.append((campo.column, campo.get_db_prep_value(valor, connection)))
    return extras


@dataclass(frozen=True)
class Desplazamiento:
    """What to add to a block's own ids and folio numbers to get the seed's.

    A block generated on its own (cobranza/demo/paralelo.py) numbers everything from 1;
    the blocks before it decide where its ids and folios really start.
    """

    titular: int = 0
    condicion: int = 0
    cuenta: int = 0
    cargo: int = 0
    pago: int = 0
    aplicacion: int = 0
    folios: dict = field(default_factory=dict)  # serie -> folios issued before the block


SIN_DESPLAZAR = Desplazamiento()


class Formato:
    """A block's rows as COPY text, table by table. Needs no connection (the seed's worker
    processes use it too)."""

    def __init__(self):
        self.fechas = _Fechas()
        self.modelos = {}
        for modelo in (Titular, CondicionEspecial, Cuenta):
            campos = modelo._meta.concrete_fields
            self.modelos[modelo] = ([c.column for c in campos], [c.attname for c in campos])
        self.columnas = {}
        for modelo, propias in (
            (Cargo, COLUMNAS_CARGO + FIJAS_CARGO),
            (Pago, COLUMNAS_PAGO + FIJAS_PAGO),
            (Aplicacion, COLUMNAS_APLICACION + FIJAS_APLICACION),
        ):
            extras = _extras(modelo, propias)
            columnas = list(propias) + [c for c, _ in extras]
            cola = "".join("\t" + _texto(v) for _, v in extras)
            self.columnas[modelo] = (columnas, cola)

    def _instancias(self, modelo, objetos):
        columnas, atributos = self.modelos[modelo]
        lineas = ["\t".join([_texto(getattr(obj, a)) for a in atributos]) + "\n" for obj in objetos]
        return modelo._meta.db_table, columnas, "".join(lineas)

    @staticmethod
    def _desplazar_padron(bloque, d):
        # The block's own objects: moved in place, once, before they are written.
        for titular in bloque.titulares:
            titular.id += d.titular
        for condicion in bloque.condiciones:
            condicion.id += d.condicion
            condicion.titular_id += d.titular
        for cuenta in bloque.cuentas:
            cuenta.id += d.cuenta
            cuenta.titular_id += d.titular

    def textos(self, bloque, d=SIN_DESPLAZAR) -> list[tuple]:
        """[(table, columns, COPY text)] of the block, in the order they must be written."""
        if d is not SIN_DESPLAZAR:
            self._desplazar_padron(bloque, d)
        textos = [
            self._instancias(Titular, bloque.titulares),
            self._instancias(CondicionEspecial, bloque.condiciones),
            self._instancias(Cuenta, bloque.cuentas),
        ]
        f, dq, dc, dp = self.fechas, d.cuenta, d.cargo, d.pago

        columnas, cola = self.columnas[Cargo]
        lineas = [
            f"{i + dc}\t{cu + dq}\t{co}\t{se}\t{f[pe]}\t{f[em]}\t{f[ve]}\t{m // 100}.{m % 100:02d}\t"
            f"{s // 100}.{s % 100:02d}\t{NULO if vo is None else vo}\t{de}\tvigente\t\\N\t\\N\t"
            f"{f[em]} 08:00:00-07{cola}\n"
            for i, cu, co, se, pe, em, ve, m, s, vo, de in bloque.cargos
        ]
        textos.append(("cobranza_cargo", columnas, "".join(lineas)))

        columnas, cola = self.columnas[Pago]
        pagos = bloque.pagos
        if d is not SIN_DESPLAZAR:
            pagos = (
                (
                    i,
                    cu,
                    folio_desplazado(fo, d.folios),
                    fe,
                    m,
                    r,
                    ca,
                    referencia_desplazada(re, dp),
                    u,
                )
                for i, cu, fo, fe, m, r, ca, re, u in pagos
            )
        lineas = [
            f"{i + dp}\t{cu + dq}\t{fo}\t{f[fe]}\t{m // 100}.{m % 100:02d}\t{r // 100}.{r % 100:02d}\t"
            f"{ca}\t{re}\t{NULO if u is None else u}\taplicado\t\\N\t{f[fe]} 10:30:00-07{cola}\n"
            for i, cu, fo, fe, m, r, ca, re, u in pagos
        ]
        textos.append(("cobranza_pago", columnas, "".join(lineas)))

        columnas, cola = self.columnas[Aplicacion]
        da = d.aplicacion
        lineas = [
            f"{i + da}\t{p + dp}\t{c + dc}\t{m // 100}.{m % 100:02d}\t{f[fe]}\t\\N{cola}\n"
            for i, p, c, m, fe in bloque.aplicaciones
        ]
        textos.append(("cobranza_aplicacion", columnas, "".join(lineas)))
        return textos


class EscritorCopy:
    """PostgreSQL: one COPY per table and block, through psycopg 3's cursor.copy()."""

    def __init__(self):
        self._cursor = connection.cursor()
        self.pg = self._cursor.connection  # the psycopg connection, same transaction
        self.formato = Formato()

    def copiar(self, textos):
        """Write [(table, columns, COPY text)] as they come (a block already formatted)."""
        for tabla, columnas, texto in textos:
            if not texto:
                continue
            sql = f"COPY {tabla} ({', '.join(columnas)}) FROM STDIN"
            with self.pg.cursor() as cursor, cursor.copy(sql) as copia:
                copia.write(texto)

    def escribir(self, bloque):
        self.copiar(self.formato.textos(bloque))


class EscritorEnParalelo:
    """COPY of block N in a thread while the generator makes block N+1.

    The generator is pure Python (it holds the GIL); the COPY waits on PostgreSQL, which
    parses and inserts the rows in its own process, and psycopg releases the GIL while it
    waits. One block queued at most: memory stays flat however many cuentas. Only for
    EscritorCopy: it writes through the psycopg connection it took in the main thread (same
    transaction); Django's thread-local connection is not used from the thread.
    """

    def __init__(self, escritor):
        self.escritor = escritor
        self._cola = queue.Queue(maxsize=1)
        self._error = None
        self._hilo = threading.Thread(target=self._trabajar, name="seed-copy", daemon=True)
        self._hilo.start()

    def _trabajar(self):
        while (bloque := self._cola.get()) is not None:
            if self._error is None:  # after a failure, drain without writing
                try:
                    self.escritor.escribir(bloque)
                except BaseException as exc:  # re-raised in the main thread
                    self._error = exc

    def _revisar(self):
        if self._error is not None:
            raise self._error

    def escribir(self, bloque):
        self._revisar()
        self._cola.put(bloque)

    def terminar(self):
        """Wait for the last block; raise what the thread raised, if anything."""
        self._cola.put(None)
        self._hilo.join()
        self._revisar()


def _dinero(centavos):
    return Decimal(centavos).scaleb(-2)


class EscritorOrm:
    """Any database (SQLite in `make run`): bulk_create of the same rows."""

    def escribir(self, bloque):
        Titular.objects.bulk_create(bloque.titulares, batch_size=500)
        CondicionEspecial.objects.bulk_create(bloque.condiciones, batch_size=500)
        Cuenta.objects.bulk_create(bloque.cuentas, batch_size=500)
        Cargo.objects.bulk_create(
            (
                Cargo(
                    id=i,
                    cuenta_id=cu,
                    concepto=co,
                    servicio=se,
                    periodo=pe,
                    fecha_emision=em,
                    fecha_vencimiento=ve,
                    monto=_dinero(m),
                    saldo=_dinero(s),
                    volumen_m3=None if vo is None else Decimal(vo),
                    descripcion=de,
                    creado=_momento(em, 8),
                )
                for i, cu, co, se, pe, em, ve, m, s, vo, de in bloque.cargos
            ),
            batch_size=500,
        )
        Pago.objects.bulk_create(
            (
                Pago(
                    id=i,
                    cuenta_id=cu,
                    folio=fo,
                    fecha=fe,
                    monto=_dinero(m),
                    remanente=_dinero(r),
                    canal=ca,
                    referencia=re,
                    registrado_por_id=u,
                )
                for i, cu, fo, fe, m, r, ca, re, u in bloque.pagos
            ),
            batch_size=500,
        )
        Aplicacion.objects.bulk_create(
            (
                Aplicacion(id=i, pago_id=p, cargo_id=c, monto=_dinero(m), fecha=fe)
                for i, p, c, m, fe in bloque.aplicaciones
            ),
            batch_size=500,
        )


def _momento(fecha, hora):
    return timezone.make_aware(datetime.combine(fecha, time(hora)), HERMOSILLO)


@contextmanager
def indices_diferidos(tablas=TABLAS_CARGA, informar=None):
    """PostgreSQL, empty tables: drop secondary indexes and FK/unique constraints, load,
    then build them again (a sorted build is far faster than 25 million inserts into
    each index). Everything happens inside the caller's transaction: a failure leaves
    the schema as it was. The definitions come from the catalogue, so the rebuilt
    objects have the same names and definitions the migrations created.
    """
    with connection.cursor() as cursor:
        cursor.execute(
            """
            SELECT c.conrelid::regclass::text, c.conname, pg_get_constraintdef(c.oid), c.contype
            FROM pg_constraint c
            WHERE c.conrelid = ANY(%s::regclass[]) AND c.contype IN ('f', 'u')
              AND NOT (c.contype = 'u' AND EXISTS (
                  SELECT 1 FROM pg_constraint f WHERE f.contype = 'f' AND f.conindid = c.conindid))
            ORDER BY c.contype, c.conname
            """,
            [list(tablas)],
        )
        restricciones = cursor.fetchall()
        cursor.execute(
            """
            SELECT i.indexrelid::regclass::text, pg_get_indexdef(i.indexrelid)
            FROM pg_index i
            WHERE i.indrelid = ANY(%s::regclass[]) AND NOT i.indisprimary
              AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid
                                                            AND c.conrelid = i.indrelid)
            ORDER BY 1
            """,
            [list(tablas)],
        )
        indices = cursor.fetchall()
        for tabla, nombre, _, _tipo in sorted(restricciones, key=lambda r: r[3] != "f"):
            cursor.execute(f'ALTER TABLE {tabla} DROP CONSTRAINT "{nombre}"')
        for nombre, _ in indices:
            cursor.execute(f"DROP INDEX {nombre}")
    yield
    with connection.cursor() as cursor:
        # At a million cuentas the cargos' sort keys (64 million rows) and the hash of their
        # ids take 2 to 3 GB: with less, each index build and foreign-key check spills to
        # disk and merges. Only what a build needs is allocated; 200k uses under 1 GB.
        cursor.execute("SET LOCAL maintenance_work_mem = '4GB'")
        # Checking a foreign key joins the whole table to its parent: with the default 4 MB
        # the join of 50 million aplicaciones to their cargos spills for minutes.
        cursor.execute("SET LOCAL work_mem = '2GB'")
        for nombre, definicion in indices:
            inicio = perf_counter()
            cursor.execute(definicion)
            if informar:
                informar(f"  índice {nombre}: {perf_counter() - inicio:.1f} s")
        for tabla, nombre, definicion, _tipo in sorted(restricciones, key=lambda r: r[3] == "f"):
            inicio = perf_counter()
            cursor.execute(f'ALTER TABLE {tabla} ADD CONSTRAINT "{nombre}" {definicion}')
            if informar:
                informar(f"  restricción {nombre}: {perf_counter() - inicio:.1f} s")


def secuencias_ajustar(modelos):
    """After loading with our own ids: the next id each table hands out is past them."""
    with connection.cursor() as cursor:
        for modelo in modelos:
            tabla = modelo._meta.db_table
            cursor.execute(
                f"SELECT setval(pg_get_serial_sequence('{tabla}', 'id'), "
                f"COALESCE((SELECT MAX(id) FROM {tabla}), 1), "
                f"(SELECT MAX(id) FROM {tabla}) IS NOT NULL)"
            )

"""A month's billing run at scale: the commercial system's file for every active water cuenta
of the bench database (up to BENCH_FACTURAS rows, 170,000 by default), staged and validated,
reviewed on its page, and posted; each figure beside a hand-written SQL statement that does
the same reading or writing in the same run, and the worker's peak Python memory for a small
and the whole file (flat: rows are streamed and written in blocks).

Everything runs inside one transaction that is rolled back at the end, so the bench database
is left as it was (cargos, balances, saldo a favor, folios); only the uploaded file is
written to MEDIA_ROOT, and it is removed.
"""

import os
import statistics
import tempfile
import time
import tracemalloc
from contextlib import contextmanager
from pathlib import Path

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files import File
from django.db import connection, transaction
from django.test import Client

from .mediciones import Resultado, medicion

SECCION = "facturacion"
META_CARGA_S, META_PUBLICAR_S, META_PAGINA_S = 60.0, 60.0, 1.0
CHICA = 10_000


class _Deshacer(Exception):
    pass


@contextmanager
def _sin_dejar_rastro():
    try:
        with transaction.atomic():
            yield
            raise _Deshacer
    except _Deshacer:
        pass


def _cartera_y_periodo():
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT c.id, c.clave FROM padron_cartera c JOIN padron_cuenta u ON u.cartera_id = c.id "
            "WHERE c.tipo = 'agua' GROUP BY c.id, c.clave ORDER BY COUNT(*) DESC LIMIT 1"
        )
        fila = cursor.fetchone()
        if fila is None:
            return None
        cursor.execute(
            "SELECT MAX(periodo) FROM cobranza_cargo g JOIN padron_cuenta u ON u.id = g.cuenta_id "
            "WHERE u.cartera_id = %s AND g.concepto = 'consumo_agua'",
            [fila[0]],
        )
        ultimo = cursor.fetchone()[0]
    from padron.fechas import sumar_meses

    return fila[0], fila[1], sumar_meses(ultimo, 1)


def _archivo(cartera_id, periodo, filas, destino):
    """The commercial system's file, written by PostgreSQL itself (COPY … TO STDOUT): one bill
    for each cuenta of the cartera (those that are not active or have no water service will
    be rejected, as in real life) and, to reach `filas`, bills of numbers not in the padrón."""
    vence = f"28/{(periodo.month % 12) + 1:02d}/{periodo.year + (periodo.month // 12)}"
    consulta = f"""
        COPY (
          WITH cuentas AS (
            SELECT u.numero, u.id, u.clasificacion FROM padron_cuenta u
            WHERE u.cartera_id = {int(cartera_id)} ORDER BY u.numero LIMIT {int(filas)}
          ), todas AS (
            SELECT numero, id, clasificacion FROM cuentas
            UNION ALL
            SELECT 'NO-' || n, n, 'domestica' FROM generate_series(1, {int(filas)}) AS n
            WHERE n <= {int(filas)} - (SELECT COUNT(*) FROM cuentas)
          )
          SELECT numero AS numero_cuenta, '{periodo:%Y-%m}' AS periodo,
                 1000 + (id % 500) AS lectura_anterior,
                 1000 + (id % 500) + 5 + (id % 37) AS lectura_actual,
                 5 + (id % 37) AS consumo_m3,
                 CASE clasificacion WHEN 'comercial' THEN 'comercial' WHEN 'industrial'
                      THEN 'industrial' WHEN 'publica' THEN 'publico' ELSE 'domestico' END
                   AS tipo_usuario,
                 ((5 + (id % 37)) * 12.50)::numeric(14,2) AS agua,
                 ((5 + (id % 37)) * 2.50)::numeric(14,2) AS drenaje,
                 ((5 + (id % 37)) * 1.25)::numeric(14,2) AS saneamiento,
                 0 AS iva, 0 AS otros, '{vence}' AS fecha_vencimiento
          FROM todas
        ) TO STDOUT WITH CSV HEADER
    """
    crudo = connection.cursor().cursor
    with open(destino, "wb") as salida, crudo.copy(consulta) as copia:
        for bloque in copia:
            salida.write(bytes(bloque))
    with open(destino, "rb") as entrada:
        return sum(bloque.count(b"\n") for bloque in iter(lambda: entrada.read(1 << 20), b"")) - 1


def _usuario(nombre):
    usuario, _ = get_user_model().objects.get_or_create(
        username=nombre, defaults={"first_name": nombre}
    )
    usuario.groups.add(Group.objects.get(name="supervisor"))
    return get_user_model().objects.get(pk=usuario.pk)  # fresh permission cache


def _cargar(ruta, clave, periodo, usuario, *, trazar=False):
    from padron.importacion.trabajos import importacion_crear, importacion_procesar

    with open(ruta, "rb") as archivo:
        importacion = importacion_crear(
            tipo="facturacion",
            archivo=File(archivo, name=Path(ruta).name),
            usuario=usuario,
            parametros={"cartera": clave, "periodo": f"{periodo:%Y-%m}"},
        )
    if trazar:
        tracemalloc.start()
    inicio = time.perf_counter()
    importacion_procesar(importacion.pk)
    segundos = time.perf_counter() - inicio
    pico = tracemalloc.get_traced_memory()[1] if trazar else None
    if trazar:
        tracemalloc.stop()
    importacion.refresh_from_db()
    return importacion, segundos, pico


def _sql(sentencia, parametros=()):
    inicio = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.execute(sentencia, parametros)
        filas = cursor.fetchall() if cursor.description else cursor.rowcount
    return time.perf_counter() - inicio, filas


def _referencia_carga(ruta, cartera_id):
    """Hand SQL: COPY the same file into a temporary table and find each row's cuenta."""
    inicio = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.execute(
            "CREATE TEMP TABLE bench_factura (numero_cuenta text, periodo text, lectura_anterior numeric, "
            "lectura_actual numeric, consumo_m3 numeric, tipo_usuario text, agua numeric, drenaje numeric, "
            "saneamiento numeric, iva numeric, otros numeric, fecha_vencimiento text, cuenta_id bigint) "
            "ON COMMIT DROP"
        )
        with (
            open(ruta, "rb") as entrada,
            cursor.cursor.copy(
                "COPY bench_factura (numero_cuenta, periodo, lectura_anterior, lectura_actual, consumo_m3, "
                "tipo_usuario, agua, drenaje, saneamiento, iva, otros, fecha_vencimiento) FROM STDIN WITH CSV HEADER"
            ) as copia,
        ):
            while bloque := entrada.read(1 << 20):
                copia.write(bloque)
        cursor.execute(
            "UPDATE bench_factura f SET cuenta_id = c.id FROM padron_cuenta c "
            "WHERE c.numero = f.numero_cuenta AND c.cartera_id = %s",
            [cartera_id],
        )
    return time.perf_counter() - inicio


def _referencia_publicar(corrida):
    """Hand SQL: the same cargos, one INSERT … SELECT per concepto (no history, no balances)."""
    inicio = time.perf_counter()
    filas = 0
    with transaction.atomic(), connection.cursor() as cursor:
        for columna, concepto in (
            ("agua", "consumo_agua"),
            ("drenaje", "drenaje"),
            ("saneamiento", "saneamiento"),
        ):
            cursor.execute(
                "INSERT INTO cobranza_cargo (cuenta_id, concepto, servicio, periodo, fecha_emision, "
                "fecha_vencimiento, monto, saldo, volumen_m3, descripcion, estado, creado) "
                f"SELECT cuenta_id, %s, 'agua', periodo, fecha_vencimiento, fecha_vencimiento, {columna}, "
                f"{columna}, NULL, 'bench', 'vigente', now() FROM cobranza_renglonfacturacion "
                f"WHERE corrida_id = %s AND valido AND {columna} > 0",
                [concepto, corrida.pk],
            )
            filas += cursor.rowcount
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        transaction.set_rollback(True)
    return time.perf_counter() - inicio, filas


def _referencia_comparacion(corrida):
    """Hand SQL: the staged rows and last month's cargos by tipo de usuario."""
    from padron.fechas import sumar_meses

    segundos_a, _ = _sql(
        "SELECT tipo_usuario, SUM(consumo_m3), SUM(agua + drenaje + saneamiento + iva + otros), "
        "COUNT(DISTINCT cuenta_id) FROM cobranza_renglonfacturacion WHERE corrida_id = %s AND valido "
        "GROUP BY tipo_usuario",
        [corrida.pk],
    )
    segundos_b, _ = _sql(
        "SELECT u.clasificacion, SUM(g.volumen_m3) FILTER (WHERE g.concepto = 'consumo_agua'), "
        "SUM(g.monto), COUNT(DISTINCT g.cuenta_id) FROM cobranza_cargo g JOIN padron_cuenta u "
        "ON u.id = g.cuenta_id WHERE u.cartera_id = %s AND g.periodo = %s AND g.concepto IN "
        "('consumo_agua', 'drenaje', 'saneamiento', 'iva', 'otros_servicios') AND g.estado <> 'cancelado' "
        "GROUP BY u.clasificacion",
        [corrida.cartera_id, sumar_meses(corrida.periodo, -1)],
    )
    return segundos_a + segundos_b


def _pagina(cliente, url, veces=3):
    tiempos = []
    for _ in range(veces):
        inicio = time.perf_counter()
        respuesta = cliente.get(url)
        tiempos.append(time.perf_counter() - inicio)
        assert respuesta.status_code == 200, respuesta.status_code
    return statistics.median(tiempos)


def _x(a, b):
    return f"{a / b:,.2f}×" if b else "—"


@medicion()
def facturacion_corrida(contexto):
    from cobranza.facturacion.models import CorridaFacturacion
    from cobranza.facturacion.services.publicacion import corrida_autorizar

    datos = _cartera_y_periodo()
    if datos is None:
        return [Resultado(SECCION, "corrida de facturación", "sin cartera de agua en la base")]
    cartera_id, clave, periodo = datos
    total = int(os.environ.get("BENCH_FACTURAS", "170000"))
    carpeta = Path(tempfile.mkdtemp(prefix="bench-facturacion-"))
    grande, chica = carpeta / "facturacion-grande.csv", carpeta / "facturacion-chica.csv"
    filas = _archivo(cartera_id, periodo, total, grande)
    filas_chica = _archivo(cartera_id, periodo, CHICA, chica)
    cargador, autorizador = _usuario("bench_carga"), _usuario("bench_autoriza")
    resultados, guardados = [], []
    with _sin_dejar_rastro():
        # the worker's peak memory, small file and whole file (each rolled back)
        picos = []
        for ruta in (chica, grande):
            with _sin_dejar_rastro():
                importacion, _, pico = _cargar(ruta, clave, periodo, cargador, trazar=True)
                guardados.append(importacion.archivo.path)
            picos.append(pico)
        # the timed run
        importacion, segundos_carga, _ = _cargar(grande, clave, periodo, cargador)
        guardados.append(importacion.archivo.path)
        corrida = CorridaFacturacion.objects.get(importacion=importacion)
        with _sin_dejar_rastro():
            referencia_carga = _referencia_carga(grande, cartera_id)
        cliente = Client()
        cliente.force_login(autorizador)
        segundos_pagina = _pagina(cliente, f"/facturacion/{corrida.pk}/")
        referencia_pagina = _referencia_comparacion(corrida)
        referencia_publicar, escritos_ref = _referencia_publicar(corrida)
        corrida.renglones.filter(revision="pendiente").update(revision="aceptada")
        inicio = time.perf_counter()
        corrida = corrida_autorizar(corrida=corrida, usuario=autorizador)
        with connection.cursor() as cursor:  # the foreign keys a COMMIT would check now
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        segundos_publicar = time.perf_counter() - inicio
    for ruta in [*guardados, grande, chica]:
        Path(ruta).unlink(missing_ok=True)
    carpeta.rmdir()

    resultados += [
        Resultado(
            SECCION,
            f"preparar y validar una corrida de {filas:,} filas (archivo CSV, `importacion_procesar`)",
            f"{segundos_carga:,.1f} s ({filas / segundos_carga:,.0f} filas/s): {corrida.validas:,} "
            f"válidas, {corrida.rechazadas:,} rechazadas; SQL de referencia (COPY del mismo archivo "
            f"y cruce con el padrón): {referencia_carga:,.1f} s, razón {_x(segundos_carga, referencia_carga)}",
            f"≤ {META_CARGA_S:g} s",
            segundos_carga <= META_CARGA_S,
        ),
        Resultado(
            SECCION,
            f"autorizar y aplicar la corrida (`corrida_autorizar`: {corrida.cargos_creados:,} cargos con "
            "historial, descuentos, saldo a favor y saldos)",
            f"{segundos_publicar:,.1f} s; SQL de referencia (los mismos {escritos_ref:,} INSERT … SELECT "
            f"sin historial ni saldos): {referencia_publicar:,.1f} s, razón "
            f"{_x(segundos_publicar, referencia_publicar)}",
            f"≤ {META_PUBLICAR_S:g} s",
            segundos_publicar <= META_PUBLICAR_S,
        ),
        Resultado(
            SECCION,
            "página de revisión de la corrida (comparación por tipo de usuario, anomalías, gran "
            "consumidor), mediana de 3",
            f"{segundos_pagina * 1000:,.0f} ms; SQL de referencia (las dos agrupaciones): "
            f"{referencia_pagina * 1000:,.0f} ms, razón {_x(segundos_pagina, referencia_pagina)}",
            f"≤ {META_PAGINA_S * 1000:g} ms",
            segundos_pagina <= META_PAGINA_S,
        ),
        Resultado(
            SECCION,
            f"memoria máxima de Python al preparar: {filas_chica:,} filas / {filas:,} filas",
            f"{picos[0] / 1024:,.0f} KiB / {picos[1] / 1024:,.0f} KiB",
            "plana (≤ 2 × la del archivo chico)",
            picos[1] <= max(2 * picos[0], picos[0] + 1024 * 1024),
        ),
    ]
    return resultados

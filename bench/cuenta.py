"""The front desk at scale (issue 19, item 4): the account page, the estado de cuenta API and
payments, each beside a hand-written SQL doing the same reads or writes in the same run.

- page `/cuentas/<número>/` with a ventanilla session: 1 client back to back, and 16 clients
  at a clerk's pace; reference: the statement's two queries (cargos with what each was paid
  and adjusted, pagos) by hand for the same cuentas.
- `GET /api/v1/cuentas/<número>/estado-de-cuenta/`: the same two phases and reference.
- `POST /api/v1/cuentas/<número>/pagos/`, 16 clients flat out; reference: 16 connections
  doing the same writes by hand (lock the cuenta, pay its cargos oldest first, aplicaciones,
  saldo, folio), without history, corte de caja or HTTP. Both are deleted afterwards and
  the folio counters (receipts, cortes de caja) put back, so the bench measures the same
  thing every time.
"""

import threading
import time
import uuid
from decimal import Decimal

from django.db import connection, transaction

from .carga_http import correr
from .estadistica import percentil, resumen
from .mediciones import SECCIONES, Resultado, _fase_resultados, _ms, medicion, tablas_limpiar

SECCION = "cuenta"
SECCIONES[SECCION] = "Cuenta en ventanilla: página, estado de cuenta y pagos"
UNO = 200  # requests of the one-client phases


def _sesion(usuario="ventanilla"):
    """A logged-in session for `usuario`, as the login form would leave it (cookie header)."""
    from importlib import import_module

    from django.conf import settings
    from django.contrib.auth import (
        BACKEND_SESSION_KEY,
        HASH_SESSION_KEY,
        SESSION_KEY,
        get_user_model,
    )

    persona = get_user_model().objects.get(username=usuario)
    sesion = import_module(settings.SESSION_ENGINE).SessionStore()
    sesion[SESSION_KEY] = str(persona.pk)
    sesion[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[0]
    sesion[HASH_SESSION_KEY] = persona.get_session_auth_hash()
    sesion.create()
    return {"Cookie": f"{settings.SESSION_COOKIE_NAME}={sesion.session_key}"}


# The statement by hand: what estado_de_cuenta() reads, in the same two round trips.
SQL_CARGOS = """
SELECT c.id, c.concepto, c.periodo, c.fecha_vencimiento, c.monto, c.saldo,
       COALESCE((SELECT SUM(a.monto) FROM cobranza_aplicacion a
                 WHERE a.cargo_id = c.id AND a.fecha <= %(al)s), 0),
       COALESCE((SELECT SUM(j.monto) FROM cobranza_ajuste j
                 WHERE j.cargo_id = c.id AND j.fecha <= %(al)s), 0)
FROM cobranza_cargo c JOIN padron_cuenta q ON q.id = c.cuenta_id
WHERE q.numero = %(numero)s AND c.fecha_emision <= %(al)s
ORDER BY c.fecha_vencimiento, c.id
"""
SQL_PAGOS = """
SELECT p.id, p.folio, p.fecha, p.canal, p.monto, p.estado
FROM cobranza_pago p JOIN padron_cuenta q ON q.id = p.cuenta_id
WHERE q.numero = %(numero)s AND p.fecha <= %(al)s ORDER BY p.fecha, p.id
"""


def _referencia_estado(numeros):
    """p50/p95 (ms) of the hand statement over `numeros`, and the mean number of cargos."""
    from padron.fechas import hoy

    al, tiempos, cargos = hoy(), [], 0
    with connection.cursor() as cursor:
        for numero in numeros:
            inicio = time.perf_counter()
            cursor.execute(SQL_CARGOS, {"al": al, "numero": numero})
            cargos += len(cursor.fetchall())
            cursor.execute(SQL_PAGOS, {"al": al, "numero": numero})
            cursor.fetchall()
            tiempos.append(time.perf_counter() - inicio)
    return percentil(tiempos, 50) * 1000, percentil(tiempos, 95) * 1000, cargos / len(numeros)


def _lectura(contexto, nombre, ruta, cabeceras, meta_uno, meta_16, semilla):
    """One client back to back, then 16 at a clerk's pace; beside the hand statement."""
    numeros = contexto.muestras["numeros"]

    def peticion(rng):
        return "GET", ruta.format(rng.choice(numeros)), {}

    resultados = []
    for etiqueta, clientes, pausa, maximo, meta in (
        ("1 cliente", 1, 0.0, UNO, meta_uno),
        (
            f"{contexto.clientes} clientes, pausa {contexto.pausa_s:g} s",
            contexto.clientes,
            contexto.pausa_s,
            contexto.max_peticiones,
            meta_16,
        ),
    ):
        fase = correr(
            contexto.url,
            peticion,
            clientes=clientes,
            duracion_s=contexto.duracion_s,
            max_peticiones=maximo,
            cabeceras=cabeceras,
            semilla=semilla,
            calentamiento=3,
            pausa_s=pausa,
        )
        resultados += _fase_resultados(contexto, SECCION, f"{nombre}, {etiqueta}", fase, meta)
        if clientes == 1:
            p50 = fase.resumen()["p50_ms"]
    muestra = numeros[:UNO]
    ref50, ref95, cargos = _referencia_estado(muestra)
    razon = f", razón p50 {p50 / ref50:,.0f}×" if p50 and ref50 else ""
    resultados.append(
        Resultado(
            SECCION,
            f"{nombre}: SQL de referencia (cargos con lo pagado y ajustado, pagos; "
            f"{len(muestra)} cuentas, {cargos:,.0f} cargos de media)",
            f"p50 {_ms(ref50)}, p95 {_ms(ref95)}{razon}",
            "referencia",
        )
    )
    return resultados


def _estaticos():
    """The static files' manifest: with DEBUG off an HTML page without it is a 500 (the API
    does not need it). Collected before the workers render their first page."""
    from django.core.management import call_command

    call_command("collectstatic", "--noinput", "-v", "0")


@medicion(http=True)
def cuenta_pagina(contexto):
    _estaticos()
    return _lectura(
        contexto,
        "página de la cuenta `/cuentas/<número>/`",
        "/cuentas/{}/",
        {**_sesion(), "Accept": "text/html"},
        50,
        100,
        11,
    )


@medicion(http=True)
def cuenta_estado_api(contexto):
    return _lectura(
        contexto,
        "estado de cuenta `GET /api/v1/cuentas/<número>/estado-de-cuenta/`",
        "/api/v1/cuentas/{}/estado-de-cuenta/",
        contexto.cabeceras("ventanilla"),
        50,
        100,
        12,
    )


# ---- payments -------------------------------------------------------------------------
def _cuentas_para_pagar(cantidad=2000):
    """Cuentas with debt and nothing a payment would set off besides the ledger (no convenio,
    no corte order, no PEC expediente), so deleting the bench's payments undoes them whole."""
    with connection.cursor() as cursor:
        cursor.execute(
            """
            SELECT q.numero FROM padron_cuenta q TABLESAMPLE SYSTEM (5)
            JOIN cobranza_saldocuenta s ON s.cuenta_id = q.id AND s.saldo > 1000
            WHERE q.estado = 'activa'
              AND NOT EXISTS (SELECT 1 FROM convenios_convenio v WHERE v.cuenta_id = q.id)
              AND NOT EXISTS (SELECT 1 FROM cobranza_ordencorte o WHERE o.cuenta_id = q.id)
              AND NOT EXISTS (SELECT 1 FROM cobranza_expediente e WHERE e.cuenta_id = q.id)
            LIMIT %s
            """,
            [cantidad],
        )
        return [numero for (numero,) in cursor.fetchall()]


MARCAS = {
    "pago": "SELECT COALESCE(MAX(id), 0) FROM cobranza_pago",
    "cargo_h": "SELECT COALESCE(MAX(history_id), 0) FROM cobranza_historicalcargo",
    "pago_h": "SELECT COALESCE(MAX(history_id), 0) FROM cobranza_historicalpago",
    "corte": "SELECT COALESCE(MAX(id), 0) FROM cobranza_cortecaja",
    "corte_h": "SELECT COALESCE(MAX(history_id), 0) FROM cobranza_historicalcortecaja",
}


def _marcas(serie):
    marcas = {}
    with connection.cursor() as cursor:
        for clave, sql in MARCAS.items():
            cursor.execute(sql)
            marcas[clave] = cursor.fetchone()[0]
        cursor.execute("SELECT ultimo FROM padron_folio WHERE serie = %s", [serie])
        fila = cursor.fetchone()
        marcas["folio"] = fila[0] if fila else 0
        # The bench cashiers' cortes de caja are deleted too: their series goes back as well.
        cursor.execute("SELECT serie, ultimo FROM padron_folio WHERE serie = %s", [_serie_corte()])
        marcas["folios_corte"] = dict(cursor.fetchall())
    return marcas


def _serie_corte():
    from padron.fechas import hoy

    return f"CC{hoy():%y}"


# What a payment writes: cleaned after each undo, as autovacuum would.
ESCRITAS = (
    "cobranza_cargo",
    "cobranza_historicalcargo",
    "cobranza_pago",
    "cobranza_historicalpago",
    "cobranza_aplicacion",
    "cobranza_saldocuenta",
    "cobranza_cortecaja",
    "cobranza_historicalcortecaja",
    "padron_folio",
)


def _pagos_deshacer(marcas, serie):
    """Delete every pago written after `marcas` with what it did to the ledger; put the
    cargos' saldo, the cuentas' SaldoCuenta and the folio counters back. Plain SQL: the ORM
    would write a "-" history row for each."""
    from cobranza.libro.services.saldos import saldos_recalcular

    with transaction.atomic(), connection.cursor() as cursor:
        m = marcas
        cursor.execute("SELECT DISTINCT cuenta_id FROM cobranza_pago WHERE id > %s", [m["pago"]])
        cuentas = [c for (c,) in cursor.fetchall()]
        cursor.execute(
            """
            UPDATE cobranza_cargo c SET saldo = c.saldo + a.total
            FROM (SELECT cargo_id, SUM(monto) AS total FROM cobranza_aplicacion
                  WHERE pago_id > %s GROUP BY cargo_id) a
            WHERE c.id = a.cargo_id
            """,
            [m["pago"]],
        )
        for sql, marca in (
            ("DELETE FROM convenios_abonoparcialidad WHERE pago_id > %s", m["pago"]),
            ("DELETE FROM cobranza_aplicacion WHERE pago_id > %s", m["pago"]),
            ("DELETE FROM cobranza_historicalcargo WHERE history_id > %s", m["cargo_h"]),
            ("DELETE FROM cobranza_historicalpago WHERE history_id > %s", m["pago_h"]),
            ("DELETE FROM cobranza_pago WHERE id > %s", m["pago"]),
            ("DELETE FROM cobranza_historicalcortecaja WHERE history_id > %s", m["corte_h"]),
            ("DELETE FROM cobranza_cortecaja WHERE id > %s", m["corte"]),
        ):
            cursor.execute(sql, [marca])
        cursor.execute("UPDATE padron_folio SET ultimo = %s WHERE serie = %s", [m["folio"], serie])
        for serie_corte, ultimo in m.get("folios_corte", {}).items():
            cursor.execute(
                "UPDATE padron_folio SET ultimo = %s WHERE serie = %s", [ultimo, serie_corte]
            )
        if cuentas:
            saldos_recalcular(cuenta_ids=cuentas)
    tablas_limpiar(*ESCRITAS)
    return len(cuentas)


def _pago_a_mano(cursor, numero, monto, cajero_id, serie, dia):
    """One payment by hand, in its own transaction: the writes pago_registrar makes, minus
    history, corte de caja and signals."""
    cursor.execute("SELECT id FROM padron_cuenta WHERE numero = %s FOR UPDATE", [numero])
    (cuenta_id,) = cursor.fetchone()
    cursor.execute(
        "SELECT id, saldo FROM cobranza_cargo WHERE cuenta_id = %s AND saldo > 0 "
        "AND estado = 'vigente' ORDER BY fecha_vencimiento, id",
        [cuenta_id],
    )
    cargos = cursor.fetchall()
    cursor.execute(
        "INSERT INTO cobranza_pago (fecha, monto, remanente, canal, referencia, estado, "
        "clave_idempotencia, registrado, cuenta_id, registrado_por_id, forma_pago, "
        "autorizacion, banco, numero_cheque, tarjeta_ultimos, tipo_tarjeta, "
        "efectivo_recibido, cambio) VALUES (%s, %s, %s, 'caja', '', 'aplicado', %s, now(), "
        "%s, %s, 'efectivo', '', '', '', '', '', %s, 0) RETURNING id",
        [dia, monto, monto, uuid.uuid4().hex, cuenta_id, cajero_id, monto],
    )
    (pago_id,) = cursor.fetchone()
    disponible, aplicaciones = monto, []
    for cargo_id, saldo in cargos:
        if disponible <= 0:
            break
        parte = min(disponible, saldo)
        cursor.execute(
            "UPDATE cobranza_cargo SET saldo = saldo - %s WHERE id = %s", [parte, cargo_id]
        )
        aplicaciones += [parte, dia, cargo_id, pago_id]
        disponible -= parte
    if aplicaciones:
        valores = ", ".join(["(%s, %s, %s, %s)"] * (len(aplicaciones) // 4))
        cursor.execute(
            f"INSERT INTO cobranza_aplicacion (monto, fecha, cargo_id, pago_id) VALUES {valores}",
            aplicaciones,
        )
    cursor.execute(
        "UPDATE cobranza_saldocuenta SET saldo = (SELECT COALESCE(SUM(saldo), 0) "
        "FROM cobranza_cargo WHERE cuenta_id = %s AND saldo > 0), ultimo_pago_fecha = %s, "
        "ultimo_pago_monto = %s WHERE cuenta_id = %s",
        [cuenta_id, dia, monto, cuenta_id],
    )
    cursor.execute(
        "UPDATE padron_folio SET ultimo = ultimo + 1 WHERE serie = %s RETURNING ultimo", [serie]
    )
    (numero_folio,) = cursor.fetchone()
    cursor.execute(
        "UPDATE cobranza_pago SET folio = %s, remanente = %s WHERE id = %s",
        [f"{serie}-{numero_folio:06d}", disponible, pago_id],
    )


def _conninfo():
    """libpq parameters of Django's own database (the bench's, or a test's)."""
    datos = connection.settings_dict
    partes = {
        "dbname": datos["NAME"],
        "user": datos.get("USER"),
        "password": datos.get("PASSWORD"),
        "host": datos.get("HOST"),
        "port": datos.get("PORT"),
    }
    return " ".join(f"{k}='{v}'" for k, v in partes.items() if v)


def _pagos_a_mano(contexto, numeros, cajero_id, serie, dia):
    """`contexto.clientes` connections paying flat out for the same time and count."""
    import psycopg

    url = _conninfo()
    latencias, errores, candado = [], [0], threading.Lock()
    restantes = [contexto.max_peticiones]
    fin = [0.0]
    listos = threading.Barrier(contexto.clientes + 1)

    def cliente(n):
        import random

        rng = random.Random(2026 + n)
        with psycopg.connect(url) as conexion:
            listos.wait()
            while time.perf_counter() < fin[0]:
                with candado:
                    if restantes[0] <= 0:
                        return
                    restantes[0] -= 1
                monto = Decimal(f"{rng.randint(50, 800)}.{rng.randint(0, 99):02d}")
                inicio = time.perf_counter()
                try:
                    with conexion.transaction(), conexion.cursor() as cursor:
                        _pago_a_mano(cursor, rng.choice(numeros), monto, cajero_id, serie, dia)
                    with candado:
                        latencias.append(time.perf_counter() - inicio)
                except psycopg.Error:
                    with candado:
                        errores[0] += 1

    hilos = [
        threading.Thread(target=cliente, args=(n,), daemon=True) for n in range(contexto.clientes)
    ]
    for hilo in hilos:
        hilo.start()
    fin[0] = time.perf_counter() + 3600
    listos.wait(timeout=120)
    inicio = time.perf_counter()
    fin[0] = inicio + contexto.duracion_s
    for hilo in hilos:
        hilo.join(timeout=contexto.duracion_s + 120)
    return resumen(latencias, errores[0], time.perf_counter() - inicio)


def _cajeros(cantidad):
    """Tokens of `cantidad` bench cashiers (caja-bench-01…), created once with the caja role."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group
    from rest_framework.authtoken.models import Token

    grupo = Group.objects.get(name="caja")
    tokens = []
    for n in range(1, cantidad + 1):
        usuario, creado = get_user_model().objects.get_or_create(
            username=f"caja-bench-{n:02d}", defaults={"first_name": f"Cajero {n}"}
        )
        if creado:
            usuario.groups.add(grupo)
        tokens.append(Token.objects.get_or_create(user=usuario)[0].key)
    return tokens


@medicion(http=True)
def cuenta_pagos(contexto):
    from django.contrib.auth import get_user_model

    from padron.fechas import hoy

    dia = hoy()
    serie = f"R{dia:%y}"
    numeros = _cuentas_para_pagar()
    if not numeros:
        return [Resultado(SECCION, "registro de pagos", "sin cuentas con adeudo para pagar")]
    marcas = _marcas(serie)
    # Sixteen clients are sixteen cashiers: a payment holds its cashier's open corte de caja
    # until it commits, so one shared cashier would only measure that queue.
    tokens = _cajeros(contexto.clientes)
    asignados, candado = {}, threading.Lock()

    def peticion(rng):
        with candado:  # each client thread (its own rng) keeps one cashier
            token = asignados.setdefault(id(rng), tokens[len(asignados) % len(tokens)])
        monto = f"{rng.randint(50, 800)}.{rng.randint(0, 99):02d}"
        return (
            "POST",
            f"/api/v1/cuentas/{rng.choice(numeros)}/pagos/",
            {
                "datos": {"monto": monto, "canal": "caja"},
                "cabeceras": {
                    "Idempotency-Key": str(uuid.UUID(int=rng.getrandbits(128))),
                    "Authorization": f"Token {token}",
                },
            },
        )

    nombre = (
        f"registro de pagos `POST /api/v1/cuentas/<número>/pagos/`, {contexto.clientes} cajeros"
    )
    try:
        fase = correr(
            contexto.url,
            peticion,
            clientes=contexto.clientes,
            duracion_s=contexto.duracion_s,
            max_peticiones=contexto.max_peticiones,
            cabeceras=contexto.cabeceras("caja"),
            semilla=int(time.time()),  # fresh idempotency keys on every run
            calentamiento=0,
        )
    finally:
        _pagos_deshacer(marcas, serie)
    resultados = _fase_resultados(contexto, SECCION, nombre, fase)
    rps = fase.resumen()["rps"]
    if peticiones := len(fase.latencias) + fase.errores:
        contexto.nota(
            SECCION,
            f"Los {contexto.clientes} cajeros del bench (hilos con `http.client`) usaron "
            f"{1000 * fase.cpu_clientes_s / peticiones:.2f} ms de CPU por pago, de los mismos "
            "núcleos que el servidor.",
        )
    resultados[2].meta, resultados[2].cumple = "≥ 150/s", rps >= 150
    cajero_id = get_user_model().objects.get(username="caja").pk
    try:
        ref = _pagos_a_mano(contexto, numeros, cajero_id, serie, dia)
    finally:
        _pagos_deshacer(marcas, serie)
    razon = f", razón {ref['rps'] / rps:,.1f}× más pagos por segundo" if rps else ""
    resultados.append(
        Resultado(
            SECCION,
            f"registro de pagos: SQL de referencia ({contexto.clientes} conexiones, las mismas "
            "escrituras a mano sin historial, corte de caja ni HTTP)",
            f"{ref['n']:,} pagos ({ref['rps']:,.1f}/s), p50 {_ms(ref['p50_ms'])}, "
            f"p95 {_ms(ref['p95_ms'])}, {ref['errores']} errores{razon}",
            "referencia",
        )
    )
    contexto.nota(
        SECCION,
        f"Los pagos del bench (HTTP y a mano) se borraron al terminar, con sus aplicaciones e "
        f"historial, y el folio {serie} volvió a {marcas['folio']:,}.",
    )
    return resultados

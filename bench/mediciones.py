"""The measurements. Each is a function (contexto) -> [Resultado], listed in MEDICIONES.

A later issue adds a module with its own functions and appends them to
MEDICIONES (and its section to SECCIONES); `make bench` runs them all and
rewrites each section of docs/benchmarks.md.
"""

import time
from dataclasses import dataclass, field

from django.db import OperationalError, connection, transaction

from .carga_http import correr


@dataclass
class Resultado:
    seccion: str
    nombre: str
    valor: str
    meta: str = ""
    cumple: bool | None = None


@dataclass
class Contexto:
    clientes: int
    duracion_s: float
    max_peticiones: int
    siembra: dict
    pausa_s: float = 1.0
    muestras: dict = field(default_factory=dict)
    url: str | None = None
    tokens: dict = field(default_factory=dict)
    notas: dict = field(default_factory=dict)  # seccion -> [texto]

    def nota(self, seccion, texto):
        self.notas.setdefault(seccion, []).append(texto)

    def cabeceras(self, usuario):
        return {"Authorization": f"Token {self.tokens[usuario]}", "Accept": "application/json"}


SECCIONES = {
    "libro": "Padrón y libro: carga demo, saldos, búsqueda, estado de cuenta y pagos",
    "cortes": "Listas de corte: vista previa, generación y memoria",
    "morosos": "Lista de morosos: vista previa y generación",
    "exportaciones": "Listas completas exportadas: CSV, XLSX y PDF contra COPY",
    "reportes": "Reportes: recuperación mensual, reporte guardado y tablero de gerencia",
    "facturacion": "Facturación: corrida del mes preparada, revisada y aplicada",
    "credito": "Crédito educativo: mensualidades del mes cobradas",
    "nocturnas": "Trabajos nocturnos contra su SQL: conciliación de saldos y recargos",
}
MEDICIONES = []


def tablas_limpiar(*tablas):
    """VACUUM (ANALYZE) of the tables a measurement wrote and then deleted or rolled back.

    What autovacuum would do between two nights, done now: the dead rows of one run would
    otherwise stay in the heap and the indexes, and the next runs (the next payments, the
    next recargos) would walk them. Where autovacuum is off (this bench machine's server),
    they only ever piled up: by the afternoon of 04/12/2026 the saldo table held 1.3
    million dead rows beside its 200,010 live ones.
    """
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        for tabla in tablas:
            cursor.execute(f"VACUUM (ANALYZE) {tabla}")


def medicion(*, http=False):
    def registrar(funcion):
        funcion.http = http
        MEDICIONES.append(funcion)
        return funcion

    return registrar


def _ms(valor):
    return "—" if valor is None else f"{valor:,.1f} ms"


def _fase_resultados(contexto, seccion, nombre, fase, meta_p95_ms=None):
    r = fase.resumen()
    resultados = [
        Resultado(seccion, f"{nombre}: p50", _ms(r["p50_ms"])),
        Resultado(
            seccion,
            f"{nombre}: p95",
            _ms(r["p95_ms"]),
            f"≤ {meta_p95_ms} ms" if meta_p95_ms else "",
            None if meta_p95_ms is None or r["p95_ms"] is None else r["p95_ms"] <= meta_p95_ms,
        ),
        Resultado(
            seccion,
            f"{nombre}: peticiones (por segundo)",
            f"{r['n']:,} ({r['rps']:,.1f}/s)",
        ),
        Resultado(seccion, f"{nombre}: errores", f"{r['errores']:,}", "0", r["errores"] == 0),
    ]
    for ejemplo in fase.ejemplos_error:
        contexto.nota(seccion, f"Error en {nombre}: `{ejemplo}`")
    return resultados


# ---- without HTTP ------------------------------------------------------------
@medicion()
def siembra(contexto):
    s = contexto.siembra
    from cobranza.models import Aplicacion, Cargo, Pago

    conteos = (
        f"{s['cuentas']:,} cuentas, {Cargo.objects.count():,} cargos, "
        f"{Pago.objects.count():,} pagos, {Aplicacion.objects.count():,} aplicaciones"
    )
    if not s["sembrado"] and s.get("anterior"):
        s, cuando = s["anterior"], f" (medida al sembrar esta base, {s['anterior']['fecha']})"
    else:
        cuando = ""
    # The targets: ≤ 10 min at 200,000 cuentas, ≤ 20 min at a state's 1,000,000.
    limite_min = 10 if s["cuentas"] <= 200_000 else 20
    if not s["sembrado"]:
        return [
            Resultado(
                "libro",
                "carga demo (`seed_demo`)",
                f"no medida en esta corrida: la base ya tenía {conteos}",
                f"≤ {limite_min} min",
            )
        ]
    return [
        Resultado(
            "libro",
            f"carga demo (`seed_demo --cuentas {s['cuentas']:,} --meses {s['meses']}`)",
            f"{s['segundos'] / 60:.1f} min ({s['segundos']:,.0f} s){cuando}: {conteos}",
            f"≤ {limite_min} min",
            s["segundos"] <= limite_min * 60,
        ),
        Resultado("libro", "memoria máxima (RSS) del proceso de carga", f"{s['rss_mib']:,.0f} MiB"),
    ]


@medicion()
def saldos_sql(contexto):
    """The reference: the one SQL statement that recomputes every balance from the ledger."""
    from cobranza.libro.services.saldos import saldos_diferencias, saldos_recalcular

    limite_s = 300  # bounded: a bad plan must not hang the run
    inicio = time.perf_counter()
    try:
        with transaction.atomic():
            with connection.cursor() as cursor:
                cursor.execute(f"SET LOCAL statement_timeout = '{limite_s}s'")
            filas = saldos_recalcular()
        recalcular = f"{time.perf_counter() - inicio:,.1f} s ({filas:,} cuentas)"
    except OperationalError:
        recalcular = f"cancelado tras {limite_s} s"
        contexto.nota(
            "libro",
            f"`saldos_recalcular()` sobre todas las cuentas no terminó en {limite_s} s "
            "(ver el análisis: `NOT IN (SELECT cuenta_id FROM cobranza_saldocuenta)`).",
        )
    inicio = time.perf_counter()
    diferencias = saldos_diferencias(limite=100)
    conciliar = time.perf_counter() - inicio
    return [
        Resultado(
            "libro",
            "recalcular todos los saldos desde el libro (SQL, `saldos_recalcular()`)",
            recalcular,
            "referencia",
        ),
        Resultado(
            "libro",
            "conciliar saldos contra el libro (`saldos_diferencias()`)",
            f"{conciliar:,.1f} s, {len(diferencias)} diferencias",
            "0 diferencias",
            not diferencias,
        ),
    ]


# ---- over HTTP ---------------------------------------------------------------
FRAGMENTOS = (
    "perez",
    "lopez garcia",
    "munoz",
    "peña",
    "valenzuela moreno",
    "maria guadalupe",
    "gastelum",
    "juan carlos soto",
)


def _busqueda(contexto):
    numeros, claves = contexto.muestras["numeros"], contexto.muestras["claves"]

    def peticion(rng):
        r = rng.random()
        if r < 0.5:
            q = rng.choice(FRAGMENTOS)
        elif r < 0.75:
            q = rng.choice(numeros)
        else:
            q = rng.choice(claves)
        return "GET", "/api/v1/cuentas/", {"params": {"q": q}}

    return peticion


def _lecturas(contexto, nombre, peticion, meta_p95_ms, semilla):
    """Two phases of a read: 16 clerks at their pace (the target) and the same 16 flat out.

    A clerk reads the screen between requests; the paced phase waits 0.5-1.5 × pausa_s
    between them, so its latency is the server's and not the queue's. The flat-out
    phase (no pause) measures throughput: with N clients its latency is N / throughput.
    """
    resultados = []
    for etiqueta, pausa, meta in (
        (f"16 clientes, pausa {contexto.pausa_s:g} s", contexto.pausa_s, meta_p95_ms),
        ("16 clientes sin pausa (saturación)", 0.0, None),
    ):
        fase = correr(
            contexto.url,
            peticion,
            clientes=contexto.clientes,
            duracion_s=contexto.duracion_s,
            max_peticiones=contexto.max_peticiones,
            cabeceras=contexto.cabeceras("ventanilla"),
            semilla=semilla,
            calentamiento=3,
            pausa_s=pausa,
        )
        nombre_fase = f"{nombre}, {etiqueta.replace('16', str(contexto.clientes), 1)}"
        resultados += _fase_resultados(contexto, "libro", nombre_fase, fase, meta)
    return resultados


@medicion(http=True)
def busqueda(contexto):
    return _lecturas(contexto, "búsqueda `GET /api/v1/cuentas/?q=`", _busqueda(contexto), 50, 1)


@medicion(http=True)
def estado_de_cuenta(contexto):
    numeros = contexto.muestras["numeros"]

    def peticion(rng):
        return "GET", f"/api/v1/cuentas/{rng.choice(numeros)}/estado-de-cuenta/", {}

    return _lecturas(
        contexto,
        "estado de cuenta `GET /api/v1/cuentas/<número>/estado-de-cuenta/`",
        peticion,
        100,
        2,
    )


# Payments are measured in bench/cuenta.py (16 cashiers, beside their hand SQL).


def muestras_tomar(cantidad=2000):
    """Account numbers and claves catastrales to ask for, picked at random by PostgreSQL."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT numero, clave_catastral FROM padron_cuenta TABLESAMPLE SYSTEM (5) "
            "WHERE estado <> 'baja' LIMIT %s",
            [cantidad],
        )
        filas = cursor.fetchall()
    if not filas:
        with connection.cursor() as cursor:
            cursor.execute("SELECT numero, clave_catastral FROM padron_cuenta LIMIT %s", [cantidad])
            filas = cursor.fetchall()
    return {
        "numeros": [numero for numero, _ in filas],
        "claves": [clave for _, clave in filas if clave] or [numero for numero, _ in filas],
    }


# Measurements of later issues, each in its own module (they register through @medicion).
from . import (  # noqa: E402, F401
    cortes,
    credito,
    cuenta,
    exportaciones,
    facturacion,
    morosos,
    nocturnas,
    reportes,
)

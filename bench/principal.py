"""`python -m bench`: seed if empty, measure, rewrite docs/benchmarks.md.

Environment: DATABASE_URL (PostgreSQL, required); BENCH_CUENTAS (200000),
BENCH_MESES (24), BENCH_CLIENTES (16), BENCH_DURACION (20 s per HTTP phase),
BENCH_MAX_PETICIONES (20000 per phase), BENCH_WORKERS (4), BENCH_HILOS (2),
BENCH_MEDICIONES (comma-separated names, default all), BENCH_INFORME (the file),
BENCH_PAUSA (1 s: a clerk's pause between reads in the paced phases), BENCH_ESCALA (200k, or
1m: BENCH_CUENTAS defaults to 1,000,000 and the figures go to their own sections, compared
with 200k's in «Escala», bench/escala.py).
"""

import json
import os
import sys
import time
from pathlib import Path

from .escala import ESCALAS, escala_leer, resultados_guardar, seccion_escala, sufijo
from .informe import archivo_actualizar, maquina, tabla

RAIZ = Path(__file__).resolve().parent.parent


def _entero(nombre, omision):
    valor = os.environ.get(nombre, str(omision))
    try:
        return int(valor)
    except ValueError:
        raise SystemExit(f"{nombre} debe ser un número entero (se recibió {valor!r}).") from None


def _postgres(url: str) -> bool:
    return url.startswith(("postgres://", "postgresql://", "pgsql://", "postgis://"))


def main() -> int:
    url = os.environ.get("DATABASE_URL", "")
    if not _postgres(url):
        print(
            "make bench necesita PostgreSQL: defina DATABASE_URL, p. ej.\n"
            "  DATABASE_URL=postgres://postgres@127.0.0.1:5432/cobranza_bench make bench",
            file=sys.stderr,
        )
        return 2
    entorno = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.local",
        "DEBUG": "False",
        "CONN_MAX_AGE": os.environ.get("CONN_MAX_AGE", "60"),
    }
    os.environ.update(entorno)
    sys.path.insert(0, str(RAIZ))
    import django

    django.setup()
    from django.db import connection
    from django.db.utils import OperationalError

    try:
        connection.ensure_connection()
    except OperationalError as exc:
        print(f"No se pudo conectar a {url}: {exc}".strip(), file=sys.stderr)
        print("Cree la base primero (createdb) y revise DATABASE_URL.", file=sys.stderr)
        return 2
    connection.close()

    from . import mediciones as M
    from .servidor import gunicorn
    from .siembra import manage, sembrar_si_vacia, siembra_anterior, siembra_guardar

    escala = escala_leer(os.environ.get("BENCH_ESCALA"))
    cuentas, meses = _entero("BENCH_CUENTAS", ESCALAS[escala]), _entero("BENCH_MESES", 24)
    elegidas = {n for n in os.environ.get("BENCH_MEDICIONES", "").split(",") if n}
    carga_inicial = os.getloadavg()[0]

    print("== migraciones", flush=True)
    manage("migrate", "--noinput", "-v", "0", entorno=entorno)
    print("== datos demo", flush=True)
    siembra = sembrar_si_vacia(cuentas=cuentas, meses=meses, seed=2026, entorno=entorno)
    if siembra["sembrado"]:
        # What autovacuum would do soon after a bulk load; timed apart from the seed.
        inicio = time.perf_counter()
        connection.ensure_connection()
        with connection.cursor() as cursor:
            cursor.execute(
                "VACUUM (ANALYZE) padron_cuenta, padron_titular, cobranza_cargo, "
                "cobranza_pago, cobranza_aplicacion, cobranza_saldocuenta"
            )
        siembra["vacuum_s"] = time.perf_counter() - inicio
        print(f"   VACUUM ANALYZE: {siembra['vacuum_s']:.0f} s", flush=True)
        siembra_guardar(connection.settings_dict["NAME"], siembra)
    else:
        siembra["anterior"] = siembra_anterior(connection.settings_dict["NAME"])

    contexto = M.Contexto(
        clientes=_entero("BENCH_CLIENTES", 16),
        duracion_s=_entero("BENCH_DURACION", 20),
        max_peticiones=_entero("BENCH_MAX_PETICIONES", 20_000),
        siembra=siembra,
        pausa_s=float(os.environ.get("BENCH_PAUSA", "1")),
        muestras=M.muestras_tomar(),
    )
    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        version = f"PostgreSQL {cursor.fetchone()[0].split()[0]}"
        cursor.execute("SHOW autovacuum")
        if cursor.fetchone()[0] == "off":  # the bench then vacuums what it writes and undoes
            version += " (sin autovacuum)"
    workers, hilos = _entero("BENCH_WORKERS", 4), _entero("BENCH_HILOS", 2)

    resultados = []
    pendientes = [m for m in M.MEDICIONES if not elegidas or m.__name__ in elegidas]
    for medicion in [m for m in pendientes if not m.http]:
        print(f"== {medicion.__name__}", flush=True)
        resultados += medicion(contexto)
    http = [m for m in pendientes if m.http]
    if http:
        connection.close()  # the server's workers get their own connections
        with gunicorn(workers=workers, hilos=hilos, entorno=entorno) as base:
            contexto.url = base
            contexto.tokens = _tokens(base)
            for medicion in http:
                print(f"== {medicion.__name__}", flush=True)
                resultados += medicion(contexto)

    secciones = {}
    for clave, titulo in M.SECCIONES.items():
        propias = [r for r in resultados if r.seccion == clave]
        if not propias:
            continue
        if sufijo(escala):
            titulo = f"{titulo} — {cuentas:,} cuentas"
        secciones[clave + sufijo(escala)] = _seccion(
            titulo, propias, contexto, version, carga_inicial, workers, hilos, clave
        )
    resultados_guardar(escala, resultados)
    comparacion = seccion_escala()
    if comparacion:
        secciones["escala"] = comparacion
    destino = Path(os.environ.get("BENCH_INFORME", RAIZ / "docs" / "benchmarks.md"))
    archivo_actualizar(destino, secciones)
    for texto in secciones.values():
        print(texto)
    print(f"\nResultados escritos en {destino}")
    fallas = [r.nombre for r in resultados if r.cumple is False]
    if fallas:
        # A benchmark, not a timed test: it reports, it does not fail the build.
        print("Metas no alcanzadas: " + "; ".join(fallas))
    return 0


def _tokens(base):
    from padron.demo import contrasena_demo

    from .carga_http import Conexion

    tokens, conexion = {}, Conexion(base, {})
    try:
        for usuario in ("ventanilla", "caja"):
            estado, cuerpo = conexion.pedir(
                "POST",
                "/api/v1/token/",
                datos={"username": usuario, "password": contrasena_demo(usuario)},
            )
            if estado != 200:
                raise RuntimeError(f"El token de {usuario} no se obtuvo ({estado}).")
            tokens[usuario] = json.loads(cuerpo)["token"]
    finally:
        conexion.cerrar()
    return tokens


def _seccion(titulo, resultados, contexto, version, carga, workers, hilos, clave):
    filas = [
        (r.nombre, r.valor, r.meta or "", {True: "sí", False: "**no**", None: ""}[r.cumple])
        for r in resultados
    ]
    lineas = [
        f"## {titulo}",
        "",
        f"Corrida: {maquina(version)}. Carga promedio del sistema al empezar: {carga:.2f}.",
    ]
    if contexto.url:
        lineas += [
            "",
            f"HTTP: gunicorn ({workers} workers × {hilos} hilos, `config.settings.local` con "
            f"DEBUG=False, CONN_MAX_AGE=60) en 127.0.0.1; {contexto.clientes} clientes "
            f"concurrentes con keep-alive, hasta {contexto.duracion_s:g} s o "
            f"{contexto.max_peticiones:,} peticiones por fase. Cualquier respuesta que no sea 2xx "
            "cuenta como error.",
        ]
    lineas += ["", tabla(filas, ("medición", "resultado", "meta", "cumple"))]
    siembra = contexto.siembra if contexto.siembra["sembrado"] else contexto.siembra.get("anterior")
    if siembra and siembra.get("vacuum_s") is not None:
        lineas += [
            "",
            f"Tras la carga, `VACUUM (ANALYZE)` de las tablas grandes: "
            f"{siembra['vacuum_s']:,.0f} s (no incluido en el tiempo de carga).",
        ]
    notas = contexto.notas.get(clave, [])
    if notas:
        lineas += [""] + [f"- {n}" for n in notas]
    return "\n".join(lineas)

"""The lista de morosos at scale: preview and generation over the whole of each demo cartera
with a low threshold (saldo vencido ≥ $0.01, 1 month), so the list is large, and its CSV,
XLSX and PDF exports.

Memory is measured in a child process (`python -m bench.morosos ...`), so each figure is
that work's own: the RSS the process gained (peak `VmHWM` minus `VmRSS` before the work,
after Django, the database connection and the libraries are loaded) and, in a second run,
Python's peak allocation (tracemalloc). An export that streams peaks the same for 10,000
rows as for the whole list.

Generating writes lists into the bench database; each measurement deletes what it created
and puts the folio counter back, so every run measures the same thing. They are not money:
nothing of the ledger is touched.
"""

import json
import os
import statistics
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path

from .mediciones import Resultado, medicion

SECCION = "morosos"
META_S = 5.0
CORRIDAS = 3
PEQUENA = 10_000  # rows of the small list the exports are compared with
AMPLIOS = {"saldo_vencido_minimo": "0.01", "meses_vencidos_minimo": "1"}
RAIZ = Path(__file__).resolve().parent.parent


def _carteras():
    from padron.models import Cartera

    return list(Cartera.objects.filter(cuentas__isnull=False).distinct().order_by("pk"))


@contextmanager
def _y_borrar():
    """Yields a list to append folios to; deletes those lists (rows first) at the end and
    restores the folio counter."""
    from django.db import transaction

    from cobranza.models import ListaMorosos, RenglonMorosos
    from padron.fechas import hoy
    from padron.models import Folio

    serie = f"LM{hoy():%y}"
    antes = Folio.objects.filter(serie=serie).values_list("ultimo", flat=True).first()
    folios = []
    try:
        yield folios
    finally:
        with transaction.atomic():
            RenglonMorosos.objects.filter(lista__folio__in=folios).delete()
            ListaMorosos.objects.filter(folio__in=folios).delete()
            if antes is None:
                Folio.objects.filter(serie=serie).delete()
            else:
                Folio.objects.filter(serie=serie).update(ultimo=antes)


def _hijo(*argumentos) -> dict:
    """Run `python -m bench.morosos <argumentos>` and read the JSON it prints last."""
    salida = subprocess.run(
        [sys.executable, "-m", "bench.morosos", *argumentos],
        cwd=RAIZ,
        env=os.environ.copy(),
        check=True,
        capture_output=True,
        text=True,
    )
    return json.loads(salida.stdout.strip().splitlines()[-1])


def _mib(kib):
    return f"{kib / 1024:,.1f} MiB"


@medicion()
def morosos_vista_previa(contexto):
    from cobranza.morosos.services import morosos_vista_previa as vista_previa

    resultados = []
    for cartera in _carteras():
        criterios = {"cartera": cartera.clave, **AMPLIOS}
        vista_previa(criterios)  # warm the cache: the measured run is the second
        inicio = time.perf_counter()
        previa = vista_previa(criterios)
        segundos = time.perf_counter() - inicio
        resultados.append(
            Resultado(
                SECCION,
                f"vista previa, {cartera.nombre}, saldo vencido ≥ $0.01 y 1 mes "
                "(`morosos_vista_previa`)",
                f"{segundos:,.2f} s: {previa['cuentas']:,} cuentas por "
                f"${previa['total_vencido']:,.2f}",
                f"≤ {META_S:g} s",
                segundos <= META_S,
            )
        )
    return resultados


@medicion()
def morosos_generar(contexto):
    """Per cartera, three generations of the whole list in child processes (each deleted
    after): the median time against the goal, and the RSS the generation added."""
    resultados = []
    for cartera in _carteras():
        corridas = []
        for _ in range(CORRIDAS):
            with _y_borrar() as folios:
                corrida = _hijo("generar", cartera.clave)
                folios.append(corrida["folio"])
            corridas.append(corrida)
        tiempos = [c["segundos"] for c in corridas]
        mediana = statistics.median(tiempos)
        cuentas = corridas[0]["cuentas"]
        resultados += [
            Resultado(
                SECCION,
                f"generar la lista, {cartera.nombre} (`lista_morosos_generar`: un INSERT ... "
                f"SELECT), mediana de {CORRIDAS}",
                f"{mediana:,.2f} s (de {min(tiempos):,.2f} a {max(tiempos):,.2f} s): "
                f"{cuentas:,} renglones",
                f"≤ {META_S:g} s",
                mediana <= META_S,
            ),
            Resultado(
                SECCION,
                f"memoria que suma el proceso al generar, {cartera.nombre} ({cuentas:,} renglones)",
                _mib(max(c["rss_kib"] for c in corridas)),
            ),
        ]
    return resultados


def _umbral_para(criterios, filas):
    """The saldo vencido minimum that leaves about `filas` accounts in the list."""
    from cobranza.morosos.services import morosos_candidatos

    saldos = morosos_candidatos(criterios).order_by("-saldo__saldo_vencido")
    valor = saldos.values_list("saldo__saldo_vencido", flat=True)[filas - 1 : filas]
    return str(next(iter(valor), "0.01"))


def _exportaciones(nombre, folio, cuentas):
    """CSV and XLSX of one list: time and RSS, then Python's peak in a traced run."""
    medidas = {}
    for formato in ("csv", "xlsx"):
        corrida = _hijo("exportar", folio, formato)
        trazada = _hijo("exportar", folio, formato, "--trazar")
        medidas[formato] = {**corrida, "python_kib": trazada["python_kib"]}
    return nombre, cuentas, medidas


@medicion()
def morosos_exportar(contexto):
    """The largest cartera's whole list and one of ~10,000 rows, exported as CSV and XLSX
    (and the whole list as PDF, which holds its first rows): time, RSS, Python's peak."""
    from cobranza.morosos.exports import ExportadorPDF

    carteras = _carteras()
    if not carteras:
        return [Resultado(SECCION, "exportaciones", "sin cuentas en la base")]
    cartera = max(carteras, key=lambda c: c.cuentas.count())
    criterios = {"cartera": cartera.clave, **AMPLIOS}
    umbral = _umbral_para(criterios, PEQUENA)
    with _y_borrar() as folios:
        chica = _hijo("generar", cartera.clave, umbral)
        folios.append(chica["folio"])
        grande = _hijo("generar", cartera.clave)
        folios.append(grande["folio"])
        casos = [
            _exportaciones(f"saldo vencido ≥ ${umbral}", chica["folio"], chica["cuentas"]),
            _exportaciones("la cartera completa", grande["folio"], grande["cuentas"]),
        ]
        pdf = _hijo("exportar", grande["folio"], "pdf")
    resultados = []
    for nombre, cuentas, medidas in casos:
        for formato, m in medidas.items():
            resultados.append(
                Resultado(
                    SECCION,
                    f"exportar {formato.upper()}, {cartera.nombre}, {nombre} ({cuentas:,} "
                    "renglones)",
                    f"{m['segundos']:,.2f} s, {m['bytes'] / 2**20:,.1f} MiB de archivo; "
                    f"RSS +{_mib(m['rss_kib'])}, pico de Python {_mib(m['python_kib'])}",
                )
            )
    (_, chicas, medidas_chica), (_, grandes, medidas_grande) = casos
    for formato in ("csv", "xlsx"):
        chico = medidas_chica[formato]["python_kib"]
        grande_kib = medidas_grande[formato]["python_kib"]
        plana = grande_kib <= max(1.5 * chico, chico + 2048)
        resultados.append(
            Resultado(
                SECCION,
                f"memoria de la exportación {formato.upper()}: {grandes:,} renglones "
                f"({grandes / max(chicas, 1):,.1f} × más) contra {chicas:,}",
                f"pico de Python {_mib(grande_kib)} contra {_mib(chico)}; RSS +"
                f"{_mib(medidas_grande[formato]['rss_kib'])} contra "
                f"+{_mib(medidas_chica[formato]['rss_kib'])}",
                "no crece con la lista (≤ 1.5 ×)",
                plana,
            )
        )
    resultados.append(
        Resultado(
            SECCION,
            f"exportar PDF, la cartera completa (los primeros {ExportadorPDF.limite:,} "
            "renglones y los totales)",
            f"{pdf['segundos']:,.2f} s, {pdf['bytes'] / 2**20:,.1f} MiB de archivo; RSS +"
            f"{_mib(pdf['rss_kib'])}",
        )
    )
    return resultados


# --- the child process ----------------------------------------------------------------------


def _kib(campo):
    with open("/proc/self/status", encoding="ascii") as estado:
        for linea in estado:
            if linea.startswith(f"{campo}:"):
                return int(linea.split()[1])
    return 0


def _generar_hijo(clave, umbral=None):
    from django.contrib.auth import get_user_model

    from cobranza.morosos.services import lista_morosos_generar

    usuario = get_user_model().objects.filter(username="supervisor").first()
    if usuario is None:
        from padron.auditoria import usuario_sistema

        usuario = usuario_sistema()
    criterios = {"cartera": clave, **AMPLIOS}
    if umbral:
        criterios["saldo_vencido_minimo"] = umbral
    antes = _kib("VmRSS")
    inicio = time.perf_counter()
    lista = lista_morosos_generar(criterios=criterios, usuario=usuario)
    return {
        "folio": lista.folio,
        "cuentas": lista.cuentas,
        "segundos": time.perf_counter() - inicio,
        "rss_kib": _kib("VmHWM") - antes,
    }


def _exportar_hijo(folio, formato, trazar=False):
    import tracemalloc

    from cobranza.models import ListaMorosos
    from cobranza.morosos.exports import lista_morosos_exportar

    lista = ListaMorosos.objects.select_related("cartera", "generada_por").get(folio=folio)
    antes = _kib("VmRSS")
    if trazar:
        tracemalloc.start()
    inicio = time.perf_counter()
    respuesta = lista_morosos_exportar(lista, formato)
    # What the server would do: send the body chunk by chunk.
    if respuesta.streaming:
        enviados = sum(len(trozo) for trozo in respuesta.streaming_content)
    else:
        enviados = len(respuesta.content)
    respuesta.close()
    medida = {
        "segundos": time.perf_counter() - inicio,
        "bytes": enviados,
        "rss_kib": _kib("VmHWM") - antes,
    }
    if trazar:
        medida["python_kib"] = tracemalloc.get_traced_memory()[1] / 1024
        tracemalloc.stop()
    return medida


def _principal(argumentos):
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")
    django.setup()
    from django.db import connection

    import cobranza.morosos.exports  # noqa: F401 (libraries loaded before measuring)
    import padron.pdf  # noqa: F401

    connection.ensure_connection()
    accion, *resto = argumentos
    if accion == "generar":
        resultado = _generar_hijo(*resto)
    else:
        folio, formato, *opciones = resto
        resultado = _exportar_hijo(folio, formato, trazar="--trazar" in opciones)
    print(json.dumps(resultado))


if __name__ == "__main__":
    _principal(sys.argv[1:])

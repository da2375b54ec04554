"""Complete lists exported (issue 19, item 2): each writer over the largest cartera's whole
lista de morosos, and over lists of ~1,000 and ~10,000 rows, beside `COPY … TO STDOUT` of
the same rows (the database's own CSV, the floor any writer stands on), timed in the same run.
The XLSX writers side by side: the direct one (padron.xlsx_directo, the one in use), XlsxWriter
in constant-memory mode and openpyxl write-only.

Every writer runs in a child process (`python -m bench.hijo bench.exportaciones ...`), so its time and
memory are its own: the RSS it gained (peak `VmHWM` minus `VmRSS` before) and, in a second,
traced run, Python's peak allocation (tracemalloc). A writer whose memory is flat peaks the
same at 10,000 rows as at the whole list. The writers are the ones the background job runs
(`Exportador.escribir` into a temporary file, reading through `en_replica()`); the former
ones (XlsxWriter, openpyxl write-only, WeasyPrint from HTML) are measured beside them.

The lists are generated in the bench database and deleted after (bench.morosos._y_borrar).
"""

import json
import os
import subprocess
import sys
import time

from . import morosos  # module, not names: bench.mediciones imports both while loading
from .mediciones import Resultado, medicion

SECCION = "exportaciones"
METAS_S = {"csv": 1.0, "xlsx": 5.0, "pdf": 30.0}  # the targets at 66,000 rows
NOMBRES = {
    "csv": "CSV (`lineas_csv`, cursor del servidor)",
    "xlsx": "XLSX directo (`padron.xlsx_directo`, el XML de la hoja al zip)",
    "xlsx-xlsxwriter": "XLSX con XlsxWriter `constant_memory` (el anterior)",
    "xlsx-openpyxl": "XLSX con openpyxl write-only (el primero)",
    "pdf": "PDF con `padron.pdf_tablas` (página por página)",
    "pdf-html": "PDF con WeasyPrint desde HTML (el anterior)",
}
COLUMNAS_COPY = (
    "orden, numero, titular, rfc_curp, domicilio, sector, ruta, clasificacion, saldo, "
    "saldo_vencido, meses_vencidos, to_char(vencimiento_mas_antiguo, 'DD/MM/YYYY'), "
    "to_char(ultimo_pago, 'DD/MM/YYYY')"
)


def _hijo_exportar(*argumentos) -> dict:
    salida = subprocess.run(
        [sys.executable, "-m", "bench.hijo", "bench.exportaciones", *argumentos],
        cwd=morosos.RAIZ,
        env=os.environ.copy(),
        check=True,
        capture_output=True,
        text=True,
    )
    return json.loads(salida.stdout.strip().splitlines()[-1])


def _copy(folio) -> tuple[float, int]:
    """The same rows, in the same order, as the database's own CSV: seconds and bytes."""
    from django.db import connection

    from cobranza.models import ListaMorosos

    lista_id = ListaMorosos.objects.get(folio=folio).pk
    sql = (
        f"COPY (SELECT {COLUMNAS_COPY} FROM cobranza_renglonmorosos WHERE lista_id = {lista_id:d} "
        "ORDER BY orden) TO STDOUT WITH (FORMAT csv, HEADER)"
    )
    connection.ensure_connection()
    inicio = time.perf_counter()
    total = 0
    with connection.connection.cursor() as cursor, cursor.copy(sql) as copia:
        for trozo in copia:
            total += len(trozo)
    return time.perf_counter() - inicio, total


def _carga() -> str:
    with open("/proc/loadavg", encoding="ascii") as archivo:
        return " ".join(archivo.read().split()[:3])


@medicion()
def exportaciones_listas(contexto):
    carteras = morosos._carteras()
    if not carteras:
        return [Resultado(SECCION, "exportaciones", "sin cuentas en la base")]
    cartera = max(carteras, key=lambda c: c.cuentas.count())
    criterios = {"cartera": cartera.clave, **morosos.AMPLIOS}
    contexto.nota(SECCION, f"Carga al empezar (`/proc/loadavg`): {_carga()}.")
    resultados = []
    with morosos._y_borrar() as folios:
        listas = []
        for filas in (1_000, 10_000, None):
            argumentos = ["generar", cartera.clave]
            if filas:
                argumentos.append(morosos._umbral_para(criterios, filas))
            generada = morosos._hijo(*argumentos)
            folios.append(generada["folio"])
            listas.append(generada)
        memoria = {}
        for lista in listas:
            cuentas, folio = lista["cuentas"], lista["folio"]
            escritores = ["csv", "xlsx", "xlsx-xlsxwriter", "xlsx-openpyxl", "pdf"]
            if cuentas <= 1_000:
                escritores.append("pdf-html")
            copia_s, copia_bytes = _copy(folio)
            resultados.append(
                Resultado(
                    SECCION,
                    f"referencia: `COPY (SELECT …) TO STDOUT` CSV, {cuentas:,} renglones",
                    f"{copia_s:,.2f} s, {copia_bytes / 2**20:,.1f} MiB",
                )
            )
            for escritor in escritores:
                m = _hijo_exportar("exportar", folio, escritor)
                grande = lista is listas[-1]
                meta = METAS_S.get(escritor) if grande else None
                if escritor in ("csv", "xlsx", "pdf") and cuentas >= 10_000:
                    m["python_kib"] = _hijo_exportar("exportar", folio, escritor, "--trazar")[
                        "python_kib"
                    ]
                    memoria.setdefault(escritor, []).append((cuentas, m))
                paginas = f"{m['paginas']:,} páginas; " if m.get("paginas") else ""
                python = (
                    f", pico de Python {morosos._mib(m['python_kib'])}" if "python_kib" in m else ""
                )
                resultados.append(
                    Resultado(
                        SECCION,
                        f"{NOMBRES[escritor]}, {cuentas:,} renglones",
                        f"{m['segundos']:,.2f} s (COPY {copia_s:,.2f} s, razón "
                        f"{m['segundos'] / max(copia_s, 1e-6):,.1f}); "
                        f"{m['bytes'] / 2**20:,.1f} MiB, {paginas}"
                        f"RSS +{morosos._mib(m['rss_kib'])}{python}",
                        f"≤ {meta:g} s" if meta else "",
                        m["segundos"] <= meta if meta else None,
                    )
                )
        for escritor, medidas in memoria.items():
            (chicas, chica), (grandes, grande) = medidas[0], medidas[-1]
            plana = grande["python_kib"] <= max(
                1.5 * chica["python_kib"], chica["python_kib"] + 2048
            )
            resultados.append(
                Resultado(
                    SECCION,
                    f"memoria, {NOMBRES[escritor]}: {grandes:,} contra {chicas:,} renglones",
                    f"pico de Python {morosos._mib(grande['python_kib'])} contra "
                    f"{morosos._mib(chica['python_kib'])}; RSS +{morosos._mib(grande['rss_kib'])} contra "
                    f"+{morosos._mib(chica['rss_kib'])}",
                    "no crece con la lista (≤ 1.5 ×)",
                    plana,
                )
            )
    contexto.nota(SECCION, f"Carga al terminar: {_carga()}.")
    return resultados


# --- the child process ----------------------------------------------------------------------


def _exportar_hijo(folio, escritor, trazar=False):
    import tempfile
    import tracemalloc

    from cobranza.models import ListaMorosos
    from cobranza.morosos import exports
    from padron.replica import en_replica

    clases = {
        "csv": exports.ExportadorCSV,
        "xlsx": exports.ExportadorXLSX,
        "xlsx-xlsxwriter": exports.ExportadorXLSXXlsxWriter,
        "xlsx-openpyxl": exports.ExportadorXLSXOpenpyxl,
        "pdf": exports.ExportadorPDF,
        "pdf-html": exports.ExportadorPDFHtml,
    }
    lista = ListaMorosos.objects.select_related("cartera", "generada_por").get(folio=folio)
    tabla = exports.lista_morosos_tabla(lista)
    from padron.pdf_tablas import _imagen_logo

    # The logo is read and drawn once per worker process (cached), not per list: not timed.
    _imagen_logo(exports.membrete(lista.cartera)["logo"])
    antes = morosos._kib("VmRSS")
    if trazar:
        tracemalloc.start()
    inicio = time.perf_counter()
    with tempfile.TemporaryFile() as destino, en_replica():
        clases[escritor](tabla).escribir(destino)
        bytes_ = destino.tell()
    medida = {
        "segundos": time.perf_counter() - inicio,
        "bytes": bytes_,
        "rss_kib": morosos._kib("VmHWM") - antes,
    }
    if escritor.startswith("pdf"):
        from padron.pdf_tablas import paginas_de

        medida["paginas"] = (
            paginas_de(tabla.total_filas, len(tabla.encabezado), True)
            if escritor == "pdf"
            else None
        )
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
    import padron.pdf_tablas  # noqa: F401

    connection.ensure_connection()
    _, folio, escritor, *opciones = argumentos
    print(json.dumps(_exportar_hijo(folio, escritor, trazar="--trazar" in opciones)))


if __name__ == "__main__":
    _principal(sys.argv[1:])

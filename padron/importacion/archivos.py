"""What every import shares: reading a CSV or XLSX file into rows, and writing the rows
it rejected back, as they came, with their reasons (the --parcial rejects file).

CSV is read as UTF-8 (with or without BOM) or, failing that, cp1252, with `,` or `;` as
the delimiter; XLSX from its first sheet, dates typed. Headers are normalised (no accents,
lower case, `_` for spaces) and the usual names of the cuenta's number are read as
`numero_cuenta`.
"""

import csv
import io
from datetime import date, datetime
from pathlib import Path

from django.core.exceptions import ValidationError

from padron.texto import normalizar

ALIAS = {"numero": "numero_cuenta", "no_cuenta": "numero_cuenta", "cuenta": "numero_cuenta"}


def _celda(valor):
    """A cell as text (dates stay dates: XLSX gives them typed)."""
    if valor is None:
        return ""
    if isinstance(valor, datetime):
        return valor.date()
    if isinstance(valor, date):
        return valor
    if isinstance(valor, bool):
        return "sí" if valor else "no"
    if isinstance(valor, float) and valor.is_integer():
        return str(int(valor))
    return str(valor).strip()


def texto_de(valor):
    """A cell as the text it showed: dates as dd/mm/aaaa."""
    return valor.strftime("%d/%m/%Y") if isinstance(valor, date) else valor


def _leer_csv(contenido: bytes):
    for codificacion in ("utf-8-sig", "cp1252"):
        try:
            texto = contenido.decode(codificacion)
            break
        except UnicodeDecodeError:
            continue
    primera = texto.split("\n", 1)[0]
    delimitador = ";" if primera.count(";") > primera.count(",") else ","
    return [
        [_celda(c) for c in fila] for fila in csv.reader(io.StringIO(texto), delimiter=delimitador)
    ]


def _leer_xlsx(contenido: bytes):
    from openpyxl import load_workbook

    try:
        libro = load_workbook(io.BytesIO(contenido), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a broken file
        raise ValidationError(
            {"archivo": "No se pudo leer el archivo XLSX; verifique que no esté dañado."}
        ) from exc
    try:
        hoja = libro.worksheets[0]
        return [[_celda(c) for c in fila] for fila in hoja.iter_rows(values_only=True)]
    finally:
        libro.close()


def leer_filas(archivo, nombre: str):
    """(headers, [(row number, {column: value})]) from a CSV or XLSX file or path."""
    if isinstance(archivo, str | Path):
        contenido = Path(archivo).read_bytes()
    else:
        if hasattr(archivo, "seek"):
            archivo.seek(0)
        contenido = archivo.read()
    extension = Path(nombre).suffix.lower()
    if extension in (".csv", ".txt"):
        filas = _leer_csv(contenido)
    elif extension == ".xlsx":
        filas = _leer_xlsx(contenido)
    else:
        raise ValidationError({"archivo": "El archivo debe ser CSV o XLSX."})
    if not filas or not any(filas[0]):
        raise ValidationError({"archivo": "El archivo está vacío."})
    encabezados = [_encabezado(c) for c in filas[0]]
    while encabezados and not encabezados[-1]:
        encabezados.pop()
    datos = []
    for numero, fila in enumerate(filas[1:], start=2):
        if not any(v not in ("", None) for v in fila):
            continue
        valores = list(fila[: len(encabezados)]) + [""] * (len(encabezados) - len(fila))
        datos.append((numero, dict(zip(encabezados, valores, strict=True))))
    return encabezados, datos


def _encabezado(texto):
    clave = normalizar(str(texto or "")).lower().replace(" ", "_")
    return ALIAS.get(clave, clave)


def rechazados_csv(encabezados, rechazos) -> str:
    """The rejected rows as they came, plus an `errores` column with the reasons.

    `rechazos`: (row number, values in the order of `encabezados`, [reason, ...]).
    """
    salida = io.StringIO()
    escritor = csv.writer(salida)
    escritor.writerow(["fila", *encabezados, "errores"])
    for fila, valores, motivos in rechazos:
        escritor.writerow([fila, *[texto_de(v) for v in valores], " | ".join(motivos)])
    return salida.getvalue()

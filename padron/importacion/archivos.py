"""What every import shares: checking an uploaded file, reading it row by row, and writing
the rows it rejected back, as they came, with their reasons (the rejects file).

- CSV is read as UTF-8 (with or without BOM), else cp1252, else latin-1, with `,` or `;` as
  the delimiter; UTF-16 is refused with a clear message. XLSX from its first sheet, dates
  typed. Rows are streamed: a 170,000-row file is never held in memory at once.
- Headers are normalised (no accents, lower case, `_` for spaces) and the usual names of
  the cuenta's number are read as `numero_cuenta`.
"""

import codecs
import csv
import hashlib
import io
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError

from padron.texto import normalizar

ALIAS = {"numero": "numero_cuenta", "no_cuenta": "numero_cuenta", "cuenta": "numero_cuenta"}
EXTENSIONES = (".csv", ".txt", ".xlsx")
CODIFICACIONES = ("utf-8-sig", "cp1252", "latin-1")  # latin-1 reads any byte: the last resort
XLSX_FIRMA = b"PK\x03\x04"
BLOQUE = 1 << 20


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


def _binario(archivo):
    """A binary file object at its start, from a path, an upload or a stored file."""
    if isinstance(archivo, str | Path):
        return open(archivo, "rb")  # noqa: SIM115 (the caller's `with` closes it)
    if hasattr(archivo, "open") and getattr(archivo, "closed", True):
        archivo.open("rb")
    archivo.seek(0)
    return archivo


def _bloques(binario):
    binario.seek(0)
    while bloque := binario.read(BLOQUE):
        yield bloque


def codificacion_de(binario) -> str:
    """The first of CODIFICACIONES that decodes the whole file (read in blocks)."""
    binario.seek(0)
    inicio = binario.read(4)
    if inicio[:2] in (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE):
        raise ValidationError(
            {"archivo": "El archivo está en UTF-16; guárdelo como «CSV UTF-8» o como XLSX."}
        )
    for codificacion in CODIFICACIONES[:-1]:
        decodificador = codecs.getincrementaldecoder(codificacion)()
        try:
            for bloque in _bloques(binario):
                decodificador.decode(bloque)
            decodificador.decode(b"", final=True)
            return codificacion
        except UnicodeDecodeError:
            continue
    return CODIFICACIONES[-1]


def archivo_revisar(archivo, nombre: str) -> str:
    """Check an upload before anything is written; return its SHA-256.

    Size, extension and content must agree: an XLSX is a zip, a CSV is text without NUL
    bytes. The error names the field `archivo` and says what to do, in Spanish."""
    extension = Path(nombre).suffix.lower()
    if extension not in EXTENSIONES:
        raise ValidationError({"archivo": "El archivo debe ser CSV o XLSX."})
    maximo = settings.IMPORTACION_TAMANO_MAXIMO
    huella = hashlib.sha256()
    tamano = 0
    binario = _binario(archivo)
    binario.seek(0)
    inicio = binario.read(4)
    for bloque in _bloques(binario):
        tamano += len(bloque)
        if tamano > maximo:
            raise ValidationError(
                {"archivo": f"El archivo pasa de {maximo // (1 << 20)} MB; divídalo en partes."}
            )
        if (
            extension != ".xlsx"
            and b"\x00" in bloque
            and inicio[:2]
            not in (
                codecs.BOM_UTF16_LE,
                codecs.BOM_UTF16_BE,
            )
        ):
            raise ValidationError(
                {"archivo": "El archivo no es texto (tiene bytes nulos); ¿es realmente un CSV?"}
            )
        huella.update(bloque)
    if tamano == 0:
        raise ValidationError({"archivo": "El archivo está vacío."})
    if extension == ".xlsx" and inicio != XLSX_FIRMA:
        raise ValidationError(
            {"archivo": "El archivo no es un XLSX válido (¿es un CSV o un XLS antiguo?)."}
        )
    if extension != ".xlsx":
        codificacion_de(binario)  # refuses UTF-16 now, not in the middle of the work
    return huella.hexdigest()


def _filas_csv(binario) -> Iterator[list]:
    texto = io.TextIOWrapper(binario, encoding=codificacion_de(binario), newline="")
    texto.seek(0)
    primera = texto.readline()
    delimitador = ";" if primera.count(";") > primera.count(",") else ","
    texto.seek(0)
    try:
        for fila in csv.reader(texto, delimiter=delimitador):
            yield [_celda(c) for c in fila]
    except csv.Error as exc:
        raise ValidationError({"archivo": f"El CSV está mal formado: {exc}."}) from exc
    finally:
        texto.detach()  # the caller owns the binary file


def _filas_xlsx(binario) -> Iterator[list]:
    from openpyxl import load_workbook

    try:
        libro = load_workbook(binario, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a broken file
        raise ValidationError(
            {"archivo": "No se pudo leer el archivo XLSX; verifique que no esté dañado."}
        ) from exc
    try:
        for fila in libro.worksheets[0].iter_rows(values_only=True):
            yield [_celda(c) for c in fila]
    finally:
        libro.close()


def _encabezado(texto):
    clave = normalizar(str(texto or "")).lower().replace(" ", "_")
    return ALIAS.get(clave, clave)


def iterar_filas(binario, nombre: str):
    """(headers, iterator of (row number, {column: value})) from an open binary file.

    Empty rows are skipped; short rows are padded with "". The iterator streams."""
    extension = Path(nombre).suffix.lower()
    if extension in (".csv", ".txt"):
        filas = _filas_csv(binario)
    elif extension == ".xlsx":
        filas = _filas_xlsx(binario)
    else:
        raise ValidationError({"archivo": "El archivo debe ser CSV o XLSX."})
    primera = next(filas, None)
    if not primera or not any(primera):
        raise ValidationError({"archivo": "El archivo está vacío."})
    encabezados = [_encabezado(c) for c in primera]
    while encabezados and not encabezados[-1]:
        encabezados.pop()

    def datos():
        for numero, fila in enumerate(filas, start=2):
            if not any(v not in ("", None) for v in fila):
                continue
            valores = list(fila[: len(encabezados)]) + [""] * (len(encabezados) - len(fila))
            yield numero, dict(zip(encabezados, valores, strict=True))

    return encabezados, datos()


def contar_filas(binario, nombre: str) -> int:
    """About how many data rows the file has, for the progress bar (lines of a CSV, the
    sheet's dimension of an XLSX); 0 when it cannot tell cheaply."""
    if Path(nombre).suffix.lower() == ".xlsx":
        from openpyxl import load_workbook

        try:
            libro = load_workbook(binario, read_only=True)
            filas = libro.worksheets[0].max_row or 0
            libro.close()
        except Exception:  # the reading proper reports a broken file
            return 0
        return max(0, filas - 1)
    lineas = sum(bloque.count(b"\n") for bloque in _bloques(binario))
    return max(0, lineas - 1)


def leer_filas(archivo, nombre: str):
    """(headers, [(row number, {column: value})]) from a CSV or XLSX file or path: the
    whole file at once, for the imports that validate every row before writing any."""
    binario = _binario(archivo)
    try:
        encabezados, filas = iterar_filas(binario, nombre)
        return encabezados, list(filas)
    finally:
        if isinstance(archivo, str | Path):
            binario.close()


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

"""What every import shares: checking an uploaded file, reading it row by row, and writing
the rows it rejected back, as they came, with their reasons (the rejects file).

- CSV is decoded as UTF-8 (with or without BOM) strictly; if that fails, as Windows-1252
  (what Excel writes as «CSV»), unless the file also holds UTF-8 letters (a mixed file: read
  as UTF-8). The reader says which (`Lectura.codificacion`). Bytes that neither decodes, and
  control characters (NUL and the like), are never passed on: the file is refused with a
  Spanish error naming the row and the column. UTF-16 (with BOM or without) is refused with a
  clear message. `,` or `;` as the delimiter. XLSX from its first sheet, dates typed. Rows
  are streamed: a 170,000-row file is never held in memory at once.
- Headers are normalised (no accents, lower case, `_` for spaces) and the usual names of
  the cuenta's number are read as `numero_cuenta`. A rejects file's own columns (`fila`
  first, `errores` last) are dropped, so a corrected rejects file imports as it is.
- A cell that starts `'=`, `'+`, `'-`, `'@` loses that one `'`: it is how padron.exportar
  neutralises formulas in the files we hand out, rejects files included.
"""

import codecs
import csv
import hashlib
import io
import re
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path
from typing import NamedTuple

from django.conf import settings
from django.core.exceptions import ValidationError

from padron.exportar import FORMULA, csv_texto
from padron.texto import normalizar

ALIAS = {"numero": "numero_cuenta", "no_cuenta": "numero_cuenta", "cuenta": "numero_cuenta"}
EXTENSIONES = (".csv", ".txt", ".xlsx")
# codec -> what the result says. No latin-1 fallback: it "reads" any byte as a control
# character, which then travels to the database; undecodable bytes are reported instead.
CODIFICACIONES = {"utf-8-sig": "UTF-8", "cp1252": "Windows-1252 (latin-1)"}
# A valid UTF-8 multi-byte letter: a file that has them is UTF-8, even with a stray byte.
UTF8_MULTIBYTE = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}")
# What no cell may carry: C0/C1 control characters except tab and line breaks, and the
# stand-ins (surrogateescape) of bytes that could not be decoded.
ILEGIBLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\udc80-\udcff]")
UTF16 = "El archivo está en UTF-16; guárdelo como «CSV UTF-8» o como XLSX."
COLUMNAS_DE_RECHAZOS = ("fila", "errores")  # what rechazados_csv adds around the columns
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
    texto = str(valor).strip()
    if texto[:1] == "'" and texto[1:2] in FORMULA:
        texto = texto[1:].strip()  # neutralised by padron.exportar: the value as it was
    return texto


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


def _es_utf16(inicio: bytes) -> bool:
    """A BOM, or (without one) the NUL byte of every other position of ASCII in UTF-16."""
    if inicio[:2] in (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE):
        return True
    muestra = inicio[:400]
    return (
        len(muestra) >= 4
        and max(muestra[0::2].count(0), muestra[1::2].count(0)) * 2 >= len(muestra) // 2
    )


def _decodifica(binario, codificacion) -> bool:
    decodificador = codecs.getincrementaldecoder(codificacion)()
    try:
        for bloque in _bloques(binario):
            decodificador.decode(bloque)
        decodificador.decode(b"", final=True)
    except UnicodeDecodeError:
        return False
    return True


def codificacion_de(binario) -> str:
    """The codec of a CSV (a key of CODIFICACIONES): UTF-8 if the whole file decodes so;
    else UTF-8 if it holds UTF-8 letters (its stray bytes are reported by row); else
    Windows-1252 (its five undefined bytes are reported by row). UTF-16 is refused."""
    binario.seek(0)
    if _es_utf16(binario.read(512)):
        raise ValidationError({"archivo": UTF16})
    if _decodifica(binario, "utf-8-sig"):
        return "utf-8-sig"
    # Blocks are searched one by one: a letter split between two blocks is not needed.
    if any(UTF8_MULTIBYTE.search(bloque) for bloque in _bloques(binario)):
        return "utf-8-sig"
    return "cp1252"


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
    inicio = binario.read(512)
    if extension != ".xlsx" and _es_utf16(inicio):
        raise ValidationError({"archivo": UTF16})
    for bloque in _bloques(binario):
        tamano += len(bloque)
        if tamano > maximo:
            raise ValidationError(
                {"archivo": f"El archivo pasa de {maximo // (1 << 20)} MB; divídalo en partes."}
            )
        if extension != ".xlsx" and b"\x00" in bloque:
            raise ValidationError(
                {"archivo": "El archivo no es texto (tiene bytes nulos); ¿es realmente un CSV?"}
            )
        huella.update(bloque)
    if tamano == 0:
        raise ValidationError({"archivo": "El archivo está vacío."})
    if extension == ".xlsx" and inicio[:4] != XLSX_FIRMA:
        raise ValidationError(
            {"archivo": "El archivo no es un XLSX válido (¿es un CSV o un XLS antiguo?)."}
        )
    return huella.hexdigest()


def _filas_csv(binario, codificacion) -> Iterator[list]:
    # surrogateescape: an undecodable byte becomes a stand-in that _revisar_fila reports.
    texto = io.TextIOWrapper(binario, encoding=codificacion, errors="surrogateescape", newline="")
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
        if not binario.closed:  # closed: the caller stopped at a bad row and closed it
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


class Lectura(NamedTuple):
    encabezados: list
    filas: object  # iterator (iterar) or list (leer) of (row number, {column: value})
    codificacion: str  # what the result says: "UTF-8", "Windows-1252 (latin-1)", "XLSX"


def _revisar_fila(numero, fila, encabezados, codificacion):
    """A cell with an undecodable byte or a control character stops the import here, with
    the row and column: it is never passed on (PostgreSQL refuses NUL, a clerk cannot see
    the others)."""
    for indice, valor in enumerate(fila):
        if not isinstance(valor, str) or not (malo := ILEGIBLE.search(valor)):
            continue
        columna = encabezados[indice] if indice < len(encabezados) else f"{indice + 1}"
        donde = f"Fila {numero}, columna {columna or indice + 1}"
        caracter = malo.group()
        if "\udc80" <= caracter <= "\udcff":
            raise ValidationError(
                {
                    "archivo": f"{donde}: tiene bytes que no son texto en "
                    f"{CODIFICACIONES.get(codificacion, codificacion)} "
                    f"(0x{ord(caracter) - 0xDC00:02X}). Guarde el archivo como «CSV UTF-8» "
                    "o como XLSX y vuelva a subirlo."
                }
            )
        raise ValidationError(
            {
                "archivo": f"{donde}: tiene un carácter de control (U+{ord(caracter):04X}) "
                "que no es texto. Corrija la celda o guarde el archivo de nuevo."
            }
        )


def _abrir(binario, nombre: str) -> Lectura:
    extension = Path(nombre).suffix.lower()
    if extension in (".csv", ".txt"):
        codificacion = codificacion_de(binario)
        filas = _filas_csv(binario, codificacion)
        etiqueta = CODIFICACIONES[codificacion]
    elif extension == ".xlsx":
        codificacion = etiqueta = "XLSX"
        filas = _filas_xlsx(binario)
    else:
        raise ValidationError({"archivo": "El archivo debe ser CSV o XLSX."})
    primera = next(filas, None)
    if not primera or not any(primera):
        raise ValidationError({"archivo": "El archivo está vacío."})
    _revisar_fila(1, primera, [], codificacion)
    encabezados = [_encabezado(c) for c in primera]
    while encabezados and not encabezados[-1]:
        encabezados.pop()
    # A rejects file (rechazados_csv): its `fila` and `errores` columns are ours, not data.
    quitar = (
        len(encabezados) > 2
        and encabezados[0] == COLUMNAS_DE_RECHAZOS[0]
        and encabezados[-1] == COLUMNAS_DE_RECHAZOS[1]
    )
    if quitar:
        encabezados = encabezados[1:-1]

    def datos():
        for numero, fila in enumerate(filas, start=2):
            if quitar:
                fila = fila[1 : len(encabezados) + 1]
            if not any(v not in ("", None) for v in fila):
                continue
            _revisar_fila(numero, fila, encabezados, codificacion)
            valores = list(fila[: len(encabezados)]) + [""] * (len(encabezados) - len(fila))
            yield numero, dict(zip(encabezados, valores, strict=True))

    return Lectura(encabezados, datos(), etiqueta)


def iterar_filas(binario, nombre: str):
    """(headers, iterator of (row number, {column: value})) from an open binary file.

    Empty rows are skipped; short rows are padded with "". The iterator streams. A row
    that cannot be read raises ValidationError naming it, when the iterator reaches it."""
    lectura = _abrir(binario, nombre)
    return lectura.encabezados, lectura.filas


def columnas_revisar(encabezados, *, conocidas, obligatorias=()) -> None:
    """One rule for the header of every import: unknown, missing or repeated columns refuse
    the file, naming them (a misspelt column would otherwise be ignored without a word)."""
    errores = []
    desconocidas = [c for c in encabezados if c and c not in conocidas]
    if desconocidas:
        errores.append(f"Columnas desconocidas: {', '.join(desconocidas)}.")
    faltan = [c for c in obligatorias if c not in encabezados]
    if faltan:
        errores.append(f"Faltan columnas: {', '.join(faltan)}.")
    repetidas = sorted({c for c in encabezados if c and encabezados.count(c) > 1})
    if repetidas:
        errores.append(f"Columnas repetidas: {', '.join(repetidas)}.")
    if errores:
        raise ValidationError(
            {
                "archivo": f"Fila 1 (encabezados): {' '.join(errores)} "
                f"Se esperan: {', '.join(conocidas)}."
            }
        )


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


def leer_archivo(archivo, nombre: str) -> Lectura:
    """The whole CSV or XLSX file (or path) at once, with the encoding it was read in, for
    the imports that validate every row before writing any."""
    binario = _binario(archivo)
    try:
        lectura = _abrir(binario, nombre)
        return lectura._replace(filas=list(lectura.filas))
    finally:
        if isinstance(archivo, str | Path):
            binario.close()


def leer_filas(archivo, nombre: str):
    """(headers, [(row number, {column: value})]): leer_archivo without the encoding."""
    lectura = leer_archivo(archivo, nombre)
    return lectura.encabezados, lectura.filas


def rechazados_csv(encabezados, rechazos) -> str:
    """The rejected rows as they came, plus an `errores` column with the reasons.

    `rechazos`: (row number, values in the order of `encabezados`, [reason, ...]). Written
    by padron.exportar: a value that starts like a formula gets a `'` (which the reader
    takes off again), so the file is safe to open in Excel and to import once corrected.
    Without BOM: the caller that stores it for download adds it.
    """
    return csv_texto(
        [COLUMNAS_DE_RECHAZOS[0], *encabezados, COLUMNAS_DE_RECHAZOS[1]],
        (
            [fila, *[texto_de(v) for v in valores], " | ".join(motivos)]
            for fila, valores, motivos in rechazos
        ),
    )

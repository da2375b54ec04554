"""Batch payments from a bank or collection-point file (CSV or XLSX).

Columns: numero_cuenta, fecha (dd/mm/aaaa or aaaa-mm-dd), monto, referencia.
Every row is validated first; by default nothing is written if any row is
invalid (one transaction). With `parcial` the valid rows are paid and the
rejected ones come back with their reasons. Each reference is paid once per
channel (the unique constraint on Pago, checked here before writing), so
importing the same file again pays nothing twice.
"""

from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import transaction

from cobranza.libro.services.pagos import pago_registrar
from cobranza.models import Pago
from padron.dinero import CERO, formato_pesos, validar_monto
from padron.fechas import fecha_minima_de, hoy, validar_fecha
from padron.importacion.archivos import columnas_revisar, leer_archivo, rechazados_csv
from padron.models import Cuenta
from padron.texto import cantidad

COLUMNAS = ("numero_cuenta", "fecha", "monto", "referencia")
# Historic pagos come in with the go-live's carga inicial, not as a bank file.
CANALES = [c for c in Pago.Canal.values if c != Pago.Canal.HISTORICO]
LOTE = 900


@dataclass
class FilaPago:
    numero: int
    valores: dict
    cuenta: Cuenta | None = None
    fecha: date | None = None
    monto: Decimal | None = None
    referencia: str = ""
    errores: list = field(default_factory=list)  # [(columna, mensaje)]
    pago: Pago | None = None

    def error(self, columna, mensaje):
        self.errores.append((columna, mensaje))


@dataclass
class ResultadoPagos:
    archivo: str
    canal: str
    parcial: bool = False
    encabezados: list = field(default_factory=list)
    filas: list = field(default_factory=list)
    importado: bool = False
    codificacion: str = ""  # how the file was read: UTF-8, Windows-1252 (latin-1), XLSX

    @property
    def rechazadas(self):
        return [f for f in self.filas if f.errores]

    @property
    def pagadas(self):
        return [f for f in self.filas if f.pago is not None]

    @property
    def total(self):
        return sum((f.pago.monto for f in self.pagadas), CERO)

    def errores(self):
        """'fila 3, columna monto: ...' lines, in file order."""
        return [
            f"Fila {f.numero}, columna {columna}: {mensaje}"
            if columna
            else f"Fila {f.numero}: {mensaje}"
            for f in self.rechazadas
            for columna, mensaje in f.errores
        ]

    def resumen(self) -> str:
        return (
            f"{cantidad(len(self.filas), 'fila leída', 'filas leídas')}, "
            f"{cantidad(len(self.pagadas), 'pago importado', 'pagos importados')} por "
            f"{formato_pesos(self.total)}, {cantidad(len(self.rechazadas), 'rechazada')}"
            + (
                f", archivo leído como {self.codificacion}."
                if self.codificacion not in ("", "UTF-8", "XLSX")
                else "."
            )
        )

    def rechazados_csv(self) -> str:
        """The rejected rows as they came, plus an `errores` column with the reasons."""
        return rechazados_csv(
            self.encabezados,
            (
                (
                    fila.numero,
                    [fila.valores.get(c, "") for c in self.encabezados],
                    [f"{c}: {m}" if c else m for c, m in fila.errores],
                )
                for fila in self.rechazadas
            ),
        )


def _texto(valor):
    return valor.strftime("%d/%m/%Y") if isinstance(valor, date) else str(valor or "").strip()


def _fecha(valor):
    if isinstance(valor, date):
        return valor
    texto = str(valor or "").strip()
    if not texto:
        raise ValueError("La fecha es obligatoria.")
    for formato in ("%d/%m/%Y", "%Y-%m-%d"):
        try:
            return datetime.strptime(texto, formato).date()
        except ValueError:
            continue
    raise ValueError(f"Fecha no válida «{texto}»; use dd/mm/aaaa o aaaa-mm-dd.")


def _convertir(fila: FilaPago):
    try:
        fila.fecha = _fecha(fila.valores.get("fecha"))
        validar_fecha(fila.fecha)
        if fila.fecha > hoy():
            fila.error("fecha", f"La fecha {fila.fecha:%d/%m/%Y} es futura.")
    except ValueError as exc:
        fila.error("fecha", str(exc))
    except ValidationError as exc:
        fila.fecha = None
        fila.error("fecha", exc.messages[0])
    monto = _texto(fila.valores.get("monto"))
    if not monto:
        fila.error("monto", "El monto es obligatorio.")
    else:
        try:
            fila.monto = validar_monto(monto)
        except ValidationError as exc:
            fila.error("monto", exc.messages[0])
    fila.referencia = _texto(fila.valores.get("referencia"))
    if not fila.referencia:
        fila.error("referencia", "La referencia es obligatoria (evita pagar dos veces).")
    elif len(fila.referencia) > 60:
        fila.error("referencia", "La referencia no puede pasar de 60 caracteres.")
    if not _texto(fila.valores.get("numero_cuenta")):
        fila.error("numero_cuenta", "El número de cuenta es obligatorio.")


def _lotes(valores):
    valores = list(valores)
    for inicio in range(0, len(valores), LOTE):
        yield valores[inicio : inicio + LOTE]


def _validar(filas, canal):
    for fila in filas:
        _convertir(fila)
    numeros = {_texto(f.valores.get("numero_cuenta")) for f in filas} - {""}
    cuentas = {}
    for lote in _lotes(numeros):
        cuentas.update(
            {c.numero: c for c in Cuenta.objects.filter(numero__in=lote).select_related("cartera")}
        )
    referencias = {f.referencia for f in filas if f.referencia}
    registradas = {}
    for lote in _lotes(referencias):
        registradas.update(
            Pago.objects.filter(canal=canal, referencia__in=lote).values_list("referencia", "folio")
        )
    vistas = {}
    for fila in filas:
        numero = _texto(fila.valores.get("numero_cuenta"))
        if numero:
            fila.cuenta = cuentas.get(numero)
            if fila.cuenta is None:
                fila.error("numero_cuenta", f"No existe la cuenta «{numero}».")
            elif fila.fecha and fila.fecha < (minima := fecha_minima_de(fila.cuenta.cartera)):
                fila.error(
                    "fecha",
                    f"La fecha {fila.fecha:%d/%m/%Y} es anterior a la fecha mínima de datos "
                    f"históricos de la cartera ({minima:%d/%m/%Y}).",
                )
        if not fila.referencia:
            continue
        if fila.referencia in registradas:
            fila.error(
                "referencia",
                f"La referencia {fila.referencia} ya fue registrada "
                f"(pago {registradas[fila.referencia]}).",
            )
        elif fila.referencia in vistas:
            fila.error(
                "referencia",
                f"La referencia {fila.referencia} se repite (ya está en la fila "
                f"{vistas[fila.referencia]}).",
            )
        else:
            vistas[fila.referencia] = fila.numero


def pagos_importar(
    *,
    archivo,
    nombre: str,
    canal: str = Pago.Canal.BANCO,
    parcial: bool = False,
    usuario=None,
    avance=None,
) -> ResultadoPagos:
    """Validate every row, then pay the valid ones (all of them or, without `parcial`,
    none when any row is invalid). Raises ValidationError for an unreadable file."""
    if canal not in CANALES:
        raise ValidationError({"canal": f"Canal desconocido «{canal}»; use {', '.join(CANALES)}."})
    nombre = Path(nombre).name
    encabezados, leidas, codificacion = leer_archivo(archivo, nombre)
    # The rule of every import: an unknown column refuses the file (it may be misspelt).
    columnas_revisar(encabezados, conocidas=COLUMNAS, obligatorias=COLUMNAS)
    resultado = ResultadoPagos(
        archivo=nombre,
        canal=canal,
        parcial=parcial,
        encabezados=encabezados,
        codificacion=codificacion,
    )
    resultado.filas = [FilaPago(numero, valores) for numero, valores in leidas]
    if not resultado.filas:
        raise ValidationError({"archivo": "El archivo no tiene filas de pagos."})

    avance = avance or (lambda *a, **k: None)
    if hasattr(avance, "fijar_total"):
        avance.fijar_total(len(resultado.filas), "Registrando pagos")
    with transaction.atomic():
        _validar(resultado.filas, canal)
        if resultado.rechazadas and not parcial:
            return resultado
        for fila in resultado.filas:
            avance()
            if fila.errores:
                continue
            try:
                with transaction.atomic():
                    fila.pago = pago_registrar(
                        cuenta=fila.cuenta,
                        monto=fila.monto,
                        registrado_por=usuario,
                        canal=canal,
                        fecha=fila.fecha,
                        referencia=fila.referencia,
                    )
            except ValidationError as exc:
                # e.g. the reference was paid by someone else a moment ago
                for campo, mensajes in exc.message_dict.items():
                    for mensaje in mensajes:
                        fila.error(campo if campo in COLUMNAS else "", mensaje)
        if resultado.rechazadas and not parcial:
            for fila in resultado.filas:
                fila.pago = None
            transaction.set_rollback(True)
            return resultado
        resultado.importado = True
    return resultado


def procesar_pagos(importacion, avance):
    """The background job of a bank file (padron/importacion/trabajos.py)."""
    from padron.importacion.trabajos import Resultado

    parametros = importacion.parametros
    with importacion.archivo.open("rb") as archivo:
        resultado = pagos_importar(
            archivo=archivo,
            nombre=importacion.nombre,
            canal=parametros.get("canal") or Pago.Canal.BANCO,
            parcial=bool(parametros.get("parcial")),
            usuario=importacion.usuario,
            avance=avance,
        )
    errores = resultado.errores()
    mensaje = (
        resultado.resumen()
        if resultado.importado
        else (
            f"No se importó nada: {cantidad(len(resultado.rechazadas), 'fila')} con errores. "
            "Corrija el archivo "
            "o márquelo como parcial."
        )
    )
    return Resultado(
        aceptadas=len(resultado.pagadas),
        rechazadas=len(resultado.rechazadas),
        mensaje=mensaje,
        rechazados_csv=resultado.rechazados_csv() if resultado.rechazadas else None,
        resumen={
            "total": str(resultado.total),
            "errores": errores[:50],
            "codificacion": resultado.codificacion,
        },
        escrito=resultado.importado,
    )

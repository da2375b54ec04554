"""Staging a run: the file is read row by row, each row checked on its own and kept
(RenglonFacturacion), then the whole run is checked against the padrón and the ledger in a
few SQL statements, and its totals and anomalies are stored. Nothing reaches the cartera:
that is `corrida_autorizar` (publicacion.py), by someone else.

Three kinds of file (docs/facturacion.md has the columns):
- facturación del mes: the commercial billing system's bills of a periodo;
- cargos históricos and pagos históricos: the debt and the payments an organismo brings
  when it adopts the product (carga inicial), before the cut-over date.

A row is valid when it has no error of its own (a cell that does not parse, readings that
do not add up, an amount with more than two decimals...) and none against the padrón (the
cuenta does not exist in the cartera or is not active, the periodo is already billed, the
cargo or the reference is already in the ledger). Invalid rows stay in the run with their
reasons and go to the rejects file; they are never posted.

Memory stays flat: rows are streamed from the file and written in blocks of LOTE.
"""

import json
from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.db.models import Count, F, Q, Sum

from cobranza.facturacion.models import CorridaFacturacion, ErrorCuenta, RenglonFacturacion
from cobranza.libro.services.cargos import SERVICIO_DE_CONCEPTO
from cobranza.models import Cargo, Concepto, Pago, Servicio
from padron.dinero import CERO
from padron.fechas import fecha_minima_de, sumar_meses, validar_fecha
from padron.importacion import celdas
from padron.importacion.archivos import contar_filas, iterar_filas
from padron.models import Cartera, Cuenta
from padron.texto import normalizar

LOTE = 5000
Tipo = CorridaFacturacion.Tipo
CONCEPTOS_FACTURA = ("agua", "drenaje", "saneamiento", "iva", "otros")
CONCEPTO_DE_COLUMNA = {
    "agua": Concepto.CONSUMO_AGUA,
    "drenaje": Concepto.DRENAJE,
    "saneamiento": Concepto.SANEAMIENTO,
    "iva": Concepto.IVA,
    "otros": Concepto.OTROS,
}
CONCEPTOS_FACTURADOS = tuple(CONCEPTO_DE_COLUMNA.values())
TIPOS_DE_USUARIO = {
    "dom": Cuenta.Clasificacion.DOMESTICA,
    "com": Cuenta.Clasificacion.COMERCIAL,
    "ind": Cuenta.Clasificacion.INDUSTRIAL,
    "pub": Cuenta.Clasificacion.PUBLICA,
}


@dataclass(frozen=True)
class Formato:
    columnas: tuple
    obligatorias: tuple
    alias: dict


FORMATOS = {
    Tipo.FACTURACION: Formato(
        columnas=(
            "numero_cuenta",
            "periodo",
            "lectura_anterior",
            "lectura_actual",
            "consumo_m3",
            "tipo_usuario",
            *CONCEPTOS_FACTURA,
            "fecha_vencimiento",
            "cambio_medidor",
        ),
        obligatorias=(
            "numero_cuenta",
            "periodo",
            "lectura_anterior",
            "lectura_actual",
            "consumo_m3",
            "tipo_usuario",
            "agua",
            "fecha_vencimiento",
        ),
        alias={
            "consumo": "consumo_m3",
            "m3": "consumo_m3",
            "vencimiento": "fecha_vencimiento",
            "tipo": "tipo_usuario",
            "clasificacion": "tipo_usuario",
            "consumo_agua": "agua",
        },
    ),
    Tipo.CARGOS_HISTORICOS: Formato(
        columnas=(
            "numero_cuenta",
            "concepto",
            "servicio",
            "periodo",
            "fecha_emision",
            "fecha_vencimiento",
            "monto",
            "saldo_pendiente",
        ),
        obligatorias=(
            "numero_cuenta",
            "concepto",
            "fecha_emision",
            "fecha_vencimiento",
            "monto",
            "saldo_pendiente",
        ),
        alias={
            "emision": "fecha_emision",
            "vencimiento": "fecha_vencimiento",
            "saldo": "saldo_pendiente",
        },
    ),
    Tipo.PAGOS_HISTORICOS: Formato(
        columnas=("numero_cuenta", "fecha", "monto", "referencia"),
        obligatorias=("numero_cuenta", "fecha", "monto", "referencia"),
        alias={"fecha_pago": "fecha", "fecha_de_pago": "fecha"},
    ),
}


# --- one row on its own -----------------------------------------------------------------


class _Renglon:
    """A row as read: the staged columns, before it is written (a model instance per row
    would cost more than the reading itself at 170,000 rows)."""

    __slots__ = CAMPOS = (
        "fila",
        "numero_cuenta",
        "periodo",
        "tipo_usuario",
        "lectura_anterior",
        "lectura_actual",
        "consumo_m3",
        "cambio_medidor",
        "agua",
        "drenaje",
        "saneamiento",
        "iva",
        "otros",
        "fecha_vencimiento",
        "concepto",
        "servicio",
        "fecha",
        "monto",
        "saldo_pendiente",
        "referencia",
        "valido",
        "errores",
        "originales",
    )
    TEXTOS = ("numero_cuenta", "tipo_usuario", "concepto", "servicio", "referencia")
    IMPORTES = ("agua", "drenaje", "saneamiento", "iva", "otros")

    def __init__(self, fila):
        for campo in self.CAMPOS:
            setattr(self, campo, None)
        for campo in self.TEXTOS:
            setattr(self, campo, "")
        for campo in self.IMPORTES:
            setattr(self, campo, CERO)
        self.fila, self.cambio_medidor, self.valido = fila, False, False
        self.errores, self.originales = [], {}

    @property
    def importe(self):
        return self.agua + self.drenaje + self.saneamiento + self.iva + self.otros


class _Fila:
    """Collects a row's errors by column while its cells are read."""

    def __init__(self, renglon):
        self.renglon = renglon

    def leer(self, columna, lector, valor, obligatorio=False):
        try:
            resultado = lector(valor)
        except ValueError as exc:
            self.error(columna, str(exc))
            return None
        if resultado in (None, "") and obligatorio:
            self.error(columna, "Falta este dato.")
        return resultado

    def error(self, columna, mensaje):
        self.renglon.errores.append([columna, mensaje])


# Columns the database requires that reading does not set.
POR_OMISION = {
    "error_cuenta": "",
    "consumo_atipico": False,
    "consumo_cero": False,
    "gran_consumidor": False,
    "revision": "",
    "revision_motivo": "",
}


def _escribir(corrida, lote):
    """Write a block of rows: COPY on PostgreSQL, bulk_create elsewhere."""
    if not lote:
        return
    if connection.vendor == "postgresql":
        columnas = ["corrida_id", *_Renglon.CAMPOS, *POR_OMISION]
        tabla = RenglonFacturacion._meta.db_table
        with (
            connection.cursor() as cursor,
            cursor.cursor.copy(f"COPY {tabla} ({', '.join(columnas)}) FROM STDIN") as copia,
        ):
            for r in lote:
                fila = [getattr(r, c) for c in _Renglon.CAMPOS]
                fila[-2:] = [json.dumps(r.errores), json.dumps(r.originales)]
                copia.write_row([corrida.pk, *fila, *POR_OMISION.values()])
    else:
        RenglonFacturacion.objects.bulk_create(
            RenglonFacturacion(corrida=corrida, **{c: getattr(r, c) for c in _Renglon.CAMPOS})
            for r in lote
        )


def _volumen(valor):
    numero = celdas.decimal(valor)
    if numero is None:
        return None
    if numero < 0:
        raise ValueError("No puede ser negativo.")
    if numero.as_tuple().exponent < -2:
        raise ValueError("Use a lo más dos decimales.")
    return numero


def _importe(valor):
    return celdas.monto(valor, permitir_cero=True)


def _tipo_de_usuario(valor):
    clave = normalizar(celdas.texto(valor)).lower()[:3]
    if clave not in TIPOS_DE_USUARIO:
        raise ValueError(
            f"Tipo de usuario «{valor}» no válido; use doméstico, comercial, industrial o público."
        )
    return TIPOS_DE_USUARIO[clave]


def _concepto(valor):
    clave = normalizar(celdas.texto(valor)).lower().replace(" ", "_")
    for concepto, etiqueta in Concepto.choices:
        if clave in (concepto, normalizar(str(etiqueta)).lower().replace(" ", "_")):
            return concepto
    raise ValueError(f"Concepto «{valor}» no válido; use uno de: {', '.join(Concepto.values)}.")


def _servicio(valor):
    clave = normalizar(celdas.texto(valor)).lower()
    if not clave:
        return ""
    if clave not in Servicio.values:
        raise ValueError(f"Servicio «{valor}» no válido; use uno de: {', '.join(Servicio.values)}.")
    return clave


def _leer_factura(fila: _Fila, valores, corrida):
    r = fila.renglon
    r.periodo = fila.leer("periodo", celdas.periodo, valores.get("periodo"), obligatorio=True)
    if r.periodo and r.periodo != corrida.periodo:
        fila.error(
            "periodo",
            f"El periodo {r.periodo:%m/%Y} no es el de la corrida ({corrida.periodo:%m/%Y}).",
        )
    r.tipo_usuario = (
        fila.leer("tipo_usuario", _tipo_de_usuario, valores.get("tipo_usuario"), True) or ""
    )
    r.lectura_anterior = fila.leer(
        "lectura_anterior", _volumen, valores.get("lectura_anterior"), True
    )
    r.lectura_actual = fila.leer("lectura_actual", _volumen, valores.get("lectura_actual"), True)
    r.consumo_m3 = fila.leer("consumo_m3", _volumen, valores.get("consumo_m3"), True)
    r.cambio_medidor = bool(
        fila.leer("cambio_medidor", celdas.si_no, valores.get("cambio_medidor", ""))
    )
    if None not in (r.lectura_anterior, r.lectura_actual, r.consumo_m3) and not r.cambio_medidor:
        diferencia = r.lectura_actual - r.lectura_anterior
        if diferencia < 0:
            fila.error(
                "lectura_actual",
                f"La lectura actual ({r.lectura_actual}) es menor que la anterior "
                f"({r.lectura_anterior}); si cambió el medidor, márquelo en cambio_medidor.",
            )
        elif r.consumo_m3 != diferencia:
            fila.error(
                "consumo_m3",
                f"El consumo ({r.consumo_m3} m³) no es la diferencia de lecturas ({diferencia} m³).",
            )
    for columna in CONCEPTOS_FACTURA:
        importe = fila.leer(columna, _importe, valores.get(columna, ""), columna == "agua")
        setattr(r, columna, importe or CERO)
    if not r.errores and r.importe <= 0:
        fila.error("agua", "La factura no tiene importe.")
    r.fecha_vencimiento = fila.leer(
        "fecha_vencimiento", celdas.fecha, valores.get("fecha_vencimiento"), True
    )
    if r.fecha_vencimiento and r.fecha_vencimiento < corrida.periodo:
        fila.error("fecha_vencimiento", "El vencimiento es anterior al periodo facturado.")


def _fecha_historica(fila: _Fila, columna, fecha, corrida):
    """Historic data older than the cartera's earliest date is a typo or a placeholder."""
    minima = fecha_minima_de(corrida.cartera)
    if fecha and fecha < minima:
        fila.error(
            columna,
            f"La fecha {fecha:%d/%m/%Y} es anterior a la fecha mínima de datos históricos "
            f"de la cartera ({minima:%d/%m/%Y}).",
        )


def _leer_cargo_historico(fila: _Fila, valores, corrida):
    r = fila.renglon
    r.concepto = fila.leer("concepto", _concepto, valores.get("concepto"), True) or ""
    r.servicio = fila.leer("servicio", _servicio, valores.get("servicio", "")) or ""
    if r.concepto and not r.servicio:
        r.servicio = SERVICIO_DE_CONCEPTO.get(r.concepto, Servicio.GENERAL)
    r.periodo = fila.leer("periodo", celdas.periodo, valores.get("periodo", ""))
    r.fecha = fila.leer("fecha_emision", celdas.fecha, valores.get("fecha_emision"), True)
    r.fecha_vencimiento = fila.leer(
        "fecha_vencimiento", celdas.fecha, valores.get("fecha_vencimiento"), True
    )
    r.monto = fila.leer("monto", celdas.monto, valores.get("monto"), True)
    r.saldo_pendiente = fila.leer("saldo_pendiente", _importe, valores.get("saldo_pendiente"), True)
    _fecha_historica(fila, "fecha_emision", r.fecha, corrida)
    if r.fecha and r.fecha >= corrida.fecha_corte:
        fila.error(
            "fecha_emision",
            f"Un cargo histórico se emitió antes del corte ({corrida.fecha_corte:%d/%m/%Y}).",
        )
    if r.fecha and r.fecha_vencimiento and r.fecha_vencimiento < r.fecha:
        fila.error("fecha_vencimiento", "El vencimiento no puede ser anterior a la emisión.")
    if r.monto and r.saldo_pendiente is not None and r.saldo_pendiente > r.monto:
        fila.error("saldo_pendiente", "El saldo pendiente no puede ser mayor que el monto.")
    if r.concepto == Concepto.RECARGO and not r.periodo:
        fila.error("periodo", "Un recargo lleva el periodo al que corresponde.")


def _leer_pago_historico(fila: _Fila, valores, corrida):
    r = fila.renglon
    r.fecha = fila.leer("fecha", celdas.fecha, valores.get("fecha"), True)
    r.monto = fila.leer("monto", celdas.monto, valores.get("monto"), True)
    r.referencia = fila.leer("referencia", celdas.texto, valores.get("referencia"), True) or ""
    if len(r.referencia) > 60:
        fila.error("referencia", "La referencia no puede pasar de 60 caracteres.")
        r.referencia = r.referencia[:60]
    _fecha_historica(fila, "fecha", r.fecha, corrida)
    if r.fecha and r.fecha >= corrida.fecha_corte:
        fila.error(
            "fecha",
            f"Un pago histórico se recibió antes del corte ({corrida.fecha_corte:%d/%m/%Y}).",
        )


LECTORES = {
    Tipo.FACTURACION: _leer_factura,
    Tipo.CARGOS_HISTORICOS: _leer_cargo_historico,
    Tipo.PAGOS_HISTORICOS: _leer_pago_historico,
}


def _clave_repetida(tipo, r):
    """What may not appear twice in one file."""
    if tipo == Tipo.FACTURACION:
        return r.numero_cuenta
    if tipo == Tipo.PAGOS_HISTORICOS:
        return r.referencia
    if r.concepto == Concepto.RECARGO:
        return (r.numero_cuenta, r.concepto, r.periodo)
    return (r.numero_cuenta, r.concepto, r.periodo, r.fecha, r.fecha_vencimiento, r.monto)


# --- the run -------------------------------------------------------------------------------


def _encabezados_revisar(tipo, encabezados):
    formato = FORMATOS[tipo]
    encabezados = [formato.alias.get(e, e) for e in encabezados]
    errores = []
    desconocidas = [e for e in encabezados if e and e not in formato.columnas]
    if desconocidas:
        errores.append(f"Columnas desconocidas: {', '.join(desconocidas)}.")
    faltan = [c for c in formato.obligatorias if c not in encabezados]
    if faltan:
        errores.append(f"Faltan columnas: {', '.join(faltan)}.")
    repetidas = sorted({e for e in encabezados if e and encabezados.count(e) > 1})
    if repetidas:
        errores.append(f"Columnas repetidas: {', '.join(repetidas)}.")
    if errores:
        esperadas = ", ".join(formato.columnas)
        raise ValidationError(
            {"archivo": f"Fila 1 (encabezados): {' '.join(errores)} Se esperan: {esperadas}."}
        )
    return encabezados


def corrida_preparar(
    *,
    tipo,
    cartera: Cartera,
    huella,
    archivo_nombre,
    usuario,
    periodo=None,
    fecha_corte=None,
    importacion=None,
):
    """The run of a file: the existing one when the same file was already loaded (a second
    upload finds the first), else a new one in CARGANDO. Refuses what cannot be loaded."""
    if tipo not in Tipo.values:
        raise ValidationError({"tipo": f"Tipo de corrida desconocido «{tipo}»."})
    existente = (
        CorridaFacturacion.objects.filter(cartera=cartera, huella=huella)
        .exclude(estado__in=["rechazada", "cancelada", "fallida"])
        .first()
    )
    if existente:
        existente.repetida = True
        return existente
    if tipo == Tipo.FACTURACION:
        if cartera.tipo != Cartera.Tipo.AGUA:
            raise ValidationError({"cartera": "La facturación mensual es de carteras de agua."})
        if periodo is None:
            raise ValidationError({"periodo": "Indique el periodo facturado (aaaa-mm)."})
        periodo = periodo.replace(day=1)
        publicada = CorridaFacturacion.objects.filter(
            cartera=cartera, periodo=periodo, tipo=tipo, estado=CorridaFacturacion.Estado.PUBLICADA
        ).first()
        if publicada:
            raise ValidationError(
                {
                    "periodo": f"El periodo {periodo:%m/%Y} ya está facturado (corrida {publicada.pk})."
                }
            )
    else:
        if fecha_corte is None:
            raise ValidationError({"fecha_corte": "Indique la fecha de corte de la carga inicial."})
        # What came before the cut is history: the cut itself cannot be in the future.
        validar_fecha(fecha_corte, campo="fecha_corte", futura=False, nombre="La fecha de corte")
        if (
            tipo == Tipo.PAGOS_HISTORICOS
            and CorridaFacturacion.objects.filter(
                cartera=cartera,
                tipo=Tipo.CARGOS_HISTORICOS,
                estado=CorridaFacturacion.Estado.PUBLICADA,
            ).exists()
        ):
            raise ValidationError(
                {
                    "tipo": "Los pagos históricos se cargan antes que los cargos históricos: la "
                    "carga de cargos ya se aplicó en esta cartera."
                }
            )
    corrida = CorridaFacturacion.objects.create(
        cartera=cartera,
        tipo=tipo,
        periodo=periodo,
        fecha_corte=fecha_corte,
        archivo=archivo_nombre[:200],
        huella=huella,
        subida_por=usuario,
        importacion=importacion,
    )
    corrida.repetida = False
    return corrida


def corrida_cargar(*, corrida: CorridaFacturacion, archivo, avance=None) -> CorridaFacturacion:
    """Read the file into the run's rows and check them, in one transaction (rows are
    written in blocks of LOTE as they are read). A file that cannot be read leaves the run
    FALLIDA with the reason and no rows."""
    avance = avance or (lambda *a, **k: None)
    try:
        with transaction.atomic():
            _leer(corrida, archivo, avance)
            _revisar_contra_el_padron(corrida)
            _totalizar(corrida)
    except ValidationError as exc:
        corrida.estado, corrida.motivo = (
            CorridaFacturacion.Estado.FALLIDA,
            " ".join(exc.messages)[:250],
        )
        corrida.save(update_fields=["estado", "motivo"])
        raise
    return corrida


def _leer(corrida, archivo, avance):
    if hasattr(avance, "fijar_total"):
        avance.fijar_total(contar_filas(archivo, corrida.archivo), "Leyendo y validando filas")
    encabezados, filas = iterar_filas(archivo, corrida.archivo)
    encabezados = _encabezados_revisar(corrida.tipo, encabezados)
    alias = FORMATOS[corrida.tipo].alias
    lector = LECTORES[corrida.tipo]
    vistas, lote = {}, []
    for numero, crudos in filas:
        valores = {alias.get(c, c): v for c, v in crudos.items()}
        renglon = _Renglon(numero)
        fila = _Fila(renglon)
        renglon.numero_cuenta = celdas.texto(valores.get("numero_cuenta"))[:30]
        if not renglon.numero_cuenta:
            fila.error("numero_cuenta", "Falta el número de cuenta.")
        lector(fila, valores, corrida)
        clave = _clave_repetida(corrida.tipo, renglon)
        if renglon.numero_cuenta and clave in vistas:
            fila.error("numero_cuenta", f"La fila repite la {vistas[clave]}.")
        else:
            vistas[clave] = numero
        renglon.valido = not renglon.errores
        if renglon.errores:  # the rejects file gives the row back as it came
            renglon.originales = {c: celdas.texto(v) for c, v in crudos.items()}
        lote.append(renglon)
        if len(lote) >= LOTE:
            _escribir(corrida, lote)
            avance(len(lote))
            lote = []
    _escribir(corrida, lote)
    avance(len(lote), etapa="Comparando con el padrón y el libro")
    corrida.encabezados = [e for e in encabezados if e]


def _sql(sentencia, parametros):
    with connection.cursor() as cursor:
        cursor.execute(sentencia, parametros)
        return cursor.rowcount


def _marcar(corrida, error, condicion, parametros=()):
    """Mark the rows that meet `condicion` (SQL on r.*) with `error`, unless already marked."""
    return _sql(
        f"UPDATE {RenglonFacturacion._meta.db_table} SET error_cuenta = %s, valido = %s "
        f"WHERE corrida_id = %s AND error_cuenta = '' AND ({condicion})",
        [error, False, corrida.pk, *parametros],
    )


def _revisar_contra_el_padron(corrida):
    renglones, cuentas = RenglonFacturacion._meta.db_table, Cuenta._meta.db_table
    cargos, pagos = Cargo._meta.db_table, Pago._meta.db_table
    # The cuenta of each row, by its number inside the cartera (one statement).
    _sql(
        f"UPDATE {renglones} SET cuenta_id = c.id FROM {cuentas} c "
        f"WHERE c.numero = {renglones}.numero_cuenta AND c.cartera_id = %s "
        f"AND {renglones}.corrida_id = %s",
        [corrida.cartera_id, corrida.pk],
    )
    _marcar(corrida, ErrorCuenta.NO_EXISTE, "cuenta_id IS NULL AND numero_cuenta <> ''")
    if corrida.tipo == Tipo.FACTURACION:
        _marcar(
            corrida,
            ErrorCuenta.INACTIVA,
            f"cuenta_id IN (SELECT id FROM {cuentas} WHERE cartera_id = %s AND estado <> 'activa')",
            [corrida.cartera_id],
        )
        facturados = ", ".join(["%s"] * len(CONCEPTOS_FACTURADOS))
        _marcar(
            corrida,
            ErrorCuenta.FACTURADO,
            f"cuenta_id IN (SELECT cuenta_id FROM {cargos} WHERE periodo = %s "
            f"AND concepto IN ({facturados}) AND estado = 'vigente')",
            [corrida.periodo, *CONCEPTOS_FACTURADOS],
        )
        _anomalias(corrida)
    elif corrida.tipo == Tipo.CARGOS_HISTORICOS:
        # A billed month or a recargo already in the ledger would be charged twice.
        facturados = ", ".join(["%s"] * len(CONCEPTOS_FACTURADOS + (Concepto.RECARGO,)))
        _marcar(
            corrida,
            ErrorCuenta.REPETIDO,
            f"periodo IS NOT NULL AND concepto IN ({facturados}) AND EXISTS (SELECT 1 FROM {cargos} g "
            f"WHERE g.cuenta_id = {renglones}.cuenta_id AND g.periodo = {renglones}.periodo "
            f"AND g.concepto = {renglones}.concepto AND g.estado = 'vigente')",
            [*CONCEPTOS_FACTURADOS, Concepto.RECARGO],
        )
    else:
        _marcar(
            corrida,
            ErrorCuenta.REFERENCIA,
            f"EXISTS (SELECT 1 FROM {pagos} p WHERE p.canal = %s AND p.referencia = {renglones}.referencia)",
            [Pago.Canal.HISTORICO],
        )


def _anomalias(corrida):
    """Consumption against the cuenta's last 6 months, zero consumption, gran consumidor."""
    renglones, cuentas, cargos = (
        RenglonFacturacion._meta.db_table,
        Cuenta._meta.db_table,
        Cargo._meta.db_table,
    )
    desde = sumar_meses(corrida.periodo, -6)
    _sql(
        f"UPDATE {renglones} SET promedio_m3 = a.promedio FROM ("
        f"  SELECT cuenta_id, AVG(volumen_m3) AS promedio FROM {cargos} "
        f"  WHERE periodo >= %s AND periodo < %s AND concepto = %s AND estado = 'vigente' "
        f"  AND volumen_m3 IS NOT NULL GROUP BY cuenta_id"
        f") a WHERE a.cuenta_id = {renglones}.cuenta_id AND {renglones}.corrida_id = %s",
        [desde, corrida.periodo, Concepto.CONSUMO_AGUA, corrida.pk],
    )
    factor = corrida.cartera.factor_consumo_atipico
    RenglonFacturacion.objects.filter(corrida=corrida, promedio_m3__gt=0).filter(
        consumo_m3__gt=F("promedio_m3") * factor
    ).update(consumo_atipico=True)
    RenglonFacturacion.objects.filter(corrida=corrida, consumo_m3=0, cuenta__isnull=False).update(
        consumo_cero=True
    )
    _sql(
        f"UPDATE {renglones} SET gran_consumidor = %s, revision = %s WHERE corrida_id = %s "
        f"AND valido = %s AND cuenta_id IN (SELECT id FROM {cuentas} WHERE cartera_id = %s "
        f"AND gran_consumidor <> '')",
        [True, RenglonFacturacion.Revision.PENDIENTE, corrida.pk, True, corrida.cartera_id],
    )


def _totalizar(corrida):
    filas = RenglonFacturacion.objects.filter(corrida=corrida)
    conteo = filas.aggregate(filas=Count("id"), validas=Count("id", filter=Q(valido=True)))
    validas = filas.filter(valido=True)
    if corrida.tipo == Tipo.FACTURACION:
        sumas = validas.aggregate(
            cuentas=Count("cuenta", distinct=True),
            volumen=Sum("consumo_m3"),
            total=Sum(F("agua") + F("drenaje") + F("saneamiento") + F("iva") + F("otros")),
        )
    else:
        sumas = validas.aggregate(
            cuentas=Count("cuenta", distinct=True), volumen=Sum("consumo_m3"), total=Sum("monto")
        )
    corrida.filas, corrida.validas = conteo["filas"], conteo["validas"]
    corrida.rechazadas = corrida.filas - corrida.validas
    corrida.cuentas = sumas["cuentas"] or 0
    corrida.volumen_m3 = Decimal(str(sumas["volumen"] or 0)).quantize(Decimal("0.01"))
    corrida.total = Decimal(str(sumas["total"] or 0)).quantize(Decimal("0.01"))
    if corrida.filas == 0:
        raise ValidationError({"archivo": "El archivo no tiene filas de datos."})
    if corrida.estado == CorridaFacturacion.Estado.CARGANDO:
        corrida.estado = CorridaFacturacion.Estado.EN_REVISION
        if corrida.tipo == Tipo.FACTURACION:
            from cobranza.facturacion.selectors import resumen_de_revision

            corrida.resumen = resumen_de_revision(corrida)
    corrida.save()


# --- the rejects file ----------------------------------------------------------------------

CAMPO_DE_COLUMNA = {"fecha_emision": "fecha", "fecha_pago": "fecha"}


def _valor(renglon, columna):
    valor = getattr(renglon, CAMPO_DE_COLUMNA.get(columna, columna), "")
    if columna == "periodo" and valor:
        return f"{valor:%Y-%m}"
    if isinstance(valor, bool):
        return "sí" if valor else "no"
    return "" if valor is None else valor


def corrida_rechazados_csv(corrida) -> str:
    """The run's invalid rows as they came in the file, each with its reasons."""
    from padron.importacion.archivos import rechazados_csv

    def rechazos():
        for renglon in (
            corrida.renglones.filter(valido=False).order_by("fila").iterator(chunk_size=LOTE)
        ):
            valores = [
                renglon.originales.get(c, "") if renglon.originales else _valor(renglon, c)
                for c in corrida.encabezados
            ]
            motivos = [f"{c}: {m}" if c else m for c, m in renglon.errores]
            if renglon.error_cuenta:
                motivos.append(f"numero_cuenta: {renglon.get_error_cuenta_display()}")
            yield renglon.fila, valores, motivos

    return rechazados_csv(corrida.encabezados, rechazos())

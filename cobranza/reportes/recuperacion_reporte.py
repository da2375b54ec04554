"""Recuperación mensual of one cartera as JSON-ready data (report type "recuperacion").

The recovery figures and their breakdowns come from recuperacion.recuperacion_calcular (one
SQL aggregate; its header defines them). Around them: the same figures for the previous month
and the same month of the previous year (read from their stored report when there is one, so
the comparison is cheap and says what was known at that month's cut-off), cortes executed and
reconexiones, PEC expedientes opened and the money recovered through the PEC, the sections
other apps register (convenios), the coverage of the assigned cartera and the month's goals.
docs/reportes.md defines every figure.

Data (money and percentages as text with two places, counts as integers):
    tipo, titulo, cartera{clave, nombre, tipo, institucion}, periodo "aaaa-mm", periodo_nombre,
    inicio, fin, calculado, fuente ("cierre": the closed month's snapshot; "libro": computed),
    cifras{vencido_inicio, cobrado_vencido, cobrado_corriente, cobrado, porcentaje, rezago,
           cuentas_regularizadas},
    desglose{servicio|concepto|clasificacion|sector|gestor: [{clave, nombre, vencido_inicio,
             cobrado_vencido, cobrado_corriente, rezago, porcentaje}]},
    comparacion{mes_anterior|anio_anterior: {periodo, nombre, origen (guardado, cierre,
               calculado), generado, cifras, cambio}},
    cortes{ejecutados, suspensiones, reducciones, reconexiones},
    pec{abiertos, por_etapa[{clave, nombre, expedientes}], recuperado},
    cobertura{asignadas, gestionadas, porcentaje, por_gestor[...]},
    secciones[{clave, titulo, filas[{etiqueta, valor, formato}], indicadores{}}],
    logros{indicador: valor}, metas[{indicador, nombre, unidad, meta, logrado, indice}]
"""

from django.contrib.auth import get_user_model
from django.db.models import Count, Exists, OuterRef, Q, Sum

from cobranza.models import (
    Aplicacion,
    Asignacion,
    Concepto,
    Etapa,
    Expediente,
    Gestion,
    Meta,
    OrdenCorte,
    Servicio,
)
from cobranza.reportes.comun import (
    Mes,
    a_decimal,
    cambio,
    dinero,
    encabezado,
    guardados,
    mes_de,
    momento_texto,
    porcentaje,
    texto,
)
from cobranza.reportes.metas import cumplimiento
from cobranza.reportes.recuperacion import (
    CIFRAS,
    DIMENSIONES,
    FUENTE_CIERRE,
    recuperacion_calcular,
    ultimo_mes_cerrable,
)
from cobranza.reportes.registro import SECCIONES_DE_RECUPERACION, TipoReporte, registrar_reporte
from padron.models import Cuenta

TIPO = "recuperacion"
TITULO = "Recuperación mensual"
CIFRAS_DEL_REPORTE = (
    "vencido_inicio",
    "cobrado_vencido",
    "cobrado_corriente",
    "cobrado",
    "porcentaje",
    "rezago",
    "cuentas_regularizadas",
)
ETIQUETAS = {
    "vencido_inicio": "Cartera vencida al inicio del mes",
    "cobrado_vencido": "Cobrado de cartera vencida",
    "cobrado_corriente": "Cobrado de facturación corriente",
    "cobrado": "Cobrado en el mes",
    "porcentaje": "Porcentaje de recuperación (%)",
    "rezago": "Rezago del mes",
    "cuentas_regularizadas": "Cuentas regularizadas",
}
DIMENSION_TITULOS = {
    "servicio": "Por servicio",
    "concepto": "Por concepto",
    "clasificacion": "Por clasificación del predio",
    "sector": "Por sector",
    "gestor": "Por gestor",
}
_SIN = {
    "servicio": "Sin servicio",
    "concepto": "Sin concepto",
    "clasificacion": "Sin clasificación",
    "sector": "Sin sector",
    "gestor": "Sin gestor asignado",
}


# --- the recovery figures ------------------------------------------------------------------


def cifras_de(recuperacion) -> dict:
    return {
        "vencido_inicio": texto(recuperacion.vencido_inicio),
        "cobrado_vencido": texto(recuperacion.cobrado_vencido),
        "cobrado_corriente": texto(recuperacion.cobrado_corriente),
        "cobrado": texto(recuperacion.cobrado),
        "porcentaje": texto(recuperacion.porcentaje),
        "rezago": texto(recuperacion.rezago),
        "cuentas_regularizadas": recuperacion.cuentas_regularizadas,
    }


def _gestores(ids) -> dict:
    usuarios = get_user_model().objects.filter(pk__in=[i for i in ids if i])
    return {u.pk: (u.username, u.get_full_name() or u.username) for u in usuarios}


def _nombres(dimension, claves) -> dict:
    """{clave: (clave as shown in the data, nombre)}; the gestor's clave is its username."""
    etiquetas = {
        "servicio": dict(Servicio.choices),
        "concepto": dict(Concepto.choices),
        "clasificacion": dict(Cuenta.Clasificacion.choices),
    }.get(dimension, {})
    if dimension == "gestor":
        gestores = _gestores(claves)
        return {c: gestores.get(c, ("", _SIN["gestor"])) for c in claves}
    if dimension == "sector":
        return {c: (c, f"Sector {c}" if c else _SIN["sector"]) for c in claves}
    return {c: (c, etiquetas.get(c, c) if c else _SIN[dimension]) for c in claves}


def desglose_de(recuperacion) -> dict:
    desglose = {}
    for dimension in DIMENSIONES:
        grupos = recuperacion.desglose.get(dimension, {})
        nombres = _nombres(dimension, list(grupos))
        filas = []
        for clave, cifras in grupos.items():
            visible, nombre = nombres[clave]
            fila = {"clave": visible, "nombre": nombre}
            fila.update({c: texto(cifras[c]) for c in CIFRAS})
            fila["porcentaje"] = texto(
                porcentaje(cifras["cobrado_vencido"], cifras["vencido_inicio"])
            )
            filas.append(fila)
        # Named groups first, by name; "sin ..." last.
        desglose[dimension] = sorted(filas, key=lambda f: (f["clave"] == "", f["nombre"]))
    return desglose


# --- comparisons ---------------------------------------------------------------------------


def _cambios(actuales, comparadas) -> dict:
    return {c: cambio(actuales.get(c), comparadas.get(c)) for c in CIFRAS_DEL_REPORTE}


def comparacion(cartera, mes: Mes, actuales: dict) -> dict:
    """The previous month and the same month a year before: their stored report's figures
    when generated (as known at their cut-off), computed from the ledger otherwise."""
    otros = {"mes_anterior": mes.mas(-1), "anio_anterior": mes.mas(-12)}
    almacenados = guardados(TIPO, cartera, [m.inicio for m in otros.values()])
    resultado = {}
    for clave, otro in otros.items():
        guardado = almacenados.get(otro.inicio)
        if guardado is not None:
            cifras = guardado.datos.get("cifras", {})
            origen, generado = "guardado", momento_texto(guardado.generado)
        else:
            calculada = recuperacion_calcular(cartera_id=cartera.pk, periodo=otro.inicio)
            cifras = cifras_de(calculada)
            origen = "cierre" if calculada.fuente == FUENTE_CIERRE else "calculado"
            generado = None
        resultado[clave] = {
            "periodo": otro.texto,
            "nombre": otro.nombre,
            "origen": origen,
            "generado": generado,
            "cifras": cifras,
            "cambio": _cambios(actuales, cifras),
        }
    return resultado


# --- cortes, PEC, coverage, sections -------------------------------------------------------


def cortes_del_mes(cartera, mes: Mes) -> dict:
    """Orders executed in the month (OrdenCorte.ejecutada), by type and action."""
    filas = (
        OrdenCorte.objects.filter(
            cuenta__cartera=cartera,
            estado=OrdenCorte.Estado.EJECUTADA,
            ejecutada__gte=mes.desde,
            ejecutada__lt=mes.hasta,
        )
        .order_by()
        .values("tipo", "accion")
        .annotate(ordenes=Count("id"))
    )
    cortes = {"ejecutados": 0, "suspensiones": 0, "reducciones": 0, "reconexiones": 0}
    for fila in filas:
        if fila["tipo"] == OrdenCorte.Tipo.RECONEXION:
            cortes["reconexiones"] += fila["ordenes"]
            continue
        cortes["ejecutados"] += fila["ordenes"]
        if fila["accion"] == OrdenCorte.Accion.SUSPENSION:
            cortes["suspensiones"] += fila["ordenes"]
        elif fila["accion"] == OrdenCorte.Accion.REDUCCION:
            cortes["reducciones"] += fila["ordenes"]
    return cortes


def pec_del_mes(cartera, mes: Mes) -> dict:
    """Expedientes opened in the month by their current stage, and the aplicaciones of the
    month on cuentas with an expediente opened before the month's end and not closed before
    it began."""
    por_etapa = dict(
        Expediente.objects.filter(
            cuenta__cartera=cartera, abierto__gte=mes.desde, abierto__lt=mes.hasta
        )
        .order_by()
        .values_list("etapa")
        .annotate(expedientes=Count("id"))
    )
    en_tramite = Expediente.objects.filter(
        cuenta_id=OuterRef("cargo__cuenta_id"), abierto__lt=mes.hasta
    ).filter(Q(cerrado__isnull=True) | Q(cerrado__gte=mes.desde))
    recuperado = (
        Aplicacion.objects.filter(
            fecha__gte=mes.inicio, fecha__lt=mes.siguiente, cargo__cuenta__cartera=cartera
        )
        .filter(Exists(en_tramite))
        .aggregate(total=Sum("monto"))["total"]
    )
    etapas = [("", "Sin etapa"), *Etapa.choices]
    return {
        "abiertos": sum(por_etapa.values()),
        "por_etapa": [
            {"clave": clave, "nombre": nombre, "expedientes": por_etapa[clave]}
            for clave, nombre in etapas
            if por_etapa.get(clave)
        ],
        "recuperado": texto(dinero(recuperado)),
    }


def cobertura_del_mes(cartera, mes: Mes) -> dict:
    """Cuentas with an open Asignacion at the month's end, and those among them with at least
    one Gestion in the month by their assignee."""
    gestionada = Exists(
        Gestion.objects.filter(
            cuenta=OuterRef("cuenta"),
            usuario=OuterRef("asignado_a"),
            fecha__gte=mes.desde,
            fecha__lt=mes.hasta,
        )
    )
    filas = (
        Asignacion.objects.filter(cuenta__cartera=cartera, desde__lt=mes.hasta)
        .filter(Q(hasta__isnull=True) | Q(hasta__gte=mes.hasta))
        .order_by()
        .values("asignado_a__username")
        .annotate(
            asignadas=Count("cuenta", distinct=True),
            gestionadas=Count("cuenta", distinct=True, filter=Q(gestionada)),
        )
        .order_by("asignado_a__username")
    )
    por_gestor = [
        {
            "gestor": f["asignado_a__username"],
            "asignadas": f["asignadas"],
            "gestionadas": f["gestionadas"],
            "porcentaje": texto(porcentaje(f["gestionadas"], f["asignadas"])),
        }
        for f in filas
    ]
    asignadas = sum(f["asignadas"] for f in por_gestor)
    gestionadas = sum(f["gestionadas"] for f in por_gestor)
    return {
        "asignadas": asignadas,
        "gestionadas": gestionadas,
        "porcentaje": texto(porcentaje(gestionadas, asignadas)),
        "por_gestor": por_gestor,
    }


def secciones_del_mes(cartera, mes: Mes) -> list[dict]:
    """What the other apps add (registro.seccion_de_recuperacion), in registration order."""
    return [seccion(cartera, mes.inicio, mes.siguiente) for seccion in SECCIONES_DE_RECUPERACION]


# --- goals ---------------------------------------------------------------------------------


def logros(cifras: dict, cobertura: dict, secciones: list[dict]) -> dict:
    """What each goal indicator (Meta.Indicador) achieved in the month (None when unknown)."""
    indicadores = {}
    for seccion in secciones:
        indicadores.update(seccion.get("indicadores", {}))
    return {
        "monto_recuperado": cifras["cobrado_vencido"],
        "porcentaje_recuperacion": cifras["porcentaje"],
        "cuentas_regularizadas": cifras["cuentas_regularizadas"],
        "convenios_firmados": indicadores.get("convenios_firmados"),
        "cobertura": cobertura["porcentaje"],
    }


def logros_calcular(cartera, mes: Mes) -> dict:
    cifras = cifras_de(recuperacion_calcular(cartera_id=cartera.pk, periodo=mes.inicio))
    return logros(cifras, cobertura_del_mes(cartera, mes), secciones_del_mes(cartera, mes))


def metas_del_periodo(cartera, mes: Mes) -> list[dict]:
    """The month's goals for the other reports: what was achieved is read from the month's
    stored recovery report, computed only when there are goals and no stored report."""
    metas = list(Meta.objects.filter(cartera=cartera, periodo=mes.inicio))
    if not metas:
        return []
    guardado = guardados(TIPO, cartera, [mes.inicio]).get(mes.inicio)
    if guardado is not None and "logros" in guardado.datos:
        return cumplimiento(metas, guardado.datos["logros"])
    return cumplimiento(metas, logros_calcular(cartera, mes))


# --- the report ----------------------------------------------------------------------------


def calcular(cartera, periodo) -> dict:
    mes = mes_de(periodo)
    datos = encabezado(TIPO, TITULO, cartera, mes)
    recuperacion = recuperacion_calcular(cartera_id=cartera.pk, periodo=mes.inicio)
    datos["cifras"] = cifras_de(recuperacion)
    datos["fuente"] = recuperacion.fuente  # "cierre" (the month's snapshot) or "libro"
    datos["mes_terminado"] = mes.inicio <= ultimo_mes_cerrable()
    datos["desglose"] = desglose_de(recuperacion)
    datos["comparacion"] = comparacion(cartera, mes, datos["cifras"])
    datos["cortes"] = cortes_del_mes(cartera, mes)
    datos["pec"] = pec_del_mes(cartera, mes)
    datos["cobertura"] = cobertura_del_mes(cartera, mes)
    datos["secciones"] = secciones_del_mes(cartera, mes)
    datos["logros"] = logros(datos["cifras"], datos["cobertura"], datos["secciones"])
    metas = Meta.objects.filter(cartera=cartera, periodo=mes.inicio)
    datos["metas"] = cumplimiento(metas, datos["logros"])
    return datos


# --- XLSX ----------------------------------------------------------------------------------


def _numero(valor):
    return valor if isinstance(valor, int) else a_decimal(valor)


def hoja_metas(datos):
    filas = [
        [m["nombre"], _numero(m["meta"]), _numero(m["logrado"]), _numero(m["indice"])]
        for m in datos.get("metas", [])
    ]
    return ("Metas", ["Indicador", "Meta", "Logrado", "Índice de cumplimiento (%)"], filas)


def hojas(datos) -> list:
    comparacion = datos["comparacion"]
    anterior, anio = comparacion["mes_anterior"], comparacion["anio_anterior"]
    resumen = [
        [
            ETIQUETAS[c],
            _numero(datos["cifras"][c]),
            _numero(anterior["cifras"].get(c)),
            _numero(anio["cifras"].get(c)),
        ]
        for c in CIFRAS_DEL_REPORTE
    ]
    resultado = [
        (
            "Resumen",
            ["Cifra", datos["periodo_nombre"], anterior["nombre"], anio["nombre"]],
            resumen,
        )
    ]
    encabezados = ["Clave", "Nombre", *(ETIQUETAS[c] for c in CIFRAS), "Recuperación (%)"]
    for dimension in DIMENSIONES:
        filas = [
            [f["clave"], f["nombre"], *(_numero(f[c]) for c in (*CIFRAS, "porcentaje"))]
            for f in datos["desglose"][dimension]
        ]
        resultado.append((DIMENSION_TITULOS[dimension], encabezados, filas))
    otras = [
        ["Cortes ejecutados", datos["cortes"]["ejecutados"]],
        ["Suspensiones", datos["cortes"]["suspensiones"]],
        ["Reducciones", datos["cortes"]["reducciones"]],
        ["Reconexiones", datos["cortes"]["reconexiones"]],
        ["Expedientes del PEC abiertos", datos["pec"]["abiertos"]],
        *([f"  en etapa {e['nombre']}", e["expedientes"]] for e in datos["pec"]["por_etapa"]),
        ["Recuperado a través del PEC", _numero(datos["pec"]["recuperado"])],
        ["Cuentas regularizadas", datos["cifras"]["cuentas_regularizadas"]],
        ["Cuentas asignadas al cierre", datos["cobertura"]["asignadas"]],
        ["Cuentas asignadas con gestión en el mes", datos["cobertura"]["gestionadas"]],
        ["Cobertura de la cartera asignada (%)", _numero(datos["cobertura"]["porcentaje"])],
    ]
    for seccion in datos["secciones"]:
        otras += [[f["etiqueta"], _numero(f["valor"])] for f in seccion["filas"]]
    resultado.append(("Cortes, PEC y convenios", ["Cifra", "Valor"], otras))
    resultado.append(hoja_metas(datos))
    return resultado


registrar_reporte(
    TipoReporte(TIPO, TITULO, calcular, "cobranza/reportes/recuperacion_pdf.html", hojas)
)

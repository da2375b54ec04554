"""Comparativo de facturación mes a mes (report type "comparativo"): volume (m³) and amount
billed by user type (clasificación del predio), the month against the previous one, with the
change. docs/reportes.md defines the figures.

Billed in a month = the cargos whose periodo (the month billed) is that month, of the billing
conceptos (water: consumo de agua, drenaje, saneamiento; educational credit: capital and
interés), not cancelled. Recargos, gastos, multas and reconexiones are not billing.
"""

from django.db.models import Count, Sum

from cobranza.models import Cargo, Concepto
from cobranza.reportes.comun import Mes, a_decimal, cambio, dinero, encabezado, mes_de, texto
from cobranza.reportes.recuperacion_reporte import hoja_metas, metas_del_periodo
from cobranza.reportes.registro import TipoReporte, registrar_reporte
from padron.models import Cartera, Cuenta

TIPO = "comparativo"
TITULO = "Comparativo de facturación mes a mes"
CONCEPTOS = {
    Cartera.Tipo.AGUA: (Concepto.CONSUMO_AGUA, Concepto.DRENAJE, Concepto.SANEAMIENTO),
    Cartera.Tipo.CREDITO: (Concepto.CAPITAL, Concepto.INTERES),
}
CIFRAS = ("volumen", "monto", "cargos", "cuentas")


def _cifras(fila=None) -> dict:
    fila = fila or {}
    return {
        "volumen": texto(dinero(fila.get("volumen"))),
        "monto": texto(dinero(fila.get("monto"))),
        "cargos": fila.get("cargos", 0),
        "cuentas": fila.get("cuentas", 0),
    }


def _renglon(clave, nombre, anterior, actual) -> dict:
    return {
        "clave": clave,
        "nombre": nombre,
        "anterior": anterior,
        "actual": actual,
        "cambio": {c: cambio(actual[c], anterior[c]) for c in CIFRAS},
    }


def _facturado(cartera, meses, agrupar):
    """{(periodo, clave): {volumen, monto, cargos, cuentas}} in one GROUP BY."""
    filas = (
        Cargo.objects.filter(
            cuenta__cartera=cartera,
            periodo__in=[m.inicio for m in meses],
            concepto__in=CONCEPTOS.get(cartera.tipo, ()),
        )
        .exclude(estado=Cargo.Estado.CANCELADO)
        .order_by()
        .values("periodo", agrupar)
        .annotate(
            volumen=Sum("volumen_m3"),
            monto=Sum("monto"),
            cargos=Count("id"),
            cuentas=Count("cuenta", distinct=True),
        )
    )
    return {(f["periodo"], f[agrupar] or ""): f for f in filas}


def _tabla(cartera, anterior: Mes, actual: Mes, agrupar, nombres) -> list[dict]:
    por = _facturado(cartera, (anterior, actual), agrupar)
    claves = sorted({clave for _, clave in por}, key=lambda c: (c == "", nombres.get(c, c)))
    return [
        _renglon(
            clave,
            nombres.get(clave, clave),
            _cifras(por.get((anterior.inicio, clave))),
            _cifras(por.get((actual.inicio, clave))),
        )
        for clave in claves
    ]


def _total(renglones, lado) -> dict:
    # A cuenta has one clasificación, so adding the rows by clasificación counts it once.
    return {
        "volumen": texto(sum((a_decimal(r[lado]["volumen"]) for r in renglones), dinero(0))),
        "monto": texto(sum((a_decimal(r[lado]["monto"]) for r in renglones), dinero(0))),
        "cargos": sum(r[lado]["cargos"] for r in renglones),
        "cuentas": sum(r[lado]["cuentas"] for r in renglones),
    }


def calcular(cartera, periodo) -> dict:
    actual = mes_de(periodo)
    anterior = actual.mas(-1)
    datos = encabezado(TIPO, TITULO, cartera, actual)
    datos["anterior"] = {"periodo": anterior.texto, "nombre": anterior.nombre}
    datos["con_volumen"] = cartera.tipo == Cartera.Tipo.AGUA
    datos["conceptos"] = list(CONCEPTOS.get(cartera.tipo, ()))
    clasificaciones = {**dict(Cuenta.Clasificacion.choices), "": "Sin clasificación"}
    por_tipo = _tabla(cartera, anterior, actual, "cuenta__clasificacion", clasificaciones)
    datos["por_tipo_de_usuario"] = por_tipo
    datos["total"] = _renglon("", "Total", _total(por_tipo, "anterior"), _total(por_tipo, "actual"))
    datos["por_concepto"] = _tabla(cartera, anterior, actual, "concepto", dict(Concepto.choices))
    datos["metas"] = metas_del_periodo(cartera, actual)
    return datos


def hojas(datos) -> list:
    anterior, actual = datos["anterior"]["nombre"], datos["periodo_nombre"]
    encabezados = [
        "Tipo de usuario",
        f"m³ {anterior}",
        f"m³ {actual}",
        "Cambio m³",
        "Cambio m³ (%)",
        f"Facturado {anterior}",
        f"Facturado {actual}",
        "Cambio $",
        "Cambio $ (%)",
        f"Cuentas {anterior}",
        f"Cuentas {actual}",
    ]

    def fila(r):
        return [
            r["nombre"],
            a_decimal(r["anterior"]["volumen"]),
            a_decimal(r["actual"]["volumen"]),
            a_decimal(r["cambio"]["volumen"]["absoluto"]),
            a_decimal(r["cambio"]["volumen"]["porcentaje"]),
            a_decimal(r["anterior"]["monto"]),
            a_decimal(r["actual"]["monto"]),
            a_decimal(r["cambio"]["monto"]["absoluto"]),
            a_decimal(r["cambio"]["monto"]["porcentaje"]),
            r["anterior"]["cuentas"],
            r["actual"]["cuentas"],
        ]

    por_tipo = [fila(r) for r in [*datos["por_tipo_de_usuario"], datos["total"]]]
    por_concepto = [fila(r) for r in datos["por_concepto"]]
    return [
        ("Por tipo de usuario", encabezados, por_tipo),
        ("Por concepto", ["Concepto", *encabezados[1:]], por_concepto),
        hoja_metas(datos),
    ]


registrar_reporte(
    TipoReporte(TIPO, TITULO, calcular, "cobranza/reportes/comparativo_pdf.html", hojas)
)

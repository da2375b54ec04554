"""Comparativo de facturación mes a mes (report type "comparativo"): volume (m³) and amount
billed by user type (clasificación del predio), the month against the previous one, with the
change. docs/reportes.md defines the figures.

Billed in a month = the cargos whose periodo (the month billed) is that month, of the billing
conceptos (water: consumo de agua, drenaje, saneamiento; educational credit: capital and
interés), not cancelled. Recargos, gastos, multas and reconexiones are not billing. A closed
month's billing is read from its close, the live month's from the cargos (facturado.py).
"""

from cobranza.models import Concepto
from cobranza.reportes.comun import Mes, a_decimal, cambio, dinero, encabezado, mes_de, texto
from cobranza.reportes.facturado import CIFRAS, CONCEPTOS, facturado
from cobranza.reportes.recuperacion_reporte import hoja_metas, metas_del_periodo
from cobranza.reportes.registro import TipoReporte, registrar_reporte
from padron.models import Cartera, Cuenta

TIPO = "comparativo"
TITULO = "Comparativo de facturación mes a mes"


def _cifras(fila=None) -> dict:
    volumen, monto, cargos, cuentas = fila or (0, 0, 0, 0)
    return {
        "volumen": texto(dinero(volumen)),
        "monto": texto(dinero(monto)),
        "cargos": cargos,
        "cuentas": cuentas,
    }


def _renglon(clave, nombre, anterior, actual) -> dict:
    return {
        "clave": clave,
        "nombre": nombre,
        "anterior": anterior,
        "actual": actual,
        "cambio": {c: cambio(actual[c], anterior[c]) for c in CIFRAS},
    }


def _tabla(por_mes, anterior: Mes, actual: Mes, agrupacion, nombres) -> list[dict]:
    de_anterior = por_mes[anterior.inicio][agrupacion]
    de_actual = por_mes[actual.inicio][agrupacion]
    claves = sorted({*de_anterior, *de_actual}, key=lambda c: (c == "", nombres.get(c, c)))
    return [
        _renglon(
            clave,
            nombres.get(clave, clave),
            _cifras(de_anterior.get(clave)),
            _cifras(de_actual.get(clave)),
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
    # A closed month from its close (facturado.py), the live one from the ledger.
    por_mes = facturado(cartera, [anterior.inicio, actual.inicio])
    clasificaciones = {**dict(Cuenta.Clasificacion.choices), "": "Sin clasificación"}
    por_tipo = _tabla(por_mes, anterior, actual, "clasificacion", clasificaciones)
    datos["por_tipo_de_usuario"] = por_tipo
    datos["total"] = _renglon("", "Total", _total(por_tipo, "anterior"), _total(por_tipo, "actual"))
    datos["por_concepto"] = _tabla(por_mes, anterior, actual, "concepto", dict(Concepto.choices))
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

"""Report type "credito": the educational-credit cartera for a month. Recovery by cohort
(año de otorgamiento): monto otorgado and dispuesto, facturado, recuperado, vencido, por
vencer and % de recuperación; and the beneficiarios by etapa, institución, programa,
cohort and estatus académico, and egresados per year. docs/credito.md defines each figure.

Like the other types it is stored each month, downloaded as PDF and XLSX, and shown on
/reportes/credito/; the Coordinador de Seguimiento reads it on /credito/reportes/."""

from cobranza.credito.selectors import recuperacion_por_cohorte, totales
from cobranza.reportes.comun import a_decimal, encabezado, mes_de, texto
from cobranza.reportes.estadisticas import corte_de
from cobranza.reportes.registro import TipoReporte, registrar_reporte
from padron.beneficiarios.selectors import reporte_beneficiarios
from padron.models import Cartera

TIPO = "credito"
TITULO = "Crédito educativo: recuperación por cohorte y beneficiarios"
DINERO = ("otorgado", "dispuesto", "facturado", "recuperado", "vencido", "por_vencer")
COLUMNAS = [
    ("cohorte", "Cohorte"),
    ("beneficiarios", "Beneficiarios"),
    ("otorgado", "Monto autorizado"),
    ("dispuesto", "Dispuesto"),
    ("facturado", "Facturado"),
    ("recuperado", "Recuperado"),
    ("vencido", "Vencido"),
    ("por_vencer", "Por vencer"),
    ("porcentaje", "% de recuperación"),
]
CONTEOS = [
    ("por_etapa", "Por etapa"),
    ("por_estatus", "Por estatus académico"),
    ("por_institucion", "Por institución"),
    ("por_programa", "Por programa"),
    ("por_cohorte", "Por cohorte"),
    ("egresados_por_anio", "Egresados por año"),
]


def _json(fila: dict) -> dict:
    return {
        **fila,
        **{campo: texto(fila[campo]) for campo in DINERO},
        "porcentaje": texto(fila["porcentaje"]),
    }


def calcular(cartera, periodo) -> dict:
    mes = mes_de(periodo)
    corte = corte_de(mes)
    datos = encabezado(TIPO, TITULO, cartera, mes)
    datos["corte"] = {"al": corte["al"].isoformat(), "al_texto": f"{corte['al']:%d/%m/%Y}"}
    filas = recuperacion_por_cohorte(cartera, dia=corte["dia"], desde=corte["desde"])
    datos["cohortes"] = [_json(f) for f in filas]
    datos["total"] = _json(totales(filas))
    beneficiarios = reporte_beneficiarios(dia=corte["al"], cartera=cartera)
    datos["beneficiarios"] = {
        "total": beneficiarios["total"],
        "periodo": beneficiarios["periodo"],
        "conteos": [
            {"clave": clave, "titulo": titulo, "filas": beneficiarios[clave]}
            for clave, titulo in CONTEOS
        ],
    }
    datos["columnas"] = [{"clave": c, "nombre": n} for c, n in COLUMNAS]
    datos["metas"] = []
    return datos


def hojas(datos) -> list:
    def valor(fila, clave):
        return a_decimal(fila[clave]) if clave in DINERO or clave == "porcentaje" else fila[clave]

    recuperacion = [
        [valor(f, c) for c, _ in COLUMNAS] for f in [*datos["cohortes"], datos["total"]]
    ]
    return [
        ("Recuperación por cohorte", [n for _, n in COLUMNAS], recuperacion),
        *(
            (
                conteo["titulo"],
                ["Grupo", "Beneficiarios"],
                [[str(f["nombre"]), f["beneficiarios"]] for f in conteo["filas"]],
            )
            for conteo in datos["beneficiarios"]["conteos"]
        ),
    ]


def es_de_credito(cartera) -> bool:
    return cartera.tipo == Cartera.Tipo.CREDITO


registrar_reporte(
    TipoReporte(TIPO, TITULO, calcular, "cobranza/credito/reporte_pdf.html", hojas, es_de_credito)
)

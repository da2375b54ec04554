"""The status files the instituciones educativas send (CSV or XLSX): curp or matricula,
periodo, estatus and, optionally, tipo_evidencia. Every row is checked first; nothing is
applied if one is wrong, unless `parcial`. The institution's own file counts as the evidence
of the rows it reports."""

from django.core.exceptions import ValidationError
from django.db import transaction

from padron.beneficiarios.models import CreditoEducativo, EstatusAcademico
from padron.beneficiarios.services import estatus_registrar, periodo_leer
from padron.fechas import hoy
from padron.importacion import celdas
from padron.importacion.archivos import columnas_revisar, leer_filas, rechazados_csv
from padron.importacion.trabajos import Resultado
from padron.texto import cantidad, normalizar

COLUMNAS = ("curp", "matricula", "periodo", "estatus", "tipo_evidencia")
ESTATUS = {
    normalizar(etiqueta).lower(): clave for clave, etiqueta in EstatusAcademico.Estatus.choices
}
ESTATUS.update({clave: clave for clave in EstatusAcademico.Estatus.values})
ESTATUS.update(
    {"inscrito": "regular", "baja temporal": "baja_temporal", "baja definitiva": "baja_definitiva"}
)
EVIDENCIA_DE = {"egresado": "certificado", "titulado": "titulo"}


def _estatus(valor):
    clave = normalizar(celdas.texto(valor)).lower().replace("_", " ")
    encontrado = ESTATUS.get(clave) or ESTATUS.get(clave.replace(" ", "_"))
    if not encontrado:
        raise ValueError(
            f"Estatus «{valor}» no válido; use: {', '.join(EstatusAcademico.Estatus.labels)}."
        )
    return encontrado


def procesar_estatus(importacion, avance) -> Resultado:
    with importacion.archivo.open("rb") as archivo:
        encabezados, filas = leer_filas(archivo, importacion.nombre)
    obligatorias = ["periodo", "estatus"]
    if "curp" not in encabezados and "matricula" not in encabezados:
        obligatorias.append("curp o matricula")
    columnas_revisar(encabezados, conocidas=COLUMNAS, obligatorias=obligatorias)
    if hasattr(avance, "fijar_total"):
        avance.fijar_total(len(filas), "Validando filas")
    por_curp = dict(
        CreditoEducativo.objects.exclude(cuenta__titular__curp="").values_list(
            "cuenta__titular__curp", "pk"
        )
    )
    por_matricula = dict(
        CreditoEducativo.objects.exclude(matricula="").values_list("matricula", "pk")
    )
    validas, rechazadas = [], []
    for numero, valores in filas:
        avance()
        errores = []
        curp = celdas.texto(valores.get("curp")).upper()
        matricula = celdas.texto(valores.get("matricula"))
        credito = (
            por_curp.get(curp) if curp else por_matricula.get(matricula) if matricula else None
        )
        if credito is None:
            errores.append("curp: No hay crédito educativo con esa CURP o matrícula.")
        try:
            periodo = periodo_leer(valores.get("periodo"))
        except ValidationError as exc:
            errores.append(f"periodo: {exc.messages[0]}")
        try:
            estatus = _estatus(valores.get("estatus"))
        except ValueError as exc:
            errores.append(f"estatus: {exc}")
            estatus = None
        evidencia = celdas.texto(valores.get("tipo_evidencia")).lower() or EVIDENCIA_DE.get(
            estatus, "constancia"
        )
        if evidencia not in EstatusAcademico.Evidencia.values:
            errores.append(f"tipo_evidencia: «{evidencia}» no válido.")
        if errores:
            rechazadas.append((numero, [valores.get(c, "") for c in encabezados], errores))
        else:
            validas.append((credito, periodo, estatus, evidencia))
    parcial = bool(importacion.parametros.get("parcial"))
    csv_rechazados = rechazados_csv(encabezados, rechazadas) if rechazadas else None
    if rechazadas and not parcial:
        return Resultado(
            rechazadas=len(rechazadas),
            mensaje=f"No se aplicó nada: {cantidad(len(rechazadas), 'fila')} con errores. "
            "Corrija el archivo o márquelo como parcial.",
            rechazados_csv=csv_rechazados,
            resumen={"errores": [f"Fila {n}: {'; '.join(e)}" for n, _, e in rechazadas[:50]]},
            escrito=False,
        )
    creditos = {
        c.pk: c
        for c in CreditoEducativo.objects.filter(pk__in={v[0] for v in validas}).select_related(
            "cuenta__cartera"
        )
    }
    dia = hoy()
    with transaction.atomic():
        for credito_id, periodo, estatus, evidencia in validas:
            estatus_registrar(
                credito=creditos[credito_id],
                periodo=periodo,
                estatus=estatus,
                tipo_evidencia=evidencia,
                usuario=importacion.usuario,
                origen=EstatusAcademico.Origen.ARCHIVO,
                fecha=dia,
            )
            creditos[credito_id].refresh_from_db()
    return Resultado(
        aceptadas=len(validas),
        rechazadas=len(rechazadas),
        mensaje=f"{len(validas)} estatus aplicado{'s' if len(validas) != 1 else ''}, "
        f"{cantidad(len(rechazadas), 'fila rechazada', 'filas rechazadas')}.",
        rechazados_csv=csv_rechazados,
        resumen={"errores": [f"Fila {n}: {'; '.join(e)}" for n, _, e in rechazadas[:50]]},
    )

"""Reads of the beneficiarios: the coordinator's work list and the counts of the reports,
each an SQL aggregate."""

from django.db.models import Count, Exists, OuterRef, Q
from django.db.models.functions import ExtractYear

from padron.beneficiarios.models import (
    CreditoEducativo,
    EstatusAcademico,
    InstitucionEducativa,
    Ministracion,
    Programa,
    Tramite,
)
from padron.beneficiarios.services import periodo_de
from padron.fechas import hoy, sumar_meses

Etapa = CreditoEducativo.Etapa
MUESTRA = 50


def creditos(*, etapa=None, institucion=None, programa=None, cohorte=None, texto=None):
    filas = CreditoEducativo.objects.select_related("cuenta__titular", "institucion", "programa")
    if etapa:
        filas = filas.filter(etapa=etapa)
    if institucion:
        filas = filas.filter(institucion=institucion)
    if programa:
        filas = filas.filter(programa=programa)
    if cohorte:
        filas = filas.filter(cohorte=cohorte)
    if texto:
        filas = filas.filter(
            Q(cuenta__numero__icontains=texto)
            | Q(matricula__iexact=texto)
            | Q(cuenta__titular__nombre_normalizado__icontains=texto.upper())
            | Q(cuenta__titular__curp__iexact=texto)
        )
    return filas.order_by("cuenta__numero")


def credito_detalle(numero):
    return (
        CreditoEducativo.objects.select_related(
            "cuenta__titular", "cuenta__cartera", "institucion", "programa"
        )
        .prefetch_related(
            "estatus__registrado_por",
            "ministraciones__liberada_por",
            "tramites__solicitado_por",
            "tramites__resuelto_por",
        )
        .get(cuenta__numero=numero)
    )


def pendientes_del_coordinador(dia=None) -> dict:
    """The coordinator's work list: what is overdue or waiting, each with its count."""
    dia = dia or hoy()
    periodo = periodo_de(dia)
    evidencia_vencida = EstatusAcademico.objects.filter(
        evidencia_recibida__isnull=True, evidencia_vence__lt=dia, credito__etapa=Etapa.ESTUDIANTE
    ).select_related("credito__cuenta__titular")
    del_periodo = EstatusAcademico.objects.filter(credito=OuterRef("pk"), periodo=periodo)
    sin_estatus = (
        CreditoEducativo.objects.filter(etapa=Etapa.ESTUDIANTE)
        .exclude(Exists(del_periodo))
        .select_related("cuenta__titular")
    )
    ministraciones = Ministracion.objects.filter(
        estado=Ministracion.Estado.PROGRAMADA, fecha_programada__lte=dia
    ).select_related("credito__cuenta__titular")
    gracia = CreditoEducativo.objects.filter(
        etapa__in=(Etapa.EGRESADO, Etapa.BAJA, Etapa.CONCLUIDO),
        cuenta__inicio_recuperacion=sumar_meses(dia.replace(day=1), 1),
    ).select_related("cuenta__titular")
    tramites = Tramite.objects.filter(estado=Tramite.Estado.SOLICITADO).select_related(
        "credito__cuenta__titular", "solicitado_por"
    )
    listas = {
        "evidencia_vencida": evidencia_vencida.order_by("evidencia_vence"),
        "sin_estatus": sin_estatus.order_by("cuenta__numero"),
        "ministraciones": ministraciones.order_by("fecha_programada"),
        "gracia": gracia.order_by("cuenta__numero"),
        "tramites": tramites.order_by("solicitado"),
    }
    return {
        "periodo": periodo,
        **{nombre: list(filas[:MUESTRA]) for nombre, filas in listas.items()},
        "cuantos": {nombre: filas.count() for nombre, filas in listas.items()},
    }


def _conteo(filas, campo, nombres=None):
    return [
        {
            "clave": f[campo],
            "nombre": (nombres or {}).get(f[campo], f[campo]),
            "beneficiarios": f["n"],
        }
        for f in filas.order_by().values(campo).annotate(n=Count("id")).order_by(campo)
    ]


def reporte_beneficiarios(*, dia=None, cartera=None) -> dict:
    """Beneficiarios (of one cartera, or all) by etapa, institución, programa and cohort; the
    academic status for `dia`'s periodo; egresados per year."""
    dia = dia or hoy()
    filas = CreditoEducativo.objects.all()
    if cartera is not None:
        filas = filas.filter(cuenta__cartera=cartera)
    instituciones = dict(InstitucionEducativa.objects.values_list("pk", "nombre"))
    programas = dict(Programa.objects.values_list("pk", "nombre"))
    estatus = dict(EstatusAcademico.Estatus.choices)
    return {
        "total": filas.count(),
        "por_etapa": _conteo(filas, "etapa", dict(Etapa.choices)),
        "por_institucion": _conteo(filas, "institucion", instituciones),
        "por_programa": _conteo(filas, "programa", programas),
        "por_cohorte": _conteo(filas, "cohorte"),
        "periodo": periodo_de(dia),
        "por_estatus": [
            {"clave": f["estatus"], "nombre": estatus[f["estatus"]], "beneficiarios": f["n"]}
            for f in EstatusAcademico.objects.filter(credito__in=filas, periodo=periodo_de(dia))
            .order_by()
            .values("estatus")
            .annotate(n=Count("id"))
            .order_by("estatus")
        ],
        "egresados_por_anio": [
            {"clave": f["anio"], "nombre": f["anio"], "beneficiarios": f["n"]}
            for f in filas.filter(termino=CreditoEducativo.Termino.EGRESO)
            .annotate(anio=ExtractYear("fecha_egreso"))
            .order_by()
            .values("anio")
            .annotate(n=Count("id"))
            .order_by("anio")
        ],
    }

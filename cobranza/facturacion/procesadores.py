"""The background imports of facturación (padron/importacion/trabajos.py runs them): a file of
the month's bills, or of the go-live's historic cargos or pagos, becomes a staged run."""

from django.core.exceptions import ValidationError
from django.urls import reverse

from cobranza.facturacion.services.corridas import (
    corrida_cargar,
    corrida_preparar,
    corrida_rechazados_csv,
)
from padron.importacion import celdas
from padron.importacion.trabajos import Resultado, registrar_procesador
from padron.models import Cartera
from padron.texto import cantidad


def _cartera(clave):
    cartera = Cartera.objects.filter(clave=clave).first()
    if cartera is None:
        raise ValidationError({"cartera": f"No existe la cartera «{clave}»."})
    return cartera


def _enlace(corrida):
    return {
        "url": reverse("cobranza:corrida", args=[corrida.pk]),
        "texto": f"Ver la corrida {corrida.pk}",
    }


def procesar_corrida(importacion, avance) -> Resultado:
    parametros = importacion.parametros
    try:
        periodo = celdas.periodo(parametros.get("periodo"))
        fecha_corte = celdas.fecha(parametros.get("fecha_corte"))
    except ValueError as exc:
        raise ValidationError({"periodo": str(exc)}) from exc
    corrida = corrida_preparar(
        tipo=importacion.tipo,
        cartera=_cartera(parametros.get("cartera")),
        huella=importacion.huella,
        archivo_nombre=importacion.nombre,
        usuario=importacion.usuario,
        periodo=periodo,
        fecha_corte=fecha_corte,
        importacion=importacion,
    )
    if corrida.repetida:
        return Resultado(
            aceptadas=corrida.validas,
            rechazadas=corrida.rechazadas,
            mensaje=f"Este archivo ya se había cargado: es la corrida {corrida.pk} "
            f"({corrida.get_estado_display().lower()}); no se cargó otra vez.",
            resumen={"corrida": corrida.pk, "repetida": True, "enlace": _enlace(corrida)},
        )
    with importacion.archivo.open("rb") as archivo:
        corrida_cargar(corrida=corrida, archivo=archivo, avance=avance)
    return Resultado(
        aceptadas=corrida.validas,
        rechazadas=corrida.rechazadas,
        mensaje=f"Corrida {corrida.pk} lista para revisión: "
        f"{cantidad(corrida.validas, 'fila válida', 'filas válidas')}, "
        f"{cantidad(corrida.rechazadas, 'rechazada')}.",
        rechazados_csv=corrida_rechazados_csv(corrida) if corrida.rechazadas else None,
        resumen={"corrida": corrida.pk, "enlace": _enlace(corrida)},
    )


def registrar():
    for tipo in ("facturacion", "cargos_historicos", "pagos_historicos"):
        registrar_procesador(tipo, procesar_corrida, permiso="cobranza.cargar_facturacion")

"""Demo: the last 12 closed months of recuperación stored, so the gerencia dashboard has
its lines on a fresh `make run`. Called through the `demo_sembrada` signal; idempotent."""

from padron.fechas import sumar_meses

from ..reportes.comun import periodo_por_omision
from ..reportes.tablero import MESES_DEL_TABLERO, recuperacion_rellenar


def recuperacion_demo_rellenar(sender=None, *, carteras, **kwargs):
    ultimo = periodo_por_omision()
    periodos = [sumar_meses(ultimo, -i) for i in range(MESES_DEL_TABLERO)]
    calculados = recuperacion_rellenar(carteras=list(carteras), periodos=periodos)
    if calculados:
        return f"Reportes de recuperación guardados para el tablero: {calculados}."
    return ""

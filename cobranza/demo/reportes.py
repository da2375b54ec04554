"""Demo: the last 12 closed months of recuperación stored, so the gerencia dashboard has
its lines on a fresh `make run`. Called through the `demo_sembrada` signal; idempotent.

Only for a demo of ordinary size: at 200,000 accounts the 24 reports take minutes (what a
real deployment does once with `reporte_recuperacion --meses 12 --guardar`)."""

from cobranza.reportes.comun import periodo_por_omision
from cobranza.reportes.tablero import MESES_DEL_TABLERO, recuperacion_rellenar
from padron.fechas import sumar_meses
from padron.models import Cuenta

MAXIMO_DE_CUENTAS = 20_000


def recuperacion_demo_rellenar(sender=None, *, carteras, **kwargs):
    if Cuenta.objects.filter(cartera__in=carteras).count() > MAXIMO_DE_CUENTAS:
        return (
            "Tablero de gerencia: guarde los meses con "
            "`manage.py reporte_recuperacion --cartera <clave> --meses 12 --guardar`."
        )
    ultimo = periodo_por_omision()
    periodos = [sumar_meses(ultimo, -i) for i in range(MESES_DEL_TABLERO)]
    calculados = recuperacion_rellenar(carteras=list(carteras), periodos=periodos)
    if calculados:
        return f"Reportes de recuperación guardados para el tablero: {calculados}."
    return ""

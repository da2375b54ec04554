"""The convenios section of cobranza's monthly recovery report.

cobranza does not import convenios: `registrar()`, called from ConveniosConfig.ready(),
adds `seccion_convenios` to cobranza.reportes.registro.SECCIONES_DE_RECUPERACION.

Definitions (docs/reportes.md), for the convenios of the cartera's cuentas, with the month
[inicio, siguiente) in America/Hermosillo:
- firmados: convenio.firmado within the month (count and Σ total convenido)
- vigentes al cierre: firmado before the month's end and not terminado before it
  (terminado is null or ≥ siguiente)
- cumplidos / incumplidos: estado cumplido / incumplido with terminado within the month
- dinero que trajeron: Σ AbonoParcialidad.monto with fecha within the month (reversals are
  negative abonos dated when reversed)
"""

from datetime import datetime, time
from decimal import Decimal

from django.db.models import Count, Q, Sum
from django.utils import timezone

from convenios.models import AbonoParcialidad, Convenio
from padron.dinero import redondear


def _momento(dia):
    return timezone.make_aware(datetime.combine(dia, time.min))


def _dinero(valor):
    return str(redondear(Decimal(valor or 0)))


def seccion_convenios(cartera, inicio, siguiente) -> dict:
    desde, hasta = _momento(inicio), _momento(siguiente)
    del_mes = Q(terminado__gte=inicio, terminado__lt=siguiente)
    cifras = Convenio.objects.filter(cuenta__cartera=cartera).aggregate(
        firmados=Count("id", filter=Q(firmado__gte=desde, firmado__lt=hasta)),
        monto_firmado=Sum("total", filter=Q(firmado__gte=desde, firmado__lt=hasta)),
        vigentes=Count(
            "id",
            filter=Q(firmado__lt=hasta) & (Q(terminado__isnull=True) | Q(terminado__gte=siguiente)),
        ),
        cumplidos=Count("id", filter=del_mes & Q(estado=Convenio.Estado.CUMPLIDO)),
        incumplidos=Count("id", filter=del_mes & Q(estado=Convenio.Estado.INCUMPLIDO)),
    )
    abonado = AbonoParcialidad.objects.filter(
        parcialidad__convenio__cuenta__cartera=cartera, fecha__gte=inicio, fecha__lt=siguiente
    ).aggregate(total=Sum("monto"))["total"]
    return {
        "clave": "convenios",
        "titulo": "Convenios",
        "filas": [
            {"etiqueta": "Convenios firmados", "valor": cifras["firmados"], "formato": "numero"},
            {
                "etiqueta": "Total convenido de los firmados",
                "valor": _dinero(cifras["monto_firmado"]),
                "formato": "pesos",
            },
            {"etiqueta": "Vigentes al cierre", "valor": cifras["vigentes"], "formato": "numero"},
            {"etiqueta": "Cumplidos en el mes", "valor": cifras["cumplidos"], "formato": "numero"},
            {
                "etiqueta": "Incumplidos en el mes",
                "valor": cifras["incumplidos"],
                "formato": "numero",
            },
            {
                "etiqueta": "Abonado a parcialidades en el mes",
                "valor": _dinero(abonado),
                "formato": "pesos",
            },
        ],
        # What the goals can use (cobranza.models.Meta.Indicador).
        "indicadores": {"convenios_firmados": cifras["firmados"]},
    }


def registrar():
    from cobranza.reportes.registro import seccion_de_recuperacion

    seccion_de_recuperacion(seccion_convenios)

"""What convenios tell the lista de morosos (registered in cobranza.morosos.exclusiones).

Convenio vigente al corriente: the debtor signed a convenio and keeps to it (no parcialidad
due before the day is left unpaid), so the debt is not pursued in the PEC.
"""

from django.db.models import Exists, F, OuterRef

from cobranza.morosos.exclusiones import exclusion_de_morosos
from convenios.models import Convenio, Parcialidad


def convenios_al_corriente(dia):
    """Vigente convenios with no parcialidad due before `dia` and not fully paid."""
    vencidas = Parcialidad.objects.filter(
        convenio=OuterRef("pk"), fecha_vencimiento__lt=dia, pagado__lt=F("monto")
    )
    return Convenio.objects.filter(estado=Convenio.Estado.VIGENTE).filter(~Exists(vencidas))


def registrar_exclusion_de_morosos():
    """Called from ConveniosConfig.ready()."""
    exclusion_de_morosos(
        "convenio_al_corriente",
        "Convenio vigente al corriente",
        convenios_al_corriente,
        orden=10,
    )

"""What convenios tell the lista de corte (registered in cobranza.cortes.reglas at start-up).

- Convenio incumplido: the account is cut whatever its months overdue, unless a later
  convenio (a reestructura, or a new one) replaced the broken one.
- Convenio al corriente: a vigente convenio with no parcialidad past due and unpaid
  protects the account from the cut.
"""

from django.db.models import Exists, F, OuterRef, Subquery

from cobranza.cortes.reglas import criterio_de_corte, exclusion_de_corte
from convenios.models import Convenio, Parcialidad

# The states that say where the account stands; drafts, rejections and cancellations don't.
_DECISIVOS = [
    Convenio.Estado.PENDIENTE,
    Convenio.Estado.AUTORIZADO,
    Convenio.Estado.VIGENTE,
    Convenio.Estado.CUMPLIDO,
    Convenio.Estado.INCUMPLIDO,
]


def cuentas_con_convenio_incumplido(dia):
    """Accounts whose latest decisive convenio is incumplido."""
    ultimo = (
        Convenio.objects.filter(cuenta=OuterRef("cuenta"), estado__in=_DECISIVOS)
        .order_by("-capturado", "-pk")
        .values("estado")[:1]
    )
    return (
        Convenio.objects.filter(estado=Convenio.Estado.INCUMPLIDO)
        .annotate(ultimo_estado=Subquery(ultimo))
        .filter(ultimo_estado=Convenio.Estado.INCUMPLIDO)
        .values("cuenta_id")
    )


def cuentas_con_convenio_al_corriente(dia):
    """Accounts with a vigente convenio and no parcialidad due before `dia` left unpaid."""
    vencidas = Parcialidad.objects.filter(
        convenio=OuterRef("pk"), fecha_vencimiento__lt=dia, pagado__lt=F("monto")
    )
    return (
        Convenio.objects.filter(estado=Convenio.Estado.VIGENTE)
        .filter(~Exists(vencidas))
        .values("cuenta_id")
    )


def registrar_reglas_de_corte():
    """Called from ConveniosConfig.ready()."""
    criterio_de_corte("convenio_incumplido", "Convenio incumplido", cuentas_con_convenio_incumplido)
    exclusion_de_corte(
        "convenio_al_corriente", "Convenio al corriente", cuentas_con_convenio_al_corriente
    )

"""Which expedientes documentales convenios says are paid off (cobranza.archivo's registry of
finiquitos): a convenio's own expediente (clave = its folio) once the convenio is cumplido, so
its pagarés are listed to be handed back to the debtor."""

from django.db.models import Exists, OuterRef

from cobranza.archivo.selectors.prestamos import finiquitado
from cobranza.models import Legajo
from convenios.models import Convenio


def legajos_de_convenios_cumplidos():
    cumplido = Convenio.objects.filter(
        cuenta=OuterRef("cuenta"), folio=OuterRef("clave"), estado=Convenio.Estado.CUMPLIDO
    )
    return Legajo.objects.exclude(clave="").filter(Exists(cumplido))


def registrar():
    finiquitado(legajos_de_convenios_cumplidos)

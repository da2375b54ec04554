"""cobranza's pages: each subdomain owns its routes (<subdomain>/urls.py); this only gathers
them, in an order where no pattern shadows another's."""

from django.urls import include, path

from cobranza.archivo import urls as archivo
from cobranza.asignacion import urls as asignacion
from cobranza.atencion import urls as atencion
from cobranza.caja import urls as caja
from cobranza.cortes import urls as cortes
from cobranza.credito import urls as credito
from cobranza.exportaciones import urls as exportaciones
from cobranza.facturacion import urls as facturacion
from cobranza.gestiones import urls as gestiones
from cobranza.libro import urls as libro
from cobranza.morosos import urls as morosos
from cobranza.pec import urls as pec
from cobranza.reportes import urls as reportes
from cobranza.tareas import urls as tareas

app_name = "cobranza"

SUBDOMINIOS = (
    libro,
    facturacion,
    credito,
    gestiones,
    asignacion,
    morosos,
    pec,
    cortes,
    reportes,
    atencion,
    archivo,
    tareas,
    caja,
    exportaciones,
)

urlpatterns = [path("", include(subdominio.urlpatterns)) for subdominio in SUBDOMINIOS]

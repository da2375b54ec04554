"""Reads of the expedientes documentales. Every read goes through the cuentas the user may see
(cuentas_visibles), so an abogado externo reaches only the expedientes of his assigned cuentas:
anything else is a 404, by URL guessing too."""

from cobranza.libro.selectors import cuentas_visibles
from cobranza.models import Documento, Escaneo, Legajo


def legajos_visibles(usuario):
    return Legajo.objects.filter(cuenta__in=cuentas_visibles(usuario))


def documentos_visibles(usuario):
    return Documento.objects.filter(legajo__cuenta__in=cuentas_visibles(usuario)).select_related(
        "tipo", "legajo__cuenta", "carpeta__caja__estante__archivo"
    )


def escaneos_visibles(usuario):
    return Escaneo.objects.filter(documento__legajo__cuenta__in=cuentas_visibles(usuario))

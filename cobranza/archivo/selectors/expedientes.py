"""Reads of the expedientes documentales. Every read goes through the cuentas the user may see
(cuentas_visibles), so an abogado externo reaches only the expedientes of his assigned cuentas:
anything else is a 404, by URL guessing too."""

from django.db.models import Prefetch

from cobranza.libro.selectors import cuentas_visibles
from cobranza.models import Documento, Escaneo, Legajo, Prestamo


def legajos_visibles(usuario):
    return Legajo.objects.filter(cuenta__in=cuentas_visibles(usuario))


def documentos_visibles(usuario):
    return Documento.objects.filter(legajo__cuenta__in=cuentas_visibles(usuario)).select_related(
        "tipo", "legajo__cuenta", "carpeta__caja__estante__archivo"
    )


def escaneos_visibles(usuario):
    return Escaneo.objects.filter(documento__legajo__cuenta__in=cuentas_visibles(usuario))


def legajos_de_cuenta(cuenta):
    """The cuenta's expedientes with their documents, scans and open loans: five queries."""
    documentos = Documento.objects.select_related(
        "tipo", "carpeta__caja__estante__archivo"
    ).prefetch_related(
        Prefetch("escaneos", queryset=Escaneo.objects.order_by("-subido")),
        Prefetch(
            "prestamos",
            queryset=Prestamo.objects.filter(devuelto__isnull=True).select_related("prestatario"),
            to_attr="prestamo_abierto",
        ),
    )
    return list(
        cuenta.legajos.select_related("cuenta")
        .prefetch_related(Prefetch("documentos", queryset=documentos))
        .order_by("clave")
    )

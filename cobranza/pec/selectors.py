"""Reads of the PEC: expedientes a user may see (with the term of the current stage), and
the diligences waiting for a notificador."""

from django.db.models import OuterRef, Q, Subquery

from cobranza.libro.selectors import cuentas_visibles
from cobranza.models import Diligencia, Expediente


def expedientes_de(usuario, *, dia, estado="", etapa="", vencidos=False, lista=""):
    """Expedientes of the cuentas the user may see; `vencidos`: the current stage was served
    and its legal term has run out (the next stage is due)."""
    actual = Diligencia.objects.filter(expediente=OuterRef("pk"), etapa=OuterRef("etapa"))
    expedientes = (
        Expediente.objects.filter(cuenta__in=cuentas_visibles(usuario))
        .select_related("cuenta__titular", "abogado")
        .annotate(
            vence=Subquery(actual.values("vence")[:1]),
            resultado_actual=Subquery(actual.values("resultado")[:1]),
        )
        .order_by("-abierto")
    )
    if estado:
        expedientes = expedientes.filter(estado=estado)
    if etapa:
        expedientes = expedientes.filter(etapa=etapa)
    if lista:
        expedientes = expedientes.filter(lista__folio=lista)
    if vencidos:
        expedientes = expedientes.filter(estado=Expediente.Estado.ABIERTO, vence__lt=dia)
    return expedientes


VEN_PEC = ("cobranza.gestionar_pec", "cobranza.registrar_etapa_legal")


def puede_imprimir_diligencias(usuario) -> bool:
    return usuario.has_perm("cobranza.registrar_diligencia") or any(
        usuario.has_perm(p) for p in VEN_PEC
    )


def diligencias_imprimibles(usuario):
    """Diligences whose documents (acta, citatorio…) the user may print; the page and the API
    both read this. Who works the PEC: those of the cuentas it sees. A notificador: only those
    assigned to it (not the unassigned ones nor another notificador's)."""
    diligencias = Diligencia.objects.select_related(
        "expediente__cuenta__titular", "expediente__cuenta__cartera", "notificador"
    )
    if any(usuario.has_perm(p) for p in VEN_PEC):
        return diligencias.filter(expediente__cuenta__in=cuentas_visibles(usuario))
    if usuario.has_perm("cobranza.registrar_diligencia"):
        # The assignment is what lets a notificador see the cuenta's address and print.
        return diligencias.filter(notificador=usuario)
    return diligencias.none()


def diligencias_por_notificar(usuario):
    """Diligences of open expedientes still to be served: the user's own and the unassigned."""
    return (
        Diligencia.objects.filter(
            Q(notificador=usuario) | Q(notificador__isnull=True),
            resultado__in=[Diligencia.Resultado.PENDIENTE, Diligencia.Resultado.NO_LOCALIZADO],
            expediente__estado=Expediente.Estado.ABIERTO,
        )
        .select_related("expediente__cuenta__titular")
        .order_by("expediente__cuenta__colonia", "expediente__cuenta__domicilio", "emitida")
    )

"""Convenios captured during an attention are linked to it (cobranza.atencion's registry)."""

from cobranza.atencion.services.registro import vinculador
from cobranza.models import VinculoAtencion
from convenios.models import Convenio


def convenios_de(atencion):
    filtros = {
        "capturado_por": atencion.atendio,
        "capturado__gte": atencion.inicio,
        "capturado__lte": atencion.fin,
    }
    if atencion.cuenta_id:
        filtros["cuenta_id"] = atencion.cuenta_id
    for c in Convenio.objects.filter(**filtros).only("pk", "folio", "cuenta_id"):
        yield c.pk, c.cuenta_id, f"Convenio {c.folio}"


def registrar():
    vinculador(VinculoAtencion.Tipo.CONVENIO)(convenios_de)

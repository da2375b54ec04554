"""The papers convenios prints for a cuenta, so the expediente documental lists them: each
convenio and (for credits) its pagarés in the convenio's own expediente, and the constancias
de no adeudo in the cuenta's."""

from cobranza.archivo.services.expedientes import Generado, generador
from convenios.models import Constancia, Convenio
from padron.models import Cartera

SIN_PAPEL = (Convenio.Estado.BORRADOR, Convenio.Estado.RECHAZADO)


def papeles_de(cuenta):
    convenios = (
        Convenio.objects.filter(cuenta=cuenta)
        .exclude(estado__in=SIN_PAPEL)
        .prefetch_related("parcialidades")
    )
    credito = cuenta.cartera.tipo == Cartera.Tipo.CREDITO
    for c in convenios:
        yield Generado(f"convenio:{c.pk}", "convenio", f"Convenio {c.folio}", c.folio)
        if credito:
            pagares = sorted(c.parcialidades.all(), key=lambda p: p.numero)
            for n, p in enumerate(pagares, start=1):
                yield Generado(
                    f"pagare:{c.pk}:{p.numero}",
                    "pagare",
                    f"Pagaré {n} de {len(pagares)} · {c.folio} · vence {p.fecha_vencimiento:%d/%m/%Y}",
                    c.folio,
                )
    for k in Constancia.objects.filter(cuenta=cuenta):
        yield Generado(f"constancia:{k.pk}", "constancia", f"Constancia {k.folio}")


def registrar():
    generador(papeles_de)

"""The corte queues: water carteras with no corte list this month (supervisor), and a
cortador's route of pending orders (its home page)."""

from django.db.models import Exists, OuterRef

from cobranza.models import ListaCorte, OrdenCorte
from padron.models import Cartera


def carteras_sin_lista_corte(*, dia):
    del_mes = ListaCorte.objects.filter(
        cartera=OuterRef("pk"), al__year=dia.year, al__month=dia.month
    )
    return (
        Cartera.objects.filter(tipo=Cartera.Tipo.AGUA).exclude(Exists(del_mes)).order_by("nombre")
    )


def ruta_del_cortador(usuario):
    """Pending orders given to this cortador, in walking order (as its offline page)."""
    return (
        OrdenCorte.objects.filter(cortador=usuario, estado=OrdenCorte.Estado.PENDIENTE)
        .select_related("cuenta")
        .order_by("sector", "ruta", "orden_ruta", "pk")
    )

"""Carteras whose morosos list of this month has not been generated yet."""

from django.db.models import Exists, OuterRef

from cobranza.models import ListaMorosos
from padron.models import Cartera


def carteras_sin_lista_morosos(*, dia):
    del_mes = ListaMorosos.objects.filter(
        cartera=OuterRef("pk"), al__year=dia.year, al__month=dia.month
    )
    return Cartera.objects.exclude(Exists(del_mes)).order_by("nombre")

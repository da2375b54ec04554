"""What the quejas tests share: the people, the areas, a queja in one line, a valid public post.

Imported by the test_quejas_* modules (a conftest here would be shared with the other parts of
atención, which are built apart)."""

import time

import pytest
from django.core import signing
from django.core.cache import cache

from cobranza.atencion.publico import _FIRMA
from cobranza.atencion.services.quejas import queja_calificar, queja_registrar, queja_responder
from cobranza.models import AreaResponsable, Queja
from tests.conftest import momento


@pytest.fixture(autouse=True)
def sin_limites_previos():
    """The rate limit counts in the cache, which outlives a test (locmem): start clean."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(name="personas")
def fixture_personas(crear_usuario):
    return {
        "supervisora": crear_usuario("supervisor", first_name="Lucía", last_name="Moreno"),
        "jefa_cobranza": crear_usuario("ventanilla", first_name="Rosa", last_name="Leyva"),
        "ventanilla": crear_usuario("ventanilla", first_name="Ana", last_name="Ruiz"),
        "seguimiento": crear_usuario("seguimiento", first_name="Iván", last_name="Soto"),
        "gerencia": crear_usuario("gerencia"),
        "cortador": crear_usuario("cortador"),
    }


@pytest.fixture(name="areas")
def fixture_areas(personas):
    """The areas seeded by migration 0018; Cobranza headed by Rosa."""
    cobranza = AreaResponsable.objects.get(nombre="Cobranza")
    cobranza.responsable = personas["jefa_cobranza"]
    cobranza.save()
    return {
        "cobranza": cobranza,
        "operacion": AreaResponsable.objects.get(nombre="Operación"),
        "credito": AreaResponsable.objects.get(nombre="Crédito educativo"),
    }


def queja(usuario=None, **campos) -> Queja:
    datos = {
        "tipo": Queja.Tipo.QUEJA,
        "origen": Queja.Origen.VENTANILLA if usuario else Queja.Origen.PUBLICO,
        "descripcion": "Me cobraron dos veces el recibo de octubre.",
        "usuario": usuario,
    }
    return queja_registrar(**{**datos, **campos})


def marca(segundos_atras=60) -> str:
    """The signed time stamp of a public form shown `segundos_atras` ago."""
    return signing.dumps(time.time() - segundos_atras, salt=_FIRMA)


def post_publico(**campos) -> dict:
    return {
        "tipo": "queja",
        "descripcion": "El medidor de mi casa marca consumo con la llave cerrada.",
        "nombre": "Juana Pérez",
        "contacto": "662 123 4567",
        "sitio_web": "",
        "marca": marca(),
        **campos,
    }


@pytest.fixture(name="noviembre")
def fixture_noviembre(reloj, personas, areas):
    """Four quejas received in November 2026 (one more in October, out of the period):

    q1 queja, Cobranza, received Mon 2 at 23:30 (already the 3rd in UTC), answered Thu 5:
       3 days, on time (due 16), rated 5.
    q2 queja, Cobranza, received Mon 2, answered Fri 20: 18 days, late, rated 2.
    q3 sugerencia, Operación, received Mon 2 (due 23), unanswered: overdue on the 30th.
    q4 felicitación, no area, received Wed 25 (due December 2): not yet due on the 30th.
    """
    clerk = personas["ventanilla"]
    reloj.move_to(momento("2026-10-30"))
    queja(clerk, area=areas["cobranza"])
    reloj.move_to(momento("2026-11-02T23:30"))
    q1 = queja(clerk, area=areas["cobranza"])
    reloj.move_to(momento("2026-11-02"))
    q2 = queja(clerk, area=areas["cobranza"])
    queja(clerk, tipo="sugerencia", area=areas["operacion"])
    reloj.move_to(momento("2026-11-05"))
    queja_responder(queja=q1, respuesta="Reembolsado.", usuario=clerk)
    queja_calificar(queja=q1, satisfaccion=5)
    reloj.move_to(momento("2026-11-20"))
    queja_responder(queja=q2, respuesta="Revisado.", usuario=clerk)
    queja_calificar(queja=q2, satisfaccion=2)
    reloj.move_to(momento("2026-11-25"))
    queja(clerk, tipo="felicitacion")
    reloj.move_to(momento("2026-11-30"))

"""Answering a survey on PostgreSQL: one invitation is answered once, and the debtors answering
the same survey do not wait for each other."""

import pytest
from django.core.exceptions import ValidationError
from django.db import OperationalError

from cobranza.atencion.services.encuestas import (
    invitacion_bloquear,
    invitacion_crear,
    respuestas_registrar,
)
from tests.bloqueos import Ocupado, sin_esperar
from tests.cobranza.atencion.test_encuestas_servicios import crear_encuesta, valores

pytestmark = [pytest.mark.postgres, pytest.mark.hoy("2026-12-10")]


@pytest.fixture
def dos_invitaciones(transactional_db, crear_usuario):
    encuesta = crear_encuesta(crear_usuario("supervisor"))
    return [invitacion_crear(encuesta=encuesta, canal="publica") for _ in range(2)]


def _responder(invitacion):
    return respuestas_registrar(invitacion=invitacion, valores=valores(invitacion.encuesta))


def test_dos_personas_responden_la_misma_encuesta_a_la_vez(dos_invitaciones):
    una, otra = dos_invitaciones
    with Ocupado(lambda: invitacion_bloquear(una.pk)):
        respondida = sin_esperar(lambda: _responder(otra))
    assert respondida.respondida is not None
    assert otra.encuesta.invitaciones.filter(respondida__isnull=False).count() == 1


def test_la_misma_invitacion_espera_y_no_se_responde_dos_veces(dos_invitaciones):
    una, _ = dos_invitaciones
    with Ocupado(lambda: invitacion_bloquear(una.pk)), pytest.raises(OperationalError):
        sin_esperar(lambda: _responder(una))
    _responder(una)
    with pytest.raises(ValidationError, match="ya fue respondida"):
        _responder(una)

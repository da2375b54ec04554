"""A queja's life: received with a folio, a clave and a deadline in días hábiles, assigned,
answered, closed, rated by the person once."""

import re
from datetime import date

import pytest
from django.core.exceptions import ValidationError

from cobranza.atencion.services.quejas import (
    ALFABETO_CLAVE,
    queja_asignar,
    queja_calificar,
    queja_cerrar,
    queja_responder,
)
from cobranza.models import DiaInhabil, Queja
from tests.cobranza.atencion.ayudas_quejas import (  # noqa: F401 (fixtures)
    fixture_areas,
    fixture_personas,
    queja,
    sin_limites_previos,
)

pytestmark = pytest.mark.django_db


@pytest.mark.hoy("2026-11-12")  # a Thursday; Monday 16 is Día de la Revolución
def test_el_plazo_cuenta_dias_habiles_y_salta_el_dia_inhabil(personas):
    DiaInhabil.objects.create(fecha=date(2026, 11, 16), descripcion="Día de la Revolución")

    recibida = queja(personas["ventanilla"])
    felicitacion = queja(personas["ventanilla"], tipo=Queja.Tipo.FELICITACION)

    # 10 días hábiles from Friday 13: 13, 17, 18, 19, 20, 23, 24, 25, 26, 27 (16 is a holiday).
    assert recibida.vence == date(2026, 11, 27)
    # 5 días hábiles: 13, 17, 18, 19, 20.
    assert felicitacion.vence == date(2026, 11, 20)


@pytest.mark.hoy("2026-11-12")
def test_sin_dia_inhabil_el_plazo_termina_un_dia_antes(personas):
    assert queja(personas["ventanilla"]).vence == date(2026, 11, 26)


@pytest.mark.hoy("2026-11-18")
def test_folio_consecutivo_por_anio_y_clave_sin_caracteres_ambiguos(personas):
    primera, segunda = queja(personas["ventanilla"]), queja()

    assert (primera.folio, segunda.folio) == ("Q26-000001", "Q26-000002")
    assert re.fullmatch(f"[{ALFABETO_CLAVE}]{{8}}", primera.clave)
    assert primera.clave != segunda.clave
    assert (primera.estado, primera.capturada_por) == (
        Queja.Estado.RECIBIDA,
        personas["ventanilla"],
    )
    assert (segunda.origen, segunda.capturada_por) == (Queja.Origen.PUBLICO, None)


def test_datos_invalidos_nombran_el_campo(personas):
    casos = [
        ({"tipo": "reclamo"}, "tipo"),
        ({"descripcion": "  "}, "descripcion"),
        ({"descripcion": "corta"}, "descripcion"),
        ({"contacto": "6" * 121}, "contacto"),
        ({"origen": "telefono", "usuario": None}, "origen"),  # only the public page has none
    ]
    for campos, campo in casos:
        with pytest.raises(ValidationError) as error:
            queja(**{"usuario": personas["ventanilla"], **campos})
        assert campo in error.value.message_dict
    assert not Queja.objects.exists()


def test_asignar_sin_persona_la_da_al_responsable_del_area(personas, areas):
    recibida = queja(personas["ventanilla"])

    asignada = queja_asignar(
        queja=recibida, area=areas["cobranza"], usuario=personas["supervisora"]
    )

    assert asignada.asignada_a == personas["jefa_cobranza"]
    assert asignada.estado == Queja.Estado.ASIGNADA


def test_asignar_a_un_area_sin_responsable_pide_a_quien(personas, areas):
    with pytest.raises(ValidationError) as error:
        queja_asignar(queja=queja(), area=areas["operacion"], usuario=personas["supervisora"])
    assert "asignada_a" in error.value.message_dict


def test_solo_se_asigna_a_quien_atiende_quejas(personas, areas):
    with pytest.raises(ValidationError) as error:
        queja_asignar(
            queja=queja(),
            area=areas["operacion"],
            asignada_a=personas["gerencia"],
            usuario=personas["supervisora"],
        )
    assert "asignada_a" in error.value.message_dict


def test_responder_exige_texto_y_no_dos_veces(personas):
    recibida = queja()
    with pytest.raises(ValidationError) as vacia:
        queja_responder(queja=recibida, respuesta="   ", usuario=personas["ventanilla"])
    assert "respuesta" in vacia.value.message_dict

    respondida = queja_responder(
        queja=recibida, respuesta="Se reembolsa el cobro doble.", usuario=personas["ventanilla"]
    )
    assert (respondida.estado, respondida.respondida_por) == (
        Queja.Estado.RESPONDIDA,
        personas["ventanilla"],
    )
    with pytest.raises(ValidationError, match="ya tiene respuesta"):
        queja_responder(queja=respondida, respuesta="Otra", usuario=personas["ventanilla"])


def test_no_se_cierra_sin_respuesta_ni_se_responde_cerrada(personas):
    recibida = queja()
    with pytest.raises(ValidationError, match="antes de cerrarla"):
        queja_cerrar(queja=recibida, usuario=personas["ventanilla"])

    queja_responder(queja=recibida, respuesta="Atendida.", usuario=personas["ventanilla"])
    cerrada = queja_cerrar(queja=recibida, usuario=personas["ventanilla"], satisfaccion=4)
    assert (cerrada.estado, cerrada.satisfaccion) == (Queja.Estado.CERRADA, 4)
    assert cerrada.cerrada is not None

    with pytest.raises(ValidationError) as error:
        queja_responder(queja=cerrada, respuesta="Tarde", usuario=personas["ventanilla"])
    assert error.value.message_dict["respuesta"] == ["La queja está cerrada; ya no se responde."]


def test_la_persona_califica_una_sola_vez_y_solo_con_respuesta(personas):
    recibida = queja()
    with pytest.raises(ValidationError, match="cuando tenga respuesta"):
        queja_calificar(queja=recibida, satisfaccion=5)
    queja_responder(queja=recibida, respuesta="Atendida.", usuario=personas["ventanilla"])

    assert queja_calificar(queja=recibida, satisfaccion="5").satisfaccion == 5
    with pytest.raises(ValidationError, match="ya fue calificada"):
        queja_calificar(queja=recibida, satisfaccion=1)
    with pytest.raises(ValidationError, match="ya calificó"):
        queja_cerrar(queja=recibida, usuario=personas["ventanilla"], satisfaccion=3)
    recibida.refresh_from_db()
    assert recibida.satisfaccion == 5


@pytest.mark.parametrize("valor", [0, 6, "cinco", None])
def test_la_satisfaccion_va_del_1_al_5(personas, valor):
    recibida = queja()
    queja_responder(queja=recibida, respuesta="Atendida.", usuario=personas["ventanilla"])
    with pytest.raises(ValidationError) as error:
        queja_calificar(queja=recibida, satisfaccion=valor)
    assert "satisfaccion" in error.value.message_dict


def test_el_historial_dice_quien_hizo_que(personas, areas):
    recibida = queja(personas["ventanilla"])
    queja_asignar(queja=recibida, area=areas["cobranza"], usuario=personas["supervisora"])
    queja_responder(queja=recibida, respuesta="Atendida.", usuario=personas["jefa_cobranza"])
    queja_cerrar(queja=recibida, usuario=personas["jefa_cobranza"])

    historial = recibida.history.order_by("history_date", "history_id")
    assert [(h.history_user, h.estado) for h in historial] == [
        (personas["ventanilla"], "recibida"),
        (personas["supervisora"], "asignada"),
        (personas["jefa_cobranza"], "respondida"),
        (personas["jefa_cobranza"], "cerrada"),
    ]
    assert historial.first().history_change_reason == "Recibida por ventanilla"

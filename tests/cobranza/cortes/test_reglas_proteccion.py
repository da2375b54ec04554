"""Protection rules: data with effective dates that keep accounts out of the corte list
(e.g. a declared emergency: no domestic cuts in a municipality for users registered as
unable to pay), and the list says which rule left each one out."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from cobranza.cortes.services.listas import lista_corte_generar, regla_proteccion_guardar
from cobranza.models import OrdenCorte, ReglaProteccion
from padron.models import CondicionEspecial, Cuenta
from tests.cobranza.cortes.ayudas import (
    DIA,
    cartera_de_agua,
    condicion,
    deudora,
    reglas_de_convenios,
)
from tests.factories import CarteraFactory

pytestmark = [pytest.mark.django_db, pytest.mark.fecha]


@pytest.fixture(autouse=True)
def _reglas_de_convenios():
    reglas_de_convenios()


@pytest.fixture
def cartera(db):
    return cartera_de_agua()


SIN_CAPACIDAD = CondicionEspecial.Tipo.SIN_CAPACIDAD_PAGO


@pytest.fixture
def supervisor(crear_usuario):
    return crear_usuario("supervisor")


def regla(carteras=(), **campos):
    campos = {"nombre": "Emergencia sanitaria", "vigente_desde": date(2026, 3, 1), **campos}
    nueva = ReglaProteccion.objects.create(**campos)
    nueva.carteras.set(carteras)
    return nueva


def exclusiones(cartera, usuario, dia=DIA):
    lista = lista_corte_generar(criterios={"cartera": cartera}, usuario=usuario, dia=dia)
    return {e.cuenta.numero: e for e in lista.exclusiones.select_related("cuenta", "regla")}


@pytest.mark.parametrize(
    ("dia", "protegida"),
    [
        (date(2026, 2, 28), False),  # before it starts
        (date(2026, 3, 1), True),  # first day
        (date(2026, 3, 31), True),  # last day
        (date(2026, 4, 1), False),  # it ended
    ],
)
def test_la_regla_protege_solo_durante_su_vigencia(cartera, supervisor, dia, protegida):
    emergencia = regla(vigente_hasta=date(2026, 3, 31))
    cuenta = deudora(cartera)
    fuera = exclusiones(cartera, supervisor, dia=dia)
    assert (cuenta.numero in fuera) is protegida
    if protegida:
        assert (fuera[cuenta.numero].motivo, fuera[cuenta.numero].regla) == (
            "regla_proteccion",
            emergencia,
        )


def test_regla_sin_fecha_final_sigue_en_vigor(cartera, supervisor):
    regla()
    cuenta = deudora(cartera)
    assert cuenta.numero in exclusiones(cartera, supervisor, dia=date(2030, 1, 1))


def test_regla_inactiva_no_protege(cartera, supervisor):
    regla(activa=False)
    cuenta = deudora(cartera)
    assert cuenta.numero not in exclusiones(cartera, supervisor)


def test_por_municipio_sin_importar_mayusculas(cartera, supervisor):
    regla(municipios=["caborca"])
    caborca = deudora(cartera, municipio="Caborca")
    pitiquito = deudora(cartera, municipio="Pitiquito")
    fuera = exclusiones(cartera, supervisor)
    assert caborca.numero in fuera
    assert pitiquito.numero not in fuera


def test_por_sector(cartera, supervisor):
    regla(sectores=["3"])
    tres, uno = deudora(cartera, sector="3"), deudora(cartera, sector="1")
    fuera = exclusiones(cartera, supervisor)
    assert tres.numero in fuera
    assert uno.numero not in fuera


def test_por_clasificacion(cartera, supervisor):
    regla(clasificaciones=[Cuenta.Clasificacion.DOMESTICA])
    domestica = deudora(cartera, clasificacion=Cuenta.Clasificacion.DOMESTICA)
    comercial = deudora(cartera, clasificacion=Cuenta.Clasificacion.COMERCIAL)
    fuera = exclusiones(cartera, supervisor)
    assert domestica.numero in fuera
    assert comercial.numero not in fuera


def test_por_condicion_vigente_del_titular(cartera, supervisor):
    regla(condiciones=[SIN_CAPACIDAD])
    registrada = deudora(cartera)
    condicion(registrada, tipo=SIN_CAPACIDAD)
    ya_no = deudora(cartera)
    condicion(ya_no, tipo=SIN_CAPACIDAD, desde=date(2025, 1, 1), hasta=date(2026, 2, 28))
    otra_condicion = deudora(cartera)
    condicion(otra_condicion, tipo=CondicionEspecial.Tipo.JUBILADO)
    sin_registro = deudora(cartera)
    fuera = exclusiones(cartera, supervisor)
    assert registrada.numero in fuera
    assert not {ya_no.numero, otra_condicion.numero, sin_registro.numero} & set(fuera)


def test_la_emergencia_del_issue_combina_todo(cartera, supervisor):
    """No domestic cuts in Caborca, sector 1, for users registered as unable to pay."""
    emergencia = regla(
        municipios=["Caborca"],
        sectores=["1"],
        clasificaciones=["domestica"],
        condiciones=[SIN_CAPACIDAD],
        fundamento="Declaratoria de emergencia 01/2026",
    )
    protegida = deudora(cartera, municipio="Caborca", sector="1", clasificacion="domestica")
    condicion(protegida, tipo=SIN_CAPACIDAD)
    comercial = deudora(cartera, municipio="Caborca", sector="1", clasificacion="comercial")
    condicion(comercial, tipo=SIN_CAPACIDAD)
    otro_sector = deudora(cartera, municipio="Caborca", sector="2", clasificacion="domestica")
    condicion(otro_sector, tipo=SIN_CAPACIDAD)
    fuera = exclusiones(cartera, supervisor)
    assert set(fuera) == {protegida.numero}
    assert fuera[protegida.numero].regla == emergencia


def test_regla_de_otra_cartera_no_aplica_y_sin_carteras_aplica_a_todas(cartera, supervisor):
    otra = CarteraFactory(clave="agua-pitiquito", nombre="OOMAPAS Pitiquito")
    de_otra = regla(carteras=[otra], nombre="Solo Pitiquito")
    cuenta = deudora(cartera)
    assert cuenta.numero not in exclusiones(cartera, supervisor)
    OrdenCorte.objects.update(estado=OrdenCorte.Estado.CANCELADA)
    de_otra.carteras.set([])
    assert exclusiones(cartera, supervisor)[cuenta.numero].regla == de_otra


def test_la_primera_regla_en_vigor_es_la_que_se_registra(cartera, supervisor):
    vieja = regla(nombre="Vieja", vigente_desde=date(2026, 1, 1))
    regla(nombre="Nueva", vigente_desde=date(2026, 3, 1))
    cuenta = deudora(cartera)
    assert exclusiones(cartera, supervisor)[cuenta.numero].regla == vieja


def test_ya_cortada_se_registra_antes_que_la_regla(cartera, supervisor):
    regla()
    cuenta = deudora(cartera, estado=Cuenta.Estado.CORTADA)
    assert exclusiones(cartera, supervisor)[cuenta.numero].motivo == "ya_cortada"


# --- editing the rules ----------------------------------------------------------------------


def test_fin_antes_del_inicio_es_error_del_campo(supervisor):
    with pytest.raises(ValidationError) as error:
        regla_proteccion_guardar(
            datos={
                "nombre": "Emergencia",
                "vigente_desde": date(2026, 3, 10),
                "vigente_hasta": date(2026, 3, 9),
            },
            usuario=supervisor,
        )
    assert error.value.message_dict == {
        "vigente_hasta": ["La fecha final no puede ser anterior a la inicial."]
    }


def test_la_base_tampoco_admite_fin_antes_del_inicio():
    with pytest.raises(IntegrityError), transaction.atomic():
        regla(vigente_desde=date(2026, 3, 10), vigente_hasta=date(2026, 3, 9))


def test_opciones_desconocidas_y_carteras_de_credito_se_rechazan(supervisor):
    from tests.factories import CarteraCreditoFactory

    with pytest.raises(ValidationError) as error:
        regla_proteccion_guardar(
            datos={
                "nombre": "X",
                "vigente_desde": date(2026, 3, 1),
                "clasificaciones": ["rural"],
                "condiciones": ["simpatico"],
            },
            carteras=[CarteraCreditoFactory()],
            usuario=supervisor,
        )
    assert set(error.value.message_dict) == {"clasificaciones", "condiciones", "carteras"}


def test_el_cambio_queda_en_el_historial_con_su_motivo(cartera, supervisor):
    nueva = regla_proteccion_guardar(
        datos={
            "nombre": "Ola de calor",
            "vigente_desde": date(2026, 6, 1),
            "municipios": "Caborca, Pitiquito",
        },
        carteras=[cartera],
        usuario=supervisor,
    )
    assert nueva.municipios == ["Caborca", "Pitiquito"]
    with pytest.raises(ValidationError) as error:
        regla_proteccion_guardar(
            regla=nueva, datos={"vigente_hasta": date(2026, 8, 31)}, usuario=supervisor
        )
    assert "motivo" in error.value.message_dict
    regla_proteccion_guardar(
        regla=nueva,
        datos={"vigente_hasta": date(2026, 8, 31)},
        usuario=supervisor,
        motivo="Se levantó la alerta",
    )
    ultimo = nueva.history.latest("history_id")
    assert (ultimo.vigente_hasta, ultimo.history_user, ultimo.history_change_reason) == (
        date(2026, 8, 31),
        supervisor,
        "Se levantó la alerta",
    )
    assert nueva.history.count() == 2

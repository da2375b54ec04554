"""Titulares: the rules of each kind of person, the reason in the history, the search text."""

import pytest
from django.core.exceptions import ValidationError

from padron.models import Cuenta, Titular
from padron.services import titular_actualizar, titular_crear
from tests.factories import CuentaFactory, TitularFactory
from tests.padron.conftest import curp_valida

pytestmark = pytest.mark.django_db

CURP = curp_valida("PEVJ850315HSRRLN0")


def _errores(funcion, **kwargs):
    with pytest.raises(ValidationError) as error:
        funcion(**kwargs)
    return error.value.message_dict


def test_alta_de_persona_fisica_con_curp(supervisor):
    titular = titular_crear(
        datos={
            "nombre": " Juan ",
            "apellido_paterno": "Pérez",
            "curp": CURP.lower(),
            "domicilio": "Calle Ñandú #4",
        },
        usuario=supervisor,
    )
    titular.refresh_from_db()
    assert titular.nombre == "Juan"
    assert titular.curp == CURP
    assert titular.nombre_normalizado == "JUAN PEREZ"
    assert titular.domicilio_normalizado == "CALLE NANDU 4"
    alta = titular.history.get()
    assert alta.history_user == supervisor
    assert alta.history_change_reason == "Alta de titular"


def test_persona_fisica_necesita_apellido_paterno():
    errores = _errores(titular_crear, datos={"nombre": "Juan"})
    assert errores == {
        "apellido_paterno": ["El apellido paterno es obligatorio para una persona física."]
    }
    assert not Titular.objects.exists()


def test_persona_fisica_con_rfc_de_doce_caracteres():
    errores = _errores(
        titular_crear, datos={"nombre": "Juan", "apellido_paterno": "Pérez", "rfc": "ABC800101AB1"}
    )
    assert errores["rfc"] == ["El RFC de una persona física debe tener 13 caracteres."]


def test_persona_moral_necesita_rfc_de_doce_caracteres():
    errores = _errores(titular_crear, datos={"tipo_persona": "moral", "nombre": "Mariscos SA"})
    assert errores["rfc"] == ["El RFC es obligatorio para una persona moral."]

    errores = _errores(
        titular_crear,
        datos={"tipo_persona": "moral", "nombre": "Mariscos SA", "rfc": "GOMA800101AB1"},
    )
    assert errores["rfc"] == ["El RFC de una persona moral debe tener 12 caracteres."]

    errores = _errores(
        titular_crear,
        datos={
            "tipo_persona": "moral",
            "nombre": "Mariscos SA",
            "rfc": "MAR800101AB1",
            "curp": CURP,
        },
    )
    assert errores["curp"] == ["Una persona moral no tiene CURP; deje el campo vacío."]

    moral = titular_crear(
        datos={
            "tipo_persona": "moral",
            "nombre": "Mariscos El Güero SA de CV",
            "rfc": "MEG800101AB1",
        }
    )
    assert moral.pk and moral.nombre_completo == "Mariscos El Güero SA de CV"


def test_curp_invalida_nombra_el_campo():
    errores = _errores(
        titular_crear,
        datos={"nombre": "Juan", "apellido_paterno": "Pérez", "curp": CURP[:17] + "X"},
    )
    assert list(errores) == ["curp"]
    assert "CURP" in errores["curp"][0]


def test_campo_desconocido():
    errores = _errores(titular_crear, datos={"nombre": "Juan", "saldo": 0})
    assert errores["saldo"] == ["Este campo no existe o no se puede modificar."]


def test_el_cambio_queda_en_el_historial_con_usuario_y_motivo(supervisor):
    titular = TitularFactory(nombre="Juan", telefono="6371234567")
    titular_actualizar(
        titular=titular,
        datos={"telefono": "6379876543"},
        motivo="El titular reportó su nuevo número en ventanilla",
        usuario=supervisor,
    )
    ultimo = titular.history.first()
    assert ultimo.history_type == "~"
    assert ultimo.history_user == supervisor
    assert ultimo.history_change_reason == "El titular reportó su nuevo número en ventanilla"
    cambio = ultimo.diff_against(ultimo.prev_record)
    assert [(c.field, c.old, c.new) for c in cambio.changes] == [
        ("telefono", "6371234567", "6379876543")
    ]


def test_sin_motivo_no_se_guarda(supervisor):
    titular = TitularFactory(telefono="6371234567")
    errores = _errores(
        titular_actualizar,
        titular=titular,
        datos={"telefono": "1"},
        motivo="  ",
        usuario=supervisor,
    )
    assert errores == {"motivo": ["Indique el motivo del cambio."]}
    titular.refresh_from_db()
    assert titular.telefono == "6371234567"


def test_datos_iguales_no_dejan_historial(supervisor):
    titular = TitularFactory(nombre="Juan")
    antes = titular.history.count()
    titular_actualizar(
        titular=titular, datos={"nombre": "Juan "}, motivo="revisión", usuario=supervisor
    )
    assert titular.history.count() == antes


def test_regla_violada_no_guarda_nada(supervisor):
    titular = TitularFactory()
    errores = _errores(
        titular_actualizar,
        titular=titular,
        datos={"apellido_paterno": ""},
        motivo="corrección",
        usuario=supervisor,
    )
    assert "apellido_paterno" in errores
    titular.refresh_from_db()
    assert titular.apellido_paterno == "Pérez"
    assert titular.history.count() == 1


def test_el_cambio_de_nombre_rehace_la_busqueda_de_sus_cuentas(
    supervisor, django_assert_max_num_queries
):
    titular = TitularFactory(nombre="Juan", apellido_paterno="Pérez", apellido_materno="")
    cuentas = CuentaFactory.create_batch(3, titular=titular)
    ajena = CuentaFactory()

    with django_assert_max_num_queries(12):
        titular_actualizar(
            titular=titular,
            datos={"apellido_paterno": "Peñúñuri", "curp": CURP},
            motivo="Corrección de acta de nacimiento",
            usuario=supervisor,
        )

    for cuenta in cuentas:
        cuenta.refresh_from_db()
        assert "JUAN PENUNURI" in cuenta.busqueda
        assert CURP in cuenta.busqueda
        assert "PEREZ" not in cuenta.busqueda
    assert Cuenta.objects.filter(busqueda__contains="PENUNURI").count() == 3
    ajena.refresh_from_db()
    assert "PENUNURI" not in ajena.busqueda

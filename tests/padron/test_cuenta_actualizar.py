"""Cuentas, carteras and condiciones especiales: the rules of each kind and their history."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from padron.models import Cartera, CondicionEspecial, Cuenta
from padron.services import (
    cartera_actualizar,
    condicion_especial_registrar,
    cuenta_actualizar,
    cuenta_crear,
)
from tests.factories import CuentaFactory, TitularFactory

pytestmark = pytest.mark.django_db


def _errores(funcion, **kwargs):
    with pytest.raises(ValidationError) as error:
        funcion(**kwargs)
    return error.value.message_dict


# --- cuentas --------------------------------------------------------------------------------


def test_alta_de_cuenta_de_agua(cartera_agua, supervisor):
    titular = TitularFactory(nombre="Rosa", apellido_paterno="Félix")
    cuenta = cuenta_crear(
        datos={
            "numero": "20001",
            "titular": titular,
            "cartera": cartera_agua,
            "clasificacion": "comercial",
            "sector": "3",
            "ruta": "301",
            "domicilio": "Av. Obregón 15",
            "servicio_agua": True,
        },
        usuario=supervisor,
    )
    cuenta.refresh_from_db()
    assert cuenta.busqueda == "20001 ROSA FELIX VALENZUELA AV OBREGON 15"
    assert cuenta.history.get().history_user == supervisor


def test_cuenta_de_agua_necesita_clasificacion_sector_y_ruta(cartera_agua):
    errores = _errores(
        cuenta_crear,
        datos={"numero": "20002", "titular": TitularFactory(), "cartera": cartera_agua},
    )
    assert errores == {
        "clasificacion": ["La clasificación del predio es obligatoria en una cuenta de agua."],
        "sector": ["El sector es obligatorio en una cuenta de agua."],
        "ruta": ["La ruta es obligatoria en una cuenta de agua."],
    }
    assert not Cuenta.objects.exists()


def test_credito_necesita_pagare_y_monto(cartera_credito):
    errores = _errores(
        cuenta_crear,
        datos={"numero": "C-1", "titular": TitularFactory(), "cartera": cartera_credito},
    )
    assert errores == {
        "pagare_folio": ["El folio del pagaré es obligatorio en un crédito."],
        "monto_otorgado": ["El monto otorgado es obligatorio en un crédito."],
    }
    cuenta = cuenta_crear(
        datos={
            "numero": "C-1",
            "titular": TitularFactory(),
            "cartera": cartera_credito,
            "pagare_folio": "P-2020-001",
            "monto_otorgado": Decimal("45000.00"),
            "fecha_otorgamiento": date(2020, 8, 1),
            "inicio_recuperacion": date(2024, 8, 1),
            "plazo_meses": 48,
        }
    )
    assert cuenta.monto_otorgado == Decimal("45000.00")


def test_monto_otorgado_y_fechas_del_credito(cartera_credito):
    errores = _errores(
        cuenta_crear,
        datos={
            "numero": "C-2",
            "titular": TitularFactory(),
            "cartera": cartera_credito,
            "pagare_folio": "P-2",
            "monto_otorgado": Decimal("0"),
            "fecha_otorgamiento": date(2020, 8, 1),
            "inicio_recuperacion": date(2019, 1, 1),
        },
    )
    assert errores["monto_otorgado"] == ["El monto otorgado debe ser mayor que cero."]
    assert errores["inicio_recuperacion"] == [
        "El inicio de la recuperación no puede ser anterior a la fecha de otorgamiento."
    ]


def test_numero_de_cuenta_repetido(cartera_agua):
    CuentaFactory(numero="555")
    errores = _errores(
        cuenta_crear,
        datos={
            "numero": "555",
            "titular": TitularFactory(),
            "cartera": cartera_agua,
            "clasificacion": "domestica",
            "sector": "1",
            "ruta": "1",
        },
    )
    assert list(errores) == ["numero"]


def test_cambio_de_cuenta_con_motivo_y_usuario(supervisor):
    cuenta = CuentaFactory(ruta="101")
    cuenta = cuenta_actualizar(
        cuenta=cuenta,
        datos={"ruta": "102", "medidor": "M-778"},
        motivo="Reasignación de rutas 2025",
        usuario=supervisor,
    )
    assert cuenta.ruta == "102"
    ultimo = cuenta.history.first()
    assert ultimo.history_user == supervisor
    assert ultimo.history_change_reason == "Reasignación de rutas 2025"
    cambios = {c.field: (c.old, c.new) for c in ultimo.diff_against(ultimo.prev_record).changes}
    assert cambios == {"ruta": ("101", "102"), "medidor": ("", "M-778")}


def test_cambio_de_titular_rehace_la_busqueda(supervisor):
    cuenta = CuentaFactory()
    nuevo = TitularFactory(nombre="Lucía", apellido_paterno="Ochoa", apellido_materno="")
    cuenta = cuenta_actualizar(
        cuenta=cuenta, datos={"titular": nuevo}, motivo="Traspaso", usuario=supervisor
    )
    cuenta.refresh_from_db()
    assert cuenta.titular == nuevo
    assert "LUCIA OCHOA" in cuenta.busqueda


def test_cuenta_sin_motivo_o_sin_cambios(supervisor):
    cuenta = CuentaFactory(sector="1")
    assert _errores(
        cuenta_actualizar, cuenta=cuenta, datos={"sector": "2"}, motivo="", usuario=supervisor
    ) == {"motivo": ["Indique el motivo del cambio."]}
    cuenta_actualizar(cuenta=cuenta, datos={"sector": "1"}, motivo="nada", usuario=supervisor)
    assert cuenta.history.count() == 1


def test_cambiar_a_agua_sin_ruta_se_rechaza(supervisor):
    cuenta = CuentaFactory()
    errores = _errores(
        cuenta_actualizar, cuenta=cuenta, datos={"ruta": ""}, motivo="x", usuario=supervisor
    )
    assert errores == {"ruta": ["La ruta es obligatoria en una cuenta de agua."]}


# --- carteras ------------------------------------------------------------------------------


def test_cartera_cambia_prelacion_tasa_y_gracia(cartera_agua, supervisor):
    cartera = cartera_actualizar(
        cartera=cartera_agua,
        datos={
            "prelacion": ["principal", "recargos", "gastos_ejecucion", "multas_extraordinarios"],
            "tasa_recargo_mensual": Decimal("1.13"),
            "dias_gracia_recargo": 10,
        },
        motivo="Acuerdo de consejo 12/2025",
        usuario=supervisor,
    )
    cartera.refresh_from_db()
    assert cartera.prelacion[0] == "principal"
    assert cartera.tasa_recargo_mensual == Decimal("1.13")
    ultimo = cartera.history.first()
    assert (ultimo.history_user, ultimo.history_change_reason) == (
        supervisor,
        "Acuerdo de consejo 12/2025",
    )


@pytest.mark.parametrize(
    "prelacion",
    [
        ["principal", "principal", "recargos", "gastos_ejecucion"],
        ["principal", "recargos", "gastos_ejecucion"],
        ["principal", "recargos", "gastos_ejecucion", "multas_extraordinarios", "otros"],
    ],
)
def test_prelacion_con_cada_grupo_una_vez(cartera_agua, supervisor, prelacion):
    errores = _errores(
        cartera_actualizar,
        cartera=cartera_agua,
        datos={"prelacion": prelacion},
        motivo="x",
        usuario=supervisor,
    )
    assert errores["prelacion"][0].startswith(
        "La prelación debe incluir cada grupo exactamente una vez"
    )


def test_tasa_negativa_y_tipo_de_cartera_con_cuentas(cartera_agua, supervisor):
    errores = _errores(
        cartera_actualizar,
        cartera=cartera_agua,
        datos={"tasa_recargo_mensual": Decimal("-1")},
        motivo="x",
        usuario=supervisor,
    )
    assert list(errores) == ["tasa_recargo_mensual"]
    CuentaFactory(cartera=cartera_agua)
    errores = _errores(
        cartera_actualizar,
        cartera=cartera_agua,
        datos={"tipo": Cartera.Tipo.CREDITO},
        motivo="x",
        usuario=supervisor,
    )
    assert errores == {"tipo": ["No se puede cambiar el tipo de una cartera que ya tiene cuentas."]}


# --- condiciones especiales -------------------------------------------------------------------


def test_condicion_con_evidencia(supervisor):
    titular = TitularFactory()
    evidencia = SimpleUploadedFile(
        "credencial.pdf", b"%PDF-1.4 credencial INAPAM", "application/pdf"
    )
    condicion = condicion_especial_registrar(
        titular=titular,
        tipo="adulto_mayor",
        vigente_desde=date(2025, 1, 1),
        vigente_hasta=date(2027, 12, 31),
        evidencia=evidencia,
        descripcion_evidencia="Credencial INAPAM",
        usuario=supervisor,
    )
    condicion.refresh_from_db()
    assert condicion.evidencia.name.startswith("condiciones/credencial")
    assert condicion.evidencia.read() == b"%PDF-1.4 credencial INAPAM"
    assert condicion.vigente_en(date(2026, 6, 1))
    assert condicion.history.get().history_user == supervisor


@pytest.mark.parametrize(
    ("datos", "errores"),
    [
        ({}, {"evidencia": ["Adjunte la evidencia o describa el documento presentado."]}),
        (
            {"descripcion_evidencia": "Dictamen", "vigente_hasta": date(2024, 1, 1)},
            {"vigente_hasta": ["La vigencia no puede terminar antes de empezar."]},
        ),
        (
            {"evidencia": SimpleUploadedFile("virus.exe", b"MZ")},
            {"evidencia": ["La evidencia debe ser un archivo PDF, JPG o PNG."]},
        ),
    ],
)
def test_condicion_invalida(supervisor, datos, errores):
    assert (
        _errores(
            condicion_especial_registrar,
            titular=TitularFactory(),
            tipo="discapacidad",
            vigente_desde=date(2025, 1, 1),
            usuario=supervisor,
            **datos,
        )
        == errores
    )
    assert not CondicionEspecial.objects.exists()


def test_condicion_solo_para_personas_fisicas(supervisor):
    moral = TitularFactory(
        tipo_persona="moral", nombre="Hielera SA", apellido_paterno="", apellido_materno=""
    )
    errores = _errores(
        condicion_especial_registrar,
        titular=moral,
        tipo="jubilado",
        vigente_desde=date(2025, 1, 1),
        descripcion_evidencia="x",
        usuario=supervisor,
    )
    assert errores == {"tipo": ["Las condiciones especiales solo aplican a personas físicas."]}

"""Extraordinary charges: proposed with evidence by one person, touching no balance until
another person with the right approves them; a rejection needs its reason."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from cobranza.facturacion.services.extraordinarios import (
    cargo_proponer,
    cargo_propuesto_aprobar,
    cargo_propuesto_rechazar,
)
from cobranza.libro.services.cargos import cargo_registrar
from cobranza.models import Cargo, SaldoCuenta
from padron.fechas import hoy
from tests.factories import CuentaFactory

pytestmark = [pytest.mark.django_db, pytest.mark.fecha]
D = Decimal


@pytest.fixture
def cuenta(db):
    return CuentaFactory()


def _proponer(cuenta, usuario, **extra):
    datos = {
        "tipo": "ampliacion",
        "monto": "1850.00",
        "fecha_vencimiento": hoy() + timedelta(days=15),
        "descripcion": "Ampliación de toma a 3/4",
        "evidencia": SimpleUploadedFile("orden.jpg", b"\xff\xd8\xff\xe0foto"),
        **extra,
    }
    return cargo_proponer(cuenta=cuenta, usuario=usuario, **datos)


def test_proponer_no_toca_el_saldo_y_otra_persona_autoriza(cuenta, crear_usuario):
    ventanilla, supervisor = crear_usuario("ventanilla"), crear_usuario("supervisor")
    propuesta = _proponer(cuenta, ventanilla)
    assert not Cargo.objects.filter(cuenta=cuenta).exists()

    with pytest.raises(PermissionDenied):
        cargo_propuesto_aprobar(propuesta=propuesta, usuario=crear_usuario("caja"))
    propuesta = cargo_propuesto_aprobar(propuesta=propuesta, usuario=supervisor)

    cargo = propuesta.cargo
    assert (cargo.concepto, cargo.monto, cargo.registrado_por, cargo.autorizado_por) == (
        "extraordinario",
        D("1850.00"),
        ventanilla,
        supervisor,
    )
    assert SaldoCuenta.objects.get(cuenta=cuenta).saldo == D("1850.00")
    assert propuesta.history.first().history_user == supervisor


def test_nadie_autoriza_su_propio_cargo(cuenta, crear_usuario):
    supervisor = crear_usuario("supervisor")
    propuesta = _proponer(cuenta, supervisor)
    with pytest.raises(ValidationError) as error:
        cargo_propuesto_aprobar(propuesta=propuesta, usuario=supervisor)
    assert "no puede autorizarlo" in str(error.value)
    # nor directly through the ledger
    with pytest.raises(ValidationError):
        cargo_registrar(
            cuenta=cuenta,
            concepto="multa",
            monto="100",
            fecha_vencimiento=hoy(),
            descripcion="x",
            registrado_por=supervisor,
            autorizado_por=supervisor,
        )


def test_rechazar_pide_motivo_y_no_cobra(cuenta, crear_usuario):
    propuesta = _proponer(cuenta, crear_usuario("ventanilla"), tipo="multa")
    supervisor = crear_usuario("supervisor")
    with pytest.raises(ValidationError):
        cargo_propuesto_rechazar(propuesta=propuesta, usuario=supervisor, motivo="")
    propuesta = cargo_propuesto_rechazar(
        propuesta=propuesta, usuario=supervisor, motivo="Sin acta de inspección"
    )
    assert propuesta.estado == "rechazado" and not Cargo.objects.exists()
    with pytest.raises(ValidationError):
        cargo_propuesto_aprobar(propuesta=propuesta, usuario=supervisor)


@pytest.mark.parametrize(
    ("cambio", "campo"),
    [
        ({"monto": "1,50"}, "monto"),
        ({"descripcion": " "}, "descripcion"),
        ({"fecha_vencimiento": lambda: hoy() - timedelta(days=1)}, "fecha_vencimiento"),
        ({"evidencia": SimpleUploadedFile("x.exe", b"MZ")}, "evidencia"),
    ],
)
def test_una_propuesta_mal_nombra_el_campo(cuenta, crear_usuario, cambio, campo):
    cambio = {
        k: v() if callable(v) else v for k, v in cambio.items()
    }  # "today" of the test's clock
    with pytest.raises(ValidationError) as error:
        _proponer(cuenta, crear_usuario("ventanilla"), **cambio)
    assert campo in error.value.message_dict


def test_la_cola_del_autorizador_y_la_api(cuenta, crear_usuario, cliente_api, client):
    ventanilla, supervisor = crear_usuario("ventanilla"), crear_usuario("supervisor")
    respuesta = cliente_api(ventanilla).post(
        "/api/v1/cargos-propuestos/",
        {
            "cuenta": cuenta.numero,
            "tipo": "rehabilitacion",
            "monto": "900.00",
            "fecha_vencimiento": f"{hoy() + timedelta(days=10):%Y-%m-%d}",
            "descripcion": "Rehabilitación de banqueta",
        },
        format="json",
    )
    assert respuesta.status_code == 201, respuesta.content
    folio = respuesta.json()["folio"]
    client.force_login(supervisor)
    html = client.get("/cargos/propuestos/").content.decode()
    assert folio in html and "Rehabilitación de banqueta" in html and "Autorizar" in html

    assert (
        cliente_api(ventanilla).post(f"/api/v1/cargos-propuestos/{folio}/aprobar/").status_code
        == 403
    )
    aprobado = cliente_api(supervisor).post(f"/api/v1/cargos-propuestos/{folio}/aprobar/")
    assert aprobado.status_code == 200 and aprobado.json()["estado"] == "aprobado"
    assert Cargo.objects.get(cuenta=cuenta).monto == D("900.00")

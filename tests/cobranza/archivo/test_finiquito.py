"""Finiquito: the pagarés of a convenio cumplido (and the contrato of a credit paid off) are
listed to hand back to the debtor; the return gets a folio and an acuse, and the constancia de
no adeudo names it."""

from datetime import date
from decimal import Decimal
from io import BytesIO

import pytest
from django.core.exceptions import ValidationError
from pypdf import PdfReader

from cobranza.archivo.selectors.prestamos import pagares_por_devolver
from cobranza.archivo.services.prestamos import devolucion_registrar, prestamo_registrar
from cobranza.libro.services.cargos import cargo_registrar
from cobranza.libro.services.pagos import pago_registrar
from cobranza.models import Concepto, Documento
from convenios.archivo import registrar
from convenios.documentos.documentos import constancia_pdf
from convenios.documentos.services import constancia_emitir
from convenios.models import Convenio
from convenios.negociacion.simulacion import Terminos
from convenios.services.convenios import convenio_capturar, convenio_firmar
from tests.cobranza.archivo.test_prestamos_ayudas import Estado, en_una_semana, original
from tests.convenios import conftest as convenios
from tests.factories import CarteraCreditoFactory, CuentaFactory

pytestmark = [pytest.mark.django_db, pytest.mark.hoy("2026-03-10")]

HOY = convenios.HOY
politica = convenios.politica
deudor = convenios.deudor


@pytest.fixture(autouse=True)
def _regla_de_convenios():
    registrar()  # what convenios/apps.py does at start-up (idempotent)


@pytest.fixture
def custodio(crear_usuario):
    return crear_usuario("ventanilla", first_name="Rosa", last_name="Archivo")


@pytest.fixture
def convenio(deudor, politica, custodio):
    convenio = convenio_capturar(
        cuenta=deudor,
        alternativa=politica["parcialidades"],
        capturado_por=custodio,
        dia=HOY,
        terminos=Terminos(numero_parcialidades=6, descuento_recargos_pct=Decimal("0")),
    )
    convenio_firmar(convenio=convenio, usuario=custodio, dia=HOY)
    return convenio


@pytest.fixture
def pagare(convenio):
    return original(convenio.cuenta, tipo="pagare", clave=convenio.folio, descripcion="núm. 1 de 6")


def _cumplir(convenio):
    Convenio.objects.filter(pk=convenio.pk).update(estado=Convenio.Estado.CUMPLIDO)


def _texto(contenido):
    return " ".join(p.extract_text() for p in PdfReader(BytesIO(contenido)).pages)


def test_pagare_de_convenio_cumplido_si_de_vigente_no(convenio, pagare, crear_usuario):
    pago_registrar(  # the enganche: the convenio is vigente
        cuenta=convenio.cuenta, monto="660.00", registrado_por=crear_usuario("caja"), fecha=HOY
    )
    convenio.refresh_from_db()
    otros = [
        original(convenio.cuenta, tipo="acta", clave=convenio.folio),  # not a pagaré
        original(convenio.cuenta, tipo="pagare", descripcion="de la cuenta"),  # not the convenio's
        original(convenio.cuenta, tipo="pagare", clave=convenio.folio, estado=Estado.BAJA),
    ]
    assert convenio.estado == Convenio.Estado.VIGENTE
    assert list(pagares_por_devolver()) == []

    _cumplir(convenio)

    assert list(pagares_por_devolver()) == [pagare]
    assert list(pagares_por_devolver(convenio.cuenta)) == [pagare]
    assert list(pagares_por_devolver(CuentaFactory())) == []
    assert all(o not in pagares_por_devolver() for o in otros)


def test_contrato_de_credito_liquidado(crear_usuario):
    cartera = CarteraCreditoFactory()
    caja = crear_usuario("caja")
    liquidada, debe, sin_cargos = (CuentaFactory(cartera=cartera) for _ in range(3))
    for cuenta in (liquidada, debe):
        cargo_registrar(
            cuenta=cuenta,
            concepto=Concepto.CAPITAL,
            monto="1000.00",
            periodo=date(2026, 1, 1),
            fecha_emision=date(2026, 1, 1),
            fecha_vencimiento=date(2026, 1, 31),
        )
    pago_registrar(cuenta=liquidada, monto="1000.00", registrado_por=caja, fecha=HOY)
    pago_registrar(cuenta=debe, monto="400.00", registrado_por=caja, fecha=HOY)
    contratos = {c: original(c, tipo="contrato_credito") for c in (liquidada, debe, sin_cargos)}

    assert list(pagares_por_devolver()) == [contratos[liquidada]]


def test_devolver_al_deudor(convenio, pagare, custodio):
    _cumplir(convenio)

    devolucion = devolucion_registrar(
        documento=pagare, recibe="Juan Pérez Valenzuela", identificacion="INE 123", usuario=custodio
    )

    assert devolucion.folio == "DEV-000001"
    pagare.refresh_from_db()
    assert pagare.estado == Estado.DEVUELTO
    assert list(pagares_por_devolver()) == []
    with pytest.raises(ValidationError, match="ya se devolvió al deudor con el folio DEV-000001"):
        devolucion_registrar(
            documento=pagare, recibe="Otro", identificacion="INE", usuario=custodio
        )


def test_no_se_devuelve_si_no_esta_pagado_o_esta_prestado(convenio, pagare, custodio):
    with pytest.raises(ValidationError, match="no está liquidada"):
        devolucion_registrar(
            documento=pagare, recibe="Juan", identificacion="INE", usuario=custodio
        )

    _cumplir(convenio)
    prestamo_registrar(
        documento=pagare,
        prestatario=custodio,
        proposito="Cotejo",
        vence=en_una_semana(),
        usuario=custodio,
    )
    with pytest.raises(ValidationError, match="ya está prestado a Rosa Archivo"):
        devolucion_registrar(
            documento=pagare, recibe="Juan", identificacion="INE", usuario=custodio
        )
    assert Documento.objects.get(pk=pagare.pk).estado == Estado.PRESTADO


def test_quien_recibe_y_su_identificacion(convenio, pagare, custodio):
    _cumplir(convenio)
    with pytest.raises(ValidationError) as error:
        devolucion_registrar(documento=pagare, recibe=" ", identificacion="INE", usuario=custodio)
    assert "recibe" in error.value.message_dict


def test_pagina_de_finiquitos_y_acuse(
    client, convenio, pagare, custodio, django_assert_max_num_queries
):
    _cumplir(convenio)
    for _ in range(3):
        original(convenio.cuenta, tipo="pagare", clave=convenio.folio, descripcion="otro")
    client.force_login(custodio)

    with django_assert_max_num_queries(10):
        lista = client.get("/archivo/finiquitos/")
    html = lista.content.decode()
    assert lista.status_code == 200 and "núm. 1 de 6" in html and convenio.folio in html
    assert "núm. 1 de 6" not in client.get("/archivo/finiquitos/?cuenta=NOEXISTE").content.decode()

    respuesta = client.post(
        f"/archivo/documentos/{pagare.pk}/devolver/",
        {"recibe": "Juan Pérez Valenzuela", "identificacion": "INE 1234567890"},
    )
    assert respuesta.status_code == 302
    assert respuesta["Location"] == "/archivo/devoluciones/DEV-000001/acuse.pdf"

    acuse = client.get(respuesta["Location"])
    assert acuse.status_code == 200 and acuse["Content-Type"] == "application/pdf"
    texto = _texto(acuse.content)
    for dato in (
        "ACUSE DE DEVOLUCIÓN",
        "DEV-000001",
        "Juan Pérez Valenzuela",
        "INE 1234567890",
        convenio.cuenta.numero,
        convenio.folio,
        "Rosa Archivo",
    ):
        assert dato in texto, dato

    otra_vez = client.post(
        f"/archivo/documentos/{pagare.pk}/devolver/", {"recibe": "X", "identificacion": "INE"}
    )
    assert otra_vez.status_code == 400 and "ya se devolvió" in otra_vez.content.decode()


def test_el_abogado_no_entra_a_finiquitos(client, crear_usuario):
    client.force_login(crear_usuario("abogado_externo"))
    assert client.get("/archivo/finiquitos/").status_code == 403
    assert client.get("/archivo/devoluciones/DEV-000001/acuse.pdf").status_code == 403


def test_api_finiquitos_y_devoluciones(
    cliente_api, convenio, pagare, custodio, django_assert_max_num_queries
):
    api = cliente_api(custodio)
    rechazo = api.post(
        "/api/v1/archivo/devoluciones/",
        {"documento": pagare.pk, "recibe": "Juan", "identificacion": "INE"},
        format="json",
    )
    assert rechazo.status_code == 400 and "no está liquidada" in rechazo.json()["error"]["mensaje"]
    _cumplir(convenio)

    with django_assert_max_num_queries(8):
        lista = api.get("/api/v1/archivo/finiquitos/").json()
    assert [(d["id"], d["tipo"], d["convenio"]) for d in lista["results"]] == [
        (pagare.pk, "pagare", convenio.folio)
    ]
    numero = convenio.cuenta.numero
    assert api.get("/api/v1/archivo/finiquitos/", {"cuenta": numero}).json()["count"] == 1

    creada = api.post(
        "/api/v1/archivo/devoluciones/",
        {"documento": pagare.pk, "recibe": "Juan", "identificacion": "INE"},
        format="json",
    )
    assert creada.status_code == 201
    assert creada.json()["folio"] == "DEV-000001"
    assert creada.json()["acuse"] == "/archivo/devoluciones/DEV-000001/acuse.pdf"
    assert api.get("/api/v1/archivo/finiquitos/").json()["count"] == 0


def test_la_constancia_cita_la_devolucion(convenio, pagare, custodio, crear_usuario):
    pago_registrar(
        cuenta=convenio.cuenta, monto="3300.00", registrado_por=crear_usuario("caja"), fecha=HOY
    )
    convenio.refresh_from_db()
    if convenio.estado != Convenio.Estado.CUMPLIDO:  # paid off in full: cumplido at once or later
        _cumplir(convenio)
    devolucion = devolucion_registrar(
        documento=pagare, recibe="Juan Pérez", identificacion="INE 99", usuario=custodio
    )

    constancia = constancia_emitir(cuenta=convenio.cuenta, usuario=custodio, dia=HOY)
    texto = _texto(constancia_pdf(constancia, "https://cobranza.example.mx/verificar/"))

    assert "Documentos originales devueltos al deudor" in texto
    assert devolucion.folio in texto and "núm. 1 de 6" in texto

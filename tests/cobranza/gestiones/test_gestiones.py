"""Registering gestiones: the front desk logs a call and its result, a promesa de pago
carries its amount and date, bad input names the field, and only who may log calls can."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError

from cobranza.gestiones.services import gestion_registrar
from cobranza.models import Gestion, PromesaPago
from padron.fechas import hoy
from tests.cobranza.libro.ayudas import D
from tests.factories import CuentaFactory

pytestmark = [pytest.mark.django_db, pytest.mark.fecha]


@pytest.fixture
def cuenta():
    return CuentaFactory(numero="3001")


@pytest.fixture
def ventanilla(crear_usuario):
    return crear_usuario("ventanilla", first_name="Rosa", last_name="Leyva")


def _promesa(**extra):
    return {
        "tipo": "llamada_realizada",
        "resultado": "promesa_pago",
        "promesa_monto": "1500.50",
        "promesa_fecha": (hoy() + timedelta(days=7)).strftime("%d/%m/%Y"),
        **extra,
    }


def test_ventanilla_registra_una_llamada_sin_promesa(client, cuenta, ventanilla):
    client.force_login(ventanilla)
    respuesta = client.post(
        "/cuentas/3001/gestiones/nueva/",
        {"tipo": "llamada_realizada", "resultado": "no_localizado", "notas": "No contesta"},
        follow=True,
    )
    assert "Gestión registrada: Llamada realizada, No localizado." in respuesta.content.decode()
    gestion = Gestion.objects.get()
    assert (gestion.cuenta, gestion.usuario, gestion.notas) == (cuenta, ventanilla, "No contesta")
    assert not PromesaPago.objects.exists()


def test_promesa_de_pago_con_monto_y_fecha(client, cuenta, ventanilla):
    client.force_login(ventanilla)
    respuesta = client.post("/cuentas/3001/gestiones/nueva/", _promesa(), follow=True)

    fecha = hoy() + timedelta(days=7)
    assert f"Promesa de $1,500.50 al {fecha:%d/%m/%Y}." in respuesta.content.decode()
    promesa = PromesaPago.objects.get()
    assert promesa.monto == D("1500.50")
    assert (promesa.fecha_compromiso, promesa.prometida_el) == (fecha, hoy())
    assert promesa.estado == "vigente"
    assert promesa.gestion.resultado == "promesa_pago"


def test_una_promesa_para_hoy_se_acepta(cuenta, ventanilla):
    gestion = gestion_registrar(
        cuenta=cuenta,
        usuario=ventanilla,
        tipo="visita",
        resultado="promesa_pago",
        promesa_monto="100",
        promesa_fecha=hoy(),
    )
    assert gestion.promesa.fecha_compromiso == hoy()


@pytest.mark.parametrize(
    ("cambios", "campo", "texto"),
    [
        ({"promesa_monto": ""}, "promesa_monto", "Indique el monto"),
        ({"promesa_monto": "0"}, "promesa_monto", "mayor que cero"),
        ({"promesa_monto": "-5"}, "promesa_monto", "mayor que cero"),
        ({"promesa_monto": "mil"}, "promesa_monto", "debe ser un número"),
        ({"promesa_monto": "10.505"}, "promesa_monto", "dos decimales"),
        ({"promesa_fecha": ""}, "promesa_fecha", "Indique la fecha"),
        ({"promesa_fecha": "ayer"}, "promesa_fecha", "dd/mm/aaaa"),
        ({"tipo": "telegrama"}, "tipo", "tipo de gestión"),
        ({"resultado": "quizas"}, "resultado", "resultado"),
    ],
)
def test_datos_invalidos_nombran_el_campo(cuenta, ventanilla, cambios, campo, texto):
    datos = {**_promesa(), **cambios}
    with pytest.raises(ValidationError) as error:
        gestion_registrar(cuenta=cuenta, usuario=ventanilla, **datos)
    assert texto in " ".join(error.value.message_dict[campo])
    assert not Gestion.objects.exists()


def test_una_promesa_con_fecha_pasada_se_rechaza(cuenta, ventanilla):
    ayer = (hoy() - timedelta(days=1)).strftime("%d/%m/%Y")
    with pytest.raises(ValidationError) as error:
        gestion_registrar(cuenta=cuenta, usuario=ventanilla, **_promesa(promesa_fecha=ayer))
    assert error.value.message_dict == {
        "promesa_fecha": ["La fecha prometida no puede ser anterior a hoy."]
    }


def test_la_pagina_muestra_el_error_en_su_campo(client, cuenta, ventanilla):
    client.force_login(ventanilla)
    respuesta = client.post("/cuentas/3001/gestiones/nueva/", _promesa(promesa_monto="0"))
    assert respuesta.status_code == 400
    assert respuesta.context["form"].errors == {
        "promesa_monto": ["El monto debe ser mayor que cero."]
    }
    assert not Gestion.objects.exists()


def test_caja_no_registra_gestiones(client, cuenta, crear_usuario):
    client.force_login(crear_usuario("caja"))
    assert client.get("/cuentas/3001/gestiones/nueva/").status_code == 403
    assert client.post("/cuentas/3001/gestiones/nueva/", _promesa()).status_code == 403


def test_una_cuenta_fuera_de_su_alcance_es_404(client, cuenta, crear_usuario):
    client.force_login(crear_usuario("abogado_externo"))  # sees only its assigned cuentas
    assert client.post("/cuentas/3001/gestiones/nueva/", _promesa()).status_code == 404
    assert not Gestion.objects.exists()


def test_la_cuenta_muestra_la_seccion_con_el_formulario(client, cuenta, ventanilla):
    gestion_registrar(cuenta=cuenta, usuario=ventanilla, **_promesa())
    client.force_login(ventanilla)
    html = client.get("/cuentas/3001/").content.decode()
    assert "Últimos movimientos" in html
    assert "Promesas de pago vigentes" in html and "$1,500.50" in html
    assert 'action="/cuentas/3001/gestiones/nueva/"' in html
    assert 'href="/cuentas/3001/linea-de-tiempo/"' in html
    recientes = client.get("/cuentas/3001/linea-de-tiempo/", {"parcial": "1"})
    assert "Llamada realizada: Promesa de pago" in recientes.content.decode()


def test_caja_ve_la_seccion_sin_formulario(client, cuenta, crear_usuario):
    client.force_login(crear_usuario("caja"))
    html = client.get("/cuentas/3001/").content.decode()
    assert "Últimos movimientos" in html
    assert "/gestiones/nueva/" not in html


# --- API ------------------------------------------------------------------------------------


def test_api_registra_y_lista_gestiones(cliente_api, cuenta, ventanilla):
    cliente = cliente_api(ventanilla)
    fecha = hoy() + timedelta(days=3)
    respuesta = cliente.post(
        "/api/v1/cuentas/3001/gestiones/",
        {
            "tipo": "visita",
            "resultado": "promesa_pago",
            "promesa_monto": "800.00",
            "promesa_fecha": fecha.isoformat(),
        },
        format="json",
    )
    assert respuesta.status_code == 201
    datos = respuesta.json()
    assert (datos["cuenta"], datos["usuario"], datos["resultado"]) == (
        "3001",
        ventanilla.username,
        "promesa_pago",
    )
    assert datos["promesa"]["monto"] == "800.00"
    assert datos["promesa"]["fecha_compromiso"] == fecha.isoformat()
    assert datos["promesa"]["estado"] == "vigente"

    cliente.post(
        "/api/v1/cuentas/3001/gestiones/",
        {"tipo": "correo", "resultado": "contactado"},
        format="json",
    )
    lista = cliente.get("/api/v1/cuentas/3001/gestiones/").json()
    assert lista["count"] == 2
    assert [g["tipo"] for g in lista["results"]] == ["correo", "visita"]
    assert lista["results"][0]["promesa"] is None


def test_api_error_nombra_el_campo(cliente_api, cuenta, ventanilla):
    respuesta = cliente_api(ventanilla).post(
        "/api/v1/cuentas/3001/gestiones/",
        {"tipo": "visita", "resultado": "promesa_pago", "promesa_monto": "800.00"},
        format="json",
    )
    assert respuesta.status_code == 400
    error = respuesta.json()["error"]
    assert error["campos"] == {
        "promesa_fecha": ["Indique la fecha en que el deudor promete pagar."]
    }


def test_api_cajero_no_escribe_pero_lee(cliente_api, cuenta, crear_usuario):
    cliente = cliente_api(crear_usuario("caja"))
    respuesta = cliente.post(
        "/api/v1/cuentas/3001/gestiones/",
        {"tipo": "visita", "resultado": "contactado"},
        format="json",
    )
    assert respuesta.status_code == 403
    assert cliente.get("/api/v1/cuentas/3001/gestiones/").status_code == 200
    assert not Gestion.objects.exists()


def test_api_cuenta_ajena_es_404(cliente_api, cuenta, crear_usuario):
    cliente = cliente_api(crear_usuario("abogado_externo"))
    assert cliente.get("/api/v1/cuentas/3001/gestiones/").status_code == 404
    respuesta = cliente.post(
        "/api/v1/cuentas/3001/gestiones/",
        {"tipo": "visita", "resultado": "contactado"},
        format="json",
    )
    assert respuesta.status_code == 404

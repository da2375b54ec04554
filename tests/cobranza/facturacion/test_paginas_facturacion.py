"""The supervisor's pages of facturación: upload a run, review it (comparison, anomalies, gran
consumidor), authorise it as someone else, cancel it; and the carteras created from a page
and from the API with every rule."""

from decimal import Decimal

import pytest

from cobranza.facturacion.models import CorridaFacturacion
from cobranza.models import Cargo
from padron.models import Cartera
from tests.cobranza.facturacion.conftest import HOY, archivo, factura

pytestmark = [pytest.mark.django_db, pytest.mark.hoy(HOY)]
D = Decimal


def test_de_la_carga_a_la_cartera_por_las_paginas(
    cuentas, cargador, autorizador, client, django_assert_max_num_queries
):
    client.force_login(cargador)
    respuesta = client.post(
        "/facturacion/",
        {
            "tipo": "facturacion",
            "cartera": "agua-caborca",
            "periodo": "2026-11",
            "archivo": archivo(
                [
                    factura("A-1", "100", "161", "610.00"),
                    factura("B-2", "500", "520", "200.00", tipo="comercial"),
                    factura("C-3", "9000", "9100", "1000.00"),
                    factura("Z-9", "1", "2", "10.00"),
                ]
            ),
        },
        follow=True,
    )
    corrida = CorridaFacturacion.objects.get()
    assert f'href="/facturacion/{corrida.pk}/"' in respuesta.content.decode()

    with django_assert_max_num_queries(20):
        html = client.get(f"/facturacion/{corrida.pk}/").content.decode()
    assert "Comparación con el mes anterior" in html
    assert 'id="n-atipico">1<' in html and 'id="n-no-en-padron">1<' in html
    assert "Usted cargó esta corrida" in html  # the uploader is not offered the button

    client.post(f"/facturacion/{corrida.pk}/renglones/4/revision/", {"decision": "aceptada"})
    client.force_login(autorizador)
    respuesta = client.post(f"/facturacion/{corrida.pk}/autorizar/", follow=True)
    assert "autorizada y aplicada: 3 cargos escritos" in respuesta.content.decode()
    assert Cargo.objects.filter(corrida=corrida).count() == 3

    respuesta = client.post(
        f"/facturacion/{corrida.pk}/cancelar/", {"motivo": "Archivo equivocado"}, follow=True
    )
    assert "cancelada" in respuesta.content.decode()
    assert set(Cargo.objects.filter(corrida=corrida).values_list("estado", flat=True)) == {
        "cancelado"
    }


def test_la_lista_de_corridas_no_crece_en_consultas(
    cuentas, cargador, client, django_assert_max_num_queries
):
    from tests.cobranza.facturacion.conftest import cargar

    for n in range(3):
        cargar(cargador, [factura("A-1", "100", str(120 + n), "200.00")], nombre=f"f{n}.csv")
    client.force_login(cargador)
    with django_assert_max_num_queries(12):
        html = client.get("/facturacion/").content.decode()
    assert html.count("/facturacion/") >= 3


def test_una_cartera_nueva_desde_la_pagina(client, crear_usuario):
    client.force_login(crear_usuario("supervisor"))
    assert client.get("/padron/carteras/nueva/").status_code == 200
    respuesta = client.post(
        "/padron/carteras/nueva/",
        {
            "clave": "oomapas-puerto",
            "nombre": "OOMAPAS Puerto Peñasco",
            "tipo": "agua",
            "prelacion_1": "gastos_ejecucion",
            "prelacion_2": "recargos",
            "prelacion_3": "multas_extraordinarios",
            "prelacion_4": "principal",
            "tasa_recargo_mensual": "1.47",
            "tope_recargos": "100",
            "dias_gracia_recargo": "0",
            "umbral_morosos_meses": "3",
            "umbral_morosos_monto": "500",
            "umbral_corte_meses": "2",
            "tarifa_reconexion": "250.00",
            "factor_consumo_atipico": "3",
            "activa": "on",
            "lugar_expedicion": "Puerto Peñasco, Sonora",
            "formato_recibo": "media_carta",
        },
    )
    assert respuesta.status_code == 302
    cartera = Cartera.objects.get(clave="oomapas-puerto")
    assert cartera.tarifa_reconexion == D("250.00")
    assert cartera.history.get().history_change_reason == "Alta de cartera"


def test_una_cartera_por_la_api_con_todas_sus_reglas(cliente_api, crear_usuario):
    api = cliente_api(crear_usuario("supervisor"))
    creada = api.post(
        "/api/v1/padron/carteras/",
        {"clave": "becas-cajeme", "nombre": "Créditos Cajeme", "tipo": "credito"},
        format="json",
    )
    assert creada.status_code == 201, creada.content
    repetida = api.post(
        "/api/v1/padron/carteras/",
        {"clave": "becas-cajeme", "nombre": "x", "tipo": "agua"},
        format="json",
    )
    assert repetida.status_code == 400 and "clave" in repetida.json()["error"]["campos"]
    cambio = api.patch(
        "/api/v1/padron/carteras/becas-cajeme/",
        {
            "tarifa_reconexion": "199.90",
            "protege_condicion_especial": True,
            "motivo": "Acuerdo de consejo",
        },
        format="json",
    )
    assert cambio.status_code == 200, cambio.content
    cartera = Cartera.objects.get(clave="becas-cajeme")
    assert (cartera.tarifa_reconexion, cartera.protege_condicion_especial) == (D("199.90"), True)
    assert (
        cliente_api(crear_usuario("ventanilla"))
        .post(
            "/api/v1/padron/carteras/", {"clave": "x", "nombre": "x", "tipo": "agua"}, format="json"
        )
        .status_code
        == 403
    )

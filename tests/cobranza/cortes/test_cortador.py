"""The cortador's side: its route (API and phone page) and the results it sends from the
street, which may arrive twice or after the order was cancelled."""

import itertools
from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from cobranza.cortes.services.campo import conectar, orden_resultado_registrar
from cobranza.libro.services.cargos import cargo_registrar
from cobranza.libro.services.pagos import pago_registrar
from cobranza.models import Concepto, OrdenCorte, Pago
from padron.fechas import ahora, hoy, sumar_meses
from padron.models import Cuenta
from tests.factories import CarteraFactory, CuentaFactory

pytestmark = [pytest.mark.django_db, pytest.mark.fecha]
D = Decimal
_folios = itertools.count(1)


# --- helpers shared by the corte tests (test_cancelacion_cortes, test_reconexion) --------


@pytest.fixture(autouse=True)
def _cortes_conectados():
    """The payment receiver (CobranzaConfig.ready() calls conectar(); idempotent)."""
    conectar()


def cartera_agua(tarifa="350.00", umbral=2):
    cartera = CarteraFactory()
    cartera.tarifa_reconexion, cartera.umbral_corte_meses = D(tarifa), umbral
    cartera.save()
    return cartera


def cuenta_morosa(cartera=None, meses=3, monto="500.00", **campos):
    """A water account owing `meses` monthly bills of `monto`, all past due today."""
    cuenta = CuentaFactory(cartera=cartera or cartera_agua(), **campos)
    inicio = hoy().replace(day=1)
    for atras in range(meses, 0, -1):
        periodo = sumar_meses(inicio, -atras)
        cargo_registrar(
            cuenta=cuenta,
            concepto=Concepto.CONSUMO_AGUA,
            monto=monto,
            periodo=periodo,
            fecha_emision=periodo,
            fecha_vencimiento=periodo + timedelta(days=19),
        )
    return cuenta


def orden_corte(cuenta, cortador, accion=OrdenCorte.Accion.SUSPENSION, orden_ruta=1, **campos):
    """A pending cut order as the list generator leaves it (another helper's service)."""
    datos = {
        "folio": f"OC26-{next(_folios):06d}",
        "cuenta": cuenta,
        "accion": accion,
        "cortador": cortador,
        "sector": cuenta.sector,
        "ruta": cuenta.ruta,
        "orden_ruta": orden_ruta,
        "motivo_elegible": "meses_vencidos",
        "meses_vencidos": 3,
        "saldo_vencido": D("1500.00"),
    }
    return OrdenCorte.objects.create(**(datos | campos))


def ejecutar(orden, cortador, clave="clave-1", **extra):
    datos = {"ejecutada": True, "momento": ahora(), "lectura": "1234.5"} | extra
    return orden_resultado_registrar(orden=orden, cortador=cortador, clave=clave, **datos)


def pagar(cuenta, monto, caja=None):
    return pago_registrar(cuenta=cuenta, monto=monto, registrado_por=caja, canal=Pago.Canal.CAJA)


# --- the route ---------------------------------------------------------------------------


@pytest.fixture
def cortador(crear_usuario):
    return crear_usuario("cortador")


def _resultado(folio):
    return f"/api/v1/cortador/ordenes/{folio}/resultado/"


def test_el_cortador_ve_solo_sus_ordenes_pendientes_en_orden_de_ruta(
    cortador, crear_usuario, cliente_api, django_assert_max_num_queries
):
    otro = crear_usuario("cortador")
    cartera = cartera_agua()
    tercera = orden_corte(cuenta_morosa(cartera, ruta="101"), cortador, orden_ruta=3)
    primera = orden_corte(
        cuenta_morosa(cartera, ruta="101", titular__nombre="Rosa", domicilio="Calle 5 #12"),
        cortador,
        accion=OrdenCorte.Accion.REDUCCION,
        orden_ruta=1,
    )
    orden_corte(cuenta_morosa(cartera), otro)  # another cortador's
    hecha = orden_corte(cuenta_morosa(cartera), cortador, orden_ruta=2)
    ejecutar(hecha, cortador)

    api = cliente_api(cortador)
    with django_assert_max_num_queries(7):
        datos = api.get("/api/v1/cortador/ordenes/").json()

    assert [o["folio"] for o in datos["results"]] == [primera.folio, tercera.folio]
    rosa = datos["results"][0]
    assert rosa["titular"] == "Rosa Pérez Valenzuela" and rosa["domicilio"] == "Calle 5 #12"
    assert rosa["accion"] == "reduccion" and rosa["accion_texto"] == "Reducción del suministro"
    assert rosa["tipo"] == "corte" and rosa["cuenta"] == primera.cuenta.numero
    assert rosa["saldo"] == "1500.00" and rosa["saldo_vencido_actual"] == "1500.00"


def test_la_lista_no_crece_en_consultas_con_mas_ordenes(
    cortador, cliente_api, django_assert_max_num_queries
):
    cartera = cartera_agua()
    for n in range(12):
        orden_corte(cuenta_morosa(cartera, meses=1), cortador, orden_ruta=n)
    api = cliente_api(cortador)
    with django_assert_max_num_queries(7):
        assert api.get("/api/v1/cortador/ordenes/").json()["count"] == 12


def test_otros_roles_no_usan_la_api_del_cortador(crear_usuario, cliente_api):
    for rol in ("caja", "supervisor", "notificador"):
        respuesta = cliente_api(crear_usuario(rol)).get("/api/v1/cortador/ordenes/")
        assert respuesta.status_code == 403, rol
    assert cliente_api().get("/api/v1/cortador/ordenes/").status_code == 401


# --- results from the street -------------------------------------------------------------


def _enviar(api, orden, **campos):
    datos = {
        "clave": "9b2f6c1e-5d0a-4c3e-8f7a-1a2b3c4d5e6f",
        "ejecutada": True,
        "momento": ahora().isoformat(),
        "lectura": "1234.50",
        "notas": "Medidor junto a la puerta",
    } | campos
    return api.post(_resultado(orden.folio), datos, format="json")


def test_suspension_ejecutada_corta_la_cuenta(cortador, cliente_api):
    orden = orden_corte(cuenta_morosa(), cortador)
    respuesta = _enviar(cliente_api(cortador), orden)

    assert respuesta.status_code == 201
    assert respuesta.json()["estado"] == "ejecutada"
    orden.refresh_from_db()
    assert orden.estado == "ejecutada" and orden.lectura == D("1234.50")
    assert orden.clave_resultado == "9b2f6c1e-5d0a-4c3e-8f7a-1a2b3c4d5e6f"
    assert orden.notas == "Medidor junto a la puerta" and orden.registrada is not None
    assert Cuenta.objects.get(pk=orden.cuenta_id).estado == "cortada"


def test_reduccion_ejecutada_restringe_la_cuenta(cortador):
    orden = orden_corte(cuenta_morosa(), cortador, accion=OrdenCorte.Accion.REDUCCION)
    ejecutar(orden, cortador)
    assert Cuenta.objects.get(pk=orden.cuenta_id).estado == "restringida"


def test_el_reenvio_con_la_misma_clave_no_registra_dos_veces(cortador, cliente_api):
    orden = orden_corte(cuenta_morosa(), cortador)
    api = cliente_api(cortador)
    primera = _enviar(api, orden)
    historial = orden.history.count()
    cuenta_historial = Cuenta.history.filter(id=orden.cuenta_id).count()

    segunda = _enviar(api, orden)
    tercera = _enviar(api, orden, lectura="9999")  # same clave: the stored result stands

    assert (primera.status_code, segunda.status_code, tercera.status_code) == (201, 200, 200)
    assert segunda.json() == primera.json() == tercera.json()
    orden.refresh_from_db()
    assert orden.lectura == D("1234.50")
    assert orden.history.count() == historial
    assert Cuenta.history.filter(id=orden.cuenta_id).count() == cuenta_historial


def test_otra_clave_sobre_una_orden_ya_registrada_se_rechaza(cortador, cliente_api):
    orden = orden_corte(cuenta_morosa(), cortador)
    api = cliente_api(cortador)
    _enviar(api, orden)
    respuesta = _enviar(api, orden, clave="otra-clave", ejecutada=False, motivo="no_localizado")

    assert respuesta.status_code == 400
    assert "ya tiene un resultado" in respuesta.json()["error"]["campos"]["orden"][0]
    assert OrdenCorte.objects.get(pk=orden.pk).estado == "ejecutada"


def test_la_misma_clave_no_sirve_para_otra_orden(cortador):
    cartera = cartera_agua()
    una, otra = (orden_corte(cuenta_morosa(cartera), cortador) for _ in range(2))
    ejecutar(una, cortador, clave="repetida")
    with pytest.raises(Exception, match="otra orden") as error:
        ejecutar(otra, cortador, clave="repetida")
    assert "clave" in error.value.message_dict
    assert OrdenCorte.objects.get(pk=otra.pk).estado == "pendiente"


def test_la_orden_de_otro_cortador_no_existe_para_el(cortador, crear_usuario, cliente_api):
    orden = orden_corte(cuenta_morosa(), crear_usuario("cortador"))
    respuesta = _enviar(cliente_api(cortador), orden)
    assert respuesta.status_code == 404
    assert OrdenCorte.objects.get(pk=orden.pk).estado == "pendiente"
    with pytest.raises(Exception, match="no está asignada a usted"):
        ejecutar(orden, cortador)


def test_no_localizado_queda_registrado_sin_tocar_la_cuenta(cortador, cliente_api):
    orden = orden_corte(cuenta_morosa(), cortador)
    respuesta = _enviar(
        cliente_api(cortador), orden, ejecutada=False, motivo="no_localizado", lectura=None
    )
    assert respuesta.status_code == 201
    orden.refresh_from_db()
    assert (orden.estado, orden.motivo_no_ejecutada) == ("no_ejecutada", "no_localizado")
    assert orden.ejecutada is None and orden.lectura is None
    assert "no localizado" in orden.history.first().history_change_reason
    assert Cuenta.objects.get(pk=orden.cuenta_id).estado == "activa"


def test_pago_en_sitio_solo_registra_la_visita(cortador):
    orden = orden_corte(cuenta_morosa(), cortador)
    orden, nuevo = ejecutar(orden, cortador, ejecutada=False, motivo="pago_en_sitio")
    assert nuevo and orden.estado == "no_ejecutada"
    assert orden.motivo_no_ejecutada == "pago_en_sitio"
    assert not Pago.objects.filter(cuenta=orden.cuenta).exists()  # money goes through caja
    assert Cuenta.objects.get(pk=orden.cuenta_id).estado == "activa"


@pytest.mark.parametrize(
    ("campos", "campo", "texto"),
    [
        ({"ejecutada": False, "motivo": ""}, "motivo", "por qué no se ejecutó"),
        ({"ejecutada": False, "motivo": "se_fue"}, "motivo", "válida"),
        ({"clave": ""}, "clave", ""),
        ({"lectura": "mucha"}, "lectura", ""),
        ({"momento": "ayer"}, "momento", ""),
        ({"momento": timedelta(hours=2)}, "momento", "futura"),  # two hours from now
    ],
)
def test_un_dato_mal_nombra_el_campo(cortador, cliente_api, campos, campo, texto):
    orden = orden_corte(cuenta_morosa(), cortador)
    if isinstance(campos.get("momento"), timedelta):  # "now" is the test's clock, not collection's
        campos = {**campos, "momento": (ahora() + campos["momento"]).isoformat()}
    respuesta = _enviar(cliente_api(cortador), orden, **campos)

    assert respuesta.status_code == 400
    error = respuesta.json()["error"]
    assert campo in error["campos"]
    assert texto in error["campos"][campo][0]
    assert OrdenCorte.objects.get(pk=orden.pk).estado == "pendiente"


def test_la_orden_cancelada_porque_el_usuario_pago_se_rechaza_con_el_motivo(cortador, cliente_api):
    cuenta = cuenta_morosa()
    orden = orden_corte(cuenta, cortador)
    pago = pagar(cuenta, "1500.00")  # the titular pays at caja while the crew is on the way

    respuesta = _enviar(cliente_api(cortador), orden)

    assert respuesta.status_code == 400
    mensaje = respuesta.json()["error"]["campos"]["orden"][0]
    assert mensaje == f"La orden se canceló: el usuario pagó (recibo {pago.folio})"
    assert Cuenta.objects.get(pk=cuenta.pk).estado == "activa"


def test_la_foto_llega_con_el_resultado(cortador, cliente_api):
    orden = orden_corte(cuenta_morosa(), cortador)
    foto = SimpleUploadedFile("toma.jpg", b"\xff\xd8\xff\xe0fake-jpeg", content_type="image/jpeg")
    respuesta = cliente_api(cortador).post(
        _resultado(orden.folio),
        {
            "clave": "con-foto",
            "ejecutada": "true",
            "momento": ahora().isoformat(),
            "foto": foto,
        },
        format="multipart",
    )
    assert respuesta.status_code == 201
    orden.refresh_from_db()
    assert orden.foto.name.startswith("cortes/")


def test_la_reconexion_ejecutada_reactiva_la_cuenta(cortador):
    cuenta = cuenta_morosa(estado=Cuenta.Estado.CORTADA)
    orden = OrdenCorte.objects.create(
        folio="RX26-000900",
        tipo=OrdenCorte.Tipo.RECONEXION,
        accion=OrdenCorte.Accion.RECONEXION,
        cuenta=cuenta,
        cortador=cortador,
    )
    ejecutar(orden, cortador, clave="reconecta")
    assert Cuenta.objects.get(pk=cuenta.pk).estado == "activa"


# --- the phone page ----------------------------------------------------------------------


def test_la_pagina_del_cortador(cortador, crear_usuario, client):
    client.force_login(crear_usuario("caja"))
    assert client.get("/cortador/").status_code == 403

    client.force_login(cortador)
    respuesta = client.get("/cortador/")
    assert respuesta.status_code == 200
    html = respuesta.content.decode()
    assert 'data-url-ordenes="/api/v1/cortador/ordenes/"' in html
    assert 'data-url-sw="/cortador/sw.js"' in html
    assert "js/cortador.js" in html
    assert 'value="no_localizado"' in html
    assert "csrftoken" in respuesta.cookies  # the phone's POSTs carry it


def test_el_service_worker_cubre_la_pagina(client):
    respuesta = client.get("/cortador/sw.js")
    assert respuesta.status_code == 200
    assert respuesta["Content-Type"].startswith("application/javascript")
    assert respuesta["Service-Worker-Allowed"] == "/cortador/"
    codigo = respuesta.content.decode()
    assert codigo.startswith('self.PRECARGA = ["/cortador/", "/static/css/app.css"')
    assert 'addEventListener("fetch"' in codigo

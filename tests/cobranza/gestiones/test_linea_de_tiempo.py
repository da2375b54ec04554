"""The cuenta's timeline: cargos, pagos and reversals, gestiones, recados, the PEC,
negociaciones and convenios in one list, newest first, at a cost that does not grow with
the history (one query per provider)."""

from datetime import date, datetime, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from cobranza.gestiones.linea_de_tiempo import linea_de_tiempo
from cobranza.gestiones.services import gestion_registrar, recado_tomar
from cobranza.libro.services.pagos import pago_registrar, pago_revertir
from cobranza.models import Concepto, EventoExpediente, Expediente, Gestion, Recado
from convenios.models import Alternativa, Convenio, Negociacion
from padron.fechas import hoy
from tests.cobranza.libro.ayudas import D, cargo
from tests.factories import CuentaFactory

pytestmark = [pytest.mark.django_db, pytest.mark.fecha]


def _en(anio, mes, dia, hora=10):
    return timezone.make_aware(datetime(anio, mes, dia, hora, 0))


@pytest.fixture
def personas(crear_usuario):
    return {
        "ventanilla": crear_usuario("ventanilla"),
        "caja": crear_usuario("caja"),
        "supervisor": crear_usuario("supervisor"),
    }


@pytest.fixture
def cuenta():
    return CuentaFactory(numero="6001")


def _gestiones(cuenta, usuario, n):
    Gestion.objects.bulk_create(
        Gestion(
            cuenta=cuenta,
            usuario=usuario,
            tipo="llamada_realizada",
            resultado="no_localizado",
            fecha=_en(2025, 1, 1) + timedelta(hours=i),
        )
        for i in range(n)
    )


@pytest.fixture
def historia(cuenta, personas):
    """One of each kind of event, on distinct days of 2025 (the reversal: today)."""
    cargo(cuenta, Concepto.CONSUMO_AGUA, "900.00", date(2025, 1, 20), date(2025, 1, 1))
    pago = pago_registrar(
        cuenta=cuenta, monto="300.00", registrado_por=personas["caja"], fecha=date(2025, 2, 1)
    )
    gestion_registrar(
        cuenta=cuenta,
        usuario=personas["ventanilla"],
        tipo="llamada_realizada",
        resultado="promesa_pago",
        promesa_monto="600.00",
        promesa_fecha=hoy() + timedelta(days=5),
        notas="Pagará con su aguinaldo",
        fecha=_en(2025, 3, 1),
    )
    negociacion = Negociacion.objects.create(
        cuenta=cuenta,
        usuario=personas["ventanilla"],
        adeudo=D("600.00"),
        respuesta="lo_pensara",
        notas="Consultará con su esposa",
    )
    Negociacion.objects.filter(pk=negociacion.pk).update(fecha=_en(2025, 4, 1))
    recado = recado_tomar(
        para=personas["supervisor"],
        de="El titular",
        telefono="6371234567",
        mensaje="Quiere hablar del convenio",
        tomado_por=personas["ventanilla"],
        cuenta=cuenta,
    )
    Recado.objects.filter(pk=recado.pk).update(fecha=_en(2025, 5, 1))
    expediente = Expediente.objects.create(
        folio="PEC25-000001",
        cuenta=cuenta,
        adeudo_inicial=D("600.00"),
        abierto_por=personas["supervisor"],
    )
    evento = EventoExpediente.objects.create(
        expediente=expediente, tipo="abierto", usuario=personas["supervisor"]
    )
    EventoExpediente.objects.filter(pk=evento.pk).update(fecha=_en(2025, 6, 1))
    # Reversed before the convenio exists: the convenio's own reaction to it is not this test's.
    pago_revertir(pago=pago, motivo="Cheque devuelto", autorizado_por=personas["supervisor"])
    alternativa = Alternativa.objects.create(
        cartera=cuenta.cartera, tipo="parcialidades", nombre="Convenio a parcialidades"
    )
    convenio = Convenio.objects.create(
        folio="CV25-000001",
        cuenta=cuenta,
        alternativa=alternativa,
        estado="vigente",
        adeudo=D("600.00"),
        total=D("600.00"),
        numero_parcialidades=3,
        primer_vencimiento=date(2025, 8, 1),
        capturado_por=personas["ventanilla"],
        firmado=_en(2025, 7, 2),
    )
    Convenio.objects.filter(pk=convenio.pk).update(capturado=_en(2025, 7, 1))
    return cuenta


def test_todo_en_una_linea_del_mas_nuevo_al_mas_viejo(historia):
    eventos = linea_de_tiempo(historia)

    assert [e.tipo for e in eventos] == [
        "reversion",
        "convenio",
        "convenio",
        "pec",
        "recado",
        "negociacion",
        "gestion",
        "pago",
        "cargo",
    ]
    assert all(timezone.is_aware(e.fecha) for e in eventos)
    por_tipo = {e.tipo: e for e in eventos}
    assert por_tipo["cargo"].monto == D("900.00")
    assert por_tipo["pago"].monto == D("300.00") and "Revertido" in por_tipo["pago"].detalle
    assert por_tipo["reversion"].monto == D("-300.00")
    assert "Cheque devuelto" in por_tipo["reversion"].detalle
    gestion = por_tipo["gestion"]
    assert gestion.titulo == "Llamada realizada: Promesa de pago"
    assert "Promesa de $600.00" in gestion.detalle and "vigente" in gestion.detalle
    assert "Pagará con su aguinaldo" in gestion.detalle
    assert por_tipo["negociacion"].titulo == "Negociación: Lo pensará"
    assert [e.titulo for e in eventos if e.tipo == "convenio"] == [
        "Convenio CV25-000001 firmado",
        "Convenio CV25-000001 capturado",
    ]
    assert por_tipo["convenio"].url == "/convenios/CV25-000001/"
    assert por_tipo["pec"].url == "/pec/PEC25-000001/"


def test_la_pagina_de_la_linea_de_tiempo(client, historia, personas):
    client.force_login(personas["caja"])
    html = client.get("/cuentas/6001/linea-de-tiempo/").content.decode()
    posiciones = [
        html.index(texto)
        for texto in ("Reversión del pago", "Negociación: Lo pensará", "Cargo: Consumo de agua")
    ]
    assert posiciones == sorted(posiciones)

    solo_pagos = client.get("/cuentas/6001/linea-de-tiempo/", {"tipo": "pago"})
    assert "Negociación" not in solo_pagos.content.decode().split("<tbody>")[1]


def test_la_cuenta_carga_los_diez_mas_recientes_al_abrirlos(client, cuenta, personas):
    _gestiones(cuenta, personas["ventanilla"], 12)
    client.force_login(personas["caja"])
    html = client.get("/cuentas/6001/").content.decode()
    # The page itself no longer runs the timeline's queries: the section loads on opening.
    assert "Últimos movimientos" in html
    assert 'data-cargar="/cuentas/6001/linea-de-tiempo/?parcial=1"' in html
    assert "No localizado" not in html
    assert 'href="/cuentas/6001/linea-de-tiempo/"' in html

    respuesta = client.get("/cuentas/6001/linea-de-tiempo/", {"parcial": "1"})
    assert respuesta.context["eventos"][0].fecha == _en(2025, 1, 1) + timedelta(hours=11)
    assert len(respuesta.context["eventos"]) == 10
    parcial = respuesta.content.decode()
    assert "<html" not in parcial and "No localizado" in parcial


def test_los_ultimos_movimientos_respetan_la_visibilidad(client, cuenta, crear_usuario):
    client.force_login(crear_usuario("abogado_externo"))
    assert client.get("/cuentas/6001/linea-de-tiempo/", {"parcial": "1"}).status_code == 404


def test_como_mucho_200_eventos(cuenta, personas):
    _gestiones(cuenta, personas["ventanilla"], 210)
    eventos = linea_de_tiempo(cuenta)
    assert len(eventos) == 200
    assert eventos[0].fecha == _en(2025, 1, 1) + timedelta(hours=209)


def _consultas(client, url):
    with CaptureQueriesContext(connection) as capturadas:
        assert client.get(url).status_code == 200
    return len(capturadas)


def test_la_pagina_no_crece_en_consultas_con_la_historia(client, cuenta, personas):
    client.force_login(personas["caja"])
    _gestiones(cuenta, personas["ventanilla"], 5)
    pocas = _consultas(client, "/cuentas/6001/linea-de-tiempo/")
    _gestiones(cuenta, personas["ventanilla"], 25)
    for _ in range(3):
        pago_registrar(cuenta=cuenta, monto="10.00", registrado_por=personas["caja"])
    assert _consultas(client, "/cuentas/6001/linea-de-tiempo/") <= pocas


def test_la_api_no_crece_en_consultas_con_la_historia(cliente_api, cuenta, personas):
    cliente = cliente_api(personas["caja"])
    _gestiones(cuenta, personas["ventanilla"], 5)
    pocas = _consultas(cliente, "/api/v1/cuentas/6001/linea-de-tiempo/")
    _gestiones(cuenta, personas["ventanilla"], 25)
    muchas = _consultas(cliente, "/api/v1/cuentas/6001/linea-de-tiempo/")
    assert muchas <= pocas
    datos = cliente.get("/api/v1/cuentas/6001/linea-de-tiempo/").json()
    assert len(datos["eventos"]) == 30


def test_api_linea_de_tiempo(cliente_api, historia, personas):
    cliente = cliente_api(personas["caja"])
    datos = cliente.get("/api/v1/cuentas/6001/linea-de-tiempo/", {"limite": 3}).json()
    assert datos["cuenta"] == "6001"
    assert [e["tipo"] for e in datos["eventos"]] == ["reversion", "convenio", "convenio"]
    assert datos["eventos"][0]["monto"] == "-300.00"

    malo = cliente.get("/api/v1/cuentas/6001/linea-de-tiempo/", {"limite": "0"})
    assert malo.status_code == 400
    assert "limite" in malo.json()["error"]["campos"]


def test_cuenta_ajena_es_404(client, cliente_api, cuenta, crear_usuario):
    abogado = crear_usuario("abogado_externo")
    client.force_login(abogado)
    assert client.get("/cuentas/6001/linea-de-tiempo/").status_code == 404
    assert cliente_api(abogado).get("/api/v1/cuentas/6001/linea-de-tiempo/").status_code == 404

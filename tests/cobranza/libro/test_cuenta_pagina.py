"""The account page and the estado de cuenta API: today's saldo from the maintained columns,
paid cargos folded away, and a query count that does not grow with the cuenta's history."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cobranza.gestiones.services import gestion_registrar
from cobranza.libro.services.ajustes import ajuste_registrar
from cobranza.libro.services.cargos import cargo_registrar
from cobranza.libro.services.pagos import pago_registrar, pago_revertir
from cobranza.models import Ajuste, Cargo, Concepto
from convenios.negociacion.simulacion import Terminos
from convenios.services.convenios import convenio_autorizar, convenio_capturar, convenio_firmar
from tests.convenios.conftest import deudor, politica  # noqa: F401 (fixtures)

pytestmark = [pytest.mark.django_db, pytest.mark.hoy("2026-03-10")]
D = Decimal
HOY = date(2026, 3, 10)

# Session, user and its two permission sets, its groups (menu), unread recados; the cuenta, the
# statement (cargos, pagos, descuentos sociales since the cuenta has ajustes); the sections of
# other apps (asignación, promesas, convenios, negociaciones; the timeline loads when opened).
MAXIMO_PAGINA = 14
MAXIMO_API = 12


def _consultas(cliente, url):
    with CaptureQueriesContext(connection) as consultas:
        respuesta = cliente.get(url)
    assert respuesta.status_code == 200
    return len(consultas), respuesta


def _historia_larga(cuenta, personas):
    """Two years of bills, payments (one reversed), ajustes and gestiones on the cuenta."""
    for i in range(24):
        mes = date(2024, 1, 1) + timedelta(days=31 * i)
        mes = mes.replace(day=1)
        cargo_registrar(
            cuenta=cuenta,
            concepto=Concepto.DRENAJE,
            monto="80.00",
            periodo=mes,
            fecha_emision=mes,
            fecha_vencimiento=mes + timedelta(days=19),
        )
    for cargo in Cargo.objects.filter(cuenta=cuenta, concepto=Concepto.DRENAJE, saldo__gt=0)[:3]:
        ajuste_registrar(
            cargo=cargo,
            tipo=Ajuste.Tipo.BONIFICACION,
            monto="10.00",
            motivo="Fuga reportada",
            autorizado_por=personas["supervisor"],
        )
    pagos = [
        pago_registrar(
            cuenta=cuenta, monto="500.00", registrado_por=personas["caja"], fecha=date(2025, 6, 1)
        )
        for _ in range(12)
    ]
    pago_revertir(pago=pagos[0], motivo="Cheque sin fondos", autorizado_por=personas["supervisor"])
    for _ in range(6):
        gestion_registrar(
            cuenta=cuenta,
            usuario=personas["ventanilla"],
            tipo="llamada_realizada",
            resultado="no_localizado",
        )


@pytest.fixture
def personas(crear_usuario):
    return {r: crear_usuario(r) for r in ("ventanilla", "caja", "supervisor")}


@pytest.fixture
def con_convenio(deudor, politica, personas):  # noqa: F811
    convenio = convenio_capturar(
        cuenta=deudor,
        alternativa=politica["parcialidades"],
        capturado_por=personas["ventanilla"],
        dia=HOY,
        terminos=Terminos(numero_parcialidades=6),
    )
    if convenio.estado == convenio.Estado.PENDIENTE:
        convenio_autorizar(convenio=convenio, usuario=personas["supervisor"])
    convenio_firmar(convenio=convenio, usuario=personas["supervisor"], dia=HOY)
    return deudor


def test_la_pagina_no_crece_en_consultas_con_la_historia(client, con_convenio, personas):
    client.force_login(personas["supervisor"])
    url = f"/cuentas/{con_convenio.numero}/"
    antes, _ = _consultas(client, url)
    _historia_larga(con_convenio, personas)
    despues, respuesta = _consultas(client, url)
    assert despues == antes <= MAXIMO_PAGINA, (antes, despues)
    assert len(respuesta.context["cargos_pagados"]) >= 20  # the long history is really on the page


def test_la_api_del_estado_de_cuenta_no_crece_en_consultas(cliente_api, con_convenio, personas):
    api = cliente_api(personas["ventanilla"])
    url = f"/api/v1/cuentas/{con_convenio.numero}/estado-de-cuenta/"
    # One pago already: without any, the query of their aplicaciones is not even sent.
    pago_registrar(cuenta=con_convenio, monto="10.00", registrado_por=personas["caja"])
    antes, _ = _consultas(api, url)
    _historia_larga(con_convenio, personas)
    despues, respuesta = _consultas(api, url)
    assert despues == antes <= MAXIMO_API, (antes, despues)
    pagos = respuesta.json()["pagos"]
    assert sum(len(p["aplicaciones"]) for p in pagos) >= 12


def _pagados(html):
    """The folded block of paid cargos (the timeline elsewhere on the page names them too)."""
    inicio = html.index('<details id="cargos-pagados"')
    return html[inicio : html.index("</details>", inicio)]


def test_los_cargos_pagados_se_pliegan_con_su_total(client, crear_usuario):
    from tests.factories import CuentaFactory

    cuenta = CuentaFactory()
    for mes, monto in ((1, "250.50"), (2, "199.50"), (3, "300.00")):
        cargo_registrar(
            cuenta=cuenta,
            concepto=Concepto.CONSUMO_AGUA,
            monto=monto,
            periodo=date(2026, mes, 1),
            fecha_emision=date(2026, mes, 1),
            fecha_vencimiento=date(2026, mes, 5),
        )
    pago_registrar(cuenta=cuenta, monto="500.00", registrado_por=crear_usuario("caja"))
    client.force_login(crear_usuario("ventanilla"))
    respuesta = client.get(f"/cuentas/{cuenta.numero}/")
    html = respuesta.content.decode()
    # Enero and febrero are paid ($450.00); marzo owes $250.00 of $300.00.
    assert "2 cargos pagados o cancelados por $450.00</summary>" in html
    assert [c.saldo_al for c in respuesta.context["cargos_abiertos"]] == [D("250.00")]
    assert [c.pagado_al for c in respuesta.context["cargos_abiertos"]] == [D("50.00")]
    assert 'id="saldo">$250.00<' in html and 'id="saldo-vencido">$250.00<' in html
    assert "$199.50" not in _pagados(html)  # febrero's row is folded away...
    html = client.get(f"/cuentas/{cuenta.numero}/", {"pagados": "1"}).content.decode()
    assert "$199.50" in _pagados(html) and '<details id="cargos-pagados" open>' in html


def test_saldo_de_hoy_es_el_mantenido_y_el_de_ayer_se_reconstruye(client, crear_usuario):
    """Today the page reads Cargo.saldo; a past `al` rebuilds it from the rows of that day."""
    from tests.factories import CuentaFactory

    cuenta = CuentaFactory()
    cargo = cargo_registrar(
        cuenta=cuenta,
        concepto=Concepto.CONSUMO_AGUA,
        monto="400.00",
        periodo=date(2026, 2, 1),
        fecha_emision=date(2026, 2, 1),
        fecha_vencimiento=date(2026, 2, 20),
    )
    caja = crear_usuario("caja")
    pago_registrar(cuenta=cuenta, monto="100.00", registrado_por=caja, fecha=date(2026, 3, 1))
    pago_registrar(cuenta=cuenta, monto="120.25", registrado_por=caja, fecha=HOY)
    client.force_login(crear_usuario("ventanilla"))
    hoy_ = client.get(f"/cuentas/{cuenta.numero}/").context
    ayer = client.get(f"/cuentas/{cuenta.numero}/", {"al": "09/03/2026"}).context
    assert (hoy_["saldo"], ayer["saldo"]) == (D("179.75"), D("300.00"))
    assert [c.pagado_al for c in ayer["cargos"]] == [D("100.00")]
    # The maintained column is what today shows, even if the rows disagreed.
    Cargo.objects.filter(pk=cargo.pk).update(saldo=D("179.74"))
    assert client.get(f"/cuentas/{cuenta.numero}/").context["saldo"] == D("179.74")


def test_el_formulario_de_gestion_sale_en_cada_cuenta_y_solo_a_quien_registra(
    client, crear_usuario
):
    """Its fields are rendered once per process; each cuenta's form still posts to its own
    cuenta, and caja (which does not register gestiones) does not get it."""
    from tests.factories import CuentaFactory

    una, otra = CuentaFactory(), CuentaFactory()
    client.force_login(crear_usuario("ventanilla"))
    for cuenta in (una, otra):
        html = client.get(f"/cuentas/{cuenta.numero}/").content.decode()
        assert f'action="/cuentas/{cuenta.numero}/gestiones/nueva/"' in html
        for campo in ("tipo", "resultado", "promesa_monto", "promesa_fecha", "notas"):
            assert f'name="{campo}"' in html
        assert '<option value="promesa_pago">' in html
    client.force_login(crear_usuario("caja"))
    html = client.get(f"/cuentas/{una.numero}/").content.decode()
    assert 'id="form-gestion"' not in html and 'name="resultado"' not in html

"""The gerencia home: four charts drawn on the server (inline SVG) from the stored reports and
the maintained balances, and the last closed month's PDF to download."""

import re
from datetime import date
from decimal import Decimal
from io import BytesIO

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from pypdf import PdfReader

from cobranza.libro.services.cargos import cargo_registrar
from cobranza.libro.services.pagos import pago_registrar
from cobranza.models import Concepto, Meta, ReporteGuardado
from cobranza.reportes import recuperacion_reporte  # noqa: F401 (registers the type)
from cobranza.reportes.cierres import cerrar_mes
from cobranza.reportes.tablero import (
    ANTIGUEDAD_VIGENCIA_S,
    recuperacion_rellenar,
    recuperado_por_servicio,
    tablero_cargar,
)
from padron.fechas import hoy, sumar_meses
from tests.factories import CarteraCreditoFactory, CarteraFactory, CuentaFactory

pytestmark = [pytest.mark.django_db, pytest.mark.fecha]
INICIO = "/inicio/gerencia/"
GRAFICAS = ("recuperacion", "antiguedad", "servicio", "metas")


def _ultimo_mes():
    return sumar_meses(hoy().replace(day=1), -1)


@pytest.fixture
def carteras(crear_usuario):
    """Each cartera: a 1,000.00 bill due two months before the last closed month, 250.00 paid
    on the 9th of the last closed month: recuperación 25.00 % that month."""
    ultimo = _ultimo_mes()
    emision = sumar_meses(ultimo, -2)
    caja, supervisor = crear_usuario("caja"), crear_usuario("supervisor")
    agua, credito = CarteraFactory(), CarteraCreditoFactory()
    for cartera, concepto in ((agua, Concepto.CONSUMO_AGUA), (credito, Concepto.CAPITAL)):
        cuenta = CuentaFactory(cartera=cartera)
        cargo_registrar(
            cuenta=cuenta,
            concepto=concepto,
            monto="1000.00",
            periodo=emision,
            fecha_emision=emision,
            fecha_vencimiento=emision.replace(day=20),
        )
        pago_registrar(
            cuenta=cuenta, monto="250.00", registrado_por=caja, fecha=ultimo.replace(day=9)
        )
    recuperacion_rellenar(
        carteras=[agua, credito], periodos=[sumar_meses(ultimo, -i) for i in range(12)]
    )
    Meta.objects.create(
        cartera=agua,
        periodo=ultimo,
        indicador=Meta.Indicador.MONTO_RECUPERADO,
        valor="500.00",
        fijada_por=supervisor,
    )
    return agua, credito


@pytest.fixture
def gerente(crear_usuario, client):
    usuario = crear_usuario("gerencia")
    client.force_login(usuario)
    return usuario


def _grafica(html, clave):
    coincide = re.search(rf'id="grafica-{clave}">\s*(<svg.*?</svg>)', html, re.DOTALL)
    assert coincide, f"falta la gráfica {clave}"
    return coincide[1]


def test_gerencia_ve_las_cuatro_graficas_en_svg(carteras, gerente, client):
    respuesta = client.get(INICIO)

    assert respuesta.status_code == 200
    html = respuesta.content.decode()
    graficas = {clave: _grafica(html, clave) for clave in GRAFICAS}
    assert all('class="grafica"' in svg for svg in graficas.values())
    assert "OOMAPAS Caborca" in graficas["recuperacion"]  # one line per cartera
    assert "Créditos educativos Hermosillo" in graficas["recuperacion"]
    assert "181-365" in graficas["antiguedad"] or "61-90" in graficas["antiguedad"]
    # A cuenta's whole balance, in the bucket of its oldest debt: said in the title, which the
    # statistics report (each cargo in its own bucket) does not share.
    assert "adeudo más antiguo de cada cuenta" in html
    assert "Consumo de agua" in graficas["servicio"] or "Agua" in graficas["servicio"]
    # Goal 500.00, recovered 250.00: 50 % of the goal.
    assert "Monto recuperado de cartera vencida" in graficas["metas"]
    assert "50.0 %" in graficas["metas"]
    assert "<script" not in html.split('id="graficas"', 1)[1]


def test_la_pagina_solo_lee_reportes_guardados(
    carteras, gerente, client, django_assert_max_num_queries
):
    guardados = ReporteGuardado.objects.filter(tipo="recuperacion")
    assert guardados.count() == 24  # 12 months × 2 carteras, figures only
    assert (
        guardados.get(cartera=carteras[0], periodo=_ultimo_mes()).datos["cifras"]["porcentaje"]
        == "25.00"
    )
    assert recuperacion_rellenar(carteras=carteras, periodos=[_ultimo_mes()]) == 0

    with django_assert_max_num_queries(20):
        respuesta = client.get(INICIO)

    assert respuesta.status_code == 200
    assert guardados.count() == 24
    assert set(guardados.values_list("version", flat=True)) == {1}


def test_sin_el_reporte_del_mes_lo_dice_y_no_lo_calcula(carteras, gerente, client):
    ReporteGuardado.objects.filter(cartera=carteras[1], periodo=_ultimo_mes()).delete()

    html = client.get(INICIO).content.decode()

    assert "Créditos educativos Hermosillo: el reporte del mes aún no se genera" in html
    assert not ReporteGuardado.objects.filter(cartera=carteras[1], periodo=_ultimo_mes()).exists()
    assert html.count('class="descargar-pdf"') == 1


def test_descarga_el_pdf_del_mes_con_sus_graficas(carteras, gerente, client):
    html = client.get(INICIO).content.decode()
    enlace = re.search(r'class="descargar-pdf" href="([^"]+)"', html)[1]

    respuesta = client.get(enlace)

    assert respuesta.status_code == 200
    assert respuesta["Content-Type"] == "application/pdf"
    assert "attachment" in respuesta["Content-Disposition"]
    pdf = PdfReader(BytesIO(respuesta.content))
    texto = "\n".join(pagina.extract_text() for pagina in pdf.pages)
    assert "Recuperación" in texto
    assert sum(len(pagina.images) for pagina in pdf.pages) >= 1  # the charts, as PNG
    # The files were rendered once from the stored figures and kept.
    reporte = ReporteGuardado.objects.get(cartera=carteras[0], periodo=_ultimo_mes())
    assert reporte.pdf and reporte.xlsx and reporte.version == 1


def test_ventanilla_no_ve_el_inicio_de_gerencia(carteras, crear_usuario, client):
    client.force_login(crear_usuario("ventanilla"))

    assert client.get(INICIO).status_code == 404


def test_sin_permiso_de_reportes_no_descarga_archivos(carteras, gerente, client, crear_usuario):
    html = client.get(INICIO).content.decode()
    enlace = re.search(r'class="descargar-pdf" href="([^"]+)"', html)[1]
    client.force_login(crear_usuario("caja"))

    assert client.get(enlace).status_code == 403


def test_un_reporte_no_generado_es_404(carteras, gerente, client):
    mes = date(2020, 1, 1)
    respuesta = client.get(f"/reportes/guardados/recuperacion/agua-caborca/{mes:%Y-%m}.pdf")
    assert respuesta.status_code == 404


def test_cada_forma_de_contar_la_antiguedad_tiene_su_titulo():
    from cobranza.reportes import graficas

    assert graficas.ANTIGUEDAD_POR_CUENTA != graficas.ANTIGUEDAD_POR_CARGO
    figura = graficas.grafica_antiguedad({}, [], graficas.ANTIGUEDAD_POR_CARGO)
    assert figura.get_suptitle() == graficas.ANTIGUEDAD_POR_CARGO


def _lee_saldos(consultas):
    return any("cobranza_saldocuenta" in q["sql"] for q in consultas.captured_queries)


def test_la_antiguedad_de_hoy_se_suma_una_vez_cada_cinco_minutos(
    carteras, gerente, client, reloj, django_assert_max_num_queries
):
    """The aging of today's balances is the page's one big aggregate (0.2-0.4 s at 200,000
    cuentas): kept 5 minutes; the closed months' figures are a few small reads."""
    with CaptureQueriesContext(connection) as primera:
        client.get(INICIO)
    with CaptureQueriesContext(connection) as segunda, django_assert_max_num_queries(12):
        respuesta = client.get(INICIO)
    reloj.shift(ANTIGUEDAD_VIGENCIA_S + 1)
    with CaptureQueriesContext(connection) as despues:
        client.get(INICIO)

    assert respuesta.status_code == 200
    assert "181-365" in _grafica(respuesta.content.decode(), "antiguedad")
    assert _lee_saldos(primera) and not _lee_saldos(segunda) and _lee_saldos(despues)


def test_beat_suma_la_antiguedad_cada_cuatro_minutos_y_ninguna_visita_la_paga(
    carteras, gerente, client, reloj
):
    """The beat task fills the cache the page reads (twice: the same value); a visit after it,
    and one 4 minutes later after it ran again, read no balances."""
    from django_celery_beat.models import PeriodicTask

    from cobranza.tasks import tablero_calentar

    tarea = PeriodicTask.objects.get(name="Antigüedad del tablero de gerencia")
    assert tarea.task == "cobranza.tasks.tablero_calentar" and tarea.enabled
    assert (tarea.interval.every, tarea.interval.period) == (4, "minutes")

    assert tablero_calentar.delay().get() == {"carteras": 2}
    assert tablero_calentar.delay().get() == {"carteras": 2}
    with CaptureQueriesContext(connection) as visita:
        respuesta = client.get(INICIO)
    reloj.shift(4 * 60)
    tablero_calentar.delay().get()
    reloj.shift(4 * 60)  # 8 minutes after the first run: only the second one is still kept
    with CaptureQueriesContext(connection) as despues:
        client.get(INICIO)

    assert "181-365" in _grafica(respuesta.content.decode(), "antiguedad")
    assert not _lee_saldos(visita) and not _lee_saldos(despues)


def test_lo_recuperado_por_servicio_sale_del_cierre_del_mes(carteras):
    """Closed, the last month's recovery by servicio is read from its close: the same 250.00
    per cartera as its stored report says, also once the stored reports are gone."""
    del_reporte = recuperado_por_servicio(tablero_cargar())
    for cartera in carteras:
        cerrar_mes(cartera=cartera, periodo=_ultimo_mes())
    ReporteGuardado.objects.all().delete()

    del_cierre = recuperado_por_servicio(tablero_cargar())

    assert del_cierre == del_reporte
    assert sorted(del_cierre.values()) == [Decimal("250.00"), Decimal("250.00")]
    assert any(etiqueta.startswith("Agua") for etiqueta in del_cierre)

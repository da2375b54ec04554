"""Golden test of the comparativo de facturación: October 2026 against September, computed
by hand below; the report must match to the centavo."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cobranza.libro.services.ajustes import ajuste_registrar
from cobranza.libro.services.cargos import cargo_registrar
from cobranza.models import Cargo, CierreMes, Concepto, CorridaFacturacion
from cobranza.reportes import comparativo
from cobranza.reportes.cierres import cerrar_mes
from padron.fechas import ahora
from padron.models import Cuenta
from tests.factories import CarteraCreditoFactory, CarteraFactory, CuentaFactory

pytestmark = [pytest.mark.django_db, pytest.mark.fecha]
SEPTIEMBRE, OCTUBRE, NOVIEMBRE = date(2026, 9, 1), date(2026, 10, 1), date(2026, 11, 1)


def _factura(cuenta, periodo, concepto, monto, volumen=None):
    return cargo_registrar(
        cuenta=cuenta,
        concepto=concepto,
        monto=monto,
        periodo=periodo,
        fecha_emision=periodo,
        fecha_vencimiento=periodo.replace(day=20),
        volumen_m3=volumen,
    )


@pytest.fixture
def cartera(crear_usuario):
    """Billing (periodo) of September and October 2026:

                 September                         October
    A domést.    agua 150.00 (15.00 m³),           agua 180.00 (18.00 m³), drenaje 30.00
                 drenaje 30.00, recargo 10.00
    B domést.    agua 200.00 (20.50 m³)            agua 100.00 (10.25 m³); a bill of 999.00
                                                   (99 m³) cancelled: not billing
    C comerc.    agua 800.00 (60.00 m³),           agua 880.00 (66.00 m³), saneamiento 44.00
                 saneamiento 40.00
    D indust.    —                                 agua 500.00 (40.00 m³)

    Recargos are not billing. By user type, September → October:
      doméstica: 35.50 → 28.25 m³ (−7.25, −20.42%); 380.00 → 310.00 (−70.00, −18.42%); 2 → 2
      comercial: 60.00 → 66.00 m³ (+6.00, 10.00%); 840.00 → 924.00 (+84.00, 10.00%)
      industrial: 0 → 40.00 m³; 0.00 → 500.00 (+500.00, % none: nothing to compare with)
      total: 95.50 → 134.25 m³ (+38.75, 40.58%); 1,220.00 → 1,734.00 (+514.00, 42.13%);
             3 → 4 cuentas
    By concepto: agua 1,150.00 → 1,660.00 (+510.00, 44.35%); drenaje 30.00 → 30.00 (0.00,
      0.00%); saneamiento 40.00 → 44.00 (+4.00, 10.00%).
    """
    cartera = CarteraFactory()
    supervisor = crear_usuario("supervisor")
    a = CuentaFactory(cartera=cartera, clasificacion="domestica")
    b = CuentaFactory(cartera=cartera, clasificacion="domestica")
    c = CuentaFactory(cartera=cartera, clasificacion="comercial")
    d = CuentaFactory(cartera=cartera, clasificacion="industrial")

    _factura(a, SEPTIEMBRE, Concepto.CONSUMO_AGUA, "150.00", "15.00")
    _factura(a, SEPTIEMBRE, Concepto.DRENAJE, "30.00")
    _factura(a, SEPTIEMBRE, Concepto.RECARGO, "10.00")
    _factura(b, SEPTIEMBRE, Concepto.CONSUMO_AGUA, "200.00", "20.50")
    _factura(c, SEPTIEMBRE, Concepto.CONSUMO_AGUA, "800.00", "60.00")
    _factura(c, SEPTIEMBRE, Concepto.SANEAMIENTO, "40.00")

    _factura(a, OCTUBRE, Concepto.CONSUMO_AGUA, "180.00", "18.00")
    _factura(a, OCTUBRE, Concepto.DRENAJE, "30.00")
    _factura(b, OCTUBRE, Concepto.CONSUMO_AGUA, "100.00", "10.25")
    erronea = _factura(b, OCTUBRE, Concepto.CONSUMO_AGUA, "999.00", "99.00")
    ajuste_registrar(
        cargo=erronea,
        tipo="cancelacion",
        motivo="Lectura equivocada",
        autorizado_por=supervisor,
        fecha=date(2026, 10, 5),
    )
    _factura(c, OCTUBRE, Concepto.CONSUMO_AGUA, "880.00", "66.00")
    _factura(c, OCTUBRE, Concepto.SANEAMIENTO, "44.00")
    _factura(d, OCTUBRE, Concepto.CONSUMO_AGUA, "500.00", "40.00")
    return cartera


def _lado(renglon, lado):
    cifras = renglon[lado]
    return (cifras["volumen"], cifras["monto"], cifras["cuentas"])


def test_por_tipo_de_usuario_octubre_contra_septiembre(cartera):
    datos = comparativo.calcular(cartera, OCTUBRE)
    assert datos["anterior"]["periodo"] == "2026-09"
    por_tipo = {r["clave"]: r for r in datos["por_tipo_de_usuario"]}
    assert list(por_tipo) == ["comercial", "domestica", "industrial"]  # by name

    domestica = por_tipo["domestica"]
    assert _lado(domestica, "anterior") == ("35.50", "380.00", 2)
    assert _lado(domestica, "actual") == ("28.25", "310.00", 2)
    assert domestica["cambio"]["volumen"] == {"absoluto": "-7.25", "porcentaje": "-20.42"}
    assert domestica["cambio"]["monto"] == {"absoluto": "-70.00", "porcentaje": "-18.42"}

    comercial = por_tipo["comercial"]
    assert comercial["cambio"]["volumen"] == {"absoluto": "6.00", "porcentaje": "10.00"}
    assert comercial["cambio"]["monto"] == {"absoluto": "84.00", "porcentaje": "10.00"}

    industrial = por_tipo["industrial"]
    assert _lado(industrial, "anterior") == ("0.00", "0.00", 0)
    assert industrial["cambio"]["monto"] == {"absoluto": "500.00", "porcentaje": None}

    total = datos["total"]
    assert _lado(total, "anterior") == ("95.50", "1220.00", 3)
    assert _lado(total, "actual") == ("134.25", "1734.00", 4)
    assert total["cambio"]["volumen"] == {"absoluto": "38.75", "porcentaje": "40.58"}
    assert total["cambio"]["monto"] == {"absoluto": "514.00", "porcentaje": "42.13"}
    assert total["cambio"]["cuentas"] == {"absoluto": 1, "porcentaje": "33.33"}


def test_por_concepto(cartera):
    datos = comparativo.calcular(cartera, OCTUBRE)
    por_concepto = {r["clave"]: r for r in datos["por_concepto"]}
    assert set(por_concepto) == {"consumo_agua", "drenaje", "saneamiento"}
    assert por_concepto["consumo_agua"]["cambio"]["monto"] == {
        "absoluto": "510.00",
        "porcentaje": "44.35",
    }
    assert por_concepto["drenaje"]["cambio"]["monto"] == {"absoluto": "0.00", "porcentaje": "0.00"}
    assert por_concepto["saneamiento"]["cambio"]["monto"] == {
        "absoluto": "4.00",
        "porcentaje": "10.00",
    }


def test_credito_educativo_factura_capital_e_interes_sin_volumen():
    """Credit: capital 1,000.00 + interés 60.00 in September, 1,000.00 + 50.00 in October;
    acreditados have no predio classification: 1,060.00 → 1,050.00 (−10.00, −0.94%)."""
    cartera = CarteraCreditoFactory()
    cuenta = CuentaFactory(cartera=cartera, clasificacion="")
    for periodo, interes in ((SEPTIEMBRE, "60.00"), (OCTUBRE, "50.00")):
        _factura(cuenta, periodo, Concepto.CAPITAL, "1000.00")
        _factura(cuenta, periodo, Concepto.INTERES, interes)
    datos = comparativo.calcular(cartera, OCTUBRE)
    assert datos["con_volumen"] is False
    [renglon] = datos["por_tipo_de_usuario"]
    assert renglon["nombre"] == "Sin clasificación"
    assert renglon["cambio"]["monto"] == {"absoluto": "-10.00", "porcentaje": "-0.94"}


# --- a closed month: read from its close ---------------------------------------------------


def _tablas(datos):
    return (datos["por_tipo_de_usuario"], datos["total"], datos["por_concepto"])


def _suma_cargos(consultas):
    return any('SUM("cobranza_cargo"' in q["sql"] for q in consultas.captured_queries)


@pytest.mark.hoy("2026-12-02")
def test_meses_cerrados_dan_las_cifras_del_libro_sin_leer_cargos(cartera, reloj):
    del_libro = comparativo.calcular(cartera, OCTUBRE)
    reloj.shift(timedelta(hours=1))  # the fixture's cancellation is well before the close
    cerrar_mes(cartera=cartera, periodo=SEPTIEMBRE)
    cerrar_mes(cartera=cartera, periodo=OCTUBRE)

    with CaptureQueriesContext(connection) as consultas:
        del_cierre = comparativo.calcular(cartera, OCTUBRE)

    assert _tablas(del_cierre) == _tablas(del_libro)
    assert _lado(del_cierre["total"], "actual") == ("134.25", "1734.00", 4)
    assert not _suma_cargos(consultas)
    assert len(consultas) <= 6


@pytest.mark.hoy("2026-12-02")
def test_una_cancelacion_despues_del_cierre_se_ve_en_el_mes_cerrado(cartera, crear_usuario):
    """C's October agua (880.00, 66.00 m³) is cancelled on 02/12, after October closed, dated
    back to 20/10: comercial October 924.00 → 44.00, read again from the ledger and kept in
    the close."""
    cerrar_mes(cartera=cartera, periodo=SEPTIEMBRE)
    cerrar_mes(cartera=cartera, periodo=OCTUBRE)
    agua_c = Cargo.objects.get(cuenta__cartera=cartera, periodo=OCTUBRE, monto=Decimal("880.00"))
    ajuste_registrar(
        cargo=agua_c,
        tipo="cancelacion",
        motivo="Lectura duplicada",
        autorizado_por=crear_usuario("supervisor"),
        fecha=date(2026, 10, 20),
    )

    comercial = {
        r["clave"]: r for r in comparativo.calcular(cartera, OCTUBRE)["por_tipo_de_usuario"]
    }

    assert _lado(comercial["comercial"], "actual") == ("0.00", "44.00", 1)
    cierre = CierreMes.objects.get(cartera=cartera, periodo=OCTUBRE)
    assert cierre.facturacion["clasificacion"]["comercial"] == ["0.00", "44.00", 1, 1]


@pytest.mark.hoy("2026-12-02")
def test_la_facturacion_publicada_despues_del_cierre_se_ve(cartera, crear_usuario):
    """November closed on 01/12 before its water billing run; the run is published on 02/12
    with D's November bill (450.00, 36.00 m³): the report shows it."""
    cerrar_mes(cartera=cartera, periodo=OCTUBRE)
    cerrar_mes(cartera=cartera, periodo=NOVIEMBRE)
    assert comparativo.calcular(cartera, NOVIEMBRE)["total"]["actual"]["monto"] == "0.00"
    d = Cuenta.objects.get(cartera=cartera, clasificacion="industrial")
    CorridaFacturacion.objects.create(
        cartera=cartera,
        tipo=CorridaFacturacion.Tipo.FACTURACION,
        periodo=NOVIEMBRE,
        archivo="noviembre.csv",
        huella="f" * 64,
        estado=CorridaFacturacion.Estado.PUBLICADA,
        subida_por=crear_usuario("supervisor"),
        autorizada=ahora(),
    )
    _factura(d, NOVIEMBRE, Concepto.CONSUMO_AGUA, "450.00", "36.00")

    datos = comparativo.calcular(cartera, NOVIEMBRE)

    assert _lado(datos["total"], "actual") == ("36.00", "450.00", 1)
    assert _lado(datos["total"], "anterior") == ("134.25", "1734.00", 4)

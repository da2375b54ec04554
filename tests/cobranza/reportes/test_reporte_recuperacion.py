"""Golden test of the recuperación mensual: a small cartera whose every figure is computed by
hand below; the report must match to the centavo."""

from datetime import date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest

from cobranza.libro.services.ajustes import ajuste_registrar
from cobranza.libro.services.cargos import cargo_registrar
from cobranza.libro.services.pagos import pago_registrar, pago_revertir
from cobranza.models import Asignacion, Concepto
from cobranza.reportes.recuperacion import recuperacion_calcular
from tests.factories import CarteraFactory, CuentaFactory

pytestmark = [pytest.mark.django_db, pytest.mark.fecha]
D = Decimal
OCTUBRE = date(2026, 10, 1)


def _cargo(cuenta, monto, emision, vence, concepto=Concepto.CONSUMO_AGUA):
    return cargo_registrar(
        cuenta=cuenta,
        concepto=concepto,
        monto=monto,
        periodo=emision.replace(day=1),
        fecha_emision=emision,
        fecha_vencimiento=vence,
    )


@pytest.fixture
def cartera(crear_usuario):
    """Three accounts; the figures of October 2026:

    A (doméstica, sector 01, gestor G): bill of 500.00 due 20/08, 200.00 paid 10/09 and
      300.00 paid 05/10; bill of 400.00 due 20/10, unpaid.
      vencido al inicio 300.00 · cobrado vencido 300.00 · rezago 400.00 · not regularised
    B (comercial, sector 02, no gestor): bill of 1,000.00 due 20/07 with 100.00 condoned
      15/09, recargo of 90.00 due 01/09; 990.00 paid 10/10 (recargo first, then the bill);
      bill of 200.00 due 20/10 paid 15/10.
      vencido al inicio 990.00 · cobrado vencido 990.00 · cobrado corriente 200.00 ·
      rezago 0.00 (paid before it fell due) · regularised
    C (doméstica, sector 01, gestor G): bill of 600.00 due 20/09; 100.00 paid 28/10 and
      reversed 30/10; 600.00 paid 05/11 (next month).
      vencido al inicio 600.00 · cobrado vencido 100.00 − 100.00 = 0.00

    Totals: vencido al inicio 300 + 990 + 600 = 1,890.00; cobrado vencido 300 + 990 + 0 =
    1,290.00; cobrado corriente 200.00; recuperación 1,290 ÷ 1,890 = 68.253…% → 68.25%;
    rezago 400.00; cuentas regularizadas 1.
    Gestor G: vencido 300 + 600 = 900.00, cobrado vencido 300.00 (33.33%).
    """
    cartera = CarteraFactory()
    supervisor, caja = crear_usuario("supervisor"), crear_usuario("caja")
    gestor = crear_usuario("ventanilla", username="gestor")
    a = CuentaFactory(cartera=cartera, clasificacion="domestica", sector="01")
    b = CuentaFactory(cartera=cartera, clasificacion="comercial", sector="02")
    c = CuentaFactory(cartera=cartera, clasificacion="domestica", sector="01")
    for cuenta in (a, c):
        Asignacion.objects.create(
            cuenta=cuenta,
            asignado_a=gestor,
            asignado_por=supervisor,
            desde=datetime(2026, 9, 1, 8, tzinfo=ZoneInfo("America/Hermosillo")),
        )

    _cargo(a, "500.00", date(2026, 8, 1), date(2026, 8, 20))
    pago_registrar(cuenta=a, monto="200.00", registrado_por=caja, fecha=date(2026, 9, 10))
    _cargo(a, "400.00", date(2026, 10, 1), date(2026, 10, 20))
    pago_registrar(cuenta=a, monto="300.00", registrado_por=caja, fecha=date(2026, 10, 5))

    b1 = _cargo(b, "1000.00", date(2026, 7, 1), date(2026, 7, 20))
    ajuste_registrar(
        cargo=b1,
        tipo="condonacion",
        monto="100.00",
        motivo="Fuga reparada",
        autorizado_por=supervisor,
        fecha=date(2026, 9, 15),
    )
    _cargo(b, "90.00", date(2026, 9, 1), date(2026, 9, 1), Concepto.RECARGO)
    _cargo(b, "200.00", date(2026, 10, 1), date(2026, 10, 20))
    pago_registrar(cuenta=b, monto="990.00", registrado_por=caja, fecha=date(2026, 10, 10))
    pago_registrar(cuenta=b, monto="200.00", registrado_por=caja, fecha=date(2026, 10, 15))

    _cargo(c, "600.00", date(2026, 9, 1), date(2026, 9, 20))
    revertido = pago_registrar(
        cuenta=c, monto="100.00", registrado_por=caja, fecha=date(2026, 10, 28)
    )
    pago_revertir(
        pago=revertido,
        motivo="Cheque sin fondos",
        autorizado_por=supervisor,
        fecha=date(2026, 10, 30),
    )
    pago_registrar(cuenta=c, monto="600.00", registrado_por=caja, fecha=date(2026, 11, 5))
    return cartera, gestor


def test_recuperacion_de_octubre_al_centavo(cartera):
    cartera, gestor = cartera
    r = recuperacion_calcular(cartera_id=cartera.pk, periodo=OCTUBRE)
    assert r.vencido_inicio == D("1890.00")
    assert r.cobrado_vencido == D("1290.00")
    assert r.cobrado_corriente == D("200.00")
    assert r.porcentaje == D("68.25")
    assert r.rezago == D("400.00")
    assert r.cuentas_regularizadas == 1

    por_gestor = r.desglose["gestor"][gestor.pk]
    assert (por_gestor["vencido_inicio"], por_gestor["cobrado_vencido"]) == (
        D("900.00"),
        D("300.00"),
    )
    assert r.desglose["clasificacion"]["comercial"]["vencido_inicio"] == D("990.00")
    assert r.desglose["concepto"]["recargo"]["cobrado_vencido"] == D("90.00")
    assert r.desglose["sector"]["01"]["rezago"] == D("400.00")


def test_el_mes_siguiente_parte_de_lo_que_quedo(cartera):
    """November: vencido al inicio = A's 400.00 + C's 600.00 = 1,000.00; C pays 600.00 on
    05/11: 60.00%; A and B owe nothing new in November."""
    cartera, _ = cartera
    r = recuperacion_calcular(cartera_id=cartera.pk, periodo=date(2026, 11, 1))
    assert (r.vencido_inicio, r.cobrado_vencido, r.porcentaje) == (
        D("1000.00"),
        D("600.00"),
        D("60.00"),
    )
    assert r.cuentas_regularizadas == 1  # C

"""Closing a month: the snapshot (ResumenMensual) gives the same figures as the ledger, to
the centavo; it is written once; the current month is never closed."""

from datetime import date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError

from cobranza.libro.services.pagos import pago_registrar
from cobranza.models import Asignacion, CierreMes, ResumenMensual
from cobranza.reportes import estadisticas
from cobranza.reportes.cierres import cerrar_mes, meses_cerrar
from cobranza.reportes.comun import mes_de
from cobranza.reportes.recuperacion import FUENTE_CIERRE, FUENTE_LIBRO, recuperacion_calcular
from cobranza.reportes.tablero import serie_recuperacion, tablero_cargar
from tests.cobranza.reportes.test_reporte_recuperacion import cartera  # noqa: F401 (fixture)

pytestmark = [pytest.mark.django_db, pytest.mark.hoy("2026-12-02")]
OCTUBRE, NOVIEMBRE = date(2026, 10, 1), date(2026, 11, 1)
SONORA = ZoneInfo("America/Hermosillo")


@pytest.fixture
def con_cambio_de_gestor(cartera, crear_usuario):  # noqa: F811
    """The golden cartera, and C handed to another gestor on 15/10 (its gestor at October's
    close is the new one)."""
    cartera, gestor = cartera
    nuevo = crear_usuario("ventanilla", username="gestora_nueva")
    supervisor = crear_usuario("supervisor", username="otra_supervisora")
    c = Asignacion.objects.filter(asignado_a=gestor).order_by("cuenta_id").last()
    cambio = datetime(2026, 10, 15, 9, tzinfo=SONORA)
    Asignacion.objects.filter(pk=c.pk).update(hasta=cambio)
    Asignacion.objects.create(
        cuenta=c.cuenta, asignado_a=nuevo, asignado_por=supervisor, desde=cambio
    )
    return cartera, gestor, nuevo


def _cifras(r):
    return (
        r.vencido_inicio,
        r.cobrado_vencido,
        r.cobrado_corriente,
        r.rezago,
        r.cuentas_regularizadas,
        r.desglose,
    )


@pytest.mark.parametrize("periodo", [OCTUBRE, NOVIEMBRE])
def test_el_cierre_da_las_cifras_del_libro_al_centavo(con_cambio_de_gestor, periodo):
    la_cartera, _, _ = con_cambio_de_gestor
    del_libro = recuperacion_calcular(cartera_id=la_cartera.pk, periodo=periodo)
    assert del_libro.fuente == FUENTE_LIBRO

    cerrar_mes(cartera=la_cartera, periodo=periodo)
    del_cierre = recuperacion_calcular(cartera_id=la_cartera.pk, periodo=periodo)

    assert del_cierre.fuente == FUENTE_CIERRE
    assert _cifras(del_cierre) == _cifras(del_libro)


def test_octubre_cerrado_al_centavo_y_por_gestor_al_cierre(con_cambio_de_gestor):
    la_cartera, gestor, nuevo = con_cambio_de_gestor
    cerrar_mes(cartera=la_cartera, periodo=OCTUBRE)
    r = recuperacion_calcular(cartera_id=la_cartera.pk, periodo=OCTUBRE)
    assert (r.vencido_inicio, r.cobrado_vencido, r.cobrado_corriente, r.rezago) == (
        Decimal("1890.00"),
        Decimal("1290.00"),
        Decimal("200.00"),
        Decimal("400.00"),
    )
    assert r.porcentaje == Decimal("68.25")
    assert r.cuentas_regularizadas == 1
    # C (600.00 vencido, nothing recovered after the reversal) is the new gestora's at close.
    assert r.desglose["gestor"][nuevo.pk]["vencido_inicio"] == Decimal("600.00")
    assert r.desglose["gestor"][gestor.pk]["vencido_inicio"] == Decimal("300.00")
    cierre = CierreMes.objects.get(cartera=la_cartera, periodo=OCTUBRE)
    assert (cierre.vencido_inicio, cierre.cobrado_vencido, cierre.cuentas_regularizadas) == (
        Decimal("1890.00"),
        Decimal("1290.00"),
        1,
    )


def test_estadisticas_del_mes_cerrado_iguales_al_libro(con_cambio_de_gestor):
    la_cartera, _, _ = con_cambio_de_gestor
    corte = estadisticas.corte_de(mes_de(OCTUBRE))
    del_libro = estadisticas.deudores(la_cartera, corte)
    cerrar_mes(cartera=la_cartera, periodo=OCTUBRE)
    del_cierre = estadisticas.deudores(la_cartera, corte)
    assert del_cierre == del_libro
    # At October's close: A owes 400.00 (due 20/10, 1-30 days) and C 600.00 (due 20/09,
    # 31-60 days, paid in November).
    assert del_cierre["totales"]["monto"] == "1000.00"
    assert del_cierre["totales"]["deudores"] == 2


def test_un_pago_posterior_no_cambia_el_mes_cerrado(con_cambio_de_gestor, crear_usuario):
    la_cartera, _, _ = con_cambio_de_gestor
    cerrar_mes(cartera=la_cartera, periodo=OCTUBRE)
    antes = _cifras(recuperacion_calcular(cartera_id=la_cartera.pk, periodo=OCTUBRE))
    cuenta = ResumenMensual.objects.filter(cartera=la_cartera, rezago__gt=0).first().cuenta
    pago_registrar(cuenta=cuenta, monto="400.00", registrado_por=crear_usuario("caja"))
    assert _cifras(recuperacion_calcular(cartera_id=la_cartera.pk, periodo=OCTUBRE)) == antes
    # …and the ledger agrees: the payment is dated today, in December.
    CierreMes.objects.filter(cartera=la_cartera).delete()
    assert _cifras(recuperacion_calcular(cartera_id=la_cartera.pk, periodo=OCTUBRE)) == antes


def test_cerrar_dos_veces_deja_las_mismas_filas(cartera):  # noqa: F811
    cartera, _ = cartera
    primero = cerrar_mes(cartera=cartera, periodo=OCTUBRE)
    filas = list(
        ResumenMensual.objects.filter(cartera=cartera, periodo=OCTUBRE)
        .order_by("cuenta_id", "concepto")
        .values_list("cuenta_id", "concepto", "vencido_inicio", "cierre_31_60")
    )
    segundo = cerrar_mes(cartera=cartera, periodo=OCTUBRE)
    assert (primero.escrito, segundo.escrito) == (True, False)
    assert segundo.cierre.pk == primero.cierre.pk
    assert primero.cierre.filas == len(filas) > 0

    rehecho = cerrar_mes(cartera=cartera, periodo=OCTUBRE, rehacer=True)
    assert rehecho.escrito
    assert CierreMes.objects.filter(cartera=cartera).count() == 1
    assert (
        list(
            ResumenMensual.objects.filter(cartera=cartera, periodo=OCTUBRE)
            .order_by("cuenta_id", "concepto")
            .values_list("cuenta_id", "concepto", "vencido_inicio", "cierre_31_60")
        )
        == filas
    )


def test_el_mes_en_curso_no_se_cierra(cartera):  # noqa: F811
    cartera, _ = cartera
    with pytest.raises(ValidationError) as error:
        cerrar_mes(cartera=cartera, periodo=date(2026, 12, 1))
    assert "mes en curso" in error.value.message_dict["periodo"][0]
    assert not CierreMes.objects.exists()


def test_rellenar_varios_meses_omite_los_cerrados(cartera):  # noqa: F811
    cartera, _ = cartera
    cerrar_mes(cartera=cartera, periodo=OCTUBRE)
    hechos = meses_cerrar(desde=date(2026, 9, 1), carteras=[cartera])
    assert [(h.cierre.periodo, h.escrito) for h in hechos] == [
        (date(2026, 9, 1), True),
        (OCTUBRE, False),
        (NOVIEMBRE, True),
    ]


def test_el_tablero_lee_la_recuperacion_del_cierre(cartera, django_assert_max_num_queries):  # noqa: F811
    """A closed month without a stored report: the gerencia home draws its recovery % from
    the month's totals, in a fixed number of queries (no report is computed)."""
    la_cartera, _ = cartera
    cerrar_mes(cartera=la_cartera, periodo=OCTUBRE)
    with django_assert_max_num_queries(6):
        tablero = tablero_cargar(periodo=NOVIEMBRE)
    serie = dict(serie_recuperacion(tablero)[la_cartera.nombre])
    assert serie[OCTUBRE] == Decimal("68.25")
    assert serie[NOVIEMBRE] is None  # neither closed nor stored: a gap, not a computation

"""manage.py reporte_recuperacion: the month's recovery figures on the command line, in es-MX
formats, and stored with --guardar."""

from datetime import date
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from cobranza.libro.services.cargos import cargo_registrar
from cobranza.libro.services.pagos import pago_registrar
from cobranza.models import Concepto, ReporteGuardado
from tests.factories import CarteraFactory, CuentaFactory

pytestmark = [pytest.mark.django_db, pytest.mark.fecha]


@pytest.fixture
def cartera(crear_usuario):
    """Two accounts of OOMAPAS Caborca in October 2026:
    A owes a 1,200.00 bill due 20/08 and pays 300.00 on 09/10; a 100.00 bill due 20/10 stays
      unpaid (rezago).
    B owes a 234.56 bill due 20/09 and pays it all on 15/10: nothing past due left at the
      month's end (regularised).
    vencido al inicio 1,200.00 + 234.56 = 1,434.56; cobrado vencido 300.00 + 234.56 = 534.56;
    recuperación 534.56 ÷ 1,434.56 = 37.2626…% → 37.26 %; rezago 100.00; 1 regularizada.
    """
    cartera = CarteraFactory()
    caja = crear_usuario("caja")
    a, b = CuentaFactory(cartera=cartera), CuentaFactory(cartera=cartera)
    for cuenta, monto, emision, vence in (
        (a, "1200.00", date(2026, 8, 1), date(2026, 8, 20)),
        (b, "234.56", date(2026, 9, 1), date(2026, 9, 20)),
        (a, "100.00", date(2026, 10, 1), date(2026, 10, 20)),
    ):
        cargo_registrar(
            cuenta=cuenta,
            concepto=Concepto.CONSUMO_AGUA,
            monto=monto,
            periodo=emision,
            fecha_emision=emision,
            fecha_vencimiento=vence,
        )
    pago_registrar(cuenta=a, monto="300.00", registrado_por=caja, fecha=date(2026, 10, 9))
    pago_registrar(cuenta=b, monto="234.56", registrado_por=caja, fecha=date(2026, 10, 15))
    return cartera


def _correr(*argumentos):
    salida = StringIO()
    call_command("reporte_recuperacion", *argumentos, stdout=salida)
    return salida.getvalue()


def _renglon(texto, etiqueta):
    linea = next(linea for linea in texto.splitlines() if linea.startswith(etiqueta))
    return linea.split(":", 1)[1].strip()


def test_imprime_las_cifras_del_mes_en_formato_mexicano(cartera):
    texto = _correr("--cartera", "agua-caborca", "--periodo", "2026-10")

    assert "Recuperación mensual · OOMAPAS Caborca (agua-caborca) · octubre de 2026" in texto
    assert _renglon(texto, "Cartera vencida al inicio del mes") == "$1,434.56"
    assert _renglon(texto, "Cobrado en el mes") == "$534.56"
    assert _renglon(texto, "  de cartera vencida") == "$534.56"
    assert _renglon(texto, "  de facturación corriente") == "$0.00"
    assert _renglon(texto, "Porcentaje de recuperación") == "37.26 %"
    assert _renglon(texto, "Rezago del mes") == "$100.00"
    assert _renglon(texto, "Cuentas regularizadas") == "1"
    assert not ReporteGuardado.objects.exists()  # without --guardar nothing is stored


def test_con_guardar_lo_guarda_y_al_repetir_lo_reemplaza(cartera):
    primero = _correr("--cartera", "agua-caborca", "--periodo", "2026-10", "--guardar")
    segundo = _correr("--cartera", "agua-caborca", "--periodo", "2026-10", "--guardar")

    reporte = ReporteGuardado.objects.get(tipo="recuperacion", cartera=cartera)
    assert reporte.periodo == date(2026, 10, 1)
    assert reporte.datos["cifras"]["porcentaje"] == "37.26"
    assert reporte.pdf and reporte.xlsx
    assert "Guardado: versión 1" in primero
    assert "Guardado: versión 2" in segundo
    assert _renglon(segundo, "Porcentaje de recuperación") == "37.26 %"


def test_con_meses_llena_varios_meses_terminando_en_el_periodo(cartera):
    texto = _correr(
        "--cartera", "agua-caborca", "--periodo", "2026-10", "--meses", "3", "--guardar"
    )

    guardados = ReporteGuardado.objects.filter(cartera=cartera).order_by("periodo")
    assert [r.periodo for r in guardados] == [date(2026, 8, 1), date(2026, 9, 1), date(2026, 10, 1)]
    # September: 1,200.00 past due at its start, nothing collected.
    assert guardados[1].datos["cifras"]["vencido_inicio"] == "1200.00"
    assert guardados[1].datos["cifras"]["cobrado"] == "0.00"
    assert guardados[2].datos["cifras"]["porcentaje"] == "37.26"
    assert (
        texto.index("agosto de 2026")
        < texto.index("septiembre de 2026")
        < texto.index("octubre de 2026")
    )


@pytest.mark.parametrize(
    ("argumentos", "mensaje"),
    [
        (["--cartera", "agua-hermosillo", "--periodo", "2026-10"], "No existe la cartera"),
        (["--cartera", "agua-caborca", "--periodo", "2026-13"], "Periodo inválido"),
        (["--cartera", "agua-caborca", "--periodo", "octubre"], "use aaaa-mm"),
        (["--cartera", "agua-caborca", "--periodo", "2099-01"], "aún no empieza"),
        (["--periodo", "2026-10"], "Falta --cartera"),
        (["--cartera", "agua-caborca", "--meses", "0"], "--meses debe estar entre 1 y 120"),
    ],
)
def test_una_cartera_o_periodo_malo_se_explica_en_espanol(cartera, argumentos, mensaje):
    with pytest.raises(CommandError, match=mensaje):
        _correr(*argumentos)
    assert not ReporteGuardado.objects.exists()

"""manage.py cerrar_meses and the monthly task cerrar_meses: close finished months once."""

from datetime import date
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from cobranza.models import CierreMes
from cobranza.reportes.tasks import cerrar_meses
from tests.cobranza.reportes.test_reporte_recuperacion import cartera  # noqa: F401 (fixture)

pytestmark = [pytest.mark.django_db, pytest.mark.hoy("2026-12-02")]


def test_el_comando_cierra_los_meses_y_omite_los_cerrados(cartera):  # noqa: F811
    cartera, _ = cartera
    salida = StringIO()
    call_command("cerrar_meses", "--desde", "2026-09", "--cartera", cartera.clave, stdout=salida)
    assert "Meses cerrados: 3" in salida.getvalue()  # septiembre, octubre y noviembre
    salida = StringIO()
    call_command("cerrar_meses", "--desde", "2026-10", "--cartera", cartera.clave, stdout=salida)
    assert "Meses cerrados: 0; ya estaban cerrados: 2." in salida.getvalue()
    assert CierreMes.objects.filter(cartera=cartera).count() == 3


@pytest.mark.parametrize(
    ("argumentos", "mensaje"),
    [
        (["--desde", "octubre"], "Periodo inválido"),
        (["--desde", "2026-12"], "mes en curso"),
        (["--desde", "2026-11", "--hasta", "2026-10"], "posterior"),
        (["--desde", "2026-10", "--cartera", "no-existe"], "No existe la cartera"),
    ],
)
def test_el_comando_explica_la_entrada_mala(argumentos, mensaje):
    with pytest.raises(CommandError, match=mensaje):
        call_command("cerrar_meses", *argumentos)


def test_la_tarea_cierra_el_mes_anterior_una_vez(cartera):  # noqa: F811
    cartera, _ = cartera
    assert cerrar_meses()["cerrados"] >= 1
    assert CierreMes.objects.filter(cartera=cartera, periodo=date(2026, 11, 1)).exists()
    assert cerrar_meses()["cerrados"] == 0
    assert CierreMes.objects.filter(cartera=cartera).count() == 1

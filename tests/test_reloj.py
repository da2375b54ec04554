"""The suite's clock: pinned by tests/conftest.py (reloj), read by the product in one place."""

import re
from datetime import date, timedelta
from pathlib import Path

import pytest

from padron.fechas import ahora, hoy
from tests.conftest import momento

RAIZ = Path(__file__).resolve().parent.parent
# Readings of the machine's clock; padron/fechas.py is the one place allowed to make them.
LECTURAS_DEL_RELOJ = re.compile(
    r"timezone\.now\(|timezone\.localdate\(\)|timezone\.localtime\(\)|date\.today\(|"
    r"datetime\.now\(|datetime\.utcnow\(|default=timezone\.now"
)


def _lecturas(carpetas, permitidos=()):
    encontradas = []
    for carpeta in carpetas:
        for archivo in (RAIZ / carpeta).rglob("*.py"):
            relativo = archivo.relative_to(RAIZ).as_posix()
            if "/migrations/" in relativo or relativo in permitidos:
                continue
            for numero, linea in enumerate(archivo.read_text().splitlines(), 1):
                if LECTURAS_DEL_RELOJ.search(linea):
                    encontradas.append(f"{relativo}:{numero}: {linea.strip()}")
    return encontradas


def test_el_producto_lee_el_reloj_solo_en_padron_fechas():
    assert _lecturas(["padron", "cobranza", "convenios", "config"], {"padron/fechas.py"}) == []


def test_las_pruebas_toman_hoy_de_padron_fechas():
    assert _lecturas(["tests"], {"tests/test_reloj.py"}) == []


def test_la_suite_corre_en_la_fecha_que_se_le_da(request):
    pedido = momento(request.config.getoption("--hoy"))
    assert hoy() == pedido.date()
    assert timedelta(0) <= ahora() - pedido < timedelta(minutes=5)  # pinned, then ticking


@pytest.mark.hoy("2028-02-29")
def test_una_prueba_fija_su_propio_dia():
    assert hoy() == date(2028, 2, 29)


@pytest.mark.hoy("2026-12-31T23:30")
def test_la_noche_del_31_es_31_en_hermosillo_aunque_en_utc_ya_sea_enero():
    assert hoy() == date(2026, 12, 31)
    assert ahora().year == 2027  # UTC inside


def test_el_reloj_se_mueve_dentro_de_una_prueba(reloj):
    reloj.move_to(momento("2027-01-01"))
    assert hoy() == date(2027, 1, 1)

"""The convenios section of the monthly recovery report (convenios/reportes.py), October 2026,
every figure computed by hand below."""

from datetime import date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest

from cobranza.models import Pago
from cobranza.reportes.registro import SECCIONES_DE_RECUPERACION
from convenios.models import AbonoParcialidad, Convenio, Parcialidad
from convenios.reportes.seccion import registrar, seccion_convenios
from tests.factories import CarteraFactory, CuentaFactory

pytestmark = [pytest.mark.django_db, pytest.mark.fecha]
SONORA = ZoneInfo("America/Hermosillo")
OCTUBRE, NOVIEMBRE = date(2026, 10, 1), date(2026, 11, 1)


def _momento(*partes):
    return datetime(*partes, tzinfo=SONORA)


@pytest.fixture
def convenios(politica, crear_usuario):
    """Convenios of the cartera (one cuenta each), as of October 2026:
      c1 firmado 03/10, total 1,200.00, vigente             → firmado, vigente at the close
      c2 firmado 10/09, cumplido 20/10                      → cumplido in October
      c3 firmado 01/08, incumplido 31/10                    → incumplido in October
      c4 firmado 31/10 at 23:30 (Sonora), total 800.00      → firmado, vigente
      c5 firmado 01/11 at 00:10                             → November's
      c6 rechazado 05/10, never signed                      → nothing
      c7 firmado 01/07, vigente                             → vigente
      c8 firmado 01/06, cancelado 03/11                     → still vigente at the close
    and one convenio of another cartera signed in October, which does not count.
    Firmados 2 (2,000.00); vigentes al cierre 4 (c1, c4, c7, c8); cumplidos 1; incumplidos 1.
    Abonos: c1 300.00 on 05/10 and −100.00 (reversal) on 28/10, 150.00 on 02/11 (November);
    c7 50.00 on 01/10. Money brought in October: 300 − 100 + 50 = 250.00."""
    usuario = crear_usuario("supervisor")
    cartera = politica["cartera"]
    filas = {
        "c1": ("vigente", _momento(2026, 10, 3, 10), None, "1200.00"),
        "c2": ("cumplido", _momento(2026, 9, 10, 10), date(2026, 10, 20), "500.00"),
        "c3": ("incumplido", _momento(2026, 8, 1, 10), date(2026, 10, 31), "700.00"),
        "c4": ("vigente", _momento(2026, 10, 31, 23, 30), None, "800.00"),
        "c5": ("vigente", _momento(2026, 11, 1, 0, 10), None, "900.00"),
        "c6": ("rechazado", None, date(2026, 10, 5), "300.00"),
        "c7": ("vigente", _momento(2026, 7, 1, 10), None, "1000.00"),
        "c8": ("cancelado", _momento(2026, 6, 1, 10), date(2026, 11, 3), "400.00"),
    }
    creados = {}
    for folio, (estado, firmado, terminado, total) in filas.items():
        creados[folio] = Convenio.objects.create(
            folio=folio,
            cuenta=CuentaFactory(cartera=cartera),
            alternativa=politica["parcialidades"],
            estado=estado,
            adeudo=total,
            total=total,
            numero_parcialidades=3,
            primer_vencimiento=date(2026, 10, 15),
            capturado_por=usuario,
            firmado=firmado,
            terminado=terminado,
        )
    otra = CarteraFactory(clave="otra", nombre="Otra")
    Convenio.objects.create(
        folio="x1",
        cuenta=CuentaFactory(cartera=otra),
        alternativa=politica["parcialidades"],
        estado="vigente",
        adeudo="999.00",
        total="999.00",
        numero_parcialidades=1,
        primer_vencimiento=date(2026, 10, 15),
        capturado_por=usuario,
        firmado=_momento(2026, 10, 10, 10),
    )
    for folio, monto, fecha in (
        ("c1", "300.00", date(2026, 10, 5)),
        ("c1", "-100.00", date(2026, 10, 28)),
        ("c1", "150.00", date(2026, 11, 2)),
        ("c7", "50.00", date(2026, 10, 1)),
    ):
        convenio = creados[folio]
        parcialidad, _ = Parcialidad.objects.get_or_create(
            convenio=convenio,
            numero=1,
            defaults={"fecha_vencimiento": date(2026, 10, 15), "monto": "400.00"},
        )
        pago = Pago.objects.create(
            cuenta=convenio.cuenta, fecha=fecha, monto=abs(Decimal(monto)), remanente=0
        )
        AbonoParcialidad.objects.create(
            parcialidad=parcialidad, pago=pago, monto=monto, fecha=fecha
        )
    return cartera


def test_convenios_de_octubre(convenios):
    seccion = seccion_convenios(convenios, OCTUBRE, NOVIEMBRE)
    assert (seccion["clave"], seccion["titulo"]) == ("convenios", "Convenios")
    assert [(f["etiqueta"], f["valor"]) for f in seccion["filas"]] == [
        ("Convenios firmados", 2),
        ("Total convenido de los firmados", "2000.00"),
        ("Vigentes al cierre", 4),
        ("Cumplidos en el mes", 1),
        ("Incumplidos en el mes", 1),
        ("Abonado a parcialidades en el mes", "250.00"),
    ]
    assert seccion["indicadores"] == {"convenios_firmados": 2}


def test_registrar_es_idempotente():
    registrar()
    registrar()
    assert SECCIONES_DE_RECUPERACION.count(seccion_convenios) == 1

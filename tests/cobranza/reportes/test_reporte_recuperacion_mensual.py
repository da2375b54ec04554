"""The full Recuperación mensual (report type "recuperacion") on the golden cartera of
test_reporte_recuperacion.py (October 2026): its figures as data, the comparisons (computed,
or read from the stored report), cortes, PEC, coverage of the assigned cartera, and the
sections other apps register."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from cobranza.models import Expediente, Gestion, OrdenCorte, ReporteGuardado
from cobranza.reportes import recuperacion_reporte
from cobranza.reportes.registro import REPORTES, SECCIONES_DE_RECUPERACION
from padron.fechas import hoy
from tests.cobranza.reportes.test_reporte_recuperacion import cartera as golden  # noqa: F401 (fixture)

pytestmark = [pytest.mark.django_db, pytest.mark.fecha]
OCTUBRE = date(2026, 10, 1)
SONORA = ZoneInfo("America/Hermosillo")


@pytest.fixture
def dorada(request):
    """(cartera, gestor) of the golden October 2026 of test_reporte_recuperacion.py."""
    return request.getfixturevalue("golden")


def _momento(*partes):
    return datetime(*partes, tzinfo=SONORA)


def _cuentas(cartera):
    return list(cartera.cuentas.order_by("pk"))  # A, B, C of the golden fixture


def test_esta_registrado_como_tipo_de_reporte():
    tipo = REPORTES["recuperacion"]
    assert (tipo.titulo, tipo.plantilla_pdf) == (
        "Recuperación mensual",
        "cobranza/reportes/recuperacion_pdf.html",
    )


def test_cifras_y_desglose_como_datos(dorada):
    cartera, gestor = dorada
    datos = recuperacion_reporte.calcular(cartera, OCTUBRE)
    assert datos["periodo"] == "2026-10"
    assert datos["cifras"] == {
        "vencido_inicio": "1890.00",
        "cobrado_vencido": "1290.00",
        "cobrado_corriente": "200.00",
        "cobrado": "1490.00",
        "porcentaje": "68.25",
        "rezago": "400.00",
        "cuentas_regularizadas": 1,
    }
    [del_gestor] = [g for g in datos["desglose"]["gestor"] if g["clave"] == "gestor"]
    # Gestor G: 900.00 past due at the start, 300.00 collected: 33.33%.
    assert (del_gestor["vencido_inicio"], del_gestor["cobrado_vencido"]) == ("900.00", "300.00")
    assert del_gestor["porcentaje"] == "33.33"
    assert datos["desglose"]["gestor"][-1]["nombre"] == "Sin gestor asignado"  # B
    clasificaciones = {f["clave"]: f for f in datos["desglose"]["clasificacion"]}
    assert clasificaciones["comercial"]["nombre"] == "Comercial"
    assert clasificaciones["comercial"]["vencido_inicio"] == "990.00"


def test_compara_con_el_mes_anterior_calculado_del_libro(dorada):
    """September 2026: A owed 500.00 (due 20/08) and B 1,000.00 (due 20/07) at 01/09:
    1,500.00; A paid 200.00 on 10/09: 13.33%. B's recargo of 90.00 (due 01/09) and C's bill
    of 600.00 (due 20/09) fell due unpaid: rezago 690.00. October against it: +390.00
    (26.00%) past due, recovery +54.92 points. A year before, nothing: 0.00 and no %."""
    cartera, _ = dorada
    datos = recuperacion_reporte.calcular(cartera, OCTUBRE)
    anterior = datos["comparacion"]["mes_anterior"]
    assert (anterior["periodo"], anterior["origen"], anterior["generado"]) == (
        "2026-09",
        "calculado",
        None,
    )
    assert anterior["cifras"]["vencido_inicio"] == "1500.00"
    assert anterior["cifras"]["cobrado_vencido"] == "200.00"
    assert anterior["cifras"]["porcentaje"] == "13.33"
    assert anterior["cifras"]["rezago"] == "690.00"
    assert anterior["cambio"]["vencido_inicio"] == {"absoluto": "390.00", "porcentaje": "26.00"}
    assert anterior["cambio"]["porcentaje"]["absoluto"] == "54.92"

    anio = datos["comparacion"]["anio_anterior"]
    assert anio["periodo"] == "2025-10"
    assert (anio["cifras"]["vencido_inicio"], anio["cifras"]["porcentaje"]) == ("0.00", None)
    assert anio["cambio"]["porcentaje"] == {"absoluto": None, "porcentaje": None}


def test_la_comparacion_lee_el_reporte_guardado_sin_recalcular(dorada, monkeypatch):
    """A stored September (generated at its cut-off, before later corrections) is what the
    comparison shows, even where today's ledger says otherwise; with both comparison months
    stored, the ledger is read once, for October only."""
    cartera, _ = dorada
    cifras_guardadas = {
        "vencido_inicio": "1600.00",
        "cobrado_vencido": "400.00",
        "cobrado_corriente": "0.00",
        "cobrado": "400.00",
        "porcentaje": "25.00",
        "rezago": "690.00",
        "cuentas_regularizadas": 0,
    }
    for periodo in (date(2026, 9, 1), date(2025, 10, 1)):
        ReporteGuardado.objects.create(
            tipo="recuperacion",
            cartera=cartera,
            periodo=periodo,
            datos={"cifras": cifras_guardadas},
            generado=_momento(2026, 10, 1, 6),
        )
    llamadas = []
    original = recuperacion_reporte.recuperacion_calcular

    def contar(**kwargs):
        llamadas.append(kwargs["periodo"])
        return original(**kwargs)

    monkeypatch.setattr(recuperacion_reporte, "recuperacion_calcular", contar)
    datos = recuperacion_reporte.calcular(cartera, OCTUBRE)
    assert llamadas == [OCTUBRE]
    anterior = datos["comparacion"]["mes_anterior"]
    assert (anterior["origen"], anterior["generado"]) == ("guardado", "01/10/2026 06:00")
    assert anterior["cifras"]["vencido_inicio"] == "1600.00"
    assert anterior["cambio"]["vencido_inicio"] == {"absoluto": "290.00", "porcentaje": "18.13"}
    assert anterior["cambio"]["porcentaje"]["absoluto"] == "43.25"  # 68.25 − 25.00 points


def test_cortes_y_reconexiones_ejecutados_en_el_mes(dorada):
    """Executed in October (Sonora time): a suspension, a reduction and a reconexión. Not
    counted: one executed 01/11 at 00:30, one still pending."""
    cartera, _ = dorada
    a, b, c = _cuentas(cartera)
    ordenes = [
        (a, "corte", "suspension", "ejecutada", _momento(2026, 10, 3, 10)),
        (b, "corte", "reduccion", "ejecutada", _momento(2026, 10, 31, 23, 59)),
        (b, "reconexion", "reconexion", "ejecutada", _momento(2026, 10, 20, 9)),
        (c, "corte", "suspension", "ejecutada", _momento(2026, 11, 1, 0, 30)),
        (a, "reconexion", "reconexion", "pendiente", None),
    ]
    for n, (cuenta, tipo, accion, estado, ejecutada) in enumerate(ordenes):
        OrdenCorte.objects.create(
            folio=f"OC-{n}",
            cuenta=cuenta,
            tipo=tipo,
            accion=accion,
            estado=estado,
            ejecutada=ejecutada,
        )
    datos = recuperacion_reporte.calcular(cartera, OCTUBRE)
    assert datos["cortes"] == {
        "ejecutados": 2,
        "suspensiones": 1,
        "reducciones": 1,
        "reconexiones": 1,
    }


def test_pec_expedientes_abiertos_y_lo_recuperado_por_el_pec(dorada, crear_usuario):
    """A: expediente opened 15/10, now at requerimiento: its October payment of 300.00 counts.
    B: expediente opened 01/08 and closed 30/09: its 1,190.00 of October does not.
    C: expediente opened 02/11: after the month; its October payment and reversal (net 0)
    would not count anyway. Opened in October: 1 (requerimiento); recovered: 300.00."""
    cartera, _ = dorada
    a, b, c = _cuentas(cartera)
    supervisor = crear_usuario("supervisor")
    expedientes = [
        (a, "abierto", "requerimiento", _momento(2026, 10, 15, 9), None),
        (b, "cerrado", "invitacion", _momento(2026, 8, 1, 9), _momento(2026, 9, 30, 12)),
        (c, "abierto", "invitacion", _momento(2026, 11, 2, 9), None),
    ]
    for n, (cuenta, estado, etapa, abierto, cerrado) in enumerate(expedientes):
        expediente = Expediente.objects.create(
            folio=f"PEC-{n}",
            cuenta=cuenta,
            estado=estado,
            etapa=etapa,
            adeudo_inicial="100.00",
            abierto_por=supervisor,
            cerrado=cerrado,
        )
        Expediente.objects.filter(pk=expediente.pk).update(abierto=abierto)
    pec = recuperacion_reporte.calcular(cartera, OCTUBRE)["pec"]
    assert pec["abiertos"] == 1
    assert pec["por_etapa"] == [
        {"clave": "requerimiento", "nombre": "Requerimiento de pago", "expedientes": 1}
    ]
    assert pec["recuperado"] == "300.00"


def test_cobertura_de_la_cartera_asignada(dorada, crear_usuario):
    """A and C are assigned to the gestor at the month's end. The gestor called A on 12/10;
    C was only called by someone else, and A's call of 01/11 is November's: 1 of 2, 50.00%."""
    cartera, gestor = dorada
    a, _, c = _cuentas(cartera)
    otro = crear_usuario("supervisor")
    for cuenta, usuario, fecha in (
        (a, gestor, _momento(2026, 10, 12, 11)),
        (c, otro, _momento(2026, 10, 13, 11)),
        (a, gestor, _momento(2026, 11, 1, 8)),
    ):
        Gestion.objects.create(
            cuenta=cuenta,
            tipo="llamada_realizada",
            resultado="contactado",
            usuario=usuario,
            fecha=fecha,
        )
    cobertura = recuperacion_reporte.calcular(cartera, OCTUBRE)["cobertura"]
    assert (cobertura["asignadas"], cobertura["gestionadas"], cobertura["porcentaje"]) == (
        2,
        1,
        "50.00",
    )
    assert cobertura["por_gestor"] == [
        {"gestor": "gestor", "asignadas": 2, "gestionadas": 1, "porcentaje": "50.00"}
    ]


def test_las_secciones_registradas_entran_al_reporte(dorada, monkeypatch):
    cartera, _ = dorada
    vistas = []

    def seccion(cartera_, inicio, siguiente):
        vistas.append((cartera_, inicio, siguiente))
        return {
            "clave": "prueba",
            "titulo": "Sección de prueba",
            "filas": [{"etiqueta": "Algo", "valor": 3, "formato": "numero"}],
            "indicadores": {"convenios_firmados": 3},
        }

    monkeypatch.setattr(
        recuperacion_reporte, "SECCIONES_DE_RECUPERACION", [*SECCIONES_DE_RECUPERACION, seccion]
    )
    datos = recuperacion_reporte.calcular(cartera, OCTUBRE)
    assert vistas == [(cartera, OCTUBRE, date(2026, 11, 1))]
    assert datos["secciones"][-1]["titulo"] == "Sección de prueba"
    assert datos["logros"]["convenios_firmados"] == 3


def test_los_datos_son_json(dorada):
    import json

    cartera, _ = dorada
    datos = recuperacion_reporte.calcular(cartera, OCTUBRE)
    assert json.loads(json.dumps(datos)) == datos
    assert datos["calculado"][:4] == f"{hoy():%Y}"

"""Stored reports: generated once, replaced atomically on purpose, frozen at their cut-off.

The report type here is a tiny one registered by the test (what was paid in the month on
the cartera), so the storage rules are tested apart from any real report's figures.
"""

from datetime import date
from decimal import Decimal

import pytest
from django.core.files.storage import default_storage
from django.db.models import Sum

from cobranza.libro.services.cargos import cargo_registrar
from cobranza.libro.services.pagos import pago_registrar
from cobranza.models import Aplicacion, Concepto, ReporteGuardado
from cobranza.reportes import archivos, guardados
from cobranza.reportes.comun import encabezado, mes_de
from cobranza.reportes.guardados import reporte_generar, reportes_del_mes
from cobranza.reportes.registro import REPORTES, TipoReporte
from padron.dinero import redondear
from tests.factories import CarteraCreditoFactory, CarteraFactory, CuentaFactory

pytestmark = [pytest.mark.django_db, pytest.mark.fecha]
OCTUBRE = date(2026, 10, 1)


def _cobrado_en_el_mes(cartera, periodo):
    mes = mes_de(periodo)
    total = Aplicacion.objects.filter(
        cargo__cuenta__cartera=cartera, fecha__gte=mes.inicio, fecha__lt=mes.siguiente
    ).aggregate(t=Sum("monto"))["t"]
    datos = encabezado("prueba", "Cobrado del mes", cartera, mes)
    datos["cobrado"] = str(redondear(total or 0))
    return datos


PRUEBA = TipoReporte(
    clave="prueba",
    titulo="Cobrado del mes",
    calcular=_cobrado_en_el_mes,
    plantilla_pdf="documento.html",
    hojas=lambda datos: [("Cifras", ["Cifra", "Monto"], [["Cobrado", Decimal(datos["cobrado"])]])],
)


@pytest.fixture(autouse=True)
def solo_el_tipo_de_prueba():
    respaldo = dict(REPORTES)
    REPORTES.clear()
    REPORTES[PRUEBA.clave] = PRUEBA
    yield
    REPORTES.clear()
    REPORTES.update(respaldo)


@pytest.fixture(autouse=True)
def almacen_vacio(settings):
    # A fresh in-memory storage per test: the files left behind are exactly what we see.
    settings.STORAGES = {**settings.STORAGES, "default": {**settings.STORAGES["default"]}}


@pytest.fixture
def cuenta(crear_usuario):
    cuenta = CuentaFactory(cartera=CarteraFactory())
    cargo_registrar(
        cuenta=cuenta,
        concepto=Concepto.CONSUMO_AGUA,
        monto="500.00",
        periodo=date(2026, 9, 1),
        fecha_emision=date(2026, 9, 1),
        fecha_vencimiento=date(2026, 9, 20),
    )
    caja = crear_usuario("caja")
    pago_registrar(cuenta=cuenta, monto="120.00", registrado_por=caja, fecha=date(2026, 10, 5))
    cuenta.caja = caja
    return cuenta


def _archivos_del_mes():
    _, archivos_guardados = default_storage.listdir("reportes/2026/10")
    return {f"reportes/2026/10/{nombre}" for nombre in archivos_guardados}


def _bytes(campo):
    campo.open("rb")
    try:
        return campo.read()
    finally:
        campo.close()


def test_generar_guarda_cifras_pdf_y_xlsx(cuenta, crear_usuario):
    gerente = crear_usuario("gerencia")

    reporte = reporte_generar(
        tipo="prueba", cartera=cuenta.cartera, periodo=OCTUBRE, usuario=gerente
    )

    assert (reporte.version, reporte.generado_por, reporte.periodo) == (1, gerente, OCTUBRE)
    assert reporte.datos["cobrado"] == "120.00"
    assert _bytes(reporte.pdf).startswith(b"%PDF")
    assert _bytes(reporte.xlsx).startswith(b"PK")  # an XLSX is a zip
    assert _archivos_del_mes() == {reporte.pdf.name, reporte.xlsx.name}


def test_regenerar_reemplaza_sin_dejar_dos_versiones(cuenta, django_capture_on_commit_callbacks):
    primero = reporte_generar(tipo="prueba", cartera=cuenta.cartera, periodo=OCTUBRE)
    viejos = {primero.pdf.name, primero.xlsx.name}

    with django_capture_on_commit_callbacks(execute=False) as al_confirmar:
        segundo = reporte_generar(tipo="prueba", cartera=cuenta.cartera, periodo=OCTUBRE)
        # Until the commit, the old files are still there for whoever is downloading them.
        assert viejos <= _archivos_del_mes()
    for funcion in al_confirmar:
        funcion()

    assert ReporteGuardado.objects.filter(tipo="prueba", cartera=cuenta.cartera).count() == 1
    assert segundo.pk == primero.pk
    assert ReporteGuardado.objects.get(pk=primero.pk).version == 2
    assert _archivos_del_mes() == {segundo.pdf.name, segundo.xlsx.name}
    assert not viejos & _archivos_del_mes()


def test_si_falla_el_xlsx_queda_la_version_anterior_y_ningun_archivo_suelto(
    cuenta, monkeypatch, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        anterior = reporte_generar(tipo="prueba", cartera=cuenta.cartera, periodo=OCTUBRE)
    pago_registrar(
        cuenta=cuenta, monto="30.00", registrado_por=cuenta.caja, fecha=date(2026, 10, 20)
    )

    def falla(tipo, datos):
        raise RuntimeError("disco lleno")

    monkeypatch.setattr(archivos, "reporte_xlsx", falla)
    with pytest.raises(RuntimeError, match="disco lleno"):
        reporte_generar(tipo="prueba", cartera=cuenta.cartera, periodo=OCTUBRE)

    guardado = ReporteGuardado.objects.get(pk=anterior.pk)
    assert (guardado.version, guardado.datos["cobrado"]) == (1, "120.00")
    assert (guardado.pdf.name, guardado.xlsx.name) == (anterior.pdf.name, anterior.xlsx.name)
    assert _archivos_del_mes() == {anterior.pdf.name, anterior.xlsx.name}


def test_si_falla_al_guardar_la_fila_se_borran_los_archivos_nuevos(cuenta, monkeypatch):
    anterior = reporte_generar(tipo="prueba", cartera=cuenta.cartera, periodo=OCTUBRE)

    def falla(*args, **kwargs):
        raise RuntimeError("se cayó la base")

    monkeypatch.setattr(guardados, "_guardar", falla)
    with pytest.raises(RuntimeError):
        reporte_generar(tipo="prueba", cartera=cuenta.cartera, periodo=OCTUBRE)

    assert ReporteGuardado.objects.get().version == 1
    assert _archivos_del_mes() == {anterior.pdf.name, anterior.xlsx.name}


def test_un_mes_guardado_no_cambia_con_pagos_posteriores_hasta_regenerarlo(cuenta):
    guardado = reporte_generar(tipo="prueba", cartera=cuenta.cartera, periodo=OCTUBRE)
    # A bank file arrives in November with a payment made on 30 October.
    pago_registrar(
        cuenta=cuenta, monto="80.00", registrado_por=cuenta.caja, fecha=date(2026, 10, 30)
    )

    assert ReporteGuardado.objects.get(pk=guardado.pk).datos["cobrado"] == "120.00"
    reportes_del_mes(OCTUBRE)  # the monthly run keeps what is already stored
    assert ReporteGuardado.objects.get(pk=guardado.pk).datos["cobrado"] == "120.00"

    regenerado = reporte_generar(tipo="prueba", cartera=cuenta.cartera, periodo=OCTUBRE)
    assert (regenerado.version, regenerado.datos["cobrado"]) == (2, "200.00")


def test_reportes_del_mes_uno_por_tipo_y_cartera_activa(cuenta):
    credito = CarteraCreditoFactory()
    CarteraFactory(clave="agua-baja", nombre="Cartera dada de baja", activa=False)

    reportes = reportes_del_mes(date(2026, 10, 15))

    assert sorted((r.tipo, r.cartera.clave, r.periodo) for r in reportes) == [
        ("prueba", "agua-caborca", OCTUBRE),
        ("prueba", credito.clave, OCTUBRE),
    ]
    assert all(r.pdf and r.xlsx for r in reportes)


def test_un_tipo_desconocido_se_rechaza_nombrando_el_campo(cuenta):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as error:
        reporte_generar(tipo="inexistente", cartera=cuenta.cartera, periodo=OCTUBRE)
    assert "tipo" in error.value.message_dict

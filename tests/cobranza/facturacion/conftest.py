"""A water cartera with three cuentas, their last six months of bills, and helpers to upload a
run the way the page does (a stored file processed by the import job)."""

import csv
import io
from datetime import date
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from cobranza.facturacion.models import CorridaFacturacion
from cobranza.libro.services.cargos import cargo_registrar
from cobranza.models import Concepto
from padron.fechas import sumar_meses
from padron.importacion.trabajos import importacion_crear, importacion_procesar
from padron.models import Cuenta
from tests.factories import CarteraFactory, CuentaFactory

D = Decimal
HOY = "2026-11-18"  # the stories happen while November's bills are loaded
PERIODO = date(2026, 11, 1)
VENCE = "10/12/2026"
COLUMNAS = [
    "numero_cuenta",
    "periodo",
    "lectura_anterior",
    "lectura_actual",
    "consumo_m3",
    "tipo_usuario",
    "agua",
    "drenaje",
    "saneamiento",
    "iva",
    "otros",
    "fecha_vencimiento",
]


def factura(
    numero,
    anterior,
    actual,
    agua,
    drenaje="0",
    saneamiento="0",
    iva="0",
    otros="0",
    tipo="domestico",
    periodo="2026-11",
    vence=VENCE,
    consumo=None,
):
    consumo = str(D(actual) - D(anterior)) if consumo is None else consumo
    return [
        numero,
        periodo,
        anterior,
        actual,
        consumo,
        tipo,
        agua,
        drenaje,
        saneamiento,
        iva,
        otros,
        vence,
    ]


def archivo(filas, nombre="facturacion-2026-11.csv", encabezados=COLUMNAS, codificacion="utf-8"):
    salida = io.StringIO()
    escritor = csv.writer(salida)
    escritor.writerow(encabezados)
    escritor.writerows(filas)
    return SimpleUploadedFile(
        nombre, salida.getvalue().encode(codificacion), content_type="text/csv"
    )


def cargar(
    usuario,
    filas=None,
    *,
    tipo="facturacion",
    cartera="agua-caborca",
    periodo="2026-11",
    fecha_corte="",
    subido=None,
    **opciones,
):
    """Upload and process a run; returns (importación, corrida or None)."""
    subido = subido or archivo(filas, **opciones)
    importacion = importacion_crear(
        tipo=tipo,
        archivo=subido,
        usuario=usuario,
        parametros={"cartera": cartera, "periodo": periodo, "fecha_corte": fecha_corte},
    )
    importacion_procesar(importacion.pk)
    importacion.refresh_from_db()
    corrida = CorridaFacturacion.objects.filter(
        pk=(importacion.resumen or {}).get("corrida")
    ).first()
    return importacion, corrida


@pytest.fixture
def cartera(db):
    return CarteraFactory(factor_consumo_atipico=D("3"))


@pytest.fixture
def cuentas(cartera):
    """A (domestic, 20 m³ a month), B (commercial, 40 m³), C (domestic gran consumidor, 100 m³),
    each with its bills of 05..10/2026 (agua = $10 per m³)."""
    a = CuentaFactory(numero="A-1", cartera=cartera)
    b = CuentaFactory(numero="B-2", cartera=cartera, clasificacion=Cuenta.Clasificacion.COMERCIAL)
    c = CuentaFactory(numero="C-3", cartera=cartera, gran_consumidor="G1")
    for cuenta, m3 in ((a, 20), (b, 40), (c, 100)):
        for meses in range(-6, 0):
            periodo = sumar_meses(PERIODO, meses)
            cargo_registrar(
                cuenta=cuenta,
                concepto=Concepto.CONSUMO_AGUA,
                monto=D(m3 * 10),
                periodo=periodo,
                volumen_m3=m3,
                fecha_emision=periodo,
                fecha_vencimiento=sumar_meses(periodo, 1).replace(day=10),
            )
    return {"a": a, "b": b, "c": c}


@pytest.fixture
def cargador(crear_usuario):
    return crear_usuario("supervisor", first_name="Carla", last_name="Carga")


@pytest.fixture
def autorizador(crear_usuario):
    return crear_usuario("supervisor", first_name="Aurelio", last_name="Autoriza")

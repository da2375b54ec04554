"""Batch payments from a bank file: validated row by row, all or nothing, never twice."""

import csv
from datetime import date

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from openpyxl import Workbook

from cobranza.libro.services.importacion import pagos_importar
from cobranza.models import Concepto, Pago
from padron.fechas import hoy
from tests.cobranza.libro.ayudas import D, cargo, saldo_de
from tests.factories import CuentaFactory

pytestmark = [pytest.mark.django_db, pytest.mark.fecha]

ENCABEZADOS = "numero_cuenta,fecha,monto,referencia"


@pytest.fixture
def cuentas():
    uno, dos = CuentaFactory(numero="1001"), CuentaFactory(numero="1002")
    for cuenta in (uno, dos):
        cargo(cuenta, Concepto.CONSUMO_AGUA, "500.00", date(2025, 1, 20), date(2025, 1, 1))
    return uno, dos


def _csv(tmp_path, filas, nombre="banco.csv"):
    ruta = tmp_path / nombre
    ruta.write_text("\n".join([ENCABEZADOS, *filas]) + "\n", encoding="utf-8")
    return ruta


def _errores(capsys):
    return capsys.readouterr().err


def test_archivo_valido_paga_cada_fila_y_resume(tmp_path, cuentas, capsys):
    ruta = _csv(
        tmp_path,
        [
            "1001,15/02/2025,200.00,BX-0001",
            "1002,2025-02-16,1234.5,BX-0002",
            "1001,16/02/2025,0.50,BX-0003",
        ],
    )

    call_command("importar_pagos", str(ruta))

    salida = capsys.readouterr().out
    assert "3 filas leídas, 3 pagos importados por $1,435.00, 0 rechazadas." in salida
    uno, dos = cuentas
    assert saldo_de(uno).saldo == D("299.50")
    assert (saldo_de(dos).saldo, saldo_de(dos).saldo_a_favor) == (D("0.00"), D("734.50"))
    pago = Pago.objects.get(referencia="BX-0002")
    assert (pago.canal, pago.fecha, pago.registrado_por.username) == (
        Pago.Canal.BANCO,
        date(2025, 2, 16),
        "sistema",
    )


def test_una_fila_mala_y_no_se_importa_nada(tmp_path, cuentas, capsys):
    ruta = _csv(
        tmp_path,
        [
            "1001,15/02/2025,200.00,BX-0001",
            "9999,15/02/2025,100.00,BX-0002",
            "1002,31/02/2025,100.00,BX-0003",
            "1002,15/02/2025,-5,BX-0004",
            "1002,15/02/2025,10.00,BX-0001",
            "1001,15/02/2025,doce,",
        ],
    )

    with pytest.raises(CommandError, match="No se importó nada: 5 fila"):
        call_command("importar_pagos", str(ruta))

    errores = _errores(capsys)
    assert "Fila 3, columna numero_cuenta: No existe la cuenta «9999»." in errores
    assert "Fila 4, columna fecha: Fecha no válida «31/02/2025»" in errores
    assert "Fila 5, columna monto: El monto debe ser mayor que cero." in errores
    assert (
        "Fila 6, columna referencia: La referencia BX-0001 se repite (ya está en la fila 2)."
        in errores
    )
    assert "Fila 7, columna monto: El monto debe ser un número" in errores
    assert "Fila 7, columna referencia: La referencia es obligatoria" in errores
    assert not Pago.objects.exists()
    assert saldo_de(cuentas[0]).saldo == D("500.00")


def test_fecha_futura_se_rechaza(tmp_path, cuentas, capsys):
    manana = date.fromordinal(hoy().toordinal() + 1)
    ruta = _csv(tmp_path, [f"1001,{manana:%d/%m/%Y},10.00,BX-9"])
    with pytest.raises(CommandError):
        call_command("importar_pagos", str(ruta))
    assert f"Fila 2, columna fecha: La fecha {manana:%d/%m/%Y} es futura." in _errores(capsys)


def test_parcial_importa_las_validas_y_escribe_las_rechazadas(tmp_path, cuentas, capsys):
    ruta = _csv(
        tmp_path,
        [
            "1001,15/02/2025,200.00,BX-0001",
            "9999,15/02/2025,100.00,BX-0002",
            "1002,15/02/2025,300.00,BX-0003",
            "1002,15/02/2025,12.345,BX-0004",
        ],
    )

    call_command("importar_pagos", str(ruta), "--parcial")

    salida = capsys.readouterr().out
    assert "4 filas leídas, 2 pagos importados por $500.00, 2 rechazadas." in salida
    rechazados = tmp_path / "banco.csv.rechazados.csv"
    assert rechazados.read_bytes().startswith(b"\xef\xbb\xbf")  # BOM: Excel reads the accents
    with rechazados.open(encoding="utf-8-sig") as archivo:
        filas = list(csv.DictReader(archivo))
    assert [(f["fila"], f["numero_cuenta"], f["referencia"]) for f in filas] == [
        ("3", "9999", "BX-0002"),
        ("5", "1002", "BX-0004"),
    ]
    assert filas[0]["errores"] == "numero_cuenta: No existe la cuenta «9999»."
    assert "dos decimales" in filas[1]["errores"]
    assert set(Pago.objects.values_list("referencia", flat=True)) == {"BX-0001", "BX-0003"}


def test_reimportar_el_mismo_archivo_no_paga_dos_veces(tmp_path, cuentas, capsys):
    ruta = _csv(tmp_path, ["1001,15/02/2025,200.00,BX-0001", "1002,15/02/2025,300.00,BX-0002"])
    call_command("importar_pagos", str(ruta))

    with pytest.raises(CommandError):
        call_command("importar_pagos", str(ruta))
    assert "La referencia BX-0001 ya fue registrada (pago R25-" in _errores(capsys)

    call_command("importar_pagos", str(ruta), "--parcial")
    assert "0 pagos importados por $0.00, 2 rechazadas" in capsys.readouterr().out

    assert Pago.objects.count() == 2
    assert saldo_de(cuentas[0]).saldo == D("300.00")


def test_la_misma_referencia_en_otro_canal_es_otro_pago(tmp_path, cuentas):
    ruta = _csv(tmp_path, ["1001,15/02/2025,200.00,BX-0001"])
    call_command("importar_pagos", str(ruta))
    call_command("importar_pagos", str(ruta), "--canal", "transferencia")
    assert sorted(Pago.objects.values_list("canal", flat=True)) == ["banco", "transferencia"]


def test_xlsx_con_fechas_de_excel(tmp_path, cuentas, capsys):
    libro = Workbook()
    hoja = libro.active
    hoja.append(["Numero cuenta", "Fecha", "Monto", "Referencia"])
    hoja.append(["1001", date(2025, 2, 15), 150.25, "OXXO-1"])
    hoja.append([1002, "16/02/2025", "99.75", "OXXO-2"])
    ruta = tmp_path / "oxxo.xlsx"
    libro.save(ruta)

    call_command("importar_pagos", str(ruta), "--canal", "transferencia")

    assert "2 pagos importados por $250.00" in capsys.readouterr().out
    pago = Pago.objects.get(referencia="OXXO-1")
    assert (pago.fecha, pago.monto, pago.canal) == (date(2025, 2, 15), D("150.25"), "transferencia")
    assert Pago.objects.get(referencia="OXXO-2").cuenta.numero == "1002"


def test_faltan_columnas(tmp_path, cuentas):
    ruta = tmp_path / "malo.csv"
    ruta.write_text("cuenta,monto\n1001,10\n", encoding="utf-8")
    with pytest.raises(CommandError, match="Faltan columnas: fecha, referencia"):
        call_command("importar_pagos", str(ruta))


def test_archivo_inexistente_o_de_otro_tipo(tmp_path):
    with pytest.raises(CommandError, match="No existe el archivo"):
        call_command("importar_pagos", str(tmp_path / "nada.csv"))
    otro = tmp_path / "pagos.pdf"
    otro.write_bytes(b"%PDF")
    with pytest.raises(CommandError, match="CSV o XLSX"):
        call_command("importar_pagos", str(otro))


def test_servicio_con_usuario_y_canal(tmp_path, cuentas, crear_usuario):
    cajero = crear_usuario("caja")
    ruta = _csv(tmp_path, ["1001,15/02/2025,200.00,CAJA-7"])
    resultado = pagos_importar(archivo=ruta, nombre=ruta.name, canal="caja", usuario=cajero)
    assert resultado.importado
    assert resultado.total == D("200.00")
    assert Pago.objects.get().registrado_por == cajero

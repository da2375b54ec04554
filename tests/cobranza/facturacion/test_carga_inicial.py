"""Carga inicial: an organismo brings its past-due debt and its payments; from day one the
saldos, aging, recargos and the recovery figures run on that real past."""

from datetime import date
from decimal import Decimal

import pytest

from cobranza.facturacion.services.publicacion import corrida_autorizar
from cobranza.libro.services.recargos import recargos_generar
from cobranza.models import Ajuste, Aplicacion, Cargo, Pago, SaldoCuenta
from tests.cobranza.facturacion.conftest import HOY, cargar
from tests.factories import CuentaFactory

pytestmark = [pytest.mark.django_db, pytest.mark.hoy(HOY)]
D = Decimal
CORTE = "2026-11-01"
CARGOS = [
    "numero_cuenta",
    "concepto",
    "servicio",
    "periodo",
    "fecha_emision",
    "fecha_vencimiento",
    "monto",
    "saldo_pendiente",
]
PAGOS = ["numero_cuenta", "fecha", "monto", "referencia"]


@pytest.fixture
def cuenta(cartera):
    return CuentaFactory(numero="H-1", cartera=cartera)


def _cargar(usuario, tipo, encabezados, filas, nombre):
    return cargar(
        usuario,
        filas,
        tipo=tipo,
        periodo="",
        fecha_corte=CORTE,
        encabezados=encabezados,
        nombre=nombre,
    )


def test_pagos_y_luego_cargos_historicos_dejan_el_saldo_del_sistema_anterior(
    cuenta, cargador, autorizador
):
    _, pagos = _cargar(
        cargador,
        "pagos_historicos",
        PAGOS,
        [["H-1", "15/05/2026", "250.00", "ANT-001"]],
        "pagos.csv",
    )
    corrida_autorizar(corrida=pagos, usuario=autorizador)
    _, cargos = _cargar(
        cargador,
        "cargos_historicos",
        CARGOS,
        [
            [
                "H-1",
                "consumo_agua",
                "agua",
                "2026-03",
                "01/03/2026",
                "10/04/2026",
                "300.00",
                "0.00",
            ],
            [
                "H-1",
                "consumo_agua",
                "agua",
                "2026-04",
                "01/04/2026",
                "10/05/2026",
                "300.00",
                "100.00",
            ],
            ["H-1", "recargo", "", "2026-05", "01/05/2026", "01/05/2026", "4.41", "4.41"],
            [
                "H-1",
                "consumo_agua",
                "agua",
                "2026-10",
                "01/10/2026",
                "10/11/2026",
                "310.00",
                "310.00",
            ],
        ],
        "cargos.csv",
    )
    assert cargos.validas == 4 and cargos.total == D("914.41")
    corrida_autorizar(corrida=cargos, usuario=autorizador)

    saldo = SaldoCuenta.objects.get(cuenta=cuenta)
    assert saldo.saldo == D("414.41")  # 0 + 100 + 4.41 + 310
    assert saldo.vencimiento_mas_antiguo == date(2026, 5, 1)
    assert saldo.saldo_a_favor == D("0.00")
    # 500 already paid: 250 by the loaded pago (oldest cargo first), 250 before the history
    pago = Pago.objects.get(canal="historico")
    assert (pago.folio, pago.remanente) == (f"HIS{pagos.pk}-2", D("0.00"))
    assert Aplicacion.objects.get(pago=pago).monto == D("250.00")
    ajustes = Ajuste.objects.filter(tipo="carga_inicial").order_by("cargo__fecha_vencimiento")
    assert [(a.monto, a.fecha) for a in ajustes] == [
        (D("50.00"), date(2026, 10, 31)),
        (D("200.00"), date(2026, 10, 31)),
    ]
    # the monthly recargo runs on the loaded past-due principal (100 + 310 overdue on 18/11)
    corrida = recargos_generar(
        cartera=cuenta.cartera, periodo=date(2026, 11, 1), dia=date(2026, 11, 18)
    )
    recargo = Cargo.objects.get(cuenta=cuenta, concepto="recargo", periodo=date(2026, 11, 1))
    assert corrida.cuentas == 1 and recargo.monto == D("6.03")  # 1.47 % of 410.00


def test_un_cargo_emitido_despues_del_corte_o_con_saldo_mayor_se_rechaza(cuenta, cargador):
    _, corrida = _cargar(
        cargador,
        "cargos_historicos",
        CARGOS,
        [
            [
                "H-1",
                "consumo_agua",
                "agua",
                "2026-11",
                "02/11/2026",
                "10/12/2026",
                "300.00",
                "300.00",
            ],
            ["H-1", "drenaje", "", "2026-10", "01/10/2026", "10/11/2026", "60.00", "70.00"],
            ["H-1", "cosa", "", "2026-10", "01/10/2026", "10/11/2026", "60.00", "60.00"],
        ],
        "malos.csv",
    )
    errores = {r.fila: r.errores for r in corrida.renglones.all()}
    assert "antes del corte" in errores[2][0][1]
    assert errores[3] == [
        ["saldo_pendiente", "El saldo pendiente no puede ser mayor que el monto."]
    ]
    assert errores[4][0][0] == "concepto"


def test_los_pagos_historicos_van_antes_que_los_cargos(cuenta, cargador, autorizador):
    _, cargos = _cargar(
        cargador,
        "cargos_historicos",
        CARGOS,
        [
            [
                "H-1",
                "consumo_agua",
                "agua",
                "2026-09",
                "01/09/2026",
                "10/10/2026",
                "300.00",
                "300.00",
            ]
        ],
        "c.csv",
    )
    corrida_autorizar(corrida=cargos, usuario=autorizador)
    importacion, _ = _cargar(
        cargador, "pagos_historicos", PAGOS, [["H-1", "15/05/2026", "250.00", "X"]], "p.csv"
    )
    assert importacion.estado == "rechazada" and "antes que los cargos" in importacion.mensaje

"""Capture within ventanilla's limits, beyond them, and the policy's hard limits."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from convenios.models import Convenio
from convenios.negociacion.simulacion import Terminos, simular_todas
from convenios.services.convenios import convenio_autorizar, convenio_capturar, convenio_firmar
from tests.convenios.conftest import HOY

pytestmark = pytest.mark.fecha

D = Decimal


def test_las_alternativas_se_simulan_lado_a_lado(deudor):
    simulaciones = {s.alternativa.nombre: s for s in simular_todas(cuenta=deudor, dia=HOY)}
    # no broken convenio: reestructura is not offered
    assert set(simulaciones) == {"Contado con descuento", "Convenio a parcialidades"}
    contado = simulaciones["Contado con descuento"]
    assert (contado.adeudo, contado.descuento, contado.total) == (
        D("3300.00"),
        D("300.00"),
        D("3000.00"),
    )
    assert contado.requiere_autorizacion  # 100% of recargos is beyond ventanilla's 50%
    parcialidades = simulaciones["Convenio a parcialidades"]
    assert parcialidades.descuento == D("150.00")
    assert parcialidades.enganche == D("630.00")  # 20% of 3,150.00
    assert [p.monto for p in parcialidades.plazos] == [D("420.00")] * 6
    assert parcialidades.plazos[0].fecha_vencimiento.isoformat() == "2026-04-10"


def test_dentro_de_los_limites_de_ventanilla_queda_autorizado(deudor, politica, crear_usuario):
    ventanilla = crear_usuario("ventanilla")
    convenio = convenio_capturar(
        cuenta=deudor,
        alternativa=politica["parcialidades"],
        capturado_por=ventanilla,
        dia=HOY,
        terminos=Terminos(numero_parcialidades=6, descuento_recargos_pct=D("0")),
    )
    assert convenio.estado == Convenio.Estado.AUTORIZADO
    assert convenio.total == D("3300.00")
    assert convenio.enganche == D("660.00")
    montos = list(convenio.parcialidades.values_list("monto", flat=True))
    assert montos == [D("660.00")] + [D("440.00")] * 6
    assert sum(montos) == convenio.total


def test_fuera_de_limites_espera_al_nivel_que_corresponde(deudor, politica, crear_usuario):
    ventanilla, supervisor = crear_usuario("ventanilla"), crear_usuario("supervisor")
    convenio = convenio_capturar(
        cuenta=deudor,
        alternativa=politica["parcialidades"],
        capturado_por=ventanilla,
        dia=HOY,
        terminos=Terminos(numero_parcialidades=10),
    )
    assert convenio.estado == Convenio.Estado.PENDIENTE
    assert convenio.nivel_requerido == politica["supervisor"]
    with pytest.raises(ValidationError) as error:
        convenio_firmar(convenio=convenio, usuario=ventanilla, dia=HOY)
    assert "antes de estar autorizado" in str(error.value)
    with pytest.raises(ValidationError):
        convenio_autorizar(convenio=convenio, usuario=ventanilla)
    convenio_autorizar(convenio=convenio, usuario=supervisor, motivo="Buen historial")
    convenio.refresh_from_db()
    assert convenio.estado == Convenio.Estado.AUTORIZADO and convenio.autorizado_por == supervisor


def test_descuento_mayor_al_del_supervisor_requiere_gerencia(deudor, politica, crear_usuario):
    convenio = convenio_capturar(
        cuenta=deudor,
        alternativa=politica["contado"],
        dia=HOY,
        capturado_por=crear_usuario("ventanilla"),
    )
    assert convenio.nivel_requerido == politica["gerencia"]
    with pytest.raises(ValidationError):
        convenio_autorizar(convenio=convenio, usuario=crear_usuario("supervisor"))
    convenio_autorizar(convenio=convenio, usuario=crear_usuario("gerencia"))


@pytest.mark.parametrize(
    "terminos, campo",
    [
        (Terminos(numero_parcialidades=13), "numero_parcialidades"),
        (Terminos(numero_parcialidades=6, enganche=D("100.00")), "enganche"),
        (Terminos(descuento_recargos_pct=D("60")), "descuento_recargos_pct"),
        (
            Terminos(numero_parcialidades=12, enganche=D("2800.00")),
            "numero_parcialidades",
        ),  # parts below $100
    ],
)
def test_terminos_fuera_de_politica_se_rechazan_nombrando_el_campo(
    deudor, politica, crear_usuario, terminos, campo
):
    with pytest.raises(ValidationError) as error:
        convenio_capturar(
            cuenta=deudor,
            alternativa=politica["parcialidades"],
            dia=HOY,
            terminos=terminos,
            capturado_por=crear_usuario("ventanilla"),
        )
    assert campo in error.value.message_dict
    assert not Convenio.objects.exists()


def test_no_hay_dos_convenios_vivos_ni_convenio_sin_adeudo(deudor, politica, crear_usuario):
    ventanilla = crear_usuario("ventanilla")
    convenio_capturar(
        cuenta=deudor,
        alternativa=politica["parcialidades"],
        capturado_por=ventanilla,
        dia=HOY,
        terminos=Terminos(numero_parcialidades=6, descuento_recargos_pct=D("0")),
    )
    with pytest.raises(ValidationError) as error:
        convenio_capturar(
            cuenta=deudor, alternativa=politica["parcialidades"], capturado_por=ventanilla, dia=HOY
        )
    assert "ya tiene un convenio" in error.value.message_dict["cuenta"][0]


def test_cuenta_sin_adeudo(politica, crear_usuario):
    from tests.factories import CuentaFactory

    with pytest.raises(ValidationError) as error:
        convenio_capturar(
            cuenta=CuentaFactory(cartera=politica["cartera"]),
            alternativa=politica["contado"],
            capturado_por=crear_usuario("ventanilla"),
            dia=HOY,
        )
    assert "no tiene adeudo" in error.value.message_dict["cargos"][0]

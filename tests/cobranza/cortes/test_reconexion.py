"""After a cut, payment (or a convenio) produces one reconexión order for the cortador who cut
it and the cartera's reconnection charge, once per cut."""

import pytest

from cobranza.cortes.services.campo import ordenes_corte_barrer, reconexion_generar
from cobranza.models import Cargo, OrdenCorte, SaldoCuenta
from cobranza.signals import pago_registrado
from convenios.negociacion.simulacion import Terminos
from convenios.services.convenios import convenio_capturar, convenio_firmar
from padron.models import Cuenta
from tests.cobranza.cortes.test_cortador import (
    D,
    cartera_agua,
    cuenta_morosa,
    ejecutar,
    orden_corte,
    pagar,
)
from tests.convenios import conftest as convenios_conftest
from tests.convenios.conftest import HOY

pytestmark = [pytest.mark.django_db, pytest.mark.fecha]
politica, deudor = convenios_conftest.politica, convenios_conftest.deudor


@pytest.fixture(autouse=True)
def _cortes_conectados():
    from cobranza.cortes.services.campo import conectar

    conectar()


@pytest.fixture
def cortador(crear_usuario):
    return crear_usuario("cortador")


def cortada(cortador, cartera=None, accion=OrdenCorte.Accion.SUSPENSION):
    """An account owing 3 × $500.00 whose cut the cortador executed."""
    cuenta = cuenta_morosa(cartera or cartera_agua("350.00"))
    corte = orden_corte(cuenta, cortador, accion=accion, orden_ruta=7)
    corte, _ = ejecutar(corte, cortador, clave=f"corte-{cuenta.pk}")
    return cuenta, corte


def reconexiones(cuenta):
    return OrdenCorte.objects.filter(cuenta=cuenta, tipo=OrdenCorte.Tipo.RECONEXION)


def test_pagar_despues_del_corte_genera_la_reconexion_y_su_cargo(cortador, crear_usuario):
    cuenta, corte = cortada(cortador)
    assert Cuenta.objects.get(pk=cuenta.pk).estado == "cortada"

    pago = pagar(cuenta, "1500.00", caja=crear_usuario("caja"))

    (orden,) = reconexiones(cuenta)
    assert orden.estado == "pendiente" and orden.accion == "reconexion"
    assert orden.origen == corte and orden.cortador == cortador
    assert orden.orden_ruta == 7 and orden.ruta == cuenta.ruta
    assert orden.folio.startswith("RX")
    cargo = orden.cargo_reconexion
    assert (cargo.concepto, cargo.monto, cargo.saldo) == ("reconexion", D("350.00"), D("350.00"))
    assert corte.folio in cargo.descripcion
    assert SaldoCuenta.objects.get(cuenta=cuenta).saldo == D("350.00")  # owes only the reconnection
    assert pago.folio in orden.history.first().history_change_reason


def test_una_sola_reconexion_y_un_solo_cargo_por_corte(cortador):
    cuenta, _ = cortada(cortador)
    pagar(cuenta, "1500.00")
    pagar(cuenta, "350.00")  # pays the reconnection charge too
    pagar(cuenta, "10.00")
    ordenes_corte_barrer()

    assert reconexiones(cuenta).count() == 1
    assert Cargo.objects.filter(cuenta=cuenta, concepto="reconexion").count() == 1
    assert SaldoCuenta.objects.get(cuenta=cuenta).saldo == D("0.00")


def test_sin_tarifa_la_reconexion_no_cobra(cortador):
    cuenta, _ = cortada(cortador, cartera=cartera_agua("0.00"))
    pagar(cuenta, "1500.00")
    (orden,) = reconexiones(cuenta)
    assert orden.cargo_reconexion is None
    assert not Cargo.objects.filter(cuenta=cuenta, concepto="reconexion").exists()


def test_un_abono_que_deja_la_cuenta_elegible_no_reconecta(cortador):
    cuenta, _ = cortada(cortador)
    pagar(cuenta, "500.00")  # 2 months still past due
    assert not reconexiones(cuenta).exists()


def test_la_reduccion_tambien_se_reconecta(cortador):
    cuenta, corte = cortada(cortador, accion=OrdenCorte.Accion.REDUCCION)
    assert Cuenta.objects.get(pk=cuenta.pk).estado == "restringida"
    pagar(cuenta, "1500.00")
    assert reconexiones(cuenta).get().origen == corte


def test_la_reconexion_ejecutada_reactiva_y_no_vuelve_a_generarse(cortador, cliente_api):
    cuenta, _ = cortada(cortador)
    pagar(cuenta, "1850.00")
    orden = reconexiones(cuenta).get()

    api = cliente_api(cortador)
    assert [o["tipo"] for o in api.get("/api/v1/cortador/ordenes/").json()["results"]] == [
        "reconexion"
    ]
    ejecutar(orden, cortador, clave="reconectada")

    assert Cuenta.objects.get(pk=cuenta.pk).estado == "activa"
    assert ordenes_corte_barrer().reconexiones == 0
    assert reconexion_generar(cuenta=cuenta, motivo="otra vez") is None  # not cut any more
    assert reconexiones(cuenta).count() == 1


def test_un_nuevo_corte_tiene_su_propia_reconexion(cortador):
    cartera = cartera_agua("350.00")
    cuenta, primero = cortada(cortador, cartera=cartera)
    pagar(cuenta, "1850.00")
    ejecutar(reconexiones(cuenta).get(), cortador, clave="reconexion-1")
    segundo = orden_corte(cuenta, cortador)
    ejecutar(segundo, cortador, clave="corte-2")

    reconexion_generar(cuenta=cuenta, motivo="Convenio firmado")

    assert list(reconexiones(cuenta).order_by("pk").values_list("origen", flat=True)) == [
        primero.pk,
        segundo.pk,
    ]
    assert Cargo.objects.filter(cuenta=cuenta, concepto="reconexion").count() == 2


def test_el_barrido_genera_la_reconexion_que_falto(cortador):
    cuenta, corte = cortada(cortador)
    pago_registrado.disconnect(dispatch_uid="cobranza.cortes_campo.pago")
    try:
        pagar(cuenta, "1500.00")
    finally:
        from cobranza.cortes.services.campo import conectar

        conectar()
    assert not reconexiones(cuenta).exists()

    assert ordenes_corte_barrer().reconexiones == 1
    assert ordenes_corte_barrer().reconexiones == 0
    assert reconexiones(cuenta).get().origen == corte


def test_la_cuenta_que_sigue_debiendo_no_se_reconecta_en_el_barrido(cortador):
    cuenta, _ = cortada(cortador)
    assert ordenes_corte_barrer().reconexiones == 0
    assert not reconexiones(cuenta).exists()


def test_firmar_convenio_con_la_cuenta_cortada_la_reconecta(
    deudor, politica, cortador, crear_usuario
):
    politica["cartera"].tarifa_reconexion = D("275.50")
    politica["cartera"].save()
    corte = orden_corte(deudor, cortador)
    ejecutar(corte, cortador, clave="corte-convenio")
    supervisor = crear_usuario("supervisor")
    convenio = convenio_capturar(
        cuenta=deudor,
        alternativa=politica["parcialidades"],
        capturado_por=supervisor,
        dia=HOY,
        terminos=Terminos(numero_parcialidades=6, descuento_recargos_pct=0),
    )

    convenio_firmar(convenio=convenio, usuario=supervisor, dia=HOY)

    orden = reconexiones(deudor).get()
    assert orden.origen == corte and orden.cortador == cortador
    assert orden.cargo_reconexion.monto == D("275.50")
    assert convenio.folio in orden.history.first().history_change_reason

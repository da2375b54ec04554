"""/api/v1/ ledger endpoints of the supervisor: reversal, ajustes, extraordinary cargos, list."""

from datetime import date, timedelta

import pytest

from cobranza.libro.services.ajustes import ajuste_registrar
from cobranza.libro.services.pagos import pago_registrar
from cobranza.models import Ajuste, Cargo, Concepto, Pago
from padron.fechas import hoy
from tests.cobranza.libro.ayudas import D, cargo, saldo_de
from tests.factories import CuentaFactory

pytestmark = [pytest.mark.django_db, pytest.mark.fecha]


@pytest.fixture
def supervisor(crear_usuario):
    return crear_usuario("supervisor", first_name="Lucía", last_name="Moreno")


@pytest.fixture
def cuenta():
    return CuentaFactory(numero="2024-0002")


@pytest.fixture
def consumo(cuenta):
    return cargo(cuenta, Concepto.CONSUMO_AGUA, "400.00", date(2025, 1, 20), date(2025, 1, 1))


@pytest.fixture
def pago(crear_usuario, cuenta, consumo):
    return pago_registrar(
        cuenta=cuenta, monto="150.00", registrado_por=crear_usuario("caja"), fecha=date(2025, 2, 1)
    )


def test_revertir_pago(cliente_api, supervisor, pago, consumo, cuenta):
    respuesta = cliente_api(supervisor).post(
        f"/api/v1/pagos/{pago.folio}/revertir/", {"motivo": "Cheque devuelto"}, format="json"
    )

    assert respuesta.status_code == 201
    datos = respuesta.json()
    assert datos["folio"] == pago.folio
    assert datos["cuenta"] == "2024-0002"
    assert datos["monto"] == "150.00"
    assert datos["autorizado_por"] == "Lucía Moreno"
    assert datos["devuelto"] == [{"cargo": consumo.pk, "monto": "150.00"}]
    assert saldo_de(cuenta).saldo == D("400.00")


def test_revertir_dos_veces_o_sin_motivo(cliente_api, supervisor, pago):
    cliente = cliente_api(supervisor)
    url = f"/api/v1/pagos/{pago.folio}/revertir/"

    sin_motivo = cliente.post(url, {}, format="json")
    assert sin_motivo.status_code == 400
    assert "motivo" in sin_motivo.json()["error"]["campos"]

    cliente.post(url, {"motivo": "x"}, format="json")
    otra_vez = cliente.post(url, {"motivo": "x"}, format="json")
    assert otra_vez.status_code == 400
    error = otra_vez.json()["error"]
    assert error["codigo"] == "datos_invalidos"
    assert error["campos"] == {"pago": [f"El pago {pago.folio} ya fue revertido."]}


def test_revertir_sin_permiso_o_folio_inexistente(cliente_api, crear_usuario, supervisor, pago):
    caja = cliente_api(crear_usuario("caja"))
    assert caja.post(f"/api/v1/pagos/{pago.folio}/revertir/", {"motivo": "x"}).status_code == 403
    assert (
        cliente_api().post(f"/api/v1/pagos/{pago.folio}/revertir/", {"motivo": "x"}).status_code
        == 401
    )
    nada = cliente_api(supervisor).post("/api/v1/pagos/R00-000000/revertir/", {"motivo": "x"})
    assert nada.status_code == 404
    pago.refresh_from_db()
    assert pago.estado == Pago.Estado.APLICADO


def test_ajuste_de_cargo(cliente_api, supervisor, consumo):
    respuesta = cliente_api(supervisor).post(
        f"/api/v1/cargos/{consumo.pk}/ajustes/",
        {"tipo": "bonificacion", "monto": "50.25", "motivo": "Fuga"},
        format="json",
    )

    assert respuesta.status_code == 201, respuesta.content
    datos = respuesta.json()
    assert (datos["tipo"], datos["monto"], datos["saldo_cargo"], datos["estado_cargo"]) == (
        "bonificacion",
        "50.25",
        "349.75",
        "vigente",
    )


def test_cancelacion_por_api_sin_monto(cliente_api, supervisor, consumo):
    respuesta = cliente_api(supervisor).post(
        f"/api/v1/cargos/{consumo.pk}/ajustes/",
        {"tipo": "cancelacion", "motivo": "Duplicado"},
        format="json",
    )
    assert respuesta.status_code == 201
    assert (respuesta.json()["monto"], respuesta.json()["estado_cargo"]) == ("400.00", "cancelado")


def test_ajuste_mayor_al_saldo(cliente_api, supervisor, consumo):
    respuesta = cliente_api(supervisor).post(
        f"/api/v1/cargos/{consumo.pk}/ajustes/",
        {"tipo": "condonacion", "monto": "400.01", "motivo": "x"},
        format="json",
    )
    assert respuesta.status_code == 400
    assert respuesta.json()["error"]["campos"]["monto"] == [
        "El monto ($400.01) excede el saldo pendiente del cargo ($400.00)."
    ]


def test_ajuste_sin_permiso(cliente_api, crear_usuario, consumo):
    respuesta = cliente_api(crear_usuario("ventanilla")).post(
        f"/api/v1/cargos/{consumo.pk}/ajustes/",
        {"tipo": "bonificacion", "monto": "1", "motivo": "x"},
        format="json",
    )
    assert respuesta.status_code == 403
    assert not Ajuste.objects.exists()


def test_un_cargo_extraordinario_solo_se_propone_y_no_toca_el_saldo(
    cliente_api, supervisor, cuenta
):
    vence = hoy() + timedelta(days=10)
    respuesta = cliente_api(supervisor).post(
        f"/api/v1/cuentas/{cuenta.numero}/cargos/",
        {
            "concepto": "extraordinario",
            "monto": "1200.00",
            "fecha_vencimiento": f"{vence:%Y-%m-%d}",
            "descripcion": "Ampliación de toma",
        },
        format="json",
    )

    assert respuesta.status_code == 202, respuesta.content
    datos = respuesta.json()
    assert (datos["cuenta"], datos["monto"], datos["estado"], datos["cargo"]) == (
        "2024-0002",
        "1200.00",
        "propuesto",
        None,
    )
    assert datos["folio"].startswith("CE")
    assert not Cargo.objects.filter(concepto=Concepto.EXTRAORDINARIO).exists()


def test_un_cargo_de_facturacion_se_registra_sin_autorizacion(cliente_api, supervisor, cuenta):
    respuesta = cliente_api(supervisor).post(
        f"/api/v1/cuentas/{cuenta.numero}/cargos/",
        {
            "concepto": "consumo_agua",
            "monto": "312.40",
            "fecha_vencimiento": f"{hoy() + timedelta(days=10):%Y-%m-%d}",
            "periodo": "2025-03",
            "descripcion": "Recibo capturado a mano",
            "volumen_m3": "12.5",
        },
        format="json",
    )

    assert respuesta.status_code == 201, respuesta.content
    datos = respuesta.json()
    assert (datos["monto"], datos["periodo"], datos["volumen_m3"]) == (
        "312.40",
        "2025-03-01",
        "12.50",
    )
    cargo = Cargo.objects.get(pk=datos["id"])
    assert (cargo.registrado_por, cargo.autorizado_por) == (supervisor, None)


@pytest.mark.parametrize(
    "cambio, campo",
    [
        ({"descripcion": ""}, "descripcion"),
        ({"concepto": "recargo"}, "concepto"),
        ({"periodo": "2025-13"}, "periodo"),
        ({"monto": "-1"}, "monto"),
        ({"fecha_vencimiento": "15/03/2025"}, "fecha_vencimiento"),
    ],
)
def test_cargo_extraordinario_invalido(cliente_api, supervisor, cuenta, cambio, campo):
    datos = {
        "concepto": "multa",
        "monto": "100",
        "fecha_vencimiento": f"{hoy() + timedelta(days=10):%Y-%m-%d}",
        "descripcion": "Toma clandestina",
        **cambio,
    }
    respuesta = cliente_api(supervisor).post(
        f"/api/v1/cuentas/{cuenta.numero}/cargos/", datos, format="json"
    )
    assert respuesta.status_code == 400
    assert campo in respuesta.json()["error"]["campos"]
    assert not Cargo.objects.filter(concepto=Concepto.MULTA).exists()


def test_cargo_extraordinario_sin_permiso_o_cuenta_inexistente(
    cliente_api, crear_usuario, supervisor
):
    caja = cliente_api(crear_usuario("caja"))
    assert caja.post("/api/v1/cuentas/x/cargos/", {}, format="json").status_code == 403
    assert (
        cliente_api(supervisor).post("/api/v1/cuentas/x/cargos/", {}, format="json").status_code
        == 404
    )


def test_lista_de_ajustes(cliente_api, supervisor, pago, consumo, django_assert_max_num_queries):
    from cobranza.libro.services.pagos import pago_revertir

    pago_revertir(pago=pago, motivo="Cheque devuelto", autorizado_por=supervisor)
    for _ in range(3):
        ajuste_registrar(
            cargo=consumo,
            tipo=Ajuste.Tipo.BONIFICACION,
            monto="10.00",
            motivo="Campaña",
            autorizado_por=supervisor,
        )
    cliente = cliente_api(supervisor)

    with django_assert_max_num_queries(8):
        respuesta = cliente.get("/api/v1/ajustes/", {"desde": f"{hoy():%Y-%m-%d}"})

    assert respuesta.status_code == 200
    datos = respuesta.json()
    assert datos["count"] == 4
    clases = sorted(r["clase"] for r in datos["results"])
    assert clases == ["ajuste", "ajuste", "ajuste", "reversion"]
    reversion = next(r for r in datos["results"] if r["clase"] == "reversion")
    assert (reversion["folio"], reversion["monto"], reversion["autorizado_por"]) == (
        pago.folio,
        "150.00",
        supervisor.username,
    )
    assert reversion["tipo_texto"] == "Reversión de pago"

    vacio = cliente.get("/api/v1/ajustes/", {"hasta": f"{hoy() - timedelta(days=1):%Y-%m-%d}"})
    assert vacio.json()["count"] == 0
    malo = cliente.get("/api/v1/ajustes/", {"desde": "2025-02-10", "hasta": "2025-02-01"})
    assert malo.status_code == 400
    assert "hasta" in malo.json()["error"]["campos"]

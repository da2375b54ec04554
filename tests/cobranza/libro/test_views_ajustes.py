"""The supervisor's ledger pages: reverse a pago, adjust a cargo, a new cargo, the list."""

from datetime import date, timedelta

import pytest
from django.urls import reverse

from cobranza.libro.services.ajustes import ajuste_registrar
from cobranza.libro.services.pagos import pago_registrar, pago_revertir
from cobranza.libro.views.ajustes import _url_cuenta
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
    return CuentaFactory(numero="2024-0001")


@pytest.fixture
def consumo(cuenta):
    return cargo(cuenta, Concepto.CONSUMO_AGUA, "400.00", date(2025, 1, 20), date(2025, 1, 1))


@pytest.fixture
def pago(crear_usuario, cuenta, consumo):
    return pago_registrar(
        cuenta=cuenta, monto="150.00", registrado_por=crear_usuario("caja"), fecha=date(2025, 2, 1)
    )


@pytest.fixture
def como(client, crear_usuario):
    def entrar(usuario_o_rol):
        usuario = crear_usuario(usuario_o_rol) if isinstance(usuario_o_rol, str) else usuario_o_rol
        client.force_login(usuario)
        return client

    return entrar


# --- reversión -------------------------------------------------------------------------


def test_pagina_de_reversion_muestra_lo_que_pago(como, supervisor, pago):
    respuesta = como(supervisor).get(reverse("cobranza:pago_revertir", args=[pago.folio]))

    assert respuesta.status_code == 200
    texto = respuesta.content.decode()
    assert f"Revertir el pago {pago.folio}" in texto
    assert "$150.00" in texto
    assert "01/02/2025" in texto
    assert "Consumo de agua" in texto


def test_revertir_pide_confirmacion_y_motivo(como, supervisor, pago):
    cliente = como(supervisor)
    url = reverse("cobranza:pago_revertir", args=[pago.folio])

    respuesta = cliente.post(url, {"motivo": ""})

    assert respuesta.status_code == 400
    texto = respuesta.content.decode()
    assert "Indique el motivo." in texto
    assert "Marque la casilla para confirmar la reversión." in texto
    pago.refresh_from_db()
    assert pago.estado == Pago.Estado.APLICADO


def test_revertir_y_volver_a_la_cuenta(como, supervisor, pago, cuenta):
    cliente = como(supervisor)
    url = reverse("cobranza:pago_revertir", args=[pago.folio])

    respuesta = cliente.post(url, {"motivo": "Cheque devuelto", "confirmar": "on"})

    assert respuesta.status_code == 302
    assert respuesta.url == _url_cuenta(cuenta.numero)
    pago.refresh_from_db()
    assert pago.estado == Pago.Estado.REVERTIDO
    assert pago.reversion.autorizado_por == supervisor
    assert saldo_de(cuenta).saldo == D("400.00")

    otra_vez = cliente.post(url, {"motivo": "Otra vez", "confirmar": "on"})
    assert otra_vez.status_code == 400
    assert f"El pago {pago.folio} ya fue revertido." in otra_vez.content.decode()
    assert "ya fue revertido el" in cliente.get(url).content.decode()


@pytest.mark.parametrize("rol", ["caja", "ventanilla", "gerencia", "abogado_externo"])
def test_reversion_solo_para_supervision(como, pago, rol):
    respuesta = como(rol).post(
        reverse("cobranza:pago_revertir", args=[pago.folio]),
        {"motivo": "x", "confirmar": "on"},
    )
    assert respuesta.status_code == 403
    pago.refresh_from_db()
    assert pago.estado == Pago.Estado.APLICADO


def test_reversion_anonimo_va_a_entrar(client, pago):
    respuesta = client.get(reverse("cobranza:pago_revertir", args=[pago.folio]))
    assert respuesta.status_code == 302
    assert reverse("login") in respuesta.url


def test_folio_inexistente(como, supervisor):
    respuesta = como(supervisor).get(reverse("cobranza:pago_revertir", args=["R25-999999"]))
    assert respuesta.status_code == 404


# --- ajuste -----------------------------------------------------------------------------


def test_ajustar_un_cargo(como, supervisor, consumo, cuenta):
    cliente = como(supervisor)
    url = reverse("cobranza:cargo_ajustar", args=[consumo.pk])
    assert "Saldo pendiente" in cliente.get(url).content.decode()

    respuesta = cliente.post(
        url, {"tipo": "condonacion", "monto": "99.99", "motivo": "Adulto mayor"}, follow=True
    )

    assert respuesta.redirect_chain[0] == (_url_cuenta(cuenta.numero), 302)
    assert "Condonación de $99.99 registrada" in respuesta.content.decode()
    consumo.refresh_from_db()
    assert consumo.saldo == D("300.01")


def test_ajuste_mayor_al_saldo_se_explica_en_el_campo(como, supervisor, consumo):
    respuesta = como(supervisor).post(
        reverse("cobranza:cargo_ajustar", args=[consumo.pk]),
        {"tipo": "bonificacion", "monto": "1000", "motivo": "x"},
    )
    assert respuesta.status_code == 400
    assert "El monto ($1,000.00) excede el saldo pendiente del cargo ($400.00)." in (
        respuesta.content.decode()
    )
    assert not Ajuste.objects.exists()


def test_cancelar_desde_la_pagina(como, supervisor, consumo):
    cliente = como(supervisor)
    url = reverse("cobranza:cargo_ajustar", args=[consumo.pk])
    respuesta = cliente.post(url, {"tipo": "cancelacion", "monto": "", "motivo": "Cobro duplicado"})
    assert respuesta.status_code == 302
    consumo.refresh_from_db()
    assert consumo.estado == Cargo.Estado.CANCELADO
    assert "no admite ajustes" in cliente.get(url).content.decode()


@pytest.mark.parametrize("rol", ["caja", "ventanilla"])
def test_ajuste_solo_con_permiso(como, consumo, rol):
    respuesta = como(rol).post(
        reverse("cobranza:cargo_ajustar", args=[consumo.pk]),
        {"tipo": "bonificacion", "monto": "1", "motivo": "x"},
    )
    assert respuesta.status_code == 403


# --- cargo extraordinario ------------------------------------------------------------------


def test_un_recibo_a_mano_queda_registrado_sin_autorizacion(como, supervisor, cuenta):
    url = reverse("cobranza:cargo_nuevo", args=[cuenta.numero])
    cliente = como(supervisor)
    assert cliente.get(url).status_code == 200
    vence = hoy() + timedelta(days=15)

    respuesta = cliente.post(
        url,
        {
            "concepto": "consumo_agua",
            "monto": "850.00",
            "fecha_vencimiento": f"{vence:%d/%m/%Y}",
            "periodo": "03/2025",
            "descripcion": "Recibo de marzo capturado a mano",
        },
    )

    assert respuesta.status_code == 302
    nuevo = Cargo.objects.get(concepto=Concepto.CONSUMO_AGUA)
    assert (nuevo.monto, nuevo.fecha_vencimiento, nuevo.periodo) == (
        D("850.00"),
        vence,
        date(2025, 3, 1),
    )
    assert nuevo.autorizado_por is None  # a bill needs no second person; extraordinary ones do
    assert nuevo.registrado_por == supervisor
    assert nuevo.descripcion == "Recibo de marzo capturado a mano"
    assert saldo_de(cuenta).saldo == D("850.00")


def test_cargo_sin_descripcion_ni_monto_valido(como, supervisor, cuenta):
    respuesta = como(supervisor).post(
        reverse("cobranza:cargo_nuevo", args=[cuenta.numero]),
        {
            "concepto": "multa",
            "monto": "12.345",
            "fecha_vencimiento": "31/02/2025",
            "periodo": "13/2025",
        },
    )
    assert respuesta.status_code == 400
    texto = respuesta.content.decode()
    assert "Describa el cargo." in texto
    assert "dos decimales" in texto
    assert "Fecha no válida; use dd/mm/aaaa." in texto
    assert "Periodo no válido" in texto
    assert not Cargo.objects.exists()


def test_vencimiento_anterior_a_hoy_se_explica(como, supervisor, cuenta):
    respuesta = como(supervisor).post(
        reverse("cobranza:cargo_nuevo", args=[cuenta.numero]),
        {
            "concepto": "drenaje",
            "monto": "10",
            "fecha_vencimiento": "15/03/2025",
            "descripcion": "x",
        },
    )
    assert respuesta.status_code == 400
    assert "El vencimiento no puede ser anterior a la emisión." in respuesta.content.decode()


def test_no_se_registran_recargos_a_mano(como, supervisor, cuenta):
    respuesta = como(supervisor).post(
        reverse("cobranza:cargo_nuevo", args=[cuenta.numero]),
        {
            "concepto": "recargo",
            "monto": "10",
            "fecha_vencimiento": "15/03/2025",
            "descripcion": "x",
        },
    )
    assert respuesta.status_code == 400
    assert not Cargo.objects.exists()


def test_cargo_en_cuenta_inexistente_o_sin_permiso(como, supervisor, cuenta):
    assert (
        como(supervisor).get(reverse("cobranza:cargo_nuevo", args=["no-existe"])).status_code == 404
    )
    assert (
        como("caja").get(reverse("cobranza:cargo_nuevo", args=[cuenta.numero])).status_code == 403
    )


# --- lista de ajustes y reversiones ----------------------------------------------------------


def _movimientos(supervisor, n, cuenta):
    cargos = [
        cargo(cuenta, Concepto.CONSUMO_AGUA, "100.00", date(2025, 1, 20), date(2025, 1, 1))
        for _ in range(n)
    ]
    for c in cargos:
        ajuste_registrar(
            cargo=c,
            tipo=Ajuste.Tipo.BONIFICACION,
            monto="10.00",
            motivo="Bonificación de temporada",
            autorizado_por=supervisor,
        )


def test_lista_de_ajustes_y_reversiones_con_quien_autorizo(como, supervisor, pago, consumo):
    pago_revertir(pago=pago, motivo="Cheque devuelto", autorizado_por=supervisor)
    ajuste_registrar(
        cargo=consumo,
        tipo=Ajuste.Tipo.CANCELACION,
        motivo="Toma inexistente",
        autorizado_por=supervisor,
    )
    viejo = Ajuste.objects.get()
    Ajuste.objects.create(
        cargo=viejo.cargo,
        tipo=Ajuste.Tipo.BONIFICACION,
        monto=D("1.00"),
        fecha=hoy() - timedelta(days=90),
        motivo="Antiguo",
        autorizado_por=supervisor,
    )

    respuesta = como(supervisor).get(reverse("cobranza:ajustes"))

    assert respuesta.status_code == 200
    texto = respuesta.content.decode()
    assert "Reversión de pago" in texto and f"Pago {pago.folio}" in texto
    assert "Cancelación" in texto and "Toma inexistente" in texto and "$400.00" in texto
    assert "Lucía Moreno" in texto
    assert "Antiguo" not in texto

    anterior = como(supervisor).get(
        reverse("cobranza:ajustes"),
        {
            "desde": f"{hoy() - timedelta(days=100):%d/%m/%Y}",
            "hasta": f"{hoy() - timedelta(days=80):%d/%m/%Y}",
        },
    )
    texto = anterior.content.decode()
    assert "Antiguo" in texto and "Toma inexistente" not in texto


def test_lista_rango_invertido_avisa(como, supervisor):
    respuesta = como(supervisor).get(
        reverse("cobranza:ajustes"), {"desde": "10/02/2025", "hasta": "01/02/2025"}
    )
    assert "La fecha final no puede ser anterior a la inicial." in respuesta.content.decode()


def test_lista_consultas_constantes(como, supervisor, cuenta, django_assert_max_num_queries):
    _movimientos(supervisor, 30, cuenta)
    cliente = como(supervisor)
    with django_assert_max_num_queries(8):
        respuesta = cliente.get(reverse("cobranza:ajustes"))
    assert respuesta.content.decode().count("Bonificación de temporada") == 30


def test_lista_solo_con_permiso(como):
    assert como("ventanilla").get(reverse("cobranza:ajustes")).status_code == 403


def test_panel_del_supervisor_enlaza_la_lista(como, supervisor):
    respuesta = como(supervisor).get(reverse("inicio_rol", args=["supervisor"]))
    texto = respuesta.content.decode()
    assert 'id="panel-libro"' in texto
    assert reverse("cobranza:ajustes") in texto

"""/api/v1/ of the front desk: simulate, negotiate, capture, authorise, sign, print, constancia.

The water cartera of conftest: 3 bills of $1,000.00 and $300.00 of recargos owed on 10/03/2026.
"""

from datetime import date
from decimal import Decimal
from io import BytesIO

import pytest
from pypdf import PdfReader

from cobranza.libro.services.cargos import cargo_registrar
from cobranza.libro.services.pagos import pago_registrar
from cobranza.models import Cargo, Concepto
from convenios.models import Campana, Convenio, Negociacion, Parcialidad
from tests.convenios.conftest import HOY
from tests.factories import CuentaFactory

D = Decimal


# Every view and service sees HOY (tests/conftest.py: reloj).
pytestmark = pytest.mark.hoy(HOY.isoformat())


@pytest.fixture
def ventanilla(crear_usuario, cliente_api):
    return cliente_api(crear_usuario("ventanilla", first_name="Ana", last_name="Moreno"))


@pytest.fixture
def supervisor(crear_usuario, cliente_api):
    return cliente_api(crear_usuario("supervisor", first_name="Lucía", last_name="Ruiz"))


@pytest.fixture
def gerencia(crear_usuario, cliente_api):
    return cliente_api(crear_usuario("gerencia"))


def capturar(cliente, cuenta, alternativa, **datos):
    return cliente.post(
        f"/api/v1/cuentas/{cuenta.numero}/convenios/",
        {"alternativa": alternativa.pk, **datos},
        format="json",
    )


def campos(respuesta):
    return respuesta.json()["error"]["campos"]


def _conteos():
    return (Convenio.objects.count(), Negociacion.objects.count(), Parcialidad.objects.count())


# Simulation ----------------------------------------------------------------------------


def test_simular_todas_las_alternativas_sin_guardar_nada(ventanilla, deudor):
    antes = _conteos()

    respuesta = ventanilla.post(f"/api/v1/cuentas/{deudor.numero}/simulacion/", format="json")

    assert respuesta.status_code == 200
    assert _conteos() == antes
    datos = respuesta.json()
    assert len(datos["cargos"]) == 4
    por_nombre = {s["alternativa"]["nombre"]: s for s in datos["simulaciones"]}
    assert set(por_nombre) == {"Contado con descuento", "Convenio a parcialidades"}
    contado = por_nombre["Contado con descuento"]
    assert (contado["adeudo"], contado["descuento"], contado["total"]) == (
        "3300.00",
        "300.00",
        "3000.00",
    )
    assert contado["requiere_autorizacion"] is True
    assert contado["nivel"]["nombre"] == "Gerencia"  # 100% of recargos: beyond the supervisor
    plazos = por_nombre["Convenio a parcialidades"]
    assert (plazos["descuento"], plazos["total"], plazos["enganche"]) == (
        "150.00",
        "3150.00",
        "630.00",
    )
    assert [p["monto"] for p in plazos["parcialidades"]] == ["420.00"] * 6
    assert plazos["parcialidades"][0] == {
        "numero": 1,
        "fecha_vencimiento": "2026-04-10",
        "monto": "420.00",
    }
    assert plazos["errores"] == {}


def test_simular_una_alternativa_con_los_terminos_propuestos(ventanilla, deudor, politica):
    url = f"/api/v1/cuentas/{deudor.numero}/simulacion/"
    recargos = Cargo.objects.get(cuenta=deudor, concepto=Concepto.RECARGO)
    base = {"alternativa": politica["parcialidades"].pk, "descuento_recargos_pct": "0"}

    diez = ventanilla.post(url, {**base, "numero_parcialidades": 10}, format="json").json()
    solo_recargos = ventanilla.post(
        url, {**base, "cargos": [recargos.pk], "numero_parcialidades": 1}, format="json"
    ).json()
    poco_enganche = ventanilla.post(url, {**base, "enganche": "100.00"}, format="json").json()

    [simulacion] = diez["simulaciones"]
    assert (simulacion["total"], simulacion["enganche"]) == ("3300.00", "660.00")
    assert [p["monto"] for p in simulacion["parcialidades"]] == ["264.00"] * 10
    assert simulacion["requiere_autorizacion"] and simulacion["nivel"]["nombre"] == "Supervisión"
    assert solo_recargos["cargos"] == [recargos.pk]
    assert solo_recargos["simulaciones"][0]["adeudo"] == "300.00"
    assert "enganche" in poco_enganche["simulaciones"][0]["errores"]
    assert Convenio.objects.count() == 0


def test_simular_con_una_campana_vigente(ventanilla, deudor, politica):
    campana = Campana.objects.create(
        nombre="Recargos cero en marzo",
        inicio=date(2026, 3, 1),
        fin=date(2026, 3, 31),
        descuento_recargos_pct=D("100"),
        solo_contado=True,
    )
    campana.carteras.add(politica["cartera"])
    url = f"/api/v1/cuentas/{deudor.numero}/simulacion/"

    todas = ventanilla.post(url, format="json").json()["simulaciones"]
    una = ventanilla.post(
        url, {"alternativa": politica["contado"].pk, "campana": campana.pk}, format="json"
    ).json()["simulaciones"][0]

    con_campana = [s for s in todas if s["campana"]]
    assert [s["titulo"] for s in con_campana] == ["Contado con descuento · Recargos cero en marzo"]
    # the campaign's discount is pre-authorised: ventanilla grants it alone
    assert (una["total"], una["requiere_autorizacion"]) == ("3000.00", False)


def test_simulacion_con_datos_invalidos_nombra_el_campo(ventanilla, deudor, politica):
    url = f"/api/v1/cuentas/{deudor.numero}/simulacion/"
    otra_cuenta = CuentaFactory(cartera=politica["cartera"])
    ajeno = cargo_registrar(
        cuenta=otra_cuenta,
        concepto=Concepto.CONSUMO_AGUA,
        monto="50.00",
        fecha_emision=date(2026, 1, 1),
        fecha_vencimiento=date(2026, 1, 20),
    )

    assert "cargos" in campos(ventanilla.post(url, {"cargos": [ajeno.pk]}, format="json"))
    assert "alternativa" in campos(ventanilla.post(url, {"alternativa": 999999}, format="json"))
    pct = ventanilla.post(
        url, {"alternativa": politica["contado"].pk, "descuento_recargos_pct": "150"}
    )
    assert "descuento_recargos_pct" in campos(pct)
    assert "campana" in campos(
        ventanilla.post(url, {"alternativa": politica["contado"].pk, "campana": 1}, format="json")
    )


# Negotiation ---------------------------------------------------------------------------


def test_registrar_la_respuesta_del_deudor(ventanilla, deudor):
    url = f"/api/v1/cuentas/{deudor.numero}/negociaciones/"

    respuesta = ventanilla.post(url, {"respuesta": "lo_pensara", "notas": "Regresa el viernes"})
    sin_respuesta = ventanilla.post(url, {"notas": "nada"})

    assert respuesta.status_code == 201
    negociacion = respuesta.json()
    assert (negociacion["adeudo"], negociacion["respuesta"]) == ("3300.00", "lo_pensara")
    assert negociacion["usuario"] == "Ana Moreno"
    assert len(negociacion["alternativas"]) == 2 and len(negociacion["cargos"]) == 4
    assert sin_respuesta.status_code == 400 and "respuesta" in campos(sin_respuesta)
    lista = ventanilla.get(url).json()
    assert lista["count"] == 1 and lista["results"][0]["notas"] == "Regresa el viernes"


@pytest.mark.parametrize("cuantas", [1, 4])
def test_las_negociaciones_no_crecen_en_consultas(
    cuantas, ventanilla, deudor, django_assert_max_num_queries
):
    url = f"/api/v1/cuentas/{deudor.numero}/negociaciones/"
    for _ in range(cuantas):
        ventanilla.post(url, {"respuesta": "rechazada"})

    with django_assert_max_num_queries(8):
        lista = ventanilla.get(url)

    assert lista.json()["count"] == cuantas


# Capture -------------------------------------------------------------------------------


def test_ventanilla_captura_seis_parcialidades_dentro_de_sus_limites(ventanilla, deudor, politica):
    respuesta = capturar(
        ventanilla,
        deudor,
        politica["parcialidades"],
        numero_parcialidades=6,
        descuento_recargos_pct="0",
    )

    assert respuesta.status_code == 201
    convenio = respuesta.json()
    assert convenio["estado"] == "autorizado" and convenio["nivel_requerido"] is None
    assert (convenio["total"], convenio["enganche"]) == ("3300.00", "660.00")
    assert [(p["numero"], p["monto"]) for p in convenio["parcialidades"]] == [
        (0, "660.00"),
        *[(n, "440.00") for n in range(1, 7)],
    ]
    assert {p["estado"] for p in convenio["parcialidades"]} == {"pendiente"}
    assert len(convenio["cargos"]) == 4
    assert (convenio["pagado"], convenio["saldo"]) == ("0.00", "3300.00")
    assert convenio["capturado_por"] == "Ana Moreno"


def test_mas_parcialidades_que_ventanilla_espera_autorizacion(ventanilla, deudor, politica):
    respuesta = capturar(
        ventanilla,
        deudor,
        politica["parcialidades"],
        numero_parcialidades=10,
        descuento_recargos_pct="0",
    )

    assert respuesta.status_code == 201
    assert respuesta.json()["estado"] == "pendiente"
    assert respuesta.json()["nivel_requerido"] == "Supervisión"


def test_caja_no_captura_convenios(crear_usuario, cliente_api, deudor, politica):
    caja = cliente_api(crear_usuario("caja"))

    respuesta = capturar(caja, deudor, politica["parcialidades"], numero_parcialidades=6)

    assert respuesta.status_code == 403
    assert not Convenio.objects.exists()


def test_un_segundo_convenio_en_la_cuenta_se_rechaza(ventanilla, deudor, politica):
    capturar(ventanilla, deudor, politica["parcialidades"], numero_parcialidades=6)

    otro = capturar(ventanilla, deudor, politica["contado"], descuento_recargos_pct="50")

    assert otro.status_code == 400
    assert "ya tiene un convenio" in campos(otro)["cuenta"][0]


def test_enganche_bajo_el_minimo_nombra_el_enganche(ventanilla, deudor, politica):
    respuesta = capturar(
        ventanilla, deudor, politica["parcialidades"], numero_parcialidades=6, enganche="100.00"
    )

    assert respuesta.status_code == 400
    error = respuesta.json()["error"]
    assert error["codigo"] == "datos_invalidos"
    assert "enganche mínimo es 20" in error["campos"]["enganche"][0]
    assert not Convenio.objects.exists()


def test_referencias_de_otra_cuenta_se_nombran(ventanilla, deudor, politica):
    otra = CuentaFactory(cartera=politica["cartera"])
    cargo_registrar(
        cuenta=otra,
        concepto=Concepto.CONSUMO_AGUA,
        monto="500.00",
        fecha_emision=date(2026, 1, 1),
        fecha_vencimiento=date(2026, 1, 20),
    )
    ajena = ventanilla.post(
        f"/api/v1/cuentas/{otra.numero}/negociaciones/", {"respuesta": "aceptada"}
    ).json()

    con_negociacion = capturar(ventanilla, deudor, politica["contado"], negociacion=ajena["id"])
    reestructura = capturar(ventanilla, deudor, politica["reestructura"], reemplaza="CV26-999999")

    assert "negociacion" in campos(con_negociacion)
    assert "reemplaza" in campos(reestructura)
    assert not Convenio.objects.exists()


def test_borrador_se_envia_despues(ventanilla, deudor, politica):
    borrador = capturar(
        ventanilla, deudor, politica["parcialidades"], numero_parcialidades=10, enviar=False
    ).json()
    assert borrador["estado"] == "borrador"

    enviado = ventanilla.post(f"/api/v1/convenios/{borrador['folio']}/enviar/")

    assert enviado.status_code == 200 and enviado.json()["estado"] == "pendiente"


# Authorisation -------------------------------------------------------------------------


@pytest.fixture
def pendiente(ventanilla, deudor, politica):
    return capturar(
        ventanilla,
        deudor,
        politica["parcialidades"],
        numero_parcialidades=10,
        descuento_recargos_pct="0",
    ).json()["folio"]


def test_ventanilla_no_autoriza_el_supervisor_si(ventanilla, supervisor, pendiente):
    url = f"/api/v1/convenios/{pendiente}/autorizar/"

    negado = ventanilla.post(url, {"motivo": "yo mismo"})
    autorizado = supervisor.post(url, {"motivo": "Buen historial de pago"})

    assert negado.status_code == 403
    assert autorizado.status_code == 200
    convenio = autorizado.json()
    assert convenio["estado"] == "autorizado"
    assert convenio["autorizado_por"] == "Lucía Ruiz"
    assert convenio["motivo_resolucion"] == "Buen historial de pago"
    otra_vez = supervisor.post(url)
    assert otra_vez.status_code == 400 and "estado" in campos(otra_vez)


def test_lo_que_pide_gerencia_no_lo_autoriza_el_supervisor(
    ventanilla, supervisor, gerencia, deudor, politica
):
    folio = capturar(ventanilla, deudor, politica["contado"]).json()["folio"]  # 100% recargos
    url = f"/api/v1/convenios/{folio}/autorizar/"

    negado = supervisor.post(url)

    assert negado.status_code == 403
    assert "Gerencia" in negado.json()["error"]["mensaje"]
    assert gerencia.post(url).json()["estado"] == "autorizado"


def test_rechazar_exige_el_motivo(supervisor, pendiente):
    url = f"/api/v1/convenios/{pendiente}/rechazar/"

    sin_motivo = supervisor.post(url, {})
    rechazado = supervisor.post(url, {"motivo": "Ingresos no comprobados"})

    assert sin_motivo.status_code == 400 and "motivo" in campos(sin_motivo)
    assert rechazado.status_code == 200 and rechazado.json()["estado"] == "rechazado"
    assert supervisor.get(f"/api/v1/convenios/{pendiente}/convenio.pdf").status_code == 404


def test_cola_de_autorizacion_del_supervisor(ventanilla, supervisor, pendiente):
    assert ventanilla.get("/api/v1/convenios/pendientes/").status_code == 403

    cola = supervisor.get("/api/v1/convenios/pendientes/").json()

    assert [c["folio"] for c in cola["results"]] == [pendiente]
    assert cola["results"][0]["nivel_requerido"] == "Supervisión"


def _pendientes(politica, ventanilla, cuantos):
    for _ in range(cuantos):
        cuenta = CuentaFactory(cartera=politica["cartera"])
        cargo_registrar(
            cuenta=cuenta,
            concepto=Concepto.CONSUMO_AGUA,
            monto="1000.00",
            fecha_emision=date(2026, 1, 1),
            fecha_vencimiento=date(2026, 1, 20),
        )
        # 8 parcialidades of $100.00: beyond ventanilla's 6
        capturar(ventanilla, cuenta, politica["parcialidades"], numero_parcialidades=8)


@pytest.mark.parametrize("cuantos", [5, 10])
def test_la_cola_no_crece_en_consultas(
    cuantos, politica, ventanilla, supervisor, django_assert_max_num_queries
):
    _pendientes(politica, ventanilla, cuantos)

    with django_assert_max_num_queries(6):
        cola = supervisor.get("/api/v1/convenios/pendientes/")

    assert cola.json()["count"] == cuantos


@pytest.mark.parametrize("cuantos", [1, 6])
def test_los_convenios_de_una_cuenta_no_crecen_en_consultas(
    cuantos, ventanilla, supervisor, deudor, politica, django_assert_max_num_queries
):
    for _ in range(cuantos):  # captured and cancelled, so the next one may be captured
        folio = capturar(
            ventanilla, deudor, politica["parcialidades"], numero_parcialidades=6
        ).json()["folio"]
        supervisor.post(f"/api/v1/convenios/{folio}/cancelar/", {"motivo": "Se arrepintió"})

    with django_assert_max_num_queries(7):
        lista = ventanilla.get(f"/api/v1/cuentas/{deudor.numero}/convenios/")

    assert lista.json()["count"] == cuantos
    assert {c["estado"] for c in lista.json()["results"]} == {"cancelado"}


# Signature, schedule, documents --------------------------------------------------------


@pytest.fixture
def autorizado(ventanilla, deudor, politica):
    return capturar(
        ventanilla,
        deudor,
        politica["parcialidades"],
        numero_parcialidades=6,
        descuento_recargos_pct="0",
    ).json()["folio"]


def test_firmar_y_pagar_el_enganche(ventanilla, crear_usuario, deudor, autorizado):
    firmado = ventanilla.post(f"/api/v1/convenios/{autorizado}/firmar/")
    assert firmado.status_code == 200 and firmado.json()["firmado"]

    pago_registrar(cuenta=deudor, monto="800.00", registrado_por=crear_usuario("caja"), fecha=HOY)
    calendario = ventanilla.get(f"/api/v1/convenios/{autorizado}/calendario/").json()
    convenio = ventanilla.get(f"/api/v1/convenios/{autorizado}/").json()

    assert [(p["numero"], p["pagado"], p["estado"]) for p in calendario["parcialidades"][:3]] == [
        (0, "660.00", "pagada"),
        (1, "140.00", "parcial"),
        (2, "0.00", "pendiente"),
    ]
    assert convenio["estado"] == "vigente"
    assert (convenio["pagado"], convenio["saldo"]) == ("800.00", "2500.00")


def test_el_convenio_en_pdf_lleva_su_folio(ventanilla, autorizado):
    respuesta = ventanilla.get(
        f"/api/v1/convenios/{autorizado}/convenio.pdf", HTTP_ACCEPT="application/pdf"
    )

    assert respuesta.status_code == 200
    assert respuesta["Content-Type"] == "application/pdf"
    texto = " ".join(p.extract_text() for p in PdfReader(BytesIO(respuesta.content)).pages)
    assert autorizado in texto and "$440.00" in texto


def test_pagares_solo_para_creditos(ventanilla, autorizado):
    respuesta = ventanilla.get(
        f"/api/v1/convenios/{autorizado}/pagares.pdf", HTTP_ACCEPT="application/pdf"
    )

    assert respuesta.status_code == 404
    assert respuesta.json()["error"]["mensaje"] == (
        "Los pagarés solo se emiten para carteras de crédito."
    )


def test_cancelar_solo_con_permiso_y_motivo(ventanilla, supervisor, autorizado):
    url = f"/api/v1/convenios/{autorizado}/cancelar/"

    assert ventanilla.post(url, {"motivo": "x"}).status_code == 403
    sin_motivo = supervisor.post(url, {"motivo": " "})
    cancelado = supervisor.post(url, {"motivo": "El deudor desistió"})

    assert sin_motivo.status_code == 400 and "motivo" in campos(sin_motivo)
    assert cancelado.json()["estado"] == "cancelado"


def test_el_abogado_externo_no_alcanza_cuentas_que_no_le_asignaron(
    crear_usuario, cliente_api, deudor, autorizado
):
    abogado = cliente_api(crear_usuario("abogado_externo"))

    assert abogado.get(f"/api/v1/cuentas/{deudor.numero}/convenios/").status_code == 404
    assert abogado.get(f"/api/v1/convenios/{autorizado}/").status_code == 404
    assert abogado.get(f"/api/v1/convenios/{autorizado}/convenio.pdf").status_code == 404


# Constancia de no adeudo ---------------------------------------------------------------


def test_constancia_solo_con_saldo_cero_y_se_verifica(ventanilla, crear_usuario, deudor):
    url = f"/api/v1/cuentas/{deudor.numero}/constancias/"
    con_saldo = ventanilla.post(url)

    pago_registrar(cuenta=deudor, monto="3300.00", registrado_por=crear_usuario("caja"), fecha=HOY)
    emitida = ventanilla.post(url)

    assert con_saldo.status_code == 400 and "$3,300.00" in campos(con_saldo)["cuenta"][0]
    assert emitida.status_code == 201
    constancia = emitida.json()
    assert constancia["cuenta"] == deudor.numero and constancia["codigo"]
    verificar = f"/api/v1/constancias/{constancia['folio']}/"
    valida = ventanilla.get(verificar, {"codigo": constancia["codigo"].lower()})
    assert valida.status_code == 200
    assert valida.json()["valida"] is True and valida.json()["cuenta"] == deudor.numero
    assert ventanilla.get(verificar, {"codigo": "0000"}).status_code == 404
    assert "codigo" in campos(ventanilla.get(verificar))


def test_pagares_de_un_credito_en_pdf(ventanilla):
    from convenios.models import Alternativa
    from tests.factories import CarteraCreditoFactory

    cartera = CarteraCreditoFactory()
    alternativa = Alternativa.objects.create(
        cartera=cartera,
        tipo=Alternativa.Tipo.PARCIALIDADES,
        nombre="Reestructura de crédito",
        max_parcialidades=12,
        ventanilla_max_parcialidades=12,
    )
    acreditado = CuentaFactory(cartera=cartera)
    cargo_registrar(
        cuenta=acreditado,
        concepto=Concepto.CAPITAL,
        monto="12000.00",
        fecha_emision=date(2025, 12, 1),
        fecha_vencimiento=date(2025, 12, 31),
    )
    folio = capturar(ventanilla, acreditado, alternativa, numero_parcialidades=12).json()["folio"]

    respuesta = ventanilla.get(f"/api/v1/convenios/{folio}/pagares.pdf")

    assert respuesta.status_code == 200 and respuesta["Content-Type"] == "application/pdf"
    texto = " ".join(p.extract_text() for p in PdfReader(BytesIO(respuesta.content)).pages)
    assert folio in texto and "$1,000.00" in texto

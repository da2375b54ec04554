"""The front desk's pages: negotiate, capture, the convenio page, the authorisation queue,
documents and the constancia, as each role meets them."""

from decimal import Decimal

import pytest
from pypdf import PdfReader

from cobranza.libro.services.pagos import pago_registrar
from convenios.models import Constancia, Convenio, Negociacion, Parcialidad

pytestmark = pytest.mark.fecha

D = Decimal


@pytest.fixture
def ventanilla(crear_usuario):
    return crear_usuario("ventanilla")


@pytest.fixture
def supervisor(crear_usuario):
    return crear_usuario("supervisor")


def _capturar(client, cuenta, alternativa, **terminos):
    datos = {"alternativa": alternativa.pk, "accion": "capturar", **terminos}
    return client.post(f"/cuentas/{cuenta.numero}/convenios/nuevo/", datos)


def _texto_pdf(contenido):
    import io

    return "".join(p.extract_text() for p in PdfReader(io.BytesIO(contenido)).pages)


def test_negociar_muestra_las_alternativas_lado_a_lado(
    client, deudor, ventanilla, django_assert_max_num_queries
):
    client.force_login(ventanilla)
    with django_assert_max_num_queries(30):
        respuesta = client.get(f"/cuentas/{deudor.numero}/negociar/")
    html = respuesta.content.decode()
    assert 'id="adeudo-total">$3,300.00<' in html
    # contado: 100 % of the $300.00 of recargos off; parcialidades: 50 %
    assert "Contado con descuento" in html and "Convenio a parcialidades" in html
    assert "<b>$3,000.00</b>" in html and "<b>$3,150.00</b>" in html
    assert "6 × $420.00" in html
    assert "Reestructura" not in html  # no broken convenio to restructure


def test_negociar_solo_los_cargos_elegidos(client, deudor, ventanilla):
    client.force_login(ventanilla)
    primero = deudor.cargos.order_by("fecha_vencimiento").first()
    html = client.get(f"/cuentas/{deudor.numero}/negociar/", {"cargos": [primero.pk]}).content
    assert 'id="adeudo-total">$1,000.00<' in html.decode()


def test_la_respuesta_del_deudor_queda_aunque_no_haya_convenio(client, deudor, ventanilla):
    client.force_login(ventanilla)
    respuesta = client.post(
        f"/cuentas/{deudor.numero}/negociar/",
        {"respuesta": "lo_pensara", "notas": "Regresa el viernes con su esposa"},
        follow=True,
    )
    negociacion = Negociacion.objects.get()
    assert negociacion.respuesta == "lo_pensara" and negociacion.adeudo == D("3300.00")
    assert negociacion.usuario == ventanilla and not Convenio.objects.exists()
    assert "Regresa el viernes" in respuesta.content.decode()  # on the account page


def test_sin_respuesta_se_pide_y_no_se_guarda(client, deudor, ventanilla):
    client.force_login(ventanilla)
    respuesta = client.post(f"/cuentas/{deudor.numero}/negociar/", {"notas": "x"})
    assert "Indique la respuesta del deudor" in respuesta.content.decode()
    assert not Negociacion.objects.exists()


def test_ventanilla_captura_dentro_de_sus_limites(client, deudor, politica, ventanilla):
    client.force_login(ventanilla)
    respuesta = _capturar(
        client,
        deudor,
        politica["parcialidades"],
        numero_parcialidades=6,
        descuento_recargos_pct="0",
        descuento_gastos_pct="0",
        descuento_principal_pct="0",
    )
    convenio = Convenio.objects.get()
    assert respuesta.url == f"/convenios/{convenio.folio}/"
    assert convenio.estado == Convenio.Estado.AUTORIZADO
    montos = list(convenio.parcialidades.values_list("monto", flat=True))
    assert montos == [D("660.00")] + [D("440.00")] * 6 and sum(montos) == D("3300.00")
    html = client.get(respuesta.url).content.decode()
    # each of the 6 parcialidades: its monto and what remains of it
    assert 'id="estado">Autorizado<' in html and html.count(">$440.00<") == 12
    assert "Registrar firma del deudor" in html


def test_la_vista_previa_recalcula_sin_guardar(client, deudor, politica, ventanilla):
    client.force_login(ventanilla)
    url = f"/cuentas/{deudor.numero}/convenios/nuevo/"
    inicial = client.get(url, {"alternativa": politica["parcialidades"].pk})
    assert inicial.context["form"].initial["numero_parcialidades"] == 6
    respuesta = client.post(
        url,
        {
            "alternativa": politica["parcialidades"].pk,
            "accion": "simular",
            "numero_parcialidades": 3,
            "descuento_recargos_pct": "0",
        },
    )
    html = respuesta.content.decode()
    assert 'id="total">$3,300.00<' in html and html.count(">$880.00<") == 3
    assert "Dentro de los límites de ventanilla" in html
    assert not Convenio.objects.exists()


@pytest.mark.parametrize(
    ("terminos", "campo", "mensaje"),
    [
        ({"numero_parcialidades": 13}, "numero_parcialidades", "como máximo 12 parcialidades"),
        ({"numero_parcialidades": 6, "enganche": "100.00"}, "enganche", "enganche mínimo"),
        ({"descuento_recargos_pct": "80"}, "descuento_recargos_pct", "excede el 50"),
    ],
)
def test_fuera_de_politica_el_error_nombra_el_campo(
    client, deudor, politica, ventanilla, terminos, campo, mensaje
):
    client.force_login(ventanilla)
    respuesta = _capturar(client, deudor, politica["parcialidades"], **terminos)
    assert respuesta.status_code == 200
    assert mensaje in " ".join(respuesta.context["form"].errors[campo])
    assert not Convenio.objects.exists() and not Parcialidad.objects.exists()


def test_fuera_de_limites_espera_al_supervisor_que_lo_autoriza(
    client, deudor, politica, ventanilla, supervisor
):
    client.force_login(ventanilla)
    _capturar(client, deudor, politica["parcialidades"], numero_parcialidades=10)
    convenio = Convenio.objects.get()
    assert convenio.estado == Convenio.Estado.PENDIENTE
    url = f"/convenios/{convenio.folio}/"
    assert client.post(f"{url}autorizar/").status_code == 403
    assert client.get("/convenios/pendientes/").status_code == 403
    client.post(f"{url}firmar/")
    convenio.refresh_from_db()
    assert convenio.estado == Convenio.Estado.PENDIENTE and convenio.firmado is None

    client.force_login(supervisor)
    cola = client.get("/convenios/pendientes/").content.decode()
    assert convenio.folio in cola
    client.post(f"{url}autorizar/", {"motivo": "Pagador puntual"})
    convenio.refresh_from_db()
    assert convenio.estado == Convenio.Estado.AUTORIZADO
    assert convenio.autorizado_por == supervisor and convenio.motivo_resolucion == "Pagador puntual"
    assert convenio.folio not in client.get("/convenios/pendientes/").content.decode()


def test_rechazo_sin_motivo_no_cambia_nada(client, deudor, politica, ventanilla, supervisor):
    client.force_login(ventanilla)
    _capturar(client, deudor, politica["parcialidades"], numero_parcialidades=10)
    convenio = Convenio.objects.get()
    client.force_login(supervisor)
    respuesta = client.post(f"/convenios/{convenio.folio}/rechazar/", follow=True)
    assert "Indique el motivo del rechazo" in respuesta.content.decode()
    convenio.refresh_from_db()
    assert convenio.estado == Convenio.Estado.PENDIENTE


def test_firma_enganche_y_estados_de_las_parcialidades(
    client, deudor, politica, ventanilla, crear_usuario
):
    client.force_login(ventanilla)
    _capturar(
        client,
        deudor,
        politica["parcialidades"],
        numero_parcialidades=6,
        descuento_recargos_pct="0",
    )
    convenio = Convenio.objects.get()
    client.post(f"/convenios/{convenio.folio}/firmar/")
    pago_registrar(cuenta=deudor, monto="900.00", registrado_por=crear_usuario("caja"))
    html = client.get(f"/convenios/{convenio.folio}/").content.decode()
    assert 'id="estado">Vigente<' in html  # the enganche of $660.00 is paid
    assert 'id="pagado">$900.00<' in html
    assert html.count(">Pagada<") == 1 and html.count(">Pago parcial<") == 1
    assert html.count(">Pendiente<") == 5


def test_imprimir_el_convenio_da_un_pdf_con_su_folio(client, deudor, politica, ventanilla):
    client.force_login(ventanilla)
    _capturar(
        client,
        deudor,
        politica["parcialidades"],
        numero_parcialidades=6,
        descuento_recargos_pct="0",
    )
    convenio = Convenio.objects.get()
    respuesta = client.get(f"/convenios/{convenio.folio}/convenio.pdf")
    assert respuesta["Content-Type"] == "application/pdf"
    texto = _texto_pdf(respuesta.content)
    assert convenio.folio in texto and "3,300.00" in texto
    # water cartera: no pagarés
    assert client.get(f"/convenios/{convenio.folio}/pagares.pdf").status_code == 404


def test_cancelar_pide_motivo_y_permiso(client, deudor, politica, ventanilla, supervisor):
    client.force_login(ventanilla)
    _capturar(
        client,
        deudor,
        politica["parcialidades"],
        numero_parcialidades=6,
        descuento_recargos_pct="0",
    )
    convenio = Convenio.objects.get()
    assert client.post(f"/convenios/{convenio.folio}/cancelar/").status_code == 403
    client.force_login(supervisor)
    client.post(f"/convenios/{convenio.folio}/cancelar/", {"motivo": ""})
    convenio.refresh_from_db()
    assert convenio.estado == Convenio.Estado.AUTORIZADO
    client.post(f"/convenios/{convenio.folio}/cancelar/", {"motivo": "Lo pidió el deudor"})
    convenio.refresh_from_db()
    assert convenio.estado == Convenio.Estado.CANCELADO


def test_la_cuenta_muestra_sus_convenios_y_el_boton_de_negociar(
    client, deudor, politica, ventanilla, crear_usuario, django_assert_max_num_queries
):
    client.force_login(ventanilla)
    _capturar(
        client,
        deudor,
        politica["parcialidades"],
        numero_parcialidades=6,
        descuento_recargos_pct="0",
    )
    folio = Convenio.objects.get().folio
    with django_assert_max_num_queries(26):
        html = client.get(f"/cuentas/{deudor.numero}/").content.decode()
    assert 'id="negociar"' in html and folio in html
    client.force_login(crear_usuario("caja"))
    html = client.get(f"/cuentas/{deudor.numero}/").content.decode()
    assert folio in html and 'id="negociar"' not in html


def test_permisos_de_las_paginas(client, deudor, politica, crear_usuario):
    client.force_login(crear_usuario("caja"))
    assert client.get(f"/cuentas/{deudor.numero}/negociar/").status_code == 403
    assert _capturar(client, deudor, politica["parcialidades"]).status_code == 403
    client.force_login(crear_usuario("abogado_externo"))
    assert client.get(f"/cuentas/{deudor.numero}/negociar/").status_code == 403
    client.force_login(crear_usuario("supervisor"))
    assert client.get("/cuentas/NO-EXISTE/negociar/").status_code == 404
    assert client.get("/convenios/CV26-999999/").status_code == 404


def test_constancia_solo_con_saldo_cero(client, deudor, ventanilla, crear_usuario):
    client.force_login(ventanilla)
    respuesta = client.post(f"/cuentas/{deudor.numero}/constancias/nueva/", follow=True)
    assert "solo se emite con saldo cero" in respuesta.content.decode()
    assert not Constancia.objects.exists()
    pago_registrar(cuenta=deudor, monto="3300.00", registrado_por=crear_usuario("caja"))
    respuesta = client.post(f"/cuentas/{deudor.numero}/constancias/nueva/", follow=True)
    constancia = Constancia.objects.get()
    assert respuesta["Content-Type"] == "application/pdf"
    texto = _texto_pdf(respuesta.content)
    assert constancia.folio in texto and constancia.codigo in texto

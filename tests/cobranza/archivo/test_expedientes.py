"""The expediente documental: generated papers appear by themselves, received ones are
registered with their scans (hash kept, a replacement visible), and scans are served only to
who may see the cuenta: another lawyer's guess is a 404."""

import hashlib
from decimal import Decimal

import pytest

from cobranza.archivo.services.expedientes import (
    documento_dar_de_baja,
    documento_registrar,
    escaneo_adjuntar,
    generados_registrar,
    legajo_de,
    original_recibir,
)
from cobranza.asignacion.services import asignacion_cambiar
from cobranza.models import Documento, Escaneo, TipoDocumento
from convenios.negociacion.simulacion import Terminos
from convenios.services.convenios import convenio_capturar
from padron.fechas import hoy
from tests.cobranza.archivo.conftest import PDF, pdf, png
from tests.factories import CuentaFactory

pytestmark = pytest.mark.django_db


def _tipo(clave):
    return TipoDocumento.objects.get(clave=clave)


def test_el_convenio_capturado_aparece_solo_y_una_vez(client, deudor, politica, custodio):
    convenio = convenio_capturar(
        cuenta=deudor,
        alternativa=politica["parcialidades"],
        capturado_por=custodio,
        dia=hoy(),
        terminos=Terminos(numero_parcialidades=6, descuento_recargos_pct=Decimal("0")),
    )
    client.force_login(custodio)
    html = client.get(f"/cuentas/{deudor.numero}/expediente/").content.decode()
    client.get(f"/cuentas/{deudor.numero}/expediente/")  # a second visit adds nothing

    assert f"Convenio {convenio.folio}" in html
    documento = Documento.objects.get(origen=f"convenio:{convenio.pk}")
    assert (documento.estado, documento.legajo.clave) == ("generado", convenio.folio)
    assert Documento.objects.filter(origen__startswith="convenio:").count() == 1
    assert generados_registrar(deudor) == 0


def test_documento_recibido_con_su_escaneo_y_el_reemplazo_a_la_vista(client, custodio):
    cuenta = CuentaFactory(numero="5001")
    client.force_login(custodio)
    legajo = legajo_de(cuenta)
    respuesta = client.post(
        "/cuentas/5001/expediente/documentos/",
        {
            "legajo": legajo.pk,
            "tipo": _tipo("ine").pk,
            "descripcion": "INE del titular",
            "original": "on",
            "archivo": pdf(),
        },
    )
    assert respuesta.status_code == 302
    documento = Documento.objects.get()
    escaneo = documento.escaneos.get()
    assert documento.estado == "escaneado" and documento.recibido == hoy()
    assert escaneo.sha256 == hashlib.sha256(PDF).hexdigest() and escaneo.tamano == len(PDF)
    with escaneo.archivo.open("rb") as guardado:
        assert guardado.read() == PDF

    otro = escaneo_adjuntar(documento=documento, archivo=png("ine-mejor.png"), usuario=custodio)
    html = client.get("/cuentas/5001/expediente/").content.decode()
    assert "ine-mejor.png" in html and "reemplazado" in html and escaneo.sha256[:12] in html
    servido = client.get(f"/archivo/escaneos/{otro.pk}/")
    assert servido["Content-Type"] == "image/png"
    assert b"".join(servido.streaming_content).startswith(b"\x89PNG")


def test_un_archivo_que_no_es_lo_que_dice_no_deja_nada(client, custodio):
    cuenta = CuentaFactory(numero="5002")
    client.force_login(custodio)
    respuesta = client.post(
        "/cuentas/5002/expediente/documentos/",
        {
            "legajo": legajo_de(cuenta).pk,
            "tipo": _tipo("ine").pk,
            "original": "on",
            "archivo": pdf("ine.pdf", b"MZ esto es un ejecutable"),
        },
    )
    assert respuesta.status_code == 400
    assert "no es un PDF válido" in " ".join(respuesta.context["form"].errors["archivo"])
    assert not Documento.objects.exists() and not Escaneo.objects.exists()


def test_el_escaneo_de_otro_abogado_es_404_aun_adivinando(client, crear_usuario, custodio):
    supervisor = crear_usuario("supervisor")
    mia, ajena = CuentaFactory(numero="6001"), CuentaFactory(numero="6002")
    abogado, otro_abogado = crear_usuario("abogado_externo"), crear_usuario("abogado_externo")
    asignacion_cambiar(cuenta=mia, asignado_a=abogado, asignado_por=supervisor, motivo="PEC")
    asignacion_cambiar(cuenta=ajena, asignado_a=otro_abogado, asignado_por=supervisor, motivo="PEC")
    escaneos = {}
    for cuenta in (mia, ajena):
        documento = documento_registrar(
            legajo=legajo_de(cuenta), tipo=_tipo("ine"), usuario=custodio
        )
        escaneos[cuenta.numero] = escaneo_adjuntar(
            documento=documento, archivo=pdf(), usuario=custodio
        )

    client.force_login(abogado)
    assert client.get("/cuentas/6001/expediente/").status_code == 200
    assert client.get(f"/archivo/escaneos/{escaneos['6001'].pk}/").status_code == 200
    assert client.get("/cuentas/6002/expediente/").status_code == 404
    assert client.get(f"/archivo/escaneos/{escaneos['6002'].pk}/").status_code == 404
    assert client.get(f"/expedientes/{escaneos['6002'].documento.legajo_id}/").status_code == 404
    # Lawyers read; they do not file papers.
    assert (
        client.post(
            f"/archivo/documentos/{escaneos['6001'].documento_id}/baja/", {"motivo": "x"}
        ).status_code
        == 403
    )


def test_original_recibido_y_baja_con_motivo_quedan_en_la_historia(custodio):
    cuenta = CuentaFactory()
    documento = documento_registrar(
        legajo=legajo_de(cuenta), tipo=_tipo("convenio"), original=False, usuario=custodio
    )
    assert documento.estado == "generado"
    documento = original_recibir(documento=documento, usuario=custodio)
    assert (documento.estado, documento.original, documento.recibido) == ("recibido", True, hoy())
    with pytest.raises(Exception, match="ya se había recibido"):
        original_recibir(documento=documento, usuario=custodio)
    with pytest.raises(Exception, match="motivo"):
        documento_dar_de_baja(documento=documento, motivo=" ", usuario=custodio)
    documento_dar_de_baja(documento=documento, motivo="Duplicado", usuario=custodio)
    razones = list(
        documento.history.order_by("history_date").values_list("history_change_reason", flat=True)
    )
    assert razones == ["Documento recibido", "Original firmado recibido", "Baja: Duplicado"]


def test_la_pagina_no_crece_en_consultas_con_los_documentos(
    client, custodio, django_assert_max_num_queries
):
    cuenta = CuentaFactory(numero="7001")
    legajo = legajo_de(cuenta)
    client.force_login(custodio)
    for _ in range(2):
        documento_registrar(legajo=legajo, tipo=_tipo("ine"), usuario=custodio)
    client.get("/cuentas/7001/expediente/")
    with django_assert_max_num_queries(20) as pocas:
        client.get("/cuentas/7001/expediente/")
    for _ in range(10):
        documento = documento_registrar(legajo=legajo, tipo=_tipo("ine"), usuario=custodio)
        escaneo_adjuntar(documento=documento, archivo=pdf(), usuario=custodio)
    with django_assert_max_num_queries(len(pocas.captured_queries)):
        respuesta = client.get("/cuentas/7001/expediente/")
    assert respuesta.content.decode().count('class="estado-escaneado"') == 10


def test_api_lee_registra_escanea_y_sirve_solo_lo_visible(cliente_api, custodio, crear_usuario):
    CuentaFactory(numero="8001")
    api = cliente_api(custodio)
    nuevo = api.post(
        "/api/v1/cuentas/8001/expediente/documentos/",
        {"tipo": "comprobante_domicilio", "descripcion": "Recibo de luz"},
        format="json",
    )
    assert nuevo.status_code == 201, nuevo.json()
    pk = nuevo.json()["id"]
    malo = api.post(
        "/api/v1/cuentas/8001/expediente/documentos/", {"tipo": "pasaporte"}, format="json"
    )
    assert malo.status_code == 400 and "tipo" in malo.json()["error"]["campos"]
    subido = api.post(
        f"/api/v1/archivo/documentos/{pk}/escaneos/", {"archivo": pdf()}, format="multipart"
    )
    assert subido.status_code == 201 and subido.json()["sha256"] == hashlib.sha256(PDF).hexdigest()
    leido = api.get("/api/v1/cuentas/8001/expediente/").json()
    documentos = leido["expedientes"][0]["documentos"]
    assert [(d["tipo"], d["estado"]) for d in documentos] == [
        ("comprobante_domicilio", "escaneado")
    ]
    escaneo = documentos[0]["escaneos"][0]["id"]
    assert api.get(f"/api/v1/archivo/escaneos/{escaneo}/archivo/").status_code == 200
    abogado = cliente_api(crear_usuario("abogado_externo"))
    assert abogado.get(f"/api/v1/archivo/escaneos/{escaneo}/archivo/").status_code == 404
    assert abogado.get("/api/v1/cuentas/8001/expediente/").status_code == 404

"""Every import from the web: a page for its role uploads the file, a Celery task does the
work while the progress is written where the page can read it, and the job ends with the
rows accepted and rejected and a link to the rejects file."""

import csv
import io

import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile

from cobranza.models import Pago
from padron.importacion.models import Importacion
from padron.importacion.trabajos import Avance, importacion_avance, importacion_procesar
from tests.cobranza.facturacion.conftest import HOY, archivo, factura

pytestmark = [pytest.mark.django_db, pytest.mark.hoy(HOY)]


def _pagos(*filas):
    salida = io.StringIO()
    csv.writer(salida).writerows([["numero_cuenta", "fecha", "monto", "referencia"], *filas])
    return SimpleUploadedFile("banco.csv", salida.getvalue().encode("latin-1"))


def test_caja_sube_un_archivo_de_pagos_y_ve_el_resultado(cuentas, crear_usuario, client):
    client.force_login(crear_usuario("caja"))
    respuesta = client.post(
        "/pagos/importar/",
        {
            "archivo": _pagos(
                ["A-1", "17/11/2026", "150.00", "B-1"], ["Z-9", "17/11/2026", "10.00", "B-2"]
            ),
            "canal": "banco",
            "parcial": "on",
        },
        follow=True,
    )
    html = respuesta.content.decode()
    importacion = Importacion.objects.get()
    assert respuesta.redirect_chain[-1][0] == f"/importaciones/{importacion.pk}/"
    assert (importacion.estado, importacion.aceptadas, importacion.rechazadas) == (
        "terminada",
        1,
        1,
    )
    assert 'value="100"' in html and "Descargar las filas rechazadas" in html
    rechazados = client.get(f"/importaciones/{importacion.pk}/rechazados.csv").content.decode(
        "utf-8-sig"
    )
    assert "Z-9" in rechazados and "No existe la cuenta" in rechazados
    assert Pago.objects.get().referencia == "B-1"


def test_la_importacion_de_pagos_es_todo_o_nada_sin_parcial(cuentas, crear_usuario, cliente_api):
    api = cliente_api(crear_usuario("caja"))
    respuesta = api.post(
        "/api/v1/importaciones/",
        {
            "tipo": "pagos",
            "archivo": _pagos(
                ["A-1", "17/11/2026", "150.00", "B-1"], ["A-1", "17/11/2026", "1,50", "B-2"]
            ),
        },
        format="multipart",
    )
    assert respuesta.status_code == 202
    estado = api.get(f"/api/v1/importaciones/{respuesta.json()['id']}/").json()
    assert (estado["estado"], estado["aceptadas"], estado["rechazadas"]) == ("rechazada", 0, 1)
    assert "No se importó nada" in estado["mensaje"] and not Pago.objects.exists()


def test_cada_importacion_pide_su_permiso(crear_usuario, cliente_api, client, cartera):
    caja = cliente_api(crear_usuario("caja"))
    respuesta = caja.post(
        "/api/v1/importaciones/", {"tipo": "padron", "archivo": _pagos()}, format="multipart"
    )
    assert respuesta.status_code == 403 and not Importacion.objects.exists()
    client.force_login(crear_usuario("ventanilla"))
    assert client.get("/pagos/importar/").status_code == 403
    assert client.get("/facturacion/").status_code == 403


def test_el_avance_se_lee_mientras_corre_y_el_trabajo_corre_una_vez(cuentas, cargador):
    from padron.importacion.trabajos import importacion_crear

    importacion = importacion_crear(
        tipo="facturacion",
        archivo=archivo([factura("A-1", "100", "120", "200.00")]),
        usuario=cargador,
        parametros={"cartera": "agua-caborca", "periodo": "2026-11"},
    )
    avance = Avance(importacion.pk)
    avance.fijar_total(1000, "Leyendo")
    avance(250)
    avance._escribir()
    importacion.estado = Importacion.Estado.PROCESANDO
    assert importacion_avance(importacion)["porcentaje"] == 25  # what the page polls
    importacion.estado = Importacion.Estado.EN_COLA
    importacion.save()

    assert importacion_procesar(importacion.pk) is not None
    assert importacion_procesar(importacion.pk) is None  # a second delivery finds it taken
    importacion.refresh_from_db()
    assert importacion_avance(importacion)["porcentaje"] == 100
    cache.clear()


def test_subir_una_corrida_por_la_api_y_autorizarla(cuentas, cargador, autorizador, cliente_api):
    respuesta = cliente_api(cargador).post(
        "/api/v1/facturacion/corridas/",
        {
            "tipo": "facturacion",
            "cartera": "agua-caborca",
            "periodo": "2026-11",
            "archivo": archivo([factura("A-1", "100", "120", "200.00")]),
        },
        format="multipart",
    )
    assert respuesta.status_code == 202, respuesta.content
    corrida_id = respuesta.json()["resumen"]["corrida"]
    detalle = cliente_api(cargador).get(f"/api/v1/facturacion/corridas/{corrida_id}/").json()
    assert (detalle["estado"], detalle["validas"], detalle["total"]) == ("en_revision", 1, "200.00")
    assert detalle["avance"]["porcentaje"] == 100
    assert (
        cliente_api(cargador)
        .post(f"/api/v1/facturacion/corridas/{corrida_id}/autorizar/")
        .status_code
        == 400
    )
    autorizada = cliente_api(autorizador).post(
        f"/api/v1/facturacion/corridas/{corrida_id}/autorizar/"
    )
    assert autorizada.status_code == 200 and autorizada.json()["estado"] == "publicada"
    cancelada = cliente_api(autorizador).post(
        f"/api/v1/facturacion/corridas/{corrida_id}/cancelar/", {"motivo": "Prueba"}, format="json"
    )
    assert cancelada.json()["estado"] == "cancelada"

"""Inventario: documents by location and state (page, XLSX, API), the missing originals, and the
audit walk where a person scans box labels and expediente QR codes."""

from datetime import timedelta
from io import BytesIO

import pytest
from django.core.exceptions import ValidationError
from openpyxl import load_workbook

from cobranza.archivo.documentos import url_caja, url_legajo
from cobranza.archivo.selectors.ubicacion import (
    inventario_resultado,
    originales_faltantes,
    reporte_inventario,
)
from cobranza.archivo.services.expedientes import legajo_de
from cobranza.archivo.services.ubicacion import (
    inventario_iniciar,
    inventario_terminar,
    lectura_registrar,
)
from cobranza.models import Documento
from padron.fechas import hoy
from tests.cobranza.archivo.test_ubicacion import documento, jefa, lugar  # noqa: F401
from tests.factories import CuentaFactory

pytestmark = [pytest.mark.django_db, pytest.mark.hoy("2026-11-18")]


@pytest.fixture
def acervo(lugar, jefa):  # noqa: F811
    """C-01 (estante A) holds 2 recibidos + 1 prestado; C-02 (estante B) 1 escaneado; one
    generated convenio never filed."""
    from cobranza.archivo.services.ubicacion import caja_crear, carpeta_crear

    c02 = caja_crear(estante=lugar["b"], clave="C-02", usuario=jefa)
    carpeta2 = carpeta_crear(caja=c02, clave="1", usuario=jefa)
    cuentas = [CuentaFactory(numero=f"5500{i}") for i in range(4)]
    recibido = Documento.Estado.RECIBIDO
    docs = [
        documento(cuentas[0], carpeta=lugar["carpeta"], estado=recibido, recibido=hoy()),
        documento(cuentas[1], carpeta=lugar["carpeta"], estado=recibido, recibido=hoy()),
        documento(
            cuentas[1], "convenio", carpeta=lugar["carpeta"], estado="prestado", recibido=hoy()
        ),
        documento(cuentas[2], "ine", carpeta=carpeta2, estado=Documento.Estado.ESCANEADO),
        documento(cuentas[3], "convenio"),
    ]
    return {**lugar, "c02": c02, "cuentas": cuentas, "docs": docs}


def test_conteos_exactos_por_caja_y_estado(acervo, jefa):  # noqa: F811
    datos = reporte_inventario(jefa)
    assert datos["total"] == 5
    por_caja = {f["carpeta__caja__clave"]: f for f in datos["por_caja"]}
    assert (por_caja["C-01"]["total"], por_caja["C-01"]["n_recibido"]) == (3, 2)
    assert por_caja["C-01"]["n_prestado"] == 1
    assert por_caja["C-02"]["total"] == 1 and por_caja[None]["total"] == 1
    assert {f["estado"]: f["total"] for f in datos["por_estado"]} == {
        "recibido": 2,
        "prestado": 1,
        "escaneado": 1,
        "generado": 1,
    }
    assert reporte_inventario(jefa, {"caja": "c-02"})["total"] == 1


def test_originales_faltantes_despues_de_n_dias(acervo, jefa, reloj, settings):  # noqa: F811
    settings.ARCHIVO_DIAS_ORIGINAL = 10
    sin_original = acervo["docs"][4]
    assert list(originales_faltantes(jefa)) == []  # registered today

    reloj.shift(timedelta(days=11))
    assert list(originales_faltantes(jefa)) == [sin_original]
    # an INE never needs its original back; a received convenio is not missing
    Documento.objects.filter(pk=sin_original.pk).update(recibido=hoy())
    assert list(originales_faltantes(jefa)) == []


def test_pagina_y_xlsx_del_inventario(client, acervo, jefa, django_assert_max_num_queries):  # noqa: F811
    client.force_login(jefa)
    client.get("/archivo/inventario/")
    with django_assert_max_num_queries(16):
        respuesta = client.get("/archivo/inventario/")
    html = respuesta.content.decode()
    assert '<b id="total-documentos">5</b>' in html
    assert "Archivo Central · estante A · caja C-01 · carpeta 1" in html

    xlsx = client.get("/archivo/inventario/", {"formato": "xlsx", "estado": "recibido"})
    libro = load_workbook(BytesIO(xlsx.content))
    filas = list(libro["Documentos"].iter_rows(values_only=True))
    assert len(filas) == 3 and filas[1][:3] == ("Archivo Central", "A", "C-01")
    assert {f[4] for f in filas[1:]} == {"55000", "55001"}
    por_caja = list(libro["Por caja"].iter_rows(values_only=True))
    assert por_caja[1][2:4] == ("C-01", 2)


def test_api_del_inventario(cliente_api, acervo, jefa, django_assert_max_num_queries):  # noqa: F811
    api = cliente_api(jefa)
    with django_assert_max_num_queries(10):
        datos = api.get("/api/v1/archivo/inventario/").json()
    assert datos["total"] == 5
    c01 = next(f for f in datos["por_caja"] if f["caja"] == "C-01")
    assert c01["por_estado"]["recibido"] == 2


def test_un_abogado_no_ve_el_inventario(client, crear_usuario):
    client.force_login(crear_usuario("abogado_externo"))
    assert client.get("/archivo/inventario/").status_code == 403
    assert client.get("/archivo/auditoria/").status_code == 403


# --- auditoría -----------------------------------------------------------------------------------


def test_auditoria_encontrados_faltantes_y_mal_ubicados(acervo, jefa):  # noqa: F811
    legajos = [legajo_de(c) for c in acervo["cuentas"]]
    inventario = inventario_iniciar(usuario=jefa)
    # Walk C-01 (holds expedientes 0 and 1): 0 is there, 1 is not, 2 (filed in C-02) is.
    lectura_registrar(inventario=inventario, codigo=url_caja(acervo["caja"]), usuario=jefa)
    lectura_registrar(inventario=inventario, codigo=url_legajo(legajos[0]), usuario=jefa)
    lectura_registrar(inventario=inventario, codigo=url_legajo(legajos[2]), usuario=jefa)
    lectura_registrar(inventario=inventario, codigo="ZZZ-999", usuario=jefa)
    # C-02 by its clave alone, hand-typed: its only expediente (2) was read elsewhere.
    lectura_registrar(inventario=inventario, codigo="C-02", usuario=jefa)
    inventario_terminar(inventario=inventario, usuario=jefa)

    resultado = inventario_resultado(inventario, jefa)
    c01, c02 = resultado["cajas"]
    assert [i["texto"] for i in c01["encontrados"]] == ["55000"]
    assert [(i["texto"], i["documentos"]) for i in c01["faltantes"]] == [("55001", 2)]
    assert [(i["texto"], i["ubicado_en"]) for i in c01["mal_ubicados"]] == [("55002", "C-02")]
    assert (c02["caja"].clave, [i["texto"] for i in c02["faltantes"]]) == ("C-02", ["55002"])
    assert [lc.codigo for lc in resultado["desconocidos"]] == ["ZZZ-999"]
    assert resultado["totales"] == {"encontrados": 1, "faltantes": 2, "mal_ubicados": 1}
    with pytest.raises(ValidationError):
        lectura_registrar(inventario=inventario, codigo="C-01", usuario=jefa)


def test_auditoria_en_la_pagina_con_el_lector(client, acervo, jefa):  # noqa: F811
    client.force_login(jefa)
    respuesta = client.post("/archivo/auditoria/")
    assert respuesta.status_code == 302
    pagina = respuesta["Location"]
    html = client.get(pagina).content.decode()
    assert "autofocus" in html
    client.post(pagina, {"codigo": url_caja(acervo["caja"])})
    respuesta = client.post(pagina, {"codigo": url_legajo(legajo_de(acervo["cuentas"][0]))})
    html = client.get(respuesta["Location"]).content.decode()
    assert '<b id="total-encontrados">1</b>' in html and '<b id="total-faltantes">1</b>' in html
    assert client.post(pagina, {"codigo": ""}).status_code == 400

    client.post(pagina.rstrip("/") + "/terminar/")
    xlsx = client.get(pagina.rstrip("/") + "/resultado.xlsx")
    filas = list(load_workbook(BytesIO(xlsx.content)).active.iter_rows(values_only=True))
    assert ("C-01", "Encontrado", "55000", 1, "C-01") in filas
    assert ("C-01", "Faltante", "55001", 2, "C-01") in filas


def test_api_de_auditoria(cliente_api, crear_usuario, acervo, jefa):  # noqa: F811
    api = cliente_api(jefa)
    inventario = api.post("/api/v1/archivo/auditorias/").json()
    base = f"/api/v1/archivo/auditorias/{inventario['id']}/"
    leida = api.post(base + "lecturas/", {"codigo": "C-02"}).json()
    assert leida["caja"] == "C-02"
    legajo = legajo_de(acervo["cuentas"][2])
    assert (
        api.post(base + "lecturas/", {"codigo": url_legajo(legajo)}).json()["legajo"] == legajo.pk
    )
    final = api.post(base + "terminar/").json()
    assert final["fin"] and final["totales"]["encontrados"] == 1
    assert api.post(base + "lecturas/", {"codigo": "C-02"}).status_code == 400
    ventanilla = cliente_api(crear_usuario("ventanilla"))
    assert ventanilla.post("/api/v1/archivo/auditorias/").status_code == 403

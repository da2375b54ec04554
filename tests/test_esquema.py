"""The OpenAPI schema says what the API answers (config/esquema.py)."""

import pytest
import yaml


@pytest.fixture(scope="module")
def esquema():
    from drf_spectacular.generators import SchemaGenerator

    return yaml.safe_load(yaml.safe_dump(SchemaGenerator().get_schema(public=True)))


def _respuestas(esquema, ruta, metodo="get"):
    return esquema["paths"][ruta][metodo]["responses"]


def test_las_listas_paginadas_se_documentan_paginadas(esquema):
    for ruta in ("/api/v1/recados/", "/api/v1/metas/", "/api/v1/padron/carteras/"):
        cuerpo = _respuestas(esquema, ruta)["200"]["content"]["application/json"]["schema"]
        assert cuerpo["$ref"].startswith("#/components/schemas/Paginated"), ruta


def test_una_lista_sin_paginas_es_un_arreglo(esquema):
    cuerpo = _respuestas(esquema, "/api/v1/reportes/")["200"]["content"]["application/json"]
    assert cuerpo["schema"]["type"] == "array"
    dias = _respuestas(esquema, "/api/v1/pec/dias-inhabiles/")["200"]["content"]
    assert dias["application/json"]["schema"]["type"] == "array"


def test_los_archivos_con_su_tipo(esquema):
    exportar = _respuestas(esquema, "/api/v1/morosos/{folio}/exportar.{formato}")["200"]
    assert set(exportar["content"]) == {
        "text/csv",
        "application/pdf",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    }


def test_los_errores_con_el_sobre_comun(esquema):
    respuestas = _respuestas(esquema, "/api/v1/cuentas/{numero}/pagos/", "post")
    for codigo in ("400", "401", "403", "404"):
        assert respuestas[codigo]["content"] == {
            "application/json": {"schema": {"$ref": "#/components/schemas/Error"}}
        }
    sobre = esquema["components"]["schemas"]["Error"]
    assert sobre["properties"]["error"]["$ref"] == "#/components/schemas/ErrorDetalle"

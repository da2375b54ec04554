"""/api/v1/ of the supervisor: alternatives, campaigns, tiers, the discounts report."""

from datetime import date

import pytest

from convenios.models import Alternativa, Campana
from padron.fechas import hoy

pytestmark = pytest.mark.fecha


@pytest.fixture
def ventanilla(crear_usuario, cliente_api):
    return cliente_api(crear_usuario("ventanilla", first_name="Ana", last_name="Moreno"))


@pytest.fixture
def supervisor(crear_usuario, cliente_api):
    return cliente_api(crear_usuario("supervisor"))


def campos(respuesta):
    return respuesta.json()["error"]["campos"]


def test_ventanilla_consulta_las_alternativas_de_una_cartera(ventanilla, politica):
    clave = politica["cartera"].clave

    lista = ventanilla.get("/api/v1/politicas/alternativas/", {"cartera": clave})
    sin_cartera = ventanilla.get("/api/v1/politicas/alternativas/", {"cartera": "no-existe"})

    assert lista.status_code == 200
    nombres = {a["nombre"]: a for a in lista.json()["results"]}
    assert set(nombres) == {"Contado con descuento", "Convenio a parcialidades", "Reestructura"}
    parcialidades = nombres["Convenio a parcialidades"]
    assert parcialidades["cartera"] == clave
    assert (parcialidades["max_parcialidades"], parcialidades["ventanilla_max_parcialidades"]) == (
        12,
        6,
    )
    assert parcialidades["enganche_minimo_pct"] == "20.00"
    assert sin_cartera.status_code == 400 and "cartera" in campos(sin_cartera)


def test_solo_el_supervisor_cambia_la_politica(ventanilla, supervisor, politica):
    alternativa = politica["parcialidades"]
    url = f"/api/v1/politicas/alternativas/{alternativa.pk}/"

    negado = ventanilla.patch(url, {"ventanilla_max_parcialidades": 12}, format="json")
    cambiado = supervisor.patch(url, {"ventanilla_max_parcialidades": 8}, format="json")

    assert negado.status_code == 403
    assert cambiado.status_code == 200 and cambiado.json()["ventanilla_max_parcialidades"] == 8
    alternativa.refresh_from_db()
    assert alternativa.ventanilla_max_parcialidades == 8
    assert alternativa.history.first().history_user.username.startswith("supervisor")


def test_ventanilla_no_concede_mas_que_la_politica(supervisor, politica):
    from tests.factories import CarteraCreditoFactory

    CarteraCreditoFactory()
    alternativa = politica["parcialidades"]
    url = f"/api/v1/politicas/alternativas/{alternativa.pk}/"

    de_mas = supervisor.patch(url, {"ventanilla_max_parcialidades": 13}, format="json")
    reduce_la_politica = supervisor.patch(url, {"max_parcialidades": 4}, format="json")
    porcentaje = supervisor.patch(url, {"descuento_recargos_pct": "120"}, format="json")

    assert de_mas.status_code == 400
    assert campos(de_mas)["ventanilla_max_parcialidades"] == [
        "Ventanilla no puede conceder más parcialidades que la política (12)."
    ]
    assert "ventanilla_max_parcialidades" in campos(reduce_la_politica)
    assert "descuento_recargos_pct" in campos(porcentaje)
    otra = supervisor.patch(url, {"cartera": "creditos-hermosillo"}, format="json")
    assert "cartera" in campos(otra)
    alternativa.refresh_from_db()
    assert (alternativa.max_parcialidades, alternativa.ventanilla_max_parcialidades) == (12, 6)


def test_el_supervisor_agrega_una_alternativa(ventanilla, supervisor, politica):
    datos = {
        "cartera": politica["cartera"].clave,
        "tipo": "condicion_especial",
        "nombre": "Adulto mayor",
        "descuento_recargos_pct": "100",
        "ventanilla_descuento_pct": "100",
        "condiciones": ["adulto_mayor", "pensionado"],
    }

    assert (
        ventanilla.post("/api/v1/politicas/alternativas/", datos, format="json").status_code == 403
    )
    creada = supervisor.post("/api/v1/politicas/alternativas/", datos, format="json")
    mala = supervisor.post(
        "/api/v1/politicas/alternativas/", {**datos, "condiciones": ["rico"]}, format="json"
    )

    assert creada.status_code == 201
    alternativa = Alternativa.objects.get(pk=creada.json()["id"])
    assert alternativa.condiciones == ["adulto_mayor", "pensionado"]
    assert mala.status_code == 400 and "condiciones" in campos(mala)


def test_campanas_con_fechas_ordenadas(ventanilla, supervisor, politica):
    clave = politica["cartera"].clave
    datos = {
        "nombre": "100% de recargos en diciembre",
        "carteras": [clave],
        "inicio": "2026-12-01",
        "fin": "2026-12-31",
        "descuento_recargos_pct": "100",
        "presupuesto": "50000.00",
    }

    al_reves = supervisor.post(
        "/api/v1/politicas/campanas/", {**datos, "fin": "2026-11-30"}, format="json"
    )
    creada = supervisor.post("/api/v1/politicas/campanas/", datos, format="json")

    assert al_reves.status_code == 400
    assert campos(al_reves) == {"fin": ["El fin de la campaña no puede ser antes del inicio."]}
    assert creada.status_code == 201
    assert (creada.json()["carteras"], creada.json()["disponible"]) == ([clave], "50000.00")
    url = f"/api/v1/politicas/campanas/{creada.json()['id']}/"
    assert ventanilla.patch(url, {"activa": False}, format="json").status_code == 403
    corta = supervisor.patch(url, {"inicio": "2027-01-15"}, format="json")
    assert corta.status_code == 400 and "fin" in campos(corta)
    assert Campana.objects.get().inicio == date(2026, 12, 1)
    lista = ventanilla.get("/api/v1/politicas/campanas/", {"cartera": clave}).json()
    assert [c["nombre"] for c in lista["results"]] == ["100% de recargos en diciembre"]


def test_niveles_de_autorizacion(ventanilla, politica):
    niveles = ventanilla.get(
        "/api/v1/politicas/niveles/", {"cartera": politica["cartera"].clave}
    ).json()["results"]

    assert [(n["nombre"], n["monto_maximo"]) for n in niveles] == [
        ("Supervisión", "20000.00"),
        ("Gerencia", None),
    ]


def test_reporte_de_descuentos_otorgados(
    ventanilla, supervisor, crear_usuario, cliente_api, deudor, politica
):
    convenio = ventanilla.post(
        f"/api/v1/cuentas/{deudor.numero}/convenios/",
        {"alternativa": politica["contado"].pk, "descuento_recargos_pct": "50"},
        format="json",
    ).json()
    assert convenio["estado"] == "autorizado"  # 50% is within ventanilla's limit
    ventanilla.post(f"/api/v1/convenios/{convenio['folio']}/firmar/")
    periodo = {"desde": f"{hoy():%Y-%m-%d}", "hasta": f"{hoy():%Y-%m-%d}"}

    reporte = supervisor.get("/api/v1/descuentos/", periodo)
    de_gerencia = cliente_api(crear_usuario("gerencia")).get(
        "/api/v1/descuentos/", {**periodo, "cartera": politica["cartera"].clave}
    )

    assert reporte.status_code == 200
    [fila] = reporte.json()["results"]
    assert fila["folio"] == convenio["folio"] and fila["cuenta"] == deudor.numero
    assert (fila["descuento"], fila["capturado_por"], fila["autorizado_por"]) == (
        "150.00",
        "Ana Moreno",
        None,
    )
    assert fila["autoridad"] == "Límites de ventanilla"
    assert de_gerencia.json()["count"] == 1
    assert ventanilla.get("/api/v1/descuentos/", periodo).status_code == 403


def test_reporte_de_descuentos_con_fechas_malas(supervisor):
    mala = supervisor.get("/api/v1/descuentos/", {"desde": "31/03/2026"})
    al_reves = supervisor.get("/api/v1/descuentos/", {"desde": "2026-03-31", "hasta": "2026-03-01"})
    cartera = supervisor.get("/api/v1/descuentos/", {"cartera": "no-existe"})

    assert campos(mala) == {"desde": ["Fecha inválida; use AAAA-MM-DD."]}
    assert "hasta" in campos(al_reves)
    assert campos(cartera) == {"cartera": ["No existe la cartera «no-existe»."]}

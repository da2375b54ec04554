"""The supervisor's policy pages: alternatives and tiers per cartera, campaigns, document
texts. Only who may edit policies gets in; a broken rule is an error on its field."""

from datetime import timedelta
from decimal import Decimal

import pytest

from convenios.models import Alternativa, Campana, NivelAutorizacion, PlantillaDocumento
from padron.fechas import hoy
from tests.factories import CarteraCreditoFactory

pytestmark = pytest.mark.fecha

D = Decimal


@pytest.fixture
def supervisor(crear_usuario):
    return crear_usuario("supervisor", first_name="Ana", last_name="Supervisora")


@pytest.fixture
def campana(politica):
    dia = hoy()
    campana = Campana.objects.create(
        nombre="Recargos de diciembre",
        inicio=dia - timedelta(days=5),
        fin=dia + timedelta(days=5),
        descuento_recargos_pct=D("100"),
        presupuesto=D("10000.00"),
        ejercido=D("2500.50"),
    )
    campana.carteras.add(politica["cartera"])
    return campana


@pytest.fixture
def plantilla(politica):
    return PlantillaDocumento.objects.create(
        cartera=politica["cartera"],
        tipo=PlantillaDocumento.Tipo.CONVENIO,
        clausulas="PRIMERA. {{ titular.nombre_completo }} debe {{ convenio.total|pesos }}.",
    )


def _datos_alternativa(cartera, **cambios):
    datos = {
        "cartera": cartera.pk,
        "tipo": "parcialidades",
        "nombre": "Parcialidades 2026",
        "activa": "on",
        "descuento_recargos_pct": "50",
        "descuento_gastos_pct": "0",
        "descuento_principal_pct": "0",
        "max_parcialidades": "12",
        "enganche_minimo_pct": "20",
        "periodicidad": "mensual",
        "parcialidad_minima": "100.00",
        "adelantos": "siguientes",
        "ventanilla_descuento_pct": "0",
        "ventanilla_max_parcialidades": "6",
        "ventanilla_monto_maximo": "",
        "parcialidades_para_incumplir": "2",
        "dias_gracia": "5",
        "revertir_descuento": "on",
        "dias_recordatorio": "3",
    }
    datos.update(cambios)
    return datos


def _datos_campana(cartera, inicio, fin, **cambios):
    datos = {
        "nombre": "Buen fin",
        "activa": "on",
        "inicio": f"{inicio:%d/%m/%Y}",
        "fin": f"{fin:%d/%m/%Y}",
        "carteras": [cartera.pk],
        "descuento_recargos_pct": "100",
        "descuento_gastos_pct": "0",
        "presupuesto": "50000.00",
    }
    datos.update(cambios)
    return datos


def _paginas(politica, campana, plantilla):
    alternativa, nivel = politica["parcialidades"], politica["supervisor"]
    return [
        "/politicas/",
        f"/politicas/?cartera={politica['cartera'].clave}",
        "/politicas/alternativas/nueva/",
        f"/politicas/alternativas/{alternativa.pk}/",
        "/politicas/niveles/nuevo/",
        f"/politicas/niveles/{nivel.pk}/",
        "/campanas/",
        "/campanas/nueva/",
        f"/campanas/{campana.pk}/",
        "/plantillas/",
        "/plantillas/nueva/",
        f"/plantillas/{plantilla.pk}/",
    ]


def test_el_supervisor_ve_todas_las_paginas(client, supervisor, politica, campana, plantilla):
    client.force_login(supervisor)
    for url in _paginas(politica, campana, plantilla):
        assert client.get(url).status_code == 200, url


@pytest.mark.parametrize("rol", ["ventanilla", "caja"])
def test_ventanilla_y_caja_no_entran(client, crear_usuario, rol, politica, campana, plantilla):
    client.force_login(crear_usuario(rol))
    for url in _paginas(politica, campana, plantilla):
        assert client.get(url).status_code == 403, url
    respuesta = client.post(
        "/politicas/alternativas/nueva/", _datos_alternativa(politica["cartera"])
    )
    assert respuesta.status_code == 403
    assert Alternativa.objects.count() == 3


def test_sin_sesion_lleva_a_entrar(client, politica):
    respuesta = client.get("/politicas/")
    assert respuesta.status_code == 302 and respuesta["Location"].startswith("/entrar/")


def test_politicas_muestra_alternativas_limites_y_niveles(
    client, supervisor, politica, django_assert_max_num_queries
):
    client.force_login(supervisor)
    with django_assert_max_num_queries(12):
        html = client.get("/politicas/", {"cartera": politica["cartera"].clave}).content.decode()
    assert "Convenio a parcialidades" in html and "Contado con descuento" in html
    assert "Supervisión" in html and "Gerencia" in html
    assert "$20,000.00" in html  # the supervisor tier's limit
    assert f"/politicas/alternativas/{politica['parcialidades'].pk}/" in html
    assert f"/politicas/niveles/{politica['gerencia'].pk}/" in html


def test_politicas_de_una_cartera_que_no_existe_es_404(client, supervisor, politica):
    client.force_login(supervisor)
    assert client.get("/politicas/", {"cartera": "no-existe"}).status_code == 404


def test_el_filtro_muestra_solo_la_cartera_elegida(client, supervisor, politica):
    credito = CarteraCreditoFactory()
    Alternativa.objects.create(cartera=credito, tipo="contado", nombre="Liquidación de crédito")
    client.force_login(supervisor)
    html = client.get("/politicas/", {"cartera": credito.clave}).content.decode()
    assert "Liquidación de crédito" in html and "Convenio a parcialidades" not in html
    todas = client.get("/politicas/").content.decode()
    assert "Liquidación de crédito" in todas and "Convenio a parcialidades" in todas


# --- alternativas ----------------------------------------------------------------------------


def test_crear_una_alternativa(client, supervisor, politica):
    client.force_login(supervisor)
    respuesta = client.post(
        "/politicas/alternativas/nueva/", _datos_alternativa(politica["cartera"])
    )
    assert respuesta.status_code == 302
    assert respuesta["Location"] == f"/politicas/?cartera={politica['cartera'].clave}"
    nueva = Alternativa.objects.get(nombre="Parcialidades 2026")
    assert nueva.max_parcialidades == 12 and nueva.ventanilla_max_parcialidades == 6
    assert nueva.parcialidad_minima == D("100.00")
    assert nueva.history.get().history_user == supervisor


def test_ventanilla_por_encima_de_la_politica_es_error_del_campo(client, supervisor, politica):
    client.force_login(supervisor)
    respuesta = client.post(
        "/politicas/alternativas/nueva/",
        _datos_alternativa(
            politica["cartera"], max_parcialidades="6", ventanilla_max_parcialidades="12"
        ),
    )
    assert respuesta.status_code == 400
    errores = respuesta.context["form"].errors
    assert errores["ventanilla_max_parcialidades"] == [
        "Ventanilla no puede conceder más parcialidades que la política (6)."
    ]
    assert "Ventanilla no puede conceder más parcialidades" in respuesta.content.decode()
    assert not Alternativa.objects.filter(nombre="Parcialidades 2026").exists()


def test_una_politica_sin_pagos_es_error_del_campo(client, supervisor, politica):
    client.force_login(supervisor)
    respuesta = client.post(
        "/politicas/alternativas/nueva/",
        _datos_alternativa(
            politica["cartera"], max_parcialidades="0", ventanilla_max_parcialidades="0"
        ),
    )
    assert respuesta.status_code == 400
    assert "max_parcialidades" in respuesta.context["form"].errors
    assert Alternativa.objects.count() == 3


def test_un_porcentaje_mayor_a_100_es_error_del_campo(client, supervisor, politica):
    client.force_login(supervisor)
    respuesta = client.post(
        "/politicas/alternativas/nueva/",
        _datos_alternativa(politica["cartera"], descuento_recargos_pct="150"),
    )
    assert respuesta.status_code == 400
    assert "descuento_recargos_pct" in respuesta.context["form"].errors
    assert Alternativa.objects.count() == 3


def test_editar_una_alternativa_queda_en_el_historial(client, supervisor, politica):
    alternativa = politica["parcialidades"]
    antes = alternativa.history.count()
    client.force_login(supervisor)
    datos = _datos_alternativa(
        politica["cartera"],
        nombre="Convenio a parcialidades",
        ventanilla_max_parcialidades="8",
        motivo="Acuerdo de consejo 12/2026",
    )
    respuesta = client.post(f"/politicas/alternativas/{alternativa.pk}/", datos)
    assert respuesta.status_code == 302
    alternativa.refresh_from_db()
    assert alternativa.ventanilla_max_parcialidades == 8
    assert alternativa.history.count() == antes + 1
    ultimo = alternativa.history.first()
    assert ultimo.history_user == supervisor
    assert ultimo.history_change_reason == "Acuerdo de consejo 12/2026"
    # ...and the edit page shows it.
    html = client.get(f"/politicas/alternativas/{alternativa.pk}/").content.decode()
    assert "Acuerdo de consejo 12/2026" in html and "Ana Supervisora" in html


def test_editar_pide_el_motivo(client, supervisor, politica):
    alternativa = politica["parcialidades"]
    client.force_login(supervisor)
    respuesta = client.post(
        f"/politicas/alternativas/{alternativa.pk}/",
        _datos_alternativa(politica["cartera"], ventanilla_max_parcialidades="8"),
    )
    assert respuesta.status_code == 400
    assert respuesta.context["form"].errors["motivo"] == ["Indique el motivo del cambio."]
    alternativa.refresh_from_db()
    assert alternativa.ventanilla_max_parcialidades == 6


def test_editar_por_encima_de_la_politica_no_guarda(client, supervisor, politica):
    alternativa = politica["parcialidades"]
    antes = alternativa.history.count()
    client.force_login(supervisor)
    respuesta = client.post(
        f"/politicas/alternativas/{alternativa.pk}/",
        _datos_alternativa(politica["cartera"], ventanilla_max_parcialidades="13", motivo="Prueba"),
    )
    assert respuesta.status_code == 400
    assert "ventanilla_max_parcialidades" in respuesta.context["form"].errors
    alternativa.refresh_from_db()
    assert alternativa.ventanilla_max_parcialidades == 6
    assert alternativa.history.count() == antes


def test_la_cartera_de_una_alternativa_no_cambia(client, supervisor, politica):
    alternativa = politica["parcialidades"]
    credito = CarteraCreditoFactory()
    client.force_login(supervisor)
    client.post(
        f"/politicas/alternativas/{alternativa.pk}/",
        _datos_alternativa(credito, nombre="Convenio a parcialidades", motivo="Mover"),
    )
    alternativa.refresh_from_db()
    assert alternativa.cartera == politica["cartera"]


# --- niveles de autorización -----------------------------------------------------------------


def test_crear_y_editar_un_nivel(client, supervisor, politica):
    client.force_login(supervisor)
    datos = {
        "cartera": politica["cartera"].pk,
        "nombre": "Dirección",
        "permiso": "convenios.autorizar_convenio_mayor",
        "orden": "3",
        "monto_maximo": "",
        "descuento_maximo_pct": "100",
    }
    assert client.post("/politicas/niveles/nuevo/", datos).status_code == 302
    nivel = NivelAutorizacion.objects.get(nombre="Dirección")
    assert nivel.monto_maximo is None

    datos.update(monto_maximo="250000.00", motivo="Tope de la dirección")
    assert client.post(f"/politicas/niveles/{nivel.pk}/", datos).status_code == 302
    nivel.refresh_from_db()
    assert nivel.monto_maximo == D("250000.00")
    assert nivel.history.count() == 2 and nivel.history.first().history_user == supervisor


def test_un_nivel_con_permiso_desconocido_es_error(client, supervisor, politica):
    client.force_login(supervisor)
    datos = {
        "cartera": politica["cartera"].pk,
        "nombre": "Cualquiera",
        "permiso": "padron.ver_padron",
        "orden": "3",
        "descuento_maximo_pct": "100",
    }
    respuesta = client.post("/politicas/niveles/nuevo/", datos)
    assert respuesta.status_code == 400
    assert "permiso" in respuesta.context["form"].errors
    assert NivelAutorizacion.objects.count() == 2


# --- campañas ----------------------------------------------------------------------------------


def test_campanas_con_su_estado_y_presupuesto(
    client, supervisor, politica, campana, django_assert_max_num_queries
):
    dia = hoy()
    terminada = Campana.objects.create(
        nombre="Campaña de verano", inicio=dia - timedelta(days=60), fin=dia - timedelta(days=30)
    )
    por_iniciar = Campana.objects.create(
        nombre="Campaña de fin de año",
        inicio=dia + timedelta(days=10),
        fin=dia + timedelta(days=40),
    )
    for c in (terminada, por_iniciar):
        c.carteras.add(politica["cartera"])
    client.force_login(supervisor)
    with django_assert_max_num_queries(10):
        respuesta = client.get("/campanas/")
    filas = {c.nombre: c.estado_texto for c in respuesta.context["pagina"]}
    assert filas == {
        "Recargos de diciembre": "Vigente",
        "Campaña de verano": "Terminada",
        "Campaña de fin de año": "Por iniciar",
    }
    html = respuesta.content.decode()
    assert "$10,000.00" in html and "$2,500.50" in html and "$7,499.50" in html  # disponible


def test_una_campana_que_termina_antes_de_empezar_es_error_del_fin(client, supervisor, politica):
    client.force_login(supervisor)
    dia = hoy()
    respuesta = client.post(
        "/campanas/nueva/", _datos_campana(politica["cartera"], dia, dia - timedelta(days=1))
    )
    assert respuesta.status_code == 400
    assert respuesta.context["form"].errors["fin"] == [
        "El fin de la campaña no puede ser antes del inicio."
    ]
    assert not Campana.objects.exists()


def test_crear_y_editar_una_campana(client, supervisor, politica):
    client.force_login(supervisor)
    dia = hoy()
    datos = _datos_campana(
        politica["cartera"], dia, dia + timedelta(days=30), clasificaciones=["domestica"]
    )
    assert client.post("/campanas/nueva/", datos).status_code == 302
    campana = Campana.objects.get()
    assert list(campana.carteras.all()) == [politica["cartera"]]
    assert campana.clasificaciones == ["domestica"] and campana.presupuesto == D("50000.00")

    datos.update(presupuesto="", motivo="Sin tope por acuerdo")
    assert client.post(f"/campanas/{campana.pk}/", datos).status_code == 302
    campana.refresh_from_db()
    assert campana.presupuesto is None
    assert campana.history.first().history_user == supervisor


def test_una_fecha_mal_escrita_es_error_del_campo(client, supervisor, politica):
    client.force_login(supervisor)
    datos = {**_datos_campana(politica["cartera"], hoy(), hoy()), "inicio": "31/02/2026"}
    respuesta = client.post("/campanas/nueva/", datos)
    assert respuesta.status_code == 400
    assert respuesta.context["form"].errors["inicio"] == ["Fecha no válida; use dd/mm/aaaa."]


def test_una_campana_sin_carteras_es_error(client, supervisor, politica):
    client.force_login(supervisor)
    datos = _datos_campana(politica["cartera"], hoy(), hoy(), carteras=[])
    respuesta = client.post("/campanas/nueva/", datos)
    assert respuesta.context["form"].errors["carteras"] == ["Elija al menos una cartera."]


# --- plantillas de documentos -------------------------------------------------------------------


def test_plantillas_ofrece_escribir_las_que_faltan(client, supervisor, politica, plantilla):
    client.force_login(supervisor)
    html = client.get("/plantillas/").content.decode()
    assert f"/plantillas/{plantilla.pk}/" in html
    assert f"/plantillas/nueva/?cartera={politica['cartera'].clave}&amp;tipo=pagare" in html
    assert "tipo=convenio" not in html


def test_clausulas_con_error_de_plantilla_es_error_del_campo(client, supervisor, plantilla):
    client.force_login(supervisor)
    respuesta = client.post(
        f"/plantillas/{plantilla.pk}/",
        {"clausulas": "PRIMERA. {% if convenio.total %}Sin cerrar", "motivo": "Cambio"},
    )
    assert respuesta.status_code == 400
    [error] = respuesta.context["form"].errors["clausulas"]
    assert error.startswith("El texto tiene un error de plantilla")
    plantilla.refresh_from_db()
    assert plantilla.clausulas.startswith("PRIMERA. {{ titular")


def test_editar_el_texto_de_una_plantilla(client, supervisor, plantilla):
    client.force_login(supervisor)
    texto = "PRIMERA. {{ titular.nombre_completo }} pagará {{ convenio.total|pesos }}."
    respuesta = client.post(
        f"/plantillas/{plantilla.pk}/",
        {"encabezado": "H. Ayuntamiento", "clausulas": texto, "motivo": "Revisión jurídica"},
    )
    assert respuesta.status_code == 302
    plantilla.refresh_from_db()
    assert plantilla.clausulas == texto and plantilla.encabezado == "H. Ayuntamiento"
    assert plantilla.history.first().history_user == supervisor


def test_no_hay_dos_plantillas_del_mismo_documento(client, supervisor, politica, plantilla):
    client.force_login(supervisor)
    respuesta = client.post(
        "/plantillas/nueva/",
        {"cartera": politica["cartera"].pk, "tipo": "convenio", "clausulas": "Otra"},
    )
    assert respuesta.status_code == 400
    assert respuesta.context["form"].errors["tipo"] == [
        "Esta cartera ya tiene una plantilla de ese documento; edite la existente."
    ]
    assert PlantillaDocumento.objects.count() == 1


def test_vista_previa_con_un_deudor_de_ejemplo_no_guarda(client, supervisor, politica):
    client.force_login(supervisor)
    respuesta = client.post(
        "/plantillas/nueva/",
        {
            "cartera": politica["cartera"].pk,
            "tipo": "constancia",
            "clausulas": "{{ institucion }} hace constar que {{ titular.nombre_completo }} "
            "no debe nada; total {{ convenio.total|pesos }}.",
            "accion": "vista_previa",
        },
    )
    assert respuesta.status_code == 200
    html = respuesta.content.decode()
    assert "Juan Pérez López no debe nada; total $3,150.00." in html
    assert not PlantillaDocumento.objects.exists()


def test_vista_previa_al_editar_no_pide_motivo_ni_guarda(client, supervisor, plantilla):
    client.force_login(supervisor)
    respuesta = client.post(
        f"/plantillas/{plantilla.pk}/",
        {"clausulas": "Cuenta {{ cuenta.numero }} de {{ institucion }}.", "accion": "vista_previa"},
    )
    assert respuesta.status_code == 200
    assert "Cuenta 000123 de Organismo Operador" in respuesta.content.decode()
    plantilla.refresh_from_db()
    assert plantilla.clausulas.startswith("PRIMERA.")


def test_la_vista_previa_llena_las_variables_que_imprime_el_documento(client, supervisor, politica):
    client.force_login(supervisor)
    respuesta = client.post(
        "/plantillas/nueva/",
        {
            "cartera": politica["cartera"].pk,
            "tipo": "pagare",
            "clausulas": "Pagaré {{ parcialidad.numero }}: debo y pagaré {{ a_la_institucion }} "
            "{{ parcialidad.monto|pesos }} ({{ parcialidad.monto|en_letra }}); el resto "
            "{{ pago.resto|pesos }} en {{ pago.numero_plazos }} pagos; {{ membrete.lugar }}.",
            "accion": "vista_previa",
        },
    )
    html = respuesta.content.decode()
    assert "Pagaré 1: debo y pagaré al " in html
    assert "$420.00 (CUATROCIENTOS VEINTE PESOS 00/100 M.N.)" in html
    assert "el resto $2,520.00 en 6 pagos; Hermosillo, Sonora." in html

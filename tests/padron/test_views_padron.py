"""The padrón pages: who may open them, what they save, what they show."""

import csv
import io
from datetime import date
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from padron.models import Cartera, Cuenta, Titular
from tests.factories import CuentaFactory, TitularFactory
from tests.padron.conftest import curp_valida

pytestmark = pytest.mark.django_db


@pytest.fixture
def cliente_supervisor(client, supervisor):
    client.force_login(supervisor)
    return client


# --- permissions -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("nombre", "argumentos"),
    [
        ("padron:carteras", []),
        ("padron:cartera_editar", ["agua-caborca"]),
        ("padron:importar", []),
        ("padron:depuracion", []),
        ("padron:cuenta_nueva", []),
        ("padron:cuenta_editar", ["10"]),
        ("padron:titular_editar", [1]),
    ],
)
def test_ventanilla_no_edita_el_padron(client, ventanilla, cartera_agua, nombre, argumentos):
    CuentaFactory(numero="10")
    client.force_login(ventanilla)
    assert client.get(reverse(nombre, args=argumentos)).status_code == 403
    assert client.post(reverse(nombre, args=argumentos), {"motivo": "x"}).status_code == 403


def test_sin_sesion_se_pide_entrar(client):
    respuesta = client.get(reverse("padron:carteras"))
    assert respuesta.status_code == 302 and respuesta.url.startswith(reverse("login"))


def test_abogado_externo_no_ve_historial_ni_titulares(client, crear_usuario):
    cuenta = CuentaFactory()
    client.force_login(crear_usuario("abogado_externo"))
    assert client.get(reverse("padron:cuenta_historial", args=[cuenta.numero])).status_code == 404
    assert client.get(reverse("padron:titular", args=[cuenta.titular_id])).status_code == 404


# --- carteras ----------------------------------------------------------------------------------


def test_supervisor_edita_la_cartera(cliente_supervisor, cartera_agua, supervisor):
    url = reverse("padron:cartera_editar", args=["agua-caborca"])
    assert "Orden de prelación" in cliente_supervisor.get(url).content.decode()
    respuesta = cliente_supervisor.post(
        url,
        {
            "nombre": "OOMAPAS Caborca",
            "tipo": "agua",
            "institucion": "",
            "prelacion_1": "principal",
            "prelacion_2": "gastos_ejecucion",
            "prelacion_3": "recargos",
            "prelacion_4": "multas_extraordinarios",
            "tasa_recargo_mensual": "1.50",
            "tope_recargos": "80",
            "dias_gracia_recargo": "5",
            "umbral_morosos_meses": "4",
            "umbral_morosos_monto": "750.00",
            "umbral_corte_meses": "2",
            "tarifa_reconexion": "350.00",
            "factor_consumo_atipico": "2.5",
            "protege_condicion_especial": "on",
            "activa": "on",
            "lugar_expedicion": "Caborca, Sonora",
            "formato_recibo": "ticket_80mm",
            "motivo": "Ley de ingresos 2026",
        },
    )
    assert respuesta.status_code == 302
    cartera = Cartera.objects.get()
    assert cartera.prelacion == [
        "principal",
        "gastos_ejecucion",
        "recargos",
        "multas_extraordinarios",
    ]
    assert str(cartera.tasa_recargo_mensual) == "1.5000"
    assert (cartera.lugar_expedicion, cartera.formato_recibo) == ("Caborca, Sonora", "ticket_80mm")
    assert (cartera.tarifa_reconexion, cartera.factor_consumo_atipico) == (
        Decimal("350.00"),
        Decimal("2.50"),
    )
    assert cartera.protege_condicion_especial and not cartera.domesticos_solo_reduccion
    assert cartera.history.first().history_change_reason == "Ley de ingresos 2026"
    assert cartera.history.first().history_user == supervisor
    lista = cliente_supervisor.get(reverse("padron:carteras")).content.decode()
    assert "Principal (más antiguo primero)" in lista and "1.50 %" in lista


def test_prelacion_repetida_se_rechaza_en_la_pagina(cliente_supervisor, cartera_agua):
    datos = {
        "nombre": "OOMAPAS Caborca",
        "tipo": "agua",
        "prelacion_1": "principal",
        "prelacion_2": "principal",
        "prelacion_3": "recargos",
        "prelacion_4": "multas_extraordinarios",
        "tasa_recargo_mensual": "1.47",
        "tope_recargos": "100",
        "dias_gracia_recargo": "0",
        "umbral_morosos_meses": "3",
        "umbral_morosos_monto": "500",
        "umbral_corte_meses": "2",
        "tarifa_reconexion": "0",
        "factor_consumo_atipico": "3",
        "lugar_expedicion": "Caborca, Sonora",
        "formato_recibo": "media_carta",
        "motivo": "x",
    }
    respuesta = cliente_supervisor.post(
        reverse("padron:cartera_editar", args=["agua-caborca"]), datos
    )
    assert respuesta.status_code == 200
    assert "La prelación debe incluir cada grupo exactamente una vez" in respuesta.content.decode()
    assert Cartera.objects.get().prelacion[1] == "recargos"


# --- titulares and cuentas ------------------------------------------------------------------------


def _datos_cuenta(cuenta, **cambios):
    datos = {
        "cartera": cuenta.cartera_id,
        "estado": cuenta.estado,
        "fecha_alta": "01/01/2020",
        "clave_catastral": cuenta.clave_catastral,
        "clasificacion": cuenta.clasificacion,
        "sector": cuenta.sector,
        "ruta": cuenta.ruta,
        "manzana": cuenta.manzana,
        "domicilio": cuenta.domicilio,
        "colonia": cuenta.colonia,
        "municipio": cuenta.municipio,
        "servicio_agua": "on",
        "servicio_drenaje": "on",
        "motivo": "Verificación en campo",
    }
    datos.update(cambios)
    return {k: v for k, v in datos.items() if v is not None}


def test_editar_cuenta_pide_motivo_y_deja_historial(cliente_supervisor, supervisor):
    cuenta = CuentaFactory(numero="4321", ruta="101")
    url = reverse("padron:cuenta_editar", args=["4321"])

    sin_motivo = cliente_supervisor.post(url, _datos_cuenta(cuenta, ruta="207", motivo=""))
    assert sin_motivo.status_code == 200
    assert "Este campo es requerido." in sin_motivo.content.decode()

    respuesta = cliente_supervisor.post(url, _datos_cuenta(cuenta, ruta="207"))
    assert respuesta.status_code == 302
    try:
        destino = reverse("cobranza:cuenta", args=["4321"])
    except Exception:
        destino = reverse("padron:cuenta_historial", args=["4321"])
    assert respuesta.url == destino
    cuenta.refresh_from_db()
    assert cuenta.ruta == "207"

    historial = cliente_supervisor.get(reverse("padron:cuenta_historial", args=["4321"]))
    html = historial.content.decode()
    assert "María Guadalupe Valenzuela" in html
    assert "Verificación en campo" in html
    assert "<strong>ruta</strong>: 101 → 207" in html


def test_reglas_del_servicio_llegan_al_formulario(cliente_supervisor):
    cuenta = CuentaFactory(numero="77")
    respuesta = cliente_supervisor.post(
        reverse("padron:cuenta_editar", args=["77"]), _datos_cuenta(cuenta, sector="")
    )
    assert respuesta.status_code == 200
    assert "El sector es obligatorio en una cuenta de agua." in respuesta.content.decode()


def test_editar_titular(cliente_supervisor, supervisor):
    titular = TitularFactory(nombre="Juan", telefono="6371234567")
    datos = {
        "tipo_persona": "fisica",
        "nombre": "Juan",
        "apellido_paterno": "Pérez",
        "apellido_materno": "Valenzuela",
        "curp": "ABC",
        "telefono": "6370000000",
        "domicilio": "Av. Obregón 123",
        "motivo": "Actualización de datos",
    }
    url = reverse("padron:titular_editar", args=[titular.pk])
    malo = cliente_supervisor.post(url, datos)
    assert "La CURP debe tener 18 caracteres" in malo.content.decode()

    datos["curp"] = curp_valida("PEVJ850315HSRRLN0")
    respuesta = cliente_supervisor.post(url, datos)
    assert respuesta.status_code == 302
    titular.refresh_from_db()
    assert titular.telefono == "6370000000"
    html = cliente_supervisor.get(reverse("padron:titular_historial", args=[titular.pk])).content
    assert "Actualización de datos" in html.decode()


def test_alta_de_cuenta_con_titular_nuevo(cliente_supervisor, cartera_agua, supervisor):
    datos = {
        "cuenta-numero": "90001",
        "cuenta-cartera": cartera_agua.pk,
        "cuenta-estado": "activa",
        "cuenta-clasificacion": "domestica",
        "cuenta-sector": "2",
        "cuenta-ruta": "203",
        "cuenta-domicilio": "Calle Sonora 45",
        "cuenta-servicio_agua": "on",
        "titular-tipo_persona": "fisica",
        "titular-nombre": "Lucía",
        "titular-apellido_paterno": "Ochoa",
    }
    respuesta = cliente_supervisor.post(reverse("padron:cuenta_nueva"), datos)
    assert respuesta.status_code == 302
    cuenta = Cuenta.objects.get(numero="90001")
    assert cuenta.titular.nombre_completo == "Lucía Ochoa"
    assert cuenta.history.get().history_user == supervisor


def test_alta_de_cuenta_invalida_no_deja_titular(cliente_supervisor, cartera_agua):
    datos = {
        "cuenta-numero": "90002",
        "cuenta-cartera": cartera_agua.pk,
        "cuenta-estado": "activa",
        "titular-tipo_persona": "fisica",
        "titular-nombre": "Lucía",
        "titular-apellido_paterno": "Ochoa",
    }
    respuesta = cliente_supervisor.post(reverse("padron:cuenta_nueva"), datos)
    assert respuesta.status_code == 200
    assert "La ruta es obligatoria en una cuenta de agua." in respuesta.content.decode()
    assert not Titular.objects.exists()


def test_alta_de_cuenta_para_titular_existente(cliente_supervisor, cartera_agua):
    titular = TitularFactory()
    url = reverse("padron:cuenta_nueva") + f"?titular={titular.pk}"
    assert f'value="{titular.pk}"' in cliente_supervisor.get(url).content.decode()
    datos = {
        "cuenta-numero": "90003",
        "cuenta-titular": titular.pk,
        "cuenta-cartera": cartera_agua.pk,
        "cuenta-estado": "activa",
        "cuenta-clasificacion": "comercial",
        "cuenta-sector": "1",
        "cuenta-ruta": "1",
    }
    assert cliente_supervisor.post(url, datos).status_code == 302
    assert Cuenta.objects.get(numero="90003").titular == titular
    assert Titular.objects.count() == 1


def test_condicion_especial_con_evidencia_en_la_pagina_del_titular(cliente_supervisor):
    titular = TitularFactory()
    pagina = cliente_supervisor.get(reverse("padron:titular", args=[titular.pk]))
    assert "Registrar condición especial" in pagina.content.decode()
    respuesta = cliente_supervisor.post(
        reverse("padron:condicion_registrar", args=[titular.pk]),
        {
            "tipo": "pensionado",
            "vigente_desde": "01/02/2025",
            "descripcion_evidencia": "Resolución IMSS",
            "evidencia": SimpleUploadedFile("resolucion.pdf", b"%PDF-1.4", "application/pdf"),
        },
    )
    assert respuesta.status_code == 302
    condicion = titular.condiciones.get()
    assert condicion.vigente_desde == date(2025, 2, 1)
    html = cliente_supervisor.get(reverse("padron:titular", args=[titular.pk])).content.decode()
    assert "Pensionado" in html and "01/02/2025" in html
    url = reverse("padron:condicion_evidencia", args=[condicion.pk])
    assert url in html
    archivo = cliente_supervisor.get(url)
    assert b"".join(archivo.streaming_content) == b"%PDF-1.4"


def test_la_evidencia_no_es_publica(client, crear_usuario):
    from padron.services import condicion_especial_registrar

    condicion = condicion_especial_registrar(
        titular=TitularFactory(),
        tipo="discapacidad",
        vigente_desde=date(2025, 1, 1),
        evidencia=SimpleUploadedFile("dictamen.pdf", b"%PDF-1.4"),
    )
    url = reverse("padron:condicion_evidencia", args=[condicion.pk])
    assert client.get(url).status_code == 302  # to the login page
    client.force_login(crear_usuario("abogado_externo"))
    assert client.get(url).status_code == 404


def test_condicion_sin_evidencia_muestra_el_error(cliente_supervisor):
    titular = TitularFactory()
    respuesta = cliente_supervisor.post(
        reverse("padron:condicion_registrar", args=[titular.pk]),
        {"tipo": "pensionado", "vigente_desde": "01/02/2025"},
    )
    assert respuesta.status_code == 400
    assert "Adjunte la evidencia o describa el documento presentado." in respuesta.content.decode()


# --- import -----------------------------------------------------------------------------------


def _csv(filas):
    salida = io.StringIO()
    escritor = csv.writer(salida)
    escritor.writerow(
        [
            "numero_cuenta",
            "cartera",
            "nombre",
            "apellido_paterno",
            "clasificacion",
            "sector",
            "ruta",
        ]
    )
    escritor.writerows(filas)
    return SimpleUploadedFile("padron.csv", salida.getvalue().encode(), "text/csv")


def test_importar_muestra_errores_por_fila_y_columna(cliente_supervisor, cartera_agua):
    archivo = _csv(
        [
            ["1", "agua-caborca", "Juan", "Pérez", "domestica", "1", "1"],
            ["2", "agua-caborca", "Ana", "", "domestica", "1", ""],
        ]
    )
    # The file is processed in the background; its page shows the result.
    respuesta = cliente_supervisor.post(
        reverse("padron:importar"), {"archivo": archivo}, follow=True
    )
    html = respuesta.content.decode()
    assert respuesta.redirect_chain[-1][0].startswith("/importaciones/")
    assert "No se importó nada" in html
    assert "<td>fila 3, columna ruta: La ruta es obligatoria en una cuenta de agua.</td>" in html
    assert "apellido_paterno" in html
    assert not Cuenta.objects.exists()


def test_importar_parcial_resume_y_ofrece_los_rechazados(cliente_supervisor, cartera_agua):
    archivo = _csv(
        [
            ["1", "agua-caborca", "Juan", "Pérez", "domestica", "1", "1"],
            ["2", "agua-caborca", "Ana", "", "domestica", "1", "1"],
        ]
    )
    respuesta = cliente_supervisor.post(
        reverse("padron:importar"), {"archivo": archivo, "parcial": "on"}, follow=True
    )
    html = respuesta.content.decode()
    assert "1 cuentas nuevas" in html and "1 filas rechazadas" in html
    importacion = respuesta.context["importacion"]
    descarga = cliente_supervisor.get(
        reverse("importaciones:importacion_rechazados", args=[importacion.pk])
    )
    assert descarga["Content-Disposition"] == 'attachment; filename="padron.csv.rechazados.csv"'
    filas = list(csv.DictReader(io.StringIO(descarga.content.decode("utf-8-sig"))))
    assert filas[0]["numero_cuenta"] == "2"
    assert "apellido paterno es obligatorio" in filas[0]["errores"]
    assert Cuenta.objects.get().titular.history.get().history_change_reason == (
        "Importación padron.csv"
    )


# --- depuración ----------------------------------------------------------------------------------


def _sembrar(n, cartera):
    for i in range(n):
        curp = curp_valida(f"PEVJ85{i % 12 + 1:02d}{i % 28 + 1:02d}HSRRLN0")
        for j in range(2):
            titular = TitularFactory(curp=curp, domicilio=f"Calle {i} #{j}")
            CuentaFactory(
                titular=titular,
                cartera=cartera,
                clave_catastral=f"K-{i}",
                fecha_alta=date(2019, 1, 1),
            )


@pytest.mark.parametrize("grupos", [3, 12])
def test_depuracion_en_consultas_constantes(
    cliente_supervisor, cartera_agua, django_assert_max_num_queries, grupos
):
    _sembrar(grupos, cartera_agua)
    with django_assert_max_num_queries(18):
        respuesta = cliente_supervisor.get(
            reverse("padron:depuracion"), {"meses": "6", "cartera": "agua-caborca"}
        )
    html = respuesta.content.decode()
    assert respuesta.status_code == 200
    assert f"Posibles duplicados ({2 * grupos} grupos)" in html
    assert f"Cuentas sin movimiento en 6 meses ({2 * grupos})" in html
    assert "Misma CURP" in html and "Misma clave catastral" in html


def test_depuracion_paginada(cliente_supervisor, cartera_agua):
    _sembrar(14, cartera_agua)  # 28 groups, 28 inactive accounts: two pages each
    respuesta = cliente_supervisor.get(reverse("padron:depuracion"), {"pagina_duplicados": "2"})
    html = respuesta.content.decode()
    assert "Página 2 de 2 (28)" in html
    assert len(respuesta.context["pagina_duplicados"].object_list) == 3


def test_panel_del_supervisor_y_menu(cliente_supervisor):
    html = cliente_supervisor.get(reverse("inicio_rol", args=["supervisor"])).content.decode()
    assert 'id="panel-padron"' in html
    for nombre in (
        "padron:carteras",
        "padron:importar",
        "padron:depuracion",
        "padron:cuenta_nueva",
    ):
        assert reverse(nombre) in html
    assert f'href="{reverse("padron:inicio")}">Padrón</a>' in html


def test_ventanilla_no_ve_el_menu_del_padron(client, ventanilla):
    client.force_login(ventanilla)
    html = client.get(reverse("inicio_rol", args=["ventanilla"])).content.decode()
    assert reverse("padron:depuracion") not in html


def test_historial_paginado_en_pocas_consultas(
    cliente_supervisor, supervisor, django_assert_max_num_queries
):
    from padron.services import cuenta_actualizar

    cuenta = CuentaFactory(numero="31", ruta="0")
    for i in range(1, 31):
        cuenta_actualizar(
            cuenta=cuenta, datos={"ruta": str(i)}, motivo=f"cambio {i}", usuario=supervisor
        )
    url = reverse("padron:cuenta_historial", args=["31"])
    with django_assert_max_num_queries(11):  # +1: the unread recados in the header
        html = cliente_supervisor.get(url).content.decode()
    assert "Página 1 de 2 (31)" in html
    assert "<strong>ruta</strong>: 29 → 30" in html and "cambio 30" in html
    # The oldest change of page 1 is still compared with the record before it.
    assert "<strong>ruta</strong>: 5 → 6" in html
    segunda = cliente_supervisor.get(url, {"pagina": "2"}).content.decode()
    assert "<strong>ruta</strong>: 0 → 1" in segunda and "Registro inicial" in segunda


def test_inicio_del_padron(cliente_supervisor):
    respuesta = cliente_supervisor.get(reverse("padron:inicio"))
    assert respuesta.status_code == 200
    assert reverse("padron:importar") in respuesta.content.decode()


@pytest.mark.parametrize("modelo", ["cartera", "titular", "cuenta", "condicionespecial"])
def test_admin_con_historial(client, crear_usuario, modelo):
    cuenta = CuentaFactory()
    client.force_login(crear_usuario(None, is_staff=True, is_superuser=True))
    assert client.get(reverse(f"admin:padron_{modelo}_changelist")).status_code == 200
    objeto = {"cartera": cuenta.cartera, "titular": cuenta.titular, "cuenta": cuenta}.get(modelo)
    if objeto is not None:
        url = reverse(f"admin:padron_{modelo}_history", args=[objeto.pk])
        assert client.get(url).status_code == 200

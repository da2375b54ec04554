"""Registro de atención: the front desk logs every visit or call in seconds, with or without
a cuenta; what the clerk records meanwhile is linked; the report measures service and waiting
time and the share that ended in a payment or a convenio."""

from datetime import timedelta
from decimal import Decimal
from io import BytesIO

import pytest
from django.core.exceptions import ValidationError
from django.utils.timezone import localtime
from openpyxl import load_workbook

from cobranza.atencion.selectors.registro import reporte_atencion
from cobranza.atencion.services.registro import atencion_iniciar, atencion_terminar
from cobranza.gestiones.services import gestion_registrar
from cobranza.libro.services.pagos import pago_registrar
from cobranza.models import Atencion, MotivoAtencion
from convenios.negociacion.simulacion import Terminos
from convenios.services.convenios import convenio_capturar
from padron.fechas import ahora, hoy

pytestmark = [pytest.mark.django_db, pytest.mark.hoy("2026-11-18T09:00"), pytest.mark.fecha]


def test_una_persona_sin_cuenta_queda_registrada_con_sus_tiempos(client, rosa, motivo, reloj):
    client.force_login(rosa)
    llegada = localtime(ahora() - timedelta(minutes=12)).strftime("%H:%M")
    respuesta = client.post(
        "/atencion/",
        {
            "canal": "ventanilla",
            "motivo": motivo.pk,
            "persona": "Hermana del titular",
            "llegada": llegada,
        },
        follow=True,
    )
    assert "Atención en curso" in respuesta.content.decode()  # the banner, on every page
    abierta = Atencion.objects.get()
    assert abierta.cuenta is None and abierta.persona == "Hermana del titular"

    reloj.shift(timedelta(minutes=7))
    respuesta = client.post(
        f"/atencion/{abierta.pk}/terminar/", {"notas": "Pidió requisitos"}, follow=True
    )
    html = respuesta.content.decode()
    assert "Nada: fue una consulta." in html and "Atención en curso" not in html
    datos = reporte_atencion(desde=hoy(), hasta=hoy())["total"]
    assert (datos["atenciones"], datos["servicio_min"]) == (1, 7.0)
    assert 12.0 <= datos["espera_min"] < 13.0


def test_lo_registrado_durante_la_atencion_se_liga_y_lo_de_otros_no(
    deudor, politica, rosa, motivo, crear_usuario, reloj
):
    antes = gestion_registrar(
        cuenta=deudor, usuario=rosa, tipo="llamada_realizada", resultado="no_localizado"
    )
    reloj.shift(timedelta(minutes=1))
    atencion = atencion_iniciar(usuario=rosa, canal="ventanilla", motivo=motivo, cuenta=deudor)
    reloj.shift(timedelta(minutes=1))
    gestion = gestion_registrar(
        cuenta=deudor, usuario=rosa, tipo="ventanilla", resultado="contactado"
    )
    convenio = convenio_capturar(
        cuenta=deudor,
        alternativa=politica["parcialidades"],
        capturado_por=rosa,
        dia=hoy(),
        terminos=Terminos(numero_parcialidades=6, descuento_recargos_pct=Decimal("0")),
    )
    pago_registrar(cuenta=deudor, monto="100.00", registrado_por=crear_usuario("caja"))
    reloj.shift(timedelta(minutes=5))

    atencion = atencion_terminar(atencion=atencion, usuario=rosa)

    ligados = set(atencion.vinculos.values_list("tipo", "objeto_id"))
    assert ligados == {("gestion", gestion.pk), ("convenio", convenio.pk)}
    assert ("gestion", antes.pk) not in ligados  # before the attention
    assert reporte_atencion(desde=hoy(), hasta=hoy())["total"]["resueltas"] == 1


def test_un_pago_del_mismo_usuario_se_liga_y_da_cuenta_a_quien_no_la_dio(
    deudor, crear_usuario, motivo, reloj
):
    supervisor = crear_usuario("supervisor")
    atencion = atencion_iniciar(
        usuario=supervisor, canal="telefono", motivo=motivo, persona="Llamada sin cuenta"
    )
    reloj.shift(timedelta(minutes=2))
    pago = pago_registrar(cuenta=deudor, monto="250.00", registrado_por=supervisor)
    reloj.shift(timedelta(minutes=1))

    atencion = atencion_terminar(atencion=atencion, usuario=supervisor)

    assert list(atencion.vinculos.values_list("tipo", "objeto_id")) == [("pago", pago.pk)]
    assert atencion.cuenta == deudor and atencion.titular == deudor.titular
    assert "$250.00" in atencion.vinculos.get().descripcion


def test_no_se_abren_dos_atenciones_a_la_vez(rosa, motivo):
    atencion_iniciar(usuario=rosa, canal="ventanilla", motivo=motivo, persona="Uno")
    with pytest.raises(ValidationError, match="Ya tiene una atención abierta"):
        atencion_iniciar(usuario=rosa, canal="telefono", motivo=motivo, persona="Dos")
    assert Atencion.objects.count() == 1


def test_solo_quien_atiende_termina_y_una_sola_vez(rosa, motivo, crear_usuario, client):
    atencion = atencion_iniciar(usuario=rosa, canal="ventanilla", motivo=motivo, persona="X")
    otra = crear_usuario("ventanilla")
    with pytest.raises(ValidationError, match="Solo quien atiende"):
        atencion_terminar(atencion=atencion, usuario=otra)
    atencion_terminar(atencion=atencion, usuario=rosa)
    with pytest.raises(ValidationError, match="ya había terminado"):
        atencion_terminar(atencion=atencion, usuario=rosa)
    client.force_login(otra)
    assert client.get(f"/atencion/{atencion.pk}/").status_code == 403


@pytest.mark.parametrize(
    ("datos", "campo", "mensaje"),
    [
        ({"canal": "ventanilla", "persona": "Ana"}, "motivo", "Elija el motivo de la atención."),
        ({"canal": "ventanilla"}, "persona", "Escriba el nombre de la persona o elija su cuenta."),
        (
            {"canal": "ventanilla", "cuenta": "NO-EXISTE"},
            "cuenta",
            "No se encontró la cuenta NO-EXISTE.",
        ),
        ({"canal": "fax", "persona": "Ana"}, "canal", "Canal no válido."),
        (
            {"canal": "ventanilla", "persona": "Ana", "llegada": "25:99"},
            "llegada",
            "Hora no válida",
        ),
        (
            {"canal": "ventanilla", "persona": "Ana", "llegada": "23:59"},
            "llegada",
            "La hora de llegada no puede ser posterior a ahora.",
        ),
    ],
)
def test_datos_malos_nombran_el_campo_y_no_guardan(client, rosa, motivo, datos, campo, mensaje):
    client.force_login(rosa)
    if campo != "motivo":
        datos = {"motivo": motivo.pk, **datos}
    respuesta = client.post("/atencion/", datos)
    assert respuesta.status_code == 400
    assert mensaje in " ".join(respuesta.context["form"].errors[campo])
    assert not Atencion.objects.exists()


def test_permisos_en_el_servidor(client, crear_usuario, rosa):
    client.force_login(crear_usuario("cortador"))
    assert client.get("/atencion/").status_code == 403
    client.force_login(rosa)
    assert client.get("/atencion/").status_code == 200
    assert client.get("/atencion/reporte/").status_code == 403  # the report is the supervisor's
    client.logout()
    assert client.get("/atencion/").status_code == 302


def _dia_de_atencion(reloj, usuarios, motivos, deudor):
    """Three attentions: 09:00 ventanilla 10 min ending in a pago; 09:30 teléfono 4 min;
    11:00 ventanilla 6 min after waiting 20."""
    rosa, supervisor = usuarios
    consulta, pago = motivos
    a = atencion_iniciar(usuario=supervisor, canal="ventanilla", motivo=pago, cuenta=deudor)
    reloj.shift(timedelta(minutes=5))
    pago_registrar(cuenta=deudor, monto="50.00", registrado_por=supervisor)
    reloj.shift(timedelta(minutes=5))
    atencion_terminar(atencion=a, usuario=supervisor)
    reloj.shift(timedelta(minutes=20))  # 09:30
    b = atencion_iniciar(usuario=rosa, canal="telefono", motivo=consulta, persona="Vecino")
    reloj.shift(timedelta(minutes=4))
    atencion_terminar(atencion=b, usuario=rosa)
    reloj.shift(timedelta(minutes=86))  # 11:00
    c = atencion_iniciar(
        usuario=rosa,
        canal="ventanilla",
        motivo=consulta,
        persona="Ana",
        llegada=ahora() - timedelta(minutes=20),
    )
    reloj.shift(timedelta(minutes=6))
    atencion_terminar(atencion=c, usuario=rosa)


def test_reporte_del_dia_por_canal_motivo_persona_y_hora(
    client, deudor, rosa, crear_usuario, reloj, django_assert_max_num_queries
):
    supervisor = crear_usuario("supervisor", username="sup", first_name="Luis", last_name="Mora")
    motivos = (
        MotivoAtencion.objects.get(nombre="Consulta de saldo"),
        MotivoAtencion.objects.get(nombre="Pago"),
    )
    _dia_de_atencion(reloj, (rosa, supervisor), motivos, deudor)

    datos = reporte_atencion(desde=hoy(), hasta=hoy())
    total = datos["total"]
    assert (total["atenciones"], total["resueltas"], total["pct_resueltas"]) == (3, 1, 33.3)
    assert total["servicio_min"] == pytest.approx((10 + 4 + 6) / 3, abs=0.05)
    canal = {f["etiqueta"]: (f["atenciones"], f["servicio_min"]) for f in datos["por_canal"]}
    assert canal == {"Ventanilla": (2, 8.0), "Teléfono": (1, 4.0)}
    assert {f["etiqueta"]: f["atenciones"] for f in datos["por_motivo"]} == {
        "Consulta de saldo": 2,
        "Pago": 1,
    }
    assert {f["etiqueta"]: f["atenciones"] for f in datos["por_persona"]} == {
        "Luis Mora": 1,
        "Rosa Leyva": 2,
    }
    assert {f["etiqueta"]: f["atenciones"] for f in datos["por_hora"]} == {"09:00": 2, "11:00": 1}
    por_canal = {f["etiqueta"]: f["espera_min"] for f in datos["por_canal"]}
    assert por_canal["Ventanilla"] == 10.0  # (0 + 20) / 2

    client.force_login(supervisor)
    with django_assert_max_num_queries(12):
        pagina = client.get("/atencion/reporte/", {"periodo": "mes"})
    assert pagina.status_code == 200 and "33.3 %" in pagina.content.decode()
    archivo = client.get("/atencion/reporte/", {"periodo": "dia", "formato": "xlsx"})
    libro = load_workbook(BytesIO(archivo.content))
    filas = list(libro["Por canal"].iter_rows(values_only=True))
    assert filas[0][0] == "Canal" and ("Ventanilla", 2, 2, 8.0, 10.0, 1, 50.0) in filas
    assert list(libro["Resumen"].iter_rows(values_only=True))[2][:2] == (3, 3)


def test_el_reporte_de_otro_dia_no_cuenta_hoy(rosa, motivo):
    atencion_iniciar(usuario=rosa, canal="ventanilla", motivo=motivo, persona="Ana")
    ayer = hoy() - timedelta(days=1)
    assert reporte_atencion(desde=ayer, hasta=ayer)["total"]["atenciones"] == 0


def test_api_inicia_lista_y_termina(cliente_api, rosa, motivo, deudor, crear_usuario, reloj):
    api = cliente_api(rosa)
    respuesta = api.post(
        "/api/v1/atenciones/",
        {"canal": "telefono", "motivo": motivo.pk, "cuenta": deudor.numero},
        format="json",
    )
    assert respuesta.status_code == 201, respuesta.json()
    pk = respuesta.json()["id"]
    malo = api.post(
        "/api/v1/atenciones/",
        {"canal": "telefono", "motivo": motivo.pk, "cuenta": "NADA"},
        format="json",
    )
    assert malo.status_code == 400 and "cuenta" in malo.json()["error"]["campos"]
    ajena = cliente_api(crear_usuario("ventanilla")).post(f"/api/v1/atenciones/{pk}/terminar/")
    assert ajena.status_code == 404
    reloj.shift(timedelta(minutes=3))
    terminada = api.post(f"/api/v1/atenciones/{pk}/terminar/", {"notas": "ok"}, format="json")
    assert terminada.status_code == 200 and terminada.json()["fin"] is not None
    lista = api.get("/api/v1/atenciones/").json()
    assert [a["id"] for a in lista["results"]] == [pk]
    assert (
        api.get(
            "/api/v1/atenciones/reporte/", {"desde": "18/11/2026", "hasta": "18/11/2026"}
        ).status_code
        == 403
    )

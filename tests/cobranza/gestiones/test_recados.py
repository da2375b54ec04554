"""Recados: the front desk takes a phone message for someone absent; only its recipient
sees it and marks it read; the recipient is told on login and on every page."""

import pytest
from django.contrib.auth.signals import user_logged_in
from django.core.exceptions import PermissionDenied, ValidationError
from django.template.loader import render_to_string
from django.test import RequestFactory

from cobranza.gestiones.contexto import avisar_recados, recados_sin_leer
from cobranza.gestiones.services import recado_marcar_leido, recado_tomar
from cobranza.models import Recado
from tests.factories import CuentaFactory

pytestmark = [pytest.mark.django_db, pytest.mark.fecha]


@pytest.fixture
def personas(crear_usuario):
    return {
        "ventanilla": crear_usuario("ventanilla", first_name="Rosa", last_name="Leyva"),
        "supervisora": crear_usuario("supervisor", first_name="Lucía", last_name="Moreno"),
        "caja": crear_usuario("caja", first_name="Mario", last_name="Ruiz"),
    }


def _recado(personas, para="supervisora", **extra):
    return recado_tomar(
        para=personas[para],
        de=extra.pop("de", "Sr. Ramírez"),
        telefono="637 123 4567",
        mensaje=extra.pop("mensaje", "Que le llame por su convenio"),
        tomado_por=personas["ventanilla"],
        **extra,
    )


@pytest.fixture
def aviso_al_entrar():
    """The login signal as cobranza/apps.py connects it (dispatch_uid: connecting twice is once)."""
    user_logged_in.connect(avisar_recados, dispatch_uid="cobranza.recados.login")
    yield
    user_logged_in.disconnect(dispatch_uid="cobranza.recados.login")


def test_ventanilla_toma_un_recado_para_la_supervisora(client, personas):
    CuentaFactory(numero="5001")
    client.force_login(personas["ventanilla"])
    respuesta = client.post(
        "/recados/",
        {
            "para": personas["supervisora"].pk,
            "de": "Sr. Ramírez",
            "telefono": "6371234567",
            "cuenta": "5001",
            "mensaje": "Pide que le devuelvan la llamada",
        },
        follow=True,
    )
    assert "Recado para Lucía Moreno guardado" in respuesta.content.decode()
    recado = Recado.objects.get()
    assert (recado.para, recado.tomado_por, recado.cuenta.numero) == (
        personas["supervisora"],
        personas["ventanilla"],
        "5001",
    )
    assert recado.leido is None


def test_el_recado_solo_lo_ve_su_destinatario(client, personas):
    _recado(personas, de="Sra. Quiroz")

    client.force_login(personas["supervisora"])
    assert "Sra. Quiroz" in client.get("/recados/").content.decode()
    client.force_login(personas["caja"])
    assert "Sra. Quiroz" not in client.get("/recados/").content.decode()


def test_sin_leer_primero(client, personas):
    leido = _recado(personas, de="Primero leído")
    recado_marcar_leido(recado=leido, usuario=personas["supervisora"])
    _recado(personas, de="Nuevo sin leer")
    _recado(personas, de="Viejo sin leer")
    Recado.objects.filter(de="Viejo sin leer").update(fecha=leido.fecha)

    client.force_login(personas["supervisora"])
    pagina = client.get("/recados/").context["pagina"]
    assert [r.de for r in pagina] == ["Nuevo sin leer", "Viejo sin leer", "Primero leído"]


def test_solo_el_destinatario_lo_marca_leido(client, personas):
    recado = _recado(personas)

    client.force_login(personas["caja"])
    assert client.post(f"/recados/{recado.pk}/leido/").status_code == 404
    with pytest.raises(PermissionDenied):
        recado_marcar_leido(recado=recado, usuario=personas["caja"])
    recado.refresh_from_db()
    assert recado.leido is None

    client.force_login(personas["supervisora"])
    assert client.post(f"/recados/{recado.pk}/leido/").status_code == 302
    recado.refresh_from_db()
    primera = recado.leido
    assert primera is not None

    client.post(f"/recados/{recado.pk}/leido/")  # again: same moment kept
    recado.refresh_from_db()
    assert recado.leido == primera


def test_la_lista_de_destinatarios_solo_tiene_usuarios_activos_con_rol(
    client, personas, crear_usuario
):
    crear_usuario(None, username="sinrol")
    crear_usuario("caja", username="dado_de_baja", is_active=False)
    client.force_login(personas["ventanilla"])
    opciones = client.get("/recados/").context["form"].fields["para"].queryset
    nombres = {u.username for u in opciones}
    assert nombres == {u.username for u in personas.values()}


@pytest.mark.parametrize(
    ("cambios", "campo"),
    [({"de": "  "}, "de"), ({"mensaje": ""}, "mensaje")],
)
def test_datos_faltantes_nombran_el_campo(personas, cambios, campo):
    with pytest.raises(ValidationError) as error:
        _recado(personas, **cambios)
    assert campo in error.value.message_dict


def test_no_se_toma_un_recado_para_un_usuario_sin_rol(personas, crear_usuario):
    with pytest.raises(ValidationError) as error:
        recado_tomar(
            para=crear_usuario(None),
            de="X",
            telefono="",
            mensaje="Hola",
            tomado_por=personas["ventanilla"],
        )
    assert "para" in error.value.message_dict


def test_caja_no_toma_recados_pero_lee_los_suyos(client, personas):
    _recado(personas, para="caja", de="Banco")
    client.force_login(personas["caja"])
    respuesta = client.get("/recados/")
    assert "Banco" in respuesta.content.decode()
    assert respuesta.context["form"] is None
    datos = {"para": personas["supervisora"].pk, "de": "X", "mensaje": "Hola"}
    assert client.post("/recados/", datos).status_code == 403


# --- el aviso -------------------------------------------------------------------------------


def test_el_contexto_cuenta_solo_los_sin_leer_del_usuario(personas, rf, django_assert_num_queries):
    _recado(personas)
    _recado(personas)
    recado_marcar_leido(recado=_recado(personas), usuario=personas["supervisora"])
    _recado(personas, para="caja")

    peticion = rf.get("/")
    peticion.user = personas["supervisora"]
    with django_assert_num_queries(1):
        contexto = recados_sin_leer(peticion)
    assert contexto == {"recados_sin_leer": 2}

    from django.contrib.auth.models import AnonymousUser

    peticion.user = AnonymousUser()
    assert recados_sin_leer(peticion) == {}


def test_el_aviso_enlaza_a_los_recados():
    html = render_to_string("cobranza/gestiones/_aviso_recados.html", {"recados_sin_leer": 2})
    assert "Tiene 2 recados sin leer" in html
    assert 'href="/recados/"' in html
    assert "1 recado sin leer" in render_to_string(
        "cobranza/gestiones/_aviso_recados.html", {"recados_sin_leer": 1}
    )
    assert (
        render_to_string("cobranza/gestiones/_aviso_recados.html", {"recados_sin_leer": 0}).strip()
        == ""
    )


def test_al_entrar_se_avisa_de_los_recados(client, personas, aviso_al_entrar):
    _recado(personas)
    _recado(personas)
    respuesta = client.post(
        "/entrar/",
        {"username": personas["supervisora"].username, "password": "clave-prueba-123"},
        follow=True,
    )
    assert "Tiene 2 recados sin leer." in respuesta.content.decode()

    client.logout()
    respuesta = client.post(
        "/entrar/",
        {"username": personas["caja"].username, "password": "clave-prueba-123"},
        follow=True,
    )
    assert "sin leer" not in respuesta.content.decode()


def test_el_aviso_no_falla_sin_mensajes(personas):
    _recado(personas)
    peticion = RequestFactory().get("/")  # no session, no messages middleware
    avisar_recados(sender=None, request=peticion, user=personas["supervisora"])
    avisar_recados(sender=None, request=None, user=personas["supervisora"])


# --- API ------------------------------------------------------------------------------------


def test_api_mis_recados(cliente_api, personas):
    _recado(personas, de="Para Lucía")
    _recado(personas, para="caja", de="Para Mario")

    datos = cliente_api(personas["caja"]).get("/api/v1/recados/").json()

    assert [r["de"] for r in datos["results"]] == ["Para Mario"]
    assert datos["results"][0]["para"] == personas["caja"].username


def test_api_tomar_y_marcar_leido(cliente_api, personas):
    respuesta = cliente_api(personas["ventanilla"]).post(
        "/api/v1/recados/",
        {
            "para": personas["supervisora"].username,
            "de": "Lic. Soto",
            "telefono": "6621112233",
            "mensaje": "Llamar antes de las 2",
        },
        format="json",
    )
    assert respuesta.status_code == 201
    recado_id = respuesta.json()["id"]

    ajeno = cliente_api(personas["caja"]).post(f"/api/v1/recados/{recado_id}/leido/")
    assert ajeno.status_code == 404

    supervisora = cliente_api(personas["supervisora"])
    assert supervisora.get("/api/v1/recados/", {"sin_leer": "1"}).json()["count"] == 1
    leido = supervisora.post(f"/api/v1/recados/{recado_id}/leido/")
    assert leido.status_code == 200 and leido.json()["leido"]
    assert supervisora.get("/api/v1/recados/", {"sin_leer": "1"}).json()["count"] == 0


def test_api_caja_no_toma_recados(cliente_api, personas):
    respuesta = cliente_api(personas["caja"]).post(
        "/api/v1/recados/",
        {"para": personas["supervisora"].username, "de": "X", "mensaje": "Hola"},
        format="json",
    )
    assert respuesta.status_code == 403
    assert not Recado.objects.exists()


def test_api_error_nombra_el_campo(cliente_api, personas):
    cliente = cliente_api(personas["ventanilla"])
    sin_destinatario = cliente.post(
        "/api/v1/recados/", {"para": "nadie", "de": "X", "mensaje": "Hola"}, format="json"
    )
    assert sin_destinatario.status_code == 400
    assert "para" in sin_destinatario.json()["error"]["campos"]
    cuenta_ajena = cliente.post(
        "/api/v1/recados/",
        {"para": personas["caja"].username, "de": "X", "mensaje": "Hola", "cuenta": "9999"},
        format="json",
    )
    assert cuenta_ajena.json()["error"]["campos"] == {
        "cuenta": ["No existe esa cuenta o no está a su alcance."]
    }

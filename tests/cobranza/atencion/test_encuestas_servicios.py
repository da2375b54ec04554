"""Encuestas: the supervisor defines a survey; each invitation is answered once, with every
value checked against its question."""

import pytest
from django.core.exceptions import ValidationError

from cobranza.atencion.models import (
    Atencion,
    Encuesta,
    Invitacion,
    MotivoAtencion,
    Pregunta,
    Respuesta,
)
from cobranza.atencion.services.encuestas import (
    ENCUESTA_ESTANDAR,
    encuesta_actualizar,
    encuesta_crear,
    encuesta_desactivar,
    encuesta_estandar_crear,
    invitacion_crear,
    invitacion_para_atencion,
    liga_para_aviso,
    respuesta_publica_registrar,
    respuestas_registrar,
)
from tests.factories import CuentaFactory

pytestmark = [pytest.mark.django_db, pytest.mark.hoy("2026-12-10")]

PREGUNTAS = [
    {"texto": "¿Cómo lo atendimos?", "tipo": "escala"},
    {"texto": "¿Resolvimos su asunto?", "tipo": "si_no"},
    {"texto": "¿Cómo prefiere pagar?", "tipo": "opcion", "opciones": ["Caja", "Banco", "Tienda"]},
    {"texto": "Comentarios", "tipo": "texto", "obligatoria": False},
]


def crear_encuesta(usuario, nombre="Satisfacción en caja", **lugares):
    lugares = lugares or {"en_ventanilla": True, "en_avisos": True, "publica": True}
    return encuesta_crear(nombre=nombre, preguntas=PREGUNTAS, usuario=usuario, **lugares)


def valores(encuesta, escala="5", si_no="si", opcion="Banco", texto=""):
    escala_p, si_no_p, opcion_p, texto_p = encuesta.preguntas.order_by("orden")
    return {escala_p.pk: escala, si_no_p.pk: si_no, opcion_p.pk: opcion, texto_p.pk: texto}


@pytest.fixture
def supervisor(crear_usuario):
    return crear_usuario("supervisor")


@pytest.fixture
def encuesta(supervisor):
    return crear_encuesta(supervisor)


def _campo(exc):
    return set(exc.value.message_dict)


# --- defining ---------------------------------------------------------------------------------


def test_la_encuesta_guarda_sus_preguntas_en_orden(encuesta):
    preguntas = list(encuesta.preguntas.values_list("orden", "tipo", "obligatoria"))
    assert preguntas == [
        (1, "escala", True),
        (2, "si_no", True),
        (3, "opcion", True),
        (4, "texto", False),
    ]
    assert encuesta.activa and encuesta.en_ventanilla


def test_sin_preguntas_no_hay_encuesta(supervisor):
    with pytest.raises(ValidationError) as exc:
        encuesta_crear(nombre="Vacía", preguntas=[], usuario=supervisor)
    assert _campo(exc) == {"preguntas"}
    assert not Encuesta.objects.exists()


def test_una_pregunta_de_opcion_necesita_dos_opciones(supervisor):
    preguntas = [*PREGUNTAS[:2], {"texto": "¿Medio?", "tipo": "opcion", "opciones": ["Caja", " "]}]
    with pytest.raises(ValidationError) as exc:
        encuesta_crear(nombre="Mal", preguntas=preguntas, usuario=supervisor)
    assert _campo(exc) == {"preguntas[2].opciones"}
    assert "Pregunta 3" in exc.value.message_dict["preguntas[2].opciones"][0]


def test_el_tipo_debe_existir(supervisor):
    with pytest.raises(ValidationError) as exc:
        encuesta_crear(
            nombre="Mal", preguntas=[{"texto": "¿?", "tipo": "dibujo"}], usuario=supervisor
        )
    assert _campo(exc) == {"preguntas[0].tipo"}


def test_el_nombre_no_se_repite(encuesta, supervisor):
    with pytest.raises(ValidationError) as exc:
        crear_encuesta(supervisor, nombre="satisfacción EN caja")
    assert _campo(exc) == {"nombre"}


def test_sin_respuestas_las_preguntas_se_cambian(encuesta):
    encuesta_actualizar(encuesta=encuesta, preguntas=PREGUNTAS[:2], publica=False)
    encuesta.refresh_from_db()
    assert encuesta.preguntas.count() == 2 and not encuesta.publica


def test_con_respuestas_las_preguntas_no_cambian(encuesta):
    respuesta_publica_registrar(encuesta=encuesta, valores=valores(encuesta))
    with pytest.raises(ValidationError) as exc:
        encuesta_actualizar(encuesta=encuesta, preguntas=PREGUNTAS[:2])
    assert "ya tiene respuestas" in exc.value.message_dict["preguntas"][0]
    assert encuesta.preguntas.count() == 4
    # The same questions sent back (a form saved as it was) are no change.
    encuesta_actualizar(encuesta=encuesta, preguntas=PREGUNTAS, descripcion="Nueva")
    assert Encuesta.objects.get().descripcion == "Nueva"


def test_la_encuesta_estandar_se_crea_una_vez(supervisor):
    primera = encuesta_estandar_crear(usuario=supervisor)
    segunda = encuesta_estandar_crear(usuario=supervisor)
    assert primera == segunda and Encuesta.objects.count() == 1
    assert primera.nombre == "Evaluación de la prestación del servicio"
    tipos = list(primera.preguntas.values_list("tipo", flat=True))
    assert tipos == ["escala", "escala", "escala", "si_no", "opcion", "texto"]
    assert len(ENCUESTA_ESTANDAR["preguntas"]) == 6


# --- invitations ------------------------------------------------------------------------------


def test_la_invitacion_respeta_donde_se_aplica(supervisor):
    solo_publica = crear_encuesta(supervisor, nombre="Solo pública", publica=True)
    with pytest.raises(ValidationError) as exc:
        invitacion_crear(encuesta=solo_publica, canal="ventanilla")
    assert _campo(exc) == {"canal"}
    invitacion = invitacion_crear(encuesta=solo_publica, canal="publica")
    assert len(invitacion.token) == 43  # secrets.token_urlsafe(32)


def test_una_encuesta_inactiva_no_invita(encuesta):
    encuesta_desactivar(encuesta=encuesta)
    with pytest.raises(ValidationError) as exc:
        invitacion_crear(encuesta=encuesta, canal="publica")
    assert _campo(exc) == {"encuesta"}


def test_la_atencion_tiene_una_sola_invitacion(encuesta, crear_usuario):
    motivo, _ = MotivoAtencion.objects.get_or_create(nombre="Aclaración de recibo")
    cuenta = CuentaFactory()
    atencion = Atencion.objects.create(
        canal="ventanilla", motivo=motivo, cuenta=cuenta, atendio=crear_usuario("ventanilla")
    )
    primera = invitacion_para_atencion(atencion)
    assert primera == invitacion_para_atencion(atencion)
    assert (primera.canal, primera.cuenta, primera.encuesta) == ("ventanilla", cuenta, encuesta)


def test_sin_encuesta_en_ventanilla_no_hay_invitacion(supervisor, crear_usuario):
    crear_encuesta(supervisor, publica=True)
    motivo, _ = MotivoAtencion.objects.get_or_create(nombre="Aclaración de recibo")
    atencion = Atencion.objects.create(
        canal="ventanilla", motivo=motivo, atendio=crear_usuario("ventanilla")
    )
    assert invitacion_para_atencion(atencion) is None
    assert liga_para_aviso(CuentaFactory()) is None


def test_la_liga_del_aviso_es_corta(encuesta, settings):
    settings.SITIO_URL = "https://cobranza.oomapas.gob.mx/"
    cuenta = CuentaFactory()
    liga = liga_para_aviso(cuenta)
    invitacion = Invitacion.objects.get(canal="aviso", cuenta=cuenta)
    assert liga == f"https://cobranza.oomapas.gob.mx/publico/encuestas/{invitacion.token}/"
    assert len(invitacion.token) == 22  # secrets.token_urlsafe(16)


# --- answering --------------------------------------------------------------------------------


def test_una_sola_respuesta_por_invitacion(encuesta):
    invitacion = invitacion_crear(encuesta=encuesta, canal="ventanilla")
    respuestas_registrar(invitacion=invitacion, valores=valores(encuesta, texto="Muy amables"))

    with pytest.raises(ValidationError) as exc:
        respuestas_registrar(invitacion=invitacion, valores=valores(encuesta, escala="1"))
    assert exc.value.messages == ["Esta encuesta ya fue respondida."]
    assert sorted(Respuesta.objects.values_list("valor", flat=True)) == [
        "5",
        "Banco",
        "Muy amables",
        "si",
    ]


@pytest.mark.parametrize(
    ("pregunta", "valor", "mensaje"),
    [
        (0, "6", "Elija un valor del 1 al 5."),
        (0, "tres", "Elija un valor del 1 al 5."),
        (1, "quizá", "Responda sí o no."),
        (2, "Cheque", "Elija una de las opciones."),
        (3, "x" * 1001, "Máximo 1000 caracteres."),
        (3, "<b>hola</b>", "No se aceptan etiquetas HTML; escriba solo texto."),
    ],
)
def test_un_valor_invalido_se_rechaza_nombrando_la_pregunta(encuesta, pregunta, valor, mensaje):
    invitacion = invitacion_crear(encuesta=encuesta, canal="ventanilla")
    datos = valores(encuesta)
    clave = list(datos)[pregunta]
    datos[clave] = valor
    with pytest.raises(ValidationError) as exc:
        respuestas_registrar(invitacion=invitacion, valores=datos)
    assert exc.value.message_dict == {f"pregunta_{clave}": [mensaje]}
    invitacion.refresh_from_db()
    assert invitacion.respondida is None and not Respuesta.objects.exists()


def test_una_pregunta_obligatoria_no_se_deja_vacia(encuesta):
    invitacion = invitacion_crear(encuesta=encuesta, canal="ventanilla")
    datos = valores(encuesta)
    si_no = Pregunta.objects.get(tipo="si_no")
    datos[si_no.pk] = "  "
    with pytest.raises(ValidationError) as exc:
        respuestas_registrar(invitacion=invitacion, valores=datos)
    assert exc.value.message_dict == {f"pregunta_{si_no.pk}": ["Responda esta pregunta."]}
    assert not Respuesta.objects.exists()


def test_una_pregunta_opcional_vacia_no_guarda_nada(encuesta):
    invitacion = invitacion_crear(encuesta=encuesta, canal="ventanilla")
    respuestas_registrar(invitacion=invitacion, valores=valores(encuesta, si_no="Sí"))
    assert Respuesta.objects.count() == 3
    assert Respuesta.objects.get(pregunta__tipo="si_no").valor == "si"


def test_una_pregunta_ajena_se_rechaza(encuesta, supervisor):
    otra = crear_encuesta(supervisor, nombre="Otra")
    invitacion = invitacion_crear(encuesta=encuesta, canal="publica")
    datos = {**valores(encuesta), **valores(otra)}
    with pytest.raises(ValidationError) as exc:
        respuestas_registrar(invitacion=invitacion, valores=datos)
    assert all(campo.startswith("pregunta_") for campo in exc.value.message_dict)
    assert not Respuesta.objects.exists()


def test_la_respuesta_publica_rechazada_no_deja_invitacion(encuesta):
    with pytest.raises(ValidationError):
        respuesta_publica_registrar(encuesta=encuesta, valores=valores(encuesta, escala="0"))
    assert not Invitacion.objects.exists()
    invitacion = respuesta_publica_registrar(encuesta=encuesta, valores=valores(encuesta))
    assert invitacion.canal == "publica" and invitacion.respondida is not None

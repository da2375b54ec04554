"""Pages and /api/v1/ routes of atención al público (gathered by cobranza/urls.py and
cobranza/urls_api.py). The /publico/ pages need no login; every other page checks its
permission on the server."""

from django.urls import path

from cobranza.atencion.api import encuestas as api_encuestas
from cobranza.atencion.api import quejas as api_quejas
from cobranza.atencion.api import registro as api_registro
from cobranza.atencion.views import encuestas, quejas, registro

urlpatterns = [
    # registro de atención
    path("atencion/", registro.atencion, name="atencion"),
    path("atencion/reporte/", registro.atencion_reporte, name="atencion_reporte"),
    path("atencion/<int:pk>/", registro.atencion_detalle, name="atencion_detalle"),
    path(
        "atencion/<int:pk>/terminar/",
        registro.atencion_terminar_vista,
        name="atencion_terminar",
    ),
    # quejas
    path("quejas/", quejas.quejas, name="quejas"),
    path("quejas/nueva/", quejas.queja_nueva, name="queja_nueva"),
    path("quejas/reporte/", quejas.queja_reporte, name="queja_reporte"),
    path("quejas/<str:folio>/", quejas.queja, name="queja"),
    path("quejas/<str:folio>/asignar/", quejas.queja_asignar_vista, name="queja_asignar"),
    path("quejas/<str:folio>/responder/", quejas.queja_responder_vista, name="queja_responder"),
    path("quejas/<str:folio>/cerrar/", quejas.queja_cerrar_vista, name="queja_cerrar"),
    path("publico/quejas/nueva/", quejas.queja_publica_nueva, name="queja_publica_nueva"),
    path("publico/quejas/recibida/", quejas.queja_publica_recibida, name="queja_publica_recibida"),
    path("publico/quejas/consulta/", quejas.queja_publica_consulta, name="queja_publica_consulta"),
    path(
        "publico/quejas/calificar/",
        quejas.queja_publica_calificar,
        name="queja_publica_calificar",
    ),
    # encuestas
    path("encuestas/", encuestas.encuestas, name="encuestas"),
    path("encuestas/nueva/", encuestas.encuesta_nueva, name="encuesta_nueva"),
    path("encuestas/<int:pk>/", encuestas.encuesta_resultados, name="encuesta"),
    path("encuestas/<int:pk>/editar/", encuestas.encuesta_editar, name="encuesta_editar"),
    path("encuestas/<int:pk>/activa/", encuestas.encuesta_activa, name="encuesta_activa"),
    path(
        "encuestas/<int:pk>/respuestas.xlsx",
        encuestas.encuesta_respuestas_xlsx,
        name="encuesta_respuestas_xlsx",
    ),
    path(
        "publico/encuestas/abierta/<int:pk>/",
        encuestas.encuesta_abierta,
        name="encuesta_abierta",
    ),
    path(
        "publico/encuestas/<slug:token>/",
        encuestas.encuesta_responder,
        name="encuesta_responder",
    ),
]

api_urlpatterns = [
    # api registro
    path("atenciones/", api_registro.AtencionesApi.as_view(), name="api_atenciones"),
    path(
        "atenciones/motivos/",
        api_registro.MotivosAtencionApi.as_view(),
        name="api_atencion_motivos",
    ),
    path(
        "atenciones/reporte/",
        api_registro.ReporteAtencionApi.as_view(),
        name="api_atencion_reporte",
    ),
    path(
        "atenciones/<int:pk>/terminar/",
        api_registro.AtencionTerminarApi.as_view(),
        name="api_atencion_terminar",
    ),
    # api quejas
    path("quejas/", api_quejas.QuejasApi.as_view(), name="quejas"),
    path("quejas/areas/", api_quejas.AreasResponsablesApi.as_view(), name="quejas-areas"),
    path("quejas/pendientes/", api_quejas.QuejasPendientesApi.as_view(), name="quejas-pendientes"),
    path("quejas/reporte/", api_quejas.QuejasReporteApi.as_view(), name="quejas-reporte"),
    path("quejas/<str:folio>/", api_quejas.QuejaApi.as_view(), name="queja"),
    path("quejas/<str:folio>/asignar/", api_quejas.QuejaAsignarApi.as_view(), name="queja-asignar"),
    path(
        "quejas/<str:folio>/responder/",
        api_quejas.QuejaResponderApi.as_view(),
        name="queja-responder",
    ),
    path("quejas/<str:folio>/cerrar/", api_quejas.QuejaCerrarApi.as_view(), name="queja-cerrar"),
    path(
        "publico/quejas/consulta/",
        api_quejas.QuejaConsultaPublicaApi.as_view(),
        name="queja-publica-consulta",
    ),
    path(
        "publico/quejas/calificar/",
        api_quejas.QuejaCalificarPublicaApi.as_view(),
        name="queja-publica-calificar",
    ),
    # api encuestas
    path("encuestas/", api_encuestas.EncuestasApi.as_view(), name="encuestas"),
    path("encuestas/<int:pk>/", api_encuestas.EncuestaApi.as_view(), name="encuesta"),
    path(
        "encuestas/<int:pk>/resultados/",
        api_encuestas.EncuestaResultadosApi.as_view(),
        name="encuesta-resultados",
    ),
    path(
        "encuestas/<int:pk>/invitaciones/",
        api_encuestas.EncuestaInvitacionesApi.as_view(),
        name="encuesta-invitaciones",
    ),
    path(
        "publico/encuestas/<slug:token>/",
        api_encuestas.EncuestaPublicaApi.as_view(),
        name="encuesta-publica",
    ),
    path(
        "publico/encuestas/<slug:token>/respuestas/",
        api_encuestas.EncuestaRespuestasApi.as_view(),
        name="encuesta-publica-respuestas",
    ),
]

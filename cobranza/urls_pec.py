"""Pages of the PEC (views/pec.py), included by cobranza/urls.py."""

from django.urls import path

from cobranza.views import pec

urlpatterns = [
    path("pec/", pec.expedientes, name="pec"),
    path("pec/abrir/", pec.abrir, name="pec_abrir"),
    path("pec/calendario/", pec.calendario, name="pec_calendario"),
    path(
        "pec/diligencias/<str:folio>/<slug:documento>.pdf",
        pec.documento,
        name="pec_documento",
    ),
    path("pec/<str:folio>/", pec.expediente, name="pec_expediente"),
    path("pec/<str:folio>/<slug:accion>/", pec.expediente_accion, name="pec_accion"),
    path("notificador/", pec.notificador, name="notificador"),
    path("notificador/<str:folio>/", pec.notificar, name="notificar"),
]

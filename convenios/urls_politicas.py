"""Supervisor's pages: policies, authorisation tiers, campaigns, document templates;
the discounts report; the public verification of a constancia."""

from django.urls import path

from convenios.views import politicas, reportes, verificacion

urlpatterns = [
    # policies per cartera (views/politicas.py)
    path("politicas/", politicas.politicas, name="politicas"),
    path("politicas/alternativas/nueva/", politicas.alternativa_nueva, name="alternativa_nueva"),
    path(
        "politicas/alternativas/<int:pk>/",
        politicas.alternativa_editar,
        name="alternativa_editar",
    ),
    path("politicas/niveles/nuevo/", politicas.nivel_nuevo, name="nivel_nuevo"),
    path("politicas/niveles/<int:pk>/", politicas.nivel_editar, name="nivel_editar"),
    path("campanas/", politicas.campanas, name="campanas"),
    path("campanas/nueva/", politicas.campana_nueva, name="campana_nueva"),
    path("campanas/<int:pk>/", politicas.campana_editar, name="campana_editar"),
    path("plantillas/", politicas.plantillas, name="plantillas"),
    path("plantillas/nueva/", politicas.plantilla_nueva, name="plantilla_nueva"),
    path("plantillas/<int:pk>/", politicas.plantilla_editar, name="plantilla_editar"),
    # the discounts report (views/reportes.py)
    path("reportes/descuentos/", reportes.descuentos, name="descuentos"),
    # public: no login (views/verificacion.py)
    path("verificar/", verificacion.verificar_buscar, name="verificar_buscar"),
    path("verificar/<str:folio>/", verificacion.verificar, name="verificar"),
]

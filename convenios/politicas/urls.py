"""The supervisor's policy pages and /api/v1/ routes: alternatives, authorisation tiers,
campaigns and document templates (gathered by convenios/urls.py and convenios/urls_api.py)."""

from django.urls import path

from convenios.politicas import api, views

urlpatterns = [
    path("politicas/", views.politicas, name="politicas"),
    path("politicas/alternativas/nueva/", views.alternativa_nueva, name="alternativa_nueva"),
    path("politicas/alternativas/<int:pk>/", views.alternativa_editar, name="alternativa_editar"),
    path("politicas/niveles/nuevo/", views.nivel_nuevo, name="nivel_nuevo"),
    path("politicas/niveles/<int:pk>/", views.nivel_editar, name="nivel_editar"),
    path("campanas/", views.campanas, name="campanas"),
    path("campanas/nueva/", views.campana_nueva, name="campana_nueva"),
    path("campanas/<int:pk>/", views.campana_editar, name="campana_editar"),
    path("plantillas/", views.plantillas, name="plantillas"),
    path("plantillas/nueva/", views.plantilla_nueva, name="plantilla_nueva"),
    path("plantillas/<int:pk>/", views.plantilla_editar, name="plantilla_editar"),
]

api_urlpatterns = [
    path("politicas/alternativas/", api.AlternativasApi.as_view(), name="politicas-alternativas"),
    path(
        "politicas/alternativas/<int:pk>/",
        api.AlternativaApi.as_view(),
        name="politicas-alternativa",
    ),
    path("politicas/campanas/", api.CampanasApi.as_view(), name="politicas-campanas"),
    path("politicas/campanas/<int:pk>/", api.CampanaApi.as_view(), name="politicas-campana"),
    path("politicas/niveles/", api.NivelesApi.as_view(), name="politicas-niveles"),
]

"""Pages and /api/v1/ routes of facturación: billing runs and the carga inicial, proposed
extraordinary charges, social-work discounts (gathered by cobranza/urls.py and
cobranza/urls_api.py)."""

from django.urls import path

from cobranza.facturacion import api, views

urlpatterns = [
    path("facturacion/", views.corridas, name="corridas"),
    path("facturacion/<int:pk>/", views.corrida, name="corrida"),
    path(
        "facturacion/<int:pk>/rechazadas.csv", views.corrida_rechazadas, name="corrida_rechazadas"
    ),
    path(
        "facturacion/<int:pk>/renglones/<int:fila>/revision/",
        views.renglon_revision,
        name="renglon_revision",
    ),
    path("facturacion/<int:pk>/<slug:accion>/", views.corrida_accion, name="corrida_accion"),
    path(
        "cuentas/<str:numero>/cargos/proponer/", views.cargo_proponer_pagina, name="cargo_proponer"
    ),
    path("cargos/propuestos/", views.cargos_propuestos, name="cargos_propuestos"),
    path(
        "cargos/propuestos/<str:folio>/evidencia/",
        views.cargo_propuesto_evidencia,
        name="cargo_propuesto_evidencia",
    ),
    path(
        "cargos/propuestos/<str:folio>/<slug:accion>/",
        views.cargo_propuesto_accion,
        name="cargo_propuesto_accion",
    ),
    path("descuentos-sociales/", views.descuentos_sociales, name="descuentos_sociales"),
    path("descuentos-sociales/otorgados/", views.descuentos_otorgados, name="descuentos_otorgados"),
    path(
        "descuentos-sociales/documentos/<int:pk>/",
        views.descuento_documento,
        name="descuento_documento",
    ),
    path("descuentos-sociales/<str:folio>/", views.descuento_social, name="descuento_social"),
    path(
        "descuentos-sociales/<str:folio>/revalidar/",
        views.descuento_social_revalidar_pagina,
        name="descuento_social_revalidar",
    ),
    path(
        "cuentas/<str:numero>/descuento-social/nuevo/",
        views.descuento_social_nuevo,
        name="descuento_social_nuevo",
    ),
]

api_urlpatterns = [
    path("facturacion/corridas/", api.CorridasApi.as_view(), name="facturacion-corridas"),
    path("facturacion/corridas/<int:pk>/", api.CorridaApi.as_view(), name="facturacion-corrida"),
    path(
        "facturacion/corridas/<int:pk>/renglones/",
        api.RenglonesApi.as_view(),
        name="facturacion-renglones",
    ),
    path(
        "facturacion/corridas/<int:pk>/renglones/<int:fila>/revision/",
        api.RevisionApi.as_view(),
        name="facturacion-revision",
    ),
    path(
        "facturacion/corridas/<int:pk>/autorizar/",
        api.AutorizarApi.as_view(),
        name="facturacion-autorizar",
    ),
    path(
        "facturacion/corridas/<int:pk>/rechazar/",
        api.RechazarApi.as_view(),
        name="facturacion-rechazar",
    ),
    path(
        "facturacion/corridas/<int:pk>/cancelar/",
        api.CancelarApi.as_view(),
        name="facturacion-cancelar",
    ),
    path(
        "facturacion/corridas/<int:pk>/rechazadas.csv",
        api.RechazadosApi.as_view(),
        name="facturacion-rechazadas",
    ),
    path("cargos-propuestos/", api.CargosPropuestosApi.as_view(), name="cargos-propuestos"),
    path(
        "cargos-propuestos/<str:folio>/aprobar/",
        api.CargoPropuestoAprobarApi.as_view(),
        name="cargo-propuesto-aprobar",
    ),
    path(
        "cargos-propuestos/<str:folio>/rechazar/",
        api.CargoPropuestoRechazarApi.as_view(),
        name="cargo-propuesto-rechazar",
    ),
    path("descuentos-sociales/", api.DescuentosApi.as_view(), name="descuentos-sociales"),
    path(
        "descuentos-sociales/otorgados/",
        api.DescuentosOtorgadosApi.as_view(),
        name="descuentos-sociales-otorgados",
    ),
    path("descuentos-sociales/<str:folio>/", api.DescuentoApi.as_view(), name="descuento-social"),
    path(
        "descuentos-sociales/<str:folio>/aprobar/",
        api.DescuentoAprobarApi.as_view(),
        name="descuento-social-aprobar",
    ),
    path(
        "descuentos-sociales/<str:folio>/rechazar/",
        api.DescuentoRechazarApi.as_view(),
        name="descuento-social-rechazar",
    ),
    path(
        "descuentos-sociales/<str:folio>/revalidar/",
        api.DescuentoRevalidarApi.as_view(),
        name="descuento-social-revalidar",
    ),
]

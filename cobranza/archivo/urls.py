"""Pages and /api/v1/ routes of the custody of documents (gathered by cobranza/urls.py and
cobranza/urls_api.py)."""

from django.urls import path  # noqa: F401

from cobranza.archivo.api import expedientes as api_expedientes  # noqa: F401
from cobranza.archivo.api import prestamos as api_prestamos  # noqa: F401
from cobranza.archivo.api import ubicacion as api_ubicacion  # noqa: F401
from cobranza.archivo.views import expedientes, prestamos, ubicacion  # noqa: F401

urlpatterns = [
    # --- expedientes ---
    path("cuentas/<str:numero>/expediente/", expedientes.expediente, name="expediente"),
    path(
        "cuentas/<str:numero>/expediente/documentos/",
        expedientes.documento_nuevo,
        name="documento_nuevo",
    ),
    path("expedientes/<int:pk>/", expedientes.legajo, name="legajo"),
    path(
        "archivo/documentos/<int:pk>/escaneos/",
        expedientes.escaneo_nuevo,
        name="escaneo_nuevo",
    ),
    path(
        "archivo/documentos/<int:pk>/original/",
        expedientes.original_recibido,
        name="original_recibido",
    ),
    path("archivo/documentos/<int:pk>/baja/", expedientes.documento_baja, name="documento_baja"),
    path(
        "archivo/documentos/<int:pk>/ubicacion/",
        expedientes.documento_ubicar_vista,
        name="documento_ubicar",
    ),
    path("archivo/escaneos/<int:pk>/", expedientes.escaneo_ver, name="escaneo"),
    # --- fin expedientes ---
    # --- ubicacion ---
    path("archivo/ubicaciones/", ubicacion.ubicaciones, name="archivo_ubicaciones"),
    path(
        "archivo/ubicaciones/<str:nivel>/nuevo/",
        ubicacion.ubicacion_crear,
        name="archivo_ubicacion_crear",
    ),
    path(
        "archivo/ubicaciones/<str:nivel>/<int:pk>/",
        ubicacion.ubicacion_editar,
        name="archivo_ubicacion_editar",
    ),
    path(
        "archivo/ubicaciones/caja/<int:pk>/mover/",
        ubicacion.caja_mover_vista,
        name="archivo_caja_mover",
    ),
    path("archivo/cajas/<str:clave>/", ubicacion.archivo_caja, name="archivo_caja"),
    path("archivo/etiquetas/", ubicacion.etiquetas, name="archivo_etiquetas"),
    path("archivo/etiquetas/cajas.pdf", ubicacion.etiquetas_cajas, name="archivo_etiquetas_cajas"),
    path(
        "archivo/etiquetas/expedientes.pdf",
        ubicacion.etiquetas_expedientes,
        name="archivo_etiquetas_expedientes",
    ),
    path("archivo/inventario/", ubicacion.inventario, name="archivo_inventario"),
    path("archivo/auditoria/", ubicacion.auditorias, name="archivo_auditorias"),
    path("archivo/auditoria/<int:pk>/", ubicacion.auditoria, name="archivo_auditoria"),
    path(
        "archivo/auditoria/<int:pk>/terminar/",
        ubicacion.auditoria_terminar,
        name="archivo_auditoria_terminar",
    ),
    path(
        "archivo/auditoria/<int:pk>/resultado.xlsx",
        ubicacion.auditoria_xlsx,
        name="archivo_auditoria_xlsx",
    ),
    # --- fin ubicacion ---
    # --- prestamos ---
    path("archivo/prestamos/", prestamos.prestamos, name="prestamos"),
    path("archivo/prestamos/<int:pk>/vale.pdf", prestamos.prestamo_vale, name="prestamo_vale"),
    path(
        "archivo/prestamos/<int:pk>/recibir/",
        prestamos.prestamo_recibir,
        name="prestamo_recibir",
    ),
    path("archivo/mis-prestamos/", prestamos.mis_prestamos_vista, name="mis_prestamos"),
    path(
        "archivo/documentos/<int:pk>/prestar/",
        prestamos.documento_prestar,
        name="documento_prestar",
    ),
    path("archivo/finiquitos/", prestamos.finiquitos, name="finiquitos"),
    path(
        "archivo/documentos/<int:pk>/devolver/",
        prestamos.documento_devolver,
        name="documento_devolver",
    ),
    path(
        "archivo/devoluciones/<str:folio>/acuse.pdf",
        prestamos.devolucion_acuse,
        name="devolucion_acuse",
    ),
    # --- fin prestamos ---
]

api_urlpatterns = [
    # --- api expedientes ---
    path(
        "cuentas/<str:numero>/expediente/",
        api_expedientes.ExpedienteApi.as_view(),
        name="expediente",
    ),
    path(
        "cuentas/<str:numero>/expediente/documentos/",
        api_expedientes.DocumentosApi.as_view(),
        name="expediente-documentos",
    ),
    path(
        "archivo/documentos/<int:pk>/escaneos/",
        api_expedientes.EscaneosApi.as_view(),
        name="documento-escaneos",
    ),
    path(
        "archivo/documentos/<int:pk>/original/",
        api_expedientes.OriginalRecibidoApi.as_view(),
        name="documento-original",
    ),
    path(
        "archivo/documentos/<int:pk>/baja/",
        api_expedientes.DocumentoBajaApi.as_view(),
        name="documento-baja",
    ),
    path(
        "archivo/escaneos/<int:pk>/archivo/",
        api_expedientes.EscaneoArchivoApi.as_view(),
        name="escaneo-archivo",
    ),
    # --- fin api expedientes ---
    # --- api ubicacion ---
    path(
        "archivo/ubicaciones/",
        api_ubicacion.UbicacionesApi.as_view(),
        name="api_archivo_ubicaciones",
    ),
    path(
        "archivo/ubicaciones/<str:nivel>/",
        api_ubicacion.UbicacionCrearApi.as_view(),
        name="api_archivo_ubicacion_crear",
    ),
    path(
        "archivo/cajas/<int:pk>/mover/",
        api_ubicacion.CajaMoverApi.as_view(),
        name="api_archivo_caja_mover",
    ),
    path(
        "archivo/documentos/<int:pk>/ubicar/",
        api_ubicacion.DocumentoUbicarApi.as_view(),
        name="api_archivo_documento_ubicar",
    ),
    path(
        "archivo/inventario/",
        api_ubicacion.InventarioReporteApi.as_view(),
        name="api_archivo_inventario",
    ),
    path(
        "archivo/auditorias/",
        api_ubicacion.AuditoriaIniciarApi.as_view(),
        name="api_archivo_auditorias",
    ),
    path(
        "archivo/auditorias/<int:pk>/",
        api_ubicacion.AuditoriaApi.as_view(),
        name="api_archivo_auditoria",
    ),
    path(
        "archivo/auditorias/<int:pk>/lecturas/",
        api_ubicacion.AuditoriaLecturaApi.as_view(),
        name="api_archivo_auditoria_lectura",
    ),
    path(
        "archivo/auditorias/<int:pk>/terminar/",
        api_ubicacion.AuditoriaTerminarApi.as_view(),
        name="api_archivo_auditoria_terminar",
    ),
    # --- fin api ubicacion ---
    # --- api prestamos ---
    path("archivo/prestamos/", api_prestamos.PrestamosApi.as_view(), name="archivo-prestamos"),
    path(
        "archivo/prestamos/<int:pk>/devolver/",
        api_prestamos.PrestamoDevolverApi.as_view(),
        name="archivo-prestamo-devolver",
    ),
    path(
        "archivo/mis-prestamos/",
        api_prestamos.MisPrestamosApi.as_view(),
        name="archivo-mis-prestamos",
    ),
    path("archivo/finiquitos/", api_prestamos.FiniquitosApi.as_view(), name="archivo-finiquitos"),
    path(
        "archivo/devoluciones/",
        api_prestamos.DevolucionesApi.as_view(),
        name="archivo-devoluciones",
    ),
    # --- fin api prestamos ---
]

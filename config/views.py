"""Pages that belong to no app: the role landing pages and the health check."""

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.db import connection
from django.http import Http404, JsonResponse
from django.shortcuts import redirect, render
from django.templatetags.static import static
from kombu import Connection

from cobranza.archivo.selectors.prestamos import tablero_prestamos
from cobranza.atencion.selectors.encuestas import tablero_encuestas
from cobranza.atencion.selectors.quejas import tablero_quejas
from cobranza.atencion.selectors.registro import tablero_atencion, tablero_atencion_general
from cobranza.caja.selectors import tablero_caja
from config.colas import COLAS
from padron.beneficiarios.selectors import pendientes_del_coordinador
from padron.fechas import hoy
from padron.roles import POR_CLAVE, roles_de


@login_required
def inicio(request):
    """After login each role lands on its own home; no role, no data."""
    roles = roles_de(request.user)
    if not roles:
        if request.user.is_superuser:
            return redirect("admin:index")
        return render(request, "inicio/sin_rol.html", status=403)
    return redirect("inicio_rol", rol=roles[0].clave)


def _coordinador(usuario):
    return pendientes_del_coordinador()


def _encuestas(usuario):
    return {"encuestas_mes": tablero_encuestas()}


def _oficina(usuario):
    return {**tablero_atencion(usuario), **tablero_atencion_general()}


# What each role's home shows: functions of the user, each returning part of the context.
TABLEROS = {
    "seguimiento": (_coordinador, tablero_atencion, tablero_quejas, _encuestas, tablero_prestamos),
    "ventanilla": (tablero_atencion, tablero_quejas, tablero_prestamos),
    "caja": (tablero_caja, tablero_atencion),
    "supervisor": (_oficina, tablero_quejas, _encuestas, tablero_prestamos),
    "abogado_externo": (tablero_prestamos,),
    "notificador": (tablero_prestamos,),
}


@login_required
def inicio_rol(request, rol):
    if rol not in POR_CLAVE or rol not in {r.clave for r in roles_de(request.user)}:
        raise Http404("Página de inicio no disponible para su usuario.")
    contexto = {}
    for tablero in TABLEROS.get(rol, ()):
        contexto.update(tablero(request.user))
    if rol in COLAS:
        contexto["colas"] = COLAS[rol](request.user, hoy())
    return render(request, f"inicio/{rol}.html", {"rol": POR_CLAVE[rol], **contexto})


def favicon(request):
    """Browsers ask for /favicon.ico on pages with no <link rel="icon"> (PDFs, JSON, the 500 page)."""
    return redirect(static("favicon.ico"), permanent=True)


def _estado_base_de_datos():
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
        return "ok"
    except Exception as exc:  # any failure is reported, not raised
        return f"error: {exc.__class__.__name__}"


def _estado_broker():
    opciones = getattr(settings, "CELERY_BROKER_TRANSPORT_OPTIONS", {})
    try:
        with Connection(settings.CELERY_BROKER_URL, transport_options=opciones) as conexion:
            conexion.ensure_connection(max_retries=1, timeout=2)
        return "ok"
    except Exception as exc:
        return f"error: {exc.__class__.__name__}"


def healthz(request):
    estado = {"base_de_datos": _estado_base_de_datos(), "broker": _estado_broker()}
    sano = all(valor == "ok" for valor in estado.values())
    return JsonResponse(
        {"estado": "ok" if sano else "error", **estado}, status=200 if sano else 503
    )

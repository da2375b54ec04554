"""Pages of quejas y sugerencias.

Clerks (cobranza.atender_quejas): the list with filters, the capture at ventanilla or by
phone, the detail where a queja is assigned, answered and closed, and the report by area and
tipo (also for who reads reports) with its XLSX.

The public (no login, /publico/quejas/): file a queja and get its folio and clave, look it up
with both, rate the answer. Those pages are rate-limited per address, guarded by a honeypot and
a minimum time (cobranza/atencion/publico.py), and never ask for or show a cuenta.
"""

from io import BytesIO

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font

from cobranza.atencion.forms.quejas import (
    AsignarForm,
    CalificarForm,
    CerrarForm,
    ConsultaPublicaForm,
    QuejaFiltroForm,
    QuejaNuevaForm,
    QuejaPublicaForm,
    ReporteForm,
    ResponderForm,
)
from cobranza.atencion.publico import limite_excedido
from cobranza.atencion.selectors.quejas import (
    LIMITE_CONSULTAS,
    NO_ENCONTRADO,
    queja_por_folio_y_clave,
    quejas_de,
    reporte_quejas,
)
from cobranza.atencion.services.quejas import (
    PERMISO,
    queja_asignar,
    queja_calificar,
    queja_cerrar,
    queja_registrar,
    queja_responder,
)
from cobranza.libro.selectors import cuentas_visibles
from cobranza.models import Queja
from padron.exportar import anexar
from padron.fechas import hoy, primer_dia_del_mes
from padron.forms import errores_a_formulario
from padron.permisos import requiere, requiere_alguno

POR_PAGINA = 50
VEN_REPORTE = (PERMISO, "cobranza.ver_reportes")
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DEMASIADOS = "Recibimos demasiadas solicitudes desde su conexión. Intente de nuevo en una hora."
GRACIAS = "Gracias por calificar la respuesta."
_RECIBIDA = "quejas.recibida"  # session key: the folio and clave to show once


def _sin_pagina(request):
    consulta = request.GET.copy()
    consulta.pop("pagina", None)
    return consulta.urlencode()


# --- lista y captura ------------------------------------------------------------------------


@requiere(PERMISO)
def quejas(request):
    form = QuejaFiltroForm(request.GET or None)
    filtros = form.cleaned_data if form.is_valid() else {}
    pagina = Paginator(quejas_de(request.user, filtros), POR_PAGINA).get_page(
        request.GET.get("pagina")
    )
    contexto = {
        "form": form,
        "pagina": pagina,
        "consulta": _sin_pagina(request),
        "parametro": "pagina",
    }
    return render(request, "cobranza/atencion/quejas/lista.html", contexto)


def _registrar(request, form):
    datos = form.cleaned_data
    cuenta = None
    if numero := datos["cuenta"].strip():
        cuenta = cuentas_visibles(request.user).filter(numero=numero).first()
        if cuenta is None:
            form.add_error("cuenta", "No existe esa cuenta o no está a su alcance.")
            return None
    try:
        return queja_registrar(
            tipo=datos["tipo"],
            origen=datos["origen"],
            descripcion=datos["descripcion"],
            nombre=datos["nombre"],
            contacto=datos["contacto"],
            area=datos["area"],
            cuenta=cuenta,
            usuario=request.user,
        )
    except ValidationError as exc:
        errores_a_formulario(form, exc)
        return None


@requiere(PERMISO)
def queja_nueva(request):
    form = QuejaNuevaForm(request.POST or None, initial={"cuenta": request.GET.get("cuenta", "")})
    if request.method == "POST" and form.is_valid():
        queja = _registrar(request, form)
        if queja:
            messages.success(
                request,
                f"{queja.get_tipo_display()} recibida con folio {queja.folio} y clave de consulta "
                f"{queja.clave}; déselos a la persona. Fecha límite de respuesta: "
                f"{queja.vence:%d/%m/%Y}.",
            )
            return redirect("cobranza:queja", folio=queja.folio)
    estado = 400 if request.method == "POST" else 200
    return render(request, "cobranza/atencion/quejas/nueva.html", {"form": form}, status=estado)


# --- detalle y su flujo ---------------------------------------------------------------------


def _queja(request, folio):
    return get_object_or_404(quejas_de(request.user), folio=folio)


def _detalle(request, queja, estado=200, **formularios):
    abierta = queja.estado in (Queja.Estado.RECIBIDA, Queja.Estado.ASIGNADA)
    inicial = {"area": queja.area_id, "asignada_a": queja.asignada_a_id}
    asignar = formularios.get("asignar") or AsignarForm(initial=inicial)
    responder = formularios.get("responder") or ResponderForm()
    cerrar = formularios.get("cerrar") or CerrarForm()
    contexto = {
        "queja": queja,
        "asignar": asignar,
        "responder": responder,
        "cerrar": cerrar,
        # The refused form's general errors go on top: that form may not be shown any more.
        "rechazado": next((f for f in (asignar, responder, cerrar) if f.is_bound), None),
        "historial": queja.history.select_related("history_user").order_by("-history_date"),
        "abierta": abierta,
        "vencida": abierta and queja.vence < hoy(),
    }
    return render(request, "cobranza/atencion/quejas/detalle.html", contexto, status=estado)


@requiere(PERMISO)
def queja(request, folio):
    return _detalle(request, _queja(request, folio))


def _accion(request, folio, nombre, Form, servicio, exito):
    """POST of one of the detail's forms: the service, or the detail again with the errors."""
    queja = _queja(request, folio)
    form = Form(request.POST)
    if form.is_valid():
        try:
            servicio(queja=queja, usuario=request.user, **form.cleaned_data)
        except ValidationError as exc:
            errores_a_formulario(form, exc)
        else:
            messages.success(request, exito)
            return redirect("cobranza:queja", folio=queja.folio)
    return _detalle(request, queja, 400, **{nombre: form})


@require_POST
@requiere(PERMISO)
def queja_asignar_vista(request, folio):
    return _accion(request, folio, "asignar", AsignarForm, queja_asignar, "Queja asignada.")


@require_POST
@requiere(PERMISO)
def queja_responder_vista(request, folio):
    return _accion(
        request, folio, "responder", ResponderForm, queja_responder, "Respuesta registrada."
    )


@require_POST
@requiere(PERMISO)
def queja_cerrar_vista(request, folio):
    return _accion(request, folio, "cerrar", CerrarForm, queja_cerrar, "Queja cerrada.")


# --- reporte ----------------------------------------------------------------------------------

COLUMNAS = (
    ("Recibidas", "recibidas"),
    ("Respondidas", "respondidas"),
    ("Respondidas a tiempo", "a_tiempo"),
    ("Vencidas sin respuesta", "vencidas_sin_respuesta"),
    ("% a tiempo", "porcentaje_a_tiempo"),
    ("Días promedio para responder", "dias_promedio"),
    ("Satisfacción promedio (1 a 5)", "satisfaccion"),
    ("Calificadas", "calificadas"),
)


def reporte_xlsx(datos) -> bytes:
    """Two sheets (por área, por tipo), each ending in the total row; figures as numbers."""
    libro = Workbook(write_only=True)
    for titulo, clave, primera in (
        ("Por área", "por_area", "Área"),
        ("Por tipo", "por_tipo", "Tipo"),
    ):
        hoja = libro.create_sheet(titulo)
        periodo = f"Recibidas del {datos['desde']:%d/%m/%Y} al {datos['hasta']:%d/%m/%Y}"
        hoja.append([periodo])
        encabezado = [primera, *(c[0] for c in COLUMNAS)]
        hoja.append([_negrita(hoja, texto) for texto in encabezado])
        for fila in [*datos[clave], datos["total"]]:
            anexar(hoja, [fila["nombre"], *(fila[c[1]] for c in COLUMNAS)])
    salida = BytesIO()
    libro.save(salida)
    return salida.getvalue()


def _negrita(hoja, valor):
    celda = WriteOnlyCell(hoja, value=valor)
    celda.font = Font(bold=True)
    return celda


@requiere_alguno(*VEN_REPORTE)
def queja_reporte(request):
    inicial = {"desde": primer_dia_del_mes(hoy()), "hasta": hoy()}
    form = ReporteForm(request.GET or inicial)
    datos = reporte_quejas(**form.cleaned_data) if form.is_valid() else None
    if datos and request.GET.get("formato") == "xlsx":
        respuesta = HttpResponse(reporte_xlsx(datos), content_type=XLSX)
        nombre = f"quejas-{datos['desde']:%Y%m%d}-{datos['hasta']:%Y%m%d}.xlsx"
        respuesta["Content-Disposition"] = f'attachment; filename="{nombre}"'
        return respuesta
    contexto = {"form": form, "datos": datos, "consulta": request.GET.urlencode()}
    estado = 200 if form.is_valid() else 400
    return render(request, "cobranza/atencion/quejas/reporte.html", contexto, status=estado)


# --- páginas públicas -----------------------------------------------------------------------


def queja_publica_nueva(request):
    if request.method == "POST" and limite_excedido(request, "queja"):
        contexto = {"form": None, "mensaje": DEMASIADOS}
        return render(request, "publico/quejas/nueva.html", contexto, status=429)
    form = QuejaPublicaForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            queja = queja_registrar(
                origen=Queja.Origen.PUBLICO,
                **{c: form.cleaned_data[c] for c in ("tipo", "descripcion", "nombre", "contacto")},
            )
        except ValidationError as exc:
            errores_a_formulario(form, exc)
        else:
            # Shown once on the next page; a reload of this POST must not file it twice.
            request.session[_RECIBIDA] = {"folio": queja.folio, "clave": queja.clave}
            return redirect("cobranza:queja_publica_recibida")
    estado = 400 if request.method == "POST" else 200
    return render(request, "publico/quejas/nueva.html", {"form": form}, status=estado)


@never_cache
def queja_publica_recibida(request):
    recibida = request.session.pop(_RECIBIDA, None)
    if recibida is None:
        return redirect("cobranza:queja_publica_nueva")
    queja = Queja.objects.get(folio=recibida["folio"])
    return render(request, "publico/quejas/recibida.html", {"queja": queja, **recibida})


def _consulta(request, form, queja=None, estado=200, calificar=None, aviso="", exito=False):
    """The lookup page: the form, and the queja's state once folio and clave matched (with the
    rating form while the answer is not rated yet)."""
    if queja is not None and queja.respondida and queja.satisfaccion is None and not calificar:
        calificar = CalificarForm(initial={"folio": queja.folio, "clave": queja.clave})
    contexto = {
        "form": form,
        "queja": queja,
        "calificar": calificar,
        "aviso": aviso,
        "exito": exito,
    }
    return render(request, "publico/quejas/consulta.html", contexto, status=estado)


def _demasiadas(request):
    if limite_excedido(request, "consulta_queja", limite=LIMITE_CONSULTAS):
        contexto = {"form": None, "mensaje": DEMASIADOS}
        return render(request, "publico/quejas/consulta.html", contexto, status=429)
    return None


@never_cache
def queja_publica_consulta(request):
    if request.method != "POST":
        return _consulta(request, ConsultaPublicaForm())
    if respuesta := _demasiadas(request):
        return respuesta
    form = ConsultaPublicaForm(request.POST)
    if not form.is_valid():
        return _consulta(request, form, estado=400)
    queja = queja_por_folio_y_clave(form.cleaned_data["folio"], form.cleaned_data["clave"])
    if queja is None:
        form.add_error(None, NO_ENCONTRADO)
        return _consulta(request, form, estado=404)
    return _consulta(request, form, queja)


@never_cache
@require_POST
def queja_publica_calificar(request):
    if respuesta := _demasiadas(request):
        return respuesta
    consulta = ConsultaPublicaForm(request.POST)
    queja = None
    if consulta.is_valid():
        datos = consulta.cleaned_data
        queja = queja_por_folio_y_clave(datos["folio"], datos["clave"])
    if queja is None:
        consulta.add_error(None, NO_ENCONTRADO)
        return _consulta(request, consulta, estado=404)
    form = CalificarForm(request.POST)
    if form.is_valid():
        try:
            queja = queja_calificar(queja=queja, satisfaccion=form.cleaned_data["satisfaccion"])
        except ValidationError as exc:
            # Already rated, or not answered yet: said above the state, no form again.
            return _consulta(request, consulta, queja, estado=400, aviso=" ".join(exc.messages))
        return _consulta(request, consulta, queja, aviso=GRACIAS, exito=True)
    return _consulta(request, consulta, queja, estado=400, calificar=form)

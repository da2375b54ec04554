"""Pages of the surveys: the list, defining one (supervisor), its results with charts and the
XLSX of its raw answers (supervisor and gerencia), and the public pages where people answer
(no login): by invitation token, or on the open page of a survey marked public.

Public pages never say why a survey is unavailable (unknown token, inactive, not public):
the same neutral 404 for all."""

from io import BytesIO

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST
from openpyxl import Workbook

from cobranza.atencion.forms.encuestas import (
    EncuestaForm,
    FiltroResultadosForm,
    RespuestaForm,
    formset_de_preguntas,
)
from cobranza.atencion.graficas_encuestas import svg_pregunta
from cobranza.atencion.models import Encuesta, Pregunta
from cobranza.atencion.publico import limite_excedido
from cobranza.atencion.selectors.encuestas import (
    CANALES,
    encuestas_lista,
    invitacion_por_token,
    respuestas_crudas,
    resultados,
)
from cobranza.atencion.services.encuestas import (
    encuesta_activar,
    encuesta_actualizar,
    encuesta_crear,
    encuesta_desactivar,
    respuesta_publica_registrar,
    respuestas_registrar,
    tiene_respuestas,
)
from padron.exportar import celda_xlsx
from padron.fechas import hoy
from padron.forms import errores_a_formulario
from padron.permisos import requiere, requiere_alguno

ADMINISTRAR = "cobranza.administrar_encuestas"
CONSULTAN = (ADMINISTRAR, "cobranza.ver_reportes")
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DEMASIADOS = "Recibimos demasiados envíos desde su conexión. Intente de nuevo más tarde."


# --- list and definition ----------------------------------------------------------------------


@requiere_alguno(*CONSULTAN)
def encuestas(request):
    contexto = {
        "encuestas": encuestas_lista(),
        "puede_administrar": request.user.has_perm(ADMINISTRAR),
    }
    return render(request, "cobranza/atencion/encuestas/lista.html", contexto)


def _preguntas_del_formset(formset):
    """The filled rows for the service, and the index of each row in the formset."""
    filas, indices = [], []
    for indice, fila in enumerate(formset.forms):
        pregunta = fila.pregunta()
        if pregunta is not None:
            filas.append(pregunta)
            indices.append(indice)
    return filas, indices


def _errores_del_servicio(form, formset, indices, exc):
    """`preguntas[i].campo` goes on the i-th filled row, the rest on the survey form."""
    generales = {}
    for clave, mensajes in exc.message_dict.items():
        if clave.startswith("preguntas[") and "]." in clave:
            posicion, campo = clave[len("preguntas[") :].split("].", 1)
            formset.forms[indices[int(posicion)]].add_error(campo, mensajes)
        else:
            generales[clave] = mensajes
    if generales:
        errores_a_formulario(form, ValidationError(generales))


def _definicion(request, encuesta=None):
    """New survey, or editing one: the survey's fields and its question rows."""
    congelada = encuesta is not None and tiene_respuestas(encuesta)
    if request.method == "POST":
        form = EncuestaForm(request.POST)
        formset = (
            None
            if congelada
            else formset_de_preguntas(request.POST, mas_filas="mas_filas" in request.POST)
        )
    else:
        inicial = {}
        iniciales = None
        if encuesta is not None:
            inicial = {c: getattr(encuesta, c) for c in EncuestaForm.base_fields}
            iniciales = list(encuesta.preguntas.values("texto", "tipo", "opciones", "obligatoria"))
            for fila in iniciales:
                fila["opciones"] = "\n".join(fila["opciones"])
        form = EncuestaForm(initial=inicial)
        formset = None if congelada else formset_de_preguntas(iniciales=iniciales)
    guardar = request.method == "POST" and "mas_filas" not in request.POST
    if guardar and form.is_valid() and (formset is None or formset.is_valid()):
        filas, indices = ([], []) if formset is None else _preguntas_del_formset(formset)
        try:
            if encuesta is None:
                encuesta = encuesta_crear(
                    **form.cleaned_data, preguntas=filas, usuario=request.user
                )
                messages.success(request, f"Encuesta «{encuesta.nombre}» creada.")
            else:
                encuesta = encuesta_actualizar(
                    encuesta=encuesta, **form.cleaned_data, preguntas=None if congelada else filas
                )
                messages.success(request, f"Encuesta «{encuesta.nombre}» guardada.")
        except ValidationError as exc:
            _errores_del_servicio(form, formset, indices, exc)
        else:
            return redirect("cobranza:encuesta", pk=encuesta.pk)
    contexto = {"form": form, "formset": formset, "encuesta": encuesta, "congelada": congelada}
    estado = 400 if guardar else 200
    return render(request, "cobranza/atencion/encuestas/definicion.html", contexto, status=estado)


@requiere(ADMINISTRAR)
def encuesta_nueva(request):
    return _definicion(request)


@requiere(ADMINISTRAR)
def encuesta_editar(request, pk):
    return _definicion(request, get_object_or_404(Encuesta, pk=pk))


@requiere(ADMINISTRAR)
@require_POST
def encuesta_activa(request, pk):
    encuesta = get_object_or_404(Encuesta, pk=pk)
    if request.POST.get("activa") == "1":
        encuesta_activar(encuesta=encuesta)
        messages.success(request, f"Encuesta «{encuesta.nombre}» activada.")
    else:
        encuesta_desactivar(encuesta=encuesta)
        messages.success(request, f"Encuesta «{encuesta.nombre}» desactivada.")
    return redirect("cobranza:encuestas")


# --- results and export -----------------------------------------------------------------------


def _filtros(request, encuesta):
    """The period (since the survey was created until today, by default) and the channel."""
    form = FiltroResultadosForm(request.GET)
    if not form.is_valid():
        return form, None
    datos = form.cleaned_data
    desde = datos["desde"] or timezone.localdate(encuesta.creada)
    hasta = datos["hasta"] or hoy()
    return form, {"desde": desde, "hasta": hasta, "canal": datos["canal"] or None}


@requiere_alguno(*CONSULTAN)
def encuesta_resultados(request, pk):
    encuesta = get_object_or_404(Encuesta, pk=pk)
    form, filtros = _filtros(request, encuesta)
    datos = resultados(encuesta, **filtros) if filtros else None
    # Free text has no chart: its latest comments are listed instead.
    preguntas = [
        (r, "" if r.pregunta.tipo == Pregunta.Tipo.TEXTO else svg_pregunta(r))
        for r in (datos.preguntas if datos else [])
    ]
    contexto = {
        "encuesta": encuesta,
        "form": form,
        "datos": datos,
        "preguntas": preguntas,
        "consulta": request.GET.urlencode(),
        "puede_administrar": request.user.has_perm(ADMINISTRAR),
    }
    estado = 200 if filtros else 400
    return render(request, "cobranza/atencion/encuestas/resultados.html", contexto, status=estado)


def _celda(hoja, valor, negrita=False):
    return celda_xlsx(hoja, valor, negrita=negrita)  # what a person typed is never a formula


def respuestas_xlsx(encuesta, **filtros) -> bytes:
    """One row per answered invitation (folio, fecha, canal, cuenta), one column per question;
    scale answers as numbers so the sheet can average them."""
    preguntas = list(encuesta.preguntas.order_by("orden"))
    libro = Workbook(write_only=True)
    hoja = libro.create_sheet("Respuestas")
    encabezados = ["Folio", "Respondida", "Canal", "Cuenta", *(p.texto for p in preguntas)]
    hoja.append([_celda(hoja, e, negrita=True) for e in encabezados])
    for pk, respondida, canal, cuenta, valores in respuestas_crudas(encuesta, **filtros):
        fila = [pk, timezone.localtime(respondida).replace(tzinfo=None), CANALES[canal], cuenta]
        for pregunta in preguntas:
            valor = valores.get(pregunta.pk)
            if valor and pregunta.tipo == Pregunta.Tipo.ESCALA:
                valor = int(valor)
            elif valor and pregunta.tipo == Pregunta.Tipo.SI_NO:
                valor = "Sí" if valor == "si" else "No"
            fila.append(valor)
        celdas = [_celda(hoja, v) for v in fila]
        celdas[1].number_format = "dd/mm/yyyy hh:mm"
        hoja.append(celdas)
    salida = BytesIO()
    libro.save(salida)
    return salida.getvalue()


@requiere_alguno(*CONSULTAN)
def encuesta_respuestas_xlsx(request, pk):
    encuesta = get_object_or_404(Encuesta, pk=pk)
    form, filtros = _filtros(request, encuesta)
    if not filtros:
        destino = reverse("cobranza:encuesta", kwargs={"pk": encuesta.pk})
        return redirect(f"{destino}?{request.GET.urlencode()}")
    respuesta = HttpResponse(respuestas_xlsx(encuesta, **filtros), content_type=XLSX)
    nombre = f"encuesta-{encuesta.pk}-{filtros['desde']:%Y%m%d}-{filtros['hasta']:%Y%m%d}.xlsx"
    respuesta["Content-Disposition"] = f'attachment; filename="{nombre}"'
    return respuesta


# --- public pages -----------------------------------------------------------------------------


def _no_disponible(request):
    return render(request, "publico/encuestas/no_disponible.html", status=404)


def _formulario(request, encuesta, form, estado=200):
    contexto = {"encuesta": encuesta, "form": form}
    return render(request, "publico/encuestas/responder.html", contexto, status=estado)


def _gracias(request, encuesta, recien=False):
    contexto = {"encuesta": encuesta, "recien": recien}
    return render(request, "publico/encuestas/gracias.html", contexto)


@never_cache
def encuesta_responder(request, token):
    """An invitation's page (after an attention, or the link of a notice). No rate limit: at
    ventanilla every answer comes from the institution's one address, and the token itself
    (128 random bits or more) is what lets one in."""
    invitacion = invitacion_por_token(token)
    if invitacion is None or not invitacion.encuesta.activa:
        return _no_disponible(request)
    encuesta = invitacion.encuesta
    if invitacion.respondida:
        return _gracias(request, encuesta)
    preguntas = encuesta.preguntas.all()
    form = RespuestaForm(request.POST or None, preguntas=preguntas)
    if request.method != "POST":
        return _formulario(request, encuesta, form)
    if form.is_valid():
        try:
            respuestas_registrar(invitacion=invitacion, valores=form.valores())
        except ValidationError as exc:
            if getattr(exc, "code", None) == "respondida":
                return _gracias(request, encuesta)
            errores_a_formulario(form, exc)
        else:
            return _gracias(request, encuesta, recien=True)
    return _formulario(request, encuesta, form, estado=400)


@never_cache
def encuesta_abierta(request, pk):
    """A public survey's open page: showing it creates nothing; sending it creates the
    invitation (canal publica) and its answers at once."""
    encuesta = Encuesta.objects.filter(pk=pk, activa=True, publica=True).first()
    if encuesta is None:
        return _no_disponible(request)
    if request.method == "POST" and limite_excedido(request, "encuesta"):
        contexto = {"encuesta": encuesta, "form": None, "mensaje": DEMASIADOS}
        return render(request, "publico/encuestas/responder.html", contexto, status=429)
    form = RespuestaForm(request.POST or None, preguntas=encuesta.preguntas.all())
    if request.method != "POST":
        return _formulario(request, encuesta, form)
    if form.is_valid():
        try:
            respuesta_publica_registrar(encuesta=encuesta, valores=form.valores())
        except ValidationError as exc:
            errores_a_formulario(form, exc)
        else:
            return _gracias(request, encuesta, recien=True)
    return _formulario(request, encuesta, form, estado=400)

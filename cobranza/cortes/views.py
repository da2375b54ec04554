"""Pages of the listas de corte (supervisor): criteria → preview → generate; the list with
its orders by route, who was left out and by which rule, the assignment of routes to
cortadores and the PDF per cortador; the protection rules with their history; and the
cortador's phone page."""

import hashlib
import json
from pathlib import Path

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.contrib.staticfiles import finders
from django.contrib.staticfiles.storage import staticfiles_storage
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.templatetags.static import static
from django.urls import reverse
from django.views.decorators.csrf import ensure_csrf_cookie
from django.views.decorators.http import require_GET

from cobranza.cortes.documentos import ordenes_cortador_pdf
from cobranza.cortes.filtros import (
    COLUMNAS_LISTAS,
    COLUMNAS_ORDENES,
    ListasFiltro,
    OrdenesFiltro,
)
from cobranza.cortes.forms import AsignacionForm, CriteriosForm, ReglaProteccionForm
from cobranza.cortes.selectors import (
    conteos_por_estado,
    cortadores_de_lista,
    exclusiones_de_lista,
    exclusiones_resumen,
    listas_corte,
    ordenes_de_lista,
    reglas_proteccion,
    rutas_de_lista,
)
from cobranza.cortes.services.listas import (
    corte_criterios,
    corte_vista_previa,
    es_cortador,
    etiqueta_motivo,
    lista_corte_generar,
    ordenes_asignar,
    regla_proteccion_guardar,
)
from cobranza.models import OrdenCorte, ReglaProteccion
from padron.fechas import hoy
from padron.forms import errores_a_formulario
from padron.listados import Listado
from padron.pdf import respuesta_pdf
from padron.permisos import requiere
from padron.personas import nombre_persona
from padron.selectors import historial, historial_registros
from padron.texto import cantidad

SUPERVISA = "cobranza.generar_lista_corte"
POR_PAGINA = 50


def _consulta_sin(request, *parametros):
    consulta = request.GET.copy()
    for parametro in parametros:
        consulta.pop(parametro, None)
    return consulta.urlencode()


@requiere(SUPERVISA)
def cortes(request):
    listado = Listado(
        request,
        listas_corte(),
        filtros=ListasFiltro,
        columnas=COLUMNAS_LISTAS,
        orden="-generada",
        por_pagina=25,
        sustantivo=("lista", "listas"),
    )
    return render(request, "cobranza/cortes/listas.html", {"listado": listado})


@requiere(SUPERVISA)
def corte_nueva(request):
    """Criteria, then the preview (counts, total, who is left out), then generate."""
    form = CriteriosForm(request.POST or None)
    vista_previa = None
    if request.method == "POST" and form.is_valid():
        try:
            criterios = corte_criterios(form.datos())
            if request.POST.get("accion") == "generar":
                lista = lista_corte_generar(criterios=criterios, usuario=request.user)
                messages.success(
                    request,
                    f"Lista de corte {lista.folio} generada: "
                    f"{cantidad(lista.ordenes, 'orden', 'órdenes')}, "
                    f"{cantidad(lista.excluidas, 'cuenta excluida', 'cuentas excluidas')}.",
                )
                return redirect("cobranza:corte_lista", folio=lista.folio)
            vista_previa = corte_vista_previa(criterios)
        except ValidationError as exc:
            errores_a_formulario(form, exc)
    return render(
        request,
        "cobranza/cortes/nueva.html",
        {"form": form, "vista_previa": vista_previa, "dia": hoy()},
    )


def _asignar(request, lista, form):
    if not form.is_valid():
        return False
    sector, ruta = form.sector_ruta()
    try:
        asignadas = ordenes_asignar(
            lista=lista,
            cortador=form.cleaned_data["cortador"],
            sector=sector,
            ruta=ruta,
            asignado_por=request.user,
        )
    except ValidationError as exc:
        errores_a_formulario(form, exc, destinos={"sector": "ruta"})
        return False
    cortador = form.cleaned_data["cortador"]
    messages.success(
        request,
        f"{cantidad(asignadas, 'orden asignada', 'órdenes asignadas')} a "
        f"{nombre_persona(cortador)}.",
    )
    return True


@requiere(SUPERVISA)
def corte_lista(request, folio):
    lista = get_object_or_404(listas_corte(), folio=folio)
    rutas = rutas_de_lista(lista)
    form = AsignacionForm(rutas, request.POST or None)
    if request.method == "POST" and _asignar(request, lista, form):
        return redirect("cobranza:corte_lista", folio=lista.folio)
    ordenes = Listado(
        request,
        ordenes_de_lista(lista),
        filtros=OrdenesFiltro,
        columnas=COLUMNAS_ORDENES,
        orden="ruta",
        por_pagina=POR_PAGINA,
        sustantivo=("orden", "órdenes"),
    )
    motivo = request.GET.get("motivo", "")
    exclusiones = Paginator(exclusiones_de_lista(lista, motivo=motivo), POR_PAGINA).get_page(
        request.GET.get("pagina_exclusiones")
    )
    _con_etiquetas(exclusiones)
    return render(
        request,
        "cobranza/cortes/lista.html",
        {
            "lista": lista,
            "conteos": conteos_por_estado(lista),
            "rutas": rutas,
            "form": form,
            "cortadores": cortadores_de_lista(lista),
            "ordenes": ordenes,
            "resumen_exclusiones": exclusiones_resumen(lista),
            "exclusiones": exclusiones,
            "motivo": motivo,
            "consulta_exclusiones": _consulta_sin(request, "pagina_exclusiones"),
        },
    )


def _con_etiquetas(pagina):
    pagina.object_list = list(pagina.object_list)
    for exclusion in pagina.object_list:
        exclusion.etiqueta = etiqueta_motivo(exclusion.motivo)
    return pagina


@login_required
def corte_pdf_cortador(request, folio, cortador):
    """The supervisor prints any cortador's orders; a cortador may print its own."""
    cortador = int(cortador)
    propio = request.user.pk == cortador and es_cortador(request.user)
    if not (request.user.has_perm(SUPERVISA) or propio):
        raise PermissionDenied("No tiene permiso para ver esta página.")
    lista = get_object_or_404(listas_corte(), folio=folio)
    usuario = get_object_or_404(get_user_model(), pk=cortador)
    contenido = ordenes_cortador_pdf(lista=lista, cortador=usuario)
    return respuesta_pdf(contenido, f"ordenes-{lista.folio}-{usuario.username}.pdf")


# --- protection rules -----------------------------------------------------------------------


@requiere(SUPERVISA)
def reglas(request):
    return render(
        request,
        "cobranza/cortes/reglas.html",
        {"reglas": reglas_proteccion(), "dia": hoy()},
    )


def _guardar_regla(request, form, regla=None):
    try:
        return regla_proteccion_guardar(
            regla=regla,
            datos=form.datos(),
            carteras=form.cleaned_data["carteras"],
            usuario=request.user,
            motivo=form.cleaned_data.get("motivo", ""),
        )
    except ValidationError as exc:
        errores_a_formulario(form, exc)
        return None


@requiere(SUPERVISA)
def regla_nueva(request):
    form = ReglaProteccionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        regla = _guardar_regla(request, form)
        if regla is not None:
            messages.success(request, f"Regla «{regla.nombre}» guardada.")
            return redirect("cobranza:reglas_proteccion")
    return render(request, "cobranza/cortes/regla.html", {"form": form, "regla": None})


@requiere(SUPERVISA)
def regla_editar(request, pk):
    regla = get_object_or_404(ReglaProteccion, pk=pk)
    form = ReglaProteccionForm(
        request.POST or None, initial=ReglaProteccionForm.inicial(regla), editar=True
    )
    guardada = request.method == "POST" and form.is_valid() and _guardar_regla(request, form, regla)
    if guardada:
        messages.success(request, f"Regla «{guardada.nombre}» guardada.")
        return redirect("cobranza:reglas_proteccion")
    entradas = historial(historial_registros(regla)[:51], ReglaProteccion, cuantos=50)
    return render(
        request,
        "cobranza/cortes/regla.html",
        {"form": form, "regla": regla, "entradas": entradas},
    )


# --- the cortador's phone page: its route, usable without signal ---
#
# The page is a shell; static/js/cortador.js downloads the route from the API, keeps it and
# the results recorded offline in the phone (localStorage), and sends them when the signal
# returns. The service worker (static/js/sw.js, served under /cortador/ so that its scope
# covers the page) keeps the shell itself, so a reload in the street still shows the route.
# A folio never contains this: the page replaces it with the order's folio.
MARCA_FOLIO = "__folio__"


@requiere("cobranza.registrar_resultado_corte")
@ensure_csrf_cookie
def ruta(request):
    return render(
        request,
        "cobranza/cortes/cortador.html",
        {
            "motivos": [{"valor": v, "texto": t} for v, t in OrdenCorte.Motivo.choices],
            "url_resultado": reverse("api:cortador-resultado", args=[MARCA_FOLIO]),
            "marca_folio": MARCA_FOLIO,
        },
    )


def _codigo_sw():
    ruta = finders.find("js/sw.js")
    if ruta:
        return Path(ruta).read_text(encoding="utf-8")
    with staticfiles_storage.open("js/sw.js") as archivo:
        return archivo.read().decode("utf-8")


@require_GET
def service_worker(request):
    """The service worker, with the files it must keep (their static URLs may carry a hash);
    its version changes with them, so the phones pick up a new page."""
    precarga = [reverse("cobranza:cortador_ruta"), static("css/app.css"), static("js/cortador.js")]
    codigo = _codigo_sw()
    version = hashlib.sha256((json.dumps(precarga) + codigo).encode()).hexdigest()[:12]
    respuesta = HttpResponse(
        f"self.PRECARGA = {json.dumps(precarga)};\nself.VERSION = {json.dumps(version)};\n"
        + codigo,
        content_type="application/javascript; charset=utf-8",
    )
    respuesta["Service-Worker-Allowed"] = reverse("cobranza:cortador_ruta")
    respuesta["Cache-Control"] = "no-cache"
    return respuesta

"""Pages of the padrón (/padron/...): carteras, titulares, cuentas, import, depuración."""

import copy
from pathlib import Path

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import NoReverseMatch, reverse
from django.views.decorators.http import require_POST

from padron import selectors
from padron.forms import (
    CAMPOS_CUENTA_AGUA,
    CAMPOS_CUENTA_CREDITO,
    CAMPOS_CUENTA_GENERALES,
    CarteraForm,
    CarteraNuevaForm,
    CondicionEspecialForm,
    CuentaAltaForm,
    CuentaEditarForm,
    DepuracionForm,
    TitularEditarForm,
    TitularForm,
    errores_a_formulario,
)
from padron.models import Cartera, CondicionEspecial, Cuenta, Titular
from padron.permisos import puede_ver_todas_las_cuentas, requiere
from padron.services import (
    cartera_actualizar,
    cartera_crear,
    condicion_especial_registrar,
    cuenta_actualizar,
    cuenta_crear,
    titular_actualizar,
    titular_crear,
)

POR_PAGINA = 25


def _redirigir_a_cuenta(numero):
    """The account page (cobranza) when it exists; the history page otherwise."""
    try:
        return redirect(reverse("cobranza:cuenta", args=[numero]))
    except NoReverseMatch:
        return redirect("padron:cuenta_historial", numero=numero)


def _exigir_todas_las_cuentas(usuario):
    # Who only sees assigned accounts (abogado externo) must not browse the padrón.
    if not puede_ver_todas_las_cuentas(usuario):
        raise Http404("No encontrado.")


def _grupos(form, secciones):
    return [(titulo, [form[c] for c in campos if c in form.fields]) for titulo, campos in secciones]


SECCIONES_CUENTA = (
    ("Cuenta", CAMPOS_CUENTA_GENERALES),
    ("Predio y servicios (agua)", CAMPOS_CUENTA_AGUA),
    ("Crédito educativo", CAMPOS_CUENTA_CREDITO),
)


@requiere("padron.editar_padron")
def inicio(request):
    return render(request, "padron/inicio.html")


# --- carteras -----------------------------------------------------------------------------


@requiere("padron.editar_carteras")
def carteras(request):
    return render(request, "padron/carteras.html", {"carteras": selectors.carteras_lista()})


@requiere("padron.editar_carteras")
def cartera_nueva(request):
    form = CarteraNuevaForm(request.POST or None, request.FILES or None, instance=Cartera())
    if request.method == "POST" and form.is_valid():
        try:
            cartera = cartera_crear(
                clave=form.cleaned_data["clave"],
                datos=form.datos(),
                motivo=form.cleaned_data["motivo"],
                usuario=request.user,
            )
        except ValidationError as exc:
            errores_a_formulario(form, exc, destinos={"prelacion": "prelacion_1"})
        else:
            messages.success(request, f"Cartera «{cartera.nombre}» creada.")
            return redirect("padron:carteras")
    return render(request, "padron/cartera_editar.html", {"cartera": None, "form": form})


@requiere("padron.editar_carteras")
def cartera_editar(request, clave):
    cartera = get_object_or_404(Cartera, clave=clave)
    # The form validates a copy: the service compares against the stored row.
    form = CarteraForm(request.POST or None, request.FILES or None, instance=copy.copy(cartera))
    if request.method == "POST" and form.is_valid():
        try:
            cartera_actualizar(
                cartera=cartera,
                datos=form.datos(),
                motivo=form.cleaned_data["motivo"],
                usuario=request.user,
            )
        except ValidationError as exc:
            errores_a_formulario(form, exc, destinos={"prelacion": "prelacion_1"})
        else:
            messages.success(request, f"Cartera «{cartera.nombre}» guardada.")
            return redirect("padron:carteras")
    return render(request, "padron/cartera_editar.html", {"cartera": cartera, "form": form})


# --- titulares ----------------------------------------------------------------------------


def _pagina_titular(request, titular_id, condicion_form=None, estado=200):
    try:
        titular = selectors.titular_detalle(pk=titular_id)
    except Titular.DoesNotExist as exc:
        raise Http404("No existe ese titular.") from exc
    contexto = {
        "titular": titular,
        "condicion_form": condicion_form or CondicionEspecialForm(),
        "puede_editar": request.user.has_perm("padron.editar_padron"),
    }
    return render(request, "padron/titular.html", contexto, status=estado)


@requiere("padron.ver_padron")
def titular(request, pk):
    _exigir_todas_las_cuentas(request.user)
    return _pagina_titular(request, pk)


@requiere("padron.editar_padron")
def titular_editar(request, pk):
    titular = get_object_or_404(Titular, pk=pk)
    form = TitularEditarForm(request.POST or None, instance=copy.copy(titular))
    if request.method == "POST" and form.is_valid():
        try:
            titular_actualizar(
                titular=titular,
                datos=form.datos(),
                motivo=form.cleaned_data["motivo"],
                usuario=request.user,
            )
        except ValidationError as exc:
            errores_a_formulario(form, exc)
        else:
            messages.success(request, "Datos del titular guardados.")
            return redirect("padron:titular", pk=titular.pk)
    return render(request, "padron/titular_editar.html", {"titular": titular, "form": form})


@require_POST
@requiere("padron.editar_padron")
def condicion_registrar(request, pk):
    titular = get_object_or_404(Titular, pk=pk)
    form = CondicionEspecialForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            condicion = condicion_especial_registrar(
                titular=titular, usuario=request.user, **form.cleaned_data
            )
        except ValidationError as exc:
            errores_a_formulario(form, exc)
        else:
            messages.success(request, f"Condición «{condicion.get_tipo_display()}» registrada.")
            return redirect("padron:titular", pk=titular.pk)
    return _pagina_titular(request, titular.pk, condicion_form=form, estado=400)


@requiere("padron.ver_padron")
def condicion_evidencia(request, pk):
    """The evidence file, only to who may see the padrón (it holds personal data)."""
    _exigir_todas_las_cuentas(request.user)
    condicion = get_object_or_404(CondicionEspecial, pk=pk)
    if not condicion.evidencia:
        raise Http404("La condición no tiene archivo de evidencia.")
    nombre = Path(condicion.evidencia.name).name
    return FileResponse(condicion.evidencia.open("rb"), as_attachment=False, filename=nombre)


# --- cuentas ------------------------------------------------------------------------------


@requiere("padron.editar_padron")
def cuenta_nueva(request):
    inicial = {}
    if request.GET.get("titular", "").isdigit():
        inicial["titular"] = request.GET["titular"]
    cuenta_form = CuentaAltaForm(request.POST or None, prefix="cuenta", initial=inicial)
    titular_form = TitularForm(request.POST or None, prefix="titular")
    if request.method == "POST" and cuenta_form.is_valid():
        existente = cuenta_form.cleaned_data["titular"]
        if existente is not None or titular_form.is_valid():
            try:
                with transaction.atomic():
                    titular = existente or titular_crear(
                        datos=titular_form.datos(), usuario=request.user
                    )
                    cuenta = cuenta_crear(
                        datos={**cuenta_form.datos(), "titular": titular}, usuario=request.user
                    )
            except ValidationError as exc:
                # The titular's own errors come first, the cuenta's after.
                campos = set(exc.message_dict) if hasattr(exc, "error_dict") else set()
                if existente is None and campos & set(titular_form.fields):
                    errores_a_formulario(titular_form, exc)
                else:
                    errores_a_formulario(cuenta_form, exc)
            else:
                messages.success(request, f"Cuenta {cuenta.numero} dada de alta.")
                return _redirigir_a_cuenta(cuenta.numero)
    contexto = {
        "cuenta_form": cuenta_form,
        "titular_form": titular_form,
        "grupos": _grupos(
            cuenta_form,
            (("Cuenta", ["numero", "titular", *CAMPOS_CUENTA_GENERALES]),) + SECCIONES_CUENTA[1:],
        ),
    }
    return render(request, "padron/cuenta_nueva.html", contexto)


@requiere("padron.editar_padron")
def cuenta_editar(request, numero):
    cuenta = get_object_or_404(Cuenta.objects.select_related("titular", "cartera"), numero=numero)
    form = CuentaEditarForm(request.POST or None, instance=copy.copy(cuenta))
    if request.method == "POST" and form.is_valid():
        try:
            cuenta_actualizar(
                cuenta=cuenta,
                datos=form.datos(),
                motivo=form.cleaned_data["motivo"],
                usuario=request.user,
            )
        except ValidationError as exc:
            errores_a_formulario(form, exc)
        else:
            messages.success(request, f"Cuenta {cuenta.numero} guardada.")
            return _redirigir_a_cuenta(cuenta.numero)
    contexto = {"cuenta": cuenta, "form": form, "grupos": _grupos(form, SECCIONES_CUENTA)}
    return render(request, "padron/cuenta_editar.html", contexto)


# --- history --------------------------------------------------------------------------------


def _historial(request, instancia, modelo, titulo, plantilla_contexto):
    registros = selectors.historial_registros(instancia)
    pagina = Paginator(registros, POR_PAGINA).get_page(request.GET.get("pagina"))
    inicio = (pagina.number - 1) * POR_PAGINA
    # One record more than the page: the state before its oldest change.
    entradas = selectors.historial(
        registros[inicio : inicio + POR_PAGINA + 1], modelo, cuantos=POR_PAGINA
    )
    contexto = {"titulo": titulo, "pagina": pagina, "entradas": entradas, **plantilla_contexto}
    return render(request, "padron/historial.html", contexto)


@requiere("padron.ver_padron")
def cuenta_historial(request, numero):
    _exigir_todas_las_cuentas(request.user)
    cuenta = get_object_or_404(Cuenta.objects.select_related("titular"), numero=numero)
    return _historial(
        request,
        cuenta,
        Cuenta,
        f"Historial de la cuenta {cuenta.numero}",
        {"cuenta": cuenta, "titular": cuenta.titular},
    )


@requiere("padron.ver_padron")
def titular_historial(request, pk):
    _exigir_todas_las_cuentas(request.user)
    titular = get_object_or_404(Titular, pk=pk)
    return _historial(
        request, titular, Titular, f"Historial de {titular.nombre_completo}", {"titular": titular}
    )


# --- depuración --------------------------------------------------------------------------------


@requiere("padron.depurar_padron")
def depuracion(request):
    form = DepuracionForm(request.GET or None)
    meses, cartera = 12, None
    if form.is_valid():
        meses = form.cleaned_data["meses"] or 12
        cartera = form.cleaned_data["cartera"]
    grupos = selectors.depuracion_duplicados(cartera=cartera)
    pagina_duplicados = Paginator(grupos, POR_PAGINA).get_page(request.GET.get("pagina_duplicados"))
    selectors.duplicados_con_miembros(pagina_duplicados.object_list, cartera=cartera)
    sin_movimiento = selectors.depuracion_sin_movimiento(meses=meses, cartera=cartera)
    pagina_inactivas = Paginator(sin_movimiento, POR_PAGINA).get_page(
        request.GET.get("pagina_inactivas")
    )
    parametros = request.GET.copy()
    contexto = {
        "form": form,
        "meses": meses,
        "cartera": cartera,
        "pagina_duplicados": pagina_duplicados,
        "pagina_inactivas": pagina_inactivas,
        "consulta_duplicados": _sin(parametros, "pagina_duplicados"),
        "consulta_inactivas": _sin(parametros, "pagina_inactivas"),
    }
    return render(request, "padron/depuracion.html", contexto)


def _sin(parametros, clave):
    copia = parametros.copy()
    copia.pop(clave, None)
    return copia.urlencode()

"""Pages of collection work: register a gestión on a cuenta, the cuenta's timeline, my
recados (and taking one for someone else), and the supervisor's list of promesas.

Cuentas only through cuentas_visibles (404 otherwise); each page calls one service.
"""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from cobranza.gestiones.filtros import COLUMNAS, GestionesFiltro, gestiones_visibles
from cobranza.gestiones.linea_de_tiempo import ULTIMOS
from cobranza.gestiones.linea_de_tiempo import linea_de_tiempo as eventos_de
from cobranza.gestiones.services import (
    destinatarios_de_recados,
    gestion_registrar,
    promesas_consultar,
    recado_marcar_leido,
    recado_tomar,
    recados_de,
)
from cobranza.libro.selectors import cuentas_visibles
from cobranza.models import Gestion, PromesaPago, Recado
from padron.dinero import formato_pesos
from padron.fechas import hoy
from padron.forms import errores_a_formulario
from padron.listados import Listado
from padron.permisos import requiere

POR_PAGINA = 50
FECHA = forms.DateInput(format="%d/%m/%Y", attrs={"placeholder": "dd/mm/aaaa"})


def _cuenta(request, numero):
    return get_object_or_404(cuentas_visibles(request.user), numero=numero)


def _sin_pagina(request):
    consulta = request.GET.copy()
    consulta.pop("pagina", None)
    return consulta.urlencode()


# --- gestión ------------------------------------------------------------------------------


class GestionForm(forms.Form):
    tipo = forms.ChoiceField(
        label="Tipo",
        choices=[("", "Elija…"), *Gestion.Tipo.choices],
        error_messages={"required": "Elija el tipo de gestión."},
    )
    resultado = forms.ChoiceField(
        label="Resultado",
        choices=[("", "Elija…"), *Gestion.Resultado.choices],
        error_messages={"required": "Elija el resultado de la gestión."},
    )
    notas = forms.CharField(label="Notas", required=False, widget=forms.Textarea(attrs={"rows": 3}))
    # Checked by the service (one place for the rule); the form only carries them.
    promesa_monto = forms.CharField(
        label="Monto prometido",
        required=False,
        widget=forms.TextInput(attrs={"inputmode": "decimal"}),
    )
    promesa_fecha = forms.DateField(
        label="Fecha prometida",
        required=False,
        widget=FECHA,
        error_messages={"invalid": "Fecha no válida; use dd/mm/aaaa."},
    )


@requiere("cobranza.registrar_gestion")
def gestion_nueva(request, numero):
    cuenta = _cuenta(request, numero)
    form = GestionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        datos = form.cleaned_data
        try:
            gestion = gestion_registrar(cuenta=cuenta, usuario=request.user, **datos)
        except ValidationError as exc:
            errores_a_formulario(form, exc)
        else:
            texto = f"Gestión registrada: {gestion.get_tipo_display()}, {gestion.get_resultado_display()}."
            if datos["resultado"] == Gestion.Resultado.PROMESA:
                texto += (
                    f" Promesa de {formato_pesos(gestion.promesa.monto)} "
                    f"al {gestion.promesa.fecha_compromiso:%d/%m/%Y}."
                )
            messages.success(request, texto)
            return redirect("cobranza:cuenta", numero=cuenta.numero)
    estado = 400 if request.method == "POST" else 200
    contexto = {"cuenta": cuenta, "form": form}
    return render(request, "cobranza/gestiones/nueva.html", contexto, status=estado)


# --- línea de tiempo ------------------------------------------------------------------------

TIPOS_DE_EVENTO = {
    "cargo": "Cargos",
    "pago": "Pagos",
    "reversion": "Reversiones",
    "ajuste": "Ajustes",
    "gestion": "Gestiones",
    "recado": "Recados",
    "negociacion": "Negociaciones",
    "convenio": "Convenios",
    "pec": "PEC",
    "corte": "Cortes",
}


@requiere("padron.ver_padron")
def linea_de_tiempo(request, numero):
    cuenta = _cuenta(request, numero)
    if request.GET.get("parcial"):
        # The account page's «Últimos movimientos», fetched when opened.
        eventos = eventos_de(cuenta, limite=ULTIMOS)
        return render(request, "cobranza/gestiones/_eventos.html", {"eventos": eventos})
    eventos = eventos_de(cuenta)
    tipo = request.GET.get("tipo", "")
    tipos = sorted({e.tipo for e in eventos}, key=list(TIPOS_DE_EVENTO).index)
    if tipo:
        eventos = [e for e in eventos if e.tipo == tipo]
    contexto = {
        "cuenta": cuenta,
        "eventos": eventos,
        "tipo": tipo,
        "tipos": [(t, TIPOS_DE_EVENTO.get(t, t)) for t in tipos],
    }
    return render(request, "cobranza/gestiones/linea_de_tiempo.html", contexto)


# --- recados --------------------------------------------------------------------------------


class DestinatarioField(forms.ModelChoiceField):
    def label_from_instance(self, usuario):
        return usuario.get_full_name() or usuario.username


class RecadoForm(forms.Form):
    para = DestinatarioField(
        label="Para",
        queryset=destinatarios_de_recados(),
        empty_label="Elija…",
        error_messages={
            "required": "Elija para quién es el recado.",
            "invalid_choice": "Elija a un usuario activo del sistema.",
        },
    )
    de = forms.CharField(
        label="De parte de",
        max_length=200,
        error_messages={"required": "Indique de parte de quién."},
    )
    telefono = forms.CharField(
        label="Teléfono para devolver la llamada", max_length=30, required=False
    )
    cuenta = forms.CharField(label="Cuenta (opcional)", max_length=30, required=False)
    mensaje = forms.CharField(
        label="Mensaje",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Escriba el mensaje."},
    )


def _recado_tomar(request, form):
    datos = form.cleaned_data
    cuenta = None
    if datos["cuenta"]:
        cuenta = cuentas_visibles(request.user).filter(numero=datos["cuenta"].strip()).first()
        if cuenta is None:
            form.add_error("cuenta", "No existe esa cuenta o no está a su alcance.")
            return None
    try:
        return recado_tomar(
            para=datos["para"],
            de=datos["de"],
            telefono=datos["telefono"],
            mensaje=datos["mensaje"],
            tomado_por=request.user,
            cuenta=cuenta,
        )
    except ValidationError as exc:
        errores_a_formulario(form, exc)
        return None


@requiere()
def recados(request):
    """My recados (unread first) and, for who logs calls, the form to take one."""
    puede_tomar = request.user.has_perm("cobranza.registrar_gestion")
    if request.method == "POST" and not puede_tomar:
        raise PermissionDenied("No tiene permiso para tomar recados.")
    form = None
    if puede_tomar:
        form = RecadoForm(request.POST or None, initial={"cuenta": request.GET.get("cuenta", "")})
    if request.method == "POST" and form.is_valid():
        recado = _recado_tomar(request, form)
        if recado:
            para = recado.para.get_full_name() or recado.para.username
            messages.success(request, f"Recado para {para} guardado; lo verá al entrar.")
            return redirect("cobranza:recados")
    pagina = Paginator(recados_de(request.user), POR_PAGINA).get_page(request.GET.get("pagina"))
    tomados = (
        Recado.objects.filter(tomado_por=request.user)
        .exclude(para=request.user)
        .select_related("para", "cuenta")
        .order_by("-fecha", "-id")[:10]
    )
    contexto = {"pagina": pagina, "form": form, "tomados": tomados, "parametro": "pagina"}
    estado = 400 if request.method == "POST" else 200
    return render(request, "cobranza/gestiones/recados.html", contexto, status=estado)


@require_POST
@requiere()
def recado_leido(request, pk):
    recado = get_object_or_404(Recado, pk=pk, para=request.user)
    recado_marcar_leido(recado=recado, usuario=request.user)
    return redirect("cobranza:recados")


# --- promesas -------------------------------------------------------------------------------


class PromesasFiltroForm(forms.Form):
    estado = forms.ChoiceField(
        label="Estado",
        required=False,
        choices=[("", "Vigentes e incumplidas"), *PromesaPago.Estado.choices],
    )
    desde = forms.DateField(
        label="Fecha prometida desde",
        required=False,
        widget=FECHA,
        error_messages={"invalid": "Fecha no válida; use dd/mm/aaaa."},
    )
    hasta = forms.DateField(
        label="hasta",
        required=False,
        widget=FECHA,
        error_messages={"invalid": "Fecha no válida; use dd/mm/aaaa."},
    )
    gestor = DestinatarioField(
        label="Gestor", required=False, queryset=destinatarios_de_recados(), empty_label="Todos"
    )


@requiere("cobranza.registrar_gestion")
def promesas(request):
    form = PromesasFiltroForm(request.GET or None)
    filtros = form.cleaned_data if form.is_valid() else {}
    lista = promesas_consultar(
        cuentas=cuentas_visibles(request.user),
        estado=filtros.get("estado", ""),
        desde=filtros.get("desde"),
        hasta=filtros.get("hasta"),
        gestor=filtros.get("gestor"),
    )
    pagina = Paginator(lista, POR_PAGINA).get_page(request.GET.get("pagina"))
    contexto = {
        "form": form,
        "pagina": pagina,
        "hoy": hoy(),
        "consulta": _sin_pagina(request),
        "parametro": "pagina",
    }
    return render(request, "cobranza/gestiones/promesas.html", contexto)


# --- la lista de gestiones ----------------------------------------------------------------


@requiere("padron.ver_padron")
def gestiones(request):
    """Every gestión of the cuentas the user may see, filtered and sorted, newest first."""
    listado = Listado(
        request,
        gestiones_visibles(request.user),
        filtros=GestionesFiltro,
        columnas=COLUMNAS,
        orden="-fecha",
        sustantivo=("gestión", "gestiones"),
    )
    return render(request, "cobranza/gestiones/gestiones.html", {"listado": listado})

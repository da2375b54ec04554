"""Pages of assigned cartera: the supervisor's bulk assignment (criteria → preview → assign),
coverage per assignee, the gestor's or lawyer's own work list, and one cuenta's assignment
history with the form to reassign it.

Cuentas only through cuentas_visibles (404 otherwise); each write calls one service.
"""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from cobranza.asignacion.selectors import (
    PUNTAJE,
    cobertura,
    historial_de_asignacion,
    lista_de_trabajo,
    muestra_por_criterios,
    resumen_por_criterios,
    usuarios_asignables,
)
from cobranza.asignacion.services import (
    CRITERIOS,
    PERMISOS_DE_ASIGNADO,
    asignacion_cambiar,
    asignacion_masiva,
    asignacion_retirar,
)
from cobranza.libro.selectors import cuentas_visibles
from cobranza.models import Asignacion
from padron.campos import CampoMonto
from padron.fechas import hoy, primer_dia_del_mes
from padron.forms import errores_a_formulario
from padron.models import Cartera, Cuenta
from padron.permisos import requiere
from padron.personas import nombre_persona
from padron.texto import cantidad

POR_PAGINA = 50
VEN_COBERTURA = ("cobranza.asignar_cartera", "cobranza.ver_reportes")
FECHA = forms.DateInput(format="%d/%m/%Y", attrs={"placeholder": "dd/mm/aaaa"})


def _exigir_alguno(usuario, permisos, mensaje):
    if not any(usuario.has_perm(p) for p in permisos):
        raise PermissionDenied(mensaje)


def _sin_pagina(request):
    consulta = request.GET.copy()
    consulta.pop("pagina", None)
    return consulta.urlencode()


class UsuarioCampo(forms.ModelChoiceField):
    def label_from_instance(self, usuario):
        return nombre_persona(usuario)


def _asignado_campo():
    return UsuarioCampo(
        label="Asignar a",
        queryset=usuarios_asignables(),
        empty_label="Elija gestor o abogado…",
        error_messages={
            "required": "Elija a quién asignar.",
            "invalid_choice": "Ese usuario no puede recibir cuentas.",
        },
    )


class CriteriosForm(forms.Form):
    cartera = forms.ModelChoiceField(
        label="Cartera",
        queryset=Cartera.objects.filter(activa=True),
        empty_label="Elija la cartera…",
        error_messages={"required": "Elija la cartera.", "invalid_choice": "Cartera inválida."},
    )
    sector = forms.CharField(label="Sector", max_length=20, required=False)
    ruta = forms.CharField(label="Ruta", max_length=20, required=False)
    clasificacion = forms.ChoiceField(
        label="Clasificación",
        choices=[("", "Todas"), *Cuenta.Clasificacion.choices],
        required=False,
    )
    meses_vencidos_min = forms.IntegerField(
        label="Meses vencidos (mínimo)",
        min_value=0,
        required=False,
        error_messages={"invalid": "Escriba un número entero de meses."},
    )
    saldo_vencido_min = CampoMonto(label="Saldo vencido desde", permitir_cero=True, required=False)
    saldo_vencido_max = CampoMonto(label="Saldo vencido hasta", permitir_cero=True, required=False)

    def criterios(self):
        datos = self.cleaned_data
        return {c: datos[c] for c in CRITERIOS if datos.get(c) not in (None, "")}


class AsignarForm(forms.Form):
    reasignar = forms.BooleanField(
        label="Reasignar también las cuentas que ya tienen responsable", required=False
    )
    motivo = forms.CharField(label="Motivo", max_length=250, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields = {"asignado_a": _asignado_campo(), **self.fields}


class CambiarForm(forms.Form):
    motivo = forms.CharField(
        label="Motivo",
        max_length=250,
        error_messages={"required": "Indique el motivo."},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields = {"asignado_a": _asignado_campo(), **self.fields}


class RetirarForm(forms.Form):
    motivo = forms.CharField(
        label="Motivo", max_length=250, error_messages={"required": "Indique el motivo."}
    )

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", "id_retirar_%s")  # shares the page with CambiarForm
        super().__init__(*args, **kwargs)


class PeriodoForm(forms.Form):
    desde = forms.DateField(label="Desde", widget=FECHA)
    hasta = forms.DateField(label="Hasta", widget=FECHA)
    cartera = forms.ModelChoiceField(
        label="Cartera", queryset=Cartera.objects.all(), required=False, empty_label="Todas"
    )

    def clean(self):
        datos = super().clean()
        if datos.get("desde") and datos.get("hasta") and datos["desde"] > datos["hasta"]:
            self.add_error("hasta", "La fecha final es anterior a la inicial.")
        return datos


# --- bulk assignment ------------------------------------------------------------------------


def _vista_previa(criterios_form):
    """count, total and a sample of the matched cuentas, or None with the errors on the form."""
    if not criterios_form.is_bound or not criterios_form.is_valid():
        return None
    try:
        criterios = criterios_form.criterios()
        return {
            **resumen_por_criterios(criterios),
            "muestra": list(muestra_por_criterios(criterios)),
        }
    except ValidationError as exc:
        errores_a_formulario(criterios_form, exc)
        return None


@requiere("cobranza.asignar_cartera")
def asignacion(request):
    datos = request.POST if request.method == "POST" else request.GET
    criterios_form = CriteriosForm(datos if "cartera" in datos else None)
    asignar_form = AsignarForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and criterios_form.is_valid() and asignar_form.is_valid():
        try:
            resultado = asignacion_masiva(
                criterios=criterios_form.criterios(),
                asignado_a=asignar_form.cleaned_data["asignado_a"],
                asignado_por=request.user,
                motivo=asignar_form.cleaned_data["motivo"],
                reasignar=asignar_form.cleaned_data["reasignar"],
            )
        except ValidationError as exc:
            errores_a_formulario(asignar_form, exc)
        else:
            asignado = asignar_form.cleaned_data["asignado_a"]
            texto = (
                f"Lote {resultado.lote}: {cantidad(resultado.asignadas, 'cuenta asignada', 'cuentas asignadas')} a "
                f"{asignado.get_full_name() or asignado.username}"
            )
            if resultado.reasignadas:
                texto += (
                    f"; {resultado.reasignadas} se "
                    f"quit{'aron' if resultado.reasignadas != 1 else 'ó'} a su responsable anterior"
                )
            if resultado.omitidas:
                texto += (
                    f"; {cantidad(resultado.omitidas, 'omitida')} porque ya "
                    f"tenía{'n' if resultado.omitidas != 1 else ''} responsable"
                )
            messages.success(request, texto + ".")
            consulta = request.POST.copy()
            for campo in ("csrfmiddlewaretoken", "asignado_a", "reasignar", "motivo"):
                consulta.pop(campo, None)
            return redirect(f"{reverse('cobranza:asignacion')}?{consulta.urlencode()}")
    return render(
        request,
        "cobranza/asignacion/masiva.html",
        {
            "criterios_form": criterios_form,
            "asignar_form": asignar_form,
            "previa": _vista_previa(criterios_form),
        },
    )


# --- coverage -------------------------------------------------------------------------------


@requiere("padron.ver_padron")
def cobertura_pagina(request):
    _exigir_alguno(request.user, VEN_COBERTURA, "No tiene acceso a la cobertura de cartera.")
    dia = hoy()
    form = PeriodoForm(request.GET or {"desde": primer_dia_del_mes(dia), "hasta": dia})
    filas = []
    if form.is_valid():
        filas = list(
            cobertura(
                desde=form.cleaned_data["desde"],
                hasta=form.cleaned_data["hasta"],
                cartera=form.cleaned_data.get("cartera"),
            )
        )
    return render(request, "cobranza/asignacion/cobertura.html", {"form": form, "filas": filas})


# --- the work list --------------------------------------------------------------------------


@requiere("padron.ver_padron")
def mi_cartera(request):
    _exigir_alguno(request.user, PERMISOS_DE_ASIGNADO, "Su rol no tiene cartera asignada.")
    pagina = Paginator(lista_de_trabajo(request.user), POR_PAGINA).get_page(
        request.GET.get("pagina")
    )
    return render(
        request,
        "cobranza/asignacion/mi_cartera.html",
        {
            "pagina": pagina,
            "parametro": "pagina",
            "consulta": _sin_pagina(request),
            "puntaje": PUNTAJE,
            "hoy": hoy(),
        },
    )


# --- one cuenta -----------------------------------------------------------------------------


def _cuenta_accion(request, cuenta):
    """POST of the cuenta page: reassign (accion=cambiar) or leave unassigned (accion=retirar).
    Returns the bound form and the success message (None when the form has errors)."""
    if not request.user.has_perm("cobranza.asignar_cartera"):
        raise PermissionDenied("No tiene permiso para asignar cartera.")
    retirar = request.POST.get("accion") == "retirar"
    form = (RetirarForm if retirar else CambiarForm)(request.POST)
    if not form.is_valid():
        return form, None
    try:
        if retirar:
            asignacion_retirar(
                cuenta=cuenta, retirado_por=request.user, motivo=form.cleaned_data["motivo"]
            )
            return form, f"La cuenta {cuenta.numero} quedó sin responsable."
        nueva = asignacion_cambiar(cuenta=cuenta, asignado_por=request.user, **form.cleaned_data)
        return form, f"Cuenta {cuenta.numero} asignada a {nueva.asignado_a}."
    except ValidationError as exc:
        errores_a_formulario(form, exc)
        return form, None


@requiere("padron.ver_padron")
def cuenta_asignacion(request, numero):
    cuenta = get_object_or_404(cuentas_visibles(request.user), numero=numero)
    formularios = {"cambiar_form": CambiarForm(), "retirar_form": RetirarForm()}
    if request.method == "POST":
        form, aviso = _cuenta_accion(request, cuenta)
        if aviso:
            messages.success(request, aviso)
            return redirect("cobranza:cuenta_asignacion", numero=cuenta.numero)
        formularios["retirar_form" if isinstance(form, RetirarForm) else "cambiar_form"] = form
    historial = list(historial_de_asignacion(cuenta))
    return render(
        request,
        "cobranza/asignacion/cuenta.html",
        {
            "cuenta": cuenta,
            "historial": historial,
            "abierta": next((a for a in historial if a.hasta is None), None),
            "supervisa": request.user.has_perm("cobranza.asignar_cartera"),
            **formularios,
        },
    )


# --- section of the account page ----------------------------------------------------------


def seccion_asignacion(request, cuenta):
    """«Responsable» on the account page (registered through cobranza.libro.secciones): who works
    the cuenta now, and the link to its history (and reassignment, for the supervisor)."""
    abierta = (
        Asignacion.objects.filter(cuenta=cuenta, hasta__isnull=True)
        .select_related("asignado_a")
        .first()
    )
    return {
        "plantilla": "cobranza/asignacion/_seccion.html",
        "cuenta": cuenta,
        "abierta": abierta,
        "supervisa": request.user.has_perm("cobranza.asignar_cartera"),
    }

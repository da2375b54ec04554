"""Pages of the listas de morosos (supervisor): the generated lists; criteria → preview
(count and total) → generate; a frozen list with its totals, parameters and exports, from
which expedientes of the PEC are opened."""

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import NoReverseMatch, reverse

from cobranza.exportaciones.views import solicitar_y_redirigir
from cobranza.models import ListaMorosos
from cobranza.morosos.exclusiones import exclusiones_de_morosos
from cobranza.morosos.exports import DIRECTO, EXPORTADORES, lista_morosos_exportar
from cobranza.morosos.filtros import (
    COLUMNAS_LISTAS,
    COLUMNAS_RENGLONES,
    ListasFiltro,
    RenglonesFiltro,
)
from cobranza.morosos.services import (
    lista_morosos_generar,
    morosos_criterios,
    morosos_vista_previa,
    parametros_legibles,
)
from padron.fechas import hoy
from padron.forms import errores_a_formulario
from padron.listados import Listado
from padron.models import Cartera, Cuenta
from padron.permisos import requiere

GENERA = "cobranza.generar_lista_morosos"
POR_PAGINA = 100


class CriteriosForm(forms.Form):
    """Translates the page's input; the rules live in morosos/services.py."""

    cartera = forms.ModelChoiceField(
        label="Cartera",
        queryset=Cartera.objects.filter(activa=True).order_by("nombre"),
        error_messages={"required": "Elija la cartera.", "invalid_choice": "Elija una cartera."},
    )
    saldo_vencido_minimo = forms.CharField(
        label="Saldo vencido mínimo",
        required=False,
        help_text="Vacío: el umbral de la cartera.",
        widget=forms.TextInput(attrs={"inputmode": "decimal", "placeholder": "500.00"}),
    )
    meses_vencidos_minimo = forms.IntegerField(
        label="Meses vencidos mínimos",
        required=False,
        min_value=0,
        max_value=600,
        help_text="Vacío: el umbral de la cartera.",
        error_messages={"invalid": "Indique un número entero de meses."},
    )
    clasificacion = forms.ChoiceField(
        label="Clasificación",
        required=False,
        choices=[("", "Todas"), *Cuenta.Clasificacion.choices],
    )
    sector = forms.CharField(label="Sector", max_length=20, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for exclusion in exclusiones_de_morosos():
            condicion = exclusion.clave == "condicion_especial"
            self.fields[exclusion.campo] = forms.BooleanField(
                label=exclusion.etiqueta,
                required=False,
                initial=not condicion,
                help_text=(
                    "Si la cartera protege a estos titulares, quedan fuera siempre."
                    if condicion
                    else ""
                ),
            )

    def exclusiones(self):
        return [self[e.campo] for e in exclusiones_de_morosos()]

    def datos(self) -> dict:
        return dict(self.cleaned_data)


def _errores(form, exc):
    # "criterios" is about the whole set (no account meets them): a general error.
    if not hasattr(exc, "error_dict"):
        return errores_a_formulario(form, exc)
    errores = dict(exc.message_dict)
    for mensaje in errores.pop("criterios", []):
        form.add_error(None, mensaje)
    if errores:
        errores_a_formulario(form, ValidationError(errores))


@requiere(GENERA)
def morosos(request):
    listado = Listado(
        request,
        ListaMorosos.objects.select_related("cartera", "generada_por"),
        filtros=ListasFiltro,
        columnas=COLUMNAS_LISTAS,
        orden="-generada",
        por_pagina=25,
        sustantivo=("lista", "listas"),
    )
    return render(request, "cobranza/morosos/listas.html", {"listado": listado})


@requiere(GENERA)
def morosos_nueva(request):
    """Criteria, then the preview (count and total), then Generar."""
    form = CriteriosForm(request.POST or None)
    vista_previa = None
    if request.method == "POST" and form.is_valid():
        try:
            criterios = morosos_criterios(form.datos())
            if request.POST.get("accion") == "generar":
                lista = lista_morosos_generar(criterios=criterios, usuario=request.user)
                messages.success(
                    request,
                    f"Lista de morosos {lista.folio} generada: {lista.cuentas:,} cuentas.",
                )
                return redirect("cobranza:morosos_lista", folio=lista.folio)
            vista_previa = morosos_vista_previa(criterios)
            vista_previa["criterios"] = parametros_legibles(vista_previa["parametros"])
        except ValidationError as exc:
            _errores(form, exc)
    return render(
        request,
        "cobranza/morosos/nueva.html",
        {"form": form, "vista_previa": vista_previa, "dia": hoy()},
    )


def _url_abrir_expedientes(usuario):
    """Where the selected accounts go to open expedientes, if the PEC is installed and
    the user may open them."""
    if not usuario.has_perm("cobranza.gestionar_pec"):
        return None
    try:
        return reverse("cobranza:pec_abrir")
    except NoReverseMatch:
        return None


@requiere(GENERA)
def morosos_lista(request, folio):
    lista = get_object_or_404(
        ListaMorosos.objects.select_related("cartera", "generada_por"), folio=folio
    )
    listado = Listado(
        request,
        lista.renglones.all(),
        filtros=RenglonesFiltro,
        columnas=COLUMNAS_RENGLONES,
        orden="orden",
        por_pagina=POR_PAGINA,
        sustantivo=("cuenta", "cuentas"),
        total=lista.cuentas,
    )
    etiquetas = dict(Cuenta.Clasificacion.choices)
    pagina = listado.pagina
    pagina.object_list = list(pagina.object_list)
    for renglon in pagina.object_list:
        renglon.clasificacion_etiqueta = etiquetas.get(renglon.clasificacion, renglon.clasificacion)
    return render(
        request,
        "cobranza/morosos/lista.html",
        {
            "lista": lista,
            "criterios": parametros_legibles(lista.parametros),
            "listado": listado,
            "formatos": [(e.nombre, e.etiqueta) for e in EXPORTADORES.values()],
            "url_abrir": _url_abrir_expedientes(request.user),
        },
    )


@requiere(GENERA)
def morosos_exportar(request, folio, formato):
    if formato not in EXPORTADORES:
        raise Http404("Formato desconocido.")
    lista = get_object_or_404(
        ListaMorosos.objects.select_related("cartera", "generada_por"), folio=folio
    )
    if lista.cuentas > DIRECTO:  # a long list is written once, in the background
        return solicitar_y_redirigir(request, tipo="morosos", folio=lista.folio, formato=formato)
    return lista_morosos_exportar(lista, formato)

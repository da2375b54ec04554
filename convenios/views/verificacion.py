"""Public verification of a constancia de no adeudo (no login): anyone holding the paper
checks its folio and code. Only what the paper already says is shown, the name masked."""

from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.views.decorators.cache import never_cache

from convenios.forms_politicas import VerificarForm
from convenios.services.constancias import constancia_verificar
from padron.models import Titular


def _oculta(palabra):
    return f"{palabra[0]}***" if palabra else ""


def nombre_enmascarado(titular):
    """ "JUAN P*** L***": the given name whole, the surnames by their initial; a company
    keeps its first word."""
    if titular.tipo_persona == Titular.TipoPersona.MORAL:
        palabras = titular.nombre.split()
        partes = palabras[:1] + [_oculta(p) for p in palabras[1:]]
    else:
        apellidos = (titular.apellido_paterno, titular.apellido_materno)
        partes = titular.nombre.split() + [_oculta(a.strip()) for a in apellidos if a.strip()]
    return " ".join(partes).upper()


@never_cache
def verificar_buscar(request):
    form = VerificarForm(request.GET or None)
    if form.is_bound and form.is_valid():
        ruta = reverse("convenios:verificar", args=[form.cleaned_data["folio"]])
        return redirect(f"{ruta}?{urlencode({'codigo': form.cleaned_data['codigo']})}")
    estado = 400 if form.is_bound else 200
    return render(request, "convenios/verificar.html", {"form": form}, status=estado)


@never_cache
def verificar(request, folio):
    codigo = request.GET.get("codigo", "")
    constancia = constancia_verificar(folio=folio, codigo=codigo) if codigo.strip() else None
    if constancia is None:
        form = VerificarForm(initial={"folio": folio, "codigo": codigo})
        contexto = {"form": form, "no_encontrada": True, "folio": folio}
        return render(request, "convenios/verificar.html", contexto, status=404)
    contexto = {
        "constancia": constancia,
        "titular": nombre_enmascarado(constancia.cuenta.titular),
    }
    return render(request, "convenios/verificar.html", contexto)

"""Constancia de no adeudo: issued from the account page at saldo zero, printed with its
verification address, and verified in public (no login) by folio and code."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from cobranza.libro.selectors import cuentas_visibles
from convenios.comun.views import cuenta_visible
from convenios.documentos.documentos import constancia_pdf
from convenios.documentos.forms import VerificarForm
from convenios.documentos.services import constancia_emitir, constancia_verificar
from convenios.models import Constancia
from padron.models import Titular
from padron.pdf import respuesta_pdf
from padron.permisos import requiere


@require_POST
@requiere("convenios.capturar_convenio")
def constancia_nueva(request, numero):
    cuenta = cuenta_visible(request, numero)
    try:
        constancia = constancia_emitir(cuenta=cuenta, usuario=request.user)
    except ValidationError as exc:
        for mensaje in exc.messages:
            messages.error(request, mensaje)
        return redirect("cobranza:cuenta", numero=cuenta.numero)
    messages.success(request, f"Constancia {constancia.folio} emitida.")
    return redirect("convenios:constancia_pdf", folio=constancia.folio)


def url_verificacion(request, constancia):
    ruta = reverse("convenios:verificar", args=[constancia.folio])
    return request.build_absolute_uri(f"{ruta}?{urlencode({'codigo': constancia.codigo})}")


@requiere("padron.ver_padron")
def constancia_pdf_ver(request, folio):
    constancia = get_object_or_404(
        Constancia.objects.filter(cuenta__in=cuentas_visibles(request.user)).select_related(
            "cuenta__titular", "cuenta__cartera"
        ),
        folio=folio,
    )
    contenido = constancia_pdf(constancia, url_verificacion(request, constancia))
    return respuesta_pdf(contenido, f"constancia-{constancia.folio}.pdf")


# --- public verification of a constancia (no login) ---
#
# Public verification of a constancia de no adeudo (no login): anyone holding the paper
# checks its folio and code. Only what the paper already says is shown, the name masked.


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

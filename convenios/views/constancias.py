"""Constancia de no adeudo: issued from the account page at saldo zero, printed with its
verification address."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.http import urlencode
from django.views.decorators.http import require_POST

from cobranza.libro.selectors import cuentas_visibles
from convenios.documentos import constancia_pdf
from convenios.models import Constancia
from convenios.services.constancias import constancia_emitir
from convenios.views._comun import cuenta_visible
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

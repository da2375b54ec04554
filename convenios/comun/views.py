"""What the convenio pages share: the cuenta or convenio the user may see, service errors on forms."""

from django.core.exceptions import NON_FIELD_ERRORS
from django.shortcuts import get_object_or_404

from cobranza.libro.selectors import cuentas_visibles
from convenios.models import Convenio


def cuenta_visible(request, numero):
    return get_object_or_404(
        cuentas_visibles(request.user).select_related("cartera", "titular"), numero=numero
    )


def convenio_visible(request, folio):
    """The convenio, only if its cuenta is one the user may see (404 otherwise)."""
    return get_object_or_404(
        Convenio.objects.filter(cuenta__in=cuentas_visibles(request.user)).select_related(
            "cuenta__titular",
            "cuenta__cartera",
            "alternativa",
            "campana",
            "nivel_requerido",
            "capturado_por",
            "autorizado_por",
            "reemplaza",
        ),
        folio=folio,
    )


def errores_en_formulario(form, exc):
    """A service's ValidationError on the form: on its field when the form has it."""
    errores = exc.message_dict if hasattr(exc, "error_dict") else {NON_FIELD_ERRORS: exc.messages}
    for campo, mensajes in errores.items():
        for mensaje in mensajes:
            form.add_error(campo if campo in form.fields else None, mensaje)

"""Front desk: find a cuenta, read its estado de cuenta."""

from datetime import datetime

from django.shortcuts import get_object_or_404, render

from cobranza.libro.secciones import secciones_para
from cobranza.libro.selectors import cuentas_buscar, cuentas_visibles, estado_de_cuenta
from padron.fechas import hoy
from padron.pdf import pdf_desde_plantilla, respuesta_pdf
from padron.permisos import requiere


@requiere("padron.ver_padron")
def buscar(request):
    texto = request.GET.get("q", "").strip()
    cuentas = cuentas_buscar(usuario=request.user, texto=texto) if texto else []
    return render(request, "cobranza/libro/buscar.html", {"q": texto, "cuentas": cuentas})


def _al(request):
    """The `al` date of the estado de cuenta (dd/mm/aaaa), today by default."""
    if not request.GET.get("al"):
        return hoy(), ""
    try:
        return datetime.strptime(request.GET["al"], "%d/%m/%Y").date(), ""
    except ValueError:
        return hoy(), "Fecha «al» inválida: use dd/mm/aaaa."


@requiere("padron.ver_padron")
def cuenta(request, numero):
    cuenta = get_object_or_404(cuentas_visibles(request.user), numero=numero)
    al, error = _al(request)
    contexto = {
        **estado_de_cuenta(cuenta=cuenta, al=al),
        "error_al": error,
        "secciones": secciones_para(request, cuenta),
    }
    return render(request, "cobranza/libro/cuenta.html", contexto)


@requiere("padron.ver_padron")
def estado_cuenta_pdf(request, numero):
    cuenta = get_object_or_404(cuentas_visibles(request.user), numero=numero)
    al, _ = _al(request)
    contexto = {
        **estado_de_cuenta(cuenta=cuenta, al=al),
        "institucion": cuenta.cartera.institucion or cuenta.cartera.nombre,
    }
    contenido = pdf_desde_plantilla("cobranza/libro/estado_cuenta_pdf.html", contexto)
    return respuesta_pdf(contenido, f"estado-de-cuenta-{numero}.pdf")

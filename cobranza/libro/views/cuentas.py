"""Front desk: find a cuenta, read its estado de cuenta."""

from datetime import datetime

from django.shortcuts import get_object_or_404, render

from cobranza.libro import documentos
from cobranza.libro.filtros import COLUMNAS_CUENTAS, CuentasFiltro
from cobranza.libro.secciones import secciones_para
from cobranza.libro.selectors import cuentas_visibles, estado_de_cuenta
from padron.fechas import hoy
from padron.listados import Listado
from padron.pdf import respuesta_pdf
from padron.permisos import requiere


@requiere("padron.ver_padron")
def buscar(request):
    """The cuentas the user may see, searched and filtered, a page at a time; nothing is
    listed (nor counted) until something is asked."""
    pregunta = any(request.GET.get(c) for c in ("q", "cartera", "estado"))
    cuentas = cuentas_visibles(request.user)
    listado = Listado(
        request,
        cuentas if pregunta else cuentas.none(),
        filtros=CuentasFiltro,
        columnas=COLUMNAS_CUENTAS,
        orden="nombre",
        sustantivo=("cuenta", "cuentas"),
    )
    contexto = {"listado": listado, "pregunta": pregunta, "q": request.GET.get("q", "").strip()}
    return render(request, "cobranza/libro/buscar.html", contexto)


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
        # The page lists pagos without what each paid (that is the receipt's job).
        **estado_de_cuenta(cuenta=cuenta, al=al, con_aplicaciones=False),
        "error_al": error,
        # Paid and cancelled cargos are folded; their rows are drawn only when asked for.
        "ver_pagados": request.GET.get("pagados") == "1",
        "secciones": secciones_para(request, cuenta),
    }
    return render(request, "cobranza/libro/cuenta.html", contexto)


@requiere("padron.ver_padron")
def estado_cuenta_pdf(request, numero):
    cuenta = get_object_or_404(cuentas_visibles(request.user), numero=numero)
    al, _ = _al(request)
    contenido = documentos.estado_cuenta_pdf(cuenta=cuenta, al=al)
    return respuesta_pdf(contenido, f"estado-de-cuenta-{numero}.pdf")

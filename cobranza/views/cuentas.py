"""Front desk: find a cuenta, read its estado de cuenta."""

from datetime import datetime

from django.shortcuts import get_object_or_404, render

from padron.fechas import hoy
from padron.permisos import requiere

from ..selectors import cuentas_buscar, cuentas_visibles, estado_de_cuenta


@requiere("padron.ver_padron")
def buscar(request):
    texto = request.GET.get("q", "").strip()
    cuentas = cuentas_buscar(usuario=request.user, texto=texto) if texto else []
    return render(request, "cobranza/buscar.html", {"q": texto, "cuentas": cuentas})


@requiere("padron.ver_padron")
def cuenta(request, numero):
    cuenta = get_object_or_404(cuentas_visibles(request.user), numero=numero)
    al, error = hoy(), ""
    if request.GET.get("al"):
        try:
            al = datetime.strptime(request.GET["al"], "%d/%m/%Y").date()
        except ValueError:
            error = "Fecha «al» inválida: use dd/mm/aaaa."
    return render(
        request,
        "cobranza/cuenta.html",
        {**estado_de_cuenta(cuenta=cuenta, al=al), "error_al": error},
    )

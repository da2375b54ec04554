"""The convenios section of the account page (registered with cobranza.libro.secciones)."""

from django.db.models import Sum

from convenios.models import Convenio, Negociacion


def seccion_convenios(request, cuenta):
    usuario = request.user
    convenios = (
        Convenio.objects.filter(cuenta=cuenta)
        .select_related("alternativa")
        .annotate(pagado=Sum("parcialidades__pagado"))
        .order_by("-capturado")[:10]
    )
    saldo = getattr(getattr(cuenta, "saldo", None), "saldo", None)
    return {
        "plantilla": "convenios/_seccion_cuenta.html",
        "cuenta": cuenta,
        "convenios": convenios,
        "negociaciones": Negociacion.objects.filter(cuenta=cuenta)
        .select_related("usuario")
        .order_by("-fecha")[:5],
        "puede_negociar": usuario.has_perm("convenios.negociar"),
        "puede_constancia": usuario.has_perm("convenios.capturar_convenio")
        and saldo is not None
        and saldo <= 0,
    }

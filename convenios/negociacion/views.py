"""The front desk's negotiation: the debt chosen, the authorised alternatives side by
side, the debtor's answer, and the capture of the convenio under one alternative."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode

from cobranza.models import Cargo
from convenios.comun.views import cuenta_visible, errores_en_formulario
from convenios.models import Alternativa, Campana, Convenio
from convenios.negociacion.forms import RespuestaForm, TerminosForm
from convenios.negociacion.services import negociacion_registrar
from convenios.negociacion.simulacion import Terminos, cargos_por_omision, simular, simular_todas
from convenios.services.convenios import convenio_capturar
from padron.fechas import hoy
from padron.permisos import requiere


def _ids(valores):
    return [int(v) for v in valores if str(v).isdigit()]


def _cargos_elegidos(cuenta, datos, dia):
    """The cargos ticked on the page, or every past-due cargo when none is ticked."""
    ids = _ids(datos.getlist("cargos"))
    if not ids:
        return cargos_por_omision(cuenta, dia)
    return list(
        Cargo.objects.filter(cuenta=cuenta, pk__in=ids, saldo__gt=0).order_by(
            "fecha_vencimiento", "id"
        )
    )


def _debe(cuenta):
    return list(
        Cargo.objects.filter(cuenta=cuenta, saldo__gt=0, estado=Cargo.Estado.VIGENTE).order_by(
            "fecha_vencimiento", "id"
        )
    )


def _url_captura(cuenta, simulacion, cargos):
    parametros = [("alternativa", simulacion.alternativa.pk)]
    if simulacion.campana:
        parametros.append(("campana", simulacion.campana.pk))
    parametros += [("cargos", c.pk) for c in cargos]
    return f"{reverse('convenios:convenio_nuevo', args=[cuenta.numero])}?{urlencode(parametros)}"


@requiere("convenios.negociar")
def negociar(request, numero):
    cuenta = cuenta_visible(request, numero)
    dia = hoy()
    datos = request.POST if request.method == "POST" else request.GET
    cargos = _cargos_elegidos(cuenta, datos, dia)
    simulaciones = simular_todas(cuenta=cuenta, cargos=cargos, dia=dia) if cargos else []
    form = RespuestaForm(
        request.POST if request.method == "POST" else None,
        titulos=[s.titulo for s in simulaciones],
    )
    if request.method == "POST" and form.is_valid():
        try:
            negociacion_registrar(
                cuenta=cuenta,
                usuario=request.user,
                cargos=cargos,
                dia=dia,
                **form.cleaned_data,
            )
        except ValidationError as exc:
            errores_en_formulario(form, exc)
        else:
            messages.success(request, "Negociación registrada en la cuenta.")
            return redirect("cobranza:cuenta", numero=cuenta.numero)
    elegidos = {c.pk for c in cargos}
    columnas = [(s, _url_captura(cuenta, s, cargos)) for s in simulaciones]
    return render(
        request,
        "convenios/negociar.html",
        {
            "cuenta": cuenta,
            "debe": [(c, c.pk in elegidos) for c in _debe(cuenta)],
            "cargos": cargos,
            "adeudo": sum((c.saldo for c in cargos), 0),
            "columnas": columnas,
            "form": form,
            "convenio_vivo": Convenio.objects.filter(
                cuenta=cuenta, estado__in=["pendiente", "autorizado", "vigente"]
            ).first(),
        },
    )


def _terminos(datos):
    return Terminos(
        **{
            campo: datos.get(campo)
            for campo in (
                "numero_parcialidades",
                "enganche",
                "descuento_recargos_pct",
                "descuento_gastos_pct",
                "descuento_principal_pct",
                "primer_vencimiento",
            )
        }
    )


def _valor_inicial(simulacion):
    return {
        "numero_parcialidades": simulacion.numero_parcialidades or 1,
        "descuento_recargos_pct": simulacion.porcentajes["recargos"],
        "descuento_gastos_pct": simulacion.porcentajes["gastos_ejecucion"],
        "descuento_principal_pct": simulacion.porcentajes["principal"],
        "primer_vencimiento": simulacion.plazos[0].fecha_vencimiento if simulacion.plazos else None,
    }


@requiere("convenios.capturar_convenio")
def convenio_nuevo(request, numero):
    """Capture a convenio under one alternative: preview the schedule, then capture."""
    cuenta = cuenta_visible(request, numero)
    dia = hoy()
    datos = request.POST if request.method == "POST" else request.GET
    alternativa = Alternativa.objects.filter(
        cartera=cuenta.cartera_id, activa=True, pk__in=_ids([datos.get("alternativa", "")])
    ).first()
    if alternativa is None:
        messages.error(request, "Elija una de las alternativas autorizadas para esta cuenta.")
        return redirect("convenios:negociar", numero=cuenta.numero)
    campana = Campana.objects.filter(pk__in=_ids([datos.get("campana", "")])).first()
    reemplaza = Convenio.objects.filter(
        cuenta=cuenta, folio=datos.get("reemplaza", ""), estado=Convenio.Estado.INCUMPLIDO
    ).first()
    reestructura = alternativa.tipo == Alternativa.Tipo.REESTRUCTURA
    cargo_ids = None if reestructura else _ids(datos.getlist("cargos"))
    cargos = _debe(cuenta) if reestructura else _cargos_elegidos(cuenta, datos, dia)
    contado = alternativa.tipo == Alternativa.Tipo.CONTADO
    form = TerminosForm(request.POST or None, contado=contado)
    terminos = Terminos()
    if request.method == "POST" and form.is_valid():
        terminos = _terminos(form.cleaned_data)
        if request.POST.get("accion") == "capturar":
            try:
                convenio = convenio_capturar(
                    cuenta=cuenta,
                    alternativa=alternativa,
                    capturado_por=request.user,
                    terminos=terminos,
                    cargo_ids=cargo_ids or None,
                    campana=campana,
                    reemplaza=reemplaza,
                    clausulas=form.cleaned_data["clausulas"],
                    dia=dia,
                )
            except ValidationError as exc:
                errores_en_formulario(form, exc)
            else:
                _avisar_captura(request, convenio)
                return redirect("convenios:convenio", folio=convenio.folio)
    simulacion = simular(
        cuenta=cuenta,
        cargos=cargos,
        alternativa=alternativa,
        terminos=terminos,
        campana=campana,
        dia=dia,
    )
    if request.method == "GET":
        form = TerminosForm(initial=_valor_inicial(simulacion), contado=contado)
    elif form.is_valid():
        for campo, mensaje in simulacion.errores.items():
            if not form.has_error(campo if campo in form.fields else "__all__"):
                form.add_error(campo if campo in form.fields else None, mensaje)
    return render(
        request,
        "convenios/convenio_nuevo.html",
        {
            "cuenta": cuenta,
            "alternativa": alternativa,
            "campana": campana,
            "reemplaza": reemplaza,
            "cargos": cargos,
            "simulacion": simulacion,
            "form": form,
        },
    )


def _avisar_captura(request, convenio):
    if convenio.estado == Convenio.Estado.PENDIENTE:
        messages.warning(
            request,
            f"Convenio {convenio.folio} capturado. Excede los límites de ventanilla: espera la "
            f"autorización de {convenio.nivel_requerido.nombre}.",
        )
    else:
        messages.success(
            request,
            f"Convenio {convenio.folio} capturado y autorizado: imprímalo y recabe la firma.",
        )

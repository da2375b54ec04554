"""The supervisor's policy pages: per cartera, the alternatives that may be offered (and what
ventanilla grants alone) and the authorisation tiers; the discount campaigns; the
institution's document texts. Each page lists, creates and edits; history keeps who changed
what (simple-history records the request's user and the reason given).
"""

from decimal import Decimal

from django.contrib import messages
from django.core.paginator import Paginator
from django.db import IntegrityError, transaction
from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.template import Context, Template, TemplateSyntaxError
from django.urls import reverse
from django.utils.http import urlencode

from convenios.calendario import MENSUAL
from convenios.documentos.documentos import forma_de_pago
from convenios.models import (
    Alternativa,
    Campana,
    Constancia,
    Convenio,
    NivelAutorizacion,
    Parcialidad,
    PlantillaDocumento,
)
from convenios.politicas.forms import AlternativaForm, CampanaForm, NivelForm, PlantillaForm
from padron.dinero import formato_pesos
from padron.fechas import hoy, sumar_meses
from padron.membrete import membrete, textos_de_institucion
from padron.models import Cartera, Cuenta, Titular
from padron.permisos import requiere

PERMISO = "convenios.editar_politicas"
POR_PAGINA = 50
CAMBIOS_A_MOSTRAR = 10


def _url_politicas(cartera):
    return f"{reverse('convenios:politicas')}?{urlencode({'cartera': cartera.clave})}"


def _cartera_inicial(request):
    """?cartera=<clave> preselects the cartera of a new row."""
    clave = request.GET.get("cartera")
    return Cartera.objects.filter(clave=clave).first() if clave else None


def _historial(fila):
    if not fila.pk:
        return []
    return list(fila.history.select_related("history_user")[:CAMBIOS_A_MOSTRAR])


def _formulario(request, form, *, titulo, volver, fijos=(), extra=None):
    """Save a valid POST and go back; otherwise show the form (400 when it has errors)."""
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():
                fila = form.save()
        except IntegrityError:
            # Only a concurrent change gets here: the form checked the constraints.
            form.add_error(None, "Otra persona cambió estos datos al mismo tiempo; revise.")
        else:
            messages.success(request, f"{titulo}: cambios guardados.")
            return redirect(volver(fila) if callable(volver) else volver)
    contexto = {
        "form": form,
        "titulo": titulo,
        "volver": volver(form.instance) if callable(volver) else volver,
        "fijos": fijos,
        "cambios": _historial(form.instance),
        **(extra or {}),
    }
    estado = 400 if request.method == "POST" else 200
    return render(request, "convenios/politicas/formulario.html", contexto, status=estado)


# --- políticas: alternativas y niveles por cartera -------------------------------------------


@requiere(PERMISO)
def politicas(request):
    carteras = list(
        Cartera.objects.order_by("nombre").prefetch_related(
            Prefetch("alternativas", Alternativa.objects.order_by("tipo", "nombre")),
            Prefetch("niveles_autorizacion", NivelAutorizacion.objects.order_by("orden")),
        )
    )
    clave = request.GET.get("cartera")
    mostradas = [c for c in carteras if c.clave == clave] if clave else carteras
    if clave and not mostradas:
        raise Http404("No existe esa cartera.")
    contexto = {"carteras": carteras, "mostradas": mostradas, "clave": clave or ""}
    return render(request, "convenios/politicas/politicas.html", contexto)


@requiere(PERMISO)
def alternativa_nueva(request):
    cartera = _cartera_inicial(request)
    form = AlternativaForm(request.POST or None, initial={"cartera": cartera})
    return _formulario(
        request,
        form,
        titulo="Nueva alternativa",
        volver=lambda fila: (
            _url_politicas(fila.cartera) if fila.cartera_id else reverse("convenios:politicas")
        ),
    )


@requiere(PERMISO)
def alternativa_editar(request, pk):
    alternativa = get_object_or_404(Alternativa.objects.select_related("cartera"), pk=pk)
    form = AlternativaForm(request.POST or None, instance=alternativa)
    return _formulario(
        request,
        form,
        titulo=f"Alternativa «{alternativa.nombre}»",
        volver=_url_politicas(alternativa.cartera),
        fijos=[("Cartera", alternativa.cartera.nombre)],
    )


@requiere(PERMISO)
def nivel_nuevo(request):
    cartera = _cartera_inicial(request)
    form = NivelForm(request.POST or None, initial={"cartera": cartera})
    return _formulario(
        request,
        form,
        titulo="Nuevo nivel de autorización",
        volver=lambda fila: (
            _url_politicas(fila.cartera) if fila.cartera_id else reverse("convenios:politicas")
        ),
    )


@requiere(PERMISO)
def nivel_editar(request, pk):
    nivel = get_object_or_404(NivelAutorizacion.objects.select_related("cartera"), pk=pk)
    form = NivelForm(request.POST or None, instance=nivel)
    return _formulario(
        request,
        form,
        titulo=f"Nivel de autorización «{nivel.nombre}»",
        volver=_url_politicas(nivel.cartera),
        fijos=[("Cartera", nivel.cartera.nombre)],
    )


# --- campañas de descuento --------------------------------------------------------------------


def estado_de_campana(campana, dia):
    if not campana.activa:
        return "inactiva", "Inactiva"
    if campana.inicio > dia:
        return "por_iniciar", "Por iniciar"
    if campana.fin < dia:
        return "terminada", "Terminada"
    if campana.presupuesto is not None and campana.disponible <= 0:
        return "agotada", "Vigente, presupuesto agotado"
    return "vigente", "Vigente"


@requiere(PERMISO)
def campanas(request):
    filas = Campana.objects.prefetch_related(
        Prefetch("carteras", Cartera.objects.order_by("nombre"))
    ).order_by("-inicio", "nombre")
    pagina = Paginator(filas, POR_PAGINA).get_page(request.GET.get("pagina"))
    dia = hoy()
    for campana in pagina:
        campana.estado, campana.estado_texto = estado_de_campana(campana, dia)
    return render(request, "convenios/politicas/campanas.html", {"pagina": pagina, "dia": dia})


@requiere(PERMISO)
def campana_nueva(request):
    cartera = _cartera_inicial(request)
    form = CampanaForm(request.POST or None, initial={"carteras": [cartera] if cartera else []})
    return _formulario(
        request, form, titulo="Nueva campaña de descuento", volver=reverse("convenios:campanas")
    )


@requiere(PERMISO)
def campana_editar(request, pk):
    campana = get_object_or_404(Campana, pk=pk)
    form = CampanaForm(request.POST or None, instance=campana)
    return _formulario(
        request,
        form,
        titulo=f"Campaña «{campana.nombre}»",
        volver=reverse("convenios:campanas"),
        fijos=[("Descuento ya ejercido", formato_pesos(campana.ejercido))],
    )


# --- plantillas de documentos -------------------------------------------------------------------


@requiere(PERMISO)
def plantillas(request):
    existentes = list(
        PlantillaDocumento.objects.select_related("cartera").order_by("cartera__nombre", "tipo")
    )
    hay = {(p.cartera_id, p.tipo) for p in existentes}
    # Who has no text of its own prints the default one; offer to write it.
    faltantes = [
        {"cartera": cartera, "tipo": tipo, "texto": texto}
        for cartera in Cartera.objects.order_by("nombre")
        for tipo, texto in PlantillaDocumento.Tipo.choices
        if (cartera.pk, tipo) not in hay
    ]
    contexto = {"plantillas": existentes, "faltantes": faltantes}
    return render(request, "convenios/politicas/plantillas.html", contexto)


@requiere(PERMISO)
def plantilla_nueva(request):
    inicial = {"cartera": _cartera_inicial(request)}
    if request.GET.get("tipo") in PlantillaDocumento.Tipo.values:
        inicial["tipo"] = request.GET["tipo"]
    form = PlantillaForm(request.POST or None, initial=inicial)
    return _plantilla(request, form, titulo="Nueva plantilla de documento")


@requiere(PERMISO)
def plantilla_editar(request, pk):
    plantilla = get_object_or_404(PlantillaDocumento.objects.select_related("cartera"), pk=pk)
    form = PlantillaForm(request.POST or None, instance=plantilla)
    fijos = [("Cartera", plantilla.cartera.nombre), ("Documento", plantilla.get_tipo_display())]
    return _plantilla(request, form, titulo=str(plantilla), fijos=fijos)


def _plantilla(request, form, *, titulo, fijos=()):
    volver = reverse("convenios:plantillas")
    extra = {"vista_previa_posible": True, "variables": VARIABLES}
    if request.POST.get("accion") == "vista_previa":
        # Show the text with a sample debtor, without saving (so no reason is asked for).
        if "motivo" in form.fields:
            form.fields["motivo"].required = False
        if form.is_valid():
            extra["vista_previa"] = _vista_previa(form)
        contexto = {"form": form, "titulo": titulo, "volver": volver, "fijos": fijos, **extra}
        contexto["cambios"] = _historial(form.instance)
        estado = 200 if form.is_valid() else 400
        return render(request, "convenios/politicas/formulario.html", contexto, status=estado)
    return _formulario(request, form, titulo=titulo, volver=volver, fijos=fijos, extra=extra)


VARIABLES = (
    "{{ institucion }}",
    "{{ titular.nombre_completo }}",
    "{{ cuenta.numero }}",
    "{{ convenio.folio }}",
    "{{ convenio.adeudo|pesos }}",
    "{{ convenio.descuento|pesos }}",
    "{{ convenio.total|pesos }}",
    "{{ convenio.enganche|pesos }}",
    "{{ convenio.numero_parcialidades }}",
    "{{ convenio.alternativa.dias_gracia }}",
    "{{ constancia.folio }}",
    # the creditor with its article, so a clause never reads "a Organismo"
    "{{ la_institucion }}",
    "{{ a_la_institucion }}",
    "{{ de_la_institucion }}",
    "{{ convenio.total|en_letra }}",
    "{{ membrete.lugar }}",
    # how it is paid: 0, 1 or N parcialidades after the enganche
    "{{ pago.un_solo_pago }}",
    "{{ pago.numero_plazos }}",
    "{{ pago.resto|pesos }}",
    # in a pagaré
    "{{ parcialidad.numero }}",
    "{{ parcialidad.monto|pesos }}",
    "{{ parcialidad.monto|en_letra }}",
    "{{ parcialidad.fecha_vencimiento|fecha }}",
)


def _ejemplo(cartera):
    """A sample debtor and convenio in memory (nothing saved) to preview a text."""
    titular = Titular(nombre="Juan", apellido_paterno="Pérez", apellido_materno="López")
    cuenta = Cuenta(numero="000123", titular=titular, cartera=cartera)
    alternativa = Alternativa(cartera=cartera, nombre="Convenio a parcialidades")
    convenio = Convenio(
        folio="CV26-000001",
        cuenta=cuenta,
        alternativa=alternativa,
        adeudo=Decimal("3300.00"),
        descuento=Decimal("150.00"),
        total=Decimal("3150.00"),
        enganche=Decimal("630.00"),
        numero_parcialidades=6,
        periodicidad=MENSUAL,
    )
    vence = hoy()
    parcialidades = [
        Parcialidad(convenio=convenio, numero=0, monto=Decimal("630.00"), fecha_vencimiento=vence),
        *(
            Parcialidad(
                convenio=convenio,
                numero=n,
                monto=Decimal("420.00"),
                fecha_vencimiento=sumar_meses(vence, n),
            )
            for n in range(1, 7)
        ),
    ]
    return {
        **textos_de_institucion(cartera),
        "membrete": membrete(cartera),
        "convenio": convenio,
        "cuenta": cuenta,
        "titular": titular,
        "cartera": cartera,
        "constancia": Constancia(folio="CND26-000001", codigo="0123456789ABCDEF", cuenta=cuenta),
        "parcialidades": parcialidades,
        "pago": forma_de_pago(parcialidades),
        "parcialidad": parcialidades[1],
        "cargos": [],
    }


def _vista_previa(form):
    cartera = form.cleaned_data.get("cartera") or form.instance.cartera
    contexto = _ejemplo(cartera)
    textos = {}
    for campo in ("encabezado", "clausulas", "pie"):
        try:
            plantilla = Template("{% load formato %}" + (form.cleaned_data.get(campo) or ""))
            textos[campo] = plantilla.render(Context(contexto))
        except (TemplateSyntaxError, TypeError, ValueError, AttributeError) as exc:
            form.add_error(campo, f"El texto no se pudo mostrar: {exc}")
    return textos

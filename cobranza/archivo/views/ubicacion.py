"""Pages of the physical archive: the catalogs (archivo → estante → caja → carpeta) and moving
a caja, a caja's contents (where its label's QR leads), the labels, the inventory (page and
XLSX) and the audit walk with a handheld scanner."""

from io import BytesIO

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST
from openpyxl import Workbook

from cobranza.archivo import documentos as etiquetas_pdf
from cobranza.archivo.forms.ubicacion import (
    ArchivoForm,
    CajaForm,
    CajaMoverForm,
    CarpetaForm,
    EstanteForm,
    EtiquetasForm,
    InventarioFiltroForm,
    LecturaForm,
    form_edicion,
)
from cobranza.archivo.selectors.expedientes import legajos_visibles
from cobranza.archivo.selectors.ubicacion import (
    arbol_ubicaciones,
    caja_contenido,
    cajas_opciones,
    inventario_documentos,
    inventario_resultado,
    originales_faltantes,
    reporte_inventario,
    ubicacion_texto,
)
from cobranza.archivo.services import ubicacion as servicios
from cobranza.models import Archivo, Caja, Carpeta, Documento, Estante, Inventario
from padron.exportar import anexar
from padron.forms import errores_a_formulario
from padron.pdf import respuesta_pdf
from padron.permisos import requiere, requiere_alguno

ADMINISTRAR = "cobranza.administrar_archivo"
CUSTODIAR = "cobranza.custodiar_documentos"
POR_PAGINA = 50
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

# nivel -> (modelo, form, crear, editar, padre)
NIVELES = {
    "archivo": (Archivo, ArchivoForm, servicios.archivo_crear, servicios.archivo_editar, None),
    "estante": (Estante, EstanteForm, servicios.estante_crear, servicios.estante_editar, "archivo"),
    "caja": (Caja, CajaForm, servicios.caja_crear, servicios.caja_editar, "estante"),
    "carpeta": (Carpeta, CarpetaForm, servicios.carpeta_crear, servicios.carpeta_editar, "caja"),
}


def _nivel(nivel):
    if nivel not in NIVELES:
        raise Http404("Nivel de ubicación desconocido.")
    return NIVELES[nivel]


# --- catálogos ---------------------------------------------------------------------------------


@requiere(ADMINISTRAR)
def ubicaciones(request, formularios=None, estado=200):
    formularios = formularios or {}
    contexto = {
        "archivos": arbol_ubicaciones(),
        **{
            f"form_{nivel}": formularios.get(nivel) or datos[1](prefix=nivel)
            for nivel, datos in NIVELES.items()
        },
    }
    return render(request, "cobranza/archivo/ubicacion/ubicaciones.html", contexto, status=estado)


@require_POST
@requiere(ADMINISTRAR)
def ubicacion_crear(request, nivel):
    _, clase, crear, _, _ = _nivel(nivel)
    form = clase(request.POST, prefix=nivel)
    if form.is_valid():
        try:
            nuevo = crear(usuario=request.user, **form.cleaned_data)
        except ValidationError as exc:
            errores_a_formulario(form, exc)
        else:
            messages.success(request, f"Se agregó {nuevo}.")
            return redirect("cobranza:archivo_ubicaciones")
    return ubicaciones(request, formularios={nivel: form}, estado=400)


@requiere(ADMINISTRAR)
def ubicacion_editar(request, nivel, pk):
    modelo, clase, _, editar, _ = _nivel(nivel)
    objeto = get_object_or_404(modelo, pk=pk)
    inicial = {
        campo: getattr(objeto, campo)
        for campo in ("nombre", "domicilio", "clave", "descripcion")
        if hasattr(objeto, campo)
    }
    form = form_edicion(clase)(request.POST or None, initial=inicial)
    estado = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                objeto = editar(**{nivel: objeto}, usuario=request.user, **form.cleaned_data)
            except ValidationError as exc:
                errores_a_formulario(form, exc)
            else:
                messages.success(request, f"Se guardó {objeto}.")
                return redirect("cobranza:archivo_ubicaciones")
        estado = 400
    contexto = {
        "nivel": nivel,
        "objeto": objeto,
        "form": form,
        "mover": CajaMoverForm(initial={"estante": objeto.estante_id}) if nivel == "caja" else None,
    }
    return render(request, "cobranza/archivo/ubicacion/editar.html", contexto, status=estado)


@require_POST
@requiere(ADMINISTRAR)
def caja_mover_vista(request, pk):
    caja = get_object_or_404(Caja, pk=pk)
    form = CajaMoverForm(request.POST)
    if form.is_valid():
        try:
            servicios.caja_mover(
                caja=caja, estante=form.cleaned_data["estante"], usuario=request.user
            )
        except ValidationError as exc:
            errores_a_formulario(form, exc)
        else:
            messages.success(request, f"La caja {caja.clave} se movió con todo su contenido.")
            return redirect("cobranza:archivo_ubicaciones")
    contexto = {
        "nivel": "caja",
        "objeto": caja,
        "form": form_edicion(CajaForm)(
            initial={"clave": caja.clave, "descripcion": caja.descripcion}
        ),
        "mover": form,
    }
    return render(request, "cobranza/archivo/ubicacion/editar.html", contexto, status=400)


@requiere_alguno(CUSTODIAR, ADMINISTRAR)
def archivo_caja(request, clave):
    """Where a caja label's QR leads: its place, carpetas and the originals filed in them."""
    caja = get_object_or_404(Caja.objects.select_related("estante__archivo"), clave=clave)
    carpetas = list(caja_contenido(caja, request.user))
    contexto = {
        "caja": caja,
        "carpetas": carpetas,
        "total": sum(len(c.visibles) for c in carpetas),
    }
    return render(request, "cobranza/archivo/ubicacion/caja.html", contexto)


# --- etiquetas ---------------------------------------------------------------------------------


def _ids(texto):
    try:
        return sorted({int(v) for v in (texto or "").replace(" ", ",").split(",") if v.strip()})
    except ValueError:
        raise Http404("Lista de identificadores no válida.") from None


@requiere_alguno(CUSTODIAR, ADMINISTRAR)
def etiquetas(request):
    """Choose what to print: cajas by checkbox, expedientes by cuenta number."""
    form = EtiquetasForm(request.GET or None)
    legajos = []
    if form.is_valid() and form.cleaned_data["cuentas"]:
        numeros = form.cleaned_data["cuentas"].replace(",", " ").split()
        legajos = list(
            legajos_visibles(request.user)
            .filter(cuenta__numero__in=numeros)
            .select_related("cuenta__titular")
            .order_by("cuenta__numero", "clave")
        )
    contexto = {"form": form, "cajas": cajas_opciones(), "legajos": legajos}
    return render(request, "cobranza/archivo/ubicacion/etiquetas.html", contexto)


@requiere_alguno(CUSTODIAR, ADMINISTRAR)
def etiquetas_cajas(request):
    ids = _ids(request.GET.get("cajas"))
    cajas = list(cajas_opciones().filter(pk__in=ids))
    if not cajas or len(cajas) != len(ids):
        raise Http404("Caja no encontrada.")
    return respuesta_pdf(etiquetas_pdf.etiquetas_cajas_pdf(cajas), "etiquetas_cajas.pdf")


@requiere("padron.ver_padron")
def etiquetas_expedientes(request):
    """Only expedientes the user may see: asking for another's is a 404, like any other URL."""
    ids = _ids(request.GET.get("legajos"))
    legajos = list(
        legajos_visibles(request.user)
        .filter(pk__in=ids)
        .select_related("cuenta__titular")
        .order_by("cuenta__numero", "clave")
    )
    if not legajos or len(legajos) != len(ids):
        raise Http404("Expediente no encontrado.")
    contenido = etiquetas_pdf.etiquetas_expedientes_pdf(legajos)
    return respuesta_pdf(contenido, "etiquetas_expedientes.pdf")


# --- inventario --------------------------------------------------------------------------------


def _sin_pagina(request):
    consulta = request.GET.copy()
    consulta.pop("pagina", None)
    consulta.pop("formato", None)
    return consulta.urlencode()


@requiere_alguno(CUSTODIAR, ADMINISTRAR)
def inventario(request):
    form = InventarioFiltroForm(request.GET or None)
    filtros = form.cleaned_data if form.is_valid() else {}
    if request.GET.get("formato") == "xlsx":
        return _xlsx(inventario_xlsx(request.user, filtros), "inventario_archivo.xlsx")
    documentos = inventario_documentos(request.user, filtros)
    pagina = Paginator(documentos, POR_PAGINA).get_page(request.GET.get("pagina"))
    for documento in pagina:
        documento.ubicacion = ubicacion_texto(documento)
    consulta = _sin_pagina(request)
    contexto = {
        "form": form,
        "pagina": pagina,
        "consulta": consulta,
        "parametro": "pagina",
        "xlsx": f"{consulta}&formato=xlsx" if consulta else "formato=xlsx",
        "faltantes_lista": list(originales_faltantes(request.user)[:50]),
        **reporte_inventario(request.user, filtros),
    }
    return render(request, "cobranza/archivo/ubicacion/inventario.html", contexto)


def _xlsx(contenido, nombre):
    respuesta = HttpResponse(contenido, content_type=XLSX)
    respuesta["Content-Disposition"] = f'attachment; filename="{nombre}"'
    return respuesta


def _caja_fila(fila):
    return [
        fila["carpeta__caja__estante__archivo__nombre"] or "Sin ubicar",
        fila["carpeta__caja__estante__clave"] or "",
        fila["carpeta__caja__clave"] or "",
    ]


def inventario_xlsx(usuario, filtros) -> bytes:
    datos = reporte_inventario(usuario, filtros)
    libro = Workbook(write_only=True)
    hoja = libro.create_sheet("Documentos")
    anexar(
        hoja,
        [
            "Archivo",
            "Estante",
            "Caja",
            "Carpeta",
            "Cuenta",
            "Convenio",
            "Tipo",
            "Descripción",
            "Estado",
            "Original",
            "Recibido",
        ],
    )
    for d in inventario_documentos(usuario, filtros).iterator(chunk_size=2000):
        carpeta = d.carpeta
        anexar(
            hoja,
            [
                carpeta.caja.estante.archivo.nombre if carpeta else "Sin ubicar",
                carpeta.caja.estante.clave if carpeta else "",
                carpeta.caja.clave if carpeta else "",
                carpeta.clave if carpeta else "",
                d.legajo.cuenta.numero,
                d.legajo.clave,
                d.tipo.nombre,
                d.descripcion,
                d.get_estado_display(),
                "Sí" if d.original else "No",
                d.recibido,
            ],
        )
    cajas = libro.create_sheet("Por caja")
    anexar(cajas, ["Archivo", "Estante", "Caja", "Total", *[n for _, n in _estados()]])
    for fila in datos["por_caja"]:
        anexar(cajas, [*_caja_fila(fila), fila["total"], *[fila[f"n_{v}"] for v, _ in _estados()]])
    estados = libro.create_sheet("Por estado")
    anexar(estados, ["Estado", "Documentos"])
    for fila in datos["por_estado"]:
        anexar(estados, [fila["nombre"], fila["total"]])
    faltan = libro.create_sheet("Originales faltantes")
    anexar(faltan, ["Cuenta", "Convenio", "Tipo", "Descripción", "Registrado"])
    for d in originales_faltantes(usuario):
        anexar(
            faltan,
            [
                d.legajo.cuenta.numero,
                d.legajo.clave,
                d.tipo.nombre,
                d.descripcion,
                d.registrado.replace(tzinfo=None),
            ],
        )
    salida = BytesIO()
    libro.save(salida)
    return salida.getvalue()


def _estados():
    return Documento.Estado.choices


# --- auditoría ---------------------------------------------------------------------------------


@requiere(ADMINISTRAR)
def auditorias(request):
    if request.method == "POST":
        nuevo = servicios.inventario_iniciar(usuario=request.user)
        return redirect("cobranza:archivo_auditoria", pk=nuevo.pk)
    recientes = Inventario.objects.select_related("usuario")[:20]
    return render(request, "cobranza/archivo/ubicacion/auditorias.html", {"inventarios": recientes})


@requiere(ADMINISTRAR)
def auditoria(request, pk):
    """The scanner page: a handheld reader types the code and Enter; the page reloads with the
    field focused again and the comparison so far."""
    registro = get_object_or_404(Inventario.objects.select_related("usuario"), pk=pk)
    form = LecturaForm(request.POST or None)
    estado = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                lectura = servicios.lectura_registrar(
                    inventario=registro, codigo=form.cleaned_data["codigo"], usuario=request.user
                )
            except ValidationError as exc:
                errores_a_formulario(form, exc)
            else:
                messages.info(request, _leido(lectura))
                return redirect("cobranza:archivo_auditoria", pk=pk)
        estado = 400
    contexto = {"form": form, **inventario_resultado(registro, request.user)}
    return render(request, "cobranza/archivo/ubicacion/auditoria.html", contexto, status=estado)


def _leido(lectura):
    if lectura.legajo_id:
        return f"Expediente {lectura.legajo.cuenta.numero} leído."
    if lectura.caja_id:
        return f"Caja {lectura.caja.clave}: lea ahora los expedientes que contiene."
    return f"Código desconocido: {lectura.codigo}"


@require_POST
@requiere(ADMINISTRAR)
def auditoria_terminar(request, pk):
    registro = get_object_or_404(Inventario, pk=pk)
    try:
        servicios.inventario_terminar(inventario=registro, usuario=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, "Inventario terminado.")
    return redirect("cobranza:archivo_auditoria", pk=pk)


@requiere(ADMINISTRAR)
def auditoria_xlsx(request, pk):
    registro = get_object_or_404(Inventario, pk=pk)
    resultado = inventario_resultado(registro, request.user)
    libro = Workbook(write_only=True)
    hoja = libro.create_sheet("Resultado")
    anexar(hoja, ["Caja", "Resultado", "Expediente", "Documentos esperados", "Ubicado en"])
    for fila in resultado["cajas"]:
        for clave, nombre in (
            ("encontrados", "Encontrado"),
            ("faltantes", "Faltante"),
            ("mal_ubicados", "Mal ubicado"),
        ):
            for item in fila[clave]:
                anexar(
                    hoja,
                    [
                        fila["caja"].clave,
                        nombre,
                        item["texto"],
                        item["documentos"],
                        item.get("ubicado_en", fila["caja"].clave),
                    ],
                )
    for lectura in resultado["desconocidos"]:
        anexar(hoja, ["", "Código desconocido", lectura.codigo, "", ""])
    salida = BytesIO()
    libro.save(salida)
    return _xlsx(salida.getvalue(), f"auditoria_{registro.pk}.xlsx")

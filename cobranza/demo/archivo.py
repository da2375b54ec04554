"""Demo of the archive (called through `demo_sembrada`; idempotent): an archivo with two
estantes and four cajas, the expedientes of the cuentas with convenios or PEC papers (their
generated documents registered), originals received and filed, an INE with its scan, and an
original lent to ventanilla that is already overdue."""

from datetime import timedelta

from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.db.models import Q

from cobranza.archivo.services.expedientes import (
    documento_registrar,
    escaneo_adjuntar,
    generados_registrar,
    legajo_de,
    original_recibir,
)
from cobranza.archivo.services.ubicacion import (
    archivo_crear,
    caja_crear,
    carpeta_crear,
    documento_ubicar,
    estante_crear,
)
from cobranza.models import Archivo, Documento, Prestamo, TipoDocumento
from padron.fechas import hoy
from padron.models import Cuenta

# A one-page PDF, as small as a scanner's blank page.
PDF_MINIMO = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
CAJAS = {"A": ("C-001", "C-002"), "B": ("C-003", "C-004")}


def _ubicaciones(usuario):
    archivo = archivo_crear(nombre="Archivo central", domicilio="Oficina matriz", usuario=usuario)
    carpetas = []
    for clave_estante, cajas in CAJAS.items():
        estante = estante_crear(archivo=archivo, clave=clave_estante, usuario=usuario)
        for clave_caja in cajas:
            caja = caja_crear(
                estante=estante,
                clave=clave_caja,
                descripcion="Convenios y pagarés",
                usuario=usuario,
            )
            carpetas += [
                carpeta_crear(caja=caja, clave=f"{n:02d}", usuario=usuario) for n in (1, 2)
            ]
    return carpetas


def _cuentas_con_papeles(carteras):
    """Cuentas with printed papers (convenios, PEC, credits in recovery), else the first ones."""
    con_papeles = Cuenta.objects.filter(cartera__in=carteras).filter(
        Q(convenios__isnull=False)
        | Q(expedientes__isnull=False)
        | Q(inicio_recuperacion__isnull=False)
    )
    cuentas = list(con_papeles.distinct().order_by("pk")[:40])
    return cuentas or list(Cuenta.objects.filter(cartera__in=carteras).order_by("pk")[:12])


def archivo_demo_crear(sender=None, *, carteras, **kwargs):
    if Archivo.objects.exists():
        return ""
    usuarios = {
        u.username: u
        for u in get_user_model().objects.filter(username__in=("supervisor", "ventanilla"))
    }
    if len(usuarios) < 2:
        return ""
    custodio = usuarios["supervisor"]
    with transaction.atomic():
        carpetas = _ubicaciones(custodio)
        cuentas = _cuentas_con_papeles(carteras)
        comprobante = TipoDocumento.objects.get(clave="comprobante_domicilio")
        for cuenta in cuentas:
            generados_registrar(cuenta)
            # Every expediente opens with the titular's proof of address, received at the desk.
            documento_registrar(
                legajo=legajo_de(cuenta),
                tipo=comprobante,
                descripcion="Recibo de luz",
                usuario=custodio,
            )
        # Two of every three signed originals came back and were filed.
        documentos = Documento.objects.filter(legajo__cuenta__in=cuentas).order_by("pk")
        for n, documento in enumerate(documentos):
            if n % 3 == 2:
                continue  # still waiting for its signed original
            if not documento.recibido:
                documento = original_recibir(documento=documento, usuario=custodio)
            carpeta = carpetas[n % len(carpetas)]
            documento_ubicar(documento=documento, carpeta=carpeta, usuario=custodio)
        if cuentas:
            ine = documento_registrar(
                legajo=legajo_de(cuentas[0]),
                tipo=TipoDocumento.objects.get(clave="ine"),
                descripcion="INE del titular",
                usuario=custodio,
            )
            archivo = SimpleUploadedFile("ine-titular.pdf", PDF_MINIMO, "application/pdf")
            escaneo_adjuntar(documento=ine, archivo=archivo, usuario=custodio)
            documento_ubicar(documento=ine, carpeta=carpetas[0], usuario=custodio)
        prestados = _prestamo_vencido(custodio, usuarios["ventanilla"])
    return (
        f"Archivo: {len(carpetas)} carpetas en 4 cajas, {documentos.count()} documentos en "
        f"{len(cuentas)} expedientes, {prestados} original prestado y vencido."
    )


def _prestamo_vencido(custodio, prestatario) -> int:
    from cobranza.archivo.services.prestamos import prestamo_registrar
    from cobranza.libro.selectors import cuentas_visibles

    documento = (
        Documento.objects.filter(
            original=True,
            estado__in=(Documento.Estado.RECIBIDO, Documento.Estado.ESCANEADO),
            legajo__cuenta__in=cuentas_visibles(prestatario),
        )
        .order_by("pk")
        .first()
    )
    if documento is None:
        return 0
    prestamo = prestamo_registrar(
        documento=documento,
        prestatario=prestatario,
        proposito="Cotejo con el titular en ventanilla",
        vence=hoy(),
        usuario=custodio,
    )
    # Lent two weeks ago for one week: overdue on both home pages from the first day.
    Prestamo.objects.filter(pk=prestamo.pk).update(
        prestado=prestamo.prestado - timedelta(days=14), vence=hoy() - timedelta(days=7)
    )
    return 1

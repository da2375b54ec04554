"""Printed documents of the archive: the vale de préstamo and the acuse de devolución of an
original (with the cartera's letterhead), and the labels: a sheet of 2 × 5 labels per letter
page (Avery-type sheets), each with a QR code and its text. A caja's QR opens
/archivo/cajas/<clave>/ (the audit scanner reads it too); an expediente's QR opens
/expedientes/<pk>/ (the expediente page).

The QR images are drawn from reportlab's encoder into a PNG with Pillow and embedded as data
URIs: renderPM needs a Cairo backend that is not installed, and padron.pdf fetches nothing
but data URIs."""

import base64
from io import BytesIO

from django.conf import settings
from django.urls import NoReverseMatch, reverse
from PIL import Image
from reportlab.graphics.barcode import qrencoder

from padron.membrete import membrete, textos_de_institucion
from padron.pdf import pdf_desde_plantilla

PLANTILLAS = "cobranza/archivo/prestamos"
COLUMNAS, FILAS = 2, 5
BORDE_QR = 4  # quiet zone, in modules


def _de_la_cuenta(cuenta) -> dict:
    return {
        **textos_de_institucion(cuenta.cartera),
        "membrete": membrete(cuenta.cartera),
        "cuenta": cuenta,
        "titular": cuenta.titular,
    }


def vale_pdf(prestamo) -> bytes:
    """The vale a borrower signs when an original leaves the archive."""
    contexto = {
        **_de_la_cuenta(prestamo.documento.legajo.cuenta),
        "prestamo": prestamo,
        "documento": prestamo.documento,
    }
    return pdf_desde_plantilla(f"{PLANTILLAS}/vale_pdf.html", contexto)


def acuse_pdf(devolucion) -> bytes:
    """The acuse the debtor signs when a paid-off original is handed back."""
    contexto = {
        **_de_la_cuenta(devolucion.documento.legajo.cuenta),
        "devolucion": devolucion,
        "documento": devolucion.documento,
    }
    return pdf_desde_plantilla(f"{PLANTILLAS}/acuse_pdf.html", contexto)


def url_absoluta(ruta: str) -> str:
    """The address printed in a QR: SITIO_URL + path, or the path alone if it is not set."""
    return f"{settings.SITIO_URL}{ruta}" if settings.SITIO_URL else ruta


def url_caja(caja) -> str:
    return url_absoluta(reverse("cobranza:archivo_caja", args=[caja.clave]))


def url_legajo(legajo) -> str:
    try:
        ruta = reverse("cobranza:legajo", args=[legajo.pk])
    except NoReverseMatch:  # the expediente pages are wired by another part of the app
        ruta = f"/expedientes/{legajo.pk}/"
    return url_absoluta(ruta)


def qr_imagen(texto: str, escala: int = 4) -> Image.Image:
    qr = qrencoder.QRCode(None, qrencoder.QRErrorCorrectLevel.M)
    qr.addData(texto)
    qr.make()
    modulos = qr.getModuleCount()
    lado = modulos + 2 * BORDE_QR
    imagen = Image.new("1", (lado, lado), 1)
    imagen.putdata(
        [
            0
            if BORDE_QR <= x < modulos + BORDE_QR
            and BORDE_QR <= y < modulos + BORDE_QR
            and qr.isDark(y - BORDE_QR, x - BORDE_QR)
            else 1
            for y in range(lado)
            for x in range(lado)
        ]
    )
    return imagen.resize((lado * escala, lado * escala), Image.Resampling.NEAREST)


def qr_png(texto: str) -> bytes:
    salida = BytesIO()
    qr_imagen(texto).save(salida, "PNG")
    return salida.getvalue()


def qr_data_uri(texto: str) -> str:
    return "data:image/png;base64," + base64.b64encode(qr_png(texto)).decode("ascii")


def _hojas(etiquetas: list[dict]) -> list[list[list[dict]]]:
    """Pages of rows of COLUMNAS labels; the last row is padded with blanks."""
    por_hoja = COLUMNAS * FILAS
    hojas = []
    for inicio in range(0, len(etiquetas), por_hoja):
        hoja = etiquetas[inicio : inicio + por_hoja]
        filas = [hoja[i : i + COLUMNAS] for i in range(0, len(hoja), COLUMNAS)]
        filas[-1] = filas[-1] + [None] * (COLUMNAS - len(filas[-1]))
        hojas.append(filas)
    return hojas


def _pdf(etiquetas, titulo) -> bytes:
    contexto = {"hojas": _hojas(etiquetas), "titulo": titulo}
    return pdf_desde_plantilla("cobranza/archivo/ubicacion/etiquetas_pdf.html", contexto)


def etiquetas_cajas_pdf(cajas) -> bytes:
    """Cajas with estante__archivo selected."""
    etiquetas = []
    for caja in cajas:
        url = url_caja(caja)
        etiquetas.append(
            {
                "qr": qr_data_uri(url),
                "titulo": f"CAJA {caja.clave}",
                "lineas": [
                    f"{caja.estante.archivo.nombre} · estante {caja.estante.clave}",
                    caja.descripcion,
                ],
                "url": url,
            }
        )
    return _pdf(etiquetas, "Etiquetas de cajas")


def etiquetas_expedientes_pdf(legajos) -> bytes:
    """Legajos with cuenta__titular selected (already filtered by legajos_visibles)."""
    etiquetas = []
    for legajo in legajos:
        url = url_legajo(legajo)
        cuenta = legajo.cuenta
        etiquetas.append(
            {
                "qr": qr_data_uri(url),
                "titulo": f"EXPEDIENTE {cuenta.numero}",
                "lineas": [
                    cuenta.titular.nombre_completo,
                    f"Convenio {legajo.clave}" if legajo.clave else "Expediente de la cuenta",
                ],
                "url": url,
            }
        )
    return _pdf(etiquetas, "Etiquetas de expedientes")

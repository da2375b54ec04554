"""The convenio and constancia PDFs, read back."""

from decimal import Decimal
from io import BytesIO

import pytest
from pypdf import PdfReader

from cobranza.libro.services.pagos import pago_registrar
from convenios.documentos.documentos import constancia_pdf, convenio_pdf
from convenios.documentos.services import constancia_emitir
from convenios.negociacion.simulacion import Terminos
from convenios.services.convenios import convenio_capturar, convenio_firmar
from tests.convenios.conftest import HOY

pytestmark = pytest.mark.fecha


def _texto(contenido):
    return " ".join(pagina.extract_text() for pagina in PdfReader(BytesIO(contenido)).pages)


def test_convenio_y_constancia_en_pdf(deudor, politica, crear_usuario):
    ventanilla = crear_usuario("ventanilla", first_name="Ana", last_name="Moreno")
    convenio = convenio_capturar(
        cuenta=deudor,
        alternativa=politica["parcialidades"],
        capturado_por=ventanilla,
        dia=HOY,
        terminos=Terminos(numero_parcialidades=6, descuento_recargos_pct=Decimal("0")),
    )
    convenio_firmar(convenio=convenio, usuario=ventanilla, dia=HOY)
    texto = _texto(convenio_pdf(convenio))
    assert convenio.folio in texto and deudor.numero in texto
    assert "$3,300.00" in texto and "$660.00" in texto and "$440.00" in texto

    pago_registrar(cuenta=deudor, monto="3300.00", registrado_por=crear_usuario("caja"), fecha=HOY)
    constancia = constancia_emitir(cuenta=deudor, usuario=ventanilla, dia=HOY)
    texto = _texto(constancia_pdf(constancia, "https://cobranza.example.mx/verificar/"))
    assert (
        constancia.folio in texto and constancia.codigo in texto and "no presenta adeudo" in texto
    )

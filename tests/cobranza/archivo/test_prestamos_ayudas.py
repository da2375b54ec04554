"""What the loan and finiquito tests share: originals in an expediente, and a custodian, a
lawyer with his assigned cuenta and another lawyer (no tests here)."""

from datetime import timedelta

from django.core.files.base import ContentFile

from cobranza.archivo.services.expedientes import legajo_de
from cobranza.asignacion.services import asignacion_cambiar
from cobranza.models import Documento, Escaneo, TipoDocumento
from padron.fechas import hoy
from tests.factories import CuentaFactory

Estado = Documento.Estado


def original(cuenta, tipo="pagare", clave="", estado=Estado.RECIBIDO, descripcion="núm. 1"):
    return Documento.objects.create(
        legajo=legajo_de(cuenta, clave),
        tipo=TipoDocumento.objects.get(clave=tipo),
        descripcion=descripcion,
        estado=estado,
        original=True,
        recibido=hoy(),
    )


def escaneo(documento, usuario):
    return Escaneo.objects.create(
        documento=documento,
        archivo=ContentFile(b"%PDF-1.4 prueba", name="pagare.pdf"),
        nombre="pagare.pdf",
        tipo_contenido="application/pdf",
        tamano=15,
        sha256="a" * 64,
        subido_por=usuario,
    )


def en_una_semana():
    return hoy() + timedelta(days=7)


def crear_escenario(crear_usuario):
    """Cuenta A assigned to abogado 1; cuenta B to abogado 2; a pagaré original in each."""
    supervisor = crear_usuario("supervisor")
    custodio = crear_usuario("ventanilla", first_name="Rosa", last_name="Archivo")
    abogado_1 = crear_usuario(
        "abogado_externo", first_name="Luis", last_name="Quiroga", email="luis@example.mx"
    )
    abogado_2 = crear_usuario("abogado_externo", first_name="Ana", last_name="Mendívil")
    cuenta_a, cuenta_b = CuentaFactory(), CuentaFactory()
    for cuenta, abogado in ((cuenta_a, abogado_1), (cuenta_b, abogado_2)):
        asignacion_cambiar(cuenta=cuenta, asignado_a=abogado, asignado_por=supervisor, motivo="PEC")
    return {
        "supervisor": supervisor,
        "custodio": custodio,
        "abogado_1": abogado_1,
        "abogado_2": abogado_2,
        "a": cuenta_a,
        "b": cuenta_b,
        "pagare_a": original(cuenta_a),
        "pagare_b": original(cuenta_b),
    }

"""Fixtures of the custody stories: scans stored in a temporary folder, the custodian, and a
small PDF/PNG as a scanner would produce them."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from tests.convenios.conftest import deudor, politica  # noqa: F401 (fixtures for the stories)

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


@pytest.fixture(autouse=True)
def medios(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    return tmp_path / "media"


@pytest.fixture
def custodio(crear_usuario):
    return crear_usuario("supervisor", username="custodio", first_name="Irma", last_name="Vega")


def pdf(nombre="ine.pdf", contenido=PDF):
    return SimpleUploadedFile(nombre, contenido, content_type="application/pdf")


def png(nombre="comprobante.png"):
    return SimpleUploadedFile(nombre, PNG, content_type="image/png")

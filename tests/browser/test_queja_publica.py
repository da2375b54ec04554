"""User story: a person files a queja on the public page without logging in, keeps the folio
and the clave, comes back after ventanilla answered, reads the answer and rates it."""

import re

import pytest
from django.core.cache import cache

from cobranza.atencion.services.quejas import queja_responder
from cobranza.models import Queja


@pytest.fixture(autouse=True)
def sin_limites_previos():
    cache.clear()  # the rate limit counts per address in the cache, shared with other tests
    yield
    cache.clear()


def test_presenta_una_queja_y_la_sigue_por_folio(pagina, reloj, crear_usuario):
    pagina.goto("/publico/quejas/nueva/")
    # The honeypot is there for bots but off the screen for people.
    assert pagina.locator("#id_sitio_web").bounding_box()["x"] < 0
    pagina.select_option("#id_tipo", "queja")
    pagina.fill("#id_descripcion", "La fuga en la calle Morelos lleva tres semanas sin atenderse.")
    pagina.fill("#id_contacto", "662 123 4567")
    reloj.shift(10)  # people take a while to write; bots post at once
    pagina.click("button:has-text('Enviar')")

    folio = pagina.locator("#folio").inner_text()
    clave = pagina.locator("#clave").inner_text()
    assert re.fullmatch(r"Q\d{2}-\d{6}", folio) and len(clave) == 8

    queja_responder(
        queja=Queja.objects.get(folio=folio),
        respuesta="Operación reparó la fuga el martes.",
        usuario=crear_usuario("ventanilla"),
    )

    pagina.goto("/publico/quejas/consulta/")
    pagina.fill("#id_folio", folio)
    pagina.fill("#id_clave", clave.lower())
    pagina.click("button:has-text('Consultar')")
    assert pagina.locator("#estado").inner_text() == "Respondida"
    assert pagina.locator("#respuesta").inner_text() == "Operación reparó la fuga el martes."

    pagina.check("input[name=satisfaccion][value='4']")
    pagina.click("button:has-text('Enviar calificación')")
    assert pagina.locator("#aviso").inner_text() == "Gracias por calificar la respuesta."
    assert pagina.locator("#calificacion").inner_text() == "Satisfecho"
    assert pagina.locator("#form-calificar").count() == 0
    assert Queja.objects.get(folio=folio).satisfaccion == 4

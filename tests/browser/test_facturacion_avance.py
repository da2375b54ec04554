"""User story: a supervisor uploads the month's billing file, watches the progress bar move
to the end while the worker reads it, opens the run, and another supervisor authorises it."""

import csv
import threading

import pytest
from django.db import connections

from cobranza.facturacion.models import CorridaFacturacion
from cobranza.models import Cargo
from padron.importacion import tasks
from tests.factories import CarteraFactory, CuentaFactory

FILAS = 1500


def _trabajador_diferido(monkeypatch):
    """Stand-in for the Celery worker: the job starts a moment after the upload, in another
    thread, so the page has to poll to see it advance (the suite's Celery runs eagerly)."""

    def diferir(importacion_id):
        def correr():
            try:
                tasks.procesar_importacion.run(importacion_id)
            finally:
                connections.close_all()

        threading.Timer(1.0, correr).start()

    monkeypatch.setattr(tasks.procesar_importacion, "delay", diferir)


@pytest.mark.hoy("2026-11-18")  # November's bills are loaded
def test_la_barra_de_avance_llega_al_final(pagina, entrar, crear_usuario, tmp_path, monkeypatch):
    cartera = CarteraFactory()
    for n in range(FILAS):
        CuentaFactory(numero=f"F-{n:05d}", cartera=cartera)
    archivo = tmp_path / "noviembre.csv"
    with archivo.open("w", newline="", encoding="utf-8") as salida:
        escritor = csv.writer(salida)
        escritor.writerow(
            [
                "numero_cuenta",
                "periodo",
                "lectura_anterior",
                "lectura_actual",
                "consumo_m3",
                "tipo_usuario",
                "agua",
                "fecha_vencimiento",
            ]
        )
        for n in range(FILAS):
            escritor.writerow(
                [f"F-{n:05d}", "2026-11", "100", "118", "18", "domestico", "180.00", "10/12/2026"]
            )
    _trabajador_diferido(monkeypatch)

    entrar(pagina, crear_usuario("supervisor", first_name="Carla"))
    pagina.goto("/facturacion/")
    pagina.select_option("#id_tipo", "facturacion")
    pagina.select_option("#id_cartera", "agua-caborca")
    pagina.fill("#id_periodo", "2026-11")
    pagina.set_input_files("#id_archivo", str(archivo))
    pagina.click("button:has-text('Cargar archivo')")

    barra = pagina.locator("#avance")
    assert int(barra.get_attribute("value")) < 100  # queued: the job has not started yet
    pagina.wait_for_function("document.getElementById('avance').value == 100", timeout=60_000)
    pagina.wait_for_selector("#ir-al-resultado")
    assert "lista para revisión" in pagina.locator("#resultado").inner_text()

    pagina.click("#ir-al-resultado")
    corrida = CorridaFacturacion.objects.get()
    assert corrida.validas == FILAS
    assert pagina.locator("#validas").inner_text() == f"{FILAS:,}"

    otra = pagina.context.browser.new_context(
        base_url=pagina.url.split("/facturacion")[0], locale="es-MX"
    )
    segunda = otra.new_page()
    entrar(segunda, crear_usuario("supervisor", first_name="Aurelio"))
    segunda.goto(f"/facturacion/{corrida.pk}/")
    segunda.click("#autorizar")
    assert "autorizada y aplicada" in segunda.locator(".mensajes").inner_text()
    assert Cargo.objects.filter(corrida=corrida).count() == FILAS
    otra.close()

"""User story: a supervisor imports the padrón, sees the bad row, imports the good ones."""

from tests.factories import CarteraFactory


def test_supervisor_importa_el_padron(pagina, entrar, crear_usuario, tmp_path):
    CarteraFactory()
    archivo = tmp_path / "padron.csv"
    archivo.write_text(
        "numero_cuenta,cartera,nombre,apellido_paterno,clasificacion,sector,ruta\n"
        "1001,agua-caborca,Juan,Pérez,domestica,1,101\n"
        "1002,agua-caborca,Ana,Ruiz,domestica,1,\n",
        encoding="utf-8",
    )
    entrar(pagina, crear_usuario("supervisor"))
    pagina.click("#panel-padron >> text=Importar padrón")

    pagina.set_input_files("#id_archivo", str(archivo))
    pagina.click("button:has-text('Importar')")
    assert "No se importó nada" in pagina.locator("#resultado").inner_text()
    fila = pagina.locator("#errores tbody tr").first.inner_text()
    assert "fila 3" in fila and "ruta" in fila and "La ruta es obligatoria" in fila

    pagina.goto("/padron/importar/")
    pagina.set_input_files("#id_archivo", str(archivo))
    pagina.check("#id_parcial")
    pagina.click("button:has-text('Importar')")
    assert "1 cuentas nuevas" in pagina.locator("#resultado").inner_text()
    with pagina.expect_download() as descarga:
        pagina.click("text=Descargar las filas rechazadas")
    assert descarga.value.suggested_filename == "padron.csv.rechazados.csv"
    pagina.screenshot(path=str(tmp_path / "importar.png"), full_page=True)

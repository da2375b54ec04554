"""User story: the Coordinador de Seguimiento finds a ministración waiting on her home page,
files the student's constancia and releases it; at the end of the periodo she records the
egreso with the título. Seven months later the daily job starts the recovery, and the
egresado pays his first mensualidad at the caja: the interest is covered first."""

from decimal import Decimal

from cobranza.credito.tasks import mensualidades_credito
from cobranza.models import Cargo, Concepto
from padron.fechas import hoy

D = Decimal


def test_de_estudiante_a_egresado_y_su_primer_pago(
    pagina, entrar, estudiante, personal, reloj, tmp_path
):
    credito = estudiante(liberadas=(D("5000.00"),), pendientes=(D("5000.00"),))
    numero = credito.cuenta.numero
    constancia = tmp_path / "constancia.pdf"
    constancia.write_bytes(b"%PDF-1.4\n% constancia de estudios\n")

    entrar(pagina, personal["seguimiento"])
    pagina.goto("/")
    waiting = pagina.locator("#pendientes-ministraciones")
    assert numero in waiting.inner_text()
    waiting.locator(f"text={numero}").click()

    periodo = credito.ministraciones.last().periodo
    pagina.fill("#form-estatus #id_periodo", periodo)
    pagina.select_option("#form-estatus #id_estatus", "regular")
    pagina.select_option("#form-estatus #id_tipo_evidencia", "constancia")
    pagina.set_input_files("#form-estatus #id_evidencia", str(constancia))
    pagina.click("#form-estatus button[type=submit]")
    pagina.locator("#ministraciones button:has-text('Liberar')").click()
    assert (
        "Liberada"
        in pagina.locator(f"#ministracion-{credito.ministraciones.last().periodo}").inner_text()
    )

    pagina.fill("#form-estatus #id_periodo", periodo)
    pagina.select_option("#form-estatus #id_estatus", "titulado")
    pagina.select_option("#form-estatus #id_tipo_evidencia", "titulo")
    pagina.set_input_files("#form-estatus #id_evidencia", str(constancia))
    pagina.click("#form-estatus button[type=submit]")
    assert pagina.locator("#etapa").inner_text() == "Egresado, en periodo de gracia"
    credito.cuenta.refresh_from_db()
    inicio = credito.cuenta.inicio_recuperacion
    assert pagina.locator("#inicio-recuperacion").inner_text() == f"{inicio:%d/%m/%Y}"

    # The grace is over: the 12th of the month recovery starts, the nightly job has run.
    reloj.move_to(inicio.replace(day=12).isoformat() + "T09:00-07:00")
    mensualidades_credito()
    entrar(pagina, personal["caja"])  # months later: a new day, a new session
    pagina.goto(f"/cuentas/{numero}/")
    tabla = pagina.locator("#credito")
    assert "$10,000.00 a 12 meses" in tabla.inner_text()
    assert "Por vencer: $9,773.37" in tabla.inner_text()  # months 2 to 12

    pagina.goto(f"/cuentas/{numero}/pagar/")
    pagina.fill("#id_monto", "300.00")
    pagina.click("button:has-text('Registrar pago')")
    assert pagina.locator("#saldo-despues").inner_text() == "$588.49"
    interes = Cargo.objects.get(cuenta=credito.cuenta, concepto=Concepto.INTERES)
    capital = Cargo.objects.get(cuenta=credito.cuenta, concepto=Concepto.CAPITAL)
    assert (interes.saldo, capital.saldo) == (D("0.00"), D("588.49"))
    assert capital.fecha_vencimiento == hoy().replace(day=10)

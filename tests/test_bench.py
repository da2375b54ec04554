"""The pure parts of `make bench`: percentiles, the docs section rewrite, the load loop."""

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from bench.carga_http import Conexion, correr
from bench.estadistica import percentil, resumen
from bench.informe import archivo_actualizar, seccion_reescribir, tabla
from bench.principal import main


def test_percentiles_interpolan_entre_rangos():
    valores = [4, 1, 3, 2]
    assert percentil(valores, 0) == 1
    assert percentil(valores, 50) == 2.5
    assert percentil(valores, 95) == pytest.approx(3.85)
    assert percentil(valores, 100) == 4
    assert percentil([7], 95) == 7
    assert percentil(list(range(1, 101)), 95) == pytest.approx(95.05)


def test_percentil_de_nada_es_un_error():
    with pytest.raises(ValueError):
        percentil([], 50)
    with pytest.raises(ValueError):
        percentil([1], 101)


def test_resumen_en_milisegundos():
    r = resumen([0.010, 0.020, 0.030, 0.040], errores=1, duracion_s=2)
    assert r["n"] == 4 and r["errores"] == 1 and r["rps"] == 2
    assert r["p50_ms"] == pytest.approx(25)
    assert resumen([], errores=3, duracion_s=1)["p95_ms"] is None


def test_la_seccion_se_reescribe_y_lo_demas_se_conserva():
    texto = (
        "# Benchmarks\n\nIntro a mano.\n\n"
        "<!-- bench:libro -->\nviejo\n<!-- /bench:libro -->\n\n"
        "## Análisis\nNotas que no se tocan.\n\n"
        "<!-- bench:reportes -->\nde otro issue\n<!-- /bench:reportes -->\n"
    )
    nuevo = seccion_reescribir(texto, "libro", "## Libro\n| a | b |")
    assert "viejo" not in nuevo
    assert "<!-- bench:libro -->\n## Libro\n| a | b |\n<!-- /bench:libro -->" in nuevo
    assert "Intro a mano." in nuevo and "Notas que no se tocan." in nuevo
    assert "de otro issue" in nuevo
    assert seccion_reescribir(nuevo, "libro", "## Libro\n| a | b |") == nuevo


def test_una_marca_nombrada_en_el_texto_no_es_la_seccion():
    # The prose names the 1M marker; rewriting from there used to delete every section
    # between that line and the real one.
    texto = (
        "Las secciones de 1M (`<!-- bench:libro-1m -->`, ...) van aparte.\n\n"
        "<!-- bench:cortes -->\ncortes a 200k\n<!-- /bench:cortes -->\n\n"
        "<!-- bench:libro-1m -->\nviejo\n<!-- /bench:libro-1m -->\n"
    )
    nuevo = seccion_reescribir(texto, "libro-1m", "nuevo")
    assert "cortes a 200k" in nuevo and "viejo" not in nuevo
    assert nuevo.startswith("Las secciones de 1M (`<!-- bench:libro-1m -->`, ...)")


def test_una_seccion_nueva_va_al_final(tmp_path):
    ruta = tmp_path / "benchmarks.md"
    archivo_actualizar(ruta, {"libro": "## Libro\nuno"})
    archivo_actualizar(ruta, {"reportes": "## Reportes\ndos"})
    archivo_actualizar(ruta, {"libro": "## Libro\ntres"})
    texto = ruta.read_text()
    assert texto.startswith("# Benchmarks")
    assert texto.index("tres") < texto.index("dos")
    assert "uno" not in texto


def test_tabla_markdown():
    assert tabla([("búsqueda p95", "12.0 ms")], ("medición", "resultado")) == (
        "| medición | resultado |\n|---|---|\n| búsqueda p95 | 12.0 ms |"
    )


def test_sin_postgresql_explica_que_falta(monkeypatch, capsys):
    monkeypatch.setenv("DATABASE_URL", "sqlite:///var/x.sqlite3")
    assert main() == 2
    assert "DATABASE_URL" in capsys.readouterr().err


class _Respuestas(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive, as gunicorn's gthread workers

    def do_GET(self):
        cuerpo = b"{}"
        self.send_response(200 if self.path.startswith("/ok") else 500)
        self.send_header("Content-Length", str(len(cuerpo)))
        if self.path.startswith("/ok/cierra"):
            self.send_header("Connection", "close")
            self.close_connection = True
        self.end_headers()
        self.wfile.write(cuerpo)

    def do_POST(self):
        """Echo what arrived: the path, two headers and the body."""
        recibido = self.rfile.read(int(self.headers["Content-Length"]))
        cuerpo = json.dumps(
            {
                "ruta": self.path,
                "token": self.headers["Authorization"],
                "tipo": self.headers["Content-Type"],
                "datos": json.loads(recibido),
            }
        ).encode()
        self.send_response(201)
        self.send_header("Content-Length", str(len(cuerpo)))
        self.end_headers()
        self.wfile.write(cuerpo)

    def log_message(self, *args):
        pass


@pytest.fixture
def servidor():
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Respuestas)
    hilo = threading.Thread(target=httpd.serve_forever, daemon=True)
    hilo.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def test_la_carga_se_detiene_en_el_maximo_y_cuenta_errores(servidor):
    def peticion(rng):
        return "GET", "/ok" if rng.random() < 0.5 else "/mal", {}

    fase = correr(servidor, peticion, clientes=4, duracion_s=30, max_peticiones=60, cabeceras={})
    assert len(fase.latencias) + fase.errores == 60
    assert fase.errores > 0 and fase.latencias
    assert fase.ejemplos_error[0].startswith("500 /mal")
    assert fase.resumen()["errores"] == fase.errores


def test_la_conexion_manda_json_parametros_y_cabeceras_y_se_reconecta(servidor):
    conexion = Conexion(servidor, {"Authorization": "Token uno"})
    estado, cuerpo = conexion.pedir(
        "POST", "/pagos/", datos={"monto": "10.50"}, params={"q": "López 12"}
    )
    assert estado == 201
    assert json.loads(cuerpo) == {
        "ruta": "/pagos/?q=L%C3%B3pez+12",
        "token": "Token uno",
        "tipo": "application/json",
        "datos": {"monto": "10.50"},
    }
    otra = conexion.pedir("POST", "/", datos={}, cabeceras={"Authorization": "Token dos"})
    assert json.loads(otra[1])["token"] == "Token dos"
    # The server closes after this answer: the next request opens a new connection.
    assert conexion.pedir("GET", "/ok/cierra")[0] == 200
    assert conexion.pedir("GET", "/ok")[0] == 200
    conexion.cerrar()


def test_la_carga_se_detiene_al_acabar_el_tiempo(servidor):
    fase = correr(
        servidor,
        lambda rng: ("GET", "/ok", {}),
        clientes=2,
        duracion_s=0.3,
        max_peticiones=10**9,
        cabeceras={},
    )
    assert fase.errores == 0 and fase.latencias
    assert fase.duracion < 5


def test_a_ritmo_de_ventanilla_los_clientes_no_empiezan_todos_a_la_vez(servidor):
    """With a pause, each client starts after a random part of it: without that, all 8 would
    ask at once in the first 0.6 s (a burst no front desk makes) and some twice."""
    fase = correr(
        servidor,
        lambda rng: ("GET", "/ok", {}),
        clientes=8,
        duracion_s=0.6,
        max_peticiones=10**9,
        cabeceras={},
        pausa_s=1.0,
    )
    assert 1 <= len(fase.latencias) < 8 and fase.errores == 0


def test_el_mes_en_curso_de_credito_se_compara_por_cuenta_con_el_de_agua():
    from bench import mediciones  # loads the measurement modules in their order

    _proporcional = mediciones.reportes._proporcional
    # 30,000 credit cuentas in 0.9 s against 170,000 water cuentas in 3.4 s: 30 against 20 µs.
    proporcional = _proporcional((0.9, 30_000), (3.4, 170_000))
    assert "30.0 contra 20.0 µs por cuenta" in proporcional.valor
    assert proporcional.cumple is True
    # Reading the whole ledger's owed cargos: 1.3 s for the same 30,000 is 2.2× a water cuenta.
    assert _proporcional((1.3, 30_000), (3.4, 170_000)).cumple is False


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_limpiar_pasa_vacuum_a_las_tablas_que_se_escribieron():
    # The bench's server may run without autovacuum: what a measurement undoes is vacuumed.
    from django.db import connection

    from bench.mediciones import tablas_limpiar

    def vacuums():
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_stat_clear_snapshot()")
            cursor.execute(
                "SELECT vacuum_count FROM pg_stat_user_tables WHERE relname = 'padron_folio'"
            )
            return cursor.fetchone()[0]

    antes = vacuums()
    tablas_limpiar("padron_folio")
    assert vacuums() == antes + 1

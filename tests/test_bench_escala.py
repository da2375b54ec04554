"""bench/escala.py: the figures at 200k and 1M side by side, with a verdict on their growth."""

import pytest

from bench.escala import cifra, comparacion, escala_leer, resultados_guardar, seccion_escala
from bench.mediciones import Resultado


def test_la_cifra_sale_del_texto_del_resultado():
    assert cifra("3.24 s (74,712 filas)") == (3.24, "s")
    assert cifra("p50 85.0 ms") == pytest.approx((0.085, "s"))
    assert cifra("3.6 min (216 s): 200,000 cuentas") == pytest.approx((216.0, "s"))
    assert cifra("1,234 MiB") == (1234.0, "MiB")
    assert cifra("0 diferencias") is None


def test_el_veredicto_compara_con_el_crecimiento_de_los_datos():
    base = {
        "a|lista": {"nombre": "lista", "valor": "2.0 s"},
        "a|pagina": {"nombre": "página p95", "valor": "40.0 ms"},
        "a|reporte": {"nombre": "reporte", "valor": "1.0 s"},
        "a|memoria": {"nombre": "memoria", "valor": "275 MiB"},
        "a|solo-200k": {"nombre": "solo en 200k", "valor": "1 s"},
    }
    grande = {
        "a|lista": {"nombre": "lista", "valor": "11.0 s"},
        "a|pagina": {"nombre": "página p95", "valor": "45.0 ms"},
        "a|reporte": {"nombre": "reporte", "valor": "1.2 min"},
        "a|memoria": {"nombre": "memoria", "valor": "1,100 MiB"},
    }
    filas = {f[0]: f[3:] for f in comparacion(base, grande, factor=5)}
    assert filas["lista"] == ("5.5×", "lineal (o menos)")
    assert filas["página p95"] == ("1.1×", "no crece con los datos")
    assert filas["reporte"] == ("72.0×", "**más que lineal** (14.4× lo lineal)")
    assert filas["memoria"] == ("4.0×", "lineal (o menos)")
    assert "solo en 200k" not in filas


def test_la_seccion_aparece_cuando_hay_las_dos_escalas(tmp_path):
    resultados_guardar("200k", [Resultado("libro", "conciliar", "2.0 s")], tmp_path)
    resultados_guardar("200k", [Resultado("libro", "carga --cuentas 200,000", "3.5 min")], tmp_path)
    assert seccion_escala(tmp_path) is None
    resultados_guardar("1m", [Resultado("libro", "conciliar", "9.0 s")], tmp_path)
    resultados_guardar("1m", [Resultado("libro", "carga --cuentas 1,000,000", "20 min")], tmp_path)
    # A later run of other measurements keeps the earlier ones.
    resultados_guardar("1m", [Resultado("morosos", "lista", "1.0 s")], tmp_path)

    texto = seccion_escala(tmp_path)

    assert texto.startswith("## Escala: 200k y 1M cuentas")
    assert "| conciliar | 2.0 s | 9.0 s | 4.5× | lineal (o menos) |" in texto
    assert "| carga --cuentas 200,000 | 3.5 min | 20 min | 5.7× | lineal (o menos) |" in texto
    assert "lista" not in texto  # measured at 1M only


def test_una_escala_desconocida_se_explica():
    assert escala_leer(None) == "200k" and escala_leer("1M") == "1m"
    with pytest.raises(SystemExit, match="BENCH_ESCALA"):
        escala_leer("5m")

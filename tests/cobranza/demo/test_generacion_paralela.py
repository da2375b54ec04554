"""seed_demo's blocks generated in several processes: the same rows as in one, and a worker's
failure stops the seed with its error instead of hanging it."""

import multiprocessing
from dataclasses import replace
from datetime import date

import pytest

from cobranza.demo.escritura import Formato
from cobranza.demo.generador import CarteraDemo, Contadores, Generador, Parametros
from cobranza.demo.paralelo import bloques_en_paralelo

HOY = date(2026, 3, 18)
PRELACION = ("gastos_ejecucion", "recargos", "multas_extraordinarios", "principal")
AGUA = CarteraDemo(1, "agua-caborca", PRELACION, 14700, 1000000)
CREDITO = CarteraDemo(2, "creditos-becas-sonora", PRELACION, 10000, 500000)
PARAMETROS = Parametros(cuentas=330, meses=14, seed=5, hoy=HOY, bloque=40)  # 9 blocks


def _contadores():
    # A database that already had rows and receipts: the seed continues after them.
    return Contadores(
        titular=7, cuenta=12, cargo=1001, pago=501, aplicacion=2001, folios={"R25": 17}
    )


def test_en_varios_procesos_los_mismos_renglones_que_en_uno():
    uno = Generador(PARAMETROS, agua=AGUA, credito=CREDITO, cajero_id=9, contadores=_contadores())
    formato = Formato()
    esperados = [formato.textos(bloque) for bloque in uno.bloques()]

    contadores = _contadores()
    obtenidos = list(
        bloques_en_paralelo(
            PARAMETROS, agua=AGUA, credito=CREDITO, cajero_id=9, contadores=contadores, procesos=3
        )
    )

    assert [b.numero for b in obtenidos] == list(range(9))
    assert [b.textos for b in obtenidos] == esperados
    # The counters end where one process leaves them: the live system's next ids and folios.
    assert contadores == uno.ids
    assert contadores.folios["R25"] > 17
    pagos = "".join(
        texto for b in obtenidos for tabla, _, texto in b.textos if tabla == "cobranza_pago"
    )
    assert "\tR25-000018\t" in pagos and "\tR25-000017\t" not in pagos
    assert sum(b.filas["cuentas"] for b in obtenidos) == 330
    assert multiprocessing.active_children() == []


def test_si_un_proceso_falla_la_carga_se_detiene_con_su_error():
    sin_principal = replace(AGUA, prelacion=PRELACION[:-1])  # rangos() cannot place a concepto
    with pytest.raises(RuntimeError, match="ValueError"):
        list(
            bloques_en_paralelo(
                PARAMETROS,
                agua=sin_principal,
                credito=CREDITO,
                cajero_id=9,
                contadores=Contadores(),
                procesos=2,
            )
        )
    assert multiprocessing.active_children() == []

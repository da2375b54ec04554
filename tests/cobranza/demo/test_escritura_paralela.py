"""seed_demo writes block N in a thread while it generates block N+1: same order, same rows,
and a failure of the COPY stops the seed (its transaction rolls back) instead of vanishing."""

import threading

import pytest

from cobranza.demo.escritura import EscritorEnParalelo


class _Anotador:
    def __init__(self, falla_en=None):
        self.escritos, self.hilos, self.falla_en = [], set(), falla_en

    def escribir(self, bloque):
        self.hilos.add(threading.current_thread().name)
        if bloque == self.falla_en:
            raise RuntimeError(f"COPY falló en el bloque {bloque}")
        self.escritos.append(bloque)


def test_escribe_todos_los_bloques_en_orden_fuera_del_hilo_principal():
    anotador = _Anotador()
    escritor = EscritorEnParalelo(anotador)
    for bloque in range(50):
        escritor.escribir(bloque)
    escritor.terminar()
    assert anotador.escritos == list(range(50))
    assert anotador.hilos == {"seed-copy"}


def test_un_error_del_hilo_llega_al_hilo_principal():
    anotador = _Anotador(falla_en=3)
    escritor = EscritorEnParalelo(anotador)
    with pytest.raises(RuntimeError, match="bloque 3"):
        for bloque in range(50):
            escritor.escribir(bloque)
        escritor.terminar()
    assert anotador.escritos == [0, 1, 2]  # nothing after the failure
    with pytest.raises(RuntimeError, match="bloque 3"):
        escritor.terminar()  # carga.py's `finally` still finds the thread stopped

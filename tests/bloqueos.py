"""Two transactions on PostgreSQL, for tests of who waits for whom: one that takes a lock and
keeps it until told to commit, and an action that refuses to wait for a lock (300 ms)."""

import threading

from django.db import connection, transaction


class Ocupado:
    """Another transaction that takes a lock and keeps it until told to commit."""

    def __init__(self, tomar):
        self.tomado, self.soltar = threading.Event(), threading.Event()
        self.hilo = threading.Thread(target=self._correr, args=(tomar,))

    def _correr(self, tomar):
        try:
            with transaction.atomic():
                tomar()
                self.tomado.set()
                self.soltar.wait(30)
        finally:
            connection.close()

    def __enter__(self):
        self.hilo.start()
        assert self.tomado.wait(30)
        return self

    def __exit__(self, *exc):
        self.soltar.set()
        self.hilo.join()


def sin_esperar(accion):
    """What `accion` returns, or OperationalError if it had to wait for a lock (300 ms)."""
    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL lock_timeout = '300ms'")
        return accion()

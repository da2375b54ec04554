"""A real Celery worker whose first run of the monthly reports hangs after storing them, so
that test_trabajador_muerto.py can kill it with SIGKILL there. Not a test module:

    python -m tests.cobranza.tareas.trabajador_lento <cola> <archivo-marca>
"""

import os
import sys
import time
from pathlib import Path


def main(cola, marca):
    import django

    django.setup()
    from cobranza.reportes import correo

    original = correo.destinatarios_gerencia

    def colgarse_la_primera_vez():
        # Called after the reports are stored, before the e-mail: the middle of the run.
        if not marca.exists():
            marca.write_text(str(os.getpid()))
            time.sleep(300)
        return original()

    correo.destinatarios_gerencia = colgarse_la_primera_vez
    from config.celery import app

    app.worker_main(
        [
            "worker",
            "--pool=solo",
            "-Q",
            cola,
            "--without-gossip",
            "--without-mingle",
            "--without-heartbeat",
            "--loglevel=WARNING",
        ]
    )


if __name__ == "__main__":
    main(sys.argv[1], Path(sys.argv[2]))

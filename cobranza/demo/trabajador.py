"""A seed_demo worker process (cobranza/demo/paralelo.py): generate, report, format.

Its own module, importing Django's models only after `django.setup()`: a spawned process
imports the target's module, and unpickles its arguments, before anything else runs.
"""

import traceback


def trabajar(indice, procesos, argumentos, salida, entrada):
    """A worker: generate its blocks, report their row counts, format them once placed."""
    try:
        import django

        django.setup()
        from cobranza.demo.escritura import Formato
        from cobranza.demo.generador import (
            TABLAS,
            CarteraDemo,
            Contadores,
            Generador,
            Parametros,
            bloques_de,
        )
        from cobranza.demo.paralelo import BloqueEscrito, filas_de

        # Plain dicts: the generator's classes can only be unpickled after django.setup().
        parametros = Parametros(**argumentos["parametros"])
        agua, credito = (CarteraDemo(**argumentos[c]) for c in ("agua", "credito"))
        cajero_id = argumentos["cajero_id"]
        generador = Generador(parametros, agua=agua, credito=credito, cajero_id=cajero_id)
        formato = Formato()
        for numero, inicio, cantidad in bloques_de(parametros)[indice::procesos]:
            generador.ids = propios = Contadores()
            bloque = generador.generar_bloque(numero, inicio, cantidad)
            usados = {t: getattr(propios, t) - 1 for t in TABLAS}
            salida.put(("filas", numero, usados, dict(propios.folios)))
            desplazamiento = entrada.get()
            textos = formato.textos(bloque, desplazamiento)
            escrito = BloqueEscrito(numero, textos, filas_de(bloque), bloque.recargos)
            salida.put(("bloque", numero, escrito))
    except BaseException:
        salida.put(("error", indice, traceback.format_exc()))

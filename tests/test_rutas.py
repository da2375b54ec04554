"""Every URL the product has answered stays where it is.

`tests/rutas.txt` lists each named URL pattern (namespace:name and its route) as it was
when the code was regrouped into one folder per subdomain. Moving code must not move a
page or an endpoint; new ones may be added. Regenerate the file only for a deliberate
change of address: `python -m tests.test_rutas > tests/rutas.txt`.
"""

from pathlib import Path

from django.urls import URLPattern, URLResolver, get_resolver

ARCHIVO = Path(__file__).with_name("rutas.txt")


def rutas(patrones=None, prefijo="", espacio=""):
    """'namespace:name<TAB>route' of every named pattern, include()s walked."""
    for patron in get_resolver().url_patterns if patrones is None else patrones:
        ruta = prefijo + str(patron.pattern)
        if isinstance(patron, URLResolver):
            if patron.namespace == "admin":  # Django's, and it grows with every registered model
                continue
            anidado = f"{espacio}{patron.namespace}:" if patron.namespace else espacio
            yield from rutas(patron.url_patterns, ruta, anidado)
        elif isinstance(patron, URLPattern) and patron.name:
            yield f"{espacio}{patron.name}\t{ruta}"


def test_ninguna_ruta_conocida_cambio_ni_desaparecio():
    conocidas = set(ARCHIVO.read_text().splitlines())
    assert conocidas - set(rutas()) == set()


if __name__ == "__main__":
    import django

    django.setup()
    print("\n".join(sorted(set(rutas()))))

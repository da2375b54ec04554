"""The child process of a measurement: `python -m bench.hijo bench.<module> <arguments>`.

Django is set up before the module is imported: bench.mediciones imports every measurement
module, and some of them import models at their top, which fails before `django.setup()`
(as `python -m bench.morosos` did)."""

import importlib
import os
import sys


def main():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")
    import django

    django.setup()
    modulo, *argumentos = sys.argv[1:]
    importlib.import_module(modulo)._principal(argumentos)


if __name__ == "__main__":
    main()

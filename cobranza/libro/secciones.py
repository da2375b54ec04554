"""Sections other apps add to the account page, without cobranza importing them.

An app registers a function `(request, cuenta) -> dict | None` at start-up; the dict
names a template (`plantilla`) and its context. The account page includes each one
after the estado de cuenta, in registration order. None means "nothing to show".
"""

SECCIONES_DE_CUENTA = []


def seccion_de_cuenta(funcion):
    SECCIONES_DE_CUENTA.append(funcion)
    return funcion


def secciones_para(request, cuenta):
    return [s for funcion in SECCIONES_DE_CUENTA if (s := funcion(request, cuenta))]

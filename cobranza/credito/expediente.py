"""The educational credit's printed letter (start of recovery), for the expediente documental."""

from cobranza.archivo.services.expedientes import Generado, generador


def papeles_de(cuenta):
    if cuenta.inicio_recuperacion:
        yield Generado(
            f"carta_credito:{cuenta.pk}",
            "carta_credito",
            f"Carta de inicio de recuperación ({cuenta.inicio_recuperacion:%d/%m/%Y})",
        )


def registrar():
    generador(papeles_de)

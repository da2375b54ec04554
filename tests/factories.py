"""Factories for the padrón and the ledger. Ledger rows go through the services."""

from datetime import date
from decimal import Decimal

import factory

from padron.models import Cartera, Cuenta, Titular


class CarteraFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Cartera
        django_get_or_create = ("clave",)

    clave = "agua-caborca"
    nombre = "OOMAPAS Caborca"
    tipo = Cartera.Tipo.AGUA
    institucion = (
        "Organismo Operador Municipal de Agua Potable, Alcantarillado y Saneamiento de Caborca"
    )
    tasa_recargo_mensual = Decimal("1.47")
    tope_recargos = Decimal("100")


class CarteraCreditoFactory(CarteraFactory):
    clave = "creditos-hermosillo"
    nombre = "Créditos educativos Hermosillo"
    tipo = Cartera.Tipo.CREDITO
    institucion = "Instituto de Becas y Crédito Educativo del Estado de Sonora"


class TitularFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Titular

    nombre = factory.Sequence(lambda n: ["Juan", "María", "José", "Guadalupe"][n % 4])
    apellido_paterno = "Pérez"
    apellido_materno = "Valenzuela"
    telefono = "6371234567"
    domicilio = "Av. Obregón 123"
    colonia = "Centro"
    municipio = "Caborca"


class CuentaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Cuenta

    numero = factory.Sequence(lambda n: f"{10000 + n}")
    titular = factory.SubFactory(TitularFactory)
    cartera = factory.SubFactory(CarteraFactory)
    clasificacion = Cuenta.Clasificacion.DOMESTICA
    sector = "1"
    ruta = "101"
    manzana = "12"
    domicilio = factory.Sequence(lambda n: f"Calle {n} #{n * 3}")
    colonia = "Centro"
    municipio = "Caborca"
    servicio_agua = True
    servicio_drenaje = True
    clave_catastral = factory.Sequence(lambda n: f"17-001-{n:04d}")
    fecha_alta = date(2020, 1, 1)


def cuenta_con_adeudo(monto="1000.00", **campos) -> Cuenta:
    """A cuenta (CuentaFactory(**campos)) owing one water bill: January 2026, due 20/01/2026."""
    from cobranza.libro.services.cargos import cargo_registrar
    from cobranza.models import Concepto

    cuenta = CuentaFactory(**campos)
    cargo_registrar(
        cuenta=cuenta,
        concepto=Concepto.CONSUMO_AGUA,
        monto=monto,
        periodo=date(2026, 1, 1),
        fecha_emision=date(2026, 1, 1),
        fecha_vencimiento=date(2026, 1, 20),
    )
    return cuenta

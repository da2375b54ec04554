"""The demo policy of each demo cartera: what `make run` offers at the front desk.

Called through cobranza's `demo_sembrada` signal; get_or_create keeps it idempotent
and leaves a supervisor's later edits alone.
"""

from datetime import date
from decimal import Decimal

from convenios.models import Alternativa, Campana, NivelAutorizacion
from padron.fechas import hoy
from padron.models import Cartera

D = Decimal


def _alternativas(cartera):
    credito = cartera.tipo == Cartera.Tipo.CREDITO
    return [
        dict(
            tipo=Alternativa.Tipo.CONTADO,
            nombre="Pago de contado con descuento",
            descuento_recargos_pct=D("100"),
            ventanilla_descuento_pct=D("50"),
        ),
        dict(
            tipo=Alternativa.Tipo.PARCIALIDADES,
            nombre="Convenio a parcialidades",
            descuento_recargos_pct=D("50"),
            ventanilla_descuento_pct=D("25"),
            max_parcialidades=24 if credito else 12,
            ventanilla_max_parcialidades=12 if credito else 6,
            enganche_minimo_pct=D("10") if credito else D("20"),
            parcialidad_minima=D("300") if credito else D("100"),
            ventanilla_monto_maximo=D("60000") if credito else D("15000"),
        ),
        dict(
            tipo=Alternativa.Tipo.REESTRUCTURA,
            nombre="Reestructura de convenio incumplido",
            max_parcialidades=12 if credito else 6,
            ventanilla_max_parcialidades=1,
            enganche_minimo_pct=D("30"),
            revertir_descuento=False,
        ),
        dict(
            tipo=Alternativa.Tipo.CONDICION_ESPECIAL,
            nombre="Descuento a adultos mayores, pensionados y jubilados",
            descuento_recargos_pct=D("100"),
            descuento_principal_pct=D("0") if credito else D("50"),
            ventanilla_descuento_pct=D("100"),
            max_parcialidades=6,
            ventanilla_max_parcialidades=6,
            condiciones=["adulto_mayor", "pensionado", "jubilado", "discapacidad"],
        ),
    ]


def politicas_demo_crear(*, carteras, **_):
    creadas = 0
    for cartera in carteras:
        for datos in _alternativas(cartera):
            _, nueva = Alternativa.objects.get_or_create(
                cartera=cartera, tipo=datos.pop("tipo"), nombre=datos.pop("nombre"), defaults=datos
            )
            creadas += nueva
        for orden, (nombre, permiso, monto, pct) in enumerate(
            (
                ("Supervisión", "convenios.autorizar_convenio", D("100000"), D("75")),
                ("Gerencia", "convenios.autorizar_convenio_mayor", None, D("100")),
            ),
            start=1,
        ):
            NivelAutorizacion.objects.get_or_create(
                cartera=cartera,
                orden=orden,
                defaults={
                    "nombre": nombre,
                    "permiso": permiso,
                    "monto_maximo": monto,
                    "descuento_maximo_pct": pct,
                },
            )
    anio = hoy().year
    campana, nueva = Campana.objects.get_or_create(
        nombre=f"Buen Fin del agua {anio}: 100% de recargos",
        defaults={
            "inicio": date(anio, 11, 1),
            "fin": date(anio, 12, 31),
            "descuento_recargos_pct": D("100"),
            "solo_contado": True,
            "presupuesto": D("500000.00"),
        },
    )
    if nueva:
        campana.carteras.set([c for c in carteras if c.tipo == Cartera.Tipo.AGUA])
    return f"Políticas de convenio demo: {creadas} alternativas nuevas." if creadas else ""

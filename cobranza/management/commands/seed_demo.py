from django.core.management.base import BaseCommand, CommandError

from padron.auditoria import actuando_como
from padron.demo import crear_usuarios_demo


class Command(BaseCommand):
    help = (
        "Carga datos de demostración (padrón de agua y de crédito educativo con su facturación "
        "y pagos) y un usuario por rol (contraseñas impresas). Misma semilla, mismos datos."
    )

    def add_arguments(self, parser):
        parser.add_argument("--cuentas", type=int, default=300, help="número de cuentas")
        parser.add_argument("--meses", type=int, default=12, help="meses de facturación")
        parser.add_argument(
            "--seed", type=int, default=2026, help="semilla (mismo valor, mismos datos)"
        )
        parser.add_argument(
            "--bloque", type=int, default=2000, help="cuentas por bloque escrito (memoria)"
        )
        parser.add_argument(
            "--procesos",
            type=int,
            default=None,
            help="procesos que generan los bloques en PostgreSQL (por omisión, uno por núcleo, "
            "hasta 4; 1 = en este proceso)",
        )
        parser.add_argument("--solo-usuarios", action="store_true", help="solo los usuarios demo")

    def handle(self, *args, **opciones):
        if opciones["cuentas"] < 0 or not 1 <= opciones["meses"] <= 120:
            raise CommandError("--cuentas debe ser >= 0 y --meses entre 1 y 120.")
        if opciones["bloque"] < 1:
            raise CommandError("--bloque debe ser al menos 1.")
        if opciones["procesos"] is not None and opciones["procesos"] < 1:
            raise CommandError("--procesos debe ser al menos 1.")
        with actuando_como():
            usuarios = crear_usuarios_demo()
        self.stdout.write("Usuarios de demostración (usuario / contraseña / rol):")
        for usuario, contrasena, rol in usuarios:
            self.stdout.write(f"  {usuario:<16} {contrasena:<24} {rol}")
        if opciones["solo_usuarios"] or not opciones["cuentas"]:
            return
        from cobranza.demo.carga import demo_cargar

        with actuando_como():
            resumen = demo_cargar(
                cuentas=opciones["cuentas"],
                meses=opciones["meses"],
                seed=opciones["seed"],
                bloque=opciones["bloque"],
                procesos=opciones["procesos"],
                informar=self.stdout.write,
            )
        from cobranza.demo.carga import carteras_demo
        from cobranza.signals import demo_sembrada

        with actuando_como():
            for _, respuesta in demo_sembrada.send(sender=None, carteras=carteras_demo()):
                if respuesta:
                    self.stdout.write(respuesta)
        if resumen.omitido:
            self.stdout.write(
                f"Ya hay {resumen.cuentas:,} cuentas de demostración; no se cargan de nuevo."
            )
            return
        t = resumen.tiempos
        self.stdout.write(
            self.style.SUCCESS(
                f"Datos demo: {resumen.cuentas:,} cuentas, {resumen.titulares:,} titulares, "
                f"{resumen.cargos:,} cargos, {resumen.pagos:,} pagos, "
                f"{resumen.aplicaciones:,} aplicaciones en {t['total']:.1f} s "
                f"(filas {t['filas']:.1f} s, índices {t['indices']:.1f} s, "
                f"saldos {t['saldos']:.1f} s)."
            )
        )

from django.core.management.base import BaseCommand

from padron.auditoria import actuando_como
from padron.demo import crear_usuarios_demo


class Command(BaseCommand):
    help = "Carga datos de demostración y un usuario por rol (contraseñas impresas)."

    def add_arguments(self, parser):
        parser.add_argument("--cuentas", type=int, default=300, help="número de cuentas")
        parser.add_argument("--meses", type=int, default=12, help="meses de facturación")
        parser.add_argument(
            "--seed", type=int, default=2026, help="semilla (mismo valor, mismos datos)"
        )
        parser.add_argument("--solo-usuarios", action="store_true", help="solo los usuarios demo")

    def handle(self, *args, **opciones):
        with actuando_como():
            usuarios = crear_usuarios_demo()
        self.stdout.write("Usuarios de demostración (usuario / contraseña / rol):")
        for usuario, contrasena, rol in usuarios:
            self.stdout.write(f"  {usuario:<16} {contrasena:<24} {rol}")

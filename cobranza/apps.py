from django.apps import AppConfig


class CobranzaConfig(AppConfig):
    name = "cobranza"
    verbose_name = "Cobranza"

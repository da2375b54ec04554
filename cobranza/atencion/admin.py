"""The catalogs of atención in the admin: motivos and the áreas with their heads."""

from django.contrib import admin

from cobranza.models import AreaResponsable, MotivoAtencion


@admin.register(MotivoAtencion)
class MotivoAtencionAdmin(admin.ModelAdmin):
    list_display = ["nombre", "orden", "activo"]
    list_editable = ["orden", "activo"]


@admin.register(AreaResponsable)
class AreaResponsableAdmin(admin.ModelAdmin):
    list_display = ["nombre", "responsable", "activa"]
    list_editable = ["responsable", "activa"]

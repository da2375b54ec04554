"""The catalog of document types in the admin (locations have their own pages)."""

from django.contrib import admin

from cobranza.models import TipoDocumento


@admin.register(TipoDocumento)
class TipoDocumentoAdmin(admin.ModelAdmin):
    list_display = ["nombre", "clave", "generado", "orden"]
    list_editable = ["orden"]

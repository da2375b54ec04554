"""The padrón in the admin, with each record's history (who, when, why)."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from padron.models import Cartera, CondicionEspecial, Cuenta, Folio, Titular


@admin.register(Cartera)
class CarteraAdmin(SimpleHistoryAdmin):
    list_display = ["clave", "nombre", "tipo", "tasa_recargo_mensual", "tope_recargos", "activa"]
    list_filter = ["tipo", "activa"]
    search_fields = ["clave", "nombre"]


class CondicionEspecialEnLinea(admin.TabularInline):
    model = CondicionEspecial
    extra = 0


@admin.register(Titular)
class TitularAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "tipo_persona", "curp", "rfc", "telefono", "municipio"]
    list_filter = ["tipo_persona", "municipio"]
    search_fields = ["nombre_normalizado", "curp", "rfc"]
    inlines = [CondicionEspecialEnLinea]


@admin.register(Cuenta)
class CuentaAdmin(SimpleHistoryAdmin):
    list_display = ["numero", "titular", "cartera", "estado", "sector", "ruta"]
    list_filter = ["cartera", "estado", "clasificacion"]
    search_fields = ["numero", "clave_catastral", "pagare_folio"]
    list_select_related = ["titular", "cartera"]
    raw_id_fields = ["titular"]


@admin.register(CondicionEspecial)
class CondicionEspecialAdmin(SimpleHistoryAdmin):
    list_display = ["titular", "tipo", "vigente_desde", "vigente_hasta"]
    list_filter = ["tipo"]
    list_select_related = ["titular"]
    raw_id_fields = ["titular"]


@admin.register(Folio)
class FolioAdmin(admin.ModelAdmin):
    list_display = ["serie", "ultimo"]

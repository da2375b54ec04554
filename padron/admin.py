"""The padrón in the admin, with each record's history (who, when, why)."""

from django.contrib import admin
from django.contrib.auth.admin import GroupAdmin
from django.contrib.auth.models import Group
from simple_history.admin import SimpleHistoryAdmin

from padron.models import Cartera, CondicionEspecial, Cuenta, Folio, Titular
from padron.roles import POR_CLAVE


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


# A role's permissions are its row in padron.roles.ROLES (what a request grants, and what every
# migrate writes back): shown read-only here. Groups made here are edited as usual.
admin.site.unregister(Group)


@admin.register(Group)
class GrupoAdmin(GroupAdmin):
    def get_readonly_fields(self, request, obj=None):
        if obj is not None and obj.name in POR_CLAVE:
            return ("name", "permissions")
        return super().get_readonly_fields(request, obj)
